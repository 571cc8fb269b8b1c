// RubyGems' version rules (Gem::Version, Gem::Requirement): versions are dot-separated numbers and letter runs
// (`1.2.0.pre1`; a `-` means `.pre.`); a letter makes a pre-release, which sorts below its release; trailing
// zeros do not count (`1.0` == `1`). Requirements are comma-separated `op version` pairs (`=` when no op) that
// must all hold; `~> 1.2` means `>= 1.2` and `< 2` (the last number dropped, the one before bumped).
// Checked against real Ruby (test/differential/ruby).

export type RubySegment = number | string;

const VERSION = /^\s*([0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)?\s*$/;
type Op = '=' | '!=' | '>' | '<' | '>=' | '<=' | '~>';

export function isRubyVersion(text: string): boolean {
  return VERSION.test(text) && text.trim() !== '';
}

function normalized(text: string): string {
  return text.trim().replace(/-/g, '.pre.');
}

export function rubySegments(text: string): RubySegment[] {
  return (normalized(text).match(/[0-9]+|[a-z]+/gi) ?? []).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export function isRubyPreRelease(text: string): boolean {
  return /[a-zA-Z]/.test(normalized(text));
}

function canonical(segments: RubySegment[]): RubySegment[] {
  const firstString = segments.findIndex((s) => typeof s === 'string');
  const numeric = firstString === -1 ? segments : segments.slice(0, firstString);
  const rest = firstString === -1 ? [] : segments.slice(firstString);
  const trim = (xs: RubySegment[]): RubySegment[] => {
    const out = [...xs];
    while (out.length > 0 && out[out.length - 1] === 0) out.pop();
    return out;
  };
  return [...trim(numeric), ...trim(rest)];
}

/** Gem::Version#<=>: -1, 0 or 1. Both must be valid versions. */
export function compareRubyVersions(a: string, b: string): number {
  if (normalized(a) === normalized(b)) return 0;
  const l = canonical(rubySegments(a));
  const r = canonical(rubySegments(b));
  const n = Math.max(l.length, r.length);
  for (let i = 0; i < n; i++) {
    const x = l[i] ?? 0;
    const y = r[i] ?? 0;
    if (x === y) continue;
    if (typeof x === 'string' && typeof y === 'number') return -1;
    if (typeof x === 'number' && typeof y === 'string') return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** Gem::Version#release: the segments before any letter (`1.2.pre1` → `1.2`). */
function release(text: string): string {
  const segs = rubySegments(text);
  while (segs.some((s) => typeof s === 'string')) segs.pop();
  return segs.join('.');
}

/** Gem::Version#bump: drop letters and the last number, add one to the number before (`1.2.3` → `1.3`). */
function bump(text: string): string {
  const segs = rubySegments(text);
  while (segs.some((s) => typeof s === 'string')) segs.pop();
  if (segs.length > 1) segs.pop();
  const last = segs[segs.length - 1];
  segs[segs.length - 1] = typeof last === 'number' ? last + 1 : 1;
  return segs.join('.');
}

/** Parsed `op version` pairs, or undefined when RubyGems would refuse the requirement. */
export function parseRubyRequirement(requirement: string | readonly string[]): [Op, string][] | undefined {
  const parts = (typeof requirement === 'string' ? requirement.split(',') : requirement).map((p) => p.trim());
  if (parts.length === 0 || (parts.length === 1 && parts[0] === '')) return [['>=', '0']];
  const out: [Op, string][] = [];
  for (const part of parts) {
    const m = /^(=|!=|>=|<=|>|<|~>)?\s*(\S.*)$/.exec(part);
    if (!m || !isRubyVersion(m[2] ?? '')) return undefined;
    out.push([(m[1] as Op | undefined) ?? '=', (m[2] ?? '').trim()]);
  }
  return out;
}

function holds(op: Op, v: string, r: string): boolean {
  const c = compareRubyVersions(v, r);
  switch (op) {
    case '=':
      return c === 0;
    case '!=':
      return c !== 0;
    case '>':
      return c > 0;
    case '<':
      return c < 0;
    case '>=':
      return c >= 0;
    case '<=':
      return c <= 0;
    case '~>':
      return c >= 0 && compareRubyVersions(release(v), bump(r)) < 0;
  }
}

/** Gem::Requirement#satisfied_by? (pre-releases are not excluded here: that is the resolver's rule, below). */
export function rubySatisfies(version: string, requirement: string | readonly string[]): boolean {
  const pairs = parseRubyRequirement(requirement);
  if (!pairs || !isRubyVersion(version)) return false;
  return pairs.every(([op, r]) => holds(op, version, r));
}

/** Bundler and `gem install` pick a pre-release only when the requirement names one. */
export function rubyLatestSatisfying(versions: readonly string[], requirement: string | readonly string[]): string | undefined {
  const pairs = parseRubyRequirement(requirement);
  if (!pairs) return undefined;
  const allowPre = pairs.some(([, r]) => isRubyPreRelease(r));
  let best: string | undefined;
  for (const v of versions) {
    if (!isRubyVersion(v) || (!allowPre && isRubyPreRelease(v)) || !rubySatisfies(v, requirement)) continue;
    if (best === undefined || compareRubyVersions(v, best) > 0) best = v;
  }
  return best;
}
