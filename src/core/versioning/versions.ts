// One API over the ecosystems' version rules: npm (semver), PyPI (PEP 440), Maven and Cargo (the semver crate).
// Every function is total: a version a library cannot read sorts below every valid one and never throws.

import semver from 'semver';
import { compareMaven, isMavenPreRelease, latestSatisfyingMaven, mavenNumbers, satisfiesMaven } from './mavenVersion';
import { cargoLatestSatisfying, cargoSatisfies, compareCargoVersions, parseCargoVersion } from './cargoVersion';
import { compareNuget, isNugetPreRelease, nugetBestMatch, parseNugetVersion, satisfiesNuget } from './nugetVersion';
import { compareRubyVersions, isRubyPreRelease, isRubyVersion, rubyLatestSatisfying, rubySatisfies, rubySegments } from './rubyVersion';
import { comparePep440, filterPep440, isPep440PreRelease, parsePep440, parseSpecifierSet, setContains } from './pep440';

export type Ecosystem = 'npm' | 'pypi' | 'maven' | 'nuget' | 'swift' | 'cargo' | 'ruby';
export type UpdateKind = 'none' | 'patch' | 'minor' | 'major';

export function isValidVersion(ecosystem: Ecosystem, version: string): boolean {
  switch (ecosystem) {
    case 'npm':
      return semver.valid(version) !== null;
    case 'pypi':
      return parsePep440(version) !== undefined;
    case 'maven':
      return version.trim() !== '';
    case 'nuget':
      return parseNugetVersion(version) !== undefined;
    case 'swift':
      // SwiftPM versions are SemVer 2 (CodeArtifact accepts nothing else for Swift).
      return semver.valid(version) !== null;
    case 'cargo':
      return parseCargoVersion(version) !== undefined;
    case 'ruby':
      return isRubyVersion(version);
  }
}

/** A version string worth showing at all: not empty, no whitespace or control characters, not absurdly long. */
export function isPlausibleVersion(v: string): boolean {
  return v.length > 0 && v.length <= 256 && !/[\s\p{C}]/u.test(v);
}

/**
 * A version string from a server that may be written into a manifest: a valid version of the ecosystem made only
 * of the characters such versions use. In a pom, a build.gradle(.kts) or a package.json a `"`, `'`, `$`, `{`, `<`,
 * `\\` or a line break would end the string or the element and turn the rest into code or a new dependency.
 */
export function isInsertableVersion(ecosystem: Ecosystem, version: string): boolean {
  if (version.length === 0 || version.length > 128) return false;
  switch (ecosystem) {
    case 'npm':
      return /^\d[0-9A-Za-z.+-]*$/.test(version) && semver.valid(version) !== null;
    case 'pypi':
      return /^\d[0-9A-Za-z.+!_-]*$/.test(version) && parsePep440(version) !== undefined;
    case 'maven':
      return /^[0-9A-Za-z][0-9A-Za-z._+-]*$/.test(version);
    case 'nuget':
      return /^\d[0-9A-Za-z.+-]*$/.test(version) && parseNugetVersion(version) !== undefined;
    case 'swift':
      return /^\d[0-9A-Za-z.+-]*$/.test(version) && semver.valid(version) !== null;
    case 'cargo':
      return /^\d[0-9A-Za-z.+-]*$/.test(version) && parseCargoVersion(version) !== undefined;
    case 'ruby':
      return /^\d[0-9A-Za-z.]*$/.test(version) && isRubyVersion(version);
  }
}

