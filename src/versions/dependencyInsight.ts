// What a dependency's declared range means against what its repository has: the version it resolves to,
// the latest, whether an update is available and how big, the findings for diagnostics, the lens title and
// the edits of the quick fixes. Pure: no vscode, no I/O.
import semver from 'semver';
import { describeNonAscii, DISPLAY_LIMITS, displayText } from '../core/displayText';
import type { TextSpan } from '../core/manifests/textSpan';
import { npmMatcher, pickNpmVersion } from '../core/versioning/npmPick';
import { compare, isInsertableVersion, isPreRelease, latestSatisfying, satisfies, satisfyingVersions, updateKind, type UpdateKind } from '../core/versioning/versions';
import type { ManifestDependency } from './manifestDependencies';
import { cargoRangeFor, nugetRangeFor, rubyRangeFor, swiftRangeFor } from './rangeRewrite';
import type { PackageVersions, RepositoryVersion } from './versionSource';

export interface DependencyInsight {
  /** The newest installable version the declared range accepts: what the package manager would pick today. */
  readonly resolved?: string;
  readonly latest?: string;
  /** The step from the pinned (else resolved) version to latest. */
  readonly update: UpdateKind;
  /** The newest installable release above the current one that is not a major step. */
  readonly latestCompatible?: string;
  /** The repository's entry for the pinned version, when it has one. */
  readonly pinnedEntry?: RepositoryVersion;
  /** Installable versions that satisfy the range (a set for the hover's marks). */
  readonly satisfying: ReadonlySet<string>;
  /**
   * No installable version satisfies the declared range (and the index answered, so this is known): the package
   * manager would fail. Lens, hover, diagnostic and quick fix all say so; never "up to date".
   */
  readonly unsatisfied: boolean;
}

const ANY = new Set(['', '*', 'latest']);

export function analyze(dep: ManifestDependency, pkg: PackageVersions): DependencyInsight {
  const installable = pkg.versions.filter((v) => v.installable).map((v) => v.version);
  // PEP 592: no range resolves to a yanked release, but an `==` pin still gets it (pip warns).
  const pinnedYanked = dep.pinned !== undefined && pkg.versions.some((v) => v.version === dep.pinned && v.yanked !== undefined) ? [dep.pinned] : [];
  const candidates = [...installable, ...pinnedYanked];
  const range = dep.range.trim();
  const npm = dep.ecosystem === 'npm' ? npmAnswers(pkg, range) : undefined;
  // PyPI filters the whole list as pip does (pre-releases per whole specifier set), not version by version.
  const satisfying =
    npm?.satisfying ??
    new Set(ANY.has(range) ? installable : dep.ecosystem === 'pypi' ? satisfyingVersions('pypi', candidates, range) : candidates.filter((v) => satisfies(dep.ecosystem, v, range)));
  const resolved = npm ? npm.resolved : ANY.has(range) ? pkg.latest : latestSatisfying(dep.ecosystem, candidates, range, pkg.distTags);
  const current = dep.pinned ?? resolved;
  const update = current && pkg.latest && compare(dep.ecosystem, pkg.latest, current) > 0 ? updateKind(dep.ecosystem, current, pkg.latest) : 'none';
  // "Compatible" counts from what the manifest declares (the floor of `^2.1.0` is 2.1.0), not from today's pick.
  const floor = dep.pinned ?? rangeFloor(dep, range) ?? resolved;
  let latestCompatible: string | undefined;
  if (floor) {
    for (const v of installable) {
      if (isPreRelease(dep.ecosystem, v) || compare(dep.ecosystem, v, floor) <= 0) continue;
      if (updateKind(dep.ecosystem, floor, v) === 'major') continue;
      // Cargo: below 1.0 the minor (below 0.1 the patch) is the breaking number, as `^` says.
      if (dep.ecosystem === 'cargo' && !satisfies('cargo', v, `^${floor}`)) continue;
      if (latestCompatible === undefined || compare(dep.ecosystem, v, latestCompatible) > 0) latestCompatible = v;
    }
  }
  const pinnedEntry = dep.pinned !== undefined ? pkg.versions.find((v) => v.version === dep.pinned) : undefined;
  return {
    ...(resolved ? { resolved } : {}),
    ...(pkg.latest ? { latest: pkg.latest } : {}),
    update,
    ...(latestCompatible ? { latestCompatible } : {}),
    ...(pinnedEntry ? { pinnedEntry } : {}),
    satisfying,
    unsatisfied: pkg.found && satisfying.size === 0 && pkg.partial?.missing !== 'index',
  };
}

/** npm's own answers (npm-pick-manifest's rules, see npmPick.ts): what the spec accepts and what npm installs. */
function npmAnswers(pkg: PackageVersions, range: string): { satisfying: Set<string>; resolved: string | undefined } {
  const installable = pkg.versions.filter((v) => v.installable);
  return {
    satisfying: new Set(installable.map((v) => v.version).filter(npmMatcher(range, pkg.distTags))),
    resolved: pickNpmVersion(installable, range, pkg.distTags),
  };
}

