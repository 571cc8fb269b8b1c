// The packaged extension in real VS Code: an emulator, a throw-away AWS config, a throw-away VS Code profile with
// the VSIX installed, code-server on 127.0.0.1 and headless Chromium driven by playwright-core. Every process it
// starts is stopped by `stop()`, including after a failed test; nothing touches the real user's home or AWS files.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { Seed } from '../emulator/seed';
import type { Emulator } from '../emulator/server';
import { killAllNow, startProcess, stopProcess, waitForLog, type Started } from './processes';
import { provision, repoRoot, vsixPath, withoutOuterNpm, type Toolchain } from './provision';

/** Static keys the emulator accepts (unknown keys act as the seed's first account). Fake by design. */
export const FAKE_ACCESS_KEY_ID = 'AKIAE2ETESTEXAMPLE01';
export const FAKE_SECRET_ACCESS_KEY = 'e2e-fake-secret-access-key-not-a-real-one';
export const DEFAULT_REGION = 'us-west-2';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The first start of a fresh profile is slow (extension scan, workbench bundle): waits are generous. */
export const STARTUP_TIMEOUT_MS = 120_000;
export const UI_TIMEOUT_MS = 30_000;

export type RunningEmulator = Emulator;
type EmulatorModule = typeof import('../emulator/server');

/** Loads the emulator at run time, so a session that needs none still starts while the emulator is being changed. */
function loadEmulator(): EmulatorModule {
  return createRequire(__filename)('../emulator/server') as EmulatorModule;
}

/** Starts the emulator on a free port from a seed object or a seed file. */
export async function startSeededEmulator(seed: Seed | string, latencyMs?: number): Promise<RunningEmulator> {
  return await loadEmulator().startEmulator({ seed, port: 0, ...(latencyMs !== undefined ? { latencyMs } : {}) });
}

export interface AwsProfileFiles {
  configFile: string;
  credentialsFile: string;
}

/** Writes an AWS config + credentials pair with `default` and `profile` both holding the fake static keys. */
export function writeAwsFiles(dir: string, profile: string, region: string, accessKeyId = FAKE_ACCESS_KEY_ID): AwsProfileFiles {
  fs.mkdirSync(dir, { recursive: true });
  const configFile = path.join(dir, 'config');
  const credentialsFile = path.join(dir, 'credentials');
  const names = profile === 'default' ? ['default'] : ['default', profile];
  fs.writeFileSync(
    configFile,
    names.map((n) => `[${n === 'default' ? 'default' : `profile ${n}`}]\nregion = ${region}\noutput = json\n`).join('\n'),
    { mode: 0o600 },
  );
  fs.writeFileSync(
    credentialsFile,
    names.map((n) => `[${n}]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${FAKE_SECRET_ACCESS_KEY}\n`).join('\n'),
    { mode: 0o600 },
  );
  return { configFile, credentialsFile };
}

/** The user settings of a throw-away profile: a quiet window, plus the extension pointed at the emulator. */
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>, workspaceTrust = false): void {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  const all = {
    // With trust on, the folder opens in Restricted Mode without the startup dialog (the test trusts it through the UI).
    ...(workspaceTrust ? { 'security.workspace.trust.startupPrompt': 'never' } : { 'security.workspace.trust.enabled': false }),
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    // Explicit, so that a test that checks "unsaved until the user saves" never depends on a product default.
    'files.autoSave': 'off',
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    ...settings,
  };
  const text = `${JSON.stringify(all, null, 2)}\n`;
  fs.writeFileSync(path.join(dir, 'settings.json'), text);
  // code-server is a remote setup: settings of scope "machine"/"machine-overridable" (ours) are read from the
  // server's Machine/settings.json and ignored in User/settings.json, so write both.
  fs.mkdirSync(path.join(userDataDir, 'Machine'), { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'Machine', 'settings.json'), text);
}

