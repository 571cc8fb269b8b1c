// The Get Started walkthrough's commands and the context keys its steps tick on: signed in (auth/signIn.ts sets
// it), configured (a configuration is recorded), and whether the endpoint is the local emulator (the demo step).
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { demoWorkspaceAnswer, DEMO_WORKSPACE_ENV, isLocalEndpoint } from '../core/demoWorkspace';
import { registerCommand } from '../shared/commands';
import { readConnectionSettings } from '../shared/settings';
import { manifestKindOf, readManifest } from '../versions/manifestDependencies';

export const WALKTHROUGH_CONTEXT = {
  configured: 'codeartifact.configured',
  localEndpoint: 'codeartifact.localEndpoint',
  inDemoWorkspace: 'codeartifact.inDemoWorkspace',
} as const;

/** A Memento whose updates are announced, so that "configured" follows the configure commands and Remove. */
export class WatchedMemento implements Pick<vscode.Memento, 'get' | 'update'> {
  private readonly changed = new vscode.EventEmitter<string>();
  readonly onDidUpdate = this.changed.event;
  constructor(private readonly inner: vscode.Memento) {}
  get<T>(key: string): T | undefined;
  get<T>(key: string, defaultValue: T): T;
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.inner.get<T>(key) ?? defaultValue;
  }
  async update(key: string, value: unknown): Promise<void> {
    await this.inner.update(key, value);
    this.changed.fire(key);
  }
  dispose(): void {
    this.changed.dispose();
  }
}

const isFolder = (p: string): boolean => {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
};

const openFolders = (): string[] => (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);

const demoAnswer = () => demoWorkspaceAnswer({ endpoint: readConnectionSettings().endpoint, demoFolder: process.env[DEMO_WORKSPACE_ENV], isFolder, openFolders: openFolders() });

async function openDemoWorkspace(): Promise<void> {
  const answer = demoAnswer();
  if (answer.kind === 'unavailable') {
    void vscode.window.showInformationMessage(answer.reason);
    return;
  }
  if (answer.kind === 'alreadyOpen') {
    void vscode.window.showInformationMessage('The demo workspace is already open: try the hovers in package.json, requirements.txt and pom.xml.');
    return;
  }
  await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(answer.folder), { forceReuseWindow: true });
}

/** Opens the first manifest of the workspace at its first dependency and shows that dependency's hover. */
async function tryVersionHover(): Promise<void> {
  const found = await vscode.workspace.findFiles('{package.json,requirements*.txt,pom.xml,pyproject.toml}', '**/node_modules/**', 10);
  const manifests = found.filter((u) => manifestKindOf(u.path) !== undefined).sort((a, b) => a.path.split('/').length - b.path.split('/').length);
  const uri = manifests[0];
  if (!uri) {
    const openDemo = 'Open Demo Workspace';
    const local = isLocalEndpoint(readConnectionSettings().endpoint);
    const choice = await vscode.window.showInformationMessage(
      'Open a folder with a package.json, requirements.txt or pom.xml first: hovers show the versions of its dependencies.',
      ...(local ? [openDemo] : []),
    );
    if (choice === openDemo) await openDemoWorkspace();
    return;
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const kind = manifestKindOf(uri.path);
  const first = kind ? readManifest(kind, doc.getText()).dependencies[0] : undefined;
  const at = doc.positionAt(first?.nameSpan.start ?? 0);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at), preview: false });
  if (first) await vscode.commands.executeCommand('editor.action.showHover');
}

export function registerWalkthrough(records: WatchedMemento, recordsKey: string, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const setConfigured = () => void vscode.commands.executeCommand('setContext', WALKTHROUGH_CONTEXT.configured, (records.get<unknown[]>(recordsKey, []) ?? []).length > 0);
  const setLocal = () => {
    void vscode.commands.executeCommand('setContext', WALKTHROUGH_CONTEXT.localEndpoint, isLocalEndpoint(readConnectionSettings().endpoint));
    void vscode.commands.executeCommand('setContext', WALKTHROUGH_CONTEXT.inDemoWorkspace, demoAnswer().kind === 'alreadyOpen');
  };
  setConfigured();
  setLocal();
  return [
    records,
    records.onDidUpdate((key) => key === recordsKey && setConfigured()),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('codeartifact.endpoint') && setLocal()),
    vscode.workspace.onDidChangeWorkspaceFolders(setLocal),
    registerCommand('codeartifact.openDemoWorkspace', 'Open demo workspace', openDemoWorkspace, log),
    registerCommand('codeartifact.tryVersionHover', 'Show a version hover', tryVersionHover, log),
  ];
}
