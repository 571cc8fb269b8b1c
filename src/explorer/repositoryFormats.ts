// Which package formats a repository holds, for the format nodes under a repository. One unfiltered ListPackages
// page of up to 1,000 answers it for almost every repository (a second request beside DescribeRepository);
// only when that page is not the whole listing do the formats it did not show get a one-item probe each.
// No vscode here.
import { PACKAGE_FORMATS, type CodeArtifactApi, type PackageFormat, type PackageQuery, type RepositoryRef } from '../aws/codeArtifactApi';

/** CodeArtifact's largest ListPackages page. */
export const FORMAT_PAGE_SIZE = 1000;

/**
 * The formats with packages that match `query`, in PACKAGE_FORMATS order. A query with a format (a typed
 * `@scope/` or `group:` filter) needs only that format's probe. Unreadable entries (`dropped`) count as packages
 * of a format we could not see, so the unseen formats are probed.
 */
export async function formatsWithPackages(
  api: Pick<CodeArtifactApi, 'listPackages'>,
  repo: RepositoryRef,
  query: PackageQuery,
  signal?: AbortSignal,
): Promise<PackageFormat[]> {
  const candidates = PACKAGE_FORMATS.filter((f) => !query.format || f === query.format);
  if (query.format) return probe(api, repo, query, candidates, signal);
  const page = await api.listPackages(repo, query, { signal, maxResults: FORMAT_PAGE_SIZE });
  const seen = new Set<PackageFormat>(page.items.map((p) => p.format));
  const complete = !page.nextToken && !page.dropped;
  // The server normalizes a PyPI prefix only when the format is given (PEP 503: `My_Pkg` → `my-pkg`).
  const pypiPrefix = query.packagePrefix !== undefined && !seen.has('pypi');
  const unseen = candidates.filter((f) => !seen.has(f) && (!complete || (f === 'pypi' && pypiPrefix)));
  const probed = await probe(api, repo, query, unseen, signal);
  return candidates.filter((f) => seen.has(f) || probed.includes(f));
}

/** One one-item ListPackages per format, in parallel. */
async function probe(api: Pick<CodeArtifactApi, 'listPackages'>, repo: RepositoryRef, query: PackageQuery, formats: readonly PackageFormat[], signal?: AbortSignal): Promise<PackageFormat[]> {
  const pages = await Promise.all(formats.map((format) => api.listPackages(repo, { ...query, format }, { signal, maxResults: 1 })));
  return formats.filter((_, i) => (pages[i]?.items.length ?? 0) > 0 || (pages[i]?.dropped ?? 0) > 0);
}
