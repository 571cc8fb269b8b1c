// Origin controls as CodeArtifact sets them on a new package record (AWS User Guide, "Editing package origin
// controls"): published first → publish ALLOW, upstream BLOCK; brought in first from an upstream or an external
// connection → publish BLOCK, upstream ALLOW. Shown with the demo seed (the dependency guard is quiet about the
// demo's internal @acme/ui-kit), real npm publish and install, and a generic PublishPackageVersion.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { CodeartifactClient, DescribePackageCommand, ListPackageVersionsCommand, PublishPackageVersionCommand } from '@aws-sdk/client-codeartifact';
import { adminApiOf } from '../../src/aws/adminApi';
import { SdkCodeArtifactApi } from '../../src/aws/codeArtifactApi';
import { packageGroupsApiIfAny } from '../../src/aws/packageGroupsApi';
import { ConfusionChecker } from '../../src/guard/confusionCheck';
import { DEMO_ACCESS_KEYS, DEMO_ACCOUNTS } from '../fixtures/makeDemoSeed';
import { startEmulator, type Emulator } from '../emulator/server';
import { clientEnv, copyFixture, describe as explain, makeTempDir, PROJECT_ROOT, removeDir, repoUrl, requireTool, run, tokenFor, writeFiles, writeNpmrc } from './helpers';

const OWNER = DEMO_ACCOUNTS.acme;

