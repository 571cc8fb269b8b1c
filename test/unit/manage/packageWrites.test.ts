// The write calls through the real SDK against the emulator: batches land, per-version error codes come back
// as the service sends them, a 5xx is never sent twice, and a read-only identity is refused by name.
import assert from 'node:assert/strict';
import type { PackageRef } from '../../../src/aws/codeArtifactApi';
import { runBulk } from '../../../src/manage/batches';
import type { Seed } from '../../emulator/seed';
import { failure, OWNER, OWNER_KEY, REGION, seededEmulator } from '../aws/testSeed';

const READER_KEY = 'AKIATESTREADER000001';
const VERSIONS = Array.from({ length: 250 }, (_, i) => `1.${Math.floor(i / 10)}.${i % 10}`);

function seed(): Seed {
  return {
    accounts: { [OWNER_KEY]: OWNER },
    // Keys in `accounts` keep full access; the reader may only read.
    identities: {
      [READER_KEY]: {
        account: OWNER,
        policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['codeartifact:Describe*', 'codeartifact:List*', 'codeartifact:Get*', 'codeartifact:ReadFromRepository'], Resource: '*' }] }],
      },
    },
    domains: [{ name: 'acme', owner: OWNER, region: REGION, repositories: [{ name: 'dev' }, { name: 'prod' }] }],
    packages: [
      { domain: 'acme', repository: 'dev', format: 'npm', namespace: 'acme', name: 'ui', versions: VERSIONS.map((version) => ({ version })) },
      {
        domain: 'acme',
        repository: 'dev',
        format: 'npm',
        name: 'tool',
        versions: [{ version: '1.0.0' }, { version: '2.0.0', status: 'Unlisted' }, { version: '0.1.0', status: 'Disposed' }],
      },
    ],
  };
}

const UI: PackageRef = { domain: 'acme', repository: 'dev', format: 'npm', namespace: 'acme', package: 'ui' };
const TOOL: PackageRef = { domain: 'acme', repository: 'dev', format: 'npm', package: 'tool' };

