// The NuGet v3 answers a version lookup reads: the service index (to find the flat container, PackageBaseAddress/3.0.0)
// and the flat container's `{id-lower}/index.json` version list (learn.microsoft.com/nuget/api/package-base-address-resource).
// Pure: no vscode, no I/O.
import { isRecord } from '../core/jsonValues';
import { isPlausibleVersion } from '../core/versioning/versions';
import { ShapeError, type Listed, type ListedVersion } from './dataPlaneAnswers';

/**
 * The URL of the package's version list, from the service index. The base address must be on the endpoint's own
 * origin: the token goes with the next request, and a service index must not be able to send it elsewhere.
 */
export function nugetVersionsUrl(index: unknown, endpoint: string, id: string): string {
  if (!isRecord(index) || !Array.isArray(index['resources'])) throw new ShapeError('the service index has no "resources" list');
  if (typeof index['version'] !== 'string' || !index['version'].startsWith('3.')) throw new ShapeError('the service index is not version 3');
  const resources: unknown[] = index['resources'];
  const resource = resources.find((r) => isRecord(r) && r['@type'] === 'PackageBaseAddress/3.0.0' && typeof r['@id'] === 'string');
  const raw = isRecord(resource) ? resource['@id'] : undefined;
  if (typeof raw !== 'string') throw new ShapeError('the service index names no PackageBaseAddress/3.0.0');
  let base: URL;
  try {
    base = new URL(raw.endsWith('/') ? raw : `${raw}/`);
  } catch {
    throw new ShapeError('its PackageBaseAddress is not a URL');
  }
  if (base.origin !== new URL(endpoint).origin) throw new ShapeError(`its PackageBaseAddress is on another host (${base.host}); no token is sent there`);
  // ToLowerInvariant, as the protocol asks; one path segment, so `..` or `/` cannot climb out.
  const lower = id.toLowerCase();
  if (lower === '.' || lower === '..' || /[/\\?#%]/.test(lower)) throw new ShapeError('the package id cannot be a path segment');
  return new URL(`${encodeURIComponent(lower)}/index.json`, base).toString();
}

/**
 * SE-0292 §4.1 `{"releases": {"1.1.1": {"url": …}, "1.1.0": {"problem": {…}}}}`: a release with a problem is listed
 * but not installable (the client skips it).
 */
export function readSwiftReleases(doc: unknown): Listed {
  if (!isRecord(doc) || !isRecord(doc['releases'])) throw new ShapeError('the release list has no "releases" object');
  const versions = new Map<string, ListedVersion>();
  for (const [version, entry] of Object.entries(doc['releases'])) {
    if (!isPlausibleVersion(version)) continue;
    versions.set(version, isRecord(entry) && entry['problem'] !== undefined ? { installable: false } : {});
  }
  return { versions, distTags: {} };
}

/** `{"versions": [...]}`; entries that are not plausible version strings are skipped. */
export function readFlatContainer(doc: unknown): Listed {
  if (!isRecord(doc) || !Array.isArray(doc['versions'])) throw new ShapeError('the version list has no "versions" array');
  const versions = new Map<string, ListedVersion>();
  for (const v of doc['versions']) if (typeof v === 'string' && isPlausibleVersion(v)) versions.set(v, {});
  return { versions, distTags: {} };
}
