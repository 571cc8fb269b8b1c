// The short "why" and the fix shown where there is little room (lens, narrow explorer row, status bar), and the
// offline state built from them (#17 items 4 and 5).
import assert from 'node:assert/strict';
import { CodeArtifactError } from '../../../src/aws/errors';
import { Connectivity } from '../../../src/shared/connectivity';
import { summarizeFailure } from '../../../src/shared/failureSummary';
import { VersionLookupError } from '../../../src/versions/versionSource';

const ca = (detail: ConstructorParameters<typeof CodeArtifactError>[0]): CodeArtifactError => new CodeArtifactError(detail, `full message of ${detail.kind}`);

describe('summarizeFailure', () => {
  it('gives each control-plane failure a few words and the action that fixes it', () => {
    const cases: [CodeArtifactError, string, string, boolean][] = [
      [ca({ kind: 'notSignedIn' }), 'not signed in', 'Sign In', false],
      [ca({ kind: 'ssoExpired', profile: 'p' }), 'SSO session expired', 'Sign In', false],
      [ca({ kind: 'networkUnreachable', endpoint: 'x', code: 'ECONNREFUSED' }), "can't reach CodeArtifact", 'Retry', true],
      [ca({ kind: 'networkUnreachable', endpoint: 'x', code: 'timeout' }), 'CodeArtifact did not answer', 'Retry', true],
      [ca({ kind: 'unknownRegion', region: 'xx' }), 'unknown region', 'Open Settings', false],
      [ca({ kind: 'accessDenied', action: 'codeartifact:ListDomains' }), 'access denied', 'Show Log', false],
      [ca({ kind: 'internal' }), 'CodeArtifact error', 'Show Log', false],
    ];
    for (const [err, reason, fix, offline] of cases) {
      const s = summarizeFailure(err);
      assert.deepEqual([s.reason, s.fixLabel, s.offline], [reason, fix, offline], err.kind);
      assert.ok(s.reason.length <= 30, `short enough for a narrow sidebar: ${s.reason}`);
    }
  });

  it('reads the data plane’s failures too', () => {
    assert.deepEqual(pick(new VersionLookupError('network', "x: Can't reach 127.0.0.1:9: connection refused.")), ["can't reach the repository", 'retry', true]);
    assert.deepEqual(pick(new VersionLookupError('network', 'x: the repository did not answer in time (10 s).')), ['repository did not answer', 'retry', true]);
    assert.deepEqual(pick(new VersionLookupError('unauthorized', 'x')), ['token refused', 'refreshToken', false]);
    assert.deepEqual(pick(new VersionLookupError('untrustedEndpoint', 'x')), ['endpoint not trusted', 'showLog', false]);
    assert.deepEqual(pick(new Error('anything else')), ['lookup failed', 'showLog', false]);
  });
});

function pick(err: unknown): [string, string, boolean] {
  const s = summarizeFailure(err);
  return [s.reason, s.fix, s.offline];
}

describe('Connectivity', () => {
  it('goes offline on a network failure, ignores other failures, and comes back on any answer', () => {
    const c = new Connectivity();
    const seen: string[] = [];
    c.onDidChange((s) => seen.push(s.online ? 'online' : `offline: ${s.reason ?? ''}`));
    c.failed(ca({ kind: 'accessDenied', action: 'a' }));
    c.failed(ca({ kind: 'notSignedIn' }));
    assert.equal(c.state.online, true, 'a refusal is an answer, not a network problem');
    c.failed(ca({ kind: 'networkUnreachable', endpoint: 'x', code: 'ECONNREFUSED' }));
    c.failed(ca({ kind: 'networkUnreachable', endpoint: 'x', code: 'ECONNREFUSED' }));
    assert.equal(c.state.online, false);
    assert.equal(c.state.detail, 'full message of networkUnreachable');
    c.failed(new VersionLookupError('network', 'x: the repository did not answer in time (10 s).'));
    c.succeeded();
    c.succeeded();
    assert.deepEqual(seen, ["offline: can't reach CodeArtifact", 'offline: repository did not answer', 'online'], 'one event per change');
  });
});