describe('manage: package writes against the emulator', function () {
  this.timeout(60_000);
  const seeded = seededEmulator({ seed });

  it('copies 250 versions in 3 calls; a second copy is idempotent (identical, unlisted), a changed target is ALREADY_EXISTS', async () => {
    const writes = seeded.api().writes();
    const copy = (allowOverwrite: boolean, versions = VERSIONS) => runBulk([{ pkg: UI, versions }], (job, list) => writes.copyPackageVersions({ source: job.pkg, destinationRepository: 'prod', versions: list, allowOverwrite }), { unlisted: 'unchanged' });
    const first = await copy(false);
    assert.equal(first.succeeded.length, 250);
    assert.equal(seeded.emu.stats.operations['CopyPackageVersions'], 3);
    const listed = await seeded.api().listPackageVersions({ ...UI, repository: 'prod' }, { maxResults: 1000 });
    assert.equal(listed.items.length, 250);
    // AWS: a version identical in both repositories is not copied, the call succeeds and the reply leaves it out.
    const again = await copy(false);
    assert.equal(again.succeeded.length, 0);
    assert.equal(again.failed.length, 0);
    assert.equal(again.unchanged.length, 250);
    // Another revision of 1.0.0 in prod: ALREADY_EXISTS, the other version of the call SKIPPED, then sent on its own.
    const store = seeded.emu.store;
    const prodRepo = store.getDomain('acme', OWNER)?.repositories.get('prod');
    const prod100 = prodRepo ? store.getPackage(prodRepo, 'npm', 'acme', 'ui')?.versions.get('1.0.0') : undefined;
    assert.ok(prod100, 'the test reaches the copy in prod');
    prod100.revision = 'changed-in-prod';
    const raw = await writes.copyPackageVersions({ source: UI, destinationRepository: 'prod', versions: ['1.0.0', '1.0.1'], allowOverwrite: false });
    assert.deepEqual(raw.successful, {});
    assert.equal(raw.failed['1.0.0']?.errorCode, 'ALREADY_EXISTS');
    assert.equal(raw.failed['1.0.1']?.errorCode, 'SKIPPED');
    const bulk = await copy(false, ['1.0.0', '1.0.1']);
    assert.deepEqual(bulk.failed.map((f) => [f.version, f.code]), [['1.0.0', 'ALREADY_EXISTS']]);
    assert.deepEqual(bulk.unchanged.map((u) => u.version), ['1.0.1'], 'the skipped version, sent again, was already identical');
    assert.equal(bulk.resent, 1);
    assert.equal((await copy(true, ['1.0.0'])).succeeded.length, 1);
  });

  it('status changes carry expectedStatus: a stale one is MISMATCHED_STATUS, Disposed is NOT_ALLOWED, unknown NOT_FOUND', async () => {
    const writes = seeded.api().writes();
    const out = await writes.updatePackageVersionsStatus(TOOL, ['1.0.0', '2.0.0', '9.9.9'], 'Archived', 'Published');
    // All-or-nothing, as the AWS User Guide documents: the version that was fine is SKIPPED and unchanged.
    assert.deepEqual(out.successful, {});
    assert.equal(out.failed['1.0.0']?.errorCode, 'SKIPPED');
    assert.equal(out.failed['2.0.0']?.errorCode, 'MISMATCHED_STATUS');
    assert.equal(out.failed['9.9.9']?.errorCode, 'NOT_FOUND');
    assert.equal((await seeded.api().listPackageVersions(TOOL)).items.find((v) => v.version === '1.0.0')?.status, 'Published');
    const alone = await writes.updatePackageVersionsStatus(TOOL, ['1.0.0'], 'Archived', 'Published');
    assert.deepEqual(alone.successful['1.0.0'], { revision: alone.successful['1.0.0']?.revision, status: 'Archived' });
    const disposed = await writes.updatePackageVersionsStatus(TOOL, ['0.1.0'], 'Published');
    assert.equal(disposed.failed['0.1.0']?.errorCode, 'NOT_ALLOWED');
    const back = await writes.updatePackageVersionsStatus(TOOL, ['1.0.0'], 'Published', 'Archived');
    assert.equal(back.successful['1.0.0']?.status, 'Published');
  });

  it('a 500 on a write is not retried (the write client sends once) and is reported as unknown', async () => {
    seeded.emu.setFaults('error/ops=UpdatePackageVersionsStatus/count=1');
    const writes = seeded.api().writes();
    const result = await runBulk([{ pkg: TOOL, versions: ['1.0.0'], expectedStatus: 'Published' }], (job, versions) => writes.updatePackageVersionsStatus(job.pkg, versions, 'Unlisted', 'Published'));
    assert.equal(seeded.emu.stats.faults['error'], 1);
    assert.equal(seeded.emu.stats.requests, 1, 'sent once');
    assert.deepEqual(result.failed.map((f) => f.code), ['OUTCOME_UNKNOWN']);
    // Reads keep the SDK's retries: the same fault on a list is retried and succeeds.
    seeded.emu.resetStats();
    seeded.emu.setFaults('error/ops=ListPackageVersions/count=1');
    await seeded.api().listPackageVersions(TOOL);
    assert.equal(seeded.emu.stats.requests, 2);
  });

  it('a throttled copy is waited out and sent again', async () => {
    seeded.emu.setFaults('throttle/ops=CopyPackageVersions/count=1/retryAfter=0');
    const writes = seeded.api().writes();
    const result = await runBulk([{ pkg: TOOL, versions: ['1.0.0'] }], (job, versions) => writes.copyPackageVersions({ source: job.pkg, destinationRepository: 'prod', versions, allowOverwrite: true }), { sleep: () => Promise.resolve() });
    assert.equal(result.throttled, 1);
    assert.equal(result.succeeded.length, 1);
  });

  it('origin configuration: describe, put, and ListPackages shows it on the package', async () => {
    const api = seeded.api();
    const writes = api.writes();
    // Published directly first: CodeArtifact's default is publish ALLOW, upstream BLOCK.
    assert.deepEqual(await writes.describePackage(TOOL), { publish: 'ALLOW', upstream: 'BLOCK' });
    assert.deepEqual(await writes.putPackageOriginConfiguration(TOOL, { publish: 'BLOCK', upstream: 'ALLOW' }), { publish: 'BLOCK', upstream: 'ALLOW' });
    const listed = await api.listPackages({ domain: 'acme', repository: 'dev' }, { format: 'npm', packagePrefix: 'tool' });
    assert.deepEqual(listed.items[0]?.originConfiguration, { publish: 'BLOCK', upstream: 'ALLOW' });
  });

  it('a read-only identity is refused with the action and resource named', async () => {
    const writes = seeded.api({ credentials: { accessKeyId: READER_KEY, secretAccessKey: 'test-secret' } }).writes();
    const err = await failure(writes.deletePackageVersions(TOOL, ['1.0.0']));
    assert.equal(err.kind, 'accessDenied');
    assert.match(err.message, /codeartifact:DeletePackageVersions/);
    assert.match(err.message, /package\/acme\/dev\/npm\/\/tool|package\/acme\/dev/);
  });

  it('disposes a version only from the status it was seen in: a stale expectedStatus is MISMATCHED_STATUS; then it lists as Disposed', async () => {
    const writes = seeded.api().writes();
    const stale = await writes.disposePackageVersions(TOOL, ['2.0.0'], 'Published');
    assert.deepEqual(stale.successful, {});
    assert.equal(stale.failed['2.0.0']?.errorCode, 'MISMATCHED_STATUS');
    const out = await writes.disposePackageVersions(TOOL, ['2.0.0'], 'Unlisted');
    assert.equal(out.successful['2.0.0']?.status, 'Disposed');
    assert.equal((await seeded.api().listPackageVersions(TOOL)).items.find((v) => v.version === '2.0.0')?.status, 'Disposed');
  });

  it('deletes versions and then the package', async () => {
    const writes = seeded.api().writes();
    const pkg: PackageRef = { ...UI, repository: 'prod' };
    const out = await writes.deletePackageVersions(pkg, ['1.0.0', '1.0.1']);
    assert.deepEqual(Object.keys(out.successful).sort(), ['1.0.0', '1.0.1']);
    assert.equal(out.successful['1.0.0']?.status, 'Deleted');
    await writes.deletePackage(pkg);
    const err = await failure(seeded.api().listPackageVersions(pkg));
    assert.equal(err.kind, 'notFound');
  });
});
