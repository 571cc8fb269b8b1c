// package.json → the dependencies it declares, with exact offsets of each name and version string.
// jsonc-parser tolerates comments, trailing commas and broken text; npm-package-arg decides what a spec is,
// and the protocols it refuses (workspace:, link:, catalog:, portal:, patch:) are named for pnpm and yarn.

import { parseTree, type Node, type ParseError } from 'jsonc-parser';
import { resolveNpmSpec } from '../versioning/npmSpec';
import { spanOf, type TextSpan } from './textSpan';

export type NpmDependencyKind =
  | 'dependencies'
  | 'devDependencies'
  | 'peerDependencies'
  | 'optionalDependencies'
  | 'overrides'
  | 'resolutions'
  | 'pnpm.overrides';

const DEPENDENCY_FIELDS: readonly NpmDependencyKind[] = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
];

/**
 * What the spec asks for. `version`, `range`, `tag` and `alias` come from the registry; the others
 * (the workspace, the disk, git, a tarball URL, a `$name` override reference) do not.
 */
export type NpmSpecType =
  | 'version'
  | 'range'
  | 'tag'
  | 'alias'
  | 'workspace'
  | 'catalog'
  | 'file'
  | 'directory'
  | 'link'
  | 'patch'
  | 'exec'
  | 'unsupported'
  | 'git'
  | 'remote'
  | 'reference'
  | 'invalid';

export interface NpmDependency {
  readonly kind: NpmDependencyKind;
  /** The package name as written (for an override selector such as `foo@1>bar`, the `bar` part). */
  readonly name: TextSpan;
  /** The whole value string, without its quotes. */
  readonly version: TextSpan;
  /** The package to look up in the registry: the alias target for `npm:` aliases, else the name. */
  readonly packageName: string;
  /** Scope without `@` (CodeArtifact's namespace), when the package is scoped. */
  readonly scope?: string;
  /** The name without its scope (CodeArtifact's package name). */
  readonly unscopedName: string;
  readonly specType: NpmSpecType;
  /** True when the version comes from a registry (version, range, tag, alias). */
  readonly fromRegistry: boolean;
  /** The semver range, version or dist-tag asked of the registry (for an alias, the part after `@`). */
  readonly range?: string;
  /** Where `range` sits in the text, when it can be edited in place (for an alias, inside `version`). */
  readonly rangeSpan?: TextSpan;
  /** For an exact version (`1.2.3`, `v1.2.3`, `=1.2.3`, `npm:b@1.2.3`): the version npm looks for, cleaned. */
  readonly pinned?: string;
  /** For nested overrides, the parent selectors, outermost first. */
  readonly overridePath?: readonly string[];
  /**
   * npm refuses the package name (npa throws EINVALIDPACKAGENAME): the key, or for an `npm:` alias its target.
   * `npm install` would fail; nothing is looked up.
   */
  readonly refusedName?: { readonly name: string; readonly span: TextSpan };
}

export interface PackageJsonManifest {
  readonly name?: string;
  readonly version?: string;
  readonly dependencies: readonly NpmDependency[];
  /** How many syntax errors jsonc-parser recovered from (0 for a clean file). */
  readonly syntaxErrors: number;
}

const EMPTY: PackageJsonManifest = { dependencies: [], syntaxErrors: 0 };

/** Never throws: broken text yields what could be recovered, or nothing. */
export function parsePackageJson(text: string): PackageJsonManifest {
  try {
    const errors: ParseError[] = [];
    // A BOM is not JSON whitespace to jsonc-parser; blank it (same length, so offsets hold).
    const json = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
    const root = parseTree(json, errors, { allowTrailingComma: true, disallowComments: false });
    if (root?.type !== 'object') return { ...EMPTY, syntaxErrors: errors.length };
    const dependencies: NpmDependency[] = [];
    for (const kind of DEPENDENCY_FIELDS) {
      const field = property(root, kind);
      if (field?.type === 'object') collectPlain(text, field, kind, dependencies);
    }
    const overrides = property(root, 'overrides');
    if (overrides?.type === 'object') collectOverrides(text, overrides, 'overrides', [], dependencies, 0);
    const resolutions = property(root, 'resolutions');
    if (resolutions?.type === 'object') collectOverrides(text, resolutions, 'resolutions', [], dependencies, 0);
    const pnpm = property(root, 'pnpm');
    const pnpmOverrides = pnpm?.type === 'object' ? property(pnpm, 'overrides') : undefined;
    if (pnpmOverrides?.type === 'object') collectOverrides(text, pnpmOverrides, 'pnpm.overrides', [], dependencies, 0);
    const name = property(root, 'name');
    const version = property(root, 'version');
    return {
      ...(typeof name?.value === 'string' ? { name: name.value } : {}),
      ...(typeof version?.value === 'string' ? { version: version.value } : {}),
      dependencies,
      syntaxErrors: errors.length,
    };
  } catch {
    // jsonc-parser recurses per nesting level; absurdly deep input can exhaust the stack.
    return EMPTY;
  }
}

