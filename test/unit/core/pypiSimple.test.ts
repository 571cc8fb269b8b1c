// The PyPI Simple API reader over a corpus of real-world page shapes: PEP 503 HTML quirks (case, quoting, unclosed
// and nested anchors, comments, scripts, entities, relative URLs, <base>), PEP 592 yanks, PEP 691 JSON 1.0 and 1.1
// (PEP 700), the Content-Type dispatch and the refusals (another major version, not an index at all).
import assert from 'node:assert/strict';
import {
  readSimpleHtml,
  readSimpleIndex,
  readSimpleJson,
  SIMPLE_INDEX_ACCEPT,
  simpleIndexForm,
  SimpleIndexError,
  versionFromFilename,
  type SimpleProject,
} from '../../../src/core/pypiSimple';
import { releaseSummary, SIMPLE_CORPUS } from './pypiSimpleCorpus';

const PAGE = 'https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/pypi/shared/simple/acme-tools/';

/** `version[:yanked(reason)][:py(spec)][:files]` per release, in the order the index lists them. */
function summary(project: SimpleProject): string[] {
  return [...project.releases].map(([v, r]) => releaseSummary(v, r));
}

const refused = (pattern: RegExp) => (err: unknown): boolean => err instanceof SimpleIndexError && pattern.test(err.message);

describe('PyPI simple index: the corpus', () => {
  for (const sample of SIMPLE_CORPUS) {
    it(`${sample.name}`, () => {
      const read = (): SimpleProject => readSimpleIndex(sample.body, sample.contentType, sample.project, sample.url);
      if ('error' in sample) {
        assert.throws(read, refused(sample.error));
        return;
      }
      const project = read();
      assert.deepEqual(summary(project), sample.releases);
      if (sample.skipped !== undefined) assert.equal(project.skipped, sample.skipped);
    });
  }
});

