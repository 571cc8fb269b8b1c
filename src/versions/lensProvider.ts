// The code lens above each dependency: its latest version (a click updates it), or one line per file for
// what blocks lookups (trust, no repository chosen, a blocked or not-allowed domain). Titles render icons,
// so every server or manifest string goes through iconSafeText.
import * as vscode from 'vscode';
import { displayText, DISPLAY_LIMITS, iconSafeText, messageText } from '../core/displayText';
import { NPM_LOCKFILES, PYPI_LOCKFILES } from '../core/lockfiles/lockfiles';
import { abortSignalFor } from '../shared/cancellation';
import { summarizeFailure } from '../shared/failureSummary';
import { CHOOSE_REPOSITORY_COMMAND, CHOOSE_REPOSITORY_TITLE } from './chooseRepository';
import { lensTitle, updateEdits } from './dependencyInsight';
import { failureCommand } from './failureActions';
import { APPROVE_DOMAIN_COMMAND, MANAGE_TRUST_COMMAND, mavenBlockedText, mavenBlockedTitle, UPDATE_COMMAND } from './hoverContent';
import type { LinkStores } from './linkCommands';
import type { VersionSettings } from './manifestAnalysis';
import type { ManifestDependency } from './manifestDependencies';
import type { RepositoryTarget } from './repositoryResolver';
import { errorMessage, toRange, type VersionLookup } from './versionLookup';

export const REFRESH_COMMAND = 'codeartifact.refreshVersions';

const lensData = new WeakMap<vscode.CodeLens, { doc: vscode.TextDocument; dep: ManifestDependency; target: RepositoryTarget }>();

export class VersionLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly lensChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensChanged.event;

  constructor(
    private readonly lookup: VersionLookup,
    private readonly links: LinkStores,
    private readonly settings: (scope?: vscode.Uri) => VersionSettings,
  ) {}

  /** Lenses ask again; answers still fresh come from the cache. */
  changed(): void {
    this.lensChanged.fire();
  }

  dispose(): void {
    this.lensChanged.dispose();
  }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (!this.settings(doc.uri).lensEnabled) return [];
    const analysis = await this.lookup.analysisOf(doc);
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
        if (!approvalLens.has(key) && route.unchecked !== undefined) {
          lenses.push(new vscode.CodeLens(range, { title: iconSafeText(`Versions: could not check domain ${route.target.domain} (offline?) · Retry`), tooltip: messageText(route.unchecked), command: REFRESH_COMMAND }));
        } else if (!approvalLens.has(key)) {
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
    const result = await this.lookup.lookupOrError(data.dep, data.target, abortSignalFor(token));
    if ('error' in result) {
      // Short why and the fix; the full message is the tooltip (and in the log).
      lens.command = failureCommand(summarizeFailure(result.error), errorMessage(result.error), REFRESH_COMMAND);
      return lens;
    }
    const { pkg } = result;
    const [edit] = updateEdits(data.dep, pkg);
    // Code lens titles render `$(name)` icons; the title carries a server version string.
    const installed = await this.lookup.installedOf(data.doc, data.dep);
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
}

/** Lockfiles change the installed versions the lenses show. */
export function watchLockfiles(changed: () => void): vscode.Disposable[] {
  // Every lockfile installedVersions.ts reads, from the one list, so that a new kind is watched too.
  const watcher = vscode.workspace.createFileSystemWatcher(`**/{${[...NPM_LOCKFILES, ...PYPI_LOCKFILES].join(',')}}`);
  return [watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed)];
}
