// yarn.lock, both formats: Yarn classic (v1, its own text format) and Yarn Berry (2+, YAML with `__metadata`).
// Each entry's key lists the descriptors (`name@range`, comma-separated) that resolved to it; the version a
// manifest's dependency got is the entry whose list holds `name@<the range as written>` (Berry writes a bare
// semver range or tag as `name@npm:<range>`). Workspace input: never throws, keeps only string versions. Pure.
import { parse as parseYaml } from 'yaml';

/** Protocols whose "version" is a folder's package.json, not something a registry served. */
const LOCAL_PROTOCOLS = new Set(['workspace', 'link', 'portal', 'file', 'exec']);

export interface YarnLock {
  /** `name`: the dependency's key in package.json; `range`: its value as written (`^1.2.0`, `npm:other@^1`). */
  installed(name: string, range: string): string | undefined;
}

function record(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function protocolOf(range: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):/i.exec(range)?.[1]?.toLowerCase();
}

/** The protocol of a Berry resolution `name@proto:…` (the name may be scoped). */
function resolutionProtocol(resolution: string): string | undefined {
  const at = resolution.indexOf('@', resolution.startsWith('@') ? 1 : 0);
  return at < 0 ? undefined : protocolOf(resolution.slice(at + 1));
}

/** Splits `a@^1, "b@^2"` on commas outside double quotes and unquotes each descriptor. */
function splitDescriptors(key: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < key.length; i++) {
    const c = key[i];
    if (c === '\\' && quoted) {
      current += c + (key[i + 1] ?? '');
      i++;
    } else if (c === '"') {
      quoted = !quoted;
      current += c;
    } else if (c === ',' && !quoted) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out.map((d) => unquote(d.trim())).filter((d) => d.length > 0);
}

function unquote(s: string): string {
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) {
    try {
      const v: unknown = JSON.parse(s);
      return typeof v === 'string' ? v : '';
    } catch {
      return '';
    }
  }
  return s;
}

/** Yarn classic: unindented `descriptors:` lines, then `  version "1.2.3"` two spaces in. */
function parseClassic(text: string): Map<string, string> {
  const byDescriptor = new Map<string, string>();
  let current: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      current = line.trimEnd().endsWith(':') ? splitDescriptors(line.trimEnd().slice(0, -1)) : [];
      continue;
    }
    const field = /^ {2}(version|"version")[ \t]+(.+?)\s*$/.exec(line);
    if (!field?.[2] || current.length === 0) continue;
    const version = unquote(field[2]);
    if (version) for (const d of current) byDescriptor.set(d, version);
    current = [];
  }
  return byDescriptor;
}

/** Yarn Berry: YAML keyed by descriptor lists, each with `version` and `resolution`. */
function parseBerry(root: Record<string, unknown>): Map<string, string> {
  const byDescriptor = new Map<string, string>();
  for (const [key, value] of Object.entries(root)) {
    if (key === '__metadata') continue;
    const entry = record(value);
    const version = entry?.['version'];
    const resolution = entry?.['resolution'];
    if (typeof version !== 'string' || typeof resolution !== 'string') continue;
    const proto = resolutionProtocol(resolution);
    if (proto === undefined || LOCAL_PROTOCOLS.has(proto)) continue;
    for (const d of splitDescriptors(key)) byDescriptor.set(d, version);
  }
  return byDescriptor;
}

export function parseYarnLock(text: string): YarnLock | undefined {
  let berry: Record<string, unknown> | undefined;
  if (/^__metadata:/m.test(text)) {
    try {
      // Aliases are bounded so that a billion-laughs file cannot blow up.
      const doc: unknown = parseYaml(text, { maxAliasCount: 100, uniqueKeys: false });
      berry = record(doc);
    } catch {
      return undefined;
    }
    if (!berry || !record(berry['__metadata'])) return undefined;
  }
  const byDescriptor = berry ? parseBerry(berry) : parseClassic(text);
  if (byDescriptor.size === 0 && !berry && !/^# yarn lockfile v1/m.test(text)) return undefined;
  return {
    installed: (name, range) => {
      const written = range.trim();
      const proto = protocolOf(written);
      if (proto !== undefined && LOCAL_PROTOCOLS.has(proto)) return undefined;
      const candidates = berry && proto === undefined ? [`npm:${written || '*'}`] : written ? [written] : ['', '*'];
      for (const c of candidates) {
        const v = byDescriptor.get(`${name}@${c}`);
        if (v !== undefined) return v;
      }
      return undefined;
    },
  };
}
