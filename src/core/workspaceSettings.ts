// Which of our settings a folder's `.vscode/settings.json` (or a `.code-workspace` file's "settings") sets: used
// only to tell the user that a connection setting there is ignored. VS Code's settings files are JSON with
// comments; keys are dotted (`codeartifact.endpoint`) or nested (`"codeartifact": { "endpoint": … }`). Pure.
import { parse, type ParseError } from 'jsonc-parser';

/** `keys` (without the section) that the file sets, in the order given; a broken file sets none. */
export function settingsKeysIn(text: string, section: string, keys: readonly string[], workspaceFile = false): string[] {
  const errors: ParseError[] = [];
  const root: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  const record = (v: unknown): Record<string, unknown> | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
  const settings = record(workspaceFile ? record(root)?.['settings'] : root);
  if (!settings) return [];
  const nested = record(settings[section]);
  return keys.filter((key) => settings[`${section}.${key}`] !== undefined || nested?.[key] !== undefined);
}

export type SettingLevel = 'user' | 'workspace' | 'workspaceFolder';

/** Where a new value must go to take effect (VS Code's `inspect()`): the most specific level that has one, else the user's. */
export function levelToWrite(inspected: { workspaceValue?: unknown; workspaceFolderValue?: unknown } | undefined): SettingLevel {
  if (inspected?.workspaceFolderValue !== undefined) return 'workspaceFolder';
  if (inspected?.workspaceValue !== undefined) return 'workspace';
  return 'user';
}
