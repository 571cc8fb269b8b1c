// Which URL serves each repository of a Maven build, as Maven 3.8 decides it: the user settings.xml merged over
// the global one (${maven.home}/conf/settings.xml; the user's profiles, mirrors and activeProfiles win by id, the
// global's are appended), `${env.X}`/`${user.home}`/system properties interpolated, settings profiles active by
// <activeProfiles>, by their own activation (JDK, OS, property, file) or activeByDefault, then maven-resolver's
// DefaultMirrorSelector: an exact `mirrorOf` id first, then patterns, in file order. A blocked mirror (Maven 3.8.1+'s
// maven-default-http-blocker for external http repositories) serves nothing. Differential: MavenOracle.java.
import { conditionsHold, type ActivationContext, type FileCheck } from './manifests/mavenProfiles';
import { child, children, readXmlTree, type XmlElement } from './manifests/xmlTree';

export interface SettingsRepository {
  readonly id: string;
  readonly url: string;
}

interface SettingsMirror {
  readonly id: string;
  readonly url: string;
  readonly mirrorOf: string;
  readonly blocked: boolean;
}

interface SettingsProfile {
  readonly id: string;
  readonly activation: XmlElement | undefined;
  readonly repositories: readonly SettingsRepository[];
}

export interface MavenSettingsModel {
  readonly profiles: readonly SettingsProfile[];
  readonly activeProfiles: readonly string[];
  readonly mirrors: readonly SettingsMirror[];
}

export interface SettingsContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly userHome: string;
  /** For profile activation and `${…}` in the files; `user.home` is added. */
  readonly activation: ActivationContext;
}

/** Maven 3.8.1+ ships this mirror in its global settings.xml; assumed when that file cannot be found. */
export const DEFAULT_HTTP_BLOCKER =
  '<settings><mirrors><mirror><id>maven-default-http-blocker</id><mirrorOf>external:http:*</mirrorOf><url>http://0.0.0.0/</url><blocked>true</blocked></mirror></mirrors></settings>';

const EMPTY: MavenSettingsModel = { profiles: [], activeProfiles: [], mirrors: [] };

/** `${env.X}`, `${user.home}` and other properties (user before system); an unknown expression stays as written. */
function interpolate(text: string, ctx: SettingsContext): string {
  return text.replace(/\$\{([^}]+)\}/g, (whole, name: string) => {
    if (name.startsWith('env.')) return ctx.env[name.slice(4)] ?? whole;
    if (name === 'user.home') return ctx.activation.userProperties?.[name] ?? ctx.activation.systemProperties?.[name] ?? ctx.userHome;
    return ctx.activation.userProperties?.[name] ?? ctx.activation.systemProperties?.[name] ?? whole;
  });
}

/** Never throws: a file that is not settings XML is no settings. */
export function readMavenSettings(text: string | undefined, ctx: SettingsContext): MavenSettingsModel {
  if (text === undefined || text.trim() === '') return EMPTY;
  const { root } = readXmlTree(text);
  if (root?.name !== 'settings') return EMPTY;
  const value = (e: XmlElement | undefined): string | undefined => (e ? interpolate(e.text.trim(), ctx) : undefined);
  const profiles = children(child(root, 'profiles'), 'profile').map((p) => ({
    id: value(child(p, 'id')) ?? 'default',
    activation: child(p, 'activation'),
    repositories: children(child(p, 'repositories'), 'repository').flatMap((r) => {
      const url = value(child(r, 'url'));
      return url ? [{ id: value(child(r, 'id')) ?? 'default', url }] : [];
    }),
  }));
  const mirrors = children(child(root, 'mirrors'), 'mirror').flatMap((m) => {
    const url = value(child(m, 'url'));
    const mirrorOf = value(child(m, 'mirrorOf'));
    return url && mirrorOf ? [{ id: value(child(m, 'id')) ?? 'default', url, mirrorOf, blocked: value(child(m, 'blocked')) === 'true' }] : [];
  });
  const activeProfiles = children(child(root, 'activeProfiles'), 'activeProfile').map((p) => value(p) ?? '');
  return { profiles, activeProfiles, mirrors };
}

/** MavenSettingsMerger: the user's entries win by id; the global's others are appended. */
export function mergeSettings(user: MavenSettingsModel, global: MavenSettingsModel): MavenSettingsModel {
  const byId = <T extends { id: string }>(dominant: readonly T[], recessive: readonly T[]): T[] => [
    ...dominant,
    ...recessive.filter((r) => !dominant.some((d) => d.id === r.id)),
  ];
  return {
    profiles: byId(user.profiles, global.profiles),
    mirrors: byId(user.mirrors, global.mirrors),
    activeProfiles: [...user.activeProfiles, ...global.activeProfiles.filter((p) => !user.activeProfiles.includes(p))],
  };
}

