// The package-group operations of the control plane (CreatePackageGroup … GetAssociatedPackageGroup), with the
// shapes, required members and errors of botocore's model; the rules themselves are in packageGroups.ts.
import { ApiError, REPOSITORY_NAME, bodyString, bodyTags, constraint, json, paginate, type Caller, type Query, type Reply } from './controlPlane';
import { FORMATS, normalizePypiName, type Domain, type Format, type Store } from './model';
import {
  RESTRICTION_MODES,
  RESTRICTION_TYPES,
  ROOT_PATTERN,
  associatedGroup,
  childrenOf,
  effectiveMode,
  newGroup,
  packageGroupArn,
  parentOf,
  parsePattern,
  type PackageGroup,
  type RestrictionMode,
  type RestrictionType,
} from './packageGroups';

export const PACKAGE_GROUP_OPERATIONS: ReadonlySet<string> = new Set([
  'CreatePackageGroup',
  'DescribePackageGroup',
  'UpdatePackageGroup',
  'DeletePackageGroup',
  'ListPackageGroups',
  'ListSubPackageGroups',
  'UpdatePackageGroupOriginConfiguration',
  'ListAllowedRepositoriesForGroup',
  'ListAssociatedPackages',
  'GetAssociatedPackageGroup',
]);

export interface GroupCall {
  store: Store;
  caller: Caller;
  operation: string;
  q: Query;
  body: () => Record<string, unknown>;
  /** The domain named by `domain`/`domain-owner`, or the service's ResourceNotFoundException. */
  domain: () => Domain;
}

// PackageGroupPattern: [^\p{C}\p{IsWhitespace}]+, 2..520; Description and contact info: \P{C}*, at most 1000.
const PATTERN_CHARS = /^[^\p{C}\s]+$/u;
const NO_CONTROL = /^\P{C}*$/u;

function patternValue(value: string | undefined, field: string): string {
  if (value === undefined || value === '') throw constraint(undefined, field, 'Member must not be null');
  if (value.length < 2 || value.length > 520) throw constraint(value, field, 'Member must have length between 2 and 520');
  if (!PATTERN_CHARS.test(value)) throw constraint(value, field, 'Member must satisfy regular expression pattern: [^\\p{C}\\p{IsWhitespace}]+');
  const parsed = parsePattern(value);
  if (typeof parsed === 'string') throw ApiError.validation(parsed);
  return value;
}

function textValue(body: Record<string, unknown>, key: string): string | undefined {
  const v = bodyString(body, key);
  if (v === undefined) return undefined;
  if (v.length > 1000) throw constraint(`${v.slice(0, 40)}…`, key, 'Member must have length less than or equal to 1000');
  if (!NO_CONTROL.test(v)) throw constraint(v, key, 'Member must satisfy regular expression pattern: \\P{C}*');
  return v;
}

function notFound(domain: Domain, pattern: string): ApiError {
  // The model's ResourceType has no package-group member: the service names the pattern in resourceId only.
  return new ApiError('ResourceNotFoundException', `Package group '${pattern}' does not exist in domain '${domain.name}'.`, { resourceId: pattern });
}

function reference(domain: Domain, g: PackageGroup): Record<string, string> {
  return { arn: packageGroupArn(domain, g.pattern), pattern: g.pattern };
}

export function groupDescription(domain: Domain, g: PackageGroup): Record<string, unknown> {
  const restrictions: Record<string, unknown> = {};
  for (const type of RESTRICTION_TYPES) {
    const { mode, from } = effectiveMode(domain, g, type);
    restrictions[type] = {
      mode: g.modes[type],
      effectiveMode: mode,
      ...(g.modes[type] === 'INHERIT' ? { inheritedFrom: reference(domain, from) } : {}),
      repositoriesCount: from.allowed[type].length,
    };
  }
  const parent = parentOf(domain, g);
  return {
    ...reference(domain, g),
    domainName: domain.name,
    domainOwner: domain.owner,
    createdTime: g.createdTime,
    ...(g.contactInfo !== undefined ? { contactInfo: g.contactInfo } : {}),
    ...(g.description !== undefined ? { description: g.description } : {}),
    originConfiguration: { restrictions },
    ...(parent ? { parent: reference(domain, parent) } : {}),
  };
}

