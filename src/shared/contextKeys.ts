// Context keys used in `when` clauses of package.json.
import * as vscode from 'vscode';

export const ContextKeys = {
  signedIn: 'codeartifact.signedIn',
} as const;

export function setContext(key: (typeof ContextKeys)[keyof typeof ContextKeys], value: unknown): Thenable<unknown> {
  return vscode.commands.executeCommand('setContext', key, value);
}
