// The RubyGems endpoints `gem install` uses besides the compact index: the root probe, the Marshal gemspecs
// (quick/Marshal.4.8/NAME-VERSION.gemspec.rz) and the Dependencies API, plus the Marshal writer's byte layout
// (held against Ruby's marshal.c; the real Ruby reads them back in test/integration/gemInstall.test.ts).
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { startEmulator, type Emulator } from '../../emulator/server';
import type { Seed } from '../../emulator/seed';
import { marshalDump, sym } from '../../emulator/dataPlane/rubyMarshal';

const OWNER = '111122223333';
const seed: Seed = {
  domains: [{ name: 'acme', owner: OWNER, region: 'us-west-2', repositories: [{ name: 'shared' }] }],
  packages: [
    {
      domain: 'acme',
      repository: 'shared',
      format: 'ruby',
      name: 'gemmy',
      versions: [
        { version: '1.0.0', publishedTime: '2025-01-01T00:00:00Z', dependencies: { rack: '~> 2.0, >= 2.0.1' } },
        { version: '1.1.0', status: 'Unlisted', publishedTime: '2025-02-01T00:00:00Z' },
        { version: '1.2.0', status: 'Archived', publishedTime: '2025-03-01T00:00:00Z' },
      ],
    },
  ],
};

describe('emulator: RubyGems root probe, Marshal gemspecs and Dependencies API', () => {
  let emu: Emulator;
  let auth: { authorization: string };
  const ruby = (): string => `${emu.endpoint}/acme-${OWNER}/ruby/shared/`;
  before(async () => {
    emu = await startEmulator({ seed, port: 0 });
    const d = emu.store.getDomain('acme', OWNER);
    if (!d) throw new Error('no domain');
    auth = { authorization: `Basic ${Buffer.from(`aws:${emu.store.issueToken(d, 900).token}`).toString('base64')}` };
  });
  after(() => emu.stop());

  it('the root answers HEAD/GET 200 with a token (so gem uses info/), 401 without one', async () => {
    assert.equal((await fetch(ruby(), { method: 'HEAD', headers: auth })).status, 200);
    assert.equal((await fetch(ruby(), { method: 'HEAD' })).status, 401);
    assert.equal((await fetch(`${ruby()}specs.4.8.gz`, { headers: auth })).status, 404, 'no full index, as on CodeArtifact');
  });

  it('gemspec.rz: zlib-deflated Marshal of a Gem::Specification; yanked versions still served, archived not, junk names 404', async () => {
    const res = await fetch(`${ruby()}quick/Marshal.4.8/gemmy-1.0.0.gemspec.rz`, { headers: auth });
    assert.equal(res.status, 200);
    const body = inflateSync(Buffer.from(await res.arrayBuffer()));
    assert.deepEqual([...body.subarray(0, 3)], [4, 8, 0x75], "Marshal 4.8, a user-defined ('u') object");
    assert.ok(body.includes(Buffer.from('Gem::Specification')) && body.includes(Buffer.from('gemmy')) && body.includes(Buffer.from('rack')));
    assert.equal((await fetch(`${ruby()}quick/Marshal.4.8/gemmy-1.1.0.gemspec.rz`, { headers: auth })).status, 200, 'unlisted');
    assert.equal((await fetch(`${ruby()}quick/Marshal.4.8/gemmy-1.2.0.gemspec.rz`, { headers: auth })).status, 404, 'archived');
    assert.equal((await fetch(`${ruby()}quick/Marshal.4.8/gemmy-1.0.0.gemspec`, { headers: auth })).status, 404);
    assert.equal((await fetch(`${ruby()}quick/Marshal.4.8/nope-1.0.0.gemspec.rz`, { headers: auth })).status, 404);
    assert.equal((await fetch(`${ruby()}quick/Marshal.4.8/gemmy-1.0.0.gemspec.rz`)).status, 401);
  });

  it('Dependencies API lists only listed versions, as Marshal or JSON', async () => {
    const json = (await (await fetch(`${ruby()}api/v1/dependencies.json?gems=gemmy,unknown`, { headers: auth })).json());
    assert.deepEqual(json, [{ name: 'gemmy', number: '1.0.0', platform: 'ruby', dependencies: [['rack', '~> 2.0, >= 2.0.1']] }]);
    const marshal = Buffer.from(await (await fetch(`${ruby()}api/v1/dependencies?gems=gemmy`, { headers: auth })).arrayBuffer());
    assert.deepEqual([...marshal.subarray(0, 4)], [4, 8, 0x5b, 6], 'an array of one');
    const empty = Buffer.from(await (await fetch(`${ruby()}api/v1/dependencies`, { headers: auth })).arrayBuffer());
    assert.deepEqual([...empty], [4, 8, 0x5b, 0]);
  });

  it('writes integers, strings, symbols and symlinks as marshal.c does', () => {
    // Bytes from Ruby 3.1's Marshal.dump for each value.
    const cases: [Parameters<typeof marshalDump>[0], number[]][] = [
      [0, [0x69, 0x00]],
      [1, [0x69, 0x06]],
      [122, [0x69, 0x7f]],
      [123, [0x69, 0x01, 0x7b]],
      [-1, [0x69, 0xfa]],
      [-123, [0x69, 0x80]],
      [-124, [0x69, 0xff, 0x84]],
      [256, [0x69, 0x02, 0x00, 0x01]],
      [-256, [0x69, 0xff, 0x00]],
      [65536, [0x69, 0x03, 0x00, 0x00, 0x01]],
      [null, [0x30]],
      [true, [0x54]],
      ['é', [0x49, 0x22, 0x07, 0xc3, 0xa9, 0x06, 0x3a, 0x06, 0x45, 0x54]],
      [[sym('a'), sym('a')], [0x5b, 0x07, 0x3a, 0x06, 0x61, 0x3b, 0x00]],
    ];
    for (const [value, bytes] of cases) assert.deepEqual([...marshalDump(value)], [4, 8, ...bytes], JSON.stringify(value));
  });
});
