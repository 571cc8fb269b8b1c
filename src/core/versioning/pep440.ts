// PEP 440 versions and specifier sets as `packaging` 23.0 reads them (what pip and poetry-core build on).
// @renovatebot/pep440 ports an older packaging and decides pre-releases per specifier, not per set; the
// differential suite (test/differential/pypi) holds this module against packaging itself.

export interface Pep440Version {
  readonly epoch: bigint;
  readonly release: readonly bigint[];
  /** `a`, `b` or `rc` and its number. */
  readonly pre?: readonly [string, bigint];
  readonly post?: bigint;
  readonly dev?: bigint;
  /** Local label segments: numbers where they are all digits. */
  readonly local?: readonly (bigint | string)[];
}

// packaging's VERSION_PATTERN, anchored as Version() anchors it.
const VERSION_RE = new RegExp(
  '^\\s*v?(?:(?:([0-9]+)!)?([0-9]+(?:\\.[0-9]+)*)' +
    '([-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?([0-9]+)?)?' +
    '((?:-([0-9]+))|(?:[-_.]?(post|rev|r)[-_.]?([0-9]+)?))?' +
    '([-_.]?(dev)[-_.]?([0-9]+)?)?)' +
    '(?:\\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\\s*$',
  'id',
);

const parsedCache = new Map<string, Pep440Version | null>();

/** undefined when packaging's Version() would raise InvalidVersion. */
export function parsePep440(text: string): Pep440Version | undefined {
  const cached = parsedCache.get(text);
  if (cached !== undefined) return cached ?? undefined;
  const parsed = parseUncached(text);
  if (parsedCache.size > 20_000) parsedCache.clear();
  parsedCache.set(text, parsed ?? null);
  return parsed;
}

/**
 * Python's re.IGNORECASE also lets four non-ASCII letters match ASCII ones (İ ı → i, ſ → s, K → k); matching a
 * folded copy (same length, so offsets hold) keeps that, while lower() of the original gives the values.
 */
function foldForMatch(text: string): string {
  return /[\u0130\u0131\u017f\u212a]/.test(text) ? text.replace(/[\u0130\u0131]/g, 'i').replace(/\u017f/g, 's').replace(/\u212a/g, 'k') : text;
}

function parseUncached(text: string): Pep440Version | undefined {
  const m = VERSION_RE.exec(foldForMatch(text));
  if (!m) return undefined;
  // Group text from the original string (the match ran on a folded copy of the same length).
  const g = (i: number): string | undefined => {
    const at = m.indices?.[i];
    return at ? text.slice(at[0], at[1]) : undefined;
  };
  const pre = letterVersion(g(4), m[5]);
  const post = letterVersion(g(8), m[7] ?? m[9]);
  const dev = letterVersion(g(11), m[12]);
  return {
    epoch: m[1] !== undefined ? BigInt(m[1]) : 0n,
    release: m[2]!.split('.').map((n) => BigInt(n)),
    ...(pre ? { pre } : {}),
    ...(post ? { post: post[1] } : {}),
    ...(dev ? { dev: dev[1] } : {}),
    ...(m[13] !== undefined ? { local: g(13)!.toLowerCase().split(/[-_.]/).map((p) => (/^[0-9]+$/.test(p) ? BigInt(p) : p)) } : {}),
  };
}

function letterVersion(letter: string | undefined, number: string | undefined): [string, bigint] | undefined {
  if (letter) {
    const l = letter.toLowerCase();
    const normal = l === 'alpha' ? 'a' : l === 'beta' ? 'b' : l === 'c' || l === 'pre' || l === 'preview' ? 'rc' : l === 'rev' || l === 'r' ? 'post' : l;
    return [normal, BigInt(number ?? '0')];
  }
  // Implicit post release (`1.0-1`).
  return number ? ['post', BigInt(number)] : undefined;
}

export function isPep440PreRelease(v: Pep440Version): boolean {
  return v.pre !== undefined || v.dev !== undefined;
}

