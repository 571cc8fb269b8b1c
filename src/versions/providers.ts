// The VS Code side of version intelligence: hover, code lens, diagnostics, completion and quick fixes over
// manifests, all fed by one VersionSource. Broken files yield nothing (no hover, no notification); lookup
// failures go to the log, and a hover says in one line why it has nothing to show.
import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import { displayText, DISPLAY_LIMITS, iconSafeText, messageText } from '../core/displayText';
import type { TextSpan } from '../core/manifests/textSpan';
import { installSnippet } from '../core/snippets';
import { abortSignalFor } from '../shared/cancellation';
import { registerCommand } from '../shared/commands';
import { CodeArtifactError } from '../aws/errors';
import { isInsertableVersion } from '../core/versioning/versions';
import type { PackageLocation } from '../explorer/packageLocation';
import { findingsFor, lensTitle, rangeFor, refusedNameFinding, updateEdits, type Severity } from './dependencyInsight';
import type { Connectivity } from '../shared/connectivity';
import { summarizeFailure } from '../shared/failureSummary';
import { readTimeoutSeconds } from '../shared/settings';
import { CHOOSE_REPOSITORY_COMMAND, CHOOSE_REPOSITORY_TITLE, chooseVersionsRepository } from './chooseRepository';
import { watchRegistryConfig } from './configWatch';
import { failureCommand, unknownPackageActions, registerUnknownPackageCommands } from './failureActions';
import { RepositoryReach } from './repositoryReach';
import { DomainGate, listAllDomains } from './domainGate';
import {
  APPROVE_DOMAIN_COMMAND,
  approvalNoteMarkdown,
  COPY_SNIPPET_COMMAND,
  HOVER_COMMANDS,
  HOVER_ROWS,
  hoverMarkdown,
  mavenBlockedMarkdown,
  mavenBlockedText,
  mavenBlockedTitle,
  refusedNameMarkdown,
  MANAGE_TRUST_COMMAND,
  packageLocationOf,
  REVEAL_COMMAND,
  SHOW_VERSIONS_COMMAND,
  trustNoteMarkdown,
  UPDATE_COMMAND,
} from './hoverContent';
import { LinkArgStore } from './linkArgs';
import { InstalledVersions, type Installed } from './installedVersions';
import { HIDE_LENSES_COMMAND, SHOW_LENSES_COMMAND, setLensesEnabled, watchLensContext } from './lensToggle';
import { UPDATE_ALL_COMMAND, updateAllDependencies } from './updateAllCommand';
import { ManifestAnalyzer, readVersionSettings, type Analysis, type Route, type VersionSettings } from './manifestAnalysis';
import { dependencyAt, manifestKindOf, type ManifestContents, type ManifestDependency } from './manifestDependencies';
import type { RepositoryTarget } from './repositoryResolver';
import {
  VersionLookupError,
  VersionSource,
  watchInvalidation,
  type InvalidationTriggers,
  type PackageQuery,
  type PackageVersions,
  type TokenGetter,
} from './versionSource';

export const REFRESH_COMMAND = 'codeartifact.refreshVersions';

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

interface UpdateArgs {
  readonly uri: string;
  readonly start: number;
  readonly end: number;
  /** The text the edit replaces; the edit is refused if the document changed since. */
  readonly expected: string;
  readonly newText: string;
}

interface VersionsArgs {
  readonly query: PackageQuery;
  readonly displayName: string;
}

interface CopySnippetArgs {
  readonly format: string;
  readonly namespace?: string;
  readonly name: string;
  readonly version: string;
}

interface ApproveArgs {
  readonly folder: string;
  readonly folderName: string;
  readonly target: RepositoryTarget;
  readonly fileLabel: string;
}

export { readVersionSettings, type VersionSettings };

function toRange(doc: vscode.TextDocument, span: TextSpan): vscode.Range {
  return new vscode.Range(doc.positionAt(span.start), doc.positionAt(span.end));
}

