// VS Code's CancellationToken → the AbortSignal that the API layer passes to every SDK call.
import type * as vscode from 'vscode';

export function abortSignalFor(token: vscode.CancellationToken | undefined): AbortSignal | undefined {
  if (!token) return undefined;
  const controller = new AbortController();
  if (token.isCancellationRequested) {
    controller.abort();
  } else {
    const sub = token.onCancellationRequested(() => {
      controller.abort();
      sub.dispose();
    });
  }
  return controller.signal;
}
