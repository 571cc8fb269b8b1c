// Allowing a domain that a folder's registry file names (and that is not one of the user's): the one-time
// notification, the hover's and lens's link (modal), and revoking. The gate remembers the answers.
import * as vscode from 'vscode';
import { displayText, messageText } from '../core/displayText';
import type { DomainGate } from './domainGate';
import { expired, type ApproveArgs, type LinkStores } from './linkCommands';
import type { Analysis, Route } from './manifestAnalysis';
import { errorMessage } from './versionLookup';

export class DomainApprovals {
  /** Domains already offered for approval in this window (`folder|owner/domain`): one prompt each. */
  private readonly offered = new Set<string>();

  constructor(
    private readonly gate: DomainGate,
    private readonly links: LinkStores,
    private readonly log: vscode.LogOutputChannel,
    /** Forgets every answer and shows fresh ones (an approval or revocation changes the routes). */
    private readonly refresh: () => void,
  ) {}

  /** Once per folder and domain (remembered): ask whether the folder's domain may get a token. */
  offer(analysis: Analysis, route: Extract<Route, { kind: 'blocked' }>): void {
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
      .then(undefined, (err: unknown) => this.log.warn(`Could not allow the domain: ${errorMessage(err)}`));
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

  async revoke(): Promise<void> {
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
