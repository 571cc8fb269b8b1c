// The token service against the in-process emulator: single flight, secret storage, refresh timing on a
// fake clock, and a failing refresh told once.
import assert from 'node:assert/strict';
import type { SdkCodeArtifactApi } from '../../../src/aws/codeArtifactApi';
import { clampDuration, TokenService, type IssuedToken, type RefreshFailure } from '../../../src/auth/tokens';
import { refreshAt } from '../../../src/core/tokenExpiry';
import { startEmulator, type Emulator } from '../../emulator/server';
import { FakeSecretStorage } from '../fakes';
import { configureSeed, FakeClock, FakeTimers, makeApi, OWNER, OWNER_KEY, recordingLog, settle } from './testEnv';

const ACME = { name: 'acme', owner: OWNER };
const HOUR = 3_600_000;

describe('TokenService', function () {
  let emu: Emulator;
  let clock: FakeClock;
  const apis: SdkCodeArtifactApi[] = [];
  const services: TokenService[] = [];

  const make = (opts: { secrets?: FakeSecretStorage; duration?: number; maxAttempts?: number; timers?: FakeTimers; log?: ReturnType<typeof recordingLog> } = {}) => {
    const api = makeApi(emu.endpoint, opts.maxAttempts ?? 3);
    apis.push(api);
    const svc = new TokenService({
      api: () => api,
      secrets: opts.secrets ?? new FakeSecretStorage(),
      log: opts.log ?? recordingLog(),
      durationSeconds: () => opts.duration ?? 43_200,
      now: clock.now,
      timers: opts.timers ?? new FakeTimers(),
      maxTimerMs: Number.POSITIVE_INFINITY,
      retryMs: 60_000,
    });
    services.push(svc);
    return svc;
  };

  before(async () => {
    clock = new FakeClock();
    emu = await startEmulator({ seed: configureSeed(), port: 0, now: () => clock.now() });
  });
  after(async () => {
    services.forEach((s) => s.dispose());
    apis.forEach((a) => a.dispose());
    await emu.stop();
  });
  beforeEach(() => {
    emu.setFaults(undefined);
    emu.resetStats();
  });

  it('makes one GetAuthorizationToken call for 20 concurrent asks, and all get the same token', async () => {
    const svc = make();
    const tokens = await Promise.all(Array.from({ length: 20 }, () => svc.get(ACME)));
    assert.equal(emu.stats.operations.GetAuthorizationToken, 1);
    assert.equal(new Set(tokens.map((t) => t.token)).size, 1);
    // And 20 concurrent forced refreshes are one more call, not twenty.
    const again = await Promise.all(Array.from({ length: 20 }, () => svc.refresh(ACME)));
    assert.equal(emu.stats.operations.GetAuthorizationToken, 2);
    assert.equal(new Set(again.map((t) => t.token)).size, 1);
    assert.notEqual(again[0]?.token, tokens[0]?.token);
  });

  it('keeps the token with its expiry in secret storage, so a new window reuses it without calling AWS', async () => {
    const secrets = new FakeSecretStorage();
    const first = await make({ secrets, duration: 3600 }).get(ACME);
    assert.equal(first.expiresAt - first.issuedAt, HOUR, 'the expiry the service returned');
    assert.deepEqual((await secrets.keys()).sort(), [`codeartifact.token:${OWNER}/acme`, 'codeartifact.tokenIndex'], 'the token, and the index Sign Out uses');
    const stored = await secrets.get(`codeartifact.token:${OWNER}/acme`);
    assert.ok(stored?.includes(first.token));
    emu.resetStats();
    const second = await make({ secrets, duration: 3600 }).get(ACME);
    assert.equal(second.token, first.token);
    assert.equal(emu.stats.operations.GetAuthorizationToken, undefined, 'no call for a token that is still fresh');
  });

  it('passes the duration setting, clamped to 900..43200 seconds', async () => {
    assert.equal(clampDuration(60), 900);
    assert.equal(clampDuration(99_999), 43_200);
    assert.equal(clampDuration('x'), 43_200);
    const t = await make({ duration: 100 }).refresh(ACME);
    assert.equal(t.expiresAt - t.issuedAt, 900_000);
  });

  it('duration 0 (tokenDurationSeconds = 0): asks for 0 and lives as long as the role session, refreshed at 75 % of that', async () => {
    assert.equal(clampDuration(0), 0);
    // The caller's credentials are a 2-hour role session (as SSO role credentials are to the emulator).
    emu.store.sessionExpiry.set(OWNER_KEY, clock.now() + 2 * HOUR);
    try {
      const timers = new FakeTimers();
      const svc = make({ timers, duration: 0 });
      const t = await svc.get(ACME);
      assert.equal(t.expiresAt - t.issuedAt, 2 * HOUR, 'the token ends with the session');
      svc.track([ACME]);
      assert.equal(timers.delay, 1.5 * HOUR);
    } finally {
      emu.store.sessionExpiry.delete(OWNER_KEY);
    }
  });

  it('schedules the refresh at 75 % of the lifetime, rewrites on the timer, and not before', async () => {
    const timers = new FakeTimers();
    const svc = make({ timers, duration: 43_200 });
    const seen: IssuedToken[] = [];
    svc.onDidRefresh((t) => seen.push(t));
    const first = await svc.get(ACME);
    svc.track([ACME]);
    assert.equal(timers.delay, 9 * HOUR, 'a 12-hour token is refreshed after 9 hours');
    assert.equal(refreshAt(first), first.issuedAt + 9 * HOUR);

    // A timer that fires early (e.g. capped) finds nothing due.
    emu.resetStats();
    clock.advance(8 * HOUR);
    await svc.refreshDue();
    assert.equal(emu.stats.operations.GetAuthorizationToken, undefined);
    assert.equal(svc.summary()?.state, 'fresh');

    clock.advance(HOUR);
    timers.fire();
    await settle(() => seen.length === 2);
    assert.equal(emu.stats.operations.GetAuthorizationToken, 1);
    assert.notEqual(seen[1]?.token, first.token);
    assert.equal(timers.delay, 9 * HOUR, 'the next refresh is scheduled from the new token');
  });

  it('after a sleep past the expiry, refreshDue (window focus) gets a new token at once', async () => {
    const timers = new FakeTimers();
    const svc = make({ timers, duration: 900 });
    await svc.get(ACME);
    svc.track([ACME]);
    assert.equal(timers.delay, 5 * 60_000, 'a 15-minute token after 5 minutes (10 minutes before expiry)');
    clock.advance(2 * HOUR);
    assert.equal(svc.summary()?.state, 'expired');
    emu.resetStats();
    await svc.refreshDue();
    assert.equal(emu.stats.operations.GetAuthorizationToken, 1);
    // A 15-minute token is always within the 30-minute warning window, but no longer expired.
    assert.equal(svc.summary()?.state, 'expiringSoon');
    assert.equal(svc.summary()?.expiresAt, clock.now() + 900_000);
  });

  it('tells a failing refresh once, retries quietly, and tells again only after it recovered and failed anew', async () => {
    const timers = new FakeTimers();
    const log = recordingLog();
    const svc = make({ timers, duration: 900, maxAttempts: 1, log });
    const failures: RefreshFailure[] = [];
    svc.onDidFail((f) => failures.push(f));
    const token = await svc.get(ACME);
    svc.track([ACME]);
    clock.advance(10 * 60_000);

    emu.setFaults('error/ops=GetAuthorizationToken');
    await svc.refreshDue();
    await svc.refreshDue();
    await svc.refreshDue();
    assert.equal(failures.length, 1, 'told once');
    assert.equal(failures[0]?.domain.name, 'acme');
    assert.equal(failures[0]?.error.kind, 'internal');
    assert.equal(svc.summary()?.failing, true);
    assert.equal(timers.delay, 60_000, 'retries after retryMs');

    emu.setFaults(undefined);
    await svc.refreshDue();
    assert.equal(svc.summary()?.failing, false);
    clock.advance(10 * 60_000);
    emu.setFaults('error/ops=GetAuthorizationToken');
    await svc.refreshDue();
    assert.equal(failures.length, 2, 'a new failure after recovery is told again');
    assert.ok(!log.lines.some((l) => l.includes(token.token)), 'the token is never logged');
  });

  it('forgetAll() (Sign Out) removes every stored token, also of untracked domains and from an earlier window, and stops refreshing', async () => {
    const secrets = new FakeSecretStorage();
    const timers = new FakeTimers();
    const earlier = make({ secrets });
    await earlier.get({ name: 'other', owner: OWNER });
    const svc = make({ secrets, timers });
    svc.track([ACME]);
    await svc.get(ACME);
    assert.ok(secrets.size >= 2);
    await svc.forgetAll();
    assert.equal(secrets.size, 0, 'no token and no index left in secret storage');
    assert.equal(await svc.stored(ACME), undefined);
    assert.equal(await svc.stored({ name: 'other', owner: OWNER }), undefined);
    assert.equal(timers.pending.length, 0, 'no refresh is scheduled while signed out');
    emu.resetStats();
    await svc.refreshDue();
    assert.equal(emu.stats.operations.GetAuthorizationToken ?? 0, 0, 'a late timer does nothing');
    svc.resume();
    assert.equal(timers.pending.length, 1, 'signing in again schedules the refresh');
    await svc.refreshDue();
    assert.equal(emu.stats.operations.GetAuthorizationToken, 1);
  });

  it('a token that arrives after Sign Out is not kept', async () => {
    const secrets = new FakeSecretStorage();
    const svc = make({ secrets });
    emu.setLatency(200);
    try {
      const pending = svc.get(ACME);
      await new Promise((r) => setTimeout(r, 50));
      await svc.forgetAll();
      await assert.rejects(pending, /Signed out/);
    } finally {
      emu.setLatency(0);
    }
    assert.equal(secrets.size, 0);
    assert.equal(await svc.stored(ACME), undefined);
  });

  it('forget() drops the token from memory and secret storage', async () => {
    const secrets = new FakeSecretStorage();
    const svc = make({ secrets });
    await svc.get(ACME);
    await svc.forget(ACME);
    assert.equal(secrets.size, 0, 'neither the token nor an index entry is left');
    assert.equal(await svc.stored(ACME), undefined);
  });
});
