// The control plane's writes and origin controls, beside the read-only CodeArtifactApi: package origin
// configuration, package groups (as far as the guard needs them; the governing group comes from
// packageGroupsApi.ts), repository setup and generic publishing.
// Same deadline, signal and error mapping as every read (SdkCodeArtifactApi.send). No vscode here.
import {
  AssociateExternalConnectionCommand,
  CreateRepositoryCommand,
  DescribePackageCommand,
  DescribePackageGroupCommand,
  DisassociateExternalConnectionCommand,
  ListAllowedRepositoriesForGroupCommand,
  PublishPackageVersionCommand,
  PutPackageOriginConfigurationCommand,
  UpdatePackageGroupOriginConfigurationCommand,
  UpdateRepositoryCommand,
  type PackageGroupDescription,
} from '@aws-sdk/client-codeartifact';
import type { Readable } from 'node:stream';
import { SdkCodeArtifactApi, type CallOptions, type CodeArtifactApi, type PackageRef, type RepositoryDetails, type RepositoryRef } from './codeArtifactApi';
import { CodeArtifactError, MalformedResponseError } from './errors';

export type Restriction = 'ALLOW' | 'BLOCK';
export interface PackageOriginRestrictions {
  publish: Restriction;
  upstream: Restriction;
}
export interface PackageDescription {
  format: string;
  namespace?: string;
  name: string;
  /** Undefined when the answer leaves it out (then CodeArtifact's rules for a new package apply). */
  restrictions?: Partial<PackageOriginRestrictions>;
}
/** ALLOW, BLOCK, ALLOW_SPECIFIC_REPOSITORIES or INHERIT (kept open for modes added later). */
export type GroupMode = string;
export interface GroupRestriction {
  mode?: GroupMode;
  /** The mode with INHERIT resolved by the service. */
  effectiveMode?: GroupMode;
  inheritedFrom?: string;
}
export interface PackageGroupSummary {
  pattern: string;
  /** The parent group's pattern (absent for the root group `/*`). */
  parent?: string;
  externalUpstream?: GroupRestriction;
}
/** The package group operations are not available (an older service or an emulator that refuses them). */
export function isUnsupportedOperation(err: unknown): boolean {
  return err instanceof CodeArtifactError && err.detail.kind === 'validation' && err.detail.reason === 'UNKNOWN_OPERATION';
}

export interface PackageGroupRef {
  domain: string;
  domainOwner?: string;
  pattern: string;
}

export interface CodeArtifactAdminApi {
  describePackage(pkg: PackageRef, opts?: CallOptions): Promise<PackageDescription>;
  putPackageOriginConfiguration(pkg: PackageRef, restrictions: PackageOriginRestrictions, opts?: CallOptions): Promise<PackageOriginRestrictions>;
  describePackageGroup(group: PackageGroupRef, opts?: CallOptions): Promise<PackageGroupSummary>;
  /** Every repository on a group's allowed list for one restriction (bounded by `maxPages`). */
  listAllowedRepositories(group: PackageGroupRef, restriction: 'EXTERNAL_UPSTREAM' | 'INTERNAL_UPSTREAM' | 'PUBLISH', opts?: CallOptions & { maxPages?: number }): Promise<string[]>;
  blockGroupExternalUpstream(group: PackageGroupRef, opts?: CallOptions): Promise<PackageGroupSummary>;
  createRepository(repo: RepositoryRef, init: { description?: string; upstreams?: string[] }, opts?: CallOptions): Promise<RepositoryDetails>;
  /** Replaces the upstream list (priority order). */
  setUpstreams(repo: RepositoryRef, upstreams: string[], opts?: CallOptions): Promise<RepositoryDetails>;
  associateExternalConnection(repo: RepositoryRef, connection: string, opts?: CallOptions): Promise<RepositoryDetails>;
  disassociateExternalConnection(repo: RepositoryRef, connection: string, opts?: CallOptions): Promise<RepositoryDetails>;
  publishGenericAsset(
    pkg: PackageRef & { version: string },
    asset: { name: string; sha256: string; body: Readable | Buffer },
    opts?: CallOptions & { unfinished?: boolean },
  ): Promise<{ status?: string; version?: string }>;
}

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
function restriction(v: unknown): Restriction | undefined {
  return v === 'ALLOW' || v === 'BLOCK' ? v : undefined;
}
function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
}
function repoInput(r: RepositoryRef) {
  return compact({ domain: r.domain, domainOwner: r.domainOwner, repository: r.repository });
}
function packageInput(p: PackageRef) {
  return compact({ ...repoInput(p), format: p.format, namespace: p.namespace, package: p.package });
}

