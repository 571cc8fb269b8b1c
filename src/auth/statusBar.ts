// `$(package) CodeArtifact: profile (region)` in the status bar; a click offers what fits the current state.
import * as vscode from 'vscode';
import { displayText, iconSafeText } from '../core/displayText';
import { registerCommand } from '../shared/commands';
import type { Connectivity } from '../shared/connectivity';
import { RETRY_CONNECTION_COMMAND } from './reconnect';
import type { Session } from './session';

export const STATUS_BAR_MENU_COMMAND = 'codeartifact.statusBarMenu';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('codeartifact.status', vscode.StatusBarAlignment.Left, 10);
  private readonly disposables: vscode.Disposable[] = [];
  /** A short note about tokens (set by the configure feature), e.g. "token 11h left". */
  private tokenNote: string | undefined;
  private tokenWarning = false;

  constructor(
    private readonly session: Session,
    log: vscode.LogOutputChannel,
    /** Offline (a network failure on either plane) shows in the item until something answers again. */
    private readonly connectivity?: Connectivity,
  ) {
    this.item.name = 'CodeArtifact';
    this.item.command = STATUS_BAR_MENU_COMMAND;
    this.disposables.push(
      this.item,
      session.onDidChange(() => this.render()),
      ...(connectivity ? [connectivity.onDidChange(() => this.render())] : []),
      registerCommand(STATUS_BAR_MENU_COMMAND, 'CodeArtifact', () => this.showMenu(), log),
    );
    this.render();
    this.item.show();
  }

  setTokenNote(note: string | undefined): void {
    this.tokenNote = note;
    this.render();
  }

  /** Token note plus a warning colour near expiry or after a failed refresh (configure feature). */
  setTokenState(note: string | undefined, warning: boolean): void {
    this.tokenWarning = warning;
    this.setTokenNote(note);
  }

  private render(): void {
    const c = this.session.connection;
    this.item.command = STATUS_BAR_MENU_COMMAND;
    this.item.accessibilityInformation = undefined;
    if (!c) {
      this.item.backgroundColor = undefined;
      this.item.text = '$(package) CodeArtifact: Sign In';
      this.item.tooltip = 'Not signed in to AWS CodeArtifact. Click to sign in.';
      return;
    }
    const state = this.connectivity?.state;
    if (state && !state.online) {
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      this.item.text = '$(cloud-offline) CodeArtifact: offline';
      this.item.command = RETRY_CONNECTION_COMMAND;
      const tip = new vscode.MarkdownString(undefined, true);
      tip.appendText(`CodeArtifact is offline: ${displayText(state.reason ?? '')}\n${displayText(state.detail ?? '', 300)}\nClick to retry. Slow network? Raise codeartifact.network.timeoutSeconds.`);
      this.item.tooltip = tip;
      this.item.accessibilityInformation = { label: `CodeArtifact offline: ${displayText(state.reason ?? '')}. Activate to retry.` };
      return;
    }
    this.item.backgroundColor = this.tokenWarning && this.tokenNote ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    // Profile names come from the AWS config files: the status bar renders `$(name)` as an icon, so escape it.
    const who = c.profile !== undefined ? iconSafeText(c.profile, 64) : 'default chain';
    const note = this.tokenNote ? ` · ${iconSafeText(this.tokenNote, 64)}` : '';
    this.item.text = `$(package) CodeArtifact: ${who} (${iconSafeText(c.region, 32)})${note}`;
    // Screen readers get words, not the icon's name or the layout's spacing.
    this.item.accessibilityInformation = { label: `CodeArtifact, ${c.profile !== undefined ? `profile ${displayText(c.profile, 64)}` : 'default credential chain'}, region ${displayText(c.region, 32)}${this.tokenNote ? `, ${displayText(this.tokenNote, 64)}` : ''}. Activate for the menu.` };
    // appendText escapes Markdown and (with theme icons on) icons; control characters are ours to neutralise.
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendText(`AWS CodeArtifact — ${c.profile ? `profile ${displayText(c.profile)}` : 'default credential chain'}, region ${displayText(c.region)}`);
    if (c.endpoint) tip.appendText(`\nEndpoint override in use`);
    if (this.tokenNote) tip.appendText(`\nTokens: ${displayText(this.tokenNote)}`);
    this.item.tooltip = tip;
  }

  private async showMenu(): Promise<void> {
    type Item = vscode.QuickPickItem & { command: string };
    const items: Item[] = this.session.signedIn
      ? [
          ...(this.connectivity && !this.connectivity.state.online ? [{ label: '$(debug-restart) Retry Connection', command: RETRY_CONNECTION_COMMAND }] : []),
          { label: '$(refresh) Refresh Explorer', command: 'codeartifact.refresh' },
          { label: '$(account) Switch Profile…', command: 'codeartifact.signIn' },
          { label: '$(globe) Select Region…', command: 'codeartifact.selectRegion' },
          { label: '$(output) Show Logs', command: 'codeartifact.showLogs' },
          { label: '$(sign-out) Sign Out', command: 'codeartifact.signOut' },
        ]
      : [
          { label: '$(sign-in) Sign In…', command: 'codeartifact.signIn' },
          { label: '$(output) Show Logs', command: 'codeartifact.showLogs' },
        ];
    const pick = await vscode.window.showQuickPick(items, { title: 'CodeArtifact' });
    if (pick) await vscode.commands.executeCommand(pick.command);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
