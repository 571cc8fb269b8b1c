import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { compareGeneric } from '../../../../src/core/versioning/genericVersion';
import { latest } from '../../../../src/core/versioning/versions';
import {
  canonicalMaven,
  compareMaven,
  isMavenPreRelease,
  latestSatisfyingMaven,
  parseMavenRange,
  satisfiesMaven,
} from '../../../../src/core/versioning/mavenVersion';

const fixtures = path.resolve(__dirname, '../../../../../test/fixtures/manifests');

interface Golden {
  readonly canonical: Record<string, string>;
  readonly comparisons: [string, string, number][];
}

/** Any string made of the pieces Maven's tokenizer cares about, separators in odd places included. */
const anyVersion = fc
  .array(
    fc.oneof(
      fc.constantFrom('0', '1', '2', '10', '007', '99999999999999999999'),
      fc.constantFrom('alpha', 'a', 'beta', 'b', 'm', 'milestone', 'rc', 'cr', 'SNAPSHOT', 'ga', 'final', 'sp', 'jre', 'x'),
      fc.constantFrom('.', '-', ''),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((parts) => parts.join(''));

/**
 * Versions shaped as published ones: numbers, then optionally a `-` qualifier (with a number), then SNAPSHOT;
 * or numbers and a final `.QUALIFIER` (Spring's `5.3.31.RELEASE`). A `.qualifier` followed by more parts
 * (`7.sp-SNAPSHOT`) is left out: there Maven's own order has cycles (see below).
 */
const realVersion = fc.oneof(
  fc
    .tuple(
      fc.array(fc.constantFrom('0', '1', '2', '3', '10', '007'), { minLength: 1, maxLength: 4 }),
      fc.option(
        fc.tuple(
          fc.constantFrom('-', ''),
          fc.constantFrom('alpha', 'a', 'beta', 'b', 'M', 'milestone', 'RC', 'CR', 'ga', 'Final', 'RELEASE', 'sp', 'jre', 'android'),
          fc.constantFrom('', '1', '2', '10'),
        ),
        { nil: undefined },
      ),
      fc.boolean(),
    )
    .map(([numbers, qualifier, snapshot]) => {
      let version = numbers.join('.');
      if (qualifier) version += qualifier.join('');
      return snapshot ? `${version}-SNAPSHOT` : version;
    }),
  fc
    .tuple(
      fc.array(fc.constantFrom('0', '1', '2', '3', '10'), { minLength: 1, maxLength: 4 }),
      fc.constantFrom('RELEASE', 'Final', 'GA', 'SNAPSHOT', 'RC', 'M', 'jre', 'sp'),
    )
    .map(([numbers, qualifier]) => `${numbers.join('.')}.${qualifier}`),
);

describe('Maven ComparableVersion', () => {
  const golden = JSON.parse(readFileSync(path.join(fixtures, 'maven-comparable-version.golden.json'), 'utf8')) as Golden;

  it(`agrees with Maven's own ComparableVersion on ${'recorded'} comparisons`, () => {
    assert.ok(golden.comparisons.length > 1000);
    const wrong = golden.comparisons.filter(([a, b, expected]) => Math.sign(compareMaven(a, b)) !== expected);
    assert.deepEqual(wrong.slice(0, 10), []);
  });

  it("produces Maven's canonical forms", () => {
    const wrong = Object.entries(golden.canonical).filter(([version, canonical]) => canonicalMaven(version) !== canonical);
    assert.deepEqual(wrong.slice(0, 10), []);
  });

  it('orders qualifiers alpha < beta < milestone < rc < snapshot < release < sp, numbers padded', () => {
    const ordered = ['1.0-alpha1', '1.0-beta1', '1.0-m1', '1.0-rc1', '1.0-SNAPSHOT', '1.0', '1.0-sp1', '1.0.1', '1.1', '1.10'];
    for (let i = 1; i < ordered.length; i++) assert.ok(compareMaven(ordered[i - 1]!, ordered[i]!) < 0, `${ordered[i - 1]} < ${ordered[i]}`);
    assert.equal(compareMaven('1', '1.0.0'), 0);
    assert.equal(compareMaven('1.0-ga', '1.0-FINAL'), 0);
    assert.equal(compareMaven('1.0-cr1', '1.0-rc1'), 0);
  });

  it('is reflexive and antisymmetric on any string, with equal versions sharing a canonical form', function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(anyVersion, anyVersion, (a, b) => {
        assert.equal(compareMaven(a, a), 0);
        assert.equal(Math.sign(compareMaven(a, b)), -Math.sign(compareMaven(b, a)) || 0);
        if (compareMaven(a, b) === 0) assert.equal(canonicalMaven(a), canonicalMaven(b));
      }),
      { numRuns: 3000 },
    );
  });

  it('is transitive on versions shaped as published ones', function () {
    // 20,000 triples: seconds on a busy machine, more than the layer's 10 s default.
    this.timeout(60_000);
    fc.assert(
      fc.property(realVersion, realVersion, realVersion, (a, b, c) => {
        if (compareMaven(a, b) <= 0 && compareMaven(b, c) <= 0) assert.ok(compareMaven(a, c) <= 0, `${a} ≤ ${b} ≤ ${c}`);
      }),
      { numRuns: 20000 },
    );
  });

  it("reproduces Maven's own intransitive corners (odd separators) rather than inventing an order", () => {
    // Checked with mvn 3.8.7's ComparableVersion: both are cycles there too.
    assert.ok(compareMaven('0', 'alphaalpha') < 0 && compareMaven('alphaalpha', '.alpha') < 0 && compareMaven('.alpha', '0') < 0);
    assert.ok(compareMaven('7alpha', '7') < 0 && compareMaven('7', '7.x.') < 0 && compareMaven('7.x.', '7alpha') < 0);
    assert.ok(compareMaven('7.sp-SNAPSHOT', '7-SNAPSHOT') < 0 && compareMaven('7-SNAPSHOT', '7') < 0 && compareMaven('7', '7.sp-SNAPSHOT') < 0);
  });

  it('tells pre-releases from releases, including unknown qualifiers as releases', () => {
    for (const v of ['1.0-SNAPSHOT', '2.0.0-RC1', '1.0-alpha-1', '1.0b2', '5.0.0.M3', '1.0-cr1']) assert.ok(isMavenPreRelease(v), v);
    for (const v of ['1.0', '33.0.0-jre', '33.0.0-android', '5.3.31.RELEASE', '1.0-sp1', '2.0.Final', '1.0.0-incubating']) assert.ok(!isMavenPreRelease(v), v);
  });

  it('never offers -ea, -preview, -dev, -pre or a timestamped snapshot as the latest release', () => {
    // Maven ranks unknown qualifiers above the release (`21-ea` > `21`), so only this rule keeps them out.
    assert.ok(compareMaven('21-ea', '21') > 0);
    for (const v of ['21-ea', '1.0.0-preview.1', '3.0-dev1', '5.0.0-pre', '2.0-prerelease', '1.0-nightly', '1.0-20240101.120000-3']) {
      assert.ok(isMavenPreRelease(v), v);
    }
    assert.equal(latest('maven', ['20', '21-ea', '20.0.1', '21-preview', '20.1-dev']), '20.0.1');
  });
});

