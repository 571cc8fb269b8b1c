// The parts of Maven's settings rule, each pinned (the whole is checked against Maven in
// test/differential/maven/mavenSettings.test.ts).
import assert from 'node:assert/strict';
import { activeSettingsProfiles, matchPattern, mergeSettings, readMavenSettings, selectMirrors, settingsProfileRepositories, type SettingsContext } from '../../../src/core/mavenSettingsInEffect';

const ctx = (env: Record<string, string> = {}, javaVersion = '17.0.15', userProperties: Record<string, string> = {}): SettingsContext => ({
  env,
  userHome: '/home/u',
  activation: { javaVersion, os: { name: 'Linux', family: 'unix', arch: 'amd64', version: '6.1' }, systemProperties: { 'java.version': javaVersion }, userProperties },
});

describe('Maven settings in effect', () => {
  it('matchPattern: exact, *, external:*, external:http:*, !id wins, parts untrimmed, [::1] external', () => {
    const repo = (id: string, url: string) => ({ id, url });
    assert.equal(matchPattern('*', repo('x', 'file:///r')), true);
    assert.equal(matchPattern('external:*', repo('x', 'http://localhost:1/r')), false);
    assert.equal(matchPattern('external:*', repo('x', 'http://[::1]:1/r')), true);
    assert.equal(matchPattern('external:http:*', repo('x', 'https://a.example')), false);
    assert.equal(matchPattern('external:http:*', repo('x', 'HTTP://A.example')), true);
    assert.equal(matchPattern('*,!x', repo('x', 'https://a')), false);
    assert.equal(matchPattern('x,!x', repo('x', 'https://a')), true, 'the first naming part decides');
    assert.equal(matchPattern('a , x', repo('x', 'https://a')), false, "' x' is not x");
  });

  it('selectMirrors: an exact mirrorOf beats an earlier pattern; a blocked mirror says so; first of an id wins', () => {
    const settings = readMavenSettings(
      `<settings><mirrors><mirror><id>all</id><mirrorOf>*</mirrorOf><url>https://all/</url></mirror>
        <mirror><id>just-b</id><mirrorOf>b</mirrorOf><url>https://b-mirror/</url></mirror>
        <mirror><id>blocker</id><mirrorOf>c</mirrorOf><url>http://0.0.0.0/</url><blocked>true</blocked></mirror></mirrors></settings>`,
      ctx(),
    );
    const got = selectMirrors([{ id: 'a', url: 'https://a' }, { id: 'b', url: 'https://b' }, { id: 'c', url: 'https://c' }, { id: 'a', url: 'https://a2' }], settings.mirrors);
    assert.deepEqual(got, [
      { id: 'a', url: 'https://all/', mirrorId: 'all' },
      { id: 'b', url: 'https://b-mirror/', mirrorId: 'just-b' },
      { id: 'c', url: 'http://0.0.0.0/', mirrorId: 'blocker', blocked: true, blockedUrl: 'https://c' },
    ]);
  });

  it('interpolates ${env.X}, ${user.home} and properties; an unknown one stays', () => {
    const s = readMavenSettings('<settings><mirrors><mirror><id>m</id><mirrorOf>*</mirrorOf><url>https://${env.H}${user.home}/${p}/${nope}</url></mirror></mirrors></settings>', ctx({ H: 'h.example' }, '17', { p: 'prop' }));
    assert.equal(s.mirrors[0]?.url, 'https://h.example/home/u/prop/${nope}');
  });

  it('merge: the user’s entries win by id, the global’s others follow; activeProfiles of both', () => {
    const user = readMavenSettings('<settings><mirrors><mirror><id>m</id><mirrorOf>*</mirrorOf><url>https://user/</url></mirror></mirrors><activeProfiles><activeProfile>u</activeProfile></activeProfiles></settings>', ctx());
    const global = readMavenSettings('<settings><mirrors><mirror><id>m</id><mirrorOf>*</mirrorOf><url>https://global/</url></mirror><mirror><id>g</id><mirrorOf>x</mirrorOf><url>https://g/</url></mirror></mirrors><activeProfiles><activeProfile>gp</activeProfile></activeProfiles></settings>', ctx());
    const merged = mergeSettings(user, global);
    assert.deepEqual(merged.mirrors.map((m) => m.url), ['https://user/', 'https://g/']);
    assert.deepEqual(merged.activeProfiles, ['u', 'gp']);
  });

  it('profiles: listed, JDK, property and activeByDefault (always, for settings profiles); the last active comes first', async () => {
    const text = `<settings><profiles>
      <profile><id>listed</id><repositories><repository><id>l</id><url>https://l</url></repository></repositories></profile>
      <profile><id>default</id><activation><activeByDefault>true</activeByDefault></activation><repositories><repository><id>d</id><url>https://d</url></repository></repositories></profile>
      <profile><id>jdk8</id><activation><jdk>1.8</jdk></activation><repositories><repository><id>j</id><url>https://j</url></repository></repositories></profile>
      <profile><id>prop</id><activation><property><name>ci</name><value>true</value></property></activation><repositories><repository><id>p</id><url>https://p</url></repository></repositories></profile>
      <profile><id>off</id><repositories><repository><id>o</id><url>https://o</url></repository></repositories></profile>
      </profiles><activeProfiles><activeProfile>listed</activeProfile></activeProfiles></settings>`;
    const none = { exists: () => Promise.resolve(false) };
    const ids = async (c: SettingsContext) => settingsProfileRepositories(await activeSettingsProfiles(readMavenSettings(text, c), c, none)).map((r) => r.id);
    assert.deepEqual(await ids(ctx()), ['d', 'l']);
    assert.deepEqual(await ids(ctx({}, '1.8.0_392', { ci: 'true' })), ['p', 'j', 'd', 'l']);
  });

  it('a file that is not settings yields nothing, never a throw', () => {
    for (const text of [undefined, '', 'not xml', '<project/>', '<settings><mirrors><mirror>']) {
      assert.deepEqual(readMavenSettings(text, ctx()).mirrors, []);
    }
  });
});
