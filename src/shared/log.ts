import * as vscode from 'vscode';
import { neutralizingLog } from '../core/displayText';

/**
 * The one output channel. Callers never pass tokens or URLs with userinfo; `redact` is the last line of defence.
 * Lines often carry server text (error messages, names): every line is neutralised (no ANSI, no forged lines).
 */
export function createLog(): vscode.LogOutputChannel {
  return neutralizingLog(vscode.window.createOutputChannel('CodeArtifact', { log: true }));
}
