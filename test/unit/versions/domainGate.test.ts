// The domain gate: a domain that only a folder names gets no token until the user chose it.
import assert from 'node:assert/strict';
import { DomainGate, listAllDomains } from '../../../src/versions/domainGate';
import { LINK_ID, LinkArgStore } from '../../../src/versions/linkArgs';
import { FakeMemento } from '../fakes';

const OWN = { name: 'acme', owner: '111122223333' };
const FOLDER = 'file:///work/project';

describe('domain gate', () => {
  function make(opts: { listed?: { name: string; owner?: string }[]; user?: { name: string; owner?: string }[]; fail?: boolean } = {}) {
    let calls = 0;
    const store = new FakeMemento();
    const gate = new DomainGate({
      listDomains: () => {
        calls++;
        return opts.fail ? Promise.reject(new Error('offline')) : Promise.resolve(opts.listed ?? [OWN]);
      },
      userDomains: () => opts.user ?? [],
      store,
      now: () => 1000,
    });
    return { gate, store, calls: () => calls };
  }

  it('allows the identity’s own domains (ListDomains once per session), by name and owner', async () => {
    const { gate, calls } = make();
    assert.equal(await gate.allows(FOLDER, { domain: 'acme', owner: '111122223333' }), true);
    assert.equal(await gate.allows(FOLDER, { domain: 'acme', owner: '' }), true, "owner '' is the caller's own account");
    assert.equal(await gate.allows(FOLDER, { domain: 'acme', owner: '999988887777' }), false, 'same name, another account');
    assert.equal(await gate.allows(FOLDER, { domain: 'evil', owner: '111122223333' }), false);
    assert.equal(calls(), 1);
    gate.invalidate();
    await gate.allows(FOLDER, { domain: 'acme', owner: '' });
    assert.equal(calls(), 2, 'a new session lists again');
  });

  it('allows the user’s codeartifact.domains without listing', async () => {
    const { gate, calls } = make({ user: [{ name: 'partner', owner: '444455556666' }] });
    assert.equal(await gate.allows(FOLDER, { domain: 'partner', owner: '444455556666' }), true);
    assert.equal(calls(), 0);
  });

  it('remembers an approval per folder, and revokes it', async () => {
    const { gate } = make();
    const evil = { domain: 'evil', owner: '999988887777' };
    assert.equal(await gate.allows(FOLDER, evil), false);
    await gate.approve(FOLDER, evil, '.npmrc');
    assert.equal(await gate.allows(FOLDER, evil), true);
    assert.equal(await gate.allows('file:///work/other', evil), false, 'only for that folder');
    assert.deepEqual(gate.approvals(FOLDER), [{ ...evil, file: '.npmrc', approvedAt: 1000 }]);
    assert.deepEqual(gate.folders(), [FOLDER]);
    assert.equal(await gate.revoke(FOLDER, () => true), 1);
    assert.equal(await gate.allows(FOLDER, evil), false);
    assert.deepEqual(gate.folders(), []);
  });

  it('a failed listing allows nothing and is not remembered', async () => {
    const { gate, calls } = make({ fail: true });
    await assert.rejects(gate.allows(FOLDER, { domain: 'acme', owner: '' }), /offline/);
    await assert.rejects(gate.allows(FOLDER, { domain: 'acme', owner: '' }), /offline/);
    assert.equal(calls(), 2);
  });

  it('ignores approvals of the wrong shape in the store', async () => {
    const { gate, store } = make();
    await store.update('codeartifact.approvedDomains', { [FOLDER]: [{ domain: 7 }, 'x', null, { domain: 'evil', owner: '999988887777', file: 'f', approvedAt: 1 }] });
    assert.deepEqual(gate.approvals(FOLDER).map((a) => a.domain), ['evil']);
  });

  it('remembers that the one-time prompt was shown', async () => {
    const { gate } = make();
    const d = { domain: 'evil', owner: '999988887777' };
    assert.equal(gate.wasOffered(FOLDER, d), false);
    await gate.markOffered(FOLDER, d);
    assert.equal(gate.wasOffered(FOLDER, d), true);
    assert.equal(gate.wasOffered('file:///elsewhere', d), false);
  });

  it('lists every page of domains, and stops at 20 pages of a listing that never ends', async () => {
    let pages = 0;
    const all = await listAllDomains(({ nextToken }) => {
      pages++;
      const n = Number(nextToken ?? 0);
      return Promise.resolve({ items: [{ name: `d${n}`, owner: '111122223333' }], ...(n < 2 ? { nextToken: String(n + 1) } : {}) });
    });
    assert.deepEqual(all.map((d) => d.name), ['d0', 'd1', 'd2']);
    assert.equal(pages, 3);
    pages = 0;
    await listAllDomains(() => (pages++, Promise.resolve({ items: [], nextToken: 'again' })));
    assert.equal(pages, 20);
  });
});

describe('link arguments', () => {
  it('hands out opaque ids and gives back only what it stored', () => {
    const store = new LinkArgStore<{ v: number }>(3);
    const id = store.put({ v: 1 });
    assert.match(id, LINK_ID);
    assert.deepEqual(store.get(id), { v: 1 });
    assert.deepEqual(store.get([id]), { v: 1 }, 'as VS Code passes a link’s JSON array');
    for (const forged of [undefined, null, 42, {}, { v: 1 }, 'x', `${id}x`, id.toUpperCase(), [{ id }], '../' + id]) {
      assert.equal(store.get(forged), undefined, JSON.stringify(forged));
    }
  });

  it('forgets the oldest beyond its capacity', () => {
    const store = new LinkArgStore<number>(2);
    const a = store.put(1);
    const b = store.put(2);
    const c = store.put(3);
    assert.equal(store.get(a), undefined);
    assert.equal(store.get(b), 2);
    assert.equal(store.get(c), 3);
    assert.equal(store.size, 2);
  });
});
