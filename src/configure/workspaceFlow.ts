// Configure Workspace: one multi-step pick (folder, the tools found, domain, repository, each ticked tool's options),
// then every ticked tool configured in one progress and one summary with Show Changes and Undo. uv and Poetry are
// file edits of the folder's pyproject.toml (pythonProjectFamily.ts); uv's credentials are a copyable export.
import * as vscode from 'vscode';
import { CodeArtifactError } from '../aws/errors';
import { exportShellFor, renderExportSnippet } from '../core/configFiles/environment';
import type { PythonTool } from '../core/configFiles/pyprojectIndex';
import { messageText } from '../core/displayText';
import { runSteps } from '../core/steps';
import { showError } from '../shared/commands';
import { changesText } from './changesText';
import type { RepositoryTarget } from './configurator';
import { recordKey, targetFromArgument, tildify, type Applied, type ConfigureHost } from './configureHost';
import { applyTool, detectFolders, localFolders, quickInputPrompter } from './configureFlow';
import { TOOL_ORDER, type Tool } from './detect';
import { applyPythonProject, pythonProjectExport } from './pythonProjectFamily';
import { noToolsMessage, toolsOf, TOOL_LABELS, workspaceSteps, type ConfigureState, type FlowContext } from './toolSteps';

export async function configureWorkspace(host: ConfigureHost, arg: unknown): Promise<void> {
  if (!host.requireTrust('Configure Workspace', "the project's registry files")) return;
  const folders = localFolders();
  if (folders.length === 0) throw new Error("Configure Workspace writes the project's registry files; open a folder first.");
  const detected = await detectFolders(folders);
  const only = folders.length === 1 ? folders[0] : undefined;
  if (only !== undefined && (detected.get(only) ?? []).length === 0) throw new Error(noToolsMessage(only));
  const ctx: FlowContext = { prompter: quickInputPrompter, purpose: 'Configure Workspace', folders, detected };
  const given = targetFromArgument(arg);
  const initial: ConfigureState = { ...(given ? { target: given } : {}), ...(only !== undefined ? { folder: only } : {}) };
  const state = await runSteps<ConfigureState>(workspaceSteps(ctx, host.targetSteps<ConfigureState>('Configure Workspace'), TOOL_ORDER), initial);
  const target = state?.target;
  if (!state || !target) return;
  const tools = toolsOf(ctx, state);
  if (tools.length === 0) return;
  const before = new Set(host.configurator.records().map(recordKey));
  const done: (Applied & { tool: Tool })[] = [];
  const failed: { tool: string; message: string }[] = [];
  try {
    await host.run(`Configuring ${tools.length === 1 ? TOOL_LABELS[tools[0] ?? 'npm'] : `${tools.length} tools`} for ${target.domain}/${target.repository}…`, async (signal, report) => {
      for (const tool of tools) {
        if (signal?.aborted) break;
        report(TOOL_LABELS[tool]);
        try {
          const applied = tool === 'uv' || tool === 'poetry' ? await applyPythonProject(host, tool, target, state, signal) : await applyTool(host, tool, target, state, ctx, signal);
          if (applied) {
            await host.recordConfigured(applied.result);
            done.push({ ...applied, tool });
          }
        } catch (err) {
          if (signal?.aborted || (err instanceof CodeArtifactError && err.kind === 'cancelled')) break;
          const message = err instanceof Error ? err.message : String(err);
          host.log.warn(`Configure Workspace: ${TOOL_LABELS[tool]} failed: ${message}`);
          failed.push({ tool: TOOL_LABELS[tool], message });
        }
      }
    });
  } finally {
    tellWorkspaceConfigured(host, target, done, failed, before).catch((err: unknown) => void showError(err, host.log, 'Configure Workspace'));
  }
}

const COPY_EXPORT = 'Copy Environment Export';

/** uv's (and Poetry's, for CI) per-index credential variables, with this domain's token, for the user's shell. */
async function copyPythonExport(host: ConfigureHost, target: RepositoryTarget, tools: readonly PythonTool[]): Promise<void> {
  const token = await host.tokens.get({ name: target.domain, owner: target.domainOwner ?? '' });
  const env = pythonProjectExport(tools, target, token.token);
  await host.copySecret(renderExportSnippet(env, exportShellFor(vscode.env.shell, process.platform)), `Copied ${Object.keys(env).join(', ')} (they hold the token; it expires ${new Date(token.expiresAt).toLocaleString()}).`);
}

/** One summary for Configure Workspace: what was configured, what failed, and a way to undo what was new. */
async function tellWorkspaceConfigured(host: ConfigureHost, target: RepositoryTarget, done: (Applied & { tool: Tool })[], failed: { tool: string; message: string }[], before: Set<string>): Promise<void> {
  if (done.length === 0 && failed.length === 0) return;
  const python = done.flatMap((d): PythonTool[] => (d.tool === 'uv' || d.tool === 'poetry' ? [d.tool] : []));
  const files = new Set(done.flatMap((d) => d.result.changes.filter((c) => c.lines.length > 0).map((c) => c.file)));
  const parts = [
    done.length > 0 ? `Configured ${done.map((d) => d.what).join(', ')} for ${target.domain}/${target.repository} (${files.size === 0 ? 'nothing to change, already configured' : `${files.size} file${files.size === 1 ? '' : 's'} changed`}).` : '',
    python.includes('uv') ? 'uv reads the token from UV_INDEX_<NAME>_USERNAME / _PASSWORD: VS Code terminals get them; Copy Environment Export for other shells or CI (no workspace file holds it).' : '',
    failed.length > 0 ? `Not configured: ${failed.map((f) => `${f.tool} (${f.message})`).join('; ')}` : '',
  ].filter(Boolean);
  const added = host.configurator.records().filter((r) => !before.has(recordKey(r)));
  const actions = ['Show Changes', ...(python.length > 0 ? [COPY_EXPORT] : []), ...(added.length > 0 ? ['Undo'] : [])];
  const text = messageText(parts.join(' '));
  const choice = failed.length > 0 ? await vscode.window.showWarningMessage(text, ...actions) : await vscode.window.showInformationMessage(text, ...actions);
  if (choice === 'Show Changes') {
    const doc = await vscode.workspace.openTextDocument({ language: 'plaintext', content: changesText(target, done, new Date()) });
    await vscode.window.showTextDocument(doc, { preview: false });
  }
  else if (choice === COPY_EXPORT) await copyPythonExport(host, target, python);
  else if (choice === 'Undo') {
    const keys = new Set(added.map(recordKey));
    const { errors, unusedDomains } = await host.configurator.remove((r) => keys.has(recordKey(r)));
    for (const d of unusedDomains) await host.tokens.forget(d);
    host.tokens.track(host.configurator.domains());
    await host.updateEnvironment();
    host.renderStatus();
    if (errors.length > 0) throw new Error(`Could not undo everything in ${errors.map((e) => tildify(e.file)).join(', ')}: ${errors[0]?.message ?? ''}`);
    void vscode.window.showInformationMessage(`Undone: the ${added.length} configuration${added.length === 1 ? '' : 's'} Configure Workspace added are removed, your own lines kept.`);
  }
}
