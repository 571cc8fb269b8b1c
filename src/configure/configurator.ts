// The configure journey below the UI: fetch endpoint and token, edit the files with the pure writers of
// core/configFiles, remember every edit in a record (globalState) so that refresh rewrites exactly the
// files that hold a token and removal undoes exactly what was written. No runtime `vscode` import.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { CodeArtifactApi, PackageFormat, RepositoryRef } from '../aws/codeArtifactApi';
import type { IssuedToken, TokenDomain } from '../auth/tokens';
import { FileTooLargeError, NotRegularFileError, readFileBounded } from '../core/boundedRead';
import { checkRepositoryNames } from '../core/configFiles/endpoint';
import { routeRepositoryEndpoint } from '../core/endpointTrust';
import { renderEnvironment } from '../core/configFiles/environment';
import { assertProjectFileInsideFolder, assertTokenFileOutsideWorkspaces, isInside, writeFileAtomic } from '../core/configFiles/fileWrite';
import { applyNugetSource, applyNugetUserConfig, removeNugetConfig } from '../core/configFiles/nugetConfig';
import { userNugetConfigPath } from '../core/configFiles/nugetSources';
import { applySwiftNetrc, applySwiftRegistries, checkSwiftScope, isEmptySwiftRegistries, removeSwiftNetrc, removeSwiftRegistries } from '../core/configFiles/swiftRegistry';
import { applyMavenSettings, mavenRepositoryId, removeMavenSettings } from '../core/configFiles/mavenSettings';
import { ConfigEditError, result, type EditResult } from '../core/configFiles/managedBlock';
import { renderGradleInitScript } from '../core/configFiles/snippets';
import { applyNpmAuth, applyNpmRegistry, removeNpmAuth, removeNpmRegistry } from '../core/configFiles/npmrc';
import { applyPipIndex, applyPypirc, removePipIndex, removePypirc, type PipIndexMode } from '../core/configFiles/pipConfig';
import { gradleInitScriptPath, mavenSettingsPath, pypircPath, userNpmrcPath, userPipConfigPath, userYarnrcPath, type UserContext } from '../core/configFiles/userPaths';
import { applyCargoRecord, cargoRecords, removeCargoRecord, type CargoConfigKind } from './cargoRecords';
import { applyRubyRecord, removeRubyRecord, rubyRecords, type RubyConfigKind } from './rubyRecords';
import { applyPythonProjectRecord, pythonProjectRecords, removePythonProjectRecord, type PythonProjectConfigKind, type UvFile } from './pythonProjectRecords';
import type { PythonTool } from '../core/configFiles/pyprojectIndex';
import { applyYarnAuth, applyYarnRegistry, removeYarnAuth, removeYarnRegistry } from '../core/configFiles/yarnrc';

/** A configuration file bigger than this is not one we wrote or should rewrite. */
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

export type ConfigKind = 'npmRegistry' | 'npmAuth' | 'yarnRegistry' | 'yarnAuth' | 'pipIndex' | 'pypirc' | 'mavenSettings' | 'gradleInit' | 'nugetSource' | 'nugetUserConfig' | 'swiftRegistries' | 'swiftNetrc' | CargoConfigKind | RubyConfigKind | PythonProjectConfigKind;

/** One applied edit: enough to redo it with a new token and to undo it. Stored as JSON in globalState. */
export interface AppliedConfiguration {
  readonly kind: ConfigKind;
  readonly file: string;
  readonly domain: string;
  /** '' when the domain is the caller's own and its owner was not known. */
  readonly owner: string;
  readonly repository: string;
  readonly endpoint: string;
  readonly scope?: string;
  readonly mode?: PipIndexMode;
  readonly password?: 'env' | 'inline';
  readonly mirror?: boolean;
  /** Cargo: the registry name and whether crates.io is replaced by it. */
  readonly cargoName?: string;
  readonly replaceCratesIo?: boolean;
  /** The file holds the token, so a refresh rewrites it. */
  readonly holdsToken: boolean;
  /** The file did not exist before we first wrote it: removing our last block deletes it again. */
  readonly createdFile: boolean;
  readonly appliedAt: number;
}

