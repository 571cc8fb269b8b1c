// Upload one file as a generic package version: the SHA-256 is computed by streaming the file (never held in
// memory), then the same file is streamed to PublishPackageVersion with that hash; a file that changed in between
// is refused by size and modification time before the upload (and by the service's hash check after). No vscode.
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { CodeArtifactAdminApi } from '../aws/adminApi';
import type { RepositoryRef } from '../aws/codeArtifactApi';

/** "Asset file size: 5 GB" (Quotas in AWS CodeArtifact; adjustable, so only a guard against a wrong pick). */
export const MAX_ASSET_BYTES = 5 * 1024 ** 3;

export interface GenericCoordinates {
  readonly namespace: string;
  readonly package: string;
  readonly version: string;
}

/** Undefined when acceptable. Generic names: no spaces or slashes, at most 255 characters (the model's lengths). */
export function genericFieldProblem(what: 'namespace' | 'package' | 'version' | 'asset', value: string): string | undefined {
  if (!value) return `The ${what} is required.`;
  if (value.length > 255) return `The ${what} has at most 255 characters.`;
  if (/[\s/\\\p{C}]/u.test(value)) return `The ${what} may not contain spaces, slashes or control characters.`;
  if (what === 'asset' && /^\.\.?$/.test(value)) return 'The asset name may not be "." or "..".';
  return undefined;
}

export async function sha256OfFile(file: string, signal?: AbortSignal): Promise<{ sha256: string; size: number; mtimeMs: number }> {
  const before = await fs.stat(file);
  if (!before.isFile()) throw new Error(`${basename(file)} is not a regular file.`);
  if (before.size > MAX_ASSET_BYTES) throw new Error(`${basename(file)} is larger than CodeArtifact's 5 GB limit for one asset.`);
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash, signal ? { signal } : {});
  return { sha256: hash.digest('hex'), size: before.size, mtimeMs: before.mtimeMs };
}

export async function uploadGenericFile(
  admin: CodeArtifactAdminApi,
  repo: RepositoryRef,
  coordinates: GenericCoordinates,
  file: string,
  signal?: AbortSignal,
): Promise<{ status?: string; sha256: string }> {
  const asset = basename(file);
  for (const [what, value] of [['namespace', coordinates.namespace], ['package', coordinates.package], ['version', coordinates.version], ['asset', asset]] as const) {
    const problem = genericFieldProblem(what, value);
    if (problem) throw new Error(problem);
  }
  const { sha256, size, mtimeMs } = await sha256OfFile(file, signal);
  const now = await fs.stat(file);
  if (now.size !== size || now.mtimeMs !== mtimeMs) throw new Error(`${asset} changed while it was being read; try again.`);
  const body = createReadStream(file);
  try {
    const out = await admin.publishGenericAsset(
      { ...repo, format: 'generic', namespace: coordinates.namespace, package: coordinates.package, version: coordinates.version },
      { name: asset, sha256, body },
      signal ? { signal } : {},
    );
    return { ...(out.status ? { status: out.status } : {}), sha256 };
  } finally {
    body.destroy();
  }
}
