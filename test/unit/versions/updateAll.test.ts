// "Update all dependencies in this file" over the real fixture manifests, parsed by the real parsers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readManifest, type ManifestKind } from '../../../src/versions/manifestDependencies';
import { applyPlanned, planUpdates, type UpdateLevel } from '../../../src/versions/updateAll';
import type { PackageVersions, RepositoryVersion } from '../../../src/versions/versionSource';

const FIXTURES = join(__dirname, '../../../../test/fixtures/manifests');

function pkg(versions: (string | Partial<RepositoryVersion>)[]): PackageVersions {
  const list = versions.map((v) => (typeof v === 'string' ? { version: v } : v)).map((v) => ({ version: v.version ?? '0.0.0', status: v.status ?? 'Published', installable: v.installable ?? true, ...v }));
  const latest = list.find((v) => v.installable && !/[a-z]/i.test(v.version.replace(/-jre$/, '')))?.version ?? list[0]?.version;
  return { found: list.length > 0, versions: list, distTags: latest ? { latest } : {}, ...(latest ? { latest } : {}), fetchedAt: 0 };
}

function plan(kind: ManifestKind, file: string, repo: Record<string, PackageVersions>, level: UpdateLevel): { text: string; after: string; changed: string[] } {
  const text = readFileSync(join(FIXTURES, file), 'utf8');
  const answers = readManifest(kind, text)
    .dependencies.map((dep) => ({ dep, pkg: repo[dep.displayName] }))
    .filter((a): a is { dep: (typeof a)['dep']; pkg: PackageVersions } => a.pkg !== undefined);
  const planned = planUpdates(answers, level);
  return { text, after: applyPlanned(text, planned), changed: planned.map((p) => `${p.dep.displayName} ${p.from}→${p.to} ${p.newText}`) };
}

const npmRepo: Record<string, PackageVersions> = {
  '@acme/design-system': pkg(['5.0.0', '4.3.1', '4.3.0', '4.2.5', '4.2.0']),
  '@acme/analytics': pkg(['2.0.0', '1.1.0', '1.0.9', '1.0.3']),
  '@types/node': pkg(['22.1.0', '20.12.0', '20.11.9', '20.11.5']),
  lodash: pkg(['4.17.21', '4.17.20']),
  react: pkg(['19.0.0', '18.3.1', '18.2.0']),
  'react-dom': pkg(['19.0.0', '18.3.1', '18.2.0']),
  'left-pad': pkg(['1.3.0']),
  next: pkg(['15.0.0']),
  'legacy-lodash': pkg(['4.17.21']),
  eslint: pkg(['10.0.0', '9.9.0', { version: '9.10.0-rc.1' }, '9.0.0']),
  // A peer range and an override: raising them is the author's decision.
  '@acme/runtime': pkg(['2.0.0', '1.0.0']),
  semver: pkg(['7.6.0', '7.5.4']),
  mocha: pkg(['11.0.0', '10.8.2', '10.2.0']),
  prerelease: pkg(['5.0.0', '5.0.0-beta.4', '5.0.0-beta.3']),
  // A server string that is not a plain version is never written into the manifest.
  fsevents: pkg(['2.4.0 && rm -rf /', '2.3.3']),
};

