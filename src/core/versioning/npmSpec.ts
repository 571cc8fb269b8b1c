// What npm makes of a dependency spec (`"name": "spec"` in package.json): npm-package-arg's `resolve(name, spec)`,
// memoised, with a fast path for the specs that can only be registry specs. npa costs ~0.4 ms a spec (it tries
// the spec as a hosted-git shortcut and a URL first), which is most of the time to read a large manifest.
import npa from 'npm-package-arg';
import semver from 'semver';

export type NpmSpecKind = 'version' | 'range' | 'tag' | 'alias' | 'git' | 'remote' | 'file' | 'directory';

export interface NpmSpecAnswer {
  /** npa's type, or `error` when npa throws (then `code` says why). */
  readonly type: NpmSpecKind | 'error';
  /** npa's error code: EUNSUPPORTEDPROTOCOL (workspace:, jsr:, …), EINVALIDPACKAGENAME, EINVALIDTAGNAME, … */
  readonly code?: string;
  /** The package looked up in the registry: the alias target for `npm:`, else the key. */
  readonly lookupName?: string;
  /** The version, range or dist-tag asked of the registry (npa's fetchSpec; `*` for an empty spec, as npm picks). */
  readonly wanted?: string;
  /** For an `npm:` alias: the spec after the target's name and `@`, as written (npa's subSpec.rawSpec). */
  readonly aliasRawSpec?: string;
  /** For an exact version: the version npm looks for in the packument (`semver.clean(spec, { loose: true })`). */
  readonly pinned?: string;
}

const MEMO_LIMIT = 50_000;
const memo = new Map<string, NpmSpecAnswer>();
const nameMemo = new Map<string, boolean>();

/** npa.resolve(name, spec) as an answer, never a throw. */
export function resolveNpmSpec(name: string, spec: string): NpmSpecAnswer {
  const key = `${name}\u0000${spec}`;
  const known = memo.get(key);
  if (known) return known;
  const answer = compute(name, spec);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, answer);
  return answer;
}

function compute(name: string, spec: string): NpmSpecAnswer {
  if (canOnlyBeRegistrySpec(spec)) {
    if (!validName(name)) return { type: 'error', code: 'EINVALIDPACKAGENAME' };
    return fromRegistry(name, spec);
  }
  let parsed: npa.Result;
  try {
    parsed = npa.resolve(name, spec, '/');
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    return { type: 'error', code: typeof code === 'string' ? code : 'EINVALID' };
  }
  if (parsed.type === 'alias') {
    const sub = (parsed as npa.AliasResult).subSpec;
    const wanted = sub.fetchSpec === null || sub.fetchSpec === '' ? '*' : sub.fetchSpec;
    const pinned = sub.type === 'version' ? (semver.clean(wanted, { loose: true }) ?? undefined) : undefined;
    return { type: 'alias', lookupName: sub.name ?? name, wanted, aliasRawSpec: sub.rawSpec, ...(pinned ? { pinned } : {}) };
  }
  if (!parsed.registry) return { type: parsed.type };
  return fromRegistry(name, spec);
}

/**
 * npa's order: a file spec (`file:`, `.`, `~/`, `/`, `C:`), an `npm:` alias, a hosted-git shortcut or URL, any
 * `scheme:`, anything with a slash or a tarball suffix; only then the registry. A spec with none of `/ \ : #`
 * that does not start with `.` or `~` and has no tarball suffix can be none of those (every one of them needs a
 * slash or a colon), so npa would call it a registry spec. The differential suite holds this against npa itself.
 */
function canOnlyBeRegistrySpec(spec: string): boolean {
  return !/[/\\:#]/.test(spec) && !/^[.~]/.test(spec) && !/[.](?:tgz|tar\.gz|tar)$/i.test(spec);
}

/**
 * What a registry spec asks for, as npm-pick-manifest reads it (npa's fromRegistry): an exact version, a range, or a
 * dist-tag; undefined for what is neither (a tag with characters a URL would encode).
 */
export function registrySpecType(wanted: string): 'version' | 'range' | 'tag' | undefined {
  const answer = fromRegistry('a', wanted);
  return answer.type === 'error' ? undefined : (answer.type as 'version' | 'range' | 'tag');
}

/** npa's fromRegistry: an exact version (loose), else a range (loose), else a dist-tag if URL-safe. */
function fromRegistry(name: string, spec: string): NpmSpecAnswer {
  const trimmed = spec.trim();
  const wanted = trimmed === '' ? '*' : trimmed;
  // semver.valid throws and catches inside for non-versions, which is slow: only ask when it can be one.
  if (/^[\s=v]*\d/.test(trimmed) && semver.valid(trimmed, true) !== null) {
    return { type: 'version', lookupName: name, wanted, pinned: semver.clean(trimmed, { loose: true }) ?? trimmed };
  }
  if (semver.validRange(trimmed, true) !== null) return { type: 'range', lookupName: name, wanted };
  // npa asks encodeURIComponent(spec) !== spec, which throws on a lone surrogate; these are exactly the
  // characters it leaves alone.
  if (!/^[A-Za-z0-9\-_.!~*'()]*$/.test(trimmed)) return { type: 'error', code: 'EINVALIDTAGNAME' };
  return { type: 'tag', lookupName: name, wanted };
}

/** validate-npm-package-name's validForOldPackages, as npa checks it, asked through npa once per name. */
function validName(name: string): boolean {
  let valid = nameMemo.get(name);
  if (valid === undefined) {
    try {
      npa.resolve(name, 'latest', '/');
      valid = true;
    } catch {
      valid = false;
    }
    if (nameMemo.size >= MEMO_LIMIT) nameMemo.clear();
    nameMemo.set(name, valid);
  }
  return valid;
}
