// The CodeArtifact control plane (restJson1 at /v1/...): what @aws-sdk/client-codeartifact and the AWS CLI
// call. Paths, query names, body shapes, epoch-second timestamps, pagination limits and error shapes follow
// the real service (../../../shared/codeartifact-wire-facts.md). Each handler returns a Reply; the server
// writes it, so this module has no HTTP plumbing and is easy to unit-test.
import { repositoryEndpoint, tokenSeconds } from './endpointForms';
import { createHash, randomUUID } from 'node:crypto';
import { ensureAssets } from './artifacts';
import { resourcePolicyProblem } from './authorization';
import { PACKAGE_GROUP_OPERATIONS, packageGroupOperation } from './packageGroupOperations';
import { associatedGroup, groupAllows } from './packageGroups';
import { changeVersions, copyVersions } from './versionWrites';
import {
  EXTERNAL_CONNECTIONS,
  FORMATS,
  VERSION_STATUSES,
  domainArn,
  domainKey,
  newRevision,
  normalizePypiName,
  repositoryArn,
  type Domain,
  type Format,
  type Package,
  type PackageVersion,
  type Repository,
  type Store,
  type VersionStatus,
} from './model';

export interface Caller {
  accessKeyId: string;
  account: string;
  region: string;
  /** When the caller's temporary (session) credentials expire; absent for long-term keys. */
  sessionExpiresAt?: number;
}

export interface ControlPlaneContext {
  store: Store;
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  endpoint: string;
}

export interface ControlPlaneRequest {
  operation: string;
  url: URL;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

type ErrorCode =
  | 'ValidationException'
  | 'ServiceQuotaExceededException'
  | 'AccessDeniedException'
  | 'ResourceNotFoundException'
  | 'ConflictException'
  | 'ThrottlingException'
  | 'InternalServerException';

const STATUS: Record<ErrorCode, number> = {
  ValidationException: 400,
  ServiceQuotaExceededException: 402,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  ConflictException: 409,
  ThrottlingException: 429,
  InternalServerException: 500,
};

type ResourceType = 'domain' | 'repository' | 'package' | 'package-version' | 'asset';

/** An error the API answers with: `x-amzn-errortype` header plus `{message, ...fields}` body. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }

  static validation(message: string, reason: 'CANNOT_PARSE' | 'ENCRYPTION_KEY_ERROR' | 'FIELD_VALIDATION_FAILED' | 'UNKNOWN_OPERATION' | 'OTHER' = 'FIELD_VALIDATION_FAILED'): ApiError {
    return new ApiError('ValidationException', message, { reason });
  }

  static notFound(resourceType: ResourceType, resourceId: string, message: string): ApiError {
    return new ApiError('ResourceNotFoundException', message, { resourceId, resourceType });
  }
}

export function errorReply(code: string, status: number, message: string, fields: Record<string, string> = {}, extraHeaders: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': code, 'x-amzn-requestid': randomUUID(), ...extraHeaders },
    body: JSON.stringify({ message, ...fields }),
  };
}

export function apiErrorReply(err: ApiError): Reply {
  return errorReply(err.code, STATUS[err.code], err.message, err.fields);
}

export function json(value: unknown): Reply {
  return { status: 200, headers: { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID() }, body: JSON.stringify(value) };
}

/** method + path → operation name, for routing, stats and fault targeting. */
export const OPERATIONS: Record<string, string> = {
  'POST /v1/domains': 'ListDomains',
  'POST /v1/repositories': 'ListRepositories',
  'POST /v1/domain/repositories': 'ListRepositoriesInDomain',
  'GET /v1/domain': 'DescribeDomain',
  'POST /v1/domain': 'CreateDomain',
  'DELETE /v1/domain': 'DeleteDomain',
  'GET /v1/domain/permissions/policy': 'GetDomainPermissionsPolicy',
  'PUT /v1/domain/permissions/policy': 'PutDomainPermissionsPolicy',
  'DELETE /v1/domain/permissions/policy': 'DeleteDomainPermissionsPolicy',
  'GET /v1/repository': 'DescribeRepository',
  'POST /v1/repository': 'CreateRepository',
  'PUT /v1/repository': 'UpdateRepository',
  'DELETE /v1/repository': 'DeleteRepository',
  'POST /v1/repository/external-connection': 'AssociateExternalConnection',
  'DELETE /v1/repository/external-connection': 'DisassociateExternalConnection',
  'GET /v1/repository/permissions/policy': 'GetRepositoryPermissionsPolicy',
  'PUT /v1/repository/permissions/policy': 'PutRepositoryPermissionsPolicy',
  'DELETE /v1/repository/permissions/policies': 'DeleteRepositoryPermissionsPolicy',
  'POST /v1/authorization-token': 'GetAuthorizationToken',
  'GET /v1/repository/endpoint': 'GetRepositoryEndpoint',
  'POST /v1/packages': 'ListPackages',
  'GET /v1/package': 'DescribePackage',
  'POST /v1/package': 'PutPackageOriginConfiguration',
  'DELETE /v1/package': 'DeletePackage',
  'POST /v1/package/versions': 'ListPackageVersions',
  'GET /v1/package/version': 'DescribePackageVersion',
  'POST /v1/package/version/assets': 'ListPackageVersionAssets',
  'GET /v1/package/version/readme': 'GetPackageVersionReadme',
  'GET /v1/package/version/asset': 'GetPackageVersionAsset',
  'POST /v1/package/version/dependencies': 'ListPackageVersionDependencies',
  'POST /v1/package/version/publish': 'PublishPackageVersion',
  'POST /v1/package/versions/update_status': 'UpdatePackageVersionsStatus',
  'POST /v1/package/versions/delete': 'DeletePackageVersions',
  'POST /v1/package/versions/dispose': 'DisposePackageVersions',
  'POST /v1/tags': 'ListTagsForResource',
  'POST /v1/tag': 'TagResource',
  'POST /v1/untag': 'UntagResource',
  'POST /v1/package/versions/copy': 'CopyPackageVersions',
  // Package groups: packageGroupOperations.ts.
  'POST /v1/package-group': 'CreatePackageGroup',
  'GET /v1/package-group': 'DescribePackageGroup',
  'PUT /v1/package-group': 'UpdatePackageGroup',
  'DELETE /v1/package-group': 'DeletePackageGroup',
  'POST /v1/package-groups': 'ListPackageGroups',
  'POST /v1/package-groups/sub-groups': 'ListSubPackageGroups',
  'PUT /v1/package-group-origin-configuration': 'UpdatePackageGroupOriginConfiguration',
  'GET /v1/package-group-allowed-repositories': 'ListAllowedRepositoriesForGroup',
  'GET /v1/list-associated-packages': 'ListAssociatedPackages',
  'GET /v1/get-associated-package-group': 'GetAssociatedPackageGroup',
};

/**
 * Operations of the service the emulator does not implement, and why. They answer 400 ValidationException with
 * reason UNKNOWN_OPERATION (an error each of them declares, so SDKs raise their modeled ValidationException);
 * test/integration/modelConformance.test.ts fails for any operation of the model that is neither implemented
 * nor listed here. None today: package groups are emulated in packageGroupOperations.ts.
 */
export const REFUSED_OPERATIONS: Readonly<Record<string, string>> = {};

export function operationFor(method: string, pathname: string): string | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return OPERATIONS[`${method.toUpperCase()} ${path}`];
}

