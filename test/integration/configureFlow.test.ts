// The configure journey end to end below the UI: the Configurator and TokenService (as the commands wire
// them) write the files into a temp HOME and a temp workspace, then real npm and pip use them against the
// emulator. The emulator expires every token, the refresh path rewrites the files, and installs work again.
// Without the user-level files the same workspace gets 401: the workspace holds no secret.
import assert from 'node:assert/strict';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IssuedToken } from '../../src/auth/tokens';
import type { Seed } from '../emulator/seed';
import { npmAndPipSeed, OWNER, startClientHarness, type ClientHarness } from './clientHarness';
import { clientEnv, copyFixture, describe as explain, listFiles, REAL_HOME, requireTool, run } from './helpers';

const KEY = 'AKIACONFIGUREFLOW001';

describe('configure flow with real npm and pip', function () {
  this.timeout(240_000);
  let h: ClientHarness;
  let home: string;
  let work: string;
  let issued: string[] = [];
  const logLines: string[] = [];
  let rewrites: Promise<unknown>[] = [];

  before(async () => {
    requireTool('npm', 'npm');
    requireTool('python3', 'python3-pip');
    const log = { info: (m: string) => void logLines.push(m), warn: (m: string) => void logLines.push(m) };
    h = await startClientHarness({ seed: npmAndPipSeed(KEY), prefix: 'configure', log });
    ({ home, work, issued } = h);
    // The wiring of ConfigureFeature: every new token is written to every file that holds one.
    h.tokens.onDidRefresh((t: IssuedToken) => void rewrites.push(h.configurator.rewriteTokenFiles(t)));
    await writeFile(join(work, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, dependencies: { '@acme/ui-kit': '^2.1.0' } }));
  });
  after(async () => {
    await h?.dispose();
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
    await h.tokens.refresh({ name: 'acme', owner: OWNER });
    await Promise.all(rewrites);
  };

  it('configureNpm (scope @acme) → real npm install of @acme/ui-kit works', async () => {
    const result = await h.configurator.configureNpm({ domain: 'acme', domainOwner: OWNER, repository: 'shared' }, { workspaceFolder: work, scope: '@acme' });
    assert.ok(result.changes.some((c) => c.file === join(work, '.npmrc')));
    const r = await npmInstall();
    assert.equal(r.code, 0, explain(r, issued));
    const pkg = JSON.parse(await readFile(join(work, 'node_modules/@acme/ui-kit/package.json'), 'utf8')) as { version: string };
    assert.equal(pkg.version, '2.1.0');
  });

  it('configurePip (index-url) → real pip download of acme-tools works', async () => {
    await h.configurator.configurePip({ domain: 'acme', domainOwner: OWNER, repository: 'py' }, { mode: 'index-url' });
    const r = await pipDownload();
    assert.equal(r.code, 0, explain(r, issued));
    assert.ok((await readdir(join(home, 'dl'))).some((f) => f.startsWith('acme_tools-1.0.0')));
  });

  it('after the emulator expires the token both fail with 401; the refresh path rewrites the files and both work again', async () => {
    h.emulator.store.expireAllTokens();
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
    await h.configurator.remove();
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
  let h: ClientHarness;
  let home: string;
  let project: string;
  let issued: string[] = [];

  before(async () => {
    requireTool('mvn', 'maven');
    h = await startClientHarness({ seed: mavenSeed, prefix: 'configure-mvn' });
    ({ home, issued } = h);
    project = await copyFixture('maven-app', h.work);
    // The fixture's own settings.xml is for the plain client test; here the user settings must do the work.
    await rm(join(project, 'settings.xml'));
  });
  after(async () => {
    await h?.dispose();
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
    await h.configurator.configureMaven({ domain: 'acme', domainOwner: OWNER, repository: 'maven-shared' }, { password: 'env', mirror: true });
    const settings = await readFile(join(home, '.m2', 'settings.xml'), 'utf8');
    assert.ok(settings.includes('<password>${env.CODEARTIFACT_AUTH_TOKEN}</password>'));
    for (const t of issued) assert.ok(!settings.includes(t), 'settings.xml holds no token');
    const env = await h.configurator.environment((d) => h.tokens.stored(d));
    const r = await compile(env);
    assert.equal(r.code, 0, explain(r, issued));
    assert.match(r.stdout, /BUILD SUCCESS/);
  });

  it('without the variable mvn fails; after the token expires the refreshed environment works again', async () => {
    const none = await compile(undefined);
    assert.notEqual(none.code, 0, explain(none, issued));
    const stale = await h.configurator.environment((d) => h.tokens.stored(d));
    h.emulator.store.expireAllTokens();
    const dead = await compile(stale);
    assert.notEqual(dead.code, 0, explain(dead, issued));
    await h.tokens.refresh({ name: 'acme', owner: OWNER });
    const fresh = await h.configurator.environment((d) => h.tokens.stored(d));
    assert.notEqual(fresh?.CODEARTIFACT_AUTH_TOKEN, stale?.CODEARTIFACT_AUTH_TOKEN);
    const ok = await compile(fresh);
    assert.equal(ok.code, 0, explain(ok, issued));
  });
});
