// Which CodeArtifact repository a manifest's dependencies come from: the registry the package manager would
// use for that folder (npmrc chain with scopes, requirements options then pip config, pom then settings.xml),
// mapped by registryUrls.ts; else the `codeartifact.defaultRepository` setting when nothing is configured;
// a registry that is configured but is not CodeArtifact is left alone. Files are read through `io` (no vscode).
//
// A folder's files are written by whoever wrote the repository, so each answer says whether the user's own files
// and settings already name that repository (`fromWorkspace: false`) or only the folder does (then the domain
// gate must allow it before a token is asked for). In an untrusted folder nothing of the folder is read at all.
// The data-plane endpoint is never taken from a file: it comes from GetRepositoryEndpoint on the user's connection.
import * as path from 'node:path';
import { activeSettingsProfiles, DEFAULT_HTTP_BLOCKER, mergeSettings, readMavenSettings, settingsProfileRepositories, type SettingsContext } from '../core/mavenSettingsInEffect';
import type { ActivationContext } from '../core/manifests/mavenProfiles';
import { mavenGlobalSettingsPaths, mavenSettingsPath, userNpmrcPath, userPipConfigPath, type UserContext } from '../core/configFiles/userPaths';
import {
  mavenRepositoriesWithMirrors,
  MAVEN_CENTRAL,
  NPM_DEFAULT_REGISTRY,
  npmRegistryFor,
  parseRegistryUrl,
  pipIndexUrls,
  PYPI_DEFAULT_INDEX,
} from '../core/registryUrls';
import { gradleRepositoriesFor } from './gradleResolution';
import type { ManifestContents, ManifestDependency } from './manifestDependencies';

export type RepositoryFormat = 'npm' | 'pypi' | 'maven';

export interface RepositoryTarget {
  readonly domain: string;
  /** 12-digit account; '' when the setting leaves it out (the caller's own account). */
  readonly owner: string;
  readonly repository: string;
  readonly format: RepositoryFormat;
  /** Where the choice came from, for people: `.npmrc`, `pip config`, `settings`. */
  readonly source: string;
  /** Only the folder (its files or settings) names this repository; the user's own configuration does not. */
  readonly fromWorkspace?: boolean;
  /** The file that named it, for the approval prompt. */
  readonly file?: string;
}

export interface DefaultRepositorySetting {
  readonly domain: string;
  readonly owner?: string;
  readonly repository: string;
  /** Set in the folder's (workspace) settings rather than the user's. */
  readonly fromWorkspace?: boolean;
}

export interface ResolverIo {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  readFile(file: string): Promise<string | undefined>;
  readonly user: UserContext;
  /** What Maven's profile activation sees (JDK, OS, properties); without it JDK/OS-activated profiles stay off. */
  readonly mavenActivation?: ActivationContext;
}

export interface ResolverOptions {
  readonly defaultRepository?: DefaultRepositorySetting;
  /** False in Restricted Mode: only a user-level defaultRepository applies, and no file is read. */
  readonly trusted?: boolean;
}

/** For one manifest: the repository of each dependency, or undefined to leave it alone. */
export type DependencyResolver = (dep: ManifestDependency) => RepositoryTarget | undefined;

const FORMAT_OF = { npm: 'npm', pypi: 'pypi', maven: 'maven' } as const;

const FORMAT_BY_KIND = { packageJson: 'npm', requirements: 'pypi', pyproject: 'pypi', pom: 'maven', gradle: 'maven', gradleCatalog: 'maven' } as const;

