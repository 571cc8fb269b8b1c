// The VS Code side of version intelligence: hover, code lens, diagnostics, completion and quick fixes over
// manifests, all fed by one VersionSource. Each provider has its own module; this one builds them around one
// VersionLookup and one LinkStores, and registers them. Broken files yield nothing (no hover, no
// notification); lookup failures go to the log, and a hover says in one line why it has nothing to show.
import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import { registerCommand } from '../shared/commands';
import type { Connectivity } from '../shared/connectivity';
import { readTimeoutSeconds } from '../shared/settings';
import { CHOOSE_REPOSITORY_COMMAND, chooseVersionsRepository } from './chooseRepository';
import { VersionCompletionProvider } from './completionProvider';
import { watchRegistryConfig } from './configWatch';
import { VersionDiagnostics } from './diagnosticsProvider';
import { DomainApprovals } from './domainApprovals';
import type { DomainGate } from './domainGate';
import { registerUnknownPackageCommands } from './failureActions';
import { APPROVE_DOMAIN_COMMAND, COPY_SNIPPET_COMMAND, REVEAL_COMMAND, SHOW_VERSIONS_COMMAND, UPDATE_COMMAND } from './hoverContent';
import { VersionHoverProvider } from './hoverProvider';
import { REFRESH_COMMAND, VersionLensProvider, watchLockfiles } from './lensProvider';
import { HIDE_LENSES_COMMAND, SHOW_LENSES_COMMAND, setLensesEnabled, watchLensContext } from './lensToggle';
import { LinkCommands, LinkStores } from './linkCommands';
import type { ManifestAnalyses } from './manifestAnalyses';
import { readVersionSettings, type Analysis, type VersionSettings } from './manifestAnalysis';
import { manifestKindOf, type ManifestContents, type ManifestDependency } from './manifestDependencies';
import { VersionQuickFixProvider } from './quickFixProvider';
import { RepositoryReach } from './repositoryReach';
import { UPDATE_ALL_COMMAND, updateAllDependencies } from './updateAllCommand';
import { errorMessage, VersionLookup } from './versionLookup';
import { VersionSource, watchInvalidation, type InvalidationTriggers, type PackageVersions, type TokenGetter } from './versionSource';

export { REFRESH_COMMAND };

const SELECTOR: vscode.DocumentSelector = [
  '**/package.json',
  '**/requirements*.txt',
  '**/requirements*.in',
  '**/constraints*.txt',
  '**/requirements/*.{txt,in}',
  '**/pom.xml',
  '**/pyproject.toml',
  '**/build.gradle',
  '**/build.gradle.kts',
  '**/*.versions.toml',
  '**/*.{csproj,fsproj,vbproj}',
  '**/{Directory.Packages.props,Directory.Build.props,Directory.Build.targets,packages.config}',
  '**/Package.swift',
  '**/Cargo.toml',
  '**/Gemfile',
  '**/*.gemspec',
].map((pattern) => ({ scheme: 'file', pattern }));

/** The providers and commands around one lookup, one set of link stores and one domain gate. */
export class VersionIntelligence implements vscode.Disposable {
  readonly lookup: VersionLookup;
  readonly links = new LinkStores();
  readonly hover: VersionHoverProvider;
  readonly lenses: VersionLensProvider;
  readonly diagnostics: VersionDiagnostics;
  readonly completion: VersionCompletionProvider;
  readonly quickFixes: VersionQuickFixProvider;
  readonly commands: LinkCommands;
  readonly approvals: DomainApprovals;
  readonly gate: DomainGate;

