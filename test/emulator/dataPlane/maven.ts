// The Maven repository layout: poms, jars, checksums, generated maven-metadata.xml, and PUT publishing
// (a version stays Unfinished until its maven-metadata.xml arrives). External connections may be backed by
// directories in Maven layout (ExternalSource.mavenDirs): any file found there is served through the
// connection and the version it belongs to is retained like any other upstream version.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { ensureAssets } from '../artifacts';
import type { Domain, ExternalSource, Package, ResolvedPackage, ResolvedVersion } from '../model';
import { newRevision, packageKey } from '../model';
import { decodeSegment, HttpError, methodNotAllowed, readBody, send } from './http';
import { isDownloadable, isListed } from './npm';
import { assertPublishAllowed, packageForPublish } from './publish';
import type { RepoRequest } from './router';

const METADATA = 'maven-metadata.xml';
const CHECKSUMS: Record<string, string> = { '.sha1': 'sha1', '.md5': 'md5', '.sha256': 'sha256', '.sha512': 'sha512' };

type MavenPath =
  | { kind: 'artifact'; groupId: string; artifactId: string; version: string; file: string }
  | { kind: 'metadata'; groupId: string; artifactId: string }
  | { kind: 'other' };

function parsePath(segments: string[]): MavenPath {
  const last = segments[segments.length - 1] ?? '';
  if (last === METADATA && segments.length >= 3) {
    return { kind: 'metadata', groupId: segments.slice(0, -2).join('.'), artifactId: segments[segments.length - 2] ?? '' };
  }
  if (segments.length >= 4) {
    const artifactId = segments[segments.length - 3] ?? '';
    const version = segments[segments.length - 2] ?? '';
    if (last.startsWith(`${artifactId}-${version}`)) {
      return { kind: 'artifact', groupId: segments.slice(0, -3).join('.'), artifactId, version, file: last };
    }
  }
  return { kind: 'other' };
}

function splitPath(rest: string): string[] {
  if (rest === '') throw new HttpError(404, 'This is a Maven repository; ask for a file in it.');
  const segments = rest.split('/').map(decodeSegment);
  // A decoded `%2F` must not smuggle `..` into a backing-directory path.
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('/') || s.includes('\\'))) throw new HttpError(400, `Invalid Maven path: /${rest}`);
  return segments;
}

export async function handleMaven(r: RepoRequest): Promise<void> {
  const method = r.req.method ?? 'GET';
  const segments = splitPath(r.rest);
  if (method === 'GET' || method === 'HEAD') {
    r.ctx.count('maven:get');
    const found = await getFile(r, segments);
    if (!found) throw new HttpError(404, `Not found: /${r.rest}`);
    send(r.res, 200, contentType(segments[segments.length - 1] ?? ''), found.data);
    found.retain?.();
    return;
  }
  if (method === 'PUT') {
    r.ctx.count('maven:put');
    return put(r, segments);
  }
  throw methodNotAllowed(method);
}

function contentType(file: string): string {
  if (file.endsWith('.pom') || file.endsWith('.xml')) return 'text/xml';
  if (file.endsWith('.jar')) return 'application/java-archive';
  if (Object.keys(CHECKSUMS).some((ext) => file.endsWith(ext))) return 'text/plain';
  return 'application/octet-stream';
}

interface Found {
  data: Buffer;
  /** Called once the bytes went out: keeps the version in the requested repository. */
  retain?: () => void;
}

async function getFile(r: RepoRequest, segments: string[]): Promise<Found | undefined> {
  const last = segments[segments.length - 1] ?? '';
  const ext = Object.keys(CHECKSUMS).find((e) => last.endsWith(e));
  if (ext) {
    // Checksums are computed from the file itself, so they always agree with it.
    const base = await getFile(r, [...segments.slice(0, -1), last.slice(0, -ext.length)]);
    if (!base) return undefined;
    return { data: Buffer.from(createHash(CHECKSUMS[ext] ?? 'sha1').update(base.data).digest('hex')) };
  }
  const path = parsePath(segments);
  if (path.kind === 'metadata') {
    const data = await metadata(r, path.groupId, path.artifactId);
    if (data) return { data };
  }
  if (path.kind === 'artifact') return artifactFile(r, path, segments);
  return rawDirFile(r, segments);
}