/** Reads the config files once per manifest; the returned function is pure. */
export async function resolverFor(
  manifestPath: string,
  contents: ManifestContents,
  io: ResolverIo,
  options: ResolverOptions | DefaultRepositorySetting | undefined,
): Promise<DependencyResolver> {
  const opts: ResolverOptions = options && 'domain' in options ? { defaultRepository: options } : (options ?? {});
  const setting = opts.defaultRepository;
  const trusted = opts.trusted ?? true;
  const fallback = (format: RepositoryFormat): RepositoryTarget | undefined =>
    setting && (trusted || !setting.fromWorkspace)
      ? {
          domain: setting.domain,
          owner: setting.owner ?? '',
          repository: setting.repository,
          format,
          source: setting.fromWorkspace ? "this folder's setting codeartifact.defaultRepository" : 'setting codeartifact.defaultRepository',
          ...(setting.fromWorkspace ? { fromWorkspace: true } : {}),
        }
      : undefined;
  if (!trusted) {
    const target = fallback(FORMAT_BY_KIND[contents.kind]);
    return () => target;
  }
  const dir = path.dirname(manifestPath);
  switch (contents.kind) {
    case 'packageJson': {
      const projectFile = path.join(dir, '.npmrc');
      const project = await io.readFile(projectFile);
      const user = await io.readFile(userNpmrcPath(io.user));
      const perRegistry = new Map<string, RepositoryTarget | undefined>();
      return (dep) => {
        const registry = npmRegistryFor(dep.displayName, [project ?? '', user ?? '']);
        // The same answer without the folder's .npmrc: then the user's own npmrc chose it.
        const fromWorkspace = project !== undefined && registry !== npmRegistryFor(dep.displayName, [user ?? '']);
        const key = `${registry}|${fromWorkspace}`;
        if (!perRegistry.has(key)) {
          perRegistry.set(
            key,
            registry === NPM_DEFAULT_REGISTRY ? fallback('npm') : fromUrl(registry, 'npm', '.npmrc', fromWorkspace ? projectFile : undefined),
          );
        }
        return perRegistry.get(key);
      };
    }
    case 'requirements':
    case 'pyproject': {
      const texts: string[] = [];
      for (const file of pipConfigFiles(io.user)) {
        const text = await io.readFile(file);
        if (text !== undefined) texts.push(text);
      }
      const fileOptions = contents.indexOptions ?? [];
      const pick = (options: typeof fileOptions, file: string | undefined) => {
        const indexes = pipIndexUrls(options, texts, io.user.env);
        // pip picks the best version across the index and every extra index: the CodeArtifact one among them answers.
        const urls = [...(indexes.indexUrl ? [indexes.indexUrl] : []), ...indexes.extraIndexUrls];
        const ca = urls.map((u) => fromUrl(u, 'pypi', file ? 'index option in this file' : 'pip index', file)).find((t) => t !== undefined);
        const onlyPublic = urls.every((u) => u === PYPI_DEFAULT_INDEX) && indexes.indexUrl !== undefined;
        return ca ?? (onlyPublic ? fallback('pypi') : undefined);
      };
      const withFile = pick(fileOptions, manifestPath);
      const userOnly = pick([], undefined);
      const target = withFile && userOnly && sameRepository(withFile, userOnly) ? userOnly : withFile;
      return () => target;
    }
    case 'gradle':
    case 'gradleCatalog': {
      // Gradle never reads settings.xml: its scripts' repositories, searched in order (gradleResolution.ts).
      const repos = await gradleRepositoriesFor(manifestPath, contents, (file) => io.readFile(file));
      if (repos === undefined) return () => undefined;
      let target: RepositoryTarget | undefined;
      for (const r of repos) {
        target = r.url !== undefined ? fromUrl(r.url, 'maven', `repository in ${path.basename(r.file)}`, r.file) : undefined;
        if (target) break;
        // A repository whose URL is computed may serve the dependency first: we cannot tell.
        if (r.url === undefined && r.kind === 'maven') return () => undefined;
      }
      const onlyPublic = repos.every((r) => r.kind !== 'maven');
      const mine = setting && !setting.fromWorkspace && target && sameRepository(target, { ...fallback('maven')!, format: 'maven' });
      const chosen = target && mine ? fallback('maven') : (target ?? (onlyPublic ? fallback('maven') : undefined));
      return () => chosen;
    }
    case 'pom': {
      const ctx = settingsContext(io);
      // The global settings (Maven 3.8.1+ ships the http blocker there); unfound, Maven's default one is assumed.
      let globalText: string | undefined;
      for (const file of mavenGlobalSettingsPaths(io.user)) {
        globalText = await io.readFile(file);
        if (globalText !== undefined) break;
      }
      const settings = mergeSettings(readMavenSettings(await io.readFile(mavenSettingsPath(io.user)), ctx), readMavenSettings(globalText ?? DEFAULT_HTTP_BLOCKER, ctx));
      const profiles = await activeSettingsProfiles(settings, ctx, { exists: async (file) => (await io.readFile(file)) !== undefined });
      const fromSettings = settingsProfileRepositories(profiles);
      const pick = (pomRepositories: NonNullable<ManifestContents['mavenRepositories']>): { target?: RepositoryTarget; mirrored?: boolean } => {
        // A blocked mirror (http blocker) serves nothing: Maven goes on to the next repository.
        const repos = mavenRepositoriesWithMirrors(fromSettings, pomRepositories, settings.mirrors).filter((r) => !r.blocked);
        for (const r of repos) {
          const target = fromUrl(r.url, 'maven', r.mirrorId ? `mirror ${r.mirrorId}` : `repository ${r.id}`, undefined);
          if (target) return { target, mirrored: r.mirrorId !== undefined };
        }
        const onlyCentral = repos.every((r) => r.id === MAVEN_CENTRAL.id && !r.mirrorId);
        const target = onlyCentral ? fallback('maven') : undefined;
        return target ? { target } : {};
      };
      const withPom = pick(contents.mavenRepositories ?? []);
      const userOnly = pick([]).target;
      // A mirror's URL is the user's settings.xml even when a pom's repository is what it replaces. Matching the
      // folder's own defaultRepository setting proves nothing: the same hand may have written both.
      const usersOwn =
        withPom.target && (withPom.mirrored || (userOnly && !userOnly.fromWorkspace && sameRepository(withPom.target, userOnly)) || withPom.target.source.includes('defaultRepository'));
      const target = withPom.target && !usersOwn ? { ...withPom.target, fromWorkspace: true, file: manifestPath } : withPom.target;
      return () => target;
    }
  }
}

