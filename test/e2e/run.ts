// `npm run test:e2e`: provisions Node 24 + code-server (cached in .vscode-test/), then runs the e2e mocha suite
// (test/e2e/.mocharc.json) against the packaged VSIX. Exit code is mocha's.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { provision, repoRoot, vsixPath } from './provision';

async function main(): Promise<number> {
  const root = repoRoot();
  const vsix = vsixPath(root);
  if (!fs.existsSync(vsix)) {
    console.error(`No packaged extension at ${path.relative(root, vsix)}: run \`npm run package\` first (npm test does).`);
    return 1;
  }
  const started = Date.now();
  const toolchain = await provision({ root });
  console.log(`e2e: code-server and Node 24 ready in ${((Date.now() - started) / 1000).toFixed(1)}s (${path.relative(root, toolchain.codeServerEntry)})`);

  const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const args = [mocha, '--config', path.join(root, 'test', 'e2e', '.mocharc.json'), ...process.argv.slice(2)];
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
  // Ctrl-C reaches mocha through the terminal's process group; its after() hooks stop what the tests started.
  return await new Promise<number>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal !== null ? 1 : 0)));
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  },
);
