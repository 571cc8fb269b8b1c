// "CodeArtifact: Configure uv / Poetry for a Repository…" in real VS Code: one command per tool that edits files
// (the where-step offers pyproject.toml, uv.toml, or a snippet), with the snippet document still reachable as its
// last choice; Remove Configuration gives pyproject.toml back byte for byte.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Seed } from '../emulator/seed';
import { DEFAULT_REGION, sessionPerSuite } from './harness';
import { quickInputTitle, signIn, startCommand as startPaletteCommand } from './paletteSteps';

const OWNER = '111122223333';
const KEY = 'AKIAE2EPYTHONTOOLS01';
const PROFILE = 'codeartifact-e2e';
const seed: Seed = {
  accounts: { [KEY]: OWNER },
  domains: [{ name: 'acme', owner: OWNER, region: DEFAULT_REGION, repositories: [{ name: 'shared' }] }],
  packages: [],
};
const PROJECT = '# demo\n[project]\nname = "demo"\nversion = "0.1.0"\n\n[tool.uv]\ndev-dependencies = []\n';

describe('e2e: Configure uv / Poetry for a Repository edit files, with a snippet as the last choice', function () {
  let fixture: string;
  let userDir: string;

  const s = sessionPerSuite(() => {
    fixture = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-pytools-fixture-'));
    fs.writeFileSync(path.join(fixture, 'pyproject.toml'), PROJECT);
    userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-pytools-user-'));
    return { name: 'configure-python-tools', seed, workspace: fixture, accessKeyId: KEY, profile: PROFILE, env: { POETRY_CONFIG_DIR: userDir } };
  });

  after(function () {
    fs.rmSync(fixture, { recursive: true, force: true });
    fs.rmSync(userDir, { recursive: true, force: true });
  });

  const startCommand = (title: string): Promise<void> => startPaletteCommand(s(), title);
  // The rows' texts hold each item's detail line too: keep the labels.
  const choices = (rows: string[]): string[] => rows.filter((r) => ['pyproject.toml', 'uv.toml', 'Show snippet instead'].includes(r));
  const title = (text: string) => quickInputTitle(s(), text);

  it('signs in', async function () {
    await s().openCodeArtifactView();
    await s().waitForExtensionsActivated();
    await signIn(s(), 'statusBar');
  });

  it('the palette has one uv and one Poetry command (the former "… in pyproject.toml" ids are not listed)', async function () {
    const page = s().page;
    await page.locator('.monaco-workbench').focus();
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill('>CodeArtifact: Configure uv');
    await s().quickPickRow('CodeArtifact: Configure uv for a Repository…').waitFor();
    const labels = await s().quickPickLabels();
    assert.deepEqual(labels.filter((l) => /Configure (uv|Poetry)/.test(l)), ['CodeArtifact: Configure uv for a Repository…'], labels.join(', '));
    await page.keyboard.press('Escape');
  });

  it('Configure uv: where (pyproject.toml, uv.toml, snippet), then how; writes [[tool.uv.index]] into pyproject.toml', async function () {
    await startCommand('CodeArtifact: Configure uv for a Repository…');
    await title('domain (1/4)').waitFor();
    await s().pickQuickPickItem('acme');
    await title('repository in acme (2/4)').waitFor();
    await s().pickQuickPickItem('shared');
    await title('where (3/4)').waitFor();
    assert.deepEqual(choices(await s().quickPickLabels()), ['pyproject.toml', 'uv.toml', 'Show snippet instead']);
    await s().pickQuickPickItem('pyproject.toml');
    await title('(4/4)').waitFor();
    await s().pickQuickPickItem('Replace PyPI');
    const summary = await s().waitForNotification(/Configured uv \(default index in pyproject\.toml\) for acme\/shared/);
    assert.match(summary, /UV_INDEX_<NAME>_USERNAME/);
    const project = fs.readFileSync(path.join(s().workspaceDir, 'pyproject.toml'), 'utf8');
    assert.ok(project.startsWith(PROJECT), project);
    assert.match(project, /\[\[tool\.uv\.index\]\]\nname = "codeartifact-acme-shared"\nurl = "[^"]+"\ndefault = true/);
    assert.equal(fs.existsSync(path.join(s().workspaceDir, 'uv.toml')), false);
    await s().screenshot('configured-uv');
  });

  it('Configure Poetry: "Show snippet instead" opens the snippet document and writes nothing', async function () {
    const page = s().page;
    const before = fs.readFileSync(path.join(s().workspaceDir, 'pyproject.toml'), 'utf8');
    await startCommand('CodeArtifact: Configure Poetry for a Repository…');
    await title('domain (1/4)').waitFor();
    await s().pickQuickPickItem('acme');
    await title('repository in acme (2/4)').waitFor();
    await s().pickQuickPickItem('shared');
    await title('where (3/4)').waitFor();
    assert.deepEqual(choices(await s().quickPickLabels()), ['pyproject.toml', 'Show snippet instead']);
    await s().pickQuickPickItem('Show snippet instead');
    await title('(4/4)').waitFor();
    await s().pickQuickPickItem('Add next to PyPI');
    await page.locator('.view-lines', { hasText: 'poetry source add --priority=supplemental codeartifact' }).first().waitFor();
    await s().screenshot('poetry-snippet');
    assert.equal(fs.readFileSync(path.join(s().workspaceDir, 'pyproject.toml'), 'utf8'), before);
    assert.equal(fs.existsSync(path.join(userDir, 'auth.toml')), false);
  });

  it('Remove Configuration gives pyproject.toml back byte for byte', async function () {
    await startCommand('CodeArtifact: Remove Configuration…');
    await title('Remove configuration').waitFor();
    await s().page.keyboard.press('Enter');
    await s().waitForNotification(/Removed 1 configuration/);
    assert.equal(fs.readFileSync(path.join(s().workspaceDir, 'pyproject.toml'), 'utf8'), PROJECT);
  });
});
