// `npm run test:electron`: the same in-host suite (test/e2e/inHost) under @vscode/test-electron, in desktop VS Code
// downloaded by test-electron into .vscode-test/. Needs a machine that can reach VS Code's download servers and a
// display (or xvfb-run); the code-server route (npm run test:e2e) is what runs where neither exists.
import { runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { demoSeed, demoWorkspace, DEMO_ACCESS_KEY_ID, DEMO_PROFILE } from './fixtures';
import { DEFAULT_REGION, startSeededEmulator, writeAwsFiles, writeUserSettings } from './harness';
import { cacheDir, repoRoot } from './provision';

async function main(): Promise<void> {
  const root = repoRoot();
  if (!fs.existsSync(path.join(root, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run package` first.');
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'codeartifact-electron-'));
  const emulator = await startSeededEmulator(demoSeed().seed);
  try {
    const aws = writeAwsFiles(path.join(temp, 'aws'), DEMO_PROFILE, DEFAULT_REGION, DEMO_ACCESS_KEY_ID);
    const userDataDir = path.join(temp, 'user-data');
    writeUserSettings(userDataDir, {
      'codeartifact.endpoint': emulator.endpoint,
      'codeartifact.region': DEFAULT_REGION,
      'codeartifact.profile': DEMO_PROFILE,
    });
    const workspace = path.join(temp, 'workspace');
    fs.cpSync(demoWorkspace(), workspace, { recursive: true });
    await runTests({
      cachePath: cacheDir(root),
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(__dirname, 'inHost', 'index.js'),
      launchArgs: [workspace, '--user-data-dir', userDataDir, '--extensions-dir', path.join(temp, 'extensions'), '--disable-workspace-trust'],
      extensionTestsEnv: {
        AWS_CONFIG_FILE: aws.configFile,
        AWS_SHARED_CREDENTIALS_FILE: aws.credentialsFile,
        AWS_EC2_METADATA_DISABLED: 'true',
        CODEARTIFACT_E2E_ENDPOINT: emulator.endpoint,
      },
    });
  } finally {
    await emulator.stop();
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  console.error(message);
  if (/ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/.test(message)) {
    console.error('@vscode/test-electron downloads desktop VS Code and could not reach its servers; without them, use `npm run test:e2e` (code-server).');
  }
  process.exitCode = 1;
});
