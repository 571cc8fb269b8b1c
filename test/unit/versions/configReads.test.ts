import assert from 'node:assert/strict';
import { ConfigReads } from '../../../src/versions/configReads';

describe('ConfigReads: the registry config files an analysis reads, kept briefly', () => {
  let now = 0;
  let reads: string[] = [];
  let contents: Record<string, string | undefined> = {};
  const make = (ttlMs = 10_000): ConfigReads =>
    new ConfigReads(
      (file) => {
        reads.push(file);
        return Promise.resolve(contents[file]);
      },
      ttlMs,
      () => now,
    );
  beforeEach(() => {
    now = 1_000;
    reads = [];
    contents = { '/home/u/.config/pip/pip.conf': '[global]\nindex-url = https://a.example/simple/\n' };
  });

  it('reads a file once while it is fresh, and again after the time-to-live', async () => {
    const cache = make();
    assert.equal(await cache.get('/home/u/.config/pip/pip.conf'), contents['/home/u/.config/pip/pip.conf']);
    contents['/home/u/.config/pip/pip.conf'] = 'changed';
    now += 9_999;
    assert.match((await cache.get('/home/u/.config/pip/pip.conf')) ?? '', /index-url/);
    now += 1;
    assert.equal(await cache.get('/home/u/.config/pip/pip.conf'), 'changed');
    assert.deepEqual(reads, ['/home/u/.config/pip/pip.conf', '/home/u/.config/pip/pip.conf']);
  });

  it('keeps a missing file missing for the same while, and clear() forgets everything at once', async () => {
    const cache = make();
    assert.equal(await cache.get('/etc/pip.conf'), undefined);
    contents['/etc/pip.conf'] = 'now here';
    assert.equal(await cache.get('/etc/pip.conf'), undefined);
    cache.clear();
    assert.equal(await cache.get('/etc/pip.conf'), 'now here');
    assert.equal(reads.length, 2);
  });

  it('shares one read between concurrent askers and turns a failing read into no configuration', async () => {
    let calls = 0;
    const cache = new ConfigReads(() => {
      calls++;
      return Promise.reject(new Error('EACCES'));
    });
    const [a, b] = await Promise.all([cache.get('/x/.npmrc'), cache.get('/x/.npmrc')]);
    assert.equal(a, undefined);
    assert.equal(b, undefined);
    assert.equal(calls, 1);
  });

  it('prunes expired entries once it holds many, and keeps fresh ones', async () => {
    const cache = make(100);
    for (let i = 0; i < 256; i++) await cache.get(`/old/${i}/.npmrc`);
    now += 100;
    await cache.get('/new/.npmrc');
    reads = [];
    await cache.get('/new/.npmrc');
    await cache.get('/old/0/.npmrc');
    assert.deepEqual(reads, ['/old/0/.npmrc']);
  });
});
