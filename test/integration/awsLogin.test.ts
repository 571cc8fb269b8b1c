// The reference behaviour: Debian's AWS CLI v2 `aws codeartifact login` pointed at the emulator writes the
// user's npm, pip and twine configuration, and real npm, pip and twine then work with exactly that.
import assert from 'node:assert/strict';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { wheel, wheelFileName } from '../emulator/artifacts';
import { startEmulator, type Emulator } from '../emulator/server';
import type { Seed } from '../emulator/seed';
import { clientEnv, copyFixture, describe as explain, makeTempDir, removeDir, requireTool, run, writeFiles } from './helpers';

const OWNER = '111122223333';
const AWS = '/usr/bin/aws';

const seed: Seed = {
  domains: [
    {
      name: 'acme',
      owner: OWNER,
      region: 'us-west-2',
      repositories: [
        { name: 'npm-public', externalConnection: 'public:npmjs' },
        { name: 'shared', upstreams: ['npm-public'] },
        { name: 'py-shared' },
      ],
    },
  ],
  packages: [
    {
      domain: 'acme',
      repository: 'shared',
      format: 'npm',
      namespace: 'acme',
      name: 'ui-kit',
      versions: [{ version: '2.1.0', license: 'MIT', dependencies: { 'left-pad': '^1.3.0' } }],
    },
    { domain: 'acme', repository: 'py-shared', format: 'pypi', name: 'acme-tools', versions: [{ version: '1.0.0', summary: 'Tools' }] },
  ],
  externalConnections: { 'public:npmjs': [{ format: 'npm', name: 'left-pad', versions: [{ version: '1.3.0' }] }] },
};

describe('aws codeartifact login (AWS CLI v2) against the emulator', function () {
  this.timeout(240_000);
  let emulator: Emulator;
  let home: string | undefined;

  before(async () => {
    requireTool(AWS, 'awscli');
    emulator = await startEmulator({ seed, port: 0 });
  });
  after(async () => {
    await emulator?.stop();
  });
  beforeEach(async () => {
    home = await makeTempDir('aws-login');
  });
  afterEach(async () => {
    await removeDir(home);
  });

  /** Every token the emulator handed out: the CLI's runs print none, but failure messages must not either. */
  const secrets = (): string[] => [...emulator.store.tokens.keys()];

  const env = (): NodeJS.ProcessEnv =>
    clientEnv(home ?? '', {
      AWS_ACCESS_KEY_ID: 'AKIAEMULATORTEST0001',
      AWS_SECRET_ACCESS_KEY: 'emulator-secret-key',
      AWS_DEFAULT_REGION: 'us-west-2',
      AWS_CONFIG_FILE: join(home ?? '', '.aws', 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home ?? '', '.aws', 'credentials'),
    });

  const login = async (tool: 'npm' | 'pip' | 'twine', repository: string): Promise<void> => {
    const args = ['codeartifact', 'login', '--tool', tool, '--domain', 'acme', '--domain-owner', OWNER, '--repository', repository];
    const result = await run(AWS, [...args, '--endpoint-url', emulator.endpoint], { env: env(), timeoutMs: 60_000 });
    assert.equal(result.code, 0, explain(result, secrets()));
    assert.match(result.stdout, new RegExp(`Successfully configured ${tool}`));
  };

  it('--tool npm writes ~/.npmrc that a real npm install works with', async () => {
    await login('npm', 'shared');
    const h = home ?? '';
    const npmrc = await readFile(join(h, '.npmrc'), 'utf8');
    const endpoint = `${emulator.endpoint}/acme-${OWNER}/npm/shared/`;
    assert.match(npmrc, new RegExp(`^registry=${endpoint.replace(/[.]/g, '\\.')}$`, 'm'));
    assert.match(npmrc, /^\/\/127\.0\.0\.1:\d+\/acme-111122223333\/npm\/shared\/:_authToken=cae\.[A-Za-z0-9.-]+$/m);

    const project = await copyFixture('npm-app', join(h, 'project'));
    // The fixture also depends on left-pad, which only the upstream's public:npmjs connection has.
    const result = await run('npm', ['install', '--no-audit', '--no-fund'], { cwd: project, env: env(), timeoutMs: 120_000 });
    assert.equal(result.code, 0, explain(result, secrets()));
    assert.deepEqual((await readdir(join(project, 'node_modules'))).filter((n) => !n.startsWith('.')).sort(), ['@acme', 'left-pad']);
  });

  it('--tool pip writes pip.conf that a real pip download works with', async () => {
    await login('pip', 'py-shared');
    const h = home ?? '';
    const pipConf = await readFile(join(h, '.config', 'pip', 'pip.conf'), 'utf8');
    assert.match(pipConf, /index-url = http:\/\/aws:cae\.[A-Za-z0-9.-]+@127\.0\.0\.1:\d+\/acme-111122223333\/pypi\/py-shared\/simple\//);

    const dest = join(h, 'dl');
    const result = await run('python3', ['-m', 'pip', 'download', '--no-input', '--no-cache-dir', '--dest', dest, 'acme-tools==1.0.0'], {
      env: env(),
      timeoutMs: 90_000,
    });
    assert.equal(result.code, 0, explain(result, secrets()));
    assert.deepEqual(await readdir(dest), ['acme_tools-1.0.0-py3-none-any.whl']);
  });

  it('--tool twine writes ~/.pypirc that a real twine upload works with', async () => {
    const twine = requireTool('twine', 'twine');
    await login('twine', 'py-shared');
    const h = home ?? '';
    const pypirc = join(h, '.pypirc');
    // AWS CLI 2.9 writes it with the umask's mode (0644 here), not 0600: our own writer must do better.
    assert.ok((await stat(pypirc)).isFile());
    assert.match(await readFile(pypirc, 'utf8'), /\[codeartifact\]/);

    const file = wheelFileName('Acme.Uploaded', '0.3.0');
    await writeFiles(h, { [join('dist', file)]: wheel({ name: 'Acme.Uploaded', version: '0.3.0', summary: 'Uploaded by twine', license: 'MIT' }) });
    const result = await run(twine, ['upload', '--non-interactive', '--disable-progress-bar', '--repository', 'codeartifact', join(h, 'dist', file)], {
      env: env(),
      timeoutMs: 90_000,
    });
    assert.equal(result.code, 0, explain(result, secrets()));

    const repo = emulator.store.getDomain('acme', OWNER)?.repositories.get('py-shared');
    assert.ok(repo);
    const pkg = emulator.store.getPackage(repo, 'pypi', undefined, 'acme-uploaded');
    assert.ok(pkg, 'the upload created the package');
    assert.equal(pkg.displayName, 'Acme.Uploaded');
    const v = pkg.versions.get('0.3.0');
    assert.ok(v);
    assert.equal(v.status, 'Published');
    assert.equal(v.summary, 'Uploaded by twine');
    assert.deepEqual(v.origin, { originType: 'INTERNAL', domainEntryPoint: { repositoryName: 'py-shared' } });
    assert.deepEqual([...v.assets.keys()], [file]);
  });
});
