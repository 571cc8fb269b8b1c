// Maven version ordering and version ranges, hand-written because no maintained npm package implements them.
// The ordering is org.apache.maven.artifact.versioning.ComparableVersion as in Maven 3.8.7/3.8.8 (the mvn on
// our machines); test/unit/core/versioning checks it against that class's own output. Ranges follow resolution
// (maven-resolver's GenericVersionScheme, genericVersion.ts), which is what decides what a range resolves to.

import { compareGeneric } from './genericVersion';

type Item =
  | { readonly kind: 'int'; readonly value: bigint }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'list'; readonly items: Item[] };

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Readonly<Record<string, string>> = { ga: '', final: '', release: '', cr: 'rc' };
const RELEASE_INDEX = String(QUALIFIERS.indexOf(''));
/**
 * Qualifiers that mark a version as not a release (never offered as "latest"). Maven's own metadata `<release>` only
 * leaves out SNAPSHOTs, so it names `21-ea` or `2.0-RC1` when they were deployed last; users (and the usual
 * versions-maven-plugin `ignoredVersions` and Gradle "isNonStable" rules) mean a stable version. The rule: every
 * qualifier ComparableVersion ranks below a release (alpha, beta, milestone, rc/cr, snapshot, also `a1`, `b2`,
 * `m3`), plus the conventional pre-release words Maven does not know and ranks *above* a release (`ea`,
 * `preview`, `dev`, `pre`, `prerelease`, `nightly`, `canary`), and timestamped snapshots (`1.0-20240101.120000-3`).
 * Other unknown qualifiers (`-jre`, `-android`, `-incubating`, `.RELEASE`, `-sp1`) are releases.
 */
const PRE_RELEASE = new Set(['alpha', 'beta', 'milestone', 'rc', 'snapshot', 'ea', 'preview', 'dev', 'pre', 'prerelease', 'nightly', 'canary']);
const TIMESTAMPED_SNAPSHOT = /-\d{8}\.\d{6}-\d+$/;

function stringItem(value: string, followedByDigit: boolean): Item {
  let v = value;
  if (followedByDigit && v.length === 1) {
    // 1.0-a1 means alpha-1, b beta, m milestone.
    v = v === 'a' ? 'alpha' : v === 'b' ? 'beta' : v === 'm' ? 'milestone' : v;
  }
  return { kind: 'string', value: ALIASES[v] ?? v };
}

function parseItem(buf: string): Item {
  return /^[0-9]+$/.test(buf) ? { kind: 'int', value: BigInt(buf) } : stringItem(buf, false);
}

function comparableQualifier(qualifier: string): string {
  const index = QUALIFIERS.indexOf(qualifier);
  return index === -1 ? `${QUALIFIERS.length}-${qualifier}` : String(index);
}

function isNull(item: Item): boolean {
  switch (item.kind) {
    case 'int':
      return item.value === 0n;
    case 'string':
      return comparableQualifier(item.value) === RELEASE_INDEX;
    case 'list':
      return item.items.length === 0;
  }
}

function normalize(list: Item[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const last = list[i]!;
    if (isNull(last)) list.splice(i, 1);
    else if (last.kind !== 'list') break;
  }
}

/** Parses as ComparableVersion.parseVersion (Maven 3.8.8). Any string is a version; none is invalid. */
export function parseMavenVersion(version: string): Item {
  const text = version.toLowerCase();
  const root: Item[] = [];
  let list = root;
  const stack: Item[][] = [root];
  let isDigit = false;
  let startIndex = 0;
  const nest = (): void => {
    const next: Item[] = [];
    list.push({ kind: 'list', items: next });
    list = next;
    stack.push(next);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '.') {
      list.push(i === startIndex ? { kind: 'int', value: 0n } : parseItem(text.slice(startIndex, i)));
      startIndex = i + 1;
    } else if (c === '-') {
      list.push(i === startIndex ? { kind: 'int', value: 0n } : parseItem(text.slice(startIndex, i)));
      startIndex = i + 1;
      nest();
    } else if (c >= '0' && c <= '9') {
      if (!isDigit && i > startIndex) {
        // 1.0.0.X1 < 1.0.0-X2: a qualifier after `.` starts a sub-list, as after `-`.
        if (list.length > 0) nest();
        list.push(stringItem(text.slice(startIndex, i), true));
        startIndex = i;
        nest();
      }
      isDigit = true;
    } else {
      if (isDigit && i > startIndex) {
        list.push(parseItem(text.slice(startIndex, i)));
        startIndex = i;
        nest();
      }
      isDigit = false;
    }
  }
  if (text.length > startIndex) {
    if (!isDigit && list.length > 0) nest();
    list.push(parseItem(text.slice(startIndex)));
  }
  while (stack.length > 0) normalize(stack.pop()!);
  return { kind: 'list', items: root };
}

