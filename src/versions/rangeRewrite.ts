// A declared requirement rewritten to ask for a newer version, in the author's own form and precision, as the
// ecosystem's own update tools do (cargo-edit's `cargo upgrade`, Dependabot's RubyGems and NuGet updaters):
// `~> 1.0` → `~> 2.1` (not `~> 2.1.5`, which would narrow "< 3" to "< 2.2"), Cargo's `1.2` → `2.1`, NuGet's `1.*` →
// `2.*`. Every result is checked to accept the target; one that would not falls back to the plain version. Pure.
import semver from 'semver';
import { cargoSatisfies } from '../core/versioning/cargoVersion';
import { satisfiesNuget } from '../core/versioning/nugetVersion';
import { rubySatisfies } from '../core/versioning/rubyVersion';

/** The target's numbers at `precision` places (padded with zeros): `2.1.5` at 2 → `2.1`. */
function atPrecision(target: readonly number[], precision: number): number[] {
  return Array.from({ length: Math.max(1, precision) }, (_, i) => target[i] ?? 0);
}

/**
 * An upper bound (`< 2.0`) moved past the target at its own precision, after Dependabot's update_greatest_version:
 * the last non-zero place of the old bound is the one that counts (`< 2.0` at 2.1.5 → `< 3.0`, `< 1.5` → `< 2.2`).
 */
function raisedUpper(old: readonly number[], target: readonly number[]): number[] {
  const nonZero = old.reduce((last, n, i) => (n !== 0 ? i : last), 0);
  const at = Math.min(nonZero, target.length - 1);
  return old.map((_, i) => (i < at ? (target[i] ?? 0) : i === at ? (target[i] ?? 0) + 1 : 0));
}

const numbersOf = (text: string): number[] => text.split('.').map(Number);

// ---- RubyGems -------------------------------------------------------------------------------------------------

/** One requirement string of a Gemfile line: operator, the space the author wrote after it, and the version. */
const RUBY_REQ = /^(\s*)(~>|>=|<=|!=|>|<|=)?(\s*)(\d+(?:\.[0-9A-Za-z]+)*)(\s*)$/;

/**
 * `written` is one requirement (`~> 1.0`) or a list as it stands between its first and last quote
 * (`~> 1.0', '>= 1.0.3`): each requirement is rewritten in place and the separators are kept.
 */