export const DOMAIN_NAME = /^[a-z][a-z0-9-]{0,48}[a-z0-9]$/;
export const REPOSITORY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,99}$/;
export const ACCOUNT = /^[0-9]{12}$/;
const MAX_PAGE = 1000;

export function constraint(value: string | undefined, field: string, rule: string): ApiError {
  const shown = value === undefined ? 'null' : `'${value}'`;
  return ApiError.validation(`1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${rule}`);
}

/** Query-string access with the service's validation messages. */
export class Query {
  constructor(private readonly params: URLSearchParams) {}

  opt(name: string): string | undefined {
    const v = this.params.get(name);
    return v === null ? undefined : v;
  }

  req(name: string): string {
    const v = this.opt(name);
    if (v === undefined || v === '') throw constraint(undefined, name, 'Member must not be null');
    return v;
  }

  pattern(name: string, re: RegExp, required: true): string;
  pattern(name: string, re: RegExp, required: false): string | undefined;
  pattern(name: string, re: RegExp, required: boolean): string | undefined {
    const v = required ? this.req(name) : this.opt(name);
    if (v !== undefined && !re.test(v)) throw constraint(v, name, `Member must satisfy regular expression pattern: ${re.source.replace(/^\^|\$$/g, '')}`);
    return v;
  }

  oneOf<T extends string>(name: string, values: readonly T[], required: boolean): T | undefined {
    const v = required ? this.req(name) : this.opt(name);
    if (v !== undefined && !(values as readonly string[]).includes(v)) throw constraint(v, name, `Member must satisfy enum value set: [${values.join(', ')}]`);
    return v as T | undefined;
  }
}

function parseBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw ApiError.validation('Could not parse the request body as JSON.', 'CANNOT_PARSE');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw ApiError.validation('The request body must be a JSON object.', 'CANNOT_PARSE');
  return value as Record<string, unknown>;
}

export function bodyString(body: Record<string, unknown>, key: string): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw ApiError.validation(`'${key}' must be a string.`, 'CANNOT_PARSE');
  return v;
}

function bodyMatching(body: Record<string, unknown>, key: string, re: RegExp, required: true): string;
function bodyMatching(body: Record<string, unknown>, key: string, re: RegExp, required: false): string | undefined;
function bodyMatching(body: Record<string, unknown>, key: string, re: RegExp, required: boolean): string | undefined {
  const v = bodyString(body, key);
  if (v === undefined || v === '') {
    if (required) throw constraint(undefined, key, 'Member must not be null');
    return undefined;
  }
  if (!re.test(v)) throw constraint(v, key, `Member must satisfy regular expression pattern: ${re.source.replace(/^\^|\$$/g, '')}`);
  return v;
}

function bodyBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw ApiError.validation(`'${key}' must be a boolean.`, 'CANNOT_PARSE');
  return v;
}

function bodyStringList(body: Record<string, unknown>, key: string): string[] | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw ApiError.validation(`'${key}' must be a list of strings.`, 'CANNOT_PARSE');
  return v as string[];
}

function bodyStringMap(body: Record<string, unknown>, key: string): Record<string, string> | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v) || Object.values(v).some((x) => typeof x !== 'string')) throw ApiError.validation(`'${key}' must be a map of strings.`, 'CANNOT_PARSE');
  return v as Record<string, string>;
}

export function bodyTags(body: Record<string, unknown>, key: string): { key: string; value: string }[] {
  const v = body[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((t) => typeof t !== 'object' || t === null || typeof (t as { key?: unknown }).key !== 'string' || typeof (t as { value?: unknown }).value !== 'string')) {
    throw ApiError.validation(`'${key}' must be a list of {key, value}.`, 'CANNOT_PARSE');
  }
  return v as { key: string; value: string }[];
}

// ---- pagination --------------------------------------------------------------------------------------------

function pageSize(raw: unknown, fallback: number): number {
  if (raw === undefined || raw === null) return fallback;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n)) throw constraint(JSON.stringify(raw), 'maxResults', 'Member must be an integer');
  if (n < 1) throw constraint(String(n), 'maxResults', 'Member must have value greater than or equal to 1');
  if (n > MAX_PAGE) throw constraint(String(n), 'maxResults', `Member must have value less than or equal to ${MAX_PAGE}`);
  return n;
}

function encodeToken(operation: string, offset: number): string {
  return Buffer.from(JSON.stringify({ op: operation, o: offset })).toString('base64url');
}

function decodeToken(operation: string, token: string | undefined): number {
  if (token === undefined) return 0;
  if (token.length < 1 || token.length > 2000) throw constraint(token.length > 40 ? `${token.slice(0, 40)}…` : token, 'nextToken', 'Member must have length between 1 and 2000');
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { op?: unknown; o?: unknown };
    if (parsed.op === operation && typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0) return parsed.o;
  } catch {
    // fall through: not one of ours
  }
  throw ApiError.validation('The pagination token is invalid or expired.', 'OTHER');
}

export function paginate<T>(operation: string, items: readonly T[], maxResults: unknown, nextToken: string | undefined, fallback: number): { page: T[]; nextToken?: string } {
  const size = pageSize(maxResults, fallback);
  const start = decodeToken(operation, nextToken);
  const page = items.slice(start, start + size);
  const end = start + page.length;
  return end < items.length ? { page, nextToken: encodeToken(operation, end) } : { page };
}