export interface FileChange {
  readonly file: string;
  /** Summary lines from the writer (never a token); empty when the file was already as wanted. */
  readonly lines: readonly string[];
  readonly holdsToken: boolean;
  readonly deleted?: boolean;
}

export interface ConfigureResult {
  readonly changes: FileChange[];
  readonly domain: TokenDomain;
  readonly endpoint: string;
}

export interface RepositoryTarget {
  readonly domain: string;
  /** Owner account; '' or absent for the caller's own domain. */
  readonly domainOwner?: string;
  readonly repository: string;
}

export type RecordStore = Pick<vscode.Memento, 'get' | 'update'>;
export type ConfigureLog = Pick<vscode.LogOutputChannel, 'info' | 'warn'>;

export interface ConfiguratorOptions {
  readonly api: () => Pick<CodeArtifactApi, 'getRepositoryEndpoint'>;
  readonly tokens: { get(domain: TokenDomain, signal?: AbortSignal): Promise<IssuedToken> };
  readonly records: RecordStore;
  /** Environment and home directory used to find user-level files (NPM_CONFIG_USERCONFIG, PIP_CONFIG_FILE, …). */
  readonly user: () => UserContext;
  readonly workspaceRoots: () => readonly string[];
  readonly log: ConfigureLog;
  /**
   * The signed-in region and the user's own control-plane endpoint: a repository endpoint is written into files
   * only if it is a CodeArtifact address of that domain there (see core/endpointTrust). `undefined`: any region.
   */
  readonly connection: () => { readonly region: string; readonly endpoint?: string; readonly dataPlaneEndpoint?: string } | undefined;
  readonly now?: () => number;
}

export const RECORDS_KEY = 'codeartifact.configurations';
/** The first line renderGradleInitScript writes; marks an init script as ours. */
const GRADLE_HEADER = '// Written by the CodeArtifact extension';

function recordId(r: Pick<AppliedConfiguration, 'kind' | 'file' | 'domain' | 'owner' | 'repository' | 'scope' | 'endpoint' | 'cargoName'>): string {
  // One record per block: the block id is the registry key (npm/yarn), the nerf dart / repository (auth, maven), fixed for pip/pypirc.
  switch (r.kind) {
    case 'npmRegistry':
    case 'yarnRegistry':
      return `${r.kind}|${r.file}|${r.scope ?? ''}`;
    case 'npmAuth':
    case 'yarnAuth':
      return `${r.kind}|${r.file}|${r.endpoint}`;
    case 'mavenSettings':
    case 'nugetSource':
    case 'nugetUserConfig':
      return `${r.kind}|${r.file}|${r.domain}|${r.repository}`;
    case 'gradleInit':
    case 'pipIndex':
    case 'pypirc':
      return `${r.kind}|${r.file}`;
    case 'swiftRegistries':
      return `${r.kind}|${r.file}|${r.scope ?? ''}`;
    case 'swiftNetrc':
      // One netrc entry per host: every repository of a domain shares it.
      return `${r.kind}|${r.file}|${new URL(r.endpoint).host}`;
    case 'cargoRegistry':
    case 'cargoCredentials':
      return `${r.kind}|${r.file}|${r.cargoName ?? ''}`;
    case 'rubyGemfile':
      return `${r.kind}|${r.file}`;
    case 'rubyBundler':
    case 'rubyGemCredentials':
    case 'rubyGemrc':
      return `${r.kind}|${r.file}|${r.endpoint}`;
    case 'uvIndex':
    case 'uvToml':
    case 'poetrySource':
    case 'poetryAuth':
      return `${r.kind}|${r.file}|${r.domain}|${r.repository}`;
  }
}

