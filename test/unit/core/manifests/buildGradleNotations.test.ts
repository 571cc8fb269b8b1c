// Map notation, concatenation and version-catalog accessors in build scripts.
import assert from 'node:assert/strict';
import { catalogReferences, parseBuildGradle } from '../../../../src/core/manifests/buildGradle';

describe('build.gradle notations beyond "g:a:v"', () => {
  it('map notation: group, name and version with offsets; a missing version is no version; a variable resolves', () => {
    const text = `ext.libVersion = '2.5'\ndependencies {\n  implementation group: 'com.acme', name: 'lib', version: '1.2'\n  runtimeOnly(group: "com.acme", name: "other")\n  api group: 'com.acme', name: 'var', version: "$libVersion"\n}\n`;
    const deps = parseBuildGradle(text);
    assert.deepEqual(deps.map((d) => `${d.configuration} ${d.packageName} ${d.version?.value ?? '-'}`), [
      'implementation com.acme:lib 1.2',
      'runtimeOnly com.acme:other -',
      'api com.acme:var 2.5',
    ]);
    const lib = deps[0]!;
    assert.equal(text.slice(lib.notation.start, lib.notation.end), 'lib');
    assert.equal(text.slice(lib.version!.span.start, lib.version!.span.end), '1.2');
    assert.equal(deps[2]!.version?.variable?.name, 'libVersion');
    assert.equal(text.slice(deps[2]!.version.variable.span.start, deps[2]!.version.variable.span.end), '2.5');
  });

  it('string interpolation and concatenation with a val/ext variable of the same file', () => {
    const kts = `val libVersion = "1.2"\ndependencies {\n  implementation("com.acme:lib:$libVersion")\n  implementation("com.acme:cat:" + libVersion)\n  implementation("com.acme:lit:" + "3.4")\n  implementation("com.acme:unknown:" + fromElsewhere)\n  implementation("com.acme:expr:" + a + b)\n}\n`;
    const deps = parseBuildGradle(kts);
    assert.deepEqual(deps.map((d) => `${d.packageName} ${d.version?.value ?? '-'} ${d.version?.resolved ?? '-'}`), [
      'com.acme:lib 1.2 true',
      'com.acme:cat 1.2 true',
      'com.acme:lit 3.4 true',
      'com.acme:unknown fromElsewhere false',
      'com.acme:expr a false',
    ]);
    const cat = deps[1]!;
    assert.equal(kts.slice(cat.version!.variable!.span.start, cat.version!.variable!.span.end), '1.2', 'an update edits the variable');
  });

  it('lists libs.x.y accessors (not bundles, plugins or versions), with `.get()` dropped', () => {
    const text = `dependencies {\n  implementation(libs.groovy.core)\n  testImplementation libs.junit\n  implementation(platform(libs.spring.bom))\n  implementation(libs.bundles.groovy)\n  implementation(libs.okhttp.get())\n  val x = libs.versions.groovy\n}\n`;
    const refs = catalogReferences(text);
    assert.deepEqual(refs.map((r) => `${r.configuration} ${r.accessor} ${text.slice(r.span.start, r.span.end)}`), [
      'implementation groovy.core libs.groovy.core',
      'testImplementation junit libs.junit',
      'implementation spring.bom libs.spring.bom',
      'implementation okhttp libs.okhttp',
    ]);
  });
});
