// What the lockfile next to a manifest says is installed: package-lock.json (v2/v3), pnpm-lock.yaml (v6–v9),
// yarn.lock (classic and Berry), poetry.lock and uv.lock. A lockfile is workspace input (hostile): each parser never throws, keeps only names and versions
// that are strings, and the caller shows a version only when it is a plain version of its ecosystem. Pure.
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import { parse as parseYaml } from 'yaml';
import { parseUvLock } from './uvLock';
import { parseYarnLock } from './yarnLock';

export type LockfileKind = 'package-lock.json' | 'pnpm-lock.yaml' | 'yarn.lock' | 'poetry.lock' | 'uv.lock';

/** The lockfiles that may answer for a manifest, nearest first within one directory. */
export const NPM_LOCKFILES: readonly LockfileKind[] = ['package-lock.json', 'pnpm-lock.yaml', 'yarn.lock'];
export const PYPI_LOCKFILES: readonly LockfileKind[] = ['poetry.lock', 'uv.lock'];

/**
 * One lockfile's installed versions. `importer` is the manifest's directory relative to the lockfile's
 * ('' for the root; `packages/web` for a workspace), `/`-separated. `range`: the dependency's range as written in
 * the manifest (yarn.lock is keyed by it).
 */
export interface Lockfile {
  readonly kind: LockfileKind;
  installed(name: string, importer: string, range?: string): string | undefined;
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** A map without a prototype: a hostile `__proto__` key is just a key. */
function table(): Map<string, string> {
  return new Map<string, string>();
}

/**
 * package-lock.json v2/v3 (npm 7+): `packages["node_modules/NAME"].version`. A workspace's own install, when it
 * differs from the root's, sits at `packages["WORKSPACE/node_modules/NAME"]`; npm looks there first, as here.
 * v1 (npm 6, `dependencies` only) is read for root dependencies.
 */
export function parsePackageLock(text: string): Lockfile | undefined {
  const errors: ParseError[] = [];
  const root = record(parseJsonc(text, errors, { allowTrailingComma: true }));
  if (!root || errors.length > 0) return undefined;
  const byPath = table();
  const packages = record(root['packages']);
  if (packages) {
    for (const [path, entry] of Object.entries(packages)) {
      const e = record(entry);
      const version = str(e?.['version']);
      // A link entry (`"link": true`) points at a workspace folder: its version is not from a registry.
      if (!version || e?.['link'] === true || !path.includes('node_modules/')) continue;
      byPath.set(path, version);
    }
  } else {
    const deps = record(root['dependencies']);
    for (const [name, entry] of Object.entries(deps ?? {})) {
      const version = str(record(entry)?.['version']);
      if (version) byPath.set(`node_modules/${name}`, version);
    }
  }
  return {
    kind: 'package-lock.json',
    installed: (name, importer) => (importer ? byPath.get(`${importer}/node_modules/${name}`) : undefined) ?? byPath.get(`node_modules/${name}`),
  };
}

/**
 * pnpm-lock.yaml v6–v9: `importers[DIR].{dependencies,devDependencies,optionalDependencies}[NAME].version`, the
 * version followed by its peer suffix (`18.2.0(react@18.2.0)`); a `link:` version is a workspace package.
 * v5 (pnpm 7) writes the version string directly, and a single project's at the root.
 */
export function parsePnpmLock(text: string): Lockfile | undefined {
  let root: Record<string, unknown> | undefined;
  try {
    // Aliases are bounded so that a billion-laughs file cannot blow up.
    root = record(parseYaml(text, { maxAliasCount: 100, uniqueKeys: false }));
  } catch {
    return undefined;
  }
  if (!root) return undefined;
  const byImporter = new Map<string, Map<string, string>>();
  const readImporter = (dir: string, importer: Record<string, unknown>): void => {
    const versions = table();
    for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
      for (const [name, entry] of Object.entries(record(importer[field]) ?? {})) {
        const raw = str(entry) ?? str(record(entry)?.['version']);
        const version = raw?.replace(/\(.*$/, '');
        if (version && !version.startsWith('link:') && !version.startsWith('file:')) versions.set(name, version);
      }
    }
    byImporter.set(dir, versions);
  };
  const importers = record(root['importers']);
  if (importers) for (const [dir, importer] of Object.entries(importers)) readImporter(dir === '.' ? '' : dir, record(importer) ?? {});
  else readImporter('', root);
  return { kind: 'pnpm-lock.yaml', installed: (name, importer) => byImporter.get(importer)?.get(name) };
}

/** PEP 503: what pip and Poetry compare names by. */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** poetry.lock: `[[package]]` tables with `name` and `version`; one environment, so the importer does not matter. */
export function parsePoetryLock(text: string): Lockfile | undefined {
  let value: unknown;
  try {
    value = getStaticTOMLValue(parseTOML(text));
  } catch {
    return undefined;
  }
  const packages = record(value)?.['package'];
  if (!Array.isArray(packages)) return undefined;
  const versions = table();
  for (const p of packages) {
    const name = str(record(p)?.['name']);
    const version = str(record(p)?.['version']);
    if (name && version) versions.set(normalizePypiName(name), version);
  }
  return { kind: 'poetry.lock', installed: (name) => versions.get(normalizePypiName(name)) };
}

export function parseLockfile(kind: LockfileKind, text: string): Lockfile | undefined {
  switch (kind) {
    case 'package-lock.json':
      return parsePackageLock(text);
    case 'pnpm-lock.yaml':
      return parsePnpmLock(text);
    case 'yarn.lock': {
      const lock = parseYarnLock(text);
      return lock && { kind, installed: (name, _importer, range) => (range === undefined ? undefined : lock.installed(name, range)) };
    }
    case 'poetry.lock':
      return parsePoetryLock(text);
    case 'uv.lock': {
      const lock = parseUvLock(text);
      return lock && { kind, installed: (name) => lock.installed(name) };
    }
  }
}
