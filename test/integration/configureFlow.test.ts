// The configure journey end to end below the UI: the Configurator and TokenService (as the commands wire
// them) write the files into a temp HOME and a temp workspace, then real npm and pip use them against the
// emulator. The emulator expires every token, the refresh path rewrites the files, and installs work again.
// Without the user-level files the same workspace gets 401: the workspace holds no secret.
import assert from 'node:assert/strict';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SdkCodeArtifactApi } from '../../src/aws/codeArtifactApi';
import { TokenService, type IssuedToken } from '../../src/auth/tokens';
import { Configurator } from '../../src/configure/configurator';
import { startEmulator, type Emulator } from '../emulator/server';
import type { Seed } from '../emulator/seed';
import { FakeMemento, FakeSecretStorage } from '../unit/fakes';
import { clientEnv, copyFixture, describe as explain, listFiles, makeTempDir, REAL_HOME, removeDir, requireTool, run } from './helpers';

const OWNER = '111122223333';
const KEY = 'AKIACONFIGUREFLOW001';
const seed: Seed = {
  accounts: { [KEY]: OWNER },
  domains: [{ name: 'acme', owner: OWNER, region: 'us-west-2', repositories: [{ name: 'shared' }, { name: 'py' }] }],
  packages: [
    { domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', name: 'ui-kit', distTags: { latest: '2.1.0' }, versions: [{ version: '2.1.0', publishedTime: '2025-06-01T10:00:00Z' }] },
    { domain: 'acme', repository: 'py', format: 'pypi', name: 'acme-tools', versions: [{ version: '1.0.0', publishedTime: '2025-01-01T10:00:00Z' }] },
  ],
};

describe('configure flow with real npm and pip', function () {
  this.timeout(240_000);
  let emulator: Emulator;
  let api: SdkCodeArtifactApi;
  let home: string;
  let work: string;
  let tokens: TokenService;
  let configurator: Configurator;
  const logLines: string[] = [];
  const issued: string[] = [];
  let rewrites: Promise<unknown>[] = [];

  before(async () => {
    requireTool('npm', 'npm');
    requireTool('python3', 'python3-pip');
    emulator = await startEmulator({ seed, port: 0 });
    api = new SdkCodeArtifactApi({ region: 'us-west-2', endpoint: emulator.endpoint, credentials: { accessKeyId: KEY, secretAccessKey: 'x' } });
    home = await makeTempDir('configure-home');
    work = await makeTempDir('configure-work');
    const log = { info: (m: string) => void logLines.push(m), warn: (m: string) => void logLines.push(m) };
    tokens = new TokenService({ api: () => api, secrets: new FakeSecretStorage(), log, durationSeconds: () => 900 });
    configurator = new Configurator({ connection: () => ({ region: 'us-west-2', endpoint: emulator.endpoint }), api: () => api, tokens, records: new FakeMemento(), user: () => ({ env: {}, home, platform: 'linux' }), workspaceRoots: () => [work], log });
    // The wiring of ConfigureFeature: every new token is written to every file that holds one.
    tokens.onDidRefresh((t: IssuedToken) => {
      issued.push(t.token);
      rewrites.push(configurator.rewriteTokenFiles(t));
    });
    await writeFile(join(work, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, dependencies: { '@acme/ui-kit': '^2.1.0' } }));
  });
  after(async () => {
    tokens?.dispose();
    api?.dispose();
    await emulator?.stop();
    await removeDir(home);
    await removeDir(work);
  });

  const npmInstall = async () => {
    await rm(join(work, 'node_modules'), { recursive: true, force: true });
    await rm(join(work, 'package-lock.json'), { force: true });
    await rm(join(home, '.npm'), { recursive: true, force: true });
    return run('npm', ['install', '--no-audit', '--no-fund'], { cwd: work, env: clientEnv(home), timeoutMs: 120_000 });
  };
  const pipDownload = async () => {
    const dest = join(home, 'dl');
    await rm(dest, { recursive: true, force: true });
    return run('python3', ['-m', 'pip', 'download', '--no-input', '--no-cache-dir', '--only-binary', ':all:', '--dest', dest, 'acme-tools'], { env: clientEnv(home), timeoutMs: 90_000 });
  };
  const refreshAll = async () => {
    rewrites = [];
    await tokens.refresh({ name: 'acme', owner: OWNER });
    await Promise.all(rewrites);
  };

  it('configureNpm (scope @acme) → real npm install of @acme/ui-kit works', async () => {
    const result = await configurator.configureNpm({ domain: 'acme', domainOwner: OWNER, repository: 'shared' }, { workspaceFolder: work, scope: '@acme' });
    assert.ok(result.changes.some((c) => c.file === join(work, '.npmrc')));
    const r = await npmInstall();
    assert.equal(r.code, 0, explain(r, issued));
    const pkg = JSON.parse(await readFile(join(work, 'node_modules/@acme/ui-kit/package.json'), 'utf8')) as { version: string };
    assert.equal(pkg.version, '2.1.0');
  });

  it('configurePip (index-url) → real pip download of acme-tools works', async () => {
    await configurator.configurePip({ domain: 'acme', domainOwner: OWNER, repository: 'py' }, { mode: 'index-url' });
    const r = await pipDownload();
    assert.equal(r.code, 0, explain(r, issued));
    assert.ok((await readdir(join(home, 'dl'))).some((f) => f.startsWith('acme_tools-1.0.0')));
  });

  it('after the emulator expires the token both fail with 401; the refresh path rewrites the files and both work again', async () => {
    emulator.store.expireAllTokens();
    const npmDead = await npmInstall();
    assert.notEqual(npmDead.code, 0, explain(npmDead, issued));
    assert.match(npmDead.stderr, /E401|401/, explain(npmDead, issued));
    const pipDead = await pipDownload();
    assert.notEqual(pipDead.code, 0, explain(pipDead, issued));

    const before = issued.length;
    await refreshAll();
    assert.equal(issued.length, before + 1, 'one new token for the domain');
    const npmOk = await npmInstall();
    assert.equal(npmOk.code, 0, explain(npmOk, issued));
    const pipOk = await pipDownload();
    assert.equal(pipOk.code, 0, explain(pipOk, issued));
  });

  it('the workspace holds no secret: without the user-level files npm gets 401', async () => {
    const userNpmrc = join(home, '.npmrc');
    const saved = await readFile(userNpmrc, 'utf8');
    await rm(userNpmrc);
    try {
      const r = await npmInstall();
      assert.notEqual(r.code, 0, explain(r, issued));
      assert.match(r.stderr, /E401|401/, explain(r, issued));
    } finally {
      await writeFile(userNpmrc, saved, { mode: 0o600 });
    }
  });

  it('no issued token appears in any workspace file or log line; removal leaves the workspace as it was', async () => {
    assert.ok(issued.length >= 2);
    for (const file of await listFiles(work)) {
      if (file.includes(`${join(work, 'node_modules')}`)) continue;
      const text = await readFile(file, 'utf8');
      for (const t of issued) assert.ok(!text.includes(t), `token found in ${file}`);
    }
    for (const t of issued) assert.ok(!logLines.some((l) => l.includes(t)), 'token found in the log');
    await configurator.remove();
    await rm(join(work, 'node_modules'), { recursive: true, force: true });
    await rm(join(work, 'package-lock.json'), { force: true });
    assert.deepEqual(await readdir(work), ['package.json']);
    assert.ok(!(await listFiles(home)).some((f) => f.endsWith('.npmrc') || f.endsWith('pip.conf')), 'user files we created are deleted');
  });
});

