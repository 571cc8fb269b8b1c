// Simple index pages in the shapes real indexes and proxies serve, with what they list. Read by our parser in
// test/unit/core/pypiSimple.test.ts and by pip's own (test/integration/pypiSimpleIndex.test.ts), which must agree.
// `releases`: `version[:yanked(reason)][:py(spec)][:N files]`, in index order.

/** One release as the corpus writes it: `version[:yanked(reason)][:py(spec)][:N files]`. */
export function releaseSummary(version: string, r: { readonly files: number; readonly yanked?: string; readonly requiresPython?: string }): string {
  return [version, r.yanked !== undefined ? `yanked(${r.yanked})` : '', r.requiresPython ? `py(${r.requiresPython})` : '', r.files === 1 ? '' : `${r.files} files`].filter(Boolean).join(':');
}

export interface CorpusPage {
  readonly name: string;
  readonly project: string;
  readonly contentType: string;
  readonly url: string;
  readonly body: string;
}

export type CorpusSample = CorpusPage & ({ readonly releases: readonly string[]; readonly skipped?: number } | { readonly error: RegExp });

const URL = 'https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/pypi/shared/simple/acme-tools/';
const HTML = 'text/html; charset=utf-8';
const JSON_V1 = 'application/vnd.pypi.simple.v1+json';
const SHA = `#sha256=${'ab'.repeat(32)}`;

const html = (name: string, body: string, extra: Partial<CorpusPage> = {}): CorpusPage => ({ name, project: 'acme-tools', contentType: HTML, url: URL, body, ...extra });

