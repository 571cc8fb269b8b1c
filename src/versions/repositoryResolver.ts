// Which CodeArtifact repository a manifest's dependencies come from: the registry the package manager would
// use for that folder (npmrc chain with scopes, requirements options then pip config, pom then settings.xml),
// mapped by registryUrls.ts; else the `codeartifact.defaultRepository` setting when nothing is configured;
// a registry that is configured but is not CodeArtifact is left alone. Files are read through `io` (no vscode).
import * as path from 'node:path';
import { mavenSettingsPath, userNpmrcPath, userPipConfigPath, type UserContext } from '../core/configFiles/userPaths';
import {
  mavenRepositoryUrls,
  MAVEN_CENTRAL,
  NPM_DEFAULT_REGISTRY,
  npmRegistryFor,
  parseRegistryUrl,
  pipIndexUrls,
  PYPI_DEFAULT_INDEX,
} from '../core/registryUrls';
import type { ManifestContents, ManifestDependency } from './manifestDependencies';

export type RepositoryFormat = 'npm' | 'pypi' | 'maven';

export interface RepositoryTarget {
  readonly domain: string;
  /** 12-digit account; '' when the setting leaves it out (the caller's own account). */
  readonly owner: string;
  readonly repository: string;
  readonly format: RepositoryFormat;
  /** The data-plane base URL (trailing slash, no userinfo) when a config file names it; else GetRepositoryEndpoint. */
  readonly endpoint?: string;
  /** Where the choice came from, for people: `.npmrc`, `pip config`, `settings`. */
  readonly source: string;
}

export interface DefaultRepositorySetting {
  readonly domain: string;
  readonly owner?: string;
  readonly repository: string;
}

export interface ResolverIo {
  /** The file's text, or undefined when it does not exist or cannot be read. */
  readFile(file: string): Promise<string | undefined>;
  readonly user: UserContext;
}

/** For one manifest: the repository of each dependency, or undefined to leave it alone. */
export type DependencyResolver = (dep: ManifestDependency) => RepositoryTarget | undefined;

const FORMAT_OF = { npm: 'npm', pypi: 'pypi', maven: 'maven' } as const;

/** Reads the config files once per manifest; the returned function is pure. */
export async function resolverFor(
  manifestPath: string,
  contents: ManifestContents,
  io: ResolverIo,
  defaultRepository: DefaultRepositorySetting | undefined,
): Promise<DependencyResolver> {
  const fallback = (format: RepositoryFormat): RepositoryTarget | undefined =>
    defaultRepository
      ? { domain: defaultRepository.domain, owner: defaultRepository.owner ?? '', repository: defaultRepository.repository, format, source: 'setting codeartifact.defaultRepository' }
      : undefined;
  const dir = path.dirname(manifestPath);
  switch (contents.kind) {
    case 'packageJson': {
      const project = await io.readFile(path.join(dir, '.npmrc'));
      const user = await io.readFile(userNpmrcPath(io.user));
      const texts = [project ?? '', user ?? ''];
      const perRegistry = new Map<string, RepositoryTarget | undefined>();
      return (dep) => {
        const registry = npmRegistryFor(dep.displayName, texts);
        if (!perRegistry.has(registry)) {
          perRegistry.set(registry, registry === NPM_DEFAULT_REGISTRY ? fallback('npm') : fromUrl(registry, 'npm', '.npmrc'));
        }
        return perRegistry.get(registry);
      };
    }
    case 'requirements':
    case 'pyproject': {
      const texts: string[] = [];
      for (const file of pipConfigFiles(io.user)) {
        const text = await io.readFile(file);
        if (text !== undefined) texts.push(text);
      }
      const indexes = pipIndexUrls(contents.indexOptions ?? [], texts, io.user.env);
      // pip picks the best version across the index and every extra index: the CodeArtifact one among them answers.
      const urls = [...(indexes.indexUrl ? [indexes.indexUrl] : []), ...indexes.extraIndexUrls];
      const ca = urls.map((u) => fromUrl(u, 'pypi', 'pip index')).find((t) => t !== undefined);
      const onlyPublic = urls.every((u) => u === PYPI_DEFAULT_INDEX) && indexes.indexUrl !== undefined;
      const target = ca ?? (onlyPublic ? fallback('pypi') : undefined);
      return () => target;
    }
    case 'pom':
    case 'gradle': {
      const settings = await io.readFile(mavenSettingsPath(io.user));
      const repos = mavenRepositoryUrls(contents.mavenRepositories ?? [], settings);
      const ca = repos.map((r) => fromUrl(r.url, 'maven', r.mirrorId ? `mirror ${r.mirrorId}` : `repository ${r.id}`)).find((t) => t !== undefined);
      const onlyCentral = repos.every((r) => r.id === MAVEN_CENTRAL.id && !r.mirrorId);
      const target = ca ?? (onlyCentral ? fallback('maven') : undefined);
      return () => target;
    }
  }
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

function fromUrl(url: string, format: RepositoryFormat, source: string): RepositoryTarget | undefined {
  const parsed = parseRegistryUrl(url);
  if (!parsed || parsed.format !== FORMAT_OF[format]) return undefined;
  return { domain: parsed.domain, owner: parsed.owner, repository: parsed.repository, format, endpoint: dataPlaneBase(url, format, parsed.repository), source };
}

/** `…/pypi/REPO/simple/` → `…/pypi/REPO/`: the base that every data-plane path hangs off. */
export function dataPlaneBase(url: string, format: RepositoryFormat, repository: string): string | undefined {
  try {
    const parsed = new URL(url);
    const marker = `/${format}/${repository}`;
    const at = parsed.pathname.indexOf(marker);
    if (at < 0) return undefined;
    return `${parsed.protocol}//${parsed.host}${parsed.pathname.slice(0, at + marker.length)}/`;
  } catch {
    return undefined;
  }
}
