import assert from 'node:assert/strict';
import fc from 'fast-check';
import semver from 'semver';
import {
  compare,
  isPreRelease,
  latest,
  latestSatisfying,
  satisfies,
  satisfyingVersions,
  sortNewestFirst,
  updateKind,
} from '../../../../src/core/versioning/versions';
import { runs } from '../../stress';
import { comparePep440, parsePep440 } from '../../../../src/core/versioning/pep440';

const small = fc.integer({ min: 0, max: 12 });

const semverVersion = fc
  .tuple(small, small, small, fc.option(fc.tuple(fc.constantFrom('alpha', 'beta', 'rc'), small), { nil: undefined }))
  .map(([a, b, c, pre]) => `${a}.${b}.${c}${pre ? `-${pre[0]}.${pre[1]}` : ''}`);

const semverRange = fc.oneof(
  semverVersion.map((v) => `^${v}`),
  semverVersion.map((v) => `~${v}`),
  fc.tuple(semverVersion, semverVersion).map(([a, b]) => `>=${a} <${b}`),
  semverVersion.map((v) => `${v.split('.')[0]}.x`),
  fc.constant('*'),
);

const pep440Version = fc
  .tuple(
    fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }),
    fc.array(small, { minLength: 1, maxLength: 4 }),
    fc.option(fc.tuple(fc.constantFrom('a', 'b', 'rc'), small), { nil: undefined }),
    fc.option(small, { nil: undefined }),
    fc.option(small, { nil: undefined }),
    fc.option(fc.constantFrom('local', 'ubuntu.1'), { nil: undefined }),
  )
  .map(([epoch, release, pre, post, dev, local]) => {
    let v = `${epoch ? `${epoch}!` : ''}${release.join('.')}`;
    if (pre) v += `${pre[0]}${pre[1]}`;
    if (post !== undefined) v += `.post${post}`;
    if (dev !== undefined) v += `.dev${dev}`;
    if (local) v += `+${local}`;
    return v;
  });

const pep440Specifier = fc
  .array(
    fc.tuple(fc.constantFrom('>=', '<=', '<', '>', '==', '!=', '~='), fc.array(small, { minLength: 2, maxLength: 3 })),
    { minLength: 1, maxLength: 3 },
  )
  .map((parts) => parts.map(([op, release]) => `${op}${release.join('.')}`).join(','));

describe('versions: npm (semver)', () => {
  it('agrees with semver on order, satisfaction and maxSatisfying', function () {
    this.timeout(20_000);
    fc.assert(
      fc.property(semverVersion, semverVersion, semverRange, fc.array(semverVersion, { maxLength: 12 }), (a, b, range, list) => {
        assert.equal(compare('npm', a, b), Math.sign(semver.compare(a, b)) || 0);
        assert.equal(satisfies('npm', a, range), semver.satisfies(a, range));
        assert.equal(latestSatisfying('npm', list, range) ?? null, semver.maxSatisfying(list, range));
      }),
      { numRuns: runs(500) },
    );
  });

  it('prefers the latest dist-tag when the repository has that version', () => {
    const versions = ['1.0.0', '1.2.0', '2.0.0-beta.1', '1.10.0'];
    assert.equal(latest('npm', versions, { latest: '1.2.0', next: '2.0.0-beta.1' }), '1.2.0');
    assert.equal(latest('npm', versions), '1.10.0');
    assert.equal(latest('npm', versions, { latest: '9.9.9' }), '1.10.0');
    assert.equal(latest('npm', ['2.0.0-rc.1', '2.0.0-rc.2']), '2.0.0-rc.2');
    assert.equal(latest('npm', []), undefined);
  });

  it('resolves dist-tags used as a spec', () => {
    assert.equal(latestSatisfying('npm', ['1.0.0', '2.0.0-beta.1'], 'next', { next: '2.0.0-beta.1' }), '2.0.0-beta.1');
    assert.equal(latestSatisfying('npm', ['1.0.0'], 'next', { next: '2.0.0-beta.1' }), undefined);
  });

  it('keeps pre-releases out of ranges that do not name them, as npm does', () => {
    assert.equal(satisfies('npm', '2.0.0-beta.1', '^1.0.0 || >=2.0.0-alpha'), true);
    assert.equal(satisfies('npm', '1.5.0-beta.1', '^1.0.0'), false);
    assert.equal(isPreRelease('npm', '1.5.0-beta.1'), true);
  });

  it('sorts invalid versions below valid ones instead of throwing', () => {
    assert.deepEqual(sortNewestFirst('npm', ['not-a-version', '1.0.0', '10.0.0', '2.0.0']), ['10.0.0', '2.0.0', '1.0.0', 'not-a-version']);
    assert.equal(satisfies('npm', 'garbage', '*'), false);
  });
});

