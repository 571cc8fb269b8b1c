// One configure command as one multi-step pick: domain, repository, folder (when more than one is open), the tool's
// options; then one progress that writes, and one message. The steps are in toolSteps.ts, the writing per family.
import * as vscode from 'vscode';
import { runSteps } from '../core/steps';
import { inputStep, pickStep } from '../shared/quickSteps';
import type { RepositoryTarget } from './configurator';
import { targetFromArgument, type Applied, type ConfigureHost } from './configureHost';
import { detectTools, type DetectedTool } from './detect';
import { applyJvm } from './jvmFamily';
import { applyNewerFormat } from './newerFormats';
import { applyNpmFamily } from './npmFamily';
import { applyPython } from './pythonFamily';
import { applyPythonProject } from './pythonProjectFamily';
import { needsFolder, singleToolSteps, type ConfigTool, type ConfigureState, type FlowContext, type Prompter } from './toolSteps';

/** The quick input behind the steps. */
export const quickInputPrompter: Prompter = {
  pick: (request) => pickStep(request),
  input: (request) => inputStep(request),
};

/** The workspace folders on disk that a project file may go into: none in Restricted Mode. */
export function localFolders(): string[] {
  if (!vscode.workspace.isTrusted) return [];
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

/** What each folder uses, for Configure Workspace and for Yarn's flavour. */
export async function detectFolders(folders: readonly string[]): Promise<Map<string, readonly DetectedTool[]>> {
  return new Map(await Promise.all(folders.map(async (f) => [f, await detectTools(f)] as const)));
}

/** The project file each tool writes into the folder, for the Restricted Mode message. */
const PROJECT_FILES: Partial<Record<ConfigTool, string>> = {
  npm: 'the project .npmrc',
  pnpm: 'the project .npmrc',
  yarn: 'the project .yarnrc.yml or .npmrc',
  yarnClassic: 'the project .npmrc',
  yarnBerry: 'the project .yarnrc.yml',
  swift: "the package's .swiftpm/configuration/registries.json",
  cargo: 'the project .cargo/config.toml',
  rubygems: 'the project Gemfile',
};

/** The names the commands use ("Configure RubyGems", "Configuring yarn classic…" comes from the result). */
const COMMAND_NAMES: Record<ConfigTool, string> = {
  npm: 'npm',
  pnpm: 'pnpm',
  yarn: 'Yarn',
  yarnClassic: 'Yarn',
  yarnBerry: 'Yarn',
  pip: 'pip',
  twine: 'twine',
  uv: 'uv',
  poetry: 'Poetry',
  maven: 'Maven',
  gradle: 'Gradle',
  nuget: 'NuGet',
  swift: 'Swift',
  cargo: 'Cargo',
  rubygems: 'RubyGems',
};

/** Writes one tool's configuration from the answers (no UI). */
export function applyTool(host: ConfigureHost, tool: ConfigTool, target: RepositoryTarget, state: ConfigureState, ctx: Pick<FlowContext, 'detected'>, signal: AbortSignal | undefined): Promise<Applied | undefined> {
  switch (tool) {
    case 'npm':
    case 'pnpm':
    case 'yarn':
    case 'yarnClassic':
    case 'yarnBerry':
      return applyNpmFamily(host, tool, target, state, ctx, signal);
    case 'pip':
    case 'twine':
      return applyPython(host, tool, target, state, signal);
    case 'uv':
    case 'poetry':
      return applyPythonProject(host, tool, target, state, signal);
    case 'maven':
    case 'gradle':
      return applyJvm(host, tool, target, state, signal);
    case 'nuget':
    case 'swift':
    case 'cargo':
    case 'rubygems':
      return applyNewerFormat(host, tool, target, state, signal);
  }
}

/** "CodeArtifact: Configure <tool>": every question in one multi-step pick, then one progress and one message. */
export async function configureOne(host: ConfigureHost, tool: ConfigTool, arg: unknown): Promise<void> {
  const name = COMMAND_NAMES[tool];
  const purpose = `Configure ${name}`;
  const projectFile = PROJECT_FILES[tool];
  if (projectFile !== undefined && !host.requireTrust(purpose, projectFile)) return;
  const folders = localFolders();
  if (needsFolder(tool) && folders.length === 0) throw new Error(`${purpose} writes the project's registry file; open a folder first.`);
  const ctx: FlowContext = { prompter: quickInputPrompter, purpose, folders, detected: tool === 'yarn' ? await detectFolders(folders) : new Map() };
  const given = targetFromArgument(arg);
  const initial: ConfigureState = { ...(given ? { target: given } : {}), ...(folders.length === 1 ? { folder: folders[0] } : {}) };
  const state = await runSteps<ConfigureState>([...host.targetSteps<ConfigureState>(purpose), ...singleToolSteps(ctx, tool)], initial);
  const target = state?.target;
  if (!state || !target) return;
  const applied = await host.run(`Configuring ${name} for ${target.domain}/${target.repository}…`, (signal) => applyTool(host, tool, target, state, ctx, signal));
  if (applied) await host.afterConfigure(applied.what, target, applied.result);
}
