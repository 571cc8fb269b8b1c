// Bundles src/extension.ts into dist/extension.js (CommonJS, Node, `vscode` external).
// Flags: --watch, --production (minified, no source map), --outfile <file>, --metafile <file> (the bench uses both).
import { writeFile } from 'node:fs/promises';
import * as esbuild from 'esbuild';

const args = process.argv.slice(2);
const valueOf = (flag) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const watch = args.includes('--watch');
const production = args.includes('--production');
const metafile = valueOf('--metafile');

const options = {
  entryPoints: ['src/extension.ts'],
  bundle: true,
  outfile: valueOf('--outfile') ?? 'dist/extension.js',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  sourcemap: !production,
  sourcesContent: false,
  minify: production,
  logLevel: 'warning',
  // Prefer each package's ES module build where it has one: esbuild tree-shakes those better.
  mainFields: ['module', 'main'],
  metafile: metafile !== undefined,
};

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log('esbuild: watching src/ …');
} else {
  const result = await esbuild.build(options);
  if (metafile) await writeFile(metafile, JSON.stringify(result.metafile));
}
