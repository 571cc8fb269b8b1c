// The configure commands (palette, explorer context menu, walkthrough) and the token lifecycle's UI:
// terminal environment, status bar note, one warning when a refresh fails. Logic lives in configurator.ts
// and auth/tokens.ts; this file only asks, shows and wires.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RepositoryRef } from '../aws/codeArtifactApi';
import { CodeArtifactError } from '../aws/errors';
import { ClipboardGuard, CLEAR_CLIPBOARD_AFTER_MS } from '../auth/clipboardGuard';
import type { Session } from '../auth/session';
import { domainKey, TokenService, type IssuedToken, type RefreshFailure, type TokenDomain } from '../auth/tokens';
import { renderEnvironment, renderExportSnippet } from '../core/configFiles/environment';
import { nugetCredentialsEnvironment, nugetSourceKey } from '../core/configFiles/nugetConfig';
import { renderPoetrySnippets, renderUvSnippets } from '../core/configFiles/snippets';
import { mavenRepositoryId } from '../core/configFiles/mavenSettings';
import type { PipIndexMode } from '../core/configFiles/pipConfig';
import { displayText, messageText } from '../core/displayText';
import { domainPickText, pickText } from '../core/pickItems';
import { describeExpiry } from '../core/tokenExpiry';
import { runSteps, type Step } from '../core/steps';
import { abortSignalFor } from '../shared/cancellation';
import { registerCommand, runSsoLogin, showError } from '../shared/commands';
import { outcomeOf, pickStep } from '../shared/quickSteps';
import { cargoRegistryName } from '../core/configFiles/cargoConfig';
import { readTokenDurationSeconds } from '../shared/settings';
import { Configurator, describeRecord, type AppliedConfiguration, type ConfigureResult, type RepositoryTarget } from './configurator';
import { detectTools, type Tool } from './detect';
import { targetSteps, type TargetState } from './targetSteps';

/** What the status bar needs from this feature (implemented by auth/statusBar.ts). */
export interface TokenStatusSink {
  setTokenState(note: string | undefined, warning: boolean): void;
}

type ModeItem = vscode.QuickPickItem & { mode: PipIndexMode };
const modeItems = (items: ModeItem[]): ModeItem[] => items;

const TOOL_LABELS: Record<Tool, string> = {
  npm: 'npm',
  pnpm: 'pnpm',
  yarnClassic: 'Yarn classic (1.x)',
  yarnBerry: 'Yarn (2+)',
  pip: 'pip',
  uv: 'uv',
  poetry: 'Poetry',
  maven: 'Maven',
  gradle: 'Gradle',
};

/** The argument the explorer passes (a RepositoryNode) or a plain target (tests, other commands). */
function targetFromArgument(arg: unknown): RepositoryTarget | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const ref = (arg as { ref?: unknown }).ref;
  const candidate = (typeof ref === 'object' && ref !== null ? ref : arg) as Partial<RepositoryRef>;
  if (typeof candidate.domain === 'string' && typeof candidate.repository === 'string') {
    return { domain: candidate.domain, repository: candidate.repository, ...(candidate.domainOwner ? { domainOwner: candidate.domainOwner } : {}) };
  }
  return undefined;
}

const KEEP_IN_CLIPBOARD = 'Keep in Clipboard';

/** What identifies one recorded configuration (its block): the same as the Configurator's record id. */
function recordKey(r: AppliedConfiguration): string {
  return JSON.stringify([r.kind, r.file, r.scope ?? '', r.domain, r.owner, r.repository, r.kind === 'npmAuth' || r.kind === 'yarnAuth' ? r.endpoint : '']);
}
const MANAGE_TRUST = 'Manage Workspace Trust';

