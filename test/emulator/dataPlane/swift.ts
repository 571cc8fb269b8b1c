// The Swift package registry API (SE-0292; swift-package-manager Documentation/PackageRegistry/Registry.md) as
// CodeArtifact serves it at `…/swift/REPO/`: list releases, release metadata, Package.swift, the source archive,
// identifier lookup, publish (multipart PUT) and `swift package-registry login`'s POST /login. Scopes are
// CodeArtifact namespaces; scope and name are stored lowercase, versions as given (SemVer 2 only). There is no
// external connection for Swift. Errors are problem details (http.ts sendError).
import { createHash } from 'node:crypto';
import { strToU8, unzipSync, zipSync } from 'fflate';
import semver from 'semver';
import type { PackageVersion } from '../model';
import { newRevision } from '../model';
import { decodeSegment, HttpError, methodNotAllowed, readMultipart, send, sendJson } from './http';
import { isDownloadable, isListed } from './npm';
import { assertPublishAllowed, packageForPublish } from './publish';
import type { RepoRequest } from './router';

const SCOPE = /^[a-zA-Z0-9](?:[a-zA-Z0-9]|-(?=[a-zA-Z0-9])){0,38}$/;
const NAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9]|[-_](?=[a-zA-Z0-9])){0,99}$/;
const ZIP_MTIME = new Date('1980-01-02T00:00:00Z');
/** Asset names CodeArtifact keeps for a Swift release: the source archive (and the manifest read from it). */
const ARCHIVE = (name: string, version: string): string => `${name}-${version}.zip`;

type Wanted = 'json' | 'zip' | 'swift';

/**
 * SE-0292 §3.5: `application/vnd.swift.registry[.vN][+json|zip|swift]`. No Accept, or a generic one, is served as v1;
 * an invalid version is 400, a valid but unsupported one 415.
 */
function checkAccept(r: RepoRequest, wanted: Wanted): void {
  const accept = r.req.headers.accept;
  if (accept === undefined) return;
  for (const part of accept.split(',')) {
    const type = (part.split(';')[0] ?? '').trim().toLowerCase();
    const m = /^application\/vnd\.swift\.registry(?:\.v([^+]*))?(?:\+(.*))?$/.exec(type);
    if (!m) continue;
    if (m[1] !== undefined && !/^\d+$/.test(m[1])) throw new HttpError(400, 'invalid API version');
    if (m[1] !== undefined && m[1] !== '1') throw new HttpError(415, 'unsupported API version');
    if (m[2] !== undefined && m[2] !== wanted) throw new HttpError(415, `this resource is served as application/vnd.swift.registry.v1+${wanted}, not +${m[2]}`);
  }
}

export async function handleSwift(r: RepoRequest): Promise<void> {
  const method = r.req.method ?? 'GET';
  r.res.setHeader('Content-Version', '1');
  const segments = r.rest.split('/').map(decodeSegment);
  if (segments.length === 1 && segments[0] === 'login') {
    if (method !== 'POST') throw methodNotAllowed(method);
    r.ctx.count('swift:login');
    send(r.res, 200, 'text/plain; charset=utf-8', Buffer.from(''));
    return;
  }
  if (segments.length === 1 && segments[0] === 'identifiers') return identifiers(r);
  const [scope = '', name = '', version, file] = segments;
  if (!SCOPE.test(scope)) throw new HttpError(404, `Not a package scope: ${scope}`);
  if (segments.length === 2) {
    if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(method);
    return listReleases(r, scope, name.replace(/\.json$/, ''));
  }
  if (!NAME.test(name) || version === undefined) throw new HttpError(404, 'Not found.');
  if (segments.length === 3 && method === 'PUT') return publish(r, scope, name, version);
  if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(method);
  if (segments.length === 3 && version.endsWith('.zip')) return archive(r, scope, name, version.slice(0, -4));
  if (segments.length === 3) return metadata(r, scope, name, version.replace(/\.json$/, ''));
  if (segments.length === 4 && file === 'Package.swift') return manifest(r, scope, name, version);
  throw new HttpError(404, 'Not found.');
}

function releaseUrl(r: RepoRequest, scope: string, name: string, version: string): string {
  return `${r.base}/${scope}/${name}/${version}`;
}

