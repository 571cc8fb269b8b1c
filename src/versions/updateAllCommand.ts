// The command "Update All Dependencies in This File": a quick pick of patch / minor / major, each with how many
// dependencies it changes, then one WorkspaceEdit over the manifest (one undo step).
import * as vscode from 'vscode';
import { displayText } from '../core/displayText';
import type { VersionIntelligence } from './providers';
import { manifestKindOf } from './manifestDependencies';
import { planUpdates, UPDATE_LEVELS, type PlannedUpdate, type UpdateLevel } from './updateAll';

export const UPDATE_ALL_COMMAND = 'codeartifact.updateAllDependencies';

const LEVEL_LABELS: Record<UpdateLevel, { label: string; what: string }> = {
  patch: { label: 'Patch', what: 'bug fixes only (1.2.3 → 1.2.9)' },
  minor: { label: 'Minor', what: 'patch and minor (1.2.3 → 1.9.0)' },
  major: { label: 'Major', what: 'up to the latest, breaking changes included' },
};

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`;
}

/** `uri`: the editor-title and context menus pass the file; the palette uses the active editor. */
export async function updateAllDependencies(feature: VersionIntelligence, uri?: unknown): Promise<void> {
  const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
  if (!target || target.scheme !== 'file' || !manifestKindOf(target.fsPath)) {
    void vscode.window.showInformationMessage('Open a package.json, requirements file, pom.xml, pyproject.toml or build.gradle to update its dependencies.');
    return;
  }
  const doc = await vscode.workspace.openTextDocument(target);
  const version = doc.version;
  const controller = new AbortController();
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Looking up dependency versions…', cancellable: true }, (_p, token) => {
    token.onCancellationRequested(() => controller.abort());
    return feature.answersFor(doc, controller.signal);
  });
  if (!result || controller.signal.aborted) return;
  const plans = new Map(UPDATE_LEVELS.map((level) => [level, planUpdates(result.answers, level)] as const));
  const failedNote = result.failed > 0 ? ` · ${plural(result.failed, 'lookup')} failed` : '';
  const items = UPDATE_LEVELS.map((level) => {
    const planned = plans.get(level) ?? [];
    return {
      label: `${LEVEL_LABELS[level].label}: ${planned.length === 0 ? 'nothing to update' : plural(planned.length, 'dependency').replace(/ys$/, 'ies')}`,
      description: LEVEL_LABELS[level].what,
      // Package names and versions come from the file and the server: shown as plain text.
      detail: displayText(planned.slice(0, 4).map((p) => `${p.dep.displayName} ${p.from} → ${p.to}`).join(', ') + (planned.length > 4 ? ', …' : '')) || undefined,
      level,
      planned,
    };
  });
  const picked = await vscode.window.showQuickPick(items, {
    title: displayText(`Update all dependencies in ${vscode.workspace.asRelativePath(doc.uri)}${failedNote}`),
    placeHolder: 'How far to update (ranges keep their ^, ~, >=, ==)',
  });
  if (!picked) return;
  if (picked.planned.length === 0) {
    void vscode.window.showInformationMessage(`No ${picked.level} updates in this file.`);
    return;
  }
  if (doc.version !== version) {
    void vscode.window.showWarningMessage('The file changed while the versions were looked up. Run the command again.');
    return;
  }
  await apply(doc, picked.planned);
}

async function apply(doc: vscode.TextDocument, planned: readonly PlannedUpdate[]): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  for (const p of planned) {
    const range = new vscode.Range(doc.positionAt(p.span.start), doc.positionAt(p.span.end));
    // Refused if the text moved under us: never write over something else.
    if (doc.getText(range) !== p.span.text) throw new Error('The file changed since the versions were looked up. Run the command again.');
    edit.replace(doc.uri, range, p.newText);
  }
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error('VS Code did not apply the edit.');
  void vscode.window.showInformationMessage(`Updated ${plural(planned.length, 'dependency').replace(/ys$/, 'ies')}. Save the file and install to use them.`);
}
