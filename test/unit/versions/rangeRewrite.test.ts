// The requirement a quick fix, an "update all" edit and a completion write, per form, for RubyGems, Cargo, NuGet and
// Swift: the exact text, that it accepts the target, and — for RubyGems, where real Ruby is installed — that
// Gem::Requirement parses it, is satisfied by the target and keeps the author's form (the same operators, `~>` at
// the same precision). Cargo's texts are also in test/differential/cargo's written cases (real cargo).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cargoLatestSatisfying, cargoSatisfies } from '../../../src/core/versioning/cargoVersion';
import { nugetBestMatch, satisfiesNuget } from '../../../src/core/versioning/nugetVersion';
import { rubySatisfies } from '../../../src/core/versioning/rubyVersion';
import { completionTexts } from '../../../src/versions/completionTexts';
import { analyze, findingsFor, lensTitle, rangeFor, updateEdits } from '../../../src/versions/dependencyInsight';
import { readManifest, type ManifestDependency, type ManifestKind } from '../../../src/versions/manifestDependencies';
import { planUpdate } from '../../../src/versions/updateAll';
import { CARGO_CASES } from './rewriteCases';
import type { PackageVersions } from '../../../src/versions/versionSource';

function pkgOf(versions: string[]): PackageVersions {
  return { found: true, versions: versions.map((version) => ({ version, status: 'Published', installable: true })), distTags: {}, latest: versions[0], fetchedAt: 0 };
}

function only(kind: ManifestKind, text: string, fileName?: string): ManifestDependency {
  const dep = readManifest(kind, text, fileName).dependencies[0];
  assert.ok(dep, `a dependency in ${text}`);
  return dep;
}

/** Applies the first quick fix (the preferred one) to the text. */
function fixed(text: string, dep: ManifestDependency, pkg: PackageVersions, target: 'latest' | 'latestCompatible' = 'latest'): string {
  const edit = updateEdits(dep, pkg).find((e) => e.target === target);
  assert.ok(edit, `a ${target} fix for ${dep.rangeSpan?.text ?? dep.range}`);
  return text.slice(0, edit.span.start) + edit.newText + text.slice(edit.span.end);
}

const RUBY_CASES: [string[], string, string[]][] = [
  [['~> 1.0'], '2.1.0', ['~> 2.1']],
  [['~> 1.0'], '2.1.5', ['~> 2.1']],
  [['~> 1.0.3'], '2.1.0', ['~> 2.1.0']],
  [['~> 1.0.3'], '2.1.5', ['~> 2.1.5']],
  [['~> 1'], '2.1.5', ['~> 2']],
  [['~>1.0'], '2.1.5', ['~>2.1']],
  [['~> 1.0'], '2.0.0.pre1', ['~> 2.0.0.pre1']],
  [['~> 1.0.0.beta1'], '1.2.3', ['~> 1.2.3']],
  [['>= 1.0'], '2.1.5', ['>= 2.1.5']],
  [['= 1.0.3'], '2.1.5', ['= 2.1.5']],
  [['1.0.3'], '2.1.5', ['2.1.5']],
  [['~> 1.0', '>= 1.0.3'], '2.1.5', ['~> 2.1', '>= 2.1.5']],
  [['>= 0.3', '< 1'], '2.1.5', ['>= 2.1.5', '< 3']],
  [['>= 1.0', '< 2.0'], '2.1.5', ['>= 2.1.5', '< 3.0']],
  [['>= 1.0', '< 1.5'], '1.7.2', ['>= 1.7.2', '< 1.8']],
  [['~> 1.2', '!= 1.2.4'], '1.9.0', ['~> 1.9', '!= 1.2.4']],
];

