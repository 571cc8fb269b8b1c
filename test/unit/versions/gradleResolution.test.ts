// Which repository a Gradle build's dependencies come from: its own scripts, never ~/.m2/settings.xml; catalogs.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withCatalogDependencies } from '../../../src/versions/gradleResolution';
import { manifestKindOf, readManifest } from '../../../src/versions/manifestDependencies';
import { resolverFor, type DefaultRepositorySetting, type ResolverIo } from '../../../src/versions/repositoryResolver';

const AWS = 'https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com';
const EVIL = 'https://evil-999988887777.d.codeartifact.us-west-2.amazonaws.com';

describe('repository resolution for Gradle builds and version catalogs', () => {
  let root: string;
  let home: string;
  let build: string;
  let io: ResolverIo;
  const read = (file: string) => readFile(file, 'utf8').catch(() => undefined);
  const fallback: DefaultRepositorySetting = { domain: 'fallback', repository: 'default-repo' };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ca-gradle-'));
    home = join(root, 'home');
    build = join(root, 'build');
    mkdirSync(join(home, '.m2'), { recursive: true });
    mkdirSync(join(build, 'app'), { recursive: true });
    mkdirSync(join(build, 'gradle'), { recursive: true });
    io = { readFile: read, user: { home, env: {}, platform: 'linux' } };
    // A settings.xml mirror of everything: Maven would use it, Gradle never does.
    writeFileSync(join(home, '.m2', 'settings.xml'), `<settings><mirrors><mirror><id>all</id><mirrorOf>*</mirrorOf><url>${AWS}/maven/m2-mirror/</url></mirror></mirrors></settings>`);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  async function resolveAll(file: string, setting?: DefaultRepositorySetting): Promise<Map<string, string>> {
    const kind = manifestKindOf(file);
    assert.ok(kind, file);
    const contents = await withCatalogDependencies(file, readManifest(kind, await readFile(file, 'utf8')), read);
    const resolve = await resolverFor(file, contents, io, setting);
    const out = new Map<string, string>();
    for (const dep of contents.dependencies) {
      const t = resolve(dep);
      out.set(dep.displayName, t ? `${t.domain}/${t.repository} ${t.fromWorkspace ? `folder:${t.file?.slice(build.length + 1)}` : 'user'} (${t.source})` : 'left alone');
    }
    return out;
  }

  it('a build script’s own repository, never the settings.xml mirror; first CodeArtifact repository in order', async () => {
    const script = join(build, 'app', 'build.gradle');
    writeFileSync(script, `repositories {\n  mavenCentral()\n  maven { url '${AWS}/maven/app-repo/' }\n}\ndependencies { implementation 'com.acme:lib:1.0' }\n`);
    const got = await resolveAll(script);
    assert.equal(got.get('com.acme:lib'), 'acme/app-repo folder:app/build.gradle (repository in build.gradle)');
  });

  it('settings.gradle central repositories: PREFER_PROJECT by default, PREFER_SETTINGS, FAIL_ON_PROJECT_REPOS', async () => {
    const script = join(build, 'app', 'build.gradle.kts');
    writeFileSync(script, `repositories { maven("${EVIL}/maven/project-repo/") }\ndependencies { implementation("com.acme:lib:1.0") }\n`);
    const settings = (mode: string) =>
      writeFileSync(join(build, 'settings.gradle.kts'), `dependencyResolutionManagement {\n  ${mode}\n  repositories { maven { url = uri("${AWS}/maven/central-repo/") } }\n}\ninclude("app")\n`);
    settings('');
    assert.equal((await resolveAll(script)).get('com.acme:lib'), 'evil/project-repo folder:app/build.gradle.kts (repository in build.gradle.kts)');
    settings('repositoriesMode.set(RepositoriesMode.PREFER_SETTINGS)');
    assert.equal((await resolveAll(script)).get('com.acme:lib'), 'acme/central-repo folder:settings.gradle.kts (repository in settings.gradle.kts)');
    settings('repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)');
    assert.equal((await resolveAll(script)).get('com.acme:lib'), 'left alone', 'the build fails: no answer');
    writeFileSync(script, `dependencies { implementation("com.acme:lib:1.0") }\n`);
    assert.equal((await resolveAll(script)).get('com.acme:lib'), 'acme/central-repo folder:settings.gradle.kts (repository in settings.gradle.kts)');
  });

  it('only public shorthands (or none): the user’s defaultRepository; a computed URL first: cannot tell', async () => {
    const script = join(build, 'build.gradle');
    writeFileSync(script, `repositories { mavenLocal(); mavenCentral(); google() }\ndependencies { implementation 'com.acme:lib:1.0' }\n`);
    assert.equal((await resolveAll(script, fallback)).get('com.acme:lib'), 'fallback/default-repo user (setting codeartifact.defaultRepository)');
    writeFileSync(script, `repositories { maven { url "$repoUrl" }; maven { url '${AWS}/maven/later/' } }\ndependencies { implementation 'com.acme:lib:1.0' }\n`);
    assert.equal((await resolveAll(script, fallback)).get('com.acme:lib'), 'left alone');
  });

  it('the same repository in the user’s own defaultRepository is the user’s choice, not the folder’s', async () => {
    const script = join(build, 'build.gradle');
    writeFileSync(script, `repositories { maven { url '${AWS}/maven/shared/' } }\ndependencies { implementation 'com.acme:lib:1.0' }\n`);
    const mine = await resolveAll(script, { domain: 'acme', owner: '111122223333', repository: 'shared' });
    assert.equal(mine.get('com.acme:lib'), 'acme/shared user (setting codeartifact.defaultRepository)');
    const folders = await resolveAll(script, { domain: 'acme', owner: '111122223333', repository: 'shared', fromWorkspace: true });
    assert.match(folders.get('com.acme:lib') ?? '', /folder:build.gradle/);
  });

  it('a version catalog: its libraries resolve with the root build’s repositories; libs.x accessors in a script too', async () => {
    writeFileSync(join(build, 'settings.gradle'), `dependencyResolutionManagement { repositories { maven { url '${AWS}/maven/catalog-repo/' } } }\n`);
    const catalog = join(build, 'gradle', 'libs.versions.toml');
    writeFileSync(catalog, '[versions]\ngroovy = "3.0.5"\n[libraries]\ngroovy-core = { module = "org.codehaus.groovy:groovy", version.ref = "groovy" }\n');
    const fromCatalog = await resolveAll(catalog);
    assert.equal(fromCatalog.get('org.codehaus.groovy:groovy'), 'acme/catalog-repo folder:settings.gradle (repository in settings.gradle)');
    const script = join(build, 'app', 'build.gradle');
    const text = "dependencies {\n  implementation(libs.groovy.core)\n  implementation(libs.not.there)\n  implementation 'com.acme:plain:1.0'\n}\n";
    writeFileSync(script, text);
    const contents = await withCatalogDependencies(script, readManifest('gradle', text), read);
    assert.deepEqual(contents.dependencies.map((d) => `${d.displayName} ${d.range} ${text.slice(d.nameSpan.start, d.nameSpan.end)} ${d.rangeSpan ? 'editable' : 'not editable here'}`), [
      'org.codehaus.groovy:groovy 3.0.5 libs.groovy.core not editable here',
      'com.acme:plain 1.0 com.acme:plain:1.0 editable',
    ]);
    const got = await resolveAll(script);
    assert.equal(got.get('org.codehaus.groovy:groovy'), 'acme/catalog-repo folder:settings.gradle (repository in settings.gradle)');
  });

  it('Restricted Mode: no Gradle file is read, only the user’s own defaultRepository applies', async () => {
    const script = join(build, 'build.gradle');
    writeFileSync(join(build, 'settings.gradle'), `dependencyResolutionManagement { repositories { maven { url '${EVIL}/maven/loot/' } } }\n`);
    writeFileSync(script, "dependencies { implementation 'com.acme:lib:1.0' }\n");
    const reads: string[] = [];
    io = { ...io, readFile: (file) => (reads.push(file), read(file)) };
    const contents = readManifest('gradle', await readFile(script, 'utf8'));
    const untrusted = await resolverFor(script, contents, io, { trusted: false, defaultRepository: fallback });
    assert.equal(untrusted(contents.dependencies[0]!)?.repository, 'default-repo');
    const folderOnly = await resolverFor(script, contents, io, { trusted: false, defaultRepository: { ...fallback, fromWorkspace: true } });
    assert.equal(folderOnly(contents.dependencies[0]!), undefined);
    assert.deepEqual(reads, []);
  });

  it('catalog lines are a manifest kind of their own, with the version on the [versions] line', () => {
    assert.equal(manifestKindOf('/x/gradle/libs.versions.toml'), 'gradleCatalog');
    const text = '[versions]\ng = "1.0"\n[libraries]\na = { module = "g:a", version.ref = "g" }\nb = { module = "g:b", version.ref = "nope" }\n';
    const deps = readManifest('gradleCatalog', text).dependencies;
    assert.equal(text.slice(deps[0]!.rangeSpan!.start, deps[0]!.rangeSpan!.end), '1.0');
    assert.equal(deps[0]!.versionNote?.origin, 'the version catalog, [versions] g');
    assert.match(deps[1]!.versionNote?.unknown ?? '', /not in \[versions\]/);
  });
});