function releases(r: RepoRequest, scope: string, name: string): { version: string; v: PackageVersion }[] {
  if (!NAME.test(name)) throw new HttpError(404, 'Not found.');
  const resolved = r.ctx.store.resolvePackage(r.domain, r.repo.name, 'swift', scope, name);
  const out = [...(resolved?.versions.values() ?? [])].map((rv) => ({ version: rv.version.version, v: rv.version }));
  if (out.length === 0) throw new HttpError(404, `Package ${scope}.${name} was not found.`);
  return out.sort((a, b) => semver.rcompare(a.version, b.version));
}

function listReleases(r: RepoRequest, scope: string, name: string): void {
  checkAccept(r, 'json');
  r.ctx.count('swift:list');
  const all = releases(r, scope, name).filter((e) => isListed(e.v) || e.v.status === 'Unlisted' || e.v.status === 'Archived');
  const body: Record<string, { url: string; problem?: { status: number; title: string; detail: string } }> = {};
  for (const { version, v } of all) {
    body[version] = {
      url: releaseUrl(r, scope, name, version),
      // §4.1: an unavailable release stays listed with a problem; clients skip it.
      ...(isListed(v) ? {} : { problem: { status: 410, title: 'Gone', detail: `this release is ${v.status} in the repository` } }),
    };
  }
  const latest = all.find((e) => isListed(e.v));
  if (latest) r.res.setHeader('Link', `<${releaseUrl(r, scope, name, latest.version)}>; rel="latest-version"`);
  sendJson(r.res, 200, { releases: body });
}

async function release(r: RepoRequest, scope: string, name: string, version: string): Promise<{ v: PackageVersion; data: Buffer }> {
  const found = releases(r, scope, name).find((e) => e.version === version);
  if (!found || !isDownloadable(found.v)) throw new HttpError(404, `Release ${version} of ${scope}.${name} was not found.`);
  const data = found.v.assets.get(ARCHIVE(name, version)) ?? [...found.v.assets.values()][0] ?? sourceArchive(name, version);
  if (found.v.assets.size === 0) found.v.assets.set(ARCHIVE(name, version), data);
  return { v: found.v, data };
}

async function metadata(r: RepoRequest, scope: string, name: string, version: string): Promise<void> {
  checkAccept(r, 'json');
  r.ctx.count('swift:metadata');
  const { v, data } = await release(r, scope, name, version);
  sendJson(r.res, 200, {
    id: `${scope}.${name}`,
    version,
    resources: [{ name: 'source-archive', type: 'application/zip', checksum: createHash('sha256').update(data).digest('hex') }],
    metadata: { ...(v.summary !== undefined ? { description: v.summary } : {}), ...(v.sourceCodeRepository !== undefined ? { repositoryURLs: [v.sourceCodeRepository] } : {}) },
    publishedAt: new Date(v.publishedTime * 1000).toISOString(),
  });
}

async function archive(r: RepoRequest, scope: string, name: string, version: string): Promise<void> {
  checkAccept(r, 'zip');
  r.ctx.count('swift:archive');
  const { data } = await release(r, scope, name, version);
  send(r.res, 200, 'application/zip', data, {
    'Content-Disposition': `attachment; filename="${ARCHIVE(name, version)}"`,
    Digest: `sha-256=${createHash('sha256').update(data).digest('base64')}`,
    'Cache-Control': 'public, immutable',
  });
}

async function manifest(r: RepoRequest, scope: string, name: string, version: string): Promise<void> {
  checkAccept(r, 'swift');
  r.ctx.count('swift:manifest');
  const { data } = await release(r, scope, name, version);
  const files = unzipSync(new Uint8Array(data));
  const wantedVersion = r.url.searchParams.get('swift-version');
  const pick = (file: string): Uint8Array | undefined => Object.entries(files).find(([path]) => path === file || path.endsWith(`/${file}`) && path.split('/').length === 2)?.[1];
  if (wantedVersion !== null) {
    const specific = pick(`Package@swift-${wantedVersion}.swift`);
    if (!specific) {
      // §4.3.1: no such manifest → 303 to the unqualified one.
      r.res.statusCode = 303;
      r.res.setHeader('Location', `${releaseUrl(r, scope, name, version)}/Package.swift`);
      r.res.end();
      return;
    }
    send(r.res, 200, 'text/x-swift', Buffer.from(specific), { 'Content-Disposition': `attachment; filename="Package@swift-${wantedVersion}.swift"` });
    return;
  }
  const text = pick('Package.swift');
  if (!text) throw new HttpError(404, `Release ${version} of ${scope}.${name} has no Package.swift.`);
  send(r.res, 200, 'text/x-swift', Buffer.from(text), { 'Content-Disposition': 'attachment; filename="Package.swift"', 'Cache-Control': 'public, immutable' });
}

