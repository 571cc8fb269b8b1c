// A VPC endpoint without private DNS: with `codeartifact.dataPlaneEndpoint` set, configure writes AWS's documented
// `…/FORMAT/d/DOMAIN-OWNER/REPO/` form on that endpoint, and real npm and pip install through it (the emulator
// serves that path form as a VPC endpoint does).
import assert from 'node:assert/strict';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { npmAndPipSeed, OWNER, startClientHarness, type ClientHarness } from './clientHarness';
import { clientEnv, describe as explain, requireTool, run } from './helpers';

describe('VPC endpoint without private DNS (codeartifact.dataPlaneEndpoint) with real npm and pip', function () {
  this.timeout(240_000);
  let h: ClientHarness;
  let home: string;
  let work: string;

  before(async () => {
    requireTool('npm', 'npm');
    requireTool('python3', 'python3-pip');
    h = await startClientHarness({ seed: npmAndPipSeed('AKIAVPCENDPOINTTEST1'), prefix: 'vpce', dataPlaneEndpoint: true });
    ({ home, work } = h);
    await writeFile(join(work, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, dependencies: { '@acme/ui-kit': '^2.1.0' } }));
  });
  after(async () => {
    await h?.dispose();
  });

  it('npm: the registry line is the VPC form and npm install works through it', async () => {
    await h.configurator.configureNpm({ domain: 'acme', domainOwner: OWNER, repository: 'shared' }, { workspaceFolder: work, scope: '@acme' });
    const projectNpmrc = await readFile(join(work, '.npmrc'), 'utf8');
    assert.ok(projectNpmrc.includes(`${h.emulator.endpoint}/npm/d/acme-${OWNER}/shared/`), projectNpmrc);
    await rm(join(home, '.npm'), { recursive: true, force: true });
    const r = await run('npm', ['install', '--no-audit', '--no-fund'], { cwd: work, env: clientEnv(home), timeoutMs: 120_000 });
    assert.equal(r.code, 0, explain(r));
    const pkg = JSON.parse(await readFile(join(work, 'node_modules/@acme/ui-kit/package.json'), 'utf8')) as { version: string };
    assert.equal(pkg.version, '2.1.0');
  });

  it('pip: the index is the VPC form and pip download works through it', async () => {
    await h.configurator.configurePip({ domain: 'acme', domainOwner: OWNER, repository: 'py' }, { mode: 'index-url' });
    const dest = join(home, 'dl');
    const r = await run('python3', ['-m', 'pip', 'download', '--no-input', '--no-cache-dir', '--only-binary', ':all:', '--dest', dest, 'acme-tools'], { env: clientEnv(home), timeoutMs: 90_000 });
    assert.equal(r.code, 0, explain(r));
    assert.match(r.stdout + r.stderr, new RegExp(`/pypi/d/acme-${OWNER}/py/simple/`));
    assert.ok((await readdir(dest)).some((f) => f.startsWith('acme_tools-1.0.0')));
  });
});
