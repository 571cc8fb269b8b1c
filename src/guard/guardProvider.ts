// The VS Code side of the dependency-confusion guard: a Warning on each manifest dependency that is internal but
// whose upstream lets a public package of the same name in, two quick fixes (block upstream for the package, or
// for its package group), and the workspace audit. Checks run on open, on save and a while after typing stops;
// every answer comes from ConfusionChecker's cache when it has one.
import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import { adminApiOf } from '../aws/adminApi';
import { packageGroupsApiIfAny } from '../aws/packageGroupsApi';
import { displayText, messageText } from '../core/displayText';
import { abortSignalFor } from '../shared/cancellation';
import { registerCommand } from '../shared/commands';
import type { ManifestAnalyzer } from '../versions/manifestAnalysis';
import type { ManifestAnalyses } from '../versions/manifestAnalyses';
import { manifestKindOf } from '../versions/manifestDependencies';
import { ConfusionChecker, queryKey, type GuardQuery } from './confusionCheck';
import { exposedMessage } from './confusionDecision';
import { auditReport, MAX_AUDIT_FILES, type Checked } from './auditReport';
import { blockGroupUpstream, blockPackageUpstream } from './guardActions';

export const GUARD_DIAGNOSTIC_CODE = 'dependencyConfusion';
export const BLOCK_PACKAGE_UPSTREAM_COMMAND = 'codeartifact.blockPackageUpstream';
export const BLOCK_GROUP_UPSTREAM_COMMAND = 'codeartifact.blockPackageGroupUpstream';
export const AUDIT_COMMAND = 'codeartifact.auditDependencyConfusion';
const SETTING = 'codeartifact.dependencyGuard.enabled';
const TYPING_DELAY_MS = 1500;
/**
 * After a manifest opens or is saved: its hovers, lenses and version diagnostics go first (they share the host's
 * one thread, and the guard asks several questions per dependency); the guard's warning follows a moment later.
 */
const OPEN_DELAY_MS = 750;
const MANIFEST_GLOB = '**/{package.json,requirements*.txt,requirements*.in,constraints*.txt,pom.xml,pyproject.toml,build.gradle,build.gradle.kts,*.versions.toml}';
const EXCLUDE_GLOB = '**/{node_modules,.venv,venv,target,build,dist,.git}/**';


function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The user's own value only: a workspace (attacker input) must not be able to silence a security warning. */
function enabled(): boolean {
  return vscode.workspace.getConfiguration().inspect<boolean>(SETTING)?.globalValue !== false;
}

export class DependencyGuard implements vscode.CodeActionProvider, vscode.Disposable {
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('codeartifact.guard');
  private readonly pending = new Map<string, { timer: NodeJS.Timeout; controller: AbortController }>();
  /** What a quick fix may act on: the queries the guard itself found exposed (ids, never data from the arguments). */
  private readonly exposed = new Map<string, { query: GuardQuery; displayName: string; group?: string }>();
  /** Per document: where each warning's name starts → its query's key (from the last check of that document). */
  private readonly atOffset = new Map<string, Map<number, string>>();
  readonly checker: ConfusionChecker;

  constructor(
    private readonly session: Session,
    private readonly log: vscode.LogOutputChannel,
    /** The host's one analyzer, shared with the version providers (versions/manifestAnalyses.ts). */
    private readonly analyzer: ManifestAnalyzer,
  ) {
    this.checker = new ConfusionChecker({ api: () => session.api(), admin: adminApiOf, groups: packageGroupsApiIfAny });
  }

