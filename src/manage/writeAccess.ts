// Which repositories have refused a write: after the first AccessDenied there, the tree's items under that
// repository carry `.readonly` in their contextValue and the write commands show disabled (package.json
// `enablement`), instead of every further try ending in an error. Pure; forgotten on sign-in changes.
import type { CodeArtifactError } from '../aws/errors';
import type { RepositoryRef } from '../aws/codeArtifactApi';

export function repositoryKey(r: RepositoryRef): string {
  return `${r.domainOwner ?? ''}/${r.domain}/${r.repository}`;
}

/** The repository an AccessDenied's resource names (`…:repository/D/R` or `…:package/D/R/…`), if any. */
export function repositoryOfResource(resource: string | undefined): { domain: string; repository: string } | undefined {
  const m = resource ? /:(?:repository|package)\/([^/\s]+)\/([^/\s]+)/.exec(resource) : undefined;
  return m?.[1] && m[2] ? { domain: m[1], repository: m[2] } : undefined;
}

export class WriteAccess {
  private readonly denied = new Map<string, string>();

  /** Records a denial; returns the repository key it applies to (the named resource's, else `called`'s). */
  deny(err: CodeArtifactError, called: RepositoryRef): string {
    const detail = err.detail.kind === 'accessDenied' ? err.detail : undefined;
    const named = repositoryOfResource(detail?.resource);
    const key = repositoryKey(named && named.domain === called.domain ? { ...called, repository: named.repository } : called);
    if (!this.denied.has(key)) this.denied.set(key, detail?.action ?? 'a write action');
    return key;
  }

  /** The action that was denied in this repository, if one was. */
  deniedAction(r: RepositoryRef): string | undefined {
    return this.denied.get(repositoryKey(r));
  }

  clear(): void {
    this.denied.clear();
  }
}
