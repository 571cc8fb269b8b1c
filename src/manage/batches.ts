// Bulk version writes: cut into calls of at most 100 versions (the API's limit), run a few at a time and no faster
// than the action's documented rate, results kept per version. No vscode here.
//
// Only throttling is retried: the service refused that call, so sending it again cannot act twice. Any other
// failure of a whole call leaves its versions "unknown" or failed, never re-sent. Cancelling stops new calls; the
// calls already sent finish (aborting one would leave its outcome unknown).
import type { PackageRef } from '../aws/codeArtifactApi';
import { CodeArtifactError } from '../aws/errors';
import { MAX_VERSIONS_PER_CALL, type VersionOutcome } from '../aws/packageWrites';

export interface VersionJob {
  pkg: PackageRef;
  versions: readonly string[];
  /** Sent as `expectedStatus`: the status the tree showed, so that a change made meanwhile is caught. */
  expectedStatus?: string;
}

export type BatchCall = (job: VersionJob, versions: string[], signal?: AbortSignal) => Promise<VersionOutcome>;

export interface VersionFailure {
  pkg: PackageRef;
  version: string;
  /** The API's errorCode (ALREADY_EXISTS, MISMATCHED_STATUS, …), or ours for a whole call: ACCESS_DENIED, CALL_FAILED, OUTCOME_UNKNOWN, NOT_SENT. */
  code: string;
  message: string;
}

export interface BulkResult {
  succeeded: { pkg: PackageRef; version: string; status?: string }[];
  failed: VersionFailure[];
  /**
   * SKIPPED by the service: not attempted because another version of the same call failed (the calls are
   * all-or-nothing). Not a failure of that version; kept apart so that summaries do not count it as one.
   */
  skipped: VersionFailure[];
  /** Copies the reply does not list: the target already had the identical version (AWS: copies are idempotent). */
  unchanged: { pkg: PackageRef; version: string }[];
  /** Skipped versions sent once more in a call of their own (they were not applied, so this cannot act twice). */
  resent: number;
  /** Calls sent (throttled retries included). */
  calls: number;
  throttled: number;
  peakConcurrency: number;
  cancelled: boolean;
  /** The first AccessDenied, which stops the rest: one clear message instead of one per call. */
  accessDenied?: CodeArtifactError;
}

export interface BulkOptions {
  /** Calls in flight at once. Default 4. */
  concurrency?: number;
  /** The action's documented per-account rate (CopyPackageVersions 5/s; other writes 100/s). */
  perSecond?: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Throttled calls sent again, each after a longer wait. Default 5. */
  maxThrottleRetries?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /**
   * What a version missing from both maps of a successful reply means. CopyPackageVersions leaves out versions
   * already identical in the target ('unchanged'); elsewhere it is unexplained ('unknown', the default).
   */
  unlisted?: 'unchanged' | 'unknown';
  /** Send SKIPPED versions once more without the versions that failed. Default true. */
  resendSkipped?: boolean;
}

/** Documented request rates per account (CodeArtifact user guide, "Quotas"): copy is the slow one. */
export const WRITE_RATES: Readonly<Record<string, number>> = { CopyPackageVersions: 5, default: 100 };

