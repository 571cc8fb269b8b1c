// Escaping for Markdown built from API data (package names, summaries, licenses): nothing a server sends may
// become a link, an image, HTML, a command or a theme icon. Used by hovers, tooltips and the version-details
// document. Control, bidi and invisible characters are neutralised first (displayText.ts), and every field is
// cut to a length so that a 100k-character name cannot make a 100k-character hover.
import { DISPLAY_LIMITS, displayText, neutralizeLines, truncate } from './displayText';

// VS Code renders `$(name)` as an icon in Markdown with supportThemeIcons (tree tooltips), after Markdown
// parsing. U+0001 cannot survive `displayText`, so it marks the `$(` to escape once the other escapes are done.
const ICON_START = /\$\((?=[A-Za-z0-9-]+(?:~[A-Za-z]+)?\))/g;
const MARK = '\u0001';

/**
 * Escapes what could make text into a link (including GFM's bare `http://…`, `www.…` and `a@b.c` autolinks),
 * an image, HTML, code, emphasis, a theme icon or a table cell; newlines become spaces so that text stays
 * inline. Dots and dashes mid-line stay as they are so that the source reads well.
 *
 * A theme-icon-like `$(name)` comes out as `\\$\(name)`: Markdown turns it into `\$(name)`, which VS Code's
 * icon pass shows as the literal `$(name)` (where icons are off, the backslash stays visible — a rare, safe cost).
 */
export function escapeMarkdown(text: string, max: number = DISPLAY_LIMITS.markdownField): string {
  return displayText(text, max)
    .replace(ICON_START, MARK)
    // A `$(name` at the very end becomes an icon if our Markdown puts a `)` right after it (`*(source)*`).
    .replace(/\$\((?=[A-Za-z0-9-]+(?:~[A-Za-z]+)?$)/, MARK)
    .replace(/[\\*_\]|~!]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    // marked also masks `[…](…)` spans while it pairs emphasis, backslashes or not: an escaped `[` here and a
    // `](…)` in the next field could hide our closing `**` the same way. As an entity the `[` starts nothing.
    .replace(/\[/g, '&#91;')
    // marked (VS Code's hovers) masks `` `…` `` spans while it pairs emphasis, and does not look at backslashes
    // there: an escaped backtick could still hide our own closing `**`, which then closed inside another field's
    // code span and left the rest of that code as live Markdown. As an entity it starts nothing.
    .replace(/`/g, '&#96;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // Autolinks: `//` (schemes and protocol-relative URLs), `www.`, and the `@` of anything e-mail-like.
    // marked (VS Code's hovers) links `www.` even right after a letter (`xwww.a.b`), and an e-mail whose domain
    // starts with `-` or `_` (`a@-b.c`), so neither may wait for a word boundary or a letter.
    .replace(/\/{2,}/g, (m) => m.replace(/\//g, '\\/'))
    .replace(/(www)\./gi, '$1\\.')
    .replace(/(?<=[A-Za-z0-9._+-])@(?=[A-Za-z0-9_-])/g, '\\@')
    // Block markers count only at the start and before a space: `# x`, `- x`, `1. x`, `---`.
    .replace(/^(\s*)(#{1,6}|[+-]|-{2,}|\d+[.)])(?=\s|$)/, (_m, space: string, lead: string) =>
      /^\d/.test(lead) ? `${space}${lead.slice(0, -1)}\\${lead.slice(-1)}` : `${space}\\${lead}`,
    )
    .replaceAll(MARK, () => '\\\\$\\(');
}

/**
 * Text in an inline code span, with a fence longer than any backtick run inside it. Backslashes do not escape
 * inside code, so a theme-icon-like `$(name)` is shown as `\$(name)`, which no renderer turns into an icon.
 */
export function inlineCode(text: string, max: number = DISPLAY_LIMITS.markdownField): string {
  const flat = displayText(text, max).replace(ICON_START, '\\$&');
  // Empty, the fences would meet as one run of two backticks and pair up with the next code span's fence,
  // turning what follows inside out (another field's code becomes Markdown). A lone space is a valid span.
  if (flat === '') return '` `';
  // marked pairs backticks one by one while it matches emphasis, so a backtick inside a code span leaves part of
  // that code where one of our `**` could close, making the rest live Markdown. Such text is shown escaped.
  if (flat.includes('`')) return escapeMarkdown(text, max);
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** The longest line and the most text a fenced block shows (readmes can be anything). */
export const FENCE_LIMITS = { line: 4000, total: 200_000 } as const;

/**
 * A fenced block that no content can close early (readmes are shown as source, never rendered). Line breaks and
 * tabs stay; other control and invisible characters are shown as `\u{…}`; long lines and long text are cut.
 */
export function fencedBlock(text: string, language = ''): string {
  let body = neutralizeLines(text)
    .split('\n')
    .map((line) => truncate(line, FENCE_LIMITS.line))
    .join('\n');
  if (body.length > FENCE_LIMITS.total) body = `${body.slice(0, FENCE_LIMITS.total).replace(/\n[^\n]*$/, '')}\n…`;
  const longest = Math.max(2, ...(body.match(/`{3,}|~{3,}/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${body}\n${fence}`;
}

/** The longest URL made into a link; longer ones are shown as text. */
const MAX_LINK_URL = 2048;

/** A link only for http(s) URLs, with characters that could end the link target percent-encoded. */
export function safeLink(label: string, url: string | undefined): string {
  if (!url || url.length > MAX_LINK_URL) return escapeMarkdown(label);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return escapeMarkdown(label);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return escapeMarkdown(label);
  parsed.username = '';
  parsed.password = '';
  // `&` only where it would read as an entity: a renderer would decode `&lt;` in a link target.
  const target = parsed
    .toString()
    .replace(/[()<> "'\\[\]`|]|&(?=#?[A-Za-z0-9]+;)/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${escapeMarkdown(label)}](${target})`;
}

/** `1.5 MB` style sizes for asset lists. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return 'unknown size';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit] ?? 'TB'}`;
}

/** ISO-like UTC time without milliseconds: stable in tests, unambiguous for people in any zone. */
export function formatTime(date: Date | undefined): string {
  if (!date || Number.isNaN(date.getTime())) return 'unknown';
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace('T', ' ');
}