describe('Maven version ranges', () => {
  it('parses soft requirements, pins, bounded, half-open and unions', () => {
    assert.deepEqual(parseMavenRange('1.0'), { kind: 'soft', version: '1.0' });
    assert.deepEqual(parseMavenRange('[1.0]'), {
      kind: 'ranges',
      restrictions: [{ lower: { version: '1.0', inclusive: true }, upper: { version: '1.0', inclusive: true } }],
    });
    assert.equal(parseMavenRange('(,1.0],[1.2,)')?.kind, 'ranges');
    // As maven-resolver's GenericVersionScheme (test/differential/maven checks the real class).
    for (const bad of ['[1.0', '(1.0)', '[2.0,1.0]', '[1,2,3]', '[1.0]x', '[1.0,2.0', '(1.0]']) {
      assert.equal(parseMavenRange(bad), undefined, bad);
    }
    // Accepted by Maven although older code refused them: an empty bound is open whatever its bracket, ranges may
    // overlap or come out of order, `[]` is `[0]`, and what does not start with a bracket is a (soft) version.
    for (const good of ['[1.0,]', '[,1.0]', '[1.0,2.0),[1.5,3.0)', '[2.0,3.0),[1.0,1.5]', '[]', '(1.0,1.0]', '1.0,2.0', '']) {
      assert.notEqual(parseMavenRange(good), undefined, good);
    }
    assert.deepEqual(parseMavenRange('1.0,2.0'), { kind: 'soft', version: '1.0,2.0' });
  });

  it('reads [1.0,] as "1.0 or newer" and [1.*] as every 1.x', () => {
    assert.ok(satisfiesMaven('1.0', '[1.0,]'));
    assert.ok(satisfiesMaven('99', '[1.0,]'));
    assert.ok(!satisfiesMaven('0.9', '[1.0,]'));
    assert.ok(satisfiesMaven('1.0-alpha', '[1.*]'));
    assert.ok(satisfiesMaven('1.99.3', '[1.*]'));
    assert.ok(!satisfiesMaven('2.0-alpha', '[1.*]'));
  });

  it('picks the highest version in the range by resolution\'s order, the first of equal ones', () => {
    assert.equal(latestSatisfyingMaven(['1.0', '1.5', '2.0', '1.9-SNAPSHOT'], '[1.0,2.0)'), '1.9-SNAPSHOT');
    assert.equal(latestSatisfyingMaven(['1.0', '1.0.0'], '[1.0]'), '1.0');
    assert.equal(latestSatisfyingMaven(['1.0'], '[2.0,3.0'), undefined);
  });

  it('decides membership at inclusive and exclusive bounds', () => {
    const cases: [string, string, boolean][] = [
      ['1.0', '[1.0,2.0)', true],
      ['2.0', '[1.0,2.0)', false],
      ['2.0-SNAPSHOT', '[1.0,2.0)', true],
      ['1.0', '(1.0,2.0]', false],
      ['2.0', '(1.0,2.0]', true],
      ['0.9', '(,1.0]', true],
      ['1.1', '(,1.0],[1.2,)', false],
      ['1.2', '(,1.0],[1.2,)', true],
      ['1.0.0', '[1.0]', true],
      ['1.0.1', '[1.0]', false],
      ['1.0', '1.0.0', true],
      ['1.1', '1.0', false],
      ['1.0', '[oops', false],
    ];
    for (const [version, range, expected] of cases) assert.equal(satisfiesMaven(version, range), expected, `${version} in ${range}`);
  });
});

