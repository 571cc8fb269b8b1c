// The status-bar item (#17 polish): the screen-reader label and tooltip are words, with no `$(icon)` syntax and no
// `&nbsp;`; the menu has Refresh Token, Switch Profile, Sign Out and Show Logs when signed in.
import assert from 'node:assert/strict';
import { statusMenuItems, statusPresentation, type StatusInput } from '../../../src/core/statusPresentation';

const cases: [string, StatusInput][] = [
  ['signed out', {}],
  ['signed in with a profile', { connection: { profile: 'dev', region: 'us-west-2' }, tokenNote: 'token 11h 59m left' }],
  ['default chain, endpoint override, warning', { connection: { region: 'eu-west-1', endpoint: 'http://127.0.0.1:1' }, tokenNote: 'token refresh failed, expires in 5m', tokenWarning: true }],
  ['offline', { connection: { profile: 'dev', region: 'us-west-2' }, offline: { reason: "can't reach CodeArtifact", detail: "Can't reach 127.0.0.1:9: connection refused" } }],
];

describe('status bar presentation', () => {
  for (const [name, input] of cases) {
    it(`${name}: the accessibility label and tooltip have no icon syntax, &nbsp; or no-break spaces`, () => {
      const p = statusPresentation(input);
      for (const text of [p.accessibilityLabel, p.tooltip]) {
        assert.doesNotMatch(text, /\$\([a-z-]+\)/, text);
        assert.doesNotMatch(text, /&nbsp;|\u00a0/, text);
      }
      assert.match(p.accessibilityLabel, /^CodeArtifact/);
    });
  }

  it('the visible text escapes an icon-like profile name instead of drawing an icon', () => {
    const p = statusPresentation({ connection: { profile: '$(alert)', region: 'us-west-2' } });
    assert.ok(!p.text.includes(' $(alert)'), p.text);
    assert.match(p.accessibilityLabel, /profile/);
  });

  it('says who, where and the token time left; offline says why and clicks retry', () => {
    const on = statusPresentation({ connection: { profile: 'dev', region: 'us-west-2' }, tokenNote: 'token 3h left' });
    assert.equal(on.accessibilityLabel, 'CodeArtifact, profile dev, region us-west-2, token 3h left. Activate for the menu.');
    assert.equal(on.click, 'menu');
    const off = statusPresentation({ connection: { region: 'us-west-2' }, offline: { reason: "can't reach CodeArtifact" } });
    assert.equal(off.click, 'retry');
    assert.equal(off.warning, true);
    assert.match(off.accessibilityLabel, /offline: can't reach CodeArtifact\. Activate to retry/);
  });

  it('the menu offers Refresh Token, Switch Profile, Sign Out and Show Logs when signed in; Sign In when not', () => {
    const commands = statusMenuItems(true, false, 'retry').map((i) => i.command);
    for (const c of ['codeartifact.refreshToken', 'codeartifact.signIn', 'codeartifact.signOut', 'codeartifact.showLogs']) assert.ok(commands.includes(c), c);
    assert.equal(statusMenuItems(true, true, 'retry')[0]?.command, 'retry');
    assert.deepEqual(statusMenuItems(false, false, 'retry').map((i) => i.command), ['codeartifact.signIn', 'codeartifact.showLogs']);
  });
});
