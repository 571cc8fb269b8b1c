// Repositories of Gradle scripts, and Gradle's documented RepositoriesMode precedence
// (docs.gradle.org/userguide/centralizing_repositories.html): Debian's Gradle 4.4.1 predates both, so the
// expected answers are the documentation's, not a run of Gradle.
import assert from 'node:assert/strict';
import { gradleRepositoriesInEffect, parseGradleRepositories, type GradleRepository } from '../../../../src/core/manifests/gradleRepositories';

const urls = (repos: readonly GradleRepository[] | undefined): string[] | undefined => repos?.map((r) => `${r.scope} ${r.kind} ${r.url ?? '?'}`);

describe('parseGradleRepositories', () => {
  it('reads every Groovy and Kotlin spelling of a maven repository, and the shorthands', () => {
    const groovy = `
      buildscript { repositories { maven { url 'https://build.example/script' } } }
      repositories {
        mavenLocal()
        mavenCentral()
        google()
        maven { url 'https://a.example/m2' }
        maven { url = uri("https://b.example/m2") }
        maven { setUrl("https://c.example/m2") }
        maven(url: 'https://d.example/m2')
        // maven { url 'https://commented.example' }
        maven { name = 'x'; url "https://\${host}/m2" }
      }
      publishing { repositories { maven { url 'https://publish.example' } } }`;
    assert.deepEqual(urls(parseGradleRepositories(groovy).repositories), [
      'other maven https://build.example/script',
      'project mavenLocal ?',
      'project mavenCentral https://repo.maven.apache.org/maven2/',
      'project google https://dl.google.com/dl/android/maven2/',
      'project maven https://a.example/m2',
      'project maven https://b.example/m2',
      'project maven https://c.example/m2',
      'project maven https://d.example/m2',
      'project maven ?',
      'other maven https://publish.example',
    ]);
    const kotlin = `allprojects {\n  repositories {\n    maven("https://k.example/m2")\n    maven(url = "https://l.example/m2") { credentials { username = "aws" } }\n  }\n}\nsubprojects { repositories { maven { url = uri("https://s.example") } } }`;
    assert.deepEqual(urls(parseGradleRepositories(kotlin).repositories), [
      'allprojects maven https://k.example/m2',
      'allprojects maven https://l.example/m2',
      'subprojects maven https://s.example',
    ]);
  });

  it('reads the settings script’s central repositories and the last RepositoriesMode set', () => {
    const settings = `pluginManagement { repositories { gradlePluginPortal() } }
      dependencyResolutionManagement {
        repositoriesMode.set(RepositoriesMode.PREFER_PROJECT)
        repositoriesMode = RepositoriesMode.FAIL_ON_PROJECT_REPOS
        repositories { maven { url = uri("https://central.example/m2") } }
      }`;
    const read = parseGradleRepositories(settings);
    assert.equal(read.mode, 'FAIL_ON_PROJECT_REPOS');
    assert.deepEqual(urls(read.repositories), ['other gradlePluginPortal https://plugins.gradle.org/m2/', 'settings maven https://central.example/m2']);
  });

  it('never throws on broken input', () => {
    for (const text of ['repositories {', 'repositories { maven {', 'maven(', '}}}} repositories { maven { url', '']) {
      assert.doesNotThrow(() => parseGradleRepositories(text));
    }
  });
});

describe('gradleRepositoriesInEffect (RepositoriesMode as documented)', () => {
  const project = parseGradleRepositories('repositories { maven { url "https://project.example" } }').repositories;
  const settingsText = (mode: string) => `dependencyResolutionManagement { ${mode ? `repositoriesMode.set(RepositoriesMode.${mode})` : ''} repositories { maven { url "https://settings.example" } } }`;
  const got = (mode: string, own: readonly GradleRepository[], root?: readonly GradleRepository[]) =>
    urls(gradleRepositoriesInEffect(own, parseGradleRepositories(settingsText(mode)), root))?.map((u) => u.split(' ')[2]);

  it('PREFER_PROJECT (the default): a project’s own repositories override the settings’; none → the settings’', () => {
    assert.deepEqual(got('', project), ['https://project.example']);
    assert.deepEqual(got('PREFER_PROJECT', project), ['https://project.example']);
    assert.deepEqual(got('', []), ['https://settings.example']);
  });

  it('PREFER_SETTINGS ignores the project’s; FAIL_ON_PROJECT_REPOS fails (undefined) when a project declares any', () => {
    assert.deepEqual(got('PREFER_SETTINGS', project), ['https://settings.example']);
    assert.equal(got('FAIL_ON_PROJECT_REPOS', project), undefined);
    assert.deepEqual(got('FAIL_ON_PROJECT_REPOS', []), ['https://settings.example']);
    const rootAll = parseGradleRepositories('allprojects { repositories { jcenter() } }').repositories;
    assert.equal(got('FAIL_ON_PROJECT_REPOS', [], rootAll), undefined, "the root's allprojects block is a project repository too");
  });

  it('a subproject searches the root’s allprojects/subprojects repositories first, then its own', () => {
    const root = parseGradleRepositories('repositories { maven { url "https://root-only.example" } }\nsubprojects { repositories { maven { url "https://sub.example" } } }').repositories;
    assert.deepEqual(got('', project, root), ['https://sub.example', 'https://project.example']);
  });
});
