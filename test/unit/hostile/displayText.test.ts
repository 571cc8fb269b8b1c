// The one display policy (src/core/displayText.ts) against the hostile corpus: controls, ANSI, bidi and
// invisible characters never reach UI text as themselves; look-alikes are kept as they are; text is bounded.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DISPLAY_LIMITS,
  describeNonAscii,
  displayLabels,
  displayText,
  escapeIcons,
  iconSafeText,
  messageText,
  neutralize,
  neutralizeLines,
  neutralizingLog,
  truncate,
} from '../../../src/core/displayText';
import { FORBIDDEN_IN_UI, HOSTILE_CORPUS, hostileString } from './corpus';
import { labelIcons } from './markdownCheck';
import { runs } from '../stress';

const codePoints = (s: string) => [...s].length;

describe('hostile input: display text policy', () => {
  it('shows no control, bidi, zero-width or invisible character as itself (corpus)', () => {
    for (const s of HOSTILE_CORPUS) {
      const out = displayText(s);
      assert.doesNotMatch(out, FORBIDDEN_IN_UI, JSON.stringify(s.slice(0, 80)));
    }
  });

  it('shows no control, bidi, zero-width or invisible character as itself (generated)', () => {
    fc.assert(
      fc.property(hostileString, (s) => {
        assert.doesNotMatch(neutralize(s), FORBIDDEN_IN_UI);
        assert.doesNotMatch(displayText(s), FORBIDDEN_IN_UI);
        assert.doesNotMatch(messageText(s), FORBIDDEN_IN_UI);
      }),
      { numRuns: runs(500) },
    );
  });

  it('makes each neutralised character visible as \\u{…}, and line breaks one space', () => {
    assert.equal(displayText('\u001b[31mred\u001b[0m'), '\\u{001B}[31mred\\u{001B}[0m');
    assert.equal(displayText('admin\u202e txt'), 'admin\\u{202E} txt');
    assert.equal(displayText('lo\u200bdash\ufeff'), 'lo\\u{200B}dash\\u{FEFF}');
    assert.equal(displayText('\u0000'), '\\u{0000}');
    assert.equal(displayText('\u009b'), '\\u{009B}');
    assert.equal(displayText('crlf\r\nInjected: line\n\nnext\ttab'), 'crlf Injected: line next tab');
    assert.equal(displayText('\ud800x'), '\\u{D800}x');
  });

  it('is idempotent, so that text neutralised twice reads the same', () => {
    fc.assert(fc.property(hostileString, (s) => neutralize(neutralize(s)) === neutralize(s)));
  });

  it('keeps look-alike letters as they are: no normalisation can make lodаsh read as lodash', () => {
    for (const name of ['lod\u0430sh', 'reαct', 'ｌｏｄａｓｈ', 'expres\u0455', 'l\u0131b', 'café', 'cafe\u0301', 'ﬁle']) assert.equal(displayText(name), name);
    assert.notEqual(displayText('lod\u0430sh'), 'lodash');
    assert.notEqual(displayText('ｌｏｄａｓｈ'), 'lodash', 'no NFKC folding');
    assert.notEqual(displayText('cafe\u0301'), 'café', 'no NFC composition either');
  });

  it('names non-ASCII characters so that a look-alike is visible', () => {
    assert.deepEqual(describeNonAscii('lod\u0430sh'), ['а (U+0430, Cyrillic)']);
    assert.deepEqual(describeNonAscii('reαct'), ['α (U+03B1, Greek)']);
    assert.deepEqual(describeNonAscii('ｌｏ'), ['ｌ (U+FF4C, fullwidth, non-ASCII Latin)', 'ｏ (U+FF4F, fullwidth, non-ASCII Latin)']);
    assert.deepEqual(describeNonAscii('lo\u200bdash'), ['\\u{200B} (U+200B)']);
    assert.deepEqual(describeNonAscii('lodash'), []);
    assert.equal(describeNonAscii('абвгдеж').length, 5, 'bounded');
  });

  it('cuts long text with an ellipsis, by code points, never inside an escape or a surrogate pair', () => {
    assert.equal(codePoints(displayText('x'.repeat(100_000))), DISPLAY_LIMITS.label);
    assert.ok(displayText('x'.repeat(100_000)).endsWith('…'));
    assert.equal(truncate('😀😀😀', 3), '😀😀😀', 'fits exactly');
    assert.equal(truncate('😀😀😀😀', 3), '😀😀…');
    assert.equal(truncate('ab\\u{202E}cd', 5), 'ab…', 'the escape is not split');
    fc.assert(
      fc.property(hostileString, fc.integer({ min: 1, max: 40 }), (s, max) => {
        const out = displayText(s, max);
        assert.ok(codePoints(out) <= max, `${codePoints(out)} > ${max}`);
        assert.doesNotMatch(out, /\\u\{[0-9A-F]{0,5}…$/, 'no half escape');
        assert.doesNotMatch(out, /[\ud800-\udbff](?![\udc00-\udfff])/, 'no half surrogate pair');
      }),
      { numRuns: runs(500) },
    );
    for (const s of HOSTILE_CORPUS) assert.ok(codePoints(displayText(s)) <= DISPLAY_LIMITS.label);
  });

  it('keeps multi-line source multi-line but still neutralised', () => {
    assert.equal(neutralizeLines('a\r\nb\rc\n\td\u202e\u001b'), 'a\nb\nc\n\td\\u{202E}\\u{001B}');
  });

  it('escapes $(icon) syntax where VS Code renders it (status bar, quick picks, code lens)', () => {
    for (const s of HOSTILE_CORPUS) assert.deepEqual(labelIcons(iconSafeText(s)), [], JSON.stringify(s.slice(0, 60)));
    fc.assert(fc.property(hostileString, (s) => labelIcons(iconSafeText(s)).length === 0));
    assert.equal(escapeIcons('$(zap) and $(sync~spin) but not $(not an icon)'), '\\$(zap) and \\$(sync~spin) but not $(not an icon)');
    // An already escaped icon stays escaped and shows its backslash: `\\$(zap)` renders as `\$(zap)`.
    assert.deepEqual(labelIcons(escapeIcons('\\$(zap)')), []);
    // The experiment that shows the check works: without escaping, icons would render.
    assert.deepEqual(labelIcons(displayText('$(zap)')), ['$(zap)']);
  });

  it('breaks notification links: `[x](command:…)` cannot become clickable in a message', () => {
    // VS Code's linked text (base/common/linkedText.ts) needs `](` adjacent.
    const LINKED_TEXT = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
    for (const s of HOSTILE_CORPUS) assert.doesNotMatch(messageText(s), LINKED_TEXT);
    fc.assert(fc.property(hostileString, (s) => !LINKED_TEXT.test(messageText(s))));
    assert.match(displayText('[x](command:evil)'), LINKED_TEXT, 'the check catches a link that is left alone');
    assert.ok(codePoints(messageText('m'.repeat(100_000))) <= DISPLAY_LIMITS.message);
  });

  it('tree labels and descriptions are neutralised and bounded, other fields untouched', () => {
    const view = displayLabels({ label: `a\u202e${'x'.repeat(5000)}`, description: 'line\nbreak\u0007', tooltip: 'kept', contextValue: 'c' });
    assert.doesNotMatch(view.label, FORBIDDEN_IN_UI);
    assert.ok(codePoints(view.label) <= DISPLAY_LIMITS.label);
    assert.equal(view.description, 'line break\\u{0007}');
    assert.equal(view.tooltip, 'kept');
    assert.equal(view.contextValue, 'c');
    assert.equal('description' in displayLabels({ label: 'x' }), false, 'no description appears from nowhere');
  });

  it('log lines: every string and Error message is neutralised before the channel sees it', () => {
    const written: unknown[][] = [];
    const channel = {
      name: 'CodeArtifact',
      info: (...args: unknown[]) => void written.push(['info', ...args]),
      warn: (...args: unknown[]) => void written.push(['warn', ...args]),
      error: (...args: unknown[]) => void written.push(['error', ...args]),
      appendLine: (...args: unknown[]) => void written.push(['appendLine', ...args]),
      show: () => void written.push(['show']),
    };
    const log = neutralizingLog(channel);
    log.info('Versions of lod\u0430sh: \u001b[31mboom\u001b[0m\r\n2025-01-01 [error] forged line', 'extra\u202e');
    log.warn(`x${'y'.repeat(100_000)}`);
    log.error(new Error('server said \u001b]8;;http://evil\u0007click'));
    log.appendLine('\u0000');
    log.show();
    assert.equal(log.name, 'CodeArtifact');
    assert.deepEqual(written[0], ['info', 'Versions of lod\u0430sh: \\u{001B}[31mboom\\u{001B}[0m 2025-01-01 [error] forged line', 'extra\\u{202E}']);
    assert.ok(codePoints(written[1]?.[1] as string) <= DISPLAY_LIMITS.log);
    assert.equal(written[2]?.[1], 'Error: server said \\u{001B}]8;;http://evil\\u{0007}click');
    assert.equal(written[3]?.[1], '\\u{0000}');
    assert.deepEqual(written[4], ['show']);
    for (const line of written.flat()) if (typeof line === 'string') assert.doesNotMatch(line, FORBIDDEN_IN_UI);
  });

  it('a frozen channel (as VS Code hands out) can be wrapped', () => {
    const lines: string[] = [];
    const frozen = Object.freeze({ info: (m: string) => void lines.push(m) });
    neutralizingLog(frozen).info('a\u202eb');
    assert.deepEqual(lines, ['a\\u{202E}b']);
  });
});
