// The VS Code side of version intelligence: hover, code lens, diagnostics, completion and quick fixes over
// manifests, all fed by one VersionSource. Broken files yield nothing (no hover, no notification); lookup
// failures go to the log, and a hover says in one line why it has nothing to show.
import { readFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import { displayText, DISPLAY_LIMITS, iconSafeText, messageText } from '../core/displayText';
import type { TextSpan } from '../core/manifests/textSpan';
import { installSnippet } from '../core/snippets';
import { abortSignalFor } from '../shared/cancellation';
import { registerCommand } from '../shared/commands';
import { CodeArtifactError } from '../aws/errors';
import { findingsFor, lensTitle, updateEdits, type Severity } from './dependencyInsight';
import { COPY_SNIPPET_COMMAND, HOVER_COMMANDS, hoverMarkdown, packageLocationOf, SHOW_VERSIONS_COMMAND, UPDATE_COMMAND } from './hoverContent';
import { dependencyAt, manifestKindOf, readManifest, type ManifestContents, type ManifestDependency } from './manifestDependencies';
import { resolverFor, type DefaultRepositorySetting, type DependencyResolver, type RepositoryTarget } from './repositoryResolver';
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
  '**/pom.xml',
  '**/pyproject.toml',
  '**/build.gradle',
  '**/build.gradle.kts',
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

interface Analysis {
  readonly contents: ManifestContents;
  readonly resolve: DependencyResolver;
}

export interface VersionSettings {
  readonly lensEnabled: boolean;
  readonly diagnosticsEnabled: boolean;
  readonly defaultRepository?: DefaultRepositorySetting;
}

export function readVersionSettings(scope?: vscode.Uri): VersionSettings {
  const c = vscode.workspace.getConfiguration('codeartifact', scope);
  const raw = c.get<unknown>('defaultRepository');
  let defaultRepository: DefaultRepositorySetting | undefined;
  if (typeof raw === 'object' && raw !== null) {
    const { domain, owner, repository } = raw as Record<string, unknown>;
    if (typeof domain === 'string' && domain.trim() && typeof repository === 'string' && repository.trim()) {
      defaultRepository = { domain: domain.trim(), repository: repository.trim(), ...(typeof owner === 'string' && owner.trim() ? { owner: owner.trim() } : {}) };
    }
  }
  return {
    lensEnabled: c.get<boolean>('versionLens.enabled', true),
    diagnosticsEnabled: c.get<boolean>('versionDiagnostics.enabled', true),
    ...(defaultRepository ? { defaultRepository } : {}),
  };
}

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

export class VersionIntelligence
  implements vscode.HoverProvider, vscode.CodeLensProvider, vscode.CompletionItemProvider, vscode.CodeActionProvider, vscode.Disposable
{
  private readonly analyses = new Map<string, { version: number; analysis: Promise<Analysis> }>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('codeartifact');
  private readonly lensChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensChanged.event;
  private readonly pendingDiagnostics = new Map<string, { timer: NodeJS.Timeout | undefined; controller: AbortController }>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly source: VersionSource,
    private readonly log: vscode.LogOutputChannel,
    private readonly settings: (scope?: vscode.Uri) => VersionSettings = readVersionSettings,
  ) {
    this.disposables.push(this.diagnostics, this.lensChanged);
  }

  dispose(): void {
    for (const p of this.pendingDiagnostics.values()) {
      if (p.timer) clearTimeout(p.timer);
      p.controller.abort();
    }
    this.disposables.forEach((d) => void d.dispose());
  }

  /** Forgets every answer and shows fresh ones: the refresh command, sign-in changes, publishing. */
  refresh(): void {
    this.source.invalidate();
    this.analyses.clear();
    this.lensChanged.fire();
    for (const doc of vscode.workspace.textDocuments) this.scheduleDiagnostics(doc, 0);
  }

  private analysisOf(doc: vscode.TextDocument): Promise<Analysis> | undefined {
    const kind = doc.uri.scheme === 'file' ? manifestKindOf(doc.fileName) : undefined;
    if (!kind) return undefined;
    const key = doc.uri.toString();
    const cached = this.analyses.get(key);
    if (cached?.version === doc.version) return cached.analysis;
    const contents = readManifest(kind, doc.getText());
    const analysis = resolverFor(
      doc.fileName,
      contents,
      { readFile: (file) => readFile(file, 'utf8').catch(() => undefined), user: { home: os.homedir(), env: process.env } },
      this.settings(doc.uri).defaultRepository,
    ).then((resolve) => {
      this.warmUp(contents, resolve);
      return { contents, resolve };
    });
    this.analyses.set(key, { version: doc.version, analysis });
    return analysis;
  }

  /** Endpoint and token of each repository in use, fetched ahead so that the first hover is one round trip. */
  private warmUp(contents: ManifestContents, resolve: DependencyResolver): void {
    const seen = new Set<string>();
    for (const dep of contents.dependencies) {
      const target = resolve(dep);
      if (!target) continue;
      const key = `${target.domain}|${target.owner}|${target.repository}|${target.format}`;
      if (seen.has(key)) continue;
      seen.add(key);
      this.source.prepare(target).catch((err: unknown) => this.log.debug(`Versions: could not prepare ${target.domain}/${target.repository}: ${message(err)}`));
    }
  }

  private async lookup(dep: ManifestDependency, target: RepositoryTarget, signal?: AbortSignal): Promise<PackageVersions | undefined> {
    try {
      return await this.source.get(queryFor(dep, target), signal);
    } catch (err) {
      if (err instanceof CodeArtifactError && err.kind === 'notSignedIn') this.log.debug(`Versions of ${dep.displayName}: not signed in`);
      else if (!(err instanceof VersionLookupError && err.kind === 'cancelled')) this.log.warn(`Versions of ${dep.displayName}: ${message(err)}`);
      return undefined;
    }
  }

  // ------------------------------------------------------------------ hover

  async provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const analysis = await this.analysisOf(doc);
    if (!analysis || token.isCancellationRequested) return undefined;
    const dep = dependencyAt(analysis.contents.dependencies, doc.offsetAt(position));
    const target = dep && analysis.resolve(dep);
    if (!dep || !target) return undefined;
    const range = toRange(doc, dep.rangeSpan && doc.offsetAt(position) >= dep.rangeSpan.start ? dep.rangeSpan : dep.nameSpan);
    let pkg: PackageVersions;
    try {
      pkg = await this.source.get(queryFor(dep, target), abortSignalFor(token));
    } catch (err) {
      if (err instanceof VersionLookupError && err.kind === 'cancelled') return undefined;
      this.log.warn(`Versions of ${dep.displayName}: ${message(err)}`);
      const md = new vscode.MarkdownString();
      md.appendText(messageText(`CodeArtifact: could not get the versions of ${dep.displayName}. ${message(err)}`));
      return new vscode.Hover(md, range);
    }
    const [edit] = updateEdits(dep, pkg);
    const update: UpdateArgs | undefined = edit && { uri: doc.uri.toString(), start: edit.span.start, end: edit.span.end, expected: edit.span.text, newText: edit.newText };
    const latest = pkg.latest;
    const md = new vscode.MarkdownString(
      hoverMarkdown(dep, target, pkg, {
        ...(update ? { update } : {}),
        showVersions: { query: queryFor(dep, target), displayName: dep.displayName } satisfies VersionsArgs,
        ...(latest ? { copySnippet: { format: dep.ecosystem, ...(dep.namespace ? { namespace: dep.namespace } : {}), name: dep.name, version: latest } } : {}),
        // Upstream-only packages have no node in this repository's tree.
        ...(pkg.inRepository ? { reveal: packageLocationOf(dep, target) } : {}),
      }),
    );
    md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    md.supportHtml = false;
    return new vscode.Hover(md, range);
  }

  // ------------------------------------------------------------------ code lens

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!this.settings(doc.uri).lensEnabled) return [];
    const analysis = await this.analysisOf(doc);
    if (!analysis) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const dep of analysis.contents.dependencies) {
      const target = analysis.resolve(dep);
      if (!target) continue;
      const lens = new vscode.CodeLens(toRange(doc, dep.nameSpan));
      lensData.set(lens, { doc, dep, target });
      lenses.push(lens);
    }
    return lenses;
  }

  async resolveCodeLens(lens: vscode.CodeLens, token: vscode.CancellationToken): Promise<vscode.CodeLens> {
    const data = lensData.get(lens);
    if (!data) return lens;
    const pkg = await this.lookup(data.dep, data.target, abortSignalFor(token));
    if (!pkg) {
      lens.command = { title: 'versions unavailable', command: '' };
      return lens;
    }
    const [edit] = updateEdits(data.dep, pkg);
    // Code lens titles render `$(name)` icons; the title carries a server version string.
    const title = iconSafeText(lensTitle(data.dep, pkg));
    lens.command = edit
      ? {
          title,
          command: UPDATE_COMMAND,
          tooltip: displayText(edit.title),
          arguments: [{ uri: data.doc.uri.toString(), start: edit.span.start, end: edit.span.end, expected: edit.span.text, newText: edit.newText } satisfies UpdateArgs],
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
        const target = analysis.resolve(dep);
        if (!target) return [];
        const pkg = await this.lookup(dep, target, signal);
        if (!pkg) return [];
        return findingsFor(dep, pkg, `${target.domain}/${target.repository}`).map((f) => {
          const d = new vscode.Diagnostic(toRange(doc, f.span), messageText(f.message), SEVERITY[f.severity]);
          d.source = 'CodeArtifact';
          d.code = f.code;
          return d;
        });
      }),
    );
    if (signal?.aborted || doc.isClosed || doc.version !== version) return;
    this.diagnostics.set(doc.uri, results.flat());
  }

  // ------------------------------------------------------------------ completion

  async provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionItem[] | undefined> {
    const analysis = await this.analysisOf(doc);
    if (!analysis) return undefined;
    const offset = doc.offsetAt(position);
    const dep = analysis.contents.dependencies.find((d) => d.rangeSpan && offset >= d.rangeSpan.start && offset <= d.rangeSpan.end);
    const target = dep && analysis.resolve(dep);
    if (!dep?.rangeSpan || !target) return undefined;
    const pkg = await this.lookup(dep, target, abortSignalFor(token));
    if (!pkg) return undefined;
    const range = toRange(doc, dep.rangeSpan);
    const installable = pkg.versions.filter((v) => v.installable);
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
    const analysis = await this.analysisOf(doc);
    if (!analysis) return [];
    const dep = dependencyAt(analysis.contents.dependencies, doc.offsetAt(range.start));
    const target = dep && analysis.resolve(dep);
    if (!dep || !target) return [];
    const pkg = await this.lookup(dep, target, abortSignalFor(token));
    if (!pkg) return [];
    const diagnostics = (this.diagnostics.get(doc.uri) ?? []).filter((d) => d.range.intersection(toRange(doc, dep.rangeSpan ?? dep.nameSpan)));
    return updateEdits(dep, pkg).map((e, i) => {
      const action = new vscode.CodeAction(e.title, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(doc.uri, toRange(doc, e.span), e.newText);
      action.isPreferred = i === 0;
      if (diagnostics.length > 0) action.diagnostics = diagnostics;
      return action;
    });
  }

  // ------------------------------------------------------------------ commands

  async update(args: UpdateArgs): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
    const range = new vscode.Range(doc.positionAt(args.start), doc.positionAt(args.end));
    if (doc.getText(range) !== args.expected) {
      void vscode.window.showWarningMessage('The file changed since the versions were shown. Hover again to update.');
      return;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, range, args.newText);
    await vscode.workspace.applyEdit(edit);
  }

  async showVersions(args: VersionsArgs): Promise<void> {
    const pkg = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: iconSafeText(`Versions of ${args.displayName}`) }, () => this.source.get(args.query));
    // Quick-pick labels and descriptions render `$(name)` icons.
    const picked = await vscode.window.showQuickPick(
      pkg.versions.map((v) => ({
        label: iconSafeText(v.version),
        description: iconSafeText([v.version === pkg.latest ? 'latest' : '', v.status === 'Published' ? '' : v.status, v.deprecated ? 'deprecated' : '', v.installable ? '' : 'not installable'].filter(Boolean).join(' · '), DISPLAY_LIMITS.description),
        detail: v.publishedTime ? `published ${v.publishedTime.toISOString().slice(0, 10)}` : undefined,
        version: v.version,
      })),
      { title: iconSafeText(`${args.displayName} in ${args.query.target.domain}/${args.query.target.repository}`), placeHolder: 'Pick a version to copy its install snippet' },
    );
    if (picked) await this.copySnippet({ format: args.query.ecosystem, ...(args.query.namespace ? { namespace: args.query.namespace } : {}), name: args.query.name, version: picked.version });
  }

  async copySnippet(args: { format: string; namespace?: string; name: string; version: string }): Promise<void> {
    const text = installSnippet(args);
    await vscode.env.clipboard.writeText(text);
    void vscode.window.showInformationMessage(messageText(`Copied: ${text.split('\n')[0] ?? text}`));
  }
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
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export interface VersionIntelligenceOptions {
  readonly session: Session;
  readonly log: vscode.LogOutputChannel;
  /** The token service's getter: the same token that the configured package managers use. */
  readonly getToken: TokenGetter;
  /** Besides sign-in changes: when to forget every answer (explorer refresh, new tokens). */
  readonly invalidateOn?: InvalidationTriggers;
}

