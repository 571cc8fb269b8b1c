// Configure npm, pnpm and Yarn (classic and berry): the project .npmrc / .yarnrc.yml, the token in the user's file.
import type { RepositoryTarget } from './configurator';
import type { Applied, ConfigureHost } from './configureHost';
import { detectedYarnFlavour, scopeOf, type ConfigureState, type FlowContext } from './toolSteps';

export type NpmFamilyTool = 'npm' | 'pnpm' | 'yarn' | 'yarnClassic' | 'yarnBerry';

/** Writes one tool's configuration from the answers of its steps. */
export async function applyNpmFamily(
  host: Pick<ConfigureHost, 'configurator'>,
  tool: NpmFamilyTool,
  target: RepositoryTarget,
  state: ConfigureState,
  ctx: Pick<FlowContext, 'detected'>,
  signal: AbortSignal | undefined,
): Promise<Applied> {
  const folder = state.folder;
  if (folder === undefined) throw new Error('Choose the workspace folder first.');
  const flavour = tool === 'yarnBerry' ? 'berry' : tool === 'yarnClassic' ? 'classic' : tool === 'yarn' ? (state.yarnFlavour ?? detectedYarnFlavour(ctx, folder)) : undefined;
  if (tool === 'yarn' && flavour === undefined) throw new Error('Choose which Yarn the folder uses first.');
  const scope = scopeOf(state, tool === 'npm' || tool === 'pnpm' ? tool : 'yarn');
  const options = { workspaceFolder: folder, ...(scope ? { scope } : {}) };
  if (flavour === 'berry') return { what: `Yarn${scope ? ` (${scope})` : ''}`, result: await host.configurator.configureYarnBerry(target, options, signal) };
  const client = flavour === 'classic' ? 'yarn classic' : tool;
  return { what: `${client}${scope ? ` (${scope})` : ''}`, result: await host.configurator.configureNpm(target, options, signal) };
}
