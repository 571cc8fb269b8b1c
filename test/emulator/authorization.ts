// Who may call what: the emulator's front door for IAM (iam.ts has the policy language and evaluation). Knows
// which IAM action and resource ARN each operation needs (the Service Authorization Reference for CodeArtifact:
// domain, repository or package ARNs; `*` for ListDomains/ListRepositories), which resource policies apply (the
// domain's for everything in it, the repository's for it and its packages), and how the data plane is judged
// (the identity that got the token). Enforced only when the seed declares `identities`; without them every key
// keeps today's full access, so seeds written before IAM existed behave as before.
import { errorReply, type Reply } from './controlPlane';
import { evaluate, parsePolicy, PolicyError, type AccessRequest, type Identity, type Policy } from './iam';
import type { Domain, Repository, Store } from './model';
import { packageGroupArn } from './packageGroups';

type Scope = 'none' | 'domain' | 'repository' | 'package' | 'packageGroup' | 'arn';

/** Operation → the resource type its IAM action is checked against (the action is `codeartifact:<Operation>`). */
const SCOPES: Record<string, Scope> = {
  ListDomains: 'none',
  ListRepositories: 'none',
  CreateDomain: 'domain',
  DescribeDomain: 'domain',
  DeleteDomain: 'domain',
  GetDomainPermissionsPolicy: 'domain',
  PutDomainPermissionsPolicy: 'domain',
  DeleteDomainPermissionsPolicy: 'domain',
  ListRepositoriesInDomain: 'domain',
  GetAuthorizationToken: 'domain',
  CreateRepository: 'repository',
  DescribeRepository: 'repository',
  UpdateRepository: 'repository',
  DeleteRepository: 'repository',
  AssociateExternalConnection: 'repository',
  DisassociateExternalConnection: 'repository',
  GetRepositoryPermissionsPolicy: 'repository',
  PutRepositoryPermissionsPolicy: 'repository',
  DeleteRepositoryPermissionsPolicy: 'repository',
  GetRepositoryEndpoint: 'repository',
  ListPackages: 'repository',
  DescribePackage: 'package',
  PutPackageOriginConfiguration: 'package',
  DeletePackage: 'package',
  ListPackageVersions: 'package',
  DescribePackageVersion: 'package',
  GetPackageVersionReadme: 'package',
  ListPackageVersionAssets: 'package',
  GetPackageVersionAsset: 'package',
  ListPackageVersionDependencies: 'package',
  PublishPackageVersion: 'package',
  UpdatePackageVersionsStatus: 'package',
  DeletePackageVersions: 'package',
  DisposePackageVersions: 'package',
  CopyPackageVersions: 'package',
  // Package groups: the package-group ARN (…:package-group/DOMAIN/ENCODED_PATTERN); listing and lookup by package are domain-wide.
  CreatePackageGroup: 'packageGroup',
  DescribePackageGroup: 'packageGroup',
  UpdatePackageGroup: 'packageGroup',
  DeletePackageGroup: 'packageGroup',
  ListSubPackageGroups: 'packageGroup',
  UpdatePackageGroupOriginConfiguration: 'packageGroup',
  ListAllowedRepositoriesForGroup: 'packageGroup',
  ListAssociatedPackages: 'packageGroup',
  ListPackageGroups: 'domain',
  GetAssociatedPackageGroup: 'domain',
  ListTagsForResource: 'arn',
  TagResource: 'arn',
  UntagResource: 'arn',
};

export const UNRECOGNIZED_CLIENT = 'The security token included in the request is invalid.';
export const EXPIRED_TOKEN = 'The security token included in the request is expired';

/** A full-access identity for a key of the seed's `accounts` (or any key when IAM is not enforced). */
export function fullAccessIdentity(accessKeyId: string, account: string): Identity {
  return { accessKeyId, account, arn: `arn:aws:iam::${account}:user/${accessKeyId}` };
}

/**
 * The caller behind an access key, or the 403 AWS's front end answers: an unknown key (UnrecognizedClientException),
 * temporary credentials without their session token, or expired ones (ExpiredTokenException).
 */
