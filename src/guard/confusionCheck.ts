// Gathers the facts of the dependency-confusion decision from the control plane, bounded and cached: one
// ListPackageVersions (origin INTERNAL, one item) per dependency; for internal ones DescribeRepository per
// repository (shared by every package), DescribePackage per repository on the way, and the package group once per
// package (once per domain when the service does not offer groups). No vscode here.
import type { CodeArtifactAdminApi, PackageGroupSummary } from '../aws/adminApi';
import { isUnsupportedOperation } from '../aws/adminApi';
import type { CodeArtifactApi, PackageRef, RepositoryDetails } from '../aws/codeArtifactApi';
import { CodeArtifactError } from '../aws/errors';
import type { PackageGroupInfo, PackageGroupsApi } from '../aws/packageGroupsApi';
import { Limiter } from '../versions/limiter';
import type { RepositoryTarget } from '../versions/repositoryResolver';
import { externalConnectionFormat } from '../versions/repositoryReach';
import { decide, publicEntries, type ConfusionFacts, type GroupFacts, type RepositoryFacts, type Verdict } from './confusionDecision';

export interface GuardQuery {
  readonly target: Pick<RepositoryTarget, 'domain' | 'owner' | 'repository' | 'format'>;
  /** npm scope without `@`, Maven groupId. */
  readonly namespace?: string;
  readonly name: string;
}

export interface CheckResult {
  readonly verdict: Verdict;
  /** The package's publish restriction in the target, kept as it is by the quick fix. */
  readonly publish?: 'ALLOW' | 'BLOCK';
}

export interface CheckerOptions {
  readonly api: () => CodeArtifactApi;
  readonly admin: (api: CodeArtifactApi) => CodeArtifactAdminApi | undefined;
  /** Where the package's governing group is asked (packageGroupsApiIfAny). */
  readonly groups: (api: CodeArtifactApi) => Pick<PackageGroupsApi, 'getAssociatedPackageGroup'> | undefined;
  /** Checks at once (each runs its calls one after another). Default 4. */
  readonly concurrency?: number;
  /** How long an answer is kept. Default 5 minutes; an unknown one 30 s. */
  readonly ttlMs?: number;
  readonly now?: () => number;
  /** Repositories read per package at most, whatever the upstream graph. Default 20. */
  readonly maxRepositories?: number;
}

const UNKNOWN_TTL_MS = 30_000;
/** Parent groups followed at most to resolve INHERIT. */
const MAX_GROUP_DEPTH = 20;

interface Cached<T> {
  readonly at: number;
  readonly ttl: number;
  readonly value: Promise<T>;
}

function isNotFound(err: unknown): boolean {
  return err instanceof CodeArtifactError && err.kind === 'notFound';
}
function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export function queryKey(q: GuardQuery): string {
  return [q.target.owner, q.target.domain, q.target.repository, q.target.format, q.namespace ?? '', q.name].join('|');
}

export class ConfusionChecker {
  private readonly results = new Map<string, Cached<CheckResult>>();
  private readonly repositories = new Map<string, Cached<RepositoryDetails>>();
  private readonly groups = new Map<string, Cached<GroupFacts>>();
  /** Domains whose service answered that package groups are not offered: not asked again until clear(). */
  private readonly noGroups = new Set<string>();
  private readonly limiter: Limiter;
  private readonly now: () => number;
  private readonly ttl: number;

  constructor(private readonly opts: CheckerOptions) {
    this.limiter = new Limiter(opts.concurrency ?? 4);
    this.now = opts.now ?? Date.now;
    this.ttl = opts.ttlMs ?? 5 * 60_000;
  }

  clear(): void {
    this.results.clear();
    this.repositories.clear();
    this.groups.clear();
    this.noGroups.clear();
  }

  /** After a write: this package's answer (every repository) and its group's are asked again. */
  forget(q: GuardQuery): void {
    const suffix = `|${q.target.format}|${q.namespace ?? ''}|${q.name}`;
    for (const key of [...this.results.keys()]) if (key.endsWith(suffix)) this.results.delete(key);
    for (const key of [...this.groups.keys()]) if (key.endsWith(suffix)) this.groups.delete(key);
  }

  /** A repository's upstreams or external connection changed. */
  forgetRepositories(): void {
    this.repositories.clear();
    this.results.clear();
  }