export function describeRecord(r: AppliedConfiguration): string {
  const what: Record<ConfigKind, string> = {
    npmRegistry: r.scope ? `npm registry for ${r.scope}` : 'npm registry',
    npmAuth: 'npm token',
    yarnRegistry: r.scope ? `yarn registry for ${r.scope}` : 'yarn registry',
    yarnAuth: 'yarn token',
    pipIndex: `pip ${r.mode ?? 'index-url'}`,
    pypirc: 'twine repository',
    mavenSettings: `Maven server/profile${r.mirror ? '/mirror' : ''}`,
    gradleInit: 'Gradle init script',
    nugetSource: 'NuGet source (project nuget.config)',
    nugetUserConfig: 'NuGet source and credentials (user NuGet.Config)',
    swiftRegistries: r.scope ? `Swift registry for scope ${r.scope}` : 'Swift registry',
    swiftNetrc: 'Swift registry login (~/.netrc)',
    cargoRegistry: `cargo registry ${r.cargoName ?? ''}${r.replaceCratesIo ? ' (replacing crates.io)' : ''}`,
    cargoCredentials: `cargo token for ${r.cargoName ?? ''}`,
    rubyGemfile: 'Gemfile source',
    rubyBundler: 'Bundler credentials',
    rubyGemCredentials: 'gem push API key',
    rubyGemrc: 'gem source (~/.gemrc)',
    uvIndex: 'uv index (pyproject.toml)',
    uvToml: 'uv index (uv.toml)',
    poetrySource: 'Poetry source (pyproject.toml)',
    poetryAuth: 'Poetry credentials (auth.toml)',
  };
  return `${what[r.kind]} → ${r.domain}/${r.repository}`;
}

interface PlannedEdit {
  readonly record: AppliedConfiguration;
  readonly result: EditResult;
  readonly existed: boolean;
}

export class Configurator {
  private readonly now: () => number;
  /** File edits run one at a time: a refresh's rewrite and a configure touching the same file must not interleave. */
  private queue: Promise<unknown> = Promise.resolve();

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  constructor(private readonly opts: ConfiguratorOptions) {
    this.now = opts.now ?? Date.now;
  }

  records(): AppliedConfiguration[] {
    return [...this.opts.records.get<AppliedConfiguration[]>(RECORDS_KEY, [])];
  }

  /** The domains some configuration uses (the token service keeps these alive). */
  domains(): TokenDomain[] {
    const seen = new Map<string, TokenDomain>();
    for (const r of this.records()) seen.set(`${r.owner}/${r.domain}`, { name: r.domain, owner: r.owner });
    return [...seen.values()];
  }

  /** The endpoint, with the token fetched in parallel (so a first configure costs one round trip). */
  private async endpointAndToken(target: RepositoryTarget, format: PackageFormat, signal?: AbortSignal): Promise<{ endpoint: string; token: IssuedToken; domain: TokenDomain }> {
    checkRepositoryNames(target);
    const ref: RepositoryRef = { domain: target.domain, repository: target.repository, ...(target.domainOwner ? { domainOwner: target.domainOwner } : {}) };
    const domain: TokenDomain = { name: target.domain, owner: target.domainOwner ?? '' };
    const [endpoint, token] = await Promise.all([this.opts.api().getRepositoryEndpoint(ref, format, { signal }).then((url) => this.trusted(target, format, url)), this.opts.tokens.get(domain, signal)]);
    return { endpoint, token, domain };
  }

  /** The endpoint if it is a CodeArtifact address of this domain (a hostile or broken service answer never reaches a file). */
  private trusted(target: RepositoryTarget, format: PackageFormat, url: string): string {
    const connection = this.opts.connection();
    const verdict = routeRepositoryEndpoint(url, {
      domain: target.domain,
      ...(target.domainOwner ? { owner: target.domainOwner } : {}),
      format,
      region: connection?.region ?? '*',
      ...(connection?.endpoint ? { controlPlaneEndpoint: connection.endpoint } : {}),
      ...(connection?.dataPlaneEndpoint ? { dataPlaneEndpoint: connection.dataPlaneEndpoint } : {}),
    });
    if (!verdict.ok) throw new ConfigEditError(`Refusing the repository endpoint for ${target.domain}/${target.repository}: ${verdict.reason} Nothing was written.`);
    return verdict.url;
  }

  private base(target: RepositoryTarget, endpoint: string) {
    return { domain: target.domain, owner: target.domainOwner ?? '', repository: target.repository, endpoint, appliedAt: this.now() };
  }

