// The editor-title toggle for the version lenses: two commands on one context key (as VS Code's own toggles do),
// so the button's icon shows the state. It writes the user setting, unless the workspace sets one: that one wins,
// so it is changed there, and the message says so.
import * as vscode from 'vscode';
import { levelToWrite, type SettingLevel } from '../core/workspaceSettings';
import { manifestKindOf } from './manifestDependencies';

export const SHOW_LENSES_COMMAND = 'codeartifact.showVersionLenses';
export const HIDE_LENSES_COMMAND = 'codeartifact.hideVersionLenses';
const LENS_ENABLED_KEY = 'codeartifact.versionLensEnabled';
const IS_MANIFEST_KEY = 'codeartifact.editorIsManifest';
const SETTING = 'versionLens.enabled';

const TARGET: Record<SettingLevel, vscode.ConfigurationTarget> = {
  user: vscode.ConfigurationTarget.Global,
  workspace: vscode.ConfigurationTarget.Workspace,
  workspaceFolder: vscode.ConfigurationTarget.WorkspaceFolder,
};

function scope(): vscode.Uri | undefined {
  return vscode.window.activeTextEditor?.document.uri;
}

export async function setLensesEnabled(enabled: boolean): Promise<void> {
  const config = vscode.workspace.getConfiguration('codeartifact', scope());
  const level = levelToWrite(config.inspect<boolean>(SETTING));
  await config.update(SETTING, enabled, TARGET[level]);
  if (level !== 'user') {
    const where = level === 'workspace' ? "this workspace's settings" : "this folder's settings (.vscode/settings.json)";
    void vscode.window.showInformationMessage(`Version lenses turned ${enabled ? 'on' : 'off'} in ${where}: the workspace sets codeartifact.versionLens.enabled, which overrides your user setting.`);
  }
}

/** Keeps the context keys of the editor-title buttons in step with the active editor and the setting. */
export function watchLensContext(): vscode.Disposable[] {
  const update = (): void => {
    const doc = vscode.window.activeTextEditor?.document;
    const enabled = vscode.workspace.getConfiguration('codeartifact', doc?.uri).get<boolean>(SETTING, true);
    void vscode.commands.executeCommand('setContext', LENS_ENABLED_KEY, enabled);
    void vscode.commands.executeCommand('setContext', IS_MANIFEST_KEY, doc !== undefined && doc.uri.scheme === 'file' && manifestKindOf(doc.fileName) !== undefined);
  };
  update();
  return [
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`codeartifact.${SETTING}`)) update();
    }),
  ];
}