function property(object: Node, key: string): Node | undefined {
  // The last occurrence wins, as in JSON.parse.
  let found: Node | undefined;
  for (const prop of object.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (k?.value === key && v) found = v;
  }
  return found;
}

function* stringProperties(object: Node): Generator<[Node, Node]> {
  for (const prop of object.children ?? []) {
    const [k, v] = prop.children ?? [];
    if (k?.type === 'string' && typeof k.value === 'string' && v) yield [k, v];
  }
}

/** The inside of a string literal; tolerates a missing closing quote in broken text. */
function stringContent(text: string, node: Node): TextSpan {
  const start = node.offset + 1;
  let end = node.offset + node.length;
  if (end > start && text.charCodeAt(end - 1) === 0x22 /* " */) end--;
  return spanOf(text, start, Math.max(start, end));
}

function collectPlain(text: string, field: Node, kind: NpmDependencyKind, out: NpmDependency[]): void {
  for (const [keyNode, valueNode] of stringProperties(field)) {
    if (valueNode.type !== 'string' || typeof valueNode.value !== 'string') continue;
    const name = keyNode.value as string;
    if (name === '') continue;
    out.push(describe(kind, stringContent(text, keyNode), name, stringContent(text, valueNode), valueNode.value));
  }
}

const MAX_OVERRIDE_DEPTH = 32;

function collectOverrides(
  text: string,
  object: Node,
  kind: NpmDependencyKind,
  path: readonly string[],
  out: NpmDependency[],
  depth: number,
): void {
  if (depth > MAX_OVERRIDE_DEPTH) return;
  for (const [keyNode, valueNode] of stringProperties(object)) {
    const selector = keyNode.value as string;
    if (selector === '.') {
      // npm: `"foo": { ".": "1.0.0", "bar": "2" }` overrides foo itself; the name is the parent's.
      const parent = path[path.length - 1];
      const parentKey = parent === undefined ? undefined : selectorName(kind, parent);
      if (parentKey && valueNode.type === 'string' && typeof valueNode.value === 'string') {
        out.push({
          ...describe(kind, stringContent(text, keyNode), parentKey.name, stringContent(text, valueNode), valueNode.value),
          overridePath: path,
        });
      }
      continue;
    }
    if (valueNode.type === 'object') {
      collectOverrides(text, valueNode, kind, [...path, selector], out, depth + 1);
      continue;
    }
    if (valueNode.type !== 'string' || typeof valueNode.value !== 'string') continue;
    const keySpan = stringContent(text, keyNode);
    const located = selectorName(kind, selector);
    if (!located) continue;
    // Offsets inside the key are only exact when the key has no escapes.
    const nameSpan =
      keySpan.text === selector
        ? spanOf(text, keySpan.start + located.offset, keySpan.start + located.offset + located.name.length)
        : keySpan;
    const dep = describe(kind, nameSpan, located.name, stringContent(text, valueNode), valueNode.value);
    out.push(path.length > 0 ? { ...dep, overridePath: path } : dep);
  }
}

/**
 * The package an override selector targets, and where its name starts in the selector:
 * npm `foo@^1`, yarn `**\/a/@s/b` (last package of the path), pnpm `a@1>b@2` (after the last `>`).
 */
function selectorName(kind: NpmDependencyKind, selector: string): { name: string; offset: number } | undefined {
  let offset = 0;
  if (kind === 'pnpm.overrides') {
    const gt = selector.lastIndexOf('>');
    offset = gt + 1;
  } else if (kind === 'resolutions') {
    const parts = selector.split('/');
    // Walk back to the last package: `@scope/name` spans two segments.
    let index = parts.length - 1;
    const prev = parts[index - 1];
    if (index > 0 && prev?.startsWith('@')) index--;
    offset = parts.slice(0, index).reduce((sum, part) => sum + part.length + 1, 0);
  }
  const rest = selector.slice(offset);
  // The version part of `name@range` starts at the first `@` after the name (a scope's `@` is at 0).
  const at = rest.indexOf('@', 1);
  const name = at === -1 ? rest : rest.slice(0, at);
  if (name === '' || name === '**' || name === '*') return undefined;
  return { name, offset };
}

/** Protocols of pnpm and yarn that npm refuses (EUNSUPPORTEDPROTOCOL): none of them is a registry lookup. */
const FOREIGN_PROTOCOLS: ReadonlyArray<[string, NpmSpecType]> = [
  ['workspace:', 'workspace'],
  ['catalog:', 'catalog'],
  ['link:', 'link'],
  ['portal:', 'link'],
  ['patch:', 'patch'],
  ['exec:', 'exec'],
];

