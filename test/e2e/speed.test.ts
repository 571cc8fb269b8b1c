// #14 items 5 and 6 in real VS Code: with the user setting `http.proxy` pointing at a local CONNECT proxy, the
// extension's control-plane calls and a hover's data-plane lookup go through that proxy (VS Code itself would
// send loopback requests direct: this is our transport honouring the setting); expanding a repository costs
// at most 2 requests. Screenshots go to test-results/screenshots/speed-*.png.
import * as assert from 'node:assert/strict';
import { startConnectProxy, type ConnectProxy } from '../integration/connectProxy';
import { demoSeed, demoWorkspace, DEMO_ACCESS_KEY_ID } from './fixtures';
import { sessionPerSuite } from './harness';
import { signIn } from './paletteSteps';

const PROFILE = 'codeartifact-e2e';

describe('e2e: through a proxy, and a repository in two requests', function () {
  let proxy: ConnectProxy | undefined;
  before(async () => {
    proxy = await startConnectProxy();
  });
  after(async () => {
    await proxy?.stop();
  });
  const p = (): ConnectProxy => {
    assert.ok(proxy, 'the proxy did not start');
    return proxy;
  };
  const s = sessionPerSuite(() => ({
    name: 'speed',
    seed: demoSeed().seed,
    workspace: demoWorkspace(),
    accessKeyId: DEMO_ACCESS_KEY_ID,
    profile: PROFILE,
    settings: {
      'http.proxy': p().url,
      'codeartifact.defaultRepository': { domain: 'acme', owner: '111122223333', repository: 'shared' },
    },
  }));

  it('signs in; the extension’s requests go through the proxy set in http.proxy', async function () {
    await s().waitForExtensionsActivated();
    await signIn(s(), 'notification');
    await s().openCodeArtifactView();
    await s().treeItem('acme').click();
    await s().treeItem('shared').waitFor();
    const emulatorHost = new URL(s().emulator?.endpoint ?? '').host;
    assert.ok(p().tunnels.includes(emulatorHost), `tunnels: ${p().tunnels.join(', ')}`);
    assert.ok(p().tunneledRequests.some((r) => r.startsWith('POST /v1/domains')), `through the proxy: ${p().tunneledRequests.join(', ')}`);
  });

  it('expands a repository with at most 2 requests, showing exactly its formats', async function () {
    const emulator = s().emulator;
    assert.ok(emulator);
    emulator.resetStats();
    await s().treeItem('shared').click();
    await s().treeItem('npm').waitFor();
    await s().treeItem('Maven').waitFor();
    // Version lookups for the workspace's manifests may run meanwhile; the tree's own operations are these two.
    const ops = emulator.stats.operations;
    assert.deepEqual({ DescribeRepository: ops.DescribeRepository, ListPackages: ops.ListPackages }, { DescribeRepository: 1, ListPackages: 1 }, JSON.stringify(ops));
    await s().screenshot('repository-expanded');
  });

  it('answers a hover whose data-plane lookup went through the proxy', async function () {
    await s().showFile('package.json');
    const text = await s().hoverText('@acme/ui-kit', /from CodeArtifact/);
    assert.match(text, /Latest: 2\.1\.0/);
    // The hover shares the lookup that the manifest's diagnostics may have started: all of it went through the proxy.
    const since = p().tunneledRequests;
    assert.ok(since.some((r) => /^GET \/acme-111122223333\/npm\/shared\/@acme%2fui-kit$/.test(r)), `the packument through the proxy: ${since.join(', ')}`);
    assert.ok(since.some((r) => r.startsWith('POST /v1/package/versions')), `ListPackageVersions through the proxy: ${since.join(', ')}`);
    await s().screenshot('hover-through-proxy');
  });
});