  check(q: GuardQuery, signal?: AbortSignal): Promise<CheckResult> {
    const key = queryKey(q);
    const hit = this.cached(this.results, key);
    if (hit) return hit;
    const value = this.limiter.run(() => this.run(q, signal), signal);
    this.results.set(key, { at: this.now(), ttl: this.ttl, value });
    void value.then(
      (r) => {
        if (r.verdict.kind === 'unknown') this.shorten(this.results, key, value);
      },
      () => this.results.get(key)?.value === value && this.results.delete(key),
    );
    return value;
  }

  private cached<T>(map: Map<string, Cached<T>>, key: string): Promise<T> | undefined {
    const hit = map.get(key);
    if (hit && this.now() - hit.at < hit.ttl) return hit.value;
    if (hit) map.delete(key);
    return undefined;
  }

  private shorten<T>(map: Map<string, Cached<T>>, key: string, value: Promise<T>): void {
    const hit = map.get(key);
    if (hit?.value === value) map.set(key, { ...hit, ttl: Math.min(hit.ttl, UNKNOWN_TTL_MS) });
  }

  private ref(q: GuardQuery, repository: string): PackageRef {
    const { target } = q;
    return {
      domain: target.domain,
      ...(target.owner ? { domainOwner: target.owner } : {}),
      repository,
      format: target.format,
      ...(q.namespace ? { namespace: q.namespace } : {}),
      package: q.name,
    };
  }

  private describeRepository(q: GuardQuery, repository: string, signal?: AbortSignal): Promise<RepositoryDetails> {
    const key = `${q.target.owner}|${q.target.domain}|${repository}`;
    const hit = this.cached(this.repositories, key);
    if (hit) return hit;
    const value = this.opts.api().describeRepository({ domain: q.target.domain, ...(q.target.owner ? { domainOwner: q.target.owner } : {}), repository }, signal ? { signal } : {});
    this.repositories.set(key, { at: this.now(), ttl: this.ttl, value });
    value.catch(() => this.repositories.get(key)?.value === value && this.repositories.delete(key));
    return value;
  }

  private async run(q: GuardQuery, signal?: AbortSignal): Promise<CheckResult> {
    const api = this.opts.api();
    const callOpts = signal ? { signal } : {};
    let internal: boolean;
    try {
      const page = await api.listPackageVersions(this.ref(q, q.target.repository), { ...callOpts, originType: 'INTERNAL', maxResults: 1 });
      internal = page.items.length > 0;
    } catch (err) {
      if (isNotFound(err)) return { verdict: { kind: 'notInternal' } };
      throw err;
    }
    if (!internal) return { verdict: { kind: 'notInternal' } };
    const admin = this.opts.admin(api);
    if (!admin) return { verdict: { kind: 'unknown', detail: 'origin controls cannot be read with this connection' } };

    // The graph, breadth first; a repository where the package's upstream is blocked is not looked past.
    const repositories = new Map<string, RepositoryFacts>();
    let publish: 'ALLOW' | 'BLOCK' | undefined;
    const queue = [q.target.repository];
    const queued = new Set(queue);
    const max = this.opts.maxRepositories ?? 20;
    while (queue.length > 0 && repositories.size < max) {
      const name = queue.shift()!;
      let details: RepositoryDetails;
      let restrictions: { publish?: 'ALLOW' | 'BLOCK'; upstream?: 'ALLOW' | 'BLOCK' } | undefined;
      try {
        details = await this.describeRepository(q, name, signal);
        restrictions = await admin.describePackage(this.ref(q, name), callOpts).then(
          (p) => p.restrictions ?? {},
          (err: unknown) => {
            if (isNotFound(err)) return undefined;
            throw err;
          },
        );
      } catch (err) {
        if (err instanceof CodeArtifactError && err.kind === 'cancelled') throw err;
        // Left out of the map: the decision says it could not read it.
        continue;
      }
      if (name === q.target.repository) publish = restrictions?.publish;
      const connection = details.externalConnections.find((c) => externalConnectionFormat(c) === q.target.format)?.name;
      repositories.set(name, {
        name,
        upstreams: details.upstreams,
        ...(connection ? { externalConnection: connection } : {}),
        ...(restrictions?.upstream ? { packageUpstream: restrictions.upstream } : {}),
      });
      if (restrictions?.upstream === 'BLOCK') continue;
      for (const up of details.upstreams) {
        if (!queued.has(up)) {
          queued.add(up);
          queue.push(up);
        }
      }
    }
    const partial: Omit<ConfusionFacts, 'group'> = { target: q.target.repository, internal, repositories };
    // The group matters only when a public version could otherwise come in.
    const group: GroupFacts = publicEntries(partial).entries.length > 0 ? await this.groupOf(q, api, admin, signal) : { kind: 'unknown', why: 'not needed' };
    return { verdict: decide({ ...partial, group }), ...(publish ? { publish } : {}) };
  }

