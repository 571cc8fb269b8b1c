// Completion of a dependency's version: the repository's installable versions, newest first, written in the
// style the manifest already uses (completionTexts.ts).
import * as vscode from 'vscode';
import { displayText, DISPLAY_LIMITS } from '../core/displayText';
import { abortSignalFor } from '../shared/cancellation';
import { versionCompletions } from './completionTexts';
import { toRange, type VersionLookup } from './versionLookup';

export class VersionCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly lookup: VersionLookup) {}

  async provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionItem[] | undefined> {
    const offset = doc.offsetAt(position);
    const found = await this.lookup.lookupTarget(doc, offset, true);
    if (!found) return undefined;
    const { dep, target } = found;
    const pkg = await this.lookup.lookup(dep, target, abortSignalFor(token));
    const completions = pkg && versionCompletions(dep, pkg, doc.getText(), offset);
    if (!pkg || !completions) return undefined;
    const range = toRange(doc, completions.span);
    return completions.items.map(({ text: edit, version: v }, i) => {
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
}
