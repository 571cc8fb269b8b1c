// How long a failed lookup is remembered before it is asked again: seconds, doubling with each failure in a row
// (5, 10, 20, 40, then 60 s), so that a broken repository is not hammered and a fixed one shows within seconds.
// A success or invalidate() forgets. No vscode here.

export const FIRST_BACKOFF_MS = 5_000;
export const MAX_BACKOFF_MS = 60_000;

interface Entry<E> {
  readonly error: E;
  readonly until: number;
  readonly failures: number;
}

export class FailureBackoff<E = unknown> {
  private readonly entries = new Map<string, Entry<E>>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly firstMs = FIRST_BACKOFF_MS,
    private readonly maxMs = MAX_BACKOFF_MS,
  ) {}

  /** Records a failure and returns how long it is kept (ms). */
  fail(key: string, error: E): number {
    const failures = (this.entries.get(key)?.failures ?? 0) + 1;
    const delay = Math.min(this.maxMs, this.firstMs * 2 ** Math.min(failures - 1, 16));
    this.entries.set(key, { error, until: this.now() + delay, failures });
    return delay;
  }

  /** The failure still in force for this key, if any. */
  current(key: string): E | undefined {
    const entry = this.entries.get(key);
    return entry && this.now() < entry.until ? entry.error : undefined;
  }

  /** Milliseconds until this key may be asked again (0 when it may be now). */
  retryIn(key: string): number {
    const entry = this.entries.get(key);
    return entry ? Math.max(0, entry.until - this.now()) : 0;
  }

  succeed(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
