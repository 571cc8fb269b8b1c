// The CodeArtifact calls that change packages: copy, status, dispose, delete, origin configuration. They run on a
// client of their own that never retries (maxAttempts 1): after a 5xx or a dropped connection the first attempt
// may have happened, and a second one would report it as a failure (ALREADY_EXISTS, MISMATCHED_STATUS) or act
// twice. Throttling is the one safe retry (the service refused the call) and is done by the caller (batches.ts).
import {
  CopyPackageVersionsCommand,
  DeletePackageCommand,
  DeletePackageVersionsCommand,
  DescribePackageCommand,
  DisposePackageVersionsCommand,
  PutPackageOriginConfigurationCommand,
  UpdatePackageVersionsStatusCommand,
  type CodeartifactClient,
  type PackageVersionStatus,
} from '@aws-sdk/client-codeartifact';
import type { CallOptions, PackageRef } from './codeArtifactApi';
import { MalformedResponseError } from './errors';

/** The API's limit on versions per call (botocore: PackageVersionList max 100). */
export const MAX_VERSIONS_PER_CALL = 100;

export type TargetStatus = 'Published' | 'Unlisted' | 'Archived';
export type OriginSetting = 'ALLOW' | 'BLOCK';

export interface OriginRestrictions {
  publish?: OriginSetting;
  upstream?: OriginSetting;
}

/** One call's per-version answer: `successfulVersions` and `failedVersions`. */
export interface VersionOutcome {
  successful: Record<string, { revision?: string; status?: string }>;
  failed: Record<string, { errorCode: string; errorMessage?: string }>;
}

export interface CopyRequest {
  source: PackageRef;
  destinationRepository: string;
  versions: string[];
  allowOverwrite?: boolean;
  includeFromUpstream?: boolean;
}

export interface PackageWrites {
  copyPackageVersions(req: CopyRequest, opts?: CallOptions): Promise<VersionOutcome>;
  updatePackageVersionsStatus(pkg: PackageRef, versions: string[], targetStatus: TargetStatus, expectedStatus?: PackageVersionStatus, opts?: CallOptions): Promise<VersionOutcome>;
  disposePackageVersions(pkg: PackageRef, versions: string[], expectedStatus?: PackageVersionStatus, opts?: CallOptions): Promise<VersionOutcome>;
  deletePackageVersions(pkg: PackageRef, versions: string[], expectedStatus?: PackageVersionStatus, opts?: CallOptions): Promise<VersionOutcome>;
  deletePackage(pkg: PackageRef, opts?: CallOptions): Promise<void>;
  describePackage(pkg: PackageRef, opts?: CallOptions): Promise<OriginRestrictions>;
  putPackageOriginConfiguration(pkg: PackageRef, restrictions: Required<OriginRestrictions>, opts?: CallOptions): Promise<OriginRestrictions>;
}

/** How SdkCodeArtifactApi runs one call: deadline, signal, errors mapped with the action and resource. */
export type CallRunner = <T>(operation: string, resource: string | undefined, signal: AbortSignal | undefined, run: (abortSignal: AbortSignal) => Promise<T>) => Promise<T>;

type Json = Record<string, unknown>;
const isJson = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the two maps defensively: entries of the wrong shape are left out, a map of the wrong type is unusable. */
export function readOutcome(out: unknown): VersionOutcome {
  const successful: VersionOutcome['successful'] = {};
  const failed: VersionOutcome['failed'] = {};
  const o = isJson(out) ? out : {};
  for (const [key, target] of [
    ['successfulVersions', successful],
    ['failedVersions', failed],
  ] as const) {
    const raw = o[key];
    if (raw === undefined || raw === null) continue;
    if (!isJson(raw)) throw new MalformedResponseError('mistyped', `"${key}" is not a map`);
    for (const [version, v] of Object.entries(raw)) {
      if (!isJson(v)) continue;
      if (target === failed) {
        failed[version] = { errorCode: typeof v['errorCode'] === 'string' ? v['errorCode'] : 'UNKNOWN', ...(typeof v['errorMessage'] === 'string' ? { errorMessage: v['errorMessage'] } : {}) };
      } else {
        successful[version] = { ...(typeof v['revision'] === 'string' ? { revision: v['revision'] } : {}), ...(typeof v['status'] === 'string' ? { status: v['status'] } : {}) };
      }
    }
  }
  return { successful, failed };
}

