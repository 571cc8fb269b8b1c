// Escaping for Markdown built from API data (package names, summaries, licenses): nothing a server sends may
// become a link, an image, HTML or a command. Used by tooltips and the version-details document.

/**
 * Escapes what could make text into a link, image, HTML, code or emphasis (and table pipes); newlines become
 * spaces so that text stays inline. Dots and dashes mid-line stay as they are so that the source reads well.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]|~!]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // Block markers count only at the start and before a space: `# x`, `- x`, `1. x`.
    .replace(/^(\s*)(#{1,6}|[+-]|\d+[.)])(?=\s|$)/, (_m, space: string, lead: string) =>
      /^\d/.test(lead) ? `${space}${lead.slice(0, -1)}\\${lead.slice(-1)}` : `${space}\\${lead}`,
    );
}

/** Text in an inline code span, with a fence longer than any backtick run inside it. */
export function inlineCode(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced block that no content can close early (readmes are shown as source, never rendered). */
export function fencedBlock(text: string, language = ''): string {
  const longest = Math.max(2, ...(text.match(/`{3,}|~{3,}/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text.replace(/\r\n/g, '\n')}\n${fence}`;
}

/** A link only for http(s) URLs, with characters that could end the link target percent-encoded. */
export function safeLink(label: string, url: string | undefined): string {
  if (!url) return escapeMarkdown(label);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return escapeMarkdown(label);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return escapeMarkdown(label);
  parsed.username = '';
  parsed.password = '';
  const target = parsed.toString().replace(/[()<> "'\\[\]`|]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
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
