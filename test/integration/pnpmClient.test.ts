// Real pnpm (12, the `pnpm` devDependency) against the emulator after the Configurator wrote the project
// .npmrc (registry) and the user ~/.npmrc (token), as configure does for pnpm: install through an upstream's
// external connection, a wrong token is refused, publish then install back, and removal restores both files
// byte for byte.
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jsClientSeed, OWNER, PNPM_JS, startClientHarness, type ClientHarness } from './clientHarness';
import { describe as explain, clientEnv, copyFixture, run, writeFiles } from './helpers';

// The user's own settings, which must survive configure and come back byte for byte on removal.
const PROJECT_NPMRC = '# team settings\nauto-install-peers=true\n';
const USER_NPMRC = '; mine\nfund=false\n//registry.example.com/:_authToken=keep-me\n';

describe('pnpm client against the emulator, configured by the Configurator', function () {
  this.timeout(240_000);
  let h: ClientHarness;
  let home: string;
  let work: string;
  /** A second workspace folder: the package that is published. */
  let pub: string;
  let runs = 0;

  before(async () => {
    const harness = await startClientHarness({ seed: jsClientSeed, prefix: 'pnpm', moreWorkspaces: ['pub'] });
    h = harness;
    ({ home, work } = h);
    const [, second] = harness.workspaces;
    assert.ok(second);
    pub = second;
    await writeFiles(work, {
      'package.json': JSON.stringify({ name: 'pnpm-app', version: '1.0.0', private: true, dependencies: { '@acme/ui-kit': '^2.1.0' } }),
      '.npmrc': PROJECT_NPMRC,
    });
    await writeFile(join(home, '.npmrc'), USER_NPMRC, { mode: 0o600 });
    await copyFixture('npm-publish', pub);
  });
  after(async () => {
    await h?.dispose();
  });

  /** pnpm with a fresh store and cache each run, so every run asks the registry. */
  const pnpm = (args: string[], cwd = work, extra: Record<string, string> = {}) => {
    runs++;
    const env = clientEnv(home, {
      // pnpm keeps its store and metadata cache under these.
      XDG_DATA_HOME: join(home, `data-${runs}`),
      XDG_CACHE_HOME: join(home, `cache-${runs}`),
      XDG_CONFIG_HOME: join(home, '.config'),
      CI: undefined,
      ...extra,
    });
    return run(process.execPath, [PNPM_JS, ...args], { cwd, env, timeoutMs: 180_000 });
  };
  const fresh = async () => {
    await rm(join(work, 'node_modules'), { recursive: true, force: true });
    await rm(join(work, 'pnpm-lock.yaml'), { force: true });
  };

  it('configureNpm → pnpm install gets @acme/ui-kit and left-pad, which only the upstream external connection has', async () => {
    await h.configurator.configureNpm({ domain: 'acme', domainOwner: OWNER, repository: 'shared' }, { workspaceFolder: work });
    const version = await pnpm(['--version']);
    assert.match(version.stdout, /^10\./, explain(version));
    const r = await pnpm(['install']);
    assert.equal(r.code, 0, explain(r, h.issued));
    const uiKit = JSON.parse(await readFile(join(work, 'node_modules/@acme/ui-kit/package.json'), 'utf8')) as { version: string };
    assert.equal(uiKit.version, '2.1.0');
    const lock = await readFile(join(work, 'pnpm-lock.yaml'), 'utf8');
    assert.match(lock, /left-pad@1\.3\.0/);
    assert.equal(h.storedVersion('npm', undefined, 'left-pad', '1.3.0')?.origin.originType, 'EXTERNAL');
    assert.ok(h.issued.length > 0);
    for (const t of h.issued) assert.ok(!(await readFile(join(work, '.npmrc'), 'utf8')).includes(t), 'no token in the project .npmrc');
  });

  it('with a wrong token in the user ~/.npmrc pnpm fails with 401', async () => {
    await h.withWrongToken(join(home, '.npmrc'), async () => {
      await fresh();
      const r = await pnpm(['install']);
      assert.notEqual(r.code, 0, explain(r, h.issued));
      assert.match(r.stdout + r.stderr, /ERR_PNPM_FETCH_401|401 Unauthorized|\b401\b/, explain(r, h.issued));
    });
  });

  it('pnpm publish stores the package in the repository, and pnpm add installs it back', async () => {
    // pnpm, like npm, reads the .npmrc of the package's own folder, not of a parent: configure that folder.
    await h.configurator.configureNpm({ domain: 'acme', domainOwner: OWNER, repository: 'shared' }, { workspaceFolder: pub });
    // Guard: never let a broken configuration publish the fixture to the public registry.
    let r = await pnpm(['config', 'get', 'registry'], pub);
    assert.match(r.stdout.trim(), /^http:\/\/127\.0\.0\.1:\d+\/acme-111122223333\/npm\/shared\/$/, explain(r, h.issued));
    r = await pnpm(['publish', '--no-git-checks'], pub);
    assert.equal(r.code, 0, explain(r, h.issued));
    const published = h.storedVersion('npm', 'acme', 'hello-publish', '1.0.0');
    assert.ok(published, 'the version is stored');
    assert.equal(published.status, 'Published');
    assert.equal(published.summary, 'A tiny package that the npm client test publishes.');

    r = await pnpm(['add', '@acme/hello-publish@1.0.0']);
    assert.equal(r.code, 0, explain(r, h.issued));
    assert.match(await readFile(join(work, 'node_modules/@acme/hello-publish/index.js'), 'utf8'), /hello/);
  });

  it('Remove Configuration restores the project and user .npmrc byte for byte', async () => {
    await h.configurator.remove();
    assert.equal(await readFile(join(work, '.npmrc'), 'utf8'), PROJECT_NPMRC);
    assert.equal(await readFile(join(home, '.npmrc'), 'utf8'), USER_NPMRC);
    // The publish folder had no .npmrc: the one configure created is gone again.
    await assert.rejects(readFile(join(pub, '.npmrc'), 'utf8'), { code: 'ENOENT' });
  });

  it('with a scope, @acme:registry sends only @acme to the repository (with the token), and removal again restores the file', async () => {
    await writeFile(join(work, 'package.json'), JSON.stringify({ name: 'pnpm-app', version: '1.0.0', private: true, dependencies: { '@acme/hello-publish': '1.0.0' } }));
    await fresh();
    await h.configurator.configureNpm({ domain: 'acme', domainOwner: OWNER, repository: 'shared' }, { workspaceFolder: work, scope: '@acme' });
    assert.match(await readFile(join(work, '.npmrc'), 'utf8'), /^@acme:registry=http:\/\/127\.0\.0\.1/m);
    // Everything outside the scope goes to a closed port, so nothing can come from the public registry.
    const r = await pnpm(['install', '--registry=http://127.0.0.1:9/']);
    assert.equal(r.code, 0, explain(r, h.issued));
    assert.match(await readFile(join(work, 'node_modules/@acme/hello-publish/index.js'), 'utf8'), /hello/);
    await h.configurator.remove();
    assert.equal(await readFile(join(work, '.npmrc'), 'utf8'), PROJECT_NPMRC);
    assert.equal(await readFile(join(home, '.npmrc'), 'utf8'), USER_NPMRC);
  });
});
