// Configure NuGet, Swift, Cargo and RubyGems/Bundler: the registry in the project, the token in the user's files.
import { cargoRegistryName } from '../core/configFiles/cargoConfig';
import { nugetSourceKey } from '../core/configFiles/nugetConfig';
import type { RepositoryTarget } from './configurator';
import type { Applied, ConfigureHost } from './configureHost';
import type { ConfigureState } from './toolSteps';

export type NewerFormatTool = 'nuget' | 'swift' | 'cargo' | 'rubygems';

/** Writes one tool's configuration from the answers of its steps. */
export async function applyNewerFormat(host: Pick<ConfigureHost, 'configurator'>, tool: NewerFormatTool, target: RepositoryTarget, state: ConfigureState, signal: AbortSignal | undefined): Promise<Applied> {
  const folder = state.folder;
  switch (tool) {
    case 'nuget': {
      // In a trusted folder the project nuget.config names the source too; the user NuGet.Config holds the credentials.
      const result = await host.configurator.configureNuget(target, folder !== undefined ? { workspaceFolder: folder } : {}, signal);
      const source = nugetSourceKey(target.domain, target.repository);
      return { what: `NuGet (source ${source}; dotnet restore and dotnet nuget push --source ${source})`, result };
    }
    case 'swift': {
      const scope = state.swiftScope || undefined;
      const result = await host.configurator.configureSwift(target, { packageFolder: required(folder), ...(scope ? { scope } : {}) }, signal);
      return { what: `Swift${scope ? ` (scope ${scope})` : ''}`, result };
    }
    case 'cargo': {
      const result = await host.configurator.configureCargo(target, { workspaceFolder: required(folder), replaceCratesIo: state.cargoReplace ?? false }, signal);
      return { what: `Cargo (registry ${cargoRegistryName(target.domain, target.repository)})`, result };
    }
    case 'rubygems': {
      const result = await host.configurator.configureRubyGems(target, { workspaceFolder: required(folder) }, signal);
      return { what: 'RubyGems and Bundler (publish with: gem push --host <the repository endpoint>)', result };
    }
  }
}

function required(folder: string | undefined): string {
  if (folder === undefined) throw new Error('Choose the workspace folder first.');
  return folder;
}
