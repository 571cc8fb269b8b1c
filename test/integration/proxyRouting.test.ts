// HttpTransport against the emulator with and without a local CONNECT proxy: the SDK's control-plane calls and
// the data-plane lookups go through the proxy when one is configured (http.proxy or HTTPS_PROXY), directly when
// not or when NO_PROXY / http.noProxy names the host, and connections are kept alive either way.
import assert from 'node:assert/strict';
import { SdkCodeArtifactApi } from '../../src/aws/codeArtifactApi';
import { CodeArtifactError } from '../../src/aws/errors';
import { HttpTransport, type TransportOptions } from '../../src/aws/httpTransport';
import { bypassesProxy, configuredProxy } from '../../src/aws/proxyConfig';
import { VersionSource } from '../../src/versions/versionSource';
import type { RepositoryTarget } from '../../src/versions/repositoryResolver';
import { startEmulator, type Emulator } from '../emulator/server';
import { OWNER, OWNER_KEY, REGION, versionsSeed } from '../unit/versions/versionsSeed';
import { startConnectProxy, type ConnectProxy } from './connectProxy';

describe('HttpTransport: proxy routing and keep-alive against the emulator', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let proxy: ConnectProxy;
  const made: { dispose(): void }[] = [];
  const target: RepositoryTarget = { domain: 'acme', owner: OWNER, repository: 'shared', format: 'npm', source: 'test' };

  /** An API client and a version source that share one transport, as the extension wires them. */
  const client = (options: TransportOptions, env: NodeJS.ProcessEnv = {}) => {
    const transport = new HttpTransport(options, env);
    const api = new SdkCodeArtifactApi({ region: REGION, endpoint: emu.endpoint, credentials: { accessKeyId: OWNER_KEY, secretAccessKey: 'x' }, transport, maxAttempts: 1 });
    const source = new VersionSource({
      api: () => api,
      getToken: async (domain, owner) => (await api.getAuthorizationToken({ name: domain, owner })).token,
      fetch: transport.fetch,
      connection: () => ({ region: REGION, endpoint: emu.endpoint }),
    });
    made.push(api, transport);
    return { transport, api, source };
  };
  const emulatorHost = () => new URL(emu.endpoint).host;

  before(async () => {
    emu = await startEmulator({ seed: versionsSeed(), port: 0 });
  });
  after(async () => {
    for (const m of made) m.dispose();
    await emu.stop();
  });
  beforeEach(async () => {
    proxy = await startConnectProxy();
    emu.resetStats();
  });
  afterEach(async () => {
    await proxy.stop();
  });

  it('with http.proxy set, control-plane calls and data-plane lookups go through the proxy, over one kept-alive tunnel', async () => {
    const { api, source, transport } = client({ proxy: proxy.url });
    assert.equal(transport.route(emu.endpoint), `proxy ${new URL(proxy.url).host}`);
    const domains = await api.listDomains();
    assert.deepEqual(domains.items.map((d) => d.name), ['acme']);
    const pkg = await source.get({ ecosystem: 'npm', target, namespace: 'acme', name: 'ui-kit' });
    assert.equal(pkg.found, true);
    assert.ok((emu.stats.operations['npm:packument'] ?? 0) >= 1, 'the data plane answered');
    for (let i = 0; i < 10; i++) await api.listDomains();
    assert.ok(proxy.tunnels.length > 0, 'nothing went through the proxy');
    assert.ok(proxy.tunnels.every((t) => t === emulatorHost()), proxy.tunnels.join(', '));
    // 14+ requests (sequential and a few in parallel) over at most as many tunnels as were ever in flight at once.
    assert.ok(emu.stats.requests >= 14, `${emu.stats.requests} requests`);
    assert.ok(proxy.tunnels.length <= 3, `${proxy.tunnels.length} tunnels for ${emu.stats.requests} requests: connections are not reused`);
    assert.deepEqual(proxy.plainRequests, []);
  });

  it('without a proxy, everything goes direct (the proxy sees nothing)', async () => {
    const { api, source, transport } = client({});
    assert.equal(transport.route(emu.endpoint), 'direct');
    await api.listDomains();
    assert.equal((await source.get({ ecosystem: 'npm', target, namespace: 'acme', name: 'ui-kit' })).found, true);
    assert.deepEqual(proxy.tunnels, []);
  });

  it('HTTPS_PROXY from the environment applies when http.proxy is not set; NO_PROXY and http.noProxy send a host direct', async () => {
    const viaEnv = client({}, { HTTPS_PROXY: proxy.url });
    await viaEnv.api.listDomains();
    assert.deepEqual(proxy.tunnels, [emulatorHost()]);
    const noProxyEnv = client({}, { HTTPS_PROXY: proxy.url, NO_PROXY: 'example.com,127.0.0.1' });
    await noProxyEnv.api.listDomains();
    const noProxySetting = client({ proxy: proxy.url, noProxy: ['127.0.0.1'] }, { NO_PROXY: '' });
    await noProxySetting.api.listDomains();
    const off = client({ proxy: proxy.url, proxySupport: 'off' }, { HTTPS_PROXY: proxy.url });
    await off.api.listDomains();
    assert.deepEqual(proxy.tunnels, [emulatorHost()], 'only the first client used the proxy');
  });

  it('sends http.proxyAuthorization (or the proxy URL’s user info) to the proxy; a 407 is a clear network error', async () => {
    await proxy.stop();
    proxy = await startConnectProxy({ requireAuthorization: 'Basic dXNlcjpwYXNz' });
    const withHeader = client({ proxy: proxy.url, proxyAuthorization: 'Basic dXNlcjpwYXNz' });
    await withHeader.api.listDomains();
    const withUserInfo = client({ proxy: proxy.url.replace('http://', 'http://user:pass@') });
    await withUserInfo.api.listDomains();
    assert.equal(proxy.tunnels.length, 2);
    const refused = client({ proxy: proxy.url });
    await assert.rejects(refused.api.listDomains(), (err: unknown) => err instanceof CodeArtifactError && /refused the tunnel.*407/.test(err.message));
  });

  it('a proxy that is down fails the call with an error, not a hang', async () => {
    const down = proxy.url;
    await proxy.stop();
    const { api } = client({ proxy: down });
    await assert.rejects(api.listDomains(), (err: unknown) => err instanceof CodeArtifactError && err.kind === 'networkUnreachable');
    proxy = await startConnectProxy();
  });

  it('faults through the proxy (resets, throttles, cut and slow bodies, garbage) end in typed errors or answers, never a hang, and it recovers', async () => {
    const { api, source } = client({ proxy: proxy.url });
    const lookups = ['ui-kit', 'icons', 'no-such'].map((name) => ({ ecosystem: 'npm' as const, target, namespace: 'acme', name }));
    emu.setFaults('throttle=0.1/retryAfter=0,reset=0.1,slow=0.05/ms=200,truncate=0.1,garbage=0.05');
    let answered = 0;
    let failed = 0;
    try {
      for (let round = 0; round < 15; round++) {
        source.invalidate();
        const results = await Promise.allSettled([api.listDomains(), ...lookups.map((q) => source.get(q))]);
        for (const r of results) {
          if (r.status === 'fulfilled') answered++;
          else if (r.reason instanceof CodeArtifactError || (r.reason instanceof Error && r.reason.name === 'VersionLookupError')) failed++;
          else assert.fail(`an untyped failure: ${String(r.reason)}`);
        }
      }
    } finally {
      emu.setFaults(undefined);
    }
    assert.equal(answered + failed, 60);
    assert.ok(Object.values(emu.stats.faults).reduce((a, b) => a + b, 0) > 0, 'no fault was injected');
    source.invalidate();
    assert.equal((await source.get(lookups[0] as (typeof lookups)[number])).found, true, 'works again once the faults stop');
    assert.deepEqual((await api.listDomains()).items.map((d) => d.name), ['acme']);
  });

  it('reads proxy settings as VS Code does', () => {
    const u = (s: string) => new URL(s);
    assert.equal(configuredProxy({ proxy: 'proxy.corp:3128' }, {})?.href, 'http://proxy.corp:3128/');
    assert.equal(configuredProxy({}, { http_proxy: 'http://a:1' })?.href, 'http://a:1/');
    assert.equal(configuredProxy({ proxy: 'socks5://x:1' }, {}), undefined, 'SOCKS is not ours to tunnel');
    assert.equal(configuredProxy({ proxySupport: 'off', proxy: 'http://a:1' }, {}), undefined);
    const env = { NO_PROXY: '.amazonaws.com, localhost ,10.0.0.1:8443' };
    assert.equal(bypassesProxy(u('https://d-1.codeartifact.us-west-2.amazonaws.com/x'), {}, env), true);
    assert.equal(bypassesProxy(u('https://amazonaws.com/'), {}, env), true);
    assert.equal(bypassesProxy(u('https://notamazonaws.com/'), {}, env), false);
    assert.equal(bypassesProxy(u('http://localhost:9/'), {}, env), true);
    assert.equal(bypassesProxy(u('https://10.0.0.1:8443/'), {}, env), true);
    assert.equal(bypassesProxy(u('https://10.0.0.1/'), {}, env), false, 'another port');
    assert.equal(bypassesProxy(u('https://x.example/'), { noProxy: ['*'] }, {}), true);
    assert.equal(bypassesProxy(u('https://d.amazonaws.com/'), { noProxy: ['other.example'] }, env), false, 'http.noProxy replaces NO_PROXY');
  });
});
