// The explorer's change events, gathered so that VS Code redraws each row once and never while it is still
// asking for that row's children. No vscode.
//
// Why: for every node in a change event VS Code's extension host forgets the handles of all the rows below it
// until the window has fetched them again. A burst of events (a row per loaded level, a refresh and a rerender of
// the same node, a parent and its child) did that several times over one subtree; a click, a context menu or a
// reveal that named one of those rows in between found nothing ("No tree item with id …" in the log, a command
// with no element). And an event for a node whose children VS Code is still fetching starts a second fetch of
// them: VS Code drops the answer of the first (its own fetch tokens), so the window gets no rows for a request it
// already made. So: one event per tick, holding only the topmost nodes (the whole tree supersedes all), and a
// node whose getChildren is in flight waits until that settles.

export type Scheduler = (fn: () => void) => void;

const nextTick: Scheduler = (fn) => void setImmediate(fn);

/** `undefined` is the whole tree. */
export type Change<T> = T | undefined;

export class TreeChanges<T extends object> {
  private readonly pending = new Set<T>();
  private all = false;
  private scheduled = false;
  /** getChildren calls not yet settled, per node (undefined: the root level). */
  private readonly listing = new Map<T | undefined, number>();
  private idleWaiters: (() => void)[] = [];

  constructor(
    /** Told once per tick with the nodes to redraw; `undefined` means the whole tree. */
    private readonly fire: (change: T[] | undefined) => void,
    /** The parent VS Code knows for a node (undefined at the top): a node under a changed one is not named again. */
    private readonly parentOf: (node: T) => T | undefined,
    private readonly schedule: Scheduler = nextTick,
  ) {}

  /** Asks for a redraw of `node` (undefined: everything). Several asks in one tick become one event. */
  add(node: Change<T>): void {
    if (node === undefined) this.all = true;
    else this.pending.add(node);
    this.arm();
  }

  /** VS Code asked for the node's children; call `settled` with the same node when the answer is given. */
  listingStarted(node: Change<T>): void {
    this.listing.set(node, (this.listing.get(node) ?? 0) + 1);
  }

  listingSettled(node: Change<T>): void {
    const n = (this.listing.get(node) ?? 1) - 1;
    if (n > 0) this.listing.set(node, n);
    else this.listing.delete(node);
    if (this.pending.size > 0 || this.all) this.arm();
    else this.notifyIfIdle();
  }

  /** Sends what is waiting now (a reveal must not race a redraw that is still to come). Held nodes stay held. */
  flush(): void {
    this.send();
  }

  /** True when nothing waits to be sent and no getChildren is in flight. */
  get idle(): boolean {
    return this.pending.size === 0 && !this.all && this.listing.size === 0;
  }

  /** Resolves once idle (at once if it is). */
  whenIdle(): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  dispose(): void {
    this.pending.clear();
    this.all = false;
    this.listing.clear();
    this.notifyIfIdle();
  }

  private arm(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      this.send();
    });
  }

  private send(): void {
    if (this.all) {
      // The whole tree: every node below is redrawn with it. Held back while the root level is being listed.
      if (this.listing.has(undefined)) return;
      this.all = false;
      this.pending.clear();
      this.fire(undefined);
      this.notifyIfIdle();
      return;
    }
    const ready: T[] = [];
    for (const n of [...this.pending]) {
      // A level above is being listed: VS Code asks for this row again with that answer, so it is dropped.
      if (this.aboveIsListing(n)) this.pending.delete(n);
      // Its own children are being listed: it waits for that answer (see the top of this file).
      else if (!this.listing.has(n)) ready.push(n);
    }
    if (ready.length === 0) return this.notifyIfIdle();
    for (const n of ready) this.pending.delete(n);
    const chosen = new Set(ready);
    // A node under another changed node is redrawn with it; naming it too makes VS Code forget its rows twice.
    const top = ready.filter((n) => !this.hasAncestorIn(n, chosen));
    this.fire(top);
    this.notifyIfIdle();
  }

  private aboveIsListing(node: T): boolean {
    if (this.listing.has(undefined)) return true;
    for (let n = this.parentOf(node); n !== undefined; n = this.parentOf(n)) if (this.listing.has(n)) return true;
    return false;
  }

  private hasAncestorIn(node: T, set: ReadonlySet<T>): boolean {
    for (let n = this.parentOf(node); n !== undefined; n = this.parentOf(n)) if (set.has(n)) return true;
    return false;
  }

  private notifyIfIdle(): void {
    if (!this.idle || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
