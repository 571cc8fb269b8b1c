// "Configure uv in pyproject.toml" and "Configure Poetry in pyproject.toml": the project's index/source as a file
// edit (URL only), Poetry's token in its user auth.toml, uv's credentials as an environment export to copy.
// The records go into the same store as every other configuration, so Refresh Token rewrites auth.toml and
// Remove Configuration undoes these edits too.
import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import type { TokenService } from '../auth/tokens';
import { renderExportSnippet } from '../core/configFiles/environment';
import type { PipIndexMode } from '../core/configFiles/pipConfig';
import type { PythonTool } from '../core/configFiles/pyprojectIndex';
import { displayText, messageText } from '../core/displayText';
import { runSteps } from '../core/steps';
import { abortSignalFor } from '../shared/cancellation';
import { registerCommand } from '../shared/commands';
import { Configurator, type RepositoryTarget } from './configurator';
import { pythonCredentialExport } from './pythonProjectRecords';
import { targetSteps, type TargetState } from './targetSteps';

const LABEL: Record<PythonTool, string> = { uv: 'uv', poetry: 'Poetry' };
const COPY_EXPORT = 'Copy Environment Export';

export interface PythonProjectDeps {
  readonly session: Session;
  /** The configure feature's own Configurator: one records store, one writer (Refresh Token and Remove see these). */
  readonly configurator: Configurator;
  readonly tokens: TokenService;
  readonly log: vscode.LogOutputChannel;
}

export function registerPythonProjectCommands(deps: PythonProjectDeps): vscode.Disposable[] {
  const { configurator } = deps;
  const command = (tool: PythonTool): vscode.Disposable => {
    const title = `Configure ${LABEL[tool]} in pyproject.toml`;
    return registerCommand(`codeartifact.configure${tool === 'uv' ? 'Uv' : 'Poetry'}Project`, title, () => configure(tool, title), deps.log);
  };

  async function configure(tool: PythonTool, title: string): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(`${title} writes pyproject.toml into this folder, and the folder is open in Restricted Mode. Trust the folder first, then run it again.`);
      return;
    }
    const folder = await pickFolder(title);
    if (!folder) return;
    const chosen = await runSteps<TargetState>(targetSteps<TargetState>({ api: () => deps.session.api(), extraDomains: () => deps.session.settings().extraDomains }, title), {});
    const target = chosen?.target;
    if (!target) return;
    const mode = await pickMode(tool, target);
    if (!mode) return;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: displayText(`Configuring ${LABEL[tool]} for ${target.domain}/${target.repository}…`), cancellable: true },
      (_progress, cancel) => configurator.configurePythonProject(target, { tool, workspaceFolder: folder, mode }, abortSignalFor(cancel)),
    );
    deps.tokens.track(configurator.domains());
    for (const c of result.changes) for (const line of c.lines) deps.log.info(`${c.file}: ${line}`);
    const summary = result.changes.filter((c) => c.lines.length > 0).map((c) => `${vscode.workspace.asRelativePath(c.file)}: ${c.lines.join('; ')}`).join(' · ') || 'nothing to change, already configured';
    const credentials = tool === 'uv' ? ' uv reads the token from UV_INDEX_<NAME>_PASSWORD: copy the export into your shell or CI.' : '';
    const choice = await vscode.window.showInformationMessage(messageText(`Configured ${LABEL[tool]} for ${target.domain}/${target.repository}. ${summary}.${credentials}`), COPY_EXPORT, 'Open File');
    if (choice === COPY_EXPORT) await copyExport(tool, target);
    else if (choice === 'Open File') await vscode.window.showTextDocument(vscode.Uri.file(result.changes.find((c) => !c.holdsToken)?.file ?? `${folder}/pyproject.toml`));
  }

  async function copyExport(tool: PythonTool, target: RepositoryTarget): Promise<void> {
    const token = await deps.tokens.get({ name: target.domain, owner: target.domainOwner ?? '' });
    await vscode.env.clipboard.writeText(renderExportSnippet(pythonCredentialExport(tool, target, token.token), process.platform === 'win32' ? 'powershell' : 'posix'));
    void vscode.window.showInformationMessage(`Copied the ${LABEL[tool]} credential variables (they hold the token; it expires ${new Date(token.expiresAt).toLocaleString()}).`);
  }

  return [command('uv'), command('poetry')];
}

async function pickFolder(title: string): Promise<string | undefined> {
  const local = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (local.length === 0) {
    void vscode.window.showWarningMessage(`${title} edits the project's pyproject.toml; open a folder first.`);
    return undefined;
  }
  if (local.length === 1) return local[0]?.uri.fsPath;
  return (await vscode.window.showWorkspaceFolderPick({ placeHolder: `${title}: which folder?`, ignoreFocusOut: true }))?.uri.fsPath;
}

async function pickMode(tool: PythonTool, target: RepositoryTarget): Promise<PipIndexMode | undefined> {
  const items: (vscode.QuickPickItem & { mode: PipIndexMode })[] = [
    { label: 'Replace PyPI', description: tool === 'uv' ? 'default = true' : 'priority = "primary"', detail: 'Every package comes through CodeArtifact (use an upstream to PyPI).', mode: 'index-url' },
    { label: 'Add next to PyPI', description: tool === 'uv' ? 'searched before PyPI' : 'priority = "supplemental"', detail: 'PyPI stays; CodeArtifact is asked too.', mode: 'extra-index-url' },
  ];
  return (await vscode.window.showQuickPick(items, { title: displayText(`Configure ${LABEL[tool]} for ${target.domain}/${target.repository}`), ignoreFocusOut: true }))?.mode;
}
