// Writing config files: atomic (temp file + rename in the same directory, via write-file-atomic), private
// when they hold a token, and never inside a workspace when they hold a token.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import writeFileAtomicLib from 'write-file-atomic';
import { ConfigEditError } from './managedBlock';

export interface WriteOptions {
  /** File mode; use 0o600 for files that hold a token. Absent keeps an existing file's mode. */
  readonly mode?: number;
}

/** Writes all or nothing; creates missing parent directories with mode 0700. */
export async function writeFileAtomic(file: string, text: string, options: WriteOptions = {}): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFileAtomicLib(file, text, { encoding: 'utf8', ...(options.mode === undefined ? {} : { mode: options.mode }) });
  // write-file-atomic applies the mode to its temp file, but a file reached through a symlink keeps the
  // target's mode; make sure token files end up private either way.
  if (options.mode !== undefined) await fs.chmod(file, options.mode);
}

/** The file's text, or undefined when it does not exist. */
export async function readTextIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** The real path of `p`, following symlinks as far as the path exists (the rest is appended). */
async function realPathOfPossiblyMissing(p: string): Promise<string> {
  const absolute = path.resolve(p);
  const missing: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return path.join(await fs.realpath(current), ...missing.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return absolute;
      missing.push(path.basename(current));
      current = parent;
    }
  }
}

export function isInside(child: string, parent: string, platform: NodeJS.Platform = process.platform): boolean {
  const fold = (p: string): string => (platform === 'win32' || platform === 'darwin' ? p.toLowerCase() : p);
  const rel = path.relative(fold(parent), fold(child));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Refuses (throws) when a file that will hold a token lies inside one of the workspace folders — also
 * through a symlink, as with a dotfiles repository whose `.npmrc` is linked from the home directory.
 */
export async function assertTokenFileOutsideWorkspaces(file: string, workspaceRoots: readonly string[]): Promise<void> {
  const real = await realPathOfPossiblyMissing(file);
  for (const root of workspaceRoots) {
    const realRoot = await realPathOfPossiblyMissing(root);
    if (isInside(path.resolve(file), path.resolve(root)) || isInside(real, realRoot)) {
      throw new ConfigEditError(
        `Refusing to write a token to ${file}: it is inside the workspace folder ${root}, where it could be committed. ` +
          'Tokens go only to user-level files.',
      );
    }
  }
}
