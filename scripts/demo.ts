// `npm run demo`: the extension in real VS Code against the local emulator, for a person to click through.
// Starts the emulator with the demo seed, code-server (provisioned into .vscode-test/) with the freshly packaged
// VSIX in a `.demo/` profile pointed at the emulator, prints the URL to open, and stops everything on Ctrl-C,
// SIGTERM or SIGHUP to this process (scripts/supervisor.ts).
//   npm run demo -- --port 8080        serve VS Code on a fixed port (default: a free one)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { demoSeed, demoUserSettings, demoWorkspace, DEMO_ACCESS_KEY_ID, DEMO_PROFILE } from '../test/e2e/fixtures';
import {
  codeServerEnv,
  DEFAULT_REGION,
  installExtensions,
  startCodeServer,
  startSeededEmulator,
  writeAwsFiles,
  writeUserSettings,
  type CodeServerProfile,
} from '../test/e2e/harness';
import { provision, repoRoot, vsixPath } from '../test/e2e/provision';
import { DEMO_WORKSPACE_ENV } from '../src/core/demoWorkspace';
import { Supervisor } from './supervisor';

function parsePort(argv: string[]): number {
  const i = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
  if (i < 0) return 0;
  const arg = argv[i] ?? '';
  const raw = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
  const port = Number(raw);
  if (raw === undefined || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port needs a number from 0 to 65535 (0 picks a free port), got ${raw ?? 'nothing'}`);
  }
  return port;
}

async function main(): Promise<void> {
  const port = parsePort(process.argv.slice(2));
  const root = repoRoot();
  const vsix = vsixPath(root);
  if (!fs.existsSync(vsix)) throw new Error(`No packaged extension at ${path.relative(root, vsix)}: run \`npm run demo\` (it packages first).`);

  const supervisor = new Supervisor({ onStopping: () => console.log('\nStopping code-server and the emulator …') }).install();
  const stop = (code: number): Promise<void> => supervisor.stop(code);

  try {
    const toolchain = await provision({ root });
    const { seed, fallback } = demoSeed();
    if (fallback) console.log('test/fixtures/demo-seed.json not found: using a small built-in seed instead.');
    const emulator = supervisor.service(await startSeededEmulator(seed));
    if (supervisor.isStopping) return;

    const demoDir = path.join(root, '.demo');
    const home = path.join(demoDir, 'home');
    fs.mkdirSync(home, { recursive: true });
    const aws = writeAwsFiles(path.join(demoDir, 'aws'), DEMO_PROFILE, DEFAULT_REGION, DEMO_ACCESS_KEY_ID);
    const logFile = path.join(demoDir, 'code-server.log');
    fs.writeFileSync(logFile, '');
    // A fresh copy each run (below): the configure commands write .npmrc/pip.conf/settings.xml into it.
    const workspace = path.join(demoDir, 'workspace');
    const profile: CodeServerProfile = {
      userDataDir: path.join(demoDir, 'user-data'),
      extensionsDir: path.join(demoDir, 'extensions'),
      // The walkthrough's "Open Demo Workspace" opens this folder (an environment variable: no folder can set it).
      env: codeServerEnv(toolchain, home, aws, { [DEMO_WORKSPACE_ENV]: workspace }),
      logFile,
    };
    // The emulator's port changes every run, so the settings are written anew each time.
    writeUserSettings(profile.userDataDir, {
      'codeartifact.endpoint': emulator.endpoint,
      'codeartifact.region': DEFAULT_REGION,
      'codeartifact.profile': DEMO_PROFILE,
      // package.json, requirements.txt and pom.xml show versions before anything is configured.
      ...demoUserSettings(),
    });
    await installExtensions(toolchain, profile, [vsix]);

    fs.rmSync(workspace, { recursive: true, force: true });
    fs.cpSync(demoWorkspace(), workspace, { recursive: true });

    const running = await startCodeServer(toolchain, profile, port);
    supervisor.track(running.process);
    if (supervisor.isStopping) return;
    void running.process.exited.then(({ code }) => {
      if (!supervisor.isStopping) {
        console.error(`code-server stopped unexpectedly (exit ${String(code)}); see ${path.relative(root, logFile)}`);
        void stop(1);
      }
    });

    console.log(`
CodeArtifact demo is running.

  Open:      ${running.url}/?folder=${encodeURIComponent(workspace)}
  Emulator:  ${emulator.endpoint}  (seed: ${typeof seed === 'string' ? path.relative(root, seed) : 'built-in'})
  Profile:   AWS profile "${DEMO_PROFILE}" in ${path.relative(root, aws.configFile)}; VS Code profile in .demo/
  Logs:      ${path.relative(root, logFile)}

Click the CodeArtifact icon in the activity bar and Sign In (or follow Help › Get Started).
Press Ctrl-C to stop (or send SIGTERM to PID ${process.pid}).`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    await stop(1);
  }
}

void main();
