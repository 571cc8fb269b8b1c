// The body of the version-details webview: summary table, licences, links, install snippet, dependencies,
// assets and readme. Every server string is neutralised (displayText) and HTML-escaped; the only markup is ours.
// Links and actions carry an index into lists the extension keeps (`links`, the input's assets and
// dependencies), never a URL or a name the page could change. Pure: no vscode.
import { DISPLAY_LIMITS, displayText, neutralizeLines } from './displayText';
import { escapeHtml } from './html';
import { formatBytes, formatTime } from './markdown';
import { isWebUrl, linkOpenTag, renderReadmeHtml, type LinkSink } from './readmeHtml';
import { displayPackageName, installSnippet } from './snippets';
import { dependencyName, packageGroupText, sortedHashes, type VersionDetailsInput } from './versionDetails';
import { describeOrigin } from './versionStatus';

/** What the page may ask the extension to do (data-action values). */
export const DETAILS_ACTIONS = ['open-link', 'copy-install', 'download', 'reveal-dependency', 'open-markdown', 'refresh'] as const;
export type DetailsAction = (typeof DETAILS_ACTIONS)[number];

/** A message from the page, if it has the one shape we accept: a known action and, for some, an index. */
export function parseDetailsMessage(raw: unknown): { type: DetailsAction; index?: number } | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const { type, index } = raw as Record<string, unknown>;
  const action = DETAILS_ACTIONS.find((a) => a === type);
  if (!action) return undefined;
  if (index === undefined) return { type: action };
  return typeof index === 'number' && Number.isSafeInteger(index) && index >= 0 ? { type: action, index } : undefined;
}

export interface DetailsPage {
  /** HTML for inside `<body>`. */
  body: string;
  /** The http(s) URLs the page links to; `data-index` of an `open-link` action is a position here. */
  links: string[];
}

/** Neutralised, cut and escaped: a server string as element text or a quoted attribute value. */
export function htmlText(text: string, max: number = DISPLAY_LIMITS.markdownField): string {
  return escapeHtml(displayText(text, max));
}

function link(sink: LinkSink, label: string, url: string | undefined): string {
  if (!url || !isWebUrl(url)) return htmlText(label);
  return `${linkOpenTag(sink, url)}${htmlText(label)}</a>`;
}

function button(action: DetailsAction, label: string, ariaLabel: string, index?: number, icon?: string): string {
  const data = index === undefined ? '' : ` data-index="${index}"`;
  const glyph = icon ? `<span class="icon" aria-hidden="true">${icon}</span>` : '';
  return `<button type="button" data-action="${action}"${data} aria-label="${htmlText(ariaLabel)}">${glyph}${escapeHtml(label)}</button>`;
}

function section(id: string, title: string, content: string): string {
  return `<section aria-labelledby="${id}"><h2 id="${id}">${title}</h2>${content}</section>`;
}

