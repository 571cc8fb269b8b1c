// The walkthrough's "Open demo workspace" step: opens the folder `npm run demo` made, only against the local emulator.
import assert from 'node:assert/strict';
import { demoWorkspaceAnswer, isLocalEndpoint } from '../../../src/core/demoWorkspace';

const folder = '/repo/.demo/workspace';
const facts = (over: Partial<Parameters<typeof demoWorkspaceAnswer>[0]> = {}) => ({
  endpoint: 'http://127.0.0.1:41234',
  demoFolder: folder,
  isFolder: (p: string) => p === folder,
  openFolders: [] as string[],
  ...over,
});

describe('demo workspace (walkthrough)', () => {
  it('knows the local emulator by a loopback endpoint, not AWS or a look-alike host', () => {
    for (const e of ['http://127.0.0.1:4566', 'http://localhost:8080/', 'http://[::1]:9000', 'https://127.0.0.2']) assert.equal(isLocalEndpoint(e), true, e);
    for (const e of [undefined, '', 'https://codeartifact.us-west-2.amazonaws.com', 'http://127.0.0.1.evil.example', 'http://localhost.example', 'file:///tmp', 'not a url']) {
      assert.equal(isLocalEndpoint(e), false, String(e));
    }
  });

  it('opens the folder the demo made when the endpoint is the emulator', () => {
    assert.deepEqual(demoWorkspaceAnswer(facts()), { kind: 'open', folder });
  });

  it('says it is already open instead of reopening it', () => {
    assert.deepEqual(demoWorkspaceAnswer(facts({ openFolders: ['/repo/.demo/workspace/'] })), { kind: 'alreadyOpen', folder });
  });

  it('explains why not: AWS endpoint, not started by npm run demo, or the folder is gone', () => {
    const aws = demoWorkspaceAnswer(facts({ endpoint: undefined }));
    assert.equal(aws.kind, 'unavailable');
    assert.match(aws.kind === 'unavailable' ? aws.reason : '', /talks to AWS.*npm run demo/);
    const other = demoWorkspaceAnswer(facts({ endpoint: 'https://vpce-1.api.codeartifact.us-east-1.vpce.amazonaws.com' }));
    assert.match(other.kind === 'unavailable' ? other.reason : '', /points elsewhere/);
    const noEnv = demoWorkspaceAnswer(facts({ demoFolder: undefined }));
    assert.match(noEnv.kind === 'unavailable' ? noEnv.reason : '', /not started by `npm run demo`/);
    const relative = demoWorkspaceAnswer(facts({ demoFolder: '.demo/workspace' }));
    assert.equal(relative.kind, 'unavailable');
    const gone = demoWorkspaceAnswer(facts({ isFolder: () => false }));
    assert.match(gone.kind === 'unavailable' ? gone.reason : '', /is gone/);
  });
});
