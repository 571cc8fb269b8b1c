// "Configure uv in pyproject.toml" and "Configure Poetry in pyproject.toml": one multi-step pick (domain, repository,
// the folder when several have a pyproject.toml, how the index is used), then the edit in one progress
// (pythonProjectFamily.ts), and a message offering uv's / Poetry's credential variables to copy. The records go into
// the configure feature's store, so Refresh Token rewrites auth.toml and Remove Configuration undoes these edits.
import * as vscode from 'vscode';
import type { PythonTool } from '../core/configFiles/pyprojectIndex';
import { exportShellFor, renderExportSnippet } from '../core/configFiles/environment';
import { messageText } from '../core/displayText';
import { runSteps } from '../core/steps';
import { registerCommand } from '../shared/commands';
import type { RepositoryTarget } from './configurator';
import { targetFromArgument, tildify, type ConfigureHost } from './configureHost';
import { localFolders, quickInputPrompter } from './configureFlow';
import { applyPythonProject, foldersWithPyproject, noPyprojectMessage, pythonProjectExport } from './pythonProjectFamily';
import { pythonProjectSteps, TOOL_LABELS, type ConfigureState, type FlowContext } from './toolSteps';

const COPY_EXPORT = 'Copy Environment Export';

export function registerPythonProjectCommands(host: ConfigureHost): vscode.Disposable[] {
  const command = (tool: PythonTool): vscode.Disposable => {
    const title = `Configure ${TOOL_LABELS[tool]} in pyproject.toml`;
    return registerCommand(`codeartifact.configure${tool === 'uv' ? 'Uv' : 'Poetry'}Project`, title, (arg) => configurePythonProject(host, tool, title, arg), host.log);
  };
  return [command('uv'), command('poetry')];
}

async function configurePythonProject(host: ConfigureHost, tool: PythonTool, title: string, arg: unknown): Promise<void> {
  if (!host.requireTrust(title, 'pyproject.toml')) return;
  const open = localFolders();
  if (open.length === 0) throw new Error(`${title} edits the project's pyproject.toml; open a folder first.`);
  // Only folders with a project are offered: with one, the folder step is neither shown nor counted.
  const folders = await foldersWithPyproject(open);
  if (folders.length === 0) {
    throw new Error(open.length === 1 ? noPyprojectMessage(tool, open[0] ?? '') : `No open folder has a pyproject.toml, so ${TOOL_LABELS[tool]} was not configured: create the project first (${tool === 'uv' ? 'uv init' : 'poetry init'}), then run this again.`);
  }
  const ctx: FlowContext = { prompter: quickInputPrompter, purpose: title, folders, detected: new Map() };
  const given = targetFromArgument(arg);
  const initial: ConfigureState = { ...(given ? { target: given } : {}), ...(folders.length === 1 ? { folder: folders[0] } : {}) };
  const state = await runSteps<ConfigureState>(pythonProjectSteps(ctx, host.targetSteps<ConfigureState>(title), tool), initial);
  const target = state?.target;
  if (!state || !target) return;
  const applied = await host.run(`Configuring ${TOOL_LABELS[tool]} for ${target.domain}/${target.repository}…`, (signal) => applyPythonProject(host, tool, target, state, signal));
  await host.recordConfigured(applied.result);
  const changed = applied.result.changes.filter((c) => c.lines.length > 0);
  const summary = changed.length === 0 ? 'nothing to change, already configured' : changed.map((c) => `${tildify(c.file)}: ${c.lines.join('; ')}`).join(' · ');
  const credentials = tool === 'uv' ? ' uv reads the token from UV_INDEX_<NAME>_USERNAME / _PASSWORD: copy the export into your shell or CI.' : '';
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
