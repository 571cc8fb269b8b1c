// The explorer's TreeDataProvider against the emulator, with a small stand-in for `vscode`: the ids VS Code gets
// are the same across refreshes, and so are the node objects (a changed row is written into its old object);
// getParent answers with the object getChildren gave; a burst of changes reaches VS Code as one event; a node's
// redraw waits while VS Code is still fetching its children; a reveal waits for the redraws asked before it.
import assert from 'node:assert/strict';
import type { SdkCodeArtifactApi } from '../../../src/aws/codeArtifactApi';
import type { ExplorerNode } from '../../../src/explorer/model';
import type { ExplorerTreeProvider as Provider } from '../../../src/explorer/treeProvider';
import type { Emulator } from '../../emulator/server';
import { seededEmulator } from '../aws/testSeed';
import { loadWithVscode } from '../vscodeStandIn';

function loadProvider(): typeof import('../../../src/explorer/treeProvider') {
  const [mod] = loadWithVscode('../../src/explorer/treeProvider');
  return mod as typeof import('../../../src/explorer/treeProvider');
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('explorer tree provider: ids, node objects, getParent and change events (emulator)', function () {
  const seeded = seededEmulator();
  let emu: Emulator;
  let api: SdkCodeArtifactApi;
  let provider: Provider;
  let events: (ExplorerNode[] | undefined)[];

  before(() => {
    emu = seeded.emu;
    api = seeded.api();
  });
  beforeEach(() => {
    const { ExplorerTreeProvider } = loadProvider();
    const session = {
      signedIn: true,
      api: () => api,
      settings: () => ({ extraDomains: [] }),
      onDidChange: () => ({ dispose() {} }),
    };
    const log = { warn() {} };
    // The stand-ins carry what the provider uses of a Session and a LogOutputChannel.
    provider = new ExplorerTreeProvider(session as never, log as never, { path: '/ext' } as never);
    events = [];
    provider.onDidChangeTreeData((e) => events.push(e));
  });
  afterEach(() => provider.dispose());

  const labelOf = (n: ExplorerNode): string => {
    const l = provider.getTreeItem(n).label;
    return typeof l === 'string' ? l : (l?.label ?? '');
  };

  /** Child `label` of `parent` as VS Code would get it (getChildren, then getTreeItem for each). */
  async function child(parent: ExplorerNode | undefined, label: string): Promise<ExplorerNode> {
    const children = await provider.getChildren(parent);
    const found = children.find((c) => labelOf(c) === label);
    assert.ok(found, `no row "${label}" under ${parent?.id ?? 'the top'}: ${children.map(labelOf).join(', ')}`);
    return found;
  }

  /** Every row below `parent` that VS Code would see with these levels expanded, by id; checks getParent on the way. */
  async function walk(parent: ExplorerNode | undefined, expand: (n: ExplorerNode) => boolean, into = new Map<string, ExplorerNode>()): Promise<Map<string, ExplorerNode>> {
    for (const c of await provider.getChildren(parent)) {
      const item = provider.getTreeItem(c);
      assert.ok(item.id, `row ${labelOf(c)} has an id`);
      assert.equal(item.id, c.id);
      assert.ok(!into.has(item.id), `id ${item.id} is given once`);
      assert.equal(provider.getParent(c), parent, `getParent(${item.id}) is the node whose getChildren listed it`);
      into.set(item.id, c);
      if (expand(c)) await walk(c, expand, into);
    }
    return into;
  }

  const sent = () => events.map((e) => e?.map((n) => n.id));

  /** Waits (tick by tick, at most ~5 s) until an event was sent, then one tick more for any straggler. */
  async function firstEvent(): Promise<void> {
    for (let i = 0; i < 5000 && events.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 1));
    assert.ok(events.length > 0, 'an event was sent');
    await tick();
    await tick();
  }

  const path = ['acme', 'shared', 'npm', '@acme', '@acme/ui-kit', '2.1.0', 'Dependencies', 'Upstreams', 'npm-public', 'com.acme', 'Maven', 'core'];
  const expandPath = (n: ExplorerNode) => path.includes(labelOf(n));

  it('a refresh of everything gives the same ids and the same node objects; getParent matches getChildren', async function () {
    const before = await walk(undefined, expandPath);
    assert.ok(before.size > 40, `the walk saw the tree (${before.size} rows)`);
    for (const id of ['d:111122223333/acme', 'd:111122223333/acme/r:shared/f:npm/n:acme/p:acme/ui-kit/v:2.1.0/deps', 'd:111122223333/acme/r:shared/upstreams/r:npm-public']) {
      assert.ok(before.has(id), `${id} was seen`);
    }
    provider.refresh();
    const after = await walk(undefined, expandPath);
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort(), 'the same ids');
    const renewed = [...after].filter(([id, node]) => before.get(id) !== node).map(([id]) => id);
    assert.deepEqual(renewed, [], 'the same objects for the same ids');
  });

  it('a row whose data changed keeps its object; VS Code gets its new state from it', async function () {
    const pkg = await child(await child(await child(await child(await child(undefined, 'acme'), 'shared'), 'npm'), '@acme'), '@acme/ui-kit');
    const version = await child(pkg, '2.1.0');
    assert.equal(provider.getTreeItem(version).contextValue, 'version.Published');
    await api.writes().updatePackageVersionsStatus({ domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', package: 'ui-kit' }, ['2.1.0'], 'Unlisted');
    provider.refresh(pkg);
    const again = await child(pkg, '2.1.0');
    assert.equal(again, version, 'the same VersionNode');
    assert.equal(provider.getTreeItem(again).contextValue, 'version.Unlisted');
    assert.equal(provider.getParent(again), pkg);
    await api.writes().updatePackageVersionsStatus({ domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', package: 'ui-kit' }, ['2.1.0'], 'Published');
  });

  it('a repository refresh keeps its format, namespace, upstream and connection rows', async function () {
    const shared = await child(await child(undefined, 'acme'), 'shared');
    const before = await walk(shared, expandPath);
    provider.refresh(shared);
    const after = await walk(shared, expandPath);
    assert.deepEqual([...after.keys()].sort(), [...before.keys()].sort());
    for (const [id, node] of after) assert.equal(node, before.get(id), `${id} is the same object`);
    const npmPublic = await child(await child(undefined, 'acme'), 'npm-public');
    const connection = await child(npmPublic, 'public:npmjs');
    provider.refresh(npmPublic);
    assert.equal(await child(npmPublic, 'public:npmjs'), connection);
  });

  it('a burst of 50 changes reaches VS Code as one event naming only the topmost rows', async function () {
    const shared = await child(await child(undefined, 'acme'), 'shared');
    const npm = await child(shared, 'npm');
    const rows = [...(await walk(npm, () => false)).values()];
    await tick();
    events.length = 0;
    for (let i = 0; i < 50; i++) provider.rerender(rows[i % rows.length]);
    provider.refresh(npm);
    provider.rerender(rows[0]);
    assert.equal(events.length, 0, 'nothing within the tick');
    await firstEvent();
    assert.deepEqual(sent(), [[npm.id]], 'one event, the format row alone (its rows are redrawn with it)');
  });

  it('a redraw waits while VS Code is fetching the row\'s children, and goes once the answer is given', async function () {
    const shared = await child(await child(undefined, 'acme'), 'shared');
    const npm = await child(shared, 'npm');
    await tick();
    events.length = 0;
    provider.refresh(npm);
    const listing = provider.getChildren(npm); // a request to the emulator: in flight over the next ticks
    provider.rerender(npm);
    await tick();
    await tick();
    assert.equal(events.length, 0, 'no event while getChildren is in flight');
    await listing;
    await firstEvent();
    assert.deepEqual(sent(), [[npm.id]]);
  });

  it('a refresh is sent once the levels VS Code listed are loaded again: VS Code then gets them without a request', async function () {
    const rows = await walk(undefined, expandPath);
    await tick();
    events.length = 0;
    const before = emu.stats.requests;
    provider.refresh();
    await tick();
    await tick();
    assert.equal(events.length, 0, 'not sent while the levels load');
    await firstEvent();
    assert.deepEqual(sent(), [undefined], 'then one event for the whole tree');
    const loaded = emu.stats.requests;
    assert.ok(loaded > before, 'the refresh asked the server again');
    // What VS Code does next: every expanded level again, answered from memory, with the same rows.
    const again = await walk(undefined, expandPath);
    assert.equal(emu.stats.requests, loaded, 'no request while VS Code fetches the rows it had');
    assert.deepEqual([...again.keys()].sort(), [...rows.keys()].sort());
  });

  it('a level VS Code never expanded is not loaded by a refresh of the level above', async function () {
    const shared = await child(await child(undefined, 'acme'), 'shared');
    const maven = await child(shared, 'Maven');
    await tick();
    events.length = 0;
    const before = emu.stats.operations.ListPackages ?? 0;
    provider.refresh(shared);
    await firstEvent();
    assert.deepEqual(sent(), [[shared.id]]);
    // The repository's expansion lists packages once (its formats); Maven's own listing waits for VS Code.
    const listings = (emu.stats.operations.ListPackages ?? 0) - before;
    assert.equal(listings, 1, `ListPackages calls: ${listings}`);
    assert.equal(await child(shared, 'Maven'), maven);
  });

  it('a repository filtered while its level loads answers for the filter, not with the load that began before it', async function () {
    const shared = await child(await child(undefined, 'acme'), 'shared');
    const repo = shared as import('../../../src/explorer/model').RepositoryNode;
    provider.refresh(shared);
    const listing = provider.getChildren(shared); // the unfiltered load, in flight
    repo.setFilter('ui-');
    const rows = (await listing).map(labelOf);
    assert.ok(!rows.includes('Maven'), `no Maven row under the filter ui-: ${rows.join(', ')}`);
    assert.ok(rows.includes('npm'), rows.join(', '));
    assert.deepEqual((await provider.getChildren(shared)).map(labelOf), rows, 'and that answer is the one kept');
    repo.setFilter(undefined);
  });

  it('a reveal sends the redraws asked before it and then reveals', async function () {
    const shared = await child(await child(undefined, 'acme'), 'shared');
    const npm = await child(shared, 'npm');
    await tick();
    events.length = 0;
    const order: string[] = [];
    provider.onDidChangeTreeData(() => order.push('change'));
    provider.rerender(shared);
    const view = { reveal: (node: ExplorerNode) => (order.push(`reveal ${node.id}`), Promise.resolve()) };
    await provider.reveal(view as never, npm, { select: true });
    assert.deepEqual(order, ['change', `reveal ${npm.id}`]);
  });

  it('a reveal that waited while the tree was redrawn again still selects, but no longer takes the focus', async function () {
    const shared = await child(await child(undefined, 'acme'), 'shared');
    const npm = await child(shared, 'npm');
    await tick();
    const asked: { select?: boolean; focus?: boolean }[] = [];
    const view = { reveal: (_node: ExplorerNode, options: { select?: boolean; focus?: boolean }) => (asked.push(options), Promise.resolve()) };
    // Undisturbed, the reveal keeps its options.
    await provider.reveal(view as never, npm, { select: true, focus: true });
    // A level VS Code is listing holds the reveal back; a filter cleared meanwhile (a rerender) means the user moved on.
    const listing = provider.getChildren(shared);
    const revealed = provider.reveal(view as never, npm, { select: true, focus: true });
    provider.rerender(shared);
    await listing;
    await revealed;
    assert.deepEqual(asked, [
      { select: true, focus: true },
      { select: true, focus: false },
    ]);
  });
});
