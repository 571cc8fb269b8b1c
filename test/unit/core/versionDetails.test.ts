import assert from 'node:assert/strict';
import { escapeMarkdown, fencedBlock, formatBytes, inlineCode, safeLink } from '../../../src/core/markdown';
import { PagedList } from '../../../src/core/pagination';
import { renderVersionDetails } from '../../../src/core/versionDetails';

describe('markdown escaping', () => {
  it('neutralises links, images, HTML and emphasis', () => {
    const out = escapeMarkdown('[x](command:evil) ![i](http://t) <img src=x> *b* _i_ `c`');
    assert.doesNotMatch(out, /[^\\]\[|<img|[^\\]\*/);
    assert.match(out, /&lt;img/);
  });
  it('escapes block markers only at the start, and table pipes everywhere', () => {
    assert.equal(escapeMarkdown('# x'), '\\# x');
    assert.equal(escapeMarkdown('1. x'), '1\\. x');
    assert.equal(escapeMarkdown('2.1.0'), '2.1.0');
    assert.equal(escapeMarkdown('- a-b.c'), '\\- a-b.c');
    assert.equal(escapeMarkdown('a|b'), 'a\\|b');
  });
  it('keeps text on one line', () => {
    assert.equal(escapeMarkdown('a\nb\r\nc'), 'a b c');
  });
  it('text with backticks is shown escaped rather than in a code span (marked pairs backticks one by one)', () => {
    assert.equal(inlineCode('a`b'), 'a&#96;b');
    assert.equal(inlineCode('`x`'), '&#96;x&#96;');
    assert.equal(inlineCode('a.b'), '`a.b`');
    assert.equal(inlineCode(''), '` `');
  });
  it('a fence cannot be closed by its content', () => {
    const block = fencedBlock('```\n````\nend');
    const fence = block.split('\n')[0] ?? '';
    assert.equal(fence, '`````');
    assert.ok(block.endsWith('\n`````'));
  });
  it('links only to http(s), with no userinfo and no characters that end the target', () => {
    assert.equal(safeLink('home', 'javascript:alert(1)'), 'home');
    assert.equal(safeLink('cmd', 'command:workbench.action.terminal.new'), 'cmd');
    assert.equal(safeLink('h', 'https://u:p@example.com/a b)c'), '[h](https://example.com/a%20b%29c)');
  });
  it('sizes', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(1536), '1.5 KB');
    assert.equal(formatBytes(5 * 1024 * 1024), '5.0 MB');
    assert.equal(formatBytes(undefined), 'unknown size');
  });
});

describe('version details document', () => {
  const doc = renderVersionDetails({
    domain: 'acme',
    domainOwner: '111122223333',
    repository: 'shared',
    format: 'npm',
    namespace: 'acme',
    package: 'ui-kit',
    version: '2.1.0',
    details: {
      displayName: '@acme/ui-kit',
      summary: 'UI <b>kit</b> [x](command:evil)',
      homePage: 'https://example.com/ui',
      sourceCodeRepository: 'javascript:alert(1)',
      publishedTime: new Date('2025-06-01T10:00:00Z'),
      licenses: [{ name: 'MIT', url: 'https://opensource.org/licenses/MIT' }],
      status: 'Published',
      origin: { type: 'EXTERNAL', externalConnectionName: 'public:npmjs' },
    },
    assets: [{ name: 'package.tgz', size: 2048, hashes: { MD5: 'm', 'SHA-256': 'abc' } }],
    readme: '# Title\n<script>x</script>\n```\ncode\n```',
    problems: [],
  });

  it('has the facts people come for', () => {
    assert.match(doc, /^# @acme\/ui-kit 2\.1\.0$/m);
    assert.match(doc, /\| Published \| 2025-06-01 10:00:00Z \|/);
    assert.match(doc, /\| Origin \| via public:npmjs \|/);
    assert.match(doc, /\[MIT\]\(https:\/\/opensource\.org\/licenses\/MIT\)/);
    assert.match(doc, /npm i @acme\/ui-kit@2\.1\.0/);
    assert.match(doc, /- `package\.tgz` — 2\.0 KB\n {2}- SHA-256: `abc`\n {2}- MD5: `m`/);
  });
  it('injects nothing from the API', () => {
    assert.doesNotMatch(doc, /<b>|(?<!\\)\]\(command:|\]\(javascript:/);
    assert.match(doc, /UI &lt;b&gt;kit&lt;\/b&gt; &#91;x\\\]\(command:evil\)/, 'shown as text');
    assert.match(doc, /\| Source \| javascript:alert\(1\) \|/);
    // The readme sits inside a fence longer than any it contains.
    const readme = doc.slice(doc.indexOf('## Readme'));
    assert.match(readme, /^````markdown\n# Title\n<script>x<\/script>\n```\ncode\n```\n````$/m);
  });
  it('lists what could not be loaded', () => {
    const partial = renderVersionDetails({ domain: 'd', domainOwner: '', repository: 'r', format: 'pypi', package: 'p', version: '1', problems: ['Details: Access denied'] });
    assert.match(partial, /## Not loaded\n\n- Details: Access denied/);
    assert.match(partial, /pip install p==1/);
  });
});

describe('PagedList', () => {
  const pages: Record<string, { items: number[]; nextToken?: string }> = { first: { items: [1, 2], nextToken: 't2' }, t2: { items: [3], nextToken: 't3' }, t3: { items: [4] } };
  it('loads the first page once and later pages on demand, following tokens', async () => {
    const calls: (string | undefined)[] = [];
    const list = new PagedList<number>(async (t) => {
      calls.push(t);
      return pages[t ?? 'first'] ?? { items: [] };
    });
    await Promise.all([list.ensureFirstPage(), list.ensureFirstPage()]);
    assert.deepEqual(list.items, [1, 2]);
    assert.equal(list.hasMore, true);
    assert.equal(await list.loadMore(), 1);
    assert.equal(await list.loadMore(), 1);
    assert.equal(await list.loadMore(), 0);
    assert.deepEqual(list.items, [1, 2, 3, 4]);
    assert.deepEqual(calls, [undefined, 't2', 't3']);
  });
  it('two clicks on Load more fetch the next page once', async () => {
    let calls = 0;
    const list = new PagedList<number>(async (t) => {
      calls++;
      await new Promise((r) => setTimeout(r, 10));
      return pages[t ?? 'first'] ?? { items: [] };
    });
    await list.ensureFirstPage();
    await Promise.all([list.loadMore(), list.loadMore()]);
    assert.equal(calls, 2);
    assert.deepEqual(list.items, [1, 2, 3]);
  });
  it('a failed first page can be retried; a failed later page keeps its token', async () => {
    let fail = true;
    const list = new PagedList<number>(async (t) => {
      if (fail) throw new Error('boom');
      return pages[t ?? 'first'] ?? { items: [] };
    });
    await assert.rejects(list.ensureFirstPage(), /boom/);
    fail = false;
    await list.ensureFirstPage();
    assert.deepEqual(list.items, [1, 2]);
    fail = true;
    await assert.rejects(list.loadMore(), /boom/);
    fail = false;
    await list.loadMore();
    assert.deepEqual(list.items, [1, 2, 3]);
  });
});
