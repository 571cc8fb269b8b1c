import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parsePyprojectToml, poetryToPep440, type PyprojectDependency } from '../../../../src/core/manifests/pyprojectToml';
import { satisfies } from '../../../../src/core/versioning/versions';

const fixtures = path.resolve(__dirname, '../../../../../test/fixtures/manifests');
const source = readFileSync(path.join(fixtures, 'pyproject.toml'), 'utf8');

function find(deps: readonly PyprojectDependency[], name: string): PyprojectDependency {
  const dep = deps.find((d) => d.normalizedName === name);
  assert.ok(dep, `${name} not reported`);
  return dep;
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length - 1;
}

describe('parsePyprojectToml', () => {
  const file = parsePyprojectToml(source);
  const deps = file.dependencies;

  it('reads PEP 621, PEP 735, build-system and Poetry sections', () => {
    assert.equal(file.syntaxError, false);
    assert.deepEqual(
      deps.map((d) => `${d.section}${d.group ? `/${d.group}` : ''} ${d.normalizedName}`),
      [
        'build-system setuptools',
        'build-system wheel',
        'project requests',
        'project django-rest-framework',
        'project numpy',
        'project multiline',
        'optional-dependencies/cli click',
        'optional-dependencies/cli rich',
        'optional-dependencies/test pytest',
        'dependency-groups/lint ruff',
        'poetry/main httpx',
        'poetry/main pydantic',
        'poetry/main attrs',
        'poetry/main either',
        'poetry/dev black',
        'poetry/main boto3',
      ],
    );
  });

  it('points names, specifiers and markers at the text, with the right line', () => {
    for (const dep of deps) {
      for (const span of [dep.name, dep.specifier, dep.marker, ...dep.versions.map((v) => v.version)]) {
        if (span) assert.equal(source.slice(span.start, span.end), span.text);
      }
      assert.equal(dep.line, lineOf(source, dep.name.start), dep.normalizedName);
    }
    const requests = find(deps, 'requests');
    assert.equal(requests.specifier?.text, '>=2.31,<3');
    assert.equal(requests.marker?.text, "python_version >= '3.10'");
    assert.deepEqual(requests.extras, ['socks']);
    assert.equal(find(deps, 'django-rest-framework').name.text, 'Django_Rest.framework');
  });

  it('reads Poetry constraints and converts them to PEP 440', () => {
    const httpx = find(deps, 'httpx');
    assert.equal(httpx.specifier?.text, '^0.27.0');
    assert.equal(httpx.specifierText, '>=0.27.0,<0.28.0');
    const pydantic = find(deps, 'pydantic');
    assert.equal(pydantic.name.text, 'Pydantic');
    assert.deepEqual(pydantic.extras, ['email']);
    assert.equal(pydantic.specifierText, '>=2.6,<2.7');
    assert.equal(find(deps, 'attrs').specifierText, '');
    // `||` is kept as alternatives, which versions.ts reads as a union (poetry-core's VersionUnion).
    assert.equal(find(deps, 'either').specifierText, '>=1.0,<2.0 || >=2.0,<3.0');
    assert.equal(find(deps, 'black').specifierText, '==24.2.0');
    assert.equal(find(deps, 'boto3').specifier?.text, '>=1.34,<2');
    assert.ok(!deps.some((d) => d.normalizedName === 'python'));
  });

  it('skips URL, path and git dependencies and strings it cannot map exactly', () => {
    assert.deepEqual(
      file.skipped.map((s) => s.reason),
      ['url', 'invalid', 'path', 'git'],
    );
  });

  it('gives nothing, without throwing, for TOML that does not parse', () => {
    for (const text of ['[project\ndependencies = [', 'a = ', '= 1', '[[x]]\n[x]']) {
      const result = parsePyprojectToml(text);
      assert.deepEqual(result.dependencies, []);
    }
    assert.equal(parsePyprojectToml('[project\n').syntaxError, true);
  });

  it('never throws on random edits and keeps spans exact', function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(fc.nat(), fc.nat({ max: 20 }), fc.string({ unit: fc.constantFrom(...'[]{}"\'=,.#\n ^~<>abc1') }), (at, remove, insert) => {
        const i = at % (source.length + 1);
        const text = source.slice(0, i) + insert + source.slice(i + remove);
        for (const dep of parsePyprojectToml(text).dependencies) {
          for (const span of [dep.name, dep.specifier, dep.marker]) if (span) assert.equal(text.slice(span.start, span.end), span.text);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('poetryToPep440', () => {
  it('converts caret, tilde, wildcard and exact constraints', () => {
    const cases: [string, string | undefined][] = [
      ['^1.2.3', '>=1.2.3,<2.0.0'],
      ['^0.2.3', '>=0.2.3,<0.3.0'],
      ['^0.0.3', '>=0.0.3,<0.0.4'],
      ['^0.0', '>=0.0,<0.1'],
      ['^0', '>=0,<1'],
      ['~1.2.3', '>=1.2.3,<1.3.0'],
      ['~1.2', '>=1.2,<1.3'],
      ['~1', '>=1,<2'],
      ['*', ''],
      ['1.2.3', '==1.2.3'],
      ['>=1.0, <2.0', '>=1.0,<2.0'],
      ['~=1.4', '>=1.4,<2.0'],
      ['^1.0 || ^2.0', '>=1.0,<2.0 || >=2.0,<3.0'],
      ['1.2.*', '>=1.2.0,<1.3.0'],
      ['>=1.2 <1.5', '>=1.2,<1.5'],
      ['>= 1.2, < 1.5', '>=1.2,<1.5'],
      ['!=1.2.*', '<1.2.0 || >=1.3.0'],
      ['>=1.0,!=1.2.*', '>=1.0,<1.2.0 || >=1.0,>=1.3.0'],
      ['^1.2.3rc1', '>=1.2.3rc1,<2.0.0'],
      ['^2.0.0a1', '>=2.0.0a1,<3.0.0'],
      ['<>1.2', '==1.2'],
      ['^ 1.2', undefined],
      ['>=1.2,,<2', undefined],
      ['', undefined],
      ['not a constraint', undefined],
    ];
    for (const [constraint, expected] of cases) assert.equal(poetryToPep440(constraint), expected, constraint);
  });

  it('makes caret ranges that hold their base version and exclude the next breaking one', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 }), (numbers) => {
        const base = numbers.join('.');
        const spec = poetryToPep440(`^${base}`)!;
        assert.ok(satisfies('pypi', base, spec), `${base} in ${spec}`);
        const upperBound = spec.split(',<')[1]!;
        assert.ok(!satisfies('pypi', upperBound, spec));
      }),
    );
  });
});