describe('versions: PyPI (PEP 440)', () => {
  // Agreement with packaging itself is test/differential/pypi; here the invariants the rest of the code relies on.
  it('orders consistently and resolves to a satisfying version from the list', function () {
    fc.assert(
      fc.property(pep440Version, pep440Version, pep440Specifier, fc.array(pep440Version, { maxLength: 10 }), (a, b, spec, list) => {
        assert.equal(compare('pypi', a, b), -compare('pypi', b, a));
        const best = latestSatisfying('pypi', list, spec);
        if (best !== undefined) {
          assert.ok(list.includes(best));
          assert.ok(satisfyingVersions('pypi', list, spec).includes(best));
          for (const v of satisfyingVersions('pypi', list, spec)) assert.ok(comparePep440(parsePep440(v)!, parsePep440(best)!) <= 0);
        }
      }),
      { numRuns: runs(500) },
    );
  });

  it('orders dev < pre < release < post, epochs first', () => {
    const ordered = ['1.0.dev1', '1.0a1', '1.0b2', '1.0rc1', '1.0', '1.0+local', '1.0.post1', '1.1', '1!0.1'];
    assert.deepEqual(sortNewestFirst('pypi', [...ordered].reverse().sort()), [...ordered].reverse());
  });

  it('picks the newest final release as latest, a pre-release only when nothing else exists', () => {
    assert.equal(latest('pypi', ['1.0', '2.0rc1', '1.5.post1', '1.5']), '1.5.post1');
    assert.equal(latest('pypi', ['2.0rc1', '2.0b1']), '2.0rc1');
  });

  it('decides pre-releases per whole specifier set, as packaging and pip 23 do', () => {
    assert.equal(satisfies('pypi', '1.0rc1', '>=0.5'), false);
    // A non-empty set that names no pre-release never takes one, even when nothing else matches (no --pre).
    assert.equal(latestSatisfying('pypi', ['1.0rc1'], '>=0.5'), undefined);
    assert.equal(latestSatisfying('pypi', ['1.0rc1', '0.9'], '>=0.5'), '0.9');
    // One specifier naming a pre-release lets them in for the whole set (renovate's library refused `<3` here).
    assert.equal(satisfies('pypi', '2.0b2', '>=2.0b1,<3'), true);
    assert.deepEqual(satisfyingVersions('pypi', ['1.9', '2.0b2', '3.0a1'], '>=2.0b1,<3'), ['2.0b2']);
    // The empty set falls back to pre-releases when there is no final release.
    assert.equal(latestSatisfying('pypi', ['1.0rc1', '1.0b1'], ''), '1.0rc1');
  });

  it('handles ===, local versions, epochs, == prefixes and != with pre-releases as packaging', () => {
    assert.equal(satisfies('pypi', '1.0', '===1.0'), true);
    assert.equal(satisfies('pypi', '1.0.0', '===1.0'), false);
    assert.equal(satisfies('pypi', '2.0.1+cu118', '==2.0.1'), true);
    assert.equal(satisfies('pypi', '2.0.1', '==2.0.1+cu118'), false);
    assert.equal(satisfies('pypi', '2.0.1+cu118', '>2.0.1'), false);
    assert.equal(satisfies('pypi', '1!1.0', '>=2'), true);
    assert.equal(satisfies('pypi', '4.2.11', '==4.2.*'), true);
    assert.equal(satisfies('pypi', '4.20', '==4.2.*'), false);
    assert.equal(satisfies('pypi', '1.0.post1', '>1.0'), false);
    assert.equal(satisfies('pypi', '2.0rc1', '!=2.0rc1,>=2.0a1'), false);
    assert.equal(satisfies('pypi', '2.0rc2', '!=2.0rc1,>=2.0a1'), true);
    assert.equal(satisfies('pypi', '2.0rc2', '!=2.0rc1'), false);
    assert.equal(satisfies('pypi', '1.0', '>=1 || <0.5'), true);
  });

  it('treats an empty specifier as any version and a malformed one as unsatisfiable', () => {
    assert.equal(satisfies('pypi', '1.0', ''), true);
    assert.equal(satisfies('pypi', '1.0', '>>1'), false);
    assert.equal(satisfies('pypi', 'not.a.version', '>=1'), false);
  });
});

describe('versions: Maven', () => {
  it('finds the newest release, skipping SNAPSHOTs and milestones but not -jre style qualifiers', () => {
    assert.equal(latest('maven', ['32.1.3-jre', '33.0.0-jre', '33.1.0-android', '34.0.0-rc1', '33.0.1-SNAPSHOT']), '33.1.0-android');
    assert.equal(latest('maven', ['6.1.0-M1', '6.0.13', '6.1.0-RC2']), '6.0.13');
    assert.equal(latest('maven', ['1.0-SNAPSHOT']), '1.0-SNAPSHOT');
  });

  it('answers ranges and pins', () => {
    const versions = ['3.11', '3.12.0', '3.14.0', '4.0.0'];
    assert.equal(latestSatisfying('maven', versions, '[3.12,4.0)'), '3.14.0');
    assert.equal(latestSatisfying('maven', versions, '3.12.0'), '3.12.0');
    assert.equal(latestSatisfying('maven', versions, '3.13'), undefined);
  });
});

describe('updateKind', () => {
  it('names the first leading number that changed', () => {
    const cases: [Parameters<typeof updateKind>[0], string, string, string][] = [
      ['npm', '1.2.3', '1.2.3', 'none'],
      ['npm', '1.2.3', '1.2.2', 'none'],
      ['npm', '1.2.3', '1.2.4', 'patch'],
      ['npm', '1.2.3', '1.3.0', 'minor'],
      ['npm', '1.2.3', '2.0.0', 'major'],
      ['npm', '1.2.3-beta.1', '1.2.3', 'patch'],
      ['pypi', '1.0', '1.0.post1', 'patch'],
      ['pypi', '1.0', '1.1', 'minor'],
      ['pypi', '1.9', '2.0', 'major'],
      ['pypi', '2.0', '1!0.1', 'major'],
      ['pypi', '1.0', '1.0.0', 'none'],
      ['maven', '5.3.31', '6.1.3', 'major'],
      ['maven', '32.1.3-jre', '33.0.0-jre', 'major'],
      ['maven', '2.16.1', '2.17.0', 'minor'],
      ['maven', '1.0-SNAPSHOT', '1.0', 'patch'],
      ['maven', '1.0', '1.0.0', 'none'],
    ];
    for (const [ecosystem, from, to, expected] of cases) {
      assert.equal(updateKind(ecosystem, from, to), expected, `${ecosystem} ${from} → ${to}`);
    }
  });
});
