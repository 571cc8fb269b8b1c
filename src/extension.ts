// Builds the extension's objects, registers them and hands every disposable to VS Code. No logic lives here.
import * as vscode from 'vscode';
import { createLog } from './shared/log';

export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  context.subscriptions.push(log);
  const manifest = context.extension.packageJSON as { version?: string };
  log.info(`CodeArtifact ${manifest.version ?? ''} activated`);
  context.subscriptions.push(
    vscode.commands.registerCommand('codeartifact.showLogs', () => log.show()),
    vscode.window.registerTreeDataProvider('codeartifact.explorer', {
      getTreeItem: (item: vscode.TreeItem) => item,
      getChildren: () => [],
    }),
  );
  void vscode.commands.executeCommand('setContext', 'codeartifact.signedIn', false);
}

export function deactivate(): void {}
