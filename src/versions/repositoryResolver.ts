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
import { loadNpmConfig, npmRegistryIn } from '../core/configFiles/npmConfig';
import { activeSettingsProfiles, DEFAULT_HTTP_BLOCKER, mergeSettings, readMavenSettings, settingsProfileRepositories, type SettingsContext } from '../core/mavenSettingsInEffect';
import type { ActivationContext } from '../core/manifests/mavenProfiles';
import { mavenGlobalSettingsPaths, mavenSettingsPath, type UserContext } from '../core/configFiles/userPaths';
import {
  mavenRepositoriesWithMirrors,
  MAVEN_CENTRAL,
  NPM_DEFAULT_REGISTRY,
  parseRegistryUrl,
  PYPI_DEFAULT_INDEX,
  redactUrl,
} from '../core/registryUrls';
import { readRequirementsTree } from '../core/manifests/requirementsTree';
import { pipConfigFiles, pipIndexList, pipInstallOptions, type AppliedIndexOption } from '../core/pipIndexesInEffect';
import { gradleRepositoriesFor } from './gradleResolution';
import { cargoResolverFor } from './cargoResolution';
import { nugetTarget } from './nugetResolution';
import { rubyTargetFor } from './rubyResolution';
import { swiftResolver } from './swiftDependencies';
import type { ManifestContents, ManifestDependency } from './manifestDependencies';

export type RepositoryFormat = 'npm' | 'pypi' | 'maven' | 'nuget' | 'swift' | 'cargo' | 'ruby';

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
  /**
   * Maven: a blocked mirror (Maven 3.8.1+'s maven-default-http-blocker) stops this repository, and no other
   * CodeArtifact repository serves the dependency: nothing can be looked up, and the route says why. The mirror's id.
   */
  readonly blockedBy?: string;
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
  /** npm's global prefix, for $PREFIX/etc/npmrc (npmGlobalPrefixFromPath); without it that file is read only when named. */
  readonly npmGlobalPrefix?: string;
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

const FORMAT_OF = { npm: 'npm', pypi: 'pypi', maven: 'maven', nuget: 'nuget', swift: 'swift', cargo: 'cargo', ruby: 'ruby' } as const;

