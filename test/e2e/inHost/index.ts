// Entry point for @vscode/test-electron (`extensionTestsPath`): runs the in-host suite and fails the run on any failure.
import * as vscode from 'vscode';
import { runInHostSuite } from './runSuite';

export async function run(): Promise<void> {
  const report = await runInHostSuite({ vscodeVersion: vscode.version, host: 'electron' });
  if (report.failures > 0) throw new Error(`${report.failures} of ${report.tests.length} in-host tests failed.`);
  if (report.tests.length === 0) throw new Error('The in-host suite ran no tests.');
}
