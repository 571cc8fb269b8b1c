// Failures are neither silent nor sticky (#17 items 4 and 5): a failed lookup is kept for seconds with backoff, a
// partial answer is asked again when its backoff ends, invalidate() asks at once, and a hanging repository is given
// up after the first-byte timeout. VersionSource against the in-process emulator over real HTTP, with a fake clock
// for the backoff (no wall-clock assertions).
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SdkCodeArtifactApi } from '../../../src/aws/codeArtifactApi';
import { FailureBackoff, FIRST_BACKOFF_MS, MAX_BACKOFF_MS } from '../../../src/versions/failureBackoff';
import type { RepositoryTarget } from '../../../src/versions/repositoryResolver';
import { VersionLookupError, type PackageQuery } from '../../../src/versions/versionSource';
import type { Emulator } from '../../emulator/server';
import { seededEmulator } from '../aws/testSeed';
import { versionSourceFactory } from './emulatorSources';
import { OWNER, OWNER_KEY, versionsSeed } from './versionsSeed';

describe('FailureBackoff', () => {
  it('keeps a failure for 5 s, doubling per failure in a row up to 60 s; success and clear forget', () => {
    let now = 0;
    const backoff = new FailureBackoff<string>(() => now);
    const delays = [1, 2, 3, 4, 5, 6, 7].map(() => backoff.fail('k', 'boom'));
    assert.deepEqual(delays, [5_000, 10_000, 20_000, 40_000, 60_000, 60_000, 60_000]);
    assert.equal(FIRST_BACKOFF_MS, 5_000);
    assert.equal(MAX_BACKOFF_MS, 60_000);
    assert.equal(backoff.current('k'), 'boom');
    assert.equal(backoff.retryIn('k'), 60_000);
    now += 60_000;
    assert.equal(backoff.current('k'), undefined, 'over when its time is up');
    assert.equal(backoff.retryIn('k'), 0);
    assert.equal(backoff.fail('k', 'again'), 60_000, 'still failing: the long delay stays');
    backoff.succeed('k');
    assert.equal(backoff.fail('k', 'new'), 5_000, 'after a success it starts short again');
    backoff.clear();
    assert.equal(backoff.current('k'), undefined);
    assert.equal(backoff.current('other'), undefined);
  });
});

describe('VersionSource: failures are brief, never sticky', function () {
  // The suite's emulator and hooks (start, stop, no faults or latency before each test): testSeed.ts.
  const seeded = seededEmulator({ seed: versionsSeed });
  let emu: Emulator;
  let api: SdkCodeArtifactApi;
  const target: RepositoryTarget = { domain: 'acme', owner: OWNER, repository: 'shared', format: 'npm', source: 'test' };
  const uiKit: PackageQuery = { ecosystem: 'npm', target, namespace: 'acme', name: 'ui-kit' };
  const leftPad: PackageQuery = { ecosystem: 'npm', target, name: 'left-pad' };
  const make = versionSourceFactory(
    () => api,
    () => emu.endpoint,
  );

  before(() => {
    emu = seeded.emu;
    api = seeded.api({ credentials: { accessKeyId: OWNER_KEY, secretAccessKey: 'x' } });
  });

  it('remembers a failed lookup for its backoff only (no request meanwhile), then asks again and recovers', async () => {
    let now = 1_000_000;
    const source = make({ now: () => now });
    emu.setFaults('error/ops=npm:*');
    await assert.rejects(source.get(leftPad), (err: unknown) => err instanceof VersionLookupError && err.kind === 'http');
    assert.equal(source.retryIn(leftPad), 5_000);
    const asked = emu.stats.operations['npm:packument'] ?? 0;
    await assert.rejects(source.get(leftPad), (err: unknown) => err instanceof VersionLookupError && err.kind === 'http');
    assert.equal(emu.stats.operations['npm:packument'] ?? 0, asked, 'within the backoff: the remembered failure, no request');
    now += 5_000;
    await assert.rejects(source.get(leftPad));
    assert.equal(source.retryIn(leftPad), 10_000, 'failed again: twice as long');
    emu.setFaults(undefined);
    now += 10_000;
    const pkg = await source.get(leftPad);
    assert.equal(pkg.latest, '1.3.0');
    assert.equal(source.retryIn(leftPad), 0, 'a success forgets the failure');
  });

  it('asks again at once after invalidate() (a config change, a new token, Retry)', async () => {
    const now = 1_000_000;
    const source = make({ now: () => now });
    emu.setFaults('error/ops=npm:*');
    await assert.rejects(source.get(leftPad));
    emu.setFaults(undefined);
    source.invalidate();
    assert.equal(source.retryIn(leftPad), 0);
    assert.equal((await source.get(leftPad)).latest, '1.3.0');
  });

  it('keeps a partial answer for its backoff, not the 5-minute TTL', async () => {
    let now = 1_000_000;
    const source = make({ now: () => now });
    emu.setFaults('error/ops=npm:*');
    const partial = await source.get(uiKit);
    assert.equal(partial.partial?.missing, 'index');
    assert.equal(source.peek(uiKit), partial, 'shown again within the backoff');
    emu.setFaults(undefined);
    now += 5_000;
    assert.equal(source.peek(uiKit), undefined, 'stale once the backoff is over (the TTL would keep it 5 minutes)');
    const full = await source.get(uiKit);
    assert.equal(full.partial, undefined);
    assert.equal(full.latest, '2.1.0');
    now += 60_000;
    assert.equal(source.peek(uiKit), full, 'a full answer keeps the TTL');
  });

  it('tells its listener about outcomes: a network failure, then a success', async () => {
    const outcomes: string[] = [];
    const source = make({ onOutcome: (o) => outcomes.push(o.ok ? 'ok' : o.error instanceof VersionLookupError ? o.error.kind : 'other') });
    emu.setFaults('reset/ops=npm:*');
    await assert.rejects(source.get(leftPad), (err: unknown) => err instanceof VersionLookupError && err.kind === 'network');
    emu.setFaults(undefined);
    source.invalidate();
    await source.get(leftPad);
    assert.deepEqual(outcomes, ['network', 'ok']);
  });

  it('gives up on a repository that accepts the connection but never answers, after the first-byte timeout', async () => {
    // A server that holds every request open: the data-plane endpoint of a hanging CodeArtifact.
    const held: http.ServerResponse[] = [];
    const hanging = http.createServer((_req, res) => void held.push(res));
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const port = (hanging.address() as AddressInfo).port;
    const redirect: typeof fetch = (input, init) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      url.port = String(port);
      return fetch(url, init);
    };
    try {
      const source = make({ fetch: redirect, firstByteTimeoutMs: () => 300, requestTimeoutMs: 60_000 });
      await assert.rejects(source.get(leftPad), (err: unknown) => {
        assert.ok(err instanceof VersionLookupError, String(err));
        assert.equal(err.kind, 'network');
        assert.match(err.message, /left-pad in acme\/shared: the repository did not answer in time \(300 ms\)/);
        return true;
      });
    } finally {
      for (const res of held) res.destroy();
      hanging.closeAllConnections();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
    }
  });

  it('names the system error of an unreachable repository (ECONNREFUSED), not fetch’s "fetch failed"', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const redirect: typeof fetch = (input, init) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      url.port = String(port);
      return fetch(url, init);
    };
    await assert.rejects(make({ fetch: redirect }).get(leftPad), (err: unknown) => {
      assert.ok(err instanceof VersionLookupError);
      assert.equal(err.kind, 'network');
      assert.match(err.message, /: Can't reach 127\.0\.0\.1:\d+: connection refused\.$/);
      return true;
    });
  });
});