describe("maven-resolver's GenericVersion order (ranges and resolution)", () => {
  it('matches ComparableVersion on usual versions', () => {
    const ordered = ['1.0-alpha-1', '1.0-beta-2', '1.0-M3', '1.0-RC1', '1.0-SNAPSHOT', '1.0', '1.0-sp1', '1.0.1', '1.1', '2'];
    for (let i = 1; i < ordered.length; i++) assert.equal(compareGeneric(ordered[i - 1]!, ordered[i]!), -1, `${ordered[i - 1]} < ${ordered[i]}`);
    assert.equal(compareGeneric('1', '1.0.0'), 0);
    assert.equal(compareGeneric('1.0-ga', '1.0-FINAL'), 0);
    assert.equal(compareGeneric('007', '7'), 0);
  });

  it('differs where Maven 3.8 resolution differs: `_` splits, `1.min`/`1.max` bound every 1.x, big numbers', () => {
    assert.equal(compareGeneric('1_2', '1.2'), 0);
    assert.equal(compareGeneric('1.min', '1-alpha'), -1);
    assert.equal(compareGeneric('1.max', '1.99999999999'), 1);
    assert.equal(compareGeneric('1000000000', '999999999'), 1);
    assert.equal(compareGeneric('', '0'), 0);
  });
});
