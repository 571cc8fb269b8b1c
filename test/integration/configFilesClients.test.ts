// The files written by src/core/configFiles, read by the real clients: npm (scoped install), pip
// (download) and mvn (compile with an empty local repository), each with HOME in a temp dir and the
// emulator as CodeArtifact. Also: without the user-level token npm gets 401 (the workspace holds no
// secret), and after the emulator expires the token, rewriting only the token makes things work again.
import assert from 'node:assert/strict';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { wheel, wheelFileName } from '../emulator/artifacts';
import { startEmulator, type Emulator } from '../emulator/server';
import type { Seed } from '../emulator/seed';
import { applyNpmAuth, applyNpmRegistry, removeNpmAuth } from '../../src/core/configFiles/npmrc';
import { applyPipIndex, applyPypirc, removePypirc } from '../../src/core/configFiles/pipConfig';
import { applyMavenSettings } from '../../src/core/configFiles/mavenSettings';
import { assertTokenFileOutsideWorkspaces, readTextIfExists, writeFileAtomic } from '../../src/core/configFiles/fileWrite';
import { mavenSettingsPath, pypircPath, userNpmrcPath, userPipConfigPath } from '../../src/core/configFiles/userPaths';
import { clientEnv, copyFixture, describe as explain, listFiles, makeTempDir, removeDir, REAL_HOME, repoUrl, requireTool, run, tokenFor, writeFiles } from './helpers';

const OWNER = '111122223333';

