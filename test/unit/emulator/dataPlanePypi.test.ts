// The PyPI side of the data plane over real HTTP: PEP 503/691/700 index negotiated by Accept (406 included), an
// HTML-only repository, yanked files and Requires-Python, redirects, downloads, uploads.
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
      repositories: [
        { name: 'pypi-public', externalConnection: 'public:pypi' },
        { name: 'py-shared', upstreams: ['pypi-public'] },
        { name: 'py-html', upstreams: ['py-shared'], pypiHtmlOnly: true },
      ],
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
    {
      domain: 'acme',
      repository: 'py-shared',
      format: 'pypi',
      name: 'yank-me',
      versions: [
        { version: '1.0', publishedTime: '2025-01-01T00:00:00Z', requiresPython: '>=3.8' },
        { version: '1.1', publishedTime: '2025-02-01T00:00:00Z', yanked: 'Broken <build> & "worse"' },
        { version: '1.2', publishedTime: '2025-03-01T00:00:00Z', yanked: true },
      ],
    },
  ],
  externalConnections: { 'public:pypi': [{ format: 'pypi', name: 'six', versions: [{ version: '1.16.0' }] }] },
};

interface SimpleJson {
  meta: { 'api-version': string };
  name: string;
  versions: string[];
  files: { filename: string; url: string; hashes: { sha256: string }; size: number; 'upload-time': string; yanked: boolean | string; 'requires-python'?: string }[];
}

