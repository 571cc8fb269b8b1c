import * as vscode from 'vscode';

/** The one output channel. Callers never pass tokens or URLs with userinfo; `redact` is the last line of defence. */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('CodeArtifact', { log: true });
}
