// Markdown built from hostile data, read back by a real Markdown parser: no link but the ones we make, no image,
// no HTML, no theme icon, no control character — and what a person reads is what the server sent.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DISPLAY_LIMITS, displayText } from '../../../src/core/displayText';
import { escapeMarkdown, FENCE_LIMITS, fencedBlock, inlineCode, safeLink } from '../../../src/core/markdown';
import { renderVersionDetails, type VersionDetailsInput } from '../../../src/core/versionDetails';
import { FORBIDDEN_IN_UI, HOSTILE_CORPUS, hostileString, LONG_STRINGS, printableString } from './corpus';
import { injectionProblems, inspectMarkdown, normalizeLink } from './markdownCheck';
import { runs } from '../stress';

const noLinks = () => false;

describe('hostile input: Markdown escaping', () => {
  it('the checker sees what escaping prevents (so that the tests below can fail)', () => {
    // The same strings, unescaped, are links, images, HTML and icons to the parser.
    const raw = ['[x](command:evil)', '![i](http://evil.example/p.png)', '<img src=x onerror=alert(1)>', 'http://evil.example', 'www.evil.example', 'a@evil.com', '<http://evil.example>', '$(zap)', '//evil.example/x'];
    for (const s of raw) assert.notDeepEqual(injectionProblems(s, noLinks, { themeIcons: true }), [], s);
  });

  it('escapeMarkdown: nothing in the corpus becomes a link, image, HTML or icon', () => {
    for (const s of HOSTILE_CORPUS) {
      const out = escapeMarkdown(s);
      assert.deepEqual(injectionProblems(out, noLinks, { themeIcons: true }), [], JSON.stringify(s.slice(0, 80)));
      assert.doesNotMatch(out, FORBIDDEN_IN_UI);
      assert.ok(!out.includes('\n'), 'stays inline');
    }
  });

  it('escapeMarkdown: nothing generated becomes a link, image, HTML or icon, alone or next to our Markdown', () => {
    fc.assert(
      fc.property(hostileString, hostileString, (a, b) => {
        // In the positions the extension uses it: bold, a table cell, a list item, after a heading marker.
        const doc = [`**${escapeMarkdown(a)}** ${escapeMarkdown(b)}`, '', '| x | y |', '|---|---|', `| ${escapeMarkdown(a)} | ${escapeMarkdown(b)} |`, '', `- ${escapeMarkdown(b)}`, '', `# ${escapeMarkdown(a)}`].join('\n');
        assert.deepEqual(injectionProblems(doc, noLinks, { themeIcons: true }), []);
        assert.doesNotMatch(doc.replace(/\n/g, ''), FORBIDDEN_IN_UI);
      }),
      { numRuns: runs(400) },
    );
  });

  it('escapeMarkdown: printable text reads back exactly as it was sent', () => {
    fc.assert(
      fc.property(printableString, (s) => {
        const plain = s.trim().replace(/ {2,}/g, ' ');
        // `$(name)`, and `$(name` at the very end, keep a visible backslash outside icon-rendering Markdown
        // (documented cost in core/markdown.ts).
        fc.pre(plain !== '' && !/\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?(?:\)|$)/.test(plain));
        assert.equal(inspectMarkdown(escapeMarkdown(plain)).text, plain);
      }),
      { numRuns: runs(600) },
    );
  });

  it('inlineCode: no injection, and code shows its content', () => {
    for (const s of HOSTILE_CORPUS) assert.deepEqual(injectionProblems(`x ${inlineCode(s)} y`, noLinks, { themeIcons: true }), [], JSON.stringify(s.slice(0, 80)));
    fc.assert(fc.property(hostileString, (s) => injectionProblems(`a ${inlineCode(s)} b`, noLinks, { themeIcons: true }).length === 0));
    assert.equal(inspectMarkdown(inlineCode('a`b <img> [x](y)')).text, 'a`b <img> [x](y)');
  });

  it('fencedBlock: content never escapes the fence, controls are visible, size is bounded', () => {
    for (const s of HOSTILE_CORPUS) {
      const block = fencedBlock(s, 'markdown');
      // Fences appear only in the version-details document (a text document / the Markdown preview): no icons there.
      assert.deepEqual(injectionProblems(`${block}\n\nafter`, noLinks), [], JSON.stringify(s.slice(0, 80)));
      assert.doesNotMatch(block.replace(/[\n\t]/g, ''), FORBIDDEN_IN_UI);
      assert.ok(block.split('\n').every((line) => [...line].length <= FENCE_LIMITS.line + 1));
    }
    const huge = fencedBlock(`${'line\n'.repeat(100_000)}`);
    assert.ok(huge.length < FENCE_LIMITS.total + 100, `${huge.length}`);
    assert.match(huge, /\n…\n`{3}$/);
  });

  it('safeLink: only http(s), no userinfo, nothing that ends the target; hostile labels stay text', () => {
    for (const s of HOSTILE_CORPUS) {
      for (const url of [s, `https://example.com/${s}`, `javascript:${s}`, `command:${s}`, `https://u:p@${s}.example`]) {
        const out = safeLink(s, url);
        const problems = injectionProblems(out, (href) => /^https?:\/\//.test(href) && !/@/.test(new URL(href).host) && href.length <= 2048 * 3);
        assert.deepEqual(problems, [], JSON.stringify(url.slice(0, 80)));
        const links = inspectMarkdown(out).links;
        assert.ok(links.length <= 1);
      }
    }
    assert.equal(safeLink('x', `https://example.com/${'a'.repeat(5000)}`), 'x', 'huge URLs are not linked');
  });

  it('every field is bounded, whatever its length', () => {
    for (const s of LONG_STRINGS) {
      assert.ok(escapeMarkdown(s).length <= DISPLAY_LIMITS.markdownField * 4, `${escapeMarkdown(s).length}`);
      assert.ok(inlineCode(s).length <= DISPLAY_LIMITS.markdownField * 2 + 10);
    }
  });
});

