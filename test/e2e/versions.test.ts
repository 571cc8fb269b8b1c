// Version intelligence in real VS Code (code-server + Chromium, packaged VSIX) against the emulator seeded with
// the demo data: hovers over a scoped npm dependency, an npm package that only the upstream's external
// connection has, a pip requirement and a Maven dependency; a code lens; a diagnostic and its quick fix.
// The demo workspace has no .npmrc/pip.conf/settings.xml, so `codeartifact.defaultRepository` picks acme/shared.
// Screenshots go to test-results/screenshots/versions-*.png.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { demoSeed, demoWorkspace, DEMO_ACCESS_KEY_ID } from './fixtures';
import { HOVER_COMMANDS } from '../../src/versions/hoverContent';
import { LINK_ID } from '../../src/versions/linkArgs';
import { sessionPerSuite } from './harness';
import { signIn } from './paletteSteps';

const PROFILE = 'codeartifact-e2e';

describe('e2e: dependency versions from CodeArtifact in VS Code', function () {
  const s = sessionPerSuite({
    name: 'versions',
    seed: demoSeed().seed,
    workspace: demoWorkspace(),
    accessKeyId: DEMO_ACCESS_KEY_ID,
    profile: PROFILE,
    settings: { 'codeartifact.defaultRepository': { domain: 'acme', owner: '111122223333', repository: 'shared' } },
  });

  it('signs in (profile, then region)', async function () {
    await s().waitForExtensionsActivated();
    await signIn(s(), 'notification');
  });

  it('hovers a scoped npm dependency: latest by dist-tag, the newest versions, and what the range picks', async function () {
    await s().showFile('package.json');
    const text = await s().hoverText('@acme/ui-kit', /from CodeArtifact/);
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
    const text = await s().hoverText('left-pad', /from CodeArtifact/);
    for (const v of ['1.3.0', '1.2.0', '1.1.3']) assert.ok(text.includes(v), `${v} in: ${text}`);
    assert.match(text, /up to date/);
  });

  it('reveals the hovered package in the CodeArtifact explorer from the hover’s link', async function () {
    const page = s().page;
    await s().showFile('package.json');
    await s().hoverText('@acme/ui-kit', /Reveal in CodeArtifact Explorer/);
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
    await s().showFile('package.json');
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
    await s().showFile('package.json');
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
    await s().showFile('requirements.txt');
    const pip = await s().hoverText('acme-utils', /from CodeArtifact/);
    assert.match(pip, /Latest: 2\.1/);
    for (const v of ['2.1', '2.0.2', '2.0.1', '2.0', '1.0']) assert.ok(pip.includes(v), `${v} in: ${pip}`);
    await s().screenshot('hover-pip');
    await s().showFile('pom.xml');
    const maven = await s().hoverText('acme-payments', /from CodeArtifact/);
    assert.match(maven, /com\.acme:acme-payments/);
    assert.match(maven, /Latest: 5\.1\.0/);
    assert.match(maven, /major update available/);
    await s().screenshot('hover-maven');
  });

  for (const mode of ['HTML only', 'JSON'] as const) {
    it(`a pip hover and its lens against a repository that serves the simple index as ${mode}`, async function () {
      const emulator = s().emulator;
      assert.ok(emulator);
      const shared = emulator.store.getDomain('acme', '111122223333')?.repositories.get('shared');
      assert.ok(shared, 'acme/shared in the seed');
      shared.pypiHtmlOnly = mode === 'HTML only';
      // Packages not looked up before in this window (no cached answer), in a manifest of their own.
      const pkg = mode === 'HTML only' ? 'acme-json' : 'acme-money';
      const dir = mode === 'HTML only' ? 'html' : 'json';
      fs.mkdirSync(path.join(s().workspaceDir, dir), { recursive: true });
      fs.writeFileSync(path.join(s().workspaceDir, dir, 'requirements.txt'), `${pkg}>=0.1\n`);
      const before = emulator.stats.operations['pypi:notAcceptable'] ?? 0;
      try {
        await s().openFile(`${dir}/requirements.txt`);
        const text = await s().hoverText(pkg, /from CodeArtifact/);
        assert.match(text, /Latest: \d/, text);
        assert.doesNotMatch(text, /unavailable|could not/i, text);
        const lens = s().page.locator('.editor-instance .monaco-editor .codelens-decoration', { hasText: /latest \d|up to date/ }).first();
        await lens.waitFor();
        assert.equal(emulator.stats.operations['pypi:notAcceptable'] ?? 0, before, 'no 406: the Accept header offers HTML too');
        await s().screenshot(`hover-pip-${dir}`);
      } finally {
        shared.pypiHtmlOnly = false;
      }
    });
  }

  it('reports an unsatisfiable pin as an error and fixes it with the quick fix', async function () {
    const page = s().page;
    await s().showFile('requirements.txt');
    await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor();
    // One story: the lens says what the diagnostic says, never "up to date".
    await page.locator('.editor-instance .monaco-editor .codelens-decoration', { hasText: 'no version matches; latest 3.0' }).first().waitFor();
    // The hover tells the same story.
    const hover = await s().hoverText('acme-data', /from CodeArtifact/);
    assert.match(hover, /no version matches the declared range/);
    assert.doesNotMatch(hover, /up to date/i);
    await page.mouse.move(5, 5);
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

  it('renders a hostile server’s versions and tags in the hover as text: every link is ours, with one opaque id', async function () {
    const emulator = s().emulator;
    assert.ok(emulator);
    // A proxy (or a poisoned upstream) answers a packument with versions and tags made to become links. The package
    // is new to this window (a new manifest), so no cached answer hides the hostile one.
    const evil = '9.9.9](command:codeartifact.configureNpm?%5B%22x%22%5D) [x';
    const tag = '[t](command:workbench.action.terminal.new)';
    const name = '@acme/hostile-lib';
    const versions: Record<string, unknown> = { '3.0.1': { name, version: '3.0.1' }, [evil]: { name, version: evil }, '3.1.0': { name, version: '3.1.0' } };
    const packument = { name, 'dist-tags': { latest: evil, [tag]: '3.1.0' }, versions, time: { '3.0.1': '2024-01-01T00:00:00.000Z', [evil]: '2025-01-01T00:00:00.000Z', '3.1.0': '2024-06-01T00:00:00.000Z' } };
    emulator.setOverride(({ operation, url }) =>
      operation.startsWith('npm:') && !operation.includes('tarball') && decodeURIComponent(url.pathname).includes(name)
        ? { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(packument) }
        : undefined,
    );
    fs.mkdirSync(path.join(s().workspaceDir, 'hostile'), { recursive: true });
    fs.writeFileSync(path.join(s().workspaceDir, 'hostile', 'package.json'), JSON.stringify({ name: 'hostile', dependencies: { [name]: '^3.0.0' } }, null, 2));
    try {
      await s().openFile('hostile/package.json');
      const text = await s().hoverText(name, /from CodeArtifact/);
      assert.ok(text.includes(`Tags: ${tag} 3.1.0`), `the tag is shown as the text it is: ${text}`);
      // npm drops the version that is not semver; the rest of the packument is used.
      assert.match(text, /Latest: 3\.1\.0/);
      const links = await s()
        .page.locator('.monaco-editor .monaco-hover a')
        .evaluateAll((els: { getAttribute(n: string): string | null; textContent: string | null }[]) => els.map((a) => ({ href: a.getAttribute('data-href') ?? a.getAttribute('href') ?? '', label: (a.textContent ?? '').trim() })));
      assert.ok(links.length >= 2, `the hover has its own links: ${JSON.stringify(links)}`);
      const labels = /^(Update to latest|Update to latest compatible|Show versions|Show all \d+ versions|Copy install snippet|Reveal in CodeArtifact Explorer)$/;
      for (const link of links) {
        const m = /^command:([\w.]+)\?(.*)$/.exec(link.href);
        assert.ok(m && HOVER_COMMANDS.includes(m[1] ?? ''), `only our commands: ${JSON.stringify(link)}`);
        const args: unknown = JSON.parse(decodeURIComponent(m[2] ?? ''));
        assert.ok(Array.isArray(args) && args.length === 1 && typeof args[0] === 'string' && LINK_ID.test(args[0]), `one opaque id: ${JSON.stringify(link)}`);
        assert.match(link.label, labels, 'a fixed label');
      }
      await s().screenshot('hover-hostile-server');
    } finally {
      emulator.setOverride(undefined);
    }
  });
});
