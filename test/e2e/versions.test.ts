// Version intelligence in real VS Code (code-server + Chromium, packaged VSIX) against the emulator seeded with
// the demo data: hovers over a scoped npm dependency, an npm package that only the upstream's external
// connection has, a pip requirement and a Maven dependency; a code lens; a diagnostic and its quick fix.
// The demo workspace has no .npmrc/pip.conf/settings.xml, so `codeartifact.defaultRepository` picks acme/shared.
// Screenshots go to test-results/screenshots/versions-*.png.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator } from 'playwright-core';
import { demoSeed, demoWorkspace, DEMO_ACCESS_KEY_ID } from './fixtures';
import { DEFAULT_REGION, UI_TIMEOUT_MS, VsCodeSession } from './harness';

const PROFILE = 'codeartifact-e2e';

describe('e2e: dependency versions from CodeArtifact in VS Code', function () {
  let session: VsCodeSession | undefined;

  before(async function () {
    session = await VsCodeSession.start({
      name: 'versions',
      seed: demoSeed().seed,
      workspace: demoWorkspace(),
      accessKeyId: DEMO_ACCESS_KEY_ID,
      profile: PROFILE,
      settings: { 'codeartifact.defaultRepository': { domain: 'acme', owner: '111122223333', repository: 'shared' } },
    });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session !== undefined) {
      await session.screenshot(`failed-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`).catch(() => undefined);
    }
  });

  after(async function () {
    await session?.stop();
  });

  function s(): VsCodeSession {
    assert.ok(session, 'the VS Code session did not start');
    return session;
  }

  /** The editor's rendered token that contains `text` (first match). */
  function token(text: string): Locator {
    return s().page.locator('.editor-instance .monaco-editor .view-lines .view-line span span', { hasText: text }).first();
  }

  /**
   * Moves the mouse onto the start of the token and returns the text of the hover that appears with `expect` in
   * it. A hover can be swallowed by a re-render (a code lens arriving), so a person would move away and back: so
   * do we, at most three times.
   */
  async function hoverText(text: string, expect: RegExp): Promise<string> {
    const page = s().page;
    const hover = page.locator('.monaco-editor .monaco-hover', { hasText: expect }).first();
    for (let attempt = 1; ; attempt++) {
      await page.mouse.move(5, 5);
      await page.locator('.monaco-editor .monaco-hover').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
      const target = token(text);
      await target.waitFor();
      // A little way in: JSON keys render with their quotes, which are not part of the name.
      await target.hover({ position: { x: 16, y: 6 } });
      try {
        await hover.waitFor({ timeout: attempt < 3 ? 10_000 : UI_TIMEOUT_MS });
        break;
      } catch (err) {
        if (attempt >= 3) throw err;
      }
    }
    return ((await hover.textContent()) ?? '').replace(/\u00a0/g, ' ');
  }

  /** Brings a workspace file to the front: its tab when open (Quick Open may pick a recent file), else Quick Open. */
  async function showFile(name: string): Promise<void> {
    const tab = s().page.locator('.tabs-container .tab', { hasText: name }).first();
    if ((await tab.count()) > 0) await tab.click();
    else await s().openFile(name);
    await s().page.locator('.tabs-container .tab.active', { hasText: name }).first().waitFor();
  }

  it('signs in (profile, then region)', async function () {
    await s().waitForExtensionsActivated();
    await s().runCommand('CodeArtifact: Sign In');
    await s().pickQuickPickItem(PROFILE);
    await s().pickQuickPickItem(DEFAULT_REGION);
    await s().waitForNotification(/Signed in to CodeArtifact/);
  });

  it('hovers a scoped npm dependency: latest by dist-tag, the newest versions, and what the range picks', async function () {
    await showFile('package.json');
    const text = await hoverText('@acme/ui-kit', /from CodeArtifact/);
    assert.match(text, /@acme\/ui-kit from CodeArtifact acme\/shared/);
    assert.match(text, /Latest: 2\.1\.0/);
    assert.match(text, /Declared \^2\.0\.0 → 2\.1\.0/);
    // 1.2.0 is Unlisted: not installable, but the control plane tells the hover about it.
    for (const v of ['2.2.0-beta.1', '2.1.0', '2.0.0', '1.2.1', '1.2.0']) assert.ok(text.includes(v), `${v} in: ${text}`);
    assert.match(text, /1\.2\.0\s*\|?\s*\S*\s*Unlisted/);
    assert.match(text, /Tags: next 2\.2\.0-beta\.1/);
    await s().screenshot('hover-npm-scoped');
  });

  it('hovers a package that only the upstream’s external connection has (left-pad via npm-public)', async function () {
    const text = await hoverText('left-pad', /from CodeArtifact/);
    for (const v of ['1.3.0', '1.2.0', '1.1.3']) assert.ok(text.includes(v), `${v} in: ${text}`);
    assert.match(text, /up to date/);
  });

  it('reveals the hovered package in the CodeArtifact explorer from the hover’s link', async function () {
    const page = s().page;
    await showFile('package.json');
    await hoverText('@acme/ui-kit', /Reveal in CodeArtifact Explorer/);
    const link = page.locator('.monaco-editor .monaco-hover a', { hasText: 'Reveal in CodeArtifact Explorer' }).first();
    await link.click();
    // The explorer opens down to the package and selects it.
    await s()
      .sideBar()
      .locator('.monaco-list-rows > .monaco-list-row[aria-selected="true"]', { has: page.locator('.label-name', { hasText: /^\s*@acme\/ui-kit\s*$/ }) })
      .first()
      .waitFor();
    const labels = await s()
      .sideBar()
      .locator('.monaco-list-rows > .monaco-list-row[role="treeitem"] .label-name')
      .allTextContents();
    for (const label of ['acme', 'shared', '@acme', '@acme/ui-kit']) assert.ok(labels.some((t) => t.trim() === label), `${label} in the tree: ${labels.join(' | ')}`);
    await s().screenshot('hover-reveal');
    await showFile('package.json');
  });

  it('shows a code lens with the latest version over the dependencies', async function () {
    const lens = s().page.locator('.editor-instance .monaco-editor .codelens-decoration', { hasText: /latest 3\.0\.0|up to date/ }).first();
    await lens.waitFor();
    const all = await s().page.locator('.editor-instance .monaco-editor .codelens-decoration').allTextContents();
    assert.ok(all.some((t) => /latest 3\.0\.0 \(major\)/.test(t)), `lenses: ${all.join(' | ')}`);
    await s().screenshot('code-lens');
  });

  it('completes versions inside the version string, newest first, with dates', async function () {
    const page = s().page;
    await showFile('package.json');
    const line = page.locator('.editor-instance .monaco-editor .view-line', { hasText: '"@acme/ui-kit"' }).first();
    // Just after `"^` of "^2.0.0".
    await line.locator('span span', { hasText: '^2.0.0' }).first().click({ position: { x: 12, y: 6 } });
    await page.keyboard.press('Control+Space');
    const rows = page.locator('.editor-instance .suggest-widget .monaco-list-row');
    await rows.filter({ hasText: '^2.1.0' }).first().waitFor();
    const texts = (await rows.allTextContents()).map((t) => t.replace(/\u00a0/g, ' '));
    assert.match(texts[0] ?? '', /\^2\.2\.0-beta\.1.*2025-07-15/, `rows: ${texts.join(' | ')}`);
    assert.ok(texts.some((t) => /\^2\.1\.0.*latest/.test(t)), `rows: ${texts.join(' | ')}`);
    await s().screenshot('completion');
    await page.keyboard.press('Escape');
  });

  it('hovers a pip requirement and a Maven dependency', async function () {
    await showFile('requirements.txt');
    const pip = await hoverText('acme-utils', /from CodeArtifact/);
    assert.match(pip, /Latest: 2\.1/);
    for (const v of ['2.1', '2.0.2', '2.0.1', '2.0', '1.0']) assert.ok(pip.includes(v), `${v} in: ${pip}`);
    await s().screenshot('hover-pip');
    await showFile('pom.xml');
    const maven = await hoverText('acme-payments', /from CodeArtifact/);
    assert.match(maven, /com\.acme:acme-payments/);
    assert.match(maven, /Latest: 5\.1\.0/);
    assert.match(maven, /major update available/);
    await s().screenshot('hover-maven');
  });

  it('reports an unsatisfiable pin as an error and fixes it with the quick fix', async function () {
    const page = s().page;
    await showFile('requirements.txt');
    await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor();
    // The `acme-data==2.0` line: the version only 3.0 exists for.
    const line = page.locator('.editor-instance .monaco-editor .view-line', { hasText: 'acme-data==2.0' }).first();
    await line.waitFor();
    await line.locator('span span', { hasText: '2.0' }).last().click();
    await page.keyboard.press('Control+.');
    const action = page.locator('.action-widget .monaco-list-row', { hasText: /Update acme-data to latest 3\.0/ }).first();
    await action.waitFor();
    await s().screenshot('quick-fix');
    await action.click();
    await page.locator('.editor-instance .monaco-editor .view-line', { hasText: 'acme-data==3.0' }).first().waitFor();
    await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ state: 'detached' });
    await s().screenshot('quick-fix-applied');
    // The file on disk is untouched until saved; the editor holds the fix.
    assert.match(fs.readFileSync(path.join(s().workspaceDir, 'requirements.txt'), 'utf8'), /acme-data==2\.0/);
  });
});
