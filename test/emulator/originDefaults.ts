// The origin controls CodeArtifact gives a package record when it is created. AWS User Guide, "Editing package
// origin controls": the settings "will be configured based on how the first version of a package is added to the
// repository" — published directly: publish ALLOW, upstream BLOCK (so a same-named public package cannot slip in
// later); first brought in from an upstream repository or an external connection: publish BLOCK, upstream ALLOW.
import type { Origin, Package } from './model';

export type Restrictions = Package['originConfiguration']['restrictions'];

/** How the first version of a package entered the repository. */
export type FirstEntry = 'published' | 'upstream';

export function restrictionsFor(entry: FirstEntry): Restrictions {
  return entry === 'published' ? { publish: 'ALLOW', upstream: 'BLOCK' } : { publish: 'BLOCK', upstream: 'ALLOW' };
}

/**
 * How an existing version entered `repositoryName` (seeds): from an external connection or from another
 * repository of the domain is an upstream entry; published into this repository is a direct one.
 */
export function entryOf(origin: Origin, repositoryName: string): FirstEntry {
  if (origin.originType === 'EXTERNAL') return 'upstream';
  const entryPoint = origin.domainEntryPoint.repositoryName;
  return entryPoint === undefined || entryPoint === repositoryName ? 'published' : 'upstream';
}

/**
 * CopyPackageVersions into a repository without the package. The AWS docs are silent here ("Editing package
 * origin controls" lists only publishing, upstream repositories and external connections; the CopyPackageVersions
 * reference does not mention origin controls), so this is our choice, noted in the emulator's README: a copied
 * version keeps its origin, so an internally published one counts as published (upstream stays blocked, as in its
 * source) and one ingested from a public source as an upstream entry.
 */
export function entryOfCopy(origin: Origin): FirstEntry {
  return origin.originType === 'EXTERNAL' ? 'upstream' : 'published';
}
