// A user whose identity has exactly docs/iam.md's read-only policy, in real VS Code: signs in, configures npm from
// the palette and sees a hover from CodeArtifact. Then the same user without sts:GetServiceBearerToken refreshes the
// token and is told which permission is missing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parsePolicy } from '../emulator/iam';
import type { Seed } from '../emulator/seed';
import { DEFAULT_REGION, sessionPerSuite } from './harness';
import { quickInputTitle, signIn, startCommand } from './paletteSteps';

const OWNER = '111122223333';
const KEY = 'AKIAE2ELEASTPRIV0001';
const PROFILE = 'codeartifact-e2e';

interface PolicyDoc {
  Version: string;
  Statement: { Action: string | string[]; [k: string]: unknown }[];
}

/** docs/iam.md's read-only policy (its first JSON block) for this region, account and domain. */
function readOnlyPolicy(): PolicyDoc {
  const doc = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'iam.md'), 'utf8');
  const block = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1] ?? '';
  return JSON.parse(block.replaceAll('REGION', DEFAULT_REGION).replaceAll('ACCOUNT', OWNER).replaceAll('DOMAIN', 'acme')) as PolicyDoc;
}

function without(policy: PolicyDoc, action: string): PolicyDoc {
  const Statement = policy.Statement.map((s) => ({ ...s, Action: (Array.isArray(s.Action) ? s.Action : [s.Action]).filter((a) => a !== action) })).filter((s) => s.Action.length > 0);
  return { ...policy, Statement };
}

const seed = (): Seed => ({
  identities: { [KEY]: { account: OWNER, arn: `arn:aws:iam::${OWNER}:user/developer`, policies: [readOnlyPolicy()] } },
  domains: [{ name: 'acme', owner: OWNER, region: DEFAULT_REGION, repositories: [{ name: 'shared' }] }],
  packages: [{ domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', name: 'ui-kit', distTags: { latest: '2.1.0' }, versions: [{ version: '2.0.0' }, { version: '2.1.0' }] }],
});

describe('e2e: the documented least-privilege policy in VS Code', function () {
  let fixture: string;
  let userDir: string;

  const s = sessionPerSuite(() => {
    fixture = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-leastpriv-fixture-'));
    fs.writeFileSync(path.join(fixture, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { '@acme/ui-kit': '^2.0.0' } }, null, 2));
    userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-leastpriv-user-'));
    const userconfig = path.join(userDir, '.npmrc');
    return { name: 'least-privilege', seed: seed(), workspace: fixture, accessKeyId: KEY, profile: PROFILE,
      // The emulator's repository URL is no CodeArtifact host name, so the project .npmrc cannot name the repository.
      settings: { 'codeartifact.defaultRepository': { domain: 'acme', owner: OWNER, repository: 'shared' } },
      env: { npm_config_userconfig: userconfig, NPM_CONFIG_USERCONFIG: userconfig } };
  });

  after(function () {
    fs.rmSync(fixture, { recursive: true, force: true });
    fs.rmSync(userDir, { recursive: true, force: true });
  });

  it('signs in with the read-only identity', async function () {
    await s().openCodeArtifactView();
    await s().waitForExtensionsActivated();
    await signIn(s(), 'statusBar');
  });

  it('configures npm and sees a hover from CodeArtifact', async function () {
    const page = s().page;
    await startCommand(s(), 'CodeArtifact: Configure npm for a Repository…');
    await quickInputTitle(s(), 'domain (1/3)').waitFor();
    await s().pickQuickPickItem('acme');
    await quickInputTitle(s(), 'repository in acme (2/3)').waitFor();
    await s().pickQuickPickItem('shared');
    await quickInputTitle(s(), 'npm scope').waitFor();
    await page.locator('.quick-input-widget input.input').fill('@acme');
    await page.keyboard.press('Enter');
    await s().waitForNotification(/Configured npm \(@acme\) for acme\/shared/);
    assert.match(fs.readFileSync(path.join(userDir, '.npmrc'), 'utf8'), /:_authToken=cae\./);

    await s().showFile('package.json');
    const text = await s().hoverText('@acme/ui-kit', /from CodeArtifact/);
    assert.match(text, /2\.1\.0/);
    assert.doesNotMatch(text, /⚠/, 'a complete answer: both the index and the statuses were allowed');
    await s().screenshot('least-privilege-hover');
    const denied = Object.keys(s().emulator?.stats.operations ?? {}).filter((op) => op.endsWith(':accessDenied'));
    assert.deepEqual(denied, [], 'no data-plane request was denied');
  });

  it('without sts:GetServiceBearerToken, Refresh Token says which permission is missing', async function () {
    const identity = s().emulator?.store.identities.get(KEY);
    assert.ok(identity);
    identity.policies = [parsePolicy(without(readOnlyPolicy(), 'sts:GetServiceBearerToken'), 'identity')];
    await s().runCommand('CodeArtifact: Refresh Token');
    const message = await s().waitForNotification(/sts:GetServiceBearerToken/);
    assert.match(message, /may not call sts:GetServiceBearerToken/);
    await s().screenshot('least-privilege-no-bearer-token');
  });
});
