// Packages the test-driver extension (test/e2e/driver) as its own VSIX, for throw-away e2e profiles only.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../provision';

/**
 * Builds `<outDir>/codeartifact-e2e-driver.vsix` from the compiled driver (run `npx tsc -p .` first). Give each run
 * its own `outDir` so concurrent runs do not write the same file.
 */
export function buildDriverVsix(outDir: string, root: string = repoRoot()): string {
  const compiled = path.join(root, 'out', 'test', 'e2e', 'driver', 'extension.js');
  if (!fs.existsSync(compiled)) throw new Error(`${compiled} is missing: compile first (npx tsc -p .).`);
  const stage = path.join(outDir, 'driver-stage');
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  fs.copyFileSync(path.join(root, 'test', 'e2e', 'driver', 'package.json'), path.join(stage, 'package.json'));
  fs.copyFileSync(compiled, path.join(stage, 'extension.js'));
  fs.copyFileSync(path.join(root, 'LICENSE'), path.join(stage, 'LICENSE'));
  fs.writeFileSync(path.join(stage, 'README.md'), '# CodeArtifact e2e test driver\n\nTest-only; see test/e2e/driver/extension.ts.\n');

  const out = path.join(outDir, 'codeartifact-e2e-driver.vsix');
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  const result = spawnSync(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--out', out],
    { cwd: stage, encoding: 'utf8', timeout: 120_000 },
  );
  if (result.status !== 0) {
    throw new Error(`Packaging the e2e driver failed (exit ${String(result.status)}):\n${result.stdout}${result.stderr}`);
  }
  return out;
}
