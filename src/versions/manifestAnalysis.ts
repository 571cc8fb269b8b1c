// For one open manifest: its dependencies and, for each, where its versions may be looked up. A folder the user has
// not trusted is not read at all (only a user-level defaultRepository applies); a domain that only the folder's
// files or settings name must pass the domain gate before any token is asked for. Cached per document version.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readTextFileBounded } from '../core/boundedRead';
import { npmGlobalPrefixFromPath } from '../core/configFiles/npmConfig';
import { effectiveModel, type ModelContext } from '../core/manifests/mavenModel';
import { ConfigReads } from './configReads';
import type { DomainGate } from './domainGate';
import { withCatalogDependencies } from './gradleResolution';
import { manifestKindOf, readManifest, type ManifestContents, type ManifestDependency } from './manifestDependencies';
import { withEffectiveVersions } from './mavenVersionNotes';
import { resolverFor, type DefaultRepositorySetting, type RepositoryFormat, type RepositoryTarget } from './repositoryResolver';

/**
 * Stands in for an unset defaultRepository, so that the resolver says where the setting would apply (the
 * public default registry) rather than nothing. Never a valid domain name, never looked up.
 */
const UNSET = { domain: ' unset', repository: ' unset' } as const;

/** What to do for one dependency. */
export type Route =
  | { readonly kind: 'lookup'; readonly target: RepositoryTarget }
  /**
   * Only the folder names this domain and the user has not allowed it: no request at all. `unchecked`: whether
   * it is one of the user's domains could not be learnt (offline, signed out): nothing is sent and nothing is offered.
   */
  | { readonly kind: 'blocked'; readonly target: RepositoryTarget; readonly fileLabel: string; readonly unchecked?: string }
  /** Restricted Mode and no user-level repository. */
  | { readonly kind: 'untrusted' }
  /** Maven would download nothing from this repository: a blocked mirror (the http blocker) stops it. */
  | { readonly kind: 'mavenBlocked'; readonly target: RepositoryTarget; readonly mirrorId: string }
  /**
   * The package manager would use its public default (npmjs, PyPI, Maven Central) and no
   * `codeartifact.defaultRepository` is set: the place to offer choosing a repository.
   */
  | { readonly kind: 'unconfigured'; readonly format: RepositoryFormat };

export interface Analysis {
  readonly contents: ManifestContents;
  /** Undefined: leave the dependency alone (its registry is not CodeArtifact). */
  route(dep: ManifestDependency): Route | undefined;
  /** The folder whose approvals apply (workspace folder URI, else the manifest's directory). */
  readonly folder: string;
  readonly folderName: string;
  readonly trusted: boolean;
  /** A domain the folder names could not be checked (offline, signed out): asked again soon. */
  readonly unchecked?: boolean;
}

export interface VersionSettings {
  readonly lensEnabled: boolean;
  readonly diagnosticsEnabled: boolean;
  readonly defaultRepository?: DefaultRepositorySetting;
}

function parseDefaultRepository(raw: unknown, fromWorkspace: boolean): DefaultRepositorySetting | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { domain, owner, repository } = raw as Record<string, unknown>;
  if (typeof domain !== 'string' || !domain.trim() || typeof repository !== 'string' || !repository.trim()) return undefined;
  return {
    domain: domain.trim(),
    repository: repository.trim(),
    ...(typeof owner === 'string' && owner.trim() ? { owner: owner.trim() } : {}),
    ...(fromWorkspace ? { fromWorkspace: true } : {}),
  };
}

/** The settings for a manifest; a folder's `defaultRepository` is marked as the folder's, and ignored when untrusted. */
export function readVersionSettings(scope?: vscode.Uri): VersionSettings {
  const c = vscode.workspace.getConfiguration('codeartifact', scope);
  const inspected = c.inspect<unknown>('defaultRepository');
  const fromFolder = inspected?.workspaceFolderValue ?? inspected?.workspaceValue;
  const useFolder = vscode.workspace.isTrusted && fromFolder !== undefined && fromFolder !== null;
  const defaultRepository = useFolder ? parseDefaultRepository(fromFolder, true) : parseDefaultRepository(inspected?.globalValue, false);
  return {
    lensEnabled: c.get<boolean>('versionLens.enabled', true),
    diagnosticsEnabled: c.get<boolean>('versionDiagnostics.enabled', true),
    ...(defaultRepository ? { defaultRepository } : {}),
  };
}

