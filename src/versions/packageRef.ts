// The API's reference to the package a version lookup asks about (statuses, publish dates).
import type { PackageRef } from '../aws/codeArtifactApi';
import type { PackageQuery } from './versionSource';

export function packageRefOf(query: PackageQuery): PackageRef {
  const { target } = query;
  return {
    domain: target.domain,
    ...(target.owner ? { domainOwner: target.owner } : {}),
    repository: target.repository,
    format: target.format,
    ...(query.namespace ? { namespace: query.namespace } : {}),
    package: query.name,
  };
}
