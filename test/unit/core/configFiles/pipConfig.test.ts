import * as assert from 'node:assert/strict';
import {
  applyPipIndex,
  applyPypirc,
  pipIndexUrl,
  pipIndexUrlWithToken,
  removePipIndex,
  removePypirc,
  type PipIndexMode,
} from '../../../../src/core/configFiles/pipConfig';
import { checkLaws, fixture, readWithConfigparser, variants } from './helpers';

const EP = 'https://dom-111122223333.d.codeartifact.us-west-2.amazonaws.com/pypi/repo/';
const URL_T1 = 'https://aws:tokenOne.AAAA@dom-111122223333.d.codeartifact.us-west-2.amazonaws.com/pypi/repo/simple/';
const MODES: PipIndexMode[] = ['index-url', 'extra-index-url'];

describe('core/configFiles/pipConfig', () => {
  it('builds the simple-index URLs', () => {
    assert.equal(pipIndexUrl(EP), 'https://dom-111122223333.d.codeartifact.us-west-2.amazonaws.com/pypi/repo/simple/');
    assert.equal(pipIndexUrlWithToken(EP, 'tokenOne.AAAA'), URL_T1);
  });

  describe('pip.conf', () => {
    const inputs: [string, string | undefined][] = [
      ...variants(fixture('pip.conf')),
      ['missing', undefined],
      ['no [global]', '[install]\nno-cache-dir = false\n'],
      ['[global] without our keys', '[global]\ntimeout = 5\n\n[install]\nx = 1'],
      ['index_url spelling', '[global]\nindex_url = https://old/simple\n'],
    ];
    for (const [label, original] of inputs) {
      for (const mode of MODES) {
        it(`${label}, ${mode}: laws hold and configparser (as pip) reads our URL`, () => {
          const out = checkLaws(original, (t, token) => applyPipIndex(t, { endpoint: EP, token, mode }), removePipIndex, {
            expectAllLinesKept: false,
          });
          const parsed = readWithConfigparser(out.text);
          if (parsed === undefined) return; // python3 not on PATH: the byte-level laws above still ran
          const global = parsed.global ?? {};
          const value = global[mode] ?? global[mode.replace(/-/g, '_')] ?? '';
          assert.ok(value.split(/\s+/).includes(URL_T1), `pip sees ${mode} with the repository: ${JSON.stringify(global)}`);
          if (mode === 'extra-index-url' && original?.includes('extra-one')) {
            assert.deepEqual(value.split(/\s+/).filter(Boolean), ['https://extra-one.example/simple', 'https://extra-two.example/simple', URL_T1]);
          }
          if (original?.includes('trusted-host')) assert.equal(global['trusted-host'], 'pypi.corp.example');
          if (mode === 'index-url' && original?.includes('pypi.corp')) assert.equal(global['index-url'], URL_T1, 'the user index-url is switched off');
          if (mode === 'extra-index-url' && original?.includes('pypi.corp')) {
            assert.equal(global['index-url'], 'https://pypi.corp.example/simple', 'extra mode leaves index-url alone');
          }
          if (original !== undefined && original.trim() !== '') assert.ok(readWithConfigparser(original), 'the original parses too');
        });
      }
    }

    it('switching mode restores the user value first, then applies the new mode', () => {
      const original = fixture('pip.conf');
      const a = applyPipIndex(original, { endpoint: EP, token: 't', mode: 'index-url' });
      const b = applyPipIndex(a.text, { endpoint: EP, token: 't', mode: 'extra-index-url' });
      assert.equal(b.text, applyPipIndex(original, { endpoint: EP, token: 't', mode: 'extra-index-url' }).text);
      assert.equal(removePipIndex(b.text), original);
    });

    it('warns when a command section overrides [global]', () => {
      const out = applyPipIndex('[global]\n[install]\nindex-url = https://x/simple\n', { endpoint: EP, token: 't', mode: 'index-url' });
      assert.match(out.changes.join('\n'), /\[install\] sets index-url too/);
    });

    it('the summary names the URL without the token', () => {
      const out = applyPipIndex(undefined, { endpoint: EP, token: 'secretTok', mode: 'index-url' });
      assert.ok(out.text.includes('aws:secretTok@'));
      assert.ok(!out.changes.join('\n').includes('secretTok'));
      assert.match(out.changes[0] ?? '', /pypi\/repo\/simple\//);
    });
  });

  it('writes exactly these lines into an existing [global]', () => {
    assert.equal(
      applyPipIndex('[global]\ntimeout = 5\n\n[install]\nx = 1\n', { endpoint: EP, token: 'T', mode: 'extra-index-url' }).text,
      '[global]\ntimeout = 5\n' +
        '# >>> codeartifact-explorer pip-index >>> managed by the CodeArtifact extension; "CodeArtifact: Remove Configuration" undoes it\n' +
        'extra-index-url = https://aws:T@dom-111122223333.d.codeartifact.us-west-2.amazonaws.com/pypi/repo/simple/\n' +
        '# <<< codeartifact-explorer pip-index <<<\n' +
        '\n[install]\nx = 1\n',
    );
  });

  describe('.pypirc', () => {
    const inputs: [string, string | undefined][] = [
      ...variants(fixture('pypirc')),
      ...variants(fixture('pypirc-from-aws-login')).slice(0, 3),
      ['missing', undefined],
      ['[distutils] without index-servers', '[distutils]\n# nothing yet\n\n[pypi]\nusername = __token__\n'],
    ];
    for (const [label, original] of inputs) {
      it(`${label}: laws hold and twine's reading (configparser) finds [codeartifact]`, () => {
        const out = checkLaws(original, (t, token) => applyPypirc(t, { endpoint: EP, token }), (t) => removePypirc(t), {
          expectAllLinesKept: false,
        });
        const parsed = readWithConfigparser(out.text);
        if (parsed === undefined) return;
        assert.deepEqual(parsed.codeartifact, { repository: EP, username: 'aws', password: 'tokenOne.AAAA' });
        const servers = (parsed.distutils?.['index-servers'] ?? '').split(/\s+/).filter(Boolean);
        assert.ok(servers.includes('codeartifact'));
        assert.ok(servers.includes('pypi'));
        if (original?.includes('testpypi') || !original?.includes('index-servers')) assert.ok(servers.includes('testpypi'));
        if (original?.includes('pypi-AgEIcHlwaS5vcmc')) assert.equal(parsed.pypi?.password, 'pypi-AgEIcHlwaS5vcmc');
      });
    }

    it('switches off a [codeartifact] section left by aws codeartifact login, and restores it', () => {
      const original = fixture('pypirc-from-aws-login');
      const out = applyPypirc(original, { endpoint: EP, token: 'newTok' });
      assert.ok(!/^password = oldTokenFromAwsLogin/m.test(out.text));
      assert.match(out.changes.join('\n'), /switched off/);
      assert.equal(removePypirc(out.text), original);
    });
  });
});