/** Config files and manifests are read with a size limit and only when they are regular files. */
const MAX_CONFIG_BYTES = 2 * 1024 * 1024;
/** How long an analysis whose domain check failed (offline) stands before the domain is checked again. */
const UNCHECKED_RETRY_MS = 10_000;
/** A missing, oversized or irregular file is no configuration (undefined, never a rejection). */
const readConfigFile = (file: string): Promise<string | undefined> => readTextFileBounded(file, { maxBytes: MAX_CONFIG_BYTES }).catch(() => undefined);
/** Shared by every analyzer of this host (versions and the dependency guard read the same files). */
const configReads = new ConfigReads(readConfigFile);
const readConfig = (file: string): Promise<string | undefined> => configReads.get(file);

export class ManifestAnalyzer {
  private readonly analyses = new Map<string, { version: number; analysis: Promise<Analysis>; until?: number }>();

  constructor(
    private readonly gate: DomainGate,
    private readonly settings: (scope?: vscode.Uri) => VersionSettings,
    private readonly log: Pick<vscode.LogOutputChannel, 'warn' | 'debug'>,
  ) {}

  /** Every listener hears of each fresh analysis; the versions and the dependency guard share one analyzer. */
  private readonly listeners: ((analysis: Analysis, contents: ManifestContents) => void)[] = [];

  addListener(listener: (analysis: Analysis, contents: ManifestContents) => void): void {
    this.listeners.push(listener);
  }

  clear(): void {
    this.analyses.clear();
    configReads.clear();
    this.globalPrefix = undefined;
  }

  private globalPrefix: { value?: string } | undefined;

  /** Found once (PATH lookups), again after clear(). */
  private npmGlobalPrefix(): string | undefined {
    this.globalPrefix ??= { value: npmGlobalPrefixFromPath(process.env) };
    return this.globalPrefix.value;
  }

  analysisOf(doc: vscode.TextDocument): Promise<Analysis> | undefined {
    const kind = doc.uri.scheme === 'file' ? manifestKindOf(doc.fileName) : undefined;
    if (!kind) return undefined;
    const key = doc.uri.toString();
    const cached = this.analyses.get(key);
    if (cached?.version === doc.version && (cached.until === undefined || Date.now() < cached.until)) return cached.analysis;
    const entry: { version: number; analysis: Promise<Analysis>; until?: number } = { version: doc.version, analysis: this.analyse(doc, readManifest(kind, doc.getText(), doc.fileName)) };
    this.analyses.set(key, entry);
    // A domain that could not be checked (offline) is checked again soon, not only after a refresh.
    void entry.analysis.then((a) => {
      if (a.unchecked) entry.until = Date.now() + UNCHECKED_RETRY_MS;
    }, () => undefined);
    return entry.analysis;
  }

  private async withMavenModel(doc: vscode.TextDocument, contents: ManifestContents): Promise<ManifestContents> {
    try {
      const read = (file: string): Promise<string | undefined> => readTextFileBounded(file, { maxBytes: MAX_CONFIG_BYTES }).catch(() => undefined);
      const model = await effectiveModel(doc.fileName, doc.getText(), { readFile: read, exists: (f) => fs.promises.access(f).then(() => true, () => false) }, await mavenContext(read));
      return withEffectiveVersions(contents, model);
    } catch (err) {
      this.log.debug(`Versions: could not build the effective pom: ${err instanceof Error ? err.message : String(err)}`);
      return contents;
    }
  }

