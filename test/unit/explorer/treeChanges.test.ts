// The explorer's change events (treeChanges.ts): one per tick, topmost nodes only, the whole tree over all, and
// never for a node whose children VS Code is still fetching.
import assert from 'node:assert/strict';
import { TreeChanges, type Scheduler } from '../../../src/explorer/treeChanges';

interface Node {
  id: string;
  parent?: Node;
}

/** A scheduler run by hand: `tick()` runs what was scheduled. */
function manualTicks(): Scheduler & { tick(): void; pending(): number } {
  let queue: (() => void)[] = [];
  const schedule = ((fn: () => void) => void queue.push(fn)) as Scheduler & { tick(): void; pending(): number };
  schedule.tick = () => {
    const run = queue;
    queue = [];
    for (const fn of run) fn();
  };
  schedule.pending = () => queue.length;
  return schedule;
}

function tree() {
  const domain: Node = { id: 'd' };
  const repo: Node = { id: 'r', parent: domain };
  const format: Node = { id: 'f', parent: repo };
  const pkgs: Node[] = Array.from({ length: 50 }, (_, i) => ({ id: `p${i}`, parent: format }));
  const other: Node = { id: 'r2', parent: domain };
  return { domain, repo, format, pkgs, other };
}

function harness() {
  const ticks = manualTicks();
  const events: (string[] | 'all')[] = [];
  const changes = new TreeChanges<Node>((nodes) => events.push(nodes ? nodes.map((n) => n.id) : 'all'), (n) => n.parent, ticks);
  return { ticks, events, changes };
}

describe('explorer: change events are coalesced (treeChanges.ts)', function () {
  it('a burst of 50 changes in one tick is one event', function () {
    const { ticks, events, changes } = harness();
    const t = tree();
    for (const p of t.pkgs) changes.add(p);
    assert.equal(events.length, 0, 'nothing is sent before the tick ends');
    ticks.tick();
    assert.equal(events.length, 1);
    assert.deepEqual(events[0], t.pkgs.map((p) => p.id));
    ticks.tick();
    assert.equal(events.length, 1, 'and nothing more afterwards');
  });

  it('the same node asked twice, or under a node also asked, is named once: only the topmost nodes', function () {
    const { ticks, events, changes } = harness();
    const t = tree();
    changes.add(t.pkgs[3]);
    changes.add(t.format);
    changes.add(t.format);
    changes.add(t.pkgs[7]);
    changes.add(t.other);
    changes.add(t.repo);
    ticks.tick();
    assert.deepEqual(events, [['r2', 'r']]);
  });

  it('the whole tree supersedes every node', function () {
    const { ticks, events, changes } = harness();
    const t = tree();
    changes.add(t.repo);
    changes.add(undefined);
    changes.add(t.pkgs[0]);
    ticks.tick();
    assert.deepEqual(events, ['all']);
  });

  it('a node whose children are being fetched waits for that answer; then it is sent', function () {
    const { ticks, events, changes } = harness();
    const t = tree();
    changes.listingStarted(t.format);
    changes.add(t.format);
    changes.add(t.other);
    ticks.tick();
    assert.deepEqual(events, [['r2']], 'the other row goes at once, the fetched one waits');
    assert.equal(changes.idle, false);
    changes.listingSettled(t.format);
    ticks.tick();
    assert.deepEqual(events, [['r2'], ['f']]);
    assert.equal(changes.idle, true);
  });

  it('a node under a level being fetched is dropped: VS Code asks for it again with that answer', function () {
    const { ticks, events, changes } = harness();
    const t = tree();
    changes.listingStarted(t.repo);
    changes.add(t.pkgs[1]);
    ticks.tick();
    changes.listingSettled(t.repo);
    ticks.tick();
    assert.deepEqual(events, []);
    assert.equal(changes.idle, true);
  });

  it('the whole tree waits while the top level is fetched', function () {
    const { ticks, events, changes } = harness();
    changes.listingStarted(undefined);
    changes.add(undefined);
    ticks.tick();
    assert.deepEqual(events, []);
    changes.listingSettled(undefined);
    ticks.tick();
    assert.deepEqual(events, ['all']);
  });

  it('flush sends at once; whenIdle resolves once nothing waits and nothing is fetched', async function () {
    const { ticks, events, changes } = harness();
    const t = tree();
    changes.listingStarted(t.domain);
    changes.add(t.other);
    let idle = false;
    const waiting = changes.whenIdle().then(() => (idle = true));
    changes.flush();
    assert.deepEqual(events, [], 'under a level being fetched');
    await Promise.resolve();
    assert.equal(idle, false);
    changes.add(t.domain);
    changes.listingSettled(t.domain);
    ticks.tick();
    await waiting;
    assert.deepEqual(events, [['d']]);
    assert.equal(idle, true);
  });
});
