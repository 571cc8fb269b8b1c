// NuGet's version rules, table-driven from the NuGet documentation (no .NET SDK installs on Debian 12, so the
// expected answers are the docs' own examples, cited per table):
// - learn.microsoft.com/nuget/concepts/package-versioning (normalization, version ranges, floating resolutions)
// - learn.microsoft.com/nuget/concepts/dependency-resolution (lowest applicable version)
// - semver.org §11 (pre-release precedence, which NuGet follows, case-insensitively)
import assert from 'node:assert/strict';
import {
  compareNuget,
  normalizeNugetVersion,
  nugetBestMatch,
  nugetPinned,
  parseNugetRange,
  parseNugetVersion,
  satisfiesNuget,
} from '../../../../src/core/versioning/nugetVersion';
import { compare, isInsertableVersion, isPreRelease, latest, latestSatisfying, satisfies, sortNewestFirst, updateKind } from '../../../../src/core/versioning/versions';

describe('NuGet versions', () => {
  it('normalizes as package-versioning#normalized-version-numbers shows', () => {
    const table: [string, string | undefined][] = [
      ['1.00', '1.0.0'],
      ['1.01.1', '1.1.1'],
      ['1.00.0.1', '1.0.0.1'],
      ['1.0.0.0', '1.0.0'],
      ['1.0.01.0', '1.0.1'],
      ['1.0.7+r3456', '1.0.7'],
      ['1', '1.0.0'],
      ['2.0.0-RC.1', '2.0.0-RC.1'],
      ['1.0.0-', undefined],
      ['1.2.3.4.5', undefined],
      ['v1.0', undefined],
      ['', undefined],
    ];
    for (const [input, want] of table) assert.equal(normalizeNugetVersion(input), want, input);
  });

  it('orders pre-releases as SemVer 2 does (semver.org §11), labels case-insensitively, 1.0 = 1.0.0.0', () => {
    const ascending = ['1.0.1-alpha', '1.0.1-alpha.1', '1.0.1-alpha.beta', '1.0.1-beta', '1.0.1-beta.2', '1.0.1-beta.11', '1.0.1-rc.1', '1.0.1', '1.0.1.1', '1.0.2'];
    for (let i = 0; i + 1 < ascending.length; i++) assert.ok(compareNuget(ascending[i] ?? '', ascending[i + 1] ?? '') < 0, `${ascending[i]} < ${ascending[i + 1]}`);
    assert.equal(compareNuget('1.0', '1.0.0.0'), 0);
    assert.equal(compareNuget('1.0.0-Beta', '1.0.0-beta'), 0);
    assert.equal(compareNuget('1.0.0+build.1', '1.0.0'), 0, 'build metadata does not order');
    assert.deepEqual(sortNewestFirst('nuget', ['1.0.1-beta.11', '1.0.1', '1.0.1-beta.2', '0.9']), ['1.0.1', '1.0.1-beta.11', '1.0.1-beta.2', '0.9']);
    assert.equal(isPreRelease('nuget', '1.0.0-rc.1'), true);
    assert.equal(isPreRelease('nuget', '1.0.0+meta'), false);
  });

  it('reads the version ranges of package-versioning#version-ranges', () => {
    // Notation → [versions it accepts, versions it refuses]; `undefined` = NuGet refuses the notation.
    const table: [string, string[], string[]][] = [
      ['1.0', ['1.0', '1.0.0.0', '2.0'], ['0.9']],
      ['[1.0,)', ['1.0', '5.0'], ['0.9']],
      ['(1.0,)', ['1.0.1', '2.0'], ['1.0']],
      ['[1.0]', ['1.0', '1.0.0'], ['1.0.1', '0.9']],
      ['(,1.0]', ['0.1', '1.0'], ['1.0.1']],
      ['(,1.0)', ['0.9'], ['1.0']],
      ['[1.0,2.0]', ['1.0', '2.0'], ['2.0.1', '0.9']],
      ['(1.0,2.0)', ['1.5'], ['1.0', '2.0']],
      ['[1.0,2.0)', ['1.0', '1.9.9'], ['2.0']],
      [' [ 1.0 , 2.0 ) ', ['1.5'], ['2.0']],
    ];
    for (const [range, yes, no] of table) {
      assert.ok(parseNugetRange(range), range);
      for (const v of yes) assert.equal(satisfiesNuget(v, range), true, `${v} in ${range}`);
      for (const v of no) assert.equal(satisfiesNuget(v, range), false, `${v} not in ${range}`);
    }
    for (const invalid of ['(1.0)', '[2.0,1.0]', '(1.0,1.0)', '[1.0,2.0,3.0]', '[,]', 'abc', '[1.0', '1.0]', '']) {
      assert.equal(parseNugetRange(invalid), undefined, invalid);
    }
  });

  it('leaves pre-releases out unless a bound names one (VersionRange.IsBetter)', () => {
    assert.equal(satisfiesNuget('1.5.0-beta', '[1.0,2.0)'), false);
    assert.equal(satisfiesNuget('1.5.0-beta', '[1.0.0-alpha,2.0)'), true);
    assert.equal(satisfies('nuget', '2.0.0-rc', '1.0'), false);
  });

  it('picks the LOWEST applicable version (dependency-resolution#lowest-applicable-version), not the newest', () => {
    // The docs: with >= 1.0 and 1.0-beta, 1.0, 1.1 on the feed, 1.0 (1.0-beta is lower than 1.0).
    assert.equal(nugetBestMatch(['1.0-beta', '1.0', '1.1'], '1.0'), '1.0');
    // The docs: >= 2.1 when 2.1 is not on the feed: the next lowest, 2.2.
    assert.equal(nugetBestMatch(['1.0', '2.2', '2.3', '3.0'], '2.1'), '2.2');
    assert.equal(nugetBestMatch(['1.0', '1.5', '2.0'], '[1.0,2.0)'), '1.0');
    assert.equal(nugetBestMatch(['1.0', '1.5', '2.0'], '(1.0,2.0)'), '1.5');
    assert.equal(nugetBestMatch(['1.0', '1.5'], '[3.0,)'), undefined);
    assert.equal(latestSatisfying('nuget', ['1.0.0', '1.2.0', '2.0.0'], '1.1'), '1.2.0', 'versions.ts answers what restore picks');
  });

  it('floats as the docs\' "Floating version resolutions" table says', () => {
    const table: [string, string[], string][] = [
      ['*', ['1.1.0', '1.1.1', '1.2.0', '1.3.0-alpha'], '1.2.0'],
      ['1.1.*', ['1.1.0', '1.1.1', '1.1.2-alpha', '1.2.0-alpha'], '1.1.1'],
      ['*-*', ['1.1.0', '1.1.1', '1.1.2-alpha', '1.3.0-beta'], '1.3.0-beta'],
      ['1.1.*-*', ['1.1.0', '1.1.1', '1.1.2-alpha', '1.1.2-beta', '1.2.0-beta'], '1.1.2-beta'],
      ['1.2.0-rc.*', ['1.1.0', '1.2.0-rc.1', '1.2.0-rc.2', '1.2.0'], '1.2.0'],
      // The NuGet wiki's "Support pre-release packages with floating versions": 5.* ignores 5.5.0-preview.*.
      ['5.*', ['5.1.0', '5.2.0', '5.3.0', '5.4.0', '5.5.0-preview.1', '5.5.0-preview.2', '5.5.0-preview.3'], '5.4.0'],
      ['5.*-*', ['5.1.0', '5.4.0', '5.5.0-preview.1', '5.5.0-preview.3'], '5.5.0-preview.3'],
      // A float inside a range: the highest in the float, the upper bound still holds.
      ['[1.*, 1.5)', ['1.0.0', '1.4.0', '1.5.0', '2.0.0'], '1.4.0'],
      // Nothing in the float: the lowest above it (FloatRange's tie-breaks).
      ['1.0.*', ['1.1.0', '1.2.0'], '1.1.0'],
    ];
    for (const [range, versions, want] of table) assert.equal(nugetBestMatch(versions, range), want, range);
  });

  it('says what a PackageReference pins, what may be written back, and how big an update is', () => {
    assert.equal(nugetPinned('1.2.3'), '1.2.3');
    assert.equal(nugetPinned('[1.2.3]'), '1.2.3');
    assert.equal(nugetPinned('[1.0,2.0)'), undefined);
    assert.equal(nugetPinned('1.*'), undefined);
    assert.equal(isInsertableVersion('nuget', '1.2.3-beta.1'), true);
    assert.equal(isInsertableVersion('nuget', '1.2.3" Foo="x'), false);
    assert.equal(updateKind('nuget', '1.2.3', '1.3.0'), 'minor');
    assert.equal(updateKind('nuget', '1.2.3', '1.2.3.1'), 'patch');
    assert.equal(updateKind('nuget', '1.0', '1.0.0.0'), 'none');
    assert.equal(compare('nuget', '1.0', '1.0.0'), -1, 'total order: equal versions ordered by text');
    assert.equal(latest('nuget', ['1.0.0', '2.0.0-beta', '1.5.0']), '1.5.0');
    assert.ok(parseNugetVersion('1.0.0.0'));
  });
});