// ---- shapes ------------------------------------------------------------------------------------------------

function domainSummary(d: Domain): Record<string, unknown> {
  return { name: d.name, owner: d.owner, arn: domainArn(d), status: 'Active', createdTime: d.createdTime, encryptionKey: d.encryptionKey };
}

function domainDescription(d: Domain): Record<string, unknown> {
  let assetSizeBytes = 0;
  for (const r of d.repositories.values()) for (const p of r.packages.values()) for (const v of p.versions.values()) for (const a of v.assets.values()) assetSizeBytes += a.length;
  return {
    ...domainSummary(d),
    repositoryCount: d.repositories.size,
    assetSizeBytes,
    s3BucketArn: `arn:aws:s3:::assets-${d.owner}-${d.region}`,
  };
}

function repositorySummary(d: Domain, r: Repository): Record<string, unknown> {
  return {
    name: r.name,
    administratorAccount: d.owner,
    domainName: d.name,
    domainOwner: d.owner,
    arn: repositoryArn(d, r),
    ...(r.description !== undefined ? { description: r.description } : {}),
    createdTime: r.createdTime,
  };
}

function repositoryDescription(d: Domain, r: Repository): Record<string, unknown> {
  return {
    ...repositorySummary(d, r),
    upstreams: r.upstreams.map((repositoryName) => ({ repositoryName })),
    externalConnections: r.externalConnection
      ? [{ externalConnectionName: r.externalConnection, packageFormat: EXTERNAL_CONNECTIONS[r.externalConnection], status: 'Available' }]
      : [],
  };
}

function packageSummary(p: Package): Record<string, unknown> {
  return { format: p.format, ...(p.namespace !== undefined ? { namespace: p.namespace } : {}), package: p.name, originConfiguration: { restrictions: { ...p.originConfiguration.restrictions } } };
}

function displayName(p: Package): string {
  if (p.format === 'npm' && p.namespace !== undefined) return `@${p.namespace}/${p.name}`;
  return p.displayName ?? p.name;
}

function versionSummary(v: PackageVersion): Record<string, unknown> {
  return { version: v.version, revision: v.revision, status: v.status, origin: { domainEntryPoint: { ...v.origin.domainEntryPoint }, originType: v.origin.originType } };
}

function ns(p: { namespace?: string }): Record<string, string> {
  return p.namespace !== undefined ? { namespace: p.namespace } : {};
}

function hashes(bytes: Buffer): Record<string, string> {
  const h = (alg: string): string => createHash(alg).update(bytes).digest('hex');
  return { MD5: h('md5'), 'SHA-1': h('sha1'), 'SHA-256': h('sha256'), 'SHA-512': h('sha512') };
}

function assetSummary(name: string, bytes: Buffer): Record<string, unknown> {
  return { name, size: bytes.length, hashes: hashes(bytes) };
}

function sortedVersions(p: Package): PackageVersion[] {
  return [...p.versions.values()];
}

function defaultDisplayVersion(p: Package): string | undefined {
  const latest = p.distTags.latest;
  if (p.format === 'npm' && latest !== undefined && p.versions.has(latest)) return latest;
  let best: PackageVersion | undefined;
  for (const v of p.versions.values()) {
    if (v.status !== 'Published') continue;
    if (!best || v.publishedTime > best.publishedTime) best = v;
  }
  return best?.version;
}

// ---- the handlers ------------------------------------------------------------------------------------------

class Handler {
  private readonly q: Query;
  private bodyCache?: Record<string, unknown>;

  constructor(
    private readonly ctx: ControlPlaneContext,
    private readonly caller: Caller,
    private readonly request: ControlPlaneRequest,
  ) {
    this.q = new Query(request.url.searchParams);
  }

  private get store(): Store {
    return this.ctx.store;
  }

  private get body(): Record<string, unknown> {
    this.bodyCache ??= parseBody(this.request.body);
    return this.bodyCache;
  }

  /** The domain named by the `domain` and `domain-owner` query parameters. */
  private domain(): Domain {
    return this.domainNamed(this.q.pattern('domain', DOMAIN_NAME, true), this.q.pattern('domain-owner', ACCOUNT, false));
  }

  private domainNamed(name: string, givenOwner: string | undefined): Domain {
    const owner = givenOwner ?? this.caller.account;
    const d = this.store.getDomain(name, owner);
    // Domains are regional: one in another region does not exist for this caller.
    if (!d || d.region !== this.caller.region) {
      throw ApiError.notFound('domain', name, `Domain '${name}' owned by account '${owner}' does not exist in region ${this.caller.region}.`);
    }
    return d;
  }

  private repository(d: Domain, parameter = 'repository'): Repository {
    const name = this.q.pattern(parameter, REPOSITORY_NAME, true);
    const r = d.repositories.get(name);
    if (!r) throw ApiError.notFound('repository', name, `Repository '${name}' does not exist in domain '${d.name}'.`);
    return r;
  }

  private format(required: true): Format;
  private format(required: false): Format | undefined;
  private format(required: boolean): Format | undefined {
    return this.q.oneOf('format', FORMATS, required);
  }

  /** namespace + package as the API takes them, with the per-format rules. */
  private coordinates(format: Format): { namespace?: string; name: string } {
    const namespace = this.q.opt('namespace') || undefined;
    const name = this.q.req('package');
    if (name.length > 255) throw constraint(`${name.slice(0, 40)}…`, 'package', 'Member must have length less than or equal to 255');
    if (namespace !== undefined) {
      if (format === 'npm' && namespace.startsWith('@')) throw ApiError.validation(`The npm namespace '${namespace}' must not start with '@': pass the scope without it.`);
      if (format === 'pypi') throw ApiError.validation('PyPI packages do not have a namespace.');
    }
    if (format === 'npm' && (name.startsWith('@') || name.includes('/'))) throw ApiError.validation(`Invalid npm package name '${name}': pass the scope in 'namespace' without '@'.`);
    return { namespace, name };
  }

  private packageIn(d: Domain, r: Repository, format: Format): Package {
    const { namespace, name } = this.coordinates(format);
    // PyPI names must be given normalized (PEP 503); another spelling names no package.
    const pkg = format === 'pypi' && normalizePypiName(name) !== name ? undefined : this.store.getPackage(r, format, namespace, name);
    if (!pkg) {
      const shown = namespace !== undefined ? `${namespace}/${name}` : name;
      throw ApiError.notFound('package', name, `Package '${shown}' (${format}) does not exist in repository '${r.name}' of domain '${d.name}'.`);
    }
    return pkg;
  }

