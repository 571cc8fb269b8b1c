// Which repository each manifest's dependencies come from, with real config files in a temp HOME.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { manifestKindOf, readManifest } from '../../../src/versions/manifestDependencies';
import { resolverFor, type DefaultRepositorySetting, type ResolverIo, type ResolverOptions } from '../../../src/versions/repositoryResolver';

const AWS = 'https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com';
const EMU = 'http://127.0.0.1:4567/acme-111122223333';

describe('repository resolution for a manifest', () => {
  let root: string;
  let home: string;
  let project: string;
  let io: ResolverIo;
  const fallback: DefaultRepositorySetting = { domain: 'fallback', repository: 'default-repo' };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ca-resolver-'));
    home = join(root, 'home');
    project = join(root, 'project');
    mkdirSync(home, { recursive: true });
    mkdirSync(project, { recursive: true });
    io = {
      readFile: (file) => readFile(file, 'utf8').catch(() => undefined),
      user: { home, env: {}, platform: 'linux' },
    };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  async function resolveAll(fileName: string, text: string, setting?: DefaultRepositorySetting | ResolverOptions): Promise<Map<string, string>> {
    const path = join(project, fileName);
    const kind = manifestKindOf(path);
    assert.ok(kind);
    const contents = readManifest(kind, text);
    const resolve = await resolverFor(path, contents, io, setting);
    const out = new Map<string, string>();
    for (const dep of contents.dependencies) {
      const t = resolve(dep);
      const blocked = t?.blockedBy !== undefined ? ` blocked by ${t.blockedBy}` : '';
      out.set(dep.displayName, t ? `${t.domain}/${t.owner}/${t.repository} ${t.fromWorkspace ? `folder:${t.file?.slice(project.length + 1) ?? 'settings'}` : 'user'} (${t.source})${blocked}` : 'left alone');
    }
    return out;
  }

  it('package.json: a scope line in the user npmrc beats the project registry; the project registry beats the user one', async () => {
    writeFileSync(join(project, '.npmrc'), `registry=${EMU}/npm/shared/\n//127.0.0.1:4567/acme-111122223333/npm/shared/:_authToken=SECRET\n`);
    writeFileSync(join(home, '.npmrc'), `registry=https://registry.example.com/\n@team:registry=${AWS}/npm/team-repo/\n`);
    const got = await resolveAll('package.json', JSON.stringify({ dependencies: { '@team/lib': '^1.0.0', lodash: '^4.17.0' } }));
    assert.equal(got.get('@team/lib'), 'acme/111122223333/team-repo user (.npmrc)');
    assert.equal(got.get('lodash'), 'acme/111122223333/shared folder:.npmrc (.npmrc)');
  });

  it('package.json: a non-CodeArtifact registry is left alone; nothing configured uses the default repository setting', async () => {
    writeFileSync(join(home, '.npmrc'), '@other:registry=https://npm.pkg.github.com/\n');
    const got = await resolveAll('package.json', JSON.stringify({ dependencies: { '@other/x': '1.0.0', plain: '1.0.0' } }), fallback);
    assert.equal(got.get('@other/x'), 'left alone');
    assert.equal(got.get('plain'), 'fallback//default-repo user (setting codeartifact.defaultRepository)');
    const without = await resolveAll('package.json', JSON.stringify({ dependencies: { plain: '1.0.0' } }));
    assert.equal(without.get('plain'), 'left alone');
  });

  it('requirements: the file’s index line wins over pip config, and the token in it never comes back', async () => {
    mkdirSync(join(home, '.config', 'pip'), { recursive: true });
    writeFileSync(join(home, '.config', 'pip', 'pip.conf'), `[global]\nindex-url = https://aws:TOKEN@${AWS.slice(8)}/pypi/from-config/simple/\n`);
    const fromFile = await resolveAll('requirements.txt', `--index-url ${EMU}/pypi/py-shared/simple/\nrequests==2.31.0\n`);
    assert.equal(fromFile.get('requests'), 'acme/111122223333/py-shared folder:requirements.txt (index option in this file)');
    const fromConfig = await resolveAll('requirements-dev.txt', 'requests>=2\n');
    assert.equal(fromConfig.get('requests'), 'acme/111122223333/from-config user (pip index)');
    assert.ok(![...fromConfig.values()].some((v) => v.includes('TOKEN')));
  });

  it('requirements: index lines of -r files apply in pip order; a ${VAR} outside userinfo names nothing', async () => {
    mkdirSync(join(project, 'requirements'), { recursive: true });
    writeFileSync(join(project, 'requirements', 'base.txt'), `--index-url ${AWS}/pypi/base-repo/simple/\ndjango\n`);
    const viaInclude = await resolveAll('requirements/dev.txt', '-r base.txt\npytest\n');
    assert.equal(viaInclude.get('pytest'), 'acme/111122223333/base-repo folder:requirements/dev.txt (index option in this file)');
    // pip: a later --index-url replaces the list, the included file's index included.
    const replaced = await resolveAll('requirements/dev.txt', '-r base.txt\n--index-url https://pypi.internal.example/simple/\npytest\n');
    assert.equal(replaced.get('pytest'), 'left alone');
    io = { ...io, user: { ...io.user, env: { SECRET: 'acme-111122223333.d.codeartifact.us-west-2.amazonaws.com' } } };
    const hostile = await resolveAll('requirements.txt', '--index-url https://${SECRET}/pypi/x/simple/\nflask\n');
    assert.equal(hostile.get('flask'), 'left alone');
  });

  it('requirements: an extra index on CodeArtifact is used; a private non-CodeArtifact index is left alone', async () => {
    const extra = await resolveAll('requirements.txt', `--extra-index-url ${AWS}/pypi/extra/simple/\nflask\n`);
    assert.equal(extra.get('flask'), 'acme/111122223333/extra folder:requirements.txt (index option in this file)');
    const other = await resolveAll('requirements.txt', '--index-url https://pypi.internal.example/simple/\nflask\n', fallback);
    assert.equal(other.get('flask'), 'left alone');
    const none = await resolveAll('requirements.txt', 'flask\n', fallback);
    assert.equal(none.get('flask'), 'fallback//default-repo user (setting codeartifact.defaultRepository)');
  });

  it('pom.xml: a settings.xml mirror of everything wins; without settings the pom’s repository applies', async () => {
    const pom = `<project><repositories><repository><id>ca</id><url>${AWS}/maven/pom-repo/</url></repository></repositories>
      <dependencies><dependency><groupId>com.acme</groupId><artifactId>greeting</artifactId><version>1.0</version></dependency></dependencies></project>`;
    const fromPom = await resolveAll('pom.xml', pom);
    assert.equal(fromPom.get('com.acme:greeting'), 'acme/111122223333/pom-repo folder:pom.xml (repository ca)');
    mkdirSync(join(home, '.m2'), { recursive: true });
    writeFileSync(join(home, '.m2', 'settings.xml'), `<settings><mirrors><mirror><id>all</id><mirrorOf>*</mirrorOf><url>${EMU}/maven/mirror-repo/</url></mirror></mirrors></settings>`);
    const mirrored = await resolveAll('pom.xml', pom);
    assert.equal(mirrored.get('com.acme:greeting'), 'acme/111122223333/mirror-repo user (mirror all)');
  });

  describe('pom.xml: Maven 3.8’s settings in effect (global file, ${env.X}, profile activation, blocked mirrors)', () => {
    const dep = '<dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>1</version></dependency></dependencies>';
    const pomWith = (url: string) => `<project><repositories><repository><id>r</id><url>${url}</url></repository></repositories>${dep}</project>`;
    let mavenHome: string;
    beforeEach(() => {
      mavenHome = join(root, 'maven');
      mkdirSync(join(mavenHome, 'conf'), { recursive: true });
      mkdirSync(join(home, '.m2'), { recursive: true });
      io = { ...io, user: { ...io.user, env: { MAVEN_HOME: mavenHome, CA_HOST: 'acme-111122223333.d.codeartifact.us-west-2.amazonaws.com' } } };
    });

    it('the global settings file’s mirror applies under the user’s; the user’s mirror of the same id wins', async () => {
      const mirror = (id: string, repo: string) => `<mirror><id>${id}</id><mirrorOf>*</mirrorOf><url>${AWS}/maven/${repo}/</url></mirror>`;
      writeFileSync(join(mavenHome, 'conf', 'settings.xml'), `<settings><mirrors>${mirror('corp', 'global-mirror')}</mirrors></settings>`);
      const global = await resolveAll('pom.xml', pomWith('https://repo.example/m2'));
      assert.equal(global.get('g:a'), 'acme/111122223333/global-mirror user (mirror corp)');
      writeFileSync(join(home, '.m2', 'settings.xml'), `<settings><mirrors>${mirror('corp', 'user-mirror')}</mirrors></settings>`);
      const user = await resolveAll('pom.xml', pomWith('https://repo.example/m2'));
      assert.equal(user.get('g:a'), 'acme/111122223333/user-mirror user (mirror corp)');
    });

    it('${env.X} expands; a JDK-activated settings profile applies only on that JDK', async () => {
      writeFileSync(join(mavenHome, 'conf', 'settings.xml'), '<settings/>');
      writeFileSync(join(home, '.m2', 'settings.xml'), `<settings><profiles><profile><id>jdk17</id><activation><jdk>[17,)</jdk></activation>
        <repositories><repository><id>ca</id><url>https://\${env.CA_HOST}/maven/from-env/</url></repository></repositories></profile></profiles></settings>`);
      const pom = `<project>${dep}</project>`;
      const os = { name: 'Linux', family: 'unix', arch: 'amd64', version: '6.1' };
      io = { ...io, mavenActivation: { javaVersion: '17.0.15', os } };
      assert.equal((await resolveAll('pom.xml', pom)).get('g:a'), 'acme/111122223333/from-env user (repository ca)');
      io = { ...io, mavenActivation: { javaVersion: '11.0.2', os } };
      assert.equal((await resolveAll('pom.xml', pom)).get('g:a'), 'left alone');
    });

    it('an external http repository is blocked by Maven’s default http blocker: never the answer; https or localhost is', async () => {
      // No global settings file found: Maven 3.8.1+'s own (with maven-default-http-blocker) is assumed.
      const httpUrl = `${AWS.replace('https:', 'http:')}/maven/plain-http/`;
      // The only CodeArtifact repository is blocked: the answer says so (never looked up) rather than nothing.
      assert.equal((await resolveAll('pom.xml', pomWith(httpUrl))).get('g:a'), 'acme/111122223333/plain-http folder:pom.xml (repository r) blocked by maven-default-http-blocker');
      assert.equal((await resolveAll('pom.xml', pomWith(`${AWS}/maven/tls/`))).get('g:a'), 'acme/111122223333/tls folder:pom.xml (repository r)');
      assert.equal((await resolveAll('pom.xml', pomWith(`${EMU}/maven/local/`))).get('g:a'), 'acme/111122223333/local folder:pom.xml (repository r)');
      // A global file without the blocker (an older Maven's, or removed by hand): the http repository is used.
      writeFileSync(join(mavenHome, 'conf', 'settings.xml'), '<settings><mirrors/></settings>');
      assert.equal((await resolveAll('pom.xml', pomWith(httpUrl))).get('g:a'), 'acme/111122223333/plain-http folder:pom.xml (repository r)');
    });

    it('a blocked CodeArtifact repository is the answer only when no other CodeArtifact repository serves the pom', async () => {
      const httpUrl = `${AWS.replace('https:', 'http:')}/maven/plain-http/`;
      const two = `<project><repositories><repository><id>old</id><url>${httpUrl}</url></repository><repository><id>tls</id><url>${AWS}/maven/tls/</url></repository></repositories>${dep}</project>`;
      assert.equal((await resolveAll('pom.xml', two)).get('g:a'), 'acme/111122223333/tls folder:pom.xml (repository tls)');
      // A blocked repository that is not CodeArtifact changes nothing: left alone as before.
      assert.equal((await resolveAll('pom.xml', pomWith('http://repo.example/m2'))).get('g:a'), 'left alone');
      // A blocking mirror of the user's own (not the default blocker) is named by its id.
      writeFileSync(join(home, '.m2', 'settings.xml'), '<settings><mirrors><mirror><id>no-tls</id><mirrorOf>r</mirrorOf><url>http://0.0.0.0/</url><blocked>true</blocked></mirror></mirrors></settings>');
      assert.equal((await resolveAll('pom.xml', pomWith(`${AWS}/maven/tls/`))).get('g:a'), 'acme/111122223333/tls folder:pom.xml (repository r) blocked by no-tls');
    });
  });

  it('says which answers only the folder gives: the user’s own files naming the same repository are the user’s', async () => {
    writeFileSync(join(home, '.npmrc'), `registry=${AWS}/npm/shared/\n`);
    writeFileSync(join(project, '.npmrc'), `registry=${AWS}/npm/shared/\n@evil:registry=${AWS.replace('acme-111122223333', 'evil-999988887777')}/npm/loot/\n`);
    const got = await resolveAll('package.json', JSON.stringify({ dependencies: { lodash: '1.0.0', '@evil/x': '1.0.0' } }));
    assert.equal(got.get('lodash'), 'acme/111122223333/shared user (.npmrc)', 'the same line in the user npmrc');
    assert.equal(got.get('@evil/x'), 'evil/999988887777/loot folder:.npmrc (.npmrc)');
    mkdirSync(join(home, '.config', 'pip'), { recursive: true });
    writeFileSync(join(home, '.config', 'pip', 'pip.conf'), `[global]\nindex-url = ${AWS}/pypi/py/simple/\n`);
    const same = await resolveAll('requirements.txt', `--index-url ${AWS}/pypi/py/simple/\nflask\n`);
    assert.equal(same.get('flask'), 'acme/111122223333/py user (pip index)');
  });

  it('a pom repository that matches the folder’s own defaultRepository is still the folder’s (the same hand wrote both)', async () => {
    const evil: DefaultRepositorySetting = { domain: 'evil', owner: '999988887777', repository: 'loot', fromWorkspace: true };
    const pom = `<project><repositories><repository><id>x</id><url>${AWS.replace('acme-111122223333', 'evil-999988887777')}/maven/loot/</url></repository></repositories>
      <dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>1</version></dependency></dependencies></project>`;
    const got = await resolveAll('pom.xml', pom, evil);
    assert.equal(got.get('g:a'), 'evil/999988887777/loot folder:pom.xml (repository x)');
    // The same repository in the user's own defaultRepository is the user's choice.
    const mine = await resolveAll('pom.xml', pom, { ...evil, fromWorkspace: false });
    assert.match(mine.get('g:a') ?? '', /^evil\/999988887777\/loot user /);
  });

  it('a folder’s defaultRepository is the folder’s; in Restricted Mode only the user’s applies and no file is read', async () => {
    const folderSetting: DefaultRepositorySetting = { ...fallback, fromWorkspace: true };
    const got = await resolveAll('package.json', JSON.stringify({ dependencies: { plain: '1.0.0' } }), folderSetting);
    assert.equal(got.get('plain'), "fallback//default-repo folder:settings (this folder's setting codeartifact.defaultRepository)");
    writeFileSync(join(project, '.npmrc'), `registry=${AWS}/npm/shared/\n`);
    writeFileSync(join(project, 'requirements.txt'), '');
    const reads: string[] = [];
    const counting = io;
    io = { ...counting, readFile: (file) => (reads.push(file), counting.readFile(file)) };
    const untrusted = await resolveAll('package.json', JSON.stringify({ dependencies: { lodash: '1.0.0' } }), { trusted: false, defaultRepository: fallback });
    assert.equal(untrusted.get('lodash'), 'fallback//default-repo user (setting codeartifact.defaultRepository)');
    const untrustedFolder = await resolveAll('requirements.txt', `--index-url ${AWS}/pypi/py/simple/\nflask\n`, { trusted: false, defaultRepository: folderSetting });
    assert.equal(untrustedFolder.get('flask'), 'left alone', "the folder's own setting does not apply untrusted");
    const untrustedPom = await resolveAll('pom.xml', `<project><repositories><repository><id>x</id><url>${AWS}/maven/m/</url></repository></repositories><dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId><version>1</version></dependency></dependencies></project>`, { trusted: false });
    assert.equal(untrustedPom.get('g:a'), 'left alone');
    assert.deepEqual(reads, [], 'no file is read in Restricted Mode');
  });
});
