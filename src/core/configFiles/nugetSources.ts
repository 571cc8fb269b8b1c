// Which package sources NuGet uses for a folder (learn.microsoft.com/nuget/consume-packages/configuring-nuget-behavior):
// every `nuget.config` from the folder up to the root, then the user's NuGet.Config; the closer file wins, `<clear />`
// drops what farther files add, `<disabledPackageSources>` switches sources off. Restore asks every enabled source.
import * as path from 'node:path';
import { child, children, readXmlTree } from '../manifests/xmlTree';
import type { UserContext } from './userPaths';

export interface NugetSource {
  readonly key: string;
  readonly url: string;
  /** The config file that adds it. */
  readonly file: string;
}

/** The user-level NuGet.Config: %APPDATA%\NuGet\NuGet.Config on Windows, ~/.nuget/NuGet/NuGet.Config elsewhere. */
export function userNugetConfigPath(ctx: UserContext): string {
  if ((ctx.platform ?? process.platform) === 'win32') {
    return path.join(ctx.env.APPDATA || path.join(ctx.home, 'AppData', 'Roaming'), 'NuGet', 'NuGet.Config');
  }
  return path.join(ctx.home, '.nuget', 'NuGet', 'NuGet.Config');
}

/** The names NuGet looks for in each folder, in its order (Linux file systems are case-sensitive). */
export const NUGET_CONFIG_NAMES = ['nuget.config', 'NuGet.config', 'NuGet.Config'] as const;

interface FileSources {
  readonly clear: boolean;
  readonly adds: { key: string; url: string }[];
  readonly disabled: Set<string>;
}

/** One file's `<packageSources>`; undefined for a file NuGet would refuse (broken XML, no `<configuration>`). */
export function readNugetConfig(text: string): FileSources | undefined {
  const { root, errors } = readXmlTree(text);
  if (errors > 0 || root?.name !== 'configuration') return undefined;
  const sources = child(root, 'packageSources');
  const adds: { key: string; url: string }[] = [];
  let clear = false;
  for (const e of sources?.children ?? []) {
    if (e.name === 'clear') {
      clear = true;
      adds.length = 0;
    }
    const attrs = attributeValues(text, e.start, e.contentStart);
    if (e.name === 'add' && attrs.key !== undefined && attrs.value !== undefined) adds.push({ key: attrs.key, url: attrs.value });
    if (e.name === 'remove' && attrs.key !== undefined) {
      const gone = attrs.key;
      adds.splice(0, adds.length, ...adds.filter((a) => a.key.toLowerCase() !== gone.toLowerCase()));
    }
  }
  const disabled = new Set<string>();
  for (const e of children(child(root, 'disabledPackageSources'), 'add')) {
    const attrs = attributeValues(text, e.start, e.contentStart);
    if (attrs.key !== undefined && attrs.value?.trim().toLowerCase() === 'true') disabled.add(attrs.key.toLowerCase());
  }
  return { clear, adds, disabled };
}

function attributeValues(text: string, start: number, end: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.slice(start, end).matchAll(/([A-Za-z_][\w.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    out[(m[1] ?? '').toLowerCase()] = decode(m[2] ?? m[3] ?? '');
  }
  return out;
}

function decode(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e] ?? '');
}

/**
 * The enabled sources for a folder, closest file first. `files` are the config texts from the folder upward and then
 * the user's (undefined: no such file). With no file at all NuGet uses nuget.org.
 */
export function nugetSourcesInEffect(files: readonly { file: string; text: string | undefined }[]): { sources: NugetSource[]; unreadable?: string } {
  const byKey = new Map<string, NugetSource>();
  const disabled = new Set<string>();
  // Applied farthest first, so that a closer file overrides and its <clear/> drops what came before.
  for (const { file, text } of [...files].reverse()) {
    if (text === undefined) continue;
    const parsed = readNugetConfig(text);
    if (!parsed) return { sources: [], unreadable: file };
    if (parsed.clear) byKey.clear();
    for (const a of parsed.adds) byKey.set(a.key.toLowerCase(), { key: a.key, url: a.url, file });
    for (const d of parsed.disabled) disabled.add(d);
  }
  return { sources: [...byKey.values()].filter((s) => !disabled.has(s.key.toLowerCase())).reverse() };
}

/** The config files NuGet reads for a project directory: each folder up to the root, then the user's file. */
export function nugetConfigCandidates(dir: string, user: UserContext): string[][] {
  const out: string[][] = [];
  let current = path.resolve(dir);
  for (;;) {
    out.push(NUGET_CONFIG_NAMES.map((n) => path.join(current, n)));
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  out.push([userNugetConfigPath(user)]);
  return out;
}
