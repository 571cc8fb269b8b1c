import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePomXml, type MavenDependency } from '../../../../src/core/manifests/pomXml';

const fixtures = path.resolve(__dirname, '../../../../../test/fixtures/manifests');
const source = readFileSync(path.join(fixtures, 'pom.xml'), 'utf8');

function find(deps: readonly MavenDependency[], kind: string, name: string): MavenDependency {
  const dep = deps.find((d) => d.kind === kind && d.packageName === name);
  assert.ok(dep, `${kind} ${name} not reported`);
  return dep;
}

describe('parsePomXml', () => {
  const pom = parsePomXml(source);
  const deps = pom.dependencies;

  it('reads the coordinates, falling back to the parent for groupId and version', () => {
    assert.equal(pom.xmlErrors, 0);
    assert.equal(pom.groupId, 'com.acme.platform');
    assert.equal(pom.artifactId, 'orders-service');
    assert.equal(pom.version, '2.7.1');
  });

  it('reports the parent, dependencies, dependencyManagement, plugins and profile dependencies', () => {
    assert.deepEqual(
      deps.map((d) => `${d.kind} ${d.packageName}`),
      [
        'parent com.acme.platform:platform-parent',
        'dependencyManagement com.fasterxml.jackson:jackson-bom',
        'dependencyManagement com.google.guava:guava',
        'dependencyManagement com.acme.platform:platform-client',
        'dependencies org.springframework:spring-context',
        'dependencies com.google.guava:guava',
        'dependencies com.acme.platform:platform-client',
        'dependencies com.acme:cyclic',
        'dependencies com.acme:from-parent',
        'dependencies org.apache.commons:commons-lang3',
        'dependencies junit:junit',
        'dependencies com.acme:with-classifier',
        'dependencies com.acme:entity-in-version',
        'plugins org.apache.maven.plugins:maven-compiler-plugin',
        'pluginDependencies org.ow2.asm:asm',
        'pluginManagement org.apache.maven.plugins:maven-surefire-plugin',
        'dependencies org.testcontainers:postgresql',
      ],
    );
    assert.equal(find(deps, 'dependencies', 'org.testcontainers:postgresql').profile, 'integration');
  });

  it('locates the version element text exactly, and every other span too', () => {
    for (const dep of deps) {
      for (const span of [dep.element, dep.groupId?.span, dep.artifactId.span, dep.version?.span, dep.version?.property?.span]) {
        if (span) assert.equal(source.slice(span.start, span.end), span.text);
      }
    }
    const junit = find(deps, 'dependencies', 'junit:junit');
    assert.equal(source.slice(junit.version!.span.start - 9, junit.version!.span.end + 10), '<version>4.13.2</version>');
    assert.equal(junit.scope, 'test');
    assert.ok(junit.element.text.startsWith('<dependency>') && junit.element.text.endsWith('</dependency>'));
  });

  it('resolves ${property} versions, nested properties and ${project.version}, and says where they are declared', () => {
    const spring = find(deps, 'dependencies', 'org.springframework:spring-context');
    assert.equal(spring.version?.span.text, '${spring.version}');
    assert.equal(spring.version?.value, '6.1.3');
    assert.equal(spring.version?.resolved, true);
    assert.equal(spring.version?.property?.name, 'spring.version');
    assert.equal(spring.version?.property?.span.text, '${spring.major}.1.3');
    const guava = find(deps, 'dependencyManagement', 'com.google.guava:guava');
    // Whitespace around a property value is trimmed, and the span points at the value itself.
    assert.equal(guava.version?.property?.span.text, '33.0.0-jre');
    assert.equal(guava.version?.value, '33.0.0-jre');
    assert.equal(find(deps, 'dependencyManagement', 'com.acme.platform:platform-client').version?.value, '2.7.1');
    assert.equal(pom.properties.get('acme.libs.version'), '2.7.1');
  });

  it('fills versionless dependencies from dependencyManagement and marks them managed', () => {
    const guava = find(deps, 'dependencies', 'com.google.guava:guava');
    assert.equal(guava.version?.managed, true);
    assert.equal(guava.version?.value, '33.0.0-jre');
    const managedDecl = find(deps, 'dependencyManagement', 'com.google.guava:guava');
    assert.equal(guava.version?.span.start, managedDecl.version?.span.start);
    assert.equal(find(deps, 'dependencies', 'com.acme.platform:platform-client').version?.value, '2.7.1');
  });

  it('leaves cycles and unknown properties unresolved instead of looping or guessing', () => {
    const cyclic = find(deps, 'dependencies', 'com.acme:cyclic');
    assert.equal(cyclic.version?.resolved, false);
    assert.equal(cyclic.version?.value, '${cycle.a}');
    const fromParent = find(deps, 'dependencies', 'com.acme:from-parent');
    assert.equal(fromParent.version?.resolved, false);
    assert.equal(fromParent.version?.property, undefined);
    assert.equal(pom.properties.has('cycle.a'), false);
  });

  it('keeps ranges, classifiers, types and CDATA versions as written', () => {
    assert.equal(find(deps, 'dependencies', 'org.apache.commons:commons-lang3').version?.value, '[3.12,4.0)');
    const classified = find(deps, 'dependencies', 'com.acme:with-classifier');
    assert.equal(classified.classifier, 'tests');
    assert.equal(classified.type, 'test-jar');
    const cdata = find(deps, 'dependencies', 'com.acme:entity-in-version');
    assert.equal(cdata.version?.value, '1.0');
    assert.equal(cdata.version?.span.text, '<![CDATA[1.0]]>');
  });

  it('defaults a plugin groupId to org.apache.maven.plugins and resolves its version property', () => {
    const surefire = find(deps, 'pluginManagement', 'org.apache.maven.plugins:maven-surefire-plugin');
    assert.equal(surefire.groupId, undefined);
    assert.equal(find(deps, 'plugins', 'org.apache.maven.plugins:maven-compiler-plugin').version?.value, '3.13.0');
  });

  it('reports repositories with ids, urls and profiles', () => {
    assert.deepEqual(
      pom.repositories.map((r) => [r.kind, r.id, r.url.value, r.profile]),
      [
        ['repository', 'codeartifact', 'https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/maven/java-internal/', undefined],
        ['repository', 'emulator', 'http://127.0.0.1:4873/acme-111122223333/maven/java-internal/', undefined],
        ['repository', 'profile-repo', 'https://repo.example.com/maven2', 'integration'],
      ],
    );
  });

  it('recovers what it can from a truncated pom and returns nothing for non-poms', () => {
    const truncated = source.slice(0, source.indexOf('<artifactId>commons-lang3'));
    const partial = parsePomXml(truncated);
    assert.ok(partial.xmlErrors > 0);
    assert.ok(partial.dependencies.some((d) => d.packageName === 'org.springframework:spring-context'));
    for (const input of ['', 'not xml', '<settings/>', '<project', '<<<>>>']) {
      assert.deepEqual(parsePomXml(input).dependencies, [], input);
    }
  });
});
