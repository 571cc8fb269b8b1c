// The PyPI side of the data plane over real HTTP: PEP 503/691 index, redirects, downloads, uploads.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { wheel } from '../../emulator/artifacts';
import { startEmulator, type Emulator } from '../../emulator/server';
import type { Seed } from '../../emulator/seed';

const OWNER = '111122223333';

const seed: Seed = {
  domains: [
    {
      name: 'acme',
      owner: OWNER,
      repositories: [{ name: 'pypi-public', externalConnection: 'public:pypi' }, { name: 'py-shared', upstreams: ['pypi-public'] }],
    },
  ],
  packages: [
    {
      domain: 'acme',
      repository: 'py-shared',
      format: 'pypi',
      name: 'Acme.Tools',
      versions: [
        { version: '1.0.0', publishedTime: '2025-01-01T00:00:00Z' },
        { version: '1.1.0', publishedTime: '2025-02-01T00:00:00Z' },
        { version: '1.2.0', status: 'Unlisted', publishedTime: '2025-03-01T00:00:00Z' },
      ],
    },
  ],
  externalConnections: { 'public:pypi': [{ format: 'pypi', name: 'six', versions: [{ version: '1.16.0' }] }] },
};

interface SimpleJson {
  meta: { 'api-version': string };
  name: string;
  files: { filename: string; url: string; hashes: { sha256: string } }[];
}