/** Builds the feature and registers every provider, command and listener; the caller owns the disposables. */
export function registerVersionIntelligence(opts: VersionIntelligenceOptions): vscode.Disposable[] {
  const { session, log } = opts;
  const source = new VersionSource({ api: () => session.api(), getToken: opts.getToken });
  const feature = new VersionIntelligence(source, log);
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
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (['versionLens.enabled', 'versionDiagnostics.enabled', 'defaultRepository'].some((k) => e.affectsConfiguration(`codeartifact.${k}`))) feature.refresh();
    }),
    ...watchInvalidation(source, { ...opts.invalidateOn, refreshes: [session.onDidChange, ...(opts.invalidateOn?.refreshes ?? [])] }, () => feature.refresh()),
    registerCommand(UPDATE_COMMAND, 'Update dependency', (args: UpdateArgs) => feature.update(args), log),
    registerCommand(SHOW_VERSIONS_COMMAND, 'Show versions', (args: VersionsArgs) => feature.showVersions(args), log),
    registerCommand(COPY_SNIPPET_COMMAND, 'Copy install snippet', (args: { format: string; namespace?: string; name: string; version: string }) => feature.copySnippet(args), log),
    registerCommand(REFRESH_COMMAND, 'Refresh versions', () => feature.refresh(), log),
  ];
}