  private version(r: Repository, pkg: Package): PackageVersion {
    const version = this.q.req('version');
    const v = pkg.versions.get(version);
    if (!v) throw ApiError.notFound('package-version', version, `Package version '${version}' of '${displayName(pkg)}' does not exist in repository '${r.name}'.`);
    return v;
  }

  /** Synthesized on first use when the seed gave none, shared with the data plane (same bytes, same hashes). */
  private async assetsOf(pkg: Package, v: PackageVersion): Promise<Map<string, Buffer>> {
    if (v.status === 'Disposed' || v.status === 'Deleted') return v.assets;
    return ensureAssets({ format: pkg.format, namespace: pkg.namespace, name: pkg.displayName ?? pkg.name }, v);
  }

  private ownerOnly(d: Domain): void {
    if (d.owner !== this.caller.account) throw new ApiError('AccessDeniedException', `Account ${this.caller.account} is not authorized to change domain '${d.name}' owned by ${d.owner}.`);
  }

  private resourceByArn(arn: string): { domain: Domain; repository?: Repository } {
    const m = /^arn:aws:codeartifact:([a-z0-9-]+):(\d{12}):(domain|repository)\/([^/]+)(?:\/([^/]+))?$/.exec(arn);
    if (!m) throw constraint(arn, 'resourceArn', 'Member must be a CodeArtifact domain or repository ARN');
    const [, region, owner = '', kind, domainName = '', repoName] = m;
    const d = this.store.getDomain(domainName, owner);
    if (!d || d.region !== region || d.region !== this.caller.region) throw ApiError.notFound('domain', domainName, `Resource '${arn}' does not exist.`);
    if (kind === 'domain') {
      if (repoName !== undefined) throw constraint(arn, 'resourceArn', 'Member must be a CodeArtifact domain or repository ARN');
      return { domain: d };
    }
    const r = repoName !== undefined ? d.repositories.get(repoName) : undefined;
    if (!r) throw ApiError.notFound('repository', repoName ?? '', `Resource '${arn}' does not exist.`);
    return { domain: d, repository: r };
  }