/** Real Ruby's answers for each [requirements, target]: parsed, satisfied, and the `~>` bound of 2.9.9. */
function rubyAnswers(cases: [string[], string][]): { ok: boolean; satisfied: boolean; error?: string }[] | undefined {
  const script = 'require "json"; puts JSON.generate(JSON.parse(STDIN.read).map { |reqs, v| begin; r = Gem::Requirement.new(*reqs); { ok: true, satisfied: r.satisfied_by?(Gem::Version.new(v)) }; rescue => e; { ok: false, satisfied: false, error: e.message }; end })';
  try {
    return JSON.parse(execFileSync('ruby', ['-e', script], { input: JSON.stringify(cases), encoding: 'utf8' })) as { ok: boolean; satisfied: boolean }[];
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

describe('RubyGems: the rewritten requirement keeps the author\'s precision', () => {
  for (const [written, target, expected] of RUBY_CASES) {
    it(`${written.join(', ')} → ${expected.join(', ')} for ${target}`, () => {
      const text = `source "https://x"\ngem "acme", ${written.map((w) => `'${w}'`).join(', ')}\n`;
      const dep = only('gemfile', text, 'Gemfile');
      const span = dep.rangeSpan;
      assert.ok(span);
      const newText = rangeFor(dep, span.text, target);
      assert.equal(newText, expected.join("', '"));
      const after = readManifest('gemfile', text.slice(0, span.start) + newText + text.slice(span.end), 'Gemfile').dependencies[0];
      assert.deepEqual(after?.range.split(', '), expected, 'the fix rewrites every requirement and keeps the quotes and commas');
      assert.ok(rubySatisfies(target, expected), 'ours: the new requirement accepts the target');
    });
  }

  it('a gemspec list (["~> 1.0", ">= 1.0.3"]) is rewritten in place too', () => {
    const text = 'Gem::Specification.new do |spec|\n  spec.add_dependency "acme", ["~> 1.0", ">= 1.0.3"]\nend\n';
    const dep = only('gemfile', text, 'acme.gemspec');
    assert.equal(fixed(text, dep, pkgOf(['2.1.5', '1.0.3'])), text.replace('["~> 1.0", ">= 1.0.3"]', '["~> 2.1", ">= 2.1.5"]'));
  });

  it('the upper bound of ~> 1.0 stays a major bound, not 2.1.x (the reviewer\'s case)', () => {
    assert.ok(rubySatisfies('2.9.0', rangeFor(only('gemfile', 'gem "a", "~> 1.0"\n'), '~> 1.0', '2.1.0')));
    assert.ok(!rubySatisfies('2.9.0', rangeFor(only('gemfile', 'gem "a", "~> 1.0.3"\n'), '~> 1.0.3', '2.1.0')), '~> 1.0.3 stays a minor bound');
  });

  it('completions offer each ~> line once, for its newest version; none inside a list', () => {
    const dep = only('gemfile', 'gem "a", "~> 1.0"\n');
    assert.deepEqual(completionTexts(dep, pkgOf(['2.1.5', '2.1.0', '2.0.0', '1.9.0'])).map((c) => `${c.text}@${c.version.version}`), ['~> 2.1@2.1.5', '~> 2.0@2.0.0', '~> 1.9@1.9.0']);
    assert.deepEqual(completionTexts(only('gemfile', 'gem "a", "~> 1.0", ">= 1.0.3"\n'), pkgOf(['2.1.5'])), []);
  });

  it('Update All at minor moves ~> 1.0 to ~> 1.9, and leaves it alone when only patches are newer', () => {
    const dep = only('gemfile', 'gem "a", "~> 1.0"\n');
    assert.equal(planUpdate(dep, pkgOf(['2.1.5', '1.9.3', '1.0.0']), 'minor')?.newText, '~> 1.9');
    assert.equal(planUpdate(only('gemfile', 'gem "a", "~> 1.9"\n'), pkgOf(['1.9.3', '1.9.0']), 'patch'), undefined, '~> 1.9 already takes 1.9.3');
  });

  const answers = rubyAnswers(RUBY_CASES.map(([, target, expected]) => [expected, target]));
  (answers ? it : it.skip)(`real Ruby (Gem::Requirement) parses every rewritten requirement and is satisfied by its target${answers ? '' : ' (skipped: ruby is not installed)'}`, () => {
    assert.deepEqual(
      answers?.map((a, i) => `${RUBY_CASES[i]?.[2].join(', ')}: ${a.ok ? (a.satisfied ? 'satisfied' : 'NOT satisfied') : a.error}`),
      RUBY_CASES.map(([, , expected]) => `${expected.join(', ')}: satisfied`),
    );
    const bounds = rubyAnswers([[['~> 2.1'], '2.9.9'], [['~> 2.1.0'], '2.2.0']]);
    assert.deepEqual(bounds?.map((b) => b.satisfied), [true, false], 'Ruby: ~> 2.1 allows 2.9.9; ~> 2.1.0 stops before 2.2');
  });
});


describe('Cargo: the rewritten requirement keeps each comparator\'s precision (cargo-edit\'s rule)', () => {
  for (const [written, target, expected] of CARGO_CASES) {
    it(`${written} → ${expected} for ${target}`, () => {
      const text = `[dependencies]\nacme = "${written}"\n`;
      const dep = only('cargoToml', text);
      assert.equal(rangeFor(dep, written, target), expected);
      assert.ok(cargoSatisfies(target, expected), 'the new requirement accepts the target');
      assert.equal(cargoLatestSatisfying([target, '0.0.1'], expected), target);
    });
  }

  it('the quick fix edits the string in place; completions give each line once', () => {
    const text = '[dependencies]\nacme = { version = "~1.2", registry = "ca" }\n';
    const dep = only('cargoToml', text);
    assert.equal(fixed(text, dep, pkgOf(['2.1.5', '1.2.0'])), text.replace('~1.2', '~2.1'));
    assert.deepEqual(completionTexts(only('cargoToml', '[dependencies]\nacme = "1.2"\n'), pkgOf(['2.1.5', '2.1.0', '1.2.0'])).map((c) => c.text), ['2.1', '1.2']);
  });
});

const NUGET_CASES: [string, string, string][] = [
  ['1.0.3', '2.1.5', '2.1.5'],
  ['1.0', '2.1.5', '2.1.5'],
  ['[1.0.3]', '2.1.5', '[2.1.5]'],
  ['1.*', '2.1.5', '2.*'],
  ['1.0.*', '2.1.5', '2.1.*'],
  ['1.*-*', '2.1.5', '2.*-*'],
  ['*', '2.1.5', '*'],
  ['1.0.0-*', '2.1.5', '2.1.5-*'],
  ['[1.0,2.0)', '2.1.5', '[2.1.5,3.0)'],
  ['[1.0, 2.0)', '1.7.2', '[1.7.2,2.0)'],
  ['(1.0,)', '2.1.5', '[2.1.5,)'],
  ['(,2.0]', '2.1.5', '[2.1.5,3.0]'],
  ['(,3.0)', '2.1.5', '[2.1.5,3.0)'],
];

describe('NuGet: the rewritten version keeps its form; restore picks the target', () => {
  for (const [written, target, expected] of NUGET_CASES) {
    it(`${written} → ${expected} for ${target}`, () => {
      const text = `<Project><ItemGroup><PackageReference Include="Acme" Version="${written}" /></ItemGroup></Project>`;
      const dep = only('nugetProject', text);
      assert.equal(rangeFor(dep, dep.rangeSpan?.text ?? written, target), expected);
      assert.ok(satisfiesNuget(target, expected));
      // Restore takes the lowest a range allows (the highest a float floats over): the target, not 2.1.0.
      assert.equal(nugetBestMatch(['1.0.0', '2.1.0', target], expected), target);
    });
  }
});

describe('Update All and completions write the same text as the quick fix', () => {
  it('Cargo 1.2 at major → 2.1, at minor → 1.9; NuGet bare 1.0 at minor → 1.9.0 (restore picks the lowest)', () => {
    const pkg = pkgOf(['2.1.5', '1.9.0', '1.2.0']);
    assert.equal(planUpdate(only('cargoToml', '[dependencies]\nacme = "1.2"\n'), pkg, 'major')?.newText, '2.1');
    assert.equal(planUpdate(only('cargoToml', '[dependencies]\nacme = "1.2"\n'), pkg, 'minor')?.newText, '1.9');
    const nuget = only('nugetProject', '<Project><ItemGroup><PackageReference Include="Acme" Version="1.0" /></ItemGroup></Project>');
    assert.equal(planUpdate(nuget, pkg, 'minor')?.newText, '1.9.0');
  });

  it('a Gemfile list and a Swift two-bound range are updated in place, at their level', () => {
    const pkg = pkgOf(['2.1.5', '1.9.0', '1.0.3']);
    const gem = only('gemfile', 'gem "acme", "~> 1.0", ">= 1.0.3"\n');
    assert.equal(planUpdate(gem, pkg, 'minor')?.newText, '~> 1.9", ">= 1.9.0');
    assert.equal(planUpdate(gem, pkg, 'major')?.newText, '~> 2.1", ">= 2.1.5');
    assert.equal(planUpdate(only('gemfile', 'gem "acme", "< 2", "> 1"\n'), pkg, 'major'), undefined, 'no floor: left as written');
    const swift = only('packageSwift', '.package(id: "acme.kit", "1.0.3"..<"2.0.0"),\n');
    assert.equal(planUpdate(swift, pkg, 'minor')?.newText, '1.9.0"..<"2.0.0');
    assert.equal(planUpdate(swift, pkg, 'major')?.newText, '2.1.5"..<"3.0.0');
  });

  it('NuGet completions: a float offers each line once, an exact version stays exact', () => {
    const pkg = pkgOf(['2.1.5', '2.1.0', '1.9.0']);
    const float = only('nugetProject', '<Project><ItemGroup><PackageReference Include="Acme" Version="1.*" /></ItemGroup></Project>');
    assert.deepEqual(completionTexts(float, pkg).map((c) => `${c.text}@${c.version.version}`), ['2.*@2.1.5', '1.*@1.9.0']);
    const exact = only('nugetProject', '<Project><ItemGroup><PackageReference Include="Acme" Version="[1.0]" /></ItemGroup></Project>');
    assert.deepEqual(completionTexts(exact, pkg).map((c) => c.text), ['[2.1.5]', '[2.1.0]', '[1.9.0]']);
  });
});

describe('Swift: the version literal gets the whole target; the requirement kind stays', () => {
  for (const [requirement, after, bound] of [
    ['from: "1.2.3"', 'from: "2.1.5"', '2.9.0'],
    ['.upToNextMajor(from: "1.2.3")', '.upToNextMajor(from: "2.1.5")', '2.9.0'],
    ['.upToNextMinor(from: "1.2.3")', '.upToNextMinor(from: "2.1.5")', undefined],
    ['exact: "1.2.3"', 'exact: "2.1.5"', undefined],
    ['.exact("1.2.3")', '.exact("2.1.5")', undefined],
  ] as const) {
    it(`${requirement} → ${after}`, () => {
      const text = `let package = Package(dependencies: [.package(id: "acme.kit", ${requirement})])\n`;
      const dep = only('packageSwift', text);
      const pkg = pkgOf(['2.1.5', '1.2.3']);
      const result = fixed(text, dep, pkg);
      assert.equal(result, text.replace(requirement, after));
      const again = only('packageSwift', result);
      assert.equal(analyze(again, pkg).resolved, '2.1.5');
      if (bound) assert.equal(analyze(again, pkgOf([bound, '2.1.5'])).resolved, bound, 'from: stays up to the next major');
    });
  }
});

describe('Swift: a two-bound range keeps both bounds\' form', () => {
  for (const [requirement, target, after] of [
    ['"1.0.0"..<"2.0.0"', '2.1.5', '"2.1.5"..<"3.0.0"'],
    ['"1.0.0"..<"1.5.0"', '1.7.2', '"1.7.2"..<"1.8.0"'],
    ['"1.0.0" ... "2.0.0"', '2.1.5', '"2.1.5" ... "3.0.0"'],
    ['"1.0.0"..<"3.0.0"', '2.1.5', '"2.1.5"..<"3.0.0"'],
  ] as const) {
    it(`${requirement} → ${after} for ${target}`, () => {
      const text = `.package(id: "acme.kit", ${requirement}),\n`;
      const dep = only('packageSwift', text);
      const span = dep.rangeSpan;
      assert.ok(span);
      const result = text.slice(0, span.start) + rangeFor(dep, span.text, target) + text.slice(span.end);
      assert.equal(result, text.replace(requirement, after));
      assert.equal(analyze(only('packageSwift', result), pkgOf([target, '1.0.0'])).resolved, target);
      assert.deepEqual(completionTexts(dep, pkgOf([target])), [], 'no completion over two literals');
    });
  }
});

describe('one answer per dependency: after the fix to latest, the lens says up to date', () => {
  const forms: [ManifestKind, (w: string) => string, string[]][] = [
    ['gemfile', (w) => `gem "acme", ${w.split(', ').map((r) => `"${r}"`).join(', ')}\n`, ['~> 1.0', '~> 1.0.3', '= 1.0.3', '~> 1.0, >= 1.0.3', '>= 0.3, < 1']],
    ['cargoToml', (w) => `[dependencies]\nacme = "${w}"\n`, ['1.2', '1', '^1.2', '~1.2', '=1.2.3', '1.*', '>=1.0, <2.0']],
    ['nugetProject', (w) => `<Project><ItemGroup><PackageReference Include="Acme" Version="${w}" /></ItemGroup></Project>`, ['1.0', '[1.0.3]', '1.*', '[1.0,2.0)', '(,2.0]', '(1.0,)']],
    ['packageSwift', (w) => `.package(id: "acme.kit", ${w}),\n`, ['from: "1.0.3"', '.upToNextMinor(from: "1.0.3")', 'exact: "1.0.3"', '"1.0.0"..<"2.0.0"']],
  ];
  const pkg = pkgOf(['2.1.5', '2.1.0', '1.2.3', '1.0.3', '1.0.0']);
  for (const [kind, manifest, written] of forms) {
    for (const w of written) {
      it(`${kind} ${w}: lens, fix and the lens after it agree`, () => {
        const text = manifest(w);
        const dep = only(kind, text);
        assert.match(lensTitle(dep, pkg), /^(latest 2\.1\.5|no version matches)/);
        const after = only(kind, fixed(text, dep, pkg));
        assert.equal(lensTitle(after, pkg), 'up to date', `after the fix: ${after.rangeSpan?.text ?? after.range}`);
        assert.deepEqual(findingsFor(after, pkg, 'acme/r'), []);
        assert.deepEqual(updateEdits(after, pkg), [], 'no fix left to offer');
      });
    }
  }
});

describe('one answer per dependency: Cargo below 1.0', () => {
  it('0.1 → 0.2.3 is a breaking step everywhere: the lens says major, Update All at minor leaves it, the compatible fix skips it', () => {
    const dep = only('cargoToml', '[dependencies]\nacme = "0.1"\n');
    const pkg = pkgOf(['0.2.3', '0.1.9', '0.1.5']);
    assert.equal(lensTitle(dep, pkg), 'latest 0.2.3 (major)');
    assert.equal(analyze(dep, pkg).update, 'major');
    assert.equal(planUpdate(dep, pkg, 'minor'), undefined, '0.2 is not a minor step from 0.1 in Cargo');
    assert.equal(planUpdate(dep, pkg, 'major')?.newText, '0.2');
    assert.equal(analyze(only('cargoToml', '[dependencies]\nacme = "0.0.3"\n'), pkgOf(['0.0.4', '0.0.3'])).update, 'major', 'below 0.1 the patch breaks');
    assert.equal(analyze(only('cargoToml', '[dependencies]\nacme = "=0.1.5"\n'), pkgOf(['0.1.9', '0.1.5'])).update, 'patch');
  });
});

describe('one answer per dependency: every error offers its fix', () => {
  it('a Swift "a"..<"b" range no version satisfies: Problems and the lens say so, and the quick fix moves both bounds', () => {
    const text = 'let p = Package(dependencies: [.package(id: "acme.kit", "1.0.0"..<"2.0.0")])\n';
    const dep = only('packageSwift', text);
    const pkg = pkgOf(['3.1.0', '3.0.0']);
    assert.deepEqual(findingsFor(dep, pkg, 'acme/swift').map((f) => f.code), ['unsatisfiable']);
    assert.equal(lensTitle(dep, pkg), 'no version matches; latest 3.1.0');
    assert.equal(fixed(text, dep, pkg), text.replace('"1.0.0"..<"2.0.0"', '"3.1.0"..<"4.0.0"'));
  });

  it('a Gemfile list that no version satisfies: Problems says so, the lens agrees, and the quick fix rewrites the list', () => {
    const text = 'gem "tiny-dep", ">= 0.3", "< 1"\n';
    const dep = only('gemfile', text);
    const pkg = pkgOf(['2.1.5', '2.0.0']);
    assert.deepEqual(findingsFor(dep, pkg, 'acme/shared').map((f) => f.code), ['unsatisfiable']);
    assert.equal(lensTitle(dep, pkg), 'no version matches; latest 2.1.5');
    const edits = updateEdits(dep, pkg);
    assert.deepEqual(edits.map((e) => e.newText), ['>= 2.1.5", "< 3']);
    assert.equal(fixed(text, dep, pkg), 'gem "tiny-dep", ">= 2.1.5", "< 3"\n');
  });
});
