// The questions of every configure flow as steps of one multi-step pick (core/steps.ts): folder, the tools of
// Configure Workspace, and each tool's options (npm scope, Yarn flavour, pip mode, Maven password and mirror,
// Cargo's crates.io replacement, Swift scope). No runtime `vscode` import: the quick input is behind `Prompter`,
// so unit tests drive the sequences with a script. A step with nothing to choose is not shown, nor counted.
import * as path from 'node:path';
import type { PipIndexMode } from '../core/configFiles/pipConfig';
import { displayText } from '../core/displayText';
import { pickText } from '../core/pickItems';
import type { Step, StepOutcome, StepPosition } from '../core/steps';
import type { DetectedTool, Tool } from './detect';
import type { TargetState } from './targetSteps';

export interface PickOption {
  label: string;
  description?: string;
  detail?: string;
  picked?: boolean;
}

export interface PickRequest<T extends PickOption> {
  title: string;
  placeholder: string;
  items: readonly T[];
  position: StepPosition;
  active?: (item: T) => boolean;
  canPickMany?: boolean;
}

export interface InputRequest {
  title: string;
  prompt: string;
  placeholder?: string;
  value?: string;
  position: StepPosition;
  validate: (value: string) => string | undefined;
}

/** The quick input, as the steps see it (shared/quickSteps.ts in VS Code, a script in tests). */
export interface Prompter {
  pick<T extends PickOption>(request: PickRequest<T>): Promise<{ picked: T[] } | 'back' | 'cancel'>;
  input(request: InputRequest): Promise<{ value: string } | 'back' | 'cancel'>;
}

/** What a single configure command configures: a detectable tool, twine, or Yarn of either flavour. */
export type ConfigTool = Tool | 'twine' | 'yarn';
export type ScopedClient = 'npm' | 'pnpm' | 'yarn';
export type IndexTool = 'pip' | 'uv' | 'poetry';

export interface ConfigureState extends TargetState {
  folder?: string;
  /** Configure Workspace: the tools ticked. */
  tools?: Tool[];
  /** Per client: the npm scope, '' for the default registry. */
  scopes?: Partial<Record<ScopedClient, string>>;
  yarnFlavour?: 'berry' | 'classic';
  indexModes?: Partial<Record<IndexTool, PipIndexMode>>;
  mavenPassword?: 'env' | 'inline';
  mavenMirror?: boolean;
  cargoReplace?: boolean;
  /** The Swift registry scope, '' for the default registry. */
  swiftScope?: string;
  /** uv / Poetry: which file gets the index, or a snippet document instead (pythonFileStep.ts). */
  pythonFile?: 'pyproject' | 'uvToml' | 'snippet';
}

export interface FlowContext {
  prompter: Prompter;
  /** The command's name, first in every title ("Configure npm", "Configure Workspace"). */
  purpose: string;
  /** The local workspace folders a project file may go into (none in Restricted Mode). */
  folders: readonly string[];
  /** What each folder uses (Configure Workspace's list, the Yarn flavour). */
  detected: ReadonlyMap<string, readonly DetectedTool[]>;
}

export const TOOL_LABELS: Record<Tool | 'twine', string> = {
  npm: 'npm',
  pnpm: 'pnpm',
  yarnClassic: 'Yarn classic (1.x)',
  yarnBerry: 'Yarn (2+)',
  pip: 'pip',
  uv: 'uv',
  poetry: 'Poetry',
  maven: 'Maven',
  gradle: 'Gradle',
  nuget: 'NuGet',
  swift: 'Swift',
  cargo: 'Cargo',
  rubygems: 'RubyGems and Bundler',
  twine: 'twine',
};

/** Tools whose configuration writes a project file, so a folder must be chosen. NuGet's project file is optional. */
export function needsFolder(tool: ConfigTool): boolean {
  return !['pip', 'twine', 'maven', 'gradle', 'uv', 'poetry', 'nuget'].includes(tool);
}

/** The Yarn flavour a folder shows (from .yarnrc.yml, yarn.lock or packageManager), if it shows one. */
export function detectedYarnFlavour(ctx: Pick<FlowContext, 'detected'>, folder: string | undefined): 'berry' | 'classic' | undefined {
  const tools = folder === undefined ? [] : (ctx.detected.get(folder) ?? []).map((d) => d.tool);
  return tools.includes('yarnBerry') ? 'berry' : tools.includes('yarnClassic') ? 'classic' : undefined;
}

