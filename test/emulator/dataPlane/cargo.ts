// The Cargo registry as CodeArtifact serves it (sparse protocol, cargo ≥ 1.74): `config.json`, index files at
// the prefix paths (`1/a`, `2/ab`, `3/a/abc`, `ab/cd/abcd…`) with one JSON line per version, `.crate`
// downloads, and the web API's publish (`PUT /api/v1/crates/new`), yank and unyank.
//
// Statuses, mapped as for npm: Published versions are listed; Unlisted ones are listed with `"yanked": true`
// (cargo's own "still downloadable, not picked for new lockfiles"); Archived, Unfinished, Disposed and
// Deleted are neither listed nor downloadable.
import { createHash } from 'node:crypto';
import type { PackageVersion, ResolvedPackage, ResolvedVersion } from '../model';
import { newRevision } from '../model';
import { crateFile, parsePublishBody } from './cargoCrate';
import { decodeSegment, HttpError, methodNotAllowed, readBody, send, sendJson } from './http';
import { assertPublishAllowed, packageForPublish } from './publish';
import type { RepoRequest } from './router';

/** Cargo's crate name rule (alphanumerics, `-`, `_`; at most 64 characters). */
const CRATE_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
/** SemVer 2.0 (cargo refuses anything else). */
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** One dependency in an index line (the sparse index's schema). */
export interface IndexDependency {
  name: string;
  req: string;
  features: string[];
  optional: boolean;
  default_features: boolean;
  target: string | null;
  kind: 'normal' | 'dev' | 'build';
  registry?: string | null;
  package?: string | null;
}

interface CrateExtras {
  deps: IndexDependency[];
  features: Record<string, string[]>;
  links: string | null;
  rustVersion?: string;
}

// Keyed by the assets map, which every retained copy of a version shares.
const extrasCache = new WeakMap<Map<string, Buffer>, CrateExtras>();

export function crateAssetName(name: string, version: string): string {
  return `${name}-${version}.crate`;
}

/** The index file path of a crate name (lower-cased, as cargo asks). */
export function indexPath(name: string): string {
  const n = name.toLowerCase();
  if (n.length === 1) return `1/${n}`;
  if (n.length === 2) return `2/${n}`;
  if (n.length === 3) return `3/${n.slice(0, 1)}/${n}`;
  return `${n.slice(0, 2)}/${n.slice(2, 4)}/${n}`;
}

function isListed(v: PackageVersion): boolean {
  return v.status === 'Published' || v.status === 'Unlisted';
}

export async function handleCargo(r: RepoRequest): Promise<void> {
  const method = r.req.method ?? 'GET';
  const parts = r.rest.split('/');
  const read = method === 'GET' || method === 'HEAD';
  if (r.rest === 'config.json') {
    if (!read) throw methodNotAllowed(method);
    r.ctx.count('cargo:config');
    sendJson(r.res, 200, { dl: `${r.base}/api/v1/crates`, api: r.base, 'auth-required': true });
    return;
  }
  if (parts[0] === 'api' && parts[1] === 'v1' && parts[2] === 'crates') {
    const [, , , name = '', version = '', action = '', extra] = parts;
    if (extra !== undefined) throw new HttpError(404, 'Not found.');
    if (name === 'new' && version === '') {
      if (method !== 'PUT') throw methodNotAllowed(method);
      return publish(r);
    }
    const crate = decodeSegment(name);
    const vers = decodeSegment(version);
    if (action === 'download' && read) return download(r, crate, vers);
    if (action === 'yank' && method === 'DELETE') return setYanked(r, crate, vers, true);
    if (action === 'unyank' && method === 'PUT') return setYanked(r, crate, vers, false);
    throw new HttpError(404, 'Not found.');
  }
  const name = decodeSegment(parts[parts.length - 1] ?? '');
  if (read && CRATE_NAME.test(name) && indexPath(name) === r.rest) return sendIndex(r, name);
  throw new HttpError(404, 'Not found.');
}

function resolve(r: RepoRequest, name: string): ResolvedPackage | undefined {
  return r.ctx.store.resolvePackage(r.domain, r.repo.name, 'cargo', undefined, name.toLowerCase());
}

async function extrasOf(name: string, v: PackageVersion): Promise<{ crate: Buffer; extras: CrateExtras }> {
  let crate = v.assets.get(crateAssetName(name, v.version));
  if (!crate) {
    if (v.assets.size > 0) throw new HttpError(500, `Version ${v.version} of ${name} has no .crate file.`);
    crate = await crateFile({ name, version: v.version, description: v.summary, license: v.licenses[0]?.name, dependencies: v.dependencies });
    if (v.assets.size === 0) v.assets.set(crateAssetName(name, v.version), crate);
    crate = v.assets.get(crateAssetName(name, v.version)) ?? crate;
  }
  let extras = extrasCache.get(v.assets);
  if (!extras) {
    const deps = Object.entries(v.dependencies).map(([dep, req]): IndexDependency => ({ name: dep, req, features: [], optional: false, default_features: true, target: null, kind: 'normal' }));
    extras = { deps, features: {}, links: null };
    extrasCache.set(v.assets, extras);
  }
  return { crate, extras };
}

async function sendIndex(r: RepoRequest, name: string): Promise<void> {
  r.ctx.count('cargo:index');
  const resolved = resolve(r, name);
  const listed = resolved ? [...resolved.versions.values()].filter((rv) => isListed(rv.version) && SEMVER.test(rv.version.version)) : [];
  if (!resolved || listed.length === 0) throw new HttpError(404, `Crate ${name} was not found.`);
  listed.sort((a, b) => a.version.publishedTime - b.version.publishedTime);
  const lines: string[] = [];
  for (const rv of listed) {
    const { crate, extras } = await extrasOf(resolved.name, rv.version);
    lines.push(
      JSON.stringify({
        name: resolved.name,
        vers: rv.version.version,
        deps: extras.deps,
        cksum: createHash('sha256').update(crate).digest('hex'),
        features: extras.features,
        yanked: rv.version.status === 'Unlisted',
        links: extras.links,
        ...(extras.rustVersion !== undefined ? { rust_version: extras.rustVersion } : {}),
      }),
    );
  }
  send(r.res, 200, 'text/plain; charset=utf-8', Buffer.from(`${lines.join('\n')}\n`));
}

async function download(r: RepoRequest, name: string, version: string): Promise<void> {
  r.ctx.count('cargo:download');
  const resolved = resolve(r, name);
  const rv: ResolvedVersion | undefined = resolved?.versions.get(version);
  if (!resolved || !rv || !isListed(rv.version)) throw new HttpError(404, `Version ${version} of crate ${name} was not found.`);
  const { crate } = await extrasOf(resolved.name, rv.version);
  r.ctx.store.retain(r.domain, resolved, rv);
  send(r.res, 200, 'application/x-tar', crate);
}

function str(x: unknown): string | undefined {
  return typeof x === 'string' ? x : undefined;
}

/** Publish metadata's `deps` (with `version_req`, `explicit_name_in_toml`) → index deps (`req`, `package`). */
function indexDeps(r: RepoRequest, raw: unknown): IndexDependency[] {
  if (!Array.isArray(raw)) throw new HttpError(400, 'The publish metadata has no deps array.');
  const ownIndex = `sparse+${r.base}/`;
  return raw.map((d: unknown, i): IndexDependency => {
    if (typeof d !== 'object' || d === null) throw new HttpError(400, `deps[${i}] is not an object.`);
    const o = d as Record<string, unknown>;
    const name = str(o.name);
    const req = str(o.version_req);
    if (name === undefined || req === undefined) throw new HttpError(400, `deps[${i}] needs name and version_req.`);
    const explicit = str(o.explicit_name_in_toml);
    const kind = o.kind === 'dev' || o.kind === 'build' ? o.kind : 'normal';
    const registry = str(o.registry);
    return {
      name: explicit ?? name,
      req,
      features: Array.isArray(o.features) ? o.features.filter((f): f is string => typeof f === 'string') : [],
      optional: o.optional === true,
      default_features: o.default_features !== false,
      target: str(o.target) ?? null,
      kind,
      registry: registry === undefined || registry === ownIndex ? null : registry,
      package: explicit !== undefined ? name : null,
    };
  });
}

async function publish(r: RepoRequest): Promise<void> {
  r.ctx.count('cargo:publish');
  const { metadata, crate } = parsePublishBody(await readBody(r.req));
  const name = str(metadata.name);
  const version = str(metadata.vers);
  if (name === undefined || !CRATE_NAME.test(name)) throw new HttpError(400, `Invalid crate name ${JSON.stringify(metadata.name)}.`);
  if (version === undefined || !SEMVER.test(version)) throw new HttpError(400, `Invalid version ${JSON.stringify(metadata.vers)}.`);
  const deps = indexDeps(r, metadata.deps);
  const lower = name.toLowerCase();
  assertPublishAllowed(r, 'cargo', undefined, lower, name);
  const existing = resolve(r, lower);
  if (existing?.versions.has(version)) throw new HttpError(409, `Version ${version} of crate ${name} already exists; published versions cannot be overwritten.`);
  const features: Record<string, string[]> = {};
  if (typeof metadata.features === 'object' && metadata.features !== null) {
    for (const [k, v] of Object.entries(metadata.features as Record<string, unknown>)) if (Array.isArray(v)) features[k] = v.filter((f): f is string => typeof f === 'string');
  }
  const pkg = packageForPublish(r, 'cargo', undefined, lower);
  const assets = new Map([[crateAssetName(lower, version), crate]]);
  const rustVersion = str(metadata.rust_version);
  extrasCache.set(assets, { deps, features, links: str(metadata.links) ?? null, ...(rustVersion !== undefined ? { rustVersion } : {}) });
  const license = str(metadata.license);
  pkg.versions.set(version, {
    version,
    status: 'Published',
    publishedTime: r.ctx.store.now() / 1000,
    revision: newRevision(),
    summary: str(metadata.description),
    homePage: str(metadata.homepage),
    sourceCodeRepository: str(metadata.repository),
    licenses: license !== undefined ? [{ name: license }] : [],
    dependencies: Object.fromEntries(deps.filter((d) => d.kind === 'normal').map((d) => [d.name, d.req])),
    readme: str(metadata.readme),
    origin: { originType: 'INTERNAL', domainEntryPoint: { repositoryName: r.repo.name } },
    assets,
  });
  sendJson(r.res, 200, { warnings: { invalid_categories: [], invalid_badges: [], other: [] } });
}

function setYanked(r: RepoRequest, name: string, version: string, yanked: boolean): void {
  r.ctx.count(yanked ? 'cargo:yank' : 'cargo:unyank');
  const lower = name.toLowerCase();
  assertPublishAllowed(r, 'cargo', undefined, lower, name);
  const v = r.ctx.store.getPackage(r.repo, 'cargo', undefined, lower)?.versions.get(version);
  if (!v || !isListed(v)) throw new HttpError(404, `Version ${version} of crate ${name} is not in repository ${r.repo.name}.`);
  v.status = yanked ? 'Unlisted' : 'Published';
  sendJson(r.res, 200, { ok: true });
}
