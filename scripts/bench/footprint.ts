// Activation footprint: the size of the bundle VS Code loads on activation, built fresh with the production
// options into a temp file (dist/ is left alone: others may be testing against it), and the emulator's
// seed-load time for the 10,000-package seed.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import type * as esbuild from 'esbuild';
import { Store } from '../../test/emulator/model';
import { loadSeed, validateSeed, type Seed } from '../../test/emulator/seed';

export interface BundleSize {
  /** Minified production bundle, built now from src/. */
  bytes: number;
  gzipBytes: number;
  buildMs: number;
  /** Bytes in the bundle by origin (an npm package, or src/), largest first. */
  byOrigin: { origin: string; bytes: number }[];
  /** The dist/extension.js present on disk, for comparison (may be stale or a development build). */
  dist?: { bytes: number; modified: string; sourceMap: boolean };
}

/** `node_modules/@aws-sdk/client-codeartifact/dist-cjs/…` → `@aws-sdk/client-codeartifact`; our files → `src/`. */
function originOf(input: string): string {
  const i = input.lastIndexOf('node_modules/');
  if (i < 0) return input.startsWith('src/') ? 'src/' : input;
  const parts = input.slice(i + 'node_modules/'.length).split('/');
  return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1] ?? ''}` : (parts[0] ?? input);
}

function byOrigin(metafile: esbuild.Metafile | undefined): { origin: string; bytes: number }[] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile?.outputs ?? {})) {
    for (const [input, info] of Object.entries(output.inputs)) totals.set(originOf(input), (totals.get(originOf(input)) ?? 0) + info.bytesInOutput);
  }
  return [...totals.entries()].map(([origin, bytes]) => ({ origin, bytes })).sort((a, b) => b.bytes - a.bytes);
}

export async function bundleSize(root: string): Promise<BundleSize> {
  const dir = await mkdtemp(join(tmpdir(), 'ca-bench-bundle-'));
  try {
    const outfile = join(dir, 'extension.js');
    const started = performance.now();
    const metafileJson = join(dir, 'meta.json');
    // The project's own build script, so the numbers are those of the shipped bundle.
    execFileSync(process.execPath, ['esbuild.mjs', '--production', '--outfile', outfile, '--metafile', metafileJson], { cwd: root, stdio: 'inherit' });
    const metafile = JSON.parse(await readFile(metafileJson, 'utf8')) as esbuild.Metafile;
    const buildMs = performance.now() - started;
    const bytes = await readFile(outfile);
    const result: BundleSize = { bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length, buildMs, byOrigin: byOrigin(metafile) };
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