function rangeFloor(dep: ManifestDependency, range: string): string | undefined {
  if ((dep.ecosystem !== 'npm' && dep.ecosystem !== 'swift') || ANY.has(range)) return undefined;
  try {
    return semver.minVersion(range)?.version;
  } catch {
    return undefined;
  }
}

export type Severity = 'error' | 'warning' | 'information';

export interface Finding {
  readonly severity: Severity;
  /** Stable code for filtering and quick fixes. */
  readonly code: 'unknownPackage' | 'unsatisfiable' | 'versionStatus' | 'deprecated' | 'yanked' | 'lookAlike' | 'refusedName';
  readonly message: string;
  readonly span: TextSpan;
}

const FLAGGED_STATUS = new Set(['Unlisted', 'Archived', 'Disposed']);

export interface FindingContext {
  /**
   * Neither the repository nor any upstream has an external connection for the format: a package it does not
   * have cannot come from anywhere, so that is an Error. Unknown or false: a Warning (the install fails too).
   */
  readonly codeArtifactOnly?: boolean;
}

/** Diagnostics for one dependency; `repository` names it for the message (`domain/repository`). */
export function findingsFor(dep: ManifestDependency, pkg: PackageVersions, repository: string, context: FindingContext = {}): Finding[] {
  const lookAlike = lookAlikeFinding(dep);
  return [...(lookAlike ? [lookAlike] : []), ...versionFindings(dep, pkg, repository, context)];
}

/**
 * Package names on npm, PyPI and Maven are ASCII, so a Cyrillic `а` in `lodаsh` is most likely a look-alike of a
 * real package (typosquatting), whether or not the repository has it. Said on the name, next to the other findings.
 */
function lookAlikeFinding(dep: ManifestDependency): Finding | undefined {
  const chars = describeNonAscii(dep.displayName);
  if (chars.length === 0) return undefined;
  return {
    severity: 'information',
    code: 'lookAlike',
    message: `${dep.displayName} contains non-ASCII characters: ${chars.join(', ')}. Package names are ASCII; make sure it is the package you mean.`,
    span: dep.nameSpan,
  };
}

/** What npm says of a name it refuses; the name neutralised (displayText), since the folder wrote it. */
export function refusedNameText(name: string): string {
  return `npm refuses the package name "${displayText(name, DISPLAY_LIMITS.hoverField)}": npm install would fail.`;
}

/**
 * A name npm-package-arg throws on (a look-alike letter, a space, a leading dot or underscore): never looked up, but
 * said, once, with the non-ASCII characters described for a look-alike.
 */
export function refusedNameFinding(name: string, span: TextSpan): Finding {
  const chars = describeNonAscii(name);
  const lookAlike = chars.length > 0 ? ` It contains non-ASCII characters: ${chars.join(', ')}; make sure it is the package you mean.` : '';
  return { severity: 'warning', code: 'refusedName', message: `${refusedNameText(name)}${lookAlike}`, span };
}

const INSTALL_COMMAND = { npm: 'npm install', pypi: 'pip install', maven: 'mvn', nuget: 'dotnet restore', swift: 'swift package resolve', cargo: 'cargo build', ruby: 'bundle install' } as const;

function versionFindings(dep: ManifestDependency, pkg: PackageVersions, repository: string, context: FindingContext): Finding[] {
  const span = dep.rangeSpan ?? dep.nameSpan;
  if (!pkg.found) {
    // The install would fail: never only Information.
    const where = context.codeArtifactOnly ? `${repository} (which has no external connection, nor have its upstreams)` : `${repository} (nor its upstreams)`;
    return [
      {
        severity: context.codeArtifactOnly ? 'error' : 'warning',
        code: 'unknownPackage',
        message: `${dep.displayName} is not available through ${where}: ${INSTALL_COMMAND[dep.ecosystem]} would fail.`,
        span: dep.nameSpan,
      },
    ];
  }
  const insight = analyze(dep, pkg);
  const entry = insight.pinnedEntry;
  if (entry && FLAGGED_STATUS.has(entry.status)) {
    return [{ severity: 'warning', code: 'versionStatus', message: `${dep.displayName} ${entry.version} is ${entry.status} in ${repository}.`, span }];
  }
  if (entry?.yanked !== undefined) {
    const why = entry.yanked === '' ? ' (no reason given)' : `: ${entry.yanked}`;
    return [{ severity: 'warning', code: 'yanked', message: `${dep.displayName} ${entry.version} is yanked in ${repository}${why}`, span }];
  }
  // Without the index nothing is known to be installable, so "nothing satisfies" would be a guess.
  if (insight.unsatisfied) {
    const latest = insight.latest ? ` The latest is ${insight.latest}.` : '';
    const range = dep.range.trim() === '' ? 'any version' : `"${dep.range.trim()}"`;
    const yanked = pkg.versions.filter((v) => v.yanked !== undefined && (range === 'any version' || satisfies(dep.ecosystem, v.version, dep.range.trim()))).map((v) => v.version);
    const only = yanked.length > 0 ? ` Only yanked releases do: ${yanked.slice(0, 3).join(', ')}${yanked.length > 3 ? ', …' : ''}.` : '';
    return [{ severity: 'error', code: 'unsatisfiable', message: `No version of ${dep.displayName} in ${repository} satisfies ${range}.${only}${latest}`, span }];
  }
  if (entry?.deprecated) {
    return [{ severity: 'warning', code: 'deprecated', message: `${dep.displayName} ${entry.version} is deprecated: ${entry.deprecated}`, span }];
  }
  return [];
}

