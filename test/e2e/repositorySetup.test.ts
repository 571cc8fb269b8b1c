// Repository setup, generic upload and package groups in real VS Code (code-server + Chromium, packaged VSIX), as a
// person goes through the pickers: Create Repository… on the domain (name, description, upstream), Upload Generic
// Package… on the new repository (VS Code's own file dialog, then namespace, package, version and the modal),
// Edit Package Group… on a group; then, as a read-only identity, a refused write leaves the domain's group and
// setup entries disabled. The emulator's state is checked after each step; screenshots go to
// test-results/screenshots/repository-setup-*.png.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { SdkCodeArtifactApi, type RepositoryDetails } from '../../src/aws/codeArtifactApi';
import { parsePolicy } from '../emulator/iam';
import type { Seed } from '../emulator/seed';
import { DEFAULT_REGION, FAKE_SECRET_ACCESS_KEY, sessionPerSuite, UI_TIMEOUT_MS } from './harness';
import { quickInputTitle, signIn } from './paletteSteps';

const OWNER = '111122223333';
const KEY = 'AKIAE2ESETUP00000001';
const PROFILE = 'codeartifact-e2e';
const ASSET = 'cli-tool.tar.gz';
const ASSET_TEXT = 'not really a tarball, but bytes to hash\n';

