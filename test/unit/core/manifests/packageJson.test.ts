import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePackageJson, type NpmDependency } from '../../../../src/core/manifests/packageJson';

const fixtures = path.resolve(__dirname, '../../../../../test/fixtures/manifests');
const storefront = readFileSync(path.join(fixtures, 'storefront.package.json'), 'utf8');

function find(deps: readonly NpmDependency[], kind: string, name: string): NpmDependency {
  const dep = deps.find((d) => d.kind === kind && d.name.text === name);
  assert.ok(dep, `${kind} ${name} not reported`);
  return dep;
}

describe('parsePackageJson', () => {
  const manifest = parsePackageJson(storefront);
  const deps = manifest.dependencies;

  it('reads a jsonc manifest with comments and trailing commas without errors', () => {
    assert.equal(manifest.syntaxErrors, 0);
    assert.equal(manifest.name, '@acme/storefront');
    assert.equal(manifest.version, '3.14.0');
  });

  it('reports every dependency field, overrides, resolutions and pnpm.overrides', () => {
    const count = (kind: string): number => deps.filter((d) => d.kind === kind).length;
    assert.equal(count('dependencies'), 25);
    assert.equal(count('devDependencies'), 4);
    assert.equal(count('peerDependencies'), 2);
    assert.equal(count('optionalDependencies'), 1);
    assert.equal(count('overrides'), 5);
    assert.equal(count('resolutions'), 2);
    assert.equal(count('pnpm.overrides'), 2);
  });

  it('points every name and version span at the text as written', () => {
    for (const dep of deps) {
      assert.equal(storefront.slice(dep.name.start, dep.name.end), dep.name.text);
      assert.equal(storefront.slice(dep.version.start, dep.version.end), dep.version.text);
      // An empty spec means any version: its range is '*' and its span an empty one, where to type.
      if (dep.rangeSpan && dep.version.text !== '') assert.equal(storefront.slice(dep.rangeSpan.start, dep.rangeSpan.end), dep.range);
    }
    const lodash = find(deps, 'dependencies', 'lodash');
    assert.equal(storefront.slice(lodash.name.start - 1, lodash.version.end + 1), '"lodash": "4.17.21"');
  });

  it('splits scoped names into scope and name', () => {
    const scoped = find(deps, 'dependencies', '@acme/design-system');
    assert.equal(scoped.scope, 'acme');
    assert.equal(scoped.unscopedName, 'design-system');
    assert.equal(scoped.specType, 'range');
    assert.equal(scoped.range, '^4.2.0');
    const plain = find(deps, 'dependencies', 'lodash');
    assert.equal(plain.scope, undefined);
    assert.equal(plain.specType, 'version');
  });

  it('classifies registry specs: versions, ranges, tags, empty', () => {
    assert.equal(find(deps, 'dependencies', 'next').specType, 'tag');
    assert.equal(find(deps, 'dependencies', 'next').fromRegistry, true);
    assert.equal(find(deps, 'dependencies', 'typescript').range, '*');
    assert.equal(find(deps, 'dependencies', 'x-range').specType, 'range');
    assert.equal(find(deps, 'dependencies', 'prerelease').specType, 'version');
  });

  it('resolves npm: aliases to the target package and its range, with the range located inside the string', () => {
    const alias = find(deps, 'dependencies', 'legacy-lodash');
    assert.equal(alias.specType, 'alias');
    assert.equal(alias.packageName, 'lodash');
    assert.equal(alias.range, '^3.10.1');
    assert.equal(alias.rangeSpan?.text, '^3.10.1');
    assert.equal(alias.rangeSpan.end, alias.version.end);
    const scopedAlias = find(deps, 'dependencies', 'scoped-alias');
    assert.equal(scopedAlias.packageName, '@acme/design-system');
    assert.equal(scopedAlias.scope, 'acme');
    assert.equal(scopedAlias.range, '4.1.0');
  });

  it('marks workspace, file, directory, link, catalog, git and URL specs as not from the registry', () => {
    const expected: Record<string, string> = {
      '@acme/shared': 'workspace',
      '@acme/utils': 'workspace',
      'local-lib': 'directory',
      sibling: 'directory',
      linked: 'link',
      catalogued: 'catalog',
      'from-github': 'git',
      'git-shorthand': 'git',
      'git-ssh': 'git',
      tarball: 'remote',
    };
    for (const [name, type] of Object.entries(expected)) {
      const dep = find(deps, 'dependencies', name);
      assert.equal(dep.specType, type, name);
      assert.equal(dep.fromRegistry, false, name);
      assert.equal(dep.range, undefined, name);
    }
  });

  it('decodes escaped values but only locates ranges it can map exactly', () => {
    const escaped = find(deps, 'dependencies', 'escaped-range');
    assert.equal(escaped.version.text, '\\u005e1.0.0');
    assert.equal(escaped.range, '^1.0.0');
    assert.equal(escaped.rangeSpan, undefined);
    const spaced = find(deps, 'dependencies', 'spaced');
    assert.equal(spaced.range, '^2.1.0');
    assert.equal(spaced.rangeSpan?.text, '^2.1.0');
  });

  it('reads override selectors: name@range keys, $references, nested and "." entries', () => {
    const glob = find(deps, 'overrides', 'glob');
    assert.equal(storefront.slice(glob.name.start - 1, glob.name.end + 3), '"glob@^7');
    assert.equal(find(deps, 'overrides', '@acme/analytics').specType, 'reference');
    const self = deps.find((d) => d.kind === 'overrides' && d.packageName === 'webpack');
    assert.equal(self?.range, '5.90.0');
    assert.deepEqual(self?.overridePath, ['webpack']);
    assert.deepEqual(find(deps, 'overrides', 'terser').overridePath, ['webpack']);
  });

  it('takes the last package of yarn resolution paths and pnpm selectors', () => {
    assert.equal(find(deps, 'resolutions', 'minimist').range, '1.2.8');
    assert.equal(find(deps, 'resolutions', '@babel/traverse').scope, 'babel');
    assert.equal(find(deps, 'pnpm.overrides', 'bar').range, '^2.0.0');
    assert.equal(find(deps, 'pnpm.overrides', 'qux').range, '2.0.1');
  });

  it('keeps what it can from broken text and never throws', () => {
    const broken = '{ "dependencies": { "a": "^1.0.0", "b": "2.0.0" "c": , "d": "^3';
    const result = parsePackageJson(broken);
    assert.ok(result.syntaxErrors > 0);
    assert.deepEqual(
      result.dependencies.slice(0, 2).map((d) => d.name.text),
      ['a', 'b'],
    );
    assert.equal(result.dependencies[0]?.range, '^1.0.0');
    for (const input of ['', 'null', '[]', '"x"', '{', '{"dependencies": []}', '{"dependencies": {"a": 1}}']) {
      assert.deepEqual(parsePackageJson(input).dependencies, [], input);
    }
  });

  it('reports specs npm cannot read as invalid rather than failing', () => {
    const result = parsePackageJson('{"dependencies": {"Not Valid": "github:x/y", "ok": "^1"}}');
    assert.equal(result.dependencies[0]?.specType, 'invalid');
    assert.equal(result.dependencies[0]?.fromRegistry, false);
    assert.equal(result.dependencies[1]?.specType, 'range');
  });
});