export function identify(store: Store, accessKeyId: string, sessionToken: string | undefined): { identity: Identity } | { reply: Reply } {
  const known = store.identities.get(accessKeyId);
  if (!store.iamEnforced) return { identity: known ?? fullAccessIdentity(accessKeyId, store.accountFor(accessKeyId)) };
  if (!known) return { reply: errorReply('UnrecognizedClientException', 403, UNRECOGNIZED_CLIENT) };
  if (known.sessionToken !== undefined && sessionToken !== known.sessionToken) return { reply: errorReply('UnrecognizedClientException', 403, UNRECOGNIZED_CLIENT) };
  const expiresAt = store.sessionExpiry.get(accessKeyId);
  if (expiresAt !== undefined && expiresAt <= store.now()) return { reply: errorReply('ExpiredTokenException', 403, EXPIRED_TOKEN) };
  return { identity: known };
}

const policyCache = new Map<string, Policy | undefined>();

/** A stored resource policy, parsed once; one that does not parse (impossible through the API) grants nothing. */
function storedPolicy(store: Store, arn: string): Policy[] {
  const document = store.policies.get(arn)?.document;
  if (document === undefined) return [];
  if (!policyCache.has(document)) {
    try {
      policyCache.set(document, parsePolicy(document, 'resource'));
    } catch (err) {
      if (!(err instanceof PolicyError)) throw err;
      policyCache.set(document, undefined);
    }
  }
  const policy = policyCache.get(document);
  return policy ? [policy] : [];
}

function arnPrefix(region: string, owner: string): string {
  return `arn:aws:codeartifact:${region}:${owner}`;
}

export function packageArn(region: string, owner: string, domain: string, repository: string, format: string, namespace: string | undefined, name: string): string {
  return `${arnPrefix(region, owner)}:package/${domain}/${repository}/${format}/${namespace ?? ''}/${name}`;
}

/** The resource policies that apply to a resource in `domain` (and `repository`), as CodeArtifact evaluates them. */
function resourcePolicies(store: Store, region: string, owner: string, domain: string, repository?: string): Policy[] {
  const prefix = arnPrefix(region, owner);
  return [...storedPolicy(store, `${prefix}:domain/${domain}`), ...(repository !== undefined ? storedPolicy(store, `${prefix}:repository/${domain}/${repository}`) : [])];
}

function bodyObject(body: Buffer): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(body.toString('utf8') || '{}');
    return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The access requests one control-plane call makes; empty when its inputs are too broken to name a resource. */
