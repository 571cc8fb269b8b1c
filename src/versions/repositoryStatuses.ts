// The repository's own versions of a package with their status (ListPackageVersions), every page of them up to
// a cap: a package with more than 1,000 versions costs one more round trip per 1,000, and past the cap the
// answer says that the oldest statuses are missing instead of pretending to be whole. No vscode here.
import type { CodeArtifactApi, PackageRef } from '../aws/codeArtifactApi';

export const STATUS_PAGE_SIZE = 1000;
/** 10,000 versions: beyond that a hover is not worth more round trips. */
export const MAX_STATUS_PAGES = 10;

export interface RepositoryStatuses {
  /** Version → status, newest published first. */
  readonly statuses: Map<string, string>;
  /** More versions exist than were read (the cap was reached); those are the oldest by publish time. */
  readonly truncated: boolean;
}

export async function listStatuses(
  api: Pick<CodeArtifactApi, 'listPackageVersions'>,
  pkg: PackageRef,
  signal: AbortSignal,
  maxPages = MAX_STATUS_PAGES,
): Promise<RepositoryStatuses> {
  const statuses = new Map<string, string>();
  let nextToken: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const answer = await api.listPackageVersions(pkg, { maxResults: STATUS_PAGE_SIZE, signal, ...(nextToken ? { nextToken } : {}) });
    for (const v of answer.items) if (!statuses.has(v.version)) statuses.set(v.version, v.status);
    nextToken = answer.nextToken;
    if (!nextToken) return { statuses, truncated: false };
  }
  return { statuses, truncated: true };
}
