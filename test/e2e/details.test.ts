// The rendered version details and a version's dependencies in real VS Code (code-server + Chromium, packaged
// VSIX) against the demo seed: a version row opens a webview (found as the iframe it is) with the summary,
// licence, install snippet, dependencies, assets and the rendered readme under a strict CSP; keyboard-only copy of
// the install snippet; "Download asset" through the save dialog, checked against the listed SHA-256; and a
// Maven version's Dependencies row revealing the package it names. Screenshots: test-results/screenshots/details-*.png.
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator } from 'playwright-core';
import { demoSeed, demoWorkspace, DEMO_ACCESS_KEY_ID } from './fixtures';
import { sessionPerSuite } from './harness';
import { signIn } from './paletteSteps';

const PROFILE = 'codeartifact-e2e';
const READ_CLIPBOARD = 'navigator.clipboard.readText()';

describe('e2e: rendered version details, asset download and dependencies', function () {
  const s = sessionPerSuite({ name: 'details', seed: demoSeed().seed, workspace: demoWorkspace(), accessKeyId: DEMO_ACCESS_KEY_ID, profile: PROFILE });

  before(async function () {
    await s().page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s().url });
    await s().page.setViewportSize({ width: 1400, height: 1000 });
  });

  /** The tree row labelled exactly `label` (first in DOM order). */
  function row(label: string): Locator {
    return s().treeItem(label);
  }

  /** Moves the tree's keyboard focus down (the list scrolls along) until `label` is rendered and focused. */
  async function focusDown(label: string, maxRows = 80): Promise<void> {
    for (let i = 0; i < maxRows; i++) {
      const focused = s().sideBar().locator('.monaco-list-rows > .monaco-list-row.focused .label-name');
      if (((await focused.textContent().catch(() => '')) ?? '').trim() === label) return;
      await s().page.keyboard.press('ArrowDown');
    }
    assert.fail(`"${label}" was not reached within ${maxRows} rows of the focused one`);
  }

  /** Brings the row labelled `label` on screen: scrolled to with the keyboard when the list has not rendered it. */
  async function reach(label: string): Promise<Locator> {
    const r = row(label);
    if ((await r.count()) === 0) await focusDown(label);
    await r.waitFor();
    return r;
  }

  /** Expands a row with its twistie (a version row's click opens its details instead) and waits for its first child. */
  async function expand(label: string): Promise<void> {
    const r = await reach(label);
    if ((await r.getAttribute('aria-expanded')) !== 'true') await r.locator('.monaco-tl-twistie').click();
    await s().sideBar().locator('.monaco-list-row[aria-expanded="true"]', { has: s().page.locator('.label-name', { hasText: new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }) }).first().waitFor();
    const index = Number(await r.getAttribute('data-index'));
    const level = Number(await r.getAttribute('aria-level'));
    const child = s().sideBar().locator(`.monaco-list-row[data-index="${index + 1}"][aria-level="${level + 1}"]`);
    // A row at the bottom of the view has its children below the fold: scroll them into the rendered range.
    if (!(await child.isVisible())) {
      await r.hover();
      await s().page.mouse.wheel(0, 300);
    }
    await child.waitFor();
  }

  /** The content frame of the (one) details webview: VS Code's webview iframe holds our page in `#active-frame`. */
  function details(): FrameLocator {
    return s().page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }

  it('signs in (profile, then region)', async function () {
    await s().waitForExtensionsActivated();
    await signIn(s(), 'notification');
    await s().runCommand('Notifications: Clear All Notifications');
  });

  it('opens a version’s details rendered: summary, licence, dependencies, assets with hashes, the readme as HTML, under a strict CSP', async function () {
    await s().openCodeArtifactView();
    await row('acme').click(); // keyboard focus in the tree: rows below the fold are reached with ArrowDown
    for (const label of ['acme', 'shared', 'npm', '@acme', '@acme/ui-kit']) await expand(label);
    await (await reach('2.1.0')).click();
    const page = details();
    await page.locator('header h1', { hasText: '@acme/ui-kit' }).waitFor();
    const tab = s().page.locator('.tabs-container .tab', { hasText: 'ui-kit@2.1.0' });
    assert.equal(await tab.count(), 1);

    const facts = Object.fromEntries(
      await page.locator('table.facts tr').evaluateAll((rows: { querySelector(s: string): { textContent: string | null } | null }[]) =>
        rows.map((r) => [r.querySelector('th')?.textContent ?? '', r.querySelector('td')?.textContent ?? '']),
      ),
    ) as Record<string, string>;
    assert.equal(facts['Licenses'], 'Apache-2.0');
    assert.equal(facts['Repository'], 'acme/shared (account 111122223333)');
    assert.equal(facts['Status'], 'Published');
    assert.equal(facts['Homepage'], 'https://git.acme.example/@acme/ui-kit', 'the link reads as the URL, without Markdown escapes');
    assert.equal(await page.locator('a[data-action="open-link"]', { hasText: 'https://git.acme.example/@acme/ui-kit' }).first().getAttribute('href'), '#');
    assert.equal((await page.locator('.snippet code').textContent())?.trim(), 'npm i @acme/ui-kit@2.1.0');
    await page.getByRole('heading', { name: 'Dependencies (1)' }).waitFor();
    await page.getByRole('button', { name: 'Reveal left-pad in the CodeArtifact explorer' }).waitFor();
    const sha256 = (await page.locator('.hashes dt:text-is("SHA-256") + dd').first().textContent())?.trim() ?? '';
    assert.match(sha256, /^[0-9a-f]{64}$/);
    assert.equal(await page.locator('.readme h3').first().textContent(), '@acme/ui-kit', 'the readme is rendered (its headings below the page’s), not shown as source');
    const csp = (await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
    assert.match(csp, /^default-src 'none'; style-src [^;']*'self'[^;]*; script-src 'nonce-[A-Za-z0-9+/=]+'; form-action 'none'; base-uri 'none'$/);
    assert.doesNotMatch(csp, /unsafe|\*(?!\.vscode-cdn\.net)/);
    assert.equal(await page.locator('img, iframe, object, embed').count(), 0);
    await s().screenshot('01-rendered-details');

    // The same version again shows the open panel instead of a second one.
    await row('2.1.0').click();
    await page.locator('header h1', { hasText: '@acme/ui-kit' }).waitFor();
    assert.equal(await tab.count(), 1);
  });

  it('copies the install snippet with the keyboard only (Tab to the button, Enter), told through a live region', async function () {
    const page = details();
    await s().page.evaluate('navigator.clipboard.writeText("before")');
    await page.locator('header h1').click();
    const copy = page.getByRole('button', { name: 'Copy the install snippet' });
    for (let i = 0; i < 20 && !(await copy.evaluate((el: unknown) => el === (el as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement)); i++) {
      await s().page.keyboard.press('Tab');
    }
    await s().page.keyboard.press('Enter');
    await page.locator('#status[role="status"]', { hasText: 'Copied the install snippet.' }).waitFor();
    assert.equal(await s().page.evaluate(READ_CLIPBOARD), 'npm i @acme/ui-kit@2.1.0');
  });

  it('downloads an asset to the file picked in the save dialog; its SHA-256 is the listed one', async function () {
    const page = details();
    const sha256 = (await page.locator('.hashes dt:text-is("SHA-256") + dd').first().textContent())?.trim() ?? '';
    const name = (await page.locator('.list code').filter({ hasText: /\.tgz$/ }).first().textContent())?.trim() ?? '';
    assert.ok(name, 'an asset with a name');
    await page.getByRole('button', { name: `Download ${name}` }).click();
    // code-server's save dialog is VS Code's own quick input with a path.
    const target = path.join(s().workspaceDir, `saved-${name}`);
    const input = s().page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    await s().screenshot('02-save-dialog');
    await input.fill(target);
    await s().page.locator('.quick-input-widget .monaco-button', { hasText: /^OK$/ }).click();
    await s().waitForNotificationAnywhere(new RegExp(`Saved ${name.replace(/\./g, '\\.')} \\(.+, SHA-256 verified\\)`));
    await page.locator('#status', { hasText: 'SHA-256 verified' }).waitFor();
    assert.equal(createHash('sha256').update(fs.readFileSync(target)).digest('hex'), sha256);
    assert.deepEqual(fs.readdirSync(path.dirname(target)).filter((f) => f.includes(name)), [path.basename(target)], 'no partial file beside it');
    await s().screenshot('03-downloaded');
  });

  it('keeps the Markdown document available ("Open as Markdown")', async function () {
    await details().getByRole('button', { name: 'Open these details as a Markdown document' }).click();
    await s().page.locator('.editor-instance .monaco-editor .view-lines').first().filter({ hasText: /##\sDependencies/ }).waitFor();
    await s().runCommand('View: Close All Editors');
  });

  it('expands a Maven version’s Dependencies and reveals the package a dependency names', async function () {
    // Fold the tree with the view's own Collapse All, so that the Maven rows are on screen.
    await s().sideBar().hover();
    await s().sideBar().locator('.action-label[aria-label="Collapse All"]').first().click();
    await row('acme').click();
    for (const label of ['acme', 'shared', 'Maven', 'com.acme', 'acme-payments', '5.1.0', 'Dependencies']) await expand(label);
    const dep = row('com.acme:acme-core');
    await dep.waitFor();
    assert.match((await dep.locator('.label-description').textContent()) ?? '', /1\.0\.0 · compile/);
    await s().screenshot('04-dependencies');
    await dep.click();
    const selected = s().sideBar().locator('.monaco-list-row[aria-selected="true"]', { has: s().page.locator('.label-name', { hasText: /^\s*acme-core\s*$/ }) }).first();
    await selected.waitFor();
    const labels = await s().treeLabels();
    assert.ok(labels.includes('com.acme') && labels.includes('acme-core'), labels.join(' | '));
    const repo = row('shared');
    assert.match((await repo.locator('.label-description').textContent()) ?? '', /filter: com\.acme:acme-core\*/);
    await s().screenshot('05-dependency-revealed');
  });
});