  /** npm (and pnpm, yarn classic): project `.npmrc` registry line, user npmrc token. */
  async configureNpm(target: RepositoryTarget, options: { workspaceFolder: string; scope?: string }, signal?: AbortSignal): Promise<ConfigureResult> {
    const { endpoint, domain } = await this.endpointAndToken(target, 'npm', signal);
    const scope = options.scope?.trim() ? options.scope.trim() : undefined;
    const base = this.base(target, endpoint);
    const userFile = userNpmrcPath(this.opts.user());
    const projectFile = path.join(options.workspaceFolder, '.npmrc');
    return this.applyAll(domain, endpoint, [
      { ...base, kind: 'npmAuth', file: userFile, holdsToken: true },
      { ...base, kind: 'npmRegistry', file: projectFile, holdsToken: false, ...(scope ? { scope } : {}) },
    ]);
  }

  /** yarn berry: project `.yarnrc.yml` registry, user `~/.yarnrc.yml` token. */
  async configureYarnBerry(target: RepositoryTarget, options: { workspaceFolder: string; scope?: string }, signal?: AbortSignal): Promise<ConfigureResult> {
    const { endpoint, domain } = await this.endpointAndToken(target, 'npm', signal);
    const scope = options.scope?.trim() ? options.scope.trim() : undefined;
    const base = this.base(target, endpoint);
    return this.applyAll(domain, endpoint, [
      { ...base, kind: 'yarnAuth', file: userYarnrcPath(this.opts.user()), holdsToken: true },
      { ...base, kind: 'yarnRegistry', file: path.join(options.workspaceFolder, '.yarnrc.yml'), holdsToken: false, ...(scope ? { scope } : {}) },
    ]);
  }

  /** pip: `[global] index-url` or `extra-index-url` in the user pip config (token in the URL). */
  async configurePip(target: RepositoryTarget, options: { mode: PipIndexMode }, signal?: AbortSignal): Promise<ConfigureResult> {
    const { endpoint, domain } = await this.endpointAndToken(target, 'pypi', signal);
    const base = this.base(target, endpoint);
    // One pip block per file: a second repository replaces the first, so drop the old record's claim.
    return this.applyAll(domain, endpoint, [{ ...base, kind: 'pipIndex', file: userPipConfigPath(this.opts.user()), holdsToken: true, mode: options.mode }]);
  }

  /** twine: a `[codeartifact]` section in ~/.pypirc. */
  async configureTwine(target: RepositoryTarget, signal?: AbortSignal): Promise<ConfigureResult> {
    const { endpoint, domain } = await this.endpointAndToken(target, 'pypi', signal);
    const base = this.base(target, endpoint);
    return this.applyAll(domain, endpoint, [{ ...base, kind: 'pypirc', file: pypircPath(this.opts.user()), holdsToken: true }]);
  }

  /** Maven: server, profile (and optionally mirror) in ~/.m2/settings.xml; password from the environment by default. */
  async configureMaven(target: RepositoryTarget, options: { password: 'env' | 'inline'; mirror: boolean }, signal?: AbortSignal): Promise<ConfigureResult> {
    const { endpoint, domain } = await this.endpointAndToken(target, 'maven', signal);
    const base = this.base(target, endpoint);
    return this.applyAll(domain, endpoint, [
      { ...base, kind: 'mavenSettings', file: mavenSettingsPath(this.opts.user()), holdsToken: options.password === 'inline', password: options.password, mirror: options.mirror },
    ]);
  }

  /**
   * Gradle: an init script of our own in ~/.gradle/init.d (token from the environment at build time).
   * A file of that name that we did not write is refused, so removal can simply delete ours.
   */
  async configureGradle(target: RepositoryTarget, signal?: AbortSignal): Promise<ConfigureResult> {
    const { endpoint, domain } = await this.endpointAndToken(target, 'maven', signal);
    const file = gradleInitScriptPath(this.opts.user(), mavenRepositoryId(target.domain, target.repository));
    const existing = await readConfigText(file);
    if (existing !== undefined && !existing.startsWith(GRADLE_HEADER)) {
      throw new ConfigEditError(`${file} exists and was not written by this extension; rename it and try again.`);
    }
    return this.applyAll(domain, endpoint, [{ ...this.base(target, endpoint), kind: 'gradleInit', file, holdsToken: false }]);
  }

