// `$(package) CodeArtifact: profile (region)` in the status bar; a click offers what fits the current state.
import * as vscode from 'vscode';
import { statusMenuItems, statusPresentation } from '../core/statusPresentation';
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
    const state = this.connectivity?.state;
    const p = statusPresentation({
      ...(c ? { connection: { ...(c.profile !== undefined ? { profile: c.profile } : {}), region: c.region, ...(c.endpoint ? { endpoint: c.endpoint } : {}) } } : {}),
      ...(state && !state.online ? { offline: { ...(state.reason ? { reason: state.reason } : {}), ...(state.detail ? { detail: state.detail } : {}) } } : {}),
      ...(this.tokenNote ? { tokenNote: this.tokenNote } : {}),
      tokenWarning: this.tokenWarning,
    });
    this.item.text = p.text;
    // Plain text: a MarkdownString's appendText turns spaces into `&nbsp;`, which screen readers then spell out.
    this.item.tooltip = p.tooltip;
    this.item.accessibilityInformation = { label: p.accessibilityLabel };
    this.item.backgroundColor = p.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.command = p.click === 'retry' ? RETRY_CONNECTION_COMMAND : STATUS_BAR_MENU_COMMAND;
  }

  private async showMenu(): Promise<void> {
    const items = statusMenuItems(this.session.signedIn, this.connectivity !== undefined && !this.connectivity.state.online, RETRY_CONNECTION_COMMAND);
    const pick = await vscode.window.showQuickPick(items, { title: 'CodeArtifact', placeHolder: 'What to do' });
    if (pick) await vscode.commands.executeCommand(pick.command);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