/** Negative, zero or positive as `a` is older than, the same as, or newer than `b`. */
export function compare(ecosystem: Ecosystem, a: string, b: string): number {
  if (ecosystem === 'maven') return Math.sign(compareMaven(a, b));
  if (ecosystem === 'nuget') {
    // `1.0` and `1.0.0.0` are one version to NuGet; order by text only to keep the order total.
    const c = compareNuget(a, b);
    return c !== 0 || a === b ? Math.sign(c) : a < b ? -1 : 1;
  }
  if (ecosystem === 'ruby' && isRubyVersion(a) && isRubyVersion(b)) {
    // Gem::Version: `1.0` == `1`; the text breaks the tie so the order stays total.
    const c = compareRubyVersions(a, b);
    return c !== 0 ? c : a < b ? -1 : a > b ? 1 : 0;
  }
  const validA = isValidVersion(ecosystem, a);
  const validB = isValidVersion(ecosystem, b);
  if (!validA || !validB) {
    if (validA !== validB) return validA ? 1 : -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const result =
    ecosystem === 'npm' || ecosystem === 'swift'
      ? semver.compareBuild(a, b)
      : ecosystem === 'cargo'
        ? compareCargoVersions(parseCargoVersion(a)!, parseCargoVersion(b)!)
        : comparePep440(parsePep440(a)!, parsePep440(b)!);
  // Equal precedence but different text (`1.0` vs `1.0.0` in PEP 440): order by text so the order stays total.
  if (result === 0 && a !== b) return a < b ? -1 : 1;
  return Math.sign(result);
}

/** Newest first. */
export function sortNewestFirst(ecosystem: Ecosystem, versions: readonly string[]): string[] {
  if (ecosystem === 'npm' || ecosystem === 'swift') return sortNpmNewestFirst(versions);
  return [...versions].sort((a, b) => compare(ecosystem, b, a));
}

/** compare('npm', …) with each version parsed once: a packument lists thousands (typescript: 3,500). */
function sortNpmNewestFirst(versions: readonly string[]): string[] {
  const parsed = versions.map((v) => ({ v, p: semver.parse(v) }));
  parsed.sort((x, y) => {
    if (!x.p || !y.p) {
      if (x.p || y.p) return x.p ? -1 : 1;
      return x.v < y.v ? 1 : x.v > y.v ? -1 : 0;
    }
    const result = y.p.compare(x.p) || y.p.compareBuild(x.p);
    if (result === 0 && x.v !== y.v) return x.v < y.v ? 1 : -1;
    return result;
  });
  return parsed.map((e) => e.v);
}

export function isPreRelease(ecosystem: Ecosystem, version: string): boolean {
  switch (ecosystem) {
    case 'npm':
    case 'swift':
      return (semver.prerelease(version)?.length ?? 0) > 0;
    case 'pypi': {
      const parsed = parsePep440(version);
      return parsed ? isPep440PreRelease(parsed) : false;
    }
    case 'maven':
      return isMavenPreRelease(version);
    case 'nuget': {
      const parsed = parseNugetVersion(version);
      return parsed ? isNugetPreRelease(parsed) : false;
    }
    case 'cargo':
      return (parseCargoVersion(version)?.pre.length ?? 0) > 0;
    case 'ruby':
      return isRubyPreRelease(version);
  }
}

/**
 * Whether a version meets a declared range. npm: semver ranges (pre-releases only when the range names
 * one of the same tuple, as npm does); dist-tags are not ranges. PyPI: PEP 440 specifiers (`''` allows any).
 * Maven: version ranges; a bare version is a pin.
 */
export function satisfies(ecosystem: Ecosystem, version: string, range: string): boolean {
  if (!isValidVersion(ecosystem, version)) return false;
  switch (ecosystem) {
    case 'npm':
    case 'swift':
      // Package.swift requirements arrive translated to semver ranges (packageSwift.ts).
      return semver.satisfies(version, range);
    case 'pypi':
      return satisfiesPep440(version, range);
    case 'maven':
      return satisfiesMaven(version, range);
    case 'nuget':
      return satisfiesNuget(version, range);
    case 'cargo':
      // Cargo.toml without a version (`*`-like) is read as any.
      return range.trim() === '' || cargoSatisfies(version, range);
    case 'ruby':
      return rubySatisfies(version, range);
  }
}

/**
 * PEP 440 specifier set (`SpecifierSet.contains`): pre-releases only when the set names one. A range from Poetry
 * may hold `||` alternatives. An invalid range satisfies nothing.
 */
function satisfiesPep440(version: string, range: string): boolean {
  const parsed = parsePep440(version);
  const alternatives = parseSpecifierSet(range);
  if (!parsed || !alternatives) return false;
  try {
    return alternatives.some((specs) => setContains(specs, parsed));
  } catch {
    return false;
  }
}

/**
 * The versions a range accepts, as the package manager filters a whole list. PyPI differs from a per-version
 * test: pip (packaging's `SpecifierSet.filter`) lets pre-releases in when no final release satisfies the set.
 */
export function satisfyingVersions(ecosystem: Ecosystem, versions: readonly string[], range: string): string[] {
  if (ecosystem === 'pypi') {
    const alternatives = parseSpecifierSet(range);
    return alternatives ? filterPep440(alternatives, versions) : [];
  }
  return versions.filter((v) => satisfies(ecosystem, v, range));
}

/** The newest; among equal ones (`1.0`, `1.0.0`) the first, as Python's max() and pip pick. */
function newest(ecosystem: Ecosystem, versions: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const v of versions) if (best === undefined || precedence(ecosystem, v, best) > 0) best = v;
  return best;
}

/** compare() without its tie-break by text: `1.0` and `1.0.0` are equal here. */
function precedence(ecosystem: Ecosystem, a: string, b: string): number {
  if (ecosystem === 'nuget') return Math.sign(compareNuget(a, b));
  if (ecosystem !== 'pypi') return compare(ecosystem, a, b);
  const pa = parsePep440(a);
  const pb = parsePep440(b);
  return pa && pb ? comparePep440(pa, pb) : compare(ecosystem, a, b);
}

