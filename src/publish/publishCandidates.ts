// What a workspace folder could publish: its package.json (named, versioned, not private), its pom.xml
// coordinates, the wheels and sdists in dist/. Bounded reads; no vscode here.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readTextFileBounded } from '../core/boundedRead';
import { parsePackageJson } from '../core/manifests/packageJson';
import { parsePomXml } from '../core/manifests/pomXml';
import { distributionCoordinates, isDistributionFile, type PublishTool } from '../core/publishPlan';

const MAX_MANIFEST_BYTES = 2 * 1024 * 1024;
export interface Candidate {
  readonly tool: PublishTool;
  /** `@acme/ui-kit`, `com.acme:greeting`, `acme-utils` */
  readonly name: string;
  readonly version: string;
  /** twine: the files of dist/. */
  readonly files?: readonly string[];
}

async function readSmall(file: string): Promise<string | undefined> {
  return readTextFileBounded(file, { maxBytes: MAX_MANIFEST_BYTES }).catch(() => undefined);
}

/** What the folder could publish, from its package.json, pom.xml and dist/. */
export async function publishCandidates(folder: string): Promise<Candidate[]> {
  const out: Candidate[] = [];
  const pkgText = await readSmall(path.join(folder, 'package.json'));
  if (pkgText !== undefined) {
    const pkg = parsePackageJson(pkgText);
    let isPrivate = false;
    try {
      isPrivate = (JSON.parse(pkgText) as { private?: unknown }).private === true;
    } catch {
      // parsePackageJson already recovered what it could; a broken file is not private.
    }
    if (pkg.name && pkg.version && !isPrivate) out.push({ tool: 'npm', name: pkg.name, version: pkg.version });
  }
  const pomText = await readSmall(path.join(folder, 'pom.xml'));
  if (pomText !== undefined) {
    const pom = parsePomXml(pomText);
    if (pom.groupId && pom.artifactId && pom.version) out.push({ tool: 'maven', name: `${pom.groupId}:${pom.artifactId}`, version: pom.version });
  }
  const dist = path.join(folder, 'dist');
  const entries = await fs.readdir(dist, { withFileTypes: true }).catch(() => []);
  const files = entries.filter((e) => e.isFile() && isDistributionFile(e.name)).map((e) => e.name).sort();
  if (files.length > 0) {
    const coords = files.map(distributionCoordinates).filter((c) => c !== undefined);
    const names = [...new Set(coords.map((c) => c.name))];
    const versions = [...new Set(coords.map((c) => c.version))];
    out.push({ tool: 'twine', name: names.join(', ') || 'dist/*', version: versions.join(', ') || '?', files: files.map((f) => path.join(dist, f)) });
  }
  return out;
}