function identifiers(r: RepoRequest): void {
  checkAccept(r, 'json');
  const url = r.url.searchParams.get('url');
  if (!url) throw new HttpError(400, 'the url query parameter is required');
  const norm = (u: string): string => u.trim().toLowerCase().replace(/\.git$/, '').replace(/\/$/, '');
  const ids = new Set<string>();
  for (const pkg of r.repo.packages.values()) {
    if (pkg.format !== 'swift') continue;
    if ([...pkg.versions.values()].some((v) => v.sourceCodeRepository !== undefined && norm(v.sourceCodeRepository) === norm(url))) ids.add(`${pkg.namespace ?? ''}.${pkg.name}`);
  }
  if (ids.size === 0) throw new HttpError(404, `No package is registered for ${url}.`);
  sendJson(r.res, 200, { identifiers: [...ids] });
}

async function publish(r: RepoRequest, scope: string, name: string, version: string): Promise<void> {
  r.ctx.count('swift:publish');
  checkAccept(r, 'json');
  if (semver.valid(version) === null) throw new HttpError(400, `${version} is not a Semantic Versioning 2.0 version, which CodeArtifact requires for Swift.`);
  if (r.req.headers.expect !== undefined) throw new HttpError(417, "expectations aren't supported");
  const form = await readMultipart(r.req, 'A release must be published as multipart/form-data.');
  const part = form.get('source-archive');
  if (part === null) throw new HttpError(400, 'The source-archive part is required.');
  const data = typeof part === 'string' ? Buffer.from(part, 'binary') : Buffer.from(await part.arrayBuffer());
  let hasManifest: boolean;
  try {
    hasManifest = Object.keys(unzipSync(new Uint8Array(data))).some((p) => p === 'Package.swift' || (p.endsWith('/Package.swift') && p.split('/').length === 2));
  } catch {
    throw new HttpError(422, 'the source archive is not a zip file');
  }
  if (!hasManifest) throw new HttpError(422, "package doesn't contain a valid manifest (Package.swift) file");
  let meta: { description?: unknown; repositoryURLs?: unknown } = {};
  const metaPart = form.get('metadata');
  if (metaPart !== null) {
    try {
      const parsed: unknown = JSON.parse(typeof metaPart === 'string' ? metaPart : await metaPart.text());
      if (typeof parsed === 'object' && parsed !== null) meta = parsed;
    } catch {
      throw new HttpError(422, 'the metadata is not JSON');
    }
  }
  assertPublishAllowed(r, 'swift', scope.toLowerCase(), name, `${scope}.${name}`);
  const existing = r.ctx.store.getPackage(r.repo, 'swift', scope, name);
  if (existing?.versions.has(version)) throw new HttpError(409, `a release with version ${version} already exists`);
  const pkg = packageForPublish(r, 'swift', scope, name);
  const urls = Array.isArray(meta.repositoryURLs) ? meta.repositoryURLs.filter((u): u is string => typeof u === 'string') : [];
  pkg.versions.set(version, {
    version,
    status: 'Published',
    publishedTime: r.ctx.store.now() / 1000,
    revision: newRevision(),
    ...(typeof meta.description === 'string' ? { summary: meta.description } : {}),
    ...(urls[0] !== undefined ? { sourceCodeRepository: urls[0] } : {}),
    licenses: [],
    dependencies: {},
    origin: { originType: 'INTERNAL', domainEntryPoint: { repositoryName: r.repo.name } },
    assets: new Map([[ARCHIVE(name.toLowerCase(), version), data]]),
  });
  r.res.setHeader('Location', releaseUrl(r, scope, name, version));
  send(r.res, 201, 'application/json', Buffer.from('{}'));
}

/** What `swift package archive-source` makes: the package directory zipped, with its Package.swift. */
export function sourceArchive(name: string, version: string): Buffer {
  const manifestText = `// swift-tools-version:5.7\nimport PackageDescription\n\nlet package = Package(\n    name: ${JSON.stringify(name)},\n    products: [.library(name: ${JSON.stringify(name)}, targets: [${JSON.stringify(name)}])],\n    targets: [.target(name: ${JSON.stringify(name)})]\n)\n`;
  return Buffer.from(
    zipSync(
      {
        [`${name}/Package.swift`]: strToU8(manifestText),
        [`${name}/Sources/${name}/${name}.swift`]: strToU8(`public let version = ${JSON.stringify(version)}\n`),
      },
      { mtime: ZIP_MTIME },
    ),
  );
}