describe('update all dependencies in a file', () => {
  it('package.json, patch: only x.y.Z steps, each range keeps its operator', () => {
    const { changed, after } = plan('packageJson', 'storefront.package.json', npmRepo, 'patch');
    assert.deepEqual(changed, ['@acme/design-system 4.2.0→4.2.5 ^4.2.5', '@acme/analytics 1.0.3→1.0.9 ~1.0.9', '@types/node 20.11.5→20.11.9 20.11.9', 'prerelease 5.0.0-beta.3→5.0.0 5.0.0']);
    assert.match(after, /"@acme\/analytics": "~1\.0\.9",/);
    assert.match(after, /"@types\/node": "20\.11\.9",/);
  });

  it('package.json, minor and major: stays below the step; pre-releases only for a pre-release range', () => {
    const minor = plan('packageJson', 'storefront.package.json', npmRepo, 'minor').changed;
    assert.ok(minor.includes('@acme/design-system 4.2.0→4.3.1 ^4.3.1'));
    assert.ok(minor.includes('eslint 9.0.0→9.9.0 ^9.9.0'), minor.join('\n'));
    assert.ok(!minor.some((c) => c.startsWith('mocha') && c.includes('11.')));
    const major = plan('packageJson', 'storefront.package.json', npmRepo, 'major').changed;
    assert.ok(major.includes('@acme/design-system 4.2.0→5.0.0 ^5.0.0'));
    assert.ok(major.includes('mocha 10.2.0→11.0.0 ^11.0.0'));
    assert.ok(major.includes('prerelease 5.0.0-beta.3→5.0.0 5.0.0'));
    assert.ok(major.includes('react-dom 18.2.0→19.0.0 ^19.0.0'));
  });

  it('package.json: ranges it cannot rewrite faithfully, tags, aliases and hostile versions are left alone', () => {
    const { changed, text, after } = plan('packageJson', 'storefront.package.json', npmRepo, 'major');
    for (const name of ['@acme/runtime', 'semver', 'react ', 'left-pad', 'next', 'legacy-lodash', 'lodash ', 'fsevents']) assert.ok(!changed.some((c) => c.startsWith(name)), `${name} untouched: ${changed.join('; ')}`);
    assert.ok(!after.includes('rm -rf'));
    // Everything else in the file, comments included, is kept.
    assert.equal(after.replace(/"[~^]?\d+\.\d+\.\d+(-[\w.]+)?"/g, 'V'), text.replace(/"[~^]?\d+\.\d+\.\d+(-[\w.]+)?"/g, 'V'));
  });

  it('requirements.txt: == and ~= keep their operators; compound specifiers are left alone', () => {
    const repo = {
      'Django_Rest.framework': pkg(['3.15.2', '3.15.1', '3.14.1', '3.14.0']),
      'Flask-Login': pkg(['0.7.0', '0.6.4', '0.6.3']),
      'cryptography': pkg(['42.0.5', '41.0.7', '41.0.0']),
      'urllib3': pkg(['2.2.0', '1.26.18']),
      'attrs': pkg(['23.2.0', '23.1.0.post1']),
    };
    const patch = plan('requirements', 'requirements.txt', repo, 'patch');
    assert.deepEqual(patch.changed, ['Django_Rest.framework 3.14.0→3.14.1 ==3.14.1', 'cryptography 41.0→41.0.7 ~=41.0.7', 'Flask-Login 0.6.3→0.6.4 ==0.6.4']);
    const major = plan('requirements', 'requirements.txt', repo, 'major');
    assert.ok(major.changed.includes('cryptography 41.0→42.0.5 ~=42.0.5'), major.changed.join('; '));
    assert.ok(major.changed.includes('attrs 23.1.0.post1→23.2.0 ==23.2.0'));
    assert.ok(!major.changed.some((c) => c.startsWith('urllib3')));
    // The hashes of the line stay as they are (the user re-locks them).
    assert.match(major.after, /Flask-Login==0\.7\.0 --hash=sha256:2222/);
  });

  it('pom.xml: a literal version is updated; property and managed versions are not this edit\'s to change', () => {
    const text = readFileSync(join(FIXTURES, 'pom.xml'), 'utf8');
    const deps = readManifest('pom', text).dependencies;
    const repo: Record<string, PackageVersions> = {};
    for (const d of deps) repo[d.displayName] = pkg(['99.0.0', ...(d.pinned ? [d.pinned] : [])]);
    const planned = planUpdates(
      deps.map((dep) => ({ dep, pkg: repo[dep.displayName]! })),
      'major',
    );
    assert.ok(planned.length > 0, 'some literal version in the fixture');
    for (const p of planned) {
      assert.equal(p.dep.versionNote, undefined, `${p.dep.displayName} has no property or managed version`);
      assert.equal(p.newText, '99.0.0');
    }
    assert.ok(deps.some((d) => d.versionNote !== undefined && !planned.some((p) => p.dep === d)), 'property/managed versions are skipped');
  });

  it('pyproject.toml: PEP 621 pins and Poetry carets, tildes and exact versions keep their style; `||` is left alone', () => {
    const repo = {
      'Django_Rest.framework': pkg(['3.15.0', '3.14.0']),
      httpx: pkg(['0.28.1', '0.27.2', '0.27.0']),
      Pydantic: pkg(['2.7.0', '2.6.4']),
      black: pkg(['24.3.0', '24.2.0']),
      either: pkg(['3.0.0', '2.0.0']),
      ruff: pkg(['0.5.0', '0.4.10', '0.4.4']),
    };
    const { changed, after } = plan('pyproject', 'pyproject.toml', repo, 'patch');
    assert.deepEqual(changed, ['ruff 0.4.4→0.4.10 ==0.4.10', 'httpx 0.27.0→0.27.2 ^0.27.2', 'Pydantic 2.6→2.6.4 ~2.6.4']);
    assert.match(after, /^httpx = "\^0\.27\.2"$/m);
    const minor = plan('pyproject', 'pyproject.toml', repo, 'minor');
    assert.deepEqual(minor.changed, ['Django_Rest.framework 3.14.0→3.15.0 ==3.15.0', 'ruff 0.4.4→0.5.0 ==0.5.0', 'httpx 0.27.0→0.28.1 ^0.28.1', 'Pydantic 2.6→2.7.0 ~2.7.0', 'black 24.2.0→24.3.0 24.3.0']);
    assert.match(minor.after, /^black = "24\.3\.0"$/m);
  });

  it('build.gradle: literal versions update; variables and computed versions do not', () => {
    const text = readFileSync(join(FIXTURES, 'build.gradle'), 'utf8');
    const deps = readManifest('gradle', text).dependencies;
    const planned = planUpdates(deps.map((dep) => ({ dep, pkg: pkg(['99.0.0', ...(dep.pinned ? [dep.pinned] : [])]) })), 'major');
    assert.ok(planned.length > 0);
    for (const p of planned) assert.equal(p.dep.versionNote, undefined);
    assert.ok(deps.some((d) => d.versionNote !== undefined), 'the fixture has variable or unknown versions');
  });

  it('is idempotent: planning again over the updated text changes nothing', () => {
    const first = plan('packageJson', 'storefront.package.json', npmRepo, 'major');
    const deps = readManifest('packageJson', first.after).dependencies.filter((d) => npmRepo[d.displayName]);
    assert.deepEqual(planUpdates(deps.map((dep) => ({ dep, pkg: npmRepo[dep.displayName]! })), 'major'), []);
  });
});
