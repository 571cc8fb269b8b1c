// "Find package" across the repositories of a domain, against the emulator.
import assert from 'node:assert/strict';
import { SdkCodeArtifactApi } from '../../../src/aws/codeArtifactApi';
import { findPackages, parsePackageQuery } from '../../../src/aws/search';
import { OWNER, seededEmulator } from './testSeed';

describe('findPackages', () => {
  const seeded = seededEmulator({ secretAccessKey: 's' });
  let api: SdkCodeArtifactApi;
  before(() => {
    api = seeded.api({ maxAttempts: 1 });
  });

  it('parses what people type', () => {
    assert.deepEqual(parsePackageQuery('@acme/ui'), { format: 'npm', namespace: 'acme', packagePrefix: 'ui' });
    assert.deepEqual(parsePackageQuery('@acme/'), { format: 'npm', namespace: 'acme' });
    assert.deepEqual(parsePackageQuery('com.acme:co'), { format: 'maven', namespace: 'com.acme', packagePrefix: 'co' });
    assert.deepEqual(parsePackageQuery(' left '), { packagePrefix: 'left' });
    assert.deepEqual(parsePackageQuery(''), {});
  });

  it('finds a package in every repository that holds it, one ListPackages per repository', async () => {
    const r = await findPackages(api, { name: 'acme', owner: OWNER }, 'left-pad');
    assert.deepEqual(r.matches.map((m) => `${m.repository}:${m.pkg.name}`), ['shared:left-pad']);
    assert.equal(r.repositoriesSearched, 4);
    assert.equal(seeded.emu.stats.operations.ListPackages, 4);
    assert.equal(r.truncated, false);
  });

  it('an npm scope is matched exactly (the server’s namespace filter is a prefix)', async () => {
    const r = await findPackages(api, { name: 'acme' }, '@acme/');
    assert.deepEqual(r.matches.map((m) => m.pkg.name).sort(), ['icons', 'ui-kit']);
  });

  it('reports repositories it could not search and still returns the rest', async () => {
    seeded.emu.setFaults('error/ops=ListPackages/count=1');
    const r = await findPackages(api, { name: 'acme' }, 'pkg-0', { concurrency: 1 });
    assert.equal(r.failures.length, 1);
    assert.equal(r.failures[0]?.error.kind, 'internal');
    assert.equal(r.matches.length, 10);
  });

  it('marks results as truncated when one repository has more matches than a page', async () => {
    const r = await findPackages(api, { name: 'acme' }, 'pkg', { perRepository: 5 });
    assert.equal(r.matches.length, 5);
    assert.equal(r.truncated, true);
  });
});
