// The CodeArtifact control plane behind a narrow interface: plain values in, plain values out, one page per
// call. Every request carries an AbortSignal and a deadline; throttling and 5xx are retried by the SDK (bounded).
import {
  CodeartifactClient,
  DescribeDomainCommand,
  DescribePackageVersionCommand,
  DescribeRepositoryCommand,
  GetAuthorizationTokenCommand,
  GetPackageVersionAssetCommand,
  GetPackageVersionReadmeCommand,
  GetRepositoryEndpointCommand,
  ListDomainsCommand,
  ListPackagesCommand,
  ListPackageVersionAssetsCommand,
  ListPackageVersionDependenciesCommand,
  ListPackageVersionsCommand,
  ListRepositoriesInDomainCommand,
  type PackageFormat,
  type PackageVersionStatus,
} from '@aws-sdk/client-codeartifact';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import * as https from 'node:https';
import { pipeline, Readable, Transform } from 'node:stream';
import { codeArtifactArn } from '../core/awsPartitions';
import { CodeArtifactError, MalformedResponseError, toApiError, type CallContext } from './errors';
import type { HttpTransport } from './httpTransport';
import { SdkPackageWrites, type OriginRestrictions, type PackageWrites } from './packageWrites';
export type { OriginRestrictions } from './packageWrites';
import { isKnownRegion } from './regions';
import { TransportRequestHandler } from './sdkHandler';

export type { PackageFormat, PackageVersionStatus };
export const PACKAGE_FORMATS: readonly PackageFormat[] = ['npm', 'pypi', 'maven', 'nuget', 'generic', 'ruby', 'swift', 'cargo'];

export interface Page<T> {
  items: T[];
  /** Present while more pages exist; pass it back to get the next one. */
  nextToken?: string;
  /** Entries of the answer left out because they could not be read (or went past the page size). */
  dropped?: number;
}

export interface CallOptions {
  signal?: AbortSignal;
}
export interface PageOptions extends CallOptions {
  nextToken?: string;
  maxResults?: number;
}

export interface DomainRef {
  name: string;
  /** The owning account; omit for domains the caller owns. */
  owner?: string;
}
export interface RepositoryRef {
  domain: string;
  domainOwner?: string;
  repository: string;
}
export interface PackageRef extends RepositoryRef {
  format: PackageFormat;
  namespace?: string;
  package: string;
}
export interface VersionRef extends PackageRef {
  version: string;
}

export interface DomainInfo {
  name: string;
  owner: string;
  arn?: string;
  status?: string;
  createdTime?: Date;
  encryptionKey?: string;
  /** Only from DescribeDomain. */
  repositoryCount?: number;
  assetSizeBytes?: number;
}
export interface RepositoryInfo {
  name: string;
  domain: string;
  domainOwner: string;
  administratorAccount?: string;
  arn?: string;
  description?: string;
  createdTime?: Date;
}
export interface RepositoryDetails extends RepositoryInfo {
  /** Priority order. */
  upstreams: string[];
  externalConnections: { name: string; format?: string; status?: string }[];
}
export interface PackageInfo {
  format: PackageFormat;
  namespace?: string;
  name: string;
  /** Publish/upstream ALLOW or BLOCK, as ListPackages says (updated in place by the origin commands). */
  originConfiguration?: OriginRestrictions;
}
/** Where a version entered the domain: published to it (INTERNAL) or pulled from a public source (EXTERNAL). */
export type VersionOriginType = 'INTERNAL' | 'EXTERNAL' | 'UNKNOWN';
export interface VersionOrigin {
  type?: string;
  repositoryName?: string;
  externalConnectionName?: string;
}
export interface VersionSummary {
  version: string;
  revision?: string;
  /** One of PackageVersionStatus; kept open for statuses added later. */
  status: string;
  origin?: VersionOrigin;
}
export interface VersionPage extends Page<VersionSummary> {
  defaultDisplayVersion?: string;
}
export interface VersionDetails {
  format?: string;
  namespace?: string;
  packageName: string;
  displayName?: string;
  version: string;
  summary?: string;
  homePage?: string;
  sourceCodeRepository?: string;
  publishedTime?: Date;
  licenses: { name?: string; url?: string }[];
  revision?: string;
  status?: string;
  origin?: VersionOrigin;
}
export interface AssetInfo {
  name: string;
  size?: number;
  hashes: Record<string, string>;
}
/** One entry of ListPackageVersionDependencies: what the version's manifest asks for. */
export interface DependencyInfo {
  /** npm scope without `@`, Maven groupId. */
  namespace?: string;
  package: string;
  /** npm: regular, dev, peer, optional; Maven: compile, runtime, test, provided, parent, …; PyPI: none. */
  dependencyType?: string;
  /** The range as the manifest writes it (`^1.3.0`, `>=2.0`, `[1.0,2.0)`). */
  versionRequirement?: string;
}
/** An asset's bytes as they arrive (GetPackageVersionAsset); the caller must read or destroy `body`. */
export interface AssetStream {
  body: Readable;
  revision?: string;
}
export interface AuthorizationToken {
  token: string;
  expiration?: Date;
}
export interface PackageQuery {
  format?: PackageFormat;
  /** Prefix match on the server (needs `format`). */
  namespace?: string;
  packagePrefix?: string;
}

