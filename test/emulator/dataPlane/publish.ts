// What every publish path (npm PUT, twine upload, Maven PUT) shares: origin controls.
import { authorizeDataPlane, packageArn } from '../authorization';
import { normalizePackageName, type Format, type Package } from '../model';
import { associatedGroup, groupAllows } from '../packageGroups';
import { HttpError } from './http';
import type { RepoRequest } from './router';

/**
 * Throws 403 when the token's identity may not publish this package (PublishPackageVersion, and for npm
 * PutPackageMetadata too) or its origin controls block publishing to this repository.
 */
export function assertPublishAllowed(r: RepoRequest, format: Format, namespace: string | undefined, name: string, display: string): void {
  const actions = format === 'npm' ? ['codeartifact:PublishPackageVersion', 'codeartifact:PutPackageMetadata'] : ['codeartifact:PublishPackageVersion'];
  const arn = packageArn(r.domain.region, r.domain.owner, r.domain.name, r.repo.name, format, namespace, normalizePackageName(format, name));
  const denied = authorizeDataPlane(r.ctx.store, r.token, r.domain, r.repo, actions, arn);
  if (denied !== undefined) {
    r.ctx.count(`${format}:accessDenied`);
    throw new HttpError(403, denied);
  }
  const existing = r.ctx.store.getPackage(r.repo, format, namespace, name);
  if (existing?.originConfiguration.restrictions.publish === 'BLOCK') {
    throw new HttpError(403, `Publishing ${display} to repository ${r.repo.name} is blocked by its package origin controls.`);
  }
  if (!groupAllows(r.domain, 'PUBLISH', r.repo.name, format, namespace, name)) {
    const group = associatedGroup(r.domain, format, namespace, name).group.pattern;
    throw new HttpError(403, `Publishing ${display} to repository ${r.repo.name} is blocked by the origin controls of its package group ${group}.`);
  }
}

/** Throws 403 when the token's identity may not change the package's metadata (npm dist-tags: PutPackageMetadata). */
export function assertMetadataAllowed(r: RepoRequest, format: Format, namespace: string | undefined, name: string): void {
  const arn = packageArn(r.domain.region, r.domain.owner, r.domain.name, r.repo.name, format, namespace, name);
  const denied = authorizeDataPlane(r.ctx.store, r.token, r.domain, r.repo, ['codeartifact:PutPackageMetadata'], arn);
  if (denied !== undefined) {
    r.ctx.count(`${format}:accessDenied`);
    throw new HttpError(403, denied);
  }
}

/**
 * The package to publish into. As in CodeArtifact, a package whose first version is published directly gets
 * origin controls publish ALLOW, upstream BLOCK, so a same-named public package cannot slip in later.
 */
export function packageForPublish(r: RepoRequest, format: Format, namespace: string | undefined, name: string): Package {
  return r.ctx.store.getOrCreatePackage(r.repo, format, namespace, name, 'published');
}
