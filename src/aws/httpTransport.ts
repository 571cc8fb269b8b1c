// Our own HTTP client for the control plane (the SDK's request handler) and the data plane (a `fetch`), with one
// keep-alive agent per origin route. Inside VS Code's extension host, `http.request` and the global `fetch` are
// patched to resolve the proxy and add certificates on every request (@vscode/proxy-agent): a new agent per
// request. Here the proxy is decided once per origin (proxyConfig.ts) and connections are reused; requests are
// made with `new http.ClientRequest`, which the host does not patch. An HTTP proxy is used through CONNECT
// tunnels (to https and http targets alike), as npm and pip do. No vscode here.
import * as http from 'node:http';
import * as https from 'node:https';
import type { Socket } from 'node:net';
import { Readable } from 'node:stream';
import * as tls from 'node:tls';
import { proxyFor, type ProxyConfig } from './proxyConfig';

export interface TransportOptions extends ProxyConfig {
  /** Trust the OS's certificate store besides Node's roots (VS Code's `http.systemCertificates`). */
  readonly systemCertificates?: boolean;
  /** Extra PEM certificates to trust (a corporate CA). */
  readonly extraCertificates?: readonly string[];
}

export interface SendOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array | Readable;
  signal?: AbortSignal;
  /** Socket idle time allowed before the answer (and between its chunks). Default 15 s. */
  timeoutMs?: number;
}

/** A request that took longer than allowed; the SDK retries errors with this name. */
export class TransportTimeoutError extends Error {
  override readonly name = 'TimeoutError';
  readonly code = 'ETIMEDOUT';
}

export class HttpTransport {
  private agents = new Map<string, http.Agent>();
  private ca: string[] | undefined;

  constructor(
    private options: TransportOptions = {},
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** New settings: connections made under the old ones are closed once idle; requests in flight finish. */
  configure(options: TransportOptions): void {
    this.options = options;
    this.ca = undefined;
    const old = this.agents;
    this.agents = new Map();
    for (const agent of old.values()) agent.destroy();
  }

  /** For logs and tests: where requests to `url` go. */
  route(url: string | URL): string {
    const proxy = proxyFor(new URL(url), this.options, this.env);
    return proxy ? `proxy ${proxy.host}` : 'direct';
  }

  dispose(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  /** One request; resolves with the response once its headers arrived. */
  send(url: URL, opts: SendOptions = {}): Promise<http.IncomingMessage> {
    return new Promise((resolve, reject) => {
      if (opts.signal?.aborted) {
        reject(abortError(opts.signal));
        return;
      }
      const req = new http.ClientRequest({
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port || (url.protocol === 'https:' ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        method: opts.method ?? 'GET',
        headers: opts.headers,
        agent: this.agentFor(url),
      });
      const onAbort = (): void => void req.destroy(abortError(opts.signal));
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      req.setTimeout(opts.timeoutMs ?? 15_000, () => req.destroy(new TransportTimeoutError(`No answer from ${url.host} in time.`)));
      req.once('response', (res) => {
        res.once('close', () => opts.signal?.removeEventListener('abort', onAbort));
        resolve(res);
      });
      req.once('error', (err) => {
        opts.signal?.removeEventListener('abort', onAbort);
        reject(err);
      });
      const body = opts.body;
      if (body instanceof Readable) body.pipe(req);
      else req.end(body);
    });
  }

  /** A `fetch` for the data plane: GET-style requests, redirects never followed (the caller follows them). */
  readonly fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body = typeof init.body === 'string' || init.body instanceof Uint8Array ? init.body : undefined;
    const res = await this.send(url, { method: init.method ?? 'GET', headers, ...(body !== undefined ? { body } : {}), ...(init.signal ? { signal: init.signal } : {}) });
    const status = res.statusCode ?? 500;
    const noBody = status === 204 || status === 205 || status === 304 || init.method === 'HEAD';
    if (noBody) res.resume();
    const responseHeaders = new Headers();
    for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) responseHeaders.append(res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string);
    return new Response(noBody ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status, statusText: res.statusMessage ?? '', headers: responseHeaders });
  };

  /** The keep-alive agent of the route to `url`: direct, or a CONNECT tunnel through the proxy. */
  private agentFor(url: URL): http.Agent {
    const proxy = proxyFor(url, this.options, this.env);
    const key = `${url.protocol}|${proxy?.href ?? 'direct'}`;
    let agent = this.agents.get(key);
    if (!agent) {
      agent = this.createAgent(url.protocol === 'https:', proxy);
      this.agents.set(key, agent);
    }
    return agent;
  }