  private groupOf(q: GuardQuery, api: CodeArtifactApi, admin: CodeArtifactAdminApi, signal?: AbortSignal): Promise<GroupFacts> {
    const domainKey = `${q.target.owner}|${q.target.domain}`;
    if (this.noGroups.has(domainKey)) return Promise.resolve({ kind: 'unknown', why: 'package groups are not available' });
    const key = `${domainKey}|${q.target.format}|${q.namespace ?? ''}|${q.name}`;
    const hit = this.cached(this.groups, key);
    if (hit) return hit;
    const value = this.readGroup(q, api, admin, signal).catch((err: unknown): GroupFacts => {
      if (isUnsupportedOperation(err)) {
        this.noGroups.add(domainKey);
        return { kind: 'unknown', why: 'package groups are not available' };
      }
      if (err instanceof CodeArtifactError && err.kind === 'cancelled') throw err;
      return { kind: 'unknown', why: err instanceof CodeArtifactError && err.kind === 'accessDenied' ? 'no permission to read package groups' : message(err) };
    });
    this.groups.set(key, { at: this.now(), ttl: this.ttl, value });
    void value.then(
      (g) => g.kind === 'unknown' && this.shorten(this.groups, key, value),
      () => this.groups.get(key)?.value === value && this.groups.delete(key),
    );
    return value;
  }

  private async readGroup(q: GuardQuery, api: CodeArtifactApi, admin: CodeArtifactAdminApi, signal?: AbortSignal): Promise<GroupFacts> {
    const groups = this.opts.groups(api);
    if (!groups) return { kind: 'unknown', why: 'package groups are not available' };
    const callOpts = signal ? { signal } : {};
    const domain = { domain: q.target.domain, ...(q.target.owner ? { domainOwner: q.target.owner } : {}) };
    const { group } = await groups.getAssociatedPackageGroup(
      { ...domain, format: q.target.format, ...(q.namespace ? { namespace: q.namespace } : {}), package: q.name },
      callOpts,
    );
    const associated = summaryOf(group);
    // INHERIT: the service's effectiveMode when it gives one, else the first parent that is not INHERIT.
    let governing: PackageGroupSummary = associated;
    let mode = effective(associated);
    for (let depth = 0; mode === undefined && governing.parent && depth < MAX_GROUP_DEPTH; depth++) {
      governing = await admin.describePackageGroup({ ...domain, pattern: governing.parent }, callOpts);
      mode = effective(governing);
    }
    // The root group allows everything unless someone changed it.
    const externalUpstream = mode ?? 'ALLOW';
    const owner = governing.externalUpstream?.inheritedFrom ?? governing.pattern;
    const allowedRepositories = externalUpstream === 'ALLOW_SPECIFIC_REPOSITORIES' ? await admin.listAllowedRepositories({ ...domain, pattern: owner }, 'EXTERNAL_UPSTREAM', callOpts) : undefined;
    return { kind: 'known', pattern: associated.pattern, externalUpstream, ...(allowedRepositories ? { allowedRepositories } : {}) };
  }
}

/** The part of a group the decision reads, in the shape DescribePackageGroup's answers have here (adminApi.ts). */
function summaryOf(group: PackageGroupInfo): PackageGroupSummary {
  const external = group.restrictions.EXTERNAL_UPSTREAM;
  return {
    pattern: group.pattern,
    ...(group.parent ? { parent: group.parent } : {}),
    ...(external
      ? { externalUpstream: { mode: external.mode, ...(external.effectiveMode ? { effectiveMode: external.effectiveMode } : {}), ...(external.inheritedFrom ? { inheritedFrom: external.inheritedFrom } : {}) } }
      : {}),
  };
}

function effective(group: PackageGroupSummary): string | undefined {
  const r = group.externalUpstream;
  if (r?.effectiveMode && r.effectiveMode !== 'INHERIT') return r.effectiveMode;
  if (r?.mode && r.mode !== 'INHERIT') return r.mode;
  return undefined;
}
