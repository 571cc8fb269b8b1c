// The files that decide which registry a manifest uses (.npmrc, pip.conf/pip.ini, Maven's settings.xml) in the
// workspace and in the user's home: when one changes, versions are asked again at once (a fix of the
// configuration shows within a second, not after a cache expires).
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { mavenSettingsPath, userNpmrcPath, userPipConfigPath } from '../core/configFiles/userPaths';

const WORKSPACE_PATTERN = '**/{.npmrc,pip.conf,pip.ini,settings.xml,.cargo/config.toml,.cargo/config}';

/** Calls `onChange` (debounced) when a registry config file is created, changed or deleted. */
export function watchRegistryConfig(onChange: () => void, debounceMs = 300): vscode.Disposable[] {
  let timer: NodeJS.Timeout | undefined;
  const fire = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      onChange();
    }, debounceMs);
  };
  const user = { home: os.homedir(), env: process.env };
  const userFiles = [userNpmrcPath(user), userPipConfigPath(user), mavenSettingsPath(user)];
  const watchers = [
    vscode.workspace.createFileSystemWatcher(WORKSPACE_PATTERN),
    // Outside the workspace: one non-recursive watcher per file's folder.
    ...userFiles.map((file) => vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)))),
  ];
  const subscriptions = watchers.flatMap((w) => [w, w.onDidChange(fire), w.onDidCreate(fire), w.onDidDelete(fire)]);
  return [...subscriptions, { dispose: () => timer && clearTimeout(timer) }];
}
