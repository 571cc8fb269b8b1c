// The NuGet v3 server API (learn.microsoft.com/nuget/api/overview) as CodeArtifact serves it at
// `…/nuget/REPO/v3/index.json`: the service index, the package base address (flat container: version lists,
// .nupkg and .nuspec), registration pages and leaves, and push (PackagePublish/2.0.0, a multipart PUT).
//
// CodeArtifact rules kept here: ids are stored lowercase and versions normalized (the user guide's NuGet
// normalization page); Published versions are listed, Unlisted ones are left out of the lists but still download
// (as for npm and PyPI); authentication is Basic `aws:TOKEN` after a 401 challenge (router.ts), the X-NuGet-ApiKey
// header is not what authenticates. The resource paths under v3/ are ours: clients only follow the service index.
import type { PackageVersion, ResolvedPackage, ResolvedVersion } from '../model';
import { newRevision } from '../model';
import { ensureAssets } from '../artifacts';
import { NUGET_ID, normalizeNugetVersion, nupkgAssetName, nuspecText, readNuspec } from '../nugetPackage';
import { decodeSegment, HttpError, methodNotAllowed, readMultipart, send, sendJson } from './http';
import { isDownloadable, isListed } from './npm';
import { assertPublishAllowed, packageForPublish } from './publish';
import type { RepoRequest } from './router';

