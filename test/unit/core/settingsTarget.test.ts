// The signed-out "Open Settings" link and the error rows' Open Settings (#17 polish): in a remote window a
// machine-scoped setting opens the Remote settings, with the setting id as the query; otherwise User settings.
import assert from 'node:assert/strict';
import { isOurSettingQuery, settingsCommandFor, type SettingScope } from '../../../src/core/settingsTarget';

const scopes: Record<string, SettingScope> = { 'codeartifact.endpoint': 'machine', 'codeartifact.versionLens.enabled': 'resource' };
const scopeOf = (id: string) => scopes[id];

describe('settings link target', () => {
  it('a machine setting in a remote window: Remote settings, the id as query', () => {
    assert.deepEqual(settingsCommandFor('codeartifact.endpoint', 'ssh-remote', scopeOf), { command: 'workbench.action.openRemoteSettings', args: { query: 'codeartifact.endpoint' } });
    assert.deepEqual(settingsCommandFor('codeartifact.', 'wsl', scopeOf).command, 'workbench.action.openRemoteSettings');
  });

  it('a local window, or a resource setting: User settings', () => {
    assert.deepEqual(settingsCommandFor('codeartifact.endpoint', undefined, scopeOf), { command: 'workbench.action.openSettings', args: { query: 'codeartifact.endpoint' } });
    assert.equal(settingsCommandFor('codeartifact.endpoint', '', scopeOf).command, 'workbench.action.openSettings');
    assert.equal(settingsCommandFor('codeartifact.versionLens.enabled', 'ssh-remote', scopeOf).command, 'workbench.action.openSettings');
  });

  it('accepts only our settings as a query (a command link argument is not trusted)', () => {
    for (const q of ['codeartifact.', 'codeartifact.endpoint', 'codeartifact.network.timeoutSeconds']) assert.ok(isOurSettingQuery(q), q);
    for (const q of ['', 'http.proxy', 'codeartifact', 'codeartifact.endpoint @modified', 'codeartifact..x', '@id:x codeartifact.x']) assert.ok(!isOurSettingQuery(q), q);
  });
});
