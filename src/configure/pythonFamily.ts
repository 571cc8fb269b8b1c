// Configure pip (pip.conf), twine (~/.pypirc), and the uv / Poetry snippets.
import * as vscode from 'vscode';
import { renderPoetrySnippets, renderUvSnippets } from '../core/configFiles/snippets';
import type { PipIndexMode } from '../core/configFiles/pipConfig';
import { displayText } from '../core/displayText';
import { runSteps, type Step } from '../core/steps';
import { outcomeOf, pickStep } from '../shared/quickSteps';
import type { RepositoryTarget } from './configurator';
import { targetFromArgument, TOOL_LABELS, type ConfigureHost } from './configureHost';
import type { TargetState } from './targetSteps';

type ModeItem = vscode.QuickPickItem & { mode: PipIndexMode };
const modeItems = (items: ModeItem[]): ModeItem[] => items;

export async function configurePip(host: ConfigureHost, arg: unknown, targetGiven?: RepositoryTarget): Promise<void> {
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
  const chosen = await runSteps<TargetState & { mode?: PipIndexMode }>([...host.targetSteps<TargetState & { mode?: PipIndexMode }>('Configure pip'), modeStep], given ? { target: given } : {});
  const target = chosen?.target;
  const mode = chosen?.mode;
  if (!target || !mode) return;
  const result = await host.run(`Configuring pip for ${target.domain}/${target.repository}…`, (signal) => host.configurator.configurePip(target, { mode }, signal));
  await host.afterConfigure(`pip (${mode})`, target, result);
}

export async function configureTwine(host: ConfigureHost, arg: unknown, targetGiven?: RepositoryTarget): Promise<void> {
  const target = targetGiven ?? (await host.pickTarget(arg, 'Configure twine'));
  if (!target) return;
  const result = await host.run(`Configuring twine for ${target.domain}/${target.repository}…`, (signal) => host.configurator.configureTwine(target, signal));
  await host.afterConfigure('twine (upload with: twine upload -r codeartifact dist/*)', target, result);
}

export async function showSnippets(host: ConfigureHost, arg: unknown, tool: 'uv' | 'poetry', targetGiven?: RepositoryTarget): Promise<void> {
  const target = targetGiven ?? (await host.pickTarget(arg, `Configure ${TOOL_LABELS[tool]}`));
  if (!target) return;
  const pick = await vscode.window.showQuickPick(
    modeItems([
      { label: 'Replace PyPI', mode: 'index-url' },
      { label: 'Add next to PyPI', mode: 'extra-index-url' },
    ]),
    { title: displayText(`Configure ${TOOL_LABELS[tool]} for ${target.domain}/${target.repository}`), ignoreFocusOut: true },
  );
  if (!pick) return;
  const endpoint = await host.configurator.endpoint(target, 'pypi');
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
  await host.tokens.get({ name: target.domain, owner: target.domainOwner ?? '' });
  await host.updateEnvironment({ name: target.domain, owner: target.domainOwner ?? '' });
}
