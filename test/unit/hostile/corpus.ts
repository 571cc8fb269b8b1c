// Hostile strings as a CodeArtifact server (or a manifest someone sends a pull request with) could hold them:
// terminal escapes, controls, "Trojan source" bidi characters, invisible characters, look-alike letters,
// Markdown/HTML/command-link injection, theme-icon syntax, path tricks and very long text. Deterministic, plus
// fast-check arbitraries that mix these pieces with ordinary text.
import fc from 'fast-check';

/** Pieces that each try one trick; the arbitraries glue them together. */
export const HOSTILE_PIECES: readonly string[] = [
  // ANSI / VT: colour, clear screen, OSC 8 hyperlink, OSC title, CSI via C1.
  '\u001b[31mred\u001b[0m',
  '\u001b[2J\u001b[H',
  '\u001b]8;;http://evil.example/\u0007click\u001b]8;;\u0007',
  '\u001b]0;title\u001b\\',
  '\u009b31m',
  // C0 / C1 controls, NUL, DEL, backspace over text.
  '\u0000',
  'a\u0008\u0008b',
  '\u0007\u000b\u000c\u007f',
  '\u0085\u0080\u009f',
  // Bidi overrides and isolates (Trojan source), marks.
  'admin\u202e\u2066// not admin\u2069\u2066',
  '\u202atxt\u202c\u202bx\u202c\u202dy\u202c',
  '\u2067\u2068\u200e\u200f\u061c',
  // Zero-width and invisible.
  'lo\u200bdash',
  '\ufeffbom',
  'a\u200c\u200db\u2060c\u00adz',
  '\u3164\u115f\u034f',
  '\u{e0041}tag',
  // Look-alikes: Cyrillic а, Greek ο, fullwidth, dotless i.
  'lod\u0430sh',
  'reαct',
  'ｌｏｄａｓｈ',
  'expres\u0455',
  'l\u0131b',
  // Markdown and HTML injection.
  '[x](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%5Cn%22%7D)',
  '[ok](command:codeartifact.updateDependency?%5B%5D)',
  '![img](http://evil.example/pixel.png)',
  '<img src=x onerror=alert(1)>',
  '<a href="command:workbench.action.openSettings">settings</a>',
  '<script>alert(1)</script>',
  '<http://evil.example/auto>',
  '<mailto:x@evil.example>',
  'http://evil.example/raw',
  'https://evil.example/raw?q=1',
  '//evil.example/path',
  'www.evil.example',
  'user@evil.example',
  'mail user@evil.com now',
  '[ref]: http://evil.example/ref',
  '[ref]',
  '$(zap) $(sync~spin) $(alert)',
  '\\$(zap)',
  '`code` ``double`` ```fence```',
  '```\n# heading\n```',
  '| a | b |\n|---|---|\n| c | d |',
  '# heading',
  '1. list',
  '- item',
  '> quote',
  '---',
  '***bold***',
  '&lt;img src=x&gt;',
  '&#60;script&#62;',
  '\\',
  '\\\\[',
  // Names with path and URL tricks, whitespace and line breaks.
  '../../etc/passwd',
  '..',
  'a%2fb%2F..%2e',
  '@scope/name',
  'with space',
  'line1\nline2',
  'crlf\r\nInjected: log line',
  'tab\there',
  'para\u2028sep\u2029end',
  // Lone surrogates.
  '\ud800x\udc00',
];

/** Very long text: one line of 100k characters, and long runs of escapes. */
export const LONG_STRINGS: readonly string[] = [
  'x'.repeat(100_000),
  '\u202e'.repeat(50_000),
  '$(zap)'.repeat(20_000),
  '[a](command:x)'.repeat(8_000),
  `${'a'.repeat(99_990)}\u001b[31m`,
];

/** Every deterministic hostile string: each piece, the long ones, and every piece appended to a plain name. */
export const HOSTILE_CORPUS: readonly string[] = [...HOSTILE_PIECES, ...LONG_STRINGS, ...HOSTILE_PIECES.map((p) => `lodash${p}`), HOSTILE_PIECES.join('')];

/** Printable ASCII, one character at a time. */
const printable = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));

/** Any UTF-16 code unit, controls and lone surrogates included. */
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** A hostile string: pieces of the corpus mixed with printable text and arbitrary code units. */
export const hostileString: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOSTILE_PIECES) }, { weight: 2, arbitrary: fc.string({ unit: printable, maxLength: 12 }) }, { weight: 1, arbitrary: fc.string({ unit: anyUnit, maxLength: 6 }) }), { maxLength: 8 })
  .map((parts) => parts.join(''));

/** Printable ASCII text only (for faithfulness: what goes in must be what a person reads). */
export const printableString: fc.Arbitrary<string> = fc
  .array(fc.oneof(fc.constantFrom('[', ']', '(', ')', '<', '>', '!', '`', '*', '_', '|', '#', '\\', '&', '$(zap)', 'http://x.example', 'www.x.example', 'a@b.example', '//'), fc.string({ unit: printable, maxLength: 8 })), { maxLength: 10 })
  .map((parts) => parts.join(''));

/** Characters that must never reach a UI string as themselves. */
export const FORBIDDEN_IN_UI = /[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029\u3164\u115F]|\u034F/u;
