// Which package managers a workspace folder uses: npm/pip/Maven/Gradle/Swift/RubyGems from the files at its root,
// NuGet and Cargo also from projects below it (a solution's src/App/App.csproj, a crate in a Cargo workspace), whose
// project files at the root (nuget.config, .cargo/config.toml) apply to them. The walk is bounded (depth, entries),
// skips dependency and build folders, and never follows a symbolic link. Pure Node (fs only).
import type { Dirent } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { readTextFileBounded } from '../core/boundedRead';

export type Tool = 'npm' | 'pnpm' | 'yarnClassic' | 'yarnBerry' | 'pip' | 'uv' | 'poetry' | 'maven' | 'gradle' | 'nuget' | 'swift' | 'cargo' | 'rubygems';

export interface DetectedTool {
  readonly tool: Tool;
  /** The files that gave it away, for the quick pick's detail. */
  readonly evidence: readonly string[];
}

export const TOOL_ORDER: readonly Tool[] = ['npm', 'pnpm', 'yarnBerry', 'yarnClassic', 'pip', 'uv', 'poetry', 'maven', 'gradle', 'nuget', 'swift', 'cargo', 'rubygems'];

/** How far the walk for NuGet and Cargo projects goes: folder levels below the root, and directory entries read. */
export const DETECT_LIMITS = { depth: 3, entries: 5000 } as const;

/** Folders that hold dependencies, build output or tool state, never a project of the workspace's own. */
const SKIPPED_DIRS = new Set(['node_modules', 'target', 'vendor', 'bin', 'obj', 'dist', 'build', 'out', 'venv']);

const NUGET_FILE = /^(?:.+\.(?:cs|fs|vb)proj|packages\.config|nuget\.config|directory\.packages\.props)$/i;

/**
 * The NuGet and Cargo files at most `depth` levels below `root`, breadth first, relative paths with '/'.
 * Directory entries are lstat'ed by readdir: a symbolic link is neither a file nor a folder here, so the walk never
 * leaves the folder through one.
 */
async function findNested(root: string, limits: { depth: number; entries: number }): Promise<{ nuget: string[]; cargo: string[] }> {
  const found = { nuget: [] as string[], cargo: [] as string[] };
  let budget = limits.entries;
  let level: string[] = [''];
  for (let depth = 0; depth <= limits.depth && level.length > 0 && budget > 0; depth++) {
    const next: string[] = [];
    for (const rel of level) {
      if (budget <= 0) break;
      let entries: Dirent[];
      try {
        entries = await fs.readdir(path.join(root, rel), { withFileTypes: true });
      } catch {
        continue;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of entries.slice(0, budget)) {
        const relPath = rel === '' ? e.name : `${rel}/${e.name}`;
        if (e.isFile()) {
          if (NUGET_FILE.test(e.name)) found.nuget.push(relPath);
          else if (e.name === 'Cargo.toml') found.cargo.push(relPath);
        } else if (e.isDirectory() && !e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name.toLowerCase())) {
          next.push(relPath);
        }
      }
      budget -= entries.length;
    }
    level = next;
  }
  return found;
}

/** The folder's own file, read only when it is a regular file (not a link that could point anywhere). */
async function readOwnFile(file: string): Promise<string | undefined> {
  try {
    if (!(await fs.lstat(file)).isFile()) return undefined;
  } catch {
    return undefined;
  }
  return readIfSmall(file);
}

async function readIfSmall(file: string): Promise<string | undefined> {
  try {
    return await readTextFileBounded(file, { maxBytes: 1_000_000 });
  } catch {
    return undefined;
  }
}

/** `packageManager: "yarn@4.1.0"` → the major version, when package.json names yarn. */
function yarnMajor(packageJson: string | undefined): number | undefined {
  if (!packageJson) return undefined;
  try {
    const pm = (JSON.parse(packageJson) as { packageManager?: unknown }).packageManager;
    const m = typeof pm === 'string' ? /^yarn@(\d+)/.exec(pm) : null;
    return m?.[1] ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

export async function detectTools(folder: string, limits: { depth: number; entries: number } = DETECT_LIMITS): Promise<DetectedTool[]> {
  let names: string[];
  try {
    names = await fs.readdir(folder);
  } catch {
    return [];
  }
  const has = (n: string): boolean => names.includes(n);
  const found = new Map<Tool, string[]>();
  const add = (tool: Tool, file: string): void => void found.set(tool, [...(found.get(tool) ?? []), file]);

  if (has('package.json')) {
    const major = yarnMajor(await readOwnFile(path.join(folder, 'package.json')));
    if (has('pnpm-lock.yaml') || has('pnpm-workspace.yaml')) add('pnpm', has('pnpm-lock.yaml') ? 'pnpm-lock.yaml' : 'pnpm-workspace.yaml');
    if (has('.yarnrc.yml') || (major !== undefined && major >= 2)) add('yarnBerry', has('.yarnrc.yml') ? '.yarnrc.yml' : 'package.json packageManager');
    else if (has('yarn.lock') || major === 1) add('yarnClassic', has('yarn.lock') ? 'yarn.lock' : 'package.json packageManager');
    if (has('package-lock.json') || has('npm-shrinkwrap.json') || found.size === 0) add('npm', has('package-lock.json') ? 'package-lock.json' : 'package.json');
  }
  for (const n of names.filter((n) => /^requirements.*\.txt$/i.test(n)).sort()) add('pip', n);
  for (const n of ['setup.py', 'setup.cfg', 'Pipfile']) if (has(n)) add('pip', n);
  if (has('pyproject.toml')) {
    const text = (await readOwnFile(path.join(folder, 'pyproject.toml'))) ?? '';
    if (has('poetry.lock') || /^\[tool\.poetry\b/m.test(text)) add('poetry', has('poetry.lock') ? 'poetry.lock' : 'pyproject.toml [tool.poetry]');
    if (has('uv.lock') || /^\[tool\.uv\b/m.test(text)) add('uv', has('uv.lock') ? 'uv.lock' : 'pyproject.toml [tool.uv]');
    if (!found.has('poetry') && !found.has('uv')) add('pip', 'pyproject.toml');
  }
  if (has('pom.xml')) add('maven', 'pom.xml');
  for (const n of ['build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts']) if (has(n)) add('gradle', n);
  const nested = await findNested(folder, limits);
  // A handful of paths is evidence enough for the pick's description.
  for (const f of nested.nuget.slice(0, 5)) add('nuget', f);
  if (has('Package.swift')) add('swift', 'Package.swift');
  for (const f of nested.cargo.slice(0, 5)) add('cargo', f);
  if (has('Gemfile')) add('rubygems', 'Gemfile');
  for (const n of names.filter((n) => n.endsWith('.gemspec')).sort().slice(0, 5)) add('rubygems', n);
  return TOOL_ORDER.filter((t) => found.has(t)).map((tool) => ({ tool, evidence: found.get(tool) ?? [] }));
}