function sortedGroups(groups: Iterable<PackageGroup>): PackageGroup[] {
  return [...groups].sort((a, b) => (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0));
}

class GroupHandler {
  constructor(private readonly c: GroupCall) {}

  private ownerOnly(d: Domain): void {
    if (d.owner !== this.c.caller.account) throw new ApiError('AccessDeniedException', `Account ${this.c.caller.account} is not authorized to change package groups of domain '${d.name}' owned by ${d.owner}.`);
  }

  /** The group named by the query's `package-group` (or the body's `packageGroup`). */
  private group(d: Domain, fromBody = false): PackageGroup {
    const pattern = patternValue(fromBody ? bodyString(this.c.body(), 'packageGroup') : this.c.q.opt('package-group'), 'packageGroup');
    const g = d.packageGroups.get(pattern);
    if (!g) throw notFound(d, pattern);
    return g;
  }

  run(): Reply {
    const { q } = this.c;
    switch (this.c.operation) {
      case 'CreatePackageGroup': {
        const d = this.c.domain();
        this.ownerOnly(d);
        const body = this.c.body();
        const pattern = patternValue(bodyString(body, 'packageGroup'), 'packageGroup');
        const contactInfo = textValue(body, 'contactInfo');
        const description = textValue(body, 'description');
        const tags = bodyTags(body, 'tags');
        if (d.packageGroups.has(pattern)) throw new ApiError('ConflictException', `Package group '${pattern}' already exists in domain '${d.name}'.`, { resourceId: pattern });
        const g = newGroup(pattern, this.c.store.now() / 1000);
        if (contactInfo !== undefined) g.contactInfo = contactInfo;
        if (description !== undefined) g.description = description;
        d.packageGroups.set(pattern, g);
        if (tags.length > 0) this.c.store.tags.set(packageGroupArn(d, pattern), new Map(tags.map((t) => [t.key, t.value])));
        return json({ packageGroup: groupDescription(d, g) });
      }
      case 'DescribePackageGroup': {
        const d = this.c.domain();
        return json({ packageGroup: groupDescription(d, this.group(d)) });
      }
      case 'UpdatePackageGroup': {
        const d = this.c.domain();
        this.ownerOnly(d);
        const g = this.group(d, true);
        const body = this.c.body();
        const contactInfo = textValue(body, 'contactInfo');
        const description = textValue(body, 'description');
        if (contactInfo !== undefined) g.contactInfo = contactInfo;
        if (description !== undefined) g.description = description;
        return json({ packageGroup: groupDescription(d, g) });
      }
      case 'DeletePackageGroup': {
        const d = this.c.domain();
        this.ownerOnly(d);
        const g = this.group(d);
        if (g.pattern === ROOT_PATTERN) throw ApiError.validation(`The root package group '${ROOT_PATTERN}' cannot be deleted.`);
        // Taken before the delete: the parent and inherited modes as they were. Children move to the parent by themselves.
        const description = groupDescription(d, g);
        d.packageGroups.delete(g.pattern);
        this.c.store.tags.delete(packageGroupArn(d, g.pattern));
        return json({ packageGroup: description });
      }
      case 'ListPackageGroups': {
        const d = this.c.domain();
        const prefix = q.opt('prefix');
        if (prefix !== undefined && prefix.length > 520) throw constraint(`${prefix.slice(0, 40)}…`, 'prefix', 'Member must have length less than or equal to 520');
        const groups = sortedGroups(d.packageGroups.values()).filter((g) => prefix === undefined || g.pattern.startsWith(prefix));
        const { page, nextToken } = paginate('ListPackageGroups', groups, q.opt('max-results'), q.opt('next-token'), 100);
        return json({ packageGroups: page.map((g) => groupDescription(d, g)), ...(nextToken ? { nextToken } : {}) });
      }
      case 'ListSubPackageGroups': {
        const d = this.c.domain();
        const g = this.group(d);
        const { page, nextToken } = paginate('ListSubPackageGroups', sortedGroups(childrenOf(d, g)), q.opt('max-results'), q.opt('next-token'), 100);
        return json({ packageGroups: page.map((c) => groupDescription(d, c)), ...(nextToken ? { nextToken } : {}) });
      }
      case 'UpdatePackageGroupOriginConfiguration':
        return this.updateOrigin();
      case 'ListAllowedRepositoriesForGroup': {
        const d = this.c.domain();
        const g = this.group(d);
        const type = q.oneOf('originRestrictionType', RESTRICTION_TYPES, true) as RestrictionType;
        const { page, nextToken } = paginate('ListAllowedRepositoriesForGroup', [...g.allowed[type]].sort(), q.opt('max-results'), q.opt('next-token'), 100);
        return json({ allowedRepositories: page, ...(nextToken ? { nextToken } : {}) });
      }
      case 'ListAssociatedPackages':
        return this.listAssociated();
      case 'GetAssociatedPackageGroup': {
        const d = this.c.domain();
        const format = q.oneOf('format', FORMATS, true) as Format;
        const namespace = q.opt('namespace') || undefined;
        const name = q.req('package');
        if (namespace === undefined && (format === 'maven' || format === 'swift' || format === 'generic')) throw constraint(undefined, 'namespace', `Member must not be null for ${format} packages`);
        const { group, associationType } = associatedGroup(d, format, namespace, name);
        return json({ packageGroup: groupDescription(d, group), associationType });
      }
      default:
        throw ApiError.validation(`Unknown operation ${this.c.operation}.`, 'UNKNOWN_OPERATION');
    }
  }

