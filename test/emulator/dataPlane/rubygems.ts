// RubyGems as CodeArtifact serves it: the compact index (`versions`, `info/NAME`, `names`) that Bundler and
// RubyGems 3 resolve with, the Dependencies API (`/api/v1/dependencies`, Bundler's fallback), the Marshal
// gemspecs `gem install` reads (`quick/Marshal.4.8/NAME-VERSION.gemspec.rz`; `gem install` first probes the
// repository root, and answered 200 it uses `info/` instead of the full Marshal indexes `specs.4.8.gz`, which
// CodeArtifact does not serve), `.gem` downloads (`gems/NAME-VERSION.gem`), `gem push` (`POST /api/v1/gems`) and
// `gem yank` (`DELETE /api/v1/gems/yank`). Statuses as for npm: Published versions are listed; Unlisted ones
// are left out of the index (yanked) but still download; the rest neither.
import { createHash } from 'node:crypto';
import type { PackageVersion, ResolvedPackage, ResolvedVersion } from '../model';
import { newRevision } from '../model';
import { decodeSegment, HttpError, methodNotAllowed, readBody, send } from './http';
import { assertPublishAllowed, packageForPublish } from './publish';
import type { RepoRequest } from './router';
import { gemFile, readGem, requirementPairs } from './rubyGem';
import { gemspecRz, hash, marshalDump, sym, type RubyValue } from './rubyMarshal';

const GEM_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const GEM_VERSION = /^[0-9]+(?:\.[0-9A-Za-z]+)*(?:-[0-9A-Za-z.]+)?$/;

export function gemAssetName(name: string, version: string): string {
  return `${name}-${version}.gem`;
}

function isListed(v: PackageVersion): boolean {
  return v.status === 'Published';
}

function isDownloadable(v: PackageVersion): boolean {
  return v.status === 'Published' || v.status === 'Unlisted';
}

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

/** Sends an index file with the ETag Bundler checks (the quoted MD5 of the body). */
function sendIndexText(r: RepoRequest, text: string): void {
  send(r.res, 200, 'text/plain; charset=utf-8', Buffer.from(text), { ETag: `"${md5(text)}"`, 'Cache-Control': 'max-age=60, public' });
}

export async function handleRuby(r: RepoRequest): Promise<void> {
  const method = r.req.method ?? 'GET';
  const read = method === 'GET' || method === 'HEAD';
  const parts = r.rest.split('/');
  if (r.rest === '' && read) return send(r.res, 200, 'text/plain; charset=utf-8', Buffer.from('RubyGems repository\n'));
  if (r.rest === 'versions') {
    if (!read) throw methodNotAllowed(method);
    return sendVersions(r);
  }
  if (r.rest === 'names') {
    if (!read) throw methodNotAllowed(method);
    return sendNames(r);
  }
  if (parts[0] === 'info' && parts.length === 2 && read) return sendInfo(r, decodeSegment(parts[1] ?? ''));
  if (parts[0] === 'gems' && parts.length === 2 && read) return download(r, decodeSegment(parts[1] ?? ''));
  if (parts[0] === 'quick' && parts[1] === 'Marshal.4.8' && parts.length === 3 && read) return sendGemspec(r, decodeSegment(parts[2] ?? ''));
  if ((r.rest === 'api/v1/dependencies' || r.rest === 'api/v1/dependencies.json') && read) return sendDependencies(r, r.rest.endsWith('.json'));
  if (r.rest === 'api/v1/gems') {
    if (method !== 'POST') throw methodNotAllowed(method);
    return push(r);
  }
  if (r.rest === 'api/v1/gems/yank') {
    if (method !== 'DELETE') throw methodNotAllowed(method);
    return yank(r);
  }
  throw new HttpError(404, 'Not found.');
}

/** Every gem the repository can serve: its own and its upstreams' (the external connection's only once fetched). */
function gemNames(r: RepoRequest): string[] {
  const names = new Set<string>();
  const visit = (repoName: string, seen: Set<string>): void => {
    if (seen.has(repoName)) return;
    seen.add(repoName);
    const repo = r.domain.repositories.get(repoName);
    if (!repo) return;
    for (const p of repo.packages.values()) if (p.format === 'ruby') names.add(p.name);
    for (const up of repo.upstreams) visit(up, seen);
    if (repo.externalConnection) for (const p of r.ctx.store.external.get(repo.externalConnection)?.packages.values() ?? []) if (p.format === 'ruby') names.add(p.name);
  };
  visit(r.repo.name, new Set());
  return [...names].sort();
}

