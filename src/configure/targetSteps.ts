// The "domain" and "repository" steps every configure command shares, as steps of a multi-step pick (core/steps.ts):
// skipped when the explorer already gave the repository, with Back from the repository to the domain.
import * as vscode from 'vscode';
import { listDomainsWithExtras, type CodeArtifactApi, type DomainRef } from '../aws/codeArtifactApi';
import { CodeArtifactError } from '../aws/errors';
import { displayText } from '../core/displayText';
import { domainPickText, repositoryPickText } from '../core/pickItems';
import type { Step } from '../core/steps';
import { outcomeOf, pickStep } from '../shared/quickSteps';
import type { RepositoryTarget } from './configurator';

export interface TargetState {
  domain?: DomainRef;
  /** The caller chose the domain (the only one there is): its step is not shown, nor counted. */
  domainGiven?: boolean;
  target?: RepositoryTarget;
}

export interface TargetSources {
  api: () => CodeArtifactApi;
  extraDomains: () => readonly DomainRef[];
}

/** Domain, then repository; both skipped when `state.target` is already set. */
export function targetSteps<S extends TargetState>(sources: TargetSources, purpose: string, placeholders: { domain?: string; repository?: string } = {}): Step<S>[] {
  const needed = (state: S): boolean => state.target === undefined;
  return [
    {
      shown: (state) => needed(state) && state.domainGiven !== true,
      run: async (state, position, earlier) => {
        const domains = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Listing CodeArtifact domains…' }, () =>
          listDomainsWithExtras(sources.api(), sources.extraDomains(), { maxResults: 100 }),
        );
        const usable = domains.items.filter((d) => !d.error);
        if (usable.length === 0) throw new CodeArtifactError({ kind: 'notFound' }, 'No CodeArtifact domains are visible with this profile and region. Check the region, or add domains in the codeartifact.domains setting.');
        const result = await pickStep({
          title: `${purpose}: domain`,
          placeholder: placeholders.domain ?? 'Choose the CodeArtifact domain',
          items: usable.map((d) => ({ ...domainPickText(d), domain: d })),
          position,
          // After Back: the domain chosen before.
          active: (i) => {
            const before = earlier?.domain ?? state.domain;
            return i.domain.name === before?.name && i.domain.owner === (before.owner ?? i.domain.owner);
          },
        });
        return outcomeOf(result, ([picked]) => ({ ...state, domain: picked ? { name: picked.domain.name, ...(picked.domain.owner ? { owner: picked.domain.owner } : {}) } : undefined }));
      },
    },
    {
      shown: needed,
      run: async (state, position, earlier) => {
        const ref = state.domain;
        if (!ref) return 'cancel';
        const repos = await sources.api().listRepositories(ref, { maxResults: 1000 });
        if (repos.items.length === 0) throw new Error(`Domain ${ref.name} has no repositories yet.`);
        const result = await pickStep({
          title: displayText(`${purpose}: repository in ${ref.name}`),
          placeholder: placeholders.repository ?? 'Choose the repository',
          items: repos.items.map((r) => ({ ...repositoryPickText(r), repo: r })),
          position,
          matchOnDescription: true,
          active: (i) => earlier?.target?.domain === ref.name && earlier.target.repository === i.repo.name,
        });
        return outcomeOf(result, ([picked]) => ({
          ...state,
          target: picked ? { domain: ref.name, repository: picked.repo.name, ...(ref.owner ? { domainOwner: ref.owner } : {}) } : undefined,
        }));
      },
    },
  ];
}
