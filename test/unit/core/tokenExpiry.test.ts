import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DEFAULT_REFRESH_POLICY,
  describeExpiry,
  formatDuration,
  refreshAt,
  refreshDelayMs,
  timeLeftMs,
  tokenState,
} from '../../../src/core/tokenExpiry';

const H = 3_600_000;
const MIN = 60_000;
const T0 = Date.UTC(2026, 10, 26, 8, 0, 0);
const twelveHours = { issuedAt: T0, expiresAt: T0 + 12 * H };

describe('core/tokenExpiry', () => {
  it('refreshes a 12 h token at 75 % of its life (9 h)', () => {
    assert.equal(refreshAt(twelveHours), T0 + 9 * H);
    assert.equal(refreshDelayMs(twelveHours, T0 + H), 8 * H);
    assert.equal(refreshDelayMs(twelveHours, T0 + 10 * H), 0, 'overdue (e.g. after sleep) means now');
  });

  it('refreshes a 15 min token at least 10 min before expiry', () => {
    const short = { issuedAt: T0, expiresAt: T0 + 15 * MIN };
    assert.equal(refreshAt(short), T0 + 5 * MIN);
    const tiny = { issuedAt: T0, expiresAt: T0 + 5 * MIN };
    assert.equal(refreshAt(tiny), T0, 'never before it was issued');
  });

  it('reports fresh, expiring soon and expired', () => {
    assert.equal(tokenState(twelveHours, T0 + H), 'fresh');
    assert.equal(tokenState(twelveHours, T0 + 9 * H), 'expiringSoon');
    assert.equal(tokenState(twelveHours, T0 + 12 * H), 'expired');
    assert.equal(tokenState(twelveHours, T0 + 12 * H - 1), 'expiringSoon');
    const noRefresh = { ...DEFAULT_REFRESH_POLICY, fraction: 1, minLeadMs: 0 };
    assert.equal(tokenState(twelveHours, T0 + 12 * H - 29 * MIN, noRefresh), 'expiringSoon', 'warns in the last 30 min');
    assert.equal(tokenState(twelveHours, T0 + 12 * H - 31 * MIN, noRefresh), 'fresh');
  });

  it('writes time left for people', () => {
    assert.equal(describeExpiry(twelveHours, T0 + 40 * MIN), 'expires in 11 h 20 min');
    assert.equal(describeExpiry(twelveHours, T0 + 11 * H), 'expires in 1 h');
    assert.equal(describeExpiry(twelveHours, T0 + 12 * H - 5 * MIN), 'expires in 5 min');
    assert.equal(describeExpiry(twelveHours, T0 + 12 * H - 40_000), 'expires in 40 s');
    assert.equal(describeExpiry(twelveHours, T0 + 12 * H + 5 * MIN), 'expired 5 min ago');
    assert.equal(formatDuration(50 * H), '2 d 2 h');
    assert.equal(formatDuration(-5), '0 s');
    assert.equal(timeLeftMs(twelveHours, T0 + 13 * H), 0);
  });

  it('rejects a nonsensical fraction', () => {
    assert.throws(() => refreshAt(twelveHours, { ...DEFAULT_REFRESH_POLICY, fraction: 0 }), RangeError);
  });

  it('property: the refresh time lies within the lifetime and leaves the lead time when the life allows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 43_200_000 }), fc.double({ min: 0.05, max: 1, noNaN: true }), fc.integer({ min: 0, max: H }), (life, fraction, lead) => {
        const token = { issuedAt: T0, expiresAt: T0 + life };
        const at = refreshAt(token, { fraction, minLeadMs: lead, warnBeforeMs: 0 });
        assert.ok(at >= token.issuedAt && at <= token.expiresAt);
        assert.ok(at <= token.issuedAt + life * fraction + 1e-6);
        if (life >= lead) assert.ok(at <= token.expiresAt - lead);
      }),
    );
  });
});