export class ConfigureFeature implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly clipboard = new ClipboardGuard(vscode.env.clipboard);
  /** Configure Workspace collects each tool's result here and tells them once, at the end. */
  private batch: { what: string; result: ConfigureResult }[] | undefined;
  /** Rewrites started by token refreshes; "Refresh Token" reports only after they are done. */
  private readonly rewrites = new Set<Promise<void>>();

  constructor(
    private readonly context: Pick<vscode.ExtensionContext, 'environmentVariableCollection'>,
    private readonly session: Session,
    /** Shared with version intelligence, so hovers use the token the package managers use. */
    readonly tokens: TokenService,
    private readonly configurator: Configurator,
    private readonly status: TokenStatusSink,
    private readonly log: vscode.LogOutputChannel,
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
      cmd('configureNpm', 'Configure npm', (a) => this.configureNpm(a, 'npm')),
      cmd('configurePnpm', 'Configure pnpm', (a) => this.configureNpm(a, 'pnpm')),
      cmd('configureYarn', 'Configure Yarn', (a) => this.configureYarn(a)),
      cmd('configurePip', 'Configure pip', (a) => this.configurePip(a)),
      cmd('configureTwine', 'Configure twine', (a) => this.configureTwine(a)),
      cmd('configureMaven', 'Configure Maven', (a) => this.configureMaven(a)),
      cmd('configureUv', 'Configure uv', (a) => this.showSnippets(a, 'uv')),
      cmd('configurePoetry', 'Configure Poetry', (a) => this.showSnippets(a, 'poetry')),
      cmd('configureGradle', 'Configure Gradle', (a) => this.showSnippets(a, 'gradle')),
      cmd('configureNuget', 'Configure NuGet', (a) => this.configureNuget(a)),
      cmd('configureSwift', 'Configure Swift', (a) => this.configureSwift(a)),
      cmd('configureCargo', 'Configure Cargo', (a) => this.configureCargo(a)),
      cmd('configureRubyGems', 'Configure RubyGems and Bundler', (a) => this.configureRubyGems(a)),
      cmd('configureWorkspace', 'Configure Workspace', (a) => this.configureWorkspace(a)),
      cmd('refreshToken', 'Refresh token', () => this.refreshTokens()),
      cmd('removeConfiguration', 'Remove configuration', () => this.removeConfiguration()),
      cmd('copyToken', 'Copy token', () => this.copyToken()),
      cmd('copyEnvExport', 'Copy environment export', () => this.copyEnvExport()),
    ];
  }

  // ---- picking ----

  private targetSteps<S extends TargetState>(purpose: string): Step<S>[] {
    return targetSteps<S>({ api: () => this.session.api(), extraDomains: () => this.session.settings().extraDomains }, purpose);
  }

  private async pickTarget(arg: unknown, purpose: string): Promise<RepositoryTarget | undefined> {
    const given = targetFromArgument(arg);
    if (given) return given;
    return (await runSteps(this.targetSteps<TargetState>(purpose), {}))?.target;
  }

  /**
   * Restricted Mode: nothing is written into the workspace. Says so, with the way out, and returns false.
   * User-level configuration (pip, twine, Maven, the user .npmrc token) needs no trust and is not stopped here.
   */
  private requireTrust(purpose: string, file: string): boolean {
    if (vscode.workspace.isTrusted) return true;
    void vscode.window
      .showWarningMessage(`${purpose} writes ${file} into this folder, and the folder is open in Restricted Mode. Trust the folder first, then run ${purpose} again.`, MANAGE_TRUST)
      .then((choice) => choice === MANAGE_TRUST && vscode.commands.executeCommand('workbench.trust.manage'));
    return false;
  }

  private async pickWorkspaceFolder(purpose: string): Promise<string> {
    if (!vscode.workspace.isTrusted) throw new CodeArtifactError({ kind: 'cancelled' }, 'Restricted Mode: nothing is written into the workspace.');
    const folders = vscode.workspace.workspaceFolders ?? [];
    const local = folders.filter((f) => f.uri.scheme === 'file');
    if (local.length === 0) throw new Error(`${purpose} writes the project's registry file; open a folder first.`);
    if (local.length === 1 && local[0]) return local[0].uri.fsPath;
    const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: `${purpose}: which folder?`, ignoreFocusOut: true });
    if (!picked) throw new CodeArtifactError({ kind: 'cancelled' }, 'Cancelled.');
    return picked.uri.fsPath;
  }

  private async askScope(): Promise<string | undefined | null> {
    const value = await vscode.window.showInputBox({
      title: 'npm scope (optional)',
      prompt: 'Route only this scope to the repository (e.g. @my-company). Leave empty to make it the default registry.',
      placeHolder: '@my-company',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' || /^@?[a-z0-9][a-z0-9._~-]*$/.test(v.trim()) ? undefined : 'An npm scope is lower-case, like @my-company'),
    });
    if (value === undefined) return null;
    const t = value.trim();
    return t === '' ? undefined : t.startsWith('@') ? t : `@${t}`;
  }

  private run<T>(title: string, work: (signal: AbortSignal | undefined) => Promise<T>): Thenable<T> {
    // Notification titles render `[x](command:…)` as links; the title names server data.
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: messageText(title), cancellable: true }, (_p, token) => work(abortSignalFor(token)));
  }

  // ---- configure ----

  private async configureNpm(arg: unknown, client: 'npm' | 'pnpm' | 'yarn classic', folderGiven?: string, targetGiven?: RepositoryTarget): Promise<void> {
    if (!this.requireTrust(`Configure ${client}`, 'the project .npmrc')) return;
    const target = targetGiven ?? (await this.pickTarget(arg, `Configure ${client}`));
    if (!target) return;
    const folder = folderGiven ?? (await this.pickWorkspaceFolder(`Configure ${client}`));
    const scope = await this.askScope();
    if (scope === null) return;
    const result = await this.run(`Configuring ${client} for ${target.domain}/${target.repository}…`, (signal) =>
      this.configurator.configureNpm(target, { workspaceFolder: folder, ...(scope ? { scope } : {}) }, signal),
    );
    await this.afterConfigure(`${client}${scope ? ` (${scope})` : ''}`, target, result);
  }

  /** NuGet: user NuGet.Config (source + credentials); in a trusted folder, the project nuget.config names the source too. */
  private async configureNuget(arg: unknown): Promise<void> {
    const target = await this.pickTarget(arg, 'Configure NuGet');
    if (!target) return;
    const local = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
    const folder = vscode.workspace.isTrusted && local.length > 0 ? await this.pickWorkspaceFolder('Configure NuGet') : undefined;
    const result = await this.run(`Configuring NuGet for ${target.domain}/${target.repository}…`, (signal) =>
      this.configurator.configureNuget(target, folder !== undefined ? { workspaceFolder: folder } : {}, signal),
    );
    await this.afterConfigure(`NuGet (source ${nugetSourceKey(target.domain, target.repository)}; dotnet restore and dotnet nuget push --source ${nugetSourceKey(target.domain, target.repository)})`, target, result);
  }

  /** Swift: the package folder's registries.json (optionally for one scope) and the login in ~/.netrc. */
  private async configureSwift(arg: unknown): Promise<void> {
    if (!this.requireTrust('Configure Swift', "the package's .swiftpm/configuration/registries.json")) return;
    const target = await this.pickTarget(arg, 'Configure Swift');
    if (!target) return;
    const folder = await this.pickWorkspaceFolder('Configure Swift');
    const value = await vscode.window.showInputBox({
      title: 'Swift registry scope (optional)',
      prompt: 'Use the repository only for this scope (e.g. mona for .package(id: "mona.LinkedList")). Leave empty to make it the default registry.',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() === '' || /^[a-zA-Z0-9](?:[a-zA-Z0-9]|-(?=[a-zA-Z0-9])){0,38}$/.test(v.trim()) ? undefined : 'A scope is letters, digits and single hyphens (at most 39)'),
    });
    if (value === undefined) return;
    const scope = value.trim() || undefined;
    const result = await this.run(`Configuring Swift for ${target.domain}/${target.repository}…`, (signal) =>
      this.configurator.configureSwift(target, { packageFolder: folder, ...(scope ? { scope } : {}) }, signal),
    );
    await this.afterConfigure(`Swift${scope ? ` (scope ${scope})` : ''}`, target, result);
  }

  private async configureYarn(arg: unknown, folderGiven?: string, targetGiven?: RepositoryTarget, flavourGiven?: 'berry' | 'classic'): Promise<void> {
    if (!this.requireTrust('Configure Yarn', 'the project .yarnrc.yml or .npmrc')) return;
    const target = targetGiven ?? (await this.pickTarget(arg, 'Configure Yarn'));
    if (!target) return;
    const folder = folderGiven ?? (await this.pickWorkspaceFolder('Configure Yarn'));
    let flavour = flavourGiven;
    if (!flavour) {
      const detected = (await detectTools(folder)).map((d) => d.tool);
      flavour = detected.includes('yarnBerry') ? 'berry' : detected.includes('yarnClassic') ? 'classic' : undefined;
    }
    if (!flavour) {
      const pick = await vscode.window.showQuickPick(
        [
          { label: 'Yarn 2 or later (berry)', description: '.yarnrc.yml', flavour: 'berry' as const },
          { label: 'Yarn 1 (classic)', description: '.npmrc, like npm', flavour: 'classic' as const },
        ],
        { title: 'Configure Yarn: which Yarn?', ignoreFocusOut: true },
      );
      if (!pick) return;
      flavour = pick.flavour;
    }
    if (flavour === 'classic') return this.configureNpm(undefined, 'yarn classic', folder, target);
    const scope = await this.askScope();
    if (scope === null) return;
    const result = await this.run(`Configuring Yarn for ${target.domain}/${target.repository}…`, (signal) =>
      this.configurator.configureYarnBerry(target, { workspaceFolder: folder, ...(scope ? { scope } : {}) }, signal),
    );
    await this.afterConfigure(`Yarn${scope ? ` (${scope})` : ''}`, target, result);
  }

  private async configureCargo(arg: unknown): Promise<void> {
    if (!this.requireTrust('Configure Cargo', 'the project .cargo/config.toml')) return;
    const target = await this.pickTarget(arg, 'Configure Cargo');
    if (!target) return;
    const folder = await this.pickWorkspaceFolder('Configure Cargo');
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'Also replace crates.io', description: 'recommended with an upstream to crates.io', detail: 'Every crate comes through CodeArtifact ([source.crates-io] replace-with).', replace: true },
        { label: 'Only add the registry', description: 'crates.io stays as it is', detail: 'Dependencies name it with registry = "…".', replace: false },
      ],
      { title: displayText(`Configure Cargo for ${target.domain}/${target.repository}`), ignoreFocusOut: true },
    );
    if (!pick) return;
    const result = await this.run(`Configuring Cargo for ${target.domain}/${target.repository}…`, (signal) =>
      this.configurator.configureCargo(target, { workspaceFolder: folder, replaceCratesIo: pick.replace }, signal),
    );
    await this.afterConfigure(`Cargo (registry ${cargoRegistryName(target.domain, target.repository)})`, target, result);
  }

  private async configureRubyGems(arg: unknown): Promise<void> {
    if (!this.requireTrust('Configure RubyGems', 'the project Gemfile')) return;
    const target = await this.pickTarget(arg, 'Configure RubyGems');
    if (!target) return;
    const folder = await this.pickWorkspaceFolder('Configure RubyGems');
    const result = await this.run(`Configuring RubyGems and Bundler for ${target.domain}/${target.repository}…`, (signal) => this.configurator.configureRubyGems(target, { workspaceFolder: folder }, signal));
    await this.afterConfigure('RubyGems and Bundler (publish with: gem push --host <the repository endpoint>)', target, result);
  }

  private async configurePip(arg: unknown, targetGiven?: RepositoryTarget): Promise<void> {
    const modeStep: Step<TargetState & { mode?: PipIndexMode }> = {
      run: async (state, position) =>
        outcomeOf(
          await pickStep({
            title: displayText(`Configure pip for ${state.target?.domain ?? ''}/${state.target?.repository ?? ''}`),
            placeholder: 'How pip should use the repository',
            items: modeItems([
              { label: 'Replace PyPI (index-url)', description: 'recommended when the repository has an upstream to PyPI', detail: 'Every package comes through CodeArtifact.', mode: 'index-url' },
              { label: 'Add next to PyPI (extra-index-url)', description: 'pip also asks PyPI', detail: 'Beware: pip takes the highest version across indexes, so a public package with a private name can win.', mode: 'extra-index-url' },
            ]),
            position,
          }),
          ([picked]) => ({ ...state, mode: picked?.mode }),
        ),
    };
    const given = targetGiven ?? targetFromArgument(arg);
    const chosen = await runSteps<TargetState & { mode?: PipIndexMode }>([...this.targetSteps<TargetState & { mode?: PipIndexMode }>('Configure pip'), modeStep], given ? { target: given } : {});
    const target = chosen?.target;
    const mode = chosen?.mode;
    if (!target || !mode) return;
    const result = await this.run(`Configuring pip for ${target.domain}/${target.repository}…`, (signal) => this.configurator.configurePip(target, { mode }, signal));
    await this.afterConfigure(`pip (${mode})`, target, result);
  }

  private async configureTwine(arg: unknown, targetGiven?: RepositoryTarget): Promise<void> {
    const target = targetGiven ?? (await this.pickTarget(arg, 'Configure twine'));
    if (!target) return;
    const result = await this.run(`Configuring twine for ${target.domain}/${target.repository}…`, (signal) => this.configurator.configureTwine(target, signal));
    await this.afterConfigure('twine (upload with: twine upload -r codeartifact dist/*)', target, result);
  }

  private async configureMaven(arg: unknown, targetGiven?: RepositoryTarget): Promise<void> {
    type MavenState = TargetState & { password?: 'env' | 'inline'; mirror?: boolean };
    const where = (state: MavenState): string => `${state.target?.domain ?? ''}/${state.target?.repository ?? ''}`;
    const passwordStep: Step<MavenState> = {
      run: async (state, position) =>
        outcomeOf(
          await pickStep({
            title: displayText(`Configure Maven for ${where(state)}: password`),
            placeholder: 'Where Maven finds the token',
            items: [
              { label: 'Password from ${env.CODEARTIFACT_AUTH_TOKEN}', description: 'recommended: settings.xml holds no secret', detail: 'VS Code terminals get the variable; elsewhere use "CodeArtifact: Copy Environment Export".', choice: 'env' as const },
              { label: 'Token written into settings.xml', description: 'refreshed with the token', detail: 'Works where the variable is not set (IDE builds, CI agents on this machine).', choice: 'inline' as const },
            ],
            position,
            active: (i) => i.choice === state.password,
          }),
          ([picked]) => ({ ...state, password: picked?.choice }),
        ),
    };
    const mirrorStep: Step<MavenState> = {
      run: async (state, position) =>
        outcomeOf(
          await pickStep({
            title: displayText(`Configure Maven for ${where(state)}: mirror`),
            placeholder: 'What goes through CodeArtifact',
            items: [
              { label: 'Repository and plugin repository only', description: 'Maven Central stays as it is', mirror: false },
              { label: 'Also mirror everything (mirrorOf *)', description: 'Maven Central goes through CodeArtifact too', mirror: true },
            ],
            position,
          }),
          ([picked]) => ({ ...state, mirror: picked?.mirror }),
        ),
    };
    const given = targetGiven ?? targetFromArgument(arg);
    const chosen = await runSteps<MavenState>([...this.targetSteps<MavenState>('Configure Maven'), passwordStep, mirrorStep], given ? { target: given } : {});
    const target = chosen?.target;
    const password = chosen?.password;
    const mirror = chosen?.mirror;
    if (!target || !password || mirror === undefined) return;
    const result = await this.run(`Configuring Maven for ${target.domain}/${target.repository}…`, (signal) => this.configurator.configureMaven(target, { password, mirror }, signal));
    await this.afterConfigure(`Maven (${mavenRepositoryId(target.domain, target.repository)})`, target, result);
  }

  /** uv and Poetry get snippets to paste (their files are the project's); Gradle gets an init script of ours. */
  private async showSnippets(arg: unknown, tool: 'uv' | 'poetry' | 'gradle', targetGiven?: RepositoryTarget): Promise<void> {
    const target = targetGiven ?? (await this.pickTarget(arg, `Configure ${TOOL_LABELS[tool]}`));
    if (!target) return;
    if (tool === 'gradle') {
      const result = await this.run(`Configuring Gradle for ${target.domain}/${target.repository}…`, (signal) => this.configurator.configureGradle(target, signal));
      await this.afterConfigure('Gradle (init script; the token comes from CODEARTIFACT_AUTH_TOKEN)', target, result);
      return;
    }
    const pick = await vscode.window.showQuickPick(
      modeItems([
        { label: 'Replace PyPI', mode: 'index-url' },
        { label: 'Add next to PyPI', mode: 'extra-index-url' },
      ]),
      { title: displayText(`Configure ${TOOL_LABELS[tool]} for ${target.domain}/${target.repository}`), ignoreFocusOut: true },
    );
    if (!pick) return;
    const endpoint = await this.configurator.endpoint(target, 'pypi');
    const snippets = tool === 'uv' ? renderUvSnippets(endpoint, pick.mode) : renderPoetrySnippets(endpoint, pick.mode);
    const body = [
      `# ${TOOL_LABELS[tool]} → CodeArtifact ${target.domain}/${target.repository}`,
      '',
      'These snippets hold no secret: they read the token from CODEARTIFACT_AUTH_TOKEN, which VS Code terminals get',
      'once a repository of this domain is configured (or use "CodeArtifact: Copy Environment Export").',
      '',
      ...snippets.flatMap((s) => [`## ${s.target}`, '', '```' + (s.target.startsWith('uv.toml') ? 'toml' : 'sh'), s.text.trimEnd(), '```', '']),
    ].join('\n');
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: body });
    await vscode.window.showTextDocument(doc, { preview: false });
    // The terminal variable needs a token of this domain even though no file was written.
    await this.tokens.get({ name: target.domain, owner: target.domainOwner ?? '' });
    await this.updateEnvironment({ name: target.domain, owner: target.domainOwner ?? '' });
  }

  private async configureWorkspace(arg: unknown): Promise<void> {
    if (!this.requireTrust('Configure Workspace', "the project's registry files")) return;
    const folder = await this.pickWorkspaceFolder('Configure Workspace');
    const detected = await detectTools(folder);
    if (detected.length === 0) {
      throw new Error(`No package.json, requirements*.txt, pyproject.toml, pom.xml or build.gradle found in ${path.basename(folder)}; run a "CodeArtifact: Configure …" command for your tool instead.`);
    }
    type WorkspaceState = TargetState & { tools?: Tool[] };
    const toolsStep: Step<WorkspaceState> = {
      run: async (state, position) =>
        outcomeOf(
          await pickStep({
            // The folder's name is the user's (the demo's is "workspace"): quoted, after the command's name.
            title: displayText(`Configure Workspace: tools found in “${path.basename(folder)}”`),
            placeholder: 'Untick the tools to leave alone, then press Enter',
            items: detected.map((d) => ({ label: TOOL_LABELS[d.tool], description: d.evidence.join(', '), picked: state.tools?.includes(d.tool) ?? true, tool: d.tool })),
            position,
            canPickMany: true,
          }),
          (picked) => ({ ...state, tools: picked.map((p) => p.tool) }),
        ),
    };
    const given = targetFromArgument(arg);
    const chosen = await runSteps<WorkspaceState>([toolsStep, ...this.targetSteps<WorkspaceState>('Configure Workspace')], given ? { target: given } : {});
    const picks = (chosen?.tools ?? []).map((tool) => ({ tool }));
    const target = chosen?.target;
    if (picks.length === 0 || !target) return;
    const before = new Set(this.configurator.records().map(recordKey));
    const failed: { tool: string; message: string }[] = [];
    this.batch = [];
    try {
      for (const p of picks) {
        try {
          await this.configureTool(p.tool, folder, target);
        } catch (err) {
          if (err instanceof CodeArtifactError && err.kind === 'cancelled') break;
          const message = err instanceof Error ? err.message : String(err);
          this.log.warn(`Configure Workspace: ${TOOL_LABELS[p.tool]} failed: ${message}`);
          failed.push({ tool: TOOL_LABELS[p.tool], message });
        }
      }
    } finally {
      const done = this.batch;
      this.batch = undefined;
      this.tellWorkspaceConfigured(target, done, failed, before).catch((err: unknown) => void showError(err, this.log, 'Configure Workspace'));
    }
  }

  private async configureTool(tool: Tool, folder: string, target: RepositoryTarget): Promise<void> {
    switch (tool) {
      case 'npm':
      case 'pnpm':
        return this.configureNpm(undefined, tool, folder, target);
      case 'yarnClassic':
        return this.configureYarn(undefined, folder, target, 'classic');
      case 'yarnBerry':
        return this.configureYarn(undefined, folder, target, 'berry');
      case 'pip':
        return this.configurePip(undefined, target);
      case 'maven':
        return this.configureMaven(undefined, target);
      case 'uv':
      case 'poetry':
      case 'gradle':
        return this.showSnippets(undefined, tool, target);
    }
  }

  /** One summary for Configure Workspace: what was configured, what failed, and a way to undo what was new. */
  private async tellWorkspaceConfigured(target: RepositoryTarget, done: { what: string; result: ConfigureResult }[], failed: { tool: string; message: string }[], before: Set<string>): Promise<void> {
    if (done.length === 0 && failed.length === 0) return;
    const files = new Set(done.flatMap((d) => d.result.changes.filter((c) => c.lines.length > 0).map((c) => c.file)));
    const parts = [
      done.length > 0 ? `Configured ${done.map((d) => d.what).join(', ')} for ${target.domain}/${target.repository} (${files.size === 0 ? 'nothing to change, already configured' : `${files.size} file${files.size === 1 ? '' : 's'} changed`}).` : '',
      failed.length > 0 ? `Not configured: ${failed.map((f) => `${f.tool} (${f.message})`).join('; ')}` : '',
    ].filter(Boolean);
    const added = this.configurator.records().filter((r) => !before.has(recordKey(r)));
    const actions = ['Show Changes', ...(added.length > 0 ? ['Undo'] : [])];
    const text = messageText(parts.join(' '));
    const choice = failed.length > 0 ? await vscode.window.showWarningMessage(text, ...actions) : await vscode.window.showInformationMessage(text, ...actions);
    if (choice === 'Show Changes') this.log.show(true);
    else if (choice === 'Undo') {
      const keys = new Set(added.map(recordKey));
      const { errors, unusedDomains } = await this.configurator.remove((r) => keys.has(recordKey(r)));
      for (const d of unusedDomains) await this.tokens.forget(d);
      this.tokens.track(this.configurator.domains());
      await this.updateEnvironment();
      this.renderStatus();
      if (errors.length > 0) throw new Error(`Could not undo everything in ${errors.map((e) => tildify(e.file)).join(', ')}: ${errors[0]?.message ?? ''}`);
      void vscode.window.showInformationMessage(`Undone: the ${added.length} configuration${added.length === 1 ? '' : 's'} Configure Workspace added are removed, your own lines kept.`);
    }
  }

  private async afterConfigure(what: string, target: RepositoryTarget, result: ConfigureResult): Promise<void> {
    this.tokens.track(this.configurator.domains());
    await this.updateEnvironment(result.domain);
    this.renderStatus();
    for (const c of result.changes) for (const line of c.lines) this.log.info(`${c.file}: ${line}`);
    if (this.batch) {
      this.batch.push({ what, result });
      return;
    }
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
  private async copySecret(secret: string, message: string): Promise<void> {
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
    const latest = this.configurator
      .records()
      .filter((r) => r.domain === domain.name && r.owner === domain.owner)
      .sort((a, b) => b.appliedAt - a.appliedAt)[0];
    const env = {
      ...renderEnvironment({ token: t.token, domain: domain.name, domainOwner: domain.owner, ...(latest ? { endpoint: latest.endpoint } : {}) }),
      // NuGet in CI: the credentials of the source our nuget.config names, without a user NuGet.Config.
      ...(latest?.kind === 'nugetSource' || latest?.kind === 'nugetUserConfig' ? nugetCredentialsEnvironment(latest.domain, latest.repository, t.token) : {}),
    };
    await this.copySecret(
      renderExportSnippet(env, process.platform === 'win32' ? 'powershell' : 'posix'),
      `Copied ${Object.keys(env).join(', ')} as ${process.platform === 'win32' ? 'PowerShell' : 'shell'} lines (${describeExpiry(t, Date.now())}).`,
    );
  }

  /** Integrated terminals: the most recently configured domain's token (or `prefer`'s). */
  private async updateEnvironment(prefer?: TokenDomain): Promise<void> {
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
    for (const name of ['CODEARTIFACT_REPOSITORY_ENDPOINT']) if (!(name in env)) collection.delete(name);
    for (const [k, v] of Object.entries(env)) collection.replace(k, v);
  }
  private envDomain: TokenDomain | undefined;

  private renderStatus(): void {
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

/** A path for messages: workspace-relative inside the workspace, `~/…` in the home directory. */
function tildify(file: string): string {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
  if (folder) return vscode.workspace.asRelativePath(file, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
  const home = os.homedir();
  return file.startsWith(home + path.sep) ? `~${file.slice(home.length)}` : file;
}
