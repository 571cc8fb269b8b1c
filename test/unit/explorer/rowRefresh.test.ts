// When a listed level's row is redrawn (rowRefresh.ts): once the tree is quiet, only when its description changed,
// and once per change (the redraw's own listing does not ask again).
import assert from 'node:assert/strict';
import { RowRefreshAfterLoad, type Timers } from '../../../src/explorer/rowRefresh';

/** Timers run by hand: `elapse()` runs the pending one. */
function manualTimers(): Timers & { pending(): number; elapse(): void } {
  let next: { fn: () => void; id: number } | undefined;
  let ids = 0;
  return {
    set: (fn) => {
      next = { fn, id: ++ids };
      return next.id;
    },
    clear: (handle) => {
      if (next?.id === handle) next = undefined;
    },
    pending: () => (next ? 1 : 0),
    elapse: () => {
      const n = next;
      next = undefined;
      n?.fn();
    },
  };
}

describe('explorer: a level\'s row is redrawn once its count is known', function () {
  const repo = { id: 'repo' };
  const child = { id: 'child' };

  it('redraws the row after the children are drawn and the tree is quiet, once', function () {
    const timers = manualTimers();
    const redrawn: object[][] = [];
    const r = new RowRefreshAfterLoad<object>((rows) => redrawn.push([...rows]), 100, timers);
    r.rendered(repo, 'Company packages');
    r.listing();
    r.listed(repo, 'Company packages · 3 upstreams');
    // VS Code draws the children next: each draw puts the redraw off.
    r.rendered(child, undefined);
    assert.equal(redrawn.length, 0);
    assert.equal(timers.pending(), 1);
    timers.elapse();
    assert.deepEqual(redrawn, [[repo]]);
    // The redraw: VS Code asks for the row and its (cached) children again; nothing more to do.
    r.rendered(repo, 'Company packages · 3 upstreams');
    r.listing();
    r.listed(repo, 'Company packages · 3 upstreams');
    assert.equal(timers.pending(), 0);
  });

  it('leaves a row alone whose description did not change, or that VS Code never drew', function () {
    const timers = manualTimers();
    const redrawn: object[][] = [];
    const r = new RowRefreshAfterLoad<object>((rows) => redrawn.push([...rows]), 100, timers);
    r.rendered(repo, 'same');
    r.listed(repo, 'same');
    r.listed(child, '3 packages');
    assert.equal(timers.pending(), 0);
    assert.deepEqual(redrawn, []);
  });

  it('drops the redraw when VS Code draws the row anyway before the tree is quiet (Load more, filter)', function () {
    const timers = manualTimers();
    const redrawn: object[][] = [];
    const r = new RowRefreshAfterLoad<object>((rows) => redrawn.push([...rows]), 100, timers);
    r.rendered(repo, undefined);
    r.listed(repo, '12 packages');
    r.rendered(repo, '12 packages');
    timers.elapse();
    assert.deepEqual(redrawn, []);
  });

  it('does not redraw a row one of whose rows was expanded meanwhile (their handles would be dropped); the child is redrawn', function () {
    const timers = manualTimers();
    const redrawn: object[][] = [];
    const r = new RowRefreshAfterLoad<object>((rows) => redrawn.push([...rows]), 100, timers);
    r.rendered(repo, 'Company packages');
    r.listed(repo, 'Company packages · 3 upstreams');
    r.rendered(child, undefined);
    r.listing();
    r.listed(child, '66 packages', repo);
    timers.elapse();
    assert.deepEqual(redrawn, [[child]]);
  });

  it('dispose cancels a pending redraw', function () {
    const timers = manualTimers();
    const redrawn: object[][] = [];
    const r = new RowRefreshAfterLoad<object>((rows) => redrawn.push([...rows]), 100, timers);
    r.rendered(repo, undefined);
    r.listed(repo, '12 packages');
    r.dispose();
    assert.equal(timers.pending(), 0);
    assert.deepEqual(redrawn, []);
  });
});
