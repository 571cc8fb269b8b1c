// Getting back after a bad day without a reload (issue #17 item 5): window focus and Retry probe CodeArtifact while
// it is offline, once at a time, and when it answers the explorer and versions are asked again once.
// src/auth/reconnect.ts imports `vscode`; here it gets a small stand-in with just what it uses.
import assert from 'node:assert/strict';
import Module from 'node:module';
import { CodeArtifactError } from '../../../src/aws/errors';
import { Connectivity } from '../../../src/shared/connectivity';
import { Emitter } from '../../../src/shared/emitter';

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;

interface Harness {
  focus(focused: boolean): void;
  runCommand(id: string): Promise<unknown>;
  executed: string[];
  warnings: string[];
  probes: number;
  connectivity: Connectivity;
  /** What the next ListDomains does. */
  answer: 'ok' | 'refused' | 'hang';
  release(): void;
  dispose(): void;
}

function offlineError(): CodeArtifactError {
  return new CodeArtifactError({ kind: 'networkUnreachable', endpoint: 'https://codeartifact.us-west-2.amazonaws.com', code: 'ECONNREFUSED' }, "Can't reach codeartifact.us-west-2.amazonaws.com: connection refused");
}

/** The stand-in `vscode`: one object for the module cache, its members handed to the current harness. */
let current: { windowState: Emitter<{ focused: boolean }>; commands: Map<string, (...args: unknown[]) => unknown>; executed: string[]; warnings: string[] } | undefined;
const active = (): NonNullable<typeof current> => {
  assert.ok(current, 'no harness');
  return current;
};
const fakeVscode = {
  window: {
    onDidChangeWindowState: (listener: (e: { focused: boolean }) => unknown) => active().windowState.event(listener),
    withProgress: (_opts: unknown, task: () => Promise<unknown>) => task(),
    showWarningMessage: (message: string) => {
      active().warnings.push(message);
      return Promise.resolve(undefined);
    },
    showErrorMessage: () => Promise.resolve(undefined),
  },
  commands: {
    registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => {
      const { commands } = active();
      commands.set(id, fn);
      return { dispose: () => commands.delete(id) };
    },
    executeCommand: (id: string, ...args: unknown[]) => {
      active().executed.push(id);
      return Promise.resolve<unknown>(active().commands.get(id)?.(...args));
    },
  },
  ProgressLocation: { Window: 10, Notification: 15 },
};

function loadReconnect(): typeof import('../../../src/auth/reconnect') {
  const loader = Module as unknown as { _load: Load };
  const original = loader._load;
  loader._load = function (this: unknown, request, parent, isMain) {
    return request === 'vscode' ? fakeVscode : original.call(this, request, parent, isMain);
  };
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded under the stand-in above
    return require('../../../src/auth/reconnect') as typeof import('../../../src/auth/reconnect');
  } finally {
    loader._load = original;
  }
}

function harness(signedIn = true): Harness {
  const state = { windowState: new Emitter<{ focused: boolean }>(), commands: new Map<string, (...args: unknown[]) => unknown>(), executed: [] as string[], warnings: [] as string[] };
  current = state;
  const calls = new Emitter<{ error?: unknown }>();
  let pending: (() => void) | undefined;
  const h = { executed: state.executed, warnings: state.warnings, probes: 0, connectivity: new Connectivity(), answer: 'ok' as Harness['answer'] };
  const session = {
    signedIn,
    onDidCall: calls.event,
    api: () => ({
      listDomains: async () => {
        h.probes++;
        if (h.answer === 'hang') await new Promise<void>((resolve) => (pending = resolve));
        const error = h.answer === 'refused' ? offlineError() : undefined;
        calls.fire(error ? { error } : {});
        if (error) throw error;
        return { items: [] };
      },
    }),
  };
  const log = { debug: () => undefined, info: () => undefined, warn: () => undefined, show: () => undefined };
  const disposables = loadReconnect().registerReconnect(session as never, h.connectivity, log as never);
  return Object.assign(h, {
    focus: (focused: boolean) => state.windowState.fire({ focused }),
    runCommand: (id: string): Promise<unknown> => fakeVscode.commands.executeCommand(id),
    release: () => pending?.(),
    dispose: () => disposables.forEach((d) => void d.dispose()),
  });
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('reconnect: window focus and Retry after CodeArtifact was unreachable', () => {
  it('focus while offline probes once; the answer makes it online and refreshes the explorer and versions once', async () => {
    const h = harness();
    h.connectivity.failed(offlineError());
    assert.equal(h.connectivity.state.online, false);
    h.focus(true);
    await settle();
    assert.equal(h.probes, 1);
    assert.equal(h.connectivity.state.online, true);
    assert.deepEqual(h.executed, ['codeartifact.refresh']);
    h.dispose();
  });

  it('focus while online, or losing focus, sends nothing', async () => {
    const h = harness();
    h.focus(true);
    h.connectivity.failed(offlineError());
    h.focus(false);
    await settle();
    assert.equal(h.probes, 0);
    assert.deepEqual(h.executed, []);
    h.dispose();
  });

  it('focus again while a probe is still out does not send a second one', async () => {
    const h = harness();
    h.connectivity.failed(offlineError());
    h.answer = 'hang';
    h.focus(true);
    h.focus(true);
    h.focus(true);
    await settle();
    assert.equal(h.probes, 1);
    h.release();
    await settle();
    assert.equal(h.connectivity.state.online, true);
    assert.deepEqual(h.executed, ['codeartifact.refresh']);
    h.dispose();
  });

  it('still down: focus stays quiet and offline; Retry says so with the reason and the ways on', async () => {
    const h = harness();
    h.connectivity.failed(offlineError());
    h.answer = 'refused';
    h.focus(true);
    await settle();
    assert.equal(h.probes, 1);
    assert.equal(h.connectivity.state.online, false);
    assert.deepEqual(h.warnings, [], 'focus never pops up a message');
    await h.runCommand('codeartifact.retryConnection');
    assert.equal(h.probes, 2);
    assert.equal(h.warnings.length, 1);
    assert.match(h.warnings[0] ?? '', /Still can't reach CodeArtifact: .*connection refused/);
    assert.ok(!h.executed.includes('codeartifact.refresh'));
    h.dispose();
  });

  it('signed out: focus probes nothing, and Retry opens Sign In', async () => {
    const h = harness(false);
    h.connectivity.failed(offlineError());
    h.focus(true);
    await settle();
    assert.equal(h.probes, 0);
    await h.runCommand('codeartifact.retryConnection');
    assert.ok(h.executed.includes('codeartifact.signIn'));
    h.dispose();
  });
});