/** str(Version): the normalised form. */
export function formatPep440(v: Pep440Version): string {
  return `${publicPart(v)}${v.local ? `+${v.local.join('.')}` : ''}`;
}

function publicPart(v: Pep440Version): string {
  let s = v.epoch !== 0n ? `${v.epoch}!` : '';
  s += v.release.join('.');
  if (v.pre) s += `${v.pre[0]}${v.pre[1]}`;
  if (v.post !== undefined) s += `.post${v.post}`;
  if (v.dev !== undefined) s += `.dev${v.dev}`;
  return s;
}

function withoutLocal(v: Pep440Version): Pep440Version {
  if (!v.local) return v;
  const { local: _local, ...rest } = v;
  return rest;
}

function baseVersion(v: Pep440Version): Pep440Version {
  return { epoch: v.epoch, release: v.release };
}

const cmp = (a: bigint | string, b: bigint | string): number => (a < b ? -1 : a > b ? 1 : 0);

/** packaging's _cmpkey order: negative, zero or positive. `1.0` and `1.0.0` are equal. */
export function comparePep440(a: Pep440Version, b: Pep440Version): number {
  if (a.epoch !== b.epoch) return cmp(a.epoch, b.epoch);
  const ra = trimZeros(a.release);
  const rb = trimZeros(b.release);
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) if (ra[i] !== rb[i]) return cmp(ra[i]!, rb[i]!);
  if (ra.length !== rb.length) return ra.length - rb.length;
  // Pre: a dev release of a plain version sorts before its pre-releases; no pre-release sorts last.
  const preRank = (v: Pep440Version): number => (v.pre ? 1 : v.post === undefined && v.dev !== undefined ? 0 : 2);
  if (preRank(a) !== preRank(b)) return preRank(a) - preRank(b);
  if (a.pre && b.pre) {
    const c = cmp(a.pre[0], b.pre[0]) || cmp(a.pre[1], b.pre[1]);
    if (c !== 0) return c;
  }
  if ((a.post === undefined) !== (b.post === undefined)) return a.post === undefined ? -1 : 1;
  if (a.post !== undefined && b.post !== undefined && a.post !== b.post) return cmp(a.post, b.post);
  if ((a.dev === undefined) !== (b.dev === undefined)) return a.dev === undefined ? 1 : -1;
  if (a.dev !== undefined && b.dev !== undefined && a.dev !== b.dev) return cmp(a.dev, b.dev);
  return compareLocal(a.local, b.local);
}

function trimZeros(release: readonly bigint[]): readonly bigint[] {
  let end = release.length;
  while (end > 0 && release[end - 1] === 0n) end--;
  return release.slice(0, end);
}

