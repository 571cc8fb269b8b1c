// uv.lock (uv's universal lockfile, `version = 1`): `[[package]]` tables with `name`, `version` and `source`. One
// environment per project, so the importer does not matter; a package from a workspace member, a path or git is
// not a registry version and is skipped. uv may lock one name at several versions (a fork per marker set): then
// which one is installed depends on the environment, and nothing is said. Workspace input: never throws. Pure.
import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';

export interface UvLock {
  installed(name: string): string | undefined;
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** PEP 503: what uv and pip compare names by. */
function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

export function parseUvLock(text: string): UvLock | undefined {
  let value: unknown;
  try {
    value = getStaticTOMLValue(parseTOML(text));
  } catch {
    return undefined;
  }
  const root = record(value);
  const packages = root?.['package'];
  if (!Array.isArray(packages)) return undefined;
  // A Map, not an object: a hostile `__proto__` name is just a key. `null`: locked at more than one version.
  const versions = new Map<string, string | null>();
  for (const p of packages) {
    const entry = record(p);
    const name = entry?.['name'];
    const version = entry?.['version'];
    if (typeof name !== 'string' || typeof version !== 'string') continue;
    const source = record(entry?.['source']);
    if (!source || !('registry' in source)) continue;
    const key = normalize(name);
    const seen = versions.get(key);
    versions.set(key, seen === undefined || seen === version ? version : null);
  }
  return { installed: (name) => versions.get(normalize(name)) ?? undefined };
}
