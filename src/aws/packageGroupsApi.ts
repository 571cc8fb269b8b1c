// Package groups (CreatePackageGroup … GetAssociatedPackageGroup) behind the same narrow style as
// codeArtifactApi.ts: plain values in and out, one page per call, answers read defensively. Plain Node.
import {
  CreatePackageGroupCommand,
  DeletePackageGroupCommand,
  DescribePackageGroupCommand,
  GetAssociatedPackageGroupCommand,
  ListAllowedRepositoriesForGroupCommand,
  ListAssociatedPackagesCommand,
  ListPackageGroupsCommand,
  ListSubPackageGroupsCommand,
  UpdatePackageGroupCommand,
  UpdatePackageGroupOriginConfigurationCommand,
} from '@aws-sdk/client-codeartifact';
import { codeArtifactArn } from '../core/awsPartitions';
import { SdkCodeArtifactApi, type CallOptions, type CodeArtifactApi, type DomainRef, type Page, type PackageFormat, type PageOptions } from './codeArtifactApi';
import { CodeArtifactError, MalformedResponseError } from './errors';

export const RESTRICTION_TYPES = ['PUBLISH', 'EXTERNAL_UPSTREAM', 'INTERNAL_UPSTREAM'] as const;
export type RestrictionType = (typeof RESTRICTION_TYPES)[number];
export const RESTRICTION_MODES = ['ALLOW', 'BLOCK', 'ALLOW_SPECIFIC_REPOSITORIES', 'INHERIT'] as const;
export type RestrictionMode = (typeof RESTRICTION_MODES)[number];
export const ROOT_GROUP = '/*';

export interface GroupRestriction {
  /** As set on the group; kept open for modes added later. */
  mode: string;
  effectiveMode?: string;
  /** The pattern of the group an INHERIT mode comes from. */
  inheritedFrom?: string;
  repositoriesCount?: number;
}

export interface PackageGroupInfo {
  pattern: string;
  arn?: string;
  domain: string;
  domainOwner?: string;
  description?: string;
  contactInfo?: string;
  createdTime?: Date;
  /** The parent group's pattern; none for the root group. */
  parent?: string;
  restrictions: Partial<Record<RestrictionType, GroupRestriction>>;
}

export interface AssociatedPackage {
  format: PackageFormat;
  namespace?: string;
  name: string;
  associationType?: string;
}

export interface AllowedRepositoryChange {
  repository: string;
  type: RestrictionType;
}

export interface OriginUpdate {
  restrictions?: Partial<Record<RestrictionType, RestrictionMode>>;
  add?: AllowedRepositoryChange[];
  remove?: AllowedRepositoryChange[];
}

/** A package by its name in a domain (no repository): what GetAssociatedPackageGroup asks about. */
export interface PackageInDomain {
  domain: string;
  domainOwner?: string;
  format: PackageFormat;
  namespace?: string;
  package: string;
}

export interface PackageGroupsApi {
  listPackageGroups(domain: DomainRef, opts?: PageOptions & { prefix?: string }): Promise<Page<PackageGroupInfo>>;
  listSubPackageGroups(domain: DomainRef, pattern: string, opts?: PageOptions): Promise<Page<PackageGroupInfo>>;
  describePackageGroup(domain: DomainRef, pattern: string, opts?: CallOptions): Promise<PackageGroupInfo>;
  createPackageGroup(domain: DomainRef, group: { pattern: string; description?: string; contactInfo?: string }, opts?: CallOptions): Promise<PackageGroupInfo>;
  updatePackageGroup(domain: DomainRef, group: { pattern: string; description?: string; contactInfo?: string }, opts?: CallOptions): Promise<PackageGroupInfo>;
  updateOriginConfiguration(domain: DomainRef, pattern: string, update: OriginUpdate, opts?: CallOptions): Promise<PackageGroupInfo>;
  deletePackageGroup(domain: DomainRef, pattern: string, opts?: CallOptions): Promise<PackageGroupInfo>;
  listAllowedRepositories(domain: DomainRef, pattern: string, type: RestrictionType, opts?: PageOptions): Promise<Page<string>>;
  listAssociatedPackages(domain: DomainRef, pattern: string, opts?: PageOptions & { preview?: boolean }): Promise<Page<AssociatedPackage>>;
  getAssociatedPackageGroup(pkg: PackageInDomain, opts?: CallOptions): Promise<{ group: PackageGroupInfo; associationType?: string }>;
}