describe('PyPI simple index: HTML (PEP 503)', () => {
  it('reads the file name from the URL (not the link text), after entities, percent-escapes and <base>', () => {
    const html =
      '<base href="https://files.example/packages/">' +
      '<a href="ab/acme_tools-1.0-py3-none-any.whl#sha256=00">a misleading text acme_tools-9.9-py3-none-any.whl</a>' +
      '<a href="/elsewhere/acme%5Ftools-1.1-py3-none-any.whl?x=1&amp;y=2">x</a>' +
      '<a href="//cdn.example/acme&#x2D;tools&#45;1.2.tar.gz">x</a>';
    assert.deepEqual(summary(readSimpleHtml(html, 'acme-tools', PAGE)), ['1.0', '1.1', '1.2']);
  });

  it('decodes entities in data-yanked and data-requires-python, and keeps them as text', () => {
    const html = '<a href="acme_tools-1.0.tar.gz" data-yanked="&lt;script&gt; broken &amp; withdrawn" data-requires-python="&gt;=3.8,&lt;4">x</a>';
    const release = readSimpleHtml(html, 'acme-tools', PAGE).releases.get('1.0');
    assert.equal(release?.yanked, '<script> broken & withdrawn');
    assert.equal(release?.requiresPython, '>=3.8,<4');
  });

  it('a version is yanked only when every file of it is (PEP 592); its requires-python comes from a file that is not', () => {
    const html = [
      '<a href="acme_tools-2.0-py3-none-any.whl" data-yanked="bad wheel" data-requires-python="&gt;=3.12">w</a>',
      '<a href="acme-tools-2.0.tar.gz" data-requires-python="&gt;=3.9">s</a>',
      '<a href="acme_tools-2.1-py3-none-any.whl" data-yanked="">w</a>',
      '<a href="acme-tools-2.1.tar.gz" data-yanked="CVE-2025-1">s</a>',
    ].join('\n');
    assert.deepEqual(summary(readSimpleHtml(html, 'acme-tools', PAGE)), ['2.0:py(>=3.9):2 files', '2.1:yanked(CVE-2025-1):2 files']);
  });

  it('counts the links it skipped; with none readable the page is refused, naming how many there were', () => {
    const html = '<a>no href</a><a href="">empty</a><a href="http://[::1">bad URL</a><a href="other-1.0.tar.gz">other</a><a href="acme-tools-1.0.tar.gz">ok</a>';
    assert.equal(readSimpleHtml(html, 'acme-tools', PAGE).skipped, 4);
    assert.throws(() => readSimpleHtml(html.replace(/<a href="acme-tools[^>]*>ok<\/a>/, ''), 'acme-tools', PAGE), refused(/^none of its 4 links is a distribution of "acme-tools"$/));
  });

  it('a page without links is a simple index only if it says so (pypi:repository-version); otherwise it is refused', () => {
    const empty = readSimpleHtml('<html><head><meta name="pypi:repository-version" content="1.1"></head><body></body></html>', 'acme-tools', PAGE);
    assert.equal(empty.apiVersion, '1.1');
    assert.equal(empty.releases.size, 0);
    assert.throws(() => readSimpleHtml('<html><body><h1>Sign in</h1><form></form></body></html>', 'acme-tools', PAGE), refused(/no links and does not declare itself a simple index page/));
  });

  it('refuses another major version in pypi:repository-version (PEP 629), accepts a newer minor', () => {
    const page = (v: string): string => `<meta name="pypi:repository-version" content="${v}"><a href="acme-tools-1.0.tar.gz">x</a>`;
    assert.equal(readSimpleHtml(page('1.3'), 'acme-tools', PAGE).apiVersion, '1.3');
    assert.throws(() => readSimpleHtml(page('2.0'), 'acme-tools', PAGE), refused(/^it is Simple API version 2\.0; only version 1 can be read$/));
    assert.throws(() => readSimpleHtml(page('latest'), 'acme-tools', PAGE), refused(/declares the API version "latest", which is not a version number/));
  });

  it('reads hostile markup to the end: 100,000 unclosed anchors, 1,000,000 unclosed elements, an endless attribute', () => {
    // A tree builder's open-element stack made the first two cost seconds (quadratic); a tokenizer does not.
    // No wall-clock assertion here (the suite runs on loaded machines); a quadratic parser would hit mocha's timeout.
    const many = '<a href="acme-tools-1.0.tar.gz">'.repeat(100_000);
    assert.equal(readSimpleHtml(many, 'acme-tools', PAGE).releases.get('1.0')?.files, 100_000);
    assert.throws(() => readSimpleHtml(`${'<div>'.repeat(1_000_000)}<a href="x">`, 'acme-tools', PAGE), refused(/none of its 1 links/));
    assert.throws(() => readSimpleHtml(`<a href="${'a'.repeat(2_000_000)}`, 'acme-tools', PAGE), refused(/no links/));
  });
});

describe('PyPI simple index: JSON (PEP 691, PEP 700)', () => {
  const file = (filename: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ filename, url: `https://files.example/${filename}`, hashes: { sha256: '00' }, ...extra });

  it('1.0: versions from the files, no dates', () => {
    const project = readSimpleJson({ meta: { 'api-version': '1.0' }, name: 'acme-tools', files: [file('acme_tools-1.0-py3-none-any.whl'), file('acme-tools-1.0.tar.gz'), file('acme-tools-1.1.tar.gz')] }, 'acme-tools');
    assert.equal(project.form, 'json');
    assert.equal(project.apiVersion, '1.0');
    assert.deepEqual(summary(project), ['1.0:2 files', '1.1']);
    assert.equal(project.releases.get('1.0')?.uploadTime, undefined);
  });

  it('1.1: upload-time (the earliest file), yanked as true or a reason, requires-python, and `versions` without files', () => {
    const project = readSimpleJson(
      {
        meta: { 'api-version': '1.1' },
        name: 'acme-tools',
        versions: ['1.0', '1.1', '1.2', '0.9'],
        files: [
          file('acme-tools-1.0.tar.gz', { 'upload-time': '2025-01-02T00:00:00.000000Z', size: 10, yanked: false }),
          file('acme_tools-1.0-py3-none-any.whl', { 'upload-time': '2025-01-01T12:00:00Z', size: 20, 'requires-python': '>=3.9' }),
          file('acme-tools-1.1.tar.gz', { 'upload-time': '2025-02-01T00:00:00Z', yanked: true }),
          file('acme-tools-1.2.tar.gz', { 'upload-time': '2025-03-01T00:00:00Z', yanked: 'broke <everything>' }),
        ],
      },
      'acme-tools',
    );
    assert.deepEqual(summary(project), ['1.0:py(>=3.9):2 files', '1.1:yanked()', '1.2:yanked(broke <everything>)', '0.9:0 files']);
    assert.equal(project.releases.get('1.0')?.uploadTime?.toISOString(), '2025-01-01T12:00:00.000Z');
  });

  it('reads `yanked` as pip does: truthy marks the file, only a string is a reason; "" and false do not', () => {
    const project = readSimpleJson({ files: ['1.0', '1.1', '1.2', '1.3'].map((v, i) => file(`acme-tools-${v}.tar.gz`, { yanked: ['', false, 1, null][i] })) }, 'acme-tools');
    assert.deepEqual(summary(project), ['1.0', '1.1', '1.2:yanked()', '1.3']);
  });

  it('refuses another major api-version, a malformed one, a `meta` or `files` of the wrong type; no `meta` is read as 1.0', () => {
    const files = [file('acme-tools-1.0.tar.gz')];
    assert.throws(() => readSimpleJson({ meta: { 'api-version': '2.0' }, files }, 'acme-tools'), refused(/^it is Simple API version 2\.0; only version 1 can be read$/));
    assert.throws(() => readSimpleJson({ meta: { 'api-version': 1.1 }, files }, 'acme-tools'), refused(/"meta\.api-version" is not a string/));
    assert.throws(() => readSimpleJson({ meta: { 'api-version': 'v1' }, files }, 'acme-tools'), refused(/"v1", which is not a version number/));
    assert.throws(() => readSimpleJson({ meta: '1.0', files }, 'acme-tools'), refused(/"meta" is not an object/));
    assert.throws(() => readSimpleJson({ files: { a: 1 } }, 'acme-tools'), refused(/"files" is not a list/));
    assert.throws(() => readSimpleJson([files], 'acme-tools'), refused(/not a JSON object/));
    assert.deepEqual(summary(readSimpleJson({ files }, 'acme-tools')), ['1.0']);
  });

  it('files of other projects or with a version that is not PEP 440 are skipped; all of them → refused', () => {
    const project = readSimpleJson({ files: [file('acme-tools-extra-1.0.tar.gz'), file('acme-tools-1.0.tar.gz'), file('acme-1.0.tar.gz')] }, 'acme-tools');
    assert.deepEqual(summary(project), ['1.0']);
    assert.equal(project.skipped, 2);
    assert.throws(() => readSimpleJson({ files: [file('other-1.0.tar.gz')] }, 'acme-tools'), refused(/^none of its 1 files is a distribution of "acme-tools"$/));
  });
});

describe('PyPI simple index: Content-Type and the request', () => {
  it('picks the parser by Content-Type (parameters and case ignored); refuses other types and versions', () => {
    for (const type of ['application/vnd.pypi.simple.v1+json', 'application/vnd.pypi.simple.latest+json', 'Application/Vnd.Pypi.Simple.V1+JSON; charset=utf-8']) assert.equal(simpleIndexForm(type), 'json', type);
    for (const type of ['text/html', 'text/html; charset=UTF-8', 'application/vnd.pypi.simple.v1+html', 'application/vnd.pypi.simple.latest+html']) assert.equal(simpleIndexForm(type), 'html', type);
    assert.throws(() => simpleIndexForm('application/vnd.pypi.simple.v2+json'), refused(/version 2; only version 1/));
    assert.throws(() => simpleIndexForm('application/json'), refused(/^its Content-Type is "application\/json", neither the HTML nor the JSON form of the simple index$/));
    assert.throws(() => simpleIndexForm(null), refused(/has no Content-Type/));
    // The body is never sniffed: JSON served as HTML is an HTML page without links.
    assert.throws(() => readSimpleIndex('{"files":[]}', 'text/html', 'acme-tools'), refused(/no links/));
    assert.throws(() => readSimpleIndex('<html></html>', 'application/vnd.pypi.simple.v1+json', 'acme-tools'), refused(/^it is not JSON$/));
  });

  it('asks for JSON first, then HTML, weighted as the issue and PEP 691 describe', () => {
    assert.equal(SIMPLE_INDEX_ACCEPT, 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01');
  });

  it('reads versions from file names as pip does (wheel names, sdists with dashes, archive types pip installs)', () => {
    const cases: [string, string | undefined][] = [
      ['acme_tools-1.0-py3-none-any.whl', '1.0'],
      ['Acme_Tools-1.0-1-cp312-cp312-manylinux_2_17_x86_64.whl', '1.0'],
      ['acme_tools-1.0-none-any.whl', undefined],
      ['acme-tools-1.0.tar.gz', '1.0'],
      ['Acme.Tools-1.0rc1.TAR.GZ', '1.0rc1'],
      ['acme-tools-1.0-1.zip', '1.0-1'],
      ['acme-tools-1.0+local.7.tar.bz2', '1.0+local.7'],
      ['acme-tools-1.0.tgz', '1.0'],
      ['acme-tools-1.0.egg', undefined],
      ['acme-tools-1.0.win32.exe', undefined],
      ['acme-tools-.tar.gz', undefined],
      ['acme-1.0.tar.gz', undefined],
      ['other_tools-1.0-py3-none-any.whl', undefined],
    ];
    for (const [filename, version] of cases) assert.equal(versionFromFilename(filename, 'acme-tools'), version, filename);
  });
});
