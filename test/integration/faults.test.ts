// Control-plane faults from the emulator, seen through SdkCodeArtifactApi the way the extension sees them:
// the mapped error kind, a message a person can act on, and retries bounded by maxAttempts (counted by the
// emulator, never timed). Single 429/500s, a closed port and a plain deadline are in test/unit/aws/errors.test.ts.
import assert from 'node:assert/strict';
import { SdkCodeArtifactApi, type ApiOptions } from '../../src/aws/codeArtifactApi';
import { CodeArtifactError, type ApiErrorKind } from '../../src/aws/errors';
import { TokenService, type RefreshFailure, type TokenSecrets } from '../../src/auth/tokens';
import { startEmulator } from '../emulator/server';
import { failure, seededEmulator, testSeed } from '../unit/aws/testSeed';

const SECRET = 'faults-test-secret';

/** The kind, and a message that is a sentence telling the user what to do, without secrets or userinfo. */
function expectKind(err: CodeArtifactError, kind: ApiErrorKind, advice: RegExp): void {
  assert.equal(err.kind, kind, `kind of: ${err.message}`);
  assert.match(err.message, advice, `actionable: ${err.message}`);
  assert.doesNotMatch(err.message, new RegExp(`${SECRET}|:\\/\\/[^/\\s]*@`), 'no secret or userinfo in the message');
  assert.doesNotMatch(err.message, /\[object Object\]|undefined/, `readable: ${err.message}`);
}

/** Polls a condition the emulator will reach on its own; mocha's timeout catches it never happening. */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000; i += 1) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.fail(`never happened: ${what}`);
}

