// Adapts the plain explorer model (model.ts) to VS Code's TreeDataProvider.
import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import { displayLabels } from '../core/displayText';
import { abortSignalFor } from '../shared/cancellation';
import { DependenciesNode } from './dependencyNodes';
import { PackageGroupsNode } from './packageGroupNodes';
import { RowRefreshAfterLoad } from './rowRefresh';
import { DEFAULT_PAGE_SIZES, ExplorerModel, RootNode, type ExplorerNode, type IconSpec, type NodeView } from './model';
import { TreeChanges } from './treeChanges';

/** The longest a reveal waits for VS Code to finish fetching rows before it goes ahead anyway. */
const REVEAL_WAIT_MS = 3000;
/** The longest a refresh's redraw waits for its levels to load; VS Code then asks for what is still missing. */
const PRELOAD_WAIT_MS = 15_000;
const EXPLORER_VIEW = 'codeartifact.explorer';

export class ExplorerTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  readonly model: ExplorerModel;
  private readonly changed = new vscode.EventEmitter<ExplorerNode[] | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Every redraw goes through here: one event per tick, topmost nodes only, never mid-listing (treeChanges.ts). */
  private readonly changes = new TreeChanges<ExplorerNode>(
    (nodes) => this.changed.fire(nodes),
    (node) => this.getParent(node),
  );
  private readonly refreshed = new vscode.EventEmitter<ExplorerNode | undefined>();
  /** Data was re-read from the server (the refresh command, sign-in changes): caches elsewhere should forget too. */
  readonly onDidRefresh = this.refreshed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed, this.refreshed];
  /** Redraws a row once its level is listed, so that its count shows (see rowRefresh.ts). */
  private readonly counts = new RowRefreshAfterLoad<ExplorerNode>((rows) => {
    for (const row of rows) this.changes.add(row);
  });
  /** Set by manage/: sees every item rendered (to find loaded nodes after a write) and may mark it read-only. */
  decorate: ((node: ExplorerNode, item: vscode.TreeItem) => void) | undefined;

  constructor(
    private readonly session: Session,
    log: vscode.LogOutputChannel,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.disposables.push({ dispose: () => this.counts.dispose() }, { dispose: () => this.changes.dispose() });
    this.model = new ExplorerModel({
      api: () => session.api(),
      extraDomains: () => session.settings().extraDomains,
      pageSizes: DEFAULT_PAGE_SIZES,
      onError: (err, where) => log.warn(`Explorer could not load ${where}: ${err.message}`),
      versionChildren: (version) => [new DependenciesNode(version)],
      domainChildren: (domain) => [new PackageGroupsNode(domain)],
    });
    this.disposables.push(
      session.onDidChange(() => {
        this.model.clear();
        // New objects from here on: what VS Code listed of the old tree says nothing about the new one.
        this.listedNodes = new WeakSet();
        this.topListed = false;
        this.refresh();
      }),
    );
  }

  /** Redraws asked for by refresh, reload and rerender (not the count redraws): a reveal that waited sees if any came. */
  private redraws = 0;

  /** Re-reads a subtree from the server (or everything). */
  refresh(node?: ExplorerNode): void {
    this.redraws++;
    const changed = this.model.refresh(node);
    this.refreshed.fire(changed);
    this.redrawWhenLoaded(changed, true);
  }

  /**
   * Re-reads one node after a write of ours changed it. Unlike refresh() it does not signal onDidRefresh: the writer
   * tells the caches exactly what changed (manage/), instead of every cache forgetting everything.
   */
  reload(node: ExplorerNode): void {
    this.redraws++;
    this.redrawWhenLoaded(this.model.refresh(node), true);
  }

  /** Re-renders a node whose children changed locally (after "Load more…", a filter). */
  rerender(node: ExplorerNode | undefined): void {
    this.redraws++;
    this.redrawWhenLoaded(node, false);
  }

  /** Resolves once every redraw asked for so far has gone out (the loads it waits for included). */
  async whenRedrawn(): Promise<void> {
    this.changes.flush();
    await this.changes.whenIdle();
  }

  /** Follows the view's collapses, so that a refresh reloads only the levels VS Code will ask for again. */
  watch(view: vscode.TreeView<ExplorerNode>): vscode.Disposable {
    return view.onDidCollapseElement((e) => this.listedNodes.delete(e.element));
  }

  /** Nodes whose children VS Code has asked for (and not collapsed since). Weak: rows that left the tree go. */
  private listedNodes = new WeakSet<ExplorerNode>();
  private topListed = false;
  private listed(node: ExplorerNode | undefined): boolean {
    return node ? this.listedNodes.has(node) : this.topListed;
  }

  /**
   * The change goes out once the levels VS Code will ask for again are loaded: from the change event until VS Code
   * has those rows again, the extension host knows none of the rows below the node, and a click, a context menu or
   * a reveal on one of them finds nothing. Loaded first, that is one message to the window and back instead of a
   * request to the server per level. Meanwhile the old rows stay on screen and work (they are the same objects).
   */
  private redrawWhenLoaded(node: ExplorerNode | undefined, progress: boolean): void {
    this.changes.add(node);
    if (!this.listed(node) || !this.session.signedIn) return;
    // Held (and whatever is asked below it dropped) until loaded: see TreeChanges.listingStarted.
    this.changes.listingStarted(node);
    const load = this.preload(node);
    if (progress) void vscode.window.withProgress({ location: { viewId: EXPLORER_VIEW } }, () => load);
    void load.finally(() => this.changes.listingSettled(node));
  }

  /** Loads the node's level and, below it, every level VS Code has listed. Failures become error rows, as always. */
  private async preload(node: ExplorerNode | undefined): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const load = async (n: ExplorerNode | undefined): Promise<void> => {
      const children = await this.model.getChildren(n).catch(() => []);
      await Promise.all(children.filter((c) => this.listed(c)).map(load));
    };
    // A server that does not answer must not keep the tree's redraw back for ever.
    await Promise.race([load(node), new Promise<void>((resolve) => (timer = setTimeout(resolve, PRELOAD_WAIT_MS)))]);
    clearTimeout(timer);
  }

  /**
   * Reveals a node once the redraws asked for so far have gone out and VS Code has its rows: VS Code's reveal
   * waits for redraws already sent, not for ours still to come, and one that fetches a level VS Code is fetching
   * too makes VS Code drop one of the two answers.
   */
  async reveal(view: vscode.TreeView<ExplorerNode>, node: ExplorerNode, options: { select?: boolean; focus?: boolean; expand?: boolean | number }): Promise<void> {
    this.changes.flush();
    const asked = this.redraws;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.changes.whenIdle(), new Promise<void>((resolve) => (timer = setTimeout(resolve, REVEAL_WAIT_MS)))]);
    clearTimeout(timer);
    this.changes.flush();
    // Redrawn again meanwhile (a refresh, a filter cleared, a write): the user has moved on, perhaps to the palette or
    // an editor, and a reveal that took the focus now would close or leave what they opened. It still selects.
    await view.reveal(node, this.redraws === asked ? options : { ...options, focus: false });
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    // Labels and descriptions carry server names: neutralised and cut here, once for every node kind.
    const view = displayLabels(node.view());
    this.counts.rendered(node, view.description);
    return this.toTreeItem(node, view);
  }

  async getChildren(node?: ExplorerNode): Promise<ExplorerNode[]> {
    // Empty while signed out, so that the view shows its welcome content with the Sign In button.
    if (!this.session.signedIn) return [];
    this.counts.listing();
    this.changes.listingStarted(node);
    if (node) this.listedNodes.add(node);
    else this.topListed = true;
    try {
      const children = await this.model.getChildren(node);
      // The row's count is known now: it is redrawn once VS Code has drawn these children (rowRefresh.ts).
      if (node) this.counts.listed(node, displayLabels(node.view()).description, node.parent);
      return children;
    } finally {
      this.changes.listingSettled(node);
    }
  }

  /** The node whose getChildren listed `node`: undefined for the top level (VS Code's root is no node of ours). */
  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return node.parent instanceof RootNode ? undefined : node.parent;
  }

  /**
   * Tooltips are made when a row is hovered, not with every row: VS Code keeps each tree item it was given, and
   * a tooltip per row of a 10,000-package listing is memory nobody reads.
   */
  async resolveTreeItem(item: vscode.TreeItem, node: ExplorerNode, token: vscode.CancellationToken): Promise<vscode.TreeItem> {
    try {
      const md = await node.resolveTooltip(this.model.context, abortSignalFor(token));
      if (md) {
        item.tooltip = markdown(md);
        return item;
      }
    } catch {
      // Fall back to the cheap tooltip; errors surface when the node is expanded or opened.
    }
    const cheap = displayLabels(node.view()).tooltip;
    if (cheap) item.tooltip = markdown(cheap);
    return item;
  }

  private toTreeItem(node: ExplorerNode, v: NodeView): vscode.TreeItem {
    const item = new vscode.TreeItem(v.label, collapsible(v.collapsible));
    item.id = node.id;
    if (v.description) item.description = v.description;
    if (v.icon) item.iconPath = this.icon(v.icon);
    item.contextValue = v.contextValue;
    if (v.command) item.command = { command: v.command.command, title: v.command.title, arguments: v.command.arguments ?? [node] };
    this.decorate?.(node, item);
    return item;
  }

  /** One object per distinct icon: VS Code keeps every tree item, and 10,000 rows would hold 10,000 copies. */
  private readonly icons = new Map<string, vscode.ThemeIcon | vscode.Uri>();

  private icon(spec: IconSpec): vscode.ThemeIcon | vscode.Uri {
    const key = 'file' in spec ? `file:${spec.file}` : `codicon:${spec.codicon}:${spec.color ?? ''}`;
    let icon = this.icons.get(key);
    if (!icon) {
      icon = 'file' in spec ? vscode.Uri.joinPath(this.extensionUri, 'media', spec.file) : new vscode.ThemeIcon(spec.codicon, spec.color ? new vscode.ThemeColor(spec.color) : undefined);
      this.icons.set(key, icon);
    }
    return icon;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function collapsible(c: NodeView['collapsible']): vscode.TreeItemCollapsibleState {
  return c === 'none' ? vscode.TreeItemCollapsibleState.None : c === 'expanded' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
}

/** Markdown built by the model is already escaped; it is not trusted (no command links) and has no HTML. */
function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text, true);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}