  constructor(
    readonly source: VersionSource,
    private readonly log: vscode.LogOutputChannel,
    /** The host's one gate and analyzer, shared with the dependency guard (manifestAnalyses.ts). */
    analyses: ManifestAnalyses,
    settings: (scope?: vscode.Uri) => VersionSettings = readVersionSettings,
    /** Whether a repository has an external connection upstream (severity of an unknown package). */
    private readonly reach?: RepositoryReach,
  ) {
    this.gate = analyses.gate;
    this.lookup = new VersionLookup({
      source,
      log,
      analyzer: analyses.analyzer,
      afterAnalysis: (analysis, contents) => this.afterAnalysis(analysis, contents),
      retryDue: () => this.reshow(),
    });
    this.hover = new VersionHoverProvider(this.lookup, this.links, log);
    this.lenses = new VersionLensProvider(this.lookup, this.links, settings);
    this.diagnostics = new VersionDiagnostics(this.lookup, settings, reach);
    this.completion = new VersionCompletionProvider(this.lookup);
    this.quickFixes = new VersionQuickFixProvider(this.lookup, this.diagnostics);
    this.commands = new LinkCommands(this.links, source);
    this.approvals = new DomainApprovals(this.gate, this.links, log, () => this.refresh());
  }

  dispose(): void {
    this.lookup.dispose();
    this.diagnostics.dispose();
    this.lenses.dispose();
  }

  /** Forgets every answer and shows fresh ones: the refresh command, sign-in changes, trust, approvals. */
  refresh(): void {
    this.source.invalidate();
    this.lookup.clearInstalled();
    this.gate.invalidate();
    this.reach?.clear();
    this.lookup.clearAnalyses();
    this.reshow();
  }

  /** A write changed some packages (their answers are already forgotten): lenses and diagnostics ask again. */
  packagesChanged(): void {
    this.reshow();
  }

  /** A lockfile changed: lenses show the new installed versions (the cache checks mtime and size). */
  lockfileChanged(): void {
    this.lenses.changed();
  }

  /** Every dependency's answer, as the lenses get them ("Update all dependencies"); `failed` could not be asked. */
  answersFor(doc: vscode.TextDocument, signal?: AbortSignal): Promise<{ answers: { dep: ManifestDependency; pkg: PackageVersions }[]; failed: number } | undefined> {
    return this.lookup.answersFor(doc, signal);
  }

  /** Lenses and diagnostics ask again; answers still fresh come from the cache. */
  private reshow(): void {
    this.lenses.changed();
    for (const doc of vscode.workspace.textDocuments) this.diagnostics.schedule(doc, 0);
  }

