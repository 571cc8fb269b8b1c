// Which URL serves each repository of a pom, against Maven 3.8 itself: DefaultSettingsBuilder (user settings over
// global, `${env.X}`/`${user.home}`), the settings profiles as DefaultModelBuilder activates them (activeProfiles,
// JDK, OS, property, activeByDefault) and orders their repositories, and maven-resolver's DefaultMirrorSelector
// (exact id, `*`, `external:*`, `external:http:*`, `!id`, comma lists, blocked mirrors such as Debian's
// maven-default-http-blocker). Generated cases: every mirror pattern × repository kind × profile set × global file.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parsePomXml } from '../../../src/core/manifests/pomXml';
import { activeSettingsProfiles, mergeSettings, readMavenSettings, settingsProfileRepositories, type SettingsContext } from '../../../src/core/mavenSettingsInEffect';
import { mavenRepositoriesWithMirrors, redactUrl } from '../../../src/core/registryUrls';
import { Differential } from '../ledger';
import { askMaven } from './mavenOracle';

const ENV = { CA_DIFF_HOST: 'env-host.example' };
const DEBIAN_GLOBAL = '/usr/share/maven/conf/settings.xml';

const REPOSITORIES: Record<string, string> = {
  a: 'https://a.example/m2',
  b: 'http://b.example/m2',
  c: 'http://localhost:8081/m2',
  d: 'http://127.0.0.1:9/x',
  e: 'file:///tmp/r',
  f: 'http://[::1]:8080/r',
  g: 'HTTP://G.example/m2',
  h: 'dav:http://dav.example/r',
};

const MIRROR_PATTERNS = ['*', 'external:*', 'external:http:*', 'central', 'a,b', '*,!a', '!a,*', 'a,!a', '!a,a', 'external:*,!b', 'external:http:*,!g', 'c', 'b , d', '!'];

const PROFILES = `
    <profile><id>listed</id><repositories><repository><id>pa</id><url>https://pa.example/m2</url></repository></repositories></profile>
    <profile><id>by-default</id><activation><activeByDefault>true</activeByDefault></activation>
      <repositories><repository><id>pb</id><url>http://pb.example/m2</url></repository></repositories></profile>
    <profile><id>jdk11</id><activation><jdk>[11,)</jdk></activation>
      <repositories><repository><id>pj</id><url>https://\${env.CA_DIFF_HOST}/jdk</url></repository></repositories></profile>
    <profile><id>old-jdk</id><activation><jdk>1.8</jdk></activation>
      <repositories><repository><id>po</id><url>https://old.example/m2</url></repository></repositories></profile>
    <profile><id>arch</id><activation><property><name>os.arch</name><value>amd64</value></property></activation>
      <repositories><repository><id>pp</id><url>file://\${user.home}/repo</url></repository></repositories></profile>
    <profile><id>no-prop</id><activation><property><name>!missing.prop</name></property></activation>
      <repositories><repository><id>pn</id><url>https://\${env.UNSET_VARIABLE_X}/m2</url></repository></repositories></profile>
    <profile><id>linux</id><activation><os><family>unix</family><name>!windows</name></os></activation>
      <repositories><repository><id>a</id><url>https://shadow.example/m2</url></repository></repositories></profile>`;

function settingsXml(mirrors: readonly string[], profiles: boolean, active: readonly string[]): string {
  const m = mirrors.map((pattern, i) => `<mirror><id>m${i}</id><url>https://mirror${i}.example/m2</url><mirrorOf>${pattern}</mirrorOf></mirror>`).join('');
  return `<settings><mirrors>${m}</mirrors>${profiles ? `<profiles>${PROFILES}</profiles>` : ''}<activeProfiles>${active.map((a) => `<activeProfile>${a}</activeProfile>`).join('')}</activeProfiles></settings>`;
}

function pomXml(ids: readonly string[]): string {
  const repos = ids.map((id) => `<repository><id>${id}</id><url>${REPOSITORIES[id]}</url></repository>`).join('');
  return `<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>a</artifactId><version>1</version><repositories>${repos}</repositories></project>`;
}

