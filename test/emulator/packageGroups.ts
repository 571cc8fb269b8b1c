// Package groups as CodeArtifact defines them (user guide: "Package group definition syntax and matching
// behavior", "Package group origin controls"): a pattern over format/namespace/name, a hierarchy by pattern
// containment, the most specific matching group governs a package, INHERIT takes the first non-INHERIT mode up
// the hierarchy. Only type imports from model.ts, so model.ts can use these rules without an import cycle.
import type { Domain, Format } from './model';

export const RESTRICTION_TYPES = ['EXTERNAL_UPSTREAM', 'INTERNAL_UPSTREAM', 'PUBLISH'] as const;
export type RestrictionType = (typeof RESTRICTION_TYPES)[number];
export const RESTRICTION_MODES = ['ALLOW', 'ALLOW_SPECIFIC_REPOSITORIES', 'BLOCK', 'INHERIT'] as const;
export type RestrictionMode = (typeof RESTRICTION_MODES)[number];

const PATTERN_FORMATS = ['npm', 'pypi', 'maven', 'nuget', 'generic', 'ruby', 'swift', 'cargo'] as const satisfies readonly Format[];
/** Formats whose packages have no namespace: their patterns carry an empty namespace component. */
const NO_NAMESPACE: readonly Format[] = ['pypi', 'nuget', 'ruby', 'cargo'];
/** Formats whose packages always have a namespace: a pattern naming a package must name its namespace. */
const NAMESPACE_REQUIRED: readonly Format[] = ['maven', 'generic', 'swift'];

export interface PackageGroup {
  pattern: string;
  /** Epoch seconds. */
  createdTime: number;
  description?: string;
  contactInfo?: string;
  modes: Record<RestrictionType, RestrictionMode>;
  /** Allowed repository lists, kept whatever the mode (they matter only for ALLOW_SPECIFIC_REPOSITORIES). */
  allowed: Record<RestrictionType, string[]>;
}

/** Ordered from least to most specific. */
const LEVELS = ['all', 'format', 'namespacePrefix', 'namespace', 'namePrefix', 'exact'] as const;
type Level = (typeof LEVELS)[number];

export interface ParsedPattern {
  level: Level;
  format?: Format;
  /** The namespace ('' for none), or its prefix at level namespacePrefix. */
  namespace?: string;
  /** The name, or its prefix at level namePrefix. */
  name?: string;
}

export const ROOT_PATTERN = '/*';

export function rootGroup(createdTime: number): PackageGroup {
  return { pattern: ROOT_PATTERN, createdTime, modes: { EXTERNAL_UPSTREAM: 'ALLOW', INTERNAL_UPSTREAM: 'ALLOW', PUBLISH: 'ALLOW' }, allowed: { EXTERNAL_UPSTREAM: [], INTERNAL_UPSTREAM: [], PUBLISH: [] } };
}

export function newGroup(pattern: string, createdTime: number): PackageGroup {
  return { pattern, createdTime, modes: { EXTERNAL_UPSTREAM: 'INHERIT', INTERNAL_UPSTREAM: 'INHERIT', PUBLISH: 'INHERIT' }, allowed: { EXTERNAL_UPSTREAM: [], INTERNAL_UPSTREAM: [], PUBLISH: [] } };
}