  async run(): Promise<Reply> {
    switch (this.request.operation) {
      case 'ListDomains': {
        const domains = [...this.store.domains.values()]
          .filter((d) => d.owner === this.caller.account && d.region === this.caller.region)
          .sort((a, b) => a.name.localeCompare(b.name));
        const { page, nextToken } = paginate('ListDomains', domains, this.body.maxResults, bodyString(this.body, 'nextToken'), 100);
        return json({ domains: page.map(domainSummary), ...(nextToken ? { nextToken } : {}) });
      }
      case 'DescribeDomain':
        return json({ domain: domainDescription(this.domain()) });
      case 'CreateDomain': {
        const name = this.q.pattern('domain', DOMAIN_NAME, true);
        if (this.store.getDomain(name, this.caller.account)) throw new ApiError('ConflictException', `Domain '${name}' already exists in account ${this.caller.account}.`, { resourceId: name, resourceType: 'domain' });
        const encryptionKey = bodyString(this.body, 'encryptionKey');
        const tags = bodyTags(this.body, 'tags');
        const d = this.store.addDomain({ name, owner: this.caller.account, region: this.caller.region, encryptionKey });
        if (tags.length > 0) this.store.tags.set(domainArn(d), new Map(tags.map((t) => [t.key, t.value])));
        return json({ domain: domainDescription(d) });
      }
      case 'DeleteDomain': {
        const d = this.domain();
        this.ownerOnly(d);
        if (d.repositories.size > 0) throw new ApiError('ConflictException', `Domain '${d.name}' still contains ${d.repositories.size} repositories; delete them first.`, { resourceId: d.name, resourceType: 'domain' });
        this.store.domains.delete(domainKey(d.owner, d.name));
        this.store.tags.delete(domainArn(d));
        this.store.policies.delete(domainArn(d));
        return json({ domain: { ...domainDescription(d), status: 'Deleted' } });
      }
      case 'GetDomainPermissionsPolicy':
      case 'DeleteDomainPermissionsPolicy': {
        const d = this.domain();
        return this.policy(domainArn(d), 'domain', d.name);
      }
      case 'PutDomainPermissionsPolicy': {
        // The one operation whose domain and owner travel in the JSON body, not the query string.
        const d = this.domainNamed(bodyMatching(this.body, 'domain', DOMAIN_NAME, true), bodyMatching(this.body, 'domainOwner', ACCOUNT, false));
        return this.policy(domainArn(d), 'domain', d.name);
      }
      case 'ListRepositories': {
        const prefix = this.q.opt('repository-prefix');
        const repos: { d: Domain; r: Repository }[] = [];
        for (const d of this.store.domains.values()) {
          if (d.owner !== this.caller.account || d.region !== this.caller.region) continue;
          for (const r of d.repositories.values()) if (prefix === undefined || r.name.startsWith(prefix)) repos.push({ d, r });
        }
        repos.sort((a, b) => a.r.name.localeCompare(b.r.name) || a.d.name.localeCompare(b.d.name));
        const { page, nextToken } = paginate('ListRepositories', repos, this.q.opt('max-results'), this.q.opt('next-token'), 100);
        return json({ repositories: page.map(({ d, r }) => repositorySummary(d, r)), ...(nextToken ? { nextToken } : {}) });
      }
      case 'ListRepositoriesInDomain': {
        const d = this.domain();
        const prefix = this.q.opt('repository-prefix');
        const admin = this.q.pattern('administrator-account', ACCOUNT, false);
        const repos = [...d.repositories.values()]
          .filter((r) => (prefix === undefined || r.name.startsWith(prefix)) && (admin === undefined || admin === d.owner))
          .sort((a, b) => a.name.localeCompare(b.name));
        const { page, nextToken } = paginate('ListRepositoriesInDomain', repos, this.q.opt('max-results'), this.q.opt('next-token'), 100);
        return json({ repositories: page.map((r) => repositorySummary(d, r)), ...(nextToken ? { nextToken } : {}) });
      }
      case 'DescribeRepository': {
        const d = this.domain();
        return json({ repository: repositoryDescription(d, this.repository(d)) });
      }
      case 'CreateRepository': {
        const d = this.domain();
        this.ownerOnly(d);
        const name = this.q.pattern('repository', REPOSITORY_NAME, true);
        if (d.repositories.has(name)) throw new ApiError('ConflictException', `Repository '${name}' already exists in domain '${d.name}'.`, { resourceId: name, resourceType: 'repository' });
        const upstreams = this.upstreamList(d, name);
        const r = this.store.addRepository(d, { name, description: bodyString(this.body, 'description'), upstreams: upstreams ?? [] });
        const tags = bodyTags(this.body, 'tags');
        if (tags.length > 0) this.store.tags.set(repositoryArn(d, r), new Map(tags.map((t) => [t.key, t.value])));
        return json({ repository: repositoryDescription(d, r) });
      }
      case 'UpdateRepository': {
        const d = this.domain();
        const r = this.repository(d);
        const description = bodyString(this.body, 'description');
        const upstreams = this.upstreamList(d, r.name);
        if (description !== undefined) r.description = description;
        if (upstreams !== undefined) r.upstreams = upstreams;
        return json({ repository: repositoryDescription(d, r) });
      }
      case 'DeleteRepository': {
        const d = this.domain();
        this.ownerOnly(d);
        const r = this.repository(d);
        const dependants = [...d.repositories.values()].filter((o) => o.upstreams.includes(r.name)).map((o) => o.name);
        if (dependants.length > 0) throw new ApiError('ConflictException', `Repository '${r.name}' is an upstream of ${dependants.join(', ')}; remove it from their upstreams first.`, { resourceId: r.name, resourceType: 'repository' });
        const description = repositoryDescription(d, r);
        d.repositories.delete(r.name);
        this.store.tags.delete(repositoryArn(d, r));
        this.store.policies.delete(repositoryArn(d, r));
        return json({ repository: description });
      }
      case 'AssociateExternalConnection': {
        const d = this.domain();
        const r = this.repository(d);
        const connection = this.q.req('external-connection');
        if (!(connection in EXTERNAL_CONNECTIONS)) throw constraint(connection, 'externalConnection', `Member must be one of: ${Object.keys(EXTERNAL_CONNECTIONS).join(', ')}`);
        if (r.externalConnection === connection) return json({ repository: repositoryDescription(d, r) });
        if (r.externalConnection) throw new ApiError('ConflictException', `Repository '${r.name}' already has the external connection ${r.externalConnection}; a repository can have only one.`, { resourceId: r.name, resourceType: 'repository' });
        r.externalConnection = connection;
        this.store.getOrCreateExternal(connection);
        return json({ repository: repositoryDescription(d, r) });
      }
      case 'DisassociateExternalConnection': {
        const d = this.domain();
        const r = this.repository(d);
        const connection = this.q.req('external-connection');
        if (r.externalConnection !== connection) throw ApiError.notFound('repository', r.name, `Repository '${r.name}' has no external connection ${connection}.`);
        r.externalConnection = undefined;
        return json({ repository: repositoryDescription(d, r) });
      }
      case 'GetRepositoryPermissionsPolicy':
      case 'PutRepositoryPermissionsPolicy':
      case 'DeleteRepositoryPermissionsPolicy': {
        const d = this.domain();
        const r = this.repository(d);
        return this.policy(repositoryArn(d, r), 'repository', r.name);
      }
      case 'GetAuthorizationToken': {
        const d = this.domain();
        const raw = this.q.opt('duration');
        let duration = 43200;
        if (raw !== undefined) {
          if (!/^\d+$/.test(raw)) throw constraint(raw, 'durationSeconds', 'Member must be a whole number of seconds');
          duration = Number(raw);
          if (duration !== 0 && (duration < 900 || duration > 43200)) {
            throw constraint(raw, 'durationSeconds', duration < 900 ? 'Member must have value greater than or equal to 900' : 'Member must have value less than or equal to 43200');
          }
        }
        const { token, expiration } = this.store.issueToken(d, tokenSeconds(duration, this.store.now(), this.caller.sessionExpiresAt), this.caller.accessKeyId);
        return json({ authorizationToken: token, expiration });
      }
      case 'GetRepositoryEndpoint': {
        const d = this.domain();
        const r = this.repository(d);
        const format = this.format(true);
        const type = this.q.oneOf('endpointType', ['ipv4', 'dualstack'] as const, false);
        return json({ repositoryEndpoint: repositoryEndpoint(this.ctx.endpoint, `${d.name}-${d.owner}`, format, r.name, type) });
      }
      case 'ListPackages':
        return this.listPackages();
      case 'DescribePackage': {
        const d = this.domain();
        const r = this.repository(d);
        const p = this.packageIn(d, r, this.format(true));
        return json({ package: { format: p.format, ...ns(p), name: p.name, originConfiguration: { restrictions: { ...p.originConfiguration.restrictions } } } });
      }
      case 'PutPackageOriginConfiguration': {
        const d = this.domain();
        const r = this.repository(d);
        const format = this.format(true);
        const { namespace, name } = this.coordinates(format);
        const restrictions = this.body.restrictions as Record<string, unknown> | undefined;
        const allowed = ['ALLOW', 'BLOCK'];
        if (typeof restrictions !== 'object' || restrictions === null || !allowed.includes(String(restrictions.publish)) || !allowed.includes(String(restrictions.upstream))) {
          throw ApiError.validation("'restrictions' must be {publish: ALLOW|BLOCK, upstream: ALLOW|BLOCK}.");
        }
        // Like CodeArtifact, this may be set before the package exists (to block it in advance).
        const p = this.store.getOrCreatePackage(r, format, namespace, name, 'published');
        p.originConfiguration = { restrictions: { publish: restrictions.publish as 'ALLOW' | 'BLOCK', upstream: restrictions.upstream as 'ALLOW' | 'BLOCK' } };
        return json({ originConfiguration: { restrictions: { ...p.originConfiguration.restrictions } } });
      }
      case 'DeletePackage': {
        const d = this.domain();
        const r = this.repository(d);
        const p = this.packageIn(d, r, this.format(true));
        for (const [key, value] of r.packages) if (value === p) r.packages.delete(key);
        return json({ deletedPackage: packageSummary(p) });
      }
      case 'ListPackageVersions':
        return this.listPackageVersions();
      case 'DescribePackageVersion': {
        const d = this.domain();
        const r = this.repository(d);
        const p = this.packageIn(d, r, this.format(true));
        const v = this.version(r, p);
        return json({
          packageVersion: {
            format: p.format,
            ...ns(p),
            packageName: p.name,
            displayName: displayName(p),
            version: v.version,
            ...(v.summary !== undefined ? { summary: v.summary } : {}),
            ...(v.homePage !== undefined ? { homePage: v.homePage } : {}),
            ...(v.sourceCodeRepository !== undefined ? { sourceCodeRepository: v.sourceCodeRepository } : {}),
            publishedTime: v.publishedTime,
            licenses: v.licenses.map((l) => ({ ...l })),
            revision: v.revision,
            status: v.status,
            origin: { domainEntryPoint: { ...v.origin.domainEntryPoint }, originType: v.origin.originType },
          },
        });
      }
      case 'GetPackageVersionReadme': {
        const d = this.domain();
        const r = this.repository(d);
        const p = this.packageIn(d, r, this.format(true));
        const v = this.version(r, p);
        return json({ format: p.format, ...ns(p), package: p.name, version: v.version, versionRevision: v.revision, readme: v.readme ?? '' });
      }
      case 'ListPackageVersionAssets': {
        const d = this.domain();
        const r = this.repository(d);
        const p = this.packageIn(d, r, this.format(true));
        const v = this.version(r, p);
        const assets = [...(await this.assetsOf(p, v))].sort(([a], [b]) => a.localeCompare(b));
        const { page, nextToken } = paginate('ListPackageVersionAssets', assets, this.q.opt('max-results'), this.q.opt('next-token'), 50);
        return json({ format: p.format, ...ns(p), package: p.name, version: v.version, versionRevision: v.revision, assets: page.map(([name, bytes]) => assetSummary(name, bytes)), ...(nextToken ? { nextToken } : {}) });
      }
      case 'GetPackageVersionAsset': {
        const d = this.domain();
        const r = this.repository(d);
        const p = this.packageIn(d, r, this.format(true));
        const v = this.version(r, p);
        const assetName = this.q.req('asset');
        const revision = this.q.opt('revision');
        if (revision !== undefined && revision !== v.revision) throw ApiError.notFound('package-version', v.version, `Revision '${revision}' of package version '${v.version}' does not exist.`);
        const bytes = (await this.assetsOf(p, v)).get(assetName);
        if (!bytes) throw ApiError.notFound('asset', assetName, `Asset '${assetName}' does not exist in package version '${v.version}' of '${displayName(p)}'.`);
        return {
          status: 200,
          headers: { 'content-type': 'application/octet-stream', 'x-assetname': assetName, 'x-packageversion': v.version, 'x-packageversionrevision': v.revision, 'x-amzn-requestid': randomUUID() },
          body: bytes,
        };
      }
      case 'ListPackageVersionDependencies': {
        const d = this.domain();
        const r = this.repository(d);
        const p = this.packageIn(d, r, this.format(true));
        const v = this.version(r, p);
        decodeToken('ListPackageVersionDependencies', this.q.opt('next-token'));
        const dependencies = Object.entries(v.dependencies).map(([dep, versionRequirement]) => ({ ...dependencyName(p.format, dep), dependencyType: p.format === 'maven' ? 'compile' : 'regular', versionRequirement }));
        return json({ format: p.format, ...ns(p), package: p.name, version: v.version, versionRevision: v.revision, dependencies });
      }
      case 'PublishPackageVersion':
        return this.publish();
      case 'CopyPackageVersions':
        return this.copyVersions();
      case 'UpdatePackageVersionsStatus':
      case 'DeletePackageVersions':
      case 'DisposePackageVersions':
        return this.changeVersions(this.request.operation);
      case 'ListTagsForResource': {
        const arn = this.q.req('resourceArn');
        this.resourceByArn(arn);
        const tags = this.store.tags.get(arn) ?? new Map<string, string>();
        return json({ tags: [...tags].map(([key, value]) => ({ key, value })) });
      }
      case 'TagResource': {
        const arn = this.q.req('resourceArn');
        const resource = this.resourceByArn(arn);
        const tags = bodyTags(this.body, 'tags');
        const map = new Map(this.store.tags.get(arn));
        for (const t of tags) map.set(t.key, t.value);
        if (map.size > 50) throw new ApiError('ServiceQuotaExceededException', 'A resource can have at most 50 tags.', { resourceId: arn, resourceType: resource.repository ? 'repository' : 'domain' });
        this.store.tags.set(arn, map);
        return json({});
      }
      case 'UntagResource': {
        const arn = this.q.req('resourceArn');
        this.resourceByArn(arn);
        const keys = bodyStringList(this.body, 'tagKeys') ?? [];
        const map = this.store.tags.get(arn);
        for (const k of keys) map?.delete(k);
        return json({});
      }
      default: {
        if (PACKAGE_GROUP_OPERATIONS.has(this.request.operation)) {
          return packageGroupOperation({ store: this.store, caller: this.caller, operation: this.request.operation, q: this.q, body: () => this.body, domain: () => this.domain() });
        }
        const why = REFUSED_OPERATIONS[this.request.operation];
        throw ApiError.validation(why ? `The CodeArtifact emulator does not implement ${this.request.operation}: ${why}.` : `Unknown operation ${this.request.operation}.`, 'UNKNOWN_OPERATION');
      }
    }
  }

