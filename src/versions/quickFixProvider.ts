// Quick fixes on a dependency: the update edits (the first one preferred), or for a package the repository
// does not know, the unknown-package actions. They attach to the diagnostics shown over the same range.
import * as vscode from 'vscode';
import { displayText } from '../core/displayText';
import { abortSignalFor } from '../shared/cancellation';
import { updateEdits } from './dependencyInsight';
import type { VersionDiagnostics } from './diagnosticsProvider';
import { unknownPackageActions } from './failureActions';
import { toRange, type VersionLookup } from './versionLookup';

export class VersionQuickFixProvider implements vscode.CodeActionProvider {
  constructor(
    private readonly lookup: VersionLookup,
    private readonly diagnostics: VersionDiagnostics,
  ) {}

  async provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, _context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    const found = await this.lookup.lookupTarget(doc, doc.offsetAt(range.start));
    if (!found) return [];
    const { dep, target } = found;
    const pkg = await this.lookup.lookup(dep, target, abortSignalFor(token));
    if (!pkg) return [];
    const diagnostics = this.diagnostics.of(doc.uri).filter((d) => d.range.intersection(toRange(doc, dep.rangeSpan ?? dep.nameSpan)));
    if (!pkg.found) {
      const unknown = this.diagnostics.of(doc.uri).filter((d) => d.code === 'unknownPackage' && d.range.intersection(toRange(doc, dep.nameSpan)));
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
}