const FORMAT_BY_KIND = { packageJson: 'npm', requirements: 'pypi', pyproject: 'pypi', pom: 'maven', gradle: 'maven', gradleCatalog: 'maven', nugetProject: 'nuget', packagesConfig: 'nuget', packageSwift: 'swift', cargoToml: 'cargo', gemfile: 'ruby' } as const;

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
    case 'nugetProject':
    case 'packagesConfig': {
      const target = await nugetTarget(manifestPath, io, fallback);
      return () => target;
    }
    case 'packageSwift':
      return swiftResolver(manifestPath, io, fallback);
    case 'packageJson': {
      const inputs = { cwd: dir, env: io.user.env, home: io.user.home, globalPrefix: io.npmGlobalPrefix, readFile: (file: string) => io.readFile(file) };
      const withFolder = await loadNpmConfig(inputs);
      // The same answer without the folder's .npmrc (nor what it decides, such as userconfig=): the user's own.
      const usersOwn = await loadNpmConfig(inputs, false);
      const perRegistry = new Map<string, RepositoryTarget | undefined>();
      return (dep) => {
        const chosen = npmRegistryIn(withFolder, dep.displayName);
        const registry = withTrailingSlash(redactUrl(chosen.url));
        const fromWorkspace = registry !== withTrailingSlash(redactUrl(npmRegistryIn(usersOwn, dep.displayName).url));
        const file = withFolder.find((l) => l.where === 'project')?.file;
        const key = `${registry}|${fromWorkspace}`;
        if (!perRegistry.has(key)) {
          perRegistry.set(
            key,
            registry === NPM_DEFAULT_REGISTRY ? fallback('npm') : fromUrl(registry, 'npm', '.npmrc', fromWorkspace ? (file ?? path.join(dir, '.npmrc')) : undefined),
          );
        }
        return perRegistry.get(key);
      };
    }
    case 'requirements':
    case 'pyproject': {
      const env = io.user.env;
      const explicit = env['PIP_CONFIG_FILE'];
      const explicitText = explicit ? await io.readFile(explicit) : undefined;
      const texts: string[] = [];
      for (const config of pipConfigFiles(io.user, (file) => file === explicit && explicitText !== undefined)) {
        const text = config.file === explicit ? explicitText : await io.readFile(config.file);
        if (text !== undefined) texts.push(text);
      }
      const start = pipInstallOptions(texts, env);
      // pip itself would stop on a broken config file: no repository can be named.
      if (start.unreadable) return () => undefined;
      const fileOptions = contents.kind === 'requirements' ? await requirementsIndexOptions(manifestPath, io, contents) : [];
      const pick = (options: readonly AppliedIndexOption[], file: string | undefined) => {
        // pip picks the best version across every index in the list: the CodeArtifact one among them answers.
        const urls = pipIndexList(start, options).urls.map(redactUrl);
        const ca = urls.map((u) => fromUrl(u, 'pypi', file ? 'index option in this file' : 'pip index', file)).find((t) => t !== undefined);
        const onlyPublic = urls.length > 0 && urls.every((u) => u.replace(/\/$/, '') === PYPI_DEFAULT_INDEX.replace(/\/$/, ''));
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
    case 'cargoToml':
      return cargoResolverFor(manifestPath, io, () => fallback('cargo'));
    case 'gemfile': {
      const found = await rubyTargetFor(manifestPath, contents, io);
      const target = found.target ?? (found.publicOnly ? fallback('ruby') : undefined);
      return () => target;
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
        const all = mavenRepositoriesWithMirrors(fromSettings, pomRepositories, settings.mirrors);
        const repos = all.filter((r) => !r.blocked);
        for (const r of repos) {
          const target = fromUrl(r.url, 'maven', r.mirrorId ? `mirror ${r.mirrorId}` : `repository ${r.id}`, undefined);
          if (target) return { target, mirrored: r.mirrorId !== undefined };
        }
        // No CodeArtifact repository is left, but the blocker stopped one: say so rather than fall back to nothing.
        for (const r of all) {
          const stopped = r.blocked && r.blockedUrl !== undefined ? fromUrl(r.blockedUrl, 'maven', `repository ${r.id}`, undefined) : undefined;
          if (stopped) return { target: { ...stopped, blockedBy: r.mirrorId ?? 'blocked mirror' } };
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

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function settingsContext(io: ResolverIo): SettingsContext {
  const activation = io.mavenActivation ?? { javaVersion: '', os: { name: '', family: '', arch: '', version: '' } };
  return { env: io.user.env, userHome: io.user.home, activation };
}

function sameRepository(a: RepositoryTarget, b: RepositoryTarget): boolean {
  return a.domain === b.domain && a.owner === b.owner && a.repository === b.repository && a.format === b.format;
}

/**
 * The index options of a requirements file and the files it includes (-r/-c), in pip's order. `${VAR}` is not
 * expanded here: the folder's text would choose which environment value becomes a host name we show and ask AWS
 * about. A URL that needs a variable outside its userinfo therefore names no repository (we cannot tell).
 * Includes are read only when they look like requirements files, so a folder cannot make us read any file it names.
 */
async function requirementsIndexOptions(manifestPath: string, io: ResolverIo, contents: ManifestContents): Promise<AppliedIndexOption[]> {
  // The root as the editor has it (maybe unsaved); the files it includes from disk.
  const root = { requirements: [], indexes: contents.indexOptions ?? [], includes: contents.includes ?? [] };
  const tree = await readRequirementsTree(manifestPath, (f) => io.readFile(f), {}, root, (f) => /\.(txt|in)$/i.test(f) && !f.includes('${'));
  return [...tree.indexOptions];
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