function resolveMaven(r: RepoRequest, groupId: string, artifactId: string): ResolvedPackage | undefined {
  return r.ctx.store.resolvePackage(r.domain, r.repo.name, 'maven', groupId, artifactId);
}

async function artifactFile(r: RepoRequest, p: Extract<MavenPath, { kind: 'artifact' }>, segments: string[]): Promise<Found | undefined> {
  let resolved = resolveMaven(r, p.groupId, p.artifactId);
  let rv = resolved?.versions.get(p.version);
  if (rv && isDownloadable(rv.version)) {
    const assets = await ensureAssets({ format: 'maven', namespace: p.groupId, name: p.artifactId }, rv.version);
    const data = assets.get(p.file);
    if (data) return withRetain(r, resolved, rv, data);
  }
  // Not in the store (or this file is not): look in the directories behind reachable external connections.
  for (const source of reachableMavenSources(r.ctx.store.external, r.domain, r.repo.name)) {
    const data = await readDirFile(source.mavenDirs, segments);
    if (!data) continue;
    const modified = (await statDirFile(source.mavenDirs, segments)) ?? 0;
    materialize(source, p.groupId, p.artifactId, p.version, p.file, data, modified);
    resolved = resolveMaven(r, p.groupId, p.artifactId);
    rv = resolved?.versions.get(p.version);
    if (rv && isDownloadable(rv.version) && rv.version.assets.get(p.file)) return withRetain(r, resolved, rv, data);
    return undefined;
  }
  return undefined;
}

function withRetain(r: RepoRequest, resolved: ResolvedPackage | undefined, rv: ResolvedVersion, data: Buffer): Found {
  return { data, retain: () => (resolved ? void r.ctx.store.retain(r.domain, resolved, rv) : undefined) };
}

/** Adds a file found in a backing directory to the external source, as if Maven Central had it. */
function materialize(source: ExternalSource, groupId: string, artifactId: string, version: string, file: string, data: Buffer, mtimeMs: number): void {
  const key = packageKey('maven', groupId, artifactId);
  let pkg: Package | undefined = source.packages.get(key);
  if (!pkg) {
    pkg = {
      format: 'maven',
      namespace: groupId,
      name: artifactId,
      distTags: {},
      versions: new Map(),
      originConfiguration: { restrictions: { publish: 'ALLOW', upstream: 'ALLOW' } },
    };
    source.packages.set(key, pkg);
  }
  let v = pkg.versions.get(version);
  if (!v) {
    v = {
      version,
      status: 'Published',
      publishedTime: Math.floor(mtimeMs / 1000),
      revision: newRevision(),
      licenses: [],
      dependencies: {},
      origin: { originType: 'EXTERNAL', domainEntryPoint: { externalConnectionName: source.name } },
      assets: new Map(),
    };
    pkg.versions.set(version, v);
  }
  if (!v.assets.has(file)) v.assets.set(file, data);
}

/** The Maven external sources with backing directories that `repoName` reaches through its upstreams. */
function reachableMavenSources(external: Map<string, ExternalSource>, domain: Domain, repoName: string): ExternalSource[] {
  const out: ExternalSource[] = [];
  const visited = new Set<string>();
  const visit = (name: string): void => {
    if (visited.has(name)) return;
    visited.add(name);
    const repo = domain.repositories.get(name);
    if (!repo) return;
    for (const up of repo.upstreams) visit(up);
    const source = repo.externalConnection ? external.get(repo.externalConnection) : undefined;
    if (source?.format === 'maven' && source.mavenDirs.length > 0 && !out.includes(source)) out.push(source);
  };
  visit(repoName);
  return out;
}

async function readDirFile(dirs: string[], segments: string[]): Promise<Buffer | undefined> {
  for (const dir of dirs) {
    try {
      const path = join(dir, ...segments);
      if ((await stat(path)).isFile()) return await readFile(path);
    } catch {
      // Not in this directory; try the next.
    }
  }
  return undefined;
}

