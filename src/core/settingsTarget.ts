// Where a "Open Settings" link should take a person: in a remote window (SSH, WSL, containers, code-server),
// machine-scoped settings only count in the Remote settings, so User settings would show a value that is ignored.
// Pure: the command in shared/openSetting.ts runs the answer.

export type SettingScope = 'application' | 'machine' | 'machine-overridable' | 'window' | 'resource' | 'language-overridable';

export interface SettingsCommand {
  command: 'workbench.action.openSettings' | 'workbench.action.openRemoteSettings';
  /** Both commands take `{ query }` (openRemoteSettings ignores a plain string). */
  args: { query: string };
}

/** Setting ids we link to: ours only, plain dotted words (a link's argument is not trusted). */
export function isOurSettingQuery(query: string): boolean {
  return /^codeartifact\.(?:[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*)?$/.test(query) && query.length <= 100;
}

/**
 * `scopeOf(id)` is the scope the manifest declares. A prefix (`codeartifact.`) counts as machine when any of
 * its settings is (most of ours are: where requests and tokens go).
 */
export function settingsCommandFor(query: string, remoteName: string | undefined, scopeOf: (id: string) => SettingScope | undefined, prefixHasMachine = true): SettingsCommand {
  const scope = query.endsWith('.') ? (prefixHasMachine ? 'machine' : 'window') : (scopeOf(query) ?? 'window');
  const machine = scope === 'machine' || scope === 'machine-overridable';
  const remote = remoteName !== undefined && remoteName !== '';
  return { command: remote && machine ? 'workbench.action.openRemoteSettings' : 'workbench.action.openSettings', args: { query } };
}
