// Cargo's version rules: SemVer 2.0 versions and the requirement syntax of the `semver` crate that cargo uses
// (a bare `1.2` means `^1.2`; `~`, `=`, `>`, `>=`, `<`, `<=`, wildcards `1.*`/`1.x`, `*`; comma-separated
// comparators that must all hold). A pre-release version matches only when some comparator names the same
// major.minor.patch with a pre-release of its own. Checked against real cargo (test/differential/cargo).

export interface CargoVersion {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  /** Dot-separated identifiers; empty for a release. */
  readonly pre: readonly string[];
}

type Op = '=' | '>' | '>=' | '<' | '<=' | '~' | '^' | '*';

interface Comparator {
  readonly op: Op;
  readonly major: bigint;
  readonly minor?: bigint;
  readonly patch?: bigint;
  readonly pre: readonly string[];
}

const NUM = '(?:0|[1-9]\\d*)';
const IDENT = '[0-9A-Za-z-]+';
const VERSION = new RegExp(`^(${NUM})\\.(${NUM})\\.(${NUM})(?:-(${IDENT}(?:\\.${IDENT})*))?(?:\\+(${IDENT}(?:\\.${IDENT})*))?$`);

function preOk(pre: readonly string[]): boolean {
  // Numeric identifiers have no leading zeros (SemVer 2.0 §9).
  return pre.every((id) => !/^0\d+$/.test(id));
}

export function parseCargoVersion(text: string): CargoVersion | undefined {
  const m = VERSION.exec(text.trim());
  if (!m) return undefined;
  const pre = m[4] !== undefined ? m[4].split('.') : [];
  if (!preOk(pre)) return undefined;
  return { major: BigInt(m[1] ?? '0'), minor: BigInt(m[2] ?? '0'), patch: BigInt(m[3] ?? '0'), pre };
}

function compareIdentifiers(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an && bn) return Math.sign(Number(BigInt(a) - BigInt(b)));
  if (an !== bn) return an ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Pre-release order; a release (no identifiers) is greater than any pre-release. */
function comparePre(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : a.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareIdentifiers(a[i] ?? '', b[i] ?? '');
    if (c !== 0) return c;
  }
  return Math.sign(a.length - b.length);
}

function cmpBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareCargoVersions(a: CargoVersion, b: CargoVersion): number {
  return cmpBig(a.major, b.major) || cmpBig(a.minor, b.minor) || cmpBig(a.patch, b.patch) || comparePre(a.pre, b.pre);
}

const COMPARATOR = new RegExp(`^(=|>=|<=|>|<|~|\\^)?\\s*(${NUM}|[*xX])(?:\\.(${NUM}|[*xX]))?(?:\\.(${NUM}|[*xX]))?(?:-(${IDENT}(?:\\.${IDENT})*))?(?:\\+(${IDENT}(?:\\.${IDENT})*))?$`);

function isWild(s: string | undefined): boolean {
  return s === '*' || s === 'x' || s === 'X';
}

function parseComparator(text: string): Comparator | undefined {
  const m = COMPARATOR.exec(text.trim());
  if (!m) return undefined;
  const [, opText, a, b, c, preText] = m;
  const pre = preText !== undefined ? preText.split('.') : [];
  if (!preOk(pre)) return undefined;
  if (isWild(a)) {
    // `*` (with `=` or nothing) and nothing after it but more wildcards.
    if ((opText !== undefined && opText !== '=') || (b !== undefined && !isWild(b)) || (c !== undefined && !isWild(c)) || pre.length > 0) return undefined;
    return { op: '*', major: -1n, pre: [] };
  }
  if (isWild(b) || isWild(c)) {
    if (isWild(b) && c !== undefined && !isWild(c)) return undefined;
    if (pre.length > 0) return undefined;
    // `1.*`, `1.2.*`, `=1.*`: equal on the parts given. Other operators on a wildcard act on the given parts too.
    const op: Op = opText === undefined || opText === '=' ? '*' : (opText as Op);
    return { op, major: BigInt(a ?? '0'), ...(isWild(b) ? {} : { minor: BigInt(b ?? '0') }), pre: [] };
  }
  // A pre-release needs the full major.minor.patch.
  if (pre.length > 0 && c === undefined) return undefined;
  return {
    op: (opText as Op | undefined) ?? '^',
    major: BigInt(a ?? '0'),
    ...(b !== undefined ? { minor: BigInt(b) } : {}),
    ...(c !== undefined ? { patch: BigInt(c) } : {}),
    pre,
  };
}

