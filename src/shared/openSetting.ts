// "Open Settings" everywhere (the signed-out welcome link, error rows, error messages): opens the settings where
// the setting applies — Remote settings for our machine-scoped settings in a remote window, else User settings —
// searching for the setting's id. See core/settingsTarget.ts.
import * as vscode from 'vscode';
import { isOurSettingQuery, settingsCommandFor, type SettingScope } from '../core/settingsTarget';

export const OPEN_SETTING_COMMAND = 'codeartifact.openSetting';

type Manifest = { contributes?: { configuration?: unknown } };

/** Each setting's declared scope, from the extension's package.json. */
function scopesOf(manifest: Manifest): Map<string, SettingScope> {
  const scopes = new Map<string, SettingScope>();
  const sections = [manifest.contributes?.configuration ?? []].flat() as { properties?: Record<string, { scope?: SettingScope }> }[];
  for (const section of sections) for (const [id, p] of Object.entries(section.properties ?? {})) scopes.set(id, p.scope ?? 'window');
  return scopes;
}

/** Opens the settings for `query` (a setting id or the `codeartifact.` prefix). */
export function openSetting(query = 'codeartifact.'): Thenable<unknown> {
  return vscode.commands.executeCommand(OPEN_SETTING_COMMAND, query);
}

export function registerOpenSetting(manifest: Manifest, log: vscode.LogOutputChannel): vscode.Disposable {
  const scopes = scopesOf(manifest);
  const anyMachine = [...scopes.values()].some((s) => s === 'machine' || s === 'machine-overridable');
  // Registered directly (not through shared/commands.ts, which opens settings through this command).
  return vscode.commands.registerCommand(OPEN_SETTING_COMMAND, async (query?: unknown) => {
    // A command link's argument is data: only our own settings are searched for.
    const q = typeof query === 'string' && isOurSettingQuery(query) ? query : 'codeartifact.';
    const target = settingsCommandFor(q, vscode.env.remoteName, (id) => scopes.get(id), anyMachine);
    try {
      await vscode.commands.executeCommand(target.command, target.args);
    } catch (err) {
      log.error(`Open settings (${target.command}) failed: ${err instanceof Error ? err.message : String(err)}`);
      await vscode.commands.executeCommand('workbench.action.openSettings', target.args);
    }
  });
}
