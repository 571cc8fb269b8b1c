import * as assert from 'node:assert/strict';
import * as ini from 'ini';
import {
  applyNpmAuth,
  applyNpmRegistry,
  managedNpmAuthRegistries,
  removeNpmAuth,
  removeNpmRegistry,
} from '../../../../src/core/configFiles/npmrc';
import { ConfigEditError } from '../../../../src/core/configFiles/managedBlock';
import { checkLaws, fixture, variants } from './helpers';

const EP = 'https://dom-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/repo/';
const EMU = 'http://127.0.0.1:4567/dom-111122223333/npm/repo/';
const read = (text: string): Record<string, unknown> => ini.decode(text.replace(/^\uFEFF/, ''));

describe('core/configFiles/npmrc', () => {
  describe('project .npmrc (registry line only)', () => {
    for (const [label, original] of [...variants(fixture('project.npmrc')), ['empty', ''], ['one line', 'foo=bar']] as [string, string][]) {
      for (const scope of [undefined, '@acme', '@other']) {
        it(`${label}, scope ${scope ?? '(default registry)'}: laws hold and npm reads our registry`, () => {
          const out = checkLaws(original, (t) => applyNpmRegistry(t, { endpoint: EP, scope }), (t) => removeNpmRegistry(t, { scope }));
          const key = scope ? `${scope}:registry` : 'registry';
          assert.equal(read(out.text)[key], EP, 'npm (the ini package) sees the repository as the effective value');
        });
      }
    }

    it('keeps the other scopes, the env-var token line and the duplicate keys effective', () => {
      const original = fixture('project.npmrc');
      const out = applyNpmRegistry(original, { endpoint: EP, scope: '@acme' });
      const before = read(original);
      const after = read(out.text);
      assert.deepEqual({ ...after, '@acme:registry': undefined }, { ...before, '@acme:registry': undefined });
    });

    it('says when an earlier registry line of the user is overridden', () => {
      const out = applyNpmRegistry(fixture('project.npmrc'), { endpoint: EP });
      assert.match(out.changes.join('\n'), /earlier registry=https:\/\/registry\.npmjs\.org\/ stays in the file/);
    });

    it('two scopes on two repositories live side by side; removing one leaves the other', () => {
      const a = applyNpmRegistry('x=1\n', { endpoint: EP, scope: '@a' });
      const b = applyNpmRegistry(a.text, { endpoint: EMU, scope: '@b' });
      assert.equal(read(b.text)['@a:registry'], EP);
      assert.equal(read(b.text)['@b:registry'], EMU);
      assert.equal(removeNpmRegistry(b.text, { scope: '@a' }), applyNpmRegistry('x=1\n', { endpoint: EMU, scope: '@b' }).text);
      assert.equal(removeNpmRegistry(removeNpmRegistry(b.text, { scope: '@b' }), { scope: '@a' }), 'x=1\n');
    });

    it('switching the scope to another repository replaces the line in place', () => {
      const a = applyNpmRegistry('x=1\n', { endpoint: EP, scope: '@a' });
      const b = applyNpmRegistry(a.text, { endpoint: EMU, scope: '@a' });
      assert.equal(b.text, a.text.replace(EP, EMU));
    });

    it('adds a trailing slash the endpoint lacks, and refuses bad input', () => {
      assert.equal(read(applyNpmRegistry('', { endpoint: EP.slice(0, -1) }).text).registry, EP);
      assert.throws(() => applyNpmRegistry('', { endpoint: 'ftp://x/' }), ConfigEditError);
      assert.throws(() => applyNpmRegistry('', { endpoint: 'https://aws:secret@x/npm/r/' }), ConfigEditError);
      assert.throws(() => applyNpmRegistry('', { endpoint: EP, scope: '@Bad Scope' }), ConfigEditError);
      assert.throws(() => applyNpmRegistry('', { endpoint: 'not a url' }), ConfigEditError);
    });

    it('refuses to edit around a damaged block rather than guessing', () => {
      const damaged = applyNpmRegistry('', { endpoint: EP }).text.split('\n').slice(0, 2).join('\n');
      assert.throws(() => applyNpmRegistry(damaged, { endpoint: EP }), /markers of the CodeArtifact block "registry" are incomplete/);
    });
  });

  it('writes exactly these lines (project and user)', () => {
    assert.equal(
      applyNpmRegistry('fund=false\n', { endpoint: EP, scope: '@acme' }).text,
      'fund=false\n' +
        '# >>> codeartifact-explorer @acme:registry >>> managed by the CodeArtifact extension; "CodeArtifact: Remove Configuration" undoes it\n' +
        `@acme:registry=${EP}\n` +
        '# <<< codeartifact-explorer @acme:registry <<<\n',
    );
    assert.deepEqual(applyNpmAuth(undefined, { endpoint: EP, token: 'T' }).text.split('\n').slice(1, 3), [
      '//dom-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/repo/:_authToken=T',
      '//dom-111122223333.d.codeartifact.us-west-2.amazonaws.com:443/npm/repo/:_authToken=T',
    ]);
  });

  describe('user npmrc (token)', () => {
    for (const [label, original] of [...variants(fixture('user.npmrc')), ['empty', ''], ['missing', undefined]] as [string, string | undefined][]) {
      it(`${label}: laws hold, the token and its :443 twin are effective`, () => {
        const out = checkLaws(original, (t, token) => applyNpmAuth(t, { endpoint: EP, token }), (t) => removeNpmAuth(t, { endpoint: EP }));
        const values = read(out.text);
        assert.equal(values['//dom-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/repo/:_authToken'], 'tokenOne.AAAA');
        assert.equal(values['//dom-111122223333.d.codeartifact.us-west-2.amazonaws.com:443/npm/repo/:_authToken'], 'tokenOne.AAAA');
        assert.ok(!/always-auth/.test(out.text), 'npm 9+ rejects always-auth');
        if (original?.includes('npm_userOwnToken123')) assert.equal(values['//registry.npmjs.org/:_authToken'], 'npm_userOwnToken123');
        if (original?.includes('[section]')) {
          assert.ok(out.text.indexOf('tokenOne') < out.text.indexOf('[section]'), 'our lines stay top-level, before any [section]');
        }
      });
    }

    it('an http endpoint with a port gets exactly one key with that port', () => {
      const out = applyNpmAuth(undefined, { endpoint: EMU, token: 'tok' });
      assert.deepEqual(
        Object.keys(read(out.text)),
        ['//127.0.0.1:4567/dom-111122223333/npm/repo/:_authToken'],
      );
    });

    it('refuses a token that could inject lines', () => {
      assert.throws(() => applyNpmAuth('', { endpoint: EP, token: 'abc\nregistry=https://evil/' }), ConfigEditError);
      assert.throws(() => applyNpmAuth('', { endpoint: EP, token: '' }), ConfigEditError);
    });

    it('lists the registries whose tokens it manages', () => {
      const a = applyNpmAuth(fixture('user.npmrc'), { endpoint: EP, token: 't' }).text;
      const b = applyNpmAuth(a, { endpoint: EMU, token: 't' }).text;
      assert.deepEqual(managedNpmAuthRegistries(b), ['//dom-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/repo/', '//127.0.0.1:4567/dom-111122223333/npm/repo/']);
    });
  });
});
