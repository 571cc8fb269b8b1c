// Getting back after a bad day without a reload: "Retry" (status bar, explorer error rows) and window focus probe
// CodeArtifact with one cheap call while it is offline; when anything answers again, the explorer and the
// versions are asked again once.
import * as vscode from 'vscode';
import { messageText } from '../core/displayText';
import { registerCommand } from '../shared/commands';
import type { Connectivity } from '../shared/connectivity';
import { openSetting } from '../shared/openSetting';
import type { Session } from './session';

export const RETRY_CONNECTION_COMMAND = 'codeartifact.retryConnection';

export function registerReconnect(session: Session, connectivity: Connectivity, log: vscode.LogOutputChannel): vscode.Disposable[] {
  let probing: Promise<boolean> | undefined;
  /** One ListDomains of one item; its outcome reaches `connectivity` through the session's call events. */
  const probe = (): Promise<boolean> => {
    probing ??= (async () => {
      try {
        await session.api().listDomains({ maxResults: 1 });
        return true;
      } catch (err) {
        log.debug(`Connection check: ${err instanceof Error ? err.message : String(err)}`);
        return false;
      } finally {
        probing = undefined;
      }
    })();
    return probing;
  };
  const retry = async (): Promise<void> => {
    if (!session.signedIn) {
      await vscode.commands.executeCommand('codeartifact.signIn');
      return;
    }
    const ok = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Checking the connection to CodeArtifact…' }, probe);
    // Online again: the explorer and versions refresh through onDidChange below. Still down: say so, with the way on.
    if (!ok) {
      const choice = await vscode.window.showWarningMessage(
        messageText(`Still can't reach CodeArtifact: ${connectivity.state.detail ?? 'see the log'}`),
        'Retry',
        'Open Settings',
        'Show Log',
      );
      if (choice === 'Retry') await vscode.commands.executeCommand(RETRY_CONNECTION_COMMAND);
      else if (choice === 'Open Settings') await openSetting();
      else if (choice === 'Show Log') log.show(true);
    } else if (connectivity.state.online) {
      // Nothing changed state (e.g. the failure was elsewhere): still ask everything again, as the user asked.
      await vscode.commands.executeCommand('codeartifact.refresh');
    }
  };
  let wasOnline = connectivity.state.online;
  return [
    session.onDidCall(({ error }) => (error ? connectivity.failed(error) : connectivity.succeeded())),
    connectivity.onDidChange((state) => {
      if (state.online && !wasOnline) {
        log.info('CodeArtifact answers again: refreshing');
        void vscode.commands.executeCommand('codeartifact.refresh');
      } else if (!state.online) log.warn(`CodeArtifact is unreachable: ${state.detail ?? state.reason ?? ''}`);
      wasOnline = state.online;
    }),
    vscode.window.onDidChangeWindowState((w) => {
      if (w.focused && session.signedIn && !connectivity.state.online) void probe();
    }),
    registerCommand(RETRY_CONNECTION_COMMAND, 'Retry', retry, log),
  ];
}
