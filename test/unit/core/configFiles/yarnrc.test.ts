import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { applyYarnAuth, applyYarnRegistry, removeYarnAuth, removeYarnRegistry, yarnRegistryKey } from '../../../../src/core/configFiles/yarnrc';
import { ConfigEditError } from '../../../../src/core/configFiles/managedBlock';
import { checkLaws, fixture, variants } from './helpers';

const EP = 'https://dom-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/repo/';
const KEY = '//dom-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/repo';
type Yarnrc = Record<string, unknown> & {
  npmScopes?: Record<string, Record<string, unknown>>;
  npmRegistries?: Record<string, Record<string, unknown>>;
};
const read = (text: string): Yarnrc => (parse(text.replace(/^\uFEFF/, ''), { uniqueKeys: true }) ?? {}) as Yarnrc;

describe('core/configFiles/yarnrc (yarn berry)', () => {
  describe('project .yarnrc.yml', () => {
    const inputs: [string, string | undefined][] = [
      ...variants(fixture('project.yarnrc.yml')),
      ['missing', undefined],
      ['comments only', '# nothing here\n'],
      ['npmScopes empty', 'npmScopes:\n'],
      ['four-space indent', 'npmScopes:\n    other:\n        npmRegistryServer: "https://x/"\n'],
    ];
    for (const [label, original] of inputs) {
      for (const scope of [undefined, '@acme', '@other', '@internal']) {
        it(`${label}, scope ${scope ?? '(default)'}: laws hold and yarn reads the registry`, () => {
          const out = checkLaws(original, (t) => applyYarnRegistry(t, { endpoint: EP, scope }), (t) => removeYarnRegistry(t, { scope }), {
            expectAllLinesKept: false,
          });
          const value = read(out.text);
          if (scope === undefined) assert.equal(value.npmRegistryServer, EP);
          else assert.equal(value.npmScopes?.[scope.slice(1)]?.npmRegistryServer, EP);
          if (original?.includes('nodeLinker')) {
            assert.equal(value.nodeLinker, 'node-modules');
            assert.equal(value.yarnPath, '.yarn/releases/yarn-4.5.0.cjs');
            assert.ok(out.text.includes('nodeLinker: node-modules   # keep inline comment'));
            if (scope !== '@other') assert.equal(value.npmScopes?.other?.npmRegistryServer, 'https://npm.other.example/');
            if (scope === '@internal') assert.equal(value.npmScopes?.internal?.npmAlwaysAuth, true, 'other settings of the scope stay');
            if (scope === undefined) assert.ok(out.text.includes('# codeartifact-explorer disabled: npmRegistryServer: "https://registry.yarnpkg.com"'));
          }
          if (label === 'four-space indent' && scope === '@acme') assert.ok(out.text.includes('\n    acme:\n        npmRegistryServer:'));
        });
      }
    }

    it('refuses flow-style maps it cannot edit line by line', () => {
      assert.throws(() => applyYarnRegistry('npmScopes: {other: {npmRegistryServer: x}}\n', { endpoint: EP, scope: '@acme' }), ConfigEditError);
      assert.throws(() => applyYarnRegistry('npmScopes: [\n', { endpoint: EP }), /not valid YAML/);
    });
  });

  it('writes exactly these lines into an existing npmScopes map', () => {
    assert.equal(
      applyYarnRegistry('npmScopes:\n  other:\n    npmRegistryServer: x\nnodeLinker: pnp\n', { endpoint: EP, scope: '@acme' }).text,
      'npmScopes:\n  other:\n    npmRegistryServer: x\n' +
        '  # >>> codeartifact-explorer npmScopes.acme >>> managed by the CodeArtifact extension; "CodeArtifact: Remove Configuration" undoes it\n' +
        '  acme:\n' +
        `    npmRegistryServer: "${EP}"\n` +
        '  # <<< codeartifact-explorer npmScopes.acme <<<\n' +
        'nodeLinker: pnp\n',
    );
  });

  describe('user ~/.yarnrc.yml (token)', () => {
    const inputs: [string, string | undefined][] = [...variants(fixture('user.yarnrc.yml')), ['missing', undefined], ['ours by hand', `npmRegistries:\n  "${KEY}":\n    npmAuthToken: handWritten\n`]];
    for (const [label, original] of inputs) {
      it(`${label}: laws hold, npmAuthToken and npmAlwaysAuth set`, () => {
        const out = checkLaws(original, (t, token) => applyYarnAuth(t, { endpoint: EP, token }), (t) => removeYarnAuth(t, { endpoint: EP }), {
          expectAllLinesKept: false,
        });
        const entry = read(out.text).npmRegistries?.[KEY];
        assert.deepEqual(entry, { npmAlwaysAuth: true, npmAuthToken: 'tokenOne.AAAA' });
        if (original?.includes('otherToken')) assert.equal(read(out.text).npmRegistries?.['https://npm.other.example']?.npmAuthToken, 'otherToken');
      });
    }

    it('derives the registry key as yarn normalises it', () => {
      assert.equal(yarnRegistryKey(EP), KEY);
    });
  });
});
