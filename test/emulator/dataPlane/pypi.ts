// The PyPI side: the simple index (PEP 503 HTML, PEP 691/700 JSON, negotiated by Accept as AWS documents it), file
// downloads, and twine's legacy upload. Unlisted versions are left out of the index but their files still download
// (see npm.ts for the rules); yanked ones (PEP 592) stay listed, marked.
import { createHash } from 'node:crypto';
import { ensureAssets } from '../artifacts';
import type { PackageVersion } from '../model';
import { newRevision, normalizePypiName } from '../model';
import { decodeSegment, HttpError, methodNotAllowed, negotiate, readMultipart, send } from './http';
import { isDownloadable, isListed } from './npm';
import { assertPublishAllowed, packageForPublish } from './publish';
import type { RepoRequest } from './router';

const JSON_TYPE = 'application/vnd.pypi.simple.v1+json';
const LATEST_JSON_TYPE = 'application/vnd.pypi.simple.latest+json';
const HTML_TYPE = 'application/vnd.pypi.simple.v1+html';
const LATEST_HTML_TYPE = 'application/vnd.pypi.simple.latest+html';
const PROJECT_NAME = /^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$/i;

export async function handlePypi(r: RepoRequest): Promise<void> {
  const method = r.req.method ?? 'GET';
  const segments = r.rest.split('/');
  if (r.rest === '' || r.rest === 'legacy/' || r.rest === 'legacy') {
    if (method !== 'POST') throw methodNotAllowed(method);
    return upload(r);
  }
  if (segments[0] !== 'simple') throw new HttpError(404, 'Not found.');
  if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(method);
  // CodeArtifact offers no root listing of every project.
  if (segments.length <= 2 && (segments[1] ?? '') === '') throw new HttpError(404, 'This repository does not list all projects; ask for /simple/<project>/.');
  const project = decodeSegment(segments[1] ?? '');
  if (!PROJECT_NAME.test(project)) throw new HttpError(400, `Invalid project name: ${project}`);
  const normalized = normalizePypiName(project);
  if (segments.length === 2 || (segments.length === 3 && segments[2] === '' && project !== normalized)) {
    // As PyPI does: one canonical URL per project, with a trailing slash.
    r.ctx.count('pypi:redirect');
    const location = `${new URL(r.base).pathname}/simple/${normalized}/`;
    r.res.statusCode = 301;
    r.res.setHeader('Location', location);
    r.res.end();
    return;
  }
  if (segments.length === 3 && segments[2] === '') return sendIndex(r, normalized);
  if (segments.length === 4) return sendFile(r, normalized, decodeSegment(segments[2] ?? ''), decodeSegment(segments[3] ?? ''));
  throw new HttpError(404, 'Not found.');
}

interface IndexFile {
  filename: string;
  url: string;
  sha256: string;
  size: number;
  uploadTime: number;
  requiresPython?: string;
  yanked?: string;
}

/**
 * What the index can answer, in the server's order of preference: HTML first (AWS: HTML by default and for
 * `*\/*`), JSON last. Each offered type → the Content-Type of the answer (`latest` is answered as `v1`).
 */
const HTML_ANSWERS: readonly (readonly [string, string])[] = [
  ['text/html', 'text/html; charset=utf-8'],
  [HTML_TYPE, HTML_TYPE],
  [LATEST_HTML_TYPE, HTML_TYPE],
];
const JSON_ANSWERS: readonly (readonly [string, string])[] = [
  [JSON_TYPE, JSON_TYPE],
  [LATEST_JSON_TYPE, JSON_TYPE],
];

/** The Content-Type to answer `accept` with, or a 406 naming what this repository serves. */
function answerType(r: RepoRequest): string {
  const answers = r.repo.pypiHtmlOnly ? HTML_ANSWERS : [...HTML_ANSWERS, ...JSON_ANSWERS];
  const chosen = negotiate(r.req.headers.accept, answers.map(([offered]) => offered));
  const answer = answers.find(([offered]) => offered === chosen)?.[1];
  if (answer === undefined) {
    r.ctx.count('pypi:notAcceptable');
    throw new HttpError(406, `None of the requested types is served here. Supported: ${answers.map(([offered]) => offered).join(', ')}.`);
  }
  return answer;
}

