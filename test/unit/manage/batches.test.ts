// Bulk writes: calls of at most 100 versions, per-version outcomes, bounded concurrency and rate, only
// throttling retried, AccessDenied stopping the rest, cancellation leaving unsent versions named.
import assert from 'node:assert/strict';
import type { PackageRef } from '../../../src/aws/codeArtifactApi';
import { CodeArtifactError } from '../../../src/aws/errors';
import type { VersionOutcome } from '../../../src/aws/packageWrites';
import { chunk, runBulk, type VersionJob } from '../../../src/manage/batches';

const PKG: PackageRef = { domain: 'acme', repository: 'dev', format: 'npm', namespace: 'acme', package: 'ui' };
const versions = (n: number, prefix = '1.0.'): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const allOk = (list: string[]): VersionOutcome => ({ successful: Object.fromEntries(list.map((v) => [v, { status: 'Unlisted' }])), failed: {} });
const noWait = { sleep: () => Promise.resolve() };

describe('manage: bulk version writes', () => {
  it('chunks at the API limit of 100 versions per call', () => {
    assert.deepEqual(chunk(versions(250)).map((c) => c.length), [100, 100, 50]);
    assert.deepEqual(chunk([]), []);
    assert.throws(() => chunk([1], 0));
  });

  it('sends 500 versions in 5 calls and keeps one outcome per version', async () => {
    const sizes: number[] = [];
    const result = await runBulk([{ pkg: PKG, versions: versions(500) }], (_job, list) => {
      sizes.push(list.length);
      return Promise.resolve(allOk(list));
    }, noWait);
    assert.deepEqual(sizes, [100, 100, 100, 100, 100]);
    assert.equal(result.calls, 5);
    assert.equal(result.succeeded.length, 500);
    assert.equal(result.failed.length, 0);
  });

  it('keeps failedVersions per version with the service code, and names versions the answer left out', async () => {
    const result = await runBulk([{ pkg: PKG, versions: ['1.0.0', '1.0.1', '1.0.2'] }], () =>
      Promise.resolve({ successful: { '1.0.0': { status: 'Archived' } }, failed: { '1.0.1': { errorCode: 'MISMATCHED_STATUS', errorMessage: 'is Unlisted' } } }),
    );
    assert.deepEqual(result.succeeded.map((s) => [s.version, s.status]), [['1.0.0', 'Archived']]);
    assert.deepEqual(result.failed.map((f) => [f.version, f.code]), [['1.0.1', 'MISMATCHED_STATUS'], ['1.0.2', 'OUTCOME_UNKNOWN']]);
  });

  it('keeps SKIPPED apart from failures and sends skipped versions once more on their own', async () => {
    // The service is all-or-nothing: one bad version, the rest SKIPPED (AWS User Guide, copy-package.md).
    const calls: string[][] = [];
    const result = await runBulk([{ pkg: PKG, versions: ['1.0.0', '1.0.1', '9.9.9'] }], (_job, list) => {
      calls.push(list);
      if (!list.includes('9.9.9')) return Promise.resolve(allOk(list));
      const failed: VersionOutcome['failed'] = { '9.9.9': { errorCode: 'NOT_FOUND', errorMessage: 'Could not find version 9.9.9' } };
      for (const v of list) if (v !== '9.9.9') failed[v] = { errorCode: 'SKIPPED', errorMessage: `Version ${v} was skipped` };
      return Promise.resolve({ successful: {}, failed });
    }, noWait);
    assert.deepEqual(calls, [['1.0.0', '1.0.1', '9.9.9'], ['1.0.0', '1.0.1']]);
    assert.deepEqual(result.succeeded.map((s) => s.version), ['1.0.0', '1.0.1']);
    assert.deepEqual(result.failed.map((f) => [f.version, f.code]), [['9.9.9', 'NOT_FOUND']]);
    assert.equal(result.skipped.length, 0);
    assert.equal(result.resent, 2);
  });

  it('a version skipped again is reported as skipped, not failed, and is not sent a third time', async () => {
    let n = 0;
    const result = await runBulk([{ pkg: PKG, versions: ['1.0.0', '2.0.0'] }], (_job, list) => {
      n++;
      const failed: VersionOutcome['failed'] = Object.fromEntries(list.map((v) => [v, { errorCode: 'SKIPPED', errorMessage: 'skipped' }]));
      if (n === 1) failed['2.0.0'] = { errorCode: 'MISMATCHED_STATUS', errorMessage: 'current status: Unlisted' };
      return Promise.resolve({ successful: {}, failed });
    }, { ...noWait, resendSkipped: true });
    assert.equal(n, 2);
    assert.deepEqual(result.skipped.map((f) => [f.version, f.code]), [['1.0.0', 'SKIPPED']]);
    assert.deepEqual(result.failed.map((f) => f.version), ['2.0.0']);
  });

  it('a copy reply that leaves a version out means it was already there, identical (unlisted: unchanged)', async () => {
    const result = await runBulk([{ pkg: PKG, versions: ['1.0.0', '1.0.1'] }], () => Promise.resolve({ successful: { '1.0.1': { status: 'Published' } }, failed: {} }), { ...noWait, unlisted: 'unchanged' });
    assert.deepEqual(result.unchanged.map((u) => u.version), ['1.0.0']);
    assert.equal(result.failed.length, 0);
  });

  it('never has more calls in flight than the bound', async () => {
    let active = 0;
    let peak = 0;
    const jobs: VersionJob[] = Array.from({ length: 12 }, (_, i) => ({ pkg: { ...PKG, package: `p${i}` }, versions: versions(3) }));
    const result = await runBulk(jobs, async (_job, list) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      return allOk(list);
    }, { concurrency: 3, perSecond: 10_000 });
    assert.equal(peak, 3);
    assert.equal(result.peakConcurrency, 3);
    assert.equal(result.succeeded.length, 36);
  });

  it('spaces call starts to the documented rate (fake clock)', async () => {
    let now = 0;
    const starts: number[] = [];
    const jobs: VersionJob[] = Array.from({ length: 6 }, (_, i) => ({ pkg: { ...PKG, package: `p${i}` }, versions: ['1.0.0'] }));
    await runBulk(jobs, (_job, list) => {
      starts.push(now);
      return Promise.resolve(allOk(list));
    }, {
      perSecond: 5,
      concurrency: 4,
      now: () => now,
      // A fake clock: each sleeper wakes at the time it asked for (sleepers overlap, they do not add up).
      sleep: (ms) => {
        const until = now + ms;
        return Promise.resolve().then(() => {
          now = Math.max(now, until);
        });
      },
    });
    // No one-second window may hold more than 5 starts.
    for (const s of starts) assert.ok(starts.filter((t) => t >= s && t < s + 1000).length <= 5, `starts ${starts.join(',')}`);
    assert.equal(starts.length, 6);
  });

  it('retries a throttled call (the service refused it) and nothing else', async () => {
    let calls = 0;
    const result = await runBulk([{ pkg: PKG, versions: ['1.0.0'] }], (_job, list) => {
      calls++;
      if (calls <= 2) throw new CodeArtifactError({ kind: 'throttled' }, 'slow down');
      return Promise.resolve(allOk(list));
    }, noWait);
    assert.equal(calls, 3);
    assert.equal(result.throttled, 2);
    assert.equal(result.succeeded.length, 1);

    let sent = 0;
    const unknown = await runBulk([{ pkg: PKG, versions: ['1.0.0', '1.0.1'] }], () => {
      sent++;
      throw new CodeArtifactError({ kind: 'internal' }, 'InternalServerException');
    }, noWait);
    assert.equal(sent, 1, 'a 5xx is not sent again: the first attempt may have been applied');
    assert.deepEqual(unknown.failed.map((f) => f.code), ['OUTCOME_UNKNOWN', 'OUTCOME_UNKNOWN']);
    assert.match(unknown.failed[0]?.message ?? '', /may or may not have been applied/);
  });

  it('stops at the first AccessDenied and says the rest were not sent', async () => {
    let calls = 0;
    const denied = new CodeArtifactError({ kind: 'accessDenied', action: 'codeartifact:DeletePackageVersions', resource: 'arn:aws:codeartifact:us-west-2:111122223333:package/acme/dev/npm/acme/ui' }, 'Access denied');
    const result = await runBulk([{ pkg: PKG, versions: versions(300) }], () => {
      calls++;
      throw denied;
    }, { concurrency: 1, ...noWait });
    assert.equal(calls, 1);
    assert.equal(result.accessDenied, denied);
    assert.equal(result.failed.filter((f) => f.code === 'ACCESS_DENIED').length, 100);
    assert.equal(result.failed.filter((f) => f.code === 'NOT_SENT').length, 200);
  });

  it('cancelling sends nothing more; versions not sent are listed', async () => {
    const controller = new AbortController();
    let calls = 0;
    const result = await runBulk([{ pkg: PKG, versions: versions(300) }], (_job, list) => {
      calls++;
      controller.abort();
      return Promise.resolve(allOk(list));
    }, { concurrency: 1, signal: controller.signal, ...noWait });
    assert.equal(calls, 1, 'the call in flight finished; no further call started');
    assert.equal(result.cancelled, true);
    assert.equal(result.succeeded.length, 100);
    assert.equal(result.failed.filter((f) => f.code === 'NOT_SENT').length, 200);
  });

  it('sends a version listed twice once', async () => {
    const seen: string[][] = [];
    await runBulk([{ pkg: PKG, versions: ['1.0.0', '1.0.0', '1.0.1'] }], (_job, list) => {
      seen.push(list);
      return Promise.resolve(allOk(list));
    });
    assert.deepEqual(seen, [['1.0.0', '1.0.1']]);
  });
});