export function renderVersionDetailsHtml(v: VersionDetailsInput): DetailsPage {
  const sink: LinkSink = { links: [] };
  const name = v.details?.displayName ?? displayPackageName(v.format, v.namespace, v.package);
  const d = v.details;
  const parts: string[] = [];

  parts.push(
    `<header><h1>${htmlText(name)} <span class="version">${htmlText(v.version)}</span></h1>`,
    d?.summary ? `<p class="summary">${htmlText(d.summary)}</p>` : '',
    `<div class="toolbar">${button('open-markdown', 'Open as Markdown', 'Open these details as a Markdown document')}${button('refresh', 'Refresh', 'Load these details again')}</div></header>`,
  );

  const rows: [string, string][] = [
    ['Format', htmlText(v.format)],
    ['Repository', `${htmlText(`${v.domain}/${v.repository}`)}${v.domainOwner ? ` (account ${htmlText(v.domainOwner)})` : ''}`],
  ];
  if (d) {
    rows.push(['Status', htmlText(d.status ?? 'unknown')], ['Published', htmlText(formatTime(d.publishedTime))]);
    const origin = describeOrigin(d.origin, v.repository);
    if (origin) rows.push(['Origin', htmlText(origin)]);
    rows.push(['Licenses', d.licenses.length ? d.licenses.map((l) => link(sink, l.name ?? l.url ?? 'license', l.url)).join(', ') : 'none declared']);
    if (d.homePage) rows.push(['Homepage', link(sink, d.homePage, d.homePage)]);
    if (d.sourceCodeRepository) rows.push(['Source', link(sink, d.sourceCodeRepository, d.sourceCodeRepository)]);
    if (d.revision) rows.push(['Revision', `<code>${htmlText(d.revision)}</code>`]);
  }
  if (v.packageGroup) rows.push(['Package group', packageGroupText(v.packageGroup, (c) => `<code>${htmlText(c)}</code>`, htmlText)]);
  parts.push(section('summary-heading', 'Summary', `<table class="facts"><tbody>${rows.map(([k, val]) => `<tr><th scope="row">${k}</th><td>${val}</td></tr>`).join('')}</tbody></table>`));

  const snippet = installSnippet({ format: v.format, namespace: v.namespace, name: v.package, version: v.version });
  parts.push(
    section(
      'install-heading',
      'Install',
      `<div class="snippet"><pre><code>${escapeHtml(neutralizeLines(snippet))}</code></pre>${button('copy-install', 'Copy', 'Copy the install snippet')}</div>`,
    ),
  );

  if (v.dependencies) {
    const deps = v.dependencies;
    const body = deps.length
      ? `<table class="list"><thead><tr><th scope="col">Package</th><th scope="col">Requirement</th><th scope="col">Type</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead><tbody>${deps
          .map((dep, i) => {
            const depName = dependencyName(v.format, dep);
            return `<tr><td><code>${htmlText(depName)}</code></td><td><code>${htmlText(dep.versionRequirement ?? '')}</code></td><td>${htmlText(dep.dependencyType ?? '')}</td><td>${button('reveal-dependency', 'Reveal', `Reveal ${depName} in the CodeArtifact explorer`, i)}</td></tr>`;
          })
          .join('')}</tbody></table>`
      : '<p>No dependencies.</p>';
    parts.push(section('dependencies-heading', `Dependencies (${deps.length}${v.dependenciesTruncated ? '+' : ''})`, body + (v.dependenciesTruncated ? '<p>More dependencies exist than are listed here.</p>' : '')));
  }

  if (v.assets) {
    const assets = v.assets;
    const body = assets.length
      ? `<table class="list"><thead><tr><th scope="col">Asset</th><th scope="col">Size</th><th scope="col">Hashes</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead><tbody>${assets
          .map((a, i) => {
            const hashes = sortedHashes(a.hashes)
              .map(([algo, hash]) => `<dt>${htmlText(algo)}</dt><dd><code>${htmlText(hash)}</code></dd>`)
              .join('');
            return `<tr><td><code>${htmlText(a.name)}</code></td><td>${htmlText(formatBytes(a.size))}</td><td><dl class="hashes">${hashes}</dl></td><td>${button('download', 'Download asset', `Download ${a.name}`, i, '⤓')}</td></tr>`;
          })
          .join('')}</tbody></table>`
      : '<p>No assets.</p>';
    parts.push(section('assets-heading', 'Assets', body + (v.assetsTruncated ? '<p>More assets exist than are listed here.</p>' : '')));
  }

  if (v.readme) parts.push(section('readme-heading', 'Readme', `<div class="readme">${renderReadmeHtml(v.readme, sink)}</div>`));

  if (v.problems?.length) {
    parts.push(section('problems-heading', 'Not loaded', `<ul>${v.problems.map((p) => `<li>${htmlText(p)}</li>`).join('')}</ul>`));
  }
  parts.push('<div id="status" class="status" role="status" aria-live="polite"></div>');
  return { body: parts.join('\n'), links: sink.links };
}

/** The page shown while the details load, or when nothing could be loaded. */
export function renderMessageHtml(title: string, message: string): string {
  return `<header><h1>${htmlText(title)}</h1></header><p role="status" aria-live="polite">${htmlText(message)}</p>`;
}