/**
 * DefaultProfileSelector over the settings' profiles: listed in activeProfiles, or their conditions hold, or
 * activeByDefault — which, for profiles that do not come from a pom, holds even when others are active.
 */
export async function activeSettingsProfiles(settings: MavenSettingsModel, ctx: SettingsContext, io: FileCheck): Promise<SettingsProfile[]> {
  const active: SettingsProfile[] = [];
  const activation = { ...ctx.activation, systemProperties: { 'user.home': ctx.userHome, ...ctx.activation.systemProperties } };
  for (const profile of settings.profiles) {
    // Settings profiles have no project folder: a relative <file> is against the working directory, never true here.
    const held = profile.activation ? await conditionsHold(profile.activation, undefined, activation, io) : undefined;
    const byDefault = profile.activation !== undefined && child(profile.activation, 'activeByDefault')?.text.trim() === 'true';
    if (settings.activeProfiles.includes(profile.id) || held === true || byDefault) active.push(profile);
  }
  return active;
}

/** Each active profile is injected in turn in front of the model's repositories: the last one's come first. */
export function settingsProfileRepositories(active: readonly SettingsProfile[]): SettingsRepository[] {
  return [...active].reverse().flatMap((p) => p.repositories);
}

export interface RepositoryInEffect {
  readonly id: string;
  /** The URL Maven downloads from: the mirror's when a mirror applies. */
  readonly url: string;
  readonly mirrorId?: string;
  /** A blocked mirror matched: Maven does not download from this repository at all. */
  readonly blocked?: boolean;
  /** When blocked: the repository's own URL (what the blocker stopped), so that we can say which one. */
  readonly blockedUrl?: string;
}

/** Each repository (settings profiles' first, then the pom's, then central; first of an id wins) and its mirror. */
export function selectMirrors(repositories: readonly SettingsRepository[], mirrors: MavenSettingsModel['mirrors']): RepositoryInEffect[] {
  const seen = new Set<string>();
  const out: RepositoryInEffect[] = [];
  for (const repo of repositories) {
    if (seen.has(repo.id)) continue;
    seen.add(repo.id);
    const mirror = mirrors.find((m) => m.mirrorOf === repo.id) ?? mirrors.find((m) => matchPattern(m.mirrorOf, repo));
    out.push(mirror ? { id: repo.id, url: mirror.url, mirrorId: mirror.id, ...(mirror.blocked ? { blocked: true, blockedUrl: repo.url } : {}) } : { ...repo });
  }
  return out;
}

/** DefaultMirrorSelector.matchPattern of maven-resolver 1.6 (Maven 3.8.7): order matters, as there. */
export function matchPattern(pattern: string, repo: SettingsRepository): boolean {
  if (pattern === '*' || pattern === repo.id) return true;
  let result = false;
  // No trimming: `b , d` names `b ` and ` d`, as in maven-resolver.
  for (const part of pattern.split(',')) {
    if (part.length > 1 && part.startsWith('!')) {
      if (part.slice(1) === repo.id) return false;
    } else if (part === repo.id) {
      return true;
    } else if (part === 'external:*' && isExternal(repo.url)) {
      result = true;
    } else if (part === 'external:http:*' && isExternalHttp(repo.url)) {
      result = true;
    } else if (part === '*') {
      result = true;
    }
  }
  return result;
}

/** RemoteRepository's own URL split (aether's regex): protocol may be `dav:http`; `[::1]` is not local to Maven. */
function hostAndProtocol(url: string): { host: string; protocol: string } {
  const m = /^([^:/]+(:[^:/]{2,}(?=:\/\/))?):(\/\/([^@/]*@)?([^/:]+))?/.exec(url.trim());
  return { protocol: m?.[1] ?? '', host: m?.[5] ?? '' };
}

function isLocalHost(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1';
}

function isExternal(url: string): boolean {
  const { host, protocol } = hostAndProtocol(url);
  return !(isLocalHost(host) || protocol.toLowerCase() === 'file');
}

function isExternalHttp(url: string): boolean {
  const { host, protocol } = hostAndProtocol(url);
  return ['http', 'dav', 'dav:http', 'dav+http'].includes(protocol.toLowerCase()) && !isLocalHost(host);
}
