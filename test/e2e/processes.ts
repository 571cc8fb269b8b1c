// Child processes started by the e2e harness and the demo: each in its own process group so that stopping it also
// stops what it spawned (code-server's extension host, file watcher, pty host), and a last-chance kill on exit.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import * as fs from 'node:fs';

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** SIGKILL to every tracked group, synchronously (for 'exit' handlers, where nothing can be awaited). */
export function killAllNow(): void {
  for (const child of live) killGroup(child, 'SIGKILL');
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', killAllNow);
}

export interface Started {
  child: ChildProcess;
  /** Resolves when the process has exited (never rejects). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns a process in its own group with stdout+stderr appended to `logFile`, and tracks it until it exits. */
export function startProcess(command: string, args: string[], options: SpawnOptions & { logFile: string }): Started {
  installExitHook();
  const log = fs.openSync(options.logFile, 'a');
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  live.add(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    });
    child.on('error', () => {
      live.delete(child);
      resolve({ code: null, signal: null });
    });
  });
  return { child, exited };
}

/** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves once the leader has exited. */
export async function stopProcess(started: Started, graceMs = 5_000): Promise<void> {
  if (started.child.exitCode !== null || started.child.signalCode !== null) {
    // The leader is gone, but its children may not be.
    killGroup(started.child, 'SIGKILL');
    return;
  }
  killGroup(started.child, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  const result = await Promise.race([started.exited, timedOut]);
  clearTimeout(timer);
  // Whatever survived the polite request (a child that ignores SIGTERM) goes now.
  killGroup(started.child, 'SIGKILL');
  if (result === 'timeout') await started.exited;
}

/** Waits until `logFile` contains a match for `pattern`, the process exits, or the time is up. */
export async function waitForLog(
  logFile: string,
  pattern: RegExp,
  started: Started,
  timeoutMs: number,
  what: string,
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void started.exited.then(() => {
    exited = true;
  });
  for (;;) {
    const text = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8') : '';
    const match = text.match(pattern);
    if (match !== null) return match;
    if (exited) throw new Error(`${what} exited before it was ready; last lines of ${logFile}:\n${tail(text)}`);
    if (Date.now() > deadline) throw new Error(`${what} was not ready after ${timeoutMs / 1000}s; last lines of ${logFile}:\n${tail(text)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export function tail(text: string, lines = 20): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
