// "CodeArtifact: Configure Workspace" in real VS Code on a folder whose pyproject.toml is used by uv and Poetry: one
// counted pick, the pyproject.toml entries and Poetry's auth.toml written (no snippets document), one summary whose
// Copy Environment Export puts uv's variables on the clipboard; Remove Configuration gives pyproject.toml back.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Seed } from '../emulator/seed';
import { DEFAULT_REGION, sessionPerSuite } from './harness';
import { quickInputTitle, signIn, startCommand } from './paletteSteps';

const OWNER = '111122223333';
const KEY = 'AKIAE2EWORKSPACEPY01';
const PROFILE = 'codeartifact-e2e';
const seed: Seed = {
  accounts: { [KEY]: OWNER },
  domains: [{ name: 'acme', owner: OWNER, region: DEFAULT_REGION, repositories: [{ name: 'shared' }] }],
  packages: [],
};
const PROJECT = '# demo\n[tool.poetry]\nname = "demo"\nversion = "0.1.0"\n\n[tool.uv]\ndev-dependencies = []\n';

describe('e2e: Configure Workspace writes uv and Poetry into pyproject.toml', function () {
  let fixture: string;
  let userDir: string;

  const s = sessionPerSuite(() => {
    fixture = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-wspy-fixture-'));
    fs.writeFileSync(path.join(fixture, 'pyproject.toml'), PROJECT);
    userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-wspy-user-'));
    return { name: 'configure-workspace-python', seed, workspace: fixture, accessKeyId: KEY, profile: PROFILE, env: { POETRY_CONFIG_DIR: userDir } };
  });

  after(function () {
    fs.rmSync(fixture, { recursive: true, force: true });
    fs.rmSync(userDir, { recursive: true, force: true });
  });

  const title = (text: string) => quickInputTitle(s(), text);

  it('signs in', async function () {
    await s().openCodeArtifactView();
    await s().waitForExtensionsActivated();
    await s().page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s().url });
    await signIn(s(), 'statusBar');
  });

  it('asks uv and Poetry in one counted pick, writes pyproject.toml and auth.toml, and the summary copies uv’s variables', async function () {
    const page = s().page;
    await startCommand(s(), 'CodeArtifact: Configure Workspace for a Repository…');
    await title('(1/5)').waitFor();
    const tools = await s().quickPickLabels();
    assert.ok(tools.includes('uv') && tools.includes('Poetry') && !tools.includes('pip'), `tools found: ${tools.join(', ')}`);
    await page.keyboard.press('Enter');
    await title('domain (2/5)').waitFor();
    await s().pickQuickPickItem('acme');
    await title('repository in acme (3/5)').waitFor();
    await s().pickQuickPickItem('shared');
    await title('uv for acme/shared (4/5)').waitFor();
    await s().pickQuickPickItem('Replace PyPI');
    await title('Poetry for acme/shared (5/5)').waitFor();
    await s().pickQuickPickItem('Add next to PyPI');
    const summary = await s().waitForNotification(/Configured uv \(default index in pyproject\.toml\), Poetry \(supplemental source in pyproject\.toml\) for acme\/shared/);
    assert.match(summary, /UV_INDEX_<NAME>_USERNAME/);
    assert.doesNotMatch(summary, /Not configured/);
    const project = fs.readFileSync(path.join(s().workspaceDir, 'pyproject.toml'), 'utf8');
    assert.ok(project.startsWith(PROJECT), project);
    assert.match(project, /\[\[tool\.uv\.index\]\]\nname = "codeartifact-acme-shared"/);
    assert.match(project, /\[\[tool\.poetry\.source\]\]\nname = "codeartifact-acme-shared"/);
    const auth = fs.readFileSync(path.join(userDir, 'auth.toml'), 'utf8');
    const token = /password = "([^"]+)"/.exec(auth)?.[1];
    assert.ok(token && !project.includes(token), 'the token is in auth.toml only');
    // No snippets document was opened.
    assert.equal(await page.locator('.tab', { hasText: 'Untitled' }).count(), 0);
    await page.locator('.notifications-toasts .notification-list-item', { hasText: 'Configuring 2 tools' }).waitFor({ state: 'hidden' });
    await s().screenshot('configured-uv-poetry');
    const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: /Configured uv/ }).first();
    await toast.locator('.monaco-button', { hasText: 'Copy Environment Export' }).first().click();
    await s().waitForNotification(/Copied UV_INDEX_CODEARTIFACT_ACME_SHARED_USERNAME, UV_INDEX_CODEARTIFACT_ACME_SHARED_PASSWORD/);
    const copied = await page.evaluate<string>('navigator.clipboard.readText()');
    assert.match(copied, /UV_INDEX_CODEARTIFACT_ACME_SHARED_USERNAME='?aws/);
    assert.ok(copied.includes(token), 'the export holds the token');
  });

  it('Remove Configuration gives pyproject.toml back byte for byte and deletes auth.toml', async function () {
    await startCommand(s(), 'CodeArtifact: Remove Configuration…');
    await title('Remove configuration').waitFor();
    await s().page.keyboard.press('Enter');
    await s().waitForNotification(/Removed 3 configuration/);
    assert.equal(fs.readFileSync(path.join(s().workspaceDir, 'pyproject.toml'), 'utf8'), PROJECT);
    assert.equal(fs.existsSync(path.join(userDir, 'auth.toml')), false);
  });
});