  /** Body `upstreams: [{repositoryName}]`, checked to name repositories of the domain. */
  private upstreamList(d: Domain, self: string): string[] | undefined {
    const raw = this.body.upstreams;
    if (raw === undefined || raw === null) return undefined;
    if (!Array.isArray(raw)) throw ApiError.validation("'upstreams' must be a list of {repositoryName}.", 'CANNOT_PARSE');
    const names = raw.map((u) => {
      const name = typeof u === 'object' && u !== null ? (u as { repositoryName?: unknown }).repositoryName : undefined;
      if (typeof name !== 'string') throw ApiError.validation("'upstreams' must be a list of {repositoryName}.", 'CANNOT_PARSE');
      return name;
    });
    if (names.length > 10) throw new ApiError('ServiceQuotaExceededException', 'A repository can have at most 10 upstream repositories.', { resourceId: self, resourceType: 'repository' });
    for (const n of names) {
      if (n === self) throw ApiError.validation(`Repository '${self}' cannot be its own upstream.`);
      if (!d.repositories.has(n)) throw ApiError.notFound('repository', n, `Upstream repository '${n}' does not exist in domain '${d.name}'.`);
    }
    return names;
  }

  private policy(arn: string, resourceType: 'domain' | 'repository', name: string): Reply {
    const current = this.store.policies.get(arn);
    const shape = (p: { document: string; revision: string }): Record<string, unknown> => ({ policy: { resourceArn: arn, revision: p.revision, document: p.document } });
    const op = this.request.operation;
    if (op.startsWith('Get')) {
      if (!current) throw ApiError.notFound(resourceType, name, `No permissions policy is set on ${resourceType} '${name}'.`);
      return json(shape(current));
    }
    if (op.startsWith('Put')) {
      const document = bodyString(this.body, 'policyDocument');
      if (document === undefined) throw constraint(undefined, 'policyDocument', 'Member must not be null');
      const problem = resourcePolicyProblem(document);
      if (problem !== undefined) throw ApiError.validation(problem);
      const expected = bodyString(this.body, 'policyRevision');
      if (expected !== undefined && expected !== current?.revision) throw new ApiError('ConflictException', 'The policy revision does not match the current policy.', { resourceId: name, resourceType });
      const next = { document, revision: newRevision() };
      this.store.policies.set(arn, next);
      return json(shape(next));
    }
    if (!current) throw ApiError.notFound(resourceType, name, `No permissions policy is set on ${resourceType} '${name}'.`);
    const expected = this.q.opt('policy-revision');
    if (expected !== undefined && expected !== current.revision) throw new ApiError('ConflictException', 'The policy revision does not match the current policy.', { resourceId: name, resourceType });
    this.store.policies.delete(arn);
    return json(shape(current));
  }