function requestsFor(store: Store, identity: Identity, region: string, operation: string, url: URL, body: Buffer): AccessRequest[] {
  const scope = SCOPES[operation];
  if (scope === undefined) return [];
  const action = `codeartifact:${operation}`;
  const q = url.searchParams;
  if (scope === 'none') return [{ action, resource: '*', resourcePolicies: [] }];
  if (scope === 'arn') {
    const arn = q.get('resourceArn') ?? '';
    const m = /^arn:aws:codeartifact:[^:]*:(\d{12}):(?:domain|repository)\/([^/]+)(?:\/([^/]+))?$/.exec(arn);
    if (!m) return [];
    return [{ action, resource: arn, resourceAccount: m[1], resourcePolicies: resourcePolicies(store, region, m[1] ?? '', m[2] ?? '', m[3]) }];
  }
  const b = operation === 'PutDomainPermissionsPolicy' || operation === 'CreatePackageGroup' || operation === 'UpdatePackageGroup' ? bodyObject(body) : {};
  const domain = operation === 'PutDomainPermissionsPolicy' ? b.domain : q.get('domain');
  const givenOwner = operation === 'PutDomainPermissionsPolicy' ? b.domainOwner : q.get('domain-owner');
  if (typeof domain !== 'string' || domain === '') return [];
  const owner = operation === 'CreateDomain' ? identity.account : typeof givenOwner === 'string' && givenOwner !== '' ? givenOwner : identity.account;
  const prefix = arnPrefix(region, owner);
  if (scope === 'domain') {
    const requests: AccessRequest[] = [{ action, resource: `${prefix}:domain/${domain}`, resourceAccount: owner, resourcePolicies: resourcePolicies(store, region, owner, domain) }];
    // GetAuthorizationToken also needs the STS action (a dependent action in the Service Authorization Reference).
    if (operation === 'GetAuthorizationToken') {
      requests.push({ action: 'sts:GetServiceBearerToken', resource: '*', resourcePolicies: [], context: { 'sts:AWSServiceName': 'codeartifact.amazonaws.com' } });
    }
    return requests;
  }
  if (scope === 'packageGroup') {
    const pattern = operation === 'CreatePackageGroup' || operation === 'UpdatePackageGroup' ? b.packageGroup : q.get('package-group');
    if (typeof pattern !== 'string' || pattern === '') return [];
    return [{ action, resource: packageGroupArn({ region, owner, name: domain }, pattern), resourceAccount: owner, resourcePolicies: resourcePolicies(store, region, owner, domain) }];
  }
  if (scope === 'repository') {
    const repository = q.get('repository');
    if (!repository) return [];
    const requests: AccessRequest[] = [{ action, resource: `${prefix}:repository/${domain}/${repository}`, resourceAccount: owner, resourcePolicies: resourcePolicies(store, region, owner, domain, repository) }];
    // Linking a repository to an upstream also needs AssociateWithDownstreamRepository on that upstream ("Working
    // with upstream repositories"): asked for each upstream the call adds.
    if (operation === 'CreateRepository' || operation === 'UpdateRepository') {
      const current = store.getDomain(domain, owner)?.repositories.get(repository)?.upstreams ?? [];
      const listed = bodyObject(body).upstreams;
      for (const u of Array.isArray(listed) ? listed : []) {
        const name = typeof u === 'object' && u !== null ? (u as { repositoryName?: unknown }).repositoryName : undefined;
        if (typeof name !== 'string' || current.includes(name)) continue;
        requests.push({
          action: 'codeartifact:AssociateWithDownstreamRepository',
          resource: `${prefix}:repository/${domain}/${name}`,
          resourceAccount: owner,
          resourcePolicies: resourcePolicies(store, region, owner, domain, name),
        });
      }
    }
    return requests;
  }
  const format = q.get('format');
  const name = q.get('package');
  if (!format || !name) return [];
  const namespace = q.get('namespace') ?? undefined;
  const repositories = operation === 'CopyPackageVersions' ? [q.get('source-repository'), q.get('destination-repository')] : [q.get('repository')];
  if (repositories.some((r) => !r)) return [];
  return repositories.map((repository) => ({
    action,
    resource: packageArn(region, owner, domain, repository ?? '', format, namespace, name),
    resourceAccount: owner,
    resourcePolicies: resourcePolicies(store, region, owner, domain, repository ?? ''),
  }));
}

/** Undefined when the call may proceed, else the 403 AccessDeniedException AWS answers. */
export function authorizeControlPlane(store: Store, identity: Identity, region: string, operation: string, url: URL, body: Buffer): Reply | undefined {
  if (!store.iamEnforced) return undefined;
  for (const request of requestsFor(store, identity, region, operation, url, body)) {
    const decision = evaluate(identity, request);
    if (!decision.allowed) return errorReply('AccessDeniedException', 403, decision.message);
  }
  return undefined;
}

/**
 * The data plane judges the identity that got the token: undefined when it may, else AWS's denial message.
 * `resource` defaults to the repository (ReadFromRepository); publishing passes the package's ARN.
 */
export function authorizeDataPlane(store: Store, token: string, domain: Domain, repo: Repository, actions: string[], resource?: string): string | undefined {
  if (!store.iamEnforced) return undefined;
  const issued = store.tokens.get(token);
  const identity = issued?.accessKeyId !== undefined ? store.identities.get(issued.accessKeyId) : undefined;
  if (!identity) return undefined;
  const target = resource ?? `${arnPrefix(domain.region, domain.owner)}:repository/${domain.name}/${repo.name}`;
  for (const action of actions) {
    const decision = evaluate(identity, { action, resource: target, resourceAccount: domain.owner, resourcePolicies: resourcePolicies(store, domain.region, domain.owner, domain.name, repo.name) });
    if (!decision.allowed) return decision.message;
  }
  return undefined;
}

/** Checks a document given to Put*PermissionsPolicy; the message says what is wrong (ValidationException). */
export function resourcePolicyProblem(document: string): string | undefined {
  try {
    parsePolicy(document, 'resource');
    return undefined;
  } catch (err) {
    if (err instanceof PolicyError) return `The policy document is not a valid resource policy: ${err.message}.`;
    throw err;
  }
}
