// Shared set-up for the configure tests: a small seed, the real SDK against the in-process emulator, a
// controllable clock and timers, and temp HOME / workspace directories.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SdkCodeArtifactApi } from '../../../src/aws/codeArtifactApi';
import type { Timers } from '../../../src/auth/tokens';
import type { Seed } from '../../emulator/seed';

export const OWNER = '111122223333';
export const OWNER_KEY = 'AKIACONFIGURETEST001';
export const REGION = 'us-west-2';

export function configureSeed(): Seed {
  return {
    accounts: { [OWNER_KEY]: OWNER },
    domains: [
      {
        name: 'acme',
        owner: OWNER,
        region: REGION,
        repositories: [{ name: 'shared' }, { name: 'python' }, { name: 'java' }],
      },
      { name: 'other', owner: OWNER, region: REGION, repositories: [{ name: 'misc' }] },
    ],
    packages: [],
  };
}

export function makeApi(endpoint: string, maxAttempts = 3): SdkCodeArtifactApi {
  return new SdkCodeArtifactApi({ region: REGION, endpoint, credentials: { accessKeyId: OWNER_KEY, secretAccessKey: 'test-secret' }, maxAttempts });
}

/** A clock that only moves when told. */
export class FakeClock {
  constructor(public ms = Date.UTC(2026, 0, 1, 8, 0, 0)) {}
  readonly now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** Timers that record what was scheduled; tests fire them by hand. */
export class FakeTimers implements Timers {
  pending: { callback: () => void; ms: number; id: number }[] = [];
  private next = 1;
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.push({ callback, ms, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((p) => p.id !== handle);
  }
  /** The one pending timer's delay (the service keeps exactly one). */
  get delay(): number | undefined {
    return this.pending.length === 1 ? this.pending[0]?.ms : undefined;
  }
  fire(): void {
    const due = this.pending;
    this.pending = [];
    for (const p of due) p.callback();
  }
}

export const silentLog = { info: (): void => undefined, warn: (): void => undefined };

/** A log that keeps every line, so tests can check that no token was logged. */
export function recordingLog(): { info(m: string): void; warn(m: string): void; lines: string[] } {
  const lines: string[] = [];
  return { info: (m: string) => void lines.push(m), warn: (m: string) => void lines.push(m), lines };
}

export async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `ca-configure-${prefix}-`));
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true });
}

/** Waits until pending promise callbacks have run (the timer callback starts async work). */
export async function settle(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}
