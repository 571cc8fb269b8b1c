// One wrapper for every command: it logs a failure and shows a message a person can act on, with buttons for
// the likely fix ("Sign In", "Run aws sso login", "Select Region", "Show Logs").
import * as vscode from 'vscode';
import { actionsFor, CodeArtifactError, type ErrorAction } from '../aws/errors';
import { isValidProfileName } from '../aws/profiles';
import { InvalidProfileNameError, SsoLoginTerminal } from '../auth/ssoLogin';
import { displayText, messageText } from '../core/displayText';
import { openSetting } from './openSetting';

const ACTION_LABELS: Record<ErrorAction, string> = {
  signIn: 'Sign In',
  ssoLogin: 'Run aws sso login',
  selectRegion: 'Select Region',
  openEndpointSetting: 'Open Settings',
  refresh: 'Refresh',
  showLogs: 'Show Logs',
};

/**
 * Runs `aws sso login --profile P` as a process with an argument list in a terminal of its own (no shell: a
 * profile name cannot become PowerShell's `$(…)` or cmd's `&`). When it succeeds the explorer refreshes.
 */
export function runSsoLogin(profile: string): void {
  if (!isValidProfileName(profile)) {
    void vscode.window.showErrorMessage(new InvalidProfileNameError().message);
    return;
  }
  const pty = new SsoLoginTerminal(profile);
  pty.onDidFinish(({ ok }) => ok && void vscode.commands.executeCommand('codeartifact.refresh'));
  const terminal = vscode.window.createTerminal({ name: displayText(`AWS SSO login (${profile})`), pty });
  terminal.show();
}

/** Shows an error with its follow-up buttons and runs the chosen one. Cancellations stay silent. */
export async function showError(err: unknown, log: vscode.LogOutputChannel, context?: string): Promise<void> {
  const e = err instanceof CodeArtifactError ? err : undefined;
  if (e?.kind === 'cancelled') return;
  const message = e?.message ?? (err instanceof Error ? err.message : String(err));
  log.error(`${context ? `${context}: ` : ''}${message}`);
  const actions = e ? actionsFor(e.detail) : (['showLogs'] as ErrorAction[]);
  // Other errors (VersionLookupError, file system, parsers) may quote server or file text; messageText is
  // idempotent, so CodeArtifactError's already-clean message passes through unchanged.
  const shown = messageText(context ? `${context}: ${message}` : message);
  const choice = await vscode.window.showErrorMessage(shown, ...actions.map((a) => ACTION_LABELS[a]));
  const action = actions.find((a) => ACTION_LABELS[a] === choice);
  switch (action) {
    case 'signIn':
      await vscode.commands.executeCommand('codeartifact.signIn');
      break;
    case 'ssoLogin':
      if (e?.detail.kind === 'ssoExpired') runSsoLogin(e.detail.profile);
      break;
    case 'selectRegion':
      await vscode.commands.executeCommand('codeartifact.selectRegion');
      break;
    case 'openEndpointSetting':
      await openSetting('codeartifact.endpoint');
      break;
    case 'refresh':
      await vscode.commands.executeCommand('codeartifact.refresh');
      break;
    case 'showLogs':
      log.show(true);
      break;
    case undefined:
      break;
  }
}

/**
 * Registers a command whose failures are logged and shown by `showError`. `title` names the action in the
 * message ("Copy Repository Endpoint failed: …").
 */
export function registerCommand(
  id: string,
  title: string,
  handler: (...args: never[]) => unknown,
  log: vscode.LogOutputChannel,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await (handler as (...a: unknown[]) => unknown)(...args);
    } catch (err) {
      void showError(err, log, `${title} failed`);
      return undefined;
    }
  });
}