function groupSummary(g: PackageGroupDescription | undefined): PackageGroupSummary {
  const pattern = text(g?.pattern);
  if (!pattern) throw new MalformedResponseError('mistyped', 'the package group has no pattern');
  const raw: unknown = g?.originConfiguration?.restrictions?.EXTERNAL_UPSTREAM;
  const external = isJson(raw)
    ? compact({ mode: text(raw['mode']), effectiveMode: text(raw['effectiveMode']), inheritedFrom: isJson(raw['inheritedFrom']) ? text(raw['inheritedFrom']['pattern']) : undefined })
    : undefined;
  const parent = text(g?.parent?.pattern);
  return { pattern, ...(parent ? { parent } : {}), ...(external ? { externalUpstream: external } : {}) };
}

function repositoryDetails(out: unknown, ref: RepositoryRef): RepositoryDetails {
  const r: Json = isJson(out) && isJson(out['repository']) ? out['repository'] : {};
  const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isJson) : []);
  return {
    name: text(r['name']) ?? ref.repository,
    domain: text(r['domainName']) ?? ref.domain,
    domainOwner: text(r['domainOwner']) ?? ref.domainOwner ?? '',
    ...compact({ arn: text(r['arn']), description: text(r['description']), administratorAccount: text(r['administratorAccount']) }),
    upstreams: list(r['upstreams']).flatMap((u) => text(u['repositoryName']) ?? []),
    externalConnections: list(r['externalConnections']).flatMap((c) => {
      const name = text(c['externalConnectionName']);
      return name ? [compact({ name, format: text(c['packageFormat']), status: text(c['status']) })] : [];
    }),
  };
}

class SdkAdminApi implements CodeArtifactAdminApi {
  constructor(private readonly base: SdkCodeArtifactApi) {}

  private label(p: { domain: string; repository?: string; format?: string; namespace?: string; package?: string }): string {
    return [p.domain, p.repository, p.format, p.namespace, p.package].filter(Boolean).join('/');
  }

  describePackage(pkg: PackageRef, opts: CallOptions = {}): Promise<PackageDescription> {
    return this.base.send('DescribePackage', this.label(pkg), opts.signal, async (client, abortSignal) => {
      const out = await client.send(new DescribePackageCommand(packageInput(pkg)), { abortSignal });
      const p: Json = isJson(out.package) ? (out.package) : {};
      const origin = isJson(p['originConfiguration']) && isJson(p['originConfiguration']['restrictions']) ? p['originConfiguration']['restrictions'] : undefined;
      return compact({
        format: text(p['format']) ?? pkg.format,
        namespace: text(p['namespace']),
        name: text(p['name']) ?? pkg.package,
        restrictions: origin ? compact({ publish: restriction(origin['publish']), upstream: restriction(origin['upstream']) }) : undefined,
      });
    });
  }

  putPackageOriginConfiguration(pkg: PackageRef, restrictions: PackageOriginRestrictions, opts: CallOptions = {}): Promise<PackageOriginRestrictions> {
    return this.base.send('PutPackageOriginConfiguration', this.label(pkg), opts.signal, async (client, abortSignal) => {
      const out = await client.send(new PutPackageOriginConfigurationCommand({ ...packageInput(pkg), restrictions }), { abortSignal });
      const r = out.originConfiguration?.restrictions;
      return { publish: restriction(r?.publish) ?? restrictions.publish, upstream: restriction(r?.upstream) ?? restrictions.upstream };
    });
  }

  describePackageGroup(group: PackageGroupRef, opts: CallOptions = {}): Promise<PackageGroupSummary> {
    return this.base.send('DescribePackageGroup', `${group.domain} package group ${group.pattern}`, opts.signal, async (client, abortSignal) => {
      const out = await client.send(new DescribePackageGroupCommand(compact({ domain: group.domain, domainOwner: group.domainOwner, packageGroup: group.pattern })), { abortSignal });
      return groupSummary(out.packageGroup);
    });
  }

