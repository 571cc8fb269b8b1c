// Connection settings found in a folder's settings are ignored (settings.ts reads them from the user only); this
// tells the user so, once: one log line per file and setting, and one notice per folder that says where to put
// them. The folder's files are read only to look for our keys (bounded, regular files only).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readTextFileIfPresent } from '../core/boundedRead';
import { settingsKeysIn } from '../core/workspaceSettings';
import { openSetting } from './openSetting';
import { CONNECTION_KEYS } from './settings';

const NOTIFIED_KEY = 'codeartifact.ignoredSettingsNotified';
const MAX_SETTINGS_BYTES = 1024 * 1024;

interface Found {
  readonly where: string;
  readonly keys: readonly string[];
}

async function findIgnored(): Promise<Found[]> {
  const found: Found[] = [];
  const files: { file: string; workspaceFile: boolean }[] = [];
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme === 'file') files.push({ file: path.join(folder.uri.fsPath, '.vscode', 'settings.json'), workspaceFile: false });
  }
  const workspaceFile = vscode.workspace.workspaceFile;
  if (workspaceFile?.scheme === 'file') files.push({ file: workspaceFile.fsPath, workspaceFile: true });
  for (const { file, workspaceFile: isWorkspaceFile } of files) {
    // Missing is the usual case; an unreadable one (too big, not a file) is left to VS Code's own reading below.
    const text = await readTextFileIfPresent(file, { maxBytes: MAX_SETTINGS_BYTES }).catch(() => undefined);
    const keys = text === undefined ? [] : settingsKeysIn(text, 'codeartifact', CONNECTION_KEYS, isWorkspaceFile);
    if (keys.length > 0) found.push({ where: file, keys });
  }
  // What VS Code itself reports (a remote or virtual folder's settings are not files here).
  const c = vscode.workspace.getConfiguration('codeartifact');
  const reported = CONNECTION_KEYS.filter((k) => {
    const i = c.inspect(k);
    return i?.workspaceValue !== undefined || i?.workspaceFolderValue !== undefined;
  });
  const missing = reported.filter((k) => !found.some((f) => f.keys.includes(k)));
  if (missing.length > 0) found.push({ where: 'the workspace settings', keys: missing });
  return found;
}

/** Logs each ignored value once per window and shows one notice per folder and set of keys, ever. */
export class IgnoredSettingsNotice {
  private readonly logged = new Set<string>();

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: Pick<vscode.LogOutputChannel, 'warn'>,
  ) {}

  async check(): Promise<void> {
    const found = await findIgnored();
    const notified = this.state.get<string[]>(NOTIFIED_KEY, []);
    const fresh: Found[] = [];
    for (const f of found) {
      for (const key of f.keys) {
        const id = `${f.where}|${key}`;
        if (this.logged.has(id)) continue;
        this.logged.add(id);
        this.log.warn(`Ignored codeartifact.${key} in ${f.where}: connection settings are read from your user settings only.`);
      }
      const id = `${f.where}|${[...f.keys].sort().join(',')}`;
      if (!notified.includes(id)) fresh.push(f);
    }
    if (fresh.length === 0) return;
    await this.state.update(NOTIFIED_KEY, [...notified, ...fresh.map((f) => `${f.where}|${[...f.keys].sort().join(',')}`)].slice(-200));
    const keys = [...new Set(fresh.flatMap((f) => f.keys))].map((k) => `codeartifact.${k}`);
    const choice = await vscode.window.showWarningMessage(
      `This folder's settings set ${keys.join(', ')}, which CodeArtifact ignores: settings that decide where your AWS requests and tokens go apply only from your user settings, so that a repository you open cannot redirect them. If you set ${keys.length === 1 ? 'it' : 'them'} yourself, move ${keys.length === 1 ? 'it' : 'them'} to your user settings.`,
      'Open User Settings',
    );
    if (choice === 'Open User Settings') await openSetting(keys[0] ?? 'codeartifact.');
  }
}