type Json = Record<string, unknown>;

function isJson(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
function withoutEmpty<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
}

/** A group as the API describes it; undefined without a pattern (the entry is dropped and counted). */
export function readGroup(g: Json, domain: DomainRef): PackageGroupInfo | undefined {
  const pattern = text(g['pattern']);
  if (!pattern) return undefined;
  const restrictions: Partial<Record<RestrictionType, GroupRestriction>> = {};
  const raw = isJson(g['originConfiguration']) && isJson(g['originConfiguration']['restrictions']) ? g['originConfiguration']['restrictions'] : {};
  for (const type of RESTRICTION_TYPES) {
    const r = raw[type];
    if (!isJson(r)) continue;
    const mode = text(r['mode']);
    if (!mode) continue;
    const from = isJson(r['inheritedFrom']) ? text(r['inheritedFrom']['pattern']) : undefined;
    const count = typeof r['repositoriesCount'] === 'number' && Number.isFinite(r['repositoriesCount']) ? r['repositoriesCount'] : undefined;
    restrictions[type] = withoutEmpty({ mode, effectiveMode: text(r['effectiveMode']), inheritedFrom: from, repositoriesCount: count });
  }
  const created = g['createdTime'];
  return withoutEmpty({
    pattern,
    arn: text(g['arn']),
    domain: text(g['domainName']) ?? domain.name,
    domainOwner: text(g['domainOwner']) ?? domain.owner,
    description: text(g['description']),
    contactInfo: text(g['contactInfo']),
    createdTime: created instanceof Date && !Number.isNaN(created.getTime()) ? created : undefined,
    parent: isJson(g['parent']) ? text(g['parent']['pattern']) : undefined,
    restrictions,
  });
}

/** The API answer for one group (Describe/Create/Update/Delete), or a MalformedResponse-like error. */
function groupFrom(out: unknown, domain: DomainRef, pattern: string): PackageGroupInfo {
  const g = isJson(out) && isJson(out['packageGroup']) ? readGroup(out['packageGroup'], domain) : undefined;
  // An answer without the group still means the call worked: report what was asked for.
  return g ?? { pattern, domain: domain.name, ...(domain.owner ? { domainOwner: domain.owner } : {}), restrictions: {} };
}

export class SdkPackageGroupsApi implements PackageGroupsApi {
  constructor(private readonly base: SdkCodeArtifactApi) {}

  private groupLabel(domain: DomainRef, pattern: string): string {
    return domain.owner ? codeArtifactArn(this.base.region, domain.owner, `package-group/${domain.name}${pattern}`) : `package group ${pattern} in ${domain.name}`;
  }
  private domainLabel(domain: DomainRef): string {
    return domain.owner ? codeArtifactArn(this.base.region, domain.owner, `domain/${domain.name}`) : `domain ${domain.name}`;
  }
  private static ref(domain: DomainRef): { domain: string; domainOwner?: string } {
    return withoutEmpty({ domain: domain.name, domainOwner: domain.owner });
  }

  listPackageGroups(domain: DomainRef, opts: PageOptions & { prefix?: string } = {}): Promise<Page<PackageGroupInfo>> {
    return this.base.callWith('ListPackageGroups', this.domainLabel(domain), opts.signal, async (client, abortSignal, page) => {
      const out = await client.send(new ListPackageGroupsCommand(withoutEmpty({ ...SdkPackageGroupsApi.ref(domain), prefix: opts.prefix, maxResults: opts.maxResults, nextToken: opts.nextToken })), { abortSignal });
      return page(out, 'packageGroups', opts.maxResults, (g) => readGroup(g, domain));
    });
  }

  listSubPackageGroups(domain: DomainRef, pattern: string, opts: PageOptions = {}): Promise<Page<PackageGroupInfo>> {
    return this.base.callWith('ListSubPackageGroups', this.groupLabel(domain, pattern), opts.signal, async (client, abortSignal, page) => {
      const out = await client.send(new ListSubPackageGroupsCommand(withoutEmpty({ ...SdkPackageGroupsApi.ref(domain), packageGroup: pattern, maxResults: opts.maxResults, nextToken: opts.nextToken })), { abortSignal });
      return page(out, 'packageGroups', opts.maxResults, (g) => readGroup(g, domain));
    });
  }

