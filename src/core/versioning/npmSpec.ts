// What npm makes of a dependency spec (`"name": "spec"` in package.json): npm-package-arg's `resolve(name, spec)`,
// memoised per spec text, with a fast path for the specs that can only be registry specs. npa costs ~0.4 ms a spec (it tries
// the spec as a hosted-git shortcut and a URL first), which is most of the time to read a large manifest.
import npa from 'npm-package-arg';
import semver from 'semver';
import validatePackageName from 'validate-npm-package-name';

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
/** What a spec means does not depend on the key's name (only the name npa checks first): one answer per spec text. */
const specMemo = new Map<string, { readonly answer: NpmSpecAnswer; readonly byName: boolean }>();
const nameMemo = new Map<string, boolean>();

/** npa.resolve(name, spec) as an answer, never a throw. */
export function resolveNpmSpec(name: string, spec: string): NpmSpecAnswer {
  // npa checks the name before it reads the spec (Result's constructor), whatever the spec is.
  if (!validName(name)) return { type: 'error', code: 'EINVALIDPACKAGENAME' };
  let known = specMemo.get(spec);
  if (!known) {
    known = specAnswer(spec);
    if (specMemo.size >= MEMO_LIMIT) specMemo.clear();
    specMemo.set(spec, known);
  }
  return known.byName ? { ...known.answer, lookupName: name } : known.answer;
}

/** `byName`: a registry answer, whose lookupName is the key's name (filled in by the caller). */
function specAnswer(spec: string): { answer: NpmSpecAnswer; byName: boolean } {
  if (canOnlyBeRegistrySpec(spec)) return registryAnswer(spec);
  let parsed: npa.Result;
  try {
    // Any valid name will do: the name was checked already, and npa's reading of the spec does not depend on it.
    parsed = npa.resolve('a', spec, '/');
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    return { answer: { type: 'error', code: typeof code === 'string' ? code : 'EINVALID' }, byName: false };
  }
  if (parsed.type === 'alias') {
    const sub = (parsed as npa.AliasResult).subSpec;
    const wanted = sub.fetchSpec === null || sub.fetchSpec === '' ? '*' : sub.fetchSpec;
    const pinned = sub.type === 'version' ? (semver.clean(wanted, { loose: true }) ?? undefined) : undefined;
    // npa refuses an alias without a target name ("aliases must have a name"), so sub.name is set.
    return { answer: { type: 'alias', lookupName: sub.name ?? 'a', wanted, aliasRawSpec: sub.rawSpec, ...(pinned ? { pinned } : {}) }, byName: false };
  }
  if (!parsed.registry) return { answer: { type: parsed.type }, byName: false };
  return registryAnswer(spec);
}

function registryAnswer(spec: string): { answer: NpmSpecAnswer; byName: boolean } {
  const answer = fromRegistry(spec);
  return { answer, byName: answer.type !== 'error' };
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
  const answer = fromRegistry(wanted);
  return answer.type === 'error' ? undefined : (answer.type as 'version' | 'range' | 'tag');
}

/**
 * The everyday specs (`1.2.3`, `^1.2.3`, `~1.2.3`), which semver reads as a version or a range whatever the flags:
 * answered without building a SemVer or Range (most of the time of a large manifest). Components stay below 2^30.
 */
const SIMPLE = /^([~^]?)(?:0|[1-9]\d{0,8})\.(?:0|[1-9]\d{0,8})\.(?:0|[1-9]\d{0,8})$/;

/** npa's fromRegistry: an exact version (loose), else a range (loose), else a dist-tag if URL-safe. No lookupName. */
function fromRegistry(spec: string): NpmSpecAnswer {
  const trimmed = spec.trim();
  const wanted = trimmed === '' ? '*' : trimmed;
  const simple = SIMPLE.exec(trimmed);
  if (simple) return simple[1] === '' ? { type: 'version', wanted, pinned: trimmed } : { type: 'range', wanted };
  // semver.valid throws and catches inside for non-versions, which is slow: only ask when it can be one.
  if (/^[\s=v]*\d/.test(trimmed) && semver.valid(trimmed, true) !== null) {
    return { type: 'version', wanted, pinned: semver.clean(trimmed, { loose: true }) ?? trimmed };
  }
  if (semver.validRange(trimmed, true) !== null) return { type: 'range', wanted };
  // npa asks encodeURIComponent(spec) !== spec, which throws on a lone surrogate; these are exactly the
  // characters it leaves alone.
  if (!/^[A-Za-z0-9\-_.!~*'()]*$/.test(trimmed)) return { type: 'error', code: 'EINVALIDTAGNAME' };
  return { type: 'tag', wanted };
}

/** validate-npm-package-name's validForOldPackages, as npa checks it (only a non-empty name), once per name. */
function validName(name: string): boolean {
  if (name === '') return true;
  let valid = nameMemo.get(name);
  if (valid === undefined) {
    try {
      valid = validatePackageName(name).validForOldPackages;
    } catch {
      // encodeURIComponent throws on a lone surrogate: npa throws too.
      valid = false;
    }
    if (nameMemo.size >= MEMO_LIMIT) nameMemo.clear();
    nameMemo.set(name, valid);
  }
  return valid;
}