const where = (state: ConfigureState): string => `${state.target?.domain ?? ''}/${state.target?.repository ?? ''}`;

/** "Configure Maven for acme/java", or inside Configure Workspace "Configure Workspace: Maven for acme/java". */
function heading(ctx: FlowContext, label: string, state: ConfigureState): string {
  return displayText(ctx.purpose === 'Configure Workspace' ? `${ctx.purpose}: ${label} for ${where(state)}` : `${ctx.purpose} for ${where(state)}`);
}

function pickOne<T extends PickOption, S>(result: { picked: T[] } | 'back' | 'cancel', advance: (picked: T) => S): StepOutcome<S> {
  if (typeof result === 'string') return result;
  const [picked] = result.picked;
  return picked === undefined ? 'cancel' : { next: advance(picked) };
}

/** The folder, when more than one local folder is open and none is given. */
export function folderStep(ctx: FlowContext): Step<ConfigureState> {
  return {
    shown: (state) => state.folder === undefined && ctx.folders.length > 1,
    run: async (state, position, earlier) =>
      pickOne(
        await ctx.prompter.pick({
          title: `${ctx.purpose}: folder`,
          placeholder: 'Which workspace folder?',
          // Folder and file names are the workspace's: no `$(icon)` rendering, no control characters.
          items: ctx.folders.map((folder) => ({ ...pickText(path.basename(folder), folder), folder })),
          position,
          active: (i) => i.folder === earlier?.folder,
        }),
        (p) => ({ ...state, folder: p.folder }),
      ),
  };
}

/** Configure Workspace: which of the tools found in the folder to configure (all ticked at first). */
export function toolsStep(ctx: FlowContext): Step<ConfigureState> {
  return {
    run: async (state, position, earlier) => {
      const folder = state.folder ?? '';
      const detected = ctx.detected.get(folder) ?? [];
      if (detected.length === 0) throw new Error(noToolsMessage(folder));
      const ticked = earlier?.tools ?? detected.map((d) => d.tool);
      const result = await ctx.prompter.pick({
        // The folder's name is the user's (the demo's is "workspace"): quoted, after the command's name.
        title: displayText(`${ctx.purpose}: tools found in “${path.basename(folder)}”`),
        placeholder: 'Untick the tools to leave alone, then press Enter',
        items: detected.map((d) => ({ ...pickText(TOOL_LABELS[d.tool], d.evidence.join(', ')), picked: ticked.includes(d.tool), tool: d.tool })),
        position,
        canPickMany: true,
      });
      if (typeof result === 'string') return result;
      return result.picked.length === 0 ? 'cancel' : { next: { ...state, tools: result.picked.map((p) => p.tool) } };
    },
  };
}

export function noToolsMessage(folder: string): string {
  return `No package.json, requirements*.txt, pyproject.toml, pom.xml, build.gradle, *.csproj, Package.swift, Cargo.toml or Gemfile found in ${path.basename(folder)}; run a "CodeArtifact: Configure …" command for your tool instead.`;
}

const SCOPE_LABELS: Record<ScopedClient, string> = { npm: 'npm', pnpm: 'pnpm', yarn: 'Yarn' };

function scopeStep(ctx: FlowContext, client: ScopedClient): Step<ConfigureState> {
  return {
    run: async (state, position, earlier) => {
      const result = await ctx.prompter.input({
        title: `${heading(ctx, SCOPE_LABELS[client], state)}: ${client} scope (optional)`,
        prompt: 'Route only this scope to the repository (e.g. @my-company). Leave empty to make it the default registry.',
        placeholder: '@my-company',
        value: earlier?.scopes?.[client] ?? '',
        position,
        validate: (v) => (v.trim() === '' || /^@?[a-z0-9][a-z0-9._~-]*$/.test(v.trim()) ? undefined : 'An npm scope is lower-case, like @my-company'),
      });
      if (typeof result === 'string') return result;
      const t = result.value.trim();
      return { next: { ...state, scopes: { ...state.scopes, [client]: t === '' ? '' : t.startsWith('@') ? t : `@${t}` } } };
    },
  };
}

