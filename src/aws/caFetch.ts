// A `fetch` for the data-plane lookups that trusts the CA bundle of the user's AWS config (`ca_bundle`,
// AWS_CA_BUNDLE) as the SDK does for the API. Node's global fetch cannot take certificates without the undici
// package, so this speaks node:https and covers what VersionSource asks of fetch: GET, headers, an AbortSignal,
// `redirect: 'manual'`, a streamed body.
import * as http from 'node:http';
import * as https from 'node:https';
import { Readable } from 'node:stream';

export function fetchTrusting(ca: string): typeof fetch {
  const agent = new https.Agent({ keepAlive: true, ca });
  const caFetch = (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input.toString() : input.url);
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, key) => (headers[key] = value));
    return new Promise<Response>((resolve, reject) => {
      const signal = init.signal ?? undefined;
      if (signal?.aborted) {
        reject(signal.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted.', 'AbortError'));
        return;
      }
      const request = (url.protocol === 'https:' ? https : http).request(
        url,
        { method: init.method ?? 'GET', headers, ...(url.protocol === 'https:' ? { agent } : {}), ...(signal ? { signal } : {}) },
        (res) => {
          const responseHeaders = new Headers();
          for (const [key, value] of Object.entries(res.headers)) {
            if (Array.isArray(value)) value.forEach((v) => responseHeaders.append(key, v));
            else if (value !== undefined) responseHeaders.set(key, value);
          }
          const status = res.statusCode ?? 500;
          // A Response may not carry a body for these statuses.
          const noBody = status === 204 || status === 304 || (init.method ?? 'GET') === 'HEAD';
          if (noBody) res.resume();
          resolve(new Response(noBody ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status, statusText: res.statusMessage ?? '', headers: responseHeaders }));
        },
      );
      request.on('error', reject);
      request.end();
    });
  };
  return caFetch;
}
