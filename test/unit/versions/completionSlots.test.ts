// Completion inside one literal of a several-literal range: a Gemfile/gemspec requirement list and a Swift
// `"a"..<"b"` / `"a"..."b"`. `|` marks the cursor. The offered texts are held against real Ruby (Gem::Requirement)
// when it is installed: every offered list accepts its version, and the versions left out are the ones Ruby refuses.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { parsePackageSwift } from '../../../src/core/manifests/packageSwift';
import { versionCompletions } from '../../../src/versions/completionTexts';
import { readManifest, type ManifestKind } from '../../../src/versions/manifestDependencies';
import type { PackageVersions } from '../../../src/versions/versionSource';

const VERSIONS = ['8.0.1', '7.1.3', '7.1.2', '7.0.8', '6.1.7'];

function pkgOf(versions: string[]): PackageVersions {
  return { found: true, versions: versions.map((version) => ({ version, status: 'Published', installable: true })), distTags: {}, latest: versions[0], fetchedAt: 0 };
}

/** The completions at the `|` of `marked` (texts, newest first) and the text after picking the first; undefined: none. */
function complete(kind: ManifestKind, marked: string, fileName: string, versions = VERSIONS): { texts: string[]; versions: string[]; picked?: string; after: string[] } | undefined {
  // The last `|` (a gemspec's `do |spec|` has its own).
  const offset = marked.lastIndexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const deps = readManifest(kind, text, fileName).dependencies;
  // As VersionLookup.lookupTarget(…, inRange) finds it.
  const dep = deps.find((d) => [d.rangeSpan, ...(d.rangeParts ?? [])].some((s) => s !== undefined && offset >= s.start && offset <= s.end));
  if (!dep) return undefined;
  const found = versionCompletions(dep, pkgOf(versions), text, offset);
  if (!found) return undefined;
  const after = found.items.map((i) => text.slice(0, found.span.start) + i.text + text.slice(found.span.end));
  return {
    texts: found.items.map((i) => i.text),
    versions: found.items.map((i) => i.version.version),
    ...(after[0] !== undefined ? { picked: after[0] } : {}),
    after,
  };
}