const seed = (): Seed => ({
  accounts: { [KEY]: OWNER },
  domains: [
    {
      name: 'acme',
      owner: OWNER,
      region: DEFAULT_REGION,
      repositories: [
        { name: 'shared', description: 'Company packages' },
        { name: 'mirror', description: 'Vetted public packages' },
      ],
      packageGroups: [{ pattern: '/generic/*', description: 'Tools' }],
    },
  ],
  packages: [{ domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', name: 'ui-kit', versions: [{ version: '2.1.0' }] }],
});

describe('e2e: repository setup, generic upload and package groups through the pickers', function () {
  const s = sessionPerSuite(() => ({ name: 'repository-setup', seed: seed(), accessKeyId: KEY, profile: PROFILE, files: { [`dist/${ASSET}`]: ASSET_TEXT } }));

  before(async function () {
    await s().page.setViewportSize({ width: 1280, height: 1000 });
  });

  const row = (label: string): Locator => s().treeItem(label);
  const title = (text: string | RegExp): Locator => quickInputTitle(s(), text);
  const input = (): Locator => s().page.locator('.quick-input-widget input.input');
  const domain = () => s().emulator?.store.getDomain('acme', OWNER);

  async function typeAndEnter(text: string, titled: string | RegExp): Promise<void> {
    await title(titled).waitFor();
    await input().fill(text);
    await s().page.keyboard.press('Enter');
  }

  /**
   * Right-clicks a row until its context menu shows `entry` (a row redrawn under the pointer, e.g. when its
   * description gains a count, can swallow the right-click: a person would right-click again), then waits out the
   * 100 ms in which VS Code ignores clicks on a fresh menu (see test/e2e/README.md).
   */
  async function openMenuAt(target: Locator, entry: string): Promise<Locator> {
    const item = s().page.locator('.context-view .monaco-menu .action-item', { hasText: entry }).first();
    for (let attempt = 1; ; attempt++) {
      await target.click({ button: 'right' });
      if (attempt >= 3) {
        await item.waitFor({ timeout: UI_TIMEOUT_MS });
        break;
      }
      if (await item.waitFor({ timeout: 5_000 }).then(() => true, () => false)) break;
      await s().page.keyboard.press('Escape');
    }
    await s().page.evaluate('new Promise((resolve) => setTimeout(resolve, 100))');
    return item;
  }

  /** Chooses a context-menu entry of a row by its title. */
  async function contextMenu(target: Locator, entry: string): Promise<void> {
    const item = await openMenuAt(target, entry);
    await item.click();
    await s().page.locator('.context-view .monaco-menu').waitFor({ state: 'hidden' });
  }

  /** Whether a context-menu entry of a row is shown disabled (the menu is closed again). */
  async function entryDisabled(target: Locator, entry: string): Promise<boolean> {
    const item = await openMenuAt(target, entry);
    const disabled = (await item.locator('.action-menu-item').first().getAttribute('aria-disabled')) === 'true';
    await s().page.keyboard.press('Escape');
    return disabled;
  }

  /**
   * Types a path into code-server's open dialog (VS Code's quick input). The dialog fills in its starting folder a
   * moment after it shows; a path typed sooner is overwritten, so wait for that, then check the path stayed.
   */
  async function openDialogPath(file: string): Promise<void> {
    await input().waitFor({ state: 'visible' });
    for (let attempt = 1; ; attempt++) {
      const deadline = Date.now() + 5_000;
      while ((await input().inputValue()) === '' && Date.now() < deadline) await s().page.waitForTimeout(100);
      await input().fill(file);
      await s().page.waitForTimeout(300);
      if ((await input().inputValue()) === file) return;
      if (attempt >= 5) throw new Error(`the open dialog kept ${await input().inputValue()} instead of ${file}`);
    }
  }

  it('signs in and shows the domain', async function () {
    await s().openCodeArtifactView();
    await s().waitForExtensionsActivated();
    await signIn(s(), 'none');
    await row('acme').click();
    await row('shared').waitFor({ timeout: UI_TIMEOUT_MS });
  });

  it('creates a repository from the domain’s context menu: name, description, upstream; the tree and the emulator have it', async function () {
    await contextMenu(row('acme'), 'Create Repository…');
    await typeAndEnter('team-tools', 'Create repository in acme');
    await typeAndEnter('Tools of the platform team', 'Create repository team-tools');
    await title(/Upstream repositories/).waitFor();
    await s().quickPickRow('shared').click();
    await s().screenshot('repository-setup-01-upstream-pick');
    await s().page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ }).click();
    await s().waitForNotificationAnywhere(/Created repository team-tools in acme/);
    await row('team-tools').waitFor();
    const repo = domain()?.repositories.get('team-tools');
    assert.ok(repo, 'the emulator has the repository');
    assert.equal(repo.description, 'Tools of the platform team');
    assert.deepEqual(repo.upstreams, ['shared']);
    await s().screenshot('repository-setup-02-created');
  });

  it('uploads a workspace file as a generic package to the new repository; its SHA-256 is what the emulator stored', async function () {
    await contextMenu(row('team-tools'), 'Upload Generic Package…');
    // code-server's open dialog is VS Code's own quick input with a path.
    await openDialogPath(path.join(s().workspaceDir, 'dist', ASSET));
    await s().screenshot('repository-setup-03-open-dialog');
    await s().page.locator('.quick-input-widget .monaco-button', { hasText: /^(OK|Upload)$/ }).first().click();
    await typeAndEnter('platform', 'Generic package namespace');
    await typeAndEnter('cli-tool', 'Generic package package');
    await typeAndEnter('1.4.0', 'Generic package version');
    const modal = s().page.locator('.monaco-dialog-box', { hasText: /Upload cli-tool\.tar\.gz as platform\/cli-tool 1\.4\.0 to acme\/team-tools\?/ }).first();
    await modal.waitFor();
    await s().screenshot('repository-setup-04-upload-confirmation');
    await modal.locator('.monaco-button', { hasText: 'Upload' }).first().click();
    await s().waitForNotificationAnywhere(/Uploaded platform\/cli-tool 1\.4\.0 to acme\/team-tools/);
    const repo = domain()?.repositories.get('team-tools');
    const version = repo ? s().emulator?.store.getPackage(repo, 'generic', 'platform', 'cli-tool')?.versions.get('1.4.0') : undefined;
    assert.ok(version, 'the emulator has platform/cli-tool 1.4.0');
    assert.equal(version.status, 'Published');
    const bytes = version.assets.get(ASSET);
    assert.ok(bytes);
    assert.equal(createHash('sha256').update(bytes).digest('hex'), createHash('sha256').update(ASSET_TEXT).digest('hex'));
    // Published directly first: CodeArtifact's origin controls for it are publish ALLOW, upstream BLOCK.
    assert.deepEqual(repo ? s().emulator?.store.getPackage(repo, 'generic', 'platform', 'cli-tool')?.originConfiguration.restrictions : undefined, { publish: 'ALLOW', upstream: 'BLOCK' });
    await s().screenshot('repository-setup-05-uploaded');
  });

  it('edits a package group’s description and contact info from its context menu', async function () {
    await row('Package groups').click();
    await row('/*').click();
    const group = row('/generic/*');
    await group.waitFor();
    await contextMenu(group, 'Edit Package Group…');
    await title('Description of /generic/* in acme').waitFor();
    assert.equal(await input().inputValue(), 'Tools', 'prefilled with the current description');
    await input().fill('Build and release tools');
    await s().page.keyboard.press('Enter');
    await typeAndEnter('platform@acme.example', 'Contact information of /generic/* in acme');
    await s().waitForNotificationAnywhere(/Updated package group \/generic\/\* in acme/);
    const g = domain()?.packageGroups.get('/generic/*');
    assert.equal(g?.description, 'Build and release tools');
    assert.equal(g?.contactInfo, 'platform@acme.example');
    await s().screenshot('repository-setup-06-group-edited');
  });

  /** team-tools as the control plane describes it (DescribeRepository through the SDK, as the AWS CLI would). */
  async function describeTeamTools(): Promise<RepositoryDetails> {
    const emulator = s().emulator;
    assert.ok(emulator);
    const api = new SdkCodeArtifactApi({ region: DEFAULT_REGION, endpoint: emulator.endpoint, credentials: { accessKeyId: KEY, secretAccessKey: FAKE_SECRET_ACCESS_KEY } });
    try {
      return await api.describeRepository({ domain: 'acme', domainOwner: OWNER, repository: 'team-tools' });
    } finally {
      api.dispose();
    }
  }

  /** The "Upstreams" row of team-tools (the only repository with upstreams) showing exactly `names` in order. */
  const upstreamsRow = (names: string): Locator =>
    s().sideBar().locator('.monaco-list-row[role="treeitem"]', { has: s().page.locator('.label-name', { hasText: /^\s*Upstreams\s*$/ }) }).filter({ has: s().page.locator('.label-description', { hasText: new RegExp(`^\\s*${names}\\s*$`) }) });

  /** What a refresh above the repository would ask again: the domains, and the domain's repositories. */
  const listings = (): { domains: number; repositories: number } => {
    const ops = s().emulator?.stats.operations ?? {};
    return { domains: ops['ListDomains'] ?? 0, repositories: ops['ListRepositoriesInDomain'] ?? 0 };
  };

  /**
   * Runs a setup step and checks that the tree changed in place: the domains were not listed again, the domain's
   * repositories only as often as the command itself lists them (to offer upstream candidates), and the expanded
   * Package groups row beside the repository stayed expanded.
   */
  async function inPlace(commandListsRepositories: number, step: () => Promise<void>): Promise<void> {
    const before = listings();
    await step();
    assert.deepEqual(listings(), { domains: before.domains, repositories: before.repositories + commandListsRepositories }, 'no refresh above the repository row');
    assert.equal(await row('Package groups').getAttribute('aria-expanded'), 'true', 'the expanded Package groups row stayed expanded');
  }

  it('adds an upstream from the repository’s context menu: DescribeRepository and the Upstreams row show it, in place', async function () {
    for (const label of ['team-tools', 'Upstreams']) {
      await row(label).waitFor();
      if ((await row(label).getAttribute('aria-expanded')) !== 'true') await row(label).click();
    }
    const mirrorRows = s().sideBar().locator('.monaco-list-row[role="treeitem"]', { has: s().page.locator('.label-name', { hasText: /^\s*mirror\s*$/ }) });
    assert.equal(await mirrorRows.count(), 1, 'mirror is shown once, as a repository of the domain');
    await upstreamsRow('shared').waitFor();
    await inPlace(1, async () => {
      await contextMenu(row('team-tools'), 'Add Upstream Repository…');
      await title('Add an upstream to team-tools (searched after shared)').waitFor();
      await s().quickPickRow('mirror').waitFor();
      // Not the repository itself, nor what is already its upstream.
      assert.equal(await s().quickPickRow('shared').count(), 0, 'shared is already an upstream');
      assert.equal(await s().quickPickRow('team-tools').count(), 0, 'a repository is not its own upstream');
      await s().screenshot('repository-setup-06a-add-upstream-pick');
      await s().pickQuickPickItem('mirror');
      await upstreamsRow('shared, mirror').waitFor();
    });
    assert.deepEqual((await describeTeamTools()).upstreams, ['shared', 'mirror']);
    // The Upstreams row kept its expansion and lists the new upstream under it.
    assert.equal(await upstreamsRow('shared, mirror').getAttribute('aria-expanded'), 'true');
    await mirrorRows.nth(1).waitFor();
    await s().screenshot('repository-setup-06b-upstream-added');
  });

  it('removes an upstream after the modal: DescribeRepository and the Upstreams row no longer have it', async function () {
    await inPlace(0, async () => {
      await contextMenu(row('team-tools'), 'Remove Upstream Repository…');
      await title('Remove an upstream of team-tools').waitFor();
      await s().pickQuickPickItem('shared');
      const modal = s().page.locator('.monaco-dialog-box', { hasText: /Remove shared from the upstreams of team-tools\?/ }).first();
      await modal.waitFor();
      await s().screenshot('repository-setup-06c-remove-upstream-confirmation');
      await modal.locator('.monaco-button', { hasText: 'Remove Upstream' }).first().click();
      await upstreamsRow('mirror').waitFor();
    });
    assert.deepEqual((await describeTeamTools()).upstreams, ['mirror']);
    await s().screenshot('repository-setup-06d-upstream-removed');
  });

  it('associates an external connection: DescribeRepository has it and a row for it appears under the repository', async function () {
    const connection = s().sideBar().locator('.monaco-list-row[role="treeitem"]', { hasText: /public:npmjs.*external connection/ });
    assert.equal(await connection.count(), 0, 'no external connection row before');
    await inPlace(0, async () => {
      await contextMenu(row('team-tools'), 'Associate External Connection…');
      await title('External connection for team-tools').waitFor();
      await s().screenshot('repository-setup-06e-external-connection-pick');
      await s().pickQuickPickItem('public:npmjs');
      await connection.first().waitFor();
    });
    assert.deepEqual((await describeTeamTools()).externalConnections.map((c) => c.name), ['public:npmjs']);
    await s().screenshot('repository-setup-06f-external-connection-associated');
  });

  it('disassociates the external connection after the modal: DescribeRepository and the tree no longer have it', async function () {
    const connection = s().sideBar().locator('.monaco-list-row[role="treeitem"]', { hasText: /public:npmjs.*external connection/ });
    await inPlace(0, async () => {
      await contextMenu(row('team-tools'), 'Disassociate External Connection…');
      const modal = s().page.locator('.monaco-dialog-box', { hasText: /Disassociate public:npmjs from team-tools\?/ }).first();
      await modal.waitFor();
      await s().screenshot('repository-setup-06g-disassociate-confirmation');
      await modal.locator('.monaco-button', { hasText: 'Disassociate' }).first().click();
      await connection.first().waitFor({ state: 'detached' });
    });
    assert.deepEqual((await describeTeamTools()).externalConnections, []);
    await upstreamsRow('mirror').waitFor();
    await s().screenshot('repository-setup-06h-external-connection-disassociated');
  });

  it('as a read-only identity: a refused Create Repository leaves the domain’s setup and group entries disabled', async function () {
    const emulator = s().emulator;
    assert.ok(emulator);
    const readOnly = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['codeartifact:Describe*', 'codeartifact:List*', 'codeartifact:Get*', 'codeartifact:ReadFromRepository', 'sts:GetServiceBearerToken'], Resource: '*' }] };
    emulator.store.identities.set(KEY, { accessKeyId: KEY, account: OWNER, arn: `arn:aws:iam::${OWNER}:user/reader`, policies: [parsePolicy(readOnly, 'identity')] });
    emulator.store.iamEnforced = true;
    assert.equal(await entryDisabled(row('acme'), 'Create Repository…'), false, 'enabled before anything was refused');
    await contextMenu(row('acme'), 'Create Repository…');
    await typeAndEnter('not-allowed', 'Create repository in acme');
    await typeAndEnter('', 'Create repository not-allowed');
    await title(/Upstream repositories/).waitFor();
    await s().page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ }).click();
    await s().waitForNotificationAnywhere(/may not call codeartifact:CreateRepository/);
    assert.equal(domain()?.repositories.has('not-allowed'), false);
    assert.equal(await entryDisabled(row('acme'), 'Create Repository…'), true, 'Create Repository… is shown disabled');
    assert.equal(await entryDisabled(row('/generic/*'), 'Edit Package Group…'), true, 'Edit Package Group… is shown disabled');
    await openMenuAt(row('/generic/*'), 'Edit Package Group…');
    await s().screenshot('repository-setup-07-read-only-entries');
    await s().page.keyboard.press('Escape');
  });

  it('as a read-only identity: from the palette, Create Repository… says at once that it was refused here, without asking for a name or sending a request', async function () {
    const emulator = s().emulator;
    assert.ok(emulator);
    // Out of the tree: the palette runs the command with no row (the domain is the only one, so it is not asked for).
    await s().runCommand('View: Focus Active Editor Group');
    const before = emulator.stats.operations['CreateRepository'] ?? 0;
    await s().runCommand('CodeArtifact: Create Repository…');
    const message = await s().waitForNotificationAnywhere(/Create repository failed: not tried/);
    assert.match(message, /codeartifact:CreateRepository was already refused in the domain acme for this profile, so creating a repository would be refused too\. Ask an administrator to allow write actions in the domain acme, or sign in with a profile that has them\./);
    assert.equal(await title('Create repository in acme').count(), 0, 'no name was asked for');
    assert.equal(emulator.stats.operations['CreateRepository'] ?? 0, before, 'no CreateRepository request');
    await s().screenshot('repository-setup-08-palette-refused-up-front');
  });
});
