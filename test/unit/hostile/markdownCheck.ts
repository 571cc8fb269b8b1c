// Reads Markdown the way a renderer does, to see what it would turn into links, images, HTML or theme icons.
// markdown-it (CommonMark + GFM tables, strikethrough, autolink literals via linkify with e-mail detection)
// stands in for VS Code's renderers: `marked` for hovers and tooltips, markdown-it for the Markdown preview.
// Raw HTML is switched ON here so that any tag that survives escaping shows up as an html token.
import { createRequire } from 'node:module';

interface Token {
  type: string;
  tag: string;
  markup: string;
  content: string;
  attrs: [string, string][] | null;
  children: Token[] | null;
}
interface MarkdownIt {
  parse(src: string, env: object): Token[];
  render(src: string): string;
  normalizeLink(url: string): string;
  linkify: {
    set(options: { fuzzyLink?: boolean; fuzzyEmail?: boolean }): void;
    add(schema: string, definition: { validate(text: string, pos: number): number; normalize(match: { url: string }): void }): void;
  };
}
type MarkdownItFactory = (options: { html: boolean; linkify: boolean }) => MarkdownIt;

// markdown-it has no bundled types; it is in node_modules (used by @vscode/vsce).
const load = createRequire(__filename);
const markdownIt = load('markdown-it') as MarkdownItFactory;
const md = markdownIt({ html: true, linkify: true });
// VS Code's renderers do not link bare `example.com` (marked needs a scheme or www.; the preview turns
// fuzzy links off); e-mail detection stays on, which is stricter than either.
md.linkify.set({ fuzzyLink: false });
// marked (hovers, tooltips) links `www.x.y` without a scheme, as GFM does; teach linkify the same.
md.linkify.add('www.', {
  validate: (text, pos) => /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*[^\s<]*/.exec(text.slice(pos))?.[0].length ?? 0,
  normalize: (match) => {
    match.url = `http://${match.url}`;
  },
});

/** A link target as the renderer writes it into the document (entities decoded, characters percent-encoded). */
export function normalizeLink(url: string): string {
  return md.normalizeLink(url);
}

export interface MarkdownFindings {
  /** Every link target, from `[x](…)`, `<…>` autolinks and bare-URL/e-mail autolinks. */
  links: { href: string; kind: 'link' | 'autolink' | 'linkify' }[];
  images: string[];
  /** Raw HTML that reached the output. */
  html: string[];
  /** `$(name)` that VS Code would turn into an icon (only when the Markdown supports theme icons). */
  icons: string[];
  /** What a person reads: the text of every inline token, entities decoded. */
  text: string;
}

function walk(tokens: Token[], visit: (t: Token) => void): void {
  for (const t of tokens) {
    visit(t);
    if (t.children) walk(t.children, visit);
  }
}

// VS Code: iconLabels.ts markdownEscapeEscapedIcons (before parsing) and renderLabelWithIcons (after).
const ICON = /\$\([A-Za-z0-9-]+(?:~[A-Za-z]+)?\)/g;
const LABEL_WITH_ICONS = /(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g;

/** The icons VS Code would render from a Markdown string with `supportThemeIcons`. */
export function renderedIcons(markdown: string): string[] {
  const html = md.render(markdown.replace(new RegExp(`\\\\${ICON.source}`, 'g'), (m) => `\\${m}`));
  return [...html.matchAll(LABEL_WITH_ICONS)].filter((m) => m[1] === undefined).map((m) => m[0]);
}

/** The icons VS Code would render from a plain label (status bar, quick pick, code lens). */
export function labelIcons(label: string): string[] {
  return [...label.matchAll(LABEL_WITH_ICONS)].filter((m) => m[1] === undefined).map((m) => m[0]);
}

export function inspectMarkdown(markdown: string, opts: { themeIcons?: boolean } = {}): MarkdownFindings {
  const found: MarkdownFindings = { links: [], images: [], html: [], icons: [], text: '' };
  const text: string[] = [];
  walk(md.parse(markdown, {}), (t) => {
    if (t.type === 'link_open') {
      const href = t.attrs?.find(([k]) => k === 'href')?.[1] ?? '';
      found.links.push({ href, kind: t.markup === 'linkify' ? 'linkify' : t.markup === 'autolink' ? 'autolink' : 'link' });
    } else if (t.type === 'image') {
      found.images.push(t.attrs?.find(([k]) => k === 'src')?.[1] ?? '');
    } else if (t.type === 'html_inline' || t.type === 'html_block') {
      found.html.push(t.content);
    } else if (t.type === 'text' || t.type === 'code_inline' || t.type === 'text_special') {
      text.push(t.content);
    } else if (t.type === 'softbreak' || t.type === 'hardbreak') {
      text.push('\n');
    }
  });
  found.text = text.join('');
  if (opts.themeIcons) found.icons = renderedIcons(markdown);
  return found;
}

/** Problems with Markdown built from hostile data: anything but the allowed links, any image, HTML or icon. */
export function injectionProblems(markdown: string, allowLink: (href: string) => boolean, opts: { themeIcons?: boolean } = {}): string[] {
  const f = inspectMarkdown(markdown, opts);
  return [
    ...f.links.filter((l) => l.kind !== 'link' || !allowLink(l.href)).map((l) => `${l.kind} ${l.href}`),
    ...f.images.map((src) => `image ${src}`),
    ...f.html.map((h) => `html ${h}`),
    ...f.icons.map((i) => `icon ${i}`),
  ];
}
