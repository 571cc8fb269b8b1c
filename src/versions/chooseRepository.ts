// "Versions from CodeArtifact: choose a repository": the lens over a manifest whose package manager still uses its
// public default. Picks domain → repository with the user's own connection and writes
// `codeartifact.defaultRepository` into the user's settings (never the folder's: a workspace must not choose where
// tokens go), so that hovers and lenses show that repository's versions. No project or tool file changes; the
// message offers configuring the package manager too.
import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import { listDomainsWithExtras } from '../aws/codeArtifactApi';
import { CodeArtifactError } from '../aws/errors';
import { messageText } from '../core/displayText';
import { runSteps } from '../core/steps';
import { targetSteps, type TargetState } from '../configure/targetSteps';
import type { RepositoryFormat } from './repositoryResolver';

export const CHOOSE_REPOSITORY_COMMAND = 'codeartifact.chooseVersionsRepository';
export const CHOOSE_REPOSITORY_TITLE = 'Versions from CodeArtifact: choose a repository';

const CONFIGURE_COMMAND: Record<RepositoryFormat, { command: string; tool: string }> = {
  npm: { command: 'codeartifact.configureNpm', tool: 'npm' },
  pypi: { command: 'codeartifact.configurePip', tool: 'pip' },
  maven: { command: 'codeartifact.configureMaven', tool: 'Maven' },
  nuget: { command: 'codeartifact.configureNuget', tool: 'NuGet' },
  swift: { command: 'codeartifact.configureSwift', tool: 'Swift' },
  cargo: { command: 'codeartifact.configureCargo', tool: 'Cargo' },
  ruby: { command: 'codeartifact.configureRubyGems', tool: 'Bundler' },
};

function formatOf(arg: unknown): RepositoryFormat | undefined {
  return arg === 'npm' || arg === 'pypi' || arg === 'maven' || arg === 'nuget' || arg === 'swift' || arg === 'cargo' || arg === 'ruby' ? arg : undefined;
}

/** The lens's command; `formatArg` names the manifest's ecosystem (for the follow-up offer). */
export async function chooseVersionsRepository(session: Session, formatArg: unknown): Promise<void> {
  const format = formatOf(formatArg);
  if (!session.signedIn) {
    await vscode.commands.executeCommand('codeartifact.signIn');
    if (!session.signedIn) return;
  }
  const api = session.api();
  const domains = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Listing CodeArtifact domains…' }, () =>
    listDomainsWithExtras(api, session.settings().extraDomains, { maxResults: 100 }),
  );
  const usable = domains.items.filter((d) => !d.error);
  if (usable.length === 0) throw new CodeArtifactError({ kind: 'notFound' }, 'No CodeArtifact domains are visible with this profile and region. Check the region, or add domains in the codeartifact.domains setting.');
  // One domain: its step is skipped and not counted, so the repository step is "1/1", not "2/2".
  const only = usable.length === 1 ? usable[0] : undefined;
  const chosen = await runSteps<TargetState>(
    targetSteps(
      { api: () => api, extraDomains: () => session.settings().extraDomains },
      'Show versions from',
      { domain: 'The CodeArtifact domain whose repository hovers and lenses ask', repository: 'Versions of every manifest without a CodeArtifact registry come from here' },
    ),
    only ? { domain: { name: only.name, ...(only.owner ? { owner: only.owner } : {}) }, domainGiven: true } : {},
  );
  const target = chosen?.target;
  if (!target) return;
  const ref = { name: target.domain, ...(target.domainOwner ? { owner: target.domainOwner } : {}) };
  const repo = { repo: { name: target.repository } };
  const value = { domain: ref.name, ...(ref.owner ? { owner: ref.owner } : {}), repository: repo.repo.name };
  // Global: the user's own settings, whatever folder is open.
  await vscode.workspace.getConfiguration('codeartifact').update('defaultRepository', value, vscode.ConfigurationTarget.Global);
  const configure = format ? CONFIGURE_COMMAND[format] : undefined;
  const action = configure ? `Configure ${configure.tool}…` : undefined;
  const choice = await vscode.window.showInformationMessage(
    messageText(`Versions now come from ${ref.name}/${repo.repo.name}. ${configure ? `To install from it too, configure ${configure.tool}.` : ''}`),
    ...(action ? [action] : []),
  );
  if (configure && choice === action) await vscode.commands.executeCommand(configure.command, { domain: ref.name, repository: repo.repo.name, ...(ref.owner ? { domainOwner: ref.owner } : {}) });
}
