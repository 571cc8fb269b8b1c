// Package filters made visible: the tree's message says which repositories are filtered (Find Package filters the
// repository it reveals a package in), a context key shows "Clear Package Filters" in the view's title bar, and
// that command clears them all.
import * as vscode from 'vscode';
import { displayText } from '../core/displayText';
import { filterNotice } from '../core/filterNotice';
import { registerCommand } from '../shared/commands';
import { RepositoryNode, type ExplorerNode } from './model';
import type { ExplorerTreeProvider } from './treeProvider';

export const FILTERS_ACTIVE_CONTEXT = 'codeartifact.packageFilterActive';

export class PackageFilters implements vscode.Disposable {
  /** Repositories whose filter we have seen set, with whether Find Package set it. */
  private readonly repos = new Map<RepositoryNode, boolean>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly provider: ExplorerTreeProvider,
    private readonly treeView: vscode.TreeView<ExplorerNode>,
    log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      provider.onDidRefresh(() => this.update()),
      registerCommand('codeartifact.clearAllPackageFilters', 'Clear package filters', () => this.clearAll(), log),
    );
    this.update();
  }

  /** Call after a repository's filter changed (set, cleared, or by Find Package). */
  changed(repo: RepositoryNode, byFind = false): void {
    if (repo.filter) this.repos.set(repo, byFind);
    else this.repos.delete(repo);
    this.update();
  }

  clearAll(): void {
    for (const repo of this.repos.keys()) {
      repo.setFilter(undefined);
      this.provider.rerender(repo);
    }
    this.repos.clear();
    this.update();
  }

  private update(): void {
    for (const repo of [...this.repos.keys()]) if (!repo.filter) this.repos.delete(repo);
    const active = [...this.repos].map(([repo, byFind]) => ({ repository: displayText(repo.name, 60), prefix: displayText(repo.filter ?? '', 60), byFind }));
    this.treeView.message = filterNotice(active);
    void vscode.commands.executeCommand('setContext', FILTERS_ACTIVE_CONTEXT, active.length > 0);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