function queryFor(dep: ManifestDependency, target: RepositoryTarget): PackageQuery {
  return { ecosystem: dep.ecosystem, target, ...(dep.namespace ? { namespace: dep.namespace } : {}), name: dep.name };
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/** The data behind the hover's and the lenses' command links, held here and named by opaque ids. */
class LinkStores {
  readonly updates = new LinkArgStore<UpdateArgs>();
  readonly versions = new LinkArgStore<VersionsArgs>();
  readonly snippets = new LinkArgStore<CopySnippetArgs>();
  readonly reveals = new LinkArgStore<PackageLocation>();
  readonly approvals = new LinkArgStore<ApproveArgs>();
}

export class VersionIntelligence
  implements vscode.HoverProvider, vscode.CodeLensProvider, vscode.CompletionItemProvider, vscode.CodeActionProvider, vscode.Disposable
{
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('codeartifact');
  private readonly lensChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensChanged.event;
  private readonly pendingDiagnostics = new Map<string, { timer: NodeJS.Timeout | undefined; controller: AbortController }>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly links = new LinkStores();
  private readonly analyzer: ManifestAnalyzer;
  private readonly installedVersions = new InstalledVersions((file, err) => this.log.warn(`Could not read ${file}: ${message(err)}`));
  /** Domains already offered for approval in this window (`folder|owner/domain`): one prompt each. */
  private readonly offered = new Set<string>();
  /** One timer that asks failed lookups again when their backoff ends (the earliest one). */
  private retry: { timer: NodeJS.Timeout; at: number } | undefined;

  constructor(
    readonly source: VersionSource,
    private readonly log: vscode.LogOutputChannel,
    readonly gate: DomainGate,
    private readonly settings: (scope?: vscode.Uri) => VersionSettings = readVersionSettings,
    /** Whether a repository has an external connection upstream (severity of an unknown package). */
    private readonly reach?: RepositoryReach,
  ) {
    this.analyzer = new ManifestAnalyzer(gate, settings, (analysis, contents) => this.afterAnalysis(analysis, contents), log);
    this.disposables.push(this.diagnostics, this.lensChanged);
  }

  dispose(): void {
    if (this.retry) clearTimeout(this.retry.timer);
    for (const p of this.pendingDiagnostics.values()) {
      if (p.timer) clearTimeout(p.timer);
      p.controller.abort();
    }
    this.disposables.forEach((d) => void d.dispose());
  }

  /** Forgets every answer and shows fresh ones: the refresh command, sign-in changes, trust, approvals. */
  refresh(): void {
    this.source.invalidate();
    this.installedVersions.clear();
    this.gate.invalidate();
    this.reach?.clear();
    this.analyzer.clear();
    this.reshow();
  }

  /** A write changed some packages (their answers are already forgotten): lenses and diagnostics ask again. */
  packagesChanged(): void {
    this.reshow();
  }

  /** A lockfile changed: lenses show the new installed versions (the cache checks mtime and size). */
  lockfileChanged(): void {
    this.lensChanged.fire();
  }

  /** Lenses and diagnostics ask again; answers still fresh come from the cache. */
  private reshow(): void {
    this.lensChanged.fire();
    for (const doc of vscode.workspace.textDocuments) this.scheduleDiagnostics(doc, 0);
  }

  /** A lookup failed (or half failed): show it again when its backoff ends, so that a failure is never sticky. */
  private retryLater(query: PackageQuery): void {
    const wait = this.source.retryIn(query);
    if (wait <= 0) return;
    const at = Date.now() + wait + 250;
    if (this.retry && this.retry.at <= at) return;
    if (this.retry) clearTimeout(this.retry.timer);
    this.retry = {
      at,
      timer: setTimeout(() => {
        this.retry = undefined;
        this.reshow();
      }, at - Date.now()),
    };
  }

  private analysisOf(doc: vscode.TextDocument): Promise<Analysis> | undefined {
    return this.analyzer.analysisOf(doc);
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
      if (route.kind === 'blocked') this.offerApproval(analysis, route);
      // Endpoint and token of each allowed repository, fetched ahead so that the first hover is one round trip.
      else this.source.prepare(target).catch((err: unknown) => this.log.debug(`Versions: could not prepare ${target.domain}/${target.repository}: ${message(err)}`));
    }
  }

  /** Once per folder and domain (remembered): ask whether the folder's domain may get a token. */
  private offerApproval(analysis: Analysis, route: Extract<Route, { kind: 'blocked' }>): void {
    const { target } = route;
    const key = `${analysis.folder}|${target.owner}/${target.domain}`;
    if (this.offered.has(key) || this.gate.wasOffered(analysis.folder, target)) return;
    this.offered.add(key);
    void this.gate.markOffered(analysis.folder, target);
    const args: ApproveArgs = { folder: analysis.folder, folderName: analysis.folderName, target, fileLabel: route.fileLabel };
    const account = target.owner ? ` (account ${target.owner})` : '';
    void vscode.window
      .showWarningMessage(
        messageText(
          `${route.fileLabel} in ${analysis.folderName} names the CodeArtifact domain ${target.domain}${account}, which is not one of your domains. CodeArtifact requested nothing for it. Allow it to show versions from there?`,
        ),
        'Allow Domain',
        'Not Now',
      )
      .then((choice) => (choice === 'Allow Domain' ? this.allow(args, false) : undefined))
      .then(undefined, (err: unknown) => this.log.warn(`Could not allow the domain: ${message(err)}`));
  }

  private async lookup(dep: ManifestDependency, target: RepositoryTarget, signal?: AbortSignal): Promise<PackageVersions | undefined> {
    const result = await this.lookupOrError(dep, target, signal);
    return 'pkg' in result ? result.pkg : undefined;
  }

  /** The answer, or why there is none; a failure (or a partial answer) is asked again after its backoff. */
  private async lookupOrError(dep: ManifestDependency, target: RepositoryTarget, signal?: AbortSignal): Promise<{ pkg: PackageVersions } | { error: unknown }> {
    const query = queryFor(dep, target);
    try {
      const pkg = await this.source.get(query, signal);
      if (pkg.partial) this.retryLater(query);
      return { pkg };
    } catch (err) {
      const cancelled = err instanceof VersionLookupError && err.kind === 'cancelled';
      if (err instanceof CodeArtifactError && err.kind === 'notSignedIn') this.log.debug(`Versions of ${dep.displayName}: not signed in`);
      else if (!cancelled) this.log.warn(`Versions of ${dep.displayName}: ${message(err)}`);
      if (!cancelled) this.retryLater(query);
      return { error: err };
    }
  }

  /** The dependency at a place and its route, when there is one to look up. */
  private async lookupTarget(doc: vscode.TextDocument, offset: number, inRange = false): Promise<{ dep: ManifestDependency; target: RepositoryTarget } | undefined> {
    const analysis = await this.analysisOf(doc);
    if (!analysis) return undefined;
    const dep = inRange
      ? analysis.contents.dependencies.find((d) => d.rangeSpan && offset >= d.rangeSpan.start && offset <= d.rangeSpan.end)
      : dependencyAt(analysis.contents.dependencies, offset);
    const route = dep && analysis.route(dep);
    return dep && route?.kind === 'lookup' ? { dep, target: route.target } : undefined;
  }

  /** Every dependency's answer, as the lenses get them ("Update all dependencies"); `failed` could not be asked. */
  async answersFor(doc: vscode.TextDocument, signal?: AbortSignal): Promise<{ answers: { dep: ManifestDependency; pkg: PackageVersions }[]; failed: number } | undefined> {
    const analysis = await this.analysisOf(doc);
    if (!analysis) return undefined;
    let failed = 0;
    const answers = await Promise.all(
      analysis.contents.dependencies.map(async (dep) => {
        const route = analysis.route(dep);
        if (route?.kind !== 'lookup' || !dep.rangeSpan) return undefined;
        const pkg = await this.lookup(dep, route.target, signal);
        if (!pkg) failed++;
        return pkg && { dep, pkg };
      }),
    );
    return { answers: answers.filter((a) => a !== undefined), failed };
  }

  /** The lockfile's installed version; a lockfile that cannot be read shows nothing (and is logged). */
  private async installedOf(doc: vscode.TextDocument, dep: ManifestDependency): Promise<Installed | undefined> {
    if (doc.uri.scheme !== 'file') return undefined;
    try {
      return await this.installedVersions.installedFor(doc.uri.fsPath, vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.fsPath, dep);
    } catch (err) {
      this.log.debug(`Installed version of ${dep.displayName}: ${message(err)}`);
      return undefined;
    }
  }

  // ------------------------------------------------------------------ hover

  async provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const analysis = await this.analysisOf(doc);
    if (!analysis || token.isCancellationRequested) return undefined;
    const offset = doc.offsetAt(position);
    // A name npm refuses is never looked up, but the hover says why nothing is shown.
    const refused = analysis.contents.refusedNames?.find((r) => offset >= r.span.start && offset <= r.span.end);
    if (refused) {
      const md = new vscode.MarkdownString(refusedNameMarkdown(refused.name));
      md.isTrusted = false;
      md.supportHtml = false;
      return new vscode.Hover(md, toRange(doc, refused.span));
    }
    const dep = dependencyAt(analysis.contents.dependencies, offset);
    const route = dep && analysis.route(dep);
    if (!dep || !route || route.kind === 'unconfigured') return undefined;
    const range = toRange(doc, dep.rangeSpan && doc.offsetAt(position) >= dep.rangeSpan.start ? dep.rangeSpan : dep.nameSpan);
    const trusted = (markdown: string): vscode.Hover => {
      const md = new vscode.MarkdownString(markdown);
      md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
      md.supportHtml = false;
      return new vscode.Hover(md, range);
    };
    if (route.kind === 'untrusted') return trusted(trustNoteMarkdown(dep));
    if (route.kind === 'mavenBlocked') return trusted(mavenBlockedMarkdown(dep, route.target, route.mirrorId));
    if (route.kind === 'blocked') {
      const id = this.links.approvals.put({ folder: analysis.folder, folderName: analysis.folderName, target: route.target, fileLabel: route.fileLabel });
      return trusted(approvalNoteMarkdown(dep, route.target, route.fileLabel, id));
    }
    const { target } = route;
    let pkg: PackageVersions;
    try {
      const query = queryFor(dep, target);
      const signal = abortSignalFor(token);
      // Maven: the rows the hover shows get their publish dates (one parallel round trip, then kept).
      pkg = await this.source.withPublishedDates(query, await this.source.get(query, signal), HOVER_ROWS, signal);
    } catch (err) {
      if (err instanceof VersionLookupError && err.kind === 'cancelled') return undefined;
      this.log.warn(`Versions of ${dep.displayName}: ${message(err)}`);
      this.retryLater(queryFor(dep, target));
      const md = new vscode.MarkdownString();
      md.appendText(messageText(`CodeArtifact: could not get the versions of ${dep.displayName}. ${message(err)}`));
      return new vscode.Hover(md, range);
    }
    const [edit] = updateEdits(dep, pkg);
    const installed = await this.installedOf(doc, dep);
    const latest = pkg.latest;
    const update = edit && this.links.updates.put({ uri: doc.uri.toString(), start: edit.span.start, end: edit.span.end, expected: edit.span.text, newText: edit.newText });
    return trusted(
      hoverMarkdown(dep, target, pkg, {
        ...(update && edit ? { update, updateTo: edit.target } : {}),
        showVersions: this.links.versions.put({ query: queryFor(dep, target), displayName: dep.displayName }),
        ...(installed ? { installed } : {}),
        ...(latest && isInsertableVersion(dep.ecosystem, latest)
          ? { copySnippet: this.links.snippets.put({ format: dep.ecosystem, ...(dep.namespace ? { namespace: dep.namespace } : {}), name: dep.name, version: latest }) }
          : {}),
        // Upstream-only packages have no node in this repository's tree.
        ...(pkg.inRepository ? { reveal: this.links.reveals.put(packageLocationOf(dep, target)) } : {}),
      }),
    );
  }

  // ------------------------------------------------------------------ code lens

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!this.settings(doc.uri).lensEnabled) return [];
    const analysis = await this.analysisOf(doc);
    if (!analysis) return [];
    const lenses: vscode.CodeLens[] = [];
    let trustLens = false;
    let chooseLens = false;
    const approvalLens = new Set<string>();
    for (const dep of analysis.contents.dependencies) {
      const route = analysis.route(dep);
      if (!route) continue;
      const range = toRange(doc, dep.nameSpan);
      if (route.kind === 'untrusted') {
        // One line for the file, not one per dependency.
        if (!trustLens) lenses.push(new vscode.CodeLens(range, { title: 'Trust this folder to see versions from its registry', command: MANAGE_TRUST_COMMAND }));
        trustLens = true;
        continue;
      }
      if (route.kind === 'unconfigured') {
        // One line for the file: the package manager uses its public default and no repository is chosen.
        if (!chooseLens) lenses.push(new vscode.CodeLens(range, { title: CHOOSE_REPOSITORY_TITLE, command: CHOOSE_REPOSITORY_COMMAND, arguments: [route.format] }));
        chooseLens = true;
        continue;
      }
      if (route.kind === 'mavenBlocked') {
        // One line per blocked repository; the whole reason is the tooltip.
        const key = `maven-blocked|${route.target.owner}/${route.target.domain}/${route.target.repository}`;
        if (!approvalLens.has(key)) {
          const tooltip = displayText(mavenBlockedText(route.target, route.mirrorId));
          lenses.push(new vscode.CodeLens(range, { title: iconSafeText(mavenBlockedTitle(route.mirrorId)), command: '', tooltip }));
        }
        approvalLens.add(key);
        continue;
      }
      if (route.kind === 'blocked') {
        const key = `${route.target.owner}/${route.target.domain}`;
        if (!approvalLens.has(key)) {
          const id = this.links.approvals.put({ folder: analysis.folder, folderName: analysis.folderName, target: route.target, fileLabel: route.fileLabel });
          lenses.push(new vscode.CodeLens(range, { title: iconSafeText(`Versions: allow domain ${route.target.domain} for this folder…`), command: APPROVE_DOMAIN_COMMAND, arguments: [id] }));
        }
        approvalLens.add(key);
        continue;
      }
      const lens = new vscode.CodeLens(range);
      lensData.set(lens, { doc, dep, target: route.target });
      lenses.push(lens);
    }
    return lenses;
  }

  async resolveCodeLens(lens: vscode.CodeLens, token: vscode.CancellationToken): Promise<vscode.CodeLens> {
    const data = lensData.get(lens);
    if (!data) return lens;
    const result = await this.lookupOrError(data.dep, data.target, abortSignalFor(token));
    if ('error' in result) {
      // Short why and the fix; the full message is the tooltip (and in the log).
      lens.command = failureCommand(summarizeFailure(result.error), message(result.error), REFRESH_COMMAND);
      return lens;
    }
    const { pkg } = result;
    const [edit] = updateEdits(data.dep, pkg);
    // Code lens titles render `$(name)` icons; the title carries a server version string.
    const installed = await this.installedOf(data.doc, data.dep);
    const title = iconSafeText(lensTitle(data.dep, pkg, installed?.version));
    if (pkg.partial?.missing === 'index' && !edit) {
      lens.command = { title, command: REFRESH_COMMAND, tooltip: displayText(`${pkg.partial.reason} Click to retry.`, DISPLAY_LIMITS.description) };
      return lens;
    }
    lens.command = edit
      ? {
          title,
          command: UPDATE_COMMAND,
          tooltip: displayText(edit.title),
          arguments: [this.links.updates.put({ uri: data.doc.uri.toString(), start: edit.span.start, end: edit.span.end, expected: edit.span.text, newText: edit.newText })],
        }
      : { title, command: '' };
    return lens;
  }

  // ------------------------------------------------------------------ diagnostics

  scheduleDiagnostics(doc: vscode.TextDocument, delayMs = 400): void {
    if (doc.uri.scheme !== 'file' || !manifestKindOf(doc.fileName)) return;
    const key = doc.uri.toString();
    const previous = this.pendingDiagnostics.get(key);
    if (previous) {
      if (previous.timer) clearTimeout(previous.timer);
      previous.controller.abort();
    }
    const controller = new AbortController();
    const entry = { controller, timer: undefined as NodeJS.Timeout | undefined };
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void this.updateDiagnostics(doc, controller.signal).finally(() => {
        if (this.pendingDiagnostics.get(key) === entry) this.pendingDiagnostics.delete(key);
      });
    }, delayMs);
    this.pendingDiagnostics.set(key, entry);
  }

  clearDiagnostics(doc: vscode.TextDocument): void {
    this.pendingDiagnostics.get(doc.uri.toString())?.controller.abort();
    this.diagnostics.delete(doc.uri);
  }

  /** Every dependency at once; the source's limiter keeps the requests bounded. */
  async updateDiagnostics(doc: vscode.TextDocument, signal?: AbortSignal): Promise<void> {
    if (!this.settings(doc.uri).diagnosticsEnabled) {
      this.diagnostics.delete(doc.uri);
      return;
    }
    const analysis = await this.analysisOf(doc);
    if (!analysis || signal?.aborted) return;
    const version = doc.version;
    const results = await Promise.all(
      analysis.contents.dependencies.map(async (dep) => {
        const route = analysis.route(dep);
        if (route?.kind !== 'lookup') return [];
        const { target } = route;
        const pkg = await this.lookup(dep, target, signal);
        if (!pkg) return [];
        const codeArtifactOnly = !pkg.found && this.reach ? (await this.reach.hasExternalSource(target, signal)) === false : false;
        return findingsFor(dep, pkg, `${target.domain}/${target.repository}`, { codeArtifactOnly }).map((f) => {
          const d = new vscode.Diagnostic(toRange(doc, f.span), messageText(f.message), SEVERITY[f.severity]);
          d.source = 'CodeArtifact';
          d.code = f.code;
          return d;
        });
      }),
    );
    if (signal?.aborted || doc.isClosed || doc.version !== version) return;
    const refused = (analysis.contents.refusedNames ?? []).map((r) => {
      const f = refusedNameFinding(r.name, r.span);
      const d = new vscode.Diagnostic(toRange(doc, f.span), messageText(f.message), SEVERITY[f.severity]);
      d.source = 'CodeArtifact';
      d.code = f.code;
      return d;
    });
    this.diagnostics.set(doc.uri, [...refused, ...results.flat()]);
  }

  // ------------------------------------------------------------------ completion

  async provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionItem[] | undefined> {
    const found = await this.lookupTarget(doc, doc.offsetAt(position), true);
    if (!found?.dep.rangeSpan) return undefined;
    const { dep, target } = found;
    const pkg = await this.lookup(dep, target, abortSignalFor(token));
    if (!pkg || !dep.rangeSpan) return undefined;
    const range = toRange(doc, dep.rangeSpan);
    // Only plain versions of the ecosystem are offered: the item's text goes into the manifest as it is.
    const installable = pkg.versions.filter((v) => v.installable && isInsertableVersion(dep.ecosystem, v.version));
    return installable.map((v, i) => {
      const edit = updateTextFor(dep, v.version);
      const description = [v.version === pkg.latest ? 'latest' : '', v.publishedTime?.toISOString().slice(0, 10) ?? '', v.status === 'Published' ? '' : v.status].filter(Boolean).join(' · ');
      const item = new vscode.CompletionItem({ label: displayText(edit), description: displayText(description, DISPLAY_LIMITS.description) }, vscode.CompletionItemKind.Value);
      item.range = range;
      item.insertText = edit;
      item.filterText = edit;
      // Newest first, whatever the editor's own ordering would do.
      item.sortText = String(i).padStart(5, '0');
      item.detail = displayText(`${dep.displayName} in ${target.domain}/${target.repository}`);
      if (v.deprecated) item.tags = [vscode.CompletionItemTag.Deprecated];
      if (v.version === pkg.latest) item.preselect = true;
      return item;
    });
  }

  // ------------------------------------------------------------------ quick fixes

  async provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, _context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    const found = await this.lookupTarget(doc, doc.offsetAt(range.start));
    if (!found) return [];
    const { dep, target } = found;
    const pkg = await this.lookup(dep, target, abortSignalFor(token));
    if (!pkg) return [];
    const diagnostics = (this.diagnostics.get(doc.uri) ?? []).filter((d) => d.range.intersection(toRange(doc, dep.rangeSpan ?? dep.nameSpan)));
    if (!pkg.found) {
      const unknown = (this.diagnostics.get(doc.uri) ?? []).filter((d) => d.code === 'unknownPackage' && d.range.intersection(toRange(doc, dep.nameSpan)));
      return unknownPackageActions(dep, target, unknown);
    }
    return updateEdits(dep, pkg).map((e, i) => {
      const action = new vscode.CodeAction(displayText(e.title), vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(doc.uri, toRange(doc, e.span), e.newText);
      action.isPreferred = i === 0;
      if (diagnostics.length > 0) action.diagnostics = diagnostics;
      return action;
    });
  }

  // ------------------------------------------------------------------ commands (each takes only a link id)

  async update(id: unknown): Promise<void> {
    const args = this.links.updates.get(id);
    if (!args) return expired();
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri, true));
    const range = new vscode.Range(doc.positionAt(args.start), doc.positionAt(args.end));
    if (doc.getText(range) !== args.expected) {
      void vscode.window.showWarningMessage('The file changed since the versions were shown. Hover again to update.');
      return;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, range, args.newText);
    await vscode.workspace.applyEdit(edit);
  }

  async showVersions(id: unknown): Promise<void> {
    const args = this.links.versions.get(id);
    if (!args) return expired();
    const pkg = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: iconSafeText(`Versions of ${args.displayName}`) }, () => this.source.get(args.query));
    // Quick-pick labels and descriptions render `$(name)` icons.
    const picked = await vscode.window.showQuickPick(
      pkg.versions.map((v) => ({
        label: iconSafeText(v.version),
        description: iconSafeText([v.version === pkg.latest ? 'latest' : '', v.status === 'Published' ? '' : v.status, v.deprecated ? 'deprecated' : '', v.yanked ? 'yanked' : v.installable ? '' : 'not installable'].filter(Boolean).join(' · '), DISPLAY_LIMITS.description),
        detail: v.publishedTime ? `published ${v.publishedTime.toISOString().slice(0, 10)}` : undefined,
        version: v.version,
      })),
      { title: iconSafeText(`${args.displayName} in ${args.query.target.domain}/${args.query.target.repository}`), placeHolder: 'Pick a version to copy its install snippet' },
    );
    if (!picked) return;
    if (!isInsertableVersion(args.query.ecosystem, picked.version)) throw new Error('This version string is not a plain version, so no install snippet is made for it.');
    await this.copySnippetOf({ format: args.query.ecosystem, ...(args.query.namespace ? { namespace: args.query.namespace } : {}), name: args.query.name, version: picked.version });
  }

  async copySnippet(id: unknown): Promise<void> {
    const args = this.links.snippets.get(id);
    if (!args) return expired();
    await this.copySnippetOf(args);
  }

  private async copySnippetOf(args: CopySnippetArgs): Promise<void> {
    const text = installSnippet(args);
    await vscode.env.clipboard.writeText(text);
    void vscode.window.showInformationMessage(messageText(`Copied: ${text.split('\n')[0] ?? text}`));
  }

  async reveal(id: unknown): Promise<void> {
    const location = this.links.reveals.get(id);
    if (!location) return expired();
    await vscode.commands.executeCommand('codeartifact.revealPackage', location);
  }

  /** The hover's or lens's link: asks first (modal). */
  async approve(id: unknown): Promise<void> {
    const args = this.links.approvals.get(id);
    if (!args) return expired();
    await this.allow(args, true);
  }

  /** `ask`: false when the one-time notification already asked. */
  private async allow(args: ApproveArgs, ask: boolean): Promise<void> {
    const { target } = args;
    if (ask) {
      const account = target.owner ? ` (account ${target.owner})` : '';
      const choice = await vscode.window.showWarningMessage(
        messageText(`Allow the CodeArtifact domain ${target.domain}${account} for ${args.folderName}?`),
        {
          modal: true,
          detail: messageText(
            `${args.fileLabel} in this folder names it, and it is not one of your domains. If you allow it, CodeArtifact requests an authorization token for it with your AWS identity and sends that token to the domain's repository. Allow it only if you trust this repository. You can revoke it with "CodeArtifact: Revoke Domains Allowed for This Folder…".`,
          ),
        },
        'Allow Domain',
      );
      if (choice !== 'Allow Domain') return;
    }
    await this.gate.approve(args.folder, { domain: target.domain, owner: target.owner }, args.fileLabel);
    this.log.info(`Allowed the domain ${target.domain}${target.owner ? ` (account ${target.owner})` : ''} for ${args.folderName}`);
    this.refresh();
  }

  async revokeApprovals(): Promise<void> {
    const folders = new Set((vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString()));
    const items = this.gate
      .folders()
      .filter((f) => folders.has(f) || folders.size === 0)
      .flatMap((folder) => this.gate.approvals(folder).map((a) => ({ label: displayText(a.domain), description: displayText(`${a.owner ? `account ${a.owner} · ` : ''}named by ${a.file}`), picked: true, folder, approval: a })));
    if (items.length === 0) {
      void vscode.window.showInformationMessage('No CodeArtifact domain is allowed for the open folders.');
      return;
    }
    const picked = await vscode.window.showQuickPick(items, { title: 'Revoke domains allowed for this folder', canPickMany: true, ignoreFocusOut: true, placeHolder: 'The ticked domains are revoked' });
    if (!picked || picked.length === 0) return;
    for (const p of picked) await this.gate.revoke(p.folder, (a) => a.domain === p.approval.domain && a.owner === p.approval.owner);
    this.refresh();
    void vscode.window.showInformationMessage(`Revoked ${picked.length} domain${picked.length === 1 ? '' : 's'}; versions from ${picked.length === 1 ? 'it' : 'them'} show again only once you allow ${picked.length === 1 ? 'it' : 'them'}.`);
  }
}

