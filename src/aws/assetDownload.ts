// Saves one package asset (GetPackageVersionAsset) to a file the user chose: streamed to a temporary file
// beside it, hashed on the way, checked against the hash ListPackageVersionAssets listed and only then renamed
// into place. On any failure or cancellation the temporary file is removed and the destination is untouched.
// Node only, no vscode.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AssetInfo, CodeArtifactApi, VersionRef } from './codeArtifactApi';
import { CodeArtifactError } from './errors';

/** Hashes strong enough to trust a download by, in the order we prefer them (MD5 and SHA-1 are not). */
const VERIFYING_HASHES: readonly (readonly [string, string])[] = [
  ['SHA-256', 'sha256'],
  ['SHA-512', 'sha512'],
];

export type AssetDownloadFailure = 'noHash' | 'hashMismatch' | 'sizeMismatch' | 'cancelled' | 'failed';

export class AssetDownloadError extends Error {
  constructor(
    readonly reason: AssetDownloadFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AssetDownloadError';
  }
}

export interface DownloadOptions {
  signal?: AbortSignal;
  /** Bytes received so far, and the listed size when there is one. */
  onProgress?(received: number, total: number | undefined): void;
}

export interface DownloadResult {
  bytes: number;
  algorithm: string;
  digest: string;
}

/** A file name for the save dialog: the asset name's last segment, without characters file systems refuse. */
export function suggestedFileName(assetName: string): string {
  const last = assetName.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a file name
  const cleaned = last.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').replace(/^\.+/, '').trim();
  return cleaned.slice(0, 200) || 'asset';
}

export async function downloadAsset(api: CodeArtifactApi, ref: VersionRef, asset: AssetInfo, destination: string, opts: DownloadOptions = {}): Promise<DownloadResult> {
  const hash = VERIFYING_HASHES.find(([algo]) => asset.hashes[algo]);
  if (!hash) throw new AssetDownloadError('noHash', `CodeArtifact listed no SHA-256 or SHA-512 hash for ${asset.name}, so a download could not be checked; nothing was saved.`);
  const [algorithm, nodeAlgorithm] = hash;
  const expected = (asset.hashes[algorithm] ?? '').toLowerCase();
  const { signal } = opts;

  const { body } = await api.getAsset(ref, asset.name, signal ? { signal } : {});
  const temp = join(dirname(destination), `.${basename(destination)}.${randomBytes(6).toString('hex')}.part`);
  const hasher = createHash(nodeAlgorithm);
  let received = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      // More than the listed size is not the asset that was listed: stop reading instead of filling the disk.
      if (asset.size !== undefined && received > asset.size) {
        done(new AssetDownloadError('sizeMismatch', `${asset.name} is larger than the ${asset.size} bytes CodeArtifact listed; nothing was saved.`));
        return;
      }
      hasher.update(chunk);
      opts.onProgress?.(received, asset.size);
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, meter, createWriteStream(temp, { flags: 'wx' }), ...(signal ? [{ signal }] : []));
    if (asset.size !== undefined && received !== asset.size) {
      throw new AssetDownloadError('sizeMismatch', `${asset.name} arrived with ${received} bytes, but CodeArtifact listed ${asset.size}; nothing was saved.`);
    }
    const digest = hasher.digest('hex');
    if (digest !== expected) {
      throw new AssetDownloadError('hashMismatch', `The ${algorithm} of the downloaded ${asset.name} is not the one CodeArtifact listed; nothing was saved. Try again, and check any proxy in between.`);
    }
    await fs.rename(temp, destination);
    return { bytes: received, algorithm, digest };
  } catch (err) {
    body.destroy();
    await fs.rm(temp, { force: true });
    if (signal?.aborted) throw new AssetDownloadError('cancelled', `Download of ${asset.name} cancelled; nothing was saved.`, { cause: err });
    if (err instanceof AssetDownloadError || err instanceof CodeArtifactError) throw err;
    const why = err instanceof Error ? err.message : String(err);
    throw new AssetDownloadError('failed', `Could not save ${asset.name}: ${why}. Nothing was saved.`, { cause: err });
  }
}