/** No local sorts first; numbers above strings; then as tuples. */
function compareLocal(a: Pep440Version['local'], b: Pep440Version['local']): number {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (typeof x !== typeof y) return typeof x === 'bigint' ? 1 : -1;
    const c = cmp(x, y);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

// ---------------------------------------------------------------- specifiers

export interface Pep440Specifier {
  readonly operator: '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '===';
  /** As written, stripped (`1.2.*`, `2.0rc1`, or anything after `===`). */
  readonly version: string;
}

// packaging 23.0's Specifier regex: which version forms each operator accepts.
const PRE = '(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?';
const POST = '(?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?';
const DEV = '(?:[-_.]?dev[-_.]?[0-9]*)?';
const SPECIFIER_RE = new RegExp(
  '^\\s*(~=|==|!=|<=|>=|<|>|===)(' +
    '(?:(?<====)\\s*[^\\s;)]*)' +
    `|(?:(?<===|!=)\\s*v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*(?:\\.\\*|${PRE}${POST}${DEV}(?:\\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?)?)` +
    `|(?:(?<=~=)\\s*v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)+${PRE}${POST}${DEV})` +
    `|(?:(?<!==|!=|~=)\\s*v?(?:[0-9]+!)?[0-9]+(?:\\.[0-9]+)*${PRE}${POST}${DEV})` +
    ')\\s*$',
  'id',
);

/** One specifier (`>=1.2`), or undefined when packaging's Specifier() would raise. */
export function parseSpecifier(text: string): Pep440Specifier | undefined {
  const m = SPECIFIER_RE.exec(foldForMatch(text));
  if (!m) return undefined;
  const at = m.indices?.[2];
  return { operator: m[1]!.trim() as Pep440Specifier['operator'], version: at ? text.slice(at[0], at[1]).trim() : m[2]!.trim() };
}

/**
 * A specifier set (`>=1.0, !=1.3.*, <2`; '' is any version), or undefined when one part is invalid.
 * Besides PEP 440, `a || b` is accepted as a union of sets: Poetry's `||` has no PEP 440 spelling.
 */
export function parseSpecifierSet(text: string): Pep440Specifier[][] | undefined {
  const alternatives: Pep440Specifier[][] = [];
  for (const alternative of text.split('||')) {
    const specs: Pep440Specifier[] = [];
    for (const part of alternative.split(',')) {
      if (part.trim() === '') continue;
      const spec = parseSpecifier(part);
      if (!spec) return undefined;
      specs.push(spec);
    }
    alternatives.push(specs);
  }
  return alternatives;
}

/** Specifier.prereleases: an inclusive operator naming a pre-release lets pre-releases in. */
function specifierMentionsPreRelease(spec: Pep440Specifier): boolean {
  if (!['==', '>=', '<=', '~=', '==='].includes(spec.operator)) return false;
  const text = spec.operator === '==' && spec.version.endsWith('.*') ? spec.version.slice(0, -2) : spec.version;
  // pip's packaging 21.3 reads an unparsable `===` version as a legacy version, never a pre-release.
  const parsed = parsePep440(text);
  return parsed !== undefined && isPep440PreRelease(parsed);
}

export function setMentionsPreRelease(specs: readonly Pep440Specifier[]): boolean {
  return specs.some(specifierMentionsPreRelease);
}

/** The operator alone, pre-release rules aside (Specifier._compare_*). */
export function specifierMatches(spec: Pep440Specifier, v: Pep440Version): boolean {
  switch (spec.operator) {
    case '==':
      return equalTo(v, spec.version);
    case '!=':
      return !equalTo(v, spec.version);
    case '~=': {
      const parts = versionSplit(spec.version);
      const prefix = [];
      for (const p of parts) {
        if (['dev', 'a', 'b', 'rc', 'post'].some((s) => p.startsWith(s))) break;
        prefix.push(p);
      }
      return atLeast(v, spec.version) && equalTo(v, `${prefix.slice(0, -1).join('.')}.*`);
    }
    case '<=':
      return comparePep440(withoutLocal(v), must(spec.version)) <= 0;
    case '>=':
      return atLeast(v, spec.version);
    case '<': {
      const s = must(spec.version);
      if (!(comparePep440(v, s) < 0)) return false;
      return !(!isPep440PreRelease(s) && isPep440PreRelease(v) && comparePep440(baseVersion(v), baseVersion(s)) === 0);
    }
    case '>': {
      const s = must(spec.version);
      if (!(comparePep440(v, s) > 0)) return false;
      if (s.post === undefined && v.post !== undefined && comparePep440(baseVersion(v), baseVersion(s)) === 0) return false;
      return !(v.local !== undefined && comparePep440(baseVersion(v), baseVersion(s)) === 0);
    }
    case '===':
      return formatPep440(v).toLowerCase() === spec.version.toLowerCase();
  }
}

function atLeast(v: Pep440Version, spec: string): boolean {
  return comparePep440(withoutLocal(v), must(spec)) >= 0;
}

function must(text: string): Pep440Version {
  const parsed = parsePep440(text);
  if (!parsed) throw new Error(`not a PEP 440 version: ${text}`);
  return parsed;
}

function equalTo(v: Pep440Version, spec: string): boolean {
  if (!spec.endsWith('.*')) {
    const s = must(spec);
    return comparePep440(s.local ? v : withoutLocal(v), s) === 0;
  }
  // Prefix match on canonical strings, the prospective padded with zeros first (packaging 23.0).
  const splitSpec = versionSplit(canonical(must(spec.slice(0, -2)), false));
  const [padded] = padVersion(versionSplit(canonical(withoutLocal(v), true)), splitSpec);
  const shortened = padded.slice(0, splitSpec.length);
  return shortened.length === splitSpec.length && shortened.every((p, i) => p === splitSpec[i]);
}

/** packaging.utils.canonicalize_version (without the local part, which callers have dropped). */
function canonical(v: Pep440Version, stripTrailingZero: boolean): string {
  let release = v.release.join('.');
  if (stripTrailingZero) release = release.replace(/(\.0)+$/, '');
  let s = (v.epoch !== 0n ? `${v.epoch}!` : '') + release;
  if (v.pre) s += `${v.pre[0]}${v.pre[1]}`;
  if (v.post !== undefined) s += `.post${v.post}`;
  if (v.dev !== undefined) s += `.dev${v.dev}`;
  return s;
}

function versionSplit(version: string): string[] {
  const result: string[] = [];
  for (const item of version.split('.')) {
    const m = /^([0-9]+)((?:a|b|c|rc)[0-9]+)$/.exec(item);
    if (m) result.push(m[1]!, m[2]!);
    else result.push(item);
  }
  return result;
}

function padVersion(left: string[], right: string[]): [string[], string[]] {
  const digits = (xs: string[]): number => {
    let n = 0;
    while (n < xs.length && /^[0-9]+$/.test(xs[n]!)) n++;
    return n;
  };
  const l = digits(left);
  const r = digits(right);
  return [
    [...left.slice(0, l), ...Array<string>(Math.max(0, r - l)).fill('0'), ...left.slice(l)],
    [...right.slice(0, r), ...Array<string>(Math.max(0, l - r)).fill('0'), ...right.slice(r)],
  ];
}

/**
 * SpecifierSet.contains(v): every specifier matches, and a pre-release only when the set names one.
 * (`allowPreReleases` forces pre-releases in, as the filter does when nothing final matches.)
 */
export function setContains(specs: readonly Pep440Specifier[], v: Pep440Version, allowPreReleases = setMentionsPreRelease(specs)): boolean {
  if (isPep440PreRelease(v) && !allowPreReleases) return false;
  return specs.every((s) => specifierMatches(s, v));
}

/**
 * What pip's finder keeps of `versions` for a specifier set (SpecifierSet.filter): those that satisfy the whole
 * set, pre-releases only when the set names one. Only an empty set falls back to pre-releases when there is no
 * final release; `>=1.0` never resolves to `1.5a1` without `--pre`. Versions that are not PEP 440 are dropped.
 * With `||` alternatives, the union.
 */
export function filterPep440(alternatives: readonly (readonly Pep440Specifier[])[], versions: readonly string[]): string[] {
  const parsed = versions.map((text) => ({ text, v: parsePep440(text) }));
  const kept = new Set<string>();
  for (const specs of alternatives) {
    if (specs.length === 0) {
      const finals = parsed.filter((p) => p.v !== undefined && !isPep440PreRelease(p.v));
      for (const p of finals.length > 0 ? finals : parsed.filter((q) => q.v !== undefined)) kept.add(p.text);
      continue;
    }
    const allowPre = setMentionsPreRelease(specs);
    for (const p of parsed) if (p.v !== undefined && safeMatches(specs, p.v, allowPre)) kept.add(p.text);
  }
  return versions.filter((v) => kept.has(v));
}

function safeMatches(specs: readonly Pep440Specifier[], v: Pep440Version, allowPre: boolean): boolean {
  try {
    return setContains(specs, v, allowPre);
  } catch {
    return false;
  }
}
