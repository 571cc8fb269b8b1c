// A bound on work in flight, shared by version lookups and publish-date calls. No vscode here.
import { VersionLookupError } from './versionSource';

/** At most `size` tasks at once; a queued task whose signal aborts leaves the queue. */
export class Limiter {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.active >= this.size) {
      await new Promise<void>((resolve, reject) => {
        const start = (): void => {
          signal?.removeEventListener('abort', abort);
          resolve();
        };
        const abort = (): void => {
          const i = this.queue.indexOf(start);
          if (i >= 0) this.queue.splice(i, 1);
          reject(new VersionLookupError('cancelled', 'The lookup was cancelled.'));
        };
        this.queue.push(start);
        signal?.addEventListener('abort', abort, { once: true });
      });
    }
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}
