// Registry dependencies in a Package.swift (SE-0292): `.package(id: "scope.name", <requirement>)` with the
// requirement as `from:`, `exact:`, `.upToNextMajor(from:)`, `.upToNextMinor(from:)`, `.exact(…)`, `"a"..<"b"` or
// `"a"..."b"`, translated to a semver range with SwiftPM's meaning (`from: "1.2.3"` is 1.2.3..<2.0.0, also for 0.x).
// The manifest is Swift code: only these literal forms are read; a dependency built by code elsewhere is left alone.
// Comments are skipped (and string contents are never taken for comments). Never throws.
import semver from 'semver';
import { spanOf, type TextSpan } from './textSpan';

export type SwiftRequirementKind = 'from' | 'exact' | 'upToNextMajor' | 'upToNextMinor' | 'halfOpen' | 'closed';

export interface SwiftRegistryDependency {
  /** `scope.name` as written (the string literal's content). */
  readonly id: TextSpan;
  readonly scope: string;
  readonly name: string;
  readonly kind: SwiftRequirementKind;
  /** The semver range SwiftPM's requirement means; undefined when a bound is no SemVer version. */
  readonly range?: string;
  /** The version literal an update edits (from/exact/upToNext*); absent for two-bound ranges. */
  readonly version?: TextSpan;
  /** Two-bound ranges: from inside the first literal's quotes to inside the second's (`1.0.0"..<"2.0.0`). */
  readonly bounds?: TextSpan;
}

const SCOPE = /^[a-zA-Z0-9](?:[a-zA-Z0-9]|-(?=[a-zA-Z0-9])){0,38}$/;
const NAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9]|[-_](?=[a-zA-Z0-9])){0,99}$/;

/** The text with comments replaced by spaces (offsets kept); string literals are left as they are. */
function withoutComments(text: string): string {
  const out = text.split('');
  let i = 0;
  let depth = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (depth === 0 && c === '"') {
      // A string literal (single-line; escapes skipped).
      i++;
      while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
    } else if (depth === 0 && c === '/' && next === '/') {
      while (i < text.length && text[i] !== '\n') out[i++] = ' ';
    } else if (c === '/' && next === '*') {
      depth++;
      out[i] = out[i + 1] = ' ';
      i += 2;
    } else if (depth > 0 && c === '*' && next === '/') {
      depth--;
      out[i] = out[i + 1] = ' ';
      i += 2;
    } else {
      if (depth > 0 && c !== '\n') out[i] = ' ';
      i++;
    }
  }
  return out.join('');
}

const STR = '"([^"\\\\\\n]*)"';
const CALL = new RegExp(`\\.package\\s*\\(\\s*id\\s*:\\s*${STR}\\s*,\\s*`, 'g');
const REQUIREMENTS: [SwiftRequirementKind, RegExp][] = [
  ['from', new RegExp(`^from\\s*:\\s*${STR}\\s*\\)`)],
  ['exact', new RegExp(`^exact\\s*:\\s*${STR}\\s*\\)`)],
  ['exact', new RegExp(`^\\.exact\\s*\\(\\s*${STR}\\s*\\)\\s*\\)`)],
  ['upToNextMajor', new RegExp(`^\\.upToNextMajor\\s*\\(\\s*from\\s*:\\s*${STR}\\s*\\)\\s*\\)`)],
  ['upToNextMinor', new RegExp(`^\\.upToNextMinor\\s*\\(\\s*from\\s*:\\s*${STR}\\s*\\)\\s*\\)`)],
  ['halfOpen', new RegExp(`^${STR}\\s*\\.\\.<\\s*${STR}\\s*\\)`)],
  ['closed', new RegExp(`^${STR}\\s*\\.\\.\\.\\s*${STR}\\s*\\)`)],
];

export function parsePackageSwift(source: string): SwiftRegistryDependency[] {
  try {
    return extract(source);
  } catch {
    return [];
  }
}

function extract(source: string): SwiftRegistryDependency[] {
  const text = withoutComments(source);
  const out: SwiftRegistryDependency[] = [];
  for (const m of text.matchAll(CALL)) {
    const idText = m[1] ?? '';
    const idStart = (m.index ?? 0) + m[0].indexOf('"') + 1;
    const dot = idText.indexOf('.');
    const scope = idText.slice(0, dot);
    const name = idText.slice(dot + 1);
    if (dot < 0 || !SCOPE.test(scope) || !NAME.test(name)) continue;
    const restStart = (m.index ?? 0) + m[0].length;
    const rest = text.slice(restStart, restStart + 400);
    for (const [kind, re] of REQUIREMENTS) {
      const r = re.exec(rest);
      if (!r) continue;
      const first = r[1] ?? '';
      const firstStart = restStart + r[0].indexOf('"') + 1;
      const range = swiftRange(kind, first, r[2]);
      const secondEnd = restStart + r[0].lastIndexOf('"');
      out.push({
        id: spanOf(source, idStart, idStart + idText.length),
        scope,
        name,
        kind,
        ...(range !== undefined ? { range } : {}),
        ...(kind !== 'halfOpen' && kind !== 'closed' ? { version: spanOf(source, firstStart, firstStart + first.length) } : { bounds: spanOf(source, firstStart, secondEnd) }),
      });
      break;
    }
  }
  return out;
}

/** SwiftPM's requirement as a semver range (node-semver syntax). */
export function swiftRange(kind: SwiftRequirementKind, first: string, second?: string): string | undefined {
  const a = semver.parse(first);
  if (!a) return undefined;
  switch (kind) {
    case 'exact':
      return a.version;
    case 'from':
    case 'upToNextMajor':
      return `>=${a.version} <${a.major + 1}.0.0`;
    case 'upToNextMinor':
      return `>=${a.version} <${a.major}.${a.minor + 1}.0`;
    case 'halfOpen':
    case 'closed': {
      const b = second !== undefined ? semver.parse(second) : null;
      if (!b) return undefined;
      return `>=${a.version} ${kind === 'halfOpen' ? '<' : '<='}${b.version}`;
    }
  }
}