  private createAgent(secure: boolean, proxy: URL | undefined): http.Agent {
    const base = { keepAlive: true, maxSockets: 32, scheduling: 'lifo' as const };
    // Certificates are checked on direct connections always; `http.proxyStrictSSL: false` relaxes only the proxied.
    const tlsOptions: tls.ConnectionOptions = { ...(this.certificates() ? { ca: this.certificates() } : {}), rejectUnauthorized: proxy ? this.options.strictSSL !== false : true };
    if (!proxy) return secure ? new https.Agent({ ...base, ...tlsOptions }) : new http.Agent(base);
    const tunnel = (options: http.ClientRequestArgs & tls.ConnectionOptions, done: (err: Error | null, socket?: Socket) => void): void => {
      this.openTunnel(proxy, options, secure, tlsOptions).then((s) => done(null, s), (err: unknown) => done(err instanceof Error ? err : new Error(String(err))));
    };
    const agent = secure ? new https.Agent({ ...base, ...tlsOptions }) : new http.Agent(base);
    // Node's Agent accepts a createConnection that answers through its callback.
    (agent as unknown as { createConnection: typeof tunnel }).createConnection = (options, done) => {
      tunnel(options, done);
      return undefined;
    };
    return agent;
  }

  /** CONNECT host:port through the proxy, then TLS to the target over that tunnel when the target is https. */
  private openTunnel(proxy: URL, options: http.ClientRequestArgs & tls.ConnectionOptions, secure: boolean, tlsOptions: tls.ConnectionOptions): Promise<Socket> {
    const host = String(options.hostname ?? options.host ?? '');
    const authority = `${host.includes(':') ? `[${host}]` : host}:${String(options.port ?? (secure ? 443 : 80))}`;
    const headers: Record<string, string> = { host: authority };
    const auth = this.options.proxyAuthorization || (proxy.username ? `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}` : '');
    if (auth) headers['proxy-authorization'] = auth;
    return new Promise((resolve, reject) => {
      const connect = new http.ClientRequest({
        protocol: proxy.protocol,
        hostname: proxy.hostname.replace(/^\[|\]$/g, ''),
        port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
        method: 'CONNECT',
        path: authority,
        headers,
        agent: proxy.protocol === 'https:' ? new https.Agent(tlsOptions) : false,
        timeout: 15_000,
      });
      connect.once('timeout', () => connect.destroy(new TransportTimeoutError(`The proxy ${proxy.host} did not answer in time.`)));
      connect.once('error', reject);
      connect.once('connect', (res, socket) => {
        if (res.statusCode !== 200) {
          socket.destroy();
          reject(Object.assign(new Error(`The proxy ${proxy.host} refused the tunnel to ${authority} (HTTP ${res.statusCode ?? '?'}).`), { code: 'EPROXY' }));
          return;
        }
        if (!secure) {
          resolve(socket);
          return;
        }
        const servername = options.servername ?? (host && !/^[\d.:]+$/.test(host) ? host : undefined);
        const secured = tls.connect({ ...tlsOptions, socket, ...(servername ? { servername } : {}) });
        secured.once('secureConnect', () => resolve(secured));
        secured.once('error', reject);
      });
      connect.end();
    });
  }

  /** Node's roots plus the OS store and extra certificates, once; undefined leaves Node's defaults. */
  private certificates(): string[] | undefined {
    if (this.ca) return this.ca;
    const extra = this.options.extraCertificates ?? [];
    if (!this.options.systemCertificates && extra.length === 0) return undefined;
    const get = (tls as { getCACertificates?: (type: string) => string[] }).getCACertificates;
    // Before Node 22.15 there is no way to read the OS store or NODE_EXTRA_CA_CERTS: Node's defaults (which
    // include NODE_EXTRA_CA_CERTS) beat a list that would leave it out.
    if (!get && extra.length === 0) return undefined;
    const fromNode = (kind: string): readonly string[] => {
      try {
        return get ? get(kind) : [];
      } catch {
        return [];
      }
    };
    const all = new Set<string>([...tls.rootCertificates, ...fromNode('extra'), ...(this.options.systemCertificates ? fromNode('system') : []), ...extra]);
    this.ca = [...all];
    return this.ca;
  }
}

function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : Object.assign(new Error('The request was aborted.'), { name: 'AbortError' });
}
