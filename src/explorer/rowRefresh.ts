// A level's count ("12 packages", "3 repositories") is known only once the level is listed, after VS Code drew its
// row. A change event for that row makes the extension host forget the handles of every row below it until VS Code
// has fetched them again: fired at once, VS Code lost the rows it was still asking about ("No tree item with id");
// fired over an expanded subtree, a context-menu command on a row below found no element. So a row is redrawn once
// the tree has gone quiet (no getChildren/getTreeItem for a moment), only when its description really changed, and
// only while none of its rows is expanded (one level to fetch again, from the cache, with the same ids). A row whose
// child was expanded first keeps its old description until it is next drawn; its tooltip has the count. No vscode.

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Long enough for VS Code to draw a level and ask for the levels it keeps expanded below it, and longer than a person
 * takes to expand the next level (which cancels the redraw): a click just as the redraw goes out finds the row's
 * handles gone for one round trip (VS Code logs "No tree item with id" and fetches the rows again).
 */
export const QUIET_MS = 400;

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

  /** The row's level has been listed; its description now reads `description`. `parent`: the row above it. */
  listed(row: T, description: string | undefined, parent?: T): void {
    // A child of a waiting row is expanded: redrawing the parent now would drop the handles of the child's rows.
    if (parent !== undefined) this.stale.delete(parent);
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
