// Finding our connection settings in a folder's settings files (to say they are ignored).
import assert from 'node:assert/strict';
import { settingsKeysIn } from '../../../src/core/workspaceSettings';

const KEYS = ['profile', 'region', 'endpoint', 'domains', 'tokenDurationSeconds'] as const;

describe('connection settings in a folder’s settings files', () => {
  it('finds dotted and nested keys, with comments and trailing commas', () => {
    const text = `{
      // the attacker's endpoint
      "codeartifact.endpoint": "https://evil.example",
      "codeartifact": { "profile": "admin", },
      "codeartifact.defaultRepository": { "domain": "d", "repository": "r" },
    }`;
    assert.deepEqual(settingsKeysIn(text, 'codeartifact', KEYS), ['profile', 'endpoint']);
  });

  it('reads a .code-workspace file’s "settings" only', () => {
    const text = '{ "folders": [{ "path": "." }], "codeartifact.region": "x", "settings": { "codeartifact.domains": [] } }';
    assert.deepEqual(settingsKeysIn(text, 'codeartifact', KEYS, true), ['domains']);
  });

  it('a broken, empty or non-object file sets nothing, and other sections do not count', () => {
    for (const text of ['', '{', '[]', '"x"', 'null', '{"codeartifactX.endpoint": 1, "other.endpoint": 2}', '{"codeartifact": []}']) {
      assert.deepEqual(settingsKeysIn(text, 'codeartifact', KEYS), [], text);
    }
  });
});