describe('origin controls of new packages follow how their first version arrived (demo seed, real npm)', function () {
  this.timeout(180_000);
  let emulator: Emulator;
  let api: SdkCodeArtifactApi;
  let sdk: CodeartifactClient;
  let home: string | undefined;
  let work: string | undefined;

  before(async () => {
    emulator = await startEmulator({ seed: join(PROJECT_ROOT, 'test', 'fixtures', 'demo-seed.json'), port: 0 });
    api = new SdkCodeArtifactApi({ region: 'us-west-2', endpoint: emulator.endpoint, credentials: { accessKeyId: DEMO_ACCESS_KEYS.acme, secretAccessKey: 'x' } });
    sdk = new CodeartifactClient({ region: 'us-west-2', endpoint: emulator.endpoint, credentials: { accessKeyId: DEMO_ACCESS_KEYS.acme, secretAccessKey: 'x' } });
    home = await makeTempDir('origin-home');
    work = await makeTempDir('origin-work');
  });
  after(async () => {
    api?.dispose();
    sdk?.destroy();
    await emulator?.stop();
    await removeDir(home);
    await removeDir(work);
  });

  const restrictions = async (repository: string, format: 'npm' | 'generic', namespace: string | undefined, name: string): Promise<unknown> => {
    const out = await sdk.send(new DescribePackageCommand({ domain: 'acme', repository, format, ...(namespace ? { namespace } : {}), package: name }));
    return out.package?.originConfiguration?.restrictions;
  };

  it('the demo: @acme/ui-kit (published to shared) is ALLOW/BLOCK, and the dependency guard does not warn about it', async () => {
    assert.deepEqual(await restrictions('shared', 'npm', 'acme', 'ui-kit'), { publish: 'ALLOW', upstream: 'BLOCK' });
    // lodash was fetched from public:npmjs into npm-public: ingested first.
    assert.deepEqual(await restrictions('npm-public', 'npm', undefined, 'lodash'), { publish: 'BLOCK', upstream: 'ALLOW' });
    const checker = new ConfusionChecker({ api: () => api, admin: adminApiOf, groups: packageGroupsApiIfAny });
    for (const repository of ['shared', 'team-web']) {
      const { verdict } = await checker.check({ target: { domain: 'acme', owner: OWNER, repository, format: 'npm' }, namespace: 'acme', name: 'ui-kit' });
      assert.notEqual(verdict.kind, 'exposed', `${repository}: ${JSON.stringify(verdict)}`);
    }
  });

  it('npm publish of a new package makes it ALLOW/BLOCK; npm install through team-web makes the copies there BLOCK/ALLOW', async () => {
    requireTool('npm', 'npm');
    const token = tokenFor(emulator, 'acme', OWNER);
    const h = home ?? '';
    const registry = repoUrl(emulator, 'acme', OWNER, 'npm', 'team-web');
    await writeNpmrc(h, registry, token);
    const pkgDir = await copyFixture('npm-publish', join(work ?? '', 'pkg'));
    const published = await run('npm', ['publish', '--registry', registry], { cwd: pkgDir, env: clientEnv(h), timeoutMs: 60_000 });
    assert.equal(published.code, 0, explain(published, [token]));
    assert.deepEqual(await restrictions('team-web', 'npm', 'acme', 'hello-publish'), { publish: 'ALLOW', upstream: 'BLOCK' });

    const consumer = join(work ?? '', 'consumer');
    await writeFiles(consumer, { 'package.json': JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, dependencies: { 'ms': '*' } }) });
    const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--registry', registry], { cwd: consumer, env: clientEnv(h), timeoutMs: 120_000 });
    assert.equal(installed.code, 0, explain(installed, [token]));
    // Retained in every repository on the way (team-web → shared → npm-public): each record is an upstream entry.
    for (const repository of ['team-web', 'shared']) assert.deepEqual(await restrictions(repository, 'npm', undefined, 'ms'), { publish: 'BLOCK', upstream: 'ALLOW' }, repository);
    // And so a direct publish of that name into team-web is refused, as CodeArtifact would.
    const evil = join(work ?? '', 'evil');
    await writeFiles(evil, { 'package.json': JSON.stringify({ name: 'ms', version: '999.0.0' }), 'index.js': '' });
    const refused = await run('npm', ['publish', '--registry', registry], { cwd: evil, env: clientEnv(h), timeoutMs: 60_000 });
    assert.notEqual(refused.code, 0, explain(refused, [token]));
    assert.match(refused.stderr, /403|blocked/, explain(refused, [token]));
  });

  // AWS documents no default for a record created by a copy; the emulator's choice (its README) follows the
  // copied version's origin: internally published → ALLOW/BLOCK, ingested from a public source → BLOCK/ALLOW.
  it('CopyPackageVersions into a repository without the package: the record follows the copied version\'s origin (emulator\'s choice)', async () => {
    const writes = api.writes();
    const copy = async (repository: string, namespace: string | undefined, name: string, version: string) => {
      const out = await writes.copyPackageVersions({ source: { domain: 'acme', domainOwner: OWNER, repository, format: 'npm', ...(namespace ? { namespace } : {}), package: name }, destinationRepository: 'team-data', versions: [version] });
      assert.deepEqual(Object.keys(out.successful), [version], JSON.stringify(out.failed));
    };
    await assert.rejects(restrictions('team-data', 'npm', 'acme', 'billing'), /not found|ResourceNotFound/i, 'team-data has no @acme/billing record yet');
    await copy('shared', 'acme', 'billing', '3.0.0');
    assert.deepEqual(await restrictions('team-data', 'npm', 'acme', 'billing'), { publish: 'ALLOW', upstream: 'BLOCK' });

    const lodash = await sdk.send(new ListPackageVersionsCommand({ domain: 'acme', repository: 'npm-public', format: 'npm', package: 'lodash' }));
    const ingested = lodash.versions?.[0]?.version;
    assert.ok(ingested, 'npm-public holds an ingested lodash version');
    await copy('npm-public', undefined, 'lodash', ingested);
    assert.deepEqual(await restrictions('team-data', 'npm', undefined, 'lodash'), { publish: 'BLOCK', upstream: 'ALLOW' });
  });

  it('PublishPackageVersion (generic) of a new package makes it ALLOW/BLOCK', async () => {
    const content = Buffer.from('bytes\n');
    const sha = createHash('sha256').update(content).digest('hex');
    await sdk.send(new PublishPackageVersionCommand({ domain: 'acme', repository: 'shared', format: 'generic', namespace: 'tools', package: 'fresh-origin', packageVersion: '1.0.0', assetName: 'a.txt', assetContent: content, assetSHA256: sha }));
    assert.deepEqual(await restrictions('shared', 'generic', 'tools', 'fresh-origin'), { publish: 'ALLOW', upstream: 'BLOCK' });
  });
});
