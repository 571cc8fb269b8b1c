// The documented per-account rate quotas as an emulator fault profile, and the extension's paging and lookups
// backing off (the SDK's retries honour the 429) and finishing under them.
import assert from 'node:assert/strict';
import { collectPages } from '../../../src/aws/codeArtifactApi';
import { RateQuotas } from '../../emulator/quotas';
import { VersionSource } from '../../../src/versions/versionSource';
import { FILLER_COUNT, OWNER, REGION, seededEmulator } from './testSeed';

describe('documented rate quotas (emulator fault profile)', function () {
  this.timeout(60_000);
  const seeded = seededEmulator();
  afterEach(() => seeded.emu.setQuotas(undefined));

  it('maps each action to its documented per-second quota, scaled, and refuses past it', () => {
    assert.deepEqual(RateQuotas.limitOf('ListPackages', 1), { key: 'ListPackages', perSecond: 200 });
    assert.deepEqual(RateQuotas.limitOf('GetAuthorizationToken', 1), { key: 'GetAuthorizationToken', perSecond: 40 });
    assert.deepEqual(RateQuotas.limitOf('DescribeRepository', 1), { key: 'read', perSecond: 800 });
    assert.deepEqual(RateQuotas.limitOf('CreateRepository', 1), { key: 'write', perSecond: 100 });
    assert.deepEqual(RateQuotas.limitOf('ListPackages', 0.01), { key: 'ListPackages', perSecond: 2 });
    let now = 0;
    const q = new RateQuotas(0.01, () => now);
    assert.equal(q.take('a', 'ListPackages'), undefined);
    assert.equal(q.take('a', 'ListPackages'), undefined);
    assert.equal(q.take('a', 'ListPackages'), 1, 'the third in one second is throttled');
    assert.equal(q.take('b', 'ListPackages'), undefined, 'per account');
    now = 1000;
    assert.equal(q.take('a', 'ListPackages'), undefined, 'a new second');
  });

  it('a throttled call is ThrottlingException 429 with Retry-After', async () => {
    seeded.emu.setQuotas(0.005); // ListPackages: 1 per second
    const api = seeded.api({ maxAttempts: 1 });
    await api.listPackages({ domain: 'acme', repository: 'shared' }, {}, { maxResults: 5 });
    await assert.rejects(api.listPackages({ domain: 'acme', repository: 'shared' }, {}, { maxResults: 5 }), (e: { kind?: string; message?: string }) => e.kind === 'throttled' && /throttling/.test(e.message ?? ''));
    assert.equal(seeded.emu.stats.faults['quota'], 1);
  });

  it('paging through every package finishes under the quota: throttled pages are retried, none is lost', async () => {
    seeded.emu.setQuotas(0.02); // ListPackages: 4 per second
    const api = seeded.api(); // the extension's own retry settings
    const all = await collectPages((nextToken) => api.listPackages({ domain: 'acme', repository: 'shared' }, {}, { maxResults: 3, ...(nextToken ? { nextToken } : {}) }));
    assert.equal(all.truncated, false);
    assert.ok(all.items.length >= FILLER_COUNT, `${all.items.length} packages`);
    assert.equal(new Set(all.items.map((p) => `${p.namespace ?? ''}/${p.name}`)).size, all.items.length, 'no page twice');
    assert.ok((seeded.emu.stats.faults['quota'] ?? 0) > 0, 'the quota was reached');
  });

  it('version lookups of a whole manifest finish under the quota with every answer complete', async () => {
    const api = seeded.api();
    const token = (await api.getAuthorizationToken({ name: 'acme' })).token;
    seeded.emu.setQuotas(0.02); // ListPackageVersions and GetRepositoryEndpoint (a read): 4 and 16 per second
    const source = new VersionSource({ api: () => api, getToken: () => Promise.resolve(token), connection: () => ({ region: REGION, endpoint: seeded.emu.endpoint }) });
    const names = Array.from({ length: 12 }, (_, i) => `pkg-${String(i).padStart(2, '0')}`);
    const answers = await Promise.all(
      names.map((name) => source.get({ ecosystem: 'npm', target: { domain: 'acme', owner: OWNER, repository: 'shared', format: 'npm', source: 'test' }, name })),
    );
    for (const [i, a] of answers.entries()) {
      assert.equal(a.latest, '1.0.0', names[i]);
      assert.equal(a.partial, undefined, `${names[i]}: ${JSON.stringify(a.partial)}`);
    }
    assert.ok((seeded.emu.stats.faults['quota'] ?? 0) > 0, 'the quota was reached');
  });
});
