// "Configure uv for a Repository" and "Configure Poetry for a Repository": one multi-step pick (domain, repository,
// the folder when several could be meant, the file — pyproject.toml, uv's uv.toml, or a snippet instead — and how
// the index is used), then the edit in one progress (pythonProjectFamily.ts), and a message offering uv's / Poetry's
// credential variables to copy. The records go into the configure feature's store, so Refresh Token rewrites
// auth.toml and Remove Configuration undoes these edits. The former "… in pyproject.toml" ids stay as aliases.
import * as vscode from 'vscode';
import type { PythonTool } from '../core/configFiles/pyprojectIndex';
import { exportShellFor, renderExportSnippet } from '../core/configFiles/environment';
import { messageText } from '../core/displayText';
import { runSteps } from '../core/steps';
import { registerCommand } from '../shared/commands';
import type { RepositoryTarget } from './configurator';
import { targetFromArgument, tildify, type ConfigureHost } from './configureHost';
import { localFolders, quickInputPrompter } from './configureFlow';
import { showSnippets } from './pythonFamily';
import { pythonProjectSteps, readPythonFiles, writableFolders } from './pythonFileStep';
import { applyPythonProject, pythonProjectExport } from './pythonProjectFamily';
import { TOOL_LABELS, type ConfigureState, type FlowContext } from './toolSteps';

const COPY_EXPORT = 'Copy Environment Export';

const COMMAND_IDS: Record<PythonTool, { id: string; alias: string }> = {
  uv: { id: 'codeartifact.configureUv', alias: 'codeartifact.configureUvProject' },
  poetry: { id: 'codeartifact.configurePoetry', alias: 'codeartifact.configurePoetryProject' },
};

export function registerPythonProjectCommands(host: ConfigureHost): vscode.Disposable[] {
  return (['uv', 'poetry'] as const).flatMap((tool) => {
    const title = `Configure ${TOOL_LABELS[tool]}`;
    const run = (arg: unknown): Promise<void> => configurePythonProject(host, tool, title, arg);
    return [registerCommand(COMMAND_IDS[tool].id, title, run, host.log), registerCommand(COMMAND_IDS[tool].alias, title, run, host.log)];
  });
}

/** Why no file can be written (the file step then offers only the snippet). */
function whyNoFolder(tool: PythonTool, open: readonly string[]): string {
  if (!vscode.workspace.isTrusted) return 'the workspace is in Restricted Mode (Manage Workspace Trust to write files).';
  if (open.length === 0) return 'no folder is open.';
  return `no open folder has a pyproject.toml (create the project with ${tool === 'uv' ? 'uv init' : 'poetry init'} first).`;
}

async function configurePythonProject(host: ConfigureHost, tool: PythonTool, title: string, arg: unknown): Promise<void> {
  // Restricted Mode gives no folders: only the snippet (which writes nothing) is offered.
  const open = localFolders();
  const files = new Map(await Promise.all(open.map(async (f) => [f, await readPythonFiles(f)] as const)));
  const folders = writableFolders(tool, files);
  const ctx: FlowContext = { prompter: quickInputPrompter, purpose: title, folders, detected: new Map() };
  const given = targetFromArgument(arg);
  const initial: ConfigureState = { ...(given ? { target: given } : {}), ...(folders.length === 1 ? { folder: folders[0] } : {}) };
  const state = await runSteps<ConfigureState>(pythonProjectSteps(ctx, host.targetSteps<ConfigureState>(title), tool, files, whyNoFolder(tool, open)), initial);
  const target = state?.target;
  if (!state || !target) return;
  const mode = state.indexModes?.[tool];
  if (state.pythonFile === 'snippet' && mode !== undefined) {
    await host.run(`Preparing the ${TOOL_LABELS[tool]} snippet for ${target.domain}/${target.repository}…`, (signal) => showSnippets(host, tool, target, mode, signal));
    return;
  }
  const applied = await host.run(`Configuring ${TOOL_LABELS[tool]} for ${target.domain}/${target.repository}…`, (signal) => applyPythonProject(host, tool, target, state, signal));
  await host.recordConfigured(applied.result);
  const changed = applied.result.changes.filter((c) => c.lines.length > 0);
  const summary = changed.length === 0 ? 'nothing to change, already configured' : changed.map((c) => `${tildify(c.file)}: ${c.lines.join('; ')}`).join(' · ');
  const credentials = tool === 'uv' ? ' uv reads the token from UV_INDEX_<NAME>_USERNAME / _PASSWORD: VS Code terminals get them; copy the export for other shells or CI.' : '';
  const choice = await vscode.window.showInformationMessage(messageText(`Configured ${applied.what} for ${target.domain}/${target.repository}. ${summary}.${credentials}`), COPY_EXPORT, 'Open File');
  if (choice === COPY_EXPORT) await copyExport(host, tool, target);
  else if (choice === 'Open File') {
    const project = applied.result.changes.find((c) => !c.holdsToken)?.file;
    if (project !== undefined) await vscode.window.showTextDocument(vscode.Uri.file(project));
  }
}

async function copyExport(host: ConfigureHost, tool: PythonTool, target: RepositoryTarget): Promise<void> {
  const token = await host.tokens.get({ name: target.domain, owner: target.domainOwner ?? '' });
  const env = pythonProjectExport([tool], target, token.token);
  await host.copySecret(renderExportSnippet(env, exportShellFor(vscode.env.shell, process.platform)), `Copied the ${TOOL_LABELS[tool]} credential variables ${Object.keys(env).join(', ')} (they hold the token; it expires ${new Date(token.expiresAt).toLocaleString()}).`);
}
