// The PyPI Simple Repository API as pip reads it: PEP 503 HTML (with `data-yanked` from PEP 592 and
// `data-requires-python`) and PEP 691 JSON, api-version 1.0 and 1.1 (PEP 700: `versions`, `upload-time`, `size`).
// The form is chosen by the answer's Content-Type, never by sniffing the body, as pip does. HTML goes through
// htmlparser2's tokenizer (lenient like pip's html.parser: unclosed tags, any case, entities). Pure: no vscode.
import { Tokenizer } from 'htmlparser2';
import { isPlausibleVersion, isValidVersion } from './versioning/versions';
import { dateOf, isRecord } from './jsonValues';

/**
 * JSON when the index has it (dates, PEP 700), HTML otherwise: AWS documents both, but older CodeArtifact pages,
 * proxies and mirrors serve HTML only. Answered by 406 only when the index serves neither.
 */
export const SIMPLE_INDEX_ACCEPT = 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01';

/** One version as the index lists it, its files taken together. */
export interface SimpleRelease {
  /** Files of the version in the index; 0 for a version that only PEP 700's `versions` names. */
  readonly files: number;
  /** Every file is yanked (PEP 592): the first reason given, '' when none is. Absent when one file is not. */
  readonly yanked?: string;
  /** `requires-python` of its files (of a file that is not yanked, when there is one). */
  readonly requiresPython?: string;
  /** The earliest `upload-time` of its files (PEP 700, JSON only). */
  readonly uploadTime?: Date;
}

export interface SimpleProject {
  readonly form: 'html' | 'json';
  /** `meta.api-version` (JSON) or `<meta name="pypi:repository-version">` (HTML, PEP 629), when declared. */
  readonly apiVersion?: string;
  readonly releases: ReadonlyMap<string, SimpleRelease>;
  /** Links or files that were unreadable or not a distribution of this project: left out. */
  readonly skipped: number;
}

/** An answer that is not a Simple API page we can read; the message says why, as a clause ("it is not JSON"). */
export class SimpleIndexError extends Error {
  override readonly name = 'SimpleIndexError';
}

const JSON_TYPES = new Set(['application/vnd.pypi.simple.v1+json', 'application/vnd.pypi.simple.latest+json']);
const HTML_TYPES = new Set(['text/html', 'application/vnd.pypi.simple.v1+html', 'application/vnd.pypi.simple.latest+html']);

/** The form a Content-Type announces; a SimpleIndexError for any other type (as pip, which refuses them too). */
export function simpleIndexForm(contentType: string | null | undefined): 'html' | 'json' {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (JSON_TYPES.has(type)) return 'json';
  if (HTML_TYPES.has(type)) return 'html';
  const other = /^application\/vnd\.pypi\.simple\.v(\d+)\+(?:json|html)$/.exec(type);
  if (other) throw new SimpleIndexError(`it is Simple API version ${other[1] ?? '?'}; only version 1 can be read`);
  if (type === '') throw new SimpleIndexError('it has no Content-Type, so it is neither the HTML nor the JSON form of the simple index');
  throw new SimpleIndexError(`its Content-Type is ${clip(type)}, neither the HTML nor the JSON form of the simple index`);
}

/** Reads an index page in the form its Content-Type announces. `pageUrl` resolves relative links. */
export function readSimpleIndex(body: string, contentType: string | null | undefined, normalizedName: string, pageUrl?: string): SimpleProject {
  if (simpleIndexForm(contentType) === 'html') return readSimpleHtml(body, normalizedName, pageUrl);
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch {
    throw new SimpleIndexError('it is not JSON');
  }
  return readSimpleJson(doc, normalizedName);
}

interface IndexFile {
  readonly filename: string;
  readonly yanked?: string;
  readonly requiresPython?: string;
  readonly uploadTime?: Date;
}

/**
 * PEP 691 JSON. Files of the wrong type or not of this project are skipped; `files` that is not a list, a
 * `meta.api-version` of another major version, or files none of which can be read are SimpleIndexErrors.
 */
export function readSimpleJson(doc: unknown, normalizedName: string): SimpleProject {
  if (!isRecord(doc)) throw new SimpleIndexError('the simple index is not a JSON object');
  const meta = doc['meta'];
  let apiVersion: string | undefined;
  if (meta !== undefined) {
    if (!isRecord(meta)) throw new SimpleIndexError('its "meta" is not an object');
    const declared = meta['api-version'];
    if (declared !== undefined) {
      if (typeof declared !== 'string') throw new SimpleIndexError('its "meta.api-version" is not a string');
      apiVersion = checkApiVersion(declared);
    }
  }
  if (doc['files'] !== undefined && !Array.isArray(doc['files'])) throw new SimpleIndexError('its "files" is not a list');
  const entries: unknown[] = Array.isArray(doc['files']) ? doc['files'] : [];
  const files: IndexFile[] = [];
  for (const file of entries) {
    if (!isRecord(file) || typeof file['filename'] !== 'string') continue;
    // As pip: a truthy `yanked` marks the file, a string gives the reason.
    const yanked = file['yanked'];
    const requiresPython = file['requires-python'];
    const uploadTime = dateOf(file['upload-time']);
    files.push({
      filename: file['filename'],
      ...(yanked !== undefined && yanked !== null && yanked !== false && yanked !== '' && yanked !== 0 ? { yanked: typeof yanked === 'string' ? yanked : '' } : {}),
      ...(typeof requiresPython === 'string' && requiresPython.trim() !== '' ? { requiresPython: requiresPython.trim() } : {}),
      ...(uploadTime ? { uploadTime } : {}),
    });
  }
  const listed = Array.isArray(doc['versions']) ? (doc['versions'] as unknown[]).filter((v): v is string => typeof v === 'string') : [];
  return project('json', apiVersion, files, entries.length, listed, normalizedName, 'files');
}

