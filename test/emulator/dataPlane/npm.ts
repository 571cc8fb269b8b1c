// The npm registry API as CodeArtifact serves it: packuments (full and abbreviated), tarballs, ping,
// dist-tags and publish.
//
// Version statuses, after the CodeArtifact user guide: Published versions are listed and installable;
// Unlisted versions are left out of the packument (so `npm install` cannot pick them) but their tarball URL
// still downloads; Archived, Unfinished, Disposed and Deleted versions are neither listed nor downloadable.
import { createHash } from 'node:crypto';
import semver from 'semver';
import { ensureAssets, NPM_ASSET, readNpmManifest } from '../artifacts';
import type { PackageVersion, ResolvedPackage, ResolvedVersion } from '../model';
import { newRevision } from '../model';
import { decodeSegment, HttpError, methodNotAllowed, readBody, send, sendJson } from './http';
import { assertMetadataAllowed, assertPublishAllowed, packageForPublish } from './publish';
import type { RepoRequest } from './router';

const ABBREVIATED = 'application/vnd.npm.install-v1+json';

export function isListed(v: PackageVersion): boolean {
  return v.status === 'Published';
}

export function isDownloadable(v: PackageVersion): boolean {
  return v.status === 'Published' || v.status === 'Unlisted';
}

interface NpmName {
  scope?: string;
  name: string;
  full: string;
}

function parseName(full: string): NpmName {
  const m = /^(?:@([a-z0-9][a-z0-9._~-]*)\/)?([a-z0-9._~-][a-z0-9._~-]*)$/i.exec(full);
  if (!m || full.length > 214) throw new HttpError(400, `Invalid npm package name: ${full}`);
  return { scope: m[1], name: m[2] ?? '', full };
}

/** Splits the percent-encoded rest of the path into the package name and what follows it. */
function splitName(segments: string[]): { name: NpmName; after: string[] } {
  const first = decodeSegment(segments[0] ?? '');
  if (first.startsWith('@') && !first.includes('/')) {
    return { name: parseName(`${first}/${decodeSegment(segments[1] ?? '')}`), after: segments.slice(2) };
  }
  return { name: parseName(first), after: segments.slice(1) };
}

export async function handleNpm(r: RepoRequest): Promise<void> {
  const segments = r.rest.split('/');
  const method = r.req.method ?? 'GET';
  if (segments[0] === '-') {
    await handleDashRoutes(r, segments.slice(1), method);
    return;
  }
  if (r.rest === '') throw new HttpError(404, 'Not found.');
  const { name, after } = splitName(segments);
  if (after.length === 0) {
    if (method === 'GET' || method === 'HEAD') return sendPackument(r, name);
    if (method === 'PUT') return publish(r, name);
    throw methodNotAllowed(method);
  }
  if (after[0] === '-' && after.length === 2 && (method === 'GET' || method === 'HEAD')) return sendTarball(r, name, decodeSegment(after[1] ?? ''));
  if (after.length === 1 && (method === 'GET' || method === 'HEAD')) return sendVersionManifest(r, name, decodeSegment(after[0] ?? ''));
  throw new HttpError(404, 'Not found.');
}

async function handleDashRoutes(r: RepoRequest, rest: string[], method: string): Promise<void> {
  if (rest[0] === 'ping' && rest.length === 1) {
    r.ctx.count('npm:ping');
    sendJson(r.res, 200, {});
    return;
  }
  if (rest[0] === 'package' && rest.length >= 3) {
    const { name, after } = splitName(rest.slice(1));
    if (after[0] === 'dist-tags') {
      r.ctx.count('npm:distTags');
      return distTags(r, name, after.slice(1).map(decodeSegment), method);
    }
  }
  throw new HttpError(404, `Not found: /-/${rest.join('/')}`);
}

function resolve(r: RepoRequest, name: NpmName): ResolvedPackage | undefined {
  return r.ctx.store.resolvePackage(r.domain, r.repo.name, 'npm', name.scope, name.name);
}

function tarballFile(name: NpmName, version: string): string {
  return `${name.name}-${version}.tgz`;
}

function tarballUrl(r: RepoRequest, name: NpmName, version: string): string {
  const path = name.scope ? `@${name.scope}/${name.name}` : name.name;
  return `${r.base}/${path}/-/${tarballFile(name, version)}`;
}