  private updateOrigin(): Reply {
    const d = this.c.domain();
    this.ownerOnly(d);
    const g = this.group(d);
    const body = this.c.body();
    const raw = body.restrictions;
    const modes: Partial<Record<RestrictionType, RestrictionMode>> = {};
    if (raw !== undefined && raw !== null) {
      if (typeof raw !== 'object' || Array.isArray(raw)) throw ApiError.validation("'restrictions' must be a map of restriction type → mode.", 'CANNOT_PARSE');
      for (const [type, mode] of Object.entries(raw as Record<string, unknown>)) {
        if (!(RESTRICTION_TYPES as readonly string[]).includes(type)) throw constraint(type, 'restrictions', `Member must satisfy enum value set: [${RESTRICTION_TYPES.join(', ')}]`);
        if (typeof mode !== 'string' || !(RESTRICTION_MODES as readonly string[]).includes(mode)) throw constraint(String(mode), `restrictions.${type}`, `Member must satisfy enum value set: [${RESTRICTION_MODES.join(', ')}]`);
        if (mode === 'INHERIT' && g.pattern === ROOT_PATTERN) throw ApiError.validation(`The root package group '${ROOT_PATTERN}' has no parent: its ${type} restriction cannot be INHERIT.`);
        modes[type as RestrictionType] = mode as RestrictionMode;
      }
    }
    const add = this.allowedList(d, body, 'addAllowedRepositories');
    const remove = this.allowedList(d, body, 'removeAllowedRepositories');
    const updates: Partial<Record<RestrictionType, { ADDED?: string[]; REMOVED?: string[] }>> = {};
    for (const [type, mode] of Object.entries(modes)) g.modes[type as RestrictionType] = mode;
    for (const { repositoryName, originRestrictionType } of add) {
      const list = g.allowed[originRestrictionType];
      if (list.includes(repositoryName)) continue;
      list.push(repositoryName);
      ((updates[originRestrictionType] ??= {}).ADDED ??= []).push(repositoryName);
    }
    for (const { repositoryName, originRestrictionType } of remove) {
      const list = g.allowed[originRestrictionType];
      const i = list.indexOf(repositoryName);
      if (i < 0) continue;
      list.splice(i, 1);
      ((updates[originRestrictionType] ??= {}).REMOVED ??= []).push(repositoryName);
    }
    return json({ packageGroup: groupDescription(d, g), allowedRepositoryUpdates: updates });
  }

