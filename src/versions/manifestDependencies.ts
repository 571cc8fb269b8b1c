// One shape over the five manifest parsers: what to look up (ecosystem, namespace, name), what the file asks
// for (a range in the ecosystem's syntax) and where it sits (offsets for hovers, diagnostics and edits).
// No vscode here: providers turn offsets into ranges.
import { posix } from 'node:path';
import { catalogReferences, parseBuildGradle, type CatalogReference } from '../core/manifests/buildGradle';
import { parseGradleRepositories, type GradleScriptRepositories } from '../core/manifests/gradleRepositories';
import { parseVersionCatalog, type CatalogLibrary } from '../core/manifests/versionCatalog';
import { parsePackageJson, type NpmDependency } from '../core/manifests/packageJson';
import { dependencyKey } from '../core/manifests/mavenModel';
import { parsePomXml, type MavenRepository } from '../core/manifests/pomXml';
import { pomVersionNote } from './mavenVersionNotes';
import { cargoManifestDependencies } from './cargoDependencies';
import { rubyManifestDependencies } from './rubyDependencies';
import { parsePyprojectToml } from '../core/manifests/pyprojectToml';
import { parseRequirementsTxt, type IndexOption, type RequirementsInclude } from '../core/manifests/requirementsTxt';
import type { TextSpan } from '../core/manifests/textSpan';
import type { Ecosystem } from '../core/versioning/versions';
import { nugetDependencies, nugetKindOf } from './nugetDependencies';
import { swiftDependencies } from './swiftDependencies';

export type ManifestKind = 'packageJson' | 'requirements' | 'pom' | 'pyproject' | 'gradle' | 'gradleCatalog' | 'nugetProject' | 'packagesConfig' | 'packageSwift' | 'cargoToml' | 'gemfile';

export interface ManifestDependency {
  readonly ecosystem: Ecosystem;
  /** As people write it: `@scope/name`, `group:artifact`, `name`. */
  readonly displayName: string;
  /** CodeArtifact's namespace: npm scope without `@`, Maven groupId; absent for PyPI. */
  readonly namespace?: string;
  /** CodeArtifact's package name (PyPI normalized). */
  readonly name: string;
  /** The name as written: hovering it shows the versions. */
  readonly nameSpan: TextSpan;
  /** The range as written, in the ecosystem's syntax ('' or `*`: any). */
  readonly range: string;
  /** npm: the whole value as written (`npm:other@^1` for an alias); yarn.lock keys its entries by `key@value`. */
  readonly spec?: string;
  /** Where the range sits (what completion and quick fixes replace); absent when nothing is written. */
  readonly rangeSpan?: TextSpan;
  /** A range written as several string literals (a Gemfile's `'~> 1.0', '>= 1.0.3'`, Swift's `"1.0.0"..<"2.0.0"`): each literal's content, for completion inside one. */
  readonly rangeParts?: readonly TextSpan[];
  /** The exact version asked for, when the range is a pin (`1.2.3`, `==1.2.3`, Maven's soft `1.2.3`). */
  readonly pinned?: string;
  /**
   * Maven: where the version comes from when the dependency does not write it (a property, dependencyManagement,
   * a parent, a BOM), or why it cannot be known here. With `unknown`, nothing may be called "up to date".
   */
  readonly versionNote?: { readonly origin?: string; readonly unknown?: string };
  /** Maven's management key (`groupId:artifactId[:type[:classifier]]`), to match the effective model. */
  readonly mavenKey?: string;
  /** Why "Update all dependencies" leaves it alone though a quick fix may edit it (an npm alias, a peer range, an override). */
  readonly notInUpdateAll?: string;
  /** Cargo: the `registry = "…"` it names (a registry of .cargo/config.toml), null for crates.io. */
  readonly cargoRegistry?: string | null;
}

export interface ManifestContents {
  readonly kind: ManifestKind;
  readonly dependencies: readonly ManifestDependency[];
  /** package.json: names npm itself refuses (npm install would fail); never looked up, but said (diagnostic, hover). */
  readonly refusedNames?: readonly { readonly name: string; readonly span: TextSpan }[];
  /** requirements: the index options in the file. */
  readonly indexOptions?: readonly IndexOption[];
  /** requirements: its `-r`/`-c` lines (their index options apply too). */
  readonly includes?: readonly RequirementsInclude[];
  /** pom: the repositories it declares. */
  readonly mavenRepositories?: readonly MavenRepository[];
  /** build.gradle(.kts): its `repositories {}` blocks. */
  readonly gradleRepositories?: GradleScriptRepositories;
  /** Gemfile: its global `source` URLs. */
  readonly gemSources?: readonly string[];
  /** build.gradle(.kts): `libs.x.y` uses, turned into dependencies once the catalog is read (gradleCatalog.ts). */
  readonly catalogReferences?: readonly CatalogReference[];
}