// Keyed by the assets map, which every retained copy of a version shares.
const manifestCache = new WeakMap<Map<string, Buffer>, Record<string, unknown>>();

async function versionDoc(r: RepoRequest, name: NpmName, v: PackageVersion): Promise<Record<string, unknown>> {
  const assets = await ensureAssets({ format: 'npm', namespace: name.scope, name: name.name }, v);
  const tgz = assets.get(NPM_ASSET);
  if (!tgz) throw new HttpError(500, `Version ${v.version} of ${name.full} has no ${NPM_ASSET}.`);
  let manifest = manifestCache.get(assets);
  if (!manifest) {
    try {
      manifest = await readNpmManifest(tgz);
    } catch {
      // A seed may give bytes that are not a real tarball; describe the version from its record instead.
      manifest = { description: v.summary ?? '', license: v.licenses[0]?.name, dependencies: v.dependencies };
    }
    manifestCache.set(assets, manifest);
  }
  const doc: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(manifest)) if (!k.startsWith('_')) doc[k] = value;
  Object.assign(doc, {
    name: name.full,
    version: v.version,
    _id: `${name.full}@${v.version}`,
    dist: {
      tarball: tarballUrl(r, name, v.version),
      shasum: createHash('sha1').update(tgz).digest('hex'),
      integrity: `sha512-${createHash('sha512').update(tgz).digest('base64')}`,
    },
  });
  if (v.deprecated) doc.deprecated = v.deprecated;
  else delete doc.deprecated;
  return doc;
}

function listedVersions(resolved: ResolvedPackage): ResolvedVersion[] {
  return [...resolved.versions.values()].filter((rv) => isListed(rv.version) && semver.valid(rv.version.version) !== null);
}

/** dist-tags that point at listed versions; `latest` falls back to the highest release, as npm expects one. */
function visibleDistTags(resolved: ResolvedPackage, listed: ResolvedVersion[]): Record<string, string> {
  const versions = new Set(listed.map((rv) => rv.version.version));
  const tags: Record<string, string> = {};
  for (const [tag, v] of Object.entries(resolved.distTags)) if (versions.has(v)) tags[tag] = v;
  if (!tags.latest && versions.size > 0) {
    const all = [...versions];
    const best = semver.rsort(all.filter((v) => semver.prerelease(v) === null))[0] ?? semver.rsort(all)[0];
    if (best) tags.latest = best;
  }
  return tags;
}

async function sendPackument(r: RepoRequest, name: NpmName): Promise<void> {
  r.ctx.count('npm:packument');
  const resolved = resolve(r, name);
  const listed = resolved ? listedVersions(resolved) : [];
  if (!resolved || listed.length === 0) throw new HttpError(404, `Package ${name.full} was not found.`);
  listed.sort((a, b) => semver.compare(a.version.version, b.version.version));
  const tags = visibleDistTags(resolved, listed);
  const docs = new Map<string, Record<string, unknown>>();
  for (const rv of listed) docs.set(rv.version.version, await versionDoc(r, name, rv.version));
  const times = listed.map((rv) => rv.version.publishedTime);
  const modified = new Date(Math.max(...times) * 1000).toISOString();
  if (abbreviatedWanted(r.req.headers.accept)) {
    const versions: Record<string, unknown> = {};
    for (const [v, doc] of docs) versions[v] = pick(doc, ABBREVIATED_FIELDS);
    sendJson(r.res, 200, { name: name.full, modified, 'dist-tags': tags, versions }, ABBREVIATED);
    return;
  }
  const time: Record<string, string> = { created: new Date(Math.min(...times) * 1000).toISOString(), modified };
  for (const rv of listed) time[rv.version.version] = new Date(rv.version.publishedTime * 1000).toISOString();
  const latest = tags.latest !== undefined ? resolved.versions.get(tags.latest)?.version : undefined;
  const latestDoc = tags.latest !== undefined ? docs.get(tags.latest) : undefined;
  sendJson(r.res, 200, {
    _id: name.full,
    name: name.full,
    description: latestDoc?.description ?? '',
    'dist-tags': tags,
    versions: Object.fromEntries(docs),
    time,
    ...(latest?.readme !== undefined ? { readme: latest.readme } : {}),
    ...(latestDoc?.license !== undefined ? { license: latestDoc.license } : {}),
  });
}