export const SIMPLE_CORPUS: readonly CorpusSample[] = [
  {
    ...html(
      'a CodeArtifact-style PEP 503 page: absolute URLs, sha256 fragments, <br/>',
      [
        '<!DOCTYPE html>',
        '<html>',
        '  <head>',
        '    <meta name="pypi:repository-version" content="1.1">',
        '    <title>Links for acme-tools</title>',
        '  </head>',
        '  <body>',
        '    <h1>Links for acme-tools</h1>',
        `    <a href="${URL}1.0.0/acme_tools-1.0.0-py3-none-any.whl${SHA}">acme_tools-1.0.0-py3-none-any.whl</a><br/>`,
        `    <a href="${URL}1.1.0/acme_tools-1.1.0-py3-none-any.whl${SHA}" data-requires-python="&gt;=3.9">acme_tools-1.1.0-py3-none-any.whl</a><br/>`,
        `    <a href="${URL}1.2.0/acme_tools-1.2.0-py3-none-any.whl${SHA}" data-yanked="Broken metadata">acme_tools-1.2.0-py3-none-any.whl</a><br/>`,
        '  </body>',
        '</html>',
      ].join('\n'),
    ),
    releases: ['1.0.0', '1.1.0:py(>=3.9)', '1.2.0:yanked(Broken metadata)'],
  },
  {
    ...html(
      'a pypi.org-style page: relative ../../packages links, PEP 658 metadata attributes, an empty data-yanked="" (yanked, no reason)',
      '<!DOCTYPE html>\n<html><head><meta name="pypi:repository-version" content="1.3"><title>Links for acme-tools</title></head><body><h1>Links for acme-tools</h1>\n' +
        `<a href="../../packages/8a/5e/acme_tools-2.0.tar.gz${SHA}" data-requires-python="&gt;=3.8" data-dist-info-metadata="sha256=00" data-core-metadata="sha256=00">acme_tools-2.0.tar.gz</a><br />\n` +
        `<a href="../../packages/8a/5e/acme_tools-2.0-py3-none-any.whl${SHA}" data-requires-python="&gt;=3.8">acme_tools-2.0-py3-none-any.whl</a><br />\n` +
        `<a href="../../packages/8a/5f/acme_tools-2.1.tar.gz${SHA}" data-requires-python="&gt;=3.8" data-yanked="">acme_tools-2.1.tar.gz</a><br />\n` +
        '</body></html>\n<!--SERIAL 123456-->',
    ),
    releases: ['2.0:py(>=3.8):2 files', '2.1:yanked():py(>=3.8)'],
  },
  {
    ...html(
      'upper-case tags and attributes, single quotes and no quotes',
      "<HTML><BODY>\n<A HREF='/p/ACME_TOOLS-3.0-py3-none-any.whl' DATA-REQUIRES-PYTHON='&gt;=3.10'>w</A><BR>\n<A href=/p/Acme.Tools-3.0.tar.gz Data-Yanked=withdrawn>s</A>\n<a HREF=/p/acme-tools-3.1.zip>z</a>\n</BODY></HTML>",
    ),
    releases: ['3.0:py(>=3.10):2 files', '3.1'],
  },
  {
    ...html(
      'unclosed and nested anchors, unclosed <br>, no </body>, a tag cut off at the end',
      '<html><body><a href="acme-tools-1.0.tar.gz">one<br><a href="acme-tools-1.1.tar.gz">two</a><br>\n<a href="acme-tools-1.2.tar.gz">three\n<p><a href="acme-tools-1.3.tar',
    ),
    releases: ['1.0', '1.1', '1.2'],
  },
  {
    ...html(
      'anchors inside comments, scripts, styles, CDATA and attribute values are not links',
      '<!-- <a href="acme-tools-9.0.tar.gz">old</a> -->\n<script>document.write(\'<a href="acme-tools-9.1.tar.gz">\')</script>\n' +
        '<style>a[href="acme-tools-9.2.tar.gz"]{}</style>\n<![CDATA[<a href="acme-tools-9.3.tar.gz">]]>\n' +
        '<a href="acme-tools-1.0.tar.gz" title="<a href=\'acme-tools-9.4.tar.gz\'>">real</a>',
    ),
    releases: ['1.0'],
  },
  {
    ...html(
      'relative URLs of every kind, queries and fragments, and a <base href>',
      '<base href="https://files.example/root/">' +
        '<a href="acme-tools-1.0.tar.gz">plain</a>' +
        '<a href="./sub/../acme-tools-1.1.tar.gz#md5=00">dot segments</a>' +
        '<a href="/abs/acme-tools-1.2.tar.gz?download=1">absolute path, query</a>' +
        '<a href="//cdn.example/x/acme-tools-1.3.tar.gz">protocol-relative</a>' +
        '<a href="https://other.example/acme-tools-1.4.tar.gz#egg=acme-tools">absolute</a>',
    ),
    releases: ['1.0', '1.1', '1.2', '1.3', '1.4'],
  },
  {
    ...html(
      'entities and percent-escapes in href and attributes',
      '<a href="acme&#x2D;tools&#45;1.0.tar.gz">hex and decimal</a>' +
        '<a href="acme%2Dtools-1.1.tar.gz">percent</a>' +
        '<a href="acme_tools-1.2-py3-none-any.whl?a=1&amp;b=2" data-yanked="&quot;bad&quot; &amp; &lt;unsafe&gt;">named</a>' +
        '<a href="acme_tools-1.3-py3-none-any.whl" data-requires-python="&gt;=3.8,&#x3C;4,!=3.9.*">mixed</a>',
    ),
    releases: ['1.0', '1.1', '1.2:yanked("bad" & <unsafe>)', '1.3:py(>=3.8,<4,!=3.9.*)'],
  },
  {
    ...html(
      'a version with one yanked file of two is not yanked; with all files yanked it is, with the first reason given',
      '<a href="acme_tools-4.0-py3-none-any.whl" data-yanked="wheel only">w</a><a href="acme-tools-4.0.tar.gz">s</a>' +
        '<a href="acme_tools-4.1-py3-none-any.whl" data-yanked="">w</a><a href="acme-tools-4.1.tar.gz" data-yanked="CVE-2025-0001">s</a>',
    ),
    releases: ['4.0:2 files', '4.1:yanked(CVE-2025-0001):2 files'],
  },
  {
    ...html(
      'broken links and other projects’ files are skipped',
      '<a>no href</a><a href="">empty</a><a href="http://[::1">bad URL</a><a href="acme-tools-extra-1.0.tar.gz">other project</a>' +
        '<a href="acme-1.0.tar.gz">shorter name</a><a href="acme-tools-1.0.egg">egg</a><a href="acme_tools-1.0-none-any.whl">short wheel</a>' +
        '<a href="acme-tools-2.0.tar.gz">good</a>',
    ),
    releases: ['2.0'],
    skipped: 7,
  },
  { ...html('a proxy error page served as 200 text/html', '<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>'), error: /no links and does not declare itself a simple index page/ },
  { ...html('a page whose links are all broken', '<a href="acme-tools.tar.gz">x</a><a>y</a>'), error: /^none of its 2 links is a distribution of "acme-tools"$/ },
  { ...html('an HTML index of another major version', '<meta name="pypi:repository-version" content="2.0"><a href="acme-tools-1.0.tar.gz">x</a>'), error: /Simple API version 2\.0/ },
  {
    name: 'JSON 1.0 (PEP 691): versions from files only',
    project: 'acme-tools',
    contentType: JSON_V1,
    url: URL,
    body: JSON.stringify({
      meta: { 'api-version': '1.0' },
      name: 'acme-tools',
      files: [
        { filename: 'acme_tools-1.0-py3-none-any.whl', url: `${URL}acme_tools-1.0-py3-none-any.whl`, hashes: { sha256: '00' } },
        { filename: 'acme-tools-1.1.tar.gz', url: `${URL}acme-tools-1.1.tar.gz`, hashes: { sha256: '00' }, 'requires-python': '>=3.7', yanked: true },
      ],
    }),
    releases: ['1.0', '1.1:yanked():py(>=3.7)'],
  },
  {
    name: 'JSON 1.1 (PEP 700) as pypi.org serves it: versions, size, upload-time, core-metadata, yanked reasons',
    project: 'acme-tools',
    contentType: 'application/vnd.pypi.simple.v1+json',
    url: URL,
    body: JSON.stringify({
      meta: { 'api-version': '1.1', _last_serial: 1 },
      name: 'acme-tools',
      versions: ['2.0', '2.1', '2.2'],
      files: [
        { filename: 'acme_tools-2.0-py3-none-any.whl', url: 'https://files.example/acme_tools-2.0-py3-none-any.whl', hashes: { sha256: '00' }, 'requires-python': '>=3.8', 'core-metadata': { sha256: '00' }, size: 1234, 'upload-time': '2025-01-01T00:00:00.123456Z', yanked: false },
        { filename: 'acme_tools-2.1-py3-none-any.whl', url: 'https://files.example/acme_tools-2.1-py3-none-any.whl', hashes: { sha256: '00' }, 'requires-python': null, size: 1234, 'upload-time': '2025-02-01T00:00:00.000000Z', yanked: 'Use 2.0' },
      ],
    }),
    releases: ['2.0:py(>=3.8)', '2.1:yanked(Use 2.0)', '2.2:0 files'],
  },
  {
    name: 'JSON of another major api-version',
    project: 'acme-tools',
    contentType: JSON_V1,
    url: URL,
    body: JSON.stringify({ meta: { 'api-version': '2.0' }, name: 'acme-tools', files: [] }),
    error: /^it is Simple API version 2\.0; only version 1 can be read$/,
  },
  { ...html('a text/plain answer', 'acme-tools-1.0.tar.gz', { contentType: 'text/plain' }), error: /Content-Type is "text\/plain"/ },
];
