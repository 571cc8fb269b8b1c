// The npm corpus: real dependency specs (published manifests in node_modules, a few repositories' package.json
// files) and real version lists, all under test/fixtures/differential/npm (licences in its README).
import * as fs from 'node:fs';
import * as path from 'node:path';

export const NPM_FIXTURES = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'differential', 'npm');

export interface SpecCase {
  readonly name: string;
  readonly spec: string;
  /** Where it was found (package or file), for the case id. */
  readonly from: string;
}

/** Every (name, spec) pair of the corpus: published manifests' specs, then the repositories' manifests. */
export function realSpecs(): SpecCase[] {
  const published = JSON.parse(fs.readFileSync(path.join(NPM_FIXTURES, 'specs.json'), 'utf8')) as SpecCase[];
  const fromFiles: SpecCase[] = [];
  const dir = path.join(NPM_FIXTURES, 'manifests');
  for (const file of fs.readdirSync(dir).sort()) {
    const json = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies', 'resolutions']) {
      const deps = json[field];
      if (typeof deps !== 'object' || deps === null) continue;
      for (const [name, spec] of Object.entries(deps as Record<string, unknown>)) {
        if (typeof spec === 'string') fromFiles.push({ name, spec, from: `${file}#${field}` });
      }
    }
  }
  return [...published, ...fromFiles];
}

export interface RealVersionList {
  readonly name: string;
  readonly license: string | null;
  readonly 'dist-tags': Record<string, string>;
  readonly versions: string[];
}

export function realVersionLists(): RealVersionList[] {
  const dir = path.join(NPM_FIXTURES, 'packuments');
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as RealVersionList);
}