const ABBREVIATED_FIELDS = [
  'name',
  'version',
  'deprecated',
  'dependencies',
  'optionalDependencies',
  'devDependencies',
  'bundleDependencies',
  'peerDependencies',
  'peerDependenciesMeta',
  'bin',
  'directories',
  'dist',
  'engines',
  'cpu',
  'os',
  '_hasShrinkwrap',
];

function pick(doc: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (doc[f] !== undefined) out[f] = doc[f];
  return out;
}

function abbreviatedWanted(accept: string | undefined): boolean {
  // npm sends `application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*`.
  return accept !== undefined && accept.toLowerCase().includes(ABBREVIATED);
}

async function sendVersionManifest(r: RepoRequest, name: NpmName, spec: string): Promise<void> {
  r.ctx.count('npm:packument');
  const resolved = resolve(r, name);
  if (!resolved) throw new HttpError(404, `Package ${name.full} was not found.`);
  const listed = listedVersions(resolved);
  const version = visibleDistTags(resolved, listed)[spec] ?? spec;
  const rv = listed.find((x) => x.version.version === version);
  if (!rv) throw new HttpError(404, `Version ${spec} of ${name.full} was not found.`);
  sendJson(r.res, 200, await versionDoc(r, name, rv.version));
}

async function sendTarball(r: RepoRequest, name: NpmName, file: string): Promise<void> {
  r.ctx.count('npm:tarball');
  const prefix = `${name.name}-`;
  if (!file.startsWith(prefix) || !file.endsWith('.tgz')) throw new HttpError(404, `Not a tarball of ${name.full}: ${file}`);
  const version = file.slice(prefix.length, -'.tgz'.length);
  const resolved = resolve(r, name);
  const rv = resolved?.versions.get(version);
  if (!resolved || !rv || !isDownloadable(rv.version)) throw new HttpError(404, `Version ${version} of ${name.full} was not found.`);
  const assets = await ensureAssets({ format: 'npm', namespace: name.scope, name: name.name }, rv.version);
  const tgz = assets.get(NPM_ASSET);
  if (!tgz) throw new HttpError(404, `Version ${version} of ${name.full} has no tarball.`);
  r.ctx.store.retain(r.domain, resolved, rv);
  send(r.res, 200, 'application/octet-stream', tgz);
}

async function distTags(r: RepoRequest, name: NpmName, after: string[], method: string): Promise<void> {
  if (after.length === 0 && (method === 'GET' || method === 'HEAD')) {
    const resolved = resolve(r, name);
    if (!resolved) throw new HttpError(404, `Package ${name.full} was not found.`);
    sendJson(r.res, 200, visibleDistTags(resolved, listedVersions(resolved)));
    return;
  }
  const tag = after[0];
  if (after.length !== 1 || tag === undefined) throw new HttpError(404, 'Not found.');
  const pkg = r.ctx.store.getPackage(r.repo, 'npm', name.scope, name.name);
  if (method === 'PUT' || method === 'DELETE') assertMetadataAllowed(r, 'npm', name.scope, name.name);
  if (method === 'PUT') {
    const body = parseJson((await readBody(r.req, 1024 * 1024)).toString('utf8'));
    if (typeof body !== 'string' || semver.valid(body) === null) throw new HttpError(400, 'The body must be a JSON string holding a version.');
    const v = pkg?.versions.get(body);
    if (!pkg || !v || !isListed(v)) throw new HttpError(404, `Version ${body} of ${name.full} is not in repository ${r.repo.name}.`);
    pkg.distTags[tag] = body;
    sendJson(r.res, 201, { ok: true });
    return;
  }
  if (method === 'DELETE') {
    if (tag === 'latest') throw new HttpError(400, 'The latest tag cannot be removed.');
    if (!pkg || pkg.distTags[tag] === undefined) throw new HttpError(404, `Tag ${tag} was not found.`);
    delete pkg.distTags[tag];
    sendJson(r.res, 200, { ok: true });
    return;
  }
  throw methodNotAllowed(method);
}

