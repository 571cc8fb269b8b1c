// Configure Maven (the user settings.xml) and Gradle (an init script of ours).
import { mavenRepositoryId } from '../core/configFiles/mavenSettings';
import type { RepositoryTarget } from './configurator';
import type { Applied, ConfigureHost } from './configureHost';
import type { ConfigureState } from './toolSteps';

/** Writes one tool's configuration from the answers of its steps. */
export async function applyJvm(host: Pick<ConfigureHost, 'configurator'>, tool: 'maven' | 'gradle', target: RepositoryTarget, state: ConfigureState, signal: AbortSignal | undefined): Promise<Applied> {
  if (tool === 'gradle') return { what: 'Gradle (init script; the token comes from CODEARTIFACT_AUTH_TOKEN)', result: await host.configurator.configureGradle(target, signal) };
  const { mavenPassword: password, mavenMirror: mirror } = state;
  if (password === undefined || mirror === undefined) throw new Error('Choose the Maven password and mirror first.');
  const result = await host.configurator.configureMaven(target, { password, mirror }, signal);
  return { what: `Maven (${mavenRepositoryId(target.domain, target.repository)})`, result };
}
