// Which repository a dependency comes from: parse CodeArtifact endpoint URLs, and walk each package
// manager's config (npmrc, pip config + requirements options, pom + settings.xml) to the URL in effect.
// Tokens may sit in these URLs (`https://aws:TOKEN@…`); nothing returned here carries userinfo.

import * as ini from 'ini';
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

const DOMAIN = '[a-z](?:[a-z0-9-]{0,48}[a-z0-9])?';
const REPOSITORY = '[A-Za-z0-9][A-Za-z0-9._-]{1,99}';
const AWS_HOST = new RegExp(`^(${DOMAIN})-(\\d{12})\\.d\\.codeartifact\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?$`);
const REPO_PATH = new RegExp(`^/([a-z]+)/(${REPOSITORY})(?:/|$)`);
const EMULATOR_PATH = new RegExp(`^/(${DOMAIN})-(\\d{12})/([a-z]+)/(${REPOSITORY})(?:/|$)`);
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * `https://DOMAIN-OWNER.d.codeartifact.REGION.amazonaws.com/FORMAT/REPO/…` (any port, userinfo ignored) or
 * the emulator's `http://127.0.0.1:PORT/DOMAIN-OWNER/FORMAT/REPO/…`; anything else is undefined.
 */
export function parseRegistryUrl(url: string): CodeArtifactEndpoint | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  const host = parsed.hostname.toLowerCase();
  const aws = AWS_HOST.exec(host);
  if (aws) {
    const path = REPO_PATH.exec(parsed.pathname);
    if (!path || !FORMATS.has(path[1]!)) return undefined;
    return {
      domain: aws[1]!,
      owner: aws[2]!,
      region: aws[3]!,
      format: path[1] as RepositoryFormat,
      repository: decodeURIComponent(path[2]!),
    };
  }
  if (LOOPBACK.has(host)) {
    const path = EMULATOR_PATH.exec(parsed.pathname);
    if (!path || !FORMATS.has(path[3]!)) return undefined;
    return { domain: path[1]!, owner: path[2]!, format: path[3] as RepositoryFormat, repository: path[4]! };
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

export const PYPI_DEFAULT_INDEX = 'https://pypi.org/simple/';

export interface PipIndexes {
  /** Where pip looks first; undefined with `--no-index`. */
  readonly indexUrl?: string;
  readonly extraIndexUrls: readonly string[];
}

/**
 * The indexes pip uses for a requirements file: its `--index-url`/`--extra-index-url` lines, over the
 * PIP_INDEX_URL / PIP_EXTRA_INDEX_URL environment, over pip's config files (texts highest priority first;
 * `[install]` over `[global]`), over PyPI.
 * Tokens in the URLs (`https://aws:TOKEN@…`) are dropped: what comes back is safe to show and to parse.
 */
export function pipIndexUrls(
  fileOptions: readonly IndexOption[],
  pipConfigTexts: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): PipIndexes {
  // PIP_INDEX_URL / PIP_EXTRA_INDEX_URL stand for command-line options: above the config files.
  let indexUrl: string | undefined = env['PIP_INDEX_URL']?.trim() || undefined;
  let extras: string[] | undefined = env['PIP_EXTRA_INDEX_URL']?.trim() ? env['PIP_EXTRA_INDEX_URL'].trim().split(/\s+/) : undefined;
  for (const text of pipConfigTexts) {
    const config = parseIni(joinContinuationLines(text));
    for (const section of ['install', 'global']) {
      const values = config[section];
      if (typeof values !== 'object' || values === null) continue;
      const record = values as Record<string, unknown>;
      const index = record['index-url'];
      const extra = record['extra-index-url'];
      if (indexUrl === undefined && typeof index === 'string' && index.trim() !== '') indexUrl = index.trim();
      if (extras === undefined && typeof extra === 'string' && extra.trim() !== '') extras = extra.trim().split(/\s+/);
    }
  }
  let noIndex = false;
  const fromFile: string[] = [];
  for (const option of fileOptions) {
    if (option.option === 'no-index') noIndex = true;
    else if (option.option === 'index-url' && option.url) indexUrl = option.url.text;
    else if (option.option === 'extra-index-url' && option.url) fromFile.push(option.url.text);
  }
  const extraIndexUrls = [...(extras ?? []), ...fromFile].map(redactUrl);
  if (noIndex) return { extraIndexUrls: [] };
  return { indexUrl: redactUrl(indexUrl ?? PYPI_DEFAULT_INDEX), extraIndexUrls };
}

/**
 * pip reads its config with Python's configparser, where indented lines continue a value
 * (`extra-index-url =` followed by one URL per line); the `ini` package does not, so fold them first.
 */
function joinContinuationLines(text: string): string {
  const out: string[] = [];
  for (const line of text.split(/\r\n|\n|\r/)) {
    const last = out.length - 1;
    if (last >= 0 && /^[ \t]+\S/.test(line) && !/^\s*[#;[]/.test(line) && /=/.test(out[last]!)) {
      out[last] = `${out[last]!} ${line.trim()}`;
    } else {
      out.push(line);
    }
  }
  return out.join('\n');
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
  return selectMirrors(declared, mirrors).map((r) => ({ ...r, url: redactUrl(r.url) }));
}
