// Parity with the reference: for npm, pip and twine, the same repository is set up once by our Configurator
// (temp HOME A + a temp workspace) and once by Debian's `aws codeartifact login` (temp HOME B), against one
// emulator. The real tools must resolve the same registry and install/upload the same way from both; the
// deliberate differences (where the registry lives, extra-index-url, file modes) are asserted, not assumed.
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseIni } from 'ini';
import { SdkCodeArtifactApi } from '../../src/aws/codeArtifactApi';
import { TokenService } from '../../src/auth/tokens';
import { Configurator } from '../../src/configure/configurator';
import { wheel, wheelFileName } from '../emulator/artifacts';
import { startEmulator, type Emulator } from '../emulator/server';
import type { Seed } from '../emulator/seed';
import { FakeMemento, FakeSecretStorage } from '../unit/fakes';
import { clientEnv, describe as explain, makeTempDir, removeDir, requireTool, run, type RunResult } from './helpers';

const OWNER = '111122223333';
const KEY = 'AKIALOGINPARITY00001';
const AWS = '/usr/bin/aws';
const NPMJS = 'https://registry.npmjs.org/';

const seed: Seed = {
  accounts: { [KEY]: OWNER },
  domains: [
    {
      name: 'acme',
      owner: OWNER,
      region: 'us-west-2',
      repositories: [{ name: 'npm-public', externalConnection: 'public:npmjs' }, { name: 'shared', upstreams: ['npm-public'] }, { name: 'py-shared' }],
    },
  ],
  packages: [
    { domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', name: 'ui-kit', versions: [{ version: '2.1.0', license: 'MIT', dependencies: { 'left-pad': '^1.3.0' } }] },
    { domain: 'acme', repository: 'py-shared', format: 'pypi', name: 'acme-tools', versions: [{ version: '1.0.0', summary: 'Tools' }] },
  ],
  externalConnections: { 'public:npmjs': [{ format: 'npm', name: 'left-pad', versions: [{ version: '1.3.0' }] }] },
};

/** The mode a file gets from this process's umask (what a tool that sets no mode produces). */
async function umaskMode(dir: string): Promise<number> {
  const probe = join(dir, 'umask-probe');
  await writeFile(probe, '');
  return (await stat(probe)).mode & 0o777;
}

const modeOf = async (file: string): Promise<number> => (await stat(file)).mode & 0o777;
const octal = (m: number): string => `0${m.toString(8)}`;

/** A URL without its userinfo (the two set-ups hold different tokens for the same index). */
function withoutCredentials(url: string): string {
  const u = new URL(url);
  u.username = '';
  u.password = '';
  return u.toString();
}

describe('parity with `aws codeartifact login` (npm, pip, twine)', function () {
  this.timeout(300_000);
  let emulator: Emulator;
  let api: SdkCodeArtifactApi;
  let tokens: TokenService;
  let configurator: Configurator;
  let ours: string; // HOME A
  let theirs: string; // HOME B
  let workspace: string; // our workspace folder (in neither home)
  let twine = '';

  before(async () => {
    requireTool(AWS, 'awscli');
    requireTool('npm', 'npm');
    requireTool('python3', 'python3-pip');
    twine = requireTool('twine', 'twine');
    emulator = await startEmulator({ seed, port: 0 });
    api = new SdkCodeArtifactApi({ region: 'us-west-2', endpoint: emulator.endpoint, credentials: { accessKeyId: KEY, secretAccessKey: 'x' } });
  });
  after(async () => {
    api?.dispose();
    await emulator?.stop();
  });
  beforeEach(async () => {
    ours = await makeTempDir('parity-ours');
    theirs = await makeTempDir('parity-aws');
    workspace = await makeTempDir('parity-ws');
    const log = { info: () => undefined, warn: () => undefined };
    tokens = new TokenService({ api: () => api, secrets: new FakeSecretStorage(), log, durationSeconds: () => 900 });
    const home = ours;
    configurator = new Configurator({ connection: () => ({ region: 'us-west-2', endpoint: emulator.endpoint }), api: () => api, tokens, records: new FakeMemento(), user: () => ({ env: {}, home, platform: 'linux' }), workspaceRoots: () => [workspace], log });
  });
  afterEach(async () => {
    tokens?.dispose();
    await Promise.all([removeDir(ours), removeDir(theirs), removeDir(workspace)]);
  });

  const secrets = (): string[] => [...emulator.store.tokens.keys()];
  const target = (repository: string) => ({ domain: 'acme', domainOwner: OWNER, repository });
  const endpoint = (format: 'npm' | 'pypi', repository: string): string => `${emulator.endpoint}/acme-${OWNER}/${format}/${repository}/`;

  const envFor = (home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv =>
    clientEnv(home, {
      AWS_ACCESS_KEY_ID: KEY,
      AWS_SECRET_ACCESS_KEY: 'x',
      AWS_DEFAULT_REGION: 'us-west-2',
      AWS_CONFIG_FILE: join(home, '.aws', 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
      ...extra,
    });

  const ok = (r: RunResult): RunResult => {
    assert.equal(r.code, 0, explain(r, secrets()));
    return r;
  };

  const awsLogin = async (tool: 'npm' | 'pip' | 'twine', repository: string, namespace?: string): Promise<void> => {
    const args = ['codeartifact', 'login', '--tool', tool, '--domain', 'acme', '--domain-owner', OWNER, '--repository', repository, '--endpoint-url', emulator.endpoint];
    if (namespace) args.push('--namespace', namespace);
    const r = ok(await run(AWS, args, { env: envFor(theirs), timeoutMs: 60_000 }));
    assert.match(r.stdout, new RegExp(`Successfully configured ${tool}`));
  };

  /** A project that depends on the scoped package (and, through it, on left-pad from the upstream). */
  const project = async (dir: string): Promise<string> => {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, dependencies: { '@acme/ui-kit': '^2.1.0' } }));
    return dir;
  };

  const npmGet = async (home: string, cwd: string, key: string): Promise<string> => ok(await run('npm', ['config', 'get', key], { cwd, env: envFor(home), timeoutMs: 60_000 })).stdout.trim();

  const npmInstall = async (home: string, cwd: string): Promise<string[]> => {
    ok(await run('npm', ['install', '--no-audit', '--no-fund'], { cwd, env: envFor(home), timeoutMs: 120_000 }));
    const pkg = JSON.parse(await readFile(join(cwd, 'node_modules', '@acme', 'ui-kit', 'package.json'), 'utf8')) as { version: string };
    assert.equal(pkg.version, '2.1.0');
    return (await readdir(join(cwd, 'node_modules'))).filter((n) => !n.startsWith('.')).sort();
  };

  for (const variant of [{ scope: undefined, key: 'registry' }, { scope: '@acme', key: '@acme:registry' }] as const) {
    it(`npm (${variant.scope ? 'scope @acme' : 'default registry'}): same \`npm config get ${variant.key}\` in the workspace, same install; aws sets it for the whole user, we for the workspace`, async () => {
      const ep = endpoint('npm', 'shared');
      await configurator.configureNpm(target('shared'), { workspaceFolder: await project(workspace), ...(variant.scope ? { scope: variant.scope } : {}) });
      await awsLogin('npm', 'shared', variant.scope?.slice(1));
      const theirProject = await project(join(theirs, 'project'));
      const elsewhereA = join(ours, 'elsewhere');
      const elsewhereB = join(theirs, 'elsewhere');
      await mkdir(elsewhereA);
      await mkdir(elsewhereB);

      // Same registry, as the real npm resolves it in the project.
      assert.equal(await npmGet(ours, workspace, variant.key), ep);
      assert.equal(await npmGet(theirs, theirProject, variant.key), ep);

      // Deliberate difference: outside the project, aws login's registry still applies (user ~/.npmrc); ours does not.
      assert.equal(await npmGet(theirs, elsewhereB, variant.key), ep);
      assert.equal(await npmGet(ours, elsewhereA, variant.key), variant.scope ? 'undefined' : NPMJS);

      const theirNpmrc = await readFile(join(theirs, '.npmrc'), 'utf8');
      assert.ok(theirNpmrc.split(/\r?\n/).includes(`${variant.key}=${ep}`), 'aws login writes the registry into the user ~/.npmrc');
      const ourUserNpmrc = await readFile(join(ours, '.npmrc'), 'utf8');
      assert.ok(!/^\s*(@[^:\s]+:)?registry\s*=/m.test(ourUserNpmrc), 'our user npmrc holds no registry line');
      assert.ok(/:_authToken=cae\./.test(ourUserNpmrc), 'our user npmrc holds the token');
      assert.match(await readFile(join(workspace, '.npmrc'), 'utf8'), new RegExp(`^${variant.key}=${ep.replace(/[.]/g, '\\.')}$`, 'm'));
      assert.ok(!/_authToken|cae\./.test(await readFile(join(workspace, '.npmrc'), 'utf8')), 'the workspace .npmrc holds no token');
      assert.equal(await modeOf(join(ours, '.npmrc')), 0o600);

      // Same effect: the same packages install from the same repository.
      const installedOurs = await npmInstall(ours, workspace);
      const installedTheirs = await npmInstall(theirs, theirProject);
      assert.deepEqual(installedOurs, ['@acme', 'left-pad']);
      assert.deepEqual(installedOurs, installedTheirs);
    });
  }

  const pipConfigList = async (home: string): Promise<Record<string, string>> => {
    const r = ok(await run('python3', ['-m', 'pip', 'config', 'list'], { env: envFor(home), timeoutMs: 60_000 }));
    const out: Record<string, string> = {};
    for (const line of r.stdout.split('\n')) {
      const m = /^([\w.-]+)='(.*)'$/.exec(line.trim());
      if (m?.[1] !== undefined && m[2] !== undefined) out[m[1]] = m[2];
    }
    return out;
  };

  const pipDownload = async (home: string, extra: Record<string, string> = {}): Promise<string[]> => {
    const dest = join(home, 'dl');
    const args = ['-m', 'pip', 'download', '--no-input', '--no-cache-dir', '--only-binary', ':all:', '--dest', dest, 'acme-tools==1.0.0'];
    ok(await run('python3', args, { env: envFor(home, extra), timeoutMs: 120_000 }));
    return readdir(dest);
  };

  it('pip: same index seen by `pip config list`, same `pip download`; aws replaces index-url, ours can add an extra-index-url, user-level 0600', async () => {
    const simple = `${endpoint('pypi', 'py-shared')}simple/`;
    const umask = await umaskMode(workspace);
    await awsLogin('pip', 'py-shared');
    await configurator.configurePip(target('py-shared'), { mode: 'index-url' });

    const theirConf = await pipConfigList(theirs);
    const ourConf = await pipConfigList(ours);
    const theirIndex = theirConf['global.index-url'];
    const ourIndex = ourConf['global.index-url'];
    assert.ok(theirIndex && ourIndex, `both set global.index-url (aws: ${Object.keys(theirConf).join(', ')}; ours: ${Object.keys(ourConf).join(', ')})`);
    assert.equal(withoutCredentials(theirIndex), simple);
    assert.equal(withoutCredentials(ourIndex), simple);
    // Both carry the token in the URL's userinfo (pip has nowhere else for it); neither file is in a workspace.
    // (assert.ok, not match: a failure must not print the URL with its token.)
    assert.ok(/^http:\/\/aws:cae\.[A-Za-z0-9.-]+@/.test(theirIndex), 'aws login: token in the index URL');
    assert.ok(/^http:\/\/aws:cae\.[A-Za-z0-9.-]+@/.test(ourIndex), 'ours: token in the index URL');

    const theirFile = join(theirs, '.config', 'pip', 'pip.conf');
    const ourFile = join(ours, '.config', 'pip', 'pip.conf');
    assert.equal(await modeOf(ourFile), 0o600);
    // What aws login does, measured: `pip config set` writes with the umask's mode.
    assert.equal(octal(await modeOf(theirFile)), octal(umask), 'aws login writes pip.conf with the umask mode');

    assert.deepEqual(await pipDownload(theirs), ['acme_tools-1.0.0-py3-none-any.whl']);
    assert.deepEqual(await pipDownload(ours), ['acme_tools-1.0.0-py3-none-any.whl']);

    // Deliberate difference: our extra-index-url mode keeps the main index. aws login has no such mode.
    await configurator.configurePip(target('py-shared'), { mode: 'extra-index-url' });
    const extra = await pipConfigList(ours);
    assert.ok(extra['global.index-url'] === undefined, 'extra mode sets no index-url');
    assert.equal(withoutCredentials(extra['global.extra-index-url'] ?? 'http://missing/'), simple);
    assert.equal(await modeOf(ourFile), 0o600);
    // The main index here is a closed port (no internet): the wheel must come from the extra index.
    const dead = { PIP_INDEX_URL: 'http://127.0.0.1:9/simple/', PIP_RETRIES: '0', PIP_TIMEOUT: '5' };
    await removeDir(join(ours, 'dl'));
    assert.deepEqual(await pipDownload(ours, dead), ['acme_tools-1.0.0-py3-none-any.whl']);
  });

  it('twine: same [codeartifact] repository in ~/.pypirc, both uploads land in the same repository; ours is 0600', async () => {
    const umask = await umaskMode(workspace);
    await awsLogin('twine', 'py-shared');
    await configurator.configureTwine(target('py-shared'));
    type Pypirc = { codeartifact?: { repository?: string; username?: string; password?: string } };
    const theirRc = parseIni(await readFile(join(theirs, '.pypirc'), 'utf8')) as Pypirc;
    const ourText = await readFile(join(ours, '.pypirc'), 'utf8');
    const ourRc = parseIni(ourText) as Pypirc;
    assert.equal(ourRc.codeartifact?.repository, theirRc.codeartifact?.repository);
    assert.equal(ourRc.codeartifact?.repository?.replace(/\/?$/, '/'), endpoint('pypi', 'py-shared'));
    assert.equal(ourRc.codeartifact?.username, 'aws');
    assert.equal(theirRc.codeartifact?.username, 'aws');
    assert.ok(/^cae\./.test(ourRc.codeartifact?.password ?? ''), 'our [codeartifact] password is the token');
    // index-servers is a continuation list, which the ini package cannot read: check the text.
    assert.ok(/^index-servers =\r?\n(?:[ \t]+\S+\r?\n)*[ \t]+codeartifact\r?$/m.test(ourText), 'codeartifact is listed in [distutils] index-servers');

    assert.equal(await modeOf(join(ours, '.pypirc')), 0o600);
    // AWS CLI 2.9 sets no mode: measured, it is whatever the umask gives (0644 with umask 022).
    assert.equal(octal(await modeOf(join(theirs, '.pypirc'))), octal(umask), 'aws login writes ~/.pypirc with the umask mode');

    const upload = async (home: string, version: string): Promise<void> => {
      const file = wheelFileName('Acme.Uploaded', version);
      await mkdir(join(home, 'dist'), { recursive: true });
      await writeFile(join(home, 'dist', file), wheel({ name: 'Acme.Uploaded', version, summary: `Uploaded ${version}`, license: 'MIT' }));
      const args = ['upload', '--non-interactive', '--disable-progress-bar', '--repository', 'codeartifact', join(home, 'dist', file)];
      ok(await run(twine, args, { env: envFor(home), timeoutMs: 90_000 }));
    };
    await upload(theirs, '0.3.0');
    await upload(ours, '0.4.0');

    const repo = emulator.store.getDomain('acme', OWNER)?.repositories.get('py-shared');
    assert.ok(repo);
    const pkg = emulator.store.getPackage(repo, 'pypi', undefined, 'acme-uploaded');
    assert.ok(pkg, 'the uploads created the package');
    for (const v of ['0.3.0', '0.4.0']) {
      const version = pkg.versions.get(v);
      assert.ok(version, `version ${v} was uploaded`);
      assert.equal(version.status, 'Published');
      assert.deepEqual(version.origin, { originType: 'INTERNAL', domainEntryPoint: { repositoryName: 'py-shared' } });
    }
  });
});
