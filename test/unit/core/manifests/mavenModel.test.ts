// The effective versions of a pom from files held in memory: parents, profiles, properties, BOMs; and what the
// lens and hover say for a version that comes from elsewhere or cannot be known.
// (test/differential/maven checks the same code against Maven's own model builder.)
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { effectiveModel, type ModelContext } from '../../../../src/core/manifests/mavenModel';
import { lensTitle } from '../../../../src/versions/dependencyInsight';
import { readManifest } from '../../../../src/versions/manifestDependencies';
import { withEffectiveVersions } from '../../../../src/versions/mavenVersionNotes';
import type { PackageVersions } from '../../../../src/versions/versionSource';

const root = path.resolve('/ws');
const repo = path.resolve('/m2');
function io(files: Record<string, string>) {
  return {
    readFile: (f: string) => Promise.resolve(files[path.resolve(f)]),
    exists: (f: string) => Promise.resolve(files[path.resolve(f)] !== undefined),
  };
}
const ctx = (javaVersion = '17.0.2'): ModelContext => ({ javaVersion, os: { name: 'Linux', family: 'unix', arch: 'amd64', version: '6.1' }, localRepository: repo });
const pom = (body: string): string => `<project><modelVersion>4.0.0</modelVersion>${body}</project>`;
const dep = (a: string, version?: string): string => `<dependency><groupId>g</groupId><artifactId>${a}</artifactId>${version !== undefined ? `<version>${version}</version>` : ''}</dependency>`;

const parent = pom(`<groupId>g</groupId><artifactId>parent</artifactId><version>9</version><packaging>pom</packaging>
  <properties><lib.version>1.5</lib.version></properties>
  <dependencyManagement><dependencies>${dep('managed', '2.0')}${dep('bom', '3').replace('</version>', '</version><type>pom</type><scope>import</scope>')}</dependencies></dependencyManagement>
  <profiles><profile><id>jdk17</id><activation><jdk>[17,)</jdk></activation><properties><lib.version>1.7</lib.version></properties></profile></profiles>`);
const bom = pom(`<groupId>g</groupId><artifactId>bom</artifactId><version>3</version><dependencyManagement><dependencies>${dep('from-bom', '4.1')}</dependencies></dependencyManagement>`);
const child = pom(`<parent><groupId>g</groupId><artifactId>parent</artifactId><version>9</version></parent><artifactId>child</artifactId>
  <dependencies>${dep('managed')}${dep('from-bom')}${dep('lib', '${lib.version}')}${dep('self', '${project.version}')}${dep('nowhere', '${no.such}')}${dep('orphan')}</dependencies>`);

const files = {
  [path.join(root, 'pom.xml')]: parent,
  [path.join(root, 'child', 'pom.xml')]: child,
  [path.join(repo, 'g', 'bom', '3', 'bom-3.pom')]: bom,
};

describe('Maven effective versions (mavenModel)', () => {
  it('takes versions from the parent on disk, its profiles, its properties and an imported BOM, and says where', async () => {
    const model = await effectiveModel(path.join(root, 'child', 'pom.xml'), child, io(files), ctx());
    assert.deepEqual(model.dependencies.get('g:managed'), { version: '2.0', origin: 'dependencyManagement of parent pom ../pom.xml' });
    assert.equal(model.dependencies.get('g:from-bom')?.version, '4.1');
    assert.match(model.dependencies.get('g:from-bom')?.origin ?? '', /BOM g:bom:3/);
    assert.equal(model.dependencies.get('g:lib')?.version, '1.7', 'the JDK 17 profile of the parent applies');
    assert.equal(model.dependencies.get('g:self')?.version, '9', 'project.version falls back to the parent');
    assert.match(model.dependencies.get('g:nowhere')?.unknown ?? '', /\$\{no\.such\} is not defined/);
    assert.match(model.dependencies.get('g:orphan')?.unknown ?? '', /no <version>/);
  });

  it('does not apply a JDK profile on another JDK, nor on an unknown one', async () => {
    for (const java of ['11.0.2', '']) {
      const model = await effectiveModel(path.join(root, 'child', 'pom.xml'), child, io(files), ctx(java));
      assert.equal(model.dependencies.get('g:lib')?.version, '1.5', java);
    }
  });

  it('says the version cannot be known when the parent or the BOM is missing', async () => {
    const withoutParent = await effectiveModel(path.join(root, 'child', 'pom.xml'), child, io({}), ctx());
    assert.match(withoutParent.dependencies.get('g:managed')?.unknown ?? '', /parent g:parent:9 is neither at its relativePath nor in the local repository/);
    const withoutBom = await effectiveModel(path.join(root, 'child', 'pom.xml'), child, io({ [path.join(root, 'pom.xml')]: parent }), ctx());
    assert.match(withoutBom.dependencies.get('g:from-bom')?.unknown ?? '', /BOM g:bom:3 is not in the local repository/);
  });

  it('never calls a dependency whose version is unknown "up to date"; a managed one gets the managed version', async () => {
    const contents = readManifest('pom', child);
    const orphan = contents.dependencies.find((d) => d.name === 'orphan')!;
    assert.match(orphan.versionNote?.unknown ?? '', /parent pom or an imported BOM/);
    const model = await effectiveModel(path.join(root, 'child', 'pom.xml'), child, io(files), ctx());
    const refined = withEffectiveVersions(contents, model);
    const versions: PackageVersions = {
      found: true,
      versions: ['2.0', '2.1'].map((version) => ({ version, status: 'Published', installable: true })),
      distTags: {},
      latest: '2.1',
      fetchedAt: 0,
    };
    const byName = (n: string) => refined.dependencies.find((d) => d.name === n)!;
    assert.equal(lensTitle(byName('orphan'), versions), 'version unknown; latest 2.1');
    assert.equal(lensTitle(byName('nowhere'), versions), 'version unknown; latest 2.1');
    assert.equal(byName('managed').pinned, '2.0');
    assert.equal(lensTitle(byName('managed'), versions), 'latest 2.1');
    assert.match(byName('managed').versionNote?.origin ?? '', /parent pom/);
  });
});