  /**
   * NuGet: the source and its credentials (ClearTextPassword, as `dotnet nuget add source --store-password-in-clear-text`
   * writes on Linux/macOS) in the user's NuGet.Config; with a workspace folder, the source alone in its nuget.config too.
   */
  async configureNuget(target: RepositoryTarget, options: { workspaceFolder?: string }, signal?: AbortSignal): Promise<ConfigureResult> {
    const { endpoint, domain } = await this.endpointAndToken(target, 'nuget', signal);
    const base = this.base(target, endpoint);
    return this.applyAll(domain, endpoint, [
      { ...base, kind: 'nugetUserConfig', file: userNugetConfigPath(this.opts.user()), holdsToken: true },
      ...(options.workspaceFolder !== undefined ? [{ ...base, kind: 'nugetSource' as const, file: path.join(options.workspaceFolder, 'nuget.config'), holdsToken: false }] : []),
    ]);
  }

  /**
   * Swift: `.swiftpm/configuration/registries.json` in the package folder (`swift package-registry set`), and the
   * login in ~/.netrc (`swift package-registry login --token` on Linux; the token lasts at most 12 hours).
   */
  async configureSwift(target: RepositoryTarget, options: { packageFolder: string; scope?: string }, signal?: AbortSignal): Promise<ConfigureResult> {
    const { endpoint, domain } = await this.endpointAndToken(target, 'swift', signal);
    const base = this.base(target, endpoint);
    const scope = options.scope?.trim() ? checkSwiftScope(options.scope.trim()) : undefined;
    return this.applyAll(domain, endpoint, [
      { ...base, kind: 'swiftNetrc', file: path.join(this.opts.user().home, '.netrc'), holdsToken: true },
      { ...base, kind: 'swiftRegistries', file: path.join(options.packageFolder, '.swiftpm', 'configuration', 'registries.json'), holdsToken: false, ...(scope ? { scope } : {}) },
    ]);
  }

  /** Cargo: project `.cargo/config.toml` registry (and crates.io replacement), user credentials.toml token. */
  async configureCargo(target: RepositoryTarget, options: { workspaceFolder: string; replaceCratesIo: boolean; name?: string }, signal?: AbortSignal): Promise<ConfigureResult> {
    const { endpoint, domain } = await this.endpointAndToken(target, 'cargo', signal);
    return this.applyAll(domain, endpoint, cargoRecords(this.base(target, endpoint), { ...options, user: this.opts.user() }));
  }

  /** RubyGems: the project Gemfile's source; Bundler's credentials and gem push's key in the user's files. */
  async configureRubyGems(target: RepositoryTarget, options: { workspaceFolder: string }, signal?: AbortSignal): Promise<ConfigureResult> {
    const { endpoint, domain } = await this.endpointAndToken(target, 'ruby', signal);
    return this.applyAll(domain, endpoint, rubyRecords(this.base(target, endpoint), { ...options, user: this.opts.user() }));
  }

  /** uv or Poetry: the project's pyproject.toml index (or uv's uv.toml; URL only); Poetry's token in its user auth.toml. */
  async configurePythonProject(target: RepositoryTarget, options: { tool: PythonTool; workspaceFolder: string; mode: PipIndexMode; uvFile?: UvFile }, signal?: AbortSignal): Promise<ConfigureResult> {
    const { endpoint, domain } = await this.endpointAndToken(target, 'pypi', signal);
    return this.applyAll(domain, endpoint, pythonProjectRecords(this.base(target, endpoint), { ...options, user: this.opts.user() }));
  }

  /** The endpoint of a repository for a format (for snippets of uv, poetry, Gradle). */
  async endpoint(target: RepositoryTarget, format: PackageFormat, signal?: AbortSignal): Promise<string> {
    checkRepositoryNames(target);
    const ref: RepositoryRef = { domain: target.domain, repository: target.repository, ...(target.domainOwner ? { domainOwner: target.domainOwner } : {}) };
    return this.trusted(target, format, await this.opts.api().getRepositoryEndpoint(ref, format, { signal }));
  }

  /** A file inside a workspace folder is edited only if it really is there (not a link to a file elsewhere). */
  private async assertStaysInItsFolder(file: string): Promise<void> {
    for (const root of this.opts.workspaceRoots()) {
      if (isInside(path.resolve(file), path.resolve(root))) await assertProjectFileInsideFolder(file, root);
    }
  }