export function rubyRangeFor(written: string, version: string): string {
  const parts = written.split(/(["']\s*,\s*["'])/);
  const target = /^\d+(\.\d+)*$/.test(version) ? numbersOf(version) : undefined;
  const requirements: string[] = [];
  const out = parts.map((part, i) => {
    if (i % 2 === 1) return part;
    const m = RUBY_REQ.exec(part);
    if (!m) return undefined;
    const [, lead = '', op = '', gap = '', old = '', tail = ''] = m;
    const rewritten = rubyRequirement(op, old, version, target);
    requirements.push(`${op} ${rewritten}`.trim());
    return `${lead}${op}${op === '' ? '' : gap}${rewritten}${tail}`;
  });
  if (out.some((p) => p === undefined) || !rubySatisfies(version, requirements)) return version;
  return out.join('');
}

function rubyRequirement(op: string, old: string, version: string, target: number[] | undefined): string {
  const oldNumbers = /^\d+(\.\d+)*$/.test(old) ? numbersOf(old) : undefined;
  switch (op) {
    case '~>':
      // The precision is the release part's (`~> 1.0.0.beta1` is three places); a pre-release target is written whole.
      return target ? atPrecision(target, (/^\d+(?:\.\d+)*/.exec(old)?.[0] ?? old).split('.').length).join('.') : version;
    case '<':
    case '<=':
    case '>':
    case '!=':
      if (rubySatisfies(version, `${op} ${old}`)) return old;
      return op === '<' || op === '<=' ? (oldNumbers && target ? raisedUpper(oldNumbers, target).join('.') : old) : old;
    default:
      return version;
  }
}

// ---- Cargo ----------------------------------------------------------------------------------------------------

const CARGO_COMPARATOR = /^(\s*)(\^|~|=|>=|<=|>|<)?(\s*)(\d+(?:\.\d+){0,2})(?:\.\*)?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?(\s*)$/;

/**
 * Cargo.toml's requirement with each comparator's precision kept (cargo-edit's rule): `1.2` → `2.1`, `~1.2` → `~2.1`,
 * `=1.2.3` → `=2.1.5`, `1.*` → `2.*`; an upper bound moves only when the target is above it.
 */
export function cargoRangeFor(written: string, version: string): string {
  const plain = /^\d+\.\d+\.\d+$/.test(version) ? numbersOf(version) : undefined;
  if (written.trim() === '*') return written;
  const out = written.split(',').map((part) => {
    const m = CARGO_COMPARATOR.exec(part);
    if (!m) return undefined;
    const [, lead = '', op = '', gap = '', old = '', , , tail = ''] = m;
    const wildcard = part.includes('*');
    const oldNumbers = numbersOf(old);
    let next: string;
    if ((op === '<' || op === '<=' || op === '>') && cargoSatisfies(version, `${op}${part.trim().slice(op.length).trim()}`)) next = part.trim().slice(op.length).trim();
    else if (!plain) next = version;
    else if (op === '<' || op === '<=') next = raisedUpper(oldNumbers, plain).join('.');
    else if (op === '>') return `${lead}>=${gap}${version}${tail}`;
    else next = `${atPrecision(plain, oldNumbers.length).join('.')}${wildcard ? '.*' : ''}`;
    return `${lead}${op}${gap}${next}${tail}`;
  });
  const result = out.some((p) => p === undefined) ? version : out.join(',');
  return cargoSatisfies(version, result) ? result : version;
}

// ---- NuGet ----------------------------------------------------------------------------------------------------

/**
 * A PackageReference version: exact `[1.2.3]` stays exact, a bare minimum gets the whole target (restore picks the
 * LOWEST version a range allows, so `2.1` would install 2.1.0), a float keeps its precision (`1.*` → `2.*`,
 * `1.2.*` → `2.1.*`), an interval gets the target as its floor and its ceiling raised only when needed.
 */
export function nugetRangeFor(written: string, version: string): string {
  const text = written.trim();
  const plain = /^\d+(\.\d+){0,3}$/.test(version) ? numbersOf(version) : undefined;
  let result = version;
  if (/^\[[^,]*\]$/.test(text)) result = `[${version}]`;
  else if (text.includes('*')) {
    const star = text.indexOf('*');
    const prefix = text.slice(0, star);
    const places = (prefix.match(/\d+/g) ?? []).length;
    if (places === 0) return written;
    // `1.*` floats a number; `1.0.0-*` floats the pre-release label of a version.
    const separator = /^(\d+\.)+$/.test(prefix) ? '.' : /^\d+(\.\d+)*-$/.test(prefix) ? '-' : undefined;
    result = plain && separator ? `${atPrecision(plain, places).join('.')}${separator}${text.slice(star)}` : version;
  } else {
    const m = /^([[(])\s*([^,]*?)\s*,\s*([^,]*?)\s*([\])])$/.exec(text);
    if (m) {
      const [, , , upper = '', close = ''] = m;
      const keepUpper = upper === '' || satisfiesNuget(version, `(,${upper}${close}`);
      const newUpper = keepUpper || !plain || !/^\d+(\.\d+)*$/.test(upper) ? upper : raisedUpper(numbersOf(upper), plain).join('.');
      // Even `(,2.0]` gets the target as its floor: without one, restore would still pick the lowest version there is.
      result = `[${version},${newUpper}${close}`;
    }
  }
  return satisfiesNuget(version, result) ? result : version;
}

// ---- Swift ----------------------------------------------------------------------------------------------------

/**
 * Package.swift: a single literal (`from:`, `exact:`, `.upToNextMinor(from:)`) gets the whole target (SwiftPM's
 * Version needs all three numbers); a two-bound range (`1.0.0"..<"2.0.0`, one span) gets the target as its lower
 * bound and its upper bound raised past the target at its own precision only when needed.
 */
export function swiftRangeFor(written: string, version: string): string {
  const m = /^([^"]*)("\s*(?:\.\.<|\.\.\.)\s*")([^"]*)$/.exec(written);
  if (!m) return version;
  const [, , between = '', upper = ''] = m;
  const closed = between.includes('...');
  const target = semver.parse(version);
  const bound = semver.parse(upper);
  if (!target || !bound) return version;
  const inside = closed ? semver.lte(version, bound) : semver.lt(version, bound);
  const raised = target.prerelease.length === 0 ? raisedUpper([bound.major, bound.minor, bound.patch], [target.major, target.minor, target.patch]).join('.') : undefined;
  const newUpper = inside ? upper : raised;
  return newUpper === undefined ? written : `${version}${between}${newUpper}`;
}
