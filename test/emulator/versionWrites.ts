// The per-version part of CopyPackageVersions and UpdatePackageVersionsStatus / DisposePackageVersions, as the
// AWS User Guide describes it. Both are all-or-nothing today: "If some versions exist in the source repository
// and some do not, all versions will fail to copy … The SKIPPED error code is used to indicate that the version
// was not copied … because another version was not able to be copied" (copy-package.md), and "if one or more
// versions cannot have their status changed, all other versions will be skipped" (packages-status.md).
import type { Origin, Package, PackageVersion, Repository, Store, VersionStatus } from './model';
import { entryOfCopy } from './originDefaults';

export type VersionErrorCode = 'ALREADY_EXISTS' | 'MISMATCHED_REVISION' | 'MISMATCHED_STATUS' | 'NOT_ALLOWED' | 'NOT_FOUND' | 'SKIPPED';
export interface VersionFailure {
  errorCode: VersionErrorCode;
  errorMessage: string;
}
export interface VersionBatchResult {
  successfulVersions: Record<string, { revision: string; status: string }>;
  failedVersions: Record<string, VersionFailure>;
}

/** One version's outcome when checked: a failure, a write to do (returning what to report), or nothing to do. */
type Planned = { failure: VersionFailure } | { apply: () => { revision: string; status: string } } | { unchanged: true };

/** Checks every version first; any failure means no write at all and SKIPPED for the versions that were fine. */
function allOrNothing(versions: readonly string[], check: (version: string) => Planned): VersionBatchResult {
  const plans = versions.map((version) => [version, check(version)] as const);
  const failedVersions: Record<string, VersionFailure> = {};
  for (const [version, plan] of plans) if ('failure' in plan) failedVersions[version] = plan.failure;
  const successfulVersions: VersionBatchResult['successfulVersions'] = {};
  if (Object.keys(failedVersions).length > 0) {
    for (const [version, plan] of plans) if (!('failure' in plan)) failedVersions[version] = { errorCode: 'SKIPPED', errorMessage: `Version ${version} was skipped` };
    return { successfulVersions, failedVersions };
  }
  for (const [version, plan] of plans) if ('apply' in plan) successfulVersions[version] = plan.apply();
  return { successfulVersions, failedVersions };
}

export interface CopyRequest {
  store: Store;
  source: Repository;
  destination: Repository;
  format: Package['format'];
  namespace: string | undefined;
  /** The destination record's name (display form for PyPI). */
  targetName: string;
  versions: readonly string[];
  revisions: Record<string, string> | undefined;
  allowOverwrite: boolean;
  /** The version the source offers: its own, or with includeFromUpstream one it sees through an upstream. */
  lookup: (version: string) => PackageVersion | undefined;
}

function copyOf(v: PackageVersion): PackageVersion {
  const origin: Origin = { ...v.origin, domainEntryPoint: { ...v.origin.domainEntryPoint } };
  // Same revision and the same bytes (shared, as with retained copies): the copy is the same package version.
  return { ...v, licenses: v.licenses.map((l) => ({ ...l })), dependencies: { ...v.dependencies }, origin };
}

export function copyVersions(req: CopyRequest): VersionBatchResult {
  const { store, source, destination } = req;
  const existing = store.getPackage(destination, req.format, req.namespace, req.targetName);
  return allOrNothing(req.versions, (version) => {
    const v = req.lookup(version);
    if (!v) return { failure: { errorCode: 'NOT_FOUND', errorMessage: `Could not find version ${version} in repository '${source.name}'.` } };
    const rev = req.revisions?.[version];
    if (rev !== undefined && rev !== v.revision) return { failure: { errorCode: 'MISMATCHED_REVISION', errorMessage: `current revision: ${v.revision}, expected revision: ${rev}` } };
    if (v.status === 'Disposed' || v.status === 'Deleted') return { failure: { errorCode: 'NOT_ALLOWED', errorMessage: `Version ${version} is ${v.status}; it has no assets to copy.` } };
    const there = existing?.versions.get(version);
    // Identical in both repositories: no copy, yet a success that the reply does not list (copies are idempotent).
    if (there && there.revision === v.revision) return { unchanged: true };
    if (there && !req.allowOverwrite) return { failure: { errorCode: 'ALREADY_EXISTS', errorMessage: `Version ${version} already exists in repository '${destination.name}' with other contents.` } };
    return {
      apply: () => {
        const target = store.getOrCreatePackage(destination, req.format, req.namespace, req.targetName, entryOfCopy(v.origin));
        target.versions.set(version, copyOf(v));
        return { revision: v.revision, status: v.status };
      },
    };
  });
}

export interface StatusRequest {
  op: 'UpdatePackageVersionsStatus' | 'DeletePackageVersions' | 'DisposePackageVersions';
  pkg: Package;
  versions: readonly string[];
  expectedStatus: string | undefined;
  revisions: Record<string, string>;
  target: VersionStatus;
}

function statusCheck(req: StatusRequest, version: string): { failure: VersionFailure } | { v: PackageVersion } {
  const v = req.pkg.versions.get(version);
  if (!v) return { failure: { errorCode: 'NOT_FOUND', errorMessage: `Version ${version} does not exist.` } };
  if (req.expectedStatus !== undefined && v.status !== req.expectedStatus) return { failure: { errorCode: 'MISMATCHED_STATUS', errorMessage: `current status: ${v.status}, expected status: ${req.expectedStatus}` } };
  const rev = req.revisions[version];
  if (rev !== undefined && rev !== v.revision) return { failure: { errorCode: 'MISMATCHED_REVISION', errorMessage: `current revision: ${v.revision}, expected revision: ${rev}` } };
  // An Unfinished version (generic, Maven) may be finished here, as with `--target-status Published`.
  if (req.op === 'UpdatePackageVersionsStatus' && (v.status === 'Disposed' || v.status === 'Deleted')) return { failure: { errorCode: 'NOT_ALLOWED', errorMessage: `Version ${version} is ${v.status}; its status cannot be changed.` } };
  return { v };
}

function write(req: StatusRequest, version: string, v: PackageVersion): { revision: string; status: string } {
  if (req.op === 'DeletePackageVersions') {
    req.pkg.versions.delete(version);
    for (const [tag, tv] of Object.entries(req.pkg.distTags)) if (tv === version) delete req.pkg.distTags[tag];
  } else {
    v.status = req.target;
    // A fresh map: retained copies in other repositories share the old one and keep their bytes.
    if (req.target === 'Disposed') v.assets = new Map();
  }
  return { revision: v.revision, status: req.target };
}

/**
 * UpdatePackageVersionsStatus and DisposePackageVersions ("similar to update-package-versions-status") are
 * all-or-nothing. DeletePackageVersions is documented per version only, so it keeps going past a failure.
 */
export function changeVersions(req: StatusRequest): VersionBatchResult {
  if (req.op !== 'DeletePackageVersions') {
    return allOrNothing(req.versions, (version) => {
      const c = statusCheck(req, version);
      return 'failure' in c ? c : { apply: () => write(req, version, c.v) };
    });
  }
  const result: VersionBatchResult = { successfulVersions: {}, failedVersions: {} };
  for (const version of req.versions) {
    const c = statusCheck(req, version);
    if ('failure' in c) result.failedVersions[version] = c.failure;
    else result.successfulVersions[version] = write(req, version, c.v);
  }
  return result;
}