function expired(): void {
  void vscode.window.showInformationMessage('This link is from an older hover. Hover over the dependency again.');
}

const lensData = new WeakMap<vscode.CodeLens, { doc: vscode.TextDocument; dep: ManifestDependency; target: RepositoryTarget }>();

function updateTextFor(dep: ManifestDependency, version: string): string {
  const written = dep.rangeSpan?.text ?? '';
  switch (dep.ecosystem) {
    case 'npm':
      return written.trim().startsWith('~') ? `~${version}` : written.trim().startsWith('^') ? `^${version}` : version;
    case 'pypi':
      return `==${version}`;
    case 'maven':
      return version;
    case 'nuget':
      return /^\[[^,]*\]$/.test(written.trim()) ? `[${version}]` : version;
    case 'swift':
      return version;
    case 'cargo':
    case 'ruby':
      return rangeFor(dep, written, version);
  }
}

function watchLockfiles(changed: () => void): vscode.Disposable[] {
  const watcher = vscode.workspace.createFileSystemWatcher('**/{package-lock.json,pnpm-lock.yaml,poetry.lock}');
  return [watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed)];
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export interface VersionIntelligenceOptions {
  readonly session: Session;
  readonly log: vscode.LogOutputChannel;
  /** The token service's getter: the same token that the configured package managers use. */
  readonly getToken: TokenGetter;
  /** Where approvals of folder-named domains are remembered (globalState). */
  readonly approvals: vscode.Memento;
  /** `codeartifact.domains` from the user's settings. */
  readonly userDomains: () => readonly { name: string; owner?: string }[];
  /** Besides sign-in changes: when to forget every answer (explorer refresh, new tokens). */
  readonly invalidateOn?: InvalidationTriggers;
  /** The data plane's HTTP client (shared/network.ts `fetchFor`: the proxy and the profile's CA bundle). */
  readonly fetch: typeof fetch;
  /** Told about every data-plane lookup: a network failure means offline. */
  readonly connectivity?: Connectivity;
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
  const gate = new DomainGate({
    listDomains: (signal) => listAllDomains((page) => session.api().listDomains(page), signal),
    userDomains: opts.userDomains,
    store: opts.approvals,
  });
  const feature = new VersionIntelligence(source, log, gate, readVersionSettings, new RepositoryReach(() => session.api()));
  const manifests = (doc: vscode.TextDocument): boolean => doc.uri.scheme === 'file' && manifestKindOf(doc.fileName) !== undefined;
  for (const doc of vscode.workspace.textDocuments) if (manifests(doc)) feature.scheduleDiagnostics(doc, 0);
  return [
    feature,
    vscode.languages.registerHoverProvider(SELECTOR, feature),
    vscode.languages.registerCodeLensProvider(SELECTOR, feature),
    vscode.languages.registerCompletionItemProvider(SELECTOR, feature, '"', '=', '^', '~', '>', '<', '.'),
    vscode.languages.registerCodeActionsProvider(SELECTOR, feature, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.workspace.onDidOpenTextDocument((doc) => feature.scheduleDiagnostics(doc, 0)),
    vscode.workspace.onDidChangeTextDocument((e) => feature.scheduleDiagnostics(e.document)),
    vscode.workspace.onDidCloseTextDocument((doc) => feature.clearDiagnostics(doc)),
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
    registerCommand(UPDATE_COMMAND, 'Update dependency', (id: unknown) => feature.update(id), log),
    registerCommand(SHOW_VERSIONS_COMMAND, 'Show versions', (id: unknown) => feature.showVersions(id), log),
    registerCommand(COPY_SNIPPET_COMMAND, 'Copy install snippet', (id: unknown) => feature.copySnippet(id), log),
    registerCommand(REVEAL_COMMAND, 'Reveal dependency', (id: unknown) => feature.reveal(id), log),
    registerCommand(APPROVE_DOMAIN_COMMAND, 'Allow domain', (id: unknown) => feature.approve(id), log),
    registerCommand('codeartifact.revokeDomainApprovals', 'Revoke domains', () => feature.revokeApprovals(), log),
    registerCommand(REFRESH_COMMAND, 'Refresh versions', () => feature.refresh(), log),
    registerCommand(UPDATE_ALL_COMMAND, 'Update all dependencies', (uri: unknown) => updateAllDependencies(feature, uri), log),
    registerCommand(SHOW_LENSES_COMMAND, 'Show version lenses', () => setLensesEnabled(true), log),
    registerCommand(HIDE_LENSES_COMMAND, 'Hide version lenses', () => setLensesEnabled(false), log),
    ...watchLensContext(),
    ...watchLockfiles(() => feature.lockfileChanged()),
  ];
}