function readRestrictions(v: unknown): OriginRestrictions {
  const r = isJson(v) && isJson(v['restrictions']) ? v['restrictions'] : {};
  const setting = (x: unknown): OriginSetting | undefined => (x === 'ALLOW' || x === 'BLOCK' ? x : undefined);
  const publish = setting(r['publish']);
  const upstream = setting(r['upstream']);
  return { ...(publish ? { publish } : {}), ...(upstream ? { upstream } : {}) };
}

function checkBatch(versions: readonly string[]): void {
  if (versions.length === 0 || versions.length > MAX_VERSIONS_PER_CALL) throw new RangeError(`A call takes 1 to ${MAX_VERSIONS_PER_CALL} versions, not ${versions.length}.`);
}

export class SdkPackageWrites implements PackageWrites {
  constructor(
    private readonly client: CodeartifactClient,
    private readonly call: CallRunner,
    private readonly label: (pkg: PackageRef) => string,
  ) {}

  private input(pkg: PackageRef) {
    return { domain: pkg.domain, ...(pkg.domainOwner ? { domainOwner: pkg.domainOwner } : {}), repository: pkg.repository, format: pkg.format, ...(pkg.namespace ? { namespace: pkg.namespace } : {}), package: pkg.package };
  }

  copyPackageVersions(req: CopyRequest, opts: CallOptions = {}): Promise<VersionOutcome> {
    checkBatch(req.versions);
    const { repository, ...rest } = this.input(req.source);
    return this.call('CopyPackageVersions', `${this.label(req.source)} → ${req.destinationRepository}`, opts.signal, async (abortSignal) => {
      const out = await this.client.send(
        new CopyPackageVersionsCommand({
          ...rest,
          sourceRepository: repository,
          destinationRepository: req.destinationRepository,
          versions: req.versions,
          allowOverwrite: req.allowOverwrite === true,
          includeFromUpstream: req.includeFromUpstream === true,
        }),
        { abortSignal },
      );
      return readOutcome(out);
    });
  }

  updatePackageVersionsStatus(pkg: PackageRef, versions: string[], targetStatus: TargetStatus, expectedStatus?: PackageVersionStatus, opts: CallOptions = {}): Promise<VersionOutcome> {
    checkBatch(versions);
    return this.call('UpdatePackageVersionsStatus', this.label(pkg), opts.signal, async (abortSignal) =>
      readOutcome(await this.client.send(new UpdatePackageVersionsStatusCommand({ ...this.input(pkg), versions, targetStatus, ...(expectedStatus ? { expectedStatus } : {}) }), { abortSignal })),
    );
  }

  disposePackageVersions(pkg: PackageRef, versions: string[], expectedStatus?: PackageVersionStatus, opts: CallOptions = {}): Promise<VersionOutcome> {
    checkBatch(versions);
    return this.call('DisposePackageVersions', this.label(pkg), opts.signal, async (abortSignal) =>
      readOutcome(await this.client.send(new DisposePackageVersionsCommand({ ...this.input(pkg), versions, ...(expectedStatus ? { expectedStatus } : {}) }), { abortSignal })),
    );
  }

  deletePackageVersions(pkg: PackageRef, versions: string[], expectedStatus?: PackageVersionStatus, opts: CallOptions = {}): Promise<VersionOutcome> {
    checkBatch(versions);
    return this.call('DeletePackageVersions', this.label(pkg), opts.signal, async (abortSignal) =>
      readOutcome(await this.client.send(new DeletePackageVersionsCommand({ ...this.input(pkg), versions, ...(expectedStatus ? { expectedStatus } : {}) }), { abortSignal })),
    );
  }

  async deletePackage(pkg: PackageRef, opts: CallOptions = {}): Promise<void> {
    await this.call('DeletePackage', this.label(pkg), opts.signal, (abortSignal) => this.client.send(new DeletePackageCommand(this.input(pkg)), { abortSignal }));
  }

  describePackage(pkg: PackageRef, opts: CallOptions = {}): Promise<OriginRestrictions> {
    return this.call('DescribePackage', this.label(pkg), opts.signal, async (abortSignal) => {
      const out = await this.client.send(new DescribePackageCommand(this.input(pkg)), { abortSignal });
      return readRestrictions(isJson(out.package) ? out.package['originConfiguration'] : undefined);
    });
  }

  putPackageOriginConfiguration(pkg: PackageRef, restrictions: Required<OriginRestrictions>, opts: CallOptions = {}): Promise<OriginRestrictions> {
    return this.call('PutPackageOriginConfiguration', this.label(pkg), opts.signal, async (abortSignal) => {
      const out = await this.client.send(new PutPackageOriginConfigurationCommand({ ...this.input(pkg), restrictions }), { abortSignal });
      return readRestrictions(out.originConfiguration);
    });
  }
}