export async function handleNuget(r: RepoRequest): Promise<void> {
  const method = r.req.method ?? 'GET';
  const segments = r.rest.split('/').map(decodeSegment);
  if (r.rest === 'v2/package' || r.rest === 'v2/package/') {
    if (method !== 'PUT') throw methodNotAllowed(method);
    return push(r);
  }
  if (method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(method);
  const [v3, resource, id, ...rest] = segments;
  if (v3 !== 'v3') throw new HttpError(404, 'Not found.');
  if (resource === 'index.json' && id === undefined) return serviceIndex(r);
  if (id === undefined || id === '') throw new HttpError(404, 'Not found.');
  // The protocol asks clients for lowercase ids; an id in other case is not a URL of this API.
  if (id !== id.toLowerCase() || !NUGET_ID.test(id)) throw new HttpError(404, `Not found: ${id}`);
  if (resource === 'package') {
    if (rest.length === 1 && rest[0] === 'index.json') return versionList(r, id);
    if (rest.length === 2) return content(r, id, rest[0] ?? '', rest[1] ?? '');
  }
  if (resource === 'registrations') {
    if (rest.length === 1 && rest[0] === 'index.json') return registrationIndex(r, id);
    if (rest.length === 1 && rest[0]?.endsWith('.json')) return registrationLeaf(r, id, rest[0].slice(0, -'.json'.length));
  }
  throw new HttpError(404, 'Not found.');
}

function serviceIndex(r: RepoRequest): void {
  r.ctx.count('nuget:serviceIndex');
  const res = (id: string, type: string, comment: string): Record<string, string> => ({ '@id': id, '@type': type, comment });
  const registrations = `${r.base}/v3/registrations/`;
  sendJson(r.res, 200, {
    version: '3.0.0',
    resources: [
      res(`${r.base}/v3/package/`, 'PackageBaseAddress/3.0.0', 'Base URL of where NuGet packages are stored, in the format {base}/{id-lower}/{version-lower}/{id-lower}.{version-lower}.nupkg'),
      res(`${r.base}/v2/package`, 'PackagePublish/2.0.0', 'Push and delete (or unlist) packages.'),
      res(registrations, 'RegistrationsBaseUrl', 'Base URL of where NuGet package registration info is stored.'),
      res(registrations, 'RegistrationsBaseUrl/3.0.0-rc', 'Base URL of where NuGet package registration info is stored.'),
      res(registrations, 'RegistrationsBaseUrl/3.0.0-beta', 'Base URL of where NuGet package registration info is stored.'),
      res(registrations, 'RegistrationsBaseUrl/3.4.0', 'Base URL of where NuGet package registration info is stored (SemVer 1.0.0 and 2.0.0 packages).'),
      res(registrations, 'RegistrationsBaseUrl/3.6.0', 'Base URL of where NuGet package registration info is stored, including SemVer 2.0.0 packages.'),
      res(`${r.base}/v3/registrations/{id-lower}/index.json`, 'PackageDisplayMetadataUriTemplate/3.0.0-rc', 'URI template used by NuGet Client to construct display metadata for Packages using ID'),
      res(`${r.base}/v3/registrations/{id-lower}/{version-lower}.json`, 'PackageVersionDisplayMetadataUriTemplate/3.0.0-rc', 'URI template used by NuGet Client to construct display metadata for Packages using ID, Version'),
    ],
  });
}

interface Listed {
  resolved: ResolvedPackage;
  /** normalized lowercase version → the version; NuGet order, oldest first. */
  versions: [string, ResolvedVersion][];
}

/** The package through this repository (upstreams, external connection), by normalized lowercase version. */
function lookup(r: RepoRequest, id: string, keep: (v: PackageVersion) => boolean): Listed {
  const resolved = r.ctx.store.resolvePackage(r.domain, r.repo.name, 'nuget', undefined, id);
  const versions: [string, ResolvedVersion][] = [];
  const seen = new Set<string>();
  for (const rv of resolved?.versions.values() ?? []) {
    const normalized = normalizeNugetVersion(rv.version.version)?.toLowerCase();
    if (normalized === undefined || seen.has(normalized) || !keep(rv.version)) continue;
    seen.add(normalized);
    versions.push([normalized, rv]);
  }
  if (!resolved || versions.length === 0) throw new HttpError(404, `Package ${id} was not found.`);
  versions.sort(([a], [b]) => compareNormalized(a, b));
  return { resolved, versions };
}

function versionList(r: RepoRequest, id: string): void {
  r.ctx.count('nuget:versions');
  const { versions } = lookup(r, id, isListed);
  sendJson(r.res, 200, { versions: versions.map(([v]) => v) });
}

async function content(r: RepoRequest, id: string, version: string, file: string): Promise<void> {
  const { resolved, versions } = lookup(r, id, isDownloadable);
  const rv = versions.find(([v]) => v === version)?.[1];
  if (!rv) throw new HttpError(404, `Version ${version} of ${id} was not found.`);
  const assets = await ensureAssets({ format: 'nuget', name: resolved.displayName ?? id }, rv.version);
  const data = assets.get(nupkgAssetName(id, version)) ?? [...assets.values()][0];
  if (!data) throw new HttpError(404, `Version ${version} of ${id} has no package file.`);
  if (file === `${id}.${version}.nupkg`) {
    r.ctx.count('nuget:download');
    r.ctx.store.retain(r.domain, resolved, rv);
    send(r.res, 200, 'application/octet-stream', data);
    return;
  }
  if (file === `${id}.nuspec`) {
    r.ctx.count('nuget:nuspec');
    send(r.res, 200, 'application/xml', Buffer.from(nuspecText(data), 'utf8'));
    return;
  }
  throw new HttpError(404, `Not found: ${file}`);
}

function leafUrls(r: RepoRequest, id: string, version: string): { leaf: string; nupkg: string; index: string } {
  return {
    leaf: `${r.base}/v3/registrations/${id}/${version}.json`,
    nupkg: `${r.base}/v3/package/${id}/${version}/${id}.${version}.nupkg`,
    index: `${r.base}/v3/registrations/${id}/index.json`,
  };
}

function published(v: PackageVersion): string {
  return new Date(v.publishedTime * 1000).toISOString();
}

/** A registration page with its leaves inlined: what the registration index carries (one page is allowed). */
function registrationIndex(r: RepoRequest, id: string): void {
  r.ctx.count('nuget:registration');
  const { resolved, versions } = lookup(r, id, isListed);
  const displayId = resolved.displayName ?? id;
  const index = leafUrls(r, id, '').index;
  const items = versions.map(([version, rv]) => {
    const urls = leafUrls(r, id, version);
    const v = rv.version;
    return {
      '@id': urls.leaf,
      '@type': 'Package',
      catalogEntry: {
        '@id': urls.leaf,
        '@type': 'PackageDetails',
        id: displayId,
        version: normalizeNugetVersion(v.version) ?? v.version,
        description: v.summary ?? '',
        listed: true,
        published: published(v),
        projectUrl: v.homePage ?? '',
        licenseExpression: v.licenses[0]?.name ?? '',
        packageContent: urls.nupkg,
        dependencyGroups:
          Object.keys(v.dependencies).length === 0
            ? []
            : [{ targetFramework: '.NETStandard2.0', dependencies: Object.entries(v.dependencies).map(([depId, range]) => ({ id: depId, range })) }],
        ...(v.deprecated !== undefined ? { deprecation: { reasons: ['Other'], message: v.deprecated } } : {}),
      },
      packageContent: urls.nupkg,
      registration: index,
    };
  });
  const [first] = versions;
  const last = versions[versions.length - 1];
  sendJson(r.res, 200, {
    '@id': index,
    count: 1,
    items: [{ '@id': `${index}#page/${first?.[0] ?? ''}/${last?.[0] ?? ''}`, count: items.length, lower: first?.[0], upper: last?.[0], items }],
  });
}

function registrationLeaf(r: RepoRequest, id: string, version: string): void {
  r.ctx.count('nuget:registrationLeaf');
  const { versions } = lookup(r, id, isDownloadable);
  const rv = versions.find(([v]) => v === version)?.[1];
  if (!rv) throw new HttpError(404, `Version ${version} of ${id} was not found.`);
  const urls = leafUrls(r, id, version);
  sendJson(r.res, 200, {
    '@id': urls.leaf,
    listed: isListed(rv.version),
    packageContent: urls.nupkg,
    published: published(rv.version),
    registration: urls.index,
  });
}

/** PackagePublish/2.0.0: PUT with a multipart body whose file part is the .nupkg. 201 Created; 409 when it exists. */
async function push(r: RepoRequest): Promise<void> {
  r.ctx.count('nuget:push');
  const form = await readMultipart(r.req, 'A push must be multipart/form-data with the .nupkg as its file part.');
  const file = [...form.values()].find((v): v is File => typeof v !== 'string');
  if (!file) throw new HttpError(400, 'The push has no package file.');
  const data = Buffer.from(await file.arrayBuffer());
  let info;
  try {
    info = readNuspec(nuspecText(data));
  } catch (err) {
    throw new HttpError(400, `The package could not be read: ${err instanceof Error ? err.message : String(err)}`);
  }
  const version = normalizeNugetVersion(info.version);
  if (!NUGET_ID.test(info.id)) throw new HttpError(400, `Invalid package id: ${info.id}`);
  if (version === undefined) throw new HttpError(400, `Invalid package version: ${info.version}`);
  assertPublishAllowed(r, 'nuget', undefined, info.id, info.id);
  const existing = r.ctx.store.getPackage(r.repo, 'nuget', undefined, info.id);
  const clash = [...(existing?.versions.keys() ?? [])].some((v) => normalizeNugetVersion(v)?.toLowerCase() === version.toLowerCase());
  if (clash) throw new HttpError(409, `Version ${version} of ${info.id} already exists in repository ${r.repo.name}.`);
  const pkg = packageForPublish(r, 'nuget', undefined, info.id);
  pkg.versions.set(version, {
    version,
    status: 'Published',
    publishedTime: r.ctx.store.now() / 1000,
    revision: newRevision(),
    summary: info.description,
    homePage: info.projectUrl,
    licenses: info.license ? [{ name: info.license }] : [],
    dependencies: info.dependencies,
    origin: { originType: 'INTERNAL', domainEntryPoint: { repositoryName: r.repo.name } },
    assets: new Map([[nupkgAssetName(info.id, version), data]]),
  });
  send(r.res, 201, 'text/plain; charset=utf-8', Buffer.from('Created\n'));
}

/** Order of normalized versions: numeric parts, then a release above its pre-releases, labels as SemVer 2 (case-insensitive). */
export function compareNormalized(a: string, b: string): number {
  const split = (v: string): [bigint[], string[] | undefined] => {
    const dash = v.indexOf('-');
    const nums = (dash < 0 ? v : v.slice(0, dash)).split('.').map((n) => BigInt(n));
    while (nums.length < 4) nums.push(0n);
    return [nums, dash < 0 ? undefined : v.slice(dash + 1).toLowerCase().split('.')];
  };
  const [na, pa] = split(a);
  const [nb, pb] = split(b);
  for (let i = 0; i < 4; i++) if (na[i] !== nb[i]) return (na[i] ?? 0n) < (nb[i] ?? 0n) ? -1 : 1;
  if (!pa || !pb) return pa ? -1 : pb ? 1 : 0;
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (x === y) continue;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) return BigInt(x) < BigInt(y) ? -1 : 1;
    if (xn !== yn) return xn ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}
