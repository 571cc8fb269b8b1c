// The "Package groups" row in real VS Code: under the domain, the root group, a group with its origin
// restrictions in the description, its packages; then Create Package Group from the palette.
import * as assert from 'node:assert/strict';
import type { Seed } from '../emulator/seed';
import { DEFAULT_REGION, sessionPerSuite } from './harness';
import { quickInputTitle, signIn } from './paletteSteps';

const OWNER = '111122223333';
const PROFILE = 'codeartifact-e2e';

const seed = (): Seed => ({
  domains: [
    {
      name: 'acme',
      owner: OWNER,
      region: DEFAULT_REGION,
      repositories: [{ name: 'shared' }],
      packageGroups: [{ pattern: '/npm/*', description: 'Every npm package', originConfiguration: { EXTERNAL_UPSTREAM: 'BLOCK' } }],
    },
  ],
  packages: [{ domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', name: 'ui-kit', versions: [{ version: '2.1.0' }] }],
});

describe('e2e: package groups in the explorer', function () {
  const s = sessionPerSuite(() => ({ name: 'package-groups', seed: seed(), profile: PROFILE }));

  it('shows Package groups under the domain: the hierarchy, the restrictions and the packages', async function () {
    await s().openCodeArtifactView();
    await s().waitForExtensionsActivated();
    await signIn(s(), 'none');
    await s().treeItem('acme').click();
    await s().treeItem('Package groups').click();
    await s().treeItem('/*').click();
    const npm = s().treeItem('/npm/*');
    await npm.waitFor();
    assert.match((await npm.locator('.label-description').textContent()) ?? '', /external BLOCK/);
    await npm.click();
    // Two "Packages" rows now: the root group's and /npm/*'s (the later one).
    const npmPackages = s().sideBar().locator('.monaco-list-row[role="treeitem"]').filter({ has: s().page.locator('.label-name', { hasText: /^\s*Packages\s*$/ }) }).nth(1);
    await npmPackages.waitFor();
    await npmPackages.click();
    await s().treeItem('@acme/ui-kit').waitFor();
    const labels = await s().treeLabels();
    assert.ok(labels.indexOf('Package groups') < labels.indexOf('shared'), `Package groups comes before the repositories: ${labels.join(', ')}`);
    await s().screenshot('package-groups-tree');
  });

  it('creates a package group from the palette; it appears under its parent', async function () {
    await s().runCommand('CodeArtifact: Create Package Group…');
    const input = s().page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill('/npm/acme/*');
    await s().page.keyboard.press('Enter');
    await quickInputTitle(s(), 'Description of /npm/acme/*').waitFor();
    await input.fill('Our scope');
    await s().page.keyboard.press('Enter');
    await s().waitForNotification(/Created package group \/npm\/acme\/\* in acme under \/npm\/\*/);
    assert.ok(s().emulator?.store.getDomain('acme', OWNER)?.packageGroups.has('/npm/acme/*'));
    await s().treeItem('/npm/acme/*').waitFor();
    await s().screenshot('package-groups-created');
  });

  it('edits a group’s origin controls (quick pick per restriction) and deletes a group after the modal confirmation', async function () {
    const page = s().page;
    const store = s().emulator?.store;
    assert.ok(store);
    await s().runCommand('CodeArtifact: Edit Origin Controls…');
    // Each pick opens the next quick pick at once: click the rows (pickQuickPickItem waits for the widget to close).
    await s().quickPickRow('/npm/*').click();
    await quickInputTitle(s(), 'Origin controls of /npm/*').waitFor();
    await s().quickPickRow('External upstream').click();
    await quickInputTitle(s(), 'External upstream for /npm/*').waitFor();
    await s().pickQuickPickItem('ALLOW');
    await s().treeItem('/npm/*').filter({ has: page.locator('.label-description', { hasText: /allows all/ }) }).waitFor();
    assert.equal(store.getDomain('acme', OWNER)?.packageGroups.get('/npm/*')?.modes.EXTERNAL_UPSTREAM, 'ALLOW');

    await s().runCommand('CodeArtifact: Delete Package Group…');
    await s().pickQuickPickItem('/npm/acme/*');
    const dialog = page.locator('.monaco-dialog-box', { hasText: /Delete the package group \/npm\/acme\/\* in acme\?/ }).first();
    await dialog.waitFor();
    assert.match((await dialog.textContent()) ?? '', /Its packages and their versions stay/);
    await s().screenshot('package-groups-delete-confirmation');
    await dialog.locator('.monaco-button', { hasText: 'Delete' }).first().click();
    await dialog.waitFor({ state: 'detached' });
    await s().treeItem('/npm/acme/*').waitFor({ state: 'detached' });
    assert.equal(store.getDomain('acme', OWNER)?.packageGroups.has('/npm/acme/*'), false);
  });
});
