// What `npm run demo` runs under: the children it started (code-server, each in its own process group) and the
// in-process services (the emulator) stop on SIGINT, SIGTERM or SIGHUP sent to this process — from a terminal's
// Ctrl-C, `kill PID`, a service manager or a parent that ends — not only on Ctrl-C. A second signal while stopping
// kills the children's groups at once.
import { killAllNow, stopProcess, type Started } from '../test/e2e/processes';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export interface SupervisorOptions {
  /** How long a child gets after SIGTERM before SIGKILL. */
  graceMs?: number;
  /** Told once, when stopping starts (e.g. "Stopping code-server and the emulator …"). */
  onStopping?: (reason: string) => void;
  /** Ends the process; tests may replace it. */
  exit?: (code: number) => never;
}

export class Supervisor {
  private readonly children: Started[] = [];
  private readonly services: { stop: () => Promise<void> }[] = [];
  private stopping: Promise<void> | undefined;
  private readonly handlers = new Map<NodeJS.Signals, () => void>();

  constructor(private readonly opts: SupervisorOptions = {}) {}

  /** Starts listening for the signals; call before starting anything. */
  install(): this {
    for (const signal of SIGNALS) {
      const handler = () => {
        if (this.stopping) {
          // Asked twice: no more waiting.
          killAllNow();
          this.exit(130);
        }
        void this.stop(0, signal);
      };
      this.handlers.set(signal, handler);
      process.on(signal, handler);
    }
    return this;
  }

  /** A child process (already in its own group) to stop with its group. */
  track(child: Started): Started {
    this.children.push(child);
    return child;
  }

  /** An in-process service (the emulator) to stop after the children. */
  service<T extends { stop: () => Promise<void> }>(s: T): T {
    this.services.push(s);
    return s;
  }

  get isStopping(): boolean {
    return this.stopping !== undefined;
  }

  /** Stops the children (newest first, whole groups), then the services, then exits with `code`. */
  stop(code: number, reason = 'stop'): Promise<void> {
    this.stopping ??= (async () => {
      this.opts.onStopping?.(reason);
      for (const child of [...this.children].reverse()) await stopProcess(child, this.opts.graceMs).catch(() => undefined);
      for (const s of [...this.services].reverse()) await s.stop().catch(() => undefined);
      // Anything started while stopping (a start that was under way) goes too.
      killAllNow();
      for (const [signal, handler] of this.handlers) process.off(signal, handler);
      this.exit(code);
    })();
    return this.stopping;
  }

  private exit(code: number): never {
    return (this.opts.exit ?? process.exit)(code);
  }
}