export interface CodeArtifactApi {
  readonly region: string;
  listDomains(opts?: PageOptions): Promise<Page<DomainInfo>>;
  describeDomain(domain: DomainRef, opts?: CallOptions): Promise<DomainInfo>;
  listRepositories(domain: DomainRef, opts?: PageOptions & { repositoryPrefix?: string }): Promise<Page<RepositoryInfo>>;
  describeRepository(repo: RepositoryRef, opts?: CallOptions): Promise<RepositoryDetails>;
  listPackages(repo: RepositoryRef, query: PackageQuery, opts?: PageOptions): Promise<Page<PackageInfo>>;
  listPackageVersions(pkg: PackageRef, opts?: PageOptions & { status?: PackageVersionStatus; originType?: VersionOriginType }): Promise<VersionPage>;
  describePackageVersion(version: VersionRef, opts?: CallOptions): Promise<VersionDetails>;
  listAssets(version: VersionRef, opts?: PageOptions): Promise<Page<AssetInfo>>;
  getReadme(version: VersionRef, opts?: CallOptions): Promise<string | undefined>;
  /** ListPackageVersionDependencies has no page size; the server chooses it. */
  listDependencies(version: VersionRef, opts?: CallOptions & { nextToken?: string }): Promise<Page<DependencyInfo>>;
  /** The deadline covers the answer's headers only; the body streams for as long as the caller reads it. */
  getAsset(version: VersionRef, asset: string, opts?: CallOptions): Promise<AssetStream>;
  getRepositoryEndpoint(repo: RepositoryRef, format: PackageFormat, opts?: CallOptions): Promise<string>;
  getAuthorizationToken(domain: DomainRef, opts?: CallOptions & { durationSeconds?: number }): Promise<AuthorizationToken>;
  /** The calls that change packages (absent from read-only fakes). */
  writes?(): PackageWrites;
}

export interface ApiOptions {
  region: string;
  /** Named profile from the shared files; undefined uses the default provider chain. */
  profile?: string;
  /** Control-plane override (VPC endpoint, emulator, or what the profile's endpoint_url/services section say). */
  endpoint?: string;
  /** FIPS endpoints (`use_fips_endpoint`); the SDK refuses it together with `endpoint`, which then wins. */
  useFipsEndpoint?: boolean;
  /** Dual-stack endpoints (`use_dualstack_endpoint`): for the API (unless `endpoint` is set) and for GetRepositoryEndpoint. */
  useDualstackEndpoint?: boolean;
  /** PEM text of the CA certificates to trust (`ca_bundle`, AWS_CA_BUNDLE) instead of Node's own. */
  caBundle?: string;
  /** Explicit credentials or provider; wins over `profile` (tests, embedding). */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Deadline for one call, retries included. Default 30 s. */
  callTimeoutMs?: number;
  /** Deadline for one HTTP attempt. Default 15 s. */
  requestTimeoutMs?: number;
  /** SDK attempts for throttling/5xx/network errors, first one included. Default 3. */
  maxAttempts?: number;
  /** Our HTTP client (keep-alive, proxy once per origin); without it the SDK's own Node handler. */
  transport?: HttpTransport;
  /** Told about each call (operation name, duration, outcome) — never about tokens. */
  onCall?: (event: { operation: string; ms: number; error?: CodeArtifactError }) => void;
  /** Told when an answer was partly unusable and we carried on without that part (for the log). */
  onWarning?: (message: string) => void;
  /** Bytes of one answer we read before giving up. Default 16 MiB (a full page of 1000 items is well under 1 MiB). */
  maxResponseBytes?: number;
}