/** The environment for code-server: Node 24 first on PATH, a temp HOME, our AWS files, nothing from the caller's AWS/VS Code session. */
export function codeServerEnv(toolchain: Toolchain, home: string, aws: AwsProfileFiles, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  // Without the outer npm's variables: npm_config_userconfig would point the extension at the real ~/.npmrc.
  for (const [key, value] of Object.entries(withoutOuterNpm(process.env))) {
    if (/^(AWS_|VSCODE_|ELECTRON_|CODE_SERVER_|XDG_)/.test(key) || key === 'PASSWORD' || key === 'HASHED_PASSWORD' || key === 'PORT') continue;
    env[key] = value;
  }
  return {
    ...env,
    PATH: `${toolchain.nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    AWS_CONFIG_FILE: aws.configFile,
    AWS_SHARED_CREDENTIALS_FILE: aws.credentialsFile,
    // The SDK must not wander off to the instance metadata service on this machine.
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

export interface CodeServerProfile {
  userDataDir: string;
  extensionsDir: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  /** More code-server / VS Code arguments, e.g. `--disable-extension vscode.npm`. */
  extraArgs?: string[];
}

/** Installs VSIX files into the profile with code-server's own CLI (what a user's `--install-extension` does). */
export async function installExtensions(toolchain: Toolchain, profile: CodeServerProfile, vsixFiles: string[]): Promise<void> {
  for (const vsix of vsixFiles) {
    if (!fs.existsSync(vsix)) throw new Error(`VSIX not found: ${vsix} (build it with npm run package)`);
    const started = startProcess(
      toolchain.nodePath,
      [
        toolchain.codeServerEntry,
        '--user-data-dir',
        profile.userDataDir,
        '--extensions-dir',
        profile.extensionsDir,
        '--install-extension',
        vsix,
        '--force',
      ],
      { env: profile.env, logFile: profile.logFile },
    );
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([
      started.exited,
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), 120_000);
      }),
    ]);
    clearTimeout(timer);
    if (result === 'timeout') {
      await stopProcess(started);
      throw new Error(`Installing ${path.basename(vsix)} took over 120s; see ${profile.logFile}`);
    }
    if (result.code !== 0) throw new Error(`Installing ${path.basename(vsix)} failed (exit ${result.code}); see ${profile.logFile}`);
  }
}

export interface RunningCodeServer {
  url: string;
  process: Started;
}

/** Starts code-server on 127.0.0.1 with a port the OS picks, and returns once it listens. */
export async function startCodeServer(toolchain: Toolchain, profile: CodeServerProfile, port = 0, workspaceTrust = false): Promise<RunningCodeServer> {
  // An empty config file keeps code-server from writing one into HOME and from reading the user's.
  const configFile = path.join(profile.userDataDir, 'code-server.yaml');
  fs.writeFileSync(configFile, '');
  const started = startProcess(
    toolchain.nodePath,
    [
      toolchain.codeServerEntry,
      '--config',
      configFile,
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--auth',
      'none',
      '--user-data-dir',
      profile.userDataDir,
      '--extensions-dir',
      profile.extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--ignore-last-opened',
      ...(profile.extraArgs ?? []),
    ],
    { env: profile.env, logFile: profile.logFile },
  );
  try {
    const match = await waitForLog(profile.logFile, /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\//, started, 60_000, 'code-server');
    return { url: match[1] ?? '', process: started };
  } catch (err) {
    await stopProcess(started);
    throw err;
  }
}

/**
 * The README's pictures come from e2e runs, but only when asked (`npm run screenshots`), so a plain `npm test`
 * never rewrites tracked files.
 */
export function publishReadmeScreenshot(shot: string, name: string): void {
  if (process.env.CODEARTIFACT_UPDATE_SCREENSHOTS !== '1') return;
  fs.copyFileSync(shot, path.join(repoRoot(), 'media', name));
}

export function resultsDir(...parts: string[]): string {
  const dir = path.join(repoRoot(), 'test-results', ...parts);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

export interface SessionOptions {
  /** Names the session's logs and screenshots. */
  name: string;
  /** Seed object or seed file for the emulator; omit for a session with no emulator. */
  seed?: Seed | string;
  latencyMs?: number;
  /** Fixture workspace to open; it is copied to a temp folder first so tests may change it freely. */
  workspace?: string;
  /** Value of `codeartifact.profile`; the AWS files always hold this profile (or `default`). */
  profile?: string;
  region?: string;
  /** Access key id in the AWS files (the emulator maps it to an account); a fake key by default. */
  accessKeyId?: string;
  /** Extra user settings, applied last. */
  settings?: Record<string, unknown>;
  /** More VSIX files to install next to the extension (the in-host test driver). */
  extraVsix?: string[];
  /** More environment variables for code-server and its extension host. */
  env?: NodeJS.ProcessEnv;
  /** More code-server arguments. */
  codeServerArgs?: string[];
  /** Keep the temp folder after stop() (for debugging). */
  keepTemp?: boolean;
  /** Workspace trust as users have it (on): the folder opens in Restricted Mode. Off by default. */
  workspaceTrust?: boolean;
  /** Files written into the workspace copy (relative path → text) before VS Code starts. */
  files?: Record<string, string>;
}

/** One running VS Code with our extension, seen through a Chromium page. */
export class VsCodeSession {
  private browser: Browser | undefined;
  private server: RunningCodeServer | undefined;
  private stopped = false;
  page!: Page;
  emulator: RunningEmulator | undefined;
  /** code-server's base URL (`http://127.0.0.1:PORT`). */
  url = '';
  workspaceDir = '';
  readonly tempDir: string;
  readonly logFile: string;
  readonly screenshots: string[] = [];

  private constructor(readonly options: SessionOptions) {
    this.tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'codeartifact-e2e-'));
    if (options.keepTemp !== true) removeOnExit(this.tempDir);
    this.logFile = path.join(resultsDir('logs'), `${options.name}.code-server.log`);
    fs.writeFileSync(this.logFile, '');
  }

  /** Starts everything; on any failure, stops what was started and rethrows. */
  static async start(options: SessionOptions): Promise<VsCodeSession> {
    const session = new VsCodeSession(options);
    try {
      await session.boot();
      return session;
    } catch (err) {
      await session.stop();
      throw err;
    }
  }

  private async boot(): Promise<void> {
    const toolchain = await provision({ quiet: true });
    const region = this.options.region ?? DEFAULT_REGION;
    const profileName = this.options.profile ?? 'codeartifact-e2e';
    if (this.options.seed !== undefined) this.emulator = await startSeededEmulator(this.options.seed, this.options.latencyMs);

    const home = path.join(this.tempDir, 'home');
    fs.mkdirSync(home, { recursive: true });
    const aws = writeAwsFiles(path.join(home, '.aws'), profileName, region, this.options.accessKeyId);
    const profile: CodeServerProfile = {
      userDataDir: path.join(this.tempDir, 'user-data'),
      extensionsDir: path.join(this.tempDir, 'extensions'),
      env: codeServerEnv(toolchain, home, aws, {
        // Lets in-host tests compare what the extension sees with what the harness configured.
        ...(this.emulator !== undefined ? { CODEARTIFACT_E2E_ENDPOINT: this.emulator.endpoint } : {}),
        ...this.options.env,
      }),
      logFile: this.logFile,
      ...(this.options.codeServerArgs ? { extraArgs: this.options.codeServerArgs } : {}),
    };
    writeUserSettings(profile.userDataDir, {
      'codeartifact.region': region,
      ...(this.options.profile !== undefined ? { 'codeartifact.profile': this.options.profile } : {}),
      ...(this.emulator !== undefined ? { 'codeartifact.endpoint': this.emulator.endpoint } : {}),
      ...this.options.settings,
    }, this.options.workspaceTrust === true);
    await installExtensions(toolchain, profile, [vsixPath(), ...(this.options.extraVsix ?? [])]);

    this.workspaceDir = path.join(this.tempDir, 'workspace');
    if (this.options.workspace !== undefined) fs.cpSync(this.options.workspace, this.workspaceDir, { recursive: true });
    else fs.mkdirSync(this.workspaceDir, { recursive: true });
    for (const [name, text] of Object.entries(this.options.files ?? {})) {
      fs.mkdirSync(path.dirname(path.join(this.workspaceDir, name)), { recursive: true });
      fs.writeFileSync(path.join(this.workspaceDir, name), text);
    }

    this.server = await startCodeServer(toolchain, profile, 0, this.options.workspaceTrust === true);
    this.url = this.server.url;
    this.browser = await chromium.launch({ executablePath: toolchain.chromiumPath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
    const context = await this.browser.newContext({ viewport: { width: 1280, height: 800 } });
    this.page = await context.newPage();
    this.page.setDefaultTimeout(UI_TIMEOUT_MS);
    await this.page.goto(`${this.url}/?folder=${encodeURIComponent(this.workspaceDir)}`, { timeout: STARTUP_TIMEOUT_MS });
    await this.page.locator('.monaco-workbench').waitFor({ timeout: STARTUP_TIMEOUT_MS });
    // The activity bar entry comes from our manifest: seeing it means the extension was installed and scanned.
    await this.activityBarEntry().waitFor({ timeout: STARTUP_TIMEOUT_MS });
  }

  /** Reloads the window (as "Developer: Reload Window" does) and waits for the workbench and our extension again. */
  async reload(): Promise<void> {
    await this.page.reload({ timeout: STARTUP_TIMEOUT_MS });
    await this.page.locator('.monaco-workbench').waitFor({ timeout: STARTUP_TIMEOUT_MS });
    await this.activityBarEntry().waitFor({ timeout: STARTUP_TIMEOUT_MS });
    await this.waitForExtensionsActivated();
  }

  /** The view container's activity-bar entry (its aria-label is the container title). */
  activityBarEntry(): Locator {
    return this.page.locator('.activitybar .action-item .action-label[aria-label="CodeArtifact"]').first();
  }

  /** The side bar, where our view container renders. */
  sideBar(): Locator {
    return this.page.locator('#workbench\\.parts\\.sidebar');
  }

  /** Opens the CodeArtifact view container (a click only when it is not already open). */
  async openCodeArtifactView(): Promise<Locator> {
    const item = this.page.locator('.activitybar li.action-item:has(> .action-label[aria-label="CodeArtifact"])').first();
    if ((await item.getAttribute('aria-expanded')) !== 'true') {
      await this.activityBarEntry().click();
      // Move off the icon so its tooltip does not cover the view in screenshots.
      await this.page.mouse.move(800, 400);
    }
    const title = this.sideBar().locator('.composite.title');
    await title.filter({ hasText: /CodeArtifact/i }).waitFor();
    await this.page.locator('.workbench-hover-container, .monaco-hover').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    return this.sideBar();
  }

  /** The labels of the rows of the open quick pick (waits for at least one row). */
  async quickPickLabels(): Promise<string[]> {
    const labels = this.page.locator('.quick-input-widget .monaco-list-row .label-name');
    await labels.first().waitFor();
    return (await labels.allTextContents()).map((t) => t.trim());
  }

  /** Picks the quick pick row whose label is exactly `label`. */
  async pickQuickPickItem(label: string): Promise<void> {
    const row = this.quickPickRow(label);
    await row.waitFor();
    await this.activateQuickPickRow(row);
  }

  /** Clicks a quick-pick row (a palette that closes under the click is a failure to find, not to paper over). */
  async activateQuickPickRow(row: Locator): Promise<void> {
    await row.click();
  }

  /** Opens a workspace file (path relative to the workspace) through Quick Open and waits for its editor tab. */
  async openFile(relativePath: string): Promise<Locator> {
    await this.page.locator('.monaco-workbench').focus();
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible' });
    await input.fill(relativePath);
    const name = path.basename(relativePath);
    const dir = path.dirname(relativePath);
    if (dir === '.') {
      await this.quickPickRow(name).waitFor();
      await this.page.keyboard.press('Enter');
      await this.page.locator('.tabs-container .tab', { hasText: name }).first().waitFor();
    } else {
      // Another file of that name may rank first (recently opened): pick the row of this folder.
      const row = this.page
        .locator('.quick-input-widget .monaco-list-row')
        .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(name)}\\s*$`) }) })
        .filter({ has: this.page.locator('.label-description', { hasText: dir }) })
        .first();
      await row.click();
      await this.page.locator('.tabs-container .tab.active', { hasText: name }).filter({ hasText: path.basename(dir) }).first().waitFor();
    }
    return this.page.locator('.editor-instance .monaco-editor').first();
  }

  /** The editor's rendered token that contains `text` (first match). */
  token(text: string): Locator {
    return this.page.locator('.editor-instance .monaco-editor .view-lines .view-line span span', { hasText: text }).first();
  }

  /**
   * Moves the mouse onto the start of the token and returns the text of the hover that appears with `expect` in
   * it. A hover can be swallowed by a re-render (a code lens arriving), so a person would move away and back: so
   * do we, at most three times.
   */
  async hoverText(text: string, expect: RegExp): Promise<string> {
    const page = this.page;
    const hover = page.locator('.monaco-editor .monaco-hover', { hasText: expect }).first();
    for (let attempt = 1; ; attempt++) {
      await page.mouse.move(5, 5);
      await page.locator('.monaco-editor .monaco-hover').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
      const target = this.token(text);
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
  async showFile(name: string): Promise<void> {
    const tab = this.page.locator('.tabs-container .tab', { hasText: name }).first();
    if ((await tab.count()) > 0) await tab.click();
    else await this.openFile(name);
    await this.page.locator('.tabs-container .tab.active', { hasText: name }).first().waitFor();
  }

  /** Waits until the workbench has finished activating extensions (the status bar says so while it works). */
  async waitForExtensionsActivated(timeoutMs = STARTUP_TIMEOUT_MS): Promise<void> {
    await this.page.locator('.statusbar', { hasText: 'Activating Extensions' }).waitFor({ state: 'detached', timeout: timeoutMs });
  }

  /** The text of the Output panel's visible editor (after a command such as "CodeArtifact: Show Logs"). */
  outputPanelText(): Locator {
    return this.page.locator('#workbench\\.parts\\.panel .monaco-editor .view-lines');
  }

  /** The welcome content of our explorer view (shown while signed out). */
  welcomeView(): Locator {
    return this.sideBar().locator('.welcome-view-content');
  }

  /** Runs a command by its palette title (e.g. "CodeArtifact: Show Logs") through F1. */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input.input');
    // Focus the workbench, not a webview or the browser chrome, so F1 reaches VS Code's keybinding service.
    await this.page.locator('.monaco-workbench').focus();
    await this.page.keyboard.press('F1');
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    const row = this.quickPickRow(title);
    await row.waitFor();
    await this.activateQuickPickRow(row);
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' }).catch(() => undefined);
  }

  /** A row of the open quick pick / command palette whose label is exactly `label`. */
  quickPickRow(label: string): Locator {
    return this.page
      .locator('.quick-input-widget .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) })
      .first();
  }

  /** The messages of the notification toasts now on screen. */
  async notifications(): Promise<string[]> {
    const texts = await this.page.locator('.notifications-toasts .notification-list-item-message').allTextContents();
    return texts.map((t) => t.trim());
  }

  /** Waits for a notification toast whose message matches. */
  async waitForNotification(pattern: RegExp | string, timeoutMs = UI_TIMEOUT_MS): Promise<string> {
    const toast = this.page.locator('.notifications-toasts .notification-list-item-message', { hasText: pattern }).first();
    await toast.waitFor({ timeout: timeoutMs });
    return ((await toast.textContent()) ?? '').trim();
  }

  /**
   * A notification shown at some point, as a toast or (toasts move there after a while, or before the page was
   * looking) in the notification centre, which this opens and closes again.
   */
  async waitForNotificationAnywhere(pattern: RegExp | string, timeoutMs = UI_TIMEOUT_MS): Promise<string> {
    const toast = this.page.locator('.notifications-toasts .notification-list-item-message', { hasText: pattern }).first();
    if (await toast.waitFor({ timeout: 5_000 }).then(() => true, () => false)) return ((await toast.textContent()) ?? '').trim();
    await this.runCommand('Notifications: Show Notifications');
    const item = this.page.locator('.notifications-center .notification-list-item-message', { hasText: pattern }).first();
    await item.waitFor({ timeout: timeoutMs });
    const text = ((await item.textContent()) ?? '').trim();
    await this.runCommand('Notifications: Hide Notifications');
    return text;
  }

  /** A tree item in the side bar by its label (the row's accessible name starts with the label). */
  treeItem(label: string): Locator {
    return this.sideBar()
      .locator('.monaco-list-row[role="treeitem"]')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) })
      .first();
  }

  /** Expands a tree item with its twistie (a version row's click opens its details instead) and waits for its first child row. */
  async expandTreeItem(label: string): Promise<void> {
    const r = this.treeItem(label);
    await r.waitFor();
    if ((await r.getAttribute('aria-expanded')) !== 'true') await r.locator('.monaco-tl-twistie').click();
    const index = Number(await r.getAttribute('data-index'));
    const level = Number(await r.getAttribute('aria-level'));
    await this.sideBar().locator(`.monaco-list-row[data-index="${index + 1}"][aria-level="${level + 1}"]`).waitFor();
  }

  /** The labels of the tree items now rendered in the side bar, top to bottom. */
  async treeLabels(): Promise<string[]> {
    const texts = await this.sideBar().locator('.monaco-list-row[role="treeitem"] .label-name').allTextContents();
    return texts.map((t) => t.trim());
  }

  /**
   * Saves a PNG of the window to test-results/screenshots/<session>-<name>.png and returns its path. The text on
   * screen goes next to it as <name>.txt, so that the run's secret scan also reads what the picture shows.
   */
  async screenshot(name: string): Promise<string> {
    const file = path.join(resultsDir('screenshots'), `${this.options.name}-${name}.png`);
    await this.page.screenshot({ path: file });
    // A string, not a function: this project compiles without the DOM library.
    const text = await this.page.evaluate<string>('document.body.innerText').catch((err: unknown) => `(could not read the page text: ${String(err)})`);
    fs.writeFileSync(file.replace(/\.png$/, '.txt'), text);
    this.screenshots.push(file);
    return file;
  }

  /** Stops Chromium, code-server (and its extension host) and the emulator. Safe to call twice. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const problems: string[] = [];
    if (this.browser !== undefined) {
      await this.browser.close().catch((err: unknown) => problems.push(`chromium: ${String(err)}`));
    }
    if (this.server !== undefined) await stopProcess(this.server.process);
    if (this.emulator !== undefined) {
      try {
        await this.emulator.stop();
      } catch (err) {
        problems.push(`emulator: ${String(err)}`);
      }
    }
    // VS Code's own logs (extension host, our "CodeArtifact" output channel) outlive the profile: people read
    // them after a failure, and the test runner scans them for tokens.
    const vscodeLogs = path.join(this.tempDir, 'user-data', 'logs');
    if (fs.existsSync(vscodeLogs)) fs.cpSync(vscodeLogs, resultsDir('logs', this.options.name), { recursive: true });
    if (this.options.keepTemp !== true) {
      fs.rmSync(this.tempDir, { recursive: true, force: true });
      tempDirs.delete(this.tempDir);
    }
    if (problems.length > 0) throw new Error(`Stopping the e2e session left problems: ${problems.join('; ')}`);
  }
}

const tempDirs = new Set<string>();

/** Temp folders go even when the run is interrupted before stop() (Ctrl-C makes mocha exit at once). */
function removeOnExit(dir: string): void {
  if (tempDirs.size === 0) {
    process.on('exit', () => {
      // Stop the processes that write into these folders first.
      killAllNow();
      for (const d of tempDirs) {
        try {
          fs.rmSync(d, { recursive: true, force: true });
        } catch {
          // A process still dying may have written a file; leave the folder rather than fail the exit.
        }
      }
    });
  }
  tempDirs.add(dir);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The hooks every e2e suite needs, inside its `describe`: one session started before the tests, a screenshot of
 * each failed test, everything stopped after. Returns the accessor the tests use.
 */
export function sessionPerSuite(options: SessionOptions | (() => SessionOptions)): () => VsCodeSession {
  let session: VsCodeSession | undefined;
  before(async function () {
    session = await VsCodeSession.start(typeof options === 'function' ? options() : options);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session !== undefined) {
      await session.screenshot(`failed-${this.currentTest.title.replace(/[^a-z0-9]+/gi, '-').toLowerCase().slice(0, 80)}`).catch(() => undefined);
    }
  });
  after(async function () {
    await session?.stop();
  });
  return () => {
    if (session === undefined) throw new Error('the VS Code session did not start');
    return session;
  };
}
