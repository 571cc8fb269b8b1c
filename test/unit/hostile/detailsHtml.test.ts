// The version-details webview page fed the hostile corpus (every field, readme included): parsed with a real HTML
// parser (htmlparser2), it must hold only our elements and attributes, links only as `open-link` actions whose URL
// is an http(s) URL the extension keeps, and no control, bidi or invisible character as itself.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ElementType, parseDocument } from 'htmlparser2';
import { displayText } from '../../../src/core/displayText';
import type { VersionDetailsInput } from '../../../src/core/versionDetails';
import { DETAILS_ACTIONS, renderVersionDetailsHtml } from '../../../src/core/versionDetailsHtml';
import { FORBIDDEN_IN_UI, HOSTILE_CORPUS, hostileString, LONG_STRINGS, printableString } from './corpus';
import { runs } from '../stress';

// htmlparser2's node types (from domhandler, which it bundles), named through what parseDocument returns.
type ChildNode = ReturnType<typeof parseDocument>['children'][number];
type Element = Extract<ChildNode, { attribs: unknown }>;

const TAGS = new Set(['header', 'main', 'section', 'div', 'p', 'span', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'pre', 'dl', 'dt', 'dd', 'ul', 'ol', 'li', 'a', 'button', 'em', 'strong', 's', 'blockquote', 'hr', 'br']);
/** Attributes allowed on any of our elements, then per tag. */
const ATTRIBUTES: Record<string, RegExp> = {
  '*': /^(class|id|role|aria-live|aria-hidden|aria-labelledby)$/,
  a: /^(href|data-action|data-index|title)$/,
  button: /^(type|data-action|data-index|aria-label)$/,
  th: /^(scope|style)$/,
  td: /^style$/,
  ol: /^start$/,
};

function elements(nodes: ChildNode[]): Element[] {
  return nodes.flatMap((n) => ('attribs' in n ? [n, ...elements(n.children)] : 'children' in n ? elements(n.children) : []));
}
function texts(nodes: ChildNode[]): string[] {
  return nodes.flatMap((n) => (n.type === ElementType.Text ? [n.data] : 'children' in n ? texts(n.children) : []));
}

/** What is wrong with a rendered page; empty when nothing is. */
function pageProblems(body: string, links: string[], counts: { assets: number; dependencies: number }): string[] {
  const problems: string[] = [];
  const doc = parseDocument(body, { decodeEntities: true });
  for (const el of elements(doc.children)) {
    if (!TAGS.has(el.name)) problems.push(`element <${el.name}>`);
    for (const [name, value] of Object.entries(el.attribs)) {
      if (!(ATTRIBUTES['*']?.test(name) || ATTRIBUTES[el.name]?.test(name))) problems.push(`attribute ${name} on <${el.name}>`);
      if (name === 'style' && !/^text-align:(left|right|center)$/.test(value)) problems.push(`style ${value}`);
    }
    const action = el.attribs['data-action'];
    if (action !== undefined && !(DETAILS_ACTIONS as readonly string[]).includes(action)) problems.push(`action ${action}`);
    const index = el.attribs['data-index'] === undefined ? undefined : Number(el.attribs['data-index']);
    if (el.name === 'a') {
      if (el.attribs['href'] !== '#' || action !== 'open-link') problems.push(`a link that is not ours: ${JSON.stringify(el.attribs)}`);
      const url = index === undefined ? undefined : links[index];
      if (!url || !/^https?:\/\//i.test(url)) problems.push(`link ${index} to ${url}`);
    }
    const limit = action === 'download' ? counts.assets : action === 'reveal-dependency' ? counts.dependencies : undefined;
    if (limit !== undefined && !(index !== undefined && Number.isInteger(index) && index >= 0 && index < limit)) problems.push(`${action} index ${index}`);
  }
  for (const t of texts(doc.children)) if (FORBIDDEN_IN_UI.test(t.replace(/[\n\t]/g, ''))) problems.push(`text ${JSON.stringify(t.slice(0, 60))}`);
  return problems;
}

function hostileInput(h: string): VersionDetailsInput {
  return {
    domain: h,
    domainOwner: h,
    repository: h,
    format: 'npm',
    namespace: h,
    package: h,
    version: h,
    details: { displayName: h, summary: h, homePage: h, sourceCodeRepository: h, licenses: [{ name: h, url: h }, { url: `https://x.example/${h}` }], revision: h, status: h, origin: { type: 'EXTERNAL', externalConnectionName: h } },
    assets: [{ name: h, size: 1, hashes: { [h]: h, 'SHA-256': h } }],
    dependencies: [{ namespace: h, package: h, dependencyType: h, versionRequirement: h }],
    readme: `${h}\n\n[a](${h}) [b](javascript:alert(1)) ![img](http://evil.example/${h}.png) <b onclick=x>${h}</b>\n\n\`\`\`${h}\n${h}\n\`\`\`\n`,
    problems: [h],
  };
}

describe('hostile input: the version-details webview page', () => {
  it('holds only our markup and our links for every string of the corpus, in every field and the readme', () => {
    for (const h of [...HOSTILE_CORPUS, ...LONG_STRINGS]) {
      const page = renderVersionDetailsHtml(hostileInput(h));
      assert.deepEqual(pageProblems(page.body, page.links, { assets: 1, dependencies: 1 }), [], JSON.stringify(h.slice(0, 60)));
      assert.ok(page.body.length < 2_000_000, `${page.body.length} characters for ${JSON.stringify(h.slice(0, 60))}`);
    }
  });

  it('holds for generated hostile strings too', () => {
    fc.assert(
      fc.property(hostileString, (h) => {
        const page = renderVersionDetailsHtml(hostileInput(h));
        assert.deepEqual(pageProblems(page.body, page.links, { assets: 1, dependencies: 1 }), []);
      }),
      { numRuns: runs(300) },
    );
  });

  it('a readme cannot load anything or navigate: images are alt text, raw HTML is text, script links are text', () => {
    const page = renderVersionDetailsHtml({ ...hostileInput('x'), readme: '<img src=http://evil.example/p.png><script>alert(1)</script>\n\n![pixel](http://evil.example/p.png)\n\n[js](javascript:alert(1)) [cmd](command:workbench.action.terminal.new) [web](https://ok.example/a?b="c")' });
    const readme = page.body.slice(page.body.indexOf('class="readme"'));
    assert.doesNotMatch(readme, /<(img|script|iframe|style|link)\b/i);
    assert.match(readme, /&lt;img src=http:\/\/evil\.example\/p\.png&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(readme, /\[image: pixel\]/);
    assert.match(readme, /\[js\]\(javascript:alert\(1\)\) \[cmd\]\(command:workbench\.action\.terminal\.new\)/);
    const web = /<a href="#" data-action="open-link" data-index="(\d+)"[^>]*>web<\/a>/.exec(readme);
    assert.ok(web, readme);
    assert.equal(page.links[Number(web[1])], 'https://ok.example/a?b=%22c%22');
  });

  it('shows printable text as it is (escaped, not mangled)', () => {
    fc.assert(
      fc.property(printableString, (s) => {
        const page = renderVersionDetailsHtml({ ...hostileInput('x'), details: { summary: s, licenses: [] } });
        const summary = elements(parseDocument(page.body, { decodeEntities: true }).children).find((e) => e.attribs['class'] === 'summary');
        if (displayText(s) === '') return;
        assert.equal(texts(summary?.children ?? []).join(''), displayText(s, 1000));
      }),
      { numRuns: runs(300) },
    );
  });
});