describe('fault injection: control plane', function () {
  const seeded = seededEmulator({ secretAccessKey: SECRET });
  const make = (opts: Partial<ApiOptions> = {}): SdkCodeArtifactApi => seeded.api(opts);

  describe('throttling (429 + Retry-After)', () => {
    it('a burst of maxAttempts-1 throttles, honouring Retry-After, then success', async () => {
      seeded.emu.setFaults('throttle/ops=ListDomains/count=2/retryAfter=1');
      const page = await make({ maxAttempts: 3 }).listDomains();
      assert.deepEqual(page.items.map((d) => d.name), ['acme']);
      assert.equal(seeded.emu.stats.faults.throttle, 2);
      assert.equal(seeded.emu.stats.requests, 3, 'two throttled attempts + the one that worked');
    });

    it('a longer burst with a higher maxAttempts still succeeds within maxAttempts requests', async () => {
      seeded.emu.setFaults('throttle/ops=ListRepositoriesInDomain/count=4/retryAfter=0');
      const page = await make({ maxAttempts: 5 }).listRepositories({ name: 'acme' });
      assert.equal(page.items.length, 4);
      assert.equal(seeded.emu.stats.requests, 5);
      assert.equal(seeded.emu.stats.operations.ListRepositoriesInDomain, 1, 'handled once, after the burst');
    });

    it('a burst longer than maxAttempts → throttled after exactly maxAttempts requests', async () => {
      seeded.emu.setFaults('throttle/ops=ListRepositoriesInDomain/count=4/retryAfter=0');
      const err = await failure(make({ maxAttempts: 3 }).listRepositories({ name: 'acme' }));
      expectKind(err, 'throttled', /Wait a minute and try again/);
      assert.match(err.message, /codeartifact:ListRepositoriesInDomain/);
      assert.equal(seeded.emu.stats.requests, 3);
    });

    it('persistent throttling with the default maxAttempts (3) → throttled, exactly 3 requests', async () => {
      seeded.emu.setFaults('throttle/ops=DescribeDomain/retryAfter=0');
      const err = await failure(make().describeDomain({ name: 'acme' }));
      expectKind(err, 'throttled', /try again/);
      assert.deepEqual(seeded.emu.stats.faults, { throttle: 3 });
      assert.equal(seeded.emu.stats.requests, 3);
      assert.equal(seeded.emu.stats.operations.DescribeDomain, undefined, 'never reached the handler');
    });

    it('throttling on one operation does not slow the next call down into failure', async () => {
      // The SDK's retry quota is per client: a spent quota must not turn later calls into errors.
      const api = make({ maxAttempts: 3 });
      seeded.emu.setFaults('throttle/ops=ListDomains/retryAfter=0');
      for (let i = 0; i < 5; i += 1) expectKind(await failure(api.listDomains()), 'throttled', /try again/);
      assert.equal(seeded.emu.stats.requests, 15, '5 calls × 3 attempts, no more');
      seeded.emu.setFaults(undefined);
      const page = await api.listDomains();
      assert.equal(page.items.length, 1);
    });
  });

  describe('connection resets', () => {
    it('a reset is retried: two resets then success within maxAttempts', async () => {
      seeded.emu.setFaults('reset/ops=ListDomains/count=2');
      const page = await make({ maxAttempts: 3 }).listDomains();
      assert.equal(page.items.length, 1);
      assert.equal(seeded.emu.stats.faults.reset, 2);
      assert.equal(seeded.emu.stats.requests, 3);
    });

    it('persistent resets → networkUnreachable after exactly maxAttempts requests', async () => {
      seeded.emu.setFaults('reset/ops=ListPackages');
      const err = await failure(make({ maxAttempts: 4 }).listPackages({ domain: 'acme', repository: 'shared' }, {}));
      // The SDK names a hang-up `TimeoutError` (code ECONNRESET); the user must read the reset, not a timeout.
      expectKind(err, 'networkUnreachable', /Check your network or proxy, or the codeartifact\.endpoint setting/);
      assert.match(err.message, /connection reset/);
      assert.doesNotMatch(err.message, /did not answer/);
      assert.ok(err.message.includes(new URL(seeded.emu.endpoint).host), `names the endpoint: ${err.message}`);
      assert.equal(seeded.emu.stats.faults.reset, 4);
      assert.equal(seeded.emu.stats.requests, 4);
    });
  });

  describe('slow bodies', () => {
    it('a list whose body trickles past the deadline → networkUnreachable, bounded attempts, connection released', async () => {
      seeded.emu.setFaults('slow/ms=20000/ops=ListPackages');
      const err = await failure(make({ callTimeoutMs: 700, maxAttempts: 3 }).listPackages({ domain: 'acme', repository: 'shared' }, { format: 'npm' }, { maxResults: 5 }));
      // Our deadline cutting a body mid-stream surfaces from the SDK as "aborted"/ECONNRESET; the user must read
      // that CodeArtifact did not answer in time.
      expectKind(err, 'networkUnreachable', /Check your network or proxy, or the codeartifact\.endpoint setting/);
      assert.match(err.message, /did not answer within/);
      assert.ok(err.message.includes(seeded.emu.endpoint), `names the endpoint: ${err.message}`);
      assert.ok(seeded.emu.stats.requests >= 1 && seeded.emu.stats.requests <= 3, `attempts bounded by maxAttempts: ${seeded.emu.stats.requests}`);
      // The client hung up: the emulator is not left trickling a body to nobody.
      await until(() => seeded.emu.stats.inFlight === 0, 'the emulator sees the client go away');
    });

    it('a slow body that finishes inside the deadline is just slow, not an error', async () => {
      seeded.emu.setFaults('slow/ms=300/ops=ListPackages');
      const page = await make({ callTimeoutMs: 20_000, maxAttempts: 1 }).listPackages({ domain: 'acme', repository: 'shared' }, { format: 'npm' }, { maxResults: 5 });
      assert.equal(page.items.length, 5);
      assert.ok(page.nextToken, 'paging survives a slow body');
      assert.equal(seeded.emu.stats.faults.slow, 1);
    });
  });

  describe('cancellation', () => {
    it('aborting mid-body → cancelled, no retry, and the emulator sees the client go away', async () => {
      seeded.emu.setFaults('slow/ms=30000/ops=ListRepositoriesInDomain');
      const controller = new AbortController();
      const call = failure(make({ maxAttempts: 3, callTimeoutMs: 60_000 }).listRepositories({ name: 'acme' }, { signal: controller.signal }));
      // Abort once the server is handling the request (counted, not timed).
      await until(() => seeded.emu.stats.inFlight === 1, 'the request reaches the emulator');
      controller.abort();
      const err = await call;
      expectKind(err, 'cancelled', /^Cancelled: codeartifact:ListRepositoriesInDomain\.$/);
      await until(() => seeded.emu.stats.inFlight === 0, 'the emulator sees the client go away');
      assert.equal(seeded.emu.stats.requests, 1, 'a cancelled call is not retried');
    });

    it('aborting while waiting out a Retry-After → cancelled, no further attempt', async () => {
      seeded.emu.setFaults('throttle/ops=ListDomains/retryAfter=30');
      const controller = new AbortController();
      const call = failure(make({ maxAttempts: 3, callTimeoutMs: 120_000 }).listDomains({ signal: controller.signal }));
      await until(() => (seeded.emu.stats.faults.throttle ?? 0) === 1 && seeded.emu.stats.inFlight === 0, 'the first attempt is throttled');
      controller.abort();
      const err = await call;
      expectKind(err, 'cancelled', /^Cancelled: /);
      assert.equal(seeded.emu.stats.requests, 1, 'no retry after cancellation');
    });

    it('an already-aborted signal sends nothing', async () => {
      const err = await failure(make().describeDomain({ name: 'acme' }, { signal: AbortSignal.abort() }));
      expectKind(err, 'cancelled', /^Cancelled: codeartifact:DescribeDomain\.$/);
      assert.equal(seeded.emu.stats.requests, 0);
    });
  });

  describe('token refresh under faults', () => {
    function tokenService(api: SdkCodeArtifactApi, clock: { now: number }) {
      const secrets = new Map<string, string>();
      const store: TokenSecrets = {
        get: (k) => Promise.resolve(secrets.get(k)),
        store: (k, v) => Promise.resolve(void secrets.set(k, v)),
        delete: (k) => Promise.resolve(void secrets.delete(k)),
      };
      const logLines: string[] = [];
      const log = { info: (m: string) => void logLines.push(m), warn: (m: string) => void logLines.push(m) };
      // No real timers: the test drives refreshDue() itself.
      const timers = { setTimeout: (): undefined => undefined, clearTimeout: (): void => undefined };
      const service = new TokenService({ api: () => api, secrets: store, log, durationSeconds: () => 900, now: () => clock.now, timers });
      return { service, secrets, logLines };
    }

    it('a throttled refresh keeps the old token, reports once, is bounded, and recovers', async () => {
      const clock = { now: Date.now() };
      const { service, secrets, logLines } = tokenService(make({ maxAttempts: 3 }), clock);
      const failures: RefreshFailure[] = [];
      service.onDidFail((f) => failures.push(f));
      const domain = { name: 'acme', owner: '' };
      service.track([domain]);
      const first = await service.get(domain);
      assert.equal(seeded.emu.stats.operations.GetAuthorizationToken, 1);

      clock.now += 2 * 3600_000; // past the refresh time (and the expiry) of the 15-minute token
      seeded.emu.resetStats();
      seeded.emu.setFaults('throttle/ops=GetAuthorizationToken/retryAfter=0');
      await service.refreshDue(); // never throws
      await service.refreshDue();
      assert.equal(seeded.emu.stats.requests, 6, 'two refreshes × maxAttempts, no more');
      assert.equal(failures.length, 1, 'the user is told once, not on every retry');
      assert.equal(failures[0]?.error.kind, 'throttled');
      assert.equal(service.summary()?.failing, true);
      assert.equal((await service.stored(domain))?.token, first.token, 'the old token is kept, not dropped');

      seeded.emu.setFaults(undefined);
      await service.refreshDue();
      const second = await service.stored(domain);
      assert.ok(second && second.token !== first.token, 'a new token once the throttling stops');
      assert.equal(service.summary()?.failing, false);
      const text = [...logLines, ...failures.map((f) => f.error.message)].join('\n');
      assert.ok(!text.includes(first.token) && !text.includes(second.token), 'no token in logs or messages');
      assert.equal([...secrets.keys()].filter((k) => k.startsWith('codeartifact.token:')).length, 1, 'one token kept (beside the index Sign Out uses)');
      service.dispose();
    });

    it('concurrent requests for a token during a throttling burst share one bounded call', async () => {
      const { service } = tokenService(make({ maxAttempts: 3 }), { now: Date.now() });
      seeded.emu.setFaults('throttle/ops=GetAuthorizationToken/count=2/retryAfter=0');
      const domain = { name: 'acme', owner: '' };
      const tokens = await Promise.all(Array.from({ length: 8 }, () => service.get(domain)));
      assert.equal(new Set(tokens.map((t) => t.token)).size, 1);
      assert.equal(seeded.emu.stats.requests, 3, 'single flight: 2 throttled + 1 success, not 8 × 3');
      service.dispose();
    });
  });

  describe('endpoint unreachable', () => {
    it('the endpoint goes down mid-session → networkUnreachable naming the endpoint', async () => {
      const own = await startEmulator({ seed: testSeed(), port: 0 });
      let stopped = false;
      try {
        const api = make({ endpoint: own.endpoint, maxAttempts: 3 });
        assert.equal((await api.listDomains()).items.length, 1, 'works while the endpoint is up (keep-alive socket open)');
        await own.stop();
        stopped = true;
        const err = await failure(api.listRepositories({ name: 'acme' }));
        expectKind(err, 'networkUnreachable', /Can't reach 127\.0\.0\.1:\d+: connection refused\. Check your network or proxy, or the codeartifact\.endpoint setting/);
        assert.ok(err.message.includes(new URL(own.endpoint).host), `names the endpoint's host: ${err.message}`);
        assert.deepEqual(err.detail, { kind: 'networkUnreachable', endpoint: own.endpoint, code: 'ECONNREFUSED' });
      } finally {
        if (!stopped) await own.stop();
      }
    });

    it('a host name that does not resolve → networkUnreachable, no hang', async () => {
      const endpoint = 'http://codeartifact.invalid:1234';
      const err = await failure(make({ endpoint, maxAttempts: 2, callTimeoutMs: 15_000 }).listDomains());
      expectKind(err, 'networkUnreachable', /Check your network or proxy, or the codeartifact\.endpoint setting/);
      assert.ok(err.detail.kind === 'networkUnreachable' && err.detail.endpoint === endpoint, JSON.stringify(err.detail));
      assert.ok(err.message.includes('codeartifact.invalid:1234'), `names the endpoint: ${err.message}`);
    });

    it('userinfo in an unresolvable endpoint is not repeated back', async () => {
      const err = await failure(make({ endpoint: 'http://someone:hunter2@codeartifact.invalid:1234', maxAttempts: 1, callTimeoutMs: 15_000 }).listDomains());
      expectKind(err, 'networkUnreachable', /codeartifact\.invalid:1234/);
      assert.doesNotMatch(err.message, /hunter2|someone/);
    });
  });
});
