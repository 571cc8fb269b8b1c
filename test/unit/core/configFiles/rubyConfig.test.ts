import assert from 'node:assert/strict';
import { parse } from 'yaml';
import {
  applyBundlerCredentials,
  applyGemCredentials,
  applyGemfileSource,
  bundlerConfigPath,
  bundlerHostKey,
  gemPushHost,
  removeBundlerCredentials,
  removeGemCredentials,
  removeGemfileSource,
} from '../../../../src/core/configFiles/rubyConfig';
import { ConfigEditError } from '../../../../src/core/configFiles/managedBlock';

const ENDPOINT = 'https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/ruby/shared/';
const TOKEN = 'eyJ2ZXIiOjF9.abc-def_123';

describe('RubyGems and Bundler config files', () => {
  it('names the Bundler key and push host as Bundler and gem spell them', () => {
    assert.equal(bundlerHostKey(ENDPOINT), 'BUNDLE_ACME___111122223333__D__CODEARTIFACT__US___WEST___2__AMAZONAWS__COM');
    assert.equal(gemPushHost(ENDPOINT), ENDPOINT.slice(0, -1));
    assert.equal(bundlerConfigPath({ env: {}, home: '/h' }), '/h/.bundle/config');
    assert.equal(bundlerConfigPath({ env: { BUNDLE_USER_CONFIG: '/c/b' }, home: '/h' }), '/c/b');
  });

  for (const original of [undefined, '', '---\nBUNDLE_JOBS: "4"\n', '---\r\nBUNDLE_JOBS: "4"']) {
    it(`Bundler credentials on ${JSON.stringify(original)}: a YAML mapping with the key, no ": " in comments, idempotent, removed byte for byte`, () => {
      const once = applyBundlerCredentials(original, { endpoint: ENDPOINT, token: TOKEN });
      const doc = parse(once.text) as Record<string, string>;
      assert.equal(doc[bundlerHostKey(ENDPOINT)], `aws:${TOKEN}`);
      for (const line of once.text.split(/\r?\n/)) if (line.startsWith('#')) assert.doesNotMatch(line, /:(\s|$)/, 'Bundler reads "key: value" even in comments');
      assert.equal(applyBundlerCredentials(once.text, { endpoint: ENDPOINT, token: TOKEN }).changed, false);
      assert.equal(removeBundlerCredentials(once.text, { endpoint: ENDPOINT }), original ?? '');
      assert.ok(once.changes.every((c) => !c.includes(TOKEN)));
    });
  }

  it('gem credentials keep the rubygems.org key and add the push host with and without the slash', () => {
    const mine = '---\n:rubygems_api_key: rubygems_abc\n';
    const once = applyGemCredentials(mine, { endpoint: ENDPOINT, token: TOKEN });
    const doc = parse(once.text) as Record<string, string>;
    assert.equal(doc[':rubygems_api_key'], 'rubygems_abc');
    assert.equal(doc[gemPushHost(ENDPOINT)], `Bearer ${TOKEN}`);
    assert.equal(doc[ENDPOINT], `Bearer ${TOKEN}`);
    assert.equal(removeGemCredentials(once.text, { endpoint: ENDPOINT }), mine);
  });

  it('refuses YAML files that are not a mapping, and tokens that could inject lines', () => {
    assert.throws(() => applyBundlerCredentials('- a\n- b\n', { endpoint: ENDPOINT, token: TOKEN }), ConfigEditError);
    assert.throws(() => applyGemCredentials('{ a: [', { endpoint: ENDPOINT, token: TOKEN }), ConfigEditError);
    assert.throws(() => applyBundlerCredentials('', { endpoint: ENDPOINT, token: 'a"\nBUNDLE_X: y' }), ConfigEditError);
  });

  it('Gemfile: the old global source is switched off inside our block and comes back on removal; Ruby code untouched', () => {
    const gemfile = '# frozen_string_literal: true\n\nsource "https://rubygems.org"\n\ngem "rails", "~> 7.0"\nif ENV["X"]\n  gem "x"\nend\n';
    const once = applyGemfileSource(gemfile, { endpoint: ENDPOINT });
    const live = once.text.split('\n').filter((l) => /^source /.test(l));
    assert.deepEqual(live, [`source "${ENDPOINT}"`]);
    assert.ok(once.text.includes('if ENV["X"]\n  gem "x"\nend\n'));
    assert.equal(applyGemfileSource(once.text, { endpoint: ENDPOINT }).changed, false);
    assert.equal(removeGemfileSource(once.text), gemfile);
    // No source line at all: ours goes before the first statement, after the magic comment.
    const bare = '# frozen_string_literal: true\ngem "rack"\n';
    const added = applyGemfileSource(bare, { endpoint: ENDPOINT }).text;
    assert.ok(added.startsWith('# frozen_string_literal: true\n# >>>'));
    assert.equal(removeGemfileSource(added), bare);
  });
});