function hostileDetails(h: string, i: number): VersionDetailsInput {
  return {
    domain: h,
    domainOwner: h,
    repository: h,
    format: i % 2 ? 'npm' : 'maven',
    namespace: h,
    package: h,
    version: h,
    details: {
      displayName: h,
      summary: h,
      homePage: h,
      sourceCodeRepository: `https://example.com/${h}`,
      publishedTime: new Date(0),
      licenses: [{ name: h, url: h }, { name: h, url: `http://example.com/?q=${h}` }, { name: h }],
      revision: h,
      status: h,
      origin: { type: 'EXTERNAL', externalConnectionName: h, repositoryName: h },
    },
    assets: [{ name: h, size: 1, hashes: { [h]: h, 'SHA-256': h } }],
    readme: h,
    problems: [h, `Details: ${h}`],
  };
}

/**
 * Links the document makes on purpose: http(s) targets built by safeLink from the fields meant to be links, as
 * the renderer writes them (it percent-encodes a few more characters; it must not decode anything into a new URL).
 */
function madeLinks(v: VersionDetailsInput): Set<string> {
  const urls = [v.details?.homePage, v.details?.sourceCodeRepository, ...(v.details?.licenses.map((l) => l.url) ?? [])];
  const out = new Set<string>();
  for (const u of urls) {
    const m = u && /\]\(([^)]*)\)$/.exec(safeLink('x', u));
    if (m?.[1]) out.add(normalizeLink(m[1]));
  }
  return out;
}

describe('hostile input: the version-details document', () => {
  it('injects nothing: only its own http(s) links, no HTML, images or icons; no control characters', () => {
    HOSTILE_CORPUS.forEach((h, i) => {
      const input = hostileDetails(h, i);
      const doc = renderVersionDetails(input);
      const allowed = madeLinks(input);
      const problems = injectionProblems(doc, (href) => /^https?:\/\//.test(href) && allowed.has(href));
      assert.deepEqual(problems, [], JSON.stringify(h.slice(0, 80)));
      assert.doesNotMatch(doc.replace(/[\n\t]/g, ''), FORBIDDEN_IN_UI, JSON.stringify(h.slice(0, 80)));
    });
  });

  it('stays bounded for 100k-character fields', () => {
    for (const h of LONG_STRINGS) {
      const doc = renderVersionDetails(hostileDetails(h, 0));
      // About 25 fields of at most 1000 shown characters each, plus the readme (bounded by the fence limit).
      assert.ok(doc.length < 400_000, `${doc.length}`);
      assert.ok(doc.split('\n').every((line) => line.length < 60_000));
    }
  });

  it('generated data injects nothing either', () => {
    fc.assert(
      fc.property(hostileString, (h) => {
        const input = hostileDetails(h, 1);
        const allowed = madeLinks(input);
        assert.deepEqual(injectionProblems(renderVersionDetails(input), (href) => /^https?:\/\//.test(href) && allowed.has(href)), []);
      }),
      { numRuns: runs(200) },
    );
  });

  it('shows the look-alike name as it is', () => {
    const doc = renderVersionDetails({ ...hostileDetails('x', 1), details: undefined, package: 'lod\u0430sh', namespace: undefined, version: '1.0.0' });
    assert.match(doc, /^# lod\u0430sh 1\.0\.0$/m);
    assert.equal(displayText('lod\u0430sh'), 'lod\u0430sh');
  });
});
