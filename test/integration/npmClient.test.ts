// Real npm 11 against the emulator: installs through upstreams and an external connection, the token
// check, retention in the requested repository, and publish.
import assert from 'node:assert/strict';
import { CodeartifactClient, ListPackageVersionsCommand } from '@aws-sdk/client-codeartifact';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../emulator/server';
import type { PackageVersion } from '../emulator/model';
import type { Seed } from '../emulator/seed';
import { clientEnv, copyFixture, describe as explain, makeTempDir, removeDir, repoUrl, requireTool, run, tokenFor, writeFiles, writeNpmrc } from './helpers';

const OWNER = '111122223333';

const npmSeed: Seed = {
  domains: [
    {
      name: 'acme',
      owner: OWNER,
      region: 'us-west-2',
      repositories: [
        { name: 'npm-public', externalConnection: 'public:npmjs' },
        { name: 'shared', description: 'Company packages', upstreams: ['npm-public'] },
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
      distTags: { latest: '2.1.0' },
      versions: [
        { version: '2.0.0', publishedTime: '2025-01-01T10:00:00Z', summary: 'Old', license: 'MIT' },
        { version: '2.1.0', publishedTime: '2025-06-01T10:00:00Z', summary: 'Buttons', license: 'MIT', dependencies: { 'left-pad': '^1.3.0' } },
        // Unlisted: npm must not pick it even though it is the highest match for ^2.1.0.
        { version: '2.2.0', status: 'Unlisted', publishedTime: '2025-07-01T10:00:00Z' },
      ],
    },
  ],
  externalConnections: {
    'public:npmjs': [{ format: 'npm', name: 'left-pad', versions: [{ version: '1.3.0', publishedTime: '2020-01-01T00:00:00Z', license: 'WTFPL' }] }],
  },
};

describe('npm client against the emulator', function () {
  this.timeout(180_000);
  let emulator: Emulator;
  let home: string | undefined;
  let work: string | undefined;

  before(async () => {
    requireTool('npm', 'npm');
    emulator = await startEmulator({ seed: npmSeed, port: 0 });
  });
  after(async () => {
    await emulator?.stop();
  });
  beforeEach(async () => {
    home = await makeTempDir('npm-home');
    work = await makeTempDir('npm-work');
  });
  afterEach(async () => {
    await removeDir(home);
    await removeDir(work);
  });

  const install = async (token: string | undefined): Promise<Awaited<ReturnType<typeof run>>> => {
    const h = home ?? '';
    const w = work ?? '';
    await writeNpmrc(h, repoUrl(emulator, 'acme', OWNER, 'npm', 'shared'), token);
    await copyFixture('npm-app', w);
    return run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=http'], { cwd: w, env: clientEnv(h), timeoutMs: 120_000 });
  };

  it('installs a scoped package and an unscoped one only its upstream external connection has, then retains it', async () => {
    const token = tokenFor(emulator, 'acme', OWNER);
    const result = await install(token);
    assert.equal(result.code, 0, explain(result, [token]));
    const w = work ?? '';
    const uiKit = JSON.parse(await readFile(join(w, 'node_modules/@acme/ui-kit/package.json'), 'utf8')) as { version: string; dependencies: unknown };
    assert.equal(uiKit.version, '2.1.0');
    assert.deepEqual(uiKit.dependencies, { 'left-pad': '^1.3.0' });
    const leftPad = JSON.parse(await readFile(join(w, 'node_modules/left-pad/package.json'), 'utf8')) as { version: string };
    assert.equal(leftPad.version, '1.3.0');
    const lock = await readFile(join(w, 'package-lock.json'), 'utf8');
    assert.match(lock, /"resolved": "http:\/\/127\.0\.0\.1:\d+\/acme-111122223333\/npm\/shared\/left-pad\/-\/left-pad-1\.3\.0\.tgz"/);
    assert.match(lock, /"integrity": "sha512-/);

    const domain = emulator.store.getDomain('acme', OWNER);
    assert.ok(domain);
    for (const repoName of ['shared', 'npm-public']) {
      const repo = domain.repositories.get(repoName);
      assert.ok(repo);
      const retained: PackageVersion | undefined = emulator.store.getPackage(repo, 'npm', undefined, 'left-pad')?.versions.get('1.3.0');
      assert.ok(retained, `left-pad 1.3.0 is retained in ${repoName}`);
      assert.equal(retained.status, 'Published');
      assert.deepEqual(retained.origin, { originType: 'EXTERNAL', domainEntryPoint: { externalConnectionName: 'public:npmjs' } });
    }
    assert.ok((emulator.stats.operations['npm:tarball'] ?? 0) >= 2);

    // And the control plane lists it, as the extension will see it.
    const client = new CodeartifactClient({
      endpoint: emulator.endpoint,
      region: 'us-west-2',
      credentials: { accessKeyId: 'AKIAEMULATORTEST0001', secretAccessKey: 'emulator-secret-key' },
    });
    const listed = await client.send(new ListPackageVersionsCommand({ domain: 'acme', domainOwner: OWNER, repository: 'shared', format: 'npm', package: 'left-pad' }));
    assert.deepEqual(
      listed.versions?.map((v) => [v.version, v.status, v.origin?.originType, v.origin?.domainEntryPoint?.externalConnectionName]),
      [['1.3.0', 'Published', 'EXTERNAL', 'public:npmjs']],
    );
    client.destroy();
  });

  it('fails with 401 without a token', async () => {
    const result = await install(undefined);
    assert.notEqual(result.code, 0, explain(result));
    assert.match(result.stderr, /E401|401 Unauthorized|Unable to authenticate/, explain(result));
  });

  it('fails with 401 with a wrong token, and with an expired one', async () => {
    const wrong = 'cae.not-a-real-token';
    let result = await install(wrong);
    assert.notEqual(result.code, 0, explain(result, [wrong]));
    assert.match(result.stderr, /E401|401 Unauthorized|Unable to authenticate/, explain(result, [wrong]));

    const domain = emulator.store.getDomain('acme', OWNER);
    assert.ok(domain);
    const expired = emulator.store.issueToken(domain, 900).token;
    const issued = emulator.store.tokens.get(expired);
    assert.ok(issued);
    issued.expiresAt = emulator.store.now() - 1;
    await removeDir(work);
    result = await install(expired);
    assert.notEqual(result.code, 0, explain(result, [expired]));
    assert.match(result.stderr, /E401|401 Unauthorized|Unable to authenticate/, explain(result, [expired]));
  });

  it('publishes a package, which then installs, and refuses to publish the same version twice', async () => {
    const token = tokenFor(emulator, 'acme', OWNER);
    const h = home ?? '';
    const w = work ?? '';
    const registry = repoUrl(emulator, 'acme', OWNER, 'npm', 'shared');
    await writeNpmrc(h, registry, token);
    const pkgDir = await copyFixture('npm-publish', join(w, 'pkg'));
    const env = clientEnv(h);
    let result = await run('npm', ['publish', '--registry', registry], { cwd: pkgDir, env, timeoutMs: 60_000 });
    assert.equal(result.code, 0, explain(result, [token]));

    const domain = emulator.store.getDomain('acme', OWNER);
    const repo = domain?.repositories.get('shared');
    assert.ok(repo);
    const published = emulator.store.getPackage(repo, 'npm', 'acme', 'hello-publish')?.versions.get('1.0.0');
    assert.ok(published, 'the version is stored');
    assert.equal(published.status, 'Published');
    assert.deepEqual(published.origin, { originType: 'INTERNAL', domainEntryPoint: { repositoryName: 'shared' } });
    assert.equal(published.summary, 'A tiny package that the npm client test publishes.');

    result = await run('npm', ['publish', '--registry', registry], { cwd: pkgDir, env, timeoutMs: 60_000 });
    assert.notEqual(result.code, 0, explain(result, [token]));
    assert.match(result.stderr, /409|EPUBLISHCONFLICT|cannot be overwritten|cannot publish over the previously published/, explain(result, [token]));

    const consumer = join(w, 'consumer');
    await writeFiles(consumer, { 'package.json': JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }) });
    result = await run('npm', ['install', '--no-audit', '--no-fund', '@acme/hello-publish@1.0.0'], { cwd: consumer, env, timeoutMs: 60_000 });
    assert.equal(result.code, 0, explain(result, [token]));
    const index = await readFile(join(consumer, 'node_modules/@acme/hello-publish/index.js'), 'utf8');
    assert.match(index, /hello/);
  });
});
