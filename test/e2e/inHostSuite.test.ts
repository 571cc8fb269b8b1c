// The in-host suite (test/e2e/inHost/*.test.ts) run inside code-server's extension host by the test-driver
// extension; its JSON report becomes one mocha test per in-host test here, so the counts add up in one run.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildDriverVsix } from './driver/build';
import { demoSeed, demoWorkspace, DEMO_ACCESS_KEY_ID } from './fixtures';
import { resultsDir, STARTUP_TIMEOUT_MS, VsCodeSession } from './harness';
import type { InHostReport } from './inHost/runSuite';

const Mocha = createRequire(__filename)('mocha/lib/mocha.cjs') as typeof import('mocha');

async function waitForReport(file: string, timeoutMs: number): Promise<InHostReport> {
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`The test driver wrote no report to ${file} within ${timeoutMs / 1000}s (see the code-server log in test-results/logs/).`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as InHostReport;
}

describe('e2e: in-host suite inside code-server (test-driver extension)', function () {
  let session: VsCodeSession | undefined;
  let report: InHostReport | undefined;

  // Per run, so that two runs at once neither share a driver VSIX nor read each other's report.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'codeartifact-e2e-driver-'));

  before(async function () {
    const reportFile = path.join(scratch, 'report.json');
    session = await VsCodeSession.start({
      name: 'in-host',
      seed: demoSeed().seed,
      workspace: demoWorkspace(),
      accessKeyId: DEMO_ACCESS_KEY_ID,
      extraVsix: [buildDriverVsix(scratch)],
      env: {
        CODEARTIFACT_E2E_RUNNER: path.join(__dirname, 'inHost', 'runSuite.js'),
        CODEARTIFACT_E2E_REPORT: reportFile,
      },
    });
    report = await waitForReport(reportFile, STARTUP_TIMEOUT_MS + 60_000);
    fs.copyFileSync(reportFile, path.join(resultsDir('in-host'), 'code-server-report.json'));
    await session.screenshot('after-in-host-suite');

    // One mocha test per in-host result, added before this suite's tests run.
    const suite = this.test?.parent;
    assert.ok(suite, 'mocha gave the before hook no suite');
    for (const result of report.tests) {
      suite.addTest(
        new Mocha.Test(`[${report.host} ${report.vscodeVersion}] ${result.fullTitle}`, function (this: Mocha.Context) {
          if (result.state === 'pending') this.skip();
          if (result.state === 'failed') {
            const err = new Error(result.error?.message ?? 'failed in the extension host');
            if (result.error?.stack !== undefined) err.stack = result.error.stack;
            throw err;
          }
        }),
      );
    }
  });

  after(async function () {
    await session?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('the test-driver extension ran the in-host suite and reported every test', function () {
    assert.ok(report, 'no report');
    assert.equal(report.error, undefined, `the in-host suite could not run: ${report.error ?? ''}`);
    assert.equal(report.host, 'code-server');
    assert.ok(report.tests.length > 0, 'the in-host suite ran no tests');
    assert.equal(report.passes + report.failures + report.pending, report.tests.length);
  });
});