const JSON_TYPE = 'application/vnd.pypi.simple.v1+json';
const HTML_TYPE = 'application/vnd.pypi.simple.v1+html';
const PIP_ACCEPT = 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01';
const EXTENSION_ACCEPT = 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01';

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

  it('serves PEP 691 JSON, api-version 1.1 with the PEP 700 fields, when pip asks for it', async () => {
    const res = await fetch(`${base}/simple/acme-tools/`, { headers: { ...auth, accept: PIP_ACCEPT } });
    assert.equal(res.headers.get('content-type'), JSON_TYPE);
    assert.equal(res.headers.get('vary'), 'Accept');
    const doc = (await res.json()) as SimpleJson;
    assert.equal(doc.meta['api-version'], '1.1');
    assert.equal(doc.name, 'acme-tools');
    assert.deepEqual(doc.versions, ['1.0.0', '1.1.0'], 'the Unlisted 1.2.0 is not among them');
    assert.equal(doc.files.length, 2);
    const [first] = doc.files;
    assert.match(first?.hashes.sha256 ?? '', /^[0-9a-f]{64}$/);
    assert.equal(first?.['upload-time'], '2025-01-01T00:00:00.000000Z');
    assert.equal(first?.yanked, false);
    const bytes = Buffer.from(await (await fetch(first?.url ?? '', { headers: auth })).arrayBuffer());
    assert.equal(first?.size, bytes.length);
  });

  it('negotiates as AWS documents: HTML by default and for text/html or */*, JSON for v1+json or latest+json, q-values honoured', async () => {
    const cases: [string | undefined, string][] = [
      [undefined, 'text/html; charset=utf-8'],
      ['*/*', 'text/html; charset=utf-8'],
      ['text/html', 'text/html; charset=utf-8'],
      ['text/*', 'text/html; charset=utf-8'],
      [HTML_TYPE, HTML_TYPE],
      ['application/vnd.pypi.simple.latest+html', HTML_TYPE],
      [JSON_TYPE, JSON_TYPE],
      ['application/vnd.pypi.simple.latest+json', JSON_TYPE],
      [PIP_ACCEPT, JSON_TYPE],
      [EXTENSION_ACCEPT, JSON_TYPE],
      ['application/vnd.pypi.simple.v1+json;q=0.1, text/html', 'text/html; charset=utf-8'],
      ['application/vnd.pypi.simple.v1+json;q=0.5, application/vnd.pypi.simple.v1+html;q=0.9', HTML_TYPE],
      // The most specific range decides: text/html is refused, the wildcard still admits the rest (HTML first).
      ['*/*;q=0.5, text/html;q=0', HTML_TYPE],
      ['application/json, */*;q=0.1', 'text/html; charset=utf-8'],
    ];
    for (const [accept, expected] of cases) {
      const res = await fetch(`${base}/simple/acme-tools/`, { headers: { ...auth, ...(accept !== undefined ? { accept } : {}) } });
      assert.equal(res.status, 200, String(accept));
      assert.equal(res.headers.get('content-type'), expected, String(accept));
      const body = await res.text();
      if (expected === JSON_TYPE) assert.equal((JSON.parse(body) as SimpleJson).files.length, 2, String(accept));
      else assert.match(body, /<meta name="pypi:repository-version" content="1\.1">/, String(accept));
    }
  });

  it('answers 406 when no offered type is acceptable, naming what it serves', async () => {
    for (const accept of ['application/json', 'application/vnd.pypi.simple.v1+json;q=0, text/html;q=0', 'image/png', 'application/vnd.pypi.simple.v2+json', 'not a media type']) {
      const before = emulator.stats.operations['pypi:notAcceptable'] ?? 0;
      const res = await fetch(`${base}/simple/acme-tools/`, { headers: { ...auth, accept } });
      assert.equal(res.status, 406, accept);
      assert.match(await res.text(), /^None of the requested types is served here\. Supported: text\/html, application\/vnd\.pypi\.simple\.v1\+html, .*application\/vnd\.pypi\.simple\.v1\+json/, accept);
      assert.equal(emulator.stats.operations['pypi:notAcceptable'], before + 1);
    }
  });

  it('an HTML-only repository (seed pypiHtmlOnly) answers pip and the extension with HTML, and a JSON-only Accept with 406', async () => {
    const html = `${emulator.endpoint}/acme-${OWNER}/pypi/py-html`;
    for (const accept of [PIP_ACCEPT, EXTENSION_ACCEPT]) {
      const res = await fetch(`${html}/simple/acme-tools/`, { headers: { ...auth, accept } });
      assert.equal(res.headers.get('content-type'), HTML_TYPE, accept);
      assert.match(await res.text(), /acme_tools-1\.0\.0-py3-none-any\.whl<\/a>/);
    }
    const json = await fetch(`${html}/simple/acme-tools/`, { headers: { ...auth, accept: JSON_TYPE } });
    assert.equal(json.status, 406);
    assert.match(await json.text(), /Supported: text\/html, application\/vnd\.pypi\.simple\.v1\+html, application\/vnd\.pypi\.simple\.latest\+html\.$/m);
    assert.equal((await fetch(`${html}/simple/acme-tools/`, { headers: { ...auth, accept: '*/*' } })).headers.get('content-type'), 'text/html; charset=utf-8');
  });

  it('marks yanked files (PEP 592) in both forms, with the reason escaped in HTML, and gives Requires-Python', async () => {
    const res = await fetch(`${base}/simple/yank-me/`, { headers: auth });
    const page = await res.text();
    const anchors = [...page.matchAll(/<a ([^>]*)>([^<]+)<\/a>/g)].map((m) => `${(m[1] ?? '').replace(/href="[^"]*" ?/, '')}|${m[2] ?? ''}`);
    assert.deepEqual(anchors, [
      'data-requires-python="&gt;=3.8"|yank_me-1.0-py3-none-any.whl',
      'data-yanked="Broken &lt;build&gt; &amp; &quot;worse&quot;"|yank_me-1.1-py3-none-any.whl',
      'data-yanked=""|yank_me-1.2-py3-none-any.whl',
    ]);
    const doc = (await (await fetch(`${base}/simple/yank-me/`, { headers: { ...auth, accept: JSON_TYPE } })).json()) as SimpleJson;
    assert.deepEqual(doc.versions, ['1.0', '1.1', '1.2'], 'PEP 700: yanked versions are still listed');
    assert.deepEqual(
      doc.files.map((f) => [f.filename, f.yanked, f['requires-python']]),
      [
        ['yank_me-1.0-py3-none-any.whl', false, '>=3.8'],
        ['yank_me-1.1-py3-none-any.whl', 'Broken <build> & "worse"', undefined],
        ['yank_me-1.2-py3-none-any.whl', true, undefined],
      ],
    );
    // Yanked files still download (an `==` pin gets them).
    assert.equal((await fetch(doc.files[2]?.url ?? '', { headers: auth })).status, 200);
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
