// Configure Workspace: the tools a folder uses, one target, each chosen tool configured, one summary with Undo.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CodeArtifactError } from '../aws/errors';
import { displayText, messageText } from '../core/displayText';
import { runSteps, type Step } from '../core/steps';
import { showError } from '../shared/commands';
import { outcomeOf, pickStep } from '../shared/quickSteps';
import type { ConfigureResult, RepositoryTarget } from './configurator';
import { recordKey, targetFromArgument, tildify, TOOL_LABELS, type ConfigureHost } from './configureHost';
import { detectTools, type Tool } from './detect';
import { configureMaven, configureGradle } from './jvmFamily';
import { configureNpm, configureYarn } from './npmFamily';
import { configurePip, showSnippets } from './pythonFamily';
import type { TargetState } from './targetSteps';

export async function configureWorkspace(host: ConfigureHost, arg: unknown): Promise<void> {
  if (!host.requireTrust('Configure Workspace', "the project's registry files")) return;
  const folder = await host.pickWorkspaceFolder('Configure Workspace');
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
  const chosen = await runSteps<WorkspaceState>([toolsStep, ...host.targetSteps<WorkspaceState>('Configure Workspace')], given ? { target: given } : {});
  const picks = (chosen?.tools ?? []).map((tool) => ({ tool }));
  const target = chosen?.target;
  if (picks.length === 0 || !target) return;
  const before = new Set(host.configurator.records().map(recordKey));
  const failed: { tool: string; message: string }[] = [];
  host.batch = [];
  try {
    for (const p of picks) {
      try {
        await configureTool(host, p.tool, folder, target);
      } catch (err) {
        if (err instanceof CodeArtifactError && err.kind === 'cancelled') break;
        const message = err instanceof Error ? err.message : String(err);
        host.log.warn(`Configure Workspace: ${TOOL_LABELS[p.tool]} failed: ${message}`);
        failed.push({ tool: TOOL_LABELS[p.tool], message });
      }
    }
  } finally {
    const done = host.batch;
    host.batch = undefined;
    tellWorkspaceConfigured(host, target, done, failed, before).catch((err: unknown) => void showError(err, host.log, 'Configure Workspace'));
  }
}

export async function configureTool(host: ConfigureHost, tool: Tool, folder: string, target: RepositoryTarget): Promise<void> {
  switch (tool) {
    case 'npm':
    case 'pnpm':
      return configureNpm(host, undefined, tool, folder, target);
    case 'yarnClassic':
      return configureYarn(host, undefined, folder, target, 'classic');
    case 'yarnBerry':
      return configureYarn(host, undefined, folder, target, 'berry');
    case 'pip':
      return configurePip(host, undefined, target);
    case 'maven':
      return configureMaven(host, undefined, target);
    case 'uv':
    case 'poetry':
      return showSnippets(host, undefined, tool, target);
    case 'gradle':
      return configureGradle(host, undefined, target);
  }
}

/** One summary for Configure Workspace: what was configured, what failed, and a way to undo what was new. */
export async function tellWorkspaceConfigured(host: ConfigureHost, target: RepositoryTarget, done: { what: string; result: ConfigureResult }[], failed: { tool: string; message: string }[], before: Set<string>): Promise<void> {
  if (done.length === 0 && failed.length === 0) return;
  const files = new Set(done.flatMap((d) => d.result.changes.filter((c) => c.lines.length > 0).map((c) => c.file)));
  const parts = [
    done.length > 0 ? `Configured ${done.map((d) => d.what).join(', ')} for ${target.domain}/${target.repository} (${files.size === 0 ? 'nothing to change, already configured' : `${files.size} file${files.size === 1 ? '' : 's'} changed`}).` : '',
    failed.length > 0 ? `Not configured: ${failed.map((f) => `${f.tool} (${f.message})`).join('; ')}` : '',
  ].filter(Boolean);
  const added = host.configurator.records().filter((r) => !before.has(recordKey(r)));
  const actions = ['Show Changes', ...(added.length > 0 ? ['Undo'] : [])];
  const text = messageText(parts.join(' '));
  const choice = failed.length > 0 ? await vscode.window.showWarningMessage(text, ...actions) : await vscode.window.showInformationMessage(text, ...actions);
  if (choice === 'Show Changes') host.log.show(true);
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