/** PEP 503, as model.ts normalizes PyPI names. */
function normalizePypi(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** A pattern's parts, or a message saying (in the service's terms) why it is not a package group definition. */
export function parsePattern(pattern: string): ParsedPattern | string {
  const bad = (why: string): string => `Invalid package group pattern '${pattern}': ${why}`;
  if (!pattern.startsWith('/')) return bad("it must start with '/'");
  if (pattern === ROOT_PATTERN) return { level: 'all' };
  const suffix = pattern.slice(-1);
  let body: string;
  if (suffix === '*') {
    if (!pattern.endsWith('/*')) return bad("'*' must follow a '/'");
    body = pattern.slice(1, -2);
  } else if (suffix === '~' || suffix === '$') {
    body = pattern.slice(1, -1);
  } else {
    return bad("it must end with '*', '~' or '$'");
  }
  if (/[*~$]/.test(body)) return bad("'*', '~' and '$' may appear only at the end");
  const parts = body.split('/');
  const format = parts[0] as Format;
  if (!(PATTERN_FORMATS as readonly string[]).includes(format)) return bad(`'${parts[0]}' is not a package format (${PATTERN_FORMATS.join(', ')})`);
  let parsed: ParsedPattern;
  if (suffix === '*' && parts.length === 1) parsed = { level: 'format', format };
  else if (suffix === '*' && parts.length === 2) parsed = { level: 'namespace', format, namespace: parts[1] };
  else if (suffix === '~' && parts.length === 2) parsed = { level: 'namespacePrefix', format, namespace: parts[1] };
  else if (suffix === '~' && parts.length === 3) parsed = { level: 'namePrefix', format, namespace: parts[1], name: parts[2] };
  else if (suffix === '$' && parts.length === 3) parsed = { level: 'exact', format, namespace: parts[1], name: parts[2] };
  else return bad('use /*, /FORMAT/*, /FORMAT/NAMESPACE~, /FORMAT/NAMESPACE/*, /FORMAT/NAMESPACE/NAME~ or /FORMAT/NAMESPACE/NAME$');
  const ns = parsed.namespace;
  if (parsed.level === 'namespacePrefix' && ns === '') return bad('a namespace prefix must not be empty');
  if ((parsed.level === 'namePrefix' || parsed.level === 'exact') && parsed.name === '') return bad('a package name must not be empty');
  if (ns !== undefined && ns !== '' && NO_NAMESPACE.includes(format)) return bad(`${format} packages have no namespace: leave the namespace empty (/${format}//NAME$)`);
  if (ns === '' && parsed.name !== undefined && NAMESPACE_REQUIRED.includes(format)) return bad(`${format} packages have a namespace: include it before the name`);
  if (format === 'npm' && ns?.startsWith('@')) return bad("npm scopes are given without '@' (/npm/scope/*)");
  if (format === 'pypi' && parsed.name !== undefined && normalizePypi(parsed.name) !== parsed.name) return bad(`Python names must be normalized ('${normalizePypi(parsed.name)}')`);
  return parsed;
}

function level(p: ParsedPattern): number {
  return LEVELS.indexOf(p.level);
}

/** Whether every package `inner` matches is also matched by `outer` (outer ≠ inner). */
function contains(outer: ParsedPattern, inner: ParsedPattern): boolean {
  if (outer.level === 'all') return inner.level !== 'all';
  if (inner.format !== outer.format || level(inner) < level(outer)) return false;
  const ns = inner.namespace ?? '';
  switch (outer.level) {
    case 'format':
      return inner.level !== 'format';
    case 'namespacePrefix':
      return ns.startsWith(outer.namespace ?? '') && !(inner.level === 'namespacePrefix' && ns === outer.namespace);
    case 'namespace':
      return ns === outer.namespace && inner.level !== 'namespace' && inner.level !== 'namespacePrefix';
    case 'namePrefix':
      return ns === outer.namespace && (inner.name ?? '').startsWith(outer.name ?? '') && !(inner.level === 'namePrefix' && inner.name === outer.name);
    default:
      return false;
  }
}

/** Positive when `a` is more specific than `b`: by level, then by the length of a prefix. */
function specificity(a: ParsedPattern, b: ParsedPattern): number {
  const byLevel = level(a) - level(b);
  if (byLevel !== 0) return byLevel;
  const len = (p: ParsedPattern): number => (p.level === 'namePrefix' ? (p.name ?? '').length : p.level === 'namespacePrefix' ? (p.namespace ?? '').length : 0);
  return len(a) - len(b);
}

function parsedOf(group: PackageGroup): ParsedPattern {
  const p = parsePattern(group.pattern);
  if (typeof p === 'string') throw new Error(p);
  return p;
}

/** The direct parent: the most specific other group whose pattern contains this one's. */
export function parentOf(domain: Domain, group: PackageGroup): PackageGroup | undefined {
  const inner = parsedOf(group);
  let best: { g: PackageGroup; p: ParsedPattern } | undefined;
  for (const g of domain.packageGroups.values()) {
    if (g === group) continue;
    const p = parsedOf(g);
    if (contains(p, inner) && (!best || specificity(p, best.p) > 0)) best = { g, p };
  }
  return best?.g;
}

