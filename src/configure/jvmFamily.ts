// Configure Maven (the user settings.xml) and Gradle (an init script of ours).
import { mavenRepositoryId } from '../core/configFiles/mavenSettings';
import { displayText } from '../core/displayText';
import { runSteps, type Step } from '../core/steps';
import { outcomeOf, pickStep } from '../shared/quickSteps';
import type { RepositoryTarget } from './configurator';
import { targetFromArgument, TOOL_LABELS, type ConfigureHost } from './configureHost';
import type { TargetState } from './targetSteps';

export async function configureMaven(host: ConfigureHost, arg: unknown, targetGiven?: RepositoryTarget): Promise<void> {
  type MavenState = TargetState & { password?: 'env' | 'inline'; mirror?: boolean };
  const where = (state: MavenState): string => `${state.target?.domain ?? ''}/${state.target?.repository ?? ''}`;
  const passwordStep: Step<MavenState> = {
    run: async (state, position) =>
      outcomeOf(
        await pickStep({
          title: displayText(`Configure Maven for ${where(state)}: password`),
          placeholder: 'Where Maven finds the token',
          items: [
            { label: 'Password from ${env.CODEARTIFACT_AUTH_TOKEN}', description: 'recommended: settings.xml holds no secret', detail: 'VS Code terminals get the variable; elsewhere use "CodeArtifact: Copy Environment Export".', choice: 'env' as const },
            { label: 'Token written into settings.xml', description: 'refreshed with the token', detail: 'Works where the variable is not set (IDE builds, CI agents on this machine).', choice: 'inline' as const },
          ],
          position,
          active: (i) => i.choice === state.password,
        }),
        ([picked]) => ({ ...state, password: picked?.choice }),
      ),
  };
  const mirrorStep: Step<MavenState> = {
    run: async (state, position) =>
      outcomeOf(
        await pickStep({
          title: displayText(`Configure Maven for ${where(state)}: mirror`),
          placeholder: 'What goes through CodeArtifact',
          items: [
            { label: 'Repository and plugin repository only', description: 'Maven Central stays as it is', mirror: false },
            { label: 'Also mirror everything (mirrorOf *)', description: 'Maven Central goes through CodeArtifact too', mirror: true },
          ],
          position,
        }),
        ([picked]) => ({ ...state, mirror: picked?.mirror }),
      ),
  };
  const given = targetGiven ?? targetFromArgument(arg);
  const chosen = await runSteps<MavenState>([...host.targetSteps<MavenState>('Configure Maven'), passwordStep, mirrorStep], given ? { target: given } : {});
  const target = chosen?.target;
  const password = chosen?.password;
  const mirror = chosen?.mirror;
  if (!target || !password || mirror === undefined) return;
  const result = await host.run(`Configuring Maven for ${target.domain}/${target.repository}…`, (signal) => host.configurator.configureMaven(target, { password, mirror }, signal));
  await host.afterConfigure(`Maven (${mavenRepositoryId(target.domain, target.repository)})`, target, result);
}


export async function configureGradle(host: ConfigureHost, arg: unknown, targetGiven?: RepositoryTarget): Promise<void> {
  const target = targetGiven ?? (await host.pickTarget(arg, `Configure ${TOOL_LABELS.gradle}`));
  if (!target) return;
  const result = await host.run(`Configuring Gradle for ${target.domain}/${target.repository}…`, (signal) => host.configurator.configureGradle(target, signal));
  await host.afterConfigure('Gradle (init script; the token comes from CODEARTIFACT_AUTH_TOKEN)', target, result);
}
