// The AWS SDK's request handler on top of our HttpTransport (keep-alive, proxy decided once per origin), used in
// place of the SDK's NodeHttpHandler, whose `http.request` the VS Code extension host patches. No vscode here.
import { Readable } from 'node:stream';
import type { HttpHandlerOptions, HttpRequest, HttpResponse, QueryParameterBag } from '@smithy/types';
import type { HttpTransport } from './httpTransport';

/** RFC 3986 unreserved characters stay; everything else is percent-encoded (as the SDK's own handler does). */
function escape(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function queryString(query: QueryParameterBag | undefined): string {
  const parts: string[] = [];
  for (const key of Object.keys(query ?? {}).sort()) {
    const value = query?.[key];
    if (value === null || value === undefined) parts.push(escape(key));
    else for (const v of Array.isArray(value) ? value : [value]) parts.push(`${escape(key)}=${escape(v)}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

export class TransportRequestHandler {
  readonly metadata = { handlerProtocol: 'http/1.1' };

  constructor(
    private readonly transport: HttpTransport,
    private readonly requestTimeoutMs = 15_000,
  ) {}

  async handle(request: HttpRequest, options: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    const port = request.port ? `:${request.port}` : '';
    const url = new URL(`${request.protocol}//${request.hostname}${port}${request.path}${queryString(request.query)}`);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.headers)) headers[k] = v;
    const body: unknown = request.body;
    const res = await this.transport.send(url, {
      method: request.method,
      headers,
      // A streamed payload (PublishPackageVersion's asset) is a Readable: dropping it sent the headers and no body.
      ...(typeof body === 'string' || body instanceof Uint8Array || body instanceof Readable ? { body } : {}),
      ...(options.abortSignal ? { signal: options.abortSignal as AbortSignal } : {}),
      timeoutMs: options.requestTimeout ?? this.requestTimeoutMs,
    });
    const responseHeaders: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) responseHeaders[k] = Array.isArray(v) ? v.join(', ') : v;
    return { response: { statusCode: res.statusCode ?? 500, ...(res.statusMessage ? { reason: res.statusMessage } : {}), headers: responseHeaders, body: res } };
  }

  updateHttpClientConfig(): void {}

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {}
}
