// The CodeArtifact explorer in real VS Code (code-server + Chromium, packaged VSIX), driven as a person drives it:
// sign in through the quick pick, expand domain → repository → format → scope → package → versions, "Load more…"
// in a repository of 10,000 packages, filter by prefix, find a package across repositories, copy an install
// snippet (read back from the browser's clipboard) and open a version's details (rendered, and as Markdown). Screenshots of every step go to
// test-results/screenshots/explorer-*.png.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { CodeartifactClient, GetPackageVersionAssetCommand } from '@aws-sdk/client-codeartifact';
import type { FrameLocator, Locator } from 'playwright-core';
import type { Seed } from '../emulator/seed';
import { demoSeedFile, demoWorkspace, DEMO_ACCESS_KEY_ID } from './fixtures';
import { DEFAULT_REGION, escapeRegExp, FAKE_SECRET_ACCESS_KEY, publishReadmeScreenshot, sessionPerSuite, UI_TIMEOUT_MS } from './harness';

const PROFILE = 'codeartifact-e2e';
const BIG_DOMAIN = 'acme-sandbox';
const BIG_REPOSITORY = 'load-test';
const BIG_PACKAGE_COUNT = 10_000;
/** The explorer's page of packages (DEFAULT_PAGE_SIZES.packages in src/explorer/model.ts). */
const PACKAGE_PAGE = 100;
/** Emulator latency for the paging test (the benchmark runs with latency too). */
const LATENCY_MS = 150;
/** Tall enough that an expanded repository fits without scrolling, so rows are clicked where a person sees them. */
const TALL_VIEWPORT = { width: 1280, height: 1600 };
const README_VIEWPORT = { width: 1280, height: 800 };

const bigPackageName = (i: number) => `pkg-${String(i).padStart(5, '0')}`;

/** The demo seed plus a repository with 10,000 packages (the responsiveness case) in the sandbox domain. */
function explorerSeed(): Seed {
  const file = demoSeedFile();
  assert.ok(fs.existsSync(file), `${file} is missing: generate it with \`npx tsc -p . && node out/test/fixtures/makeDemoSeed.js\``);
  const seed = JSON.parse(fs.readFileSync(file, 'utf8')) as Seed;
  const sandbox = seed.domains.find((d) => d.name === BIG_DOMAIN);
  assert.ok(sandbox, `the demo seed has no ${BIG_DOMAIN} domain`);
  (sandbox.repositories ??= []).push({ name: BIG_REPOSITORY, description: `${BIG_PACKAGE_COUNT.toLocaleString('en-US')} generated packages` });
  const packages = (seed.packages ??= []);
  for (let i = 0; i < BIG_PACKAGE_COUNT; i++) {
    packages.push({ domain: BIG_DOMAIN, repository: BIG_REPOSITORY, format: 'npm', name: bigPackageName(i), versions: [{ version: '1.0.0' }] });
  }
  return seed;
}

/** The slice of the DOM the page functions below touch (the project compiles without the DOM lib). */
interface DomNode {
  textContent: string | null;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomNode | null;
  querySelectorAll(selector: string): Iterable<DomNode & { style: { top: string } }>;
  classList: { contains(name: string): boolean };
}

/** Runs in the page: the browser's clipboard, which VS Code's `env.clipboard` writes to in code-server. */
const READ_CLIPBOARD = 'navigator.clipboard.readText()';
const writeClipboard = (text: string) => `navigator.clipboard.writeText(${JSON.stringify(text)})`;

interface RowInfo {
  index: number;
  level: number;
  label: string;
  description: string;
  expanded: string | null;
  selected: boolean;
  focused: boolean;
}

/** Pids of processes whose command line mentions `text` (to check that stop() left nothing behind). */
function processesMentioning(text: string): { pid: number; pgid: number; ppid: number; args: string }[] {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,pgid=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), pgid: Number(m[3]), args: m[4] ?? '' }))
    .filter((p) => p.args.includes(text) && p.pid !== process.pid);
}

/**
 * Polls `probe` until it returns a value other than undefined: a wait on state the UI or the OS reaches on its own
 * schedule (a row rendered in the next frame, a killed process reaped), bounded by `timeoutMs`.
 */
