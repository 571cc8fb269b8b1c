import * as assert from 'node:assert/strict';
import { SaxesParser } from 'saxes';
import {
  MAVEN_SETTINGS_SKELETON,
  applyMavenSettings,
  managedMavenIds,
  mavenRepositoryId,
  removeMavenSettings,
  type MavenRequest,
} from '../../../../src/core/configFiles/mavenSettings';
import { ConfigEditError } from '../../../../src/core/configFiles/managedBlock';
import { checkLaws, fixture, variants } from './helpers';

const EP = 'https://dom-111122223333.d.codeartifact.us-west-2.amazonaws.com/maven/repo/';
const BASE: MavenRequest = { endpoint: EP, domain: 'dom', repository: 'repo' };

/** Element paths → text, as Maven's reader would see them (comments ignored). */
function elements(text: string): string[] {
  const parser = new SaxesParser({ xmlns: false });
  const stack: string[] = [];
  const out: string[] = [];
  let buffer = '';
  parser.on('opentag', (t) => {
    stack.push(t.name);
    buffer = '';
  });
  parser.on('text', (t) => (buffer += t));
  parser.on('closetag', () => {
    if (buffer.trim()) out.push(`${stack.join('/')}=${buffer.trim()}`);
    buffer = '';
    stack.pop();
  });
  parser.write(text.replace(/^\uFEFF/, '')).close();
  return out;
}

describe('core/configFiles/mavenSettings', () => {
  const inputs: [string, string | undefined][] = [
    ...variants(fixture('settings.xml')),
    ...variants(fixture('settings-minimal.xml')).slice(0, 2),
    ['missing', undefined],
  ];
  for (const [label, original] of inputs) {
    for (const password of [{ kind: 'env' }, { kind: 'inline', token: 'x' }] as const) {
      for (const mirror of [false, true]) {
        it(`${label}, password ${password.kind}, mirror ${mirror}: laws hold and Maven sees server, profile, activeProfile`, () => {
          const request = (token: string): MavenRequest => ({ ...BASE, mirror, password: password.kind === 'env' ? password : { kind: 'inline', token } });
          const out = checkLaws(original, (t, token) => applyMavenSettings(t, request(token)), (t) => removeMavenSettings(t, BASE));
          const seen = elements(out.text);
          const id = 'codeartifact-dom-repo';
          const pw = password.kind === 'env' ? '${env.CODEARTIFACT_AUTH_TOKEN}' : 'tokenOne.AAAA';
          assert.ok(seen.includes(`settings/servers/server/id=${id}`));
          assert.ok(seen.includes(`settings/servers/server/username=aws`));
          assert.ok(seen.includes(`settings/servers/server/password=${pw}`));
          assert.ok(seen.includes(`settings/profiles/profile/repositories/repository/url=${EP}`));
          assert.ok(seen.includes(`settings/profiles/profile/pluginRepositories/pluginRepository/url=${EP}`));
          assert.ok(seen.includes(`settings/activeProfiles/activeProfile=${id}`));
          assert.equal(seen.includes('settings/mirrors/mirror/mirrorOf=*'), mirror);
          for (const name of ['servers', 'profiles', 'activeProfiles', 'mirrors']) {
            const tags = out.text.replace(/<!--[\s\S]*?-->/g, '').match(new RegExp(`<${name}>`, 'g')) ?? [];
            assert.ok(tags.length <= 1, `one <${name}> only`);
          }
          if (original?.includes('nexus')) {
            for (const kept of ['settings/servers/server/id=nexus', 'settings/mirrors/mirror/id=nexus', 'settings/activeProfiles/activeProfile=nexus']) {
              assert.ok(seen.includes(kept), kept);
            }
            assert.ok(out.text.includes('\t\t<!-- >>> codeartifact-explorer server:'), 'follows the file\'s tab indentation');
          }
          if (original === undefined) assert.equal(removeMavenSettings(out.text, BASE), '', 'a file we created is removed whole');
        });
      }
    }
  }

  it('two repositories coexist; removing the first keeps the second and the containers', () => {
    const a = applyMavenSettings(undefined, BASE).text;
    const b = applyMavenSettings(a, { ...BASE, repository: 'other' }).text;
    assert.deepEqual(managedMavenIds(b), ['codeartifact-dom-repo', 'codeartifact-dom-other']);
    const onlyOther = removeMavenSettings(b, BASE);
    assert.deepEqual(managedMavenIds(onlyOther), ['codeartifact-dom-other']);
    assert.ok(elements(onlyOther).includes('settings/servers/server/id=codeartifact-dom-other'));
    assert.equal(removeMavenSettings(onlyOther, { ...BASE, repository: 'other' }), '');
  });

  it('keeps a container the user filled after we created it', () => {
    const a = applyMavenSettings(undefined, BASE).text;
    const edited = a.replace('  </servers>', '    <server><id>mine</id></server>\n  </servers>');
    const removed = removeMavenSettings(edited, BASE);
    assert.ok(elements(removed).includes('settings/servers/server/id=mine'));
    assert.ok(!elements(removed).some((e) => e.includes('codeartifact-dom-repo')));
  });

  it('refuses a server with our id that the user wrote, naming it', () => {
    const mine = '<settings>\n  <servers>\n    <server><id>codeartifact-dom-repo</id></server>\n  </servers>\n</settings>\n';
    assert.throws(() => applyMavenSettings(mine, BASE), (e: unknown) => e instanceof ConfigEditError && /already has a server with id "codeartifact-dom-repo"/.test(e.message));
  });

  it('explains what it cannot edit instead of guessing', () => {
    assert.throws(() => applyMavenSettings('<settings><servers/>\n</settings>\n', BASE), /shares its line|empty <servers\/>/);
    assert.throws(() => applyMavenSettings('<settings>\n  <servers/>\n</settings>\n', BASE), /empty <servers\/>/);
    assert.throws(() => applyMavenSettings('<settings>\n  <servers>\n</settings>\n', BASE), ConfigEditError);
    assert.throws(() => applyMavenSettings('<project>\n</project>\n', BASE), ConfigEditError);
  });

  it('makes ids safe for XML comments', () => {
    assert.equal(mavenRepositoryId('my--domain', 'repo.x'), 'codeartifact-my-domain-repo.x');
    assert.throws(() => mavenRepositoryId('dom', 'bad repo'), ConfigEditError);
  });

  it('creates a valid file from nothing', () => {
    const text = applyMavenSettings(undefined, BASE).text;
    assert.ok(text.startsWith(MAVEN_SETTINGS_SKELETON.split('\n').slice(0, 4).join('\n')));
    assert.doesNotThrow(() => elements(text));
  });
});