function compareItems(left: Item | undefined, right: Item | undefined): number {
  if (left === undefined) return right === undefined ? 0 : -compareItems(right, undefined);
  switch (left.kind) {
    case 'int':
      if (right === undefined) return left.value === 0n ? 0 : 1;
      if (right.kind === 'int') return left.value < right.value ? -1 : left.value > right.value ? 1 : 0;
      return 1; // a number is newer than a qualifier or a sub-list
    case 'string': {
      const mine = comparableQualifier(left.value);
      if (right === undefined) return sign(mine, RELEASE_INDEX);
      if (right.kind === 'string') return sign(mine, comparableQualifier(right.value));
      return -1;
    }
    case 'list':
      if (right === undefined) {
        for (const item of left.items) {
          const result = compareItems(item, undefined);
          if (result !== 0) return result;
        }
        return 0;
      }
      if (right.kind === 'int') return -1;
      if (right.kind === 'string') return 1;
      for (let i = 0; i < Math.max(left.items.length, right.items.length); i++) {
        const result = compareItems(left.items[i], right.items[i]);
        if (result !== 0) return result;
      }
      return 0;
  }
}

function sign(a: string, b: string): number {
  // Java's String.compareTo order (UTF-16 code units), which JS string comparison also uses.
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareMaven(a: string, b: string): number {
  // `|| 0` turns a negated zero into a plain one.
  return compareItems(parseMavenVersion(a), parseMavenVersion(b)) || 0;
}

/** Canonical form, as ComparableVersion.getCanonical(); equal versions have equal canonical forms. */
export function canonicalMaven(version: string): string {
  const render = (items: readonly Item[]): string => {
    let out = '';
    for (const item of items) {
      if (out !== '') out += item.kind === 'list' ? '-' : '.';
      out += item.kind === 'list' ? render(item.items) : String(item.value);
    }
    return out;
  };
  const root = parseMavenVersion(version);
  return root.kind === 'list' ? render(root.items) : '';
}

/** Not a release (see PRE_RELEASE): SNAPSHOTs, alpha/beta/milestone/rc (`a1`, `M3`, `CR1`), `-ea`, `-preview`, `-dev`… */
export function isMavenPreRelease(version: string): boolean {
  const visit = (item: Item): boolean =>
    item.kind === 'string' ? PRE_RELEASE.has(item.value) : item.kind === 'list' ? item.items.some(visit) : false;
  return visit(parseMavenVersion(version)) || /snapshot$/i.test(version) || TIMESTAMPED_SNAPSHOT.test(version);
}

/** The leading numbers (major, minor, incremental…) of a version, for telling the size of an update. */
export function mavenNumbers(version: string): bigint[] {
  const root = parseMavenVersion(version);
  const numbers: bigint[] = [];
  if (root.kind !== 'list') return numbers;
  for (const item of root.items) {
    if (item.kind !== 'int') break;
    numbers.push(item.value);
  }
  return numbers;
}

interface Bound {
  readonly version: string;
  readonly inclusive: boolean;
}

export interface MavenRestriction {
  readonly lower?: Bound;
  readonly upper?: Bound;
}

export type MavenRange =
  | { readonly kind: 'soft'; readonly version: string }
  | { readonly kind: 'ranges'; readonly restrictions: readonly MavenRestriction[] };

/**
 * Parses a dependency's version as maven-resolver's GenericVersionScheme.parseVersionConstraint (what resolution
 * uses): `1.0` (a soft requirement), `[1.0]`, `[1.0,2.0)`, `[1.0,]`, `(,1.0],[1.2,)`, `[1.*]`. Ranges may overlap
 * and come in any order, an empty bound is open whatever its bracket, and anything that does not start with `[`
 * or `(` is a version. Returns undefined where Maven throws InvalidVersionSpecificationException. The text is
 * trimmed first, as Maven's pom reader trims `<version>`.
 */
export function parseMavenRange(spec: string): MavenRange | undefined {
  const text = spec.trim();
  const restrictions: MavenRestriction[] = [];
  let rest = text;
  while (rest.startsWith('[') || rest.startsWith('(')) {
    const close = rest.search(/[\])]/);
    if (close === -1) return undefined;
    const restriction = parseRestriction(rest.slice(0, close + 1));
    if (!restriction) return undefined;
    restrictions.push(restriction);
    rest = rest.slice(close + 1).trim();
    if (rest.startsWith(',')) rest = rest.slice(1).trim();
  }
  if (restrictions.length === 0) return { kind: 'soft', version: text };
  return rest.length > 0 ? undefined : { kind: 'ranges', restrictions };
}