async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: () => string, timeoutMs = UI_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) assert.fail(`Timed out after ${timeoutMs / 1000}s waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** True while `pid` runs (a zombie, state Z, has ended and waits only to be reaped). */
function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

describe('e2e: CodeArtifact explorer in VS Code (sign in, browse, load more, filter, find, copy, details)', function () {
  const timings: Record<string, number> = {};
  const s = sessionPerSuite({ name: 'explorer', seed: explorerSeed(), workspace: demoWorkspace(), accessKeyId: DEMO_ACCESS_KEY_ID });

  before(async function () {
    // The copy test reads what the extension put on the clipboard, as a paste would.
    await s().page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s().url });
    await s().page.setViewportSize(TALL_VIEWPORT);
  });

  afterEach(function () {
    // The paging test slows the emulator down; nothing after it should inherit that.
    s().emulator?.setLatency(0);
  });

  after(function () {
    if (Object.keys(timings).length > 0) console.log(`      explorer timings (ms): ${JSON.stringify(timings)}`);
  });

  // ---- the tree, as rendered (sticky-scroll copies of parent rows are left out) ----

  function rows(): Locator {
    return s().sideBar().locator('.monaco-list-rows > .monaco-list-row[role="treeitem"]');
  }

  /** The rendered row whose label is exactly `label` (the first one, top to bottom in DOM order). */
  function row(label: string): Locator {
    return rows()
      .filter({ has: s().page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) })
      .first();
  }

  /** Every rendered row in tree order, with what a person reads on it. */
  async function renderedRows(): Promise<RowInfo[]> {
    const all = await rows().evaluateAll((els: DomNode[]) =>
      els.map((el) => ({
        index: Number(el.getAttribute('data-index')),
        level: Number(el.getAttribute('aria-level')),
        label: (el.querySelector('.label-name')?.textContent ?? '').trim(),
        description: (el.querySelector('.label-description')?.textContent ?? '').trim(),
        expanded: el.getAttribute('aria-expanded'),
        selected: el.getAttribute('aria-selected') === 'true',
        focused: el.classList.contains('focused'),
      })),
    );
    return all.sort((a, b) => a.index - b.index);
  }

  /** The rendered children of the first row labelled `parent`, in order. */
  async function childrenOf(parent: string): Promise<RowInfo[]> {
    const all = await renderedRows();
    const at = all.findIndex((r) => r.label === parent);
    assert.ok(at >= 0, `no row "${parent}" is shown; the tree shows ${all.map((r) => r.label).join(', ')}`);
    const top = all[at] as RowInfo;
    const children: RowInfo[] = [];
    for (const r of all.slice(at + 1)) {
      if (r.level <= top.level) break;
      if (r.level === top.level + 1) children.push(r);
    }
    return children;
  }

  /** The label of the row just above the one labelled `label` (both rendered). */
  async function rowAbove(label: string): Promise<string | undefined> {
    const all = await renderedRows();
    const at = all.findIndex((r) => r.label === label);
    const above = all[at - 1];
    return at > 0 && above?.index === (all[at]?.index ?? 0) - 1 ? above.label : undefined;
  }

  /** Expands the row labelled `label` (a click, as a person does) and waits until its children have loaded. */
  async function expand(label: string): Promise<Locator> {
    const r = row(label);
    await r.waitFor();
    if ((await r.getAttribute('aria-expanded')) !== 'true') await r.click();
    await s().sideBar().locator('.monaco-list-rows > .monaco-list-row[aria-expanded="true"]', { has: s().page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) }).first().waitFor();
    // Children arrive after a round trip and render in a later frame: wait for the first one under the row.
    let shown: RowInfo[] = [];
    await until(
      async () => {
        shown = await renderedRows();
        const at = shown.findIndex((x) => x.label === label && x.expanded === 'true');
        const parent = shown[at];
        const first = shown[at + 1];
        return parent && first && first.index === parent.index + 1 && first.level === parent.level + 1 ? true : undefined;
      },
      () => `the children of "${label}" (the tree shows ${shown.map((x) => x.label).join(', ')})`,
    );
    return r;
  }

  async function expandPath(...labels: string[]): Promise<void> {
    for (const label of labels) await expand(label);
  }

  /** Folds the whole tree with the view's own "Collapse All" button, so each test starts from the domains. */
  async function collapseAll(): Promise<void> {
    const button = s().sideBar().locator('.action-label[aria-label="Collapse All"]').first();
    await s().sideBar().hover();
    if (await button.isVisible()) await button.click();
    await rows().filter({ has: s().page.locator('.label-name', { hasText: /^\s*acme\s*$/ }) }).first().waitFor();
  }

  /** Clicks one of the inline icons a row shows on hover (e.g. "Copy Install Snippet"). */
  async function clickInlineAction(label: string, action: string): Promise<void> {
    const r = row(label);
    await r.hover();
    const button = r.locator(`.actions .action-label[aria-label="${action}"]`);
    await button.waitFor();
    await button.click();
  }

  /** Moves the tree's keyboard focus down (the list scrolls along) until the focused row is `label`. */
  async function focusDown(label: string, maxRows = 60): Promise<void> {
    for (let i = 0; i < maxRows; i++) {
      const focused = s().sideBar().locator('.monaco-list-rows > .monaco-list-row.focused .label-name');
      if (((await focused.textContent().catch(() => '')) ?? '').trim() === label) return;
      await s().page.keyboard.press('ArrowDown');
    }
    assert.fail(`"${label}" was not reached within ${maxRows} rows of the focused one`);
  }

  /** Jumps the keyboard focus to the tree's last row, then up until `target` is on screen. */
  async function revealFromEnd(target: Locator, maxRows = 10): Promise<void> {
    await s().page.keyboard.press('End');
    for (let i = 0; i < maxRows && !(await target.isVisible()); i++) await s().page.keyboard.press('ArrowUp');
    await target.waitFor();
  }

  /** Closes an editor with its tab's close button. */
  async function closeEditorTab(tab: Locator): Promise<void> {
    await tab.hover();
    await tab.locator('.tab-actions .action-label').first().click();
    await tab.waitFor({ state: 'detached' });
  }

  /** The version-details webview's page (VS Code's webview iframe holds it in `#active-frame`). */
  function detailsFrame(): FrameLocator {
    return s().page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }

  /** Moves the pointer onto an empty part of the title bar, so no tooltip or link hover covers a screenshot. */
  async function clearHover(): Promise<void> {
    await s().page.mouse.move(200, 17);
    await s().page.locator('.workbench-hover-container, .monaco-hover').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
  }

  async function shot(name: string): Promise<string> {
    await clearHover();
    return await s().screenshot(name);
  }

  /** Text of the visible lines of the active editor, top to bottom (Monaco renders spaces as no-break spaces). */
  async function editorText(): Promise<string> {
    const lines = await s()
      .page.locator('.editor-instance .monaco-editor .view-lines')
      .first()
      .evaluate((el: DomNode) =>
        [...el.querySelectorAll('.view-line')]
          .map((l) => ({ top: parseFloat(l.style.top || '0'), text: l.textContent ?? '' }))
          .sort((a, b) => a.top - b.top)
          .map((l) => l.text),
      );
    return lines.join('\n').replace(/\u00a0/g, ' ');
  }

  // ---- the tests ----

  it('signs in through the quick pick: a profile from the temp AWS config file, then its region', async function () {
    const page = s().page;
    await s().openCodeArtifactView();
    await s().welcomeView().getByRole('button', { name: 'Sign In', exact: true }).click();
    await page.locator('.quick-input-widget .quick-input-title', { hasText: '(1/2)' }).waitFor();
    const profiles = await s().quickPickLabels();
    // Both profiles of the harness's temp config file, after the default chain.
    assert.ok(profiles.includes(PROFILE) && profiles.includes('default'), `profiles offered: ${profiles.join(', ')}`);
    await shot('01-sign-in-profile');
    await s().pickQuickPickItem(PROFILE);
    await page.locator('.quick-input-widget .quick-input-title', { hasText: '(2/2)' }).waitFor();
    const regions = await s().quickPickLabels();
    assert.equal(regions[0], DEFAULT_REGION, `the profile's region comes first; offered: ${regions.slice(0, 5).join(', ')}…`);
    await shot('02-sign-in-region');
    await s().pickQuickPickItem(DEFAULT_REGION);

    await s().waitForNotification(new RegExp(`Signed in to CodeArtifact with profile ${PROFILE} in ${DEFAULT_REGION}: 2 domains found`));
    await row('acme').waitFor();
    await row(BIG_DOMAIN).waitFor();
    const top = (await renderedRows()).filter((r) => r.level === 1);
    assert.deepEqual(
      top.map((r) => [r.label, r.description]),
      [
        ['acme', '111122223333'],
        [BIG_DOMAIN, '111122223333'],
      ],
      'the domains of the account in us-west-2 (acme-eu is in eu-west-1, partner belongs to another account)',
    );
    await s().page.locator('.statusbar', { hasText: `CodeArtifact: ${PROFILE} (${DEFAULT_REGION})` }).waitFor();
    await shot('03-signed-in');
  });

  it('expands domain → repository → format → npm scope → package → versions, newest first with status badges', async function () {
    await collapseAll();
    await expand('acme');
    const repositories = await childrenOf('acme');
    assert.deepEqual(
      repositories.map((r) => [r.label, r.description]),
      [
        // The domain's package groups come first (their restrictions show only when something is not ALLOW).
        ['Package groups', ''],
        ['maven-central', 'Proxy of Maven Central'],
        ['npm-public', 'Proxy of npmjs.com'],
        ['pypi-public', 'Proxy of pypi.org'],
        ['shared', 'Company packages'],
        ['team-data', 'Data team packages'],
        ['team-web', 'Web team packages'],
      ],
    );

    await expand('shared');
    const inShared = await childrenOf('shared');
    assert.deepEqual(
      inShared.map((r) => r.label),
      ['Upstreams', 'npm', 'PyPI', 'Maven'],
      'a repository shows its upstreams, then one node per format that has packages',
    );
    assert.equal(inShared[0]?.description, 'npm-public, pypi-public, maven-central');

    await expand('npm');
    const inNpm = await childrenOf('npm');
    assert.equal(inNpm[0]?.label, '@acme', 'npm scopes come first, as their own level');
    assert.ok(inNpm.some((r) => r.label === 'acme-billing-cli'), `unscoped packages follow the scopes: ${inNpm.map((r) => r.label).join(', ')}`);

    await expand('@acme');
    const scoped = await childrenOf('@acme');
    assert.ok(scoped.length >= 30, `@acme lists ${scoped.length} packages`);
    assert.ok(scoped.every((r) => r.label.startsWith('@acme/')), 'packages under a scope read @scope/name');
    assert.ok(scoped.some((r) => r.label === '@acme/ui-kit'));

    await expand('@acme/ui-kit');
    const versions = await childrenOf('@acme/ui-kit');
    assert.deepEqual(
      versions.map((v) => v.label),
      ['2.2.0-beta.1', '2.1.0', '2.0.0', '1.2.1', '1.2.0', '1.1.0', '1.0.0'],
      'versions newest first',
    );
    const badge = (version: string) => versions.find((v) => v.label === version)?.description;
    assert.equal(badge('2.1.0'), 'latest', 'the dist-tag latest is marked');
    assert.equal(badge('1.2.0'), 'Unlisted', 'an Unlisted version says so');
    assert.equal(badge('2.0.0'), '', 'a published, non-default version carries no badge');
    await shot('04-expanded-ui-kit');

    // An Archived version elsewhere in the same scope.
    await expand('@acme/payments');
    const payments = await childrenOf('@acme/payments');
    assert.equal(payments.find((v) => v.label === '2.3.0')?.description, 'Archived', `@acme/payments: ${JSON.stringify(payments.map((v) => [v.label, v.description]))}`);
    await shot('05-archived-version');

    // The README's picture: the usual window size, the tree scrolled to ui-kit's versions (parents pinned on top
    // by sticky scroll) and the details of the latest version open beside it.
    await row('@acme/payments').click(); // fold it again; the tree keeps keyboard focus on it
    await s().page.setViewportSize(README_VIEWPORT);
    await focusDown('@acme/ui-kit');
    await focusDown('1.0.0');
    await s().runCommand('Notifications: Clear All Notifications');
    await row('2.1.0').click();
    const details = s().page.locator('.tabs-container .tab', { hasText: 'ui-kit@2.1.0' }).first();
    await detailsFrame().locator('h2', { hasText: 'Assets' }).waitFor();
    const readmeShot = await shot('06-readme-explorer');
    publishReadmeScreenshot(readmeShot, 'screenshot-explorer.png');
    await closeEditorTab(details);
    await s().page.setViewportSize(TALL_VIEWPORT);
  });

  it('shows a proxy repository\'s external connection, a version\'s origin, and the repositories upstream of another', async function () {
    await collapseAll();
    await expandPath('acme', 'npm-public');
    const proxy = await childrenOf('npm-public');
    assert.deepEqual(proxy[0] && [proxy[0].label, proxy[0].description], ['public:npmjs', 'external connection']);
    // A version that came in through the connection says so.
    await expandPath('npm', 'lodash');
    const lodash = await childrenOf('lodash');
    assert.match(lodash.find((v) => v.label === '5.0.4')?.description ?? '', /via public:npmjs/, JSON.stringify(lodash.map((v) => [v.label, v.description])));
    await row('npm-public').click(); // fold it, so the upstream copy below is the only one
    await expandPath('shared', 'Upstreams');
    const upstreams = await childrenOf('Upstreams');
    assert.deepEqual(
      upstreams.map((r) => [r.label, r.description]),
      [
        ['npm-public', 'upstream 1'],
        ['pypi-public', 'upstream 2'],
        ['maven-central', 'upstream 3'],
      ],
    );
    await shot('07-upstreams-and-external-connection');
  });

  it('copies an install snippet for a version (npm and Maven) and the clipboard holds it', async function () {
    await collapseAll();
    await expandPath('acme', 'shared', 'npm', '@acme', '@acme/ui-kit');
    await s().page.evaluate(writeClipboard('clipboard before the copy'));
    await clickInlineAction('2.1.0', 'Copy Install Snippet');
    await s().page.locator('.statusbar', { hasText: 'Copied: npm i @acme/ui-kit@2.1.0' }).waitFor();
    const npm = await s().page.evaluate(READ_CLIPBOARD);
    assert.equal(npm, 'npm i @acme/ui-kit@2.1.0');
    await shot('08-copied-npm-snippet');

    await collapseAll();
    await expandPath('acme', 'shared', 'Maven', 'com.acme', 'acme-core');
    const mavenVersions = await childrenOf('acme-core');
    assert.equal(mavenVersions[0]?.label, '2.1.0', `com.acme:acme-core versions: ${mavenVersions.map((v) => v.label).join(', ')}`);
    await clickInlineAction('2.1.0', 'Copy Install Snippet');
    await s().page.locator('.statusbar', { hasText: 'Copied: <dependency> …' }).waitFor();
    const maven = await s().page.evaluate(READ_CLIPBOARD);
    assert.equal(maven, ['<dependency>', '  <groupId>com.acme</groupId>', '  <artifactId>acme-core</artifactId>', '  <version>2.1.0</version>', '</dependency>'].join('\n'));
    await shot('09-copied-maven-snippet');
  });

  it('opens a version\'s details: summary, licence, links, install line, assets with sizes and hashes', async function () {
    await collapseAll();
    await expandPath('acme', 'shared', 'npm', '@acme', '@acme/ui-kit');
    // A version row's click is "Show Version Details" (rendered: details.test.ts); its Markdown text is a click away.
    await row('2.1.0').click();
    const view = s().page.locator('.tabs-container .tab', { hasText: 'ui-kit@2.1.0' }).first();
    await detailsFrame().getByRole('button', { name: 'Open these details as a Markdown document' }).click();
    const tab = s().page.locator('.tabs-container .tab', { hasText: 'ui-kit@2.1.0.md' }).first();
    await tab.waitFor();
    const editor = s().page.locator('.editor-instance .monaco-editor .view-lines').first();
    await editor.filter({ hasText: /##\sAssets/ }).waitFor();
    await editor.filter({ hasText: /SHA-256/ }).waitFor();
    const text = await editorText();
    for (const expected of [
      '# @acme/ui-kit 2.1.0',
      'React components for @acme/ui kit',
      '| Status | Published |',
      '| Licenses | Apache-2.0 |',
      '| Repository | acme/shared (account 111122223333) |',
      'npm i @acme/ui-kit@2.1.0',
      '## Assets',
    ]) {
      assert.ok(text.includes(expected), `the details document lacks "${expected}":\n${text}`);
    }
    const asset = /- `([^`]+)` — (\d+(?:\.\d+)? (?:B|KB|MB|kB|KiB|MiB))/.exec(text);
    assert.ok(asset, `no asset line with a size:\n${text}`);
    const sha256 = /SHA-256: `([0-9a-f]{64})`/.exec(text)?.[1];
    assert.ok(sha256, `no SHA-256 of the asset:\n${text}`);

    // The hash shown is the hash of the bytes the repository serves for that asset.
    const emulator = s().emulator;
    assert.ok(emulator);
    const client = new CodeartifactClient({
      region: DEFAULT_REGION,
      endpoint: emulator.endpoint,
      credentials: { accessKeyId: DEMO_ACCESS_KEY_ID, secretAccessKey: FAKE_SECRET_ACCESS_KEY },
    });
    try {
      const out = await client.send(
        new GetPackageVersionAssetCommand({ domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', package: 'ui-kit', packageVersion: '2.1.0', asset: asset[1] }),
      );
      assert.ok(out.asset, 'the emulator returned no asset body');
      const bytes = await out.asset.transformToByteArray();
      assert.equal(createHash('sha256').update(bytes).digest('hex'), sha256);
    } finally {
      client.destroy();
    }
    await shot('10-version-details');
    await closeEditorTab(tab);
    await closeEditorTab(view);
  });

  it('filters a repository\'s packages by prefix (server-side) and clears the filter', async function () {
    await collapseAll();
    await expandPath('acme');
    const before = s().emulator?.stats.operations.ListPackages ?? 0;
    await clickInlineAction('shared', 'Filter Packages…');
    const input = s().page.locator('.quick-input-widget input.input');
    await s().page.locator('.quick-input-widget', { hasText: 'Filter packages in shared' }).waitFor();
    await input.fill('ui');
    await shot('11-filter-input');
    await s().page.keyboard.press('Enter');

    // The repository says it is filtered (and still says what it is).
    await row('shared').filter({ has: s().page.locator('.label-description', { hasText: 'filter: ui*' }) }).waitFor();
    assert.match((await row('shared').locator('.label-description').textContent()) ?? '', /Company packages/);
    await expandPath('shared');
    assert.deepEqual((await childrenOf('shared')).map((r) => r.label), ['Upstreams', 'npm'], 'only formats with a matching package remain');
    await expandPath('npm', '@acme');
    assert.deepEqual((await childrenOf('npm')).map((r) => r.label), ['@acme']);
    assert.deepEqual((await childrenOf('@acme')).map((r) => r.label), ['@acme/ui-kit']);
    assert.ok((s().emulator?.stats.operations.ListPackages ?? 0) > before, 'the filter asked the server again');
    await shot('12-filtered');

    await clickInlineAction('shared', 'Clear Package Filter');
    await row('shared').filter({ has: s().page.locator('.label-description', { hasText: /^\s*Company packages( · \d+ upstreams?)?\s*$/ }) }).waitFor();
    await expandPath('shared', 'npm', '@acme');
    await row('@acme/billing').waitFor();
    const all = await childrenOf('@acme');
    assert.ok(all.length > 30, `after clearing, @acme lists ${all.length} packages`);
    await shot('13-filter-cleared');
  });

  it('finds a package across the repositories of a domain and reveals it in the tree', async function () {
    await collapseAll();
    await clickInlineAction('acme', 'Find Package…');
    const input = s().page.locator('.quick-input-widget input.input');
    await s().page.locator('.quick-input-widget', { hasText: 'Find a package in acme' }).waitFor();
    await input.fill('@acme/ui-kit');
    await s().page.keyboard.press('Enter');

    // The matches, one per repository that has the package.
    await s().page.locator('.quick-input-widget .quick-input-title', { hasText: /\bmatch(es)? in acme/ }).waitFor();
    const matches = s().page.locator('.quick-input-widget .monaco-list-row');
    await matches.first().waitFor();
    const found = await matches.evaluateAll((els: DomNode[]) =>
      els.map((el) => `${el.querySelector('.label-name')?.textContent ?? ''} | ${el.querySelector('.label-description')?.textContent ?? ''}`.trim()),
    );
    assert.ok(found.includes('@acme/ui-kit | shared · npm'), `matches: ${found.join('; ')}`);
    assert.ok(found.every((m) => m.startsWith('@acme/ui-kit')), `only the package asked for: ${found.join('; ')}`);
    await shot('14-find-matches');
    await matches.filter({ hasText: 'shared · npm' }).first().click();

    // The tree opens down to the package and selects it; its repository is filtered to the package's name.
    await s()
      .sideBar()
      .locator('.monaco-list-rows > .monaco-list-row[aria-selected="true"]', { has: s().page.locator('.label-name', { hasText: /^\s*@acme\/ui-kit\s*$/ }) })
      .first()
      .waitFor();
    const selected = (await renderedRows()).filter((r) => r.selected).map((r) => r.label);
    assert.deepEqual(selected, ['@acme/ui-kit']);
    const shared = (await renderedRows()).find((r) => r.label === 'shared');
    assert.match(shared?.description ?? '', /filter: \S*ui-kit\*/, 'the repository is filtered to the package found');
    await shot('15-find-revealed');
    await clickInlineAction('shared', 'Clear Package Filter');
    await row('shared').filter({ has: s().page.locator('.label-description', { hasText: /^\s*Company packages( · \d+ upstreams?)?\s*$/ }) }).waitFor();
  });

  it(`pages a repository of ${BIG_PACKAGE_COUNT.toLocaleString('en-US')} packages with "Load more…", one request per page`, async function () {
    const emulator = s().emulator;
    assert.ok(emulator);
    await collapseAll();
    await expand(BIG_DOMAIN);
    // A network's worth of delay on every request, so that sequential round trips would show in the timings.
    emulator.setLatency(LATENCY_MS);

    emulator.resetStats();
    let started = Date.now();
    await expand(BIG_REPOSITORY);
    await row('npm').waitFor();
    timings.repositoryFirstPaint = Date.now() - started;
    const repoOps = { ...emulator.stats.operations };
    assert.equal(repoOps.DescribeRepository, 1, JSON.stringify(repoOps));
    // One probe per format, each for a single package, all sent at once: one round trip, nothing lists the repository.
    assert.ok((repoOps.ListPackages ?? 0) <= 8, JSON.stringify(repoOps));
    assert.ok(emulator.stats.peakConcurrent > 1, `the repository's requests went one at a time (peak ${emulator.stats.peakConcurrent})`);

    emulator.resetStats();
    started = Date.now();
    await expand('npm');
    await row(bigPackageName(0)).waitFor();
    timings.firstPageFirstPaint = Date.now() - started;
    assert.deepEqual(emulator.stats.operations, { ListPackages: 1 }, 'the first page of 10,000 packages is one request');

    // The last row of the level says how many are loaded; reach it the way a keyboard user does (the click on
    // "npm" left the keyboard focus in the tree).
    const more = row('Load more…');
    await revealFromEnd(more);
    assert.equal(await more.locator('.label-description').textContent(), `${PACKAGE_PAGE} loaded`);
    assert.equal(await rowAbove('Load more…'), bigPackageName(PACKAGE_PAGE - 1), 'the first page ends just above "Load more…"');
    await shot('16-load-more');

    emulator.resetStats();
    started = Date.now();
    await more.click();
    await row(bigPackageName(PACKAGE_PAGE)).waitFor();
    timings.loadMore = Date.now() - started;
    assert.deepEqual(emulator.stats.operations, { ListPackages: 1 }, 'one request per further page');
    // The next page continues right where the first ended.
    assert.equal(await rowAbove(bigPackageName(PACKAGE_PAGE)), bigPackageName(PACKAGE_PAGE - 1));
    await revealFromEnd(more);
    // The second page is twice the first (pages double up to 1,000: fewer re-renders of a long level).
    assert.equal(await more.locator('.label-description').textContent(), `${3 * PACKAGE_PAGE} loaded`);
    assert.equal(await rowAbove('Load more…'), bigPackageName(3 * PACKAGE_PAGE - 1));
    await shot('17-loaded-more');
  });

  it('stops code-server, its extension host, Chromium and the emulator', async function () {
    const current = s();
    const tempDir = current.tempDir;
    const serverProcesses = processesMentioning(tempDir);
    assert.ok(serverProcesses.length > 0, 'code-server is not running under the session folder');
    const groups = new Set(serverProcesses.map((p) => p.pgid));
    const browsers = processesMentioning('chromium').filter((p) => p.ppid === process.pid);
    const endpoint = current.emulator?.endpoint;
    assert.ok(endpoint);

    await current.stop();
    // SIGKILLed processes vanish once reaped; a zombie (state Z) is already dead.
    const survivors = () =>
      execFileSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' })
        .split('\n')
        .map((l) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(l))
        .filter((m): m is RegExpExecArray => m !== null && groups.has(Number(m[2])) && !(m[3] ?? '').startsWith('Z'))
        .map((m) => `${m[1]} ${m[4] ?? ''}`);
    await until(() => (survivors().length === 0 ? true : undefined), () => `the code-server group to end: ${survivors().join('; ')}`, 15_000);
    assert.deepEqual(browsers.filter((b) => alive(b.pid)), [], 'Chromium outlived stop()');
    await assert.rejects(fetch(endpoint), 'the emulator still answers after stop()');
    assert.equal(fs.existsSync(tempDir), false, 'the session folder was not removed');
  });
});
