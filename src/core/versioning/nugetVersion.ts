// NuGet's version rules, after NuGet.Versioning (NuGetVersion, VersionComparer.Default, VersionRange, FloatRange) and
// learn.microsoft.com/nuget/concepts/package-versioning and …/dependency-resolution:
// - 1 to 4 numeric parts (`1.0` = `1.0.0` = `1.0.0.0`), leading zeros allowed, SemVer 2 labels, build metadata ignored;
// - ranges `1.0` (meaning >= 1.0), `[1.0]`, `(1.0,)`, `[1.0,2.0)`, and floating `1.*`, `1.0.*`, `*`, `1.0.0-*`, `1.*-*`, `*-*`;
// - restore picks the LOWEST version a range allows, except that a floating range takes the highest it floats over.
// Total: nothing throws; text that is no NuGet version parses to undefined.

export interface NugetVersion {
  /** major, minor, patch, revision. */
  readonly numbers: readonly [bigint, bigint, bigint, bigint];
  /** Release labels (`beta.2` → ['beta', '2']); empty for a release. */
  readonly labels: readonly string[];
}

const VERSION = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

export function parseNugetVersion(text: string): NugetVersion | undefined {
  const m = VERSION.exec(text.trim());
  if (!m) return undefined;
  const n = (s: string | undefined): bigint => BigInt(s ?? '0');
  return { numbers: [n(m[1]), n(m[2]), n(m[3]), n(m[4])], labels: m[5] !== undefined ? m[5].split('.') : [] };
}

/** NuGet's normalized form (what CodeArtifact stores and flat containers list, before lowercasing). */
export function normalizeNugetVersion(text: string): string | undefined {
  const v = parseNugetVersion(text);
  if (!v) return undefined;
  const [major, minor, patch, revision] = v.numbers;
  return `${major}.${minor}.${patch}${revision !== 0n ? `.${revision}` : ''}${v.labels.length > 0 ? `-${v.labels.join('.')}` : ''}`;
}

export function isNugetPreRelease(v: NugetVersion): boolean {
  return v.labels.length > 0;
}

