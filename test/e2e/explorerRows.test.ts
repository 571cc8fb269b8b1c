// The explorer's rows as a person sees them in real VS Code (code-server + Chromium, packaged VSIX): descriptions
// from the list calls (origin controls, status), tooltips with counts and links, the level's inline buttons on
// hover, a version's tooltip with its published date and age, and a repository without packages that says so
// with the actions that fill it. Screenshots: test-results/screenshots/rows-*.png.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Locator } from 'playwright-core';
import type { Seed } from '../emulator/seed';
import { demoSeedFile, demoWorkspace, DEMO_ACCESS_KEY_ID } from './fixtures';
import { sessionPerSuite, UI_TIMEOUT_MS } from './harness';
import { signIn } from './paletteSteps';

const PROFILE = 'codeartifact-e2e';

/** The demo seed, plus an empty repository and a package frozen by its origin controls (publish and upstream blocked). */
function rowsSeed(): Seed {
  const file = demoSeedFile();
  assert.ok(fs.existsSync(file), `${file} is missing: generate it with \`npx tsc -p . && node out/test/fixtures/makeDemoSeed.js\``);
  const seed = JSON.parse(fs.readFileSync(file, 'utf8')) as Seed;
  const acme = seed.domains.find((d) => d.name === 'acme');
  assert.ok(acme);
  (acme.repositories ??= []).push({ name: 'internal', description: 'Not published to yet' });
  const uiKit = seed.packages?.find((p) => p.repository === 'shared' && p.namespace === 'acme' && p.name === 'ui-kit');
  assert.ok(uiKit, 'the demo seed has @acme/ui-kit in shared');
  uiKit.originConfiguration = { publish: 'BLOCK', upstream: 'BLOCK' };
  return seed;
}