describe('differential: Maven repositories and mirrors in effect (settings builder, profiles, DefaultMirrorSelector)', function () {
  this.timeout(600_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-diff-settings-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('serves each repository from the URL Maven 3.8 would use, blocked mirrors included', async () => {
    const home = path.join(dir, 'home');
    const pomIds = Object.keys(REPOSITORIES);
    const globals: Record<string, string | undefined> = {
      none: undefined,
      ...(fs.existsSync(DEBIAN_GLOBAL) ? { debian: fs.readFileSync(DEBIAN_GLOBAL, 'utf8') } : {}),
      // The same mirror id as the user's first (the user's wins), a blocked mirror and a listed profile of its own.
      custom: `<settings><mirrors><mirror><id>m0</id><url>https://global-m0.example/</url><mirrorOf>*</mirrorOf></mirror>
        <mirror><id>blocked-b</id><url>http://0.0.0.0/</url><mirrorOf>b,pb</mirrorOf><blocked>true</blocked></mirror></mirrors>
        <profiles><profile><id>global-listed</id><repositories><repository><id>pg</id><url>http://global.example/m2</url></repository></repositories></profile></profiles>
        <activeProfiles><activeProfile>global-listed</activeProfile></activeProfiles></settings>`,
    };
    const userSettings: Record<string, string | undefined> = { none: undefined };
    for (const pattern of MIRROR_PATTERNS) userSettings[`mirror ${pattern}`] = settingsXml([pattern], false, []);
    userSettings['exact after pattern'] = settingsXml(['*', 'c', 'external:*'], false, []);
    userSettings['profiles, none listed'] = settingsXml([], true, []);
    userSettings['profiles, one listed'] = settingsXml([], true, ['listed']);
    userSettings['profiles, listed and mirrors'] = settingsXml(['external:http:*', 'pj'], true, ['listed', 'by-default']);
    userSettings['only by-default'] = settingsXml([], true, []).replace(/<profile><id>(jdk11|arch|no-prop|linux)<\/id>[\s\S]*?<\/profile>/g, '');
    const cases: { id: string; pom: string; user?: string; global?: string; userText?: string; globalText?: string; java: string }[] = [];
    let n = 0;
    for (const [globalName, globalText] of Object.entries(globals)) {
      for (const [userName, userText] of Object.entries(userSettings)) {
        for (const java of ['17.0.15', '1.8.0_392']) {
          if (java !== '17.0.15' && !userName.startsWith('profiles')) continue;
          const caseDir = path.join(dir, String(n++));
          fs.mkdirSync(caseDir, { recursive: true });
          const pom = path.join(caseDir, 'pom.xml');
          fs.writeFileSync(pom, pomXml(pomIds));
          const user = userText !== undefined ? path.join(caseDir, 'settings.xml') : undefined;
          if (user && userText !== undefined) fs.writeFileSync(user, userText);
          const global = globalText !== undefined ? path.join(caseDir, 'global.xml') : undefined;
          if (global && globalText !== undefined) fs.writeFileSync(global, globalText);
          cases.push({ id: `settings ${userName} / global ${globalName} / JDK ${java}`, pom, java, ...(user ? { user, userText } : {}), ...(global ? { global, globalText } : {}) });
        }
      }
    }
    const answers = await askMaven(cases.map((c) => ['repositories', c.pom, c.user ?? '', c.global ?? '', c.java, home]), ENV);
    const diff = new Differential('maven');
    const exists = { exists: (f: string) => fs.promises.access(f).then(() => true, () => false) };
    const normal = (r: { id: string; url: string; mirrorId?: string; blocked?: boolean }) => ({ id: r.id, url: redactUrl(r.url), mirrorId: r.mirrorId ?? null, blocked: r.blocked === true });
    for (const [i, c] of cases.entries()) {
      const ctx: SettingsContext = {
        env: ENV,
        userHome: home,
        activation: {
          javaVersion: c.java,
          os: { name: 'Linux', family: 'unix', arch: 'amd64', version: '6.1.0' },
          systemProperties: { 'java.version': c.java, 'os.name': 'Linux', 'os.arch': 'amd64', 'os.version': '6.1.0', 'user.home': home },
        },
      };
      const settings = mergeSettings(readMavenSettings(c.userText, ctx), readMavenSettings(c.globalText, ctx));
      const profiles = await activeSettingsProfiles(settings, ctx, exists);
      const pom = parsePomXml(fs.readFileSync(c.pom, 'utf8'));
      const ours = mavenRepositoriesWithMirrors(settingsProfileRepositories(profiles), pom.repositories, settings.mirrors).map(normal);
      const theirs = answers[i] as { id: string; url: string; mirrorId?: string; blocked?: boolean }[] | { oracleError: string };
      diff.check(c.id, ours, Array.isArray(theirs) ? theirs.map(normal) : theirs);
    }
    assert.ok(cases.length >= 60, `only ${cases.length} cases`);
    diff.assertAgreement();
  });
});