  private listPackages(): Reply {
    const d = this.domain();
    const r = this.repository(d);
    const format = this.format(false);
    const namespace = this.q.opt('namespace');
    if (namespace !== undefined && format === undefined) throw ApiError.validation("'namespace' can only be given together with 'format'.");
    if (namespace !== undefined && format === 'npm' && namespace.startsWith('@')) throw ApiError.validation(`The npm namespace '${namespace}' must not start with '@': pass the scope without it.`);
    const prefix = this.q.opt('package-prefix');
    const publish = this.q.oneOf('publish', ['ALLOW', 'BLOCK'] as const, false);
    const upstream = this.q.oneOf('upstream', ['ALLOW', 'BLOCK'] as const, false);
    const normalizedPrefix = prefix !== undefined && format === 'pypi' ? normalizePypiName(prefix) : prefix;
    const packages: Package[] = [];
    for (const p of r.packages.values()) {
      if (format !== undefined && p.format !== format) continue;
      if (namespace !== undefined && !(p.namespace ?? '').startsWith(namespace)) continue;
      if (normalizedPrefix !== undefined && !p.name.startsWith(normalizedPrefix)) continue;
      if (publish !== undefined && p.originConfiguration.restrictions.publish !== publish) continue;
      if (upstream !== undefined && p.originConfiguration.restrictions.upstream !== upstream) continue;
      packages.push(p);
    }
    packages.sort((a, b) => compare(a.format, b.format) || compare(a.namespace ?? '', b.namespace ?? '') || compare(a.name, b.name));
    const { page, nextToken } = paginate('ListPackages', packages, this.q.opt('max-results'), this.q.opt('next-token'), 100);
    return json({ packages: page.map(packageSummary), ...(nextToken ? { nextToken } : {}) });
  }

  private listPackageVersions(): Reply {
    const d = this.domain();
    const r = this.repository(d);
    const p = this.packageIn(d, r, this.format(true));
    const status = this.q.oneOf('status', VERSION_STATUSES, false);
    const sortBy = this.q.oneOf('sortBy', ['PUBLISHED_TIME'] as const, false);
    const originType = this.q.oneOf('originType', ['INTERNAL', 'EXTERNAL', 'UNKNOWN'] as const, false);
    let versions = sortedVersions(p).filter((v) => (status === undefined || v.status === status) && (originType === undefined || v.origin.originType === originType));
    if (sortBy === 'PUBLISHED_TIME') versions = versions.sort((a, b) => b.publishedTime - a.publishedTime || compare(b.version, a.version));
    const { page, nextToken } = paginate('ListPackageVersions', versions, this.q.opt('max-results'), this.q.opt('next-token'), 50);
    const display = defaultDisplayVersion(p);
    return json({
      ...(display !== undefined ? { defaultDisplayVersion: display } : {}),
      format: p.format,
      ...ns(p),
      package: p.name,
      versions: page.map(versionSummary),
      ...(nextToken ? { nextToken } : {}),
    });
  }

