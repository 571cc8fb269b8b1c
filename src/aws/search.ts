// "Find package": one ListPackages per repository of a domain (server-side prefix), a few at a time.
import { collectPages, type CodeArtifactApi, type DomainRef, type PackageInfo, type PackageQuery } from './codeArtifactApi';
import { CodeArtifactError } from './errors';

export interface PackageMatch {
  repository: string;
  pkg: PackageInfo;
}

export interface SearchResult {
  matches: PackageMatch[];
  /** Repositories whose listing failed, with the reason (the search still reports the others). */
  failures: { repository: string; error: CodeArtifactError }[];
  /** True when a repository had more matches than one page, or the domain more repositories than scanned. */
  truncated: boolean;
  repositoriesSearched: number;
}

/**
 * Turns what a person types into a ListPackages query: `@scope/name` → npm scope + prefix,
 * `group:artifact` → Maven group + prefix, anything else → a package-name prefix in every format.
 */
export function parsePackageQuery(text: string): PackageQuery {
  const t = text.trim();
  const npm = /^@([^/\s]+)\/(.*)$/.exec(t);
  if (npm) return { format: 'npm', namespace: npm[1], ...(npm[2] ? { packagePrefix: npm[2] } : {}) };
  const maven = /^([A-Za-z0-9_.-]+):([A-Za-z0-9_.-]*)$/.exec(t);
  if (maven) return { format: 'maven', namespace: maven[1], ...(maven[2] ? { packagePrefix: maven[2] } : {}) };
  return t ? { packagePrefix: t } : {};
}

export async function findPackages(
  api: CodeArtifactApi,
  domain: DomainRef,
  text: string,
  opts: { signal?: AbortSignal; concurrency?: number; perRepository?: number; onProgress?: (done: number, total: number) => void } = {},
): Promise<SearchResult> {
  const query = parsePackageQuery(text);
  const repos = await collectPages((nextToken) => api.listRepositories(domain, { nextToken, signal: opts.signal, maxResults: 1000 }), 10);
  const names = repos.items.map((r) => r.name);
  const result: SearchResult = { matches: [], failures: [], truncated: repos.truncated, repositoriesSearched: names.length };
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < names.length) {
      const repository = names[next++] as string;
      try {
        const page = await api.listPackages({ domain: domain.name, domainOwner: domain.owner, repository }, query, { signal: opts.signal, maxResults: opts.perRepository ?? 100 });
        // The namespace parameter is a prefix match on the server; a typed scope or group means that one exactly.
        const exact = query.namespace ? page.items.filter((p) => p.namespace === query.namespace) : page.items;
        for (const pkg of exact) result.matches.push({ repository, pkg });
        if (page.nextToken) result.truncated = true;
      } catch (err) {
        if (err instanceof CodeArtifactError && err.kind === 'cancelled') throw err;
        result.failures.push({ repository, error: err instanceof CodeArtifactError ? err : new CodeArtifactError({ kind: 'internal' }, String(err)) });
      }
      opts.onProgress?.(++done, names.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 6, names.length) }, worker));
  result.matches.sort((a, b) => a.repository.localeCompare(b.repository) || a.pkg.name.localeCompare(b.pkg.name));
  return result;
}
