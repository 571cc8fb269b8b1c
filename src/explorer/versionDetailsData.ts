// What the version-details document shows, fetched in parallel. Plain Node (tested against the emulator).
import type { CodeArtifactApi, VersionRef } from '../aws/codeArtifactApi';
import { CodeArtifactError } from '../aws/errors';
import { packageGroupsApiIfAny, restrictionSummary } from '../aws/packageGroupsApi';
import type { VersionDetailsInput } from '../core/versionDetails';

/** Describe, assets and dependencies (first pages), readme and the governing package group in parallel; a part that fails is listed under "Not loaded". */
export async function loadVersionDetails(api: CodeArtifactApi, ref: VersionRef, signal?: AbortSignal): Promise<VersionDetailsInput> {
  const groups = packageGroupsApiIfAny(api);
  const [details, assets, dependencies, readme, group] = await Promise.allSettled([
    api.describePackageVersion(ref, { signal }),
    api.listAssets(ref, { signal, maxResults: 100 }),
    api.listDependencies(ref, { signal }),
    api.getReadme(ref, { signal }),
    groups ? groups.getAssociatedPackageGroup(ref, { signal }) : Promise.resolve(undefined),
  ]);
  const problems: string[] = [];
  const note = (what: string, r: PromiseSettledResult<unknown>) => {
    if (r.status === 'rejected') problems.push(`${what}: ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`);
  };
  note('Details', details);
  note('Assets', assets);
  note('Dependencies', dependencies);
  // Many versions have no readme; a 404 there is not a problem worth showing.
  if (readme.status === 'rejected' && !(readme.reason instanceof CodeArtifactError && readme.reason.kind === 'notFound')) note('Readme', readme);
  note('Package group', group);
  const governing = group.status === 'fulfilled' ? group.value : undefined;
  return {
    domain: ref.domain,
    domainOwner: ref.domainOwner ?? '',
    repository: ref.repository,
    format: ref.format,
    ...(ref.namespace ? { namespace: ref.namespace } : {}),
    package: ref.package,
    version: ref.version,
    ...(details.status === 'fulfilled' ? { details: details.value } : {}),
    ...(assets.status === 'fulfilled' ? { assets: assets.value.items, assetsTruncated: !!assets.value.nextToken } : {}),
    ...(dependencies.status === 'fulfilled' ? { dependencies: dependencies.value.items, dependenciesTruncated: !!dependencies.value.nextToken } : {}),
    ...(readme.status === 'fulfilled' && readme.value ? { readme: readme.value } : {}),
    ...(governing
      ? { packageGroup: { pattern: governing.group.pattern, ...(governing.associationType ? { associationType: governing.associationType } : {}), ...(restrictionSummary(governing.group) ? { restrictions: restrictionSummary(governing.group) } : {}) } }
      : {}),
    problems,
  };
}