function rubySays(cases: [string[], string][]): boolean[] | undefined {
  const script = 'require "json"; puts JSON.generate(JSON.parse(STDIN.read).map { |reqs, v| Gem::Requirement.new(*reqs).satisfied_by?(Gem::Version.new(v)) })';
  try {
    return JSON.parse(execFileSync('ruby', ['-e', script], { input: JSON.stringify(cases), encoding: 'utf8' })) as boolean[];
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

// [Gemfile line with the cursor, offered texts]
const GEMFILE_CASES: [string, string[]][] = [
  ['gem "rails", "~> 7.0", "|"', ['>= 7.1.3', '>= 7.1.2', '>= 7.0.8']],
  ["gem 'rails', '~> 7.0', '>= |'", ['>= 7.1.3', '>= 7.1.2', '>= 7.0.8']],
  ['gem "rails", "|", "< 8"', ['>= 7.1.3', '>= 7.1.2', '>= 7.0.8', '>= 6.1.7']],
  ['gem "rails", "~> |", ">= 7.0.4"', ['~> 8.0', '~> 7.1', '~> 7.0']],
  // The literal is replaced whole, at its precision: another ~> line is a new choice.
  ['gem "rails", "~> 7.0.0|", ">= 7.0.4"', ['~> 8.0.1', '~> 7.1.3', '~> 7.1.2', '~> 7.0.8']],
  ['gem "rails", "~> 7.0", "!= |"', ['!= 7.1.3', '!= 7.1.2', '!= 7.0.8']],
  ['gem "rails", ">= 7.0", "<|", require: false', ['< 8.0.1', '< 7.1.3', '< 7.1.2', '< 7.0.8']],
];

describe('Completion inside a Gemfile requirement list', () => {
  for (const [line, expected] of GEMFILE_CASES) {
    it(`${line} → ${expected.join(' | ')}`, () => {
      const got = complete('gemfile', `source "https://x"\n${line}\n`, 'Gemfile');
      assert.deepEqual(got?.texts, expected);
      // Picking one replaces only that literal: the list is read back with the new requirement in its place.
      const after = readManifest('gemfile', got?.picked ?? '', 'Gemfile').dependencies[0];
      const marked = line.slice(line.indexOf(',') + 1).split(',').filter((p) => /["']/.test(p)).map((p) => p.trim().slice(1, -1));
      assert.deepEqual(after?.range.split(', '), marked.map((p) => (p.includes('|') ? (expected[0] ?? '') : p)));
    });
  }

  it('a gemspec list (["~> 2.2", "|"]) too', () => {
    const got = complete('gemfile', 'Gem::Specification.new do |spec|\n  spec.add_dependency "rack", ["~> 2.2", "|"]\nend\n', 'rack.gemspec', ['3.0.0', '2.2.8', '2.2.1', '2.1.4']);
    assert.deepEqual(got?.texts, ['>= 2.2.8', '>= 2.2.1']);
    assert.match(got?.picked ?? '', /\["~> 2\.2", ">= 2\.2\.8"\]/);
  });

  const answers = rubySays(
    GEMFILE_CASES.flatMap(([line]) => {
      const got = complete('gemfile', `source "https://x"\n${line}\n`, 'Gemfile');
      // `< v`, `> v` and `!= v` rule v out by design: then the rest of the list must take it.
      return (got?.versions ?? []).map((v, i): [string[], string] => [(readManifest('gemfile', got?.after[i] ?? '', 'Gemfile').dependencies[0]?.range.split(', ') ?? []).filter((r) => r !== got?.texts[i] || !/^(<|>|!=)\s/.test(r)), v]);
    }),
  );
  (answers ? it : it.skip)(`real Ruby (Gem::Requirement) accepts every offered list with its version (an exclusive bound's own version: the rest of the list); the versions left out it refuses${answers ? '' : ' (skipped: ruby is not installed)'}`, () => {
    assert.ok(answers && answers.length > 10 && answers.every((a) => a), JSON.stringify(answers));
    // Left out: no operator we would write makes the list accept them (checked with `>=`, `~>` and `<` in the literal).
    const leftOut: [string[], string][] = [
      [['~> 7.0', '>= 8.0.1'], '8.0.1'],
      [['~> 7.0', '>= 6.1.7'], '6.1.7'],
      [['< 8', '>= 8.0.1'], '8.0.1'],
      [['~> 6.1', '>= 7.0.4'], '6.1.7'],
    ];
    assert.deepEqual(rubySays(leftOut), [false, false, false, false]);
  });

  it('bad input gives nothing and never throws: an unclosed quote, interpolation, a non-version, the comma between', () => {
    assert.equal(complete('gemfile', 'gem "rails", "~> 7.0", "|\n', 'Gemfile'), undefined);
    assert.equal(complete('gemfile', 'gem "rails", "~> 7.0", "#{v}|"\n', 'Gemfile'), undefined);
    assert.deepEqual(complete('gemfile', 'gem "rails", "~> 7.0", "abc|"\n', 'Gemfile')?.texts, []);
    assert.deepEqual(complete('gemfile', 'gem "rails", "~> 7.0", "~> ~>|"\n', 'Gemfile')?.texts, []);
    assert.deepEqual(complete('gemfile', 'gem "rails", "~> 7.0",| ">= 7.0.4"\n', 'Gemfile')?.texts, []);
    assert.deepEqual(complete('gemfile', 'gem "rails", "~> 7.0", "|"\n', 'Gemfile', ['latest', '', '7..1', '7.1.3'])?.texts, ['>= 7.1.3']);
  });

  it('a single requirement is completed as before (the whole literal, in its own style)', () => {
    assert.deepEqual(complete('gemfile', 'gem "rails", "~> 7.0|"\n', 'Gemfile')?.texts, ['~> 8.0', '~> 7.1', '~> 7.0', '~> 6.1']);
  });
});

const swift = (req: string): string => `// swift-tools-version:5.9\nimport PackageDescription\nlet package = Package(name: "App", dependencies: [\n  .package(id: "mona.LinkedList", ${req}),\n])\n`;
const SWIFT_VERSIONS = ['2.0.0', '1.5.0', '1.0.0', '0.9.0', '1.6.0-beta.1'];

describe('Completion inside a Swift two-bound range', () => {
  // [range with the cursor, offered versions]; the other bound `"2"` is no version yet, so anything goes.
  const cases: [string, string[]][] = [
    ['"1.0.0"..<"|"', ['2.0.0', '1.5.0', '1.6.0-beta.1']],
    ['"1.0.0"..."|"', ['2.0.0', '1.5.0', '1.0.0', '1.6.0-beta.1']],
    ['"|"..<"2.0.0"', ['1.5.0', '1.0.0', '0.9.0', '1.6.0-beta.1']],
    ['"|"..."1.5.0"', ['1.5.0', '1.0.0', '0.9.0']],
    ['"|"..<"2"', SWIFT_VERSIONS],
    ['"1.0.0" ..< "1.|"', ['2.0.0', '1.5.0', '1.6.0-beta.1']],
  ];
  for (const [req, expected] of cases) {
    it(`${req} → ${expected.join(' | ')}`, () => {
      const got = complete('packageSwift', swift(req), 'Package.swift', SWIFT_VERSIONS);
      assert.deepEqual(got?.texts, expected);
      // The range after the pick is one SwiftPM accepts (lower below upper, or equal for `...`), read as it reads it.
      const [dep] = parsePackageSwift(got?.picked ?? '');
      if (!req.includes('"2"')) assert.ok(dep?.range, `a valid range after picking ${expected[0] ?? ''}: ${got?.picked ?? ''}`);
    });
  }

  it('bad input gives nothing and never throws: no closing parenthesis, an unclosed literal, a from: elsewhere in the call', () => {
    assert.equal(complete('packageSwift', swift('"1.0.0"..<"|"').replace('"),', '",'), 'Package.swift', SWIFT_VERSIONS), undefined);
    assert.equal(complete('packageSwift', swift('"1.0.0"..<"|'), 'Package.swift', SWIFT_VERSIONS), undefined);
    assert.deepEqual(complete('packageSwift', swift('"1.0.0"..<"|"'), 'Package.swift', ['latest', '1.2', '01.2.3'])?.texts, []);
    // `from:` is the one-literal form, completed as before.
    assert.deepEqual(complete('packageSwift', swift('from: "1.0.0|"'), 'Package.swift', ['2.0.0'])?.texts, ['2.0.0']);
  });
});

describe('Completion in broken Gemfiles and Package.swift files: nothing thrown, every edit stays inside the file', () => {
  const documents: [ManifestKind, string, string][] = [
    ['gemfile', 'Gemfile', 'source "https://x"\ngem "rails", "~> 7.0", ">= 7.0.4"\ngem \'rack\', \'>= 2\', \'< 3\', require: false\n'],
    ['gemfile', 'rack.gemspec', 'Gem::Specification.new do |spec|\n  spec.add_dependency "rack", ["~> 2.2", ">= 2.2.1"]\nend\n'],
    ['packageSwift', 'Package.swift', swift('"1.0.0"..<"2.0.0"') + swift('"1.0.0"..."1.5.0"')],
  ];
  it('every one-character deletion of each file, completed at every offset', () => {
    let offered = 0;
    for (const [kind, fileName, original] of documents) {
      for (let cut = 0; cut <= original.length; cut++) {
        const text = original.slice(0, cut) + original.slice(cut + 1);
        const deps = readManifest(kind, text, fileName).dependencies;
        for (let offset = 0; offset <= text.length; offset++) {
          for (const dep of deps) {
            const found = versionCompletions(dep, pkgOf([...VERSIONS, ...SWIFT_VERSIONS, 'latest', '']), text, offset);
            if (!found) continue;
            assert.ok(found.span.start >= 0 && found.span.end <= text.length && found.span.start <= found.span.end, `${fileName} cut ${cut} at ${offset}`);
            for (const item of found.items) assert.ok(!/["'\n]/.test(item.text), `a completion never writes a quote or a line break: ${item.text}`);
            offered += found.items.length;
          }
        }
      }
    }
    assert.ok(offered > 100, 'the sweep reached the literals (the check can fail)');
  });
});
