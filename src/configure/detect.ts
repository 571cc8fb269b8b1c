// Which package managers a workspace folder uses, from the files at its root. Pure Node (fs only).
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { readTextFileBounded } from '../core/boundedRead';

export type Tool = 'npm' | 'pnpm' | 'yarnClassic' | 'yarnBerry' | 'pip' | 'uv' | 'poetry' | 'maven' | 'gradle';

export interface DetectedTool {
  readonly tool: Tool;
  /** The files that gave it away, for the quick pick's detail. */
  readonly evidence: readonly string[];
}

const ORDER: readonly Tool[] = ['npm', 'pnpm', 'yarnBerry', 'yarnClassic', 'pip', 'uv', 'poetry', 'maven', 'gradle'];

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

export async function detectTools(folder: string): Promise<DetectedTool[]> {
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
    const major = yarnMajor(await readIfSmall(path.join(folder, 'package.json')));
    if (has('pnpm-lock.yaml') || has('pnpm-workspace.yaml')) add('pnpm', has('pnpm-lock.yaml') ? 'pnpm-lock.yaml' : 'pnpm-workspace.yaml');
    if (has('.yarnrc.yml') || (major !== undefined && major >= 2)) add('yarnBerry', has('.yarnrc.yml') ? '.yarnrc.yml' : 'package.json packageManager');
    else if (has('yarn.lock') || major === 1) add('yarnClassic', has('yarn.lock') ? 'yarn.lock' : 'package.json packageManager');
    if (has('package-lock.json') || has('npm-shrinkwrap.json') || found.size === 0) add('npm', has('package-lock.json') ? 'package-lock.json' : 'package.json');
  }
  for (const n of names.filter((n) => /^requirements.*\.txt$/i.test(n)).sort()) add('pip', n);
  for (const n of ['setup.py', 'setup.cfg', 'Pipfile']) if (has(n)) add('pip', n);
  if (has('pyproject.toml')) {
    const text = (await readIfSmall(path.join(folder, 'pyproject.toml'))) ?? '';
    if (has('poetry.lock') || /^\[tool\.poetry\b/m.test(text)) add('poetry', has('poetry.lock') ? 'poetry.lock' : 'pyproject.toml [tool.poetry]');
    if (has('uv.lock') || /^\[tool\.uv\b/m.test(text)) add('uv', has('uv.lock') ? 'uv.lock' : 'pyproject.toml [tool.uv]');
    if (!found.has('poetry') && !found.has('uv')) add('pip', 'pyproject.toml');
  }
  if (has('pom.xml')) add('maven', 'pom.xml');
  for (const n of ['build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts']) if (has(n)) add('gradle', n);
  return ORDER.filter((t) => found.has(t)).map((tool) => ({ tool, evidence: found.get(tool) ?? [] }));
}