export function chunk<T>(items: readonly T[], size = MAX_VERSIONS_PER_CALL): T[][] {
  if (size < 1) throw new RangeError('size must be at least 1');
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Spaces call starts so that no one-second window sees more than `perSecond` of them (10 % margin for jitter). */
class RateGate {
  private next = 0;
  private readonly gapMs: number;
  constructor(
    perSecond: number,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {
    this.gapMs = perSecond > 0 ? (1000 / perSecond) * 1.1 : 0;
  }
  async take(): Promise<void> {
    const now = this.now();
    const at = Math.max(now, this.next);
    this.next = at + this.gapMs;
    if (at > now) await this.sleep(at - now);
  }
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs every job's versions in calls of at most 100 and gathers one outcome per version. */
export async function runBulk(jobs: readonly VersionJob[], call: BatchCall, opts: BulkOptions = {}): Promise<BulkResult> {
  const sleep = opts.sleep ?? defaultSleep;
  const now = opts.now ?? Date.now;
  const gate = new RateGate(opts.perSecond ?? WRITE_RATES['default'] ?? 100, now, sleep);
  const batches: { job: VersionJob; versions: string[]; resend?: true }[] = jobs.flatMap((job) => chunk([...new Set(job.versions)]).map((versions) => ({ job, versions })));
  const total = batches.reduce((n, b) => n + b.versions.length, 0);
  const result: BulkResult = { succeeded: [], failed: [], skipped: [], unchanged: [], resent: 0, calls: 0, throttled: 0, peakConcurrency: 0, cancelled: false };
  let done = 0;
  let active = 0;
  let next = 0;
  const stopped = (): boolean => opts.signal?.aborted === true || result.accessDenied !== undefined;

  const fail = (b: (typeof batches)[number], code: string, message: string): void => {
    for (const version of b.versions) result.failed.push({ pkg: b.job.pkg, version, code, message });
  };

  const runOne = async (b: (typeof batches)[number]): Promise<void> => {
    for (let attempt = 0; ; attempt++) {
      await gate.take();
      if (stopped()) return fail(b, 'NOT_SENT', result.accessDenied ? 'Not sent: an earlier call was denied.' : 'Not sent: cancelled.');
      result.calls++;
      active++;
      result.peakConcurrency = Math.max(result.peakConcurrency, active);
      try {
        // No signal: a write that was sent is allowed to finish, so that its outcome is known.
        const out = await call(b.job, b.versions);
        const skipped: string[] = [];
        for (const version of b.versions) {
          const ok = out.successful[version];
          const bad = out.failed[version];
          if (ok) result.succeeded.push({ pkg: b.job.pkg, version, ...(ok.status ? { status: ok.status } : {}) });
          else if (bad?.errorCode === 'SKIPPED') skipped.push(version);
          else if (bad) result.failed.push({ pkg: b.job.pkg, version, code: bad.errorCode, message: bad.errorMessage ?? '' });
          else if (opts.unlisted === 'unchanged') result.unchanged.push({ pkg: b.job.pkg, version });
          else result.failed.push({ pkg: b.job.pkg, version, code: 'OUTCOME_UNKNOWN', message: 'The answer did not mention this version; refresh to see its state.' });
        }
        // Only when another version of the call failed (else the service has not said why): once, on their own.
        const others = skipped.length < b.versions.length && Object.keys(out.failed).some((v) => out.failed[v]?.errorCode !== 'SKIPPED');
        if (skipped.length > 0 && others && !b.resend && opts.resendSkipped !== false) {
          result.resent += skipped.length;
          batches.push({ job: b.job, versions: skipped, resend: true });
        } else {
          for (const version of skipped) result.skipped.push({ pkg: b.job.pkg, version, code: 'SKIPPED', message: out.failed[version]?.errorMessage ?? '' });
        }
        return;
      } catch (err) {
        const e = err instanceof CodeArtifactError ? err : undefined;
        if (e?.kind === 'throttled' && attempt < (opts.maxThrottleRetries ?? 5)) {
          result.throttled++;
          await sleep(Math.min(8000, 1000 * 2 ** attempt));
          continue;
        }
        if (e?.kind === 'accessDenied') {
          result.accessDenied ??= e;
          return fail(b, 'ACCESS_DENIED', e.message);
        }
        // A call that failed as a whole: validation and not-found mean nothing happened; other failures may
        // have happened on the server before the answer was lost, and are said to be unknown.
        const nothingHappened = e && ['validation', 'notFound', 'throttled', 'noCredentials', 'notSignedIn', 'ssoExpired', 'unknownRegion'].includes(e.kind);
        const message = err instanceof Error ? err.message : String(err);
        return fail(b, nothingHappened ? 'CALL_FAILED' : 'OUTCOME_UNKNOWN', nothingHappened ? message : `${message} (it may or may not have been applied; refresh to check)`);
      } finally {
        active--;
      }
    }
  };

  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      const b = batches[next++];
      if (!b) break;
      await runOne(b);
      if (b.resend) continue; // its versions were counted with their first call
      done += b.versions.length;
      opts.onProgress?.(done, total);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 4, batches.length)) }, worker));
  result.cancelled = opts.signal?.aborted === true;
  return result;
}