/** The newest version that meets the range; for npm a dist-tag (`latest`, `next`) resolves through `distTags`. */
export function latestSatisfying(
  ecosystem: Ecosystem,
  versions: readonly string[],
  range: string,
  distTags?: Readonly<Record<string, string>>,
): string | undefined {
  if (ecosystem === 'npm' && distTags && semver.validRange(range) === null) {
    const tagged = distTags[range.trim()];
    return tagged !== undefined && versions.includes(tagged) ? tagged : undefined;
  }
  const valid = versions.filter((v) => isValidVersion(ecosystem, v));
  switch (ecosystem) {
    case 'npm':
    case 'swift':
      return semver.validRange(range) === null ? undefined : (semver.maxSatisfying(valid, range) ?? undefined);
    case 'pypi':
      return newest('pypi', satisfyingVersions('pypi', valid, range));
    case 'maven':
      return latestSatisfyingMaven(valid, range);
    case 'nuget':
      // Not the newest: restore takes the LOWEST version a range allows (the highest only within a float).
      return nugetBestMatch(valid, range);
    case 'cargo':
      return cargoLatestSatisfying(valid, range.trim() === '' ? '*' : range);
    case 'ruby':
      return rubyLatestSatisfying(valid, range);
  }
}

/**
 * The version a user means by "latest": npm's `latest` dist-tag when the repository has it, else the newest
 * release (not a pre-release), else the newest of all.
 */
export function latest(
  ecosystem: Ecosystem,
  versions: readonly string[],
  distTags?: Readonly<Record<string, string>>,
): string | undefined {
  const tagged = distTags?.['latest'];
  if (ecosystem === 'npm' && tagged !== undefined && versions.includes(tagged)) return tagged;
  let newestRelease: string | undefined;
  let newest: string | undefined;
  for (const version of versions) {
    if (!isValidVersion(ecosystem, version)) continue;
    if (newest === undefined || precedence(ecosystem, version, newest) > 0) newest = version;
    if (!isPreRelease(ecosystem, version) && (newestRelease === undefined || precedence(ecosystem, version, newestRelease) > 0)) {
      newestRelease = version;
    }
  }
  return newestRelease ?? newest;
}

/** How big a step from `from` to `to` is: which of the leading numbers changed first. */
export function updateKind(ecosystem: Ecosystem, from: string, to: string): UpdateKind {
  if (!isValidVersion(ecosystem, from) || !isValidVersion(ecosystem, to)) return compare(ecosystem, to, from) > 0 ? 'major' : 'none';
  // Precedence, not the total order: `1.0` → `1.0.0` is no update.
  const step =
    ecosystem === 'npm' || ecosystem === 'swift'
      ? semver.compareBuild(to, from)
      : ecosystem === 'pypi'
        ? comparePep440(parsePep440(to)!, parsePep440(from)!)
        : ecosystem === 'nuget'
          ? compareNuget(to, from)
          : ecosystem === 'cargo'
            ? compareCargoVersions(parseCargoVersion(to)!, parseCargoVersion(from)!)
            : ecosystem === 'ruby'
              ? compareRubyVersions(to, from)
              : compareMaven(to, from);
  if (step <= 0) return 'none';
  const a = numbers(ecosystem, from);
  const b = numbers(ecosystem, to);
  if (!a || !b) return 'major';
  // Cargo: below 1.0 the minor (below 0.1 the patch) is the breaking number, as `^` says; the lens, the hover,
  // Update All's levels and the "latest compatible" fix all count steps this way.
  if (ecosystem === 'cargo' && a[0] === 0n && b[0] === 0n && (a[1] !== b[1] || (a[1] === 0n && a[2] !== b[2]))) return 'major';
  // PyPI's list starts with the epoch, which outranks the major number.
  const skip = ecosystem === 'pypi' ? 1 : 0;
  if (skip === 1 && a[0] !== b[0]) return 'major';
  for (let i = skip; i < skip + 2; i++) {
    if ((a[i] ?? 0n) !== (b[i] ?? 0n)) return i === skip ? 'major' : 'minor';
  }
  return 'patch';
}

function numbers(ecosystem: Ecosystem, version: string): bigint[] | undefined {
  switch (ecosystem) {
    case 'npm':
    case 'swift': {
      const parsed = semver.parse(version);
      return parsed ? [BigInt(parsed.major), BigInt(parsed.minor), BigInt(parsed.patch)] : undefined;
    }
    case 'pypi': {
      const parsed = parsePep440(version);
      // The epoch outranks the release numbers; a new epoch counts as a major step.
      return parsed ? [parsed.epoch, ...parsed.release] : undefined;
    }
    case 'maven':
      return mavenNumbers(version);
    case 'nuget':
      return parseNugetVersion(version)?.numbers.slice();
    case 'cargo': {
      const parsed = parseCargoVersion(version);
      return parsed ? [parsed.major, parsed.minor, parsed.patch] : undefined;
    }
    case 'ruby': {
      const segs = rubySegments(version);
      const first = segs.findIndex((s) => typeof s === 'string');
      return (first === -1 ? segs : segs.slice(0, first)).map((s) => BigInt(s));
    }
  }
}
