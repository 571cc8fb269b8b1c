// The guard's writes, without UI: block the upstream of one package (its publish restriction kept as the
// service has it right now) or the external upstream of its package group. No vscode here.
import type { CodeArtifactAdminApi, PackageGroupSummary, PackageOriginRestrictions } from '../aws/adminApi';
import type { GuardQuery } from './confusionCheck';

/**
 * PutPackageOriginConfiguration replaces both restrictions: the publish one is read just before (DescribePackage)
 * so that a change someone made since the check is kept.
 */
export async function blockPackageUpstream(admin: CodeArtifactAdminApi, q: GuardQuery, signal?: AbortSignal): Promise<PackageOriginRestrictions> {
  const ref = {
    domain: q.target.domain,
    ...(q.target.owner ? { domainOwner: q.target.owner } : {}),
    repository: q.target.repository,
    format: q.target.format,
    ...(q.namespace ? { namespace: q.namespace } : {}),
    package: q.name,
  };
  const opts = signal ? { signal } : {};
  const current = await admin.describePackage(ref, opts);
  return admin.putPackageOriginConfiguration(ref, { publish: current.restrictions?.publish ?? 'ALLOW', upstream: 'BLOCK' }, opts);
}

export function blockGroupUpstream(admin: CodeArtifactAdminApi, q: GuardQuery, pattern: string, signal?: AbortSignal): Promise<PackageGroupSummary> {
  return admin.blockGroupExternalUpstream({ domain: q.target.domain, ...(q.target.owner ? { domainOwner: q.target.owner } : {}), pattern }, signal ? { signal } : {});
}
