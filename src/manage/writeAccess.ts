// Which repositories and domains have refused a write: after the first AccessDenied there, the tree's items
// carry `.readonly` in their contextValue and the write commands show disabled (package.json `enablement`),
// instead of every further try ending in an error. A repository's rows (its packages, versions and the repository
// setup entries) follow denials in that repository; a domain's rows (package groups, Create Repository) follow
// denials of domain-level writes. Pure; forgotten on sign-in changes.
import { CodeArtifactError } from '../aws/errors';
import type { RepositoryRef } from '../aws/codeArtifactApi';

export function repositoryKey(r: RepositoryRef): string {
  return `${r.domainOwner ?? ''}/${r.domain}/${r.repository}`;
}

/** The repository an AccessDenied's resource names (`…:repository/D/R` or `…:package/D/R/…`), if any. */
export function repositoryOfResource(resource: string | undefined): { domain: string; repository: string } | undefined {
  const m = resource ? /:(?:repository|package)\/([^/\s]+)\/([^/\s]+)/.exec(resource) : undefined;
  return m?.[1] && m[2] ? { domain: m[1], repository: m[2] } : undefined;
}

/** Writes on the domain itself (its package groups, a new repository): a denial marks the whole domain. */
export const DOMAIN_WRITES: ReadonlySet<string> = new Set(['CreatePackageGroup', 'UpdatePackageGroup', 'UpdatePackageGroupOriginConfiguration', 'DeletePackageGroup', 'CreateRepository']);
/** Writes on one repository made outside the manage commands (repository setup, generic upload). */
export const REPOSITORY_WRITES: ReadonlySet<string> = new Set(['UpdateRepository', 'AssociateExternalConnection', 'DisassociateExternalConnection', 'PublishPackageVersion']);

/** Owner and domain of any CodeArtifact ARN (`arn:aws:codeartifact:REGION:OWNER:domain/D`, `…:repository/D/R`, `…:package-group/D/…`). */
export function domainOfResource(resource: string | undefined): { owner: string; domain: string } | undefined {
  const m = resource ? /^arn:[^:]+:codeartifact:[^:]*:(\d{12}):(?:domain|repository|package|package-group)\/([^/\s]+)/.exec(resource) : undefined;
  return m?.[1] && m[2] ? { owner: m[1], domain: m[2] } : undefined;
}

/** An access-denied error made without a request: the buttons are those of a real denial (Sign In, Show Logs). */
export function refusedEarlier(what: string, action: string, where: string): CodeArtifactError {
  return new CodeArtifactError(
    { kind: 'accessDenied', action },
    `not tried: ${action} was already refused in ${where} for this profile, so ${what} would be refused too. Ask an administrator to allow write actions in ${where}, or sign in with a profile that has them.`,
  );
}

export class WriteAccess {
  private readonly denied = new Map<string, string>();
  /** `OWNER/DOMAIN` → the denied action; `*` when the denial named no resource (then every domain). */
  private readonly deniedDomains = new Map<string, string>();

  /** Records a denial; returns the repository key it applies to (the named resource's, else `called`'s). */
  deny(err: CodeArtifactError, called: RepositoryRef): string {
    const detail = err.detail.kind === 'accessDenied' ? err.detail : undefined;
    const named = repositoryOfResource(detail?.resource);
    const key = repositoryKey(named && named.domain === called.domain ? { ...called, repository: named.repository } : called);
    if (!this.denied.has(key)) this.denied.set(key, detail?.action ?? 'a write action');
    return key;
  }

  /** The action that was denied in this repository, if one was (a ref without an owner matches any owner). */
  deniedAction(r: RepositoryRef): string | undefined {
    const exact = this.denied.get(repositoryKey(r));
    if (exact !== undefined) return exact;
    for (const [key, action] of this.denied) {
      const [owner, domain, repository] = key.split('/');
      if (domain === r.domain && repository === r.repository && (!owner || !r.domainOwner)) return action;
    }
    return undefined;
  }

  /**
   * The error for a write not even tried because the same repository refused a write before (the palette offers
   * the command even where the tree shows it disabled). `what` names the write ("unlisting versions").
   */
  refusal(r: RepositoryRef, what: string): CodeArtifactError | undefined {
    const action = this.deniedAction(r);
    return action === undefined ? undefined : refusedEarlier(what, action, `${r.domain}/${r.repository}`);
  }

  /** As refusal(), for a write on the domain itself (package groups, a new repository). */
  refusalInDomain(d: { name: string; owner?: string }, what: string): CodeArtifactError | undefined {
    const action = this.deniedInDomain(d);
    return action === undefined ? undefined : refusedEarlier(what, action, `the domain ${d.name}`);
  }

  /** Records a denial of a domain-level write; its resource names the domain (else every domain is meant). */
  denyDomain(err: CodeArtifactError): void {
    const detail = err.detail.kind === 'accessDenied' ? err.detail : undefined;
    const named = domainOfResource(detail?.resource);
    const key = named ? `${named.owner}/${named.domain}` : '*';
    if (!this.deniedDomains.has(key)) this.deniedDomains.set(key, detail?.action ?? 'a write action');
  }

  /** The domain-level action that was denied in this domain, if one was. */
  deniedInDomain(d: { name: string; owner?: string }): string | undefined {
    for (const [key, action] of this.deniedDomains) {
      if (key === '*') return action;
      const [owner, name] = key.split('/');
      if (name === d.name && (!d.owner || d.owner === owner)) return action;
    }
    return undefined;
  }

  clear(): void {
    this.denied.clear();
    this.deniedDomains.clear();
  }
}
