// Configure NuGet, Swift, Cargo and RubyGems/Bundler: the registry in the project, the token in the user's files.
import * as vscode from 'vscode';
import { cargoRegistryName } from '../core/configFiles/cargoConfig';
import { nugetSourceKey } from '../core/configFiles/nugetConfig';
import { displayText } from '../core/displayText';
import type { ConfigureHost } from './configureHost';

export async function configureNuget(host: ConfigureHost, arg: unknown): Promise<void> {
  const target = await host.pickTarget(arg, 'Configure NuGet');
  if (!target) return;
  const local = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  const folder = vscode.workspace.isTrusted && local.length > 0 ? await host.pickWorkspaceFolder('Configure NuGet') : undefined;
  const result = await host.run(`Configuring NuGet for ${target.domain}/${target.repository}…`, (signal) =>
    host.configurator.configureNuget(target, folder !== undefined ? { workspaceFolder: folder } : {}, signal),
  );
  await host.afterConfigure(`NuGet (source ${nugetSourceKey(target.domain, target.repository)}; dotnet restore and dotnet nuget push --source ${nugetSourceKey(target.domain, target.repository)})`, target, result);
}


export async function configureSwift(host: ConfigureHost, arg: unknown): Promise<void> {
  if (!host.requireTrust('Configure Swift', "the package's .swiftpm/configuration/registries.json")) return;
  const target = await host.pickTarget(arg, 'Configure Swift');
  if (!target) return;
  const folder = await host.pickWorkspaceFolder('Configure Swift');
  const value = await vscode.window.showInputBox({
    title: 'Swift registry scope (optional)',
    prompt: 'Use the repository only for this scope (e.g. mona for .package(id: "mona.LinkedList")). Leave empty to make it the default registry.',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' || /^[a-zA-Z0-9](?:[a-zA-Z0-9]|-(?=[a-zA-Z0-9])){0,38}$/.test(v.trim()) ? undefined : 'A scope is letters, digits and single hyphens (at most 39)'),
  });
  if (value === undefined) return;
  const scope = value.trim() || undefined;
  const result = await host.run(`Configuring Swift for ${target.domain}/${target.repository}…`, (signal) =>
    host.configurator.configureSwift(target, { packageFolder: folder, ...(scope ? { scope } : {}) }, signal),
  );
  await host.afterConfigure(`Swift${scope ? ` (scope ${scope})` : ''}`, target, result);
}

export async function configureCargo(host: ConfigureHost, arg: unknown): Promise<void> {
  if (!host.requireTrust('Configure Cargo', 'the project .cargo/config.toml')) return;
  const target = await host.pickTarget(arg, 'Configure Cargo');
  if (!target) return;
  const folder = await host.pickWorkspaceFolder('Configure Cargo');
  const pick = await vscode.window.showQuickPick(
    [
      { label: 'Also replace crates.io', description: 'recommended with an upstream to crates.io', detail: 'Every crate comes through CodeArtifact ([source.crates-io] replace-with).', replace: true },
      { label: 'Only add the registry', description: 'crates.io stays as it is', detail: 'Dependencies name it with registry = "…".', replace: false },
    ],
    { title: displayText(`Configure Cargo for ${target.domain}/${target.repository}`), ignoreFocusOut: true },
  );
  if (!pick) return;
  const result = await host.run(`Configuring Cargo for ${target.domain}/${target.repository}…`, (signal) =>
    host.configurator.configureCargo(target, { workspaceFolder: folder, replaceCratesIo: pick.replace }, signal),
  );
  await host.afterConfigure(`Cargo (registry ${cargoRegistryName(target.domain, target.repository)})`, target, result);
}

export async function configureRubyGems(host: ConfigureHost, arg: unknown): Promise<void> {
  if (!host.requireTrust('Configure RubyGems', 'the project Gemfile')) return;
  const target = await host.pickTarget(arg, 'Configure RubyGems');
  if (!target) return;
  const folder = await host.pickWorkspaceFolder('Configure RubyGems');
  const result = await host.run(`Configuring RubyGems and Bundler for ${target.domain}/${target.repository}…`, (signal) => host.configurator.configureRubyGems(target, { workspaceFolder: folder }, signal));
  await host.afterConfigure('RubyGems and Bundler (publish with: gem push --host <the repository endpoint>)', target, result);
}
