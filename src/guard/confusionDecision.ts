// The dependency-confusion decision: given what the service says about an internal package, its repository graph
// and its package group, can a public package of the same name enter through the repository the workspace uses?
// Pure: facts in, verdict out (the decision table the unit tests hold down). No vscode, no I/O.

/** One repository of the upstream graph, as far as this package is concerned. */
export interface RepositoryFacts {
  readonly name: string;
  /** Priority order. */
  readonly upstreams: readonly string[];
  /** The external connection serving the package's format, if the repository has one. */
  readonly externalConnection?: string;
  /** The package's own upstream restriction in this repository; undefined when it has no record there. */
  readonly packageUpstream?: 'ALLOW' | 'BLOCK';
}

export type GroupFacts =
  /** Package groups could not be read (not offered, no permission, offline): the package level decides alone. */
  | { readonly kind: 'unknown'; readonly why: string }
  | {
      readonly kind: 'known';
      readonly pattern: string;
      /** EXTERNAL_UPSTREAM with INHERIT resolved: ALLOW, BLOCK or ALLOW_SPECIFIC_REPOSITORIES. */
      readonly externalUpstream: string;
      /** For ALLOW_SPECIFIC_REPOSITORIES: the repositories that may ingest from a public source. */
      readonly allowedRepositories?: readonly string[];
    };

export interface ConfusionFacts {
  /** The repository the workspace installs from. */
  readonly target: string;
  /** Some version of the package in the target was published, not pulled (origin INTERNAL). */
  readonly internal: boolean;
  /** The target and its upstreams, transitively (may be cut short: see `incomplete`). */
  readonly repositories: ReadonlyMap<string, RepositoryFacts>;
  readonly group: GroupFacts;
}

/** A way in: a repository with an external connection that nothing on the path blocks. */
export interface PublicEntry {
  readonly repository: string;
  readonly connection: string;
  /** Target first, the repository with the connection last. */
  readonly path: readonly string[];
}

export type Fix = 'package' | 'group';

export type Verdict =
  | { readonly kind: 'notInternal' }
  | { readonly kind: 'protected'; readonly by: 'noExternalConnection' | 'packageOrigin' | 'packageGroup'; readonly detail: string }
  | {
      readonly kind: 'exposed';
      readonly entries: readonly PublicEntry[];
      /** False when package groups could not be read: a group might still block (the message says so). */
      readonly groupChecked: boolean;
      readonly fixes: readonly Fix[];
      readonly group?: string;
    }
  /** Part of the graph could not be read: nothing is claimed. */
  | { readonly kind: 'unknown'; readonly detail: string };

/** The root package group: blocking it would block every public package of the domain, so it is never offered. */
export const ROOT_GROUP = '/*';

/**
 * Where a public version could come in: walk the graph from the target in priority order; a repository whose record
 * of the package says upstream BLOCK neither ingests from its external connection nor asks its upstreams.
 */
export function publicEntries(facts: Pick<ConfusionFacts, 'target' | 'repositories'>): { entries: PublicEntry[]; blockedAt: string[]; missing: string[] } {
  const entries: PublicEntry[] = [];
  const blockedAt: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string, path: readonly string[]): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const repo = facts.repositories.get(name);
    if (!repo) {
      missing.push(name);
      return;
    }
    const here = [...path, name];
    if (repo.packageUpstream === 'BLOCK') {
      blockedAt.push(name);
      return;
    }
    if (repo.externalConnection) entries.push({ repository: name, connection: repo.externalConnection, path: here });
    for (const up of repo.upstreams) visit(up, here);
  };
  visit(facts.target, []);
  return { entries, blockedAt, missing };
}

export function decide(facts: ConfusionFacts): Verdict {
  if (!facts.internal) return { kind: 'notInternal' };
  const { entries, blockedAt, missing } = publicEntries(facts);
  if (entries.length === 0) {
    if (missing.length > 0) return { kind: 'unknown', detail: `could not read ${missing.join(', ')}` };
    if (blockedAt.length > 0) return { kind: 'protected', by: 'packageOrigin', detail: `upstream is blocked for this package in ${blockedAt.join(', ')}` };
    return { kind: 'protected', by: 'noExternalConnection', detail: 'no repository on its upstream path has a public external connection' };
  }
  const { group } = facts;
  let open = entries;
  if (group.kind === 'known') {
    if (group.externalUpstream === 'BLOCK') return { kind: 'protected', by: 'packageGroup', detail: `its package group ${group.pattern} blocks external upstreams` };
    if (group.externalUpstream === 'ALLOW_SPECIFIC_REPOSITORIES') {
      const allowed = new Set(group.allowedRepositories ?? []);
      open = entries.filter((e) => allowed.has(e.repository));
      if (open.length === 0) return { kind: 'protected', by: 'packageGroup', detail: `its package group ${group.pattern} allows external upstreams only in repositories not on its path` };
    }
  }
  const groupFix = group.kind === 'known' && group.pattern !== ROOT_GROUP;
  return {
    kind: 'exposed',
    entries: open,
    groupChecked: group.kind === 'known',
    fixes: groupFix ? ['package', 'group'] : ['package'],
    ...(group.kind === 'known' ? { group: group.pattern } : {}),
  };
}

/** The diagnostic's words (the name is the caller's display-safe text). */
export function exposedMessage(displayName: string, verdict: Extract<Verdict, { kind: 'exposed' }>): string {
  const via = verdict.entries[0];
  const where = via ? ` (through ${via.connection} on ${via.repository})` : '';
  const note = verdict.groupChecked ? '' : '; its package group could not be checked';
  return `${displayName} is internal but its upstream is allowed: a public package of the same name could be installed${where}${note}`;
}