function settingsContext(io: ResolverIo): SettingsContext {
  const activation = io.mavenActivation ?? { javaVersion: '', os: { name: '', family: '', arch: '', version: '' } };
  return { env: io.user.env, userHome: io.user.home, activation };
}

function sameRepository(a: RepositoryTarget, b: RepositoryTarget): boolean {
  return a.domain === b.domain && a.owner === b.owner && a.repository === b.repository && a.format === b.format;
}

/** pip's config files, highest priority first (PIP_CONFIG_FILE, user, legacy user, global). */
function pipConfigFiles(user: UserContext): string[] {
  const files = [userPipConfigPath(user)];
  const withoutExplicit = userPipConfigPath({ ...user, env: { ...user.env, PIP_CONFIG_FILE: undefined } });
  if (!files.includes(withoutExplicit)) files.push(withoutExplicit);
  files.push(path.join(user.home, '.pip', 'pip.conf'));
  if ((user.platform ?? process.platform) !== 'win32') files.push('/etc/xdg/pip/pip.conf', '/etc/pip.conf');
  return files;
}

/** `file`: the folder's file that named this URL (the target is then `fromWorkspace`). */
function fromUrl(url: string, format: RepositoryFormat, source: string, file: string | undefined): RepositoryTarget | undefined {
  const parsed = parseRegistryUrl(url);
  if (!parsed || parsed.format !== FORMAT_OF[format]) return undefined;
  return {
    domain: parsed.domain,
    owner: parsed.owner,
    repository: parsed.repository,
    format,
    source,
    ...(file !== undefined ? { fromWorkspace: true, file } : {}),
  };
}