  private publish(): Reply {
    const d = this.domain();
    const r = this.repository(d);
    const format = this.format(true);
    if (format !== 'generic') throw ApiError.validation(`PublishPackageVersion supports only the generic format, not ${format}.`);
    const { namespace, name } = this.coordinates(format);
    if (namespace === undefined) throw constraint(undefined, 'namespace', 'Member must not be null for generic packages');
    const version = this.q.req('version');
    const assetName = this.q.req('asset');
    // The model's patterns: namespace, package and version `[^#/\s]+`, asset name `\P{C}+`, each 1..255.
    for (const [field, value, pattern] of [['namespace', namespace, /^[^#/\s]{1,255}$/], ['package', name, /^[^#/\s]{1,255}$/], ['packageVersion', version, /^[^#/\s]{1,255}$/], ['assetName', assetName, /^\P{C}{1,255}$/u]] as const) {
      if (!pattern.test(value)) throw constraint(value.slice(0, 80), field, `Member must satisfy regular expression pattern: ${field === 'assetName' ? '\\P{C}+' : '[^#/\\s]+'}`);
    }
    const unfinished = this.q.opt('unfinished') === 'true';
    const sha = this.request.headers['x-amz-content-sha256'];
    const actual = createHash('sha256').update(this.request.body).digest('hex');
    if (typeof sha !== 'string') throw constraint(undefined, 'assetSHA256', 'Member must not be null');
    if (sha !== actual) throw ApiError.validation(`The SHA256 hash of the asset content (${actual}) does not match the supplied assetSHA256 (${sha}).`);
    if (this.store.getPackage(r, format, namespace, name)?.originConfiguration.restrictions.publish === 'BLOCK') throw new ApiError('AccessDeniedException', `Publishing is blocked for package ${namespace}/${name} in repository '${r.name}'.`);
    if (!groupAllows(d, 'PUBLISH', r.name, format, namespace, name)) throw new ApiError('AccessDeniedException', `Publishing ${namespace}/${name} to repository '${r.name}' is blocked by the origin controls of its package group '${associatedGroup(d, format, namespace, name).group.pattern}'.`);
    const pkg = this.store.getOrCreatePackage(r, format, namespace, name, 'published');
    let v = pkg.versions.get(version);
    if (v && v.status !== 'Unfinished') throw new ApiError('ConflictException', `Package version ${namespace}/${name}@${version} already exists with status ${v.status}.`, { resourceId: version, resourceType: 'package-version' });
    if (v?.assets.has(assetName)) throw new ApiError('ConflictException', `Asset '${assetName}' already exists in ${namespace}/${name}@${version}.`, { resourceId: assetName, resourceType: 'asset' });
    if (!v) {
      v = {
        version,
        status: 'Unfinished',
        publishedTime: this.store.now() / 1000,
        revision: newRevision(),
        licenses: [],
        dependencies: {},
        origin: { originType: 'INTERNAL', domainEntryPoint: { repositoryName: r.name } },
        assets: new Map(),
      };
      pkg.versions.set(version, v);
    }
    v.assets.set(assetName, Buffer.from(this.request.body));
    v.status = unfinished ? 'Unfinished' : 'Published';
    v.revision = newRevision();
    return json({ format, namespace, package: pkg.name, version, versionRevision: v.revision, status: v.status, asset: assetSummary(assetName, this.request.body) });
  }

  /** Copies versions (metadata and the same asset bytes) between two repositories of one domain. */
  private copyVersions(): Reply {
    const d = this.domain();
    const source = this.repository(d, 'source-repository');
    const destination = this.repository(d, 'destination-repository');
    if (source === destination) throw ApiError.validation('The source and destination repositories must be different.');
    const format = this.format(true);
    const { namespace, name } = this.coordinates(format);
    const versions = bodyStringList(this.body, 'versions');
    const revisions = bodyStringMap(this.body, 'versionRevisions');
    if ((versions === undefined) === (revisions === undefined)) throw ApiError.validation("Exactly one of 'versions' and 'versionRevisions' must be given.");
    const wanted = versions ?? Object.keys(revisions ?? {});
    if (wanted.length === 0) throw constraint(undefined, versions ? 'versions' : 'versionRevisions', 'Member must not be null or empty');
    if (wanted.length > 100) throw constraint(String(wanted.length), versions ? 'versions' : 'versionRevisions', 'Member must have length less than or equal to 100');
    const allowOverwrite = bodyBoolean(this.body, 'allowOverwrite') ?? false;
    const includeFromUpstream = bodyBoolean(this.body, 'includeFromUpstream') ?? false;
    const own = format === 'pypi' && normalizePypiName(name) !== name ? undefined : this.store.getPackage(source, format, namespace, name);
    // With includeFromUpstream, versions the source only sees through its upstream repositories count too.
    const resolved = includeFromUpstream ? this.store.resolvePackage(d, source.name, format, namespace, name) : undefined;
    if (!own && !resolved) throw ApiError.notFound('package', name, `Package '${namespace !== undefined ? `${namespace}/${name}` : name}' (${format}) does not exist in repository '${source.name}' of domain '${d.name}'.`);
    const lookup = (version: string): PackageVersion | undefined => {
      const upstream = resolved?.versions.get(version);
      return own?.versions.get(version) ?? (upstream?.repositoryName !== undefined ? upstream.version : undefined);
    };
    const targetName = own?.displayName ?? resolved?.displayName ?? name;
    return json(copyVersions({ store: this.store, source, destination, format, namespace, targetName, versions: wanted, revisions, allowOverwrite, lookup }));
  }

  private changeVersions(op: 'UpdatePackageVersionsStatus' | 'DeletePackageVersions' | 'DisposePackageVersions'): Reply {
    const d = this.domain();
    const r = this.repository(d);
    const p = this.packageIn(d, r, this.format(true));
    const versions = bodyStringList(this.body, 'versions');
    if (!versions || versions.length === 0) throw constraint(undefined, 'versions', 'Member must not be null or empty');
    if (versions.length > 100) throw constraint(String(versions.length), 'versions', 'Member must have length less than or equal to 100');
    const expectedStatus = bodyString(this.body, 'expectedStatus');
    if (expectedStatus !== undefined && !(VERSION_STATUSES as readonly string[]).includes(expectedStatus)) throw constraint(expectedStatus, 'expectedStatus', `Member must satisfy enum value set: [${VERSION_STATUSES.join(', ')}]`);
    const revisions = bodyStringMap(this.body, 'versionRevisions') ?? {};
    let target: VersionStatus;
    if (op === 'UpdatePackageVersionsStatus') {
      const t = bodyString(this.body, 'targetStatus');
      if (t === undefined) throw constraint(undefined, 'targetStatus', 'Member must not be null');
      if (!['Published', 'Unlisted', 'Archived'].includes(t)) throw ApiError.validation(`targetStatus ${t} is not allowed: use Published, Unlisted or Archived (DisposePackageVersions and DeletePackageVersions do the others).`);
      target = t as VersionStatus;
    } else {
      target = op === 'DeletePackageVersions' ? 'Deleted' : 'Disposed';
    }
    return json(changeVersions({ op, pkg: p, versions, expectedStatus, revisions, target }));
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function dependencyName(format: Format, dep: string): { namespace?: string; package: string } {
  if (format === 'npm') {
    const m = /^@([^/]+)\/(.+)$/.exec(dep);
    return m ? { namespace: m[1], package: m[2] ?? dep } : { package: dep };
  }
  if (format === 'maven') {
    const i = dep.indexOf(':');
    return i > 0 ? { namespace: dep.slice(0, i), package: dep.slice(i + 1) } : { package: dep };
  }
  return { package: format === 'pypi' ? normalizePypiName(dep) : dep };
}

/** Runs one control-plane operation; ApiErrors become error replies, anything else propagates (→ 500). */
export async function handleControlPlane(ctx: ControlPlaneContext, caller: Caller, request: ControlPlaneRequest): Promise<Reply> {
  try {
    return await new Handler(ctx, caller, request).run();
  } catch (err) {
    if (err instanceof ApiError) return apiErrorReply(err);
    throw err;
  }
}
