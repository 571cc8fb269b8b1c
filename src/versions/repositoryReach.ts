// Whether a repository could serve a package that nobody published to it: does it, or any repository upstream of it
// (transitively), have an external connection (npmjs, PyPI, Maven Central…) for the format? A package the data
// plane does not know is then most likely misspelled (a Warning); in a CodeArtifact-only repository it can only
// come from a publish, and `npm install` fails for sure (an Error). No vscode here.
import type { CodeArtifactApi } from '../aws/codeArtifactApi';
import { consoleUrl } from '../core/consoleUrls';
import type { ManifestDependency } from './manifestDependencies';
import type { RepositoryTarget } from './repositoryResolver';

/** Repositories visited at most, whatever the upstream graph looks like (CodeArtifact allows 10 direct upstreams). */
const MAX_REPOSITORIES = 50;

/** The format an external connection serves, from its name when the answer leaves `packageFormat` out. */
export function externalConnectionFormat(connection: { name: string; format?: string }): string | undefined {
  if (connection.format) return connection.format;
  if (connection.name === 'public:npmjs') return 'npm';
  if (connection.name === 'public:pypi') return 'pypi';
  if (connection.name.startsWith('public:maven-')) return 'maven';
  return undefined;
}

export class RepositoryReach {
  private readonly answers = new Map<string, Promise<boolean | undefined>>();

  constructor(private readonly api: () => Pick<CodeArtifactApi, 'describeRepository'>) {}

  /**
   * True: an external connection for the format is reachable; false: none is (CodeArtifact-only); undefined:
   * unknown (DescribeRepository failed, e.g. no permission). Cached until clear().
   */
  hasExternalSource(target: RepositoryTarget, signal?: AbortSignal): Promise<boolean | undefined> {
    const key = `${target.owner}|${target.domain}|${target.repository}|${target.format}`;
    let answer = this.answers.get(key);
    if (!answer) {
      answer = this.walk(target, signal).catch(() => undefined);
      this.answers.set(key, answer);
      // Unknown is not remembered: the next diagnostics run asks again.
      void answer.then((value) => value === undefined && this.answers.get(key) === answer && this.answers.delete(key));
    }
    return answer;
  }

  clear(): void {
    this.answers.clear();
  }

  private async walk(target: RepositoryTarget, signal?: AbortSignal): Promise<boolean> {
    const api = this.api();
    const seen = new Set<string>();
    const queue = [target.repository];
    while (queue.length > 0 && seen.size < MAX_REPOSITORIES) {
      const repository = queue.shift()!;
      if (seen.has(repository)) continue;
      seen.add(repository);
      const details = await api.describeRepository({ domain: target.domain, ...(target.owner ? { domainOwner: target.owner } : {}), repository }, signal ? { signal } : {});
      if (details.externalConnections.some((c) => externalConnectionFormat(c) === target.format)) return true;
      queue.push(...details.upstreams);
    }
    return false;
  }
}

/** AWS's guide to upstreams and external connections, when the console link cannot be made. */
export const UPSTREAM_DOCS_URL = 'https://docs.aws.amazon.com/codeartifact/latest/ug/repos-upstream.html';

export interface AddUpstreamArgs {
  readonly domain: string;
  readonly owner: string;
  readonly repository: string;
}

/** The repository's page in the AWS console (upstreams are edited there), else the guide. */
export function addUpstreamUrl(args: unknown, region: string | undefined): string {
  const a = (typeof args === 'object' && args !== null ? args : {}) as Partial<Record<keyof AddUpstreamArgs, unknown>>;
  if (region && typeof a.domain === 'string' && typeof a.owner === 'string' && typeof a.repository === 'string') {
    try {
      return consoleUrl({ region, owner: a.owner, domain: a.domain, repository: a.repository });
    } catch {
      // No account id (the caller's own) or a name that cannot be a link: the guide says the same.
    }
  }
  return UPSTREAM_DOCS_URL;
}

/** What the Find Package command searches for this dependency (`@scope/name`, `group:artifact`, `name`). */
export function searchText(dep: Pick<ManifestDependency, 'ecosystem' | 'namespace' | 'name' | 'displayName'>): string {
  if (dep.ecosystem === 'maven' && dep.namespace) return `${dep.namespace}:${dep.name}`;
  return dep.displayName;
}