/** The npm scope chosen for a client, undefined for the default registry. */
export function scopeOf(state: ConfigureState, client: ScopedClient): string | undefined {
  const s = state.scopes?.[client];
  return s === undefined || s === '' ? undefined : s;
}

function yarnFlavourStep(ctx: FlowContext): Step<ConfigureState> {
  return {
    // Asked only when the folder does not say (before a folder is chosen: when some folder does not say).
    shown: (state) => (state.folder === undefined ? ctx.folders.length === 0 || ctx.folders.some((f) => detectedYarnFlavour(ctx, f) === undefined) : detectedYarnFlavour(ctx, state.folder) === undefined),
    run: async (state, position, earlier) =>
      pickOne(
        await ctx.prompter.pick({
          title: `${ctx.purpose}: which Yarn?`,
          placeholder: 'The folder does not say which Yarn it uses',
          items: [
            { label: 'Yarn 2 or later (berry)', description: '.yarnrc.yml', flavour: 'berry' as const },
            { label: 'Yarn 1 (classic)', description: '.npmrc, like npm', flavour: 'classic' as const },
          ],
          position,
          active: (i) => i.flavour === earlier?.yarnFlavour,
        }),
        (p) => ({ ...state, yarnFlavour: p.flavour }),
      ),
  };
}

export function indexModeStep(ctx: FlowContext, tool: IndexTool): Step<ConfigureState> {
  const items: (PickOption & { mode: PipIndexMode })[] =
    tool === 'pip'
      ? [
          { label: 'Replace PyPI (index-url)', description: 'recommended when the repository has an upstream to PyPI', detail: 'Every package comes through CodeArtifact.', mode: 'index-url' },
          { label: 'Add next to PyPI (extra-index-url)', description: 'pip also asks PyPI', detail: 'Beware: pip takes the highest version across indexes, so a public package with a private name can win.', mode: 'extra-index-url' },
        ]
      : [
          { label: 'Replace PyPI', description: tool === 'uv' ? 'default = true' : 'priority = "primary"', detail: 'Every package comes through CodeArtifact (use an upstream to PyPI).', mode: 'index-url' },
          { label: 'Add next to PyPI', description: tool === 'uv' ? 'searched before PyPI' : 'priority = "supplemental"', detail: 'PyPI stays; CodeArtifact is asked too.', mode: 'extra-index-url' },
        ];
  return {
    run: async (state, position, earlier) =>
      pickOne(
        await ctx.prompter.pick({
          title: heading(ctx, TOOL_LABELS[tool], state),
          placeholder: `How ${TOOL_LABELS[tool]} should use the repository`,
          items,
          position,
          active: (i) => i.mode === earlier?.indexModes?.[tool],
        }),
        (p) => ({ ...state, indexModes: { ...state.indexModes, [tool]: p.mode } }),
      ),
  };
}

function mavenSteps(ctx: FlowContext): Step<ConfigureState>[] {
  return [
    {
      run: async (state, position, earlier) =>
        pickOne(
          await ctx.prompter.pick({
            title: `${heading(ctx, 'Maven', state)}: password`,
            placeholder: 'Where Maven finds the token',
            items: [
              { label: 'Password from ${env.CODEARTIFACT_AUTH_TOKEN}', description: 'recommended: settings.xml holds no secret', detail: 'VS Code terminals get the variable; elsewhere use "CodeArtifact: Copy Environment Export".', choice: 'env' as const },
              { label: 'Token written into settings.xml', description: 'refreshed with the token', detail: 'Works where the variable is not set (IDE builds, CI agents on this machine).', choice: 'inline' as const },
            ],
            position,
            active: (i) => i.choice === earlier?.mavenPassword,
          }),
          (p) => ({ ...state, mavenPassword: p.choice }),
        ),
    },
    {
      run: async (state, position, earlier) =>
        pickOne(
          await ctx.prompter.pick({
            title: `${heading(ctx, 'Maven', state)}: mirror`,
            placeholder: 'What goes through CodeArtifact',
            items: [
              { label: 'Repository and plugin repository only', description: 'Maven Central stays as it is', mirror: false },
              { label: 'Also mirror everything (mirrorOf *)', description: 'Maven Central goes through CodeArtifact too', mirror: true },
            ],
            position,
            active: (i) => i.mirror === earlier?.mavenMirror,
          }),
          (p) => ({ ...state, mavenMirror: p.mirror }),
        ),
    },
  ];
}