/** VersionComparer.Default: numbers, then a release above its pre-releases, labels as SemVer 2 but case-insensitive. */
export function compareNugetVersions(a: NugetVersion, b: NugetVersion): number {
  for (let i = 0; i < 4; i++) {
    const x = a.numbers[i] ?? 0n;
    const y = b.numbers[i] ?? 0n;
    if (x !== y) return x < y ? -1 : 1;
  }
  if (a.labels.length === 0 || b.labels.length === 0) return a.labels.length === b.labels.length ? 0 : a.labels.length === 0 ? 1 : -1;
  const count = Math.max(a.labels.length, b.labels.length);
  for (let i = 0; i < count; i++) {
    const x = a.labels[i];
    const y = b.labels[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    const c = compareLabel(x, y);
    if (c !== 0) return c;
  }
  return 0;
}

function compareLabel(x: string, y: string): number {
  const xn = /^\d+$/.test(x);
  const yn = /^\d+$/.test(y);
  if (xn && yn) {
    const a = BigInt(x);
    const b = BigInt(y);
    return a === b ? 0 : a < b ? -1 : 1;
  }
  if (xn !== yn) return xn ? -1 : 1;
  // StringComparer.OrdinalIgnoreCase compares upper-cased UTF-16 code units.
  const a = x.toUpperCase();
  const b = y.toUpperCase();
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Text comparison of two versions; an unparsable one sorts below every valid one. */
export function compareNuget(a: string, b: string): number {
  const pa = parseNugetVersion(a);
  const pb = parseNugetVersion(b);
  if (!pa || !pb) return pa ? 1 : pb ? -1 : a < b ? -1 : a > b ? 1 : 0;
  return compareNugetVersions(pa, pb);
}

export type FloatBehavior =
  | 'none'
  | 'prerelease'
  | 'revision'
  | 'patch'
  | 'minor'
  | 'major'
  | 'prereleaseRevision'
  | 'prereleasePatch'
  | 'prereleaseMinor'
  | 'prereleaseMajor'
  | 'absoluteLatest';

export interface NugetFloat {
  readonly behavior: FloatBehavior;
  readonly min: NugetVersion;
  /** The label prefix a pre-release float matches (`beta` in `1.0.0-beta*`); '' for `1.0.0-*`. */
  readonly releasePrefix?: string;
}

export interface NugetRange {
  readonly min?: NugetVersion;
  readonly minInclusive: boolean;
  readonly max?: NugetVersion;
  readonly maxInclusive: boolean;
  readonly float?: NugetFloat;
}

function parts(text: string): number {
  return text.split('.').length;
}

/** FloatRange.TryParse: `*`, `*-*`, `1.*`, `1.0.*`, `1.0.0.*`, `1.0.0-*`, `1.0.0-beta*`, `1.*-*`, `1.0.*-rc*`, or a plain version. */
export function parseNugetFloat(text: string): NugetFloat | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  if (s === '*') return { behavior: 'major', min: { numbers: [0n, 0n, 0n, 0n], labels: [] } };
  if (s === '*-*') return { behavior: 'absoluteLatest', min: { numbers: [0n, 0n, 0n, 0n], labels: ['0'] }, releasePrefix: '' };
  const first = s.indexOf('*');
  const last = s.lastIndexOf('*');
  if (s.includes('+')) return first < 0 ? plain(s) : undefined;
  if (first !== last) {
    // Two stars: `1.*-*`, `1.0.*-rc*` (the first right before the dash, the last at the end).
    const dash = s.indexOf('-');
    if (dash < 0 || last !== s.length - 1 || first !== dash - 1) return undefined;
    const stable = `${s.slice(0, dash - 1)}0`;
    const behavior = (['prereleaseMajor', 'prereleaseMinor', 'prereleasePatch', 'prereleaseRevision'] as const)[parts(stable) - 1];
    const prefix = s.slice(dash + 1, -1);
    const min = parseNugetVersion(`${stable}-${prefix.length === 0 || prefix.endsWith('.') ? `${prefix}0` : prefix}`);
    return behavior && min ? { behavior, min, releasePrefix: prefix } : undefined;
  }
  if (first < 0) return plain(s);
  if (last !== s.length - 1) return undefined;
  let body = s.slice(0, -1);
  if (!body.includes('-')) {
    body += '0';
    const behavior = ({ 2: 'minor', 3: 'patch', 4: 'revision' } as const)[parts(body)];
    const min = parseNugetVersion(body);
    return behavior && min ? { behavior, min } : undefined;
  }
  // `1.0.0-*`, `1.0.0-beta*`, `1.0.0-beta.*`.
  const prefix = body.slice(body.indexOf('-') + 1);
  if (body.indexOf('-') !== body.lastIndexOf('-') && !prefix.includes('-')) return undefined;
  if (prefix.length === 0 || body.endsWith('.')) body += '0';
  else if (body.endsWith('-')) body += '-';
  const min = parseNugetVersion(body);
  return min ? { behavior: 'prerelease', min, releasePrefix: prefix } : undefined;
}

function plain(s: string): NugetFloat | undefined {
  const min = parseNugetVersion(s);
  return min ? { behavior: 'none', min } : undefined;
}

/** VersionRange.TryParse (floating allowed in the lower bound). Undefined for text NuGet refuses. */
export function parseNugetRange(text: string): NugetRange | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  const open = s[0];
  if (open !== '[' && open !== '(') {
    const float = parseNugetFloat(s);
    if (!float) return undefined;
    return { min: float.min, minInclusive: true, maxInclusive: false, ...(float.behavior !== 'none' ? { float } : {}) };
  }
  const close = s[s.length - 1];
  if (s.length < 3 || (close !== ']' && close !== ')')) return undefined;
  const minInclusive = open === '[';
  const maxInclusive = close === ']';
  const inner = s.slice(1, -1);
  const pieces = inner.split(',');
  if (pieces.length > 2) return undefined;
  if (pieces.length === 1) {
    // `[1.0]` only: an exact version; `(1.0)` and floats here are refused.
    const v = parseNugetVersion(inner);
    if (!v || !minInclusive || !maxInclusive) return undefined;
    return { min: v, minInclusive: true, max: v, maxInclusive: true };
  }
  const [lowText = '', highText = ''] = pieces.map((p) => p.trim());
  if (lowText === '' && highText === '') return undefined;
  const float = lowText === '' ? undefined : parseNugetFloat(lowText);
  if (lowText !== '' && !float) return undefined;
  const max = highText === '' ? undefined : parseNugetVersion(highText);
  if (highText !== '' && !max) return undefined;
  const min = float?.min;
  if (min && max) {
    const c = compareNugetVersions(min, max);
    if (c > 0 || (c === 0 && !(minInclusive && maxInclusive))) return undefined;
  }
  return {
    ...(min ? { min } : {}),
    minInclusive: min !== undefined && minInclusive,
    ...(max ? { max } : {}),
    maxInclusive: max !== undefined && maxInclusive,
    ...(float && float.behavior !== 'none' ? { float } : {}),
  };
}

/** VersionRange.Satisfies: within the bounds (pre-releases not filtered here). */
function withinBounds(range: NugetRange, v: NugetVersion): boolean {
  if (range.min) {
    const c = compareNugetVersions(v, range.min);
    if (c < 0 || (c === 0 && !range.minInclusive)) return false;
  }
  if (range.max) {
    const c = compareNugetVersions(v, range.max);
    if (c > 0 || (c === 0 && !range.maxInclusive)) return false;
  }
  return true;
}

