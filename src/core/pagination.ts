// Bookkeeping for a lazily paged list: the items loaded so far, the token of the next page, and a guard so that
// two clicks on "Load more…" do not fetch the same page twice.

/** CodeArtifact's largest page (maxResults) for list operations. */
export const MAX_PAGE_SIZE = 1000;

/**
 * The size of the next page when `pagesLoaded` pages are in: the first size, doubling with every "Load more…"
 * up to CodeArtifact's 1,000. Each Load more makes VS Code fetch and keep the whole level again (a tree has no
 * "append"), so 10,000 packages in 12 steps instead of 99 means 60,000 tree items made instead of 505,000 —
 * and fewer clicks for a person who really wants the end of the list.
 */
export function growingPageSize(first: number, pagesLoaded: number): number {
  return Math.min(MAX_PAGE_SIZE, first * 2 ** Math.min(pagesLoaded, 10));
}

export interface PageResult<T> {
  items: T[];
  nextToken?: string;
}

export class PagedList<T> {
  private loaded: T[] = [];
  private next: string | undefined;
  private started = false;
  private inFlight: Promise<void> | undefined;

  constructor(private readonly fetchPage: (nextToken: string | undefined) => Promise<PageResult<T>>) {}

  get items(): readonly T[] {
    return this.loaded;
  }
  get hasMore(): boolean {
    return this.next !== undefined;
  }
  get isLoaded(): boolean {
    return this.started && !this.inFlight;
  }
  get pagesLoaded(): number {
    return this.pages;
  }
  private pages = 0;

  /** Loads the first page once; later calls return at once. */
  async ensureFirstPage(): Promise<void> {
    if (this.started) return this.inFlight;
    this.started = true;
    return this.load(undefined);
  }

  /** Loads the next page; resolves to the number of new items (0 if there was no next page). */
  async loadMore(): Promise<number> {
    if (this.inFlight) {
      await this.inFlight;
      return 0;
    }
    if (!this.started) {
      await this.ensureFirstPage();
      return this.loaded.length;
    }
    if (this.next === undefined) return 0;
    const before = this.loaded.length;
    await this.load(this.next);
    return this.loaded.length - before;
  }

  private load(token: string | undefined): Promise<void> {
    const run = (async () => {
      try {
        const page = await this.fetchPage(token);
        this.loaded = [...this.loaded, ...page.items];
        this.next = page.nextToken || undefined;
        this.pages++;
      } catch (err) {
        // A failed first page may be retried by the next expand; a failed later page keeps its token.
        if (token === undefined) this.started = false;
        throw err;
      } finally {
        this.inFlight = undefined;
      }
    })();
    this.inFlight = run;
    return run;
  }
}
