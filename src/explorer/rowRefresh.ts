// A level's count ("12 packages", "3 repositories") is known only once the level is listed, after VS Code drew its
// row. Firing onDidChangeTreeData for that row at once made VS Code lose the rows below it: the extension host forgets
// an element's child handles the moment its change event arrives, and VS Code was still asking about them ("No tree
// item with id"). So the row is redrawn once the tree has gone quiet (no getChildren/getTreeItem for a moment), and
// only when its description really changed; the redraw asks for the same cached children with the same ids. No vscode.

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** Long enough for VS Code to draw a level and ask for the levels it keeps expanded below it. */
export const QUIET_MS = 150;

export class RowRefreshAfterLoad<T extends object> {
  /** The description VS Code last got for each row. */
  private readonly shown = new WeakMap<T, string | undefined>();
  private readonly stale = new Set<T>();
  private timer: unknown;

  constructor(
    private readonly redraw: (rows: readonly T[]) => void,
    private readonly quietMs = QUIET_MS,
    private readonly timers: Timers = realTimers,
  ) {}

  /** VS Code asked for the row's item: it now shows `description`. */
  rendered(row: T, description: string | undefined): void {
    this.shown.set(row, description);
    this.stale.delete(row);
    this.poke();
  }

  /** VS Code asked for the row's children (a sign that it is busy with the tree). */
  listing(): void {
    this.poke();
  }

  /** The row's level has been listed; its description now reads `description`. */
  listed(row: T, description: string | undefined): void {
    if (this.shown.has(row) && this.shown.get(row) !== description) this.stale.add(row);
    this.poke();
  }

  dispose(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    this.stale.clear();
  }

  private poke(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    if (this.stale.size === 0) return;
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      const rows = [...this.stale];
      this.stale.clear();
      this.redraw(rows);
    }, this.quietMs);
  }
}