const seed: Seed = {
  domains: [
    {
      name: 'acme',
      owner: OWNER,
      region: 'us-west-2',
      repositories: [
        { name: 'maven-central-store', externalConnection: 'public:maven-central' },
        { name: 'shared', upstreams: ['maven-central-store'] },
      ],
    },
  ],
  packages: [
    { domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', name: 'ui-kit', distTags: { latest: '2.0.0' }, versions: [{ version: '2.0.0', publishedTime: '2025-01-01T10:00:00Z', license: 'MIT' }] },
    { domain: 'acme', repository: 'shared', format: 'pypi', name: 'Acme.Tools', versions: [{ version: '1.0.0', publishedTime: '2025-01-01T10:00:00Z', license: 'MIT' }] },
    { domain: 'acme', repository: 'shared', format: 'maven', namespace: 'com.acme', name: 'greeting', versions: [{ version: '1.0.0', publishedTime: '2025-03-01T10:00:00Z', license: 'Apache-2.0' }] },
  ],
  mavenDirectories: { 'public:maven-central': [join(REAL_HOME, '.m2', 'repository'), '/usr/share/maven-repo'] },
};

async function assertNoTokenIn(dir: string, token: string): Promise<void> {
  for (const file of await listFiles(dir)) {
    const text = await readFile(file, 'latin1');
    assert.ok(!text.includes(token), `the token must not appear in ${file}`);
  }
}

describe('config files accepted by real clients (emulator)', function () {
  this.timeout(300_000);
  let emulator: Emulator;
  let home: string;
  let work: string;

  before(async () => {
    emulator = await startEmulator({ seed, port: 0 });
  });
  after(async () => {
    await emulator?.stop();
  });
  beforeEach(async () => {
    home = await makeTempDir('cfg-home');
    work = await makeTempDir('cfg-work');
  });
  afterEach(async () => {
    await removeDir(home);
    await removeDir(work);
  });

  it('npm: project .npmrc + user token install a scoped package; 401 without the user token; refresh after expiry', async () => {
    requireTool('npm', 'npm');
    const endpoint = repoUrl(emulator, 'acme', OWNER, 'npm', 'shared');
    const env = clientEnv(home, { npm_config_cache: join(home, 'npm-cache') });
    const userNpmrc = userNpmrcPath({ env, home });
    // A user npmrc with the user's own content, which must survive.
    const own = '# my settings\r\n//registry.npmjs.org/:_authToken=npm_own\r\nfund=false';
    await writeFile(userNpmrc, own);
    await writeFile(join(work, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, dependencies: { '@acme/ui-kit': '2.0.0' } }));
    await writeFileAtomic(join(work, '.npmrc'), applyNpmRegistry(undefined, { endpoint, scope: '@acme' }).text);

    const writeToken = async (token: string): Promise<void> => {
      await assertTokenFileOutsideWorkspaces(userNpmrc, [work]);
      await writeFileAtomic(userNpmrc, applyNpmAuth(await readTextIfExists(userNpmrc), { endpoint, token }).text, { mode: 0o600 });
    };
    const install = async (): Promise<Awaited<ReturnType<typeof run>>> => {
      await rm(join(work, 'node_modules'), { recursive: true, force: true });
      await rm(join(work, 'package-lock.json'), { force: true });
      await rm(join(home, 'npm-cache'), { recursive: true, force: true });
      return run('npm', ['install', '--no-audit', '--no-fund'], { cwd: work, env, timeoutMs: 120_000 });
    };

    const token = tokenFor(emulator, 'acme', OWNER);
    await writeToken(token);
    let result = await install();
    assert.equal(result.code, 0, explain(result, [token]));
    assert.ok((await readdir(join(work, 'node_modules', '@acme'))).includes('ui-kit'));
    await assertNoTokenIn(work, token);

    // Without the user-level token: 401, so the workspace carries no secret.
    await writeFileAtomic(userNpmrc, removeNpmAuth(await readFile(userNpmrc, 'utf8'), { endpoint }), { mode: 0o600 });
    assert.equal(await readFile(userNpmrc, 'utf8'), own, 'removal restores the user npmrc byte for byte');
    result = await install();
    assert.notEqual(result.code, 0);
    assert.match(result.stdout + result.stderr, /E401|401/, explain(result, [token]));

    // Expired token → 401; the refresh path rewrites only the token → works again.
    await writeToken(token);
    emulator.store.expireAllTokens();
    result = await install();
    assert.match(result.stdout + result.stderr, /E401|401/, explain(result, [token]));
    const before = await readFile(userNpmrc, 'utf8');
    const fresh = tokenFor(emulator, 'acme', OWNER);
    await writeToken(fresh);
    assert.equal(await readFile(userNpmrc, 'utf8'), before.split(token).join(fresh), 'refresh replaced only the token');
    result = await install();
    assert.equal(result.code, 0, explain(result, [token, fresh]));
  });

  for (const mode of ['index-url', 'extra-index-url'] as const) {
    it(`pip: the user-level pip.conf (${mode}) downloads from the repository`, async () => {
      requireTool('python3', 'python3-pip');
      const endpoint = repoUrl(emulator, 'acme', OWNER, 'pypi', 'shared');
      const env = clientEnv(home);
      const pipConf = userPipConfigPath({ env, home, platform: 'linux' });
      const token = tokenFor(emulator, 'acme', OWNER);
      await assertTokenFileOutsideWorkspaces(pipConf, [work]);
      await writeFileAtomic(pipConf, applyPipIndex('[global]\n# mine\ntimeout = 30\n', { endpoint, token, mode }).text, { mode: 0o600 });
      const dest = join(home, 'dl');
      // In extra mode pip also asks pypi.org, unreachable here: no retries, so it moves on quickly.
      const result = await run('python3', ['-m', 'pip', 'download', '--no-input', '--no-cache-dir', '--retries', '0', '--only-binary', ':all:', '--no-deps', '--dest', dest, 'acme-tools'], {
        cwd: work,
        env,
        timeoutMs: 90_000,
      });
      assert.equal(result.code, 0, explain(result, [token]));
      assert.deepEqual((await readdir(dest)).map((f) => f.toLowerCase().replace(/[-_.]+/g, '-')).filter((f) => f.startsWith('acme-tools-1-0-0')).length, 1);
      await assertNoTokenIn(work, token);
    });
  }

  it('twine: ~/.pypirc (mode 0600, next to the user’s own [pypi] section) uploads a wheel; removal restores the file', async () => {
    const twine = requireTool('twine', 'twine');
    const endpoint = repoUrl(emulator, 'acme', OWNER, 'pypi', 'shared');
    const token = tokenFor(emulator, 'acme', OWNER);
    const pypirc = pypircPath({ env: {}, home });
    const own = '[distutils]\nindex-servers =\n    pypi\n\n[pypi]\nusername = __token__\npassword = pypi-own\n';
    await writeFile(pypirc, own);
    await writeFileAtomic(pypirc, applyPypirc(own, { endpoint, token }).text, { mode: 0o600 });
    assert.equal((await stat(pypirc)).mode & 0o777, 0o600);
    const file = wheelFileName('Acme.Uploaded', '0.4.0');
    await writeFiles(work, { [join('dist', file)]: wheel({ name: 'Acme.Uploaded', version: '0.4.0', summary: 'Uploaded by twine', license: 'MIT' }) });
    const result = await run(twine, ['upload', '--non-interactive', '--disable-progress-bar', '-r', 'codeartifact', join(work, 'dist', file)], {
      env: clientEnv(home),
      timeoutMs: 90_000,
    });
    assert.equal(result.code, 0, explain(result, [token]));
    const repo = emulator.store.getDomain('acme', OWNER)?.repositories.get('shared');
    assert.ok(repo && emulator.store.getPackage(repo, 'pypi', undefined, 'acme-uploaded')?.versions.get('0.4.0'), 'the upload reached the repository');
    await writeFileAtomic(pypirc, removePypirc(await readFile(pypirc, 'utf8')), { mode: 0o600 });
    assert.equal(await readFile(pypirc, 'utf8'), own);
  });

  it('mvn: ~/.m2/settings.xml (server + profile + mirror, password from the environment) compiles with an empty local repository', async () => {
    requireTool('mvn', 'maven');
    const endpoint = repoUrl(emulator, 'acme', OWNER, 'maven', 'shared');
    const token = tokenFor(emulator, 'acme', OWNER);
    const settings = mavenSettingsPath({ env: {}, home });
    await writeFileAtomic(settings, applyMavenSettings(undefined, { endpoint, domain: 'acme', repository: 'shared', mirror: true }).text);
    const project = await copyFixture('maven-app', join(work, 'project'));
    await rm(join(project, 'settings.xml'), { force: true });
    const mvn = (withToken: boolean): ReturnType<typeof run> =>
      run('mvn', ['-B', '--no-transfer-progress', `-Dmaven.repo.local=${join(home, withToken ? 'm2-a' : 'm2-b')}`, 'compile'], {
        cwd: project,
        // Java takes user.home from the password database, not $HOME.
        env: clientEnv(home, { MAVEN_OPTS: `-Duser.home=${home}`, CODEARTIFACT_AUTH_TOKEN: withToken ? token : undefined }),
        timeoutMs: 240_000,
      });
    const ok = await mvn(true);
    assert.equal(ok.code, 0, explain(ok, [token]));
    assert.match(ok.stdout, /BUILD SUCCESS/);
    await assertNoTokenIn(work, token);
    assert.ok(!(await readFile(settings, 'utf8')).includes(token), 'settings.xml holds ${env.CODEARTIFACT_AUTH_TOKEN}, not the token');
    const denied = await mvn(false);
    assert.notEqual(denied.code, 0);
    assert.match(denied.stdout + denied.stderr, /401|Unauthorized/, explain(denied, [token]));
  });
});
