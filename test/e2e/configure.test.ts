// "CodeArtifact: Configure npm" in real VS Code (code-server, packaged VSIX), as a user runs it: sign in,
// run the command from the palette, pick domain and repository, type a scope; then the files on disk and
// the status bar say what happened. Then "Remove Configuration" gives the workspace back.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Seed } from '../emulator/seed';
import { DEFAULT_REGION, sessionPerSuite } from './harness';
import { quickInputTitle, signIn, startCommand } from './paletteSteps';

const OWNER = '111122223333';
const KEY = 'AKIAE2ECONFIGURE0001';
const PROFILE = 'codeartifact-e2e';
const seed: Seed = {
  accounts: { [KEY]: OWNER },
  domains: [{ name: 'acme', owner: OWNER, region: DEFAULT_REGION, repositories: [{ name: 'shared', description: 'Company packages' }, { name: 'python' }] }],
  packages: [{ domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', name: 'ui-kit', versions: [{ version: '2.1.0' }] }],
};

describe('e2e: configure npm from the command palette', function () {
  let fixture: string;
  /** Where the user npmrc goes: npm_config_userconfig, which npx/npm set for everything they start (the real ~/.npmrc otherwise). */
  let userDir: string;

  const s = sessionPerSuite(() => {
    fixture = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-configure-fixture-'));
    fs.writeFileSync(path.join(fixture, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { '@acme/ui-kit': '^2.1.0' } }, null, 2));
    fs.writeFileSync(path.join(fixture, '.npmrc'), '# my project settings\nfund=false\n');
    fs.writeFileSync(path.join(fixture, 'requirements.txt'), 'acme-utils>=2.0\n');
    userDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-configure-user-'));
    const userconfig = path.join(userDir, '.npmrc');
    return {
      name: 'configure',
      seed,
      workspace: fixture,
      accessKeyId: KEY,
      profile: PROFILE,
      env: { npm_config_userconfig: userconfig, NPM_CONFIG_USERCONFIG: userconfig, PIP_CONFIG_FILE: path.join(userDir, 'pip.conf') },
    };
  });

  after(function () {
    fs.rmSync(fixture, { recursive: true, force: true });
    fs.rmSync(userDir, { recursive: true, force: true });
  });

  it('signs in', async function () {
    await s().openCodeArtifactView();
    await s().waitForExtensionsActivated();
    await signIn(s(), 'statusBar');
  });

  it('configures npm for acme/shared with scope @acme: registry in the project, token only in ~/.npmrc, status bar shows the token', async function () {
    const page = s().page;
    await startCommand(s(), 'CodeArtifact: Configure npm for a Repository…');
    await quickInputTitle(s(), 'domain (1/3)').waitFor();
    await s().pickQuickPickItem('acme');
    await quickInputTitle(s(), 'repository in acme (2/3)').waitFor();
    await s().quickPickRow('python').waitFor();
    const repos = await s().quickPickLabels();
    assert.ok(repos.includes('shared') && repos.includes('python'), `repositories offered: ${repos.join(', ')}`);
    await s().pickQuickPickItem('shared');
    const input = page.locator('.quick-input-widget input.input');
    await quickInputTitle(s(), 'npm scope (optional) (3/3)').waitFor();
    // Back (the quick input's left action) returns to the repository step, starting on the repository chosen.
    await page.locator('.quick-input-widget .quick-input-left-action-bar .action-label').first().click();
    await quickInputTitle(s(), 'repository in acme (2/3)').waitFor();
    const active = page.locator('.quick-input-widget .monaco-list-row.focused .label-name').first();
    await active.waitFor();
    assert.equal((await active.textContent())?.trim(), 'shared');
    await page.keyboard.press('Enter');
    await quickInputTitle(s(), 'npm scope (optional) (3/3)').waitFor();
    await input.fill('@acme');
    await page.keyboard.press('Enter');

    const message = await s().waitForNotification(/Configured npm \(@acme\) for acme\/shared/);
    assert.match(message, /@acme:registry/);
    await page.locator('.statusbar', { hasText: /token expires in (11 h 5\d min|12 h)/ }).waitFor();
    await page.locator('.notifications-toasts .notification-list-item-message', { hasText: 'Configuring npm' }).waitFor({ state: 'detached' });
    await s().screenshot('configured-npm');

    const endpoint = `${s().emulator?.endpoint ?? ''}/acme-${OWNER}/npm/shared/`;
    const project = fs.readFileSync(path.join(s().workspaceDir, '.npmrc'), 'utf8');
    assert.ok(project.startsWith('# my project settings\nfund=false\n'), project);
    assert.ok(project.includes(`@acme:registry=${endpoint}`), project);
    assert.ok(!project.includes('_authToken'), 'no token in the workspace');
    const userNpmrc = path.join(userDir, '.npmrc');
    const user = fs.readFileSync(userNpmrc, 'utf8');
    const token = /:_authToken=(\S+)/.exec(user)?.[1];
    assert.ok(token && token.startsWith('cae.'), 'the user npmrc holds the token');
    assert.equal(fs.statSync(userNpmrc).mode & 0o777, 0o600);
    // The token must not reach anything in the workspace.
    for (const name of fs.readdirSync(s().workspaceDir, { recursive: true }) as string[]) {
      const file = path.join(s().workspaceDir, name);
      if (fs.statSync(file).isFile()) assert.ok(!fs.readFileSync(file, 'utf8').includes(token), `token in ${name}`);
    }
  });

  it('Refresh Token gets a new token after the old one expired and rewrites ~/.npmrc', async function () {
    const userNpmrc = path.join(userDir, '.npmrc');
    const before = /:_authToken=(\S+)/.exec(fs.readFileSync(userNpmrc, 'utf8'))?.[1];
    s().emulator?.store.expireAllTokens();
    await s().runCommand('CodeArtifact: Refresh Token');
    await s().waitForNotification(/Refreshed 1 CodeArtifact token/);
    const after = /:_authToken=(\S+)/.exec(fs.readFileSync(userNpmrc, 'utf8'))?.[1];
    assert.ok(after && before && after !== before, 'the user npmrc holds a new token');
    const project = fs.readFileSync(path.join(s().workspaceDir, '.npmrc'), 'utf8');
    assert.ok(!project.includes(after), 'still no token in the workspace');
  });

  it('removes the configuration: the project .npmrc is back byte for byte and ~/.npmrc is gone', async function () {
    const page = s().page;
    await startCommand(s(), 'CodeArtifact: Remove Configuration…');
    await quickInputTitle(s(), 'Remove configuration').waitFor();
    await page.keyboard.press('Enter');
    await s().waitForNotification(/Removed 2 configuration/);
    assert.equal(fs.readFileSync(path.join(s().workspaceDir, '.npmrc'), 'utf8'), '# my project settings\nfund=false\n');
    assert.equal(fs.existsSync(path.join(userDir, '.npmrc')), false);
    await s().screenshot('removed');
  });

  it('Configure Workspace configures every tool it found in one go, tells once, and Undo takes back what it added', async function () {
    const page = s().page;
    await startCommand(s(), 'CodeArtifact: Configure Workspace for a Repository…');
    await quickInputTitle(s(), 'tools found in').waitFor();
    await quickInputTitle(s(), '(1/5)').waitFor();
    const tools = await s().quickPickLabels();
    assert.ok(tools.includes('npm') && tools.includes('pip'), `tools found: ${tools.join(', ')}`);
    await page.keyboard.press('Enter');
    await quickInputTitle(s(), 'domain (2/5)').waitFor();
    await s().pickQuickPickItem('acme');
    await quickInputTitle(s(), 'repository in acme (3/5)').waitFor();
    await s().pickQuickPickItem('shared');
    await quickInputTitle(s(), 'npm scope').waitFor();
    await page.keyboard.press('Enter');
    // Every question comes before any writing, counted: npm scope (4/5), then pip's mode (5/5).
    await quickInputTitle(s(), 'pip for acme/shared (5/5)').waitFor();
    await s().pickQuickPickItem('Replace PyPI (index-url)');
    // One summary for both, while the npm step's own toast never had to be closed.
    const summary = await s().waitForNotification(/Configured npm, pip \(index-url\) for acme\/shared \(\d+ files changed\)/);
    assert.doesNotMatch(summary, /Not configured/);
    const pipConf = path.join(userDir, 'pip.conf');
    assert.match(fs.readFileSync(pipConf, 'utf8'), /index-url = /);
    assert.match(fs.readFileSync(path.join(s().workspaceDir, '.npmrc'), 'utf8'), /^registry=/m);
    await s().screenshot('configured-workspace');
    const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: /Configured npm, pip/ }).first();
    await toast.locator('.monaco-button', { hasText: 'Undo' }).first().click();
    await s().waitForNotification(/Undone: the \d+ configurations Configure Workspace added are removed/);
    assert.equal(fs.readFileSync(path.join(s().workspaceDir, '.npmrc'), 'utf8'), '# my project settings\nfund=false\n');
    assert.equal(fs.existsSync(pipConf), false, 'pip.conf was created for this, so Undo deletes it');
    assert.equal(fs.existsSync(path.join(userDir, '.npmrc')), false);
  });
});