  /**
   * Computes every edit first, checks that no token file is inside a workspace, then writes. A refusal
   * or a file we cannot edit safely leaves every file untouched.
   */
  private applyAll(domain: TokenDomain, endpoint: string, wanted: Omit<AppliedConfiguration, 'createdFile'>[]): Promise<ConfigureResult> {
    // The token is read again inside the exclusive section: a refresh may have replaced it since it was
    // fetched, and its rewrite may already have run (a cache hit, no second API call).
    return this.exclusive(async () => this.applyAllNow(domain, endpoint, (await this.opts.tokens.get(domain)).token, wanted));
  }

  private async applyAllNow(domain: TokenDomain, endpoint: string, token: string, wanted: Omit<AppliedConfiguration, 'createdFile'>[]): Promise<ConfigureResult> {
    const planned: PlannedEdit[] = [];
    const previous = this.records();
    const texts = new Map<string, string | undefined>();
    for (const w of wanted) {
      if (w.holdsToken) await assertTokenFileOutsideWorkspaces(w.file, this.opts.workspaceRoots());
      await this.assertStaysInItsFolder(w.file);
      const existing = texts.has(w.file) ? texts.get(w.file) : await readConfigText(w.file);
      const old = previous.find((r) => recordId(r) === recordId(w));
      // pip has one block per file: another repository's earlier pip record is replaced by this one.
      const replaced = w.kind === 'pipIndex' ? previous.find((r) => r.kind === 'pipIndex' && r.file === w.file) : old;
      // A Gradle init script is ours alone (checked by configureGradle), so removal always deletes it.
      const record: AppliedConfiguration = { ...w, createdFile: w.kind === 'gradleInit' || (replaced ? replaced.createdFile : existing === undefined) };
      const result = applyRecord(existing, record, token);
      texts.set(w.file, result.text);
      planned.push({ record, result, existed: existing !== undefined });
    }
    const changes: FileChange[] = [];
    for (const p of planned) {
      if (p.result.changed || !p.existed) await writeFileAtomic(p.record.file, p.result.text, p.record.holdsToken ? { mode: 0o600 } : {});
      changes.push({ file: p.record.file, lines: p.result.changes, holdsToken: p.record.holdsToken });
    }
    const ids = new Set(planned.map((p) => recordId(p.record)));
    const pipFiles = new Set(planned.filter((p) => p.record.kind === 'pipIndex').map((p) => p.record.file));
    const kept = previous.filter((r) => !ids.has(recordId(r)) && !(r.kind === 'pipIndex' && pipFiles.has(r.file)));
    await this.opts.records.update(RECORDS_KEY, [...kept, ...planned.map((p) => p.record)]);
    this.opts.log.info(`Configured ${planned.map((p) => describeRecord(p.record)).join(', ')}`);
    return { changes, domain, endpoint };
  }

  /**
   * Rewrites every file that holds the token of `token`'s domain (from the records). Files that fail are
   * reported in the result and logged; the others are still written.
   */
  rewriteTokenFiles(token: IssuedToken): Promise<{ changes: FileChange[]; errors: { file: string; message: string }[] }> {
    return this.exclusive(() => this.rewriteTokenFilesNow(token));
  }

  private async rewriteTokenFilesNow(token: IssuedToken): Promise<{ changes: FileChange[]; errors: { file: string; message: string }[] }> {
    const changes: FileChange[] = [];
    const errors: { file: string; message: string }[] = [];
    const mine = this.records().filter((r) => r.holdsToken && r.domain === token.name && r.owner === token.owner);
    const byFile = new Map<string, AppliedConfiguration[]>();
    for (const r of mine) byFile.set(r.file, [...(byFile.get(r.file) ?? []), r]);
    for (const [file, records] of byFile) {
      try {
        await assertTokenFileOutsideWorkspaces(file, this.opts.workspaceRoots());
        let text = await readConfigText(file);
        if (text === undefined) {
          errors.push({ file, message: 'the file no longer exists; configure again to recreate it' });
          continue;
        }
        const lines: string[] = [];
        for (const r of records) {
          const result = applyRecord(text, r, token.token);
          text = result.text;
          lines.push(...result.changes);
        }
        if (lines.length > 0) await writeFileAtomic(file, text, { mode: 0o600 });
        changes.push({ file, lines, holdsToken: true });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.opts.log.warn(`Could not write the new token to ${file}: ${message}`);
        errors.push({ file, message });
      }
    }
    return { changes, errors };
  }

