// Ranges and picking: for a dependency and a repository's versions, our "resolves to", "latest" and "satisfying"
// (dependencyInsight.analyze over the PackageVersions the version source builds from a packument) against
// npm-pick-manifest on the same packument (and npm's semver with the options pick-manifest uses). Real version
// lists and real specs, with deprecations and dist-tags generated over them (the reachable registry strips those).
import fc from 'fast-check';
import semver from 'semver';
import npa from 'npm-package-arg';
import { analyze } from '../../../src/versions/dependencyInsight';
import { readManifest } from '../../../src/versions/manifestDependencies';
import { merge, type PackageVersions } from '../../../src/versions/versionSource';
import { readPackument } from '../../../src/versions/dataPlaneAnswers';
import { corpusLimit, Differential } from '../ledger';
import { realSpecs, realVersionLists, type RealVersionList } from './corpus';
import { pickManifest, type Packument } from './npmTools';

interface Answer {
  resolved: string | null;
  latest: string | null;
  satisfying: string[];
}

function packumentOf(list: RealVersionList, deprecated: ReadonlySet<string>, distTags: Record<string, string>): Packument {
  const versions: Packument['versions'] = {};
  for (const v of list.versions) versions[v] = { name: list.name, version: v, ...(deprecated.has(v) ? { deprecated: 'do not use' } : {}) };
  return { name: list.name, 'dist-tags': distTags, versions };
}

/** Ours: the manifest text through readManifest, the packument through readPackument and merge, then analyze. */
const merged = new WeakMap<Packument, PackageVersions>();

function ours(packument: Packument, spec: string): Answer | 'not looked up' {
  const dep = readManifest('packageJson', JSON.stringify({ dependencies: { [packument.name]: spec } })).dependencies[0];
  if (!dep) return 'not looked up';
  const pkg = merged.get(packument) ?? merge('npm', readPackument(packument), new Map(), 0);
  merged.set(packument, pkg);
  const insight = analyze(dep, pkg);
  return { resolved: insight.resolved ?? null, latest: pkg.latest ?? null, satisfying: [...insight.satisfying].sort() };
}

/** npm's: pick-manifest for the spec and for `*` (npm outdated's "latest"); the versions pick-manifest would accept. */
function theirs(packument: Packument, spec: string): Answer | 'not looked up' {
  let parsed: npa.Result;
  try {
    parsed = npa.resolve(packument.name, spec, '/');
  } catch {
    return 'not looked up';
  }
  if (!parsed.registry || parsed.type === 'alias') return 'not looked up';
  const wanted = parsed.fetchSpec ?? '';
  const resolved = pickManifest(packument, wanted);
  const all = Object.keys(packument.versions);
  // pick-manifest filters a range with semver.satisfies(v, range, { loose: true }); a tag or version is one entry.
  const satisfying = parsed.type === 'range' ? all.filter((v) => semver.satisfies(v, wanted === '' ? '*' : wanted, { loose: true })) : resolved ? [resolved] : [];
  // Where npm has no "latest" (only pre-releases, no usable tag) we still name the newest: compared as such.
  const latest = pickManifest(packument, '*') ?? newest(all);
  return { resolved, latest, satisfying: satisfying.sort() };
}

function newest(versions: string[]): string | null {
  const valid = versions.filter((v) => semver.valid(v, true) !== null);
  return valid.length === 0 ? null : valid.reduce((a, b) => (semver.gt(b, a, true) ? b : a));
}

/** Specs that ask a registry for a version (ranges, versions, tags) from the real corpus. */
function registrySpecs(): string[] {
  const out = new Set<string>();
  for (const { spec } of realSpecs()) {
    try {
      const r = npa.resolve('x', spec, '/');
      if (r.registry && r.type !== 'alias') out.add(spec);
    } catch {
      // not a registry spec
    }
  }
  return [...out].sort();
}

/** Each case costs about the list's length: fewer for the 3,000-version lists, all of them under stress. */
function casesFor(list: RealVersionList): number {
  return corpusLimit(Math.min(150, Math.max(8, Math.round(15_000 / list.versions.length))));
}

describe('differential npm: ranges and picking against npm-pick-manifest', function () {
  const diff = new Differential('npm');
  const lists = realVersionLists();
  const specs = registrySpecs();

  it('agrees on real specs against real version lists, latest tag as published', () => {
    for (const list of lists) {
      const perList = casesFor(list);
      const packument = packumentOf(list, new Set(), list['dist-tags']);
      // Spread the corpus over the lists: every list gets a different slice.
      const offset = (list.name.length * 97) % Math.max(1, specs.length);
      for (let i = 0; i < Math.min(perList, specs.length); i++) {
        const spec = specs[(offset + i) % specs.length]!;
        diff.check(`pick:real:${list.name}:${spec}`, ours(packument, spec), theirs(packument, spec));
      }
    }
  });

  it('agrees with generated deprecations, dist-tags and ranges around each list\'s own versions', () => {
    const ops = ['', '^', '~', '>=', '>', '<', '<=', '=', 'v', '~>', ' '];
    const seen = new Set<string>();
    for (const list of lists) {
      const versions = list.versions;
      const version = fc.constantFrom(...versions);
      const partial = version.map((v) => v.split('.').slice(0, 2).join('.'));
      const xrange = version.map((v) => `${v.split('.')[0] ?? '0'}.x`);
      const simple = fc.tuple(fc.constantFrom(...ops), fc.oneof(version, partial, xrange)).map(([op, v]) => `${op}${v}`);
      const spec = fc.oneof(
        simple,
        fc.tuple(simple, simple).map(([a, b]) => `${a} ${b}`),
        fc.tuple(simple, simple).map(([a, b]) => `${a} || ${b}`),
        fc.tuple(version, version).map(([a, b]) => `${a} - ${b}`),
        fc.constantFrom('*', '', 'latest', 'next', 'x', 'beta'),
      );
      const scenario = fc.record({
        spec,
        deprecated: fc.array(version, { maxLength: 40 }),
        deprecateLatest: fc.boolean(),
        latest: fc.option(version, { nil: undefined }),
        next: fc.option(version, { nil: undefined }),
      });
      fc.assert(
        fc.property(scenario, (s) => {
          const tags: Record<string, string> = {};
          const latest = s.latest ?? list['dist-tags']['latest'];
          if (latest !== undefined) tags['latest'] = latest;
          if (s.next !== undefined) tags['next'] = s.next;
          const deprecated = new Set(s.deprecated);
          if (s.deprecateLatest && latest !== undefined) deprecated.add(latest);
          const id = `pick:generated:${list.name}:${s.spec}:${JSON.stringify(tags)}:${[...deprecated].sort().join(',')}`;
          if (seen.has(id)) return;
          seen.add(id);
          const packument = packumentOf(list, deprecated, tags);
          diff.check(id, ours(packument, s.spec), theirs(packument, s.spec));
        }),
        { numRuns: casesFor(list), seed: 13 },
      );
    }
  });

  after(() => diff.assertAgreement());
});