/** Which parser reads a file, by its name (`requirements-dev.txt`, `build.gradle.kts` included). */
export function manifestKindOf(fileName: string): ManifestKind | undefined {
  const base = posix.basename(fileName.replace(/\\/g, '/')).toLowerCase();
  if (base === 'package.json') return 'packageJson';
  if (base === 'pom.xml') return 'pom';
  if (base === 'pyproject.toml') return 'pyproject';
  if (base === 'build.gradle' || base === 'build.gradle.kts') return 'gradle';
  if (base.endsWith('.versions.toml')) return 'gradleCatalog';
  if (base === 'package.swift') return 'packageSwift';
  const nuget = nugetKindOf(base);
  if (nuget) return nuget;
  if (base === 'cargo.toml') return 'cargoToml';
  if (base === 'gemfile' || base.endsWith('.gemspec')) return 'gemfile';
  if (/^(requirements|constraints)[\w.-]*\.(txt|in)$/.test(base)) return 'requirements';
  // The `requirements/base.txt`, `requirements/dev.txt` layout (pip-tools, cookiecutter-django).
  if (/\.(txt|in)$/.test(base) && /(^|\/)requirements\/[^/]+$/i.test(fileName.replace(/\\/g, '/'))) return 'requirements';
  return undefined;
}

/** Never throws: a broken file yields the dependencies that could be read, or none. */
export function readManifest(kind: ManifestKind, text: string, fileName = ''): ManifestContents {
  try {
    if (kind === 'gemfile') {
      const ruby = rubyManifestDependencies(text, fileName);
      return { kind, dependencies: ruby.dependencies, gemSources: ruby.sources };
    }
    return readUnsafe(kind, text);
  } catch {
    return { kind, dependencies: [] };
  }
}

function readUnsafe(kind: ManifestKind, text: string): ManifestContents {
  switch (kind) {
    case 'packageJson': {
      const deps: ManifestDependency[] = [];
      const refusedNames: { name: string; span: TextSpan }[] = [];
      for (const d of parsePackageJson(text).dependencies) {
        if (d.refusedName) refusedNames.push(d.refusedName);
        if (!d.fromRegistry || d.range === undefined) continue;
        deps.push({
          ecosystem: 'npm',
          displayName: d.packageName,
          ...(d.scope ? { namespace: d.scope } : {}),
          name: d.unscopedName,
          nameSpan: d.name,
          range: d.range,
          spec: d.version.text,
          ...(d.rangeSpan ? { rangeSpan: d.rangeSpan } : {}),
          ...(d.pinned !== undefined ? { pinned: d.pinned } : {}),
          ...(npmNotInUpdateAll(d) ? { notInUpdateAll: npmNotInUpdateAll(d) } : {}),
        });
      }
      return { kind, dependencies: deps, ...(refusedNames.length > 0 ? { refusedNames } : {}) };
    }
    case 'requirements': {
      const file = parseRequirementsTxt(text);
      const deps = file.requirements.map((r): ManifestDependency => {
        const only = r.versions.length === 1 ? r.versions[0] : undefined;
        const pin = only && (only.operator === '==' || only.operator === '===') && !only.version.text.includes('*') ? only.version.text : undefined;
        return {
          ecosystem: 'pypi',
          displayName: r.name.text,
          name: r.normalizedName,
          nameSpan: r.name,
          range: r.specifierText,
          ...(r.specifier ? { rangeSpan: r.specifier } : {}),
          ...(pin ? { pinned: pin } : {}),
        };
      });
      return { kind, dependencies: deps, indexOptions: file.indexes, includes: file.includes };
    }
    case 'pyproject': {
      const file = parsePyprojectToml(text);
      const deps: ManifestDependency[] = [];
      for (const d of file.dependencies) {
        if (d.specifierText === undefined) continue;
        const only = d.versions.length === 1 ? d.versions[0] : undefined;
        const pin = only && only.operator === '==' && !only.version.text.includes('*') ? only.version.text : undefined;
        deps.push({
          ecosystem: 'pypi',
          displayName: d.name.text,
          name: d.normalizedName,
          nameSpan: d.name,
          range: d.specifierText,
          ...(d.specifier ? { rangeSpan: d.specifier } : {}),
          ...(pin ? { pinned: pin } : {}),
        });
      }
      return { kind, dependencies: deps };
    }
    case 'pom': {
      const pom = parsePomXml(text);
      const deps: ManifestDependency[] = [];
      for (const d of pom.dependencies) {
        if (!d.groupId?.resolved || !d.artifactId.resolved) continue;
        const v = d.version;
        const usable = v !== undefined && v.resolved;
        // An update edits the property's value when the version is `${prop}`, else the element's text.
        const editSpan = v?.property?.span ?? v?.span;
        const range = usable ? v.value : '';
        // What this pom alone tells; manifestAnalysis refines it with parents and BOMs (mavenVersionNotes.ts).
        const note = pomVersionNote(d);
        deps.push({
          ecosystem: 'maven',
          displayName: d.packageName,
          namespace: d.groupId.value,
          name: d.artifactId.value,
          nameSpan: d.artifactId.span,
          range,
          ...(usable && editSpan && !v.managed ? { rangeSpan: editSpan } : {}),
          ...(usable && !/[[\]()]/.test(range) ? { pinned: range } : {}),
          ...(note ? { versionNote: note } : {}),
          mavenKey: dependencyKey({ groupId: d.groupId.value, artifactId: d.artifactId.value, ...(d.type ? { type: d.type } : {}), ...(d.classifier ? { classifier: d.classifier } : {}) }),
        });
      }
      return { kind, dependencies: deps, mavenRepositories: pom.repositories };
    }
    case 'gradle': {
      const deps: ManifestDependency[] = [];
      for (const d of parseBuildGradle(text)) {
        const v = d.version;
        const usable = v !== undefined && v.resolved;
        const editSpan = v?.variable?.span ?? v?.span;
        const range = usable ? v.value : '';
        const dynamic = /[[\]()+]/.test(range) || range.startsWith('latest.');
        // Never "up to date" for a version this file does not tell.
        const unknown = !v
          ? 'no version here: a platform, BOM or dependency constraint decides it'
          : !v.resolved
            ? `the version ${v.value} is computed outside this file (gradle.properties, another script or an expression)`
            : undefined;
        const origin = v?.variable ? `variable ${v.variable.name}` : undefined;
        deps.push({
          ecosystem: 'maven',
          displayName: d.packageName,
          namespace: d.groupId,
          name: d.artifactId,
          nameSpan: d.notation,
          // Gradle's `1.+` and `latest.release` are not Maven ranges: treat them as "any".
          range: dynamic ? '' : range,
          ...(usable && editSpan && !dynamic ? { rangeSpan: editSpan } : {}),
          ...(usable && !dynamic ? { pinned: range } : {}),
          ...(unknown ? { versionNote: { unknown } } : origin ? { versionNote: { origin } } : {}),
        });
      }
      const references = catalogReferences(text);
      return { kind, dependencies: deps, gradleRepositories: parseGradleRepositories(text), ...(references.length > 0 ? { catalogReferences: references } : {}) };
    }
    case 'gradleCatalog':
      return { kind, dependencies: parseVersionCatalog(text).map((library) => catalogDependency(library, library.alias)) };
    case 'nugetProject':
    case 'packagesConfig':
      return { kind, dependencies: nugetDependencies(text) };
    case 'packageSwift':
      return { kind, dependencies: swiftDependencies(text) };
    case 'cargoToml':
      return { kind, dependencies: cargoManifestDependencies(text) };
    case 'gemfile':
      return { kind, dependencies: [] };
  }
}