function cargoStep(ctx: FlowContext): Step<ConfigureState> {
  return {
    run: async (state, position, earlier) =>
      pickOne(
        await ctx.prompter.pick({
          title: heading(ctx, 'Cargo', state),
          placeholder: 'Should crates.io go through CodeArtifact too?',
          items: [
            { label: 'Also replace crates.io', description: 'recommended with an upstream to crates.io', detail: 'Every crate comes through CodeArtifact ([source.crates-io] replace-with).', replace: true },
            { label: 'Only add the registry', description: 'crates.io stays as it is', detail: 'Dependencies name it with registry = "…".', replace: false },
          ],
          position,
          active: (i) => i.replace === earlier?.cargoReplace,
        }),
        (p) => ({ ...state, cargoReplace: p.replace }),
      ),
  };
}

function swiftScopeStep(ctx: FlowContext): Step<ConfigureState> {
  return {
    run: async (state, position, earlier) => {
      const result = await ctx.prompter.input({
        title: `${heading(ctx, 'Swift', state)}: registry scope (optional)`,
        prompt: 'Use the repository only for this scope (e.g. mona for .package(id: "mona.LinkedList")). Leave empty to make it the default registry.',
        value: earlier?.swiftScope ?? '',
        position,
        validate: (v) => (v.trim() === '' || /^[a-zA-Z0-9](?:[a-zA-Z0-9]|-(?=[a-zA-Z0-9])){0,38}$/.test(v.trim()) ? undefined : 'A scope is letters, digits and single hyphens (at most 39)'),
      });
      return typeof result === 'string' ? result : { next: { ...state, swiftScope: result.value.trim() } };
    },
  };
}

/** The questions about one tool, after the target and the folder. */
export function optionSteps(ctx: FlowContext, tool: ConfigTool): Step<ConfigureState>[] {
  switch (tool) {
    case 'npm':
    case 'pnpm':
      return [scopeStep(ctx, tool)];
    case 'yarnClassic':
    case 'yarnBerry':
      return [scopeStep(ctx, 'yarn')];
    case 'yarn':
      return [yarnFlavourStep(ctx), scopeStep(ctx, 'yarn')];
    case 'pip':
    case 'uv':
    case 'poetry':
      return [indexModeStep(ctx, tool)];
    case 'maven':
      return mavenSteps(ctx);
    case 'cargo':
      return [cargoStep(ctx)];
    case 'swift':
      return [swiftScopeStep(ctx)];
    case 'gradle':
    case 'twine':
    case 'nuget':
    case 'rubygems':
      return [];
  }
}

/** One configure command's steps after the target steps: the folder (when the tool writes a project file), then its options. */
export function singleToolSteps(ctx: FlowContext, tool: ConfigTool): Step<ConfigureState>[] {
  return [...(needsFolder(tool) || tool === 'nuget' ? [folderStep(ctx)] : []), ...optionSteps(ctx, tool)];
}

/** The tools Configure Workspace will configure: the ones ticked, or (before the tools step) all found in the folder, or in any folder before one is chosen. */
export function toolsOf(ctx: Pick<FlowContext, 'detected'>, state: ConfigureState): Tool[] {
  if (state.tools) return state.tools;
  const found = state.folder !== undefined ? (ctx.detected.get(state.folder) ?? []) : [...ctx.detected.values()].flat();
  return [...new Set(found.map((d) => d.tool))];
}

/**
 * Configure Workspace: folder, tools, then (after `targetSteps`, passed in) each chosen tool's options. A tool's
 * options are counted only while the tool is ticked.
 */
export function workspaceSteps(ctx: FlowContext, targetSteps: Step<ConfigureState>[], order: readonly Tool[]): Step<ConfigureState>[] {
  const perTool = order.flatMap((tool) =>
    optionSteps(ctx, tool).map((step): Step<ConfigureState> => ({
      shown: (state) => toolsOf(ctx, state).includes(tool) && (step.shown?.(state) ?? true),
      run: step.run,
    })),
  );
  return [folderStep(ctx), toolsStep(ctx), ...targetSteps, ...perTool];
}
