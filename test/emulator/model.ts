// The emulator's state: domains, repositories, packages, versions, external connections and tokens.
// Both the control plane (controlPlane.ts) and the data plane (dataPlane/*.ts) read and write it through
// this class, so upstream resolution and retention behave the same whichever way a client asks.
import { randomBytes } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import type { Identity } from './iam';
import { restrictionsFor, type FirstEntry } from './originDefaults';
import { groupAllows, rootGroup, type PackageGroup } from './packageGroups';

export const FORMATS = ['npm', 'pypi', 'maven', 'nuget', 'generic', 'ruby', 'swift', 'cargo'] as const;
export type Format = (typeof FORMATS)[number];

export const VERSION_STATUSES = ['Published', 'Unfinished', 'Unlisted', 'Archived', 'Disposed', 'Deleted'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

export const EXTERNAL_CONNECTIONS: Record<string, Format> = {
  'public:npmjs': 'npm',
  'public:pypi': 'pypi',
  'public:maven-central': 'maven',
  'public:maven-googleandroid': 'maven',
  'public:maven-gradleplugins': 'maven',
  'public:maven-commonsware': 'maven',
  'public:maven-clojars': 'maven',
  'public:nuget-org': 'nuget',
  'public:ruby-gems-org': 'ruby',
  'public:crates-io': 'cargo',
};

export interface Origin {
  originType: 'INTERNAL' | 'EXTERNAL' | 'UNKNOWN';
  domainEntryPoint: { repositoryName?: string; externalConnectionName?: string };
}

export interface PackageVersion {
  version: string;
  status: VersionStatus;
  /** Epoch seconds. */
  publishedTime: number;
  revision: string;
  summary?: string;
  homePage?: string;
  sourceCodeRepository?: string;
  licenses: { name: string; url?: string }[];
  /** npm: dependencies of package.json; pypi: Requires-Dist; maven: groupId:artifactId → version. */
  dependencies: Record<string, string>;
  readme?: string;
  /** npm `deprecated` message, when the version is deprecated. */
  deprecated?: string;
  /** PyPI (PEP 592): every file of the version is yanked; the reason, '' when none is given. Still listed. */
  yanked?: string;
  /** PyPI: `Requires-Python` of its files (`data-requires-python`, `requires-python`). */
  requiresPython?: string;
  origin: Origin;
  /**
   * Asset name → bytes. Empty until a data-plane upload stores real bytes or the data plane synthesizes
   * them on first request (then they are kept, so hashes stay stable).
   */
  assets: Map<string, Buffer>;
}

export interface Package {
  format: Format;
  /** npm scope without `@`, Maven groupId; undefined for unscoped npm and for PyPI. */
  namespace?: string;
  /** As the API reports it: PyPI names are PEP 503-normalized. */
  name: string;
  /** PyPI: the name as published (display form). */
  displayName?: string;
  distTags: Record<string, string>;
  versions: Map<string, PackageVersion>;
  originConfiguration: { restrictions: { publish: 'ALLOW' | 'BLOCK'; upstream: 'ALLOW' | 'BLOCK' } };
}

export interface Repository {
  name: string;
  description?: string;
  /** Priority order. */
  upstreams: string[];
  externalConnection?: string;
  createdTime: number;
  packages: Map<string, Package>;
  /** The PyPI simple index answers PEP 503 HTML only (as older CodeArtifact pages and many proxies do), never JSON. */
  pypiHtmlOnly?: boolean;
}

export interface Domain {
  name: string;
  owner: string;
  region: string;
  createdTime: number;
  encryptionKey: string;
  repositories: Map<string, Repository>;
  /** Pattern → package group; the root group `/*` always exists (packageGroups.ts has the rules). */
  packageGroups: Map<string, PackageGroup>;
}

export interface ExternalSource {
  name: string;
  format: Format;
  packages: Map<string, Package>;
  /** Maven only: directories in Maven repository layout that back this connection (e.g. ~/.m2/repository). */
  mavenDirs: string[];
}

export interface IssuedToken {
  domain: string;
  owner: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** The access key that asked for it: the data plane judges that identity's permissions. */
  accessKeyId?: string;
}

/** PEP 503: lowercase, runs of `.`, `-`, `_` become one `-`. */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** The name CodeArtifact stores: PEP 503 for PyPI, lowercase for NuGet (its name-normalization page); others as given. */
export function normalizePackageName(format: Format, name: string): string {
  if (format === 'pypi') return normalizePypiName(name);
  if (format === 'nuget' || format === 'swift') return name.toLowerCase();
  return name;
}

/** Swift scopes are stored lowercase too (the user guide's Swift normalization page). */
export function normalizeNamespace(format: Format, namespace: string | undefined): string | undefined {
  return format === 'swift' ? namespace?.toLowerCase() : namespace;
}

/** The name as published, kept as displayName where the stored name is normalized. */
export function displayNameFor(format: Format, name: string): string | undefined {
  return format === 'pypi' || format === 'nuget' || format === 'swift' ? name : undefined;
}

export function packageKey(format: Format, namespace: string | undefined, name: string): string {
  const n = normalizePackageName(format, name);
  return `${format}\u0000${normalizeNamespace(format, namespace) ?? ''}\u0000${n}`;
}

export function domainKey(owner: string, name: string): string {
  return `${owner}/${name}`;
}

/** A version as seen through a repository: where it was found and the version record itself. */
export interface ResolvedVersion {
  version: PackageVersion;
  /** The repository (in this domain) that holds it, or undefined when it comes from the external connection. */
  repositoryName?: string;
  /** The external connection it comes from, when not held by any repository on the path. */
  externalConnectionName?: string;
  /** Repositories from the requested one down to where it was found (for retention). */
  path: string[];
}

export interface ResolvedPackage {
  format: Format;
  namespace?: string;
  name: string;
  displayName?: string;
  /** dist-tags: the requested repository's own win over upstream ones. */
  distTags: Record<string, string>;
  versions: Map<string, ResolvedVersion>;
}

export function domainArn(domain: Domain): string {
  return `arn:aws:codeartifact:${domain.region}:${domain.owner}:domain/${domain.name}`;
}

export function repositoryArn(domain: Domain, repo: Repository): string {
  return `arn:aws:codeartifact:${domain.region}:${domain.owner}:repository/${domain.name}/${repo.name}`;
}

/** A resource policy as GetRepositoryPermissionsPolicy / GetDomainPermissionsPolicy return it. */
export interface ResourcePolicy {
  document: string;
  revision: string;
}

export class Store {
  readonly domains = new Map<string, Domain>();
  readonly external = new Map<string, ExternalSource>();
  readonly tokens = new Map<string, IssuedToken>();
  /** Access key id → account id; unknown keys act as `defaultAccount`. */
  readonly accounts = new Map<string, string>();
  /**
   * Access key id of temporary credentials → when they expire (epoch ms), the one record of it: GetAuthorizationToken's
   * duration 0 ends there, and where IAM is enforced the key is refused after it (ExpiredTokenException).
   */
  readonly sessionExpiry = new Map<string, number>();
  defaultAccount = '111122223333';
  /** Access key id → identity (ARN, policies, session). */
  readonly identities = new Map<string, Identity>();
  /** The seed declared identities: unknown keys are refused and policies are evaluated (authorization.ts). */
  iamEnforced = false;
  /** Resource ARN → tag key → value (domains and repositories). */
  readonly tags = new Map<string, Map<string, string>>();
  /** Resource ARN → permissions policy; absent means "none set" (the API answers 404). */
  readonly policies = new Map<string, ResourcePolicy>();

  constructor(readonly now: () => number = Date.now) {}

  accountFor(accessKeyId: string | undefined): string {
    return (accessKeyId !== undefined ? this.accounts.get(accessKeyId) : undefined) ?? this.defaultAccount;
  }

  addDomain(init: { name: string; owner: string; region: string; createdTime?: number; encryptionKey?: string }): Domain {
    const createdTime = init.createdTime ?? this.now() / 1000;
    const domain: Domain = {
      name: init.name,
      owner: init.owner,
      region: init.region,
      createdTime,
      encryptionKey: init.encryptionKey ?? `arn:aws:kms:${init.region}:${init.owner}:key/${init.name}-emulated-key`,
      repositories: new Map(),
      packageGroups: new Map([['/*', rootGroup(createdTime)]]),
    };
    this.domains.set(domainKey(domain.owner, domain.name), domain);
    return domain;
  }

  addRepository(
    domain: Domain,
    init: { name: string; description?: string; upstreams?: string[]; externalConnection?: string; createdTime?: number; pypiHtmlOnly?: boolean },
  ): Repository {
    const repo: Repository = {
      name: init.name,
      description: init.description,
      upstreams: init.upstreams ?? [],
      externalConnection: init.externalConnection,
      createdTime: init.createdTime ?? this.now() / 1000,
      packages: new Map(),
      ...(init.pypiHtmlOnly ? { pypiHtmlOnly: true } : {}),
    };
    domain.repositories.set(repo.name, repo);
    if (repo.externalConnection) this.getOrCreateExternal(repo.externalConnection);
    return repo;
  }

  /** The external source behind a connection name, created empty on first use. */
  getOrCreateExternal(connection: string): ExternalSource {
    let source = this.external.get(connection);
    if (!source) {
      const format = EXTERNAL_CONNECTIONS[connection];
      if (!format) throw new Error(`unknown external connection ${connection}`);
      source = { name: connection, format, packages: new Map(), mavenDirs: [] };
      this.external.set(connection, source);
    }
    return source;
  }

  /** domain-owner defaults to the caller's account, as in CodeArtifact. */
  getDomain(name: string, owner: string): Domain | undefined {
    return this.domains.get(domainKey(owner, name));
  }

  getPackage(repo: Repository, format: Format, namespace: string | undefined, name: string): Package | undefined {
    return repo.packages.get(packageKey(format, namespace, name));
  }

  /** `entry`: how its first version arrives, which sets a new record's origin controls (originDefaults.ts). */
  getOrCreatePackage(repo: Repository, format: Format, namespace: string | undefined, name: string, entry: FirstEntry): Package {
    const key = packageKey(format, namespace, name);
    let pkg = repo.packages.get(key);
    if (!pkg) {
      pkg = {
        format,
        namespace: normalizeNamespace(format, namespace),
        name: normalizePackageName(format, name),
        displayName: displayNameFor(format, name),
        distTags: {},
        versions: new Map(),
        originConfiguration: { restrictions: restrictionsFor(entry) },
      };
      repo.packages.set(key, pkg);
    }
    return pkg;
  }

  /**
   * What a package manager sees through `repo`: its own versions, then each upstream's (priority order,
   * recursively, each repository visited once), then the external connection of any repository on the way.
   * The first holder of a version wins. Disposed and Deleted versions are not installable and are left out;
   * the caller filters further by status where it must.
   */
  resolvePackage(domain: Domain, repoName: string, format: Format, namespace: string | undefined, name: string): ResolvedPackage | undefined {
    const key = packageKey(format, namespace, name);
    const result: ResolvedPackage = { format, namespace, name: normalizePackageName(format, name), distTags: {}, versions: new Map() };
    let found = false;
    const visited = new Set<string>();
    const externals: { connection: string; path: string[] }[] = [];

    const visit = (name: string, path: string[]): void => {
      if (visited.has(name)) return;
      visited.add(name);
      const repo = domain.repositories.get(name);
      if (!repo) return;
      const here = [...path, name];
      const pkg = repo.packages.get(key);
      if (pkg) {
        found = true;
        result.displayName ??= pkg.displayName;
        for (const [tag, v] of Object.entries(pkg.distTags)) result.distTags[tag] ??= v;
        for (const v of pkg.versions.values()) {
          if (v.status === 'Disposed' || v.status === 'Deleted') continue;
          if (!result.versions.has(v.version)) result.versions.set(v.version, { version: v, repositoryName: name, path: here });
        }
      }
      // Origin controls: the package's own record in this repository, then its package group's restrictions.
      const upstreamBlocked = pkg?.originConfiguration.restrictions.upstream === 'BLOCK';
      if (upstreamBlocked) return;
      if (groupAllows(domain, 'INTERNAL_UPSTREAM', name, format, namespace, result.name)) for (const up of repo.upstreams) visit(up, here);
      if (repo.externalConnection && groupAllows(domain, 'EXTERNAL_UPSTREAM', name, format, namespace, result.name)) externals.push({ connection: repo.externalConnection, path: here });
    };
    visit(repoName, []);

    for (const { connection, path } of externals) {
      const source = this.external.get(connection);
      const pkg = source?.packages.get(key);
      if (!pkg) continue;
      found = true;
      result.displayName ??= pkg.displayName;
      for (const [tag, v] of Object.entries(pkg.distTags)) result.distTags[tag] ??= v;
      for (const v of pkg.versions.values()) {
        if (!result.versions.has(v.version)) result.versions.set(v.version, { version: v, externalConnectionName: connection, path });
      }
    }
    return found ? result : undefined;
  }

  /**
   * After a client fetched a version's asset through `path[0]`, CodeArtifact keeps a copy in every repository
   * on the way (the requested one, the intermediate upstreams and the one holding the external connection),
   * with the origin of where it entered the domain. Returns the copy in the requested repository.
   */
  retain(domain: Domain, resolved: ResolvedPackage, rv: ResolvedVersion): PackageVersion {
    let first: PackageVersion | undefined;
    for (const repoName of rv.path) {
      const repo = domain.repositories.get(repoName);
      if (!repo) continue;
      const pkg = this.getOrCreatePackage(repo, resolved.format, resolved.namespace, resolved.displayName ?? resolved.name, 'upstream');
      let copy = pkg.versions.get(rv.version.version);
      if (!copy) {
        copy = {
          ...rv.version,
          status: 'Published',
          origin: rv.externalConnectionName
            ? { originType: 'EXTERNAL', domainEntryPoint: { externalConnectionName: rv.externalConnectionName } }
            : rv.version.origin,
          // Share the bytes so every copy has the same hashes.
          assets: rv.version.assets,
        };
        pkg.versions.set(copy.version, copy);
        if (rv.externalConnectionName) {
          for (const [tag, v] of Object.entries(resolved.distTags)) if (v === copy.version) pkg.distTags[tag] ??= v;
        }
      }
      first ??= copy;
    }
    return first ?? rv.version;
  }

  issueToken(domain: Domain, durationSeconds: number, accessKeyId?: string): { token: string; expiration: number } {
    // URL-safe characters only: pip carries the token in URL userinfo.
    const token = `cae.${randomBytes(24).toString('base64url').replace(/_/g, '.')}`;
    const seconds = durationSeconds === 0 ? 3600 : durationSeconds;
    const expiresAt = this.now() + seconds * 1000;
    this.tokens.set(token, { domain: domain.name, owner: domain.owner, expiresAt, ...(accessKeyId !== undefined ? { accessKeyId } : {}) });
    // The test runner's secret-hygiene scan needs every token any emulator issued during the suite.
    const ledger = process.env.CODEARTIFACT_TOKEN_LEDGER;
    if (ledger) appendFileSync(ledger, `${token}\n`, { mode: 0o600 });
    return { token, expiration: expiresAt / 1000 };
  }

  checkToken(token: string | undefined, domain: Domain): 'ok' | 'missing' | 'expired' | 'invalid' {
    if (!token) return 'missing';
    const issued = this.tokens.get(token);
    if (!issued || issued.domain !== domain.name || issued.owner !== domain.owner) return 'invalid';
    return issued.expiresAt <= this.now() ? 'expired' : 'ok';
  }

  /** Expire every token now (tests: "the token died mid-session"). */
  expireAllTokens(): void {
    for (const t of this.tokens.values()) t.expiresAt = Math.min(t.expiresAt, this.now() - 1);
  }
}

export function newRevision(): string {
  return randomBytes(20).toString('base64url').slice(0, 28);
}