  /**
   * Undoes the given configurations (default: all), newest first so that blocks come out in the reverse
   * order they went in. A file we created that ends up empty is deleted. Returns the domains no longer used.
   */
  remove(which?: (r: AppliedConfiguration) => boolean): Promise<{ changes: FileChange[]; errors: { file: string; message: string }[]; unusedDomains: TokenDomain[] }> {
    return this.exclusive(() => this.removeNow(which));
  }

  private async removeNow(which?: (r: AppliedConfiguration) => boolean): Promise<{ changes: FileChange[]; errors: { file: string; message: string }[]; unusedDomains: TokenDomain[] }> {
    const all = this.records();
    const removing = all.filter((r) => (which ? which(r) : true)).reverse();
    const changes: FileChange[] = [];
    const errors: { file: string; message: string }[] = [];
    const done = new Set<string>();
    for (const r of removing) {
      try {
        await this.assertStaysInItsFolder(r.file);
        const text = await readConfigText(r.file);
        if (text !== undefined) {
          const after = removeRecord(text, r);
          if (after === '' && r.createdFile) {
            await fs.rm(r.file, { force: true });
            changes.push({ file: r.file, lines: [`Removed ${describeRecord(r)}; deleted the file (it was created for this)`], holdsToken: r.holdsToken, deleted: true });
          } else if (after !== text) {
            await writeFileAtomic(r.file, after);
            changes.push({ file: r.file, lines: [`Removed ${describeRecord(r)}`], holdsToken: r.holdsToken });
          }
        }
        done.add(recordId(r));
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        this.opts.log.warn(`Could not remove ${describeRecord(r)} from ${r.file}: ${message}`);
        errors.push({ file: r.file, message });
      }
    }
    // A file we created stays "ours" for the records still in it, so removing the last one deletes it.
    const created = new Set(removing.filter((r) => r.createdFile && done.has(recordId(r))).map((r) => r.file));
    const left = all.filter((r) => !done.has(recordId(r))).map((r) => (created.has(r.file) ? { ...r, createdFile: true } : r));
    await this.opts.records.update(RECORDS_KEY, left);
    const stillUsed = new Set(left.map((r) => `${r.owner}/${r.domain}`));
    const unusedDomains = [...new Map(removing.map((r) => [`${r.owner}/${r.domain}`, { name: r.domain, owner: r.owner }])).entries()]
      .filter(([k]) => !stillUsed.has(k))
      .map(([, d]) => d);
    return { changes: changes.reverse(), errors, unusedDomains };
  }

  /** Terminal environment for the most recently configured repository (its domain's token). */
  async environment(tokenOf: (d: TokenDomain) => Promise<IssuedToken | undefined>): Promise<Record<string, string> | undefined> {
    const latest = [...this.records()].sort((a, b) => b.appliedAt - a.appliedAt)[0];
    if (!latest) return undefined;
    const token = await tokenOf({ name: latest.domain, owner: latest.owner });
    if (!token) return undefined;
    return renderEnvironment({ token: token.token, domain: latest.domain, domainOwner: latest.owner, endpoint: latest.endpoint });
  }
}

/**
 * The file's text, or undefined when it does not exist. Unlike a plain utf8 read, bytes that are not UTF-8 are
 * refused: decoding would replace them, and writing the file back would destroy them. Read failures (a
 * symlink loop, a directory, no permission) become ConfigEditErrors that name the file.
 */
export async function readConfigText(file: string): Promise<string | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFileBounded(file, { maxBytes: MAX_CONFIG_BYTES });
  } catch (e) {
    if (e instanceof FileTooLargeError || e instanceof NotRegularFileError) throw new ConfigEditError(`${e.message} A configuration file should be a small text file; check what is at that path.`);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    const why: Record<string, string> = { ELOOP: 'it is a loop of symbolic links', EISDIR: 'it is a directory', EACCES: 'permission denied' };
    throw new ConfigEditError(`Cannot read ${file}: ${why[code ?? ''] ?? (e instanceof Error ? e.message : String(e))}.`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new ConfigEditError(`${file} is not valid UTF-8 text; it was left alone so that none of its bytes change.`);
  }
}

