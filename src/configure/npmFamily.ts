// Configure npm, pnpm and Yarn (classic and berry): the project .npmrc / .yarnrc.yml, the token in the user's file.
import * as vscode from 'vscode';
import type { RepositoryTarget } from './configurator';
import type { ConfigureHost } from './configureHost';
import { detectTools } from './detect';

async function askScope(): Promise<string | undefined | null> {
  const value = await vscode.window.showInputBox({
    title: 'npm scope (optional)',
    prompt: 'Route only this scope to the repository (e.g. @my-company). Leave empty to make it the default registry.',
    placeHolder: '@my-company',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' || /^@?[a-z0-9][a-z0-9._~-]*$/.test(v.trim()) ? undefined : 'An npm scope is lower-case, like @my-company'),
  });
  if (value === undefined) return null;
  const t = value.trim();
  return t === '' ? undefined : t.startsWith('@') ? t : `@${t}`;
}

export async function configureNpm(host: ConfigureHost, arg: unknown, client: 'npm' | 'pnpm' | 'yarn classic', folderGiven?: string, targetGiven?: RepositoryTarget): Promise<void> {
  if (!host.requireTrust(`Configure ${client}`, 'the project .npmrc')) return;
  const target = targetGiven ?? (await host.pickTarget(arg, `Configure ${client}`));
  if (!target) return;
  const folder = folderGiven ?? (await host.pickWorkspaceFolder(`Configure ${client}`));
  const scope = await askScope();
  if (scope === null) return;
  const result = await host.run(`Configuring ${client} for ${target.domain}/${target.repository}…`, (signal) =>
    host.configurator.configureNpm(target, { workspaceFolder: folder, ...(scope ? { scope } : {}) }, signal),
  );
  await host.afterConfigure(`${client}${scope ? ` (${scope})` : ''}`, target, result);
}


export async function configureYarn(host: ConfigureHost, arg: unknown, folderGiven?: string, targetGiven?: RepositoryTarget, flavourGiven?: 'berry' | 'classic'): Promise<void> {
  if (!host.requireTrust('Configure Yarn', 'the project .yarnrc.yml or .npmrc')) return;
  const target = targetGiven ?? (await host.pickTarget(arg, 'Configure Yarn'));
  if (!target) return;
  const folder = folderGiven ?? (await host.pickWorkspaceFolder('Configure Yarn'));
  let flavour = flavourGiven;
  if (!flavour) {
    const detected = (await detectTools(folder)).map((d) => d.tool);
    flavour = detected.includes('yarnBerry') ? 'berry' : detected.includes('yarnClassic') ? 'classic' : undefined;
  }
  if (!flavour) {
    const pick = await vscode.window.showQuickPick(
      [
        { label: 'Yarn 2 or later (berry)', description: '.yarnrc.yml', flavour: 'berry' as const },
        { label: 'Yarn 1 (classic)', description: '.npmrc, like npm', flavour: 'classic' as const },
      ],
      { title: 'Configure Yarn: which Yarn?', ignoreFocusOut: true },
    );
    if (!pick) return;
    flavour = pick.flavour;
  }
  if (flavour === 'classic') return configureNpm(host, undefined, 'yarn classic', folder, target);
  const scope = await askScope();
  if (scope === null) return;
  const result = await host.run(`Configuring Yarn for ${target.domain}/${target.repository}…`, (signal) =>
    host.configurator.configureYarnBerry(target, { workspaceFolder: folder, ...(scope ? { scope } : {}) }, signal),
  );
  await host.afterConfigure(`Yarn${scope ? ` (${scope})` : ''}`, target, result);
}
