// uv and Poetry as file edits, for Configure Workspace and "Configure uv / Poetry for a Repository": the index or
// source in the folder's pyproject.toml or uv's uv.toml (URL only), Poetry's token in its user auth.toml, uv's credentials as an
// environment export the user copies (never a workspace file). The writing is Configurator.configurePythonProject.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { PipIndexMode } from '../core/configFiles/pipConfig';
import type { PythonTool } from '../core/configFiles/pyprojectIndex';
import type { AppliedConfiguration, RepositoryTarget } from './configurator';
import type { Applied, ConfigureHost } from './configureHost';
import { defaultUvFile, readPythonFiles } from './pythonFileStep';
import { pythonCredentialExport } from './pythonProjectRecords';
import { TOOL_LABELS, type ConfigureState } from './toolSteps';

/** Whether the folder has a pyproject.toml of any kind (a link is judged by the Configurator, which refuses one that leaves the folder). */
export async function hasPyproject(folder: string): Promise<boolean> {
  try {
    await fs.lstat(path.join(folder, 'pyproject.toml'));
    return true;
  } catch {
    return false;
  }
}

/** What to do when there is no project to add the index to. */
export function noPyprojectMessage(tool: PythonTool, folder: string): string {
  const init = tool === 'uv' ? 'uv init' : 'poetry init';
  return `“${path.basename(folder)}” has no pyproject.toml, so ${TOOL_LABELS[tool]} was not configured: create the project first (${init}), then run this again. Nothing was written.`;
}

function describeMode(tool: PythonTool, mode: PipIndexMode, file: string): string {
  if (tool === 'uv') return mode === 'index-url' ? `default index in ${file}` : `extra index in ${file}`;
  return mode === 'index-url' ? 'primary source in pyproject.toml' : 'supplemental source in pyproject.toml';
}

/** Writes uv's or Poetry's configuration from the answers of its steps (folder and index mode). */
export async function applyPythonProject(host: Pick<ConfigureHost, 'configurator'>, tool: PythonTool, target: RepositoryTarget, state: ConfigureState, signal: AbortSignal | undefined): Promise<Applied> {
  const folder = state.folder;
  const mode = state.indexModes?.[tool];
  if (folder === undefined) throw new Error(`Choose the folder whose pyproject.toml ${TOOL_LABELS[tool]} should use first.`);
  if (mode === undefined) throw new Error(`Choose how ${TOOL_LABELS[tool]} should use the repository first.`);
  if (state.pythonFile === 'snippet') throw new Error(`A snippet writes nothing; ${TOOL_LABELS[tool]} was not configured.`);
  // Not chosen (Configure Workspace): uv.toml when the folder has one, since uv then ignores pyproject.toml's [tool.uv].
  const uvFile = tool !== 'uv' ? undefined : (state.pythonFile ?? defaultUvFile(await readPythonFiles(folder)));
  if (uvFile !== 'uvToml' && !(await hasPyproject(folder))) throw new Error(noPyprojectMessage(tool, folder));
  const result = await host.configurator.configurePythonProject(target, { tool, workspaceFolder: folder, mode, ...(uvFile ? { uvFile } : {}) }, signal);
  return { what: `${TOOL_LABELS[tool]} (${describeMode(tool, mode, uvFile === 'uvToml' ? 'uv.toml' : 'pyproject.toml')})`, result };
}

/**
 * The variables a shell or CI job needs for what was configured: uv's UV_INDEX_<NAME>_USERNAME / _PASSWORD (uv has
 * no user file we write), and Poetry's POETRY_HTTP_BASIC_<NAME>_* for CI, where there is no auth.toml.
 */
export function pythonProjectExport(tools: readonly PythonTool[], target: Pick<RepositoryTarget, 'domain' | 'repository'>, token: string): Record<string, string> {
  return Object.assign({}, ...[...new Set(tools)].map((tool) => pythonCredentialExport(tool, target, token))) as Record<string, string>;
}

/**
 * uv's credential variables for VS Code terminals: one pair per uv index configured for the domain whose token the
 * terminals get (`env`, from renderEnvironment), so `uv sync` there needs no pasted export. Refreshed with the token.
 */
export function uvTerminalVariables(records: readonly Pick<AppliedConfiguration, 'kind' | 'domain' | 'owner' | 'repository'>[], env: Readonly<Record<string, string>>): Record<string, string> {
  const token = env.CODEARTIFACT_AUTH_TOKEN;
  if (token === undefined) return {};
  const ours = records.filter((r) => (r.kind === 'uvIndex' || r.kind === 'uvToml') && r.domain === env.CODEARTIFACT_DOMAIN && r.owner === env.CODEARTIFACT_DOMAIN_OWNER);
  return Object.assign({}, ...ours.map((r) => pythonCredentialExport('uv', r, token))) as Record<string, string>;
}