describe('emulator data plane: PyPI', () => {
  let emulator: Emulator;
  let token: string;
  let base: string;
  let auth: Record<string, string>;

  before(async () => {
    emulator = await startEmulator({ seed, port: 0 });
    const domain = emulator.store.getDomain('acme', OWNER);
    assert.ok(domain);
    token = emulator.store.issueToken(domain, 900).token;
    auth = { authorization: `Basic ${Buffer.from(`aws:${token}`).toString('base64')}` };
    base = `${emulator.endpoint}/acme-${OWNER}/pypi/py-shared`;
  });
  after(async () => {
    await emulator.stop();
  });

  it('serves a PEP 503 page whose links carry sha256 fragments that match the files', async () => {
    const res = await fetch(`${base}/simple/acme-tools/`, { headers: auth });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/html/);
    const html = await res.text();
    const links = [...html.matchAll(/<a href="([^"#]+)#sha256=([0-9a-f]{64})">([^<]+)<\/a>/g)];
    // The Unlisted 1.2.0 is not listed.
    assert.deepEqual(links.map((m) => m[3]), ['acme_tools-1.0.0-py3-none-any.whl', 'acme_tools-1.1.0-py3-none-any.whl']);
    for (const [, url = '', sha] of links) {
      const file = await fetch(url, { headers: auth });
      assert.equal(file.status, 200);
      assert.equal(createHash('sha256').update(Buffer.from(await file.arrayBuffer())).digest('hex'), sha);
    }
    // ...but its file still downloads by URL.
    assert.equal((await fetch(`${base}/simple/acme-tools/1.2.0/acme_tools-1.2.0-py3-none-any.whl`, { headers: auth })).status, 200);
  });

  it('serves PEP 691 JSON when pip asks for it', async () => {
    const res = await fetch(`${base}/simple/acme-tools/`, {
      headers: { ...auth, accept: 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01' },
    });
    assert.equal(res.headers.get('content-type'), 'application/vnd.pypi.simple.v1+json');
    const doc = (await res.json()) as SimpleJson;
    assert.equal(doc.meta['api-version'], '1.0');
    assert.equal(doc.name, 'acme-tools');
    assert.equal(doc.files.length, 2);
    assert.match(doc.files[0]?.hashes.sha256 ?? '', /^[0-9a-f]{64}$/);
  });

  it('redirects non-normalized names and a missing slash to the canonical URL', async () => {
    for (const path of ['/simple/Acme.Tools/', '/simple/acme_tools/', '/simple/acme-tools']) {
      const res = await fetch(`${base}${path}`, { headers: auth, redirect: 'manual' });
      assert.equal(res.status, 301, path);
      assert.equal(res.headers.get('location'), `/acme-${OWNER}/pypi/py-shared/simple/acme-tools/`);
    }
  });

  it('has no root listing, and unknown projects are 404', async () => {
    assert.equal((await fetch(`${base}/simple/`, { headers: auth })).status, 404);
    assert.equal((await fetch(`${base}/simple/nothing-here/`, { headers: auth })).status, 404);
  });

  it('resolves through the external connection and retains on download', async () => {
    const doc = (await (await fetch(`${base}/simple/six/`, { headers: { ...auth, accept: 'application/vnd.pypi.simple.v1+json' } })).json()) as SimpleJson;
    const url = doc.files[0]?.url;
    assert.ok(url);
    assert.equal((await fetch(url, { headers: auth })).status, 200);
    const repo = emulator.store.getDomain('acme', OWNER)?.repositories.get('py-shared');
    assert.ok(repo);
    assert.equal(emulator.store.getPackage(repo, 'pypi', undefined, 'six')?.versions.get('1.16.0')?.origin.originType, 'EXTERNAL');
  });

  it('needs Basic aws:<token>', async () => {
    assert.equal((await fetch(`${base}/simple/acme-tools/`)).status, 401);
    const wrong = { authorization: `Basic ${Buffer.from('aws:cae.wrong').toString('base64')}` };
    assert.equal((await fetch(`${base}/simple/acme-tools/`, { headers: wrong })).status, 401);
  });

  describe("twine's legacy upload", () => {
    const form = (name: string, version: string, file: Buffer, filename: string, digest?: string): FormData => {
      const f = new FormData();
      f.set(':action', 'file_upload');
      f.set('protocol_version', '1');
      f.set('name', name);
      f.set('version', version);
      f.set('summary', 'Uploaded');
      f.set('filetype', 'bdist_wheel');
      f.append('requires_dist', 'requests (>=2.0)');
      f.set('sha256_digest', digest ?? createHash('sha256').update(file).digest('hex'));
      f.set('content', new Blob([file]), filename);
      return f;
    };
    const upload = (body: FormData): Promise<Response> => fetch(`${base}/`, { method: 'POST', body, headers: auth });

    it('stores the file as a Published INTERNAL version that the index then lists', async () => {
      const whl = wheel({ name: 'My_Lib', version: '0.1.0' });
      const res = await upload(form('My_Lib', '0.1.0', whl, 'my_lib-0.1.0-py3-none-any.whl'));
      assert.equal(res.status, 200, await res.text());
      const repo = emulator.store.getDomain('acme', OWNER)?.repositories.get('py-shared');
      assert.ok(repo);
      const v = emulator.store.getPackage(repo, 'pypi', undefined, 'my-lib')?.versions.get('0.1.0');
      assert.equal(v?.status, 'Published');
      assert.equal(v?.summary, 'Uploaded');
      assert.deepEqual(v?.dependencies, { requests: '>=2.0' });
      const html = await (await fetch(`${base}/simple/my-lib/`, { headers: auth })).text();
      assert.ok(html.includes(`#sha256=${createHash('sha256').update(whl).digest('hex')}`));
      // The same file twice is a conflict.
      assert.equal((await upload(form('My_Lib', '0.1.0', whl, 'my_lib-0.1.0-py3-none-any.whl'))).status, 409);
    });

    it('rejects a wrong digest, a missing action and a non-multipart body', async () => {
      const whl = wheel({ name: 'bad', version: '1.0' });
      assert.equal((await upload(form('bad', '1.0', whl, 'bad-1.0-py3-none-any.whl', '0'.repeat(64)))).status, 400);
      const noAction = form('bad', '1.0', whl, 'bad-1.0-py3-none-any.whl');
      noAction.delete(':action');
      assert.equal((await upload(noAction)).status, 400);
      assert.equal((await fetch(`${base}/`, { method: 'POST', body: 'x', headers: { ...auth, 'content-type': 'text/plain' } })).status, 400);
      const repo = emulator.store.getDomain('acme', OWNER)?.repositories.get('py-shared');
      assert.ok(repo);
      assert.equal(emulator.store.getPackage(repo, 'pypi', undefined, 'bad'), undefined);
    });
  });
});
