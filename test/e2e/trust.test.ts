// Workspace trust as users have it (on) in real VS Code: the demo folder opens in Restricted Mode, with an
// `.npmrc` that names acme/shared (one of the signed-in identity's domains) and `partner` (account
// 444455556666, which it does not list). Restricted: sign-in and the explorer work, a hover shows the trust
// note and nothing asks about `partner`. Trusted through VS Code's own trust editor: acme versions show, and the
// folder's `partner` domain is offered for approval once; the answer survives a reload.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { demoSeed, demoWorkspace, DEMO_ACCESS_KEY_ID } from './fixtures';
import { sessionPerSuite, UI_TIMEOUT_MS } from './harness';
import { signIn } from './paletteSteps';

const PROFILE = 'codeartifact-e2e';
const NPMRC = [
  '@acme:registry=https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/shared/',
  '@partner:registry=https://partner-444455556666.d.codeartifact.us-west-2.amazonaws.com/npm/vendor-libs/',
  '',
].join('\n');
const PARTNER_PROMPT = /names the CodeArtifact domain partner \(account 444455556666\)/;

function packageJsonWithPartner(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(demoWorkspace(), 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  pkg.dependencies['@partner/widgets'] = '^1.0.0';
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

describe('e2e: workspace trust on (Restricted Mode, then trusted)', function () {
  const s = sessionPerSuite({
    name: 'trust',
    seed: demoSeed().seed,
    workspace: demoWorkspace(),
    accessKeyId: DEMO_ACCESS_KEY_ID,
    profile: PROFILE,
    workspaceTrust: true,
    files: {
      '.npmrc': NPMRC,
      'package.json': packageJsonWithPartner(),
      // What a hostile repository would set to take the user's signed requests elsewhere.
      '.vscode/settings.json': JSON.stringify({ 'codeartifact.endpoint': 'https://codeartifact.evil.example', 'codeartifact.region': 'eu-west-1' }, null, 2),
    },
  });

  it('opens in Restricted Mode, and sign-in and the explorer work there', async function () {
    await s().waitForExtensionsActivated();
    await s().page.locator('.statusbar', { hasText: 'Restricted Mode' }).first().waitFor();
    // The folder's package.json activates the extension at start-up; it says once that it ignores the folder's
    // connection settings (perhaps before the page looked: the notification centre has it then).
    await s().waitForNotificationAnywhere(/This folder's settings set .*codeartifact\.endpoint.*, which CodeArtifact ignores/);
    await signIn(s(), 'notification');
    await s().openCodeArtifactView();
    await s().treeItem('acme').waitFor();
    // Signed in against the emulator from the user settings, not the folder's endpoint or region.
    assert.ok((s().emulator?.stats.operations.ListDomains ?? 0) > 0, 'the user’s endpoint answered ListDomains');
    await s().screenshot('trust-restricted-explorer');
  });

  it('a hover in Restricted Mode says to trust the folder, and nothing asks about the folder’s domains', async function () {
    await s().openFile('package.json');
    const text = await s().hoverText('@acme/ui-kit', /Trust this folder/);
    assert.match(text, /@acme\/ui-kit: Trust this folder to see versions from its registry\./);
    assert.match(text, /Manage Workspace Trust/);
    assert.doesNotMatch(text, /Latest/);
    // An absence has no event to wait for: the hover above means the manifest was analysed, and a prompt would
    // follow within a moment; give it three seconds.
    await s().page.waitForTimeout(3_000);
    assert.ok(!(await s().notifications()).some((n) => PARTNER_PROMPT.test(n)), 'no approval prompt in Restricted Mode');
    await s().screenshot('trust-restricted-hover');
  });

  it('trusting the folder from the hover’s link brings versions, and the folder’s unlisted domain is offered once', async function () {
    const page = s().page;
    await s().hoverText('@acme/ui-kit', /Trust this folder/);
    await page.locator('.monaco-editor .monaco-hover a', { hasText: 'Manage Workspace Trust' }).first().click();
    const trust = page.locator('.workspace-trust-editor .monaco-button', { hasText: /^\s*Trust\s*$/ }).first();
    await trust.waitFor();
    await trust.click();
    await page.locator('.statusbar', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'detached' });
    // Trusted, the folder's .npmrc is read: it names partner, which the identity does not list. Asked at once
    // (warning toasts move to the notification centre after a while, so this waits for it first).
    const prompt = await s().waitForNotification(PARTNER_PROMPT, UI_TIMEOUT_MS);
    assert.match(prompt, /\.npmrc in workspace names the CodeArtifact domain partner/);
    assert.match(prompt, /requested nothing for it/);
    await s().screenshot('trust-approval-prompt');
    // The trust editor opens over the editors; close it as a person would.
    await page.locator('.workspace-trust-editor').first().focus();
    await page.keyboard.press('Escape');
    await page.locator('.workspace-trust-editor').first().waitFor({ state: 'hidden' });
    await s().showFile('package.json');
    const text = await s().hoverText('@acme/ui-kit', /from CodeArtifact/);
    assert.match(text, /@acme\/ui-kit from CodeArtifact acme\/shared/);
    assert.match(text, /Latest: 2\.1\.0/);
  });

  it('the unlisted domain’s hover explains, nothing was issued for it, and its link allows it (asking first)', async function () {
    const page = s().page;
    const text = await s().hoverText('@partner/widgets', /Allow this domain/);
    assert.match(text, /names the CodeArtifact domain partner of account 444455556666, which is not one of your domains/);
    assert.match(text, /No token was requested for it/);
    const emulator = s().emulator;
    assert.ok(emulator, 'the emulator runs');
    const issued = [...emulator.store.tokens.values()];
    assert.ok(issued.some((t) => t.domain === 'acme'), 'acme got its token');
    assert.equal(issued.filter((t) => t.domain === 'partner').length, 0, 'no token was issued for partner');
    await page.locator('.monaco-editor .monaco-hover a', { hasText: 'Allow this domain' }).first().click();
    const dialog = page.locator('.monaco-dialog-box', { hasText: /Allow the CodeArtifact domain partner \(account 444455556666\) for workspace\?/ }).first();
    await dialog.waitFor();
    await s().screenshot('trust-approval-dialog');
    await dialog.locator('.monaco-button', { hasText: 'Allow Domain' }).first().click();
    await dialog.waitFor({ state: 'detached' });
    // It applies at once: the next hover looks the package up (the emulator may answer that it is not there).
    const now = await s().hoverText('@partner/widgets', /^(?![\s\S]*Allow this domain)[\s\S]*@partner\/widgets/);
    assert.doesNotMatch(now, /Allow this domain/);
  });

  it('after a reload the answer and the trust are remembered: no second prompt, no approval note', async function () {
    const page = s().page;
    await s().reload();
    await s().showFile('package.json');
    const text = await s().hoverText('@partner/widgets', /@partner\/widgets/);
    assert.doesNotMatch(text, /Allow this domain/);
    // The hover means the analysis ran; a prompt would show within a moment. An absence has no event to wait for.
    await page.waitForTimeout(3_000);
    assert.ok(!(await s().notifications()).some((n) => PARTNER_PROMPT.test(n)), 'asked once, remembered');
    assert.equal(await page.locator('.statusbar', { hasText: 'Restricted Mode' }).count(), 0);
  });
});