interface PublishBody {
  name?: unknown;
  versions?: unknown;
  'dist-tags'?: unknown;
  _attachments?: unknown;
  readme?: unknown;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

async function publish(r: RepoRequest, name: NpmName): Promise<void> {
  r.ctx.count('npm:publish');
  const parsed = parseJson((await readBody(r.req)).toString('utf8'));
  if (!isRecord(parsed)) throw new HttpError(400, 'The publish body is not a JSON object.');
  const body: PublishBody = parsed;
  if (body.name !== name.full) throw new HttpError(400, `The body names ${String(body.name)}, the URL ${name.full}.`);
  if (!isRecord(body.versions) || Object.keys(body.versions).length === 0) throw new HttpError(400, 'The publish body has no versions.');
  const attachments = isRecord(body._attachments) ? body._attachments : undefined;
  if (!attachments) return updateMetadata(r, name, body.versions);
  assertPublishAllowed(r, 'npm', name.scope, name.name, name.full);
  const existing = r.ctx.store.getPackage(r.repo, 'npm', name.scope, name.name);

  // Check everything before storing anything, so a bad request leaves no half-published version.
  const toStore: { version: string; manifest: Record<string, unknown>; tgz: Buffer }[] = [];
  for (const [version, manifest] of Object.entries(body.versions)) {
    if (!isRecord(manifest) || semver.valid(version) === null) throw new HttpError(400, `Invalid version entry ${version}.`);
    if (existing?.versions.has(version)) {
      throw new HttpError(409, `Version ${version} of ${name.full} already exists in repository ${r.repo.name}; published versions cannot be overwritten.`);
    }
    // npm names the attachment after the full name (`@scope/name-1.0.0.tgz`); accept the bare file name too.
    const attachment = attachments[`${name.full}-${version}.tgz`] ?? attachments[tarballFile(name, version)];
    if (!isRecord(attachment) || typeof attachment.data !== 'string') throw new HttpError(400, `No tarball attached for version ${version}.`);
    const tgz = Buffer.from(attachment.data, 'base64');
    const dist = isRecord(manifest.dist) ? manifest.dist : {};
    if (typeof dist.integrity === 'string' && dist.integrity.startsWith('sha512-')) {
      const actual = `sha512-${createHash('sha512').update(tgz).digest('base64')}`;
      if (actual !== dist.integrity) throw new HttpError(400, `The tarball of version ${version} does not match its integrity.`);
    }
    try {
      await readNpmManifest(tgz);
    } catch (err) {
      throw new HttpError(400, `The tarball of version ${version} is not a valid npm tarball: ${(err as Error).message}`);
    }
    toStore.push({ version, manifest, tgz });
  }
  const pkg = packageForPublish(r, 'npm', name.scope, name.name);
  const now = r.ctx.store.now() / 1000;
  for (const { version, manifest, tgz } of toStore) {
    const deps = isRecord(manifest.dependencies) ? manifest.dependencies : {};
    pkg.versions.set(version, {
      version,
      status: 'Published',
      publishedTime: now,
      revision: newRevision(),
      summary: typeof manifest.description === 'string' ? manifest.description : undefined,
      homePage: typeof manifest.homepage === 'string' ? manifest.homepage : undefined,
      licenses: typeof manifest.license === 'string' ? [{ name: manifest.license }] : [],
      dependencies: Object.fromEntries(Object.entries(deps).map(([k, v]) => [k, String(v)])),
      readme: typeof body.readme === 'string' ? body.readme : undefined,
      origin: { originType: 'INTERNAL', domainEntryPoint: { repositoryName: r.repo.name } },
      assets: new Map([[NPM_ASSET, tgz]]),
    });
  }
  if (isRecord(body['dist-tags'])) {
    for (const [tag, v] of Object.entries(body['dist-tags'])) if (typeof v === 'string' && pkg.versions.has(v)) pkg.distTags[tag] = v;
  }
  sendJson(r.res, 200, { ok: true, id: name.full });
}

/** `npm deprecate` and friends: a PUT of the packument without attachments. Only `deprecated` is honoured. */
function updateMetadata(r: RepoRequest, name: NpmName, versions: Record<string, unknown>): void {
  const pkg = r.ctx.store.getPackage(r.repo, 'npm', name.scope, name.name);
  if (!pkg) throw new HttpError(404, `Package ${name.full} is not in repository ${r.repo.name}.`);
  for (const [version, manifest] of Object.entries(versions)) {
    const v = pkg.versions.get(version);
    if (!v || !isRecord(manifest)) continue;
    v.deprecated = typeof manifest.deprecated === 'string' && manifest.deprecated !== '' ? manifest.deprecated : undefined;
  }
  sendJson(r.res, 200, { ok: true, id: name.full });
}
