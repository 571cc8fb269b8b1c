// Gradle version catalogs, as docs.gradle.org/userguide/version_catalogs.html defines them (Debian's Gradle 4.4.1
// has no catalogs, so the documentation's examples are the expected answers).
import assert from 'node:assert/strict';
import { catalogAccessor, parseVersionCatalog } from '../../../../src/core/manifests/versionCatalog';

const CATALOG = `[versions]
groovy = "3.0.5"
checkstyle = "8.37"
commons = { strictly = "[3.8, 4.0[", prefer = "3.9" }

[libraries]
groovy-core = { module = "org.codehaus.groovy:groovy", version.ref = "groovy" }
groovy-json = { group = "org.codehaus.groovy", name = "groovy-json", version.ref = "groovy" }
commons-lang3 = { group = "org.apache.commons", name = "commons-lang3", version = { strictly = "[3.8, 4.0[", prefer = "3.9" } }
my_lib = "com.mycompany:mylib:1.4"
no-version = { module = "com.acme:bom-managed" }
broken-ref = { module = "com.acme:x", version.ref = "nope" }
nested = { module = "com.acme:nested", version = { ref = "checkstyle" } }

[libraries.table-form]
module = "com.acme:table"
version = "2.0"

[bundles]
groovy = ["groovy-core", "groovy-json"]
`;

describe('parseVersionCatalog', () => {
  const libs = parseVersionCatalog(CATALOG);
  const by = (alias: string) => {
    const l = libs.find((x) => x.alias.text === alias);
    assert.ok(l, alias);
    return l;
  };

  it('reads module, group+name and "g:a:v" libraries with their accessors', () => {
    assert.deepEqual(
      libs.map((l) => `${l.accessor} ${l.groupId}:${l.artifactId} ${l.version?.text ?? '-'}`),
      [
        'groovy.core org.codehaus.groovy:groovy 3.0.5',
        'groovy.json org.codehaus.groovy:groovy-json 3.0.5',
        'commons.lang3 org.apache.commons:commons-lang3 [3.8, 4.0[',
        'my.lib com.mycompany:mylib 1.4',
        'no.version com.acme:bom-managed -',
        'broken.ref com.acme:x -',
        'nested com.acme:nested 8.37',
        'table.form com.acme:table 2.0',
      ],
    );
  });

  it('a version.ref points at the [versions] line, so an edit changes the shared version', () => {
    const core = by('groovy-core');
    assert.equal(core.version?.ref, 'groovy');
    assert.equal(CATALOG.slice(core.version.span.start, core.version.span.end), '3.0.5');
    assert.equal(CATALOG.lastIndexOf('groovy = "3.0.5"', core.version.span.start), core.version.span.start - 'groovy = "'.length);
    assert.equal(by('commons-lang3').version?.rich, 'strictly');
    assert.equal(by('broken-ref').missingRef, 'nope');
    const plain = by('my_lib');
    assert.equal(CATALOG.slice(plain.version!.span.start, plain.version!.span.end), '1.4');
    for (const l of libs) assert.equal(CATALOG.slice(l.alias.start, l.alias.end), l.alias.text);
  });

  it('the accessor turns -, _ and . into .', () => {
    assert.equal(catalogAccessor('androidx-core_ktx.x'), 'androidx.core.ktx.x');
    assert.equal(catalogAccessor('kotlin-gradlePlugin'), 'kotlin.gradlePlugin');
  });

  it('a file that does not parse yields nothing, never a throw', () => {
    assert.deepEqual(parseVersionCatalog('[libraries]\nx = { module = '), []);
    assert.deepEqual(parseVersionCatalog('[libraries]\nx = 3\ny = "no-colon"\n'), []);
  });
});
