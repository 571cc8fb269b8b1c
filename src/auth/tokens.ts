// CodeArtifact authorization tokens: one per domain (and owner), kept in SecretStorage with its expiry,
// fetched at most once at a time per domain, and refreshed before it expires (tokenExpiry.ts decides when).
// No runtime `vscode` import: API, secret storage, clock and timers are injected so that tests run in Node.
import type * as vscode from 'vscode';
import type { CodeArtifactApi, DomainRef } from '../aws/codeArtifactApi';
import { CodeArtifactError, toApiError } from '../aws/errors';
import { DEFAULT_REFRESH_POLICY, refreshAt, tokenState, type RefreshPolicy, type TokenState } from '../core/tokenExpiry';
import { Emitter } from '../shared/emitter';

/** The domain a token belongs to; `owner` '' means "the caller's own account" (not known yet). */
export interface TokenDomain {
  readonly name: string;
  readonly owner: string;
}

export interface IssuedToken extends TokenDomain {
  readonly token: string;
  /** ms since epoch. */
  readonly issuedAt: number;
  readonly expiresAt: number;
}

export type TokenSecrets = Pick<vscode.SecretStorage, 'get' | 'store' | 'delete'>;
export type TokenLog = Pick<vscode.LogOutputChannel, 'info' | 'warn'>;

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface TokenServiceOptions {
  readonly api: () => Pick<CodeArtifactApi, 'getAuthorizationToken'>;
  readonly secrets: TokenSecrets;
  readonly log: TokenLog;
  /** Seconds, 900..43200 (the `codeartifact.tokenDurationSeconds` setting). */
  readonly durationSeconds: () => number;
  readonly now?: () => number;
  readonly timers?: Timers;
  readonly policy?: RefreshPolicy;
  /** The timer never sleeps longer than this, so a machine that slept is noticed even without focus. */
  readonly maxTimerMs?: number;
  /** After a failed refresh, try again this much later (silently). */
  readonly retryMs?: number;
}

/** What the status bar shows: the token that expires first among the tracked domains. */
export interface TokenSummary {
  readonly domain: TokenDomain;
  readonly state: TokenState;
  readonly issuedAt: number;
  readonly expiresAt: number;
  /** The last refresh of some tracked domain failed and has not succeeded since. */
  readonly failing: boolean;
}

export interface RefreshFailure {
  readonly domain: TokenDomain;
  readonly error: CodeArtifactError;
}

const SECRET_PREFIX = 'codeartifact.token:';
/** The domain keys we have stored a token under (SecretStorage cannot list its keys), so Sign Out can forget them all. */
const INDEX_KEY = 'codeartifact.tokenIndex';
export const MIN_DURATION_SECONDS = 900;
export const MAX_DURATION_SECONDS = 43_200;

export function domainKey(d: TokenDomain): string {
  return `${d.owner}/${d.name}`;
}

/** The setting's value clamped to what GetAuthorizationToken accepts; 0 stays 0 ("until the session's credentials expire"). */
export function clampDuration(seconds: unknown): number {
  const n = typeof seconds === 'number' && Number.isFinite(seconds) ? Math.round(seconds) : MAX_DURATION_SECONDS;
  if (n === 0) return 0;
  return Math.min(MAX_DURATION_SECONDS, Math.max(MIN_DURATION_SECONDS, n));
}

function parseStored(text: string | undefined): IssuedToken | undefined {
  if (!text) return undefined;
  try {
    const v = JSON.parse(text) as Partial<IssuedToken>;
    if (typeof v.token === 'string' && typeof v.issuedAt === 'number' && typeof v.expiresAt === 'number' && typeof v.name === 'string' && typeof v.owner === 'string') {
      return { token: v.token, issuedAt: v.issuedAt, expiresAt: v.expiresAt, name: v.name, owner: v.owner };
    }
  } catch {
    // A damaged entry is treated as missing and overwritten by the next fetch.
  }
  return undefined;
}