/**
 * Code lens title: `latest 2.4.1 (major)`, `up to date`, `yanked; latest 1.1`; with `· installed 2.1.0` when the
 * lockfile's version is not what the range resolves to today.
 */
export function lensTitle(dep: ManifestDependency, pkg: PackageVersions, installed?: string): string {
  const title = baseLensTitle(dep, pkg);
  if (installed === undefined || !pkg.found) return title;
  const resolved = pkg.partial?.missing === 'index' ? undefined : analyze(dep, pkg).resolved;
  return resolved !== undefined && compare(dep.ecosystem, installed, resolved) === 0 ? title : `${title} · installed ${installed}`;
}

function baseLensTitle(dep: ManifestDependency, pkg: PackageVersions): string {
  if (!pkg.found) return 'not in repository';
  if (pkg.partial?.missing === 'index') return 'latest unknown: index unavailable';
  const insight = analyze(dep, pkg);
  if (!insight.latest) return 'no installable version';
  // A version we cannot know is never "up to date".
  if (dep.versionNote?.unknown !== undefined) return `version unknown; latest ${insight.latest}`;
  if (insight.pinnedEntry?.yanked !== undefined) return `yanked; latest ${insight.latest}`;
  if (insight.unsatisfied) return `no version matches; latest ${insight.latest}`;
  if (insight.update === 'none') return 'up to date';
  return `latest ${insight.latest}${insight.update === 'major' ? ' (major)' : ''}`;
}

export interface VersionEdit {
  readonly title: string;
  readonly span: TextSpan;
  readonly newText: string;
  /** The update this edit makes; `latest` is the preferred quick fix. */
  readonly target: 'latest' | 'latestCompatible';
}

/**
 * Quick fixes: update to latest, and to the latest compatible version when that is a different one. A version that
 * is not insertable (isInsertableVersion) gets no edit.
 */
export function updateEdits(dep: ManifestDependency, pkg: PackageVersions): VersionEdit[] {
  if (!dep.rangeSpan || !pkg.found) return [];
  const insight = analyze(dep, pkg);
  const edits: VersionEdit[] = [];
  const add = (version: string | undefined, target: VersionEdit['target'], title: string): void => {
    // Server text is written into the manifest only when it is a plain version of the ecosystem.
    if (!version || !dep.rangeSpan || !isInsertableVersion(dep.ecosystem, version)) return;
    const newText = rangeFor(dep, dep.rangeSpan.text, version);
    if (newText === dep.rangeSpan.text || edits.some((e) => e.newText === newText)) return;
    edits.push({ title, span: dep.rangeSpan, newText, target });
  };
  if (insight.update !== 'none' || insight.unsatisfied) add(insight.latest, 'latest', `Update ${dep.displayName} to latest ${insight.latest ?? ''}`);
  if (insight.latestCompatible && insight.latestCompatible !== insight.latest) {
    add(insight.latestCompatible, 'latestCompatible', `Update ${dep.displayName} to latest compatible ${insight.latestCompatible}`);
  }
  return edits;
}

/** The declared range rewritten to ask for `version`, keeping its operator (and for Cargo, RubyGems and NuGet its precision, rangeRewrite.ts). */
export function rangeFor(dep: ManifestDependency, written: string, version: string): string {
  switch (dep.ecosystem) {
    case 'npm': {
      const simple = /^(\^|~|>=|=)?\s*v?\d[\w.+-]*$/.exec(written.trim());
      return simple ? `${simple[1] ?? ''}${version}` : `^${version}`;
    }
    case 'pypi': {
      const simple = /^(===|==|>=|~=)\s*[\w.+!*-]+$/.exec(written.trim());
      return simple ? `${simple[1] ?? '=='}${version}` : `==${version}`;
    }
    case 'maven':
      return version;
    case 'nuget':
      return nugetRangeFor(written, version);
    case 'swift':
      // The span is the string literal's content (`from: "1.2.3"`): the requirement's kind stays (rangeRewrite.ts).
      return swiftRangeFor(written, version);
    case 'cargo':
      return cargoRangeFor(written, version);
    case 'ruby':
      return rubyRangeFor(written, version);
  }
}