/** A parsed requirement: all comparators must hold. `[]` is `*` (any). Undefined when cargo would refuse it. */
export function parseCargoRequirement(text: string): readonly Comparator[] | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const parts = trimmed.split(',');
  const out: Comparator[] = [];
  for (const part of parts) {
    const c = parseComparator(part);
    if (!c) return undefined;
    if (c.op === '*' && c.major === -1n) {
      if (parts.length > 1) return undefined;
      return [];
    }
    out.push(c);
  }
  return out;
}

function matchesExact(c: Comparator, v: CargoVersion): boolean {
  if (v.major !== c.major) return false;
  if (c.minor !== undefined && v.minor !== c.minor) return false;
  if (c.patch !== undefined && v.patch !== c.patch) return false;
  return comparePre(v.pre, c.pre) === 0;
}

function matchesGreater(c: Comparator, v: CargoVersion): boolean {
  if (v.major !== c.major) return v.major > c.major;
  if (c.minor === undefined) return false;
  if (v.minor !== c.minor) return v.minor > c.minor;
  if (c.patch === undefined) return false;
  if (v.patch !== c.patch) return v.patch > c.patch;
  return comparePre(v.pre, c.pre) > 0;
}

function matchesLess(c: Comparator, v: CargoVersion): boolean {
  if (v.major !== c.major) return v.major < c.major;
  if (c.minor === undefined) return false;
  if (v.minor !== c.minor) return v.minor < c.minor;
  if (c.patch === undefined) return false;
  if (v.patch !== c.patch) return v.patch < c.patch;
  return comparePre(v.pre, c.pre) < 0;
}

function matchesTilde(c: Comparator, v: CargoVersion): boolean {
  if (v.major !== c.major) return false;
  if (c.minor !== undefined && v.minor !== c.minor) return false;
  if (c.patch !== undefined && v.patch !== c.patch) return v.patch > c.patch;
  return comparePre(v.pre, c.pre) >= 0;
}

function matchesCaret(c: Comparator, v: CargoVersion): boolean {
  if (v.major !== c.major) return false;
  if (c.minor === undefined) return true;
  if (c.patch === undefined) return c.major > 0n ? v.minor >= c.minor : v.minor === c.minor;
  if (c.major > 0n) {
    if (v.minor !== c.minor) return v.minor > c.minor;
    if (v.patch !== c.patch) return v.patch > c.patch;
  } else if (c.minor > 0n) {
    if (v.minor !== c.minor) return false;
    if (v.patch !== c.patch) return v.patch > c.patch;
  } else if (v.minor !== c.minor || v.patch !== c.patch) {
    return false;
  }
  return comparePre(v.pre, c.pre) >= 0;
}

function matchesWildcard(c: Comparator, v: CargoVersion): boolean {
  return v.major === c.major && (c.minor === undefined || v.minor === c.minor);
}

function matchesComparator(c: Comparator, v: CargoVersion): boolean {
  switch (c.op) {
    case '=':
      return matchesExact(c, v);
    case '>':
      return matchesGreater(c, v);
    case '>=':
      return matchesExact(c, v) || matchesGreater(c, v);
    case '<':
      return matchesLess(c, v);
    case '<=':
      return matchesExact(c, v) || matchesLess(c, v);
    case '~':
      return matchesTilde(c, v);
    case '^':
      return matchesCaret(c, v);
    case '*':
      return matchesWildcard(c, v);
  }
}

/** Whether a version meets a requirement as cargo decides it. An unreadable version or requirement: false. */
export function cargoSatisfies(version: string, requirement: string): boolean {
  const v = parseCargoVersion(version);
  const req = parseCargoRequirement(requirement);
  if (!v || !req) return false;
  if (!req.every((c) => matchesComparator(c, v))) return false;
  if (v.pre.length === 0) return true;
  // A pre-release only where a comparator opts into pre-releases of exactly that version.
  return req.some((c) => c.major === v.major && c.minor === v.minor && c.patch === v.patch && c.pre.length > 0);
}

/** The newest version that meets the requirement (what `cargo generate-lockfile` picks among non-yanked ones). */
export function cargoLatestSatisfying(versions: readonly string[], requirement: string): string | undefined {
  let best: { text: string; v: CargoVersion } | undefined;
  for (const text of versions) {
    const v = parseCargoVersion(text);
    if (!v || !cargoSatisfies(text, requirement)) continue;
    if (!best || compareCargoVersions(v, best.v) > 0) best = { text, v };
  }
  return best?.text;
}