/** A catalog library as a dependency; `nameSpan` is its alias in the catalog or its `libs.` use in a script. */
export function catalogDependency(library: CatalogLibrary, nameSpan: TextSpan, inOtherFile = false): ManifestDependency {
  const v = library.version;
  // `strictly`/`require` ranges and Gradle's `1.+`/`latest.*` are not Maven ranges: "any" rather than a false error.
  const dynamic = !v || v.rich === 'strictly' || /[[\]()+]/.test(v.text) || v.text.startsWith('latest.');
  const unknown = library.missingRef !== undefined ? `version.ref "${library.missingRef}" is not in [versions]` : undefined;
  return {
    ecosystem: 'maven',
    displayName: `${library.groupId}:${library.artifactId}`,
    namespace: library.groupId,
    name: library.artifactId,
    nameSpan,
    range: dynamic ? '' : v.text,
    // An edit of the version is only offered in the file that writes it.
    ...(v && !dynamic && !inOtherFile ? { rangeSpan: v.span } : {}),
    ...(v && !dynamic ? { pinned: v.text } : {}),
    ...(unknown
      ? { versionNote: { unknown } }
      : !v
        ? { versionNote: { unknown: 'the catalog gives no version (a platform or BOM may)' } }
        : v.ref !== undefined || inOtherFile
          ? { versionNote: { origin: `the version catalog${v.ref !== undefined ? `, [versions] ${v.ref}` : ''}` } }
          : {}),
  };
}

/** Peer ranges say what a library accepts and overrides pin on purpose: raising them is a decision, not a bulk update. */
function npmNotInUpdateAll(d: NpmDependency): string | undefined {
  if (d.specType === 'alias') return 'an npm: alias';
  if (d.kind === 'peerDependencies') return 'a peer dependency range';
  if (d.kind === 'overrides' || d.kind === 'resolutions' || d.kind === 'pnpm.overrides') return `an entry of ${d.kind}`;
  return undefined;
}

/** The dependency whose name or range contains the offset (ends inclusive, so a cursor just after counts). */
export function dependencyAt(deps: readonly ManifestDependency[], offset: number): ManifestDependency | undefined {
  const inside = (s: TextSpan | undefined): boolean => s !== undefined && offset >= s.start && offset <= s.end;
  return deps.find((d) => inside(d.nameSpan) || inside(d.rangeSpan));
}