async function statDirFile(dirs: string[], segments: string[]): Promise<number | undefined> {
  for (const dir of dirs) {
    try {
      return (await stat(join(dir, ...segments))).mtimeMs;
    } catch {
      // Not here.
    }
  }
  return undefined;
}

async function rawDirFile(r: RepoRequest, segments: string[]): Promise<Found | undefined> {
  for (const source of reachableMavenSources(r.ctx.store.external, r.domain, r.repo.name)) {
    const data = await readDirFile(source.mavenDirs, segments);
    if (data) return { data };
  }
  return undefined;
}

/** Versions present as `artifact/VERSION/artifact-VERSION.pom` in backing directories, with the pom's mtime. */
async function dirVersions(dirs: string[], groupId: string, artifactId: string): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (const dir of dirs) {
    const base = join(dir, ...groupId.split('.'), artifactId);
    let entries: string[];
    try {
      entries = await readdir(base);
    } catch {
      continue;
    }
    for (const v of entries) {
      try {
        const pom = await stat(join(base, v, `${artifactId}-${v}.pom`));
        if (pom.isFile() && !found.has(v)) found.set(v, pom.mtimeMs / 1000);
      } catch {
        // A directory without a pom is not a version.
      }
    }
  }
  return found;
}

async function metadata(r: RepoRequest, groupId: string, artifactId: string): Promise<Buffer | undefined> {
  r.ctx.count('maven:metadata');
  const resolved = resolveMaven(r, groupId, artifactId);
  const versions = new Set<string>();
  let newest = 0;
  for (const rv of resolved?.versions.values() ?? []) {
    if (!isListed(rv.version)) continue;
    versions.add(rv.version.version);
    newest = Math.max(newest, rv.version.publishedTime);
  }
  for (const source of reachableMavenSources(r.ctx.store.external, r.domain, r.repo.name)) {
    for (const [v, mtime] of await dirVersions(source.mavenDirs, groupId, artifactId)) {
      versions.add(v);
      newest = Math.max(newest, mtime);
    }
  }
  if (versions.size === 0) return undefined;
  return renderMetadata(groupId, artifactId, [...versions], newest);
}

export function renderMetadata(groupId: string, artifactId: string, versions: string[], newestEpochSeconds: number): Buffer {
  const sorted = [...versions].sort(compareMavenVersions);
  const releases = sorted.filter((v) => !v.endsWith('-SNAPSHOT'));
  // lastUpdated comes from the data, not the clock, so the file and its checksum stay stable.
  const lastUpdated = new Date(newestEpochSeconds * 1000).toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const text =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<metadata>\n' +
    `  <groupId>${groupId}</groupId>\n` +
    `  <artifactId>${artifactId}</artifactId>\n` +
    '  <versioning>\n' +
    `    <latest>${sorted[sorted.length - 1] ?? ''}</latest>\n` +
    (releases.length ? `    <release>${releases[releases.length - 1] ?? ''}</release>\n` : '') +
    '    <versions>\n' +
    sorted.map((v) => `      <version>${v}</version>\n`).join('') +
    '    </versions>\n' +
    `    <lastUpdated>${lastUpdated}</lastUpdated>\n` +
    '  </versioning>\n' +
    '</metadata>\n';
  return Buffer.from(text, 'utf8');
}

/** Maven's qualifier order; a missing qualifier is a release (''). Unknown qualifiers sort after these. */
const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const QUALIFIER_ALIASES: Record<string, string> = { a: 'alpha', b: 'beta', m: 'milestone', cr: 'rc', ga: '', final: '', release: '' };

function qualifierRank(q: string): number {
  const i = QUALIFIERS.indexOf(QUALIFIER_ALIASES[q] ?? q);
  return i < 0 ? QUALIFIERS.length : i;
}

/** Splits like Maven's ComparableVersion: at `.` and `-` and between digits and letters. */
function versionItems(v: string): (number | string)[] {
  return (v.toLowerCase().match(/\d+|[a-z]+/g) ?? []).map((t) => (/^\d/.test(t) ? Number(t) : t));
}

