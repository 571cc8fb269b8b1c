// The CodeArtifact control plane behind a narrow interface: plain values in, plain values out, one page per
// call. Every request carries an AbortSignal and a deadline; throttling and 5xx are retried by the SDK (bounded).
import {
  CodeartifactClient,
  DescribeDomainCommand,
  DescribePackageVersionCommand,
  DescribeRepositoryCommand,
  GetAuthorizationTokenCommand,
  GetPackageVersionReadmeCommand,
  GetRepositoryEndpointCommand,
  ListDomainsCommand,
  ListPackagesCommand,
  ListPackageVersionAssetsCommand,
  ListPackageVersionsCommand,
  ListRepositoriesInDomainCommand,
  type PackageFormat,
  type PackageVersionStatus,
} from '@aws-sdk/client-codeartifact';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { CodeArtifactError, toApiError, type CallContext } from './errors';
import { isKnownRegion } from './regions';

export type { PackageFormat, PackageVersionStatus };
export const PACKAGE_FORMATS: readonly PackageFormat[] = ['npm', 'pypi', 'maven', 'nuget', 'generic', 'ruby', 'swift', 'cargo'];

export interface Page<T> {
  items: T[];
  /** Present while more pages exist; pass it back to get the next one. */
  nextToken?: string;
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
}
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
  listPackageVersions(pkg: PackageRef, opts?: PageOptions & { status?: PackageVersionStatus }): Promise<VersionPage>;
  describePackageVersion(version: VersionRef, opts?: CallOptions): Promise<VersionDetails>;
  listAssets(version: VersionRef, opts?: PageOptions): Promise<Page<AssetInfo>>;
  getReadme(version: VersionRef, opts?: CallOptions): Promise<string | undefined>;
  getRepositoryEndpoint(repo: RepositoryRef, format: PackageFormat, opts?: CallOptions): Promise<string>;
  getAuthorizationToken(domain: DomainRef, opts?: CallOptions & { durationSeconds?: number }): Promise<AuthorizationToken>;
}

export interface ApiOptions {
  region: string;
  /** Named profile from the shared files; undefined uses the default provider chain. */
  profile?: string;
  /** Control-plane override (VPC endpoint, emulator). */
  endpoint?: string;
  /** Explicit credentials or provider; wins over `profile` (tests, embedding). */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Deadline for one call, retries included. Default 30 s. */
  callTimeoutMs?: number;
  /** Deadline for one HTTP attempt. Default 15 s. */
  requestTimeoutMs?: number;
  /** SDK attempts for throttling/5xx/network errors, first one included. Default 3. */
  maxAttempts?: number;
  /** Told about each call (operation name, duration, outcome) — never about tokens. */
  onCall?: (event: { operation: string; ms: number; error?: CodeArtifactError }) => void;
}

const IAM_ACTION_PREFIX = 'codeartifact:';

function credentialProvider(opts: ApiOptions): AwsCredentialIdentity | AwsCredentialIdentityProvider {
  if (opts.credentials) return opts.credentials;
  // fromIni covers static keys, SSO (sso_session or legacy), assume-role chains, credential_process, web identity.
  if (opts.profile) return fromIni({ profile: opts.profile, ignoreCache: true });
  return fromNodeProviderChain({ ignoreCache: true });
}

function withoutEmpty<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
}

function token(t: string | undefined): { nextToken?: string } {
  return t ? { nextToken: t } : {};
}

export class SdkCodeArtifactApi implements CodeArtifactApi {
  readonly region: string;
  private readonly client: CodeartifactClient;
  private readonly callTimeoutMs: number;

  constructor(private readonly opts: ApiOptions) {
    this.region = opts.region;
    this.callTimeoutMs = opts.callTimeoutMs ?? 30_000;
    this.client = new CodeartifactClient({
      region: opts.region,
      ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
      credentials: credentialProvider(opts),
      maxAttempts: opts.maxAttempts ?? 3,
      retryMode: 'standard',
      requestHandler: {
        connectionTimeout: Math.min(5_000, opts.requestTimeoutMs ?? 15_000),
        requestTimeout: opts.requestTimeoutMs ?? 15_000,
        throwOnRequestTimeout: true,
      },
    });
  }

