// The npm side of the data plane over real HTTP: paths, auth, statuses, dist-tags and publish.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { npmTarball, readNpmManifest } from '../../emulator/artifacts';
import { startEmulator, type Emulator } from '../../emulator/server';
import type { Seed } from '../../emulator/seed';

const OWNER = '111122223333';

const seed: Seed = {
  domains: [
    {
      name: 'acme',
      owner: OWNER,
      region: 'us-west-2',
      repositories: [
        { name: 'npm-public', externalConnection: 'public:npmjs' },
        { name: 'shared', upstreams: ['npm-public'] },
        { name: 'lonely' },
      ],
    },
    { name: 'other', owner: '444455556666', repositories: [{ name: 'repo' }] },
  ],
  packages: [
    {
      domain: 'acme',
      repository: 'shared',
      format: 'npm',
      namespace: 'acme',
      name: 'ui-kit',
      distTags: { latest: '2.1.0', beta: '3.0.0-beta.1' },
      versions: [
        { version: '2.0.0', publishedTime: '2025-01-01T00:00:00Z', deprecated: 'Use 2.1' },
        { version: '2.1.0', publishedTime: '2025-06-01T00:00:00Z', summary: 'Buttons', license: 'MIT', readme: '# UI kit' },
        { version: '3.0.0-beta.1', publishedTime: '2025-07-01T00:00:00Z' },
        { version: '2.2.0', status: 'Unlisted', publishedTime: '2025-08-01T00:00:00Z' },
        { version: '2.3.0', status: 'Archived', publishedTime: '2025-09-01T00:00:00Z' },
        { version: '2.4.0', status: 'Disposed', publishedTime: '2025-10-01T00:00:00Z' },
      ],
    },
    {
      domain: 'acme',
      repository: 'shared',
      format: 'npm',
      name: 'opaque',
      versions: [{ version: '1.0.0', summary: 'Seeded bytes', assets: { 'package.tgz': { text: 'not a tarball' } } }],
    },
    {
      domain: 'acme',
      repository: 'shared',
      format: 'npm',
      name: 'locked',
      originConfiguration: { publish: 'BLOCK', upstream: 'ALLOW' },
      versions: [{ version: '1.0.0' }],
    },
  ],
  externalConnections: {
    'public:npmjs': [
      { format: 'npm', name: 'left-pad', versions: [{ version: '1.3.0' }, { version: '1.1.0' }] },
      { format: 'npm', name: 'is-odd', versions: [{ version: '3.0.1' }] },
    ],
  },
};

interface Packument {
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, { name: string; version: string; deprecated?: string; description?: string; dist: { tarball: string; shasum: string; integrity: string } }>;
  time?: Record<string, string>;
  readme?: string;
}