describe('configure flow with real mvn', function () {
  this.timeout(300_000);
  const mavenSeed: Seed = {
    accounts: { [KEY]: OWNER },
    domains: [
      {
        name: 'acme',
        owner: OWNER,
        region: 'us-west-2',
        repositories: [
          { name: 'maven-central-store', externalConnection: 'public:maven-central' },
          { name: 'maven-shared', upstreams: ['maven-central-store'] },
        ],
      },
    ],
    packages: [{ domain: 'acme', repository: 'maven-shared', format: 'maven', namespace: 'com.acme', name: 'greeting', versions: [{ version: '1.0.0', publishedTime: '2025-03-01T10:00:00Z' }] }],
    mavenDirectories: { 'public:maven-central': [join(REAL_HOME, '.m2', 'repository'), '/usr/share/maven-repo'] },
  };
  let emulator: Emulator;
  let api: SdkCodeArtifactApi;
  let home: string;
  let project: string;
  let tokens: TokenService;
  let configurator: Configurator;
  const issued: string[] = [];

  before(async () => {
    requireTool('mvn', 'maven');
    emulator = await startEmulator({ seed: mavenSeed, port: 0 });
    api = new SdkCodeArtifactApi({ region: 'us-west-2', endpoint: emulator.endpoint, credentials: { accessKeyId: KEY, secretAccessKey: 'x' } });
    home = await makeTempDir('configure-mvn-home');
    project = await copyFixture('maven-app', join(await makeTempDir('configure-mvn-work'), 'app'));
    // The fixture's own settings.xml is for the plain client test; here the user settings must do the work.
    await rm(join(project, 'settings.xml'));
    const log = { info: () => undefined, warn: () => undefined };
    tokens = new TokenService({ api: () => api, secrets: new FakeSecretStorage(), log, durationSeconds: () => 900 });
    tokens.onDidRefresh((t) => void issued.push(t.token));
    configurator = new Configurator({ connection: () => ({ region: 'us-west-2', endpoint: emulator.endpoint }), api: () => api, tokens, records: new FakeMemento(), user: () => ({ env: {}, home, platform: 'linux' }), workspaceRoots: () => [project], log });
  });
  after(async () => {
    tokens?.dispose();
    api?.dispose();
    await emulator?.stop();
    await removeDir(home);
    if (project) await removeDir(join(project, '..'));
  });

  /** mvn with the terminal environment the extension would set, and an empty local repository. */
  const compile = async (env: Record<string, string> | undefined) => {
    const localRepo = join(home, `m2-empty-${Date.now()}`);
    return run('mvn', ['-B', '--no-transfer-progress', `-Dmaven.repo.local=${localRepo}`, 'compile'], {
      cwd: project,
      // Java takes user.home from the password database, not $HOME: point it at the temp HOME's ~/.m2.
      env: clientEnv(home, { ...env, MAVEN_OPTS: `-Duser.home=${home}` }),
      timeoutMs: 240_000,
    });
  };

  it('configureMaven (${env.CODEARTIFACT_AUTH_TOKEN}, mirror) → mvn compile resolves everything through the repository', async () => {
    await configurator.configureMaven({ domain: 'acme', domainOwner: OWNER, repository: 'maven-shared' }, { password: 'env', mirror: true });
    const settings = await readFile(join(home, '.m2', 'settings.xml'), 'utf8');
    assert.ok(settings.includes('<password>${env.CODEARTIFACT_AUTH_TOKEN}</password>'));
    for (const t of issued) assert.ok(!settings.includes(t), 'settings.xml holds no token');
    const env = await configurator.environment((d) => tokens.stored(d));
    const r = await compile(env);
    assert.equal(r.code, 0, explain(r, issued));
    assert.match(r.stdout, /BUILD SUCCESS/);
  });

  it('without the variable mvn fails; after the token expires the refreshed environment works again', async () => {
    const none = await compile(undefined);
    assert.notEqual(none.code, 0, explain(none, issued));
    const stale = await configurator.environment((d) => tokens.stored(d));
    emulator.store.expireAllTokens();
    const dead = await compile(stale);
    assert.notEqual(dead.code, 0, explain(dead, issued));
    await tokens.refresh({ name: 'acme', owner: OWNER });
    const fresh = await configurator.environment((d) => tokens.stored(d));
    assert.notEqual(fresh?.CODEARTIFACT_AUTH_TOKEN, stale?.CODEARTIFACT_AUTH_TOKEN);
    const ok = await compile(fresh);
    assert.equal(ok.code, 0, explain(ok, issued));
  });
});
