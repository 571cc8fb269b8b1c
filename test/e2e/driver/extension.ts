// The e2e test driver: an extension installed only into a throw-away code-server profile. On startup it runs the
// in-host suite from the repository (path in CODEARTIFACT_E2E_RUNNER) and writes the report to
// CODEARTIFACT_E2E_REPORT, where the harness waits for it. With CODEARTIFACT_BENCH_RUNNER instead it loads the
// in-host half of the benchmark (test/e2e/inHost/hostBench.ts). Without those variables it does nothing.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type * as HostBench from '../inHost/hostBench';
import type * as RunSuite from '../inHost/runSuite';
import type { InHostReport } from '../inHost/runSuite';

export function activate(context: vscode.ExtensionContext): void {
  const benchFile = process.env.CODEARTIFACT_BENCH_RUNNER;
  if (benchFile !== undefined) {
    // Loaded by absolute path from the repository's out/ folder, like the suite runner below.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    (require(benchFile) as typeof HostBench).startHostBench(context);
    return;
  }
  const runnerFile = process.env.CODEARTIFACT_E2E_RUNNER;
  const reportFile = process.env.CODEARTIFACT_E2E_REPORT;
  if (runnerFile === undefined || reportFile === undefined) return;
  const host = 'code-server';
  const failed = (err: unknown): InHostReport => ({
    vscodeVersion: vscode.version,
    host,
    startedAt: new Date().toISOString(),
    durationMs: 0,
    passes: 0,
    failures: 0,
    pending: 0,
    tests: [],
    error: err instanceof Error ? (err.stack ?? err.message) : String(err),
  });
  let runner: typeof RunSuite;
  try {
    // The runner lives in the repository's out/ folder, not in this VSIX: load it by absolute path.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    runner = require(runnerFile) as typeof RunSuite;
  } catch (err) {
    // Without the runner there is no writeReport either; a plain write still lets the harness fail fast.
    fs.writeFileSync(reportFile, JSON.stringify(failed(err)));
    return;
  }
  void runner.runInHostSuite({ vscodeVersion: vscode.version, host }).then(
    (report) => runner.writeReport(reportFile, report),
    (err: unknown) => runner.writeReport(reportFile, failed(err)),
  );
}

export function deactivate(): void {}
