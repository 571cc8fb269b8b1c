// A small stand-in for the `vscode` module, so that unit tests in plain Node can load the real adapters (the tree
// provider, the manage and repository-setup commands). Only what those use is here; dialogs and pickers answer from
// a script the test sets, and each one shown is recorded. Modules loaded through loadWithVscode() get this module
// and are kept out of Node's module cache, so other tests' stand-ins never see them (nor they those).
import Module from 'node:module';
import { Emitter } from '../../src/shared/emitter';

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;

/** How the test answers the dialogs: each gets what the code passed and returns the user's choice. */
export interface Answers {
  warning?: (message: string, ...items: unknown[]) => unknown;
  quickPick?: (items: readonly { label: string }[], options: { title?: string } | undefined) => unknown;
  inputBox?: (options: { title?: string; value?: string } | undefined) => string | undefined;
}

export interface Shown {
  kind: 'info' | 'warning' | 'error' | 'quickPick' | 'inputBox';
  text: string;
}

export const ui: { answers: Answers; shown: Shown[] } = { answers: {}, shown: [] };

class EventEmitter<T> extends Emitter<T> {}

class TreeItem {
  id?: string;
  description?: string;
  contextValue?: string;
  iconPath?: unknown;
  tooltip?: unknown;
  command?: unknown;
  constructor(
    readonly label: string,
    readonly collapsibleState?: number,
  ) {}
}

const cancellationToken = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) };

function optionsAndItems(rest: unknown[]): { detail?: string; items: unknown[] } {
  const [first, ...others] = rest;
  if (first && typeof first === 'object' && !('title' in first)) return { detail: (first as { detail?: string }).detail ?? '', items: others };
  return { items: rest };
}

export const vscodeStandIn = {
  EventEmitter,
  TreeItem,
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  ThemeIcon: class {
    constructor(
      readonly id: string,
      readonly color?: unknown,
    ) {}
  },
  ThemeColor: class {
    constructor(readonly id: string) {}
  },
  MarkdownString: class {
    isTrusted = false;
    supportHtml = false;
    constructor(readonly value: string) {}
  },
  Uri: { joinPath: (base: { path: string }, ...parts: string[]) => ({ path: [base.path, ...parts].join('/') }) },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  DataTransferItem: class {
    constructor(readonly value: unknown) {}
  },
  window: {
    withProgress: (_options: unknown, task: (progress: { report(): void }, token: typeof cancellationToken) => unknown) => Promise.resolve(task({ report: () => undefined }, cancellationToken)),
    showInformationMessage: (message: string) => {
      ui.shown.push({ kind: 'info', text: message });
      return Promise.resolve(undefined);
    },
    showErrorMessage: (message: string) => {
      ui.shown.push({ kind: 'error', text: message });
      return Promise.resolve(undefined);
    },
    showWarningMessage: (message: string, ...rest: unknown[]) => {
      const { detail, items } = optionsAndItems(rest);
      ui.shown.push({ kind: 'warning', text: detail ? `${message} ${detail}` : message });
      return Promise.resolve(ui.answers.warning?.(message, ...items));
    },
    showQuickPick: (items: readonly { label: string }[] | Promise<readonly { label: string }[]>, options?: { title?: string }) => {
      return Promise.resolve(items).then((list) => {
        ui.shown.push({ kind: 'quickPick', text: options?.title ?? '' });
        return ui.answers.quickPick?.(list, options);
      });
    },
    showInputBox: (options?: { title?: string; value?: string }) => {
      ui.shown.push({ kind: 'inputBox', text: options?.title ?? '' });
      return Promise.resolve(ui.answers.inputBox?.(options));
    },
  },
  commands: {
    registerCommand: () => ({ dispose: () => undefined }),
    executeCommand: () => Promise.resolve(undefined),
  },
};

/**
 * Requires compiled modules (paths relative to this file) with `vscode` resolved to the stand-in. Every src module
 * they need is loaded afresh, once for the whole batch: classes (nodes, CodeArtifactError) are shared within the
 * batch, so a test should take the API client and the node classes from the same batch.
 */
export function loadWithVscode(...requests: string[]): unknown[] {
  const loader = Module as unknown as { _load: Load };
  const original = loader._load;
  const cache = require.cache;
  const before = new Map(Object.entries(cache));
  // Modules another test loaded under its own stand-in must not be reused here.
  for (const key of before.keys()) if (/[\\/]src[\\/]/.test(key)) delete cache[key];
  loader._load = function (this: unknown, req, parent, isMain) {
    return req === 'vscode' ? vscodeStandIn : original.call(this, req, parent, isMain);
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded under the stand-in above
    return requests.map((r) => require(r) as unknown);
  } finally {
    loader._load = original;
    for (const key of Object.keys(cache)) if (!before.has(key)) delete cache[key];
    for (const [key, mod] of before) cache[key] = mod;
  }
}