/** The API's own limit on `nextToken` (1..2000 characters); anything longer cannot be sent back anyway. */
const MAX_NEXT_TOKEN_LENGTH = 2000;
/** The API's largest page: a server that sends more is not answering what we asked. */
const MAX_PAGE_SIZE = 1000;
/** Tokens are ~1-2 KB; a huge one or one with whitespace would be written into config files broken. */
const MAX_TOKEN_LENGTH = 64 * 1024;

type Json = Record<string, unknown>;

function isJson(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function text(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
function count(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
function date(v: unknown): Date | undefined {
  return v instanceof Date && !Number.isNaN(v.getTime()) ? v : undefined;
}
/** A list member that may be missing; present but not a list makes the whole answer unusable. */
function listOf(out: unknown, key: string): unknown[] {
  const v = isJson(out) ? out[key] : undefined;
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new MalformedResponseError('mistyped', `"${key}" is not a list`);
  return v;
}
/** For nested lists (licenses, upstreams) that only decorate an answer: the wrong type reads as empty. */
function looseList(v: unknown): Json[] {
  return Array.isArray(v) ? v.filter(isJson) : [];
}
function originOf(v: unknown): VersionOrigin | undefined {
  if (!isJson(v)) return undefined;
  const entry = isJson(v['domainEntryPoint']) ? v['domainEntryPoint'] : {};
  return withoutEmpty({ type: text(v['originType']), repositoryName: text(entry['repositoryName']), externalConnectionName: text(entry['externalConnectionName']) });
}

function originRestrictionsOf(v: unknown): OriginRestrictions | undefined {
  const r = isJson(v) && isJson(v['restrictions']) ? v['restrictions'] : undefined;
  if (!r) return undefined;
  const setting = (x: unknown): 'ALLOW' | 'BLOCK' | undefined => (x === 'ALLOW' || x === 'BLOCK' ? x : undefined);
  const out = withoutEmpty({ publish: setting(r['publish']), upstream: setting(r['upstream']) });
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Counts the bytes of each answer as the SDK reads them and fails the read past `limit`, so that an endless or
 * enormous body costs at most `limit` bytes of memory instead of all of it. Runs per attempt, under the
 * deserializer.
 */
function limitBodies(client: CodeartifactClient, limit: number): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const out = await next(args);
      // An asset is a file the caller streams to disk (and bounds by its listed size), not an answer to parse.
      if (context.commandName === 'GetPackageVersionAssetCommand') return out;
      const response = out.response as { body?: unknown };
      if (response.body instanceof Readable) {
        let seen = 0;
        const counter = new Transform({
          transform(chunk: Buffer, _encoding, done) {
            seen += chunk.length;
            if (seen > limit) done(new MalformedResponseError('tooLarge', `more than ${Math.round(limit / (1024 * 1024))} MiB`));
            else done(null, chunk);
          },
        });
        // pipeline destroys the socket's stream when the counter fails: the rest of the body is never read.
        response.body = pipeline(response.body, counter, () => undefined);
      }
      return out;
    },
    { step: 'deserialize', priority: 'low', name: 'codeartifactResponseSizeLimit' },
  );
}

const IAM_ACTION_PREFIX = 'codeartifact:';

/** Credentials are resolved again this long before they expire. */
export const CREDENTIALS_REFRESH_MARGIN_MS = 60_000;

/**
 * Reuses resolved credentials until `marginMs` before their expiration (those without one: for the life of the
 * provider, i.e. of the connection), with one resolution at a time; a failure is never kept. The SDK re-resolves
 * in its own 5-minute window before expiry from both its auth-scheme middleware and its signer, which for SSO
 * profiles meant 2–3 portal calls per API call; role credentials are still good for minutes then.
 */
export function cacheCredentials(
  provider: AwsCredentialIdentityProvider,
  { marginMs = CREDENTIALS_REFRESH_MARGIN_MS, now = Date.now }: { marginMs?: number; now?: () => number } = {},
): AwsCredentialIdentityProvider {
  let cached: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  const fresh = (c: AwsCredentialIdentity): boolean => c.expiration === undefined || c.expiration.getTime() - now() > marginMs;
  return (options?: Record<string, unknown>) => {
    if (cached && fresh(cached) && options?.['forceRefresh'] !== true) return Promise.resolve(cached);
    pending ??= provider(options).then(
      (c) => {
        pending = undefined;
        cached = c;
        return c;
      },
      (err: unknown) => {
        pending = undefined;
        cached = undefined;
        throw err;
      },
    );
    return pending;
  };
}

function credentialProvider(opts: ApiOptions): AwsCredentialIdentity | AwsCredentialIdentityProvider {
  if (opts.credentials) return opts.credentials;
  // fromIni covers static keys, SSO (sso_session or legacy), assume-role chains, credential_process, web identity.
  if (opts.profile) return cacheCredentials(fromIni({ profile: opts.profile, ignoreCache: true }));
  return cacheCredentials(fromNodeProviderChain({ ignoreCache: true }));
}

function withoutEmpty<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
}