  dispose(): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.controller.abort();
    }
    this.diagnostics.dispose();
  }

  refresh(): void {
    this.checker.clear();
    this.analyzer.clear();
    this.reshow();
  }

  reshow(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  clear(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const p = this.pending.get(key);
    if (p) {
      clearTimeout(p.timer);
      p.controller.abort();
      this.pending.delete(key);
    }
    this.diagnostics.delete(doc.uri);
    this.atOffset.delete(key);
  }

  schedule(doc: vscode.TextDocument, delayMs = TYPING_DELAY_MS): void {
    if (doc.uri.scheme !== 'file' || !manifestKindOf(doc.fileName)) return;
    const key = doc.uri.toString();
    const previous = this.pending.get(key);
    if (previous) {
      clearTimeout(previous.timer);
      previous.controller.abort();
    }
    if (!enabled() || !this.session.connection) {
      this.diagnostics.delete(doc.uri);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      void this.update(doc, controller.signal).finally(() => {
        if (this.pending.get(key)?.controller === controller) this.pending.delete(key);
      });
    }, delayMs);
    this.pending.set(key, { timer, controller });
  }

  private async update(doc: vscode.TextDocument, signal: AbortSignal): Promise<void> {
    const version = doc.version;
    const checked = await this.checkDocument(doc, signal);
    if (signal.aborted || doc.version !== version || doc.isClosed) return;
    const diagnostics: vscode.Diagnostic[] = [];
    const offsets = new Map<number, string>();
    for (const c of checked) {
      if (c.result?.verdict.kind !== 'exposed' || !c.query) continue;
      offsets.set(c.dep.nameSpan.start, queryKey(c.query));
      const d = new vscode.Diagnostic(
        new vscode.Range(doc.positionAt(c.dep.nameSpan.start), doc.positionAt(c.dep.nameSpan.end)),
        messageText(exposedMessage(displayText(c.dep.displayName), c.result.verdict)),
        vscode.DiagnosticSeverity.Warning,
      );
      d.source = 'CodeArtifact';
      d.code = GUARD_DIAGNOSTIC_CODE;
      diagnostics.push(d);
    }
    this.diagnostics.set(doc.uri, diagnostics);
    this.atOffset.set(doc.uri.toString(), offsets);
  }

  /** Every dependency of one manifest with its verdict (or why it was not checked). */
  async checkDocument(doc: vscode.TextDocument, signal?: AbortSignal): Promise<Checked[]> {
    const analysis = await this.analyzer.analysisOf(doc);
    if (!analysis) return [];
    const seen = new Map<string, Promise<Checked>>();
    const out: Promise<Checked>[] = [];
    for (const dep of analysis.contents.dependencies) {
      const route = analysis.route(dep);
      if (!route || route.kind !== 'lookup') {
        out.push(Promise.resolve({ dep, skipped: route ? route.kind : 'not a CodeArtifact repository' }));
        continue;
      }
      const query: GuardQuery = { target: route.target, ...(dep.namespace ? { namespace: dep.namespace } : {}), name: dep.name };
      const key = queryKey(query);
      let pending = seen.get(key);
      if (!pending) {
        pending = this.checker.check(query, signal).then(
          (result): Checked => {
            if (result.verdict.kind === 'exposed') this.exposed.set(key, { query, displayName: dep.displayName, ...(result.verdict.group && result.verdict.fixes.includes('group') ? { group: result.verdict.group } : {}) });
            else this.exposed.delete(key);
            return { dep, query, result };
          },
          (err: unknown): Checked => {
            this.log.debug(`Guard: could not check ${dep.displayName}: ${message(err)}`);
            return { dep, query, error: message(err) };
          },
        );
        seen.set(key, pending);
      }
      out.push(pending.then((c) => ({ ...c, dep })));
    }
    return Promise.all(out);
  }

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.code !== GUARD_DIAGNOSTIC_CODE) continue;
      const key = this.atOffset.get(doc.uri.toString())?.get(doc.offsetAt(d.range.start));
      const found = key ? this.exposed.get(key) : undefined;
      if (!key || !found) continue;
      const name = displayText(found.displayName);
      const pkg = new vscode.CodeAction(`Block upstream for this package (${name} in ${found.query.target.repository})`, vscode.CodeActionKind.QuickFix);
      pkg.diagnostics = [d];
      pkg.isPreferred = true;
      pkg.command = { command: BLOCK_PACKAGE_UPSTREAM_COMMAND, title: pkg.title, arguments: [key] };
      actions.push(pkg);
      if (found.group) {
        const group = new vscode.CodeAction(`Block upstream for its package group (${displayText(found.group)})`, vscode.CodeActionKind.QuickFix);
        group.diagnostics = [d];
        group.command = { command: BLOCK_GROUP_UPSTREAM_COMMAND, title: group.title, arguments: [key] };
        actions.push(group);
      }
    }
    return actions;
  }

  private found(key: unknown): { query: GuardQuery; displayName: string; group?: string } {
    const found = typeof key === 'string' ? this.exposed.get(key) : undefined;
    if (!found) throw new Error('This warning is out of date. Save the file or run "Audit Workspace for Dependency Confusion" again.');
    return found;
  }

  async blockPackage(key: unknown): Promise<void> {
    const { query, displayName } = this.found(key);
    const api = adminApiOf(this.session.api());
    if (!api) throw new Error('Origin controls cannot be changed with this connection.');
    const name = displayText(displayName);
    const where = `${displayText(query.target.domain)}/${displayText(query.target.repository)}`;
    const choice = await vscode.window.showWarningMessage(
      messageText(`Block upstream for ${name} in ${where}?`),
      {
        modal: true,
        detail: messageText(`New versions of ${name} will no longer come into ${query.target.repository} from upstream repositories or public registries; versions already there stay. Publishing is left as it is.`),
      },
      'Block Upstream',
    );
    if (choice !== 'Block Upstream') return;
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: messageText(`Blocking upstream for ${name}…`), cancellable: true }, (_p, token) =>
      blockPackageUpstream(api, query, abortSignalFor(token)),
    );
    this.log.info(`Guard: upstream blocked for ${name} in ${where} (publish ${result.publish}).`);
    this.afterWrite(query);
    void vscode.window.showInformationMessage(messageText(`Upstream is now blocked for ${name} in ${where}.`));
  }

  async blockGroup(key: unknown): Promise<void> {
    const { query, displayName, group } = this.found(key);
    if (!group) throw new Error('This package has no package group that could be changed.');
    const api = adminApiOf(this.session.api());
    if (!api) throw new Error('Package groups cannot be changed with this connection.');
    const shownGroup = displayText(group);
    const choice = await vscode.window.showWarningMessage(
      messageText(`Block external upstreams for the package group ${shownGroup} in ${displayText(query.target.domain)}?`),
      {
        modal: true,
        detail: messageText(
          `Every package of ${shownGroup} (${displayText(displayName)} among them) stops coming in from public registries in every repository of the domain, unless a subgroup or the package allows it.`,
        ),
      },
      'Block for Group',
    );
    if (choice !== 'Block for Group') return;
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: messageText(`Blocking external upstreams for ${shownGroup}…`), cancellable: true }, (_p, token) =>
      blockGroupUpstream(api, query, group, abortSignalFor(token)),
    );
    this.log.info(`Guard: external upstreams blocked for package group ${shownGroup}.`);
    // A group covers many packages: ask again for all of them.
    this.checker.clear();
    this.exposed.clear();
    this.reshow();
  }

  private afterWrite(query: GuardQuery): void {
    this.checker.forget(query);
    this.exposed.delete(queryKey(query));
    this.reshow();
  }

  /** Reads every manifest of the workspace, checks each dependency, and opens the report. */
  async audit(): Promise<void> {
    if (!this.session.connection) throw new Error('Sign in to CodeArtifact first.');
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Auditing the workspace for dependency confusion', cancellable: true },
      async (progress, token) => {
        const signal = abortSignalFor(token);
        const files = await vscode.workspace.findFiles(MANIFEST_GLOB, EXCLUDE_GLOB, MAX_AUDIT_FILES, token);
        const rows: { file: string; checked: Checked[] }[] = [];
        for (const [i, uri] of files.entries()) {
          if (token.isCancellationRequested) break;
          progress.report({ message: `${i + 1}/${files.length}`, increment: 100 / Math.max(files.length, 1) });
          if (!manifestKindOf(uri.fsPath)) continue;
          try {
            const doc = await vscode.workspace.openTextDocument(uri);
            rows.push({ file: vscode.workspace.asRelativePath(uri), checked: await this.checkDocument(doc, signal) });
          } catch (err) {
            this.log.warn(`Guard: could not read ${uri.fsPath}: ${message(err)}`);
          }
        }
        return auditReport(rows, { truncated: files.length >= MAX_AUDIT_FILES, cancelled: token.isCancellationRequested });
      },
    );
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: report });
    await vscode.window.showTextDocument(doc, { preview: false });
    this.reshow();
  }
}

