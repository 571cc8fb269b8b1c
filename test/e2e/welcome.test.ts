// The packaged VSIX in real VS Code (code-server + Chromium), seen as a user sees it: signed out, the CodeArtifact
// view shows its welcome text and a Sign In button, and the button is answered by our extension.
import * as assert from 'node:assert/strict';
import { publishReadmeScreenshot, sessionPerSuite } from './harness';
import { demoSeed, demoWorkspace, DEMO_ACCESS_KEY_ID } from './fixtures';

describe('e2e: CodeArtifact view in VS Code (code-server, packaged VSIX)', function () {
  const current = sessionPerSuite({
    name: 'welcome',
    seed: demoSeed().seed,
    workspace: demoWorkspace(),
    accessKeyId: DEMO_ACCESS_KEY_ID,
  });

  it('shows the welcome text and the Sign In button in the CodeArtifact view when signed out', async function () {
    const s = current();
    await s.openCodeArtifactView();
    const welcome = s.welcomeView();
    const text = welcome.getByText('Sign in with an AWS profile to browse your CodeArtifact domains, repositories and packages.');
    await text.waitFor();
    const button = welcome.getByRole('button', { name: 'Sign In', exact: true });
    await button.waitFor();
    assert.equal(await text.isVisible(), true);
    assert.equal(await button.isVisible(), true);
    assert.equal(await button.getAttribute('aria-disabled'), 'false');
    // The endpoint hint links to our setting.
    assert.equal(await welcome.getByRole('button', { name: 'codeartifact.endpoint' }).isVisible(), true);

    await s.waitForExtensionsActivated();
    const shot = await s.screenshot('welcome');
    // The README shows what a newcomer sees first.
    publishReadmeScreenshot(shot, 'screenshot-welcome.png');
  });

  it('runs our sign-in command when Sign In is clicked (no "command not found")', async function () {
    const s = current();
    await s.openCodeArtifactView();
    await s.welcomeView().getByRole('button', { name: 'Sign In', exact: true }).click();
    // Our sign-in answers with a picker, a message, or (with a usable default profile) a filled tree.
    const picker = s.page.locator('.quick-input-widget .monaco-list-row').first();
    const toast = s.page.locator('.notifications-toasts .notification-toast').first();
    const tree = s.sideBar().locator('.monaco-list-row[role="treeitem"]').first();
    const responded = await picker
      .or(toast)
      .or(tree)
      .first()
      .waitFor()
      .then(() => true, () => false);
    await s.screenshot('after-sign-in-click');
    assert.ok(responded, 'nothing answered the Sign In click within 30s (no quick pick, notification or tree item): is codeartifact.signIn registered?');

    const messages = await s.notifications();
    const notFound = messages.find((m) => /command '.*' not found/i.test(m));
    assert.equal(notFound, undefined, `clicking Sign In failed: ${notFound ?? ''}`);
    if (await picker.isVisible()) {
      // The sign-in picker lists the profiles of the AWS files the harness wrote (AWS_CONFIG_FILE reached the host).
      const labels = await s.quickPickLabels();
      assert.ok(labels.includes('codeartifact-e2e'), `the sign-in picker lists ${labels.join(', ')}`);
    }
    await s.page.keyboard.press('Escape');
  });

  it('signs in with a profile from the AWS files and shows the emulator\'s domains and repositories', async function () {
    const s = current();
    await s.openCodeArtifactView();
    await s.welcomeView().getByRole('button', { name: 'Sign In', exact: true }).click();
    await s.pickQuickPickItem('codeartifact-e2e');
    // Step 2 asks for the region, the profile's own region first. Wait for the step to change before reading it.
    await s.page.locator('.quick-input-widget .quick-input-title', { hasText: '(2/2)' }).waitFor();
    const regions = await s.quickPickLabels();
    assert.equal(regions[0], 'us-west-2', `regions offered: ${regions.join(', ')}`);
    await s.pickQuickPickItem('us-west-2');

    await s.waitForNotification(/Signed in to CodeArtifact with profile codeartifact-e2e/);
    await s.treeItem('acme').waitFor();
    assert.equal(await s.welcomeView().isVisible(), false, 'the welcome content is still shown after signing in');
    await s.treeItem('acme').click();
    await s.treeItem('shared').waitFor();
    const labels = await s.treeLabels();
    for (const expected of ['acme', 'shared', 'npm-public', 'team-web']) assert.ok(labels.includes(expected), `tree shows ${labels.join(', ')}`);
    await s.screenshot('explorer');
  });

  it('opens the CodeArtifact log from the command palette and shows the activation line', async function () {
    const s = current();
    await s.runCommand('CodeArtifact: Show Logs');
    const output = s.outputPanelText();
    await output.filter({ hasText: /CodeArtifact\s\S*\s?activated/ }).waitFor();
    await s.screenshot('show-logs');
  });
});