/** What a domain summary (ListDomains) and a description (DescribeDomain) share; name and owner resolved by the caller. */
function domainInfo(d: Json, name: string, owner: string): DomainInfo {
  return withoutEmpty({ name, owner, arn: text(d['arn']), status: text(d['status']), createdTime: date(d['createdTime']), encryptionKey: text(d['encryptionKey']) });
}

/** What a repository summary (ListRepositoriesInDomain) and a description (DescribeRepository) share. */
function repositoryInfo(r: Json, name: string, domain: string, domainOwner: string): RepositoryInfo {
  return withoutEmpty({
    name,
    domain,
    domainOwner,
    administratorAccount: text(r['administratorAccount']),
    arn: text(r['arn']),
    description: text(r['description']),
    createdTime: date(r['createdTime']),
  });
}

function token(t: string | undefined): { nextToken?: string } {
  return t ? { nextToken: t } : {};
}

/** One client per retry policy; both share the credentials (one SSO/role resolution, one cache). */
function newClient(opts: ApiOptions, maxAttempts: number, credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider): CodeartifactClient {
  const client = new CodeartifactClient({
    region: opts.region,
    // An explicit endpoint wins; the SDK's rules refuse FIPS or dual-stack next to one ("not supported").
    ...(opts.endpoint ? { endpoint: opts.endpoint } : { useFipsEndpoint: opts.useFipsEndpoint === true, useDualstackEndpoint: opts.useDualstackEndpoint === true }),
    credentials,
    maxAttempts,
    retryMode: 'standard',
    // Our transport (proxy, keep-alive) when the extension gives one; it carries the CA bundle itself.
    requestHandler: opts.transport
      ? new TransportRequestHandler(opts.transport, opts.requestTimeoutMs ?? 15_000)
      : {
          connectionTimeout: Math.min(5_000, opts.requestTimeoutMs ?? 15_000),
          requestTimeout: opts.requestTimeoutMs ?? 15_000,
          throwOnRequestTimeout: true,
          ...(opts.caBundle ? { httpsAgent: new https.Agent({ keepAlive: true, ca: opts.caBundle }) } : {}),
        },
  });
  limitBodies(client, opts.maxResponseBytes ?? 16 * 1024 * 1024);
  return client;
}

export class SdkCodeArtifactApi implements CodeArtifactApi {
  readonly region: string;
  private readonly client: CodeartifactClient;
  private readonly credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  private readonly callTimeoutMs: number;

  constructor(private readonly opts: ApiOptions) {
    this.region = opts.region;
    this.callTimeoutMs = opts.callTimeoutMs ?? 30_000;
    this.credentials = credentialProvider(opts);
    this.client = newClient(opts, opts.maxAttempts ?? 3, this.credentials);
  }

  private warn(message: string): void {
    this.opts.onWarning?.(message);
  }

