// A package's readme as HTML for the details webview. The readme is the server's text, so it is rendered by
// markdown-it with raw HTML off (every tag shows as text), images shown as their alt text (no request leaves
// the webview), code blocks without a class from the info string, and links only for http(s) URLs: each becomes
// an `open-link` action whose URL the extension keeps (the webview never navigates). Pure: no vscode.
import MarkdownIt from 'markdown-it';
import { neutralizeLines, truncate } from './displayText';
import { escapeHtml } from './html';
import { FENCE_LIMITS } from './markdown';

/** Where the rendered links go: the page's list of URLs, indexed by the `data-index` of each link. */
export interface LinkSink {
  links: string[];
}

export function isWebUrl(url: string): boolean {
  // The URL parser drops leading and trailing control characters and spaces (`\0http://…` parses): only a string
  // that is the web address itself, from its first character to its last, becomes a link.
  if (url.length > 2048 || !/^https?:\/\/[^\0- ]*$/i.test(url) || !URL.canParse(url)) return false;
  const { protocol } = new URL(url);
  return protocol === 'https:' || protocol === 'http:';
}

/** The anchor for a link the extension opens (index into `sink.links`), with the URL as its tooltip. */
export function linkOpenTag(sink: LinkSink, url: string): string {
  const index = sink.links.push(url) - 1;
  return `<a href="#" data-action="open-link" data-index="${index}" title="${escapeHtml(truncate(url, 300))}">`;
}

const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
// Only web links survive; `javascript:`, `command:`, `file:`, `data:` and relative links stay text.
md.validateLink = isWebUrl;
// markdown-it still makes a link (with an empty href) of a destination validateLink refused: that one is text.
md.renderer.rules['link_open'] = (tokens, idx, _options, env: LinkSink) => {
  const token = tokens[idx];
  const href = token?.attrGet('href') ?? '';
  if (!token || !isWebUrl(href)) return '<span class="link-text">';
  token.meta = { ours: true };
  return linkOpenTag(env, href);
};
md.renderer.rules['link_close'] = (tokens, idx) => {
  // Links do not nest: the nearest link_open before this close is its own.
  for (let i = idx - 1; i >= 0; i--) {
    const t = tokens[i];
    if (t?.type === 'link_open') return (t.meta as { ours?: boolean } | null)?.ours ? '</a>' : '</span>';
  }
  return '</span>';
};
md.renderer.rules['image'] = (tokens, idx, options, env: LinkSink, self) => {
  const alt = self.renderInlineAsText(tokens[idx]?.children ?? [], options, env);
  return `<span class="image-alt">[image${alt ? `: ${escapeHtml(alt)}` : ''}]</span>`;
};
// The page has its h1 and h2s: the readme's headings go two levels down (h1 → h3, h5 and h6 → h6).
md.core.ruler.push('demote_headings', (state) => {
  for (const t of state.tokens) if (t.type === 'heading_open' || t.type === 'heading_close') t.tag = `h${Math.min(6, Number(t.tag.slice(1)) + 2)}`;
});
md.renderer.rules['fence'] = (tokens, idx) => `<pre><code>${escapeHtml(tokens[idx]?.content ?? '')}</code></pre>\n`;

/** The readme rendered; invisible and control characters shown as `\u{…}`, long text cut. */
export function renderReadmeHtml(readme: string, sink: LinkSink): string {
  let text = neutralizeLines(readme);
  if (text.length > FENCE_LIMITS.total) text = `${text.slice(0, FENCE_LIMITS.total).replace(/\n[^\n]*$/, '')}\n\n…`;
  return md.render(text, sink);
}
