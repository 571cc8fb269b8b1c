// npm's own libraries, in process: npm-package-arg (spec classification) and npm-pick-manifest (which version
// `npm install` takes), at the versions npm 11 bundles (package.json pins them).
import npa from 'npm-package-arg';

// npm-pick-manifest ships no types; this is the part of its API the tests use.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pickManifestModule = require('npm-pick-manifest') as (packument: Packument, wanted: string, opts?: Record<string, unknown>) => { version: string };

export interface Packument {
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, { name: string; version: string; deprecated?: string }>;
}

/** The version npm would install for `wanted`, or null when npm fails (ETARGET, ENOVERSIONS). */
export function pickManifest(packument: Packument, wanted: string): string | null {
  try {
    return pickManifestModule(packument, wanted).version;
  } catch {
    return null;
  }
}

/** What npm makes of a dependency entry: the same projection the test makes of ours. */
export interface SpecAnswer {
  /** npa's type; `unsupported` for a protocol npm refuses (workspace:, link:, …), `invalid` for a spec it rejects. */
  readonly type: string;
  /** The package looked up in the registry, or null when the spec is not from a registry. */
  readonly lookup: string | null;
  /** What is asked of that package: a version, range or dist-tag; null when not from a registry. */
  readonly wanted: string | null;
}

export function npmSpecAnswer(name: string, spec: string): SpecAnswer {
  let parsed: npa.Result;
  try {
    parsed = npa.resolve(name, spec, '/');
  } catch (err) {
    const code = (err as { code?: string }).code;
    return { type: code === 'EUNSUPPORTEDPROTOCOL' ? 'unsupported' : 'invalid', lookup: null, wanted: null };
  }
  if (parsed.type === 'alias') {
    const sub = (parsed as npa.AliasResult).subSpec;
    return { type: 'alias', lookup: sub.name ?? null, wanted: fetchSpecOf(sub) };
  }
  if (!parsed.registry) return { type: parsed.type, lookup: null, wanted: null };
  return { type: parsed.type, lookup: parsed.name ?? null, wanted: fetchSpecOf(parsed) };
}

/** pick-manifest asks for `wanted || defaultTag`: an empty spec is `*` with the latest preferred, as `*` is. */
function fetchSpecOf(r: npa.Result): string {
  return r.fetchSpec === '' || r.fetchSpec === null ? '*' : r.fetchSpec;
}
