// The commands behind the hover's and the lenses' links. Each link carries only an opaque id; the arguments
// are what the extension stored behind it (linkArgs.ts), so a manifest or a server cannot choose them.
import * as vscode from 'vscode';
import { DISPLAY_LIMITS, iconSafeText, messageText } from '../core/displayText';
import { installSnippet } from '../core/snippets';
import { isInsertableVersion } from '../core/versioning/versions';
import type { PackageLocation } from '../explorer/packageLocation';
import { LinkArgStore } from './linkArgs';
import type { RepositoryTarget } from './repositoryResolver';
import type { PackageQuery, VersionSource } from './versionSource';

export interface UpdateArgs {
  readonly uri: string;
  readonly start: number;
  readonly end: number;
  /** The text the edit replaces; the edit is refused if the document changed since. */
  readonly expected: string;
  readonly newText: string;
}

export interface VersionsArgs {
  readonly query: PackageQuery;
  readonly displayName: string;
}

export interface CopySnippetArgs {
  readonly format: string;
  readonly namespace?: string;
  readonly name: string;
  readonly version: string;
}

export interface ApproveArgs {
  readonly folder: string;
  readonly folderName: string;
  readonly target: RepositoryTarget;
  readonly fileLabel: string;
}

/** The data behind the hover's and the lenses' command links, held here and named by opaque ids. */
export class LinkStores {
  readonly updates = new LinkArgStore<UpdateArgs>();
  readonly versions = new LinkArgStore<VersionsArgs>();
  readonly snippets = new LinkArgStore<CopySnippetArgs>();
  readonly reveals = new LinkArgStore<PackageLocation>();
  readonly approvals = new LinkArgStore<ApproveArgs>();
}

export function expired(): void {
  void vscode.window.showInformationMessage('This link is from an older hover. Hover over the dependency again.');
}

/** Update, show versions, copy snippet and reveal: each takes only a link id. */
export class LinkCommands {
  constructor(
    private readonly links: LinkStores,
    private readonly source: VersionSource,
  ) {}

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
}