/**
 * PEP 503 HTML: every `<a href>` names a file by its URL's last path segment (as pip reads it, not the link
 * text). Broken links (no href, an unparsable URL, no file of this project) are skipped; a page whose links are
 * all broken, or that has none and does not declare itself a simple index, is a SimpleIndexError.
 */
export function readSimpleHtml(html: string, normalizedName: string, pageUrl?: string): SimpleProject {
  const { anchors, apiVersion: declared, baseHref } = startTags(html);
  const apiVersion = declared !== undefined ? checkApiVersion(declared.trim()) : undefined;
  if (anchors.length === 0 && apiVersion === undefined) throw new SimpleIndexError('it has no links and does not declare itself a simple index page');
  const base = baseOf(pageUrl, baseHref, normalizedName);
  const files: IndexFile[] = [];
  for (const attribs of anchors) {
    const filename = filenameOf(attribs.get('href'), base);
    if (filename === undefined) continue;
    const yanked = attribs.get('data-yanked');
    const requiresPython = attribs.get('data-requires-python')?.trim();
    files.push({ filename, ...(yanked !== undefined ? { yanked } : {}), ...(requiresPython ? { requiresPython } : {}) });
  }
  return project('html', apiVersion, files, anchors.length, [], normalizedName, 'links');
}

/**
 * The start tags that matter (`<a>`, `<meta name="pypi:repository-version">`, the first `<base>`), from
 * htmlparser2's tokenizer. Like pip's html.parser it builds no tree: the page is a flat list of links, and a tree
 * builder's open-element stack makes 100,000 unclosed tags cost seconds. Tag and attribute names are
 * case-insensitive, values have their entities decoded, the first of repeated attributes wins, and the content of
 * comments, `<script>`, `<style>` and CDATA is never a tag.
 */
function startTags(html: string): { anchors: Map<string, string>[]; apiVersion?: string; baseHref?: string } {
  const anchors: Map<string, string>[] = [];
  let apiVersion: string | undefined;
  let baseHref: string | undefined;
  let tag = '';
  let attribs: Map<string, string> | undefined;
  let name = '';
  let value = '';
  const slice = (start: number, end: number): string => html.slice(start, end);
  const endTag = (): void => {
    if (attribs && tag === 'a') anchors.push(attribs);
    else if (attribs && tag === 'meta' && attribs.get('name')?.toLowerCase() === 'pypi:repository-version') apiVersion ??= attribs.get('content') ?? '';
    else if (attribs && tag === 'base') baseHref ??= attribs.get('href');
    attribs = undefined;
  };
  const ignore = (): void => undefined;
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      onopentagname(start, end) {
        tag = slice(start, end).toLowerCase();
        attribs = tag === 'a' || tag === 'meta' || tag === 'base' ? new Map() : undefined;
      },
      onattribname(start, end) {
        name = slice(start, end).toLowerCase();
        value = '';
      },
      onattribdata(start, end) {
        value += slice(start, end);
      },
      onattribentity(codepoint) {
        value += codePoint(codepoint);
      },
      onattribend() {
        if (attribs && !attribs.has(name)) attribs.set(name, value);
        value = '';
      },
      onopentagend: endTag,
      onselfclosingtag: endTag,
      onclosetag: ignore,
      ontext: ignore,
      ontextentity: ignore,
      oncomment: ignore,
      oncdata: ignore,
      ondeclaration: ignore,
      onprocessinginstruction: ignore,
      onend: ignore,
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  return { anchors, ...(apiVersion !== undefined ? { apiVersion } : {}), ...(baseHref !== undefined ? { baseHref } : {}) };
}

function codePoint(cp: number): string {
  try {
    return String.fromCodePoint(cp);
  } catch {
    return '\uFFFD';
  }
}

