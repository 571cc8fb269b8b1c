// "Update All Dependencies in This File" (#17 item 7) in real VS Code (code-server, packaged VSIX) against the
// emulator with the demo seed: the editor-title button, the patch/minor/major pick, one edit that a single Undo
// takes back. The expected text is worked out here from the seed's versions with npm's own `semver` and a PEP 440
// library (not from the extension's code): minor = the newest Published, non-pre-release version with the same
// major, the range operator kept. Screenshots: test-results/screenshots/update-all-*.png.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as pep440 from '@renovatebot/pep440';
import * as semver from 'semver';
import type { Seed } from '../emulator/seed';
import { demoSeed, demoUserSettings, demoWorkspace, DEMO_ACCESS_KEY_ID } from './fixtures';
import { sessionPerSuite } from './harness';
import { signIn } from './paletteSteps';

const PROFILE = 'codeartifact-e2e';

/** The versions a client of acme/shared can install: shared, its upstreams, and their external connections. */
function installable(seed: Seed, format: 'npm' | 'pypi', matches: (namespace: string | undefined, name: string) => boolean): string[] {
  const domain = seed.domains.find((d) => d.name === 'acme');
  const shared = domain?.repositories?.find((r) => r.name === 'shared');
  const repos = ['shared', ...(shared?.upstreams ?? [])];
  const out: string[] = [];
  for (const p of seed.packages ?? []) {
    if (p.domain !== 'acme' || !repos.includes(p.repository) || p.format !== format || !matches(p.namespace, p.name)) continue;
    for (const v of p.versions) if ((v.status ?? 'Published') === 'Published') out.push(v.version);
  }
  for (const name of repos) {
    const connection = domain?.repositories?.find((r) => r.name === name)?.externalConnection;
    const listed = connection ? (seed.externalConnections?.[connection] ?? []) : [];
    for (const p of listed) if (format === (connection === 'public:npmjs' ? 'npm' : connection === 'public:pypi' ? 'pypi' : '') && matches(undefined, p.name)) for (const v of p.versions) out.push(v.version);
  }
  return out;
}

/** package.json's dependencies, each moved to the newest same-major version (npm's semver decides). */
function expectedNpmMinor(seed: Seed, text: string): { text: string; changed: number } {
  let changed = 0;
  const out = text.replace(/^(\s*"((?:@([^/"]+)\/)?([^"]+))":\s*")(\^|~)?(\d+\.\d+\.\d+)(")/gm, (all, head: string, _full, scope: string | undefined, name: string, op: string | undefined, from: string, tail: string) => {
    const versions = installable(seed, 'npm', (ns, n) => n === name && (ns ?? undefined) === (scope ?? undefined));
    const best = semver.maxSatisfying(
      versions.filter((v) => semver.prerelease(v) === null && semver.major(v) === semver.major(from) && semver.gt(v, from)),
      '*',
    );
    if (!best) return all;
    changed++;
    return `${head}${op ?? ''}${best}${tail}`;
  });
  return { text: out, changed };
}

const normalize = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');

/** requirements.txt's pins and floors, each moved to the newest same-major release (PEP 440 decides). */
function expectedPipMinor(seed: Seed, text: string): { text: string; changed: number } {
  let changed = 0;
  const out = text.replace(/^([A-Za-z0-9][A-Za-z0-9._-]*)(==|>=|~=)([0-9][0-9.]*)$/gm, (all, name: string, op: string, from: string) => {
    const major = (v: string) => pep440.explain(v)?.release[0];
    const candidates = installable(seed, 'pypi', (_ns, n) => normalize(n) === normalize(name)).filter(
      (v) => !pep440.explain(v)?.is_prerelease && major(v) === major(from) && pep440.gt(v, from),
    );
    const best = candidates.sort(pep440.compare).at(-1);
    if (!best) return all;
    changed++;
    return `${name}${op}${best}`;
  });
  return { text: out, changed };
}

describe('e2e: Update All Dependencies in This File (patch / minor / major)', function () {
  const seedFile = demoSeed().seed;
  const seed: Seed = typeof seedFile === 'string' ? (JSON.parse(fs.readFileSync(seedFile, 'utf8')) as Seed) : seedFile;
  const s = sessionPerSuite({ name: 'update-all', seed: seedFile, workspace: demoWorkspace(), accessKeyId: DEMO_ACCESS_KEY_ID, profile: PROFILE, settings: demoUserSettings() });

  const onDisk = (name: string): string => fs.readFileSync(path.join(s().workspaceDir, name), 'utf8');

  /** Saves the active editor (Ctrl+S in its text) and waits until the file on disk is `expected`'s length changed. */
  async function saveAndRead(name: string, before: string): Promise<string> {
    const page = s().page;
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click({ position: { x: 400, y: 5 } });
    await page.keyboard.press('Control+S');
    await page.locator('.tabs-container .tab.active.dirty', { hasText: name }).first().waitFor({ state: 'detached' });
    const deadline = Date.now() + 10_000;
    while (onDisk(name) === before && Date.now() < deadline) await page.waitForTimeout(100);
    return onDisk(name);
  }

  async function updateAll(name: string, level: 'Minor', expected: { text: string; changed: number }): Promise<void> {
    const page = s().page;
    const original = onDisk(name);
    await s().showFile(name);
    // The editor title's button, as a user finds it (the palette and the editor's context menu run the same command).
    const button = page.locator('.editor-actions .action-label[aria-label^="Update All Dependencies in This File"]').first();
    await button.waitFor();
    await button.click();
    await page.locator('.quick-input-widget .quick-input-title', { hasText: `Update all dependencies in ${name}` }).first().waitFor({ timeout: 60_000 });
    const labels = await s().quickPickLabels();
    const row = labels.find((l) => l.startsWith(`${level}:`));
    assert.equal(row, `${level}: ${expected.changed} ${expected.changed === 1 ? 'dependency' : 'dependencies'}`, `rows: ${labels.join(' | ')}`);
    await s().screenshot(`${name}-levels`);
    await s().pickQuickPickItem(row);
    await s().waitForNotification(`Updated ${expected.changed} ${expected.changed === 1 ? 'dependency' : 'dependencies'}`);
    await page.locator('.tabs-container .tab.active.dirty', { hasText: name }).first().waitFor();
    await s().screenshot(`${name}-updated`);
    assert.equal(await saveAndRead(name, original), expected.text);
    // One edit: a single Undo gives back the file as it was.
    await page.keyboard.press('Control+Z');
    assert.equal(await saveAndRead(name, expected.text), original);
  }

  it('signs in (profile, then region)', async function () {
    await s().waitForExtensionsActivated();
    await signIn(s(), 'notification');
  });

  it('package.json: Minor moves every range to the newest same-major version in one undoable edit', async function () {
    const expected = expectedNpmMinor(seed, onDisk('package.json'));
    // The oracle must have found something to do, or the test proves nothing.
    assert.ok(expected.changed >= 3, `expected changes: ${expected.changed}`);
    await updateAll('package.json', 'Minor', expected);
  });

  it('requirements.txt: Minor moves the pins and floors the same way', async function () {
    const expected = expectedPipMinor(seed, onDisk('requirements.txt'));
    assert.ok(expected.changed >= 1, `expected changes: ${expected.changed}`);
    await updateAll('requirements.txt', 'Minor', expected);
  });
});
