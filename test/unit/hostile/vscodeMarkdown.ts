// Renders Markdown the way VS Code 1.139 (code-server 4.139.1) renders a hover's MarkdownString, and reports what
// the user could see and click: every link (href, title, label text, and the command and arguments a click would
// run), every HTML element and attribute that VS Code's sanitizer keeps, raw HTML, images and theme icons.
// A small reproduction, written from reading the shipped workbench (src/vs/base/browser/markdownRenderer.ts,
// iconLabels.ts, domSanitize.ts, openerService.ts), not a copy: the same `marked` (14.0.0, the version VS Code
// bundles) with the same options (defaults: gfm on, breaks off), the same renderer overrides for links, images,
// paragraphs, code and raw HTML, the same theme-icon passes before and after parsing, and the same allow-lists.
// DOMPurify itself is stood in for by a small HTML tokenizer plus those allow-lists (enough for HTML that marked
// wrote, where every `<` of text is already `&lt;`; a `<` it cannot read as a tag is reported, not guessed at).
import { Marked, Renderer, type Tokens } from 'marked';

export interface VsCodeMarkdownOptions {
  /** `isTrusted` (true or `{ enabledCommands }`): keeps `command:` links and trusted `<span>` HTML. */
  readonly isTrusted: boolean;
  /** `supportThemeIcons`: `$(name)` becomes an icon. Our hovers have it off; tree tooltips have it on. */
  readonly supportThemeIcons: boolean;
}

export interface RenderedAttribute {
  readonly name: string;
  readonly value: string;
}

export interface RenderedElement {
  readonly name: string;
  /** Attributes as the browser reads them (entities decoded). */
  readonly attributes: readonly RenderedAttribute[];
  /** Whether the sanitizer keeps the element (its content stays either way). */
  readonly survives: boolean;
  /** The attributes the sanitizer keeps. */
  readonly keptAttributes: readonly RenderedAttribute[];
}

export interface RenderedLink {
  /** The href attribute as written (before the sanitizer and VS Code's link rewriting look at it). */
  readonly href: string;
  readonly title: string;
  /** What a person reads: the link's text content. */
  readonly label: string;
  /** Elements inside the link (a label of ours has none). */
  readonly labelElements: readonly string[];
  /** Still a link after the sanitizer and VS Code's rewriting (href kept, scheme allowed, commands trusted). */
  readonly live: boolean;
  /** For `command:` links: the command id and the arguments VS Code's command opener would pass. */
  readonly command?: { readonly id: string; readonly args: readonly unknown[] };
}

export interface VsCodeRendering {
  /** The HTML VS Code hands to its sanitizer (after the theme-icon pass). */
  readonly html: string;
  readonly elements: readonly RenderedElement[];
  readonly links: readonly RenderedLink[];
  /** `src` of every image marked produced. */
  readonly images: readonly string[];
  /** Raw HTML marked found, and whether VS Code's `html` renderer kept it. */
  readonly rawHtml: readonly { readonly text: string; readonly kept: boolean }[];
  /** Theme icons that would render, as `$(name)`. */
  readonly icons: readonly string[];
  /** A `<` in the output that starts no tag this reader understands (should never happen). */
  readonly unreadable: readonly string[];
}

// iconLabels.ts: ThemeIcon.iconNameExpression / iconModifierExpression.
const ICON = '\\$\\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\\)';
/** markdownEscapeEscapedIcons: `\$(x)` gets one more backslash before parsing, so it stays `\$(x)` after it. */
const ESCAPED_ICON = new RegExp(`\\\\${ICON}`, 'g');
/** renderLabelWithIcons, run over the rendered HTML: `\$(x)` becomes the text `$(x)`, `$(x)` an icon. */
const LABEL_ICON = new RegExp(`(\\\\)?${ICON}`, 'g');