  /** `[{repositoryName, originRestrictionType}]`, each naming a repository of the domain. */
  private allowedList(d: Domain, body: Record<string, unknown>, key: string): { repositoryName: string; originRestrictionType: RestrictionType }[] {
    const raw = body[key];
    if (raw === undefined || raw === null) return [];
    if (!Array.isArray(raw)) throw ApiError.validation(`'${key}' must be a list of {repositoryName, originRestrictionType}.`, 'CANNOT_PARSE');
    return raw.map((entry: unknown) => {
      const e = (typeof entry === 'object' && entry !== null ? entry : {}) as { repositoryName?: unknown; originRestrictionType?: unknown };
      const repositoryName = typeof e.repositoryName === 'string' ? e.repositoryName : undefined;
      const type = typeof e.originRestrictionType === 'string' ? e.originRestrictionType : undefined;
      if (repositoryName === undefined) throw constraint(undefined, `${key}.member.repositoryName`, 'Member must not be null');
      if (!REPOSITORY_NAME.test(repositoryName)) throw constraint(repositoryName, `${key}.member.repositoryName`, `Member must satisfy regular expression pattern: ${REPOSITORY_NAME.source.replace(/^\^|\$$/g, '')}`);
      if (type === undefined || !(RESTRICTION_TYPES as readonly string[]).includes(type)) throw constraint(type, `${key}.member.originRestrictionType`, `Member must satisfy enum value set: [${RESTRICTION_TYPES.join(', ')}]`);
      if (!d.repositories.has(repositoryName)) throw ApiError.notFound('repository', repositoryName, `Repository '${repositoryName}' does not exist in domain '${d.name}'.`);
      return { repositoryName, originRestrictionType: type as RestrictionType };
    });
  }

  /** Packages of every repository in the domain whose governing group is this one (or would be, with preview). */
  private listAssociated(): Reply {
    const { q } = this.c;
    const d = this.c.domain();
    const preview = q.opt('preview');
    if (preview !== undefined && preview !== 'true' && preview !== 'false') throw constraint(preview, 'preview', 'Member must be a boolean');
    const pattern = patternValue(q.opt('package-group'), 'packageGroup');
    let group = d.packageGroups.get(pattern);
    const temporary = group === undefined && preview === 'true';
    if (!group) {
      if (!temporary) throw notFound(d, pattern);
      group = newGroup(pattern, 0);
      d.packageGroups.set(pattern, group);
    }
    const seen = new Map<string, { format: Format; namespace?: string; package: string; associationType: string }>();
    try {
      for (const r of d.repositories.values()) {
        for (const p of r.packages.values()) {
          const key = `${p.format}\u0000${p.namespace ?? ''}\u0000${p.name}`;
          if (seen.has(key)) continue;
          const a = associatedGroup(d, p.format, p.namespace, p.format === 'pypi' ? normalizePypiName(p.name) : p.name);
          if (a.group !== group) continue;
          seen.set(key, { format: p.format, ...(p.namespace !== undefined ? { namespace: p.namespace } : {}), package: p.name, associationType: a.associationType });
        }
      }
    } finally {
      if (temporary) d.packageGroups.delete(pattern);
    }
    const packages = [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
    const { page, nextToken } = paginate('ListAssociatedPackages', packages, q.opt('max-results'), q.opt('next-token'), 100);
    return json({ packages: page, ...(nextToken ? { nextToken } : {}) });
  }
}

/** Runs one package-group operation; ApiErrors propagate to the control plane's error reply. */
export function packageGroupOperation(call: GroupCall): Reply {
  return new GroupHandler(call).run();
}
