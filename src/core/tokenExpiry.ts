// Token lifetime arithmetic for the refresh timer and the status bar. Pure: the clock is an argument.

export interface TokenLifetime {
  /** When GetAuthorizationToken returned the token (ms since epoch). */
  readonly issuedAt: number;
  /** The `expiration` GetAuthorizationToken returned (ms since epoch). */
  readonly expiresAt: number;
}

export interface RefreshPolicy {
  /** Refresh once this fraction of the lifetime has passed. */
  readonly fraction: number;
  /** …and in any case at least this long before expiry. */
  readonly minLeadMs: number;
  /** The status bar warns once less than this is left (or the refresh time has passed). */
  readonly warnBeforeMs: number;
}

export const DEFAULT_REFRESH_POLICY: RefreshPolicy = { fraction: 0.75, minLeadMs: 10 * 60_000, warnBeforeMs: 30 * 60_000 };

export type TokenState = 'fresh' | 'expiringSoon' | 'expired';

export function timeLeftMs(token: TokenLifetime, now: number): number {
  return Math.max(0, token.expiresAt - now);
}

/** When to refresh: at `fraction` of the lifetime, but no later than `minLeadMs` before expiry, never before issue. */
export function refreshAt(token: TokenLifetime, policy: RefreshPolicy = DEFAULT_REFRESH_POLICY): number {
  if (!(policy.fraction > 0 && policy.fraction <= 1)) throw new RangeError('fraction must be in (0, 1]');
  const life = Math.max(0, token.expiresAt - token.issuedAt);
  const byFraction = token.issuedAt + life * policy.fraction;
  return Math.max(token.issuedAt, Math.min(byFraction, token.expiresAt - policy.minLeadMs));
}

/** Milliseconds until the refresh should run (0 = now); use for setTimeout and after waking from sleep. */
export function refreshDelayMs(token: TokenLifetime, now: number, policy: RefreshPolicy = DEFAULT_REFRESH_POLICY): number {
  return Math.max(0, refreshAt(token, policy) - now);
}

export function tokenState(token: TokenLifetime, now: number, policy: RefreshPolicy = DEFAULT_REFRESH_POLICY): TokenState {
  if (now >= token.expiresAt) return 'expired';
  if (now >= refreshAt(token, policy) || token.expiresAt - now <= policy.warnBeforeMs) return 'expiringSoon';
  return 'fresh';
}

/** "11 h 20 min", "5 min", "40 s", "2 d 3 h": two units at most, rounded down. */
export function formatDuration(ms: number): string {
  const s = Math.floor(Math.max(0, ms) / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return `${m} min`;
  return `${s} s`;
}

/** "expires in 11 h 20 min" or "expired 5 min ago". */
export function describeExpiry(token: TokenLifetime, now: number): string {
  return now >= token.expiresAt
    ? `expired ${formatDuration(now - token.expiresAt)} ago`
    : `expires in ${formatDuration(token.expiresAt - now)}`;
}
