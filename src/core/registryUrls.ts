// Which repository a dependency comes from: parse CodeArtifact endpoint URLs, and walk each package
// manager's config (npmrc, pip config + requirements options, pom + settings.xml) to the URL in effect.
// Tokens may sit in these URLs (`https://aws:TOKEN@…`); nothing returned here carries userinfo.

import { pipIndexList, pipInstallOptions, PYPI_INDEX } from './pipIndexesInEffect';
import * as ini from 'ini';
import { partitionOf } from './awsPartitions';
import type { IndexOption } from './manifests/requirementsTxt';
import type { MavenRepository } from './manifests/pomXml';
import { child } from './manifests/xmlTree';
import { readMavenSettings, selectMirrors, settingsProfileRepositories } from './mavenSettingsInEffect';

export type RepositoryFormat = 'npm' | 'pypi' | 'maven' | 'nuget' | 'generic' | 'ruby' | 'swift' | 'cargo';
const FORMATS: ReadonlySet<string> = new Set(['npm', 'pypi', 'maven', 'nuget', 'generic', 'ruby', 'swift', 'cargo']);

export interface CodeArtifactEndpoint {
  readonly domain: string;
  /** The 12-digit account that owns the domain. */
  readonly owner: string;
  /** Absent for the local emulator's form. */
  readonly region?: string;
  readonly format: RepositoryFormat;
  readonly repository: string;
}

/** Which of AWS's documented host forms a data-plane URL uses. */
export type DataPlaneHostForm = 'public' | 'fips' | 'dualstack' | 'fipsDualstack' | 'vpce';

export interface DataPlaneAddress extends CodeArtifactEndpoint {
  readonly region: string;
  readonly form: DataPlaneHostForm;
}

const DOMAIN = '[a-z](?:[a-z0-9-]{0,48}[a-z0-9])?';
const REPOSITORY = '[A-Za-z0-9][A-Za-z0-9._-]{1,99}';
const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d{1,2}';
// DOMAIN-OWNER.d.codeartifact[-fips].REGION.SUFFIX; the suffix must be one of the region's partition.
const AWS_HOST = new RegExp(`^(${DOMAIN})-(\\d{12})\\.d\\.codeartifact(-fips)?\\.(${REGION})\\.([a-z0-9.-]+)$`);
// vpce-ID.d.codeartifact.REGION.vpce.SUFFIX (a VPC endpoint without private DNS): the domain is in the path.
const VPCE_HOST = new RegExp(`^vpce-[a-z0-9]+(?:-[a-z0-9]+)*\\.d\\.codeartifact\\.(${REGION})\\.vpce\\.([a-z0-9.-]+)$`);
const REPO_PATH = new RegExp(`^/([a-z]+)/(${REPOSITORY})(?:/|$)`);
const VPCE_PATH = new RegExp(`^/([a-z]+)/d/(${DOMAIN})-(\\d{12})/(${REPOSITORY})(?:/|$)`);
const EMULATOR_PATH = new RegExp(`^/(${DOMAIN})-(\\d{12})/([a-z]+)/(${REPOSITORY})(?:/|$)`);
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The CodeArtifact data-plane address in `parsed`, in any host form AWS documents: the public
 * `https://DOMAIN-OWNER.d.codeartifact.REGION.amazonaws.com/FORMAT/REPO/` (China `.amazonaws.com.cn`), its FIPS
 * (`codeartifact-fips`) and dual-stack (`api.aws`, `api.amazonwebservices.com.cn`) variants, and a VPC endpoint
 * without private DNS, `https://vpce-….d.codeartifact.REGION.vpce.amazonaws.com/FORMAT/d/DOMAIN-OWNER/REPO/`.
 * The host is matched whole, so `….amazonaws.com.evil.example` is nothing. Scheme and port are the caller's to judge.
 */
