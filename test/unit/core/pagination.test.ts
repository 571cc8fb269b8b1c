import assert from 'node:assert/strict';
import { growingPageSize, MAX_PAGE_SIZE, PagedList } from '../../../src/core/pagination';

describe('core/pagination', () => {
  it('pages double from the first size and stop at CodeArtifact’s 1,000', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 40].map((n) => growingPageSize(100, n)), [100, 200, 400, 800, 1000, 1000, MAX_PAGE_SIZE]);
    assert.deepEqual([0, 1, 2].map((n) => growingPageSize(50, n)), [50, 100, 200]);
  });

  it('10,000 items take 13 pages instead of 100: 12 clicks on "Load more…"', () => {
    let pages = 0;
    for (let loaded = 0; loaded < 10_000; pages++) loaded += growingPageSize(100, pages);
    assert.equal(pages, 13);
  });

  it('asks each page once, passing the next token; a second click while one is in flight loads nothing more', async () => {
    const asked: (string | undefined)[] = [];
    const list = new PagedList<number>(async (token) => {
      asked.push(token);
      await new Promise((r) => setTimeout(r, 5));
      const start = token === undefined ? 0 : Number(token);
      return { items: [start, start + 1], ...(start < 4 ? { nextToken: String(start + 2) } : {}) };
    });
    await list.ensureFirstPage();
    const [a, b] = await Promise.all([list.loadMore(), list.loadMore()]);
    assert.deepEqual([a, b].sort(), [0, 2]);
    assert.deepEqual(asked, [undefined, '2']);
    assert.equal(await list.loadMore(), 2);
    assert.equal(list.hasMore, false);
    assert.equal(await list.loadMore(), 0);
    assert.deepEqual(list.items, [0, 1, 2, 3, 4, 5]);
    assert.equal(list.pagesLoaded, 3);
  });
});