function resolve(r: RepoRequest, name: string): ResolvedPackage | undefined {
  return r.ctx.store.resolvePackage(r.domain, r.repo.name, 'ruby', undefined, name);
}

function listed(resolved: ResolvedPackage): PackageVersion[] {
  return [...resolved.versions.values()].map((rv) => rv.version).filter((v) => isListed(v) && GEM_VERSION.test(v.version)).sort((a, b) => a.publishedTime - b.publishedTime);
}

async function gemOf(name: string, v: PackageVersion): Promise<Buffer> {
  const asset = gemAssetName(name, v.version);
  let gem = v.assets.get(asset);
  if (!gem) {
    gem = await gemFile({ name, version: v.version, summary: v.summary, license: v.licenses[0]?.name, dependencies: v.dependencies });
    if (v.assets.size === 0) v.assets.set(asset, gem);
  }
  return gem;
}

/** One `info/NAME` line: `VERSION dep:req&req,…|checksum:SHA256`. */
async function infoLine(name: string, v: PackageVersion): Promise<string> {
  const deps = Object.entries(v.dependencies).map(([dep, req]) => `${dep}:${requirementPairs(req).map(([op, ver]) => `${op} ${ver}`).join('&')}`);
  const sum = createHash('sha256').update(await gemOf(name, v)).digest('hex');
  return `${v.version} ${deps.join(',')}|checksum:${sum}`;
}

async function infoText(name: string, versions: PackageVersion[]): Promise<string> {
  const lines = ['---'];
  for (const v of versions) lines.push(await infoLine(name, v));
  return `${lines.join('\n')}\n`;
}

async function sendVersions(r: RepoRequest): Promise<void> {
  r.ctx.count('ruby:versions');
  const lines = ['created_at: 2024-01-01T00:00:00Z', '---'];
  for (const name of gemNames(r)) {
    const resolved = resolve(r, name);
    const versions = resolved ? listed(resolved) : [];
    if (versions.length === 0) continue;
    lines.push(`${name} ${versions.map((v) => v.version).join(',')} ${md5(await infoText(name, versions))}`);
  }
  sendIndexText(r, `${lines.join('\n')}\n`);
}

function sendNames(r: RepoRequest): void {
  r.ctx.count('ruby:names');
  sendIndexText(r, `---\n${gemNames(r).map((n) => `${n}\n`).join('')}`);
}

async function sendInfo(r: RepoRequest, name: string): Promise<void> {
  r.ctx.count('ruby:info');
  if (!GEM_NAME.test(name)) throw new HttpError(404, `Gem ${name} was not found.`);
  const resolved = resolve(r, name);
  const versions = resolved ? listed(resolved) : [];
  if (!resolved || versions.length === 0) throw new HttpError(404, `Gem ${name} was not found.`);
  sendIndexText(r, await infoText(resolved.name, versions));
}

/** The package version a `NAME-VERSION.gem` / `NAME-VERSION.gemspec.rz` file name stands for (yanked ones too). */
function downloadable(r: RepoRequest, file: string, suffix: string): { resolved: ResolvedPackage; version: PackageVersion; rv: ResolvedVersion } {
  const m = /^(.+)-([0-9][^-]*(?:-[A-Za-z0-9._]+)?)$/.exec(file.endsWith(suffix) ? file.slice(0, -suffix.length) : '');
  if (!m) throw new HttpError(404, `Not a ${suffix} file name: ${file}`);
  const [, name = '', version = ''] = m;
  const resolved = resolve(r, name);
  const rv = resolved?.versions.get(version);
  if (!resolved || !rv || !isDownloadable(rv.version)) throw new HttpError(404, `Version ${version} of gem ${name} was not found.`);
  return { resolved, version: rv.version, rv };
}

