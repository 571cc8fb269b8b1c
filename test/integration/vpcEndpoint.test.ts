// A VPC endpoint without private DNS: with `codeartifact.dataPlaneEndpoint` set, configure writes AWS's documented
// `…/FORMAT/d/DOMAIN-OWNER/REPO/` form on that endpoint, and real npm and pip install through it (the emulator
// serves that path form as a VPC endpoint does).
import assert from 'node:assert/strict';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SdkCodeArtifactApi } from '../../src/aws/codeArtifactApi';
import { TokenService } from '../../src/auth/tokens';
import { Configurator } from '../../src/configure/configurator';
import { startEmulator, type Emulator } from '../emulator/server';
import type { Seed } from '../emulator/seed';
import { FakeMemento, FakeSecretStorage } from '../unit/fakes';
import { clientEnv, describe as explain, makeTempDir, removeDir, requireTool, run } from './helpers';

const OWNER = '111122223333';
const KEY = 'AKIAVPCENDPOINTTEST1';
const seed: Seed = {
  accounts: { [KEY]: OWNER },
  domains: [{ name: 'acme', owner: OWNER, region: 'us-west-2', repositories: [{ name: 'shared' }, { name: 'py' }] }],
  packages: [
    { domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', name: 'ui-kit', distTags: { latest: '2.1.0' }, versions: [{ version: '2.1.0', publishedTime: '2025-06-01T10:00:00Z' }] },
    { domain: 'acme', repository: 'py', format: 'pypi', name: 'acme-tools', versions: [{ version: '1.0.0', publishedTime: '2025-01-01T10:00:00Z' }] },
  ],
};

describe('VPC endpoint without private DNS (codeartifact.dataPlaneEndpoint) with real npm and pip', function () {
  this.timeout(240_000);
  let emulator: Emulator;
  let api: SdkCodeArtifactApi;
  let tokens: TokenService;
  let home: string;
  let work: string;
  let configurator: Configurator;

  before(async () => {
    requireTool('npm', 'npm');
    requireTool('python3', 'python3-pip');
    emulator = await startEmulator({ seed, port: 0 });
    api = new SdkCodeArtifactApi({ region: 'us-west-2', endpoint: emulator.endpoint, credentials: { accessKeyId: KEY, secretAccessKey: 'x' } });
    home = await makeTempDir('vpce-home');
    work = await makeTempDir('vpce-work');
    const log = { info: () => undefined, warn: () => undefined };
    tokens = new TokenService({ api: () => api, secrets: new FakeSecretStorage(), log, durationSeconds: () => 900 });
    // The emulator's origin stands for the vpce-….d.codeartifact host (one server plays both planes).
    configurator = new Configurator({
      connection: () => ({ region: 'us-west-2', endpoint: emulator.endpoint, dataPlaneEndpoint: emulator.endpoint }),
      api: () => api,
      tokens,
      records: new FakeMemento(),
      user: () => ({ env: {}, home, platform: 'linux' }),
      workspaceRoots: () => [work],
      log,
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

  it('npm: the registry line is the VPC form and npm install works through it', async () => {
    await configurator.configureNpm({ domain: 'acme', domainOwner: OWNER, repository: 'shared' }, { workspaceFolder: work, scope: '@acme' });
    const projectNpmrc = await readFile(join(work, '.npmrc'), 'utf8');
    assert.ok(projectNpmrc.includes(`${emulator.endpoint}/npm/d/acme-${OWNER}/shared/`), projectNpmrc);
    await rm(join(home, '.npm'), { recursive: true, force: true });
    const r = await run('npm', ['install', '--no-audit', '--no-fund'], { cwd: work, env: clientEnv(home), timeoutMs: 120_000 });
    assert.equal(r.code, 0, explain(r));
    const pkg = JSON.parse(await readFile(join(work, 'node_modules/@acme/ui-kit/package.json'), 'utf8')) as { version: string };
    assert.equal(pkg.version, '2.1.0');
  });

  it('pip: the index is the VPC form and pip download works through it', async () => {
    await configurator.configurePip({ domain: 'acme', domainOwner: OWNER, repository: 'py' }, { mode: 'index-url' });
    const dest = join(home, 'dl');
    const r = await run('python3', ['-m', 'pip', 'download', '--no-input', '--no-cache-dir', '--only-binary', ':all:', '--dest', dest, 'acme-tools'], { env: clientEnv(home), timeoutMs: 90_000 });
    assert.equal(r.code, 0, explain(r));
    assert.match(r.stdout + r.stderr, new RegExp(`/pypi/d/acme-${OWNER}/py/simple/`));
    assert.ok((await readdir(dest)).some((f) => f.startsWith('acme_tools-1.0.0')));
  });
});
