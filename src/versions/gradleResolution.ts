// Gradle's view of a build file or version catalog: which repositories serve it (its own `repositories {}`, the
// root script's `allprojects`/`subprojects`, settings' `dependencyResolutionManagement` per RepositoriesMode —
// never ~/.m2/settings.xml) and the catalog its `libs.x.y` accessors point into. No vscode here.
import * as path from 'node:path';
import { gradleRepositoriesInEffect, parseGradleRepositories, type GradleRepository } from '../core/manifests/gradleRepositories';
import { catalogAccessor, parseVersionCatalog } from '../core/manifests/versionCatalog';
import { catalogDependency, type ManifestContents } from './manifestDependencies';

type Read = (file: string) => Promise<string | undefined>;

/** How far up a settings script is looked for (a build nests its projects a few folders deep). */
const MAX_LEVELS = 6;

export interface GradleBuildFiles {
  /** The folder of settings.gradle(.kts), or the manifest's folder when there is none. */
  readonly root: string;
  readonly settingsFile?: string;
  readonly settingsText?: string;
}

export async function findGradleBuild(dir: string, read: Read): Promise<GradleBuildFiles> {
  let current = dir;
  for (let level = 0; level < MAX_LEVELS; level++) {
    for (const name of ['settings.gradle.kts', 'settings.gradle']) {
      const file = path.join(current, name);
      const text = await read(file);
      if (text !== undefined) return { root: current, settingsFile: file, settingsText: text };
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return { root: dir };
}

async function readFirst(dir: string, names: readonly string[], read: Read): Promise<{ file: string; text: string } | undefined> {
  for (const name of names) {
    const file = path.join(dir, name);
    const text = await read(file);
    if (text !== undefined) return { file, text };
  }
  return undefined;
}

export interface GradleRepositoryInEffect extends GradleRepository {
  /** The script that declares it. */
  readonly file: string;
}

/** In Gradle's search order; undefined when the build would fail (FAIL_ON_PROJECT_REPOS with project repositories). */
export async function gradleRepositoriesFor(manifestPath: string, contents: ManifestContents, read: Read): Promise<readonly GradleRepositoryInEffect[] | undefined> {
  const catalog = contents.kind === 'gradleCatalog';
  // A catalog in ROOT/gradle/ serves the root project.
  const dir = catalog ? path.dirname(path.dirname(manifestPath)) : path.dirname(manifestPath);
  const build = await findGradleBuild(dir, read);
  const settings = build.settingsText !== undefined ? parseGradleRepositories(build.settingsText) : undefined;
  const tag = (file: string) => (r: GradleRepository): GradleRepositoryInEffect => ({ ...r, file });
  let project: GradleRepositoryInEffect[] = [];
  if (catalog) {
    const rootScript = await readFirst(build.root, ['build.gradle.kts', 'build.gradle'], read);
    if (rootScript) project = parseGradleRepositories(rootScript.text).repositories.map(tag(rootScript.file));
  } else {
    project = (contents.gradleRepositories?.repositories ?? []).map(tag(manifestPath));
  }
  let root: GradleRepositoryInEffect[] | undefined;
  if (!catalog && build.root !== dir) {
    const rootScript = await readFirst(build.root, ['build.gradle.kts', 'build.gradle'], read);
    if (rootScript) root = parseGradleRepositories(rootScript.text).repositories.map(tag(rootScript.file));
  }
  const settingsTagged = settings && build.settingsFile ? { ...settings, repositories: settings.repositories.map(tag(build.settingsFile)) } : undefined;
  return gradleRepositoriesInEffect(project, settingsTagged, root) as readonly GradleRepositoryInEffect[] | undefined;
}

/**
 * The build file's `libs.x.y` uses as dependencies, from ROOT/gradle/libs.versions.toml (the default `libs`
 * catalog). An accessor the catalog does not have is left out (Gradle would not compile the script).
 */
export async function withCatalogDependencies(manifestPath: string, contents: ManifestContents, read: Read): Promise<ManifestContents> {
  const references = contents.catalogReferences ?? [];
  if (references.length === 0) return contents;
  const build = await findGradleBuild(path.dirname(manifestPath), read);
  const text = await read(path.join(build.root, 'gradle', 'libs.versions.toml'));
  if (text === undefined) return contents;
  const byAccessor = new Map(parseVersionCatalog(text).map((l) => [catalogAccessor(l.accessor), l]));
  const added = references.flatMap((ref) => {
    const library = byAccessor.get(ref.accessor);
    return library ? [catalogDependency(library, ref.span, true)] : [];
  });
  return { ...contents, dependencies: [...contents.dependencies, ...added].sort((a, b) => a.nameSpan.start - b.nameSpan.start) };
}