/** PEP 700's `upload-time`: `yyyy-mm-ddThh:mm:ss.ffffffZ`. */
function uploadTime(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

async function sendIndex(r: RepoRequest, name: string): Promise<void> {
  r.ctx.count('pypi:simple');
  const contentType = answerType(r);
  const resolved = r.ctx.store.resolvePackage(r.domain, r.repo.name, 'pypi', undefined, name);
  const listed = resolved ? [...resolved.versions.values()].filter((rv) => isListed(rv.version)) : [];
  if (!resolved || listed.length === 0) throw new HttpError(404, `Project ${name} was not found.`);
  listed.sort((a, b) => a.version.publishedTime - b.version.publishedTime);
  const files: IndexFile[] = [];
  for (const rv of listed) {
    const v = rv.version;
    const assets = await ensureAssets({ format: 'pypi', name: resolved.displayName ?? name }, v);
    for (const [filename, data] of assets) {
      files.push({
        filename,
        url: `${r.base}/simple/${name}/${encodeURIComponent(v.version)}/${encodeURIComponent(filename)}`,
        sha256: createHash('sha256').update(data).digest('hex'),
        size: data.length,
        uploadTime: v.publishedTime,
        ...(v.requiresPython !== undefined ? { requiresPython: v.requiresPython } : {}),
        ...(v.yanked !== undefined ? { yanked: v.yanked } : {}),
      });
    }
  }
  if (contentType === JSON_TYPE) {
    // PEP 691 with PEP 700 (api-version 1.1): `versions`, `size`, `upload-time`; yanked files stay listed, marked.
    const doc = {
      meta: { 'api-version': '1.1' },
      name,
      versions: listed.map((rv) => rv.version.version),
      files: files.map((f) => ({
        filename: f.filename,
        url: f.url,
        hashes: { sha256: f.sha256 },
        ...(f.requiresPython !== undefined ? { 'requires-python': f.requiresPython } : {}),
        size: f.size,
        'upload-time': uploadTime(f.uploadTime),
        yanked: f.yanked === undefined ? false : f.yanked === '' ? true : f.yanked,
      })),
    };
    send(r.res, 200, JSON_TYPE, Buffer.from(JSON.stringify(doc)), { vary: 'Accept' });
    return;
  }
  const anchor = (f: IndexFile): string => {
    const attributes = [
      `href="${escapeHtml(`${f.url}#sha256=${f.sha256}`)}"`,
      ...(f.requiresPython !== undefined ? [`data-requires-python="${escapeHtml(f.requiresPython)}"`] : []),
      ...(f.yanked !== undefined ? [`data-yanked="${escapeHtml(f.yanked)}"`] : []),
    ];
    return `    <a ${attributes.join(' ')}>${escapeHtml(f.filename)}</a><br/>`;
  };
  const html = [
    '<!DOCTYPE html>',
    '<html>',
    '  <head>',
    '    <meta name="pypi:repository-version" content="1.1">',
    `    <title>Links for ${escapeHtml(name)}</title>`,
    '  </head>',
    '  <body>',
    `    <h1>Links for ${escapeHtml(name)}</h1>`,
    ...files.map(anchor),
    '  </body>',
    '</html>',
    '',
  ].join('\n');
  send(r.res, 200, contentType, Buffer.from(html), { vary: 'Accept' });
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

async function sendFile(r: RepoRequest, name: string, version: string, filename: string): Promise<void> {
  r.ctx.count('pypi:download');
  const resolved = r.ctx.store.resolvePackage(r.domain, r.repo.name, 'pypi', undefined, name);
  const rv = resolved?.versions.get(version);
  if (!resolved || !rv || !isDownloadable(rv.version)) throw new HttpError(404, `Version ${version} of ${name} was not found.`);
  const assets = await ensureAssets({ format: 'pypi', name: resolved.displayName ?? name }, rv.version);
  const data = assets.get(filename);
  if (!data) throw new HttpError(404, `Version ${version} of ${name} has no file ${filename}.`);
  r.ctx.store.retain(r.domain, resolved, rv);
  send(r.res, 200, 'application/octet-stream', data);
}

/** twine's legacy upload: multipart/form-data with `:action=file_upload`, metadata fields and `content`. */
async function upload(r: RepoRequest): Promise<void> {
  r.ctx.count('pypi:upload');
  const form = await readMultipart(r.req, 'Uploads must be multipart/form-data.');
  const field = (key: string): string | undefined => {
    const v = form.get(key);
    return typeof v === 'string' && v !== '' ? v : undefined;
  };
  if (field(':action') !== 'file_upload') throw new HttpError(400, 'Only :action=file_upload is supported.');
  const projectName = field('name');
  const version = field('version');
  const content = form.get('content');
  if (!projectName || !PROJECT_NAME.test(projectName)) throw new HttpError(400, 'The upload has no valid name.');
  if (!version) throw new HttpError(400, 'The upload has no version.');
  if (content === null || typeof content === 'string') throw new HttpError(400, 'The upload has no file in `content`.');
  const filename = content.name;
  if (!filename || filename.includes('/') || filename.includes('\\')) throw new HttpError(400, 'The uploaded file has no valid name.');
  const data = Buffer.from(await content.arrayBuffer());
  const expected = field('sha256_digest');
  if (expected && createHash('sha256').update(data).digest('hex') !== expected.toLowerCase()) {
    throw new HttpError(400, `The sha256 digest of ${filename} does not match the upload.`);
  }
  assertPublishAllowed(r, 'pypi', undefined, projectName, projectName);
  const existing = r.ctx.store.getPackage(r.repo, 'pypi', undefined, projectName);
  const old = existing?.versions.get(version);
  if (old?.assets.has(filename)) throw new HttpError(409, `File ${filename} already exists.`);
  if (old && old.origin.originType !== 'INTERNAL') throw new HttpError(409, `Version ${version} of ${projectName} came from an upstream and cannot be changed.`);
  const pkg = packageForPublish(r, 'pypi', undefined, projectName);
  const record: PackageVersion = old ?? {
    version,
    status: 'Published',
    publishedTime: r.ctx.store.now() / 1000,
    revision: newRevision(),
    summary: field('summary'),
    homePage: field('home_page'),
    licenses: field('license') ? [{ name: field('license') ?? '' }] : [],
    dependencies: requiresDist(form.getAll('requires_dist')),
    readme: field('description'),
    origin: { originType: 'INTERNAL', domainEntryPoint: { repositoryName: r.repo.name } },
    assets: new Map(),
  };
  record.assets.set(filename, data);
  pkg.versions.set(version, record);
  send(r.res, 200, 'text/plain; charset=utf-8', Buffer.from('OK\n'));
}

/** `Requires-Dist` lines → name → specifier (markers kept with the specifier). */
function requiresDist(values: unknown[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    if (typeof v !== 'string') continue;
    const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(.*)$/.exec(v);
    // Old-style `name (>=2.0)` and `name>=2.0` both become `>=2.0`; markers stay with the specifier.
    if (m?.[1]) out[m[1]] = (m[2] ?? '').trim().replace(/^\(([^)]*)\)/, '$1');
  }
  return out;
}