/** The versions behind the files, with the PEP 592 rule: a version is yanked only when every file of it is. */
function project(
  form: SimpleProject['form'],
  apiVersion: string | undefined,
  files: readonly IndexFile[],
  total: number,
  listed: readonly string[],
  normalizedName: string,
  what: 'files' | 'links',
): SimpleProject {
  const byVersion = new Map<string, IndexFile[]>();
  for (const file of files) {
    // A file whose "version" is not PEP 440 is most likely another project's (`acme-tools-extra-1.0.tar.gz`).
    const version = versionFromFilename(file.filename, normalizedName);
    if (version === undefined || !isPlausibleVersion(version) || !isValidVersion('pypi', version)) continue;
    const list = byVersion.get(version);
    if (list) list.push(file);
    else byVersion.set(version, [file]);
  }
  const readable = [...byVersion.values()].reduce((n, list) => n + list.length, 0);
  if (total > 0 && readable === 0) throw new SimpleIndexError(`none of its ${total} ${what} is a distribution of ${clip(normalizedName)}`);
  const releases = new Map<string, SimpleRelease>();
  for (const [version, list] of byVersion) {
    const live = list.filter((f) => f.yanked === undefined);
    const yanked = live.length === 0 ? (list.find((f) => f.yanked !== '')?.yanked ?? '') : undefined;
    const requiresPython = (live.find((f) => f.requiresPython) ?? list.find((f) => f.requiresPython))?.requiresPython;
    let earliest: number | undefined;
    for (const f of list) {
      const t = f.uploadTime?.getTime();
      if (t !== undefined && (earliest === undefined || t < earliest)) earliest = t;
    }
    releases.set(version, {
      files: list.length,
      ...(yanked !== undefined ? { yanked } : {}),
      ...(requiresPython ? { requiresPython } : {}),
      ...(earliest !== undefined ? { uploadTime: new Date(earliest) } : {}),
    });
  }
  // PEP 700: versions without files (all deleted) are listed too; they are never installable.
  for (const version of listed) if (isPlausibleVersion(version) && isValidVersion('pypi', version) && !releases.has(version)) releases.set(version, { files: 0 });
  return { form, ...(apiVersion !== undefined ? { apiVersion } : {}), releases, skipped: total - readable };
}

/** PEP 629/691: a client must refuse a major version it does not know; a newer minor is fine. */
function checkApiVersion(declared: string): string {
  const m = /^(\d+)\.(\d+)$/.exec(declared);
  if (!m) throw new SimpleIndexError(`it declares the API version ${clip(declared)}, which is not a version number`);
  if (m[1] !== '1') throw new SimpleIndexError(`it is Simple API version ${declared}; only version 1 can be read`);
  return declared;
}

function baseOf(pageUrl: string | undefined, baseHref: string | undefined, normalizedName: string): URL {
  let page: URL;
  try {
    page = new URL(pageUrl ?? `https://index.invalid/simple/${encodeURIComponent(normalizedName)}/`);
  } catch {
    page = new URL('https://index.invalid/simple/');
  }
  if (baseHref === undefined) return page;
  try {
    return new URL(baseHref, page);
  } catch {
    return page;
  }
}

/** The last path segment of the link's URL, percent-decoded; undefined for a link that names no file. */
function filenameOf(href: string | undefined, base: URL): string | undefined {
  if (href === undefined || href.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return undefined;
  }
  const last = url.pathname.split('/').pop() ?? '';
  let name: string;
  try {
    name = decodeURIComponent(last);
  } catch {
    name = last;
  }
  return name === '' || name.includes('/') ? undefined : name;
}

/** pip's archive extensions; eggs and installers (`.exe`, `.msi`) are not distributions pip installs. */
const SDIST = /^(.*)\.(tar\.gz|tgz|tar\.bz2|tbz|tar\.xz|txz|tlz|tar\.lz|tar\.lzma|tar|zip)$/i;

function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * The version in a distribution's file name when it is one of this project's, as pip reads it:
 * `acme_tools-1.0-py3-none-any.whl` and `Acme.Tools-1.0.tar.gz` → `1.0` for `acme-tools`.
 */
export function versionFromFilename(filename: string, normalizedName: string): string | undefined {
  if (filename.toLowerCase().endsWith('.whl')) {
    // {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl; the name has no `-` (it is escaped as `_`).
    const parts = filename.slice(0, -4).split('-');
    if (parts.length < 5 || parts.length > 6) return undefined;
    return normalize(parts[0] ?? '') === normalizedName && parts[1] ? parts[1] : undefined;
  }
  const stem = SDIST.exec(filename)?.[1];
  if (!stem) return undefined;
  // The name may contain `-`: the version starts after the first `-` whose prefix is the project's name.
  for (let i = stem.indexOf('-'); i > 0; i = stem.indexOf('-', i + 1)) {
    if (normalize(stem.slice(0, i)) === normalizedName) return stem.slice(i + 1) || undefined;
  }
  return undefined;
}

/** Server text quoted in a message, short and on one line. */
function clip(s: string): string {
  const flat = s.replace(/[\s\p{C}]+/gu, ' ');
  return JSON.stringify(flat.length > 60 ? `${flat.slice(0, 60)}…` : flat);
}
