// The Cargo and RubyGems data planes over HTTP, checked against their protocol specs where no real client is
// needed: the token check (raw, Bearer and Basic), config.json, index paths, yanked flags, the publish body's
// framing and refusals, and the compact index's ETag and checksums.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startEmulator, type Emulator } from '../../emulator/server';
import type { Seed } from '../../emulator/seed';
import { crateFile, publishBody } from '../../emulator/dataPlane/cargoCrate';

const OWNER = '111122223333';
const seed: Seed = {
  domains: [{ name: 'acme', owner: OWNER, region: 'us-west-2', repositories: [{ name: 'shared' }] }],
  packages: [
    { domain: 'acme', repository: 'shared', format: 'cargo', name: 'ab', versions: [{ version: '1.0.0', publishedTime: '2025-01-01T00:00:00Z' }, { version: '1.1.0', status: 'Unlisted', publishedTime: '2025-02-01T00:00:00Z' }, { version: '1.2.0', status: 'Archived', publishedTime: '2025-03-01T00:00:00Z' }] },
    { domain: 'acme', repository: 'shared', format: 'ruby', name: 'gemmy', versions: [{ version: '1.0.0', publishedTime: '2025-01-01T00:00:00Z', dependencies: { rack: '~> 2.0, >= 2.0.1' } }, { version: '1.1.0', status: 'Unlisted', publishedTime: '2025-02-01T00:00:00Z' }] },
  ],
};

describe('emulator: Cargo and RubyGems data planes', () => {
  let emu: Emulator;
  let token: string;
  const cargo = (): string => `${emu.endpoint}/acme-${OWNER}/cargo/shared/`;
  const ruby = (): string => `${emu.endpoint}/acme-${OWNER}/ruby/shared/`;
  before(async () => {
    emu = await startEmulator({ seed, port: 0 });
    const d = emu.store.getDomain('acme', OWNER);
    if (!d) throw new Error('no domain');
    token = emu.store.issueToken(d, 900).token;
  });
  after(() => emu.stop());

  it('refuses requests without a valid token (401) and takes it raw, as Bearer or as Basic aws:', async () => {
    assert.equal((await fetch(`${cargo()}config.json`)).status, 401);
    assert.equal((await fetch(`${cargo()}config.json`, { headers: { authorization: 'not-a-token' } })).status, 401);
    for (const authorization of [token, `Bearer ${token}`, `Basic ${Buffer.from(`aws:${token}`).toString('base64')}`]) {
      assert.equal((await fetch(`${cargo()}config.json`, { headers: { authorization } })).status, 200, authorization.slice(0, 6));
    }
    assert.equal((await fetch(`${ruby()}versions`)).status, 401);
  });

  it('config.json names dl and api and requires auth; index lines sit at the prefix path, yanked flagged, archived left out', async () => {
    const config = (await (await fetch(`${cargo()}config.json`, { headers: { authorization: token } })).json()) as Record<string, unknown>;
    assert.deepEqual(config, { dl: `${cargo()}api/v1/crates`, api: cargo().slice(0, -1), 'auth-required': true });
    assert.equal((await fetch(`${cargo()}ab/cd/ab`, { headers: { authorization: token } })).status, 404, 'wrong prefix path');
    const res = await fetch(`${cargo()}2/ab`, { headers: { authorization: token } });
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as { vers: string; yanked: boolean; cksum: string });
    assert.deepEqual(lines.map((l) => [l.vers, l.yanked]), [['1.0.0', false], ['1.1.0', true]]);
    const crate = Buffer.from(await (await fetch(`${cargo()}api/v1/crates/ab/1.0.0/download`, { headers: { authorization: token } })).arrayBuffer());
    assert.equal(createHash('sha256').update(crate).digest('hex'), lines[0]?.cksum);
    assert.equal((await fetch(`${cargo()}api/v1/crates/ab/1.2.0/download`, { headers: { authorization: token } })).status, 404, 'archived');
  });

  it('publish: a truncated body is a 400 in cargo\'s error shape; a good one lands; the same version again is a 409', async () => {
    const bad = await fetch(`${cargo()}api/v1/crates/new`, { method: 'PUT', headers: { authorization: token }, body: Buffer.from([5, 0, 0, 0, 123]) });
    assert.equal(bad.status, 400);
    assert.ok(((await bad.json()) as { errors: { detail: string }[] }).errors[0]?.detail.includes('truncated'));
    const body = publishBody({ name: 'newc', vers: '0.1.0', deps: [{ name: 'ab', version_req: '^1', features: [], optional: false, default_features: true, target: null, kind: 'normal' }], features: {} }, await crateFile({ name: 'newc', version: '0.1.0' }));
    assert.equal((await fetch(`${cargo()}api/v1/crates/new`, { method: 'PUT', headers: { authorization: token }, body })).status, 200);
    const line = JSON.parse(await (await fetch(`${cargo()}ne/wc/newc`, { headers: { authorization: token } })).text()) as { deps: { name: string; req: string; registry: unknown }[] };
    assert.deepEqual(line.deps.map((d) => [d.name, d.req, d.registry]), [['ab', '^1', null]]);
    assert.equal((await fetch(`${cargo()}api/v1/crates/new`, { method: 'PUT', headers: { authorization: token }, body })).status, 409);
  });

  it('compact index: versions lists the info file\'s MD5 and sends it as the ETag; yanked versions are left out; gem push refuses a non-gem', async () => {
    const auth = { authorization: `Basic ${Buffer.from(`aws:${token}`).toString('base64')}` };
    const info = await fetch(`${ruby()}info/gemmy`, { headers: auth });
    const infoText = await info.text();
    assert.equal(infoText.split('\n')[1]?.split('|')[0], '1.0.0 rack:~> 2.0&>= 2.0.1');
    const md5 = createHash('md5').update(infoText).digest('hex');
    assert.equal(info.headers.get('etag'), `"${md5}"`);
    const versions = await (await fetch(`${ruby()}versions`, { headers: auth })).text();
    assert.match(versions, new RegExp(`^gemmy 1\\.0\\.0 ${md5}$`, 'm'));
    assert.equal((await fetch(`${ruby()}gems/gemmy-1.1.0.gem`, { headers: auth })).status, 200, 'a yanked gem still downloads');
    assert.equal((await fetch(`${ruby()}api/v1/gems`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: 'not a gem' })).status, 400);
  });
});
