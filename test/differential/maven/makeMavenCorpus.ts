// Regenerates test/fixtures/differential/maven/versions.json: the version lists of the real artifacts in a local
// Maven repository (the version directories of ~/.m2/repository and Debian's /usr/share/maven-repo) and every
// literal <version> text written in their poms (ranges included). Version numbers are facts about published
// artifacts, not creative text; the poms themselves are not copied here.
// Run: npx tsc -p . && node out/test/differential/maven/makeMavenCorpus.js [repository…]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const roots = process.argv.slice(2).length > 0 ? process.argv.slice(2) : [path.join(os.homedir(), '.m2', 'repository'), '/usr/share/maven-repo'];
const out = path.resolve(__dirname, '../../../../test/fixtures/differential/maven/versions.json');

const artifacts = new Map<string, Set<string>>();
const declared = new Set<string>();

function walk(root: string, dir: string): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    if (!e.isFile() || !e.name.endsWith('.pom')) continue;
    const versionDir = dir;
    const artifactDir = path.dirname(versionDir);
    const version = path.basename(versionDir);
    const artifact = path.basename(artifactDir);
    if (e.name !== `${artifact}-${version}.pom`) continue;
    const group = path.relative(root, path.dirname(artifactDir)).split(path.sep).join('.');
    const key = `${group}:${artifact}`;
    if (!artifacts.has(key)) artifacts.set(key, new Set());
    artifacts.get(key)!.add(version);
    const text = fs.readFileSync(path.join(dir, e.name), 'utf8');
    for (const m of text.matchAll(/<version>\s*([^<$\s][^<$]*?)\s*<\/version>/g)) declared.add(m[1]!);
  }
  for (const e of entries) if (e.isDirectory()) walk(root, path.join(dir, e.name));
}

for (const root of roots) walk(root, root);
const sorted = Object.fromEntries([...artifacts].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort()]));
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(
  out,
  `${JSON.stringify({ source: `version directories and literal <version> texts of the poms in ${roots.join(', ')}`, artifacts: sorted, declared: [...declared].sort() }, null, 1)}\n`,
);
console.log(`${artifacts.size} artifacts, ${declared.size} declared versions → ${out}`);