interface Classified {
  readonly packageName: string;
  readonly specType: NpmSpecType;
  readonly fromRegistry: boolean;
  readonly range?: string;
  readonly rangeSpan?: TextSpan;
  readonly pinned?: string;
  readonly refusedName?: { readonly name: string; readonly span: TextSpan };
}

function describe(
  kind: NpmDependencyKind,
  nameSpan: TextSpan,
  name: string,
  versionSpan: TextSpan,
  spec: string,
): NpmDependency {
  const c = classify(kind, nameSpan, name, versionSpan, spec);
  // One flat object per dependency: a huge manifest has tens of thousands of them.
  const dep: { -readonly [K in keyof NpmDependency]: NpmDependency[K] } = {
    kind,
    name: nameSpan,
    version: versionSpan,
    packageName: c.packageName,
    unscopedName: c.packageName,
    specType: c.specType,
    fromRegistry: c.fromRegistry,
  };
  if (c.packageName.startsWith('@')) {
    const slash = c.packageName.indexOf('/');
    if (slash > 1) {
      dep.scope = c.packageName.slice(1, slash);
      dep.unscopedName = c.packageName.slice(slash + 1);
    }
  }
  if (c.range !== undefined) dep.range = c.range;
  if (c.rangeSpan) dep.rangeSpan = c.rangeSpan;
  if (c.pinned !== undefined) dep.pinned = c.pinned;
  if (c.refusedName) dep.refusedName = c.refusedName;
  return dep;
}

/** Every spec goes through npm's own parser (npmSpec.ts) first: only what npm would fetch from a registry is looked up. */
function classify(kind: NpmDependencyKind, nameSpan: TextSpan, name: string, versionSpan: TextSpan, spec: string): Classified {
  const exact = versionSpan.text === spec;
  if ((kind === 'overrides' || kind === 'pnpm.overrides') && spec.trim().startsWith('$')) {
    return { packageName: name, specType: 'reference', fromRegistry: false };
  }
  const npm = resolveNpmSpec(name, spec);
  if (npm.type === 'error') {
    if (npm.code === 'EINVALIDPACKAGENAME') return { packageName: name, specType: 'invalid', fromRegistry: false, refusedName: refusedNameOf(nameSpan, name, versionSpan, spec) };
    if (npm.code !== 'EUNSUPPORTEDPROTOCOL') return { packageName: name, specType: 'invalid', fromRegistry: false };
    const lower = spec.toLowerCase();
    const foreign = FOREIGN_PROTOCOLS.find(([prefix]) => lower.startsWith(prefix));
    return { packageName: name, specType: foreign ? foreign[1] : 'unsupported', fromRegistry: false };
  }
  if (npm.lookupName === undefined || npm.wanted === undefined) return { packageName: name, specType: npm.type, fromRegistry: false };
  const base = {
    packageName: npm.lookupName,
    specType: npm.type,
    fromRegistry: true,
    range: npm.wanted,
    ...(npm.pinned !== undefined ? { pinned: npm.pinned } : {}),
  };
  if (!exact) return base;
  if (npm.type !== 'alias') return { ...base, rangeSpan: trimInside(versionSpan) };
  // `npm:@scope/pkg@^1` → the range is whatever follows the target's name and its `@`.
  const raw = npm.aliasRawSpec ?? '';
  if (raw !== '' && spec.endsWith(raw)) return { ...base, rangeSpan: trimInside(sub(versionSpan, spec.length - raw.length)) };
  return base;
}

/**
 * The name npa refused: an `npm:` alias's target when the key itself is a valid name (npa checks the key first, so a
 * refused key is the key), else the key. The alias target is said on the value, as written.
 */
function refusedNameOf(nameSpan: TextSpan, name: string, versionSpan: TextSpan, spec: string): { name: string; span: TextSpan } {
  const alias = /^npm:(@?[^@]*)/i.exec(spec.trim());
  if (alias && resolveNpmSpec(name, 'latest').type !== 'error') return { name: alias[1]!, span: versionSpan };
  return { name, span: nameSpan };
}

/** The tail of a span from `offset` on (the span's text is the raw source, so offsets line up). */
function sub(span: TextSpan, offset: number): TextSpan {
  return { start: span.start + offset, end: span.end, text: span.text.slice(offset) };
}

function trimInside(span: TextSpan): TextSpan {
  const lead = span.text.length - span.text.trimStart().length;
  const trail = span.text.length - span.text.trimEnd().length;
  // All blank: an empty span where the range would go.
  if (lead >= span.text.length) return { start: span.start, end: span.start, text: '' };
  return { start: span.start + lead, end: span.end - trail, text: span.text.slice(lead, span.text.length - trail) };
}
