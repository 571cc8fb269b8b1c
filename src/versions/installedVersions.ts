// The installed version of a dependency, from the lockfile that governs its manifest: package-lock.json,
// pnpm-lock.yaml or yarn.lock in the manifest's folder or above it (a workspace's lockfile is at its root),
// poetry.lock or uv.lock next to pyproject.toml. Lockfiles are read bounded and parsed once per change (mtime and
// size). Node only, no vscode.
import { stat } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { readTextFileBounded } from '../core/boundedRead';
import { NPM_LOCKFILES, parseLockfile, PYPI_LOCKFILES, type Lockfile, type LockfileKind } from '../core/lockfiles/lockfiles';
import { isInsertableVersion } from '../core/versioning/versions';
import type { ManifestDependency } from './manifestDependencies';

/** Lockfiles of big monorepos run to megabytes; beyond this one is not read. */
const MAX_LOCKFILE_BYTES = 32 * 1024 * 1024;

export interface Installed {
  readonly version: string;
  readonly lockfile: LockfileKind;
}

interface Cached {
  readonly mtimeMs: number;
  readonly size: number;
  readonly lock: Lockfile | undefined;
}

export class InstalledVersions {
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly onError: (file: string, err: unknown) => void = () => undefined) {}

  /**
   * `stopAt`: the workspace folder; the search for an npm lockfile goes no higher (a lockfile outside the folder
   * is not this project's). Undefined when the manifest has no lockfile, or its version is not a plain version.
   */
  async installedFor(manifestPath: string, stopAt: string | undefined, dep: ManifestDependency): Promise<Installed | undefined> {
    const manifestDir = dirname(manifestPath);
    const base = basename(manifestPath).toLowerCase();
    const kinds = dep.ecosystem === 'npm' && base === 'package.json' ? NPM_LOCKFILES : dep.ecosystem === 'pypi' && base === 'pyproject.toml' ? PYPI_LOCKFILES : [];
    if (kinds.length === 0) return undefined;
    // npm installs into node_modules/<the key as written> (an alias's own name), PyPI by the normalized name.
    const name = dep.ecosystem === 'npm' ? dep.nameSpan.text : dep.name;
    for (const dir of ancestors(manifestDir, dep.ecosystem === 'npm' ? stopAt : manifestDir)) {
      for (const kind of kinds) {
        const found = await this.lockfileAt(join(dir, kind), kind);
        if (found === 'absent') continue;
        const importer = relative(dir, manifestDir).split(sep).join('/');
        const version = found?.installed(name, importer, dep.spec ?? dep.range);
        // Lockfile text is workspace input: only a plain version of the ecosystem is shown anywhere.
        return version !== undefined && isInsertableVersion(dep.ecosystem, version) ? { version, lockfile: kind } : undefined;
      }
    }
    return undefined;
  }

  clear(): void {
    this.cache.clear();
  }

  private async lockfileAt(file: string, kind: LockfileKind): Promise<Lockfile | undefined | 'absent'> {
    let st;
    try {
      st = await stat(file);
    } catch {
      this.cache.delete(file);
      return 'absent';
    }
    if (!st.isFile()) return 'absent';
    const hit = this.cache.get(file);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.lock;
    let lock: Lockfile | undefined;
    try {
      lock = parseLockfile(kind, await readTextFileBounded(file, { maxBytes: MAX_LOCKFILE_BYTES }));
    } catch (err) {
      this.onError(file, err);
    }
    this.cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, lock });
    return lock;
  }
}

/** `dir` and its parents up to and including `stopAt` (only `dir` when `stopAt` is not above it). */
function ancestors(dir: string, stopAt: string | undefined): string[] {
  const out = [dir];
  if (stopAt === undefined) return out;
  const rel = relative(stopAt, dir);
  if (rel.startsWith('..') || rel === dir) return out;
  let current = dir;
  while (current !== stopAt) {
    const parent = dirname(current);
    if (parent === current) break;
    out.push(parent);
    current = parent;
  }
  return out;
}
