import { constants, type Stats } from 'node:fs';
import * as fs from 'node:fs/promises';

/** Config files and manifests are small; anything bigger is not one we should read whole. */
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024;

export class FileTooLargeError extends Error {
  constructor(readonly file: string, readonly maxBytes: number) {
    super(`${file} is larger than ${Math.round(maxBytes / 1024)} KiB, so it was not read.`);
    this.name = 'FileTooLargeError';
  }
}

export class NotRegularFileError extends Error {
  constructor(readonly file: string, what = 'not a regular file') {
    super(`${file} is ${what}, so it was not read.`);
    this.name = 'NotRegularFileError';
  }
}

/**
 * Reads a UTF-8 text file that a workspace (an attacker, perhaps) may have put there: only a regular
 * file (a symlink is followed, but to a FIFO or device it is refused), never more than `maxBytes`.
 * The open is non-blocking so a FIFO swapped in after the stat cannot hang us; the size is checked
 * again on the open handle and the read stops at `maxBytes + 1` whatever the file claims.
 * A missing file rejects with the usual ENOENT error.
 */
export async function readTextFileBounded(file: string, opts: { maxBytes?: number } = {}): Promise<string> {
  return (await readFileBounded(file, opts)).toString('utf8');
}

/** The bytes of `file`, with the same rules as `readTextFileBounded`. */
export async function readFileBounded(file: string, opts: { maxBytes?: number } = {}): Promise<Buffer> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const before = await fs.stat(file);
  if (!before.isFile()) throw new NotRegularFileError(file, kindOf(before));
  if (before.size > maxBytes) throw new FileTooLargeError(file, maxBytes);
  const handle = await fs.open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new NotRegularFileError(file, kindOf(st));
    if (st.size > maxBytes) throw new FileTooLargeError(file, maxBytes);
    const buffer = Buffer.alloc(maxBytes + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw new FileTooLargeError(file, maxBytes);
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Like `readTextFileBounded`, but a missing file is `undefined`. */
export async function readTextFileIfPresent(file: string, opts: { maxBytes?: number } = {}): Promise<string | undefined> {
  try {
    return await readTextFileBounded(file, opts);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw err;
  }
}