  private async analyse(doc: vscode.TextDocument, initial: ManifestContents): Promise<Analysis> {
    let contents = initial;
    const trusted = vscode.workspace.isTrusted;
    const workspaceFolder = vscode.workspace.getWorkspaceFolder(doc.uri);
    const folder = workspaceFolder?.uri.toString() ?? vscode.Uri.file(path.dirname(doc.fileName)).toString();
    const folderName = workspaceFolder?.name ?? path.basename(path.dirname(doc.fileName));
    const { defaultRepository } = this.settings(doc.uri);
    // A pom's versions may come from parents, profiles and BOMs on disk: read them only in a trusted folder.
    if (contents.kind === 'pom' && trusted) contents = await this.withMavenModel(doc, contents);
    if (contents.kind === 'gradle' && trusted) contents = await withCatalogDependencies(doc.fileName, contents, readConfig);
    const resolve = await resolverFor(
      doc.fileName,
      contents,
      // A missing, oversized or irregular file is no configuration (ResolverIo: undefined, never a rejection).
      {
        readFile: readConfig,
        user: { home: os.homedir(), env: process.env },
        npmGlobalPrefix: this.npmGlobalPrefix(),
        ...(contents.kind === 'pom' && trusted ? { mavenActivation: await mavenContext(readConfig) } : {}),
      },
      { defaultRepository: defaultRepository ?? UNSET, trusted },
    );
    const resolved = (dep: ManifestDependency): RepositoryTarget | undefined => {
      const target = resolve(dep);
      return target?.domain === UNSET.domain ? undefined : target;
    };
    // One gate check per distinct domain the folder alone names; a check that failed keeps its reason.
    const verdicts = new Map<string, boolean | { unchecked: string }>();
    for (const dep of contents.dependencies) {
      const target = resolved(dep);
      // Nothing is requested for a blocked repository: no domain to allow.
      if (!target?.fromWorkspace || target.blockedBy !== undefined) continue;
      const id = `${target.owner}/${target.domain}`;
      if (verdicts.has(id)) continue;
      let allowed: boolean;
      try {
        allowed = await this.gate.allows(folder, { domain: target.domain, owner: target.owner });
      } catch (err) {
        // Not signed in or offline: nothing is sent, and the domain is not called foreign on that account.
        const reason = err instanceof Error ? err.message : String(err);
        this.log.debug(`Versions: could not check domain ${target.domain}: ${reason}`);
        verdicts.set(id, { unchecked: reason });
        continue;
      }
      verdicts.set(id, allowed);
      if (!allowed) this.log.warn(`Versions: ${target.file ? path.basename(target.file) : 'this folder'} names the domain ${target.domain}${target.owner ? ` (account ${target.owner})` : ''}, which is not one of yours; nothing is requested for it until you allow it.`);
    }
    const fileLabel = (target: RepositoryTarget): string => (target.file ? path.basename(target.file) : 'settings.json');
    const analysis: Analysis = {
      contents,
      folder,
      folderName,
      trusted,
      ...([...verdicts.values()].some((v) => typeof v === 'object') ? { unchecked: true } : {}),
      route: (dep) => {
        const target = resolve(dep);
        if (target?.domain === UNSET.domain) return trusted ? { kind: 'unconfigured', format: target.format } : { kind: 'untrusted' };
        if (!target) return trusted ? undefined : { kind: 'untrusted' };
        if (target.blockedBy !== undefined) return { kind: 'mavenBlocked', target, mirrorId: target.blockedBy };
        const verdict = target.fromWorkspace ? verdicts.get(`${target.owner}/${target.domain}`) : true;
        if (typeof verdict === 'object') return { kind: 'blocked', target, fileLabel: fileLabel(target), unchecked: verdict.unchecked };
        if (verdict !== true) return { kind: 'blocked', target, fileLabel: fileLabel(target) };
        return { kind: 'lookup', target };
      },
    };
    for (const listener of this.listeners) listener(analysis, contents);
    return analysis;
  }
}

/**
 * What Maven's profile activation sees on this machine: the JDK of JAVA_HOME (its `release` file), this OS, the
 * environment, and ~/.m2/repository for parents and BOMs. Without JAVA_HOME, JDK-activated profiles stay inactive.
 */
async function mavenContext(read: (file: string) => Promise<string | undefined>): Promise<ModelContext> {
  const javaHome = process.env.JAVA_HOME;
  const release = javaHome ? await read(path.join(javaHome, 'release')) : undefined;
  const javaVersion = /^JAVA_VERSION="([^"]+)"/m.exec(release ?? '')?.[1] ?? '';
  const name = process.platform === 'win32' ? 'Windows' : process.platform === 'darwin' ? 'Mac OS X' : process.platform === 'linux' ? 'Linux' : process.platform;
  const family = process.platform === 'win32' ? 'windows' : process.platform === 'darwin' ? 'mac' : 'unix';
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  return {
    javaVersion,
    os: { name, family, arch, version: os.release() },
    systemProperties: { ...(javaVersion ? { 'java.version': javaVersion } : {}), 'os.name': name, 'os.arch': arch, 'os.version': os.release() },
    env: process.env,
    localRepository: path.join(os.homedir(), '.m2', 'repository'),
  };
}
