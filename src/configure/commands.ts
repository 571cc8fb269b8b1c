// The configure commands (palette, explorer context menu, walkthrough) and the token lifecycle's UI:
// terminal environment, status bar note, one warning when a refresh fails. Logic lives in configurator.ts
// and auth/tokens.ts; this file only asks, shows and wires.
import * as os from 'node:os';
import * as vscode from 'vscode';
import { ClipboardGuard, CLEAR_CLIPBOARD_AFTER_MS } from '../auth/clipboardGuard';
import type { Session } from '../auth/session';
import { domainKey, TokenService, type IssuedToken, type RefreshFailure, type TokenDomain } from '../auth/tokens';
import { exportShellFor, renderEnvironment, renderExportSnippet, type ExportShell } from '../core/configFiles/environment';
import { formatEnvironment, type ConfiguredRepository } from '../core/configFiles/formatEnvironment';
import { messageText } from '../core/displayText';
import { domainPickText, pickText } from '../core/pickItems';
import { describeExpiry } from '../core/tokenExpiry';
import { runSteps, type Step } from '../core/steps';
import { abortSignalFor } from '../shared/cancellation';
import { registerCommand, runSsoLogin } from '../shared/commands';
import { readTokenDurationSeconds } from '../shared/settings';
import { Configurator, describeRecord, type AppliedConfiguration, type ConfigureResult, type RepositoryTarget } from './configurator';
import { targetFromArgument, tildify, type ConfigureHost } from './configureHost';
import { configureOne } from './configureFlow';
import { pythonProjectExport, uvTerminalVariables } from './pythonProjectFamily';
import { targetSteps, type TargetState } from './targetSteps';
import { configureWorkspace } from './workspaceFlow';

/** What the status bar needs from this feature (implemented by auth/statusBar.ts). */
export interface TokenStatusSink {
  setTokenState(note: string | undefined, warning: boolean): void;
}

const KEEP_IN_CLIPBOARD = 'Keep in Clipboard';

const SHELL_NAMES: Record<ExportShell, string> = { posix: 'shell', powershell: 'PowerShell', cmd: 'Command Prompt' };

/** The repositories a record configured for a format whose CI variables Copy Environment Export adds. */
function configuredRepository(r: AppliedConfiguration): ConfiguredRepository[] {
  const format = r.kind.startsWith('cargo') ? 'cargo' : r.kind.startsWith('ruby') ? 'ruby' : r.kind.startsWith('nuget') ? 'nuget' : undefined;
  if (format === undefined) return [];
  return [{ format, domain: r.domain, repository: r.repository, endpoint: r.endpoint, ...(r.cargoName !== undefined ? { cargoName: r.cargoName } : {}) }];
}

const MANAGE_TRUST = 'Manage Workspace Trust';

export class ConfigureFeature implements vscode.Disposable, ConfigureHost {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly clipboard = new ClipboardGuard(vscode.env.clipboard);
  /** Rewrites started by token refreshes; "Refresh Token" reports only after they are done. */
  private readonly rewrites = new Set<Promise<void>>();

  constructor(
    private readonly context: Pick<vscode.ExtensionContext, 'environmentVariableCollection'>,
    private readonly session: Session,
    /** Shared with version intelligence, so hovers use the token the package managers use. */
    readonly tokens: TokenService,
    readonly configurator: Configurator,
    private readonly status: TokenStatusSink,
    readonly log: vscode.LogOutputChannel,
  ) {
    const ticker = setInterval(() => this.renderStatus(), 60_000);
    this.disposables.push(
      { dispose: () => clearInterval(ticker) },
      tokens.onDidRefresh((t) => {
        const done = this.afterRefresh(t).finally(() => this.rewrites.delete(done));
        this.rewrites.add(done);
      }),
      tokens.onDidFail((f) => void this.tellFailure(f)),
      tokens.onDidChange(() => this.renderStatus()),
      // After sleep the timer may be late: check when the window comes back.
      vscode.window.onDidChangeWindowState((s) => {
        if (s.focused) void this.tokens.refreshDue();
      }),
      session.onDidChange(() => {
        if (!session.signedIn) return;
        this.tokens.resume();
        void this.tokens.refreshDue();
      }),
      session.onDidSignOut(() => void this.forgetOnSignOut()),
      this.clipboard,
      ...this.registerCommands(),
    );
    // Not persisted: VS Code would store the token in its state database; start() restores it from secrets.
    this.context.environmentVariableCollection.persistent = false;
    this.context.environmentVariableCollection.description = 'CodeArtifact: CODEARTIFACT_AUTH_TOKEN and the configured domain for Maven, Gradle, uv and poetry';
  }

