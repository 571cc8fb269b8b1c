// Real yarn berry (4, from @yarnpkg/cli-dist) against the emulator after the Configurator wrote the project
// .yarnrc.yml (npmRegistryServer) and the user ~/.yarnrc.yml (npmRegistries token): install through an
// upstream's external connection, a wrong token is refused, publish then install back, and removal
// restores both files byte for byte.
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe as explain, clientEnv, copyFixture, run, writeFiles } from './helpers';
import { jsClientSeed, OWNER, startClientHarness, YARN_BERRY_JS, type ClientHarness } from './clientHarness';

// The user's own settings, which must survive configure and come back byte for byte on removal.
const PROJECT_YARNRC = '# team settings\nnodeLinker: node-modules   # no PnP here\nenableTelemetry: false\n';
const USER_YARNRC = '# mine\nenableProgressBars: false\n\nnpmRegistries:\n  "//registry.example.com":\n    npmAuthToken: "keep-me"\n';

describe('yarn berry client against the emulator, configured by the Configurator', function () {
  this.timeout(240_000);
  let h: ClientHarness;
  let home: string;
  let work: string;
  let runs = 0;

  before(async () => {
    h = await startClientHarness({ seed: jsClientSeed, prefix: 'yarn' });
    ({ home, work } = h);
    await writeFiles(work, {
      'package.json': JSON.stringify({ name: 'yarn-app', version: '1.0.0', private: true, dependencies: { '@acme/ui-kit': '^2.1.0' } }),
      'yarn.lock': '',
      '.yarnrc.yml': PROJECT_YARNRC,
    });
    await writeFile(join(home, '.yarnrc.yml'), USER_YARNRC, { mode: 0o600 });
  });
  after(async () => {
    await h?.dispose();
  });

  /** yarn with a fresh cache and global folder each run, so every run asks the registry. */
  const yarn = (args: string[], cwd = work, extra: Record<string, string> = {}) => {
    runs++;
    const env = clientEnv(home, {
      ...extra,
      YARN_ENABLE_GLOBAL_CACHE: 'false',
      YARN_CACHE_FOLDER: join(home, `yarn-cache-${runs}`),
      YARN_GLOBAL_FOLDER: join(home, `yarn-global-${runs}`),
      YARN_ENABLE_TELEMETRY: '0',
      YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
      YARN_ENABLE_PROGRESS_BARS: 'false',
      // The emulator speaks plain http on 127.0.0.1; CodeArtifact itself is https, which needs no whitelist.
      YARN_UNSAFE_HTTP_WHITELIST: '127.0.0.1',
    });
    return run(process.execPath, [YARN_BERRY_JS, ...args], { cwd, env, timeoutMs: 180_000 });
  };
  const fresh = async () => {
    await rm(join(work, 'node_modules'), { recursive: true, force: true });
    await writeFile(join(work, 'yarn.lock'), '');
  };

  it('configureYarnBerry → yarn install gets @acme/ui-kit and left-pad, which only the upstream external connection has', async () => {
    await h.configurator.configureYarnBerry({ domain: 'acme', domainOwner: OWNER, repository: 'shared' }, { workspaceFolder: work });
    const version = await yarn(['--version']);
    assert.match(version.stdout, /^4\./, explain(version));
    const r = await yarn(['install']);
    assert.equal(r.code, 0, explain(r, h.issued));
    const uiKit = JSON.parse(await readFile(join(work, 'node_modules/@acme/ui-kit/package.json'), 'utf8')) as { version: string };
    assert.equal(uiKit.version, '2.1.0');
    const leftPad = JSON.parse(await readFile(join(work, 'node_modules/left-pad/package.json'), 'utf8')) as { version: string };
    assert.equal(leftPad.version, '1.3.0');
    const lock = await readFile(join(work, 'yarn.lock'), 'utf8');
    assert.match(lock, /"left-pad@npm:\^1\.3\.0"/);
    // Retained in the requested repository, from the external connection.
    assert.equal(h.storedVersion('npm', undefined, 'left-pad', '1.3.0')?.origin.originType, 'EXTERNAL');
    // The token is only in the user file.
    for (const t of h.issued) assert.ok(!(await readFile(join(work, '.yarnrc.yml'), 'utf8')).includes(t));
    assert.ok(h.issued.length > 0);
  });

  it('with a wrong token in the user ~/.yarnrc.yml yarn fails with an authentication error', async () => {
    await h.withWrongToken(join(home, '.yarnrc.yml'), async () => {
      await fresh();
      const r = await yarn(['install']);
      assert.notEqual(r.code, 0, explain(r, h.issued));
      // yarn's YN0041 is its answer to a 401 from the registry.
      assert.match(r.stdout, /YN0041: .*Invalid authentication/, explain(r, h.issued));
    });
  });

  it('yarn npm publish stores the package in the repository, and yarn add installs it back', async () => {
    const pkg = await copyFixture('npm-publish', join(work, 'pkg'));
    await writeFile(join(pkg, 'yarn.lock'), '');
    // Guard: never let a broken configuration publish the fixture to the public registry.
    let r = await yarn(['config', 'get', 'npmRegistryServer'], pkg);
    assert.match(r.stdout.trim(), /^http:\/\/127\.0\.0\.1:\d+\/acme-111122223333\/npm\/shared\/$/, explain(r, h.issued));
    r = await yarn(['install'], pkg);
    assert.equal(r.code, 0, explain(r, h.issued));
    r = await yarn(['npm', 'publish'], pkg);
    assert.equal(r.code, 0, explain(r, h.issued));
    const published = h.storedVersion('npm', 'acme', 'hello-publish', '1.0.0');
    assert.ok(published, 'the version is stored');
    assert.equal(published.status, 'Published');
    await rm(pkg, { recursive: true, force: true });

    // yarn 4 by default quarantines versions younger than a day (npmMinimalAgeGate: 1d); this one is seconds old.
    r = await yarn(['add', '@acme/hello-publish@1.0.0'], work, { YARN_NPM_MINIMAL_AGE_GATE: '0' });
    assert.equal(r.code, 0, explain(r, h.issued));
    assert.match(await readFile(join(work, 'node_modules/@acme/hello-publish/index.js'), 'utf8'), /hello/);
  });

  it('Remove Configuration restores the project and user .yarnrc.yml byte for byte', async () => {
    await h.configurator.remove();
    assert.equal(await readFile(join(work, '.yarnrc.yml'), 'utf8'), PROJECT_YARNRC);
    assert.equal(await readFile(join(home, '.yarnrc.yml'), 'utf8'), USER_YARNRC);
  });

  it('with a scope, npmScopes sends only @acme to the repository (with the token), and removal again restores the file', async () => {
    await writeFile(join(work, 'package.json'), JSON.stringify({ name: 'yarn-app', version: '1.0.0', private: true, dependencies: { '@acme/hello-publish': '1.0.0' } }));
    await fresh();
    await h.configurator.configureYarnBerry({ domain: 'acme', domainOwner: OWNER, repository: 'shared' }, { workspaceFolder: work, scope: '@acme' });
    assert.match(await readFile(join(work, '.yarnrc.yml'), 'utf8'), /npmScopes:\n\s+acme:\n\s+npmRegistryServer: "http:\/\/127\.0\.0\.1/);
    // A scope has its own npmMinimalAgeGate (default 1d) that the env variable does not reach: age the version.
    const version = h.storedVersion('npm', 'acme', 'hello-publish', '1.0.0');
    assert.ok(version);
    version.publishedTime -= 2 * 24 * 3600 * 1000;
    // Everything outside the scope goes to a closed port, so nothing can come from the public registry.
    const r = await yarn(['install'], work, { YARN_NPM_REGISTRY_SERVER: 'http://127.0.0.1:9' });
    assert.equal(r.code, 0, explain(r, h.issued));
    assert.match(await readFile(join(work, 'node_modules/@acme/hello-publish/index.js'), 'utf8'), /hello/);
    await h.configurator.remove();
    assert.equal(await readFile(join(work, '.yarnrc.yml'), 'utf8'), PROJECT_YARNRC);
    assert.equal(await readFile(join(home, '.yarnrc.yml'), 'utf8'), USER_YARNRC);
  });
});