export function childrenOf(domain: Domain, group: PackageGroup): PackageGroup[] {
  return [...domain.packageGroups.values()].filter((g) => g !== group && parentOf(domain, g) === group);
}

/** Whether the pattern matches a package, case-sensitively or (for a WEAK association) ignoring case. */
function matches(p: ParsedPattern, format: Format, namespace: string, name: string, ignoreCase: boolean): boolean {
  const eq = (a: string, b: string): boolean => (ignoreCase ? a.toLowerCase() === b.toLowerCase() : a === b);
  const starts = (a: string, b: string): boolean => (ignoreCase ? a.toLowerCase().startsWith(b.toLowerCase()) : a.startsWith(b));
  if (p.level === 'all') return true;
  if (p.format !== format) return false;
  switch (p.level) {
    case 'format':
      return true;
    case 'namespacePrefix':
      return namespace !== '' && starts(namespace, p.namespace ?? '');
    case 'namespace':
      return eq(namespace, p.namespace ?? '');
    case 'namePrefix':
      return eq(namespace, p.namespace ?? '') && starts(name, p.name ?? '');
    default:
      return eq(namespace, p.namespace ?? '') && eq(name, p.name ?? '');
  }
}

export interface Association {
  group: PackageGroup;
  associationType: 'STRONG' | 'WEAK';
}

/** The group that governs a package: the most specific match; WEAK when it matches only ignoring case. */
export function associatedGroup(domain: Domain, format: Format, namespace: string | undefined, name: string): Association {
  const n = format === 'pypi' ? normalizePypi(name) : name;
  let best: { group: PackageGroup; p: ParsedPattern; strong: boolean } | undefined;
  for (const group of domain.packageGroups.values()) {
    const p = parsedOf(group);
    const strong = matches(p, format, namespace ?? '', n, false);
    if (!strong && !matches(p, format, namespace ?? '', n, true)) continue;
    if (!best || specificity(p, best.p) > 0) best = { group, p, strong };
  }
  if (!best) throw new Error(`domain ${domain.name} has no root package group`);
  return { group: best.group, associationType: best.strong ? 'STRONG' : 'WEAK' };
}

/** The mode in effect for a restriction, and the group it comes from (itself unless INHERIT). */
export function effectiveMode(domain: Domain, group: PackageGroup, type: RestrictionType): { mode: Exclude<RestrictionMode, 'INHERIT'>; from: PackageGroup } {
  let g: PackageGroup | undefined = group;
  const seen = new Set<PackageGroup>();
  while (g && !seen.has(g)) {
    seen.add(g);
    const mode = g.modes[type];
    if (mode !== 'INHERIT') return { mode, from: g };
    g = parentOf(domain, g);
  }
  // The root group never inherits (UpdatePackageGroupOriginConfiguration refuses it); be permissive if it did.
  return { mode: 'ALLOW', from: group };
}

/**
 * Whether the package's group lets versions enter `repository` this way: EXTERNAL_UPSTREAM for the repository
 * holding the external connection, INTERNAL_UPSTREAM for one retaining from its upstream, PUBLISH for the target.
 */
export function groupAllows(domain: Domain, type: RestrictionType, repository: string, format: Format, namespace: string | undefined, name: string): boolean {
  const { group } = associatedGroup(domain, format, namespace, name);
  const { mode, from } = effectiveMode(domain, group, type);
  if (mode === 'ALLOW') return true;
  if (mode === 'BLOCK') return false;
  return from.allowed[type].includes(repository);
}

/**
 * `…:package-group/DOMAIN` + the pattern with each path segment URL-encoded (`$` → `%24`), so an IAM resource
 * `package-group/acme/npm/*` covers the groups under /npm.
 */
export function packageGroupArn(domain: Pick<Domain, 'region' | 'owner' | 'name'>, pattern: string): string {
  const encoded = pattern.split('/').map((segment) => encodeURIComponent(segment).replace(/%2A/gi, '*')).join('/');
  return `arn:aws:codeartifact:${domain.region}:${domain.owner}:package-group/${domain.name}${encoded}`;
}