/** GenericVersionRange: one `[…]`/`(…)` (the brackets are known to be there). */
function parseRestriction(range: string): MavenRestriction | undefined {
  const lowerInclusive = range.startsWith('[');
  const upperInclusive = range.endsWith(']');
  const inner = range.slice(1, -1);
  const comma = inner.indexOf(',');
  if (comma === -1) {
    // `[1.0]` pins exactly, `[1.*]` is every 1.x; `(1.0)` is refused.
    if (!lowerInclusive || !upperInclusive) return undefined;
    const version = inner.trim();
    if (version.endsWith('.*')) {
      const prefix = version.slice(0, -1);
      return { lower: { version: `${prefix}min`, inclusive: true }, upper: { version: `${prefix}max`, inclusive: true } };
    }
    return { lower: { version, inclusive: true }, upper: { version, inclusive: true } };
  }
  const low = inner.slice(0, comma).trim();
  const high = inner.slice(comma + 1).trim();
  if (high.includes(',')) return undefined;
  if (low !== '' && high !== '' && compareGeneric(high, low) < 0) return undefined;
  return {
    ...(low !== '' ? { lower: { version: low, inclusive: lowerInclusive } } : {}),
    ...(high !== '' ? { upper: { version: high, inclusive: upperInclusive } } : {}),
  };
}

function contains(range: MavenRange, version: string): boolean {
  if (range.kind === 'soft') return compareGeneric(version, range.version) === 0;
  return range.restrictions.some((r) => {
    if (r.lower) {
      const c = compareGeneric(version, r.lower.version);
      if (c < 0 || (c === 0 && !r.lower.inclusive)) return false;
    }
    if (r.upper) {
      const c = compareGeneric(version, r.upper.version);
      if (c > 0 || (c === 0 && !r.upper.inclusive)) return false;
    }
    return true;
  });
}

/**
 * Whether a version meets a spec, in resolution's (GenericVersion) order. A soft requirement (`1.0`) is treated as
 * a pin: the question a diagnostic asks is "does the repository have the version this pom names".
 */
export function satisfiesMaven(version: string, spec: string): boolean {
  const range = parseMavenRange(spec);
  return range !== undefined && contains(range, version);
}

/** The version resolution picks for a spec: the highest the range contains (the first of equals), as Maven 3.8. */
export function latestSatisfyingMaven(versions: readonly string[], spec: string): string | undefined {
  const range = parseMavenRange(spec);
  if (!range) return undefined;
  let best: string | undefined;
  for (const version of versions) {
    if (contains(range, version) && (best === undefined || compareGeneric(version, best) > 0)) best = version;
  }
  return best;
}
