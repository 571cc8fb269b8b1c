// In-memory stand-ins for VS Code's Memento and SecretStorage, for tests of code that takes them by injection.
// Type-only `vscode` imports: nothing here needs the editor at run time.
import type * as vscode from 'vscode';
import { TokenService } from '../../src/auth/tokens';
import type { CodeArtifactApi } from '../../src/aws/codeArtifactApi';
import type { TokenGetter } from '../../src/versions/versionSource';

/** A tiny event emitter with VS Code's `Event` shape. */
export class FakeEventEmitter<T> {
  private listeners: ((e: T) => unknown)[] = [];
  readonly event = (listener: (e: T) => unknown): { dispose(): void } => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
}

export class FakeMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  constructor(initial: Record<string, unknown> = {}) {
    for (const [k, v] of Object.entries(initial)) this.values.set(k, v);
  }
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string): T | undefined;
  get<T>(key: string, defaultValue: T): T;
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (this.values.get(key) as T) : defaultValue;
  }
  update(key: string, value: unknown): Thenable<void> {
    // VS Code stores a JSON copy; so do we, so that tests catch values that don't survive a reload.
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, JSON.parse(JSON.stringify(value)) as unknown);
    return Promise.resolve();
  }
}

export class FakeGlobalMemento extends FakeMemento implements vscode.Memento {
  syncedKeys: readonly string[] = [];
  setKeysForSync(keys: readonly string[]): void {
    this.syncedKeys = keys;
  }
}

export class FakeSecretStorage implements vscode.SecretStorage {
  private readonly secrets = new Map<string, string>();
  private readonly changed = new FakeEventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changed.event as vscode.Event<vscode.SecretStorageChangeEvent>;

  get(key: string): Thenable<string | undefined> {
    return Promise.resolve(this.secrets.get(key));
  }
  keys(): Thenable<string[]> {
    return Promise.resolve([...this.secrets.keys()]);
  }
  store(key: string, value: string): Thenable<void> {
    if (typeof value !== 'string') return Promise.reject(new Error('SecretStorage only stores strings'));
    this.secrets.set(key, value);
    this.changed.fire({ key });
    return Promise.resolve();
  }
  delete(key: string): Thenable<void> {
    if (this.secrets.delete(key)) this.changed.fire({ key });
    return Promise.resolve();
  }
  /** For assertions: how many secrets are held. */
  get size(): number {
    return this.secrets.size;
  }
}

/**
 * The extension's real token service over in-memory secrets, as a version-source token getter. Call `dispose`
 * when done: the service keeps a refresh timer for the domains it has issued tokens for.
 */
export function tokenGetterFor(api: () => Pick<CodeArtifactApi, 'getAuthorizationToken'>): TokenGetter & { dispose(): void } {
  const tokens = new TokenService({ api, secrets: new FakeSecretStorage(), log: { info: () => undefined, warn: () => undefined }, durationSeconds: () => 43_200 });
  const get: TokenGetter = (name, owner, signal) => tokens.get({ name, owner }, signal).then((t) => t.token);
  return Object.assign(get, { dispose: () => tokens.dispose() });
}
