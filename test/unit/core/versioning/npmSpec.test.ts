import npa from 'npm-package-arg';
import semver from 'semver';
import assert from 'node:assert/strict';
import { resolveNpmSpec } from '../../../../src/core/versioning/npmSpec';
import { parsePackageJson } from '../../../../src/core/manifests/packageJson';
import { readManifest } from '../../../../src/versions/manifestDependencies';

describe('resolveNpmSpec (npm-package-arg, with a fast path)', () => {
  it('looks up the alias target, not the key, with the range after the target', () => {
    assert.deepEqual(resolveNpmSpec('string-width-cjs', 'npm:string-width@^4.2.0'), {
      type: 'alias',
      lookupName: 'string-width',
      wanted: '^4.2.0',
      aliasRawSpec: '^4.2.0',
    });
    assert.equal(resolveNpmSpec('a', 'npm:@s/b').lookupName, '@s/b');
    assert.equal(resolveNpmSpec('a', 'npm:@s/b').wanted, '*');
    assert.equal(resolveNpmSpec('fdir1', 'npm:fdir@1.2.0').pinned, '1.2.0');
  });

  it('takes what looks like a loose range but is a path or git shortcut as npm does', () => {
    // semver's loose parser accepts these as ranges; npa sees a directory and a git shortcut first.
    assert.equal(resolveNpmSpec('a', '||</@').type, 'directory');
    assert.equal(resolveNpmSpec('a', 'user/repo#semver:^1').type, 'git');
    assert.equal(resolveNpmSpec('a', ' workspace:*/x').type, 'directory');
  });

  it('refuses what npm refuses: bad package names, URL-unsafe tags, foreign protocols', () => {
    assert.deepEqual(resolveNpmSpec('a b', '^1'), { type: 'error', code: 'EINVALIDPACKAGENAME' });
    assert.deepEqual(resolveNpmSpec('lod\u0430sh', '^1'), { type: 'error', code: 'EINVALIDPACKAGENAME' });
    assert.deepEqual(resolveNpmSpec('a', 'b@1'), { type: 'error', code: 'EINVALIDTAGNAME' });
    assert.deepEqual(resolveNpmSpec('a', 'workspace:^'), { type: 'error', code: 'EUNSUPPORTEDPROTOCOL' });
    assert.deepEqual(resolveNpmSpec('a', 'jsr:@std/path'), { type: 'error', code: 'EUNSUPPORTEDPROTOCOL' });
  });

  it('cleans exact versions as pick-manifest looks them up; ranges, tags and empty specs as npm asks', () => {
    assert.equal(resolveNpmSpec('a', 'v1.2.3').pinned, '1.2.3');
    assert.equal(resolveNpmSpec('a', ' =1.2.3 ').pinned, '1.2.3');
    assert.equal(resolveNpmSpec('a', '1.2.3.4').type, 'tag');
    assert.deepEqual(resolveNpmSpec('a', ''), { type: 'range', lookupName: 'a', wanted: '*' });
    assert.deepEqual(resolveNpmSpec('a', ' latest '), { type: 'tag', lookupName: 'a', wanted: 'latest' });
  });
});

describe('resolveNpmSpec: one answer per spec text, each name its own', () => {
  it('the same spec under different names: each looks up its own name; a refused name is refused whatever the spec', () => {
    assert.equal(resolveNpmSpec('first', '^1.2.3').lookupName, 'first');
    assert.equal(resolveNpmSpec('second', '^1.2.3').lookupName, 'second');
    assert.equal(resolveNpmSpec('third', 'github:u/r').type, 'git');
    assert.deepEqual(resolveNpmSpec('_bad', '^1.2.3'), { type: 'error', code: 'EINVALIDPACKAGENAME' });
    assert.deepEqual(resolveNpmSpec('_bad', 'github:u/r'), { type: 'error', code: 'EINVALIDPACKAGENAME' });
    assert.deepEqual(resolveNpmSpec('a\uD800', 'latest'), { type: 'error', code: 'EINVALIDPACKAGENAME' });
  });

  it('plain x.y.z, ^x.y.z and ~x.y.z (read without semver) give what npa gives', () => {
    for (const spec of ['1.2.3', '0.0.0', '^0.1.0', '~10.20.30', '^123456789.0.1', '01.2.3', '^1.2.3-beta.1', '1.2']) {
      const got = resolveNpmSpec('pkg', spec);
      const real = npa.resolve('pkg', spec, '/');
      assert.equal(got.type, real.type, spec);
      assert.equal(got.wanted, real.fetchSpec, spec);
      if (real.type === 'version') assert.equal(got.pinned, semver.clean(spec, { loose: true }), spec);
    }
  });
});

describe('package.json dependencies through npm\'s spec parser', () => {
  it('names the foreign protocols, looks up only registry specs, and pins cleaned versions', () => {
    const text = JSON.stringify({
      dependencies: { w: 'workspace:^1', c: 'catalog:', l: 'link:../l', p: 'patch:p@1#./x.patch', j: 'jsr:@std/path', g: 'github:u/r', v: 'v1.2.3', odd: '||</@' },
    });
    const types = Object.fromEntries(parsePackageJson(text).dependencies.map((d) => [d.name.text, d.specType]));
    assert.deepEqual(types, { w: 'workspace', c: 'catalog', l: 'link', p: 'patch', j: 'unsupported', g: 'git', v: 'version', odd: 'directory' });
    const looked = readManifest('packageJson', text).dependencies;
    assert.deepEqual(looked.map((d) => [d.displayName, d.range, d.pinned]), [['v', 'v1.2.3', '1.2.3']]);
  });
});
