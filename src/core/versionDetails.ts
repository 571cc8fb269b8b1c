// The Markdown document for "Show Version Details". Everything from the API is escaped; the readme is shown
// as source in a fence, never rendered, so that it cannot inject links, HTML or command URIs.
import { escapeMarkdown, fencedBlock, formatBytes, formatTime, inlineCode, safeLink } from './markdown';
import { displayPackageName, installSnippet } from './snippets';
import { describeOrigin } from './versionStatus';

export interface DependencyLike {
  namespace?: string;
  package: string;
  dependencyType?: string;
  versionRequirement?: string;
}

/** A dependency's name as its ecosystem writes it (`@scope/name`, `group:artifact`). */
export function dependencyName(format: string, d: DependencyLike): string {
  return displayPackageName(format, d.namespace, d.package);
}

export const HASH_ORDER = ['SHA-256', 'SHA-512', 'SHA-1', 'MD5'];
/** Hash algorithms in the order people look for them (SHA-256 first). */
export function sortedHashes(hashes: Record<string, string>): [string, string][] {
  const rank = (algo: string) => (HASH_ORDER.includes(algo) ? HASH_ORDER.indexOf(algo) : HASH_ORDER.length);
  return Object.entries(hashes).sort(([x], [y]) => rank(x) - rank(y));
}

export interface VersionDetailsInput {
  domain: string;
  domainOwner: string;
  repository: string;
  format: string;
  namespace?: string;
  package: string;
  version: string;
  details?: {
    displayName?: string;
    summary?: string;
    homePage?: string;
    sourceCodeRepository?: string;
    publishedTime?: Date;
    licenses: { name?: string; url?: string }[];
    revision?: string;
    status?: string;
    origin?: { type?: string; repositoryName?: string; externalConnectionName?: string };
  };
  assets?: { name: string; size?: number; hashes: Record<string, string> }[];
  assetsTruncated?: boolean;
  /** ListPackageVersionDependencies (first page). */
  dependencies?: DependencyLike[];
  dependenciesTruncated?: boolean;
  readme?: string;
  /** The package group that governs the package (GetAssociatedPackageGroup) and its origin restrictions in one line. */
  packageGroup?: { pattern: string; associationType?: string; restrictions?: string };
  /** Parts that failed to load, with a person-readable reason each. */
  problems?: string[];
}

export function renderVersionDetails(v: VersionDetailsInput): string {
  const name = v.details?.displayName ?? displayPackageName(v.format, v.namespace, v.package);
  const lines: string[] = [];
  lines.push(`# ${escapeMarkdown(name)} ${escapeMarkdown(v.version)}`, '');
  if (v.details?.summary) lines.push(escapeMarkdown(v.details.summary), '');

  const d = v.details;
  lines.push('| | |', '|---|---|');
  // Cells are escaped already; pipes inside code spans and link targets still need a backslash in a table.
  const row = (k: string, val: string) => lines.push(`| ${k} | ${val.replace(/(?<!\\)\|/g, '\\|')} |`);
  row('Format', escapeMarkdown(v.format));
  row('Repository', escapeMarkdown(`${v.domain}/${v.repository}`) + (v.domainOwner ? ` (account ${escapeMarkdown(v.domainOwner)})` : ''));
  if (d) {
    row('Status', escapeMarkdown(d.status ?? 'unknown'));
    row('Published', escapeMarkdown(formatTime(d.publishedTime)));
    const origin = describeOrigin(d.origin, v.repository);
    if (origin) row('Origin', escapeMarkdown(origin));
    row('Licenses', d.licenses.length ? d.licenses.map((l) => safeLink(l.name ?? l.url ?? 'license', l.url)).join(', ') : 'none declared');
    if (d.homePage) row('Homepage', safeLink(d.homePage, d.homePage));
    if (d.sourceCodeRepository) row('Source', safeLink(d.sourceCodeRepository, d.sourceCodeRepository));
    if (d.revision) row('Revision', inlineCode(d.revision));
  }
  if (v.packageGroup) row('Package group', packageGroupText(v.packageGroup, inlineCode, escapeMarkdown));
  lines.push('');

  lines.push('## Install', '', fencedBlock(installSnippet({ format: v.format, namespace: v.namespace, name: v.package, version: v.version }), v.format === 'maven' ? 'xml' : 'sh'), '');

  if (v.assets) {
    lines.push('## Assets', '');
    if (v.assets.length === 0) lines.push('No assets.', '');
    for (const a of v.assets) {
      lines.push(`- ${inlineCode(a.name)} — ${escapeMarkdown(formatBytes(a.size))}`);
      for (const [algo, hash] of sortedHashes(a.hashes)) lines.push(`  - ${escapeMarkdown(algo)}: ${inlineCode(hash)}`);
    }
    if (v.assetsTruncated) lines.push('', 'More assets exist than are listed here.');
    lines.push('');
  }

  if (v.dependencies) {
    lines.push('## Dependencies', '');
    if (v.dependencies.length === 0) lines.push('No dependencies.', '');
    for (const d of v.dependencies) {
      const extra = [d.versionRequirement ? inlineCode(d.versionRequirement) : '', d.dependencyType ? `(${escapeMarkdown(d.dependencyType)})` : ''].filter(Boolean).join(' ');
      lines.push(`- ${inlineCode(dependencyName(v.format, d))}${extra ? ` ${extra}` : ''}`);
    }
    if (v.dependenciesTruncated) lines.push('', 'More dependencies exist than are listed here.');
    lines.push('');
  }

  if (v.readme) lines.push('## Readme', '', fencedBlock(v.readme, 'markdown'), '');
  if (v.problems?.length) {
    lines.push('## Not loaded', '');
    for (const p of v.problems) lines.push(`- ${escapeMarkdown(p)}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** `/npm/acme/* (weak match) — publish ALLOW · external BLOCK`, with the caller's quoting for code and text. */
export function packageGroupText(g: NonNullable<VersionDetailsInput['packageGroup']>, code: (s: string) => string, plain: (s: string) => string): string {
  const weak = g.associationType === 'WEAK' ? plain(' (weak match)') : '';
  return `${code(g.pattern)}${weak}${g.restrictions ? plain(` — ${g.restrictions}`) : ''}`;
}
