// Maven publish dates for hovers (parallel DescribePackageVersion, kept) and statuses of packages with more than
// 1,000 versions (ListPackageVersions paged, with a cap and a partial marker), against the emulator.
import assert from 'node:assert/strict';
import { SdkCodeArtifactApi } from '../../../src/aws/codeArtifactApi';
import { hoverMarkdown } from '../../../src/versions/hoverContent';
import { listStatuses } from '../../../src/versions/repositoryStatuses';
import type { RepositoryTarget } from '../../../src/versions/repositoryResolver';
import type { PackageQuery } from '../../../src/versions/versionSource';
import type { ManifestDependency } from '../../../src/versions/manifestDependencies';
import type { Seed } from '../../emulator/seed';
import type { Emulator } from '../../emulator/server';
import { seededEmulator } from '../aws/testSeed';
import { versionSourceFactory } from './emulatorSources';
import { OWNER, OWNER_KEY, versionsSeed } from './versionsSeed';

const BUSY_VERSIONS = 12;
const LONG_HISTORY = 2_345;
const day = (i: number) => new Date(Date.UTC(2024, 0, 1 + i));

/** The versions seed plus a Maven package with many versions and an npm package with a long history. */
function datesSeed(): Seed {
  const seed = versionsSeed();
  seed.packages?.push(
    {
      domain: 'acme',
      repository: 'shared',
      format: 'maven',
      namespace: 'com.acme',
      name: 'busy',
      versions: Array.from({ length: BUSY_VERSIONS }, (_, i) => ({ version: `1.${i}`, publishedTime: day(i).toISOString() })),
    },
    {
      domain: 'acme',
      repository: 'shared',
      format: 'npm',
      namespace: 'acme',
      name: 'history',
      // Published in seed order: 1.0.0 (Unlisted, hidden from npm) is the oldest, past the first 1,000.
      versions: Array.from({ length: LONG_HISTORY }, (_, i) => ({ version: `1.0.${i}`, ...(i === 0 ? { status: 'Unlisted' as const } : {}) })),
    },
  );
  return seed;
}

describe('VersionSource: Maven publish dates and paged statuses', function () {
  this.timeout(60_000);
  // The suite's emulator and hooks (start, stop, no faults or latency before each test): testSeed.ts.
  const seeded = seededEmulator({ seed: datesSeed });
  let emu: Emulator;
  let api: SdkCodeArtifactApi;
  const target: RepositoryTarget = { domain: 'acme', owner: OWNER, repository: 'shared', format: 'maven', source: 'test' };
  const busy: PackageQuery = { ecosystem: 'maven', target, namespace: 'com.acme', name: 'busy' };
  const history: PackageQuery = { ecosystem: 'npm', target: { ...target, format: 'npm' }, namespace: 'acme', name: 'history' };
  const make = versionSourceFactory(
    () => api,
    () => emu.endpoint,
  );

  before(() => {
    emu = seeded.emu;
    api = seeded.api({ credentials: { accessKeyId: OWNER_KEY, secretAccessKey: 'x' } });
  });

  it('dates the newest 8 Maven versions in one round trip of parallel DescribePackageVersion calls, then keeps them', async () => {
    const source = make();
    const pkg = await source.get(busy);
    assert.equal(pkg.versions[0]?.publishedTime, undefined, 'maven-metadata.xml has no dates');
    emu.resetStats();
    emu.setLatency(100); // long enough that parallel calls overlap at the emulator
    const dated = await source.withPublishedDates(busy, pkg);
    emu.setLatency(0);
    assert.deepEqual(emu.stats.operations, { DescribePackageVersion: 8 });
    assert.equal(emu.stats.peakConcurrent, 8, 'all eight at once: one round trip');
    const newest = Array.from({ length: BUSY_VERSIONS }, (_, i) => BUSY_VERSIONS - 1 - i);
    assert.deepEqual(
      dated.versions.map((v) => v.publishedTime?.toISOString()),
      newest.map((i, n) => (n < 8 ? day(i).toISOString() : undefined)),
    );
    emu.resetStats();
    const again = await source.withPublishedDates(busy, await source.get(busy));
    assert.equal(emu.stats.requests, 0, 'warm: no request');
    assert.equal(again.versions[0]?.publishedTime?.toISOString(), day(BUSY_VERSIONS - 1).toISOString());
    // The hover table shows them.
    const dep = { ecosystem: 'maven', name: 'busy', namespace: 'com.acme', displayName: 'com.acme:busy', range: '1.11' } as unknown as ManifestDependency;
    assert.match(hoverMarkdown(dep, target, again, { showVersions: 'x' }), /\| 1\.11 \*\(latest\)\* \| 2024-01-12 \|/);
  });

  it('asks at most 8 at a time, and a failed call leaves that version undated (asked again next time) instead of failing', async () => {
    const source = make();
    const pkg = await source.get(busy);
    emu.resetStats();
    emu.setLatency(50);
    emu.setFaults('error/ops=DescribePackageVersion');
    const none = await source.withPublishedDates(busy, pkg, BUSY_VERSIONS);
    assert.ok(none.versions.every((v) => v.publishedTime === undefined));
    emu.setFaults(undefined);
    emu.resetStats();
    const all = await source.withPublishedDates(busy, pkg, BUSY_VERSIONS);
    emu.setLatency(0);
    assert.equal(emu.stats.operations.DescribePackageVersion, BUSY_VERSIONS, 'failures were not kept');
    assert.ok(emu.stats.peakConcurrent <= 8, `peak ${emu.stats.peakConcurrent}`);
    assert.ok(all.versions.every((v) => v.publishedTime !== undefined));
  });

  it('leaves npm (whose packument has dates) alone: no request', async () => {
    const source = make();
    const pkg = await source.get(history);
    emu.resetStats();
    assert.equal(await source.withPublishedDates(history, pkg), pkg);
    assert.equal(emu.stats.requests, 0);
  });

  it('pages through the statuses of a package with more than 1,000 versions', async () => {
    const pkg = await make().get(history);
    assert.equal(emu.stats.operations.ListPackageVersions, 3, '2,345 versions: three pages of 1,000');
    assert.equal(pkg.partial, undefined);
    assert.equal(pkg.versions.length, LONG_HISTORY);
    const oldest = pkg.versions.find((v) => v.version === '1.0.0');
    assert.deepEqual({ status: oldest?.status, installable: oldest?.installable }, { status: 'Unlisted', installable: false }, 'the oldest status comes from the third page');
  });

  it('stops at the cap and says so: the oldest statuses are missing, the package is still in the repository', async () => {
    const pkg = await make({ maxStatusPages: 2 }).get(history);
    assert.equal(emu.stats.operations.ListPackageVersions, 2);
    assert.equal(pkg.partial?.missing, 'oldStatuses');
    assert.match(pkg.partial?.reason ?? '', /more than 2,000 versions/);
    assert.equal(pkg.inRepository, true);
    // As the marker says: past the cap, hidden versions are not shown and the rest are assumed Published.
    assert.equal(pkg.versions.find((v) => v.version === '1.0.0'), undefined);
    assert.equal(pkg.versions.find((v) => v.version === '1.0.1')?.status, 'Published');
    const capped = await listStatuses(api, { domain: 'acme', domainOwner: OWNER, repository: 'shared', format: 'npm', namespace: 'acme', package: 'history' }, new AbortController().signal, 1);
    assert.deepEqual({ size: capped.statuses.size, truncated: capped.truncated }, { size: 1000, truncated: true });
  });
});