function applyRecord(existing: string | undefined, r: AppliedConfiguration, token: string): EditResult {
  switch (r.kind) {
    case 'npmRegistry':
      return applyNpmRegistry(existing, { endpoint: r.endpoint, ...(r.scope ? { scope: r.scope } : {}) });
    case 'npmAuth':
      return applyNpmAuth(existing, { endpoint: r.endpoint, token });
    case 'yarnRegistry':
      return applyYarnRegistry(existing, { endpoint: r.endpoint, ...(r.scope ? { scope: r.scope } : {}) });
    case 'yarnAuth':
      return applyYarnAuth(existing, { endpoint: r.endpoint, token });
    case 'pipIndex':
      return applyPipIndex(existing, { endpoint: r.endpoint, token, mode: r.mode ?? 'index-url' });
    case 'pypirc':
      return applyPypirc(existing, { endpoint: r.endpoint, token });
    case 'mavenSettings':
      return applyMavenSettings(existing, {
        endpoint: r.endpoint,
        domain: r.domain,
        repository: r.repository,
        password: r.password === 'inline' ? { kind: 'inline', token } : { kind: 'env' },
        mirror: r.mirror ?? false,
      });
    case 'nugetSource':
      return applyNugetSource(existing, { endpoint: r.endpoint, domain: r.domain, repository: r.repository });
    case 'nugetUserConfig':
      return applyNugetUserConfig(existing, { endpoint: r.endpoint, domain: r.domain, repository: r.repository, token });
    case 'swiftRegistries':
      return applySwiftRegistries(existing, { endpoint: r.endpoint, ...(r.scope ? { scope: r.scope } : {}) });
    case 'swiftNetrc':
      return applySwiftNetrc(existing, { endpoint: r.endpoint, token });
    case 'cargoRegistry':
    case 'cargoCredentials':
      return applyCargoRecord(existing, r, token);
    case 'rubyGemfile':
    case 'rubyBundler':
    case 'rubyGemCredentials':
    case 'rubyGemrc':
      return applyRubyRecord(existing, r, token);
    case 'uvIndex':
    case 'uvToml':
    case 'poetrySource':
    case 'poetryAuth':
      return applyPythonProjectRecord(existing, r, token);
    case 'gradleInit':
      return result(existing, renderGradleInitScript({ endpoint: r.endpoint, domain: r.domain, repository: r.repository }), [
        `Gradle init script for ${r.domain}/${r.repository}: repository and plugin repository ${r.endpoint}, password from CODEARTIFACT_AUTH_TOKEN`,
      ]);
  }
}

function removeRecord(text: string, r: AppliedConfiguration): string {
  switch (r.kind) {
    case 'npmRegistry':
      return removeNpmRegistry(text, r.scope ? { scope: r.scope } : {});
    case 'npmAuth':
      return removeNpmAuth(text, { endpoint: r.endpoint });
    case 'yarnRegistry':
      return removeYarnRegistry(text, r.scope ? { scope: r.scope } : {});
    case 'yarnAuth':
      return removeYarnAuth(text, { endpoint: r.endpoint });
    case 'pipIndex':
      return removePipIndex(text);
    case 'pypirc':
      return removePypirc(text);
    case 'mavenSettings':
      return removeMavenSettings(text, { domain: r.domain, repository: r.repository });
    case 'gradleInit':
      return '';
    case 'nugetSource':
    case 'nugetUserConfig':
      return removeNugetConfig(text, { domain: r.domain, repository: r.repository }, path.basename(r.file));
    case 'swiftRegistries': {
      const out = removeSwiftRegistries(text, { endpoint: r.endpoint, ...(r.scope ? { scope: r.scope } : {}) });
      return r.createdFile && isEmptySwiftRegistries(out) ? '' : out;
    }
    case 'swiftNetrc':
      return removeSwiftNetrc(text, { endpoint: r.endpoint });
    case 'cargoRegistry':
    case 'cargoCredentials':
      return removeCargoRecord(text, r);
    case 'rubyGemfile':
    case 'rubyBundler':
    case 'rubyGemCredentials':
    case 'rubyGemrc':
      return removeRubyRecord(text, r);
    case 'uvIndex':
    case 'uvToml':
    case 'poetrySource':
    case 'poetryAuth':
      return removePythonProjectRecord(text, r);
  }
}
