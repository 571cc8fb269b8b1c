// The extension's HTTP client choice, from VS Code's user-level `http.*` settings: our HttpTransport (keep-alive,
// the proxy decided once per origin) whenever we can honour the user's proxy ourselves, otherwise VS Code's own
// patched stack, which also knows the OS's proxy configuration (PAC, Windows and macOS system proxies).
// Workspace values are ignored: a folder must not choose where our requests and tokens go.
import * as vscode from 'vscode';
import { HttpTransport, type TransportOptions } from '../aws/httpTransport';
import { configuredProxy, type ProxySupport } from '../aws/proxyConfig';

function userValue<T>(section: vscode.WorkspaceConfiguration, key: string): T | undefined {
  const i = section.inspect<T>(key);
  return i?.globalValue ?? i?.defaultValue;
}

export function readNetworkSettings(): TransportOptions {
  const http = vscode.workspace.getConfiguration('http');
  const auth = userValue<string | null>(http, 'proxyAuthorization');
  return {
    proxy: userValue<string>(http, 'proxy') ?? '',
    noProxy: userValue<string[]>(http, 'noProxy') ?? [],
    strictSSL: userValue<boolean>(http, 'proxyStrictSSL') ?? true,
    ...(auth ? { proxyAuthorization: auth } : {}),
    proxySupport: userValue<ProxySupport>(http, 'proxySupport') ?? 'override',
    systemCertificates: userValue<boolean>(http, 'systemCertificates') ?? true,
  };
}

export class Network implements vscode.Disposable {
  readonly transport: HttpTransport;
  private settings: TransportOptions;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.settings = readNetworkSettings();
    this.transport = new HttpTransport(this.settings, env);
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('http')) {
        this.settings = readNetworkSettings();
        this.transport.configure(this.settings);
      }
    });
  }

  /**
   * Ours when a proxy is configured (setting or environment) or proxy support is off, and on Linux, where the
   * system proxy is the environment. Elsewhere without a configured proxy only VS Code knows the OS's proxy.
   */
  get ours(): boolean {
    if (this.settings.proxySupport === 'off') return true;
    // A proxy we cannot tunnel through ourselves (SOCKS, a PAC URL): VS Code's stack, never a silent direct route.
    const raw = this.settings.proxy?.trim() || this.env.https_proxy || this.env.HTTPS_PROXY || this.env.http_proxy || this.env.HTTP_PROXY;
    if (raw) return configuredProxy(this.settings, this.env) !== undefined;
    return this.platform === 'linux';
  }

  /** The data plane's fetch: ours or the host's, decided per request (settings can change). */
  readonly fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => (this.ours ? this.transport.fetch(input, init) : fetch(input, init));

  dispose(): void {
    this.subscription.dispose();
    this.transport.dispose();
  }
}
