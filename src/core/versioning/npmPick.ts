// Which version `npm install` takes for a registry spec, and which versions the spec accepts: npm-pick-manifest's
// rules over the versions a repository lists (engines aside: the data plane's packument is read without them).
// - a dist-tag is exactly the tagged version; an exact version is exactly that version (cleaned, loose);
// - a range takes the `latest` dist-tag when the range accepts it and it is not deprecated, else the newest
//   version the range accepts, deprecated ones only when nothing else is left;
// - ranges match loosely (`{ loose: true }`), pre-releases only when the range names one of the same tuple.
import semver from 'semver';
import { registrySpecType } from './npmSpec';

export interface NpmCandidate {
  readonly version: string;
  /** npm's deprecation message; any non-empty one counts. */
  readonly deprecated?: string;
}

const LOOSE = { loose: true } as const;

/** Whether npm accepts a version for `wanted` (a version, range or dist-tag); classify once, test many. */
export function npmMatcher(wanted: string, distTags: Readonly<Record<string, string>>): (version: string) => boolean {
  const spec = wanted.trim() === '' ? '*' : wanted.trim();
  switch (registrySpecType(spec)) {
    case 'tag': {
      const tagged = distTags[spec];
      return (v) => v === tagged;
    }
    case 'version': {
      const exact = semver.clean(spec, LOOSE);
      return (v) => v === exact;
    }
    case 'range': {
      const range = new semver.Range(spec, LOOSE);
      return (v) => {
        try {
          return range.test(v);
        } catch {
          return false;
        }
      };
    }
    case undefined:
      return () => false;
  }
}

export function npmAccepts(version: string, wanted: string, distTags: Readonly<Record<string, string>>): boolean {
  return npmMatcher(wanted, distTags)(version);
}

/** The version npm installs for `wanted` from these candidates, or undefined when npm would fail (ETARGET). */
export function pickNpmVersion(candidates: readonly NpmCandidate[], wanted: string, distTags: Readonly<Record<string, string>>): string | undefined {
  const spec = wanted.trim() === '' ? '*' : wanted.trim();
  const type = registrySpecType(spec);
  if (type === undefined) return undefined;
  const accepts = npmMatcher(spec, distTags);
  if (type !== 'range') return candidates.find((c) => accepts(c.version))?.version;
  const preferred = distTags['latest'];
  const latestEntry = preferred === undefined ? undefined : candidates.find((c) => c.version === preferred);
  if (latestEntry && !latestEntry.deprecated && (spec === '*' || accepts(latestEntry.version))) return latestEntry.version;
  let best: NpmCandidate | undefined;
  for (const c of candidates) {
    if (!accepts(c.version)) continue;
    if (best === undefined || better(c, best)) best = c;
  }
  return best?.version;
}

/** Not deprecated first, then the higher version. */
function better(a: NpmCandidate, b: NpmCandidate): boolean {
  const da = a.deprecated ? 1 : 0;
  const db = b.deprecated ? 1 : 0;
  if (da !== db) return da < db;
  return semver.compare(a.version, b.version, LOOSE) > 0;
}

/**
 * What `npm outdated` calls latest: the pick for `*` (the `latest` dist-tag unless deprecated, else the newest
 * release). When npm has none (only pre-releases and no usable tag), the newest version, so there is still a name
 * to show.
 */
export function npmLatest(candidates: readonly NpmCandidate[], distTags: Readonly<Record<string, string>>): string | undefined {
  const picked = pickNpmVersion(candidates, '*', distTags);
  if (picked !== undefined) return picked;
  let newest: string | undefined;
  for (const c of candidates) {
    if (semver.valid(c.version, LOOSE) !== null && (newest === undefined || semver.compare(c.version, newest, LOOSE) > 0)) newest = c.version;
  }
  return newest;
}
