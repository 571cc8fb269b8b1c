// Parsing a package.json with 1,000 dependencies (readManifest, the hover's path): the first parse in a fresh
// process, and a re-parse after a one-character edit (npm specs are memoised per name and spec; the analyzer also
// caches per document version).
import { performance } from 'node:perf_hooks';
import { readManifest } from '../src/versions/manifestDependencies';

const SPECS = ['^1.2.3', '~2.0.0', '>=3.1.0 <4', '1.0.0', 'latest', 'npm:other@^5', 'github:u/r', '1.x || ^2.0.0-beta.1', 'workspace:*', 'file:../x'];

export function benchPackageJsonParse(count = 1_000): { firstMs: number; reparseMs: number; dependencies: number } {
  const deps: Record<string, string> = {};
  for (let i = 0; i < count; i++) deps[`bench-package-${i}`] = SPECS[i % SPECS.length]!.replace('other', `other-${i}`);
  const text = JSON.stringify({ name: 'bench', dependencies: deps }, null, 2);
  let t = performance.now();
  const first = readManifest('packageJson', text);
  const firstMs = performance.now() - t;
  const edited = text.replace('"bench"', '"bench2"');
  t = performance.now();
  readManifest('packageJson', edited);
  const reparseMs = performance.now() - t;
  return { firstMs, reparseMs, dependencies: first.dependencies.length };
}

if (require.main === module) {
  const r = benchPackageJsonParse();
  console.log(`package.json, 1,000 dependencies (${r.dependencies} from a registry): first parse ${r.firstMs.toFixed(1)} ms, re-parse after an edit ${r.reparseMs.toFixed(1)} ms`);
}
