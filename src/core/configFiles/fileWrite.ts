// Writing config files: atomic (a temp file beside the target, fsync, rename over it), private when they hold a
// token, and never inside a workspace when they hold a token. Our temp files have a name we can recognise
// (`.<name>.codeartifact-<pid>-<random>.tmp`), so that the ones a killed writer leaves behind — in the home
// directory, possibly holding a token — are removed by the next write, and nothing else ever is.
import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { ConfigEditError } from './managedBlock';
import { escapeRegExp } from '../regExp';

export interface WriteOptions {
  /** File mode; use 0o600 for files that hold a token. Absent keeps an existing file's mode (new files: 0644 minus umask). */
  readonly mode?: number;
}

/** A temp file left by a writer whose process is still alive is only removed once it is this old. */
export const STALE_TEMP_AFTER_MS = 10 * 60_000;
const MAX_SYMLINK_HOPS = 40;

/** Matches exactly the temp files this module creates for a target named `baseName`; group 1 is the pid. */
export function tempFilePattern(baseName: string): RegExp {
  return new RegExp(`^\\.${escapeRegExp(baseName)}\\.codeartifact-([1-9]\\d{0,9})-[0-9a-f]{12}\\.tmp$`);
}

function tempFileName(baseName: string): string {
  return `.${baseName}.codeartifact-${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
}

function errnoCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return errnoCode(err) === 'EPERM';
  }
}

/**
 * Removes the temp files of `target` that a killed writer left behind: our exact name pattern, a regular file,
 * and either its pid is gone or it is older than STALE_TEMP_AFTER_MS. Anything else in the directory is left alone.
 */
export async function removeStaleTempFiles(target: string, now: number = Date.now()): Promise<string[]> {
  const dir = path.dirname(target);
  const pattern = tempFilePattern(path.basename(target));
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (!pid) continue;
    const file = path.join(dir, name);
    try {
      const st = await fs.lstat(file);
      if (!st.isFile()) continue;
      if (isAlive(pid) && now - st.mtimeMs < STALE_TEMP_AFTER_MS) continue;
      await fs.unlink(file);
      removed.push(file);
    } catch {
      // Gone already (another writer cleaned it) or not ours to remove: leave it.
    }
  }
  return removed;
}

/** The file a write to `file` lands in: symlinks followed (also a dangling one), so that the link stays a link. */
async function resolveWriteTarget(file: string): Promise<string> {
  let current = path.resolve(file);
  for (let hops = 0; hops < MAX_SYMLINK_HOPS; hops += 1) {
    let isLink: boolean;
    try {
      isLink = (await fs.lstat(current)).isSymbolicLink();
    } catch (err) {
      if (errnoCode(err) === 'ENOENT') return current;
      throw err;
    }
    if (!isLink) return current;
    current = path.resolve(path.dirname(current), await fs.readlink(current));
  }
  throw new ConfigEditError(`Cannot write ${file}: too many levels of symbolic links.`);
}

async function statIfExists(file: string): Promise<Stats | undefined> {
  try {
    return await fs.stat(file);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return undefined;
    throw err;
  }
}

/** Makes the rename durable where the platform allows opening a directory (not on Windows). */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort: the rename itself is already atomic.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

// Writes to one target from this process run one after the other, so the last call's text is what stays.
const writeQueues = new Map<string, Promise<void>>();

function serialized(key: string, run: () => Promise<void>): Promise<void> {
  const next = (writeQueues.get(key) ?? Promise.resolve()).then(run, run);
  const tail = next.catch(() => undefined);
  writeQueues.set(key, tail);
  void tail.then(() => {
    if (writeQueues.get(key) === tail) writeQueues.delete(key);
  });
  return next;
}

/** Writes all or nothing; creates missing parent directories with mode 0700. */
export function writeFileAtomic(file: string, text: string, options: WriteOptions = {}): Promise<void> {
  // Queued by the path as given, synchronously, so that calls keep their order whatever the file system's latency.
  return serialized(path.resolve(file), async () => {
    await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeInPlace(await resolveWriteTarget(file), text, options.mode);
  });
}

async function writeInPlace(target: string, text: string, requestedMode: number | undefined): Promise<void> {
  await removeStaleTempFiles(target);
  const existing = await statIfExists(target);
  const mode = requestedMode ?? (existing ? existing.mode & 0o7777 : undefined);
  const temp = path.join(path.dirname(target), tempFileName(path.basename(target)));
  // 'wx': a fresh file (never a planted symlink), created with its final mode so that a token is never readable by others.
  const handle = await fs.open(temp, 'wx', mode ?? 0o644);
  try {
    try {
      // The umask narrowed the mode given to open(); an asked-for or inherited mode must be exact.
      if (mode !== undefined) await handle.chmod(mode);
      if (existing && process.getuid && process.getgid && (existing.uid !== process.getuid() || existing.gid !== process.getgid())) {
        // Only root can give the file back to its owner; anyone else keeps their own ownership.
        await handle.chown(existing.uid, existing.gid).catch(() => undefined);
      }
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (err) {
    await fs.unlink(temp).catch(() => undefined);
    throw err;
  }
  await syncDirectory(path.dirname(target));
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

/**
 * Refuses (throws) when a file we are about to edit inside `folder` is, through symlinks, really somewhere
 * else: a cloned repository's `.npmrc` that links to `~/.bashrc` must not receive our registry block.
 * Links that stay inside the folder (a monorepo's shared config) are fine.
 */
export async function assertProjectFileInsideFolder(file: string, folder: string): Promise<void> {
  const real = await realPathOfPossiblyMissing(await resolveWriteTarget(file));
  const realFolder = await realPathOfPossiblyMissing(folder);
  if (!isInside(real, realFolder)) {
    throw new ConfigEditError(
      `Refusing to edit ${file}: it is a symbolic link to ${real}, outside the workspace folder ${folder}. ` +
        'Replace the link with a regular file, or configure the user-level file instead.',
    );
  }
}
