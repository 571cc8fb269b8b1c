// The extension's HTTP client choice, from VS Code's user-level `http.*` settings: our HttpTransport (keep-alive,
// the proxy decided once per origin) whenever we can honour the user's proxy ourselves, otherwise VS Code's own
// patched stack, which also knows the OS's proxy configuration (PAC, Windows and macOS system proxies).
// Workspace values are ignored: a folder must not choose where our requests and tokens go.
import * as vscode from 'vscode';
import { HttpTransport, type TransportOptions } from '../aws/httpTransport';
import { fetchTrusting } from '../aws/caFetch';
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
  private trusting: { pem: string; transport: HttpTransport } | undefined;
  private hostTrusting: { pem: string; fetch: typeof fetch } | undefined;

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
        if (this.trusting) this.trusting.transport.configure({ ...this.settings, extraCertificates: [this.trusting.pem] });
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

  /**
   * The transport for a connection: the shared one, or (with the profile's `ca_bundle` / AWS_CA_BUNDLE) one that
   * also trusts that bundle, kept while the bundle stays the same.
   */
  transportFor(caBundle: string | undefined): HttpTransport {
    if (!caBundle) return this.transport;
    if (this.trusting?.pem !== caBundle) {
      this.trusting?.transport.dispose();
      this.trusting = { pem: caBundle, transport: new HttpTransport({ ...this.settings, extraCertificates: [caBundle] }, this.env) };
    }
    return this.trusting.transport;
  }

  /** The data plane's fetch for the current connection: ours or the host's, decided per request (settings can change). */
  fetchFor(caBundle: () => string | undefined): typeof fetch {
    return (input, init) => {
      const pem = caBundle();
      if (this.ours) return this.transportFor(pem).fetch(input, init);
      if (!pem) return fetch(input, init);
      if (this.hostTrusting?.pem !== pem) this.hostTrusting = { pem, fetch: fetchTrusting(pem) };
      return this.hostTrusting.fetch(input, init);
    };
  }

  dispose(): void {
    this.subscription.dispose();
    this.transport.dispose();
    this.trusting?.transport.dispose();
  }
}