  describePackageGroup(domain: DomainRef, pattern: string, opts: CallOptions = {}): Promise<PackageGroupInfo> {
    return this.base.callWith('DescribePackageGroup', this.groupLabel(domain, pattern), opts.signal, async (client, abortSignal) => {
      const out = await client.send(new DescribePackageGroupCommand({ ...SdkPackageGroupsApi.ref(domain), packageGroup: pattern }), { abortSignal });
      return groupFrom(out, domain, pattern);
    });
  }

  createPackageGroup(domain: DomainRef, group: { pattern: string; description?: string; contactInfo?: string }, opts: CallOptions = {}): Promise<PackageGroupInfo> {
    return this.base.callWith('CreatePackageGroup', this.groupLabel(domain, group.pattern), opts.signal, async (client, abortSignal) => {
      const out = await client.send(new CreatePackageGroupCommand(withoutEmpty({ ...SdkPackageGroupsApi.ref(domain), packageGroup: group.pattern, description: group.description, contactInfo: group.contactInfo })), { abortSignal });
      return groupFrom(out, domain, group.pattern);
    });
  }

  updatePackageGroup(domain: DomainRef, group: { pattern: string; description?: string; contactInfo?: string }, opts: CallOptions = {}): Promise<PackageGroupInfo> {
    return this.base.callWith('UpdatePackageGroup', this.groupLabel(domain, group.pattern), opts.signal, async (client, abortSignal) => {
      // '' is sent: it clears the field (only an absent one is left as it is).
      const fields = Object.fromEntries(Object.entries({ description: group.description, contactInfo: group.contactInfo }).filter(([, v]) => v !== undefined));
      const out = await client.send(new UpdatePackageGroupCommand({ ...withoutEmpty({ ...SdkPackageGroupsApi.ref(domain), packageGroup: group.pattern }), ...fields }), { abortSignal });
      return groupFrom(out, domain, group.pattern);
    });
  }

  updateOriginConfiguration(domain: DomainRef, pattern: string, update: OriginUpdate, opts: CallOptions = {}): Promise<PackageGroupInfo> {
    const list = (changes: AllowedRepositoryChange[] | undefined) => changes?.map((c) => ({ repositoryName: c.repository, originRestrictionType: c.type }));
    return this.base.callWith('UpdatePackageGroupOriginConfiguration', this.groupLabel(domain, pattern), opts.signal, async (client, abortSignal) => {
      const out = await client.send(
        new UpdatePackageGroupOriginConfigurationCommand(
          withoutEmpty({ ...SdkPackageGroupsApi.ref(domain), packageGroup: pattern, restrictions: update.restrictions, addAllowedRepositories: list(update.add), removeAllowedRepositories: list(update.remove) }),
        ),
        { abortSignal },
      );
      return groupFrom(out, domain, pattern);
    });
  }

  deletePackageGroup(domain: DomainRef, pattern: string, opts: CallOptions = {}): Promise<PackageGroupInfo> {
    return this.base.callWith('DeletePackageGroup', this.groupLabel(domain, pattern), opts.signal, async (client, abortSignal) => {
      const out = await client.send(new DeletePackageGroupCommand({ ...SdkPackageGroupsApi.ref(domain), packageGroup: pattern }), { abortSignal });
      return groupFrom(out, domain, pattern);
    });
  }

  listAllowedRepositories(domain: DomainRef, pattern: string, type: RestrictionType, opts: PageOptions = {}): Promise<Page<string>> {
    return this.base.callWith('ListAllowedRepositoriesForGroup', this.groupLabel(domain, pattern), opts.signal, async (client, abortSignal) => {
      const out = await client.send(
        new ListAllowedRepositoriesForGroupCommand(withoutEmpty({ ...SdkPackageGroupsApi.ref(domain), packageGroup: pattern, originRestrictionType: type, maxResults: opts.maxResults, nextToken: opts.nextToken })),
        { abortSignal },
      );
      // A list of names, not of objects: read it here rather than with the object-page reader.
      const items = (Array.isArray(out.allowedRepositories) ? out.allowedRepositories : []).filter((r): r is string => typeof r === 'string' && r !== '');
      return { items, ...(out.nextToken ? { nextToken: out.nextToken } : {}) };
    });
  }

