// Real mvn against the emulator: compiles a tiny project with an empty local repository, so the seeded
// dependency and every plugin come through the CodeArtifact endpoint (plugins through a public:maven-central
// connection backed by ~/.m2/repository and Debian's /usr/share/maven-repo), with Basic auth after the 401.
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../emulator/server';
import type { Seed } from '../emulator/seed';
import { clientEnv, copyFixture, describe as explain, makeTempDir, removeDir, REAL_HOME, repoUrl, requireTool, run, tokenFor } from './helpers';

const OWNER = '111122223333';

const mavenSeed: Seed = {
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
  packages: [
    {
      domain: 'acme',
      repository: 'maven-shared',
      format: 'maven',
      namespace: 'com.acme',
      name: 'greeting',
      versions: [{ version: '1.0.0', publishedTime: '2025-03-01T10:00:00Z', summary: 'Greetings', license: 'Apache-2.0' }],
    },
  ],
  mavenDirectories: { 'public:maven-central': [join(REAL_HOME, '.m2', 'repository'), '/usr/share/maven-repo'] },
};

describe('mvn client against the emulator', function () {
  this.timeout(300_000);
  let emulator: Emulator;
  let home: string | undefined;

  before(async () => {
    requireTool('mvn', 'maven');
    emulator = await startEmulator({ seed: mavenSeed, port: 0 });
  });
  after(async () => {
    await emulator?.stop();
  });
  beforeEach(async () => {
    home = await makeTempDir('mvn-home');
  });
  afterEach(async () => {
    await removeDir(home);
  });

  const compile = async (token: string): Promise<{ result: Awaited<ReturnType<typeof run>>; localRepo: string }> => {
    const h = home ?? '';
    const project = await copyFixture('maven-app', join(h, 'project'));
    const localRepo = join(h, 'm2-empty');
    const env = clientEnv(h, {
      CODEARTIFACT_AUTH_TOKEN: token,
      CODEARTIFACT_REPO_URL: repoUrl(emulator, 'acme', OWNER, 'maven', 'maven-shared'),
      // Java takes user.home from the password database, not $HOME: keep mvn out of the real ~/.m2.
      MAVEN_OPTS: `-Duser.home=${h}`,
    });
    const result = await run('mvn', ['-B', '--no-transfer-progress', '-s', 'settings.xml', `-Dmaven.repo.local=${localRepo}`, 'compile'], {
      cwd: project,
      env,
      timeoutMs: 240_000,
    });
    return { result, localRepo };
  };

  it('compiles with an empty local repository, everything fetched through the repository with the token', async () => {
    const token = tokenFor(emulator, 'acme', OWNER);
    emulator.resetStats();
    const { result, localRepo } = await compile(token);
    assert.equal(result.code, 0, explain(result, [token]));
    assert.match(result.stdout, /BUILD SUCCESS/);
    assert.ok((await readdir(join(localRepo, 'com', 'acme', 'greeting', '1.0.0'))).includes('greeting-1.0.0.jar'));
    assert.ok((await readdir(join(localRepo, 'org', 'apache', 'maven', 'plugins', 'maven-compiler-plugin'))).includes('3.13.0'));
    // Maven asked without credentials first and got the challenge, then came back with Basic auth.
    assert.ok((emulator.stats.operations['maven:unauthorized'] ?? 0) >= 1);
    assert.ok((emulator.stats.operations['maven:get'] ?? 0) > 20, JSON.stringify(emulator.stats.operations));

    // Plugins fetched through the external connection are retained in the requested repository.
    const repo = emulator.store.getDomain('acme', OWNER)?.repositories.get('maven-shared');
    assert.ok(repo);
    const plugin = emulator.store.getPackage(repo, 'maven', 'org.apache.maven.plugins', 'maven-compiler-plugin')?.versions.get('3.13.0');
    assert.ok(plugin, 'maven-compiler-plugin 3.13.0 is retained in maven-shared');
    assert.deepEqual(plugin.origin, { originType: 'EXTERNAL', domainEntryPoint: { externalConnectionName: 'public:maven-central' } });
    assert.ok(plugin.assets.has('maven-compiler-plugin-3.13.0.jar'));
  });

  it('fails with a wrong token', async () => {
    const wrong = 'cae.wrong-token';
    const { result } = await compile(wrong);
    assert.notEqual(result.code, 0, explain(result, [wrong]));
    assert.match(result.stdout, /BUILD FAILURE/, explain(result, [wrong]));
    assert.match(result.stdout, /401|Unauthorized|status code: 401/, explain(result, [wrong]));
  });
});