describe('emulator data plane: npm', () => {
  let emulator: Emulator;
  let token: string;
  let base: string;

  before(async () => {
    emulator = await startEmulator({ seed, port: 0 });
    const domain = emulator.store.getDomain('acme', OWNER);
    assert.ok(domain);
    token = emulator.store.issueToken(domain, 900).token;
    base = `${emulator.endpoint}/acme-${OWNER}/npm/shared`;
  });
  after(async () => {
    await emulator.stop();
  });

  const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers } });

  it('serves the full packument of a scoped package at both @scope%2fname and @scope/name', async () => {
    for (const path of ['/@acme%2fui-kit', '/@acme%2Fui-kit', '/@acme/ui-kit']) {
      const res = await get(path);
      assert.equal(res.status, 200, path);
      const doc = (await res.json()) as Packument;
      assert.equal(doc.name, '@acme/ui-kit');
      // Unlisted, Archived and Disposed versions are not listed.
      assert.deepEqual(Object.keys(doc.versions).sort(), ['2.0.0', '2.1.0', '3.0.0-beta.1']);
      assert.deepEqual(doc['dist-tags'], { latest: '2.1.0', beta: '3.0.0-beta.1' });
      assert.equal(doc.versions['2.0.0']?.deprecated, 'Use 2.1');
      assert.equal(doc.versions['2.1.0']?.deprecated, undefined);
      assert.equal(doc.readme, '# UI kit');
      assert.equal(doc.time?.['2.1.0'], '2025-06-01T00:00:00.000Z');
      assert.equal(doc.versions['2.1.0']?.dist.tarball, `${base}/@acme/ui-kit/-/ui-kit-2.1.0.tgz`);
    }
  });

  it('dist hashes match the tarball served, and the tarball holds the right package.json', async () => {
    const doc = (await (await get('/@acme%2fui-kit')).json()) as Packument;
    const dist = doc.versions['2.1.0']?.dist;
    assert.ok(dist);
    const res = await fetch(dist.tarball, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 200);
    const tgz = Buffer.from(await res.arrayBuffer());
    assert.equal(createHash('sha1').update(tgz).digest('hex'), dist.shasum);
    assert.equal(`sha512-${createHash('sha512').update(tgz).digest('base64')}`, dist.integrity);
    const manifest = await readNpmManifest(tgz);
    assert.equal(manifest.name, '@acme/ui-kit');
    assert.equal(manifest.description, 'Buttons');
  });

  it('serves the abbreviated packument when npm asks for it', async () => {
    const res = await get('/@acme%2fui-kit', { accept: 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*' });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/vnd.npm.install-v1+json');
    const doc = (await res.json()) as Packument & { modified: string };
    assert.equal(doc.time, undefined);
    assert.equal(doc.versions['2.1.0']?.description, undefined, 'abbreviated manifests carry no description');
    assert.ok(doc.versions['2.1.0']?.dist.integrity);
    assert.equal(doc.modified, '2025-07-01T00:00:00.000Z');
  });

  it('Unlisted tarballs still download; Archived and Disposed ones do not', async () => {
    assert.equal((await get('/@acme/ui-kit/-/ui-kit-2.2.0.tgz')).status, 200);
    assert.equal((await get('/@acme/ui-kit/-/ui-kit-2.3.0.tgz')).status, 404);
    assert.equal((await get('/@acme/ui-kit/-/ui-kit-2.4.0.tgz')).status, 404);
    assert.equal((await get('/@acme/ui-kit/-/other-2.1.0.tgz')).status, 404);
  });

  it('resolves unscoped packages through the external connection and retains them on download', async () => {
    const doc = (await (await get('/left-pad')).json()) as Packument;
    assert.deepEqual(Object.keys(doc.versions).sort(), ['1.1.0', '1.3.0']);
    assert.equal(doc['dist-tags'].latest, '1.3.0', 'latest falls back to the highest release');
    const shared = emulator.store.getDomain('acme', OWNER)?.repositories.get('shared');
    assert.ok(shared);
    assert.equal(emulator.store.getPackage(shared, 'npm', undefined, 'left-pad'), undefined, 'reading metadata does not retain');
    assert.equal((await get('/left-pad/-/left-pad-1.1.0.tgz')).status, 200);
    const kept = emulator.store.getPackage(shared, 'npm', undefined, 'left-pad')?.versions.get('1.1.0');
    assert.equal(kept?.origin.originType, 'EXTERNAL');
  });

  it('serves seeded asset bytes as they are, even when they are not a real tarball', async () => {
    const doc = (await (await get('/opaque')).json()) as Packument;
    assert.equal(doc.versions['1.0.0']?.description, 'Seeded bytes');
    assert.equal(doc.versions['1.0.0']?.dist.shasum, createHash('sha1').update('not a tarball').digest('hex'));
    assert.equal(await (await get('/opaque/-/opaque-1.0.0.tgz')).text(), 'not a tarball');
  });

  it('a repository without the upstream does not see it', async () => {
    const res = await fetch(`${emulator.endpoint}/acme-${OWNER}/npm/lonely/left-pad`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 404);
    assert.match(((await res.json()) as { error: string }).error, /left-pad/);
  });

  it('answers ping, dist-tags and a single version', async () => {
    assert.equal((await get('/-/ping')).status, 200);
    assert.deepEqual(await (await get('/-/package/@acme%2fui-kit/dist-tags')).json(), { latest: '2.1.0', beta: '3.0.0-beta.1' });
    const v = (await (await get('/@acme%2fui-kit/latest')).json()) as { version: string };
    assert.equal(v.version, '2.1.0');
  });

  it('rejects missing, wrong, foreign-domain and expired tokens with 401 and a JSON error', async () => {
    const other = emulator.store.getDomain('other', '444455556666');
    assert.ok(other);
    const foreign = emulator.store.issueToken(other, 900).token;
    const domain = emulator.store.getDomain('acme', OWNER);
    assert.ok(domain);
    const expired = emulator.store.issueToken(domain, 900).token;
    const issued = emulator.store.tokens.get(expired);
    assert.ok(issued);
    issued.expiresAt = emulator.store.now() - 1;
    const cases: [Record<string, string>, RegExp][] = [
      [{}, /missing/],
      [{ authorization: 'Bearer cae.nope' }, /not valid/],
      [{ authorization: `Bearer ${foreign}` }, /not valid/],
      [{ authorization: `Bearer ${expired}` }, /expired/],
      [{ authorization: `Basic ${Buffer.from(`someone:${token}`).toString('base64')}` }, /not valid/],
    ];
    for (const [headers, message] of cases) {
      const res = await fetch(`${base}/@acme%2fui-kit`, { headers });
      assert.equal(res.status, 401);
      assert.match(((await res.json()) as { error: string }).error, message);
    }
    // Basic aws:<token> works for npm too, as in CodeArtifact.
    const basic = await fetch(`${base}/@acme%2fui-kit`, { headers: { authorization: `Basic ${Buffer.from(`aws:${token}`).toString('base64')}` } });
    assert.equal(basic.status, 200);
  });

  it('unknown repositories are 404 and unknown domains 401', async () => {
    assert.equal((await fetch(`${emulator.endpoint}/acme-${OWNER}/npm/nope/x`, { headers: { authorization: `Bearer ${token}` } })).status, 404);
    assert.equal((await fetch(`${emulator.endpoint}/nope-${OWNER}/npm/shared/x`, { headers: { authorization: `Bearer ${token}` } })).status, 401);
  });

  describe('publish', () => {
    const body = async (name: string, version: string, mutate?: (doc: Record<string, unknown>) => void): Promise<string> => {
      const tgz = await npmTarball({ name, version, description: 'Published in a test' });
      const doc: Record<string, unknown> = {
        _id: name,
        name,
        'dist-tags': { latest: version },
        versions: { [version]: { name, version, description: 'Published in a test', dist: { integrity: `sha512-${createHash('sha512').update(tgz).digest('base64')}` } } },
        _attachments: { [`${name}-${version}.tgz`]: { content_type: 'application/octet-stream', data: tgz.toString('base64'), length: tgz.length } },
      };
      mutate?.(doc);
      return JSON.stringify(doc);
    };
    const put = (path: string, payload: string): Promise<Response> =>
      fetch(`${base}${path}`, { method: 'PUT', body: payload, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } });

    it('a new package is 404 first, then publishes as an INTERNAL Published version', async () => {
      assert.equal((await get('/@acme%2fnew-thing')).status, 404);
      assert.equal((await put('/@acme%2fnew-thing', await body('@acme/new-thing', '0.1.0'))).status, 200);
      const doc = (await (await get('/@acme%2fnew-thing')).json()) as Packument;
      assert.deepEqual(doc['dist-tags'], { latest: '0.1.0' });
      const repo = emulator.store.getDomain('acme', OWNER)?.repositories.get('shared');
      assert.ok(repo);
      const v = emulator.store.getPackage(repo, 'npm', 'acme', 'new-thing')?.versions.get('0.1.0');
      assert.equal(v?.status, 'Published');
      assert.deepEqual(v?.origin, { originType: 'INTERNAL', domainEntryPoint: { repositoryName: 'shared' } });
      assert.equal((await put('/@acme%2fnew-thing', await body('@acme/new-thing', '0.1.0'))).status, 409);
    });

    it('rejects a name mismatch, a missing attachment, a bad integrity and malformed JSON with 400', async () => {
      assert.equal((await put('/other-name', await body('mismatch', '1.0.0'))).status, 400);
      const noTarball = await body('bad-a', '1.0.0', (d) => {
        d._attachments = { 'wrong.tgz': { data: '' } };
      });
      assert.equal((await put('/bad-a', noTarball)).status, 400);
      const badIntegrity = await body('bad-b', '1.0.0', (d) => {
        (d.versions as Record<string, { dist: { integrity: string } }>)['1.0.0']!.dist.integrity = 'sha512-AAAA';
      });
      assert.equal((await put('/bad-b', badIntegrity)).status, 400);
      assert.equal((await put('/bad-c', '{not json')).status, 400);
      const repo = emulator.store.getDomain('acme', OWNER)?.repositories.get('shared');
      assert.ok(repo);
      for (const n of ['mismatch', 'bad-a', 'bad-b', 'bad-c']) assert.equal(emulator.store.getPackage(repo, 'npm', undefined, n), undefined);
    });

    it('moves and removes dist-tags, and refuses to drop latest', async () => {
      await put('/tagged', await body('tagged', '1.0.0'));
      const tagUrl = `${base}/-/package/tagged/dist-tags/next`;
      const auth = { authorization: `Bearer ${token}` };
      assert.equal((await fetch(tagUrl, { method: 'PUT', body: '"1.0.0"', headers: auth })).status, 201);
      assert.deepEqual(await (await get('/-/package/tagged/dist-tags')).json(), { latest: '1.0.0', next: '1.0.0' });
      assert.equal((await fetch(tagUrl, { method: 'PUT', body: '"9.9.9"', headers: auth })).status, 404);
      assert.equal((await fetch(tagUrl, { method: 'PUT', body: '"1.0', headers: auth })).status, 400);
      assert.equal((await fetch(tagUrl, { method: 'DELETE', headers: auth })).status, 200);
      assert.equal((await fetch(`${base}/-/package/tagged/dist-tags/latest`, { method: 'DELETE', headers: auth })).status, 400);
    });

    it('honours origin controls: publish BLOCK is 403, and a first direct publish blocks upstream versions', async () => {
      assert.equal((await put('/locked', await body('locked', '2.0.0'))).status, 403);
      // Publishing a name the public registry also has hides the public versions from then on.
      assert.equal((await put('/is-odd', await body('is-odd', '9.0.0'))).status, 200);
      const doc = (await (await get('/is-odd')).json()) as Packument;
      assert.deepEqual(Object.keys(doc.versions), ['9.0.0']);
      const repo = emulator.store.getDomain('acme', OWNER)?.repositories.get('shared');
      assert.ok(repo);
      assert.deepEqual(emulator.store.getPackage(repo, 'npm', undefined, 'is-odd')?.originConfiguration.restrictions, { publish: 'ALLOW', upstream: 'BLOCK' });
    });

    it('deprecates through a packument PUT without attachments', async () => {
      await put('/old-thing', await body('old-thing', '1.0.0'));
      assert.equal((await put('/old-thing', JSON.stringify({ name: 'old-thing', versions: { '1.0.0': { deprecated: 'gone' } } }))).status, 200);
      const doc = (await (await get('/old-thing')).json()) as Packument;
      assert.equal(doc.versions['1.0.0']?.deprecated, 'gone');
    });
  });
});
