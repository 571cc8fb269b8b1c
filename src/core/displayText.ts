// What a string from the CodeArtifact API or a manifest looks like once it reaches the UI. One policy, applied
// where server data becomes UI text (tree labels, messages, status bar, quick picks, log lines, Markdown):
//   - line breaks and tabs (CR, LF, CRLF, TAB, VT, FF, NEL, U+2028/2029) become one space, so that nothing
//     can start a fake log line or a second line in a label;
//   - every other control, format or invisible character (C0/C1 controls incl. ESC and NUL, bidi overrides and
//     isolates, zero-width characters, BOM, lone surrogates, Hangul fillers) is shown as `\u{XXXX}`, so that
//     ANSI sequences cannot colour or link anything and "Trojan source" reordering is visible;
//   - nothing is normalised: a Cyrillic `а` in `lodаsh` stays what it is (see `describeNonAscii`);
//   - text is cut to a length with `…`, never inside a `\u{…}` escape or a surrogate pair.
// Pure: no vscode.

/** Lengths (in code points) for each kind of UI text. */
export const DISPLAY_LIMITS = {
  /** Tree labels, quick-pick labels, code lens titles, status bar parts. */
  label: 256,
  /** Tree and quick-pick descriptions. */
  description: 256,
  /** One field inside a hover or tooltip. */
  hoverField: 200,
  /** One field in Markdown that is not a hover (tooltips of detail, the version-details document). */
  markdownField: 1000,
  /** Notifications, diagnostics, error messages. */
  message: 1000,
  /** One log line. */
  log: 8000,
} as const;

const LINE_BREAKS = /(?:\r\n|[\n\r\t\v\f\u0085\u2028\u2029])+/g;
// Cc: controls; Cf: format (bidi, zero-width, BOM, tags, soft hyphen); Cs: lone surrogates; plus letters and
// marks that render as nothing (Hangul fillers, the combining grapheme joiner, Mongolian variation selectors).
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\u115F\u1160\u3164\uFFA0]|\u034F|\u17B4|\u17B5|\u180B|\u180C|\u180D/gu;

function codePointEscape(ch: string): string {
  return `\\u{${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}}`;
}

/** Line breaks to spaces, invisible and control characters to `\u{XXXX}`. Idempotent. */
export function neutralize(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(INVISIBLE, codePointEscape);
}

/** Like `neutralize`, but keeps line breaks (normalised to LF) and tabs: for multi-line text shown as source. */
export function neutralizeLines(text: string): string {
  return text
    .replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')
    .replace(INVISIBLE, (ch) => (ch === '\n' || ch === '\t' ? ch : codePointEscape(ch)));
}

const TOKEN = /\\u\{[0-9A-F]{4,6}\}|[\s\S]/gu;

/** At most `max` code points (an escape counts as its length), ending in `…` when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let used = 0;
  let cut = -1; // where the text ends if it turns out to be too long: room for the ellipsis
  for (const m of text.matchAll(TOKEN)) {
    used += m[0].length > 2 ? m[0].length : 1; // a surrogate pair is one code point
    if (cut < 0 && used > max - 1) cut = m.index;
    if (used > max) return `${text.slice(0, cut)}…`;
  }
  return text;
}

/** The one entry point for plain UI text: neutralised, then cut to `max` code points. */
export function displayText(text: string, max: number = DISPLAY_LIMITS.label): string {
  return truncate(neutralize(text), max);
}

// VS Code's own icon syntax: ThemeIcon.iconNameExpression and iconModifierExpression.
const ICON = /\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g;

/**
 * For surfaces that render `$(name)` as an icon (status bar text, quick-pick items, code lens titles):
 * `\$(name)` is VS Code's escape (renderLabelWithIcons shows it as the literal `$(name)`).
 */
export function escapeIcons(text: string): string {
  return text.replace(ICON, '\\$&');
}

/** `displayText` for surfaces that render icons. */
export function iconSafeText(text: string, max: number = DISPLAY_LIMITS.label): string {
  return escapeIcons(displayText(text, max));
}

/**
 * For notifications and diagnostics. Notifications turn `[label](command:…)` into a clickable link, so `](`
 * becomes `] (` (VS Code's linked-text syntax needs them adjacent).
 */
export function messageText(text: string, max: number = DISPLAY_LIMITS.message): string {
  return truncate(neutralize(text).replace(/\]\(/g, '] ('), max);
}

/** One log line: no ANSI, no forged lines. */
export function logText(text: string): string {
  return displayText(text, DISPLAY_LIMITS.log);
}

/** The methods of VS Code's LogOutputChannel that take a line of text. */
const LOG_METHODS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']);

/**
 * Wraps a log channel (structurally, so that tests need no vscode) so that every string it is given, and every
 * Error's message, is neutralised before it is written.
 */
export function neutralizingLog<T extends object>(channel: T): T {
  const clean = (v: unknown): unknown => (typeof v === 'string' ? logText(v) : v instanceof Error ? logText(`${v.name}: ${v.message}`) : v);
  // The proxy's own target is an empty object: VS Code hands out frozen channels, and a proxy of a frozen
  // object may not return anything but the original functions.
  return new Proxy({} as T, {
    get(_empty, prop) {
      const value: unknown = Reflect.get(channel, prop, channel);
      if (typeof value !== 'function') return value;
      const fn = value as (...args: unknown[]) => unknown;
      if (typeof prop === 'string' && LOG_METHODS.has(prop)) return (...args: unknown[]) => fn.apply(channel, args.map(clean));
      return fn.bind(channel);
    },
  });
}

const SCRIPTS = ['Cyrillic', 'Greek', 'Armenian', 'Cherokee', 'Coptic', 'Georgian', 'Hebrew', 'Arabic', 'Han', 'Latin'] as const;
const SCRIPT_TESTS = SCRIPTS.map((s) => [s, new RegExp(`^\\p{Script=${s}}$`, 'u')] as const);

function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const hex = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  const kinds: string[] = [];
  if (cp >= 0xff01 && cp <= 0xff5e) kinds.push('fullwidth');
  const script = SCRIPT_TESTS.find(([, re]) => re.test(ch))?.[0];
  if (script) kinds.push(script === 'Latin' ? 'non-ASCII Latin' : script);
  const shown = neutralize(ch) === ch ? ch : codePointEscape(ch);
  return `${shown} (${[hex, ...kinds].join(', ')})`;
}

/**
 * The distinct non-ASCII characters of a name (at most `limit`), described for people: `а (U+0430, Cyrillic)`.
 * Package names on npm, PyPI and Maven are ASCII, so any of these may be a look-alike of a real package.
 */
export function describeNonAscii(name: string, limit = 5): string[] {
  const seen = new Set<string>();
  for (const ch of name) {
    if ((ch.codePointAt(0) ?? 0) < 0x80 || seen.has(ch)) continue;
    seen.add(ch);
    if (seen.size >= limit) break;
  }
  return [...seen].map(describeChar);
}

/** A tree item's label and description as shown: neutralised and cut (tree items do not render icons). */
export function displayLabels<T extends { label: string; description?: string }>(view: T): T {
  return {
    ...view,
    label: displayText(view.label, DISPLAY_LIMITS.label),
    ...(view.description !== undefined ? { description: displayText(view.description, DISPLAY_LIMITS.description) } : {}),
  };
}