  private afterAnalysis(analysis: Analysis, contents: ManifestContents): void {
    const seen = new Set<string>();
    for (const dep of contents.dependencies) {
      const route = analysis.route(dep);
      if (!route || route.kind === 'untrusted' || route.kind === 'unconfigured' || route.kind === 'mavenBlocked') continue;
      const { target } = route;
      const key = `${target.domain}|${target.owner}|${target.repository}|${target.format}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // A domain that could not be checked (offline) is not called foreign: nothing is offered until it is known.
      if (route.kind === 'blocked') {
        if (!route.unchecked) this.approvals.offer(analysis, route);
      }
      // Endpoint and token of each allowed repository, fetched ahead so that the first hover is one round trip.
      else this.source.prepare(target).catch((err: unknown) => this.log.debug(`Versions: could not prepare ${target.domain}/${target.repository}: ${errorMessage(err)}`));
    }
  }
}

export interface VersionIntelligenceOptions {
  readonly session: Session;
  readonly log: vscode.LogOutputChannel;
  /** The token service's getter: the same token that the configured package managers use. */
  readonly getToken: TokenGetter;
  /** Besides sign-in changes: when to forget every answer (explorer refresh, new tokens). */
  readonly invalidateOn?: InvalidationTriggers;
  /** The data plane's HTTP client (shared/network.ts `fetchFor`: the proxy and the profile's CA bundle). */
  readonly fetch: typeof fetch;
  /** Told about every data-plane lookup: a network failure means offline. */
  readonly connectivity?: Connectivity;
  /** The gate and analyzer shared with the dependency guard (manifestAnalyses.ts). */
  readonly analyses: ManifestAnalyses;
}

/** Builds the feature and registers every provider, command and listener; the caller owns the disposables. */
export function registerVersionIntelligence(opts: VersionIntelligenceOptions): vscode.Disposable[] {
  const { session, log } = opts;
  const source = new VersionSource({
    api: () => session.api(),
    getToken: opts.getToken,
    connection: () => session.connection,
    fetch: opts.fetch,
    firstByteTimeoutMs: () => readTimeoutSeconds() * 1000,
    ...(opts.connectivity ? { onOutcome: (o) => (o.ok ? opts.connectivity?.succeeded() : opts.connectivity?.failed(o.error)) } : {}),
  });
  const feature = new VersionIntelligence(source, log, opts.analyses, readVersionSettings, new RepositoryReach(() => session.api()));
  const manifests = (doc: vscode.TextDocument): boolean => doc.uri.scheme === 'file' && manifestKindOf(doc.fileName) !== undefined;
  for (const doc of vscode.workspace.textDocuments) if (manifests(doc)) feature.diagnostics.schedule(doc, 0);
  return [
    feature,
    vscode.languages.registerHoverProvider(SELECTOR, feature.hover),
    vscode.languages.registerCodeLensProvider(SELECTOR, feature.lenses),
    vscode.languages.registerCompletionItemProvider(SELECTOR, feature.completion, '"', '=', '^', '~', '>', '<', '.'),
    vscode.languages.registerCodeActionsProvider(SELECTOR, feature.quickFixes, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.workspace.onDidOpenTextDocument((doc) => feature.diagnostics.schedule(doc, 0)),
    vscode.workspace.onDidChangeTextDocument((e) => feature.diagnostics.schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument((doc) => feature.diagnostics.clear(doc)),
    // Trusting the folder: its registry files may now be read.
    vscode.workspace.onDidGrantWorkspaceTrust(() => feature.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (['versionLens.enabled', 'versionDiagnostics.enabled', 'defaultRepository', 'domains', 'network'].some((k) => e.affectsConfiguration(`codeartifact.${k}`))) feature.refresh();
    }),
    // A fixed .npmrc / pip.conf / settings.xml shows at once.
    ...watchRegistryConfig(() => feature.refresh()),
    registerCommand(CHOOSE_REPOSITORY_COMMAND, 'Choose a repository for versions', (format: unknown) => chooseVersionsRepository(session, format), log),
    ...registerUnknownPackageCommands(session, log),
    ...watchInvalidation(source, { ...opts.invalidateOn, refreshes: [session.onDidChange, ...(opts.invalidateOn?.refreshes ?? [])] }, () => feature.refresh(), () => feature.packagesChanged()),
    registerCommand(UPDATE_COMMAND, 'Update dependency', (id: unknown) => feature.commands.update(id), log),
    registerCommand(SHOW_VERSIONS_COMMAND, 'Show versions', (id: unknown) => feature.commands.showVersions(id), log),
    registerCommand(COPY_SNIPPET_COMMAND, 'Copy install snippet', (id: unknown) => feature.commands.copySnippet(id), log),
    registerCommand(REVEAL_COMMAND, 'Reveal dependency', (id: unknown) => feature.commands.reveal(id), log),
    registerCommand(APPROVE_DOMAIN_COMMAND, 'Allow domain', (id: unknown) => feature.approvals.approve(id), log),
    registerCommand('codeartifact.revokeDomainApprovals', 'Revoke domains', () => feature.approvals.revoke(), log),
    registerCommand(REFRESH_COMMAND, 'Refresh versions', () => feature.refresh(), log),
    registerCommand(UPDATE_ALL_COMMAND, 'Update all dependencies', (uri: unknown) => updateAllDependencies(feature, uri), log),
    registerCommand(SHOW_LENSES_COMMAND, 'Show version lenses', () => setLensesEnabled(true), log),
    registerCommand(HIDE_LENSES_COMMAND, 'Hide version lenses', () => setLensesEnabled(false), log),
    ...watchLensContext(),
    ...watchLockfiles(() => feature.lockfileChanged()),
  ];
}