export function parseDataPlaneAddress(parsed: URL): DataPlaneAddress | undefined {
  const host = parsed.hostname.toLowerCase();
  const aws = AWS_HOST.exec(host);
  if (aws) {
    const [, domain = '', owner = '', fips, region = '', suffix = ''] = aws;
    const partition = partitionOf(region);
    if (!partition) return undefined;
    const dualstack = suffix === partition.dualStackDnsSuffix;
    if (!dualstack && suffix !== partition.dnsSuffix) return undefined;
    const path = REPO_PATH.exec(parsed.pathname);
    if (!path || !FORMATS.has(path[1]!)) return undefined;
    const form: DataPlaneHostForm = fips ? (dualstack ? 'fipsDualstack' : 'fips') : dualstack ? 'dualstack' : 'public';
    return { domain, owner, region, format: path[1] as RepositoryFormat, repository: decodeURIComponent(path[2]!), form };
  }
  const vpce = VPCE_HOST.exec(host);
  if (vpce) {
    const [, region = '', suffix = ''] = vpce;
    if (partitionOf(region)?.dnsSuffix !== suffix) return undefined;
    const path = VPCE_PATH.exec(parsed.pathname);
    if (!path || !FORMATS.has(path[1]!)) return undefined;
    return { domain: path[2]!, owner: path[3]!, region, format: path[1] as RepositoryFormat, repository: decodeURIComponent(path[4]!), form: 'vpce' };
  }
  return undefined;
}

/**
 * A CodeArtifact repository URL in any form `parseDataPlaneAddress` reads (any port, userinfo ignored), or the
 * emulator's `http://127.0.0.1:PORT/DOMAIN-OWNER/FORMAT/REPO/…` and its VPC-style `…/FORMAT/d/DOMAIN-OWNER/REPO/`;
 * anything else is undefined.
 */
export function parseRegistryUrl(url: string): CodeArtifactEndpoint | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const aws = parseDataPlaneAddress(parsed);
  if (aws) {
    const { form: _form, ...endpoint } = aws;
    return endpoint;
  }
  if (LOOPBACK.has(parsed.hostname.toLowerCase())) {
    const path = EMULATOR_PATH.exec(parsed.pathname);
    if (path && FORMATS.has(path[3]!)) return { domain: path[1]!, owner: path[2]!, format: path[3] as RepositoryFormat, repository: path[4]! };
    const vpcStyle = VPCE_PATH.exec(parsed.pathname);
    if (vpcStyle && FORMATS.has(vpcStyle[1]!)) return { domain: vpcStyle[2]!, owner: vpcStyle[3]!, format: vpcStyle[1] as RepositoryFormat, repository: vpcStyle[4]! };
  }
  return undefined;
}

/** The URL without userinfo (tokens travel there for pip), query or fragment: safe to show or log. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url.trim());
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    // Only hierarchical URLs have userinfo; in an opaque one (`a: //user:secret@…`) it is plain text.
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : parsed.toString().replace(/\/\/\S*@/g, '//');
  } catch {
    // Not a URL: drop everything from `//` to the last `@` of the word rather than risk showing a
    // `user:secret@` (a secret may hold `/` or `@` of its own).
    return url.replace(/\/\/\S*@/g, '//');
  }
}

// ---------------------------------------------------------------- npm

export const NPM_DEFAULT_REGISTRY = 'https://registry.npmjs.org/';

/**
 * The registry npm uses for a package, given npmrc texts highest priority first (project, user, global).
 * A `@scope:registry` line anywhere in the chain beats a plain `registry` line, as in npm.
 */
export function npmRegistryFor(packageName: string, npmrcTexts: readonly string[]): string {
  const configs = npmrcTexts.map(parseIni);
  const scope = packageName.startsWith('@') ? packageName.slice(0, packageName.indexOf('/')) : undefined;
  const pick = (key: string): string | undefined => {
    for (const config of configs) {
      const value = config[key];
      if (typeof value === 'string' && value.trim() !== '') return value.trim();
    }
    return undefined;
  };
  const registry = (scope && scope.length > 1 ? pick(`${scope}:registry`) : undefined) ?? pick('registry');
  return withTrailingSlash(redactUrl(registry ?? NPM_DEFAULT_REGISTRY));
}

