// Runs the in-host mocha suite (test/e2e/inHost/*.test.ts, compiled) inside a VS Code extension host and returns a
// plain JSON report. Used by the test-driver extension in code-server and by @vscode/test-electron (index.ts).
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

export interface InHostTestResult {
  title: string;
  fullTitle: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: { message: string; stack?: string };
}

export interface InHostReport {
  vscodeVersion: string;
  /** Where the suite ran, e.g. `code-server` or `electron`. */
  host: string;
  startedAt: string;
  durationMs: number;
  passes: number;
  failures: number;
  pending: number;
  tests: InHostTestResult[];
  /** Set when the suite could not run at all (the driver writes it). */
  error?: string;
}

type MochaClass = typeof import('mocha');

/** The compiled suite files next to this module. */
export function inHostTestFiles(dir: string = __dirname): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

export async function runInHostSuite(options: { vscodeVersion: string; host: string; timeoutMs?: number }): Promise<InHostReport> {
  // Mocha 12's package entry is ESM; its CommonJS build loads in every extension host (Electron's Node included).
  const Mocha = createRequire(__filename)('mocha/lib/mocha.cjs') as MochaClass;
  const mocha = new Mocha({ ui: 'bdd', timeout: options.timeoutMs ?? 60_000, color: false, reporter: 'spec' });
  for (const file of inHostTestFiles()) mocha.addFile(file);

  const tests: InHostTestResult[] = [];
  const started = Date.now();
  await new Promise<void>((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (test) => {
      tests.push({ title: test.title, fullTitle: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 });
    });
    runner.on('fail', (test, err: unknown) => {
      const error = err instanceof Error ? { message: err.message, ...(err.stack !== undefined ? { stack: err.stack } : {}) } : { message: String(err) };
      tests.push({ title: test.title, fullTitle: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error });
    });
    runner.on('pending', (test) => {
      tests.push({ title: test.title, fullTitle: test.fullTitle(), state: 'pending', durationMs: 0 });
    });
  });
  return {
    vscodeVersion: options.vscodeVersion,
    host: options.host,
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    passes: tests.filter((t) => t.state === 'passed').length,
    failures: tests.filter((t) => t.state === 'failed').length,
    pending: tests.filter((t) => t.state === 'pending').length,
    tests,
  };
}

/** Writes the report by rename-into-place, so a reader never sees half a file. */
export function writeReport(file: string, report: InHostReport): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(report, null, 2)}\n`);
  fs.renameSync(tmp, file);
}