export const defaultTimers: Timers = {
  setTimeout: (cb, ms) => {
    const h = setTimeout(cb, ms);
    h.unref?.();
    return h;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export class TokenService {
  private readonly cache = new Map<string, IssuedToken>();
  private readonly inFlight = new Map<string, Promise<IssuedToken>>();
  private readonly tracked = new Map<string, TokenDomain>();
  private readonly failing = new Map<string, CodeArtifactError>();
  private timer: unknown;
  private disposed = false;
  /** Signed out: no background refresh until `resume()`; a fetch that was in flight is not kept. */
  private suspended = false;
  private generation = 0;
  private indexWrites: Promise<void> = Promise.resolve();
  private readonly now: () => number;
  private readonly timers: Timers;
  private readonly policy: RefreshPolicy;

  private readonly refreshed = new Emitter<IssuedToken>();
  /** A new token was issued (after configure, a refresh, or a forced refresh). Never log the payload. */
  readonly onDidRefresh = this.refreshed.event;
  private readonly failed = new Emitter<RefreshFailure>();
  /** A background refresh failed; fired once per domain until a refresh of it succeeds again. */
  readonly onDidFail = this.failed.event;
  private readonly changed = new Emitter<void>();
  /** Tokens, tracking or failure state changed (for the status bar). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly opts: TokenServiceOptions) {
    this.now = opts.now ?? Date.now;
    this.timers = opts.timers ?? defaultTimers;
    this.policy = opts.policy ?? DEFAULT_REFRESH_POLICY;
  }

  /** A usable token: the stored one while it is before its refresh time, else a new one. */
  async get(domain: TokenDomain, signal?: AbortSignal): Promise<IssuedToken> {
    const current = await this.stored(domain);
    if (current && this.now() < refreshAt(current, this.policy)) return current;
    return this.refresh(domain, signal);
  }

  /** The token we hold (memory, then secret storage), whatever its age; undefined when none. */
  async stored(domain: TokenDomain): Promise<IssuedToken | undefined> {
    const key = domainKey(domain);
    const cached = this.cache.get(key);
    if (cached) return cached;
    const fromSecrets = parseStored(await this.opts.secrets.get(SECRET_PREFIX + key));
    if (fromSecrets) this.cache.set(key, fromSecrets);
    return fromSecrets;
  }

  /**
   * Fetches a new token. Concurrent calls for the same domain share one GetAuthorizationToken call
   * (single flight); the caller's signal only stops waiting, never the shared call.
   */
  refresh(domain: TokenDomain, signal?: AbortSignal): Promise<IssuedToken> {
    const key = domainKey(domain);
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.fetch(domain).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    if (!signal) return pending;
    return Promise.race([
      pending,
      new Promise<never>((_, reject) => {
        const abort = (): void => reject(new CodeArtifactError({ kind: 'cancelled' }, 'Cancelled: GetAuthorizationToken.'));
        if (signal.aborted) abort();
        else signal.addEventListener('abort', abort, { once: true });
      }),
    ]);
  }

  private async fetch(domain: TokenDomain): Promise<IssuedToken> {
    const durationSeconds = clampDuration(this.opts.durationSeconds());
    const issuedAt = this.now();
    const ref: DomainRef = domain.owner ? { name: domain.name, owner: domain.owner } : { name: domain.name };
    const generation = this.generation;
    const out = await this.opts.api().getAuthorizationToken(ref, { durationSeconds });
    if (generation !== this.generation) throw new CodeArtifactError({ kind: 'cancelled' }, 'Signed out while a token was being fetched.');
    const issued: IssuedToken = {
      name: domain.name,
      owner: domain.owner,
      token: out.token,
      issuedAt,
      // Duration 0 lasts as long as the session: without an answer's expiration, assume the shortest life.
      expiresAt: out.expiration?.getTime() ?? issuedAt + (durationSeconds || MIN_DURATION_SECONDS) * 1000,
    };
    const key = domainKey(domain);
    this.cache.set(key, issued);
    await this.opts.secrets.store(SECRET_PREFIX + key, JSON.stringify(issued));
    await this.updateIndex((keys) => keys.add(key));
    this.failing.delete(key);
    this.opts.log.info(`New CodeArtifact token for domain ${domain.name}${domain.owner ? ` (${domain.owner})` : ''}, valid for ${Math.round((issued.expiresAt - issuedAt) / 60_000)} min`);
    this.refreshed.fire(issued);
    this.schedule();
    this.changed.fire();
    return issued;
  }

  /** The domains whose tokens are kept alive (those that some written configuration uses). */
  track(domains: readonly TokenDomain[]): void {
    this.tracked.clear();
    for (const d of domains) this.tracked.set(domainKey(d), d);
    for (const key of [...this.failing.keys()]) if (!this.tracked.has(key)) this.failing.delete(key);
    this.schedule();
    this.changed.fire();
  }

  trackedDomains(): TokenDomain[] {
    return [...this.tracked.values()];
  }

  /** Drops a domain's token from memory and secret storage (after its last configuration is removed). */
  async forget(domain: TokenDomain): Promise<void> {
    const key = domainKey(domain);
    this.cache.delete(key);
    this.failing.delete(key);
    await this.opts.secrets.delete(SECRET_PREFIX + key);
    await this.updateIndex((keys) => keys.delete(key));
    this.changed.fire();
  }

  /**
   * Sign Out: every token we ever stored leaves memory and secret storage, and background refresh stops
   * until `resume()` (the next sign-in). The domains stay tracked: their configurations still exist.
   */
  async forgetAll(): Promise<void> {
    this.generation += 1;
    this.suspend();
    const keys = new Set([...(await this.readIndex()), ...this.cache.keys(), ...this.tracked.keys()]);
    this.cache.clear();
    this.failing.clear();
    this.inFlight.clear();
    for (const key of keys) await this.opts.secrets.delete(SECRET_PREFIX + key);
    await this.updateIndex((index) => index.clear());
    this.changed.fire();
  }

  /** No background refresh (not signed in): a failing timer would only nag. */
  suspend(): void {
    this.suspended = true;
    this.schedule();
  }

  resume(): void {
    this.suspended = false;
    this.schedule();
  }

  private async readIndex(): Promise<string[]> {
    try {
      const parsed: unknown = JSON.parse((await this.opts.secrets.get(INDEX_KEY)) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter((k): k is string => typeof k === 'string') : [];
    } catch {
      return [];
    }
  }

  /** Read-modify-write of the index, one at a time. */
  private updateIndex(change: (keys: Set<string>) => void): Promise<void> {
    const run = this.indexWrites.then(async () => {
      const keys = new Set(await this.readIndex());
      change(keys);
      if (keys.size === 0) await this.opts.secrets.delete(INDEX_KEY);
      else await this.opts.secrets.store(INDEX_KEY, JSON.stringify([...keys]));
    });
    this.indexWrites = run.catch(() => undefined);
    return run;
  }

  /**
   * Refreshes every tracked domain whose refresh time has passed (or that has no token). Called by the
   * timer and when the window regains focus (after sleep the timer may be late). Failures are reported
   * through onDidFail, once per domain until it recovers; this never throws.
   */
  async refreshDue(): Promise<void> {
    if (this.suspended) return;
    const now = this.now();
    const due: TokenDomain[] = [];
    for (const d of this.tracked.values()) {
      const t = await this.stored(d);
      if (!t || now >= refreshAt(t, this.policy)) due.push(d);
    }
    await Promise.all(
      due.map(async (d) => {
        try {
          await this.refresh(d);
        } catch (err) {
          this.noteFailure(d, err);
        }
      }),
    );
    this.schedule();
  }

  private noteFailure(domain: TokenDomain, err: unknown): void {
    const key = domainKey(domain);
    const error = err instanceof CodeArtifactError ? err : toApiError(err, { action: 'codeartifact:GetAuthorizationToken', region: '', knownRegion: true });
    const first = !this.failing.has(key);
    this.failing.set(key, error);
    this.opts.log.warn(`Could not refresh the token for domain ${domain.name}: ${error.message}`);
    if (first) this.failed.fire({ domain, error });
    this.changed.fire();
  }

  /** The earliest-expiring tracked token, for the status bar; undefined when nothing is tracked or held. */
  summary(): TokenSummary | undefined {
    let best: IssuedToken | undefined;
    for (const key of this.tracked.keys()) {
      const t = this.cache.get(key);
      if (t && (!best || t.expiresAt < best.expiresAt)) best = t;
    }
    if (!best) return undefined;
    return {
      domain: { name: best.name, owner: best.owner },
      state: tokenState(best, this.now(), this.policy),
      issuedAt: best.issuedAt,
      expiresAt: best.expiresAt,
      failing: this.failing.size > 0,
    };
  }

  /** Loads the stored tokens of the tracked domains into memory (after a reload) without calling AWS. */
  async load(): Promise<void> {
    for (const d of this.tracked.values()) await this.stored(d);
    this.schedule();
    this.changed.fire();
  }

  /** Sets the one timer to the next refresh time (capped; a failure retries after `retryMs`). */
  private schedule(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.disposed || this.suspended || this.tracked.size === 0) return;
    const now = this.now();
    let next = Number.POSITIVE_INFINITY;
    for (const key of this.tracked.keys()) {
      const t = this.cache.get(key);
      const at = this.failing.has(key) ? now + (this.opts.retryMs ?? 5 * 60_000) : !t ? now : refreshAt(t, this.policy);
      next = Math.min(next, at);
    }
    const delay = Math.min(Math.max(0, next - now), this.opts.maxTimerMs ?? 15 * 60_000);
    this.timer = this.timers.setTimeout(() => {
      this.timer = undefined;
      void this.refreshDue();
    }, delay);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
    this.refreshed.dispose();
    this.failed.dispose();
    this.changed.dispose();
  }
}