function parseIni(text: string): Record<string, unknown> {
  try {
    return ini.parse(text);
  } catch {
    return {};
  }
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

// ---------------------------------------------------------------- pip

/** pip's default index, spelt as pip spells it (PyPI.simple_url). */
export const PYPI_DEFAULT_INDEX = PYPI_INDEX;

export interface PipIndexes {
  /** Where pip looks first; undefined with `--no-index`. */
  readonly indexUrl?: string;
  readonly extraIndexUrls: readonly string[];
}

/**
 * The indexes pip uses for a requirements file's own option lines, over the PIP_* environment, over pip's config
 * files (texts highest priority first). pipIndexesInEffect.ts has pip's rules; this keeps the older shape.
 * Tokens in the URLs (`https://aws:TOKEN@…`) are dropped: what comes back is safe to show and to parse.
 */
export function pipIndexUrls(
  fileOptions: readonly IndexOption[],
  pipConfigTexts: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): PipIndexes {
  const start = pipInstallOptions([...pipConfigTexts].reverse(), env);
  const { urls, noIndex } = pipIndexList(start, fileOptions);
  if (noIndex && urls.length === 0) return { extraIndexUrls: [] };
  const [first, ...rest] = urls.map(redactUrl);
  return { ...(first !== undefined ? { indexUrl: first } : {}), extraIndexUrls: rest };
}

// ---------------------------------------------------------------- Maven

export const MAVEN_CENTRAL = { id: 'central', url: 'https://repo.maven.apache.org/maven2' } as const;

export interface MavenRepositoryInEffect {
  readonly id: string;
  /** The URL Maven downloads from: the mirror's when a mirror applies. */
  readonly url: string;
  /** The id of the mirror that replaced the declared repository. */
  readonly mirrorId?: string;
  /** A blocked mirror matched (Maven 3.8.1+'s http blocker): Maven downloads nothing from it. */
  readonly blocked?: boolean;
  /** When blocked: the declared repository's own URL (redacted). */
  readonly blockedUrl?: string;
}

/**
 * The repositories Maven uses for a pom, without the machine's context: settings.xml profiles listed in
 * activeProfiles or activeByDefault (the last one's first), then the pom's own, then Maven Central; each replaced by its mirror
 * (mavenSettingsInEffect.ts has the whole of Maven's rule, with activation, the global file and blocked mirrors).
 */
export function mavenRepositoryUrls(
  pomRepositories: readonly MavenRepository[],
  settingsXml?: string,
): MavenRepositoryInEffect[] {
  const settings = readMavenSettings(settingsXml, { env: {}, userHome: '', activation: { javaVersion: '', os: { name: '', family: '', arch: '', version: '' } } });
  const active = settings.profiles.filter(
    (p) => settings.activeProfiles.includes(p.id) || (p.activation && child(p.activation, 'activeByDefault')?.text.trim() === 'true'),
  );
  return mavenRepositoriesWithMirrors(settingsProfileRepositories(active), pomRepositories, settings.mirrors);
}

/** Settings repositories, then the pom's, then central, each through the mirrors; URLs without userinfo. */
export function mavenRepositoriesWithMirrors(
  fromSettings: readonly { id: string; url: string }[],
  pomRepositories: readonly MavenRepository[],
  mirrors: Parameters<typeof selectMirrors>[1],
): MavenRepositoryInEffect[] {
  const declared = [
    ...fromSettings,
    ...pomRepositories
      .filter((r) => r.kind === 'repository' && r.profile === undefined && r.url.resolved)
      .map((r) => ({ id: r.id ?? 'default', url: r.url.value })),
    MAVEN_CENTRAL,
  ];
  return selectMirrors(declared, mirrors).map((r) => ({ ...r, url: redactUrl(r.url), ...(r.blockedUrl !== undefined ? { blockedUrl: redactUrl(r.blockedUrl) } : {}) }));
}
