// The version-details webview page built from what the emulator answers, and the page's message protocol.
import assert from 'node:assert/strict';
import { ElementType, parseDocument } from 'htmlparser2';
import { parseDetailsMessage, renderVersionDetailsHtml } from '../../../src/core/versionDetailsHtml';
import { loadVersionDetails } from '../../../src/explorer/versionDetailsData';
import { OWNER, seededEmulator } from '../aws/testSeed';

type Node = ReturnType<typeof parseDocument>['children'][number];
const textOf = (nodes: Node[]): string => nodes.map((n) => (n.type === ElementType.Text ? n.data : 'children' in n ? textOf(n.children) : '')).join('');

describe('version details page', () => {
  const seeded = seededEmulator();
  const uiKit = { domain: 'acme', domainOwner: OWNER, repository: 'shared', format: 'npm' as const, namespace: 'acme', package: 'ui-kit', version: '2.1.0' };

  it('shows the summary table, licence, links, install snippet, dependencies, assets and the rendered readme', async () => {
    const api = seeded.api({ maxAttempts: 1 });
    const page = renderVersionDetailsHtml(await loadVersionDetails(api, uiKit));
    const text = textOf(parseDocument(page.body, { decodeEntities: true }).children);
    assert.match(page.body, /<h1>@acme\/ui-kit <span class="version">2\.1\.0<\/span><\/h1>/);
    assert.match(text, /UI \*components\* <script>alert\(1\)<\/script>/, 'the summary is text, HTML shown as written');
    assert.match(page.body, /<tr><th scope="row">Licenses<\/th><td>MIT<\/td><\/tr>/);
    assert.match(page.body, /<tr><th scope="row">Repository<\/th><td>acme\/shared \(account 111122223333\)<\/td><\/tr>/);
    const home = /<th scope="row">Homepage<\/th><td><a href="#" data-action="open-link" data-index="(\d+)"/.exec(page.body);
    assert.ok(home, page.body);
    assert.equal(page.links[Number(home[1])], 'https://example.com/ui-kit');
    assert.match(page.body, /<pre><code>npm i @acme\/ui-kit@2\.1\.0<\/code><\/pre><button type="button" data-action="copy-install" aria-label="Copy the install snippet">/);
    assert.match(page.body, /<h2 id="dependencies-heading">Dependencies \(3\)<\/h2>/);
    assert.match(page.body, /<code>@acme\/icons<\/code><\/td><td><code>\^1\.2\.0<\/code><\/td><td>regular<\/td><td><button type="button" data-action="reveal-dependency" data-index="1" aria-label="Reveal @acme\/icons in the CodeArtifact explorer">/);
    assert.match(page.body, /<code>package\.tgz<\/code><\/td><td>\d+(\.\d)? (B|KB)<\/td><td><dl class="hashes"><dt>SHA-256<\/dt><dd><code>[0-9a-f]{64}<\/code><\/dd>/);
    assert.match(page.body, /data-action="download" data-index="0" aria-label="Download package\.tgz"/);
    assert.match(page.body, /<div class="readme"><h3>ui-kit<\/h3>\n<p>\[click\]\(command:workbench\.action\.terminal\.new\)<\/p>\n<pre><code>nested fence\n<\/code><\/pre>/, 'the readme is rendered; its command link is text');
    assert.match(page.body, /data-action="open-markdown"/);
    assert.doesNotMatch(page.body, /<h2[^>]*>Not loaded/);
  });

  it('accepts only its own actions with a non-negative integer index from the page', () => {
    assert.deepEqual(parseDetailsMessage({ type: 'download', index: 2 }), { type: 'download', index: 2 });
    assert.deepEqual(parseDetailsMessage({ type: 'copy-install' }), { type: 'copy-install' });
    for (const bad of [null, 'download', {}, { type: 'eval' }, { type: 'open-link', index: -1 }, { type: 'open-link', index: 1.5 }, { type: 'open-link', index: '1' }, { type: 'open-link', index: Number.MAX_VALUE }, { type: '__proto__' }]) {
      assert.equal(parseDetailsMessage(bad), undefined, JSON.stringify(bad));
    }
  });
});
