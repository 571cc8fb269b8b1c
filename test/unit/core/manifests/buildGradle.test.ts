import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseBuildGradle, type GradleDependency } from '../../../../src/core/manifests/buildGradle';

const fixtures = path.resolve(__dirname, '../../../../../test/fixtures/manifests');
const groovy = readFileSync(path.join(fixtures, 'build.gradle'), 'utf8');
const kotlin = readFileSync(path.join(fixtures, 'build.gradle.kts'), 'utf8');

function find(deps: readonly GradleDependency[], name: string, configuration?: string): GradleDependency {
  const dep = deps.find((d) => d.packageName === name && (configuration === undefined || d.configuration === configuration));
  assert.ok(dep, `${name} not reported`);
  return dep;
}

function checkSpans(text: string, deps: readonly GradleDependency[]): void {
  for (const dep of deps) {
    for (const span of [dep.notation, dep.version?.span, dep.version?.variable?.span]) {
      if (span) assert.equal(text.slice(span.start, span.end), span.text);
    }
  }
}

describe('parseBuildGradle', () => {
  it('reads string notation in every configuration of a Groovy build, and nothing commented out', () => {
    const deps = parseBuildGradle(groovy);
    checkSpans(groovy, deps);
    assert.deepEqual(
      deps.map((d) => `${d.configuration} ${d.packageName}`),
      [
        'implementation org.apache.commons:commons-lang3',
        'implementation org.springframework:spring-context',
        'implementation com.fasterxml.jackson.core:jackson-databind',
        'api com.google.guava:guava',
        'implementation org.springframework.boot:spring-boot-dependencies',
        'compileOnly org.projectlombok:lombok',
        'annotationProcessor org.projectlombok:lombok',
        'testImplementation org.junit.jupiter:junit-jupiter',
        'testImplementation org.mockito:mockito-core',
        'integrationTestImplementation org.testcontainers:postgresql',
        'runtimeOnly com.h2database:h2',
        'implementation single:quoted',
        'implementation missing:variable',
        // Map notation is read too (its artifact id is a leftover from when it was not).
        'implementation map.notation:not-read',
      ],
    );
    const lang3 = find(deps, 'org.apache.commons:commons-lang3');
    assert.equal(lang3.version?.span.text, '3.14.0');
    assert.equal(lang3.line, 16);
  });

  it('resolves $var and ${var} from ext, def and ext.x assignments, and says where they are written', () => {
    const deps = parseBuildGradle(groovy);
    const spring = find(deps, 'org.springframework:spring-context');
    assert.equal(spring.version?.span.text, '${springVersion}');
    assert.equal(spring.version?.value, '6.1.3');
    assert.equal(spring.version?.variable?.name, 'springVersion');
    assert.equal(spring.version?.variable?.span.text, '6.1.3');
    assert.equal(find(deps, 'com.fasterxml.jackson.core:jackson-databind').version?.value, '2.16.1');
    assert.equal(find(deps, 'com.google.guava:guava').version?.value, '33.0.0-jre');
    // Single-quoted Groovy strings do not interpolate; unknown variables stay unresolved.
    assert.equal(find(deps, 'single:quoted').version?.value, '${notInterpolated}');
    assert.equal(find(deps, 'single:quoted').version?.resolved, true);
    assert.equal(find(deps, 'missing:variable').version?.resolved, false);
  });

  it('keeps dynamic versions, ranges, classifiers and versionless entries', () => {
    const deps = parseBuildGradle(groovy);
    assert.equal(find(deps, 'org.junit.jupiter:junit-jupiter').version?.value, '5.10.+');
    assert.equal(find(deps, 'com.h2database:h2').version?.value, '[2.2,3.0)');
    const pg = find(deps, 'org.testcontainers:postgresql');
    assert.equal(pg.classifier, 'tests');
    assert.equal(pg.version?.span.text, '1.19.3');
    assert.equal(find(deps, 'org.mockito:mockito-core').version, undefined);
  });

  it('reads the Kotlin DSL: parentheses, platform(), quoted configurations, typed vals', () => {
    const deps = parseBuildGradle(kotlin);
    checkSpans(kotlin, deps);
    assert.deepEqual(
      deps.map((d) => `${d.configuration} ${d.packageName} ${d.version?.value ?? ''}`),
      [
        'implementation io.ktor:ktor-server-core 2.3.8',
        'implementation io.ktor:ktor-server-netty 2.3.8',
        'implementation software.amazon.awssdk:bom 2.24.0',
        'testImplementation io.kotest:kotest-runner-junit5 $kotestVersion',
        'ksp com.google.dagger:dagger-compiler 2.50',
        'implementation org.jetbrains.kotlinx:kotlinx-coroutines-core 1.8.0',
      ],
    );
    assert.equal(find(deps, 'io.kotest:kotest-runner-junit5').version?.resolved, false);
  });

  it('never throws on random edits and keeps spans exact', function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(
        fc.constantFrom(groovy, kotlin),
        fc.nat(),
        fc.nat({ max: 30 }),
        fc.string({ unit: fc.constantFrom(...'"\'/*:$.{}()@\n\\ ab1') }),
        (source, at, remove, insert) => {
          const i = at % (source.length + 1);
          const text = source.slice(0, i) + insert + source.slice(i + remove);
          checkSpans(text, parseBuildGradle(text));
        },
      ),
      { numRuns: 1000 },
    );
    assert.deepEqual(parseBuildGradle(''), []);
    assert.deepEqual(parseBuildGradle('implementation "'), []);
    assert.deepEqual(parseBuildGradle("implementation '''a:b:1.0"), []);
  });
});
