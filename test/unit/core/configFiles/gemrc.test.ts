// The ~/.gemrc `:sources:` edit on the shapes real .gemrc files have: the one `gem sources --add` writes (a
// symbol-keyed dump), a hand-written one with `gem: --no-document` and comments, a flow list, CRLF, a BOM, none.
// (The real `gem sources --list` reads our output in test/integration/gemSources.test.ts.)
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { applyGemrcSource, gemrcPath, gemSourceUrl, removeGemrcSource } from '../../../../src/core/configFiles/gemrc';
import { ConfigEditError } from '../../../../src/core/configFiles/managedBlock';

const ENDPOINT = 'https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/ruby/shared/';
const TOKEN = 'eyJ2ZXIiOjF9.abc-def_123';
const SOURCE = 'https://aws:eyJ2ZXIiOjF9.abc-def_123@acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/ruby/shared/';

/** What `gem sources --add` leaves behind (Gem::ConfigFile#write). */
const GEM_WRITTEN = '---\n:backtrace: false\n:bulk_threshold: 1000\n:sources:\n- https://rubygems.org/\n- https://gems.example.com/\n:update_sources: true\n:verbose: true\n:concurrent_downloads: 8\n';
const HAND_WRITTEN = '# my gem settings\ngem: --no-document\ninstall: --no-document # no docs\n:benchmark: false\n';

function sources(text: string): unknown {
  return (parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>)[':sources'];
}

function roundTrip(original: string | undefined): string {
  const applied = applyGemrcSource(original, { endpoint: ENDPOINT, token: TOKEN });
  assert.ok(applied.changed);
  assert.equal(applyGemrcSource(applied.text, { endpoint: ENDPOINT, token: TOKEN }).changed, false, 'idempotent');
  assert.equal(removeGemrcSource(applied.text, { endpoint: ENDPOINT }), original ?? '', 'reversible byte for byte');
  for (const line of applied.changes) assert.ok(!line.includes(TOKEN), 'no token in the summary');
  return applied.text;
}

describe('~/.gemrc :sources: writer', () => {
  it('puts the token in the source URL as RubyGems reads Basic credentials', () => {
    assert.equal(gemSourceUrl(ENDPOINT, TOKEN), SOURCE);
    assert.throws(() => gemSourceUrl(ENDPOINT, 'bad token\n:x: 1'), /token/i);
  });

  it('no file: a new mapping with only our source (it replaces rubygems.org)', () => {
    const text = roundTrip(undefined);
    assert.deepEqual(sources(text), [SOURCE]);
    assert.ok(text.startsWith('# >>> codeartifact-explorer gemrc-'));
  });

  it("gem's own dump: our source first, the user's sources and every other key kept", () => {
    const text = roundTrip(GEM_WRITTEN);
    assert.deepEqual(sources(text), [SOURCE, 'https://rubygems.org/', 'https://gems.example.com/']);
    const doc = parse(text) as Record<string, unknown>;
    assert.equal(doc[':concurrent_downloads'], 8);
    assert.equal(doc[':update_sources'], true);
  });

  it('an indented block list keeps its indentation', () => {
    const original = '---\n:sources:\n  - https://rubygems.org/\n:verbose: true\n';
    const text = roundTrip(original);
    assert.deepEqual(sources(text), [SOURCE, 'https://rubygems.org/']);
    assert.match(text, /\n {2}- "https:\/\/aws:/);
  });

  it('hand-written file with comments and no :sources: key: appended, comments and options kept', () => {
    const text = roundTrip(HAND_WRITTEN);
    assert.ok(text.startsWith(HAND_WRITTEN));
    const doc = parse(text) as Record<string, unknown>;
    assert.equal(doc.gem, '--no-document');
    assert.deepEqual(sources(text), [SOURCE]);
  });

  it('a flow list on one line is switched off and listed again after ours; removal brings it back', () => {
    const original = ':sources: ["https://rubygems.org/", "https://gems.example.com/"] # mine\n:verbose: true\n';
    const applied = applyGemrcSource(original, { endpoint: ENDPOINT, token: TOKEN });
    assert.deepEqual(sources(applied.text), [SOURCE, 'https://rubygems.org/', 'https://gems.example.com/']);
    assert.equal(removeGemrcSource(applied.text, { endpoint: ENDPOINT }), original);
    assert.deepEqual(sources(roundTrip(':sources: []\n')), [SOURCE]);
    assert.deepEqual(sources(roundTrip(':sources:\n:verbose: true\n')), [SOURCE]);
  });

  it('CRLF and a BOM survive; no final newline survives', () => {
    const crlf = '\uFEFF---\r\n:sources:\r\n- https://rubygems.org/\r\n';
    const text = roundTrip(crlf);
    assert.ok(!/[^\r]\n/.test(text), 'CRLF throughout');
    roundTrip('gem: --no-document');
  });

  it('a new token replaces the old one in place', () => {
    const first = applyGemrcSource(GEM_WRITTEN, { endpoint: ENDPOINT, token: TOKEN }).text;
    const second = applyGemrcSource(first, { endpoint: ENDPOINT, token: 'new-token.2' });
    assert.ok(second.changed);
    assert.ok(!second.text.includes(TOKEN));
    assert.deepEqual(sources(second.text), [SOURCE.replace(TOKEN, 'new-token.2'), 'https://rubygems.org/', 'https://gems.example.com/']);
    assert.equal(removeGemrcSource(second.text, { endpoint: ENDPOINT }), GEM_WRITTEN);
  });

  it('two repositories: two blocks, each removed on its own', () => {
    const other = ENDPOINT.replace('/shared/', '/other/');
    const one = applyGemrcSource(GEM_WRITTEN, { endpoint: ENDPOINT, token: TOKEN }).text;
    const two = applyGemrcSource(one, { endpoint: other, token: TOKEN }).text;
    assert.deepEqual(sources(two), [gemSourceUrl(other, TOKEN), SOURCE, 'https://rubygems.org/', 'https://gems.example.com/']);
    assert.equal(removeGemrcSource(removeGemrcSource(two, { endpoint: ENDPOINT }), { endpoint: other }), GEM_WRITTEN);
  });

  it('refuses what it cannot extend safely, with a message that says what to do', () => {
    for (const bad of ['- a\n- b\n', 'key: [unclosed\n', ':sources:\n  :a: 1\n', ':sources: [\n  "https://a/",\n]\n', ':sources: [1, 2]\n', '--- a\n--- b\n']) {
      assert.throws(
        () => applyGemrcSource(bad, { endpoint: ENDPOINT, token: TOKEN }),
        (err: unknown) => err instanceof ConfigEditError && /fix|by hand|block list/.test(err.message),
        JSON.stringify(bad),
      );
    }
  });

  it('finds the file gem reads: ~/.gemrc, else an existing XDG gemrc, else ~/.gemrc', () => {
    const has = (files: string[]) => (f: string) => files.includes(f);
    assert.equal(gemrcPath({ env: {}, home: '/h' }, has([])), '/h/.gemrc');
    assert.equal(gemrcPath({ env: {}, home: '/h' }, has(['/h/.config/gem/gemrc'])), '/h/.config/gem/gemrc');
    assert.equal(gemrcPath({ env: { XDG_CONFIG_HOME: '/x' }, home: '/h' }, has(['/x/gem/gemrc'])), '/x/gem/gemrc');
    assert.equal(gemrcPath({ env: {}, home: '/h' }, has(['/h/.gemrc', '/h/.config/gem/gemrc'])), '/h/.gemrc');
  });
});
