// Activation footprint: the size of the bundle VS Code loads on activation, built fresh with the production
// options into a temp file (dist/ is left alone: others may be testing against it), and the emulator's
// seed-load time for the 10,000-package seed.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { Store } from '../../test/emulator/model';
import { loadSeed, validateSeed, type Seed } from '../../test/emulator/seed';

export interface BundleSize {
  /** Minified production bundle, built now from src/. */
  bytes: number;
  gzipBytes: number;
  buildMs: number;
  /** The dist/extension.js present on disk, for comparison (may be stale or a development build). */
  dist?: { bytes: number; modified: string; sourceMap: boolean };
}

/**
 * The options of `node esbuild.mjs --production`, repeated here because that script always writes to
 * dist/extension.js. Keep the two in step.
 */
function productionOptions(root: string, outfile: string): esbuild.BuildOptions {
  return {
    absWorkingDir: root,
    entryPoints: ['src/extension.ts'],
    bundle: true,
    outfile,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
    sourcemap: false,
    minify: true,
    logLevel: 'silent',
    mainFields: ['module', 'main'],
  };
}

export async function bundleSize(root: string): Promise<BundleSize> {
  const dir = await mkdtemp(join(tmpdir(), 'ca-bench-bundle-'));
  try {
    const outfile = join(dir, 'extension.js');
    const started = performance.now();
    try {
      await esbuild.build(productionOptions(root, outfile));
    } finally {
      // esbuild keeps a service process for later builds; there are none.
      await esbuild.stop();
    }
    const buildMs = performance.now() - started;
    const bytes = await readFile(outfile);
    const result: BundleSize = { bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length, buildMs };
    try {
      const distFile = join(root, 'dist', 'extension.js');
      const [info, text] = await Promise.all([stat(distFile), readFile(distFile, 'utf8')]);
      result.dist = { bytes: info.size, modified: info.mtime.toISOString(), sourceMap: /\/\/# sourceMappingURL=/.test(text.slice(-2000)) };
    } catch {
      // No dist/ yet: the fresh build is the number that matters.
    }
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Validating and loading the seed into an empty store, as startEmulator does before it listens. */
export function seedLoadMs(seed: Seed): number {
  const started = performance.now();
  loadSeed(new Store(), validateSeed(seed));
  return performance.now() - started;
}
