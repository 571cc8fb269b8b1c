// A minimal event emitter with the shape of VS Code's `Event`, for classes that must also run in plain Node
// tests (vscode.EventEmitter exists only inside the editor).
export interface Disposable {
  dispose(): void;
}

export type Event<T> = (listener: (e: T) => unknown, thisArgs?: unknown, disposables?: Disposable[]) => Disposable;

export class Emitter<T> implements Disposable {
  private listeners = new Set<(e: T) => unknown>();

  readonly event: Event<T> = (listener, thisArgs, disposables) => {
    const bound = thisArgs === undefined ? listener : (e: T) => listener.call(thisArgs, e);
    this.listeners.add(bound);
    const sub = { dispose: () => void this.listeners.delete(bound) };
    disposables?.push(sub);
    return sub;
  };

  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }

  dispose(): void {
    this.listeners.clear();
  }
}