  dispose(): void {
    this.client.destroy();
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
    const deadline = AbortSignal.timeout(this.callTimeoutMs);
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
    }
  }

  private domainArn(domain: string, owner?: string): string {
    return owner ? `arn:aws:codeartifact:${this.region}:${owner}:domain/${domain}` : `domain ${domain}`;
  }
  private repoArn(r: RepositoryRef): string {
    return r.domainOwner ? `arn:aws:codeartifact:${this.region}:${r.domainOwner}:repository/${r.domain}/${r.repository}` : `repository ${r.domain}/${r.repository}`;
  }
  private packageLabel(p: PackageRef): string {
    const ns = p.namespace ? `${p.namespace}/` : '';
    return `${this.repoArn(p)} package ${p.format}/${ns}${p.package}`;
  }

  async listDomains(opts: PageOptions = {}): Promise<Page<DomainInfo>> {
    return this.call('ListDomains', undefined, opts.signal, async (abortSignal) => {
      const out = await this.client.send(new ListDomainsCommand(withoutEmpty({ maxResults: opts.maxResults, nextToken: opts.nextToken })), { abortSignal });
      const items = (out.domains ?? []).map((d) => withoutEmpty({ name: d.name ?? '', owner: d.owner ?? '', arn: d.arn, status: d.status, createdTime: d.createdTime, encryptionKey: d.encryptionKey }));
      return { items, ...token(out.nextToken) };
    });
  }

  async describeDomain(domain: DomainRef, opts: CallOptions = {}): Promise<DomainInfo> {
    return this.call('DescribeDomain', this.domainArn(domain.name, domain.owner), opts.signal, async (abortSignal) => {
      const out = await this.client.send(new DescribeDomainCommand(withoutEmpty({ domain: domain.name, domainOwner: domain.owner })), { abortSignal });
      const d = out.domain ?? {};
      return withoutEmpty({
        name: d.name ?? domain.name,
        owner: d.owner ?? domain.owner ?? '',
        arn: d.arn,
        status: d.status,
        createdTime: d.createdTime,
        encryptionKey: d.encryptionKey,
        repositoryCount: d.repositoryCount,
        assetSizeBytes: d.assetSizeBytes,
      });
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
      const items = (out.repositories ?? []).map((r) =>
        withoutEmpty({
          name: r.name ?? '',
          domain: r.domainName ?? domain.name,
          domainOwner: r.domainOwner ?? domain.owner ?? '',
          administratorAccount: r.administratorAccount,
          arn: r.arn,
          description: r.description,
          createdTime: r.createdTime,
        }),
      );
      return { items, ...token(out.nextToken) };
    });
  }

  async describeRepository(repo: RepositoryRef, opts: CallOptions = {}): Promise<RepositoryDetails> {
    return this.call('DescribeRepository', this.repoArn(repo), opts.signal, async (abortSignal) => {
      const out = await this.client.send(new DescribeRepositoryCommand(withoutEmpty({ domain: repo.domain, domainOwner: repo.domainOwner, repository: repo.repository })), { abortSignal });
      const r = out.repository ?? {};
      return {
        ...withoutEmpty({
          name: r.name ?? repo.repository,
          domain: r.domainName ?? repo.domain,
          domainOwner: r.domainOwner ?? repo.domainOwner ?? '',
          administratorAccount: r.administratorAccount,
          arn: r.arn,
          description: r.description,
          createdTime: r.createdTime,
        }),
        upstreams: (r.upstreams ?? []).map((u) => u.repositoryName ?? '').filter((n) => n),
        externalConnections: (r.externalConnections ?? []).map((c) => withoutEmpty({ name: c.externalConnectionName ?? '', format: c.packageFormat, status: c.status })),
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
      const items = (out.packages ?? []).map((p) => withoutEmpty({ format: p.format ?? query.format ?? 'generic', namespace: p.namespace, name: p.package ?? '' }) as PackageInfo);
      return { items, ...token(out.nextToken) };
    });
  }

  async listPackageVersions(pkg: PackageRef, opts: PageOptions & { status?: PackageVersionStatus } = {}): Promise<VersionPage> {
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
            sortBy: 'PUBLISHED_TIME' as const,
            maxResults: opts.maxResults,
            nextToken: opts.nextToken,
          }),
        ),
        { abortSignal },
      );
      const items = (out.versions ?? []).map((v) =>
        withoutEmpty({
          version: v.version ?? '',
          revision: v.revision,
          status: v.status ?? 'Published',
          origin: v.origin
            ? withoutEmpty({ type: v.origin.originType, repositoryName: v.origin.domainEntryPoint?.repositoryName, externalConnectionName: v.origin.domainEntryPoint?.externalConnectionName })
            : undefined,
        }) as VersionSummary,
      );
      return { items, ...token(out.nextToken), ...(out.defaultDisplayVersion ? { defaultDisplayVersion: out.defaultDisplayVersion } : {}) };
    });
  }

  private versionInput(v: VersionRef) {
    return withoutEmpty({ domain: v.domain, domainOwner: v.domainOwner, repository: v.repository, format: v.format, namespace: v.namespace, package: v.package, packageVersion: v.version });
  }

  async describePackageVersion(version: VersionRef, opts: CallOptions = {}): Promise<VersionDetails> {
    return this.call('DescribePackageVersion', `${this.packageLabel(version)}@${version.version}`, opts.signal, async (abortSignal) => {
      const out = await this.client.send(new DescribePackageVersionCommand(this.versionInput(version)), { abortSignal });
      const v = out.packageVersion ?? {};
      return withoutEmpty({
        format: v.format,
        namespace: v.namespace,
        packageName: v.packageName ?? version.package,
        displayName: v.displayName,
        version: v.version ?? version.version,
        summary: v.summary,
        homePage: v.homePage,
        sourceCodeRepository: v.sourceCodeRepository,
        publishedTime: v.publishedTime,
        licenses: (v.licenses ?? []).map((l) => withoutEmpty({ name: l.name, url: l.url })),
        revision: v.revision,
        status: v.status,
        origin: v.origin
          ? withoutEmpty({ type: v.origin.originType, repositoryName: v.origin.domainEntryPoint?.repositoryName, externalConnectionName: v.origin.domainEntryPoint?.externalConnectionName })
          : undefined,
      });
    });
  }

  async listAssets(version: VersionRef, opts: PageOptions = {}): Promise<Page<AssetInfo>> {
    return this.call('ListPackageVersionAssets', `${this.packageLabel(version)}@${version.version}`, opts.signal, async (abortSignal) => {
      const out = await this.client.send(
        new ListPackageVersionAssetsCommand(withoutEmpty({ ...this.versionInput(version), maxResults: opts.maxResults, nextToken: opts.nextToken })),
        { abortSignal },
      );
      const items = (out.assets ?? []).map((a) => {
        const hashes: Record<string, string> = {};
        for (const [k, v] of Object.entries(a.hashes ?? {})) if (typeof v === 'string') hashes[k] = v;
        return withoutEmpty({ name: a.name ?? '', size: a.size, hashes });
      });
      return { items, ...token(out.nextToken) };
    });
  }

  async getReadme(version: VersionRef, opts: CallOptions = {}): Promise<string | undefined> {
    return this.call('GetPackageVersionReadme', `${this.packageLabel(version)}@${version.version}`, opts.signal, async (abortSignal) => {
      const out = await this.client.send(new GetPackageVersionReadmeCommand(this.versionInput(version)), { abortSignal });
      return out.readme || undefined;
    });
  }

  async getRepositoryEndpoint(repo: RepositoryRef, format: PackageFormat, opts: CallOptions = {}): Promise<string> {
    return this.call('GetRepositoryEndpoint', this.repoArn(repo), opts.signal, async (abortSignal) => {
      const out = await this.client.send(new GetRepositoryEndpointCommand(withoutEmpty({ domain: repo.domain, domainOwner: repo.domainOwner, repository: repo.repository, format })), { abortSignal });
      if (!out.repositoryEndpoint) throw new Error('GetRepositoryEndpoint returned no endpoint');
      return out.repositoryEndpoint;
    });
  }

  async getAuthorizationToken(domain: DomainRef, opts: CallOptions & { durationSeconds?: number } = {}): Promise<AuthorizationToken> {
    return this.call('GetAuthorizationToken', this.domainArn(domain.name, domain.owner), opts.signal, async (abortSignal) => {
      const out = await this.client.send(
        new GetAuthorizationTokenCommand(withoutEmpty({ domain: domain.name, domainOwner: domain.owner, durationSeconds: opts.durationSeconds })),
        { abortSignal },
      );
      if (!out.authorizationToken) throw new Error('GetAuthorizationToken returned no token');
      return { token: out.authorizationToken, ...(out.expiration ? { expiration: out.expiration } : {}) };
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
  return { items: [...own.items, ...extraItems], ...token(own.nextToken) };
}
