// The e2e test driver: an extension installed only into a throw-away code-server profile. On startup it runs the
// in-host suite from the repository (path in CODEARTIFACT_E2E_RUNNER) and writes the report to
// CODEARTIFACT_E2E_REPORT, where the harness waits for it. Without those variables it does nothing.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type * as RunSuite from '../inHost/runSuite';
import type { InHostReport } from '../inHost/runSuite';

export function activate(): void {
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