const SELECTOR: vscode.DocumentSelector = [{ scheme: 'file', pattern: MANIFEST_GLOB }];

/** Builds the guard and registers its provider, commands and listeners; the caller owns the disposables. */
export function registerDependencyGuard(opts: {
  session: Session;
  log: vscode.LogOutputChannel;
  /** The gate and analyzer shared with the version providers (versions/manifestAnalyses.ts). */
  analyses: ManifestAnalyses;
}): vscode.Disposable[] {
  const { session, log } = opts;
  const { gate, analyzer } = opts.analyses;
  const guard = new DependencyGuard(session, log, analyzer);
  for (const doc of vscode.workspace.textDocuments) guard.schedule(doc, 0);
  return [
    guard,
    vscode.languages.registerCodeActionsProvider(SELECTOR, guard, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.workspace.onDidOpenTextDocument((doc) => guard.schedule(doc, OPEN_DELAY_MS)),
    vscode.workspace.onDidSaveTextDocument((doc) => guard.schedule(doc, OPEN_DELAY_MS)),
    vscode.workspace.onDidChangeTextDocument((e) => guard.schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument((doc) => guard.clear(doc)),
    vscode.workspace.onDidGrantWorkspaceTrust(() => guard.refresh()),
    session.onDidChange(() => {
      gate.invalidate();
      guard.refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (['dependencyGuard.enabled', 'defaultRepository', 'domains'].some((k) => e.affectsConfiguration(`codeartifact.${k}`))) guard.refresh();
    }),
    registerCommand(BLOCK_PACKAGE_UPSTREAM_COMMAND, 'Block upstream for this package', (key: unknown) => guard.blockPackage(key), log),
    registerCommand(BLOCK_GROUP_UPSTREAM_COMMAND, 'Block upstream for its package group', (key: unknown) => guard.blockGroup(key), log),
    registerCommand(AUDIT_COMMAND, 'Audit workspace for dependency confusion', () => guard.audit(), log),
  ];
}