describe('e2e: explorer rows (descriptions, inline actions on hover, tooltips, empty states)', function () {
  const s = sessionPerSuite({ name: 'rows', seed: rowsSeed(), workspace: demoWorkspace(), accessKeyId: DEMO_ACCESS_KEY_ID, profile: PROFILE });

  before(async function () {
    await s().page.setViewportSize({ width: 1400, height: 1400 });
  });

  const row = (label: string): Locator => s().treeItem(label);

  async function description(label: string): Promise<string> {
    return ((await row(label).locator('.label-description').textContent()) ?? '').trim();
  }

  /** Waits until the row's description matches (it is re-rendered once its level has loaded). */
  async function descriptionMatches(label: string, pattern: RegExp): Promise<string> {
    await row(label).locator('.label-description', { hasText: pattern }).waitFor({ timeout: UI_TIMEOUT_MS }).catch(() => undefined);
    const text = await description(label);
    assert.match(text, pattern, `the description of "${label}"`);
    return text;
  }

  const expand = (label: string): Promise<void> => s().expandTreeItem(label);

  /** The text of the tooltip VS Code shows for the row (resolved on hover), once it matches `expect`. */
  async function tooltip(label: string, expect: RegExp): Promise<string> {
    await s().page.mouse.move(200, 17);
    await s().page.locator('.workbench-hover-container, .monaco-hover').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    await row(label).locator('.label-name').hover();
    const hover = s().page.locator('.workbench-hover-container, .monaco-hover').filter({ hasText: expect }).first();
    await hover.waitFor({ timeout: UI_TIMEOUT_MS });
    return ((await hover.textContent()) ?? '').replace(/\s+/g, ' ');
  }

  /** The labels of the inline buttons a row shows while the pointer is on it. */
  async function inlineActions(label: string): Promise<string[]> {
    const r = row(label);
    // Off any tooltip first: an open one covers the row and takes the pointer.
    await s().page.mouse.move(200, 17);
    await s().page.locator('.workbench-hover-container, .monaco-hover').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    await r.hover();
    const buttons = r.locator('.actions .action-label');
    await buttons.first().waitFor({ state: 'visible' });
    return (await buttons.evaluateAll((els: { getAttribute(name: string): string | null }[]) => els.map((e) => e.getAttribute('aria-label') ?? ''))).filter(Boolean);
  }

  it('signs in (profile, then region)', async function () {
    await s().waitForExtensionsActivated();
    await signIn(s(), 'notification');
    await s().runCommand('Notifications: Clear All Notifications');
    await s().openCodeArtifactView();
    await row('acme').waitFor();
  });

  it('a level\'s count reaches its row once it is expanded, with no other action, and its rows stay (#14 item 3)', async function () {
    const seed = rowsSeed();
    const repositories = seed.domains.find((d) => d.name === 'acme')?.repositories?.length ?? 0;
    const npmPackages = (seed.packages ?? []).filter((p) => p.domain === 'acme' && p.repository === 'shared' && p.format === 'npm').length;
    assert.equal(await description('acme'), '111122223333', 'no count before the level is listed');
    await expand('acme');
    // Nothing but waiting: the row is redrawn once VS Code has drawn its children.
    await descriptionMatches('acme', new RegExp(`^${repositories} repositories · 111122223333$`));
    assert.equal(await description('shared'), 'Company packages');
    await expand('shared');
    await descriptionMatches('shared', /^Company packages · 3 upstreams$/);
    await expand('npm');
    const count = await descriptionMatches('npm', /^\d+\+? packages$/);
    const shown = /^(\d+)(\+)?/.exec(count);
    if (shown?.[2]) assert.ok(Number(shown[1]) < npmPackages, count);
    else assert.equal(count, `${npmPackages} packages`);
    // The redraws kept every level's rows (no "No tree item with id"): the children are still there, expanded.
    for (const label of ['acme', 'shared', 'npm']) assert.equal(await row(label).getAttribute('aria-expanded'), 'true', `${label} stays expanded`);
    for (const label of ['team-web', 'Upstreams', '@acme']) await row(label).waitFor({ timeout: 5_000 });
    await s().screenshot('00-counts');
  });

  it('rows describe what the list calls returned: owner, repository description, origin controls, status; tooltips add counts and links', async function () {
    await expand('acme');
    await expand('shared');
    await descriptionMatches('shared', /^Company packages · 3 upstreams$/);
    await expand('npm');
    await expand('@acme');
    await descriptionMatches('@acme/ui-kit', /^publish & upstream blocked$/);
    await expand('@acme/ui-kit');
    await descriptionMatches('2.1.0', /^latest$/);
    // Tooltips are made when hovered: what the expansion learnt is in them.
    assert.match(await tooltip('shared', /Upstreams, in search order/), /Upstreams, in search order: npm-public, pypi-public, maven-central/);
    assert.match(await tooltip('shared', /Formats/), /Formats: npm, PyPI, Maven/);
    assert.match(await tooltip('acme', /Repositories/), /Repositories: 7/);
    assert.match(await tooltip('npm', /packages/), /\d+ packages/);
    const pkg = await tooltip('@acme/ui-kit', /Publish/);
    assert.match(pkg, /Publish: BLOCK \(no new versions may be published here\)/);
    assert.match(pkg, /Latest version: 2\.1\.0/);
  });

  it('hover shows the level\'s inline actions: a version (copy, details), a package (copy), a repository (configure, filter, refresh)', async function () {
    const buttons = await inlineActions('2.1.0');
    assert.deepEqual(buttons, ['Copy Install Snippet', 'Show Version Details'], `version row buttons: ${buttons.join(', ')}`);
    const pkg = await inlineActions('@acme/ui-kit');
    assert.deepEqual(pkg, ['Copy Install Snippet', 'Refresh'], `package row buttons: ${pkg.join(', ')}`);
    const repo = await inlineActions('shared');
    assert.deepEqual(repo, ['Configure Workspace for a Repository…', 'Filter Packages…', 'Refresh'], `repository row buttons: ${repo.join(', ')}`);
    assert.deepEqual(await inlineActions('acme'), ['Find Package…', 'Refresh']);
    // The tooltip (DescribePackageVersion, asked on hover) says when the version was published, and how long ago.
    const version = await tooltip('2.1.0', /Published: 2025-06-01 10:00:00Z \(.+ ago\)/);
    assert.match(version, /Status: Published \(available to package managers\)/);
    await s().screenshot('01-hover-version');
  });

  it('a repository with no packages says so, with what to do next, and its inline actions', async function () {
    await row('acme').hover();
    await expand('internal');
    const empty = row('No packages yet');
    await empty.waitFor();
    assert.equal(((await empty.locator('.label-description').textContent()) ?? '').trim(), 'publish one or add an upstream');
    const actions = await inlineActions('No packages yet');
    assert.deepEqual(actions, ['Configure Workspace for a Repository…', 'Copy Repository Endpoint', 'Open in AWS Console']);
    await descriptionMatches('internal', /^Not published to yet$/);
    await s().screenshot('02-empty-repository');
    await s().page.mouse.move(200, 17);
    await s().screenshot('03-tree');
  });
});