/** A close approximation of Maven's ComparableVersion: numbers numerically, qualifiers before releases. */
export function compareMavenVersions(a: string, b: string): number {
  const ia = versionItems(a);
  const ib = versionItems(b);
  for (let i = 0; i < Math.max(ia.length, ib.length); i++) {
    const x = ia[i];
    const y = ib[i];
    if (typeof x === 'number' || typeof y === 'number') {
      // A number beats a qualifier (1.0.1 > 1.0-rc1); a missing number counts as 0.
      if (typeof x === 'string') return -1;
      if (typeof y === 'string') return 1;
      const d = (x ?? 0) - (y ?? 0);
      if (d !== 0) return d;
      continue;
    }
    const d = qualifierRank(x ?? '') - qualifierRank(y ?? '');
    if (d !== 0) return d;
    if ((x ?? '') !== (y ?? '')) return (x ?? '') < (y ?? '') ? -1 : 1;
  }
  return 0;
}

async function put(r: RepoRequest, segments: string[]): Promise<void> {
  const last = segments[segments.length - 1] ?? '';
  const body = await readBody(r.req);
  // CodeArtifact computes its own hashes; uploaded checksum files are accepted and dropped.
  if (Object.keys(CHECKSUMS).some((e) => last.endsWith(e))) {
    send(r.res, 201, 'text/plain', Buffer.alloc(0));
    return;
  }
  const path = parsePath(segments);
  if (path.kind === 'metadata') {
    publishFromMetadata(r, path.groupId, path.artifactId, body);
    send(r.res, 201, 'text/plain', Buffer.alloc(0));
    return;
  }
  if (path.kind !== 'artifact') throw new HttpError(400, `Not a Maven artifact path: /${segments.join('/')}`);
  assertPublishAllowed(r, 'maven', path.groupId, path.artifactId, `${path.groupId}:${path.artifactId}`);
  const existing = r.ctx.store.getPackage(r.repo, 'maven', path.groupId, path.artifactId);
  const old = existing?.versions.get(path.version);
  if (old && old.status !== 'Unfinished') {
    throw new HttpError(409, `Version ${path.version} of ${path.groupId}:${path.artifactId} is ${old.status} and cannot be changed.`);
  }
  const pkg = packageForPublish(r, 'maven', path.groupId, path.artifactId);
  const v = old ?? {
    version: path.version,
    status: 'Unfinished' as const,
    publishedTime: r.ctx.store.now() / 1000,
    revision: newRevision(),
    licenses: [],
    dependencies: {},
    origin: { originType: 'INTERNAL' as const, domainEntryPoint: { repositoryName: r.repo.name } },
    assets: new Map<string, Buffer>(),
  };
  v.assets.set(path.file, body);
  pkg.versions.set(path.version, v);
  send(r.res, 201, 'text/plain', Buffer.alloc(0));
}

/** The metadata PUT that ends `mvn deploy`: every Unfinished version it lists becomes Published. */
function publishFromMetadata(r: RepoRequest, groupId: string, artifactId: string, body: Buffer): void {
  const listed = new Set<string>();
  const parser = new SaxesParser();
  const stack: string[] = [];
  let text = '';
  parser.on('opentag', (tag) => {
    stack.push(tag.name);
    text = '';
  });
  parser.on('text', (t) => {
    text += t;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'version' && stack[stack.length - 2] === 'versions') listed.add(text.trim());
    stack.pop();
  });
  try {
    parser.write(body.toString('utf8')).close();
  } catch (err) {
    throw new HttpError(400, `maven-metadata.xml is not well-formed XML: ${(err as Error).message}`);
  }
  const pkg = r.ctx.store.getPackage(r.repo, 'maven', groupId, artifactId);
  if (!pkg) return;
  for (const v of pkg.versions.values()) {
    if (v.status === 'Unfinished' && listed.has(v.version) && v.assets.size > 0) {
      v.status = 'Published';
      v.publishedTime = r.ctx.store.now() / 1000;
    }
  }
}