function sendGemspec(r: RepoRequest, file: string): void {
  r.ctx.count('ruby:gemspec');
  const { resolved, version: v } = downloadable(r, file, '.gemspec.rz');
  const body = gemspecRz({ name: resolved.name, version: v.version, summary: v.summary, license: v.licenses[0]?.name, dependencies: v.dependencies });
  send(r.res, 200, 'application/octet-stream', body);
}

/** The Dependencies API: every listed version of the asked gems, Marshal (or JSON) `{name, number, platform, dependencies}`. */
function sendDependencies(r: RepoRequest, json: boolean): void {
  r.ctx.count('ruby:dependencies');
  const names = (r.url.searchParams.get('gems') ?? '').split(',').filter((n) => GEM_NAME.test(n));
  const rows: { name: string; number: string; deps: [string, string][] }[] = [];
  for (const name of [...new Set(names)].slice(0, 200)) {
    const resolved = resolve(r, name);
    for (const v of resolved ? listed(resolved) : []) {
      rows.push({ name: resolved?.name ?? name, number: v.version, deps: Object.entries(v.dependencies).map(([d, req]) => [d, requirementPairs(req).map(([op, ver]) => `${op} ${ver}`).join(', ')]) });
    }
  }
  if (json) return send(r.res, 200, 'application/json', Buffer.from(JSON.stringify(rows.map((x) => ({ name: x.name, number: x.number, platform: 'ruby', dependencies: x.deps })))));
  const value: RubyValue = rows.map((x) => hash([[sym('name'), x.name], [sym('number'), x.number], [sym('platform'), 'ruby'], [sym('dependencies'), x.deps]]));
  send(r.res, 200, 'application/octet-stream', marshalDump(value));
}

async function download(r: RepoRequest, file: string): Promise<void> {
  r.ctx.count('ruby:download');
  const { resolved, rv } = downloadable(r, file, '.gem');
  const gem = await gemOf(resolved.name, rv.version);
  r.ctx.store.retain(r.domain, resolved, rv);
  send(r.res, 200, 'application/octet-stream', gem);
}

async function push(r: RepoRequest): Promise<void> {
  r.ctx.count('ruby:push');
  const gem = await readBody(r.req);
  const spec = await readGem(gem);
  if (!GEM_NAME.test(spec.name) || !GEM_VERSION.test(spec.version)) throw new HttpError(400, `Invalid gem name or version: ${spec.name} ${spec.version}.`);
  if (spec.platform !== 'ruby') throw new HttpError(400, 'Only platform "ruby" gems are emulated.');
  assertPublishAllowed(r, 'ruby', undefined, spec.name, spec.name);
  if (resolve(r, spec.name)?.versions.has(spec.version)) {
    throw new HttpError(409, `Repushing of gem versions is not allowed: ${spec.name} (${spec.version}) already exists.`);
  }
  const pkg = packageForPublish(r, 'ruby', undefined, spec.name);
  pkg.versions.set(spec.version, {
    version: spec.version,
    status: 'Published',
    publishedTime: r.ctx.store.now() / 1000,
    revision: newRevision(),
    summary: spec.summary,
    licenses: spec.license !== undefined ? [{ name: spec.license }] : [],
    dependencies: spec.dependencies,
    origin: { originType: 'INTERNAL', domainEntryPoint: { repositoryName: r.repo.name } },
    assets: new Map([[gemAssetName(spec.name, spec.version), gem]]),
  });
  send(r.res, 200, 'text/plain; charset=utf-8', Buffer.from(`Successfully registered gem: ${spec.name} (${spec.version})`));
}

async function yank(r: RepoRequest): Promise<void> {
  r.ctx.count('ruby:yank');
  const form = new URLSearchParams((await readBody(r.req, 64 * 1024)).toString('utf8') || r.url.search.slice(1));
  const name = form.get('gem_name') ?? '';
  const version = form.get('version') ?? '';
  assertPublishAllowed(r, 'ruby', undefined, name, name);
  const v = r.ctx.store.getPackage(r.repo, 'ruby', undefined, name)?.versions.get(version);
  if (!v || !isListed(v)) throw new HttpError(404, `The version ${version} of ${name} is not in repository ${r.repo.name}.`);
  v.status = 'Unlisted';
  send(r.res, 200, 'text/plain; charset=utf-8', Buffer.from(`Successfully deleted gem: ${name} (${version})`));
}