const PRERELEASE_FLOATS = new Set<FloatBehavior>(['prerelease', 'prereleaseMajor', 'prereleaseMinor', 'prereleasePatch', 'prereleaseRevision', 'absoluteLatest']);

/** Whether restore would consider the version at all: in the bounds, and a pre-release only when the range names one or floats over them. */
export function nugetConsiders(range: NugetRange, v: NugetVersion): boolean {
  const prereleaseBounds = (range.min !== undefined && isNugetPreRelease(range.min)) || (range.max !== undefined && isNugetPreRelease(range.max));
  if (isNugetPreRelease(v) && !prereleaseBounds && !(range.float && PRERELEASE_FLOATS.has(range.float.behavior))) return false;
  return withinBounds(range, v);
}

/** FloatRange.Satisfies. */
function inFloat(f: NugetFloat, v: NugetVersion): boolean {
  const [ma, mi, pa, re] = f.min.numbers;
  const [vma, vmi, vpa, vre] = v.numbers;
  const pre = isNugetPreRelease(v);
  const labelOk = !pre || v.labels.join('.').toUpperCase().startsWith((f.releasePrefix ?? '').toUpperCase());
  switch (f.behavior) {
    case 'absoluteLatest':
      return true;
    case 'major':
      return !pre;
    case 'minor':
      return ma === vma && !pre;
    case 'patch':
      return ma === vma && mi === vmi && !pre;
    case 'revision':
      return ma === vma && mi === vmi && pa === vpa && !pre;
    case 'prereleaseMajor':
      return labelOk;
    case 'prereleaseMinor':
      return ma === vma && labelOk;
    case 'prereleasePatch':
      return ma === vma && mi === vmi && labelOk;
    case 'prereleaseRevision':
    case 'prerelease':
      return ma === vma && mi === vmi && pa === vpa && re === vre && labelOk;
    case 'none':
      return false;
  }
}

/** VersionRange.IsBetter: lower wins, except that inside a float the higher wins (and a version in the float beats one outside). */
function isBetter(range: NugetRange, current: NugetVersion | undefined, considering: NugetVersion): boolean {
  if (!nugetConsiders(range, considering)) return false;
  if (!current) return true;
  const f = range.float;
  if (f) {
    const cur = inFloat(f, current);
    const con = inFloat(f, considering);
    if (cur !== con) return con;
    if (cur && con) return compareNugetVersions(current, considering) < 0;
    const curLow = compareNugetVersions(current, f.min) < 0;
    const conLow = compareNugetVersions(considering, f.min) < 0;
    if (curLow !== conLow) return curLow;
    return conLow ? compareNugetVersions(current, considering) < 0 : compareNugetVersions(current, considering) > 0;
  }
  return compareNugetVersions(current, considering) > 0;
}

/** What restore picks from `versions` for `rangeText` (VersionRange.FindBestMatch); undefined when none fits or the range is invalid. */
export function nugetBestMatch(versions: readonly string[], rangeText: string): string | undefined {
  const range = parseNugetRange(rangeText);
  if (!range) return undefined;
  let best: NugetVersion | undefined;
  let bestText: string | undefined;
  for (const text of versions) {
    const v = parseNugetVersion(text);
    if (v && isBetter(range, best, v)) {
      best = v;
      bestText = text;
    }
  }
  return bestText;
}

/** Whether restore would consider `version` for `rangeText` (in the bounds, pre-release rules applied). */
export function satisfiesNuget(version: string, rangeText: string): boolean {
  const range = parseNugetRange(rangeText);
  const v = parseNugetVersion(version);
  return range !== undefined && v !== undefined && nugetConsiders(range, v);
}

/** The declared floor of a range (`[1.0,2.0)` → 1.0), for "compatible update" arithmetic. */
export function nugetRangeFloor(rangeText: string): string | undefined {
  const range = parseNugetRange(rangeText);
  return range?.min && !range.float ? normalizeNugetVersion(`${range.min.numbers.slice(0, 4).join('.')}${range.min.labels.length > 0 ? `-${range.min.labels.join('.')}` : ''}`) : undefined;
}

/** A plain version pin as NuGet writes one for PackageReference: `1.2.3` means >= 1.2.3, `[1.2.3]` is exact. */
export function nugetPinned(rangeText: string): string | undefined {
  const s = rangeText.trim();
  if (parseNugetVersion(s)) return s;
  const exact = /^\[\s*([^,\]]+?)\s*\]$/.exec(s);
  return exact?.[1] !== undefined && parseNugetVersion(exact[1]) ? exact[1] : undefined;
}
