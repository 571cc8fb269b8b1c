// Which proxy a request goes through, decided the way VS Code decides it for its own settings: `http.proxy`, else
// the environment's HTTPS_PROXY/HTTP_PROXY; `http.noProxy`, else NO_PROXY, names the hosts that go direct;
// `http.proxySupport: off` means no proxy at all. Decided once per origin by the transport, not per request.
// Pure: no vscode, no network.

export type ProxySupport = 'off' | 'on' | 'fallback' | 'override';

export interface ProxyConfig {
  /** VS Code's `http.proxy`; empty means not set. */
  readonly proxy?: string;
  /** VS Code's `http.noProxy`; when it has entries, NO_PROXY from the environment is ignored (as VS Code does). */
  readonly noProxy?: readonly string[];
  /** VS Code's `http.proxyStrictSSL`: false accepts any certificate on connections through the proxy. */
  readonly strictSSL?: boolean;
  /** VS Code's `http.proxyAuthorization`: the Proxy-Authorization header sent to the proxy. */
  readonly proxyAuthorization?: string;
  readonly proxySupport?: ProxySupport;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The proxy URL from the settings or, failing that, the environment; undefined when none applies. */
export function configuredProxy(config: ProxyConfig, env: Env): URL | undefined {
  if (config.proxySupport === 'off') return undefined;
  const raw = config.proxy?.trim() || env.https_proxy || env.HTTPS_PROXY || env.http_proxy || env.HTTP_PROXY;
  if (!raw) return undefined;
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `target` bypasses the proxy: `*`, an exact host, a `.suffix` or bare domain matching subdomains, an optional `:port`. */
export function bypassesProxy(target: URL, config: ProxyConfig, env: Env): boolean {
  const entries = config.noProxy && config.noProxy.length > 0 ? config.noProxy : (env.no_proxy ?? env.NO_PROXY ?? '').split(/[\s,]+/);
  const host = target.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    const m = /^(.*?)(?::(\d+))?$/.exec(entry.replace(/^\[|\](?=:|$)/g, ''));
    const name = (m?.[1] ?? '').replace(/^\*?\./, '.');
    if (m?.[2] && m[2] !== port) continue;
    if (name.startsWith('.') ? host.endsWith(name) || host === name.slice(1) : host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

/** The proxy for one origin, or undefined for a direct connection. */
export function proxyFor(target: URL, config: ProxyConfig, env: Env): URL | undefined {
  const proxy = configuredProxy(config, env);
  return proxy && !bypassesProxy(target, config, env) ? proxy : undefined;
}
