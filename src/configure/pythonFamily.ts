// Configure pip (pip.conf), twine (~/.pypirc), and the uv / Poetry snippets ("Show snippet instead").
import * as vscode from 'vscode';
import { renderPoetrySnippets, renderUvSnippets } from '../core/configFiles/snippets';
import type { RepositoryTarget } from './configurator';
import type { Applied, ConfigureHost } from './configureHost';
import { TOOL_LABELS, type ConfigureState } from './toolSteps';

export type PythonTool = 'pip' | 'twine' | 'uv' | 'poetry';

/** Writes pip's or twine's configuration from the answers of its steps (uv and Poetry: pythonProjectFamily.ts). */
export async function applyPython(host: ConfigureHost, tool: 'pip' | 'twine', target: RepositoryTarget, state: ConfigureState, signal: AbortSignal | undefined): Promise<Applied> {
  if (tool === 'twine') return { what: 'twine (upload with: twine upload -r codeartifact dist/*)', result: await host.configurator.configureTwine(target, signal) };
  const mode = state.indexModes?.[tool];
  if (mode === undefined) throw new Error(`Choose how ${TOOL_LABELS[tool]} should use the repository first.`);
  return { what: `pip (${mode})`, result: await host.configurator.configurePip(target, { mode }, signal) };
}

/** uv's and Poetry's snippets to paste, when the user chose them over a file edit. */
export async function showSnippets(host: ConfigureHost, tool: 'uv' | 'poetry', target: RepositoryTarget, mode: 'index-url' | 'extra-index-url', signal: AbortSignal | undefined): Promise<void> {
  const endpoint = await host.configurator.endpoint(target, 'pypi', signal);
  const snippets = tool === 'uv' ? renderUvSnippets(endpoint, mode) : renderPoetrySnippets(endpoint, mode);
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
  await host.tokens.get({ name: target.domain, owner: target.domainOwner ?? '' }, signal);
  await host.updateEnvironment({ name: target.domain, owner: target.domainOwner ?? '' });
}