  /**
   * One page of a list answer, read defensively: entries that are not objects or lack their name are dropped
   * (and counted), a page longer than asked is cut to size, a nextToken of the wrong type or length ends the
   * listing. A list member of the wrong type throws (the whole answer is unusable).
   */
  private page<T>(operation: string, out: unknown, key: string, maxResults: number | undefined, read: (item: Json) => T | undefined): Page<T> {
    const items: T[] = [];
    let dropped = 0;
    const limit = Math.min(maxResults ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
    for (const raw of listOf(out, key)) {
      const item = isJson(raw) ? read(raw) : undefined;
      if (item === undefined || items.length >= limit) dropped++;
      else items.push(item);
    }
    if (dropped > 0) this.warn(`${operation}: left out ${dropped} of ${dropped + items.length} "${key}" entries (unreadable, or past the page size of ${limit}).`);
    const rawToken = isJson(out) ? out['nextToken'] : undefined;
    let nextToken: string | undefined;
    if (typeof rawToken === 'string' && rawToken.length <= MAX_NEXT_TOKEN_LENGTH) nextToken = rawToken || undefined;
    else if (rawToken !== undefined && rawToken !== null) {
      const what = typeof rawToken === 'string' ? `${rawToken.length} characters long` : `a ${Array.isArray(rawToken) ? 'list' : typeof rawToken}`;
      this.warn(`${operation}: ignored a nextToken that is ${what}; the listing ends here.`);
    }
    return { items, ...token(nextToken), ...(dropped > 0 ? { dropped } : {}) };
  }

  private writeClient: CodeartifactClient | undefined;
  private writeApi: PackageWrites | undefined;

  /** Copy, status, delete and origin calls, on a client that never retries them (packageWrites.ts). */
  writes(): PackageWrites {
    if (!this.writeApi) {
      this.writeClient = newClient(this.opts, 1, this.credentials);
      this.writeApi = new SdkPackageWrites(this.writeClient, (op, resource, signal, run) => this.call(op, resource, signal, run), (p) => this.packageLabel(p));
    }
    return this.writeApi;
  }

  dispose(): void {
    this.client.destroy();
    this.writeClient?.destroy();
  }

  /**
   * For sibling API modules (packageGroupsApi.ts): one call through this client, with the same deadline, error
   * mapping and defensive page reading as the methods here.
   */
  callWith<T>(operation: string, resource: string | undefined, signal: AbortSignal | undefined, run: (client: CodeartifactClient, abortSignal: AbortSignal, page: <I>(out: unknown, key: string, maxResults: number | undefined, read: (item: Json) => I | undefined) => Page<I>) => Promise<T>): Promise<T> {
    return this.call(operation, resource, signal, (abortSignal) => run(this.client, abortSignal, (out, key, maxResults, read) => this.page(operation, out, key, maxResults, read)));
  }

  /** One SDK call: deadline + caller's signal, errors mapped with the action and resource named. */
  private async call<T>(operation: string, resource: string | undefined, signal: AbortSignal | undefined, run: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    const ctx: CallContext = {
      action: IAM_ACTION_PREFIX + operation,
      resource,
      profile: this.opts.credentials ? undefined : this.opts.profile,
      region: this.opts.region,
      endpoint: this.opts.endpoint,
      knownRegion: isKnownRegion(this.opts.region),
      signal,
      timeoutMs: this.callTimeoutMs,
    };
    if (signal?.aborted) throw toApiError(signal.reason, ctx);
    // Cleared once the call has its answer: a streamed asset body must not be cut off by the call's deadline.
    const deadlineCtl = new AbortController();
    const timer = setTimeout(() => deadlineCtl.abort(new DOMException('The call took too long', 'TimeoutError')), this.callTimeoutMs);
    const deadline = deadlineCtl.signal;
    ctx.deadline = deadline;
    const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
    const started = Date.now();
    try {
      const result = await run(combined);
      this.opts.onCall?.({ operation, ms: Date.now() - started });
      return result;
    } catch (err) {
      const mapped = toApiError(err, ctx);
      this.opts.onCall?.({ operation, ms: Date.now() - started, error: mapped });
      throw mapped;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * One SDK command under the same deadline, signal and error mapping as every call here: for the write
   * operations that live in their own module (aws/adminApi.ts).
   */
  send<T>(operation: string, resource: string | undefined, signal: AbortSignal | undefined, run: (client: CodeartifactClient, abortSignal: AbortSignal) => Promise<T>): Promise<T> {
    return this.call(operation, resource, signal, (abortSignal) => run(this.client, abortSignal));
  }

  private domainArn(domain: string, owner?: string): string {
    return owner ? codeArtifactArn(this.region, owner, `domain/${domain}`) : `domain ${domain}`;
  }
  private repoArn(r: RepositoryRef): string {
    return r.domainOwner ? codeArtifactArn(this.region, r.domainOwner, `repository/${r.domain}/${r.repository}`) : `repository ${r.domain}/${r.repository}`;
  }
  private packageLabel(p: PackageRef): string {
    const ns = p.namespace ? `${p.namespace}/` : '';
    return `${this.repoArn(p)} package ${p.format}/${ns}${p.package}`;
  }

  async listDomains(opts: PageOptions = {}): Promise<Page<DomainInfo>> {
    return this.call('ListDomains', undefined, opts.signal, async (abortSignal) => {
      const out = await this.client.send(new ListDomainsCommand(withoutEmpty({ maxResults: opts.maxResults, nextToken: opts.nextToken })), { abortSignal });
      return this.page('ListDomains', out, 'domains', opts.maxResults, (d): DomainInfo | undefined => {
        const name = text(d['name']);
        return name ? domainInfo(d, name, text(d['owner']) ?? '') : undefined;
      });
    });
  }

  async describeDomain(domain: DomainRef, opts: CallOptions = {}): Promise<DomainInfo> {
    return this.call('DescribeDomain', this.domainArn(domain.name, domain.owner), opts.signal, async (abortSignal) => {
      const out = await this.client.send(new DescribeDomainCommand(withoutEmpty({ domain: domain.name, domainOwner: domain.owner })), { abortSignal });
      const d: Json = isJson(out.domain) ? out.domain : {};
      return {
        ...domainInfo(d, text(d['name']) ?? domain.name, text(d['owner']) ?? domain.owner ?? ''),
        ...withoutEmpty({ repositoryCount: count(d['repositoryCount']), assetSizeBytes: count(d['assetSizeBytes']) }),
      };
    });
  }

  async listRepositories(domain: DomainRef, opts: PageOptions & { repositoryPrefix?: string } = {}): Promise<Page<RepositoryInfo>> {
    return this.call('ListRepositoriesInDomain', this.domainArn(domain.name, domain.owner), opts.signal, async (abortSignal) => {
      const out = await this.client.send(
        new ListRepositoriesInDomainCommand(
          withoutEmpty({ domain: domain.name, domainOwner: domain.owner, repositoryPrefix: opts.repositoryPrefix, maxResults: opts.maxResults, nextToken: opts.nextToken }),
        ),
        { abortSignal },
      );
      return this.page('ListRepositoriesInDomain', out, 'repositories', opts.maxResults, (r): RepositoryInfo | undefined => {
        const name = text(r['name']);
        return name ? repositoryInfo(r, name, text(r['domainName']) ?? domain.name, text(r['domainOwner']) ?? domain.owner ?? '') : undefined;
      });
    });
  }

  async describeRepository(repo: RepositoryRef, opts: CallOptions = {}): Promise<RepositoryDetails> {
    return this.call('DescribeRepository', this.repoArn(repo), opts.signal, async (abortSignal) => {
      const out = await this.client.send(new DescribeRepositoryCommand(withoutEmpty({ domain: repo.domain, domainOwner: repo.domainOwner, repository: repo.repository })), { abortSignal });
      const r: Json = isJson(out.repository) ? out.repository : {};
      return {
        ...repositoryInfo(r, text(r['name']) ?? repo.repository, text(r['domainName']) ?? repo.domain, text(r['domainOwner']) ?? repo.domainOwner ?? ''),
        upstreams: looseList(r['upstreams']).flatMap((u) => text(u['repositoryName']) ?? []),
        externalConnections: looseList(r['externalConnections']).flatMap((c) => {
          const name = text(c['externalConnectionName']);
          return name ? [withoutEmpty({ name, format: text(c['packageFormat']), status: text(c['status']) })] : [];
        }),
      };
    });
  }

  async listPackages(repo: RepositoryRef, query: PackageQuery, opts: PageOptions = {}): Promise<Page<PackageInfo>> {
    return this.call('ListPackages', this.repoArn(repo), opts.signal, async (abortSignal) => {
      const out = await this.client.send(
        new ListPackagesCommand(
          withoutEmpty({
            domain: repo.domain,
            domainOwner: repo.domainOwner,
            repository: repo.repository,
            format: query.format,
            namespace: query.namespace,
            packagePrefix: query.packagePrefix,
            maxResults: opts.maxResults,
            nextToken: opts.nextToken,
          }),
        ),
        { abortSignal },
      );
      return this.page('ListPackages', out, 'packages', opts.maxResults, (p): PackageInfo | undefined => {
        const name = text(p['package']);
        // Formats added to CodeArtifact later are kept: they are strings the explorer shows as they are.
        const format = (text(p['format']) ?? query.format) as PackageFormat | undefined;
        return name && format ? withoutEmpty({ format, namespace: text(p['namespace']), name, originConfiguration: originRestrictionsOf(p['originConfiguration']) }) : undefined;
      });
    });
  }

  async listPackageVersions(pkg: PackageRef, opts: PageOptions & { status?: PackageVersionStatus; originType?: VersionOriginType } = {}): Promise<VersionPage> {
    return this.call('ListPackageVersions', this.packageLabel(pkg), opts.signal, async (abortSignal) => {
      const out = await this.client.send(
        new ListPackageVersionsCommand(
          withoutEmpty({
            domain: pkg.domain,
            domainOwner: pkg.domainOwner,
            repository: pkg.repository,
            format: pkg.format,
            namespace: pkg.namespace,
            package: pkg.package,
            status: opts.status,
            originType: opts.originType,
            sortBy: 'PUBLISHED_TIME' as const,
            maxResults: opts.maxResults,
            nextToken: opts.nextToken,
          }),
        ),
        { abortSignal },
      );
      const page = this.page('ListPackageVersions', out, 'versions', opts.maxResults, (v): VersionSummary | undefined => {
        const version = text(v['version']);
        return version ? withoutEmpty({ version, revision: text(v['revision']), status: text(v['status']) ?? 'Published', origin: originOf(v['origin']) }) : undefined;
      });
      const defaultDisplayVersion = text(out.defaultDisplayVersion);
      return { ...page, ...(defaultDisplayVersion ? { defaultDisplayVersion } : {}) };
    });
  }

  private versionInput(v: VersionRef) {
    return withoutEmpty({ domain: v.domain, domainOwner: v.domainOwner, repository: v.repository, format: v.format, namespace: v.namespace, package: v.package, packageVersion: v.version });
  }

  async describePackageVersion(version: VersionRef, opts: CallOptions = {}): Promise<VersionDetails> {
    return this.call('DescribePackageVersion', `${this.packageLabel(version)}@${version.version}`, opts.signal, async (abortSignal) => {
      const out = await this.client.send(new DescribePackageVersionCommand(this.versionInput(version)), { abortSignal });
      const v: Json = isJson(out.packageVersion) ? out.packageVersion : {};
      return withoutEmpty({
        format: text(v['format']),
        namespace: text(v['namespace']),
        packageName: text(v['packageName']) ?? version.package,
        displayName: text(v['displayName']),
        version: text(v['version']) ?? version.version,
        summary: text(v['summary']),
        homePage: text(v['homePage']),
        sourceCodeRepository: text(v['sourceCodeRepository']),
        publishedTime: date(v['publishedTime']),
        licenses: looseList(v['licenses']).map((l) => withoutEmpty({ name: text(l['name']), url: text(l['url']) })),
        revision: text(v['revision']),
        status: text(v['status']),
        origin: originOf(v['origin']),
      });
    });
  }

  async listAssets(version: VersionRef, opts: PageOptions = {}): Promise<Page<AssetInfo>> {
    return this.call('ListPackageVersionAssets', `${this.packageLabel(version)}@${version.version}`, opts.signal, async (abortSignal) => {
      const out = await this.client.send(
        new ListPackageVersionAssetsCommand(withoutEmpty({ ...this.versionInput(version), maxResults: opts.maxResults, nextToken: opts.nextToken })),
        { abortSignal },
      );
      return this.page('ListPackageVersionAssets', out, 'assets', opts.maxResults, (a): AssetInfo | undefined => {
        const name = text(a['name']);
        if (!name) return undefined;
        const hashes: Record<string, string> = {};
        for (const [k, v] of Object.entries(isJson(a['hashes']) ? a['hashes'] : {})) if (typeof v === 'string') hashes[k] = v;
        return withoutEmpty({ name, size: count(a['size']), hashes });
      });
    });
  }

  async getReadme(version: VersionRef, opts: CallOptions = {}): Promise<string | undefined> {
    return this.call('GetPackageVersionReadme', `${this.packageLabel(version)}@${version.version}`, opts.signal, async (abortSignal) => {
      const out = await this.client.send(new GetPackageVersionReadmeCommand(this.versionInput(version)), { abortSignal });
      return text(out.readme);
    });
  }

  async listDependencies(version: VersionRef, opts: CallOptions & { nextToken?: string } = {}): Promise<Page<DependencyInfo>> {
    return this.call('ListPackageVersionDependencies', `${this.packageLabel(version)}@${version.version}`, opts.signal, async (abortSignal) => {
      const out = await this.client.send(
        new ListPackageVersionDependenciesCommand(withoutEmpty({ ...this.versionInput(version), nextToken: opts.nextToken })),
        { abortSignal },
      );
      return this.page('ListPackageVersionDependencies', out, 'dependencies', undefined, (d): DependencyInfo | undefined => {
        const name = text(d['package']);
        return name ? withoutEmpty({ namespace: text(d['namespace']), package: name, dependencyType: text(d['dependencyType']), versionRequirement: text(d['versionRequirement']) }) : undefined;
      });
    });
  }

  async getAsset(version: VersionRef, asset: string, opts: CallOptions = {}): Promise<AssetStream> {
    return this.call('GetPackageVersionAsset', `${this.packageLabel(version)}@${version.version} asset ${asset}`, opts.signal, async (abortSignal) => {
      const out = await this.client.send(new GetPackageVersionAssetCommand({ ...this.versionInput(version), asset }), { abortSignal });
      const body: unknown = out.asset;
      if (!(body instanceof Readable)) throw new MalformedResponseError('mistyped', 'the asset has no body');
      const revision = text(out.packageVersionRevision);
      return { body, ...(revision ? { revision } : {}) };
    });
  }

  async getRepositoryEndpoint(repo: RepositoryRef, format: PackageFormat, opts: CallOptions = {}): Promise<string> {
    return this.call('GetRepositoryEndpoint', this.repoArn(repo), opts.signal, async (abortSignal) => {
      const endpointType = this.opts.useDualstackEndpoint ? ('dualstack' as const) : undefined;
      const out = await this.client.send(
        new GetRepositoryEndpointCommand(withoutEmpty({ domain: repo.domain, domainOwner: repo.domainOwner, repository: repo.repository, format, endpointType })),
        { abortSignal },
      );
      const endpoint = text(out.repositoryEndpoint);
      if (!endpoint || !URL.canParse(endpoint) || !/^https?:$/.test(new URL(endpoint).protocol)) {
        throw new MalformedResponseError('mistyped', endpoint ? 'repositoryEndpoint is not an http(s) URL' : 'no repositoryEndpoint');
      }
      return endpoint;
    });
  }

  async getAuthorizationToken(domain: DomainRef, opts: CallOptions & { durationSeconds?: number } = {}): Promise<AuthorizationToken> {
    return this.call('GetAuthorizationToken', this.domainArn(domain.name, domain.owner), opts.signal, async (abortSignal) => {
      const out = await this.client.send(
        new GetAuthorizationTokenCommand(withoutEmpty({ domain: domain.name, domainOwner: domain.owner, durationSeconds: opts.durationSeconds })),
        { abortSignal },
      );
      const value: unknown = out.authorizationToken;
      if (typeof value !== 'string' || value === '') throw new MalformedResponseError('mistyped', value === undefined || value === '' ? 'no authorizationToken' : 'authorizationToken is not a string');
      // Never quote the token itself: say only what is wrong with it.
      if (value.length > MAX_TOKEN_LENGTH) throw new MalformedResponseError('tooLarge', `an authorization token of ${value.length} characters`);
      if (/[\s\p{C}]/u.test(value)) throw new MalformedResponseError('mistyped', 'the authorization token contains spaces or control characters');
      const expiration = date(out.expiration);
      return { token: value, ...(expiration ? { expiration } : {}) };
    });
  }
}

/** Every page of a listing, for the few places that need it all (find across repositories). Bounded by maxPages. */
export async function collectPages<T>(fetchPage: (nextToken: string | undefined) => Promise<Page<T>>, maxPages = 50): Promise<{ items: T[]; truncated: boolean }> {
  const items: T[] = [];
  let next: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = await fetchPage(next);
    items.push(...page.items);
    next = page.nextToken;
    if (!next) return { items, truncated: false };
  }
  return { items, truncated: true };
}

/**
 * Domains for the root of the tree: the caller's own (one page of ListDomains) plus, on the first page only,
 * the extra domains from settings (DescribeDomain each, in parallel). An extra domain that cannot be described
 * is still listed, with the error, so that a person sees why.
 */
export async function listDomainsWithExtras(
  api: CodeArtifactApi,
  extras: readonly DomainRef[],
  opts: PageOptions = {},
): Promise<Page<DomainInfo & { error?: CodeArtifactError }>> {
  const firstPage = !opts.nextToken;
  const [own, described] = await Promise.all([
    api.listDomains(opts),
    firstPage
      ? Promise.all(
          extras.map(async (ref): Promise<DomainInfo & { error?: CodeArtifactError }> => {
            try {
              return await api.describeDomain(ref, { signal: opts.signal });
            } catch (err) {
              if (err instanceof CodeArtifactError && err.kind === 'cancelled') throw err;
              return { name: ref.name, owner: ref.owner ?? '', error: err instanceof CodeArtifactError ? err : toApiError(err, { action: 'codeartifact:DescribeDomain', region: api.region, knownRegion: true }) };
            }
          }),
        )
      : Promise.resolve([]),
  ]);
  const seen = new Set(own.items.map((d) => `${d.owner}/${d.name}`));
  const extraItems = described.filter((d) => !seen.has(`${d.owner}/${d.name}`));
  return { items: [...own.items, ...extraItems], ...token(own.nextToken), ...(own.dropped ? { dropped: own.dropped } : {}) };
}