  /** After activation: keep the configured domains' tokens alive and restore the terminal environment. */
  async start(): Promise<void> {
    try {
      if (!this.session.signedIn) this.tokens.suspend();
      this.tokens.track(this.configurator.domains());
      await this.tokens.load();
      await this.updateEnvironment();
      this.renderStatus();
    } catch (err) {
      // Activation must not fail over this; the next configure or refresh tries again.
      this.log.warn(`Could not restore the CodeArtifact tokens: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private registerCommands(): vscode.Disposable[] {
    const cmd = (id: string, title: string, fn: (arg?: unknown) => Promise<unknown>) => registerCommand(`codeartifact.${id}`, title, fn, this.log);
    return [
      cmd('configureNpm', 'Configure npm', (a) => configureOne(this, 'npm', a)),
      cmd('configurePnpm', 'Configure pnpm', (a) => configureOne(this, 'pnpm', a)),
      cmd('configureYarn', 'Configure Yarn', (a) => configureOne(this, 'yarn', a)),
      cmd('configurePip', 'Configure pip', (a) => configureOne(this, 'pip', a)),
      cmd('configureTwine', 'Configure twine', (a) => configureOne(this, 'twine', a)),
      cmd('configureMaven', 'Configure Maven', (a) => configureOne(this, 'maven', a)),
      cmd('configureGradle', 'Configure Gradle', (a) => configureOne(this, 'gradle', a)),
      cmd('configureNuget', 'Configure NuGet', (a) => configureOne(this, 'nuget', a)),
      cmd('configureSwift', 'Configure Swift', (a) => configureOne(this, 'swift', a)),
      cmd('configureCargo', 'Configure Cargo', (a) => configureOne(this, 'cargo', a)),
      cmd('configureRubyGems', 'Configure RubyGems and Bundler', (a) => configureOne(this, 'rubygems', a)),
      cmd('configureWorkspace', 'Configure Workspace', (a) => configureWorkspace(this, a)),
      cmd('refreshToken', 'Refresh token', () => this.refreshTokens()),
      cmd('removeConfiguration', 'Remove configuration', () => this.removeConfiguration()),
      cmd('copyToken', 'Copy token', () => this.copyToken()),
      cmd('copyEnvExport', 'Copy environment export', () => this.copyEnvExport()),
    ];
  }

  // ---- picking ----

  targetSteps<S extends TargetState>(purpose: string): Step<S>[] {
    return targetSteps<S>({ api: () => this.session.api(), extraDomains: () => this.session.settings().extraDomains }, purpose);
  }

  async pickTarget(arg: unknown, purpose: string): Promise<RepositoryTarget | undefined> {
    const given = targetFromArgument(arg);
    if (given) return given;
    return (await runSteps(this.targetSteps<TargetState>(purpose), {}))?.target;
  }

  /**
   * Restricted Mode: nothing is written into the workspace. Says so, with the way out, and returns false.
   * User-level configuration (pip, twine, Maven, the user .npmrc token) needs no trust and is not stopped here.
   */
  requireTrust(purpose: string, file: string): boolean {
    if (vscode.workspace.isTrusted) return true;
    void vscode.window
      .showWarningMessage(`${purpose} writes ${file} into this folder, and the folder is open in Restricted Mode. Trust the folder first, then run ${purpose} again.`, MANAGE_TRUST)
      .then((choice) => choice === MANAGE_TRUST && vscode.commands.executeCommand('workbench.trust.manage'));
    return false;
  }

  run<T>(title: string, work: (signal: AbortSignal | undefined, report: (message: string) => void) => Promise<T>): Thenable<T> {
    // Notification titles render `[x](command:…)` as links; the title names server data.
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: messageText(title), cancellable: true }, (progress, token) =>
      work(abortSignalFor(token), (message) => progress.report({ message: messageText(message) })),
    );
  }

  async recordConfigured(result: ConfigureResult): Promise<void> {
    this.tokens.track(this.configurator.domains());
    await this.updateEnvironment(result.domain);
    this.renderStatus();
    for (const c of result.changes) for (const line of c.lines) this.log.info(`${c.file}: ${line}`);
  }

  async afterConfigure(what: string, target: RepositoryTarget, result: ConfigureResult): Promise<void> {
    await this.recordConfigured(result);
    const changed = result.changes.filter((c) => c.lines.length > 0);
    const summary = changed.length === 0 ? 'nothing to change, already configured' : changed.map((c) => `${tildify(c.file)}: ${c.lines.join('; ')}`).join(' · ');
    // Open the project file first: the user files hold the token.
    const openable = [...result.changes].sort((a, b) => Number(a.holdsToken) - Number(b.holdsToken))[0];
    const choice = await vscode.window.showInformationMessage(messageText(`Configured ${what} for ${target.domain}/${target.repository}. ${summary}`), ...(openable ? ['Open File'] : []), 'Show Logs');
    if (choice === 'Open File' && openable) await vscode.window.showTextDocument(vscode.Uri.file(openable.file));
    else if (choice === 'Show Logs') this.log.show(true);
  }

  // ---- tokens ----

  private async afterRefresh(token: IssuedToken): Promise<void> {
    const { changes, errors } = await this.configurator.rewriteTokenFiles(token);
    const written = changes.filter((c) => c.lines.length > 0).length;
    if (written > 0) this.log.info(`Wrote the new token of ${token.name} to ${written} file(s)`);
    if (errors.length > 0) {
      void vscode.window
        .showWarningMessage(messageText(`The new CodeArtifact token for ${token.name} could not be written to ${errors.map((e) => tildify(e.file)).join(', ')}: ${errors[0]?.message ?? ''}`), 'Show Logs')
        .then((c) => c && this.log.show(true));
    }
    await this.updateEnvironment();
    this.renderStatus();
  }

  private async tellFailure(f: RefreshFailure): Promise<void> {
    const held = await this.tokens.stored(f.domain);
    const when = held ? ` The current token ${describeExpiry(held, Date.now())}; after that npm, pip and Maven get 401.` : '';
    const kind = f.error.kind;
    const actions = kind === 'ssoExpired' ? ['Run aws sso login', 'Retry'] : kind === 'notSignedIn' || kind === 'noCredentials' || kind === 'accessDenied' ? ['Sign In', 'Retry'] : ['Retry', 'Show Logs'];
    const choice = await vscode.window.showWarningMessage(messageText(`Could not refresh the CodeArtifact token for ${f.domain.name}: ${f.error.message}${when}`), ...actions);
    if (choice === 'Run aws sso login' && f.error.detail.kind === 'ssoExpired') runSsoLogin(f.error.detail.profile);
    else if (choice === 'Sign In') await vscode.commands.executeCommand('codeartifact.signIn');
    else if (choice === 'Retry') await this.refreshTokens();
    else if (choice === 'Show Logs') this.log.show(true);
  }

  private async refreshTokens(): Promise<void> {
    const domains = this.tokens.trackedDomains();
    if (domains.length === 0) {
      void vscode.window.showInformationMessage('No repository is configured yet, so there is no token to refresh. Run "CodeArtifact: Configure npm" (or pip, Maven…) first.');
      return;
    }
    const results = await this.run('Refreshing CodeArtifact tokens…', (signal) => Promise.allSettled(domains.map((d) => this.tokens.refresh(d, signal))));
    await Promise.all([...this.rewrites]);
    const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    if (failed.length > 0) throw failed[0];
    const t = this.tokens.summary();
    void vscode.window.showInformationMessage(`Refreshed ${domains.length} CodeArtifact token(s)${t ? `; ${describeExpiry(t, Date.now())}` : ''}. Every configured file was updated.`);
  }

  private async removeConfiguration(): Promise<void> {
    const records = this.configurator.records();
    if (records.length === 0) {
      void vscode.window.showInformationMessage('Nothing to remove: no configuration written by this extension is recorded.');
      return;
    }
    const picks = await vscode.window.showQuickPick(
      records.map((r) => ({ ...pickText(describeRecord(r), tildify(r.file)), picked: true, record: r })),
      { title: 'Remove configuration: what the extension wrote', canPickMany: true, ignoreFocusOut: true },
    );
    if (!picks || picks.length === 0) return;
    const chosen = new Set(picks.map((p) => p.record));
    const { changes, errors, unusedDomains } = await this.configurator.remove((r) => [...chosen].some((c) => c.file === r.file && c.kind === r.kind && c.appliedAt === r.appliedAt && c.repository === r.repository && c.scope === r.scope));
    for (const d of unusedDomains) await this.tokens.forget(d);
    this.tokens.track(this.configurator.domains());
    await this.updateEnvironment();
    this.renderStatus();
    for (const c of changes) for (const line of c.lines) this.log.info(`${c.file}: ${line}`);
    if (errors.length > 0) {
      throw new Error(`Could not remove the configuration from ${errors.map((e) => tildify(e.file)).join(', ')}: ${errors[0]?.message ?? ''}`);
    }
    void vscode.window.showInformationMessage(`Removed ${picks.length} configuration(s) from ${new Set(changes.map((c) => c.file)).size} file(s); your own lines are back as they were.`);
  }

  private async pickKnownDomain(purpose: string): Promise<TokenDomain | undefined> {
    const domains = this.tokens.trackedDomains();
    if (domains.length === 1) return domains[0];
    if (domains.length > 1) {
      const pick = await vscode.window.showQuickPick(domains.map((d) => ({ ...domainPickText(d), d })), { title: `${purpose}: domain` });
      return pick?.d;
    }
    const target = await this.pickTarget(undefined, purpose);
    return target ? { name: target.domain, owner: target.domainOwner ?? '' } : undefined;
  }

  private async copyToken(): Promise<void> {
    const domain = await this.pickKnownDomain('Copy token');
    if (!domain) return;
    const t = await this.run(`Getting a token for ${domain.name}…`, (signal) => this.tokens.get(domain, signal));
    await this.copySecret(t.token, `Copied the CodeArtifact token for ${domain.name} (${describeExpiry(t, Date.now())}). Treat it like a password.`);
  }

  /** Copies a secret, says so, and clears the clipboard after a minute unless the user keeps it. */
  async copySecret(secret: string, message: string): Promise<void> {
    await this.clipboard.copySecret(secret);
    const seconds = Math.round(CLEAR_CLIPBOARD_AFTER_MS / 1000);
    void vscode.window.showInformationMessage(messageText(`${message} The clipboard is cleared in ${seconds} seconds.`), KEEP_IN_CLIPBOARD).then((choice) => {
      if (choice === KEEP_IN_CLIPBOARD) this.clipboard.keep();
    });
  }

  /** Sign Out: tokens leave secret storage, memory, the terminal environment and the clipboard. */
  private async forgetOnSignOut(): Promise<void> {
    try {
      await this.tokens.forgetAll();
      this.context.environmentVariableCollection.clear();
      this.envDomain = undefined;
      await this.clipboard.clear();
      this.renderStatus();
      this.log.info('Signed out: the CodeArtifact tokens were removed from secret storage and the terminal environment. Files you configured keep theirs until they expire; Remove Configuration takes them out.');
    } catch (err) {
      this.log.warn(`Could not forget every token at sign-out: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async copyEnvExport(): Promise<void> {
    const domain = await this.pickKnownDomain('Copy environment export');
    if (!domain) return;
    const t = await this.run(`Getting a token for ${domain.name}…`, (signal) => this.tokens.get(domain, signal));
    const ofDomain = this.configurator
      .records()
      .filter((r) => r.domain === domain.name && r.owner === domain.owner)
      .sort((a, b) => b.appliedAt - a.appliedAt);
    const latest = ofDomain[0];
    const env = {
      ...renderEnvironment({ token: t.token, domain: domain.name, domainOwner: domain.owner, ...(latest ? { endpoint: latest.endpoint } : {}) }),
      // CI has no user files: the variables Cargo, Bundler and NuGet read instead, for every repository configured.
      ...formatEnvironment(ofDomain.flatMap(configuredRepository), t.token),
      // uv's per-index credentials (no user file holds them), and Poetry's for CI where there is no auth.toml.
      ...(Object.assign({}, ...ofDomain.map((r) => (r.kind === 'uvIndex' || r.kind === 'uvToml' ? pythonProjectExport(['uv'], r, t.token) : r.kind === 'poetrySource' ? pythonProjectExport(['poetry'], r, t.token) : {}))) as Record<string, string>),
    };
    const shell = exportShellFor(vscode.env.shell, process.platform);
    await this.copySecret(
      renderExportSnippet(env, shell),
      `Copied ${Object.keys(env).join(', ')} as ${SHELL_NAMES[shell]} lines (${describeExpiry(t, Date.now())}).`,
    );
  }

  /** Integrated terminals: the most recently configured domain's token (or `prefer`'s). */
  async updateEnvironment(prefer?: TokenDomain): Promise<void> {
    const collection = this.context.environmentVariableCollection;
    let env: Record<string, string> | undefined;
    if (prefer) {
      const t = await this.tokens.stored(prefer);
      const latest = this.configurator.records().filter((r) => r.domain === prefer.name && r.owner === prefer.owner).sort((a, b) => b.appliedAt - a.appliedAt)[0];
      if (t) env = renderEnvironment({ token: t.token, domain: prefer.name, domainOwner: prefer.owner, ...(latest ? { endpoint: latest.endpoint } : {}) });
      this.envDomain = prefer;
    } else if (this.envDomain && this.tokens.trackedDomains().some((d) => domainKey(d) === domainKey(this.envDomain as TokenDomain))) {
      return this.updateEnvironment(this.envDomain);
    } else {
      env = await this.configurator.environment((d) => this.tokens.stored(d));
    }
    if (!env) {
      collection.clear();
      return;
    }
    // uv reads its index's token only from UV_INDEX_<NAME>_*: terminals get those of the uv indexes of this domain.
    const all = { ...env, ...uvTerminalVariables(this.configurator.records(), env) };
    const stale: string[] = ['CODEARTIFACT_REPOSITORY_ENDPOINT'];
    collection.forEach((name) => void (name.startsWith('UV_INDEX_') && stale.push(name)));
    for (const name of stale) if (!(name in all)) collection.delete(name);
    for (const [k, v] of Object.entries(all)) collection.replace(k, v);
  }
  private envDomain: TokenDomain | undefined;

  renderStatus(): void {
    const s = this.tokens.summary();
    if (!s) {
      this.status.setTokenState(undefined, false);
      return;
    }
    const note = s.failing ? `token refresh failed, ${describeExpiry(s, Date.now())}` : `token ${describeExpiry(s, Date.now())}`;
    this.status.setTokenState(note, s.failing || s.state !== 'fresh');
  }

  /** The feature disposes the token service it was built with (its timer). */
  ownTokens(tokens: TokenService): void {
    this.disposables.push(tokens);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Builds the feature from the extension's context (the one place that reaches for globals). */
export function createConfigureFeature(
  context: vscode.ExtensionContext,
  session: Session,
  status: TokenStatusSink,
  log: vscode.LogOutputChannel,
  records: Pick<vscode.Memento, 'get' | 'update'> = context.globalState,
): ConfigureFeature {
  const tokens = new TokenService({ api: () => session.api(), secrets: context.secrets, log, durationSeconds: readTokenDurationSeconds });
  const configurator = new Configurator({
    api: () => session.api(),
    tokens,
    records,
    user: () => ({ env: process.env, home: os.homedir() }),
    workspaceRoots: () => (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath),
    log,
    connection: () => session.connection,
  });
  const feature = new ConfigureFeature(context, session, tokens, configurator, status, log);
  feature.ownTokens(tokens);
  return feature;
}