/** htmlContent.ts removeMarkdownEscapes. */
const removeMarkdownEscapes = (s: string): string => s.replace(/\\([\\`*_{}[\]()#+\-.!~])/g, '$1');
/** htmlContent.ts escapeDoubleQuotes. */
const escapeDoubleQuotes = (s: string): string => s.replace(/"/g, '&quot;');
/** strings.ts escape (code-block placeholders). */
const escapeHtml = (s: string): string => s.replace(/[<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;'));

// markdownRenderer.ts allowedMarkdownHtmlTags (domSanitize.ts basicMarkupHtmlTags + input).
const ALLOWED_TAGS = new Set(
  'a abbr b bdo blockquote br caption cite code col colgroup dd del details dfn div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i img ins kbd label li mark ol p pre q rp rt ruby s samp small source span strike strong sub summary sup table tbody td tfoot th thead time tr tt u ul var video wbr input'.split(' '),
);
// markdownRenderer.ts allowedMarkdownHtmlAttributes; `style` and `class` only on spans, by pattern.
const ALLOWED_ATTRIBUTES = new Set(
  'align autoplay alt colspan controls draggable height href loop muted playsinline poster rowspan src target title type width start checked disabled value data-code data-href data-severity'.split(' '),
);
const SPAN_STYLE = /^(color:(#[0-9a-fA-F]+|var\(--vscode(-[a-zA-Z0-9]+)+\));)?(background-color:(#[0-9a-fA-F]+|var\(--vscode(-[a-zA-Z0-9]+)+\));)?(display:inline-block;)?(border-radius:[0-9]+px;)?$/;
const SPAN_CLASS = /^codicon codicon-[a-z-]+( codicon-modifier-[a-z-]+)?$/;
/** network.ts Schemas allowed for links (getDomSanitizerConfig); `command` only when trusted. */
const LINK_SCHEMES = ['http', 'https', 'mailto', 'file', 'vscode-file', 'vscode-remote', 'vscode-remote-resource', 'vscode-notebook-cell', 'private'];
/** Elements whose content DOMPurify drops along with them. */
const DROPPED_WITH_CONTENT = new Set(['script', 'style', 'template', 'noscript', 'noembed', 'noframes', 'iframe', 'xmp', 'title', 'textarea', 'select', 'option', 'svg', 'math']);

function keepAttribute(element: string, attr: RenderedAttribute, trusted: boolean): boolean {
  const name = attr.name.toLowerCase();
  if (name === 'style') return element === 'span' && SPAN_STYLE.test(attr.value);
  if (name === 'class') return element === 'span' && SPAN_CLASS.test(attr.value);
  if (!ALLOWED_ATTRIBUTES.has(name)) return false;
  if (name === 'href' && element === 'a') return attr.value.startsWith('#') || schemeAllowed(attr.value, trusted);
  return true;
}

/** domSanitize.ts: the href's protocol, read by `new URL(href, 'vscode-relative-path://')`, must be allowed. */
function schemeAllowed(href: string, trusted: boolean): boolean {
  try {
    const protocol = new URL(href, 'vscode-relative-path://').protocol.replace(/:$/, '');
    return LINK_SCHEMES.includes(protocol) || (trusted && protocol === 'command');
  } catch {
    return false;
  }
}

/** The browser's reading of text and attribute values: numeric and the common named entities. */
function decodeEntities(s: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
  return s.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|amp|lt|gt|quot|apos|nbsp);/g, (m, e: string) => {
    if (e.startsWith('#')) {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
    }
    return named[e] ?? m;
  });
}

// uri.ts percentDecode: every run of %XX decoded, gracefully (a bad sequence stays as it is).
function percentDecode(s: string): string {
  const graceful = (str: string): string => {
    try {
      return decodeURIComponent(str);
    } catch {
      return str.length > 3 ? str.slice(0, 3) + graceful(str.slice(3)) : str;
    }
  };
  return s.replace(/(%[0-9A-Za-z][0-9A-Za-z])+/g, graceful);
}

/** What VS Code's command opener does with a `command:` href: `URI.parse`, then its path and query. */
export function commandOf(href: string): { id: string; args: unknown[] } | undefined {
  const m = /^(([^:/?#]+?):)?(\/\/([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?/.exec(href);
  if (!m || m[2]?.toLowerCase() !== 'command') return undefined;
  const id = percentDecode(m[5] ?? '');
  const query = percentDecode(m[7] ?? '');
  // openerService.ts CommandOpener: parse(decodeURIComponent(query)), else parse(query), else no arguments.
  let args: unknown = [];
  try {
    args = JSON.parse(decodeURIComponent(query));
  } catch {
    try {
      args = JSON.parse(query);
    } catch {
      // no arguments
    }
  }
  return { id, args: Array.isArray(args) ? (args as unknown[]) : [args] };
}

interface Tag {
  readonly name: string;
  readonly end: boolean;
  readonly attributes: RenderedAttribute[];
}

type HtmlToken = { kind: 'text'; text: string } | ({ kind: 'tag' } & Tag) | { kind: 'unreadable'; text: string };

/** Tokenizes HTML as the browser would for these inputs: tags, comments, text. */
function tokenize(html: string): HtmlToken[] {
  const out: HtmlToken[] = [];
  let i = 0;
  let text = '';
  const flush = () => {
    if (text) out.push({ kind: 'text', text: decodeEntities(text) });
    text = '';
  };
  while (i < html.length) {
    const c = html[i] ?? '';
    if (c !== '<') {
      text += c;
      i++;
      continue;
    }
    const rest = html.slice(i);
    if (rest.startsWith('<!--')) {
      const close = rest.indexOf('-->', 4);
      flush();
      out.push({ kind: 'unreadable', text: rest.slice(0, close < 0 ? 40 : close + 3) });
      i += close < 0 ? rest.length : close + 3;
      continue;
    }
    const start = /^<(\/)?([A-Za-z][^\s/>]*)/.exec(rest);
    if (!start) {
      if (/^<[!?/]/.test(rest)) {
        // Bogus comment in HTML: up to the next `>`.
        const close = rest.indexOf('>');
        flush();
        out.push({ kind: 'unreadable', text: rest.slice(0, close < 0 ? 40 : close + 1) });
        i += close < 0 ? rest.length : close + 1;
      } else {
        text += c;
        i++;
      }
      continue;
    }
    // Attributes: name, optionally `=` and a quoted or unquoted value, until `>`.
    let j = start[0].length;
    const attributes: RenderedAttribute[] = [];
    let closed = false;
    while (j < rest.length) {
      const ws = /^[\s/]+/.exec(rest.slice(j));
      if (ws) j += ws[0].length;
      if (rest[j] === '>') {
        closed = true;
        j++;
        break;
      }
      const attr = /^([^\s/>=][^\s/>=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/.exec(rest.slice(j));
      if (!attr) break;
      attributes.push({ name: (attr[1] ?? '').toLowerCase(), value: decodeEntities(attr[2] ?? attr[3] ?? attr[4] ?? '') });
      j += attr[0].length;
    }
    flush();
    if (!closed) {
      // End of input inside a tag: the browser drops it; report it.
      out.push({ kind: 'unreadable', text: rest.slice(0, 80) });
      break;
    }
    out.push({ kind: 'tag', name: (start[2] ?? '').toLowerCase(), end: start[1] === '/', attributes });
    i += j;
  }
  flush();
  return out;
}

/** Renders `markdown` as VS Code's renderMarkdown does for a hover, and reads the result back. */
export function renderVsCodeMarkdown(markdown: string, options: VsCodeMarkdownOptions): VsCodeRendering {
  const images: string[] = [];
  const rawHtml: { text: string; kept: boolean }[] = [];

  const renderer = new Renderer();
  renderer.link = ({ href, title, tokens }: Tokens.Link): string => {
    let text = renderer.parser.parseInline(tokens);
    if (typeof href !== 'string') return '';
    if (href === text) text = removeMarkdownEscapes(text); // raw link case
    const shownTitle = typeof title === 'string' ? escapeDoubleQuotes(removeMarkdownEscapes(title)) : '';
    const target = removeMarkdownEscapes(href);
    const isCommand = target.startsWith('command:');
    const encoded = target.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
    return `<a href="${encoded}" title="${shownTitle || (isCommand ? '' : encoded)}" draggable="false">${text}</a>`;
  };
  renderer.image = ({ href, title, text }: Tokens.Image): string => {
    images.push(href);
    const attributes = [`src="${escapeDoubleQuotes(href.split('|')[0]?.trim() ?? '')}"`];
    if (text) attributes.push(`alt="${escapeDoubleQuotes(text)}"`);
    if (title) attributes.push(`title="${escapeDoubleQuotes(title)}"`);
    return `<img ${attributes.join(' ')}>`;
  };
  renderer.paragraph = ({ tokens }: Tokens.Paragraph): string => `<p>${renderer.parser.parseInline(tokens)}</p>`;
  // The hover service's code-block renderer: a placeholder filled with highlighted code later.
  let codeId = 0;
  renderer.code = ({ text }: Tokens.Code): string => `<div class="code" data-code="id#${++codeId}">${escapeHtml(text)}</div>`;
  // supportHtml is off: raw HTML is dropped, except `<span …>`/`</span>` when the Markdown is trusted.
  renderer.html = ({ text }: Tokens.HTML | Tokens.Tag): string => {
    const kept = options.isTrusted && /^(<span[^>]+>)|(<\/\s*span>)$/.test(text);
    rawHtml.push({ text, kept });
    return kept ? text : '';
  };

  let value = markdown.length > 100_000 ? `${markdown.slice(0, 100_000)}…` : markdown;
  if (options.supportThemeIcons) value = value.replace(ESCAPED_ICON, (m) => `\\${m}`);
  let html = new Marked().parse(value, { renderer, async: false });

  const icons: string[] = [];
  if (options.supportThemeIcons) {
    html = html.replace(LABEL_ICON, (_m, escaped: string | undefined, name: string) => {
      if (escaped) return `$(${name})`;
      icons.push(`$(${name})`);
      const [id, modifier] = name.split('~');
      return `<span class="codicon codicon-${id}${modifier ? ` codicon-modifier-${modifier}` : ''}"></span>`;
    });
  }

  const elements: RenderedElement[] = [];
  const links: RenderedLink[] = [];
  const unreadable: string[] = [];
  // Open links being read, with their text and inner elements so far; depth of dropped-with-content elements.
  const open: { attributes: RenderedAttribute[]; survives: boolean; label: string; inner: string[] }[] = [];
  let dropping = 0;
  for (const t of tokenize(html)) {
    if (t.kind === 'unreadable') {
      unreadable.push(t.text);
      continue;
    }
    if (t.kind === 'text') {
      if (dropping === 0) for (const l of open) l.label += t.text;
      continue;
    }
    if (t.end) {
      if (DROPPED_WITH_CONTENT.has(t.name)) dropping = Math.max(0, dropping - 1);
      if (t.name === 'a') {
        const l = open.pop();
        if (l) links.push(linkOf(l, options.isTrusted));
      }
      continue;
    }
    const survives = ALLOWED_TAGS.has(t.name);
    elements.push({ name: t.name, attributes: t.attributes, survives, keptAttributes: survives ? t.attributes.filter((a) => keepAttribute(t.name, a, options.isTrusted)) : [] });
    if (DROPPED_WITH_CONTENT.has(t.name)) dropping++;
    for (const l of open) l.inner.push(t.name);
    if (t.name === 'a') open.push({ attributes: t.attributes, survives, label: '', inner: [] });
  }
  // Unclosed links: the browser closes them at the end.
  while (open.length > 0) {
    const l = open.pop();
    if (l) links.push(linkOf(l, options.isTrusted));
  }
  return { html, elements, links, images, rawHtml, icons, unreadable };
}

function linkOf(l: { attributes: RenderedAttribute[]; survives: boolean; label: string; inner: string[] }, trusted: boolean): RenderedLink {
  const attr = (name: string) => l.attributes.find((a) => a.name === name)?.value;
  const href = attr('href') ?? '';
  const hrefKept = l.survives && attr('href') !== undefined && keepAttribute('a', { name: 'href', value: href }, trusted);
  // markdownRenderer.ts rewriteRenderedLinks: drops links without href, to data:/javascript:, untrusted commands.
  const live = hrefKept && href !== '' && !/^data:|javascript:/i.test(href) && !(/^command:/i.test(href) && !trusted) && !/^command:(\/\/\/)?_workbench\.downloadResource/i.test(href);
  const command = commandOf(href);
  return { href, title: attr('title') ?? '', label: l.label, labelElements: l.inner, live, ...(command ? { command } : {}) };
}