  listAssociatedPackages(domain: DomainRef, pattern: string, opts: PageOptions & { preview?: boolean } = {}): Promise<Page<AssociatedPackage>> {
    return this.base.callWith('ListAssociatedPackages', this.groupLabel(domain, pattern), opts.signal, async (client, abortSignal, page) => {
      const out = await client.send(
        new ListAssociatedPackagesCommand(withoutEmpty({ ...SdkPackageGroupsApi.ref(domain), packageGroup: pattern, preview: opts.preview, maxResults: opts.maxResults, nextToken: opts.nextToken })),
        { abortSignal },
      );
      return page(out, 'packages', opts.maxResults, (p): AssociatedPackage | undefined => {
        const name = text(p['package']);
        const format = text(p['format']);
        return name && format ? withoutEmpty({ format: format as PackageFormat, namespace: text(p['namespace']), name, associationType: text(p['associationType']) }) : undefined;
      });
    });
  }

  getAssociatedPackageGroup(pkg: PackageInDomain, opts: CallOptions = {}): Promise<{ group: PackageGroupInfo; associationType?: string }> {
    const domain: DomainRef = { name: pkg.domain, ...(pkg.domainOwner ? { owner: pkg.domainOwner } : {}) };
    return this.base.callWith('GetAssociatedPackageGroup', this.domainLabel(domain), opts.signal, async (client, abortSignal) => {
      const out = await client.send(new GetAssociatedPackageGroupCommand(withoutEmpty({ domain: pkg.domain, domainOwner: pkg.domainOwner, format: pkg.format, namespace: pkg.namespace, package: pkg.package })), { abortSignal });
      // Unlike a write's answer, there is no group we asked for to fall back on: no group is a malformed answer.
      const group = isJson(out.packageGroup) ? readGroup(out.packageGroup, domain) : undefined;
      if (!group) throw new MalformedResponseError('mistyped', 'the answer names no package group');
      const associationType = text(out.associationType);
      return { group, ...(associationType ? { associationType } : {}) };
    });
  }
}

const cache = new WeakMap<CodeArtifactApi, PackageGroupsApi>();

/** The package-group API over an API client (one per client), or undefined for a client that has none (test fakes). */
export function packageGroupsApiIfAny(api: CodeArtifactApi): PackageGroupsApi | undefined {
  let groups = cache.get(api);
  if (!groups && api instanceof SdkCodeArtifactApi) {
    groups = new SdkPackageGroupsApi(api);
    cache.set(api, groups);
  }
  return groups;
}

/** The package-group API over the signed-in API client; a client that cannot do it is an internal error. */
export function packageGroupsApiFor(api: CodeArtifactApi): PackageGroupsApi {
  const groups = packageGroupsApiIfAny(api);
  if (!groups) throw new CodeArtifactError({ kind: 'internal' }, 'This connection cannot manage package groups.');
  return groups;
}

/** One line for a group's restrictions as they take effect: `publish ALLOW · external BLOCK · internal ALLOW`. */
export function restrictionSummary(group: PackageGroupInfo): string {
  const short: Record<RestrictionType, string> = { PUBLISH: 'publish', EXTERNAL_UPSTREAM: 'external', INTERNAL_UPSTREAM: 'internal' };
  const mode = (m: string): string => (m === 'ALLOW_SPECIFIC_REPOSITORIES' ? 'SPECIFIC' : m);
  return RESTRICTION_TYPES.map((t) => {
    const r = group.restrictions[t];
    if (!r) return undefined;
    const effective = r.effectiveMode ?? r.mode;
    return `${short[t]} ${mode(effective)}${r.mode === 'INHERIT' ? '*' : ''}`;
  })
    .filter((s): s is string => s !== undefined)
    .join(' · ');
}

/** The tree's short form: only what is not ALLOW (`external BLOCK · publish SPECIFIC*`), or `allows all`. */
export function restrictionHighlights(group: PackageGroupInfo): string {
  const parts = restrictionSummary(group).split(' · ').filter((p) => p !== '' && !/ ALLOW\*?$/.test(p));
  return parts.length > 0 ? parts.join(' · ') : 'allows all';
}