  async listAllowedRepositories(group: PackageGroupRef, restrictionType: 'EXTERNAL_UPSTREAM' | 'INTERNAL_UPSTREAM' | 'PUBLISH', opts: CallOptions & { maxPages?: number } = {}): Promise<string[]> {
    const names: string[] = [];
    let nextToken: string | undefined;
    for (let page = 0; page < (opts.maxPages ?? 5); page++) {
      const out = await this.base.send('ListAllowedRepositoriesForGroup', `${group.domain} package group ${group.pattern}`, opts.signal, (client, abortSignal) =>
        client.send(
          new ListAllowedRepositoriesForGroupCommand(compact({ domain: group.domain, domainOwner: group.domainOwner, packageGroup: group.pattern, originRestrictionType: restrictionType, nextToken })),
          { abortSignal },
        ),
      );
      names.push(...(out.allowedRepositories ?? []).filter((n): n is string => typeof n === 'string'));
      nextToken = text(out.nextToken);
      if (!nextToken) break;
    }
    return names;
  }

  blockGroupExternalUpstream(group: PackageGroupRef, opts: CallOptions = {}): Promise<PackageGroupSummary> {
    return this.base.send('UpdatePackageGroupOriginConfiguration', `${group.domain} package group ${group.pattern}`, opts.signal, async (client, abortSignal) => {
      const out = await client.send(
        new UpdatePackageGroupOriginConfigurationCommand(compact({ domain: group.domain, domainOwner: group.domainOwner, packageGroup: group.pattern, restrictions: { EXTERNAL_UPSTREAM: 'BLOCK' as const } })),
        { abortSignal },
      );
      return groupSummary(out.packageGroup);
    });
  }

  createRepository(repo: RepositoryRef, init: { description?: string; upstreams?: string[] }, opts: CallOptions = {}): Promise<RepositoryDetails> {
    return this.base.send('CreateRepository', this.label(repo), opts.signal, async (client, abortSignal) => {
      const out = await client.send(
        new CreateRepositoryCommand({ ...repoInput(repo), ...compact({ description: init.description }), ...(init.upstreams?.length ? { upstreams: init.upstreams.map((repositoryName) => ({ repositoryName })) } : {}) }),
        { abortSignal },
      );
      return repositoryDetails(out, repo);
    });
  }

  setUpstreams(repo: RepositoryRef, upstreams: string[], opts: CallOptions = {}): Promise<RepositoryDetails> {
    return this.base.send('UpdateRepository', this.label(repo), opts.signal, async (client, abortSignal) => {
      const out = await client.send(new UpdateRepositoryCommand({ ...repoInput(repo), upstreams: upstreams.map((repositoryName) => ({ repositoryName })) }), { abortSignal });
      return repositoryDetails(out, repo);
    });
  }

  associateExternalConnection(repo: RepositoryRef, connection: string, opts: CallOptions = {}): Promise<RepositoryDetails> {
    return this.base.send('AssociateExternalConnection', this.label(repo), opts.signal, async (client, abortSignal) => {
      const out = await client.send(new AssociateExternalConnectionCommand({ ...repoInput(repo), externalConnection: connection }), { abortSignal });
      return repositoryDetails(out, repo);
    });
  }

  disassociateExternalConnection(repo: RepositoryRef, connection: string, opts: CallOptions = {}): Promise<RepositoryDetails> {
    return this.base.send('DisassociateExternalConnection', this.label(repo), opts.signal, async (client, abortSignal) => {
      const out = await client.send(new DisassociateExternalConnectionCommand({ ...repoInput(repo), externalConnection: connection }), { abortSignal });
      return repositoryDetails(out, repo);
    });
  }

  publishGenericAsset(
    pkg: PackageRef & { version: string },
    asset: { name: string; sha256: string; body: Readable | Buffer },
    opts: CallOptions & { unfinished?: boolean } = {},
  ): Promise<{ status?: string; version?: string }> {
    return this.base.send('PublishPackageVersion', `${this.label(pkg)}@${pkg.version}`, opts.signal, async (client, abortSignal) => {
      const out = await client.send(
        new PublishPackageVersionCommand({
          ...packageInput(pkg),
          packageVersion: pkg.version,
          assetName: asset.name,
          assetSHA256: asset.sha256,
          assetContent: asset.body,
          ...(opts.unfinished ? { unfinished: true } : {}),
        }),
        { abortSignal },
      );
      return compact({ status: text(out.status), version: text(out.version) });
    });
  }
}

/** The admin operations over the same SDK client as `api`; undefined for an API that is not the SDK's (test fakes). */
export function adminApiOf(api: CodeArtifactApi): CodeArtifactAdminApi | undefined {
  return api instanceof SdkCodeArtifactApi ? new SdkAdminApi(api) : undefined;
}
