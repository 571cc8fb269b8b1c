// The hover's Markdown: package, repository, latest, the newest versions with date, status and whether they
// satisfy the declared range, and command links. Everything the server sent is escaped; the only links are
// to this extension's own commands (the hover is trusted for exactly those ids). Pure: no vscode.
import { escapeMarkdown, inlineCode } from '../core/markdown';
import { analyze } from './dependencyInsight';
import type { PackageLocation } from '../explorer/packageLocation';
import type { ManifestDependency } from './manifestDependencies';
import type { RepositoryTarget } from './repositoryResolver';
import type { PackageVersions } from './versionSource';

export const UPDATE_COMMAND = 'codeartifact.updateDependency';
export const SHOW_VERSIONS_COMMAND = 'codeartifact.showDependencyVersions';
export const COPY_SNIPPET_COMMAND = 'codeartifact.copyDependencySnippet';
/** Registered by the explorer (explorer/commands.ts); takes a PackageLocation. */
export const REVEAL_COMMAND = 'codeartifact.revealPackage';
/** The commands a hover may link to; nothing else is trusted. */
export const HOVER_COMMANDS: readonly string[] = [UPDATE_COMMAND, SHOW_VERSIONS_COMMAND, COPY_SNIPPET_COMMAND, REVEAL_COMMAND];

export interface HoverLinks {
  /** Arguments for the update command (the document and the edit); absent when no update applies. */
  readonly update?: unknown;
  readonly showVersions: unknown;
  readonly copySnippet?: unknown;
  /** Arguments for the explorer's reveal command; absent when the repository itself does not hold the package. */
  readonly reveal?: unknown;
}

/** Where the explorer finds the dependency: the reveal link's argument. */
export function packageLocationOf(dep: ManifestDependency, target: RepositoryTarget): PackageLocation {
  return {
    domain: target.domain,
    ...(target.owner ? { owner: target.owner } : {}),
    repository: target.repository,
    format: target.format,
    ...(dep.namespace ? { namespace: dep.namespace } : {}),
    name: dep.name,
  };
}

/** `command:id?args` with the JSON percent-encoded, parentheses included, so no argument can end the link. */
export function commandLink(label: string, command: string, args: unknown): string {
  const encoded = encodeURIComponent(JSON.stringify([args])).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${escapeMarkdown(label)}](command:${command}?${encoded})`;
}

function day(date: Date | undefined): string {
  return date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(0, 10) : '';
}

const MARKED = new Set(['Unlisted', 'Archived', 'Disposed', 'Unfinished', 'Deleted']);

export function hoverMarkdown(
  dep: ManifestDependency,
  target: RepositoryTarget,
  pkg: PackageVersions,
  links: HoverLinks,
  newest = 8,
): string {
  const repo = `${target.domain}/${target.repository}`;
  const lines: string[] = [];
  lines.push(`**${escapeMarkdown(dep.displayName)}** from CodeArtifact ${inlineCode(repo)} *(${escapeMarkdown(target.source)})*`);
  lines.push('');
  if (!pkg.found) {
    lines.push(`Not available through ${inlineCode(repo)} or its upstreams.`);
    return lines.join('\n');
  }
  const insight = analyze(dep, pkg);
  const facts: string[] = [];
  if (insight.latest) {
    const update = insight.update === 'none' ? 'up to date' : insight.update === 'major' ? '**major update available**' : `${insight.update} update available`;
    facts.push(`Latest: **${escapeMarkdown(insight.latest)}** — ${update}`);
  } else {
    facts.push('No installable version.');
  }
  const range = dep.range.trim();
  if (range !== '') facts.push(`Declared ${inlineCode(range)} → ${insight.resolved ? escapeMarkdown(insight.resolved) : '*nothing satisfies it*'}`);
  const tags = Object.entries(pkg.distTags).filter(([tag]) => tag !== 'latest');
  if (tags.length > 0) facts.push(`Tags: ${tags.map(([tag, v]) => `${escapeMarkdown(tag)} ${escapeMarkdown(v)}`).join(', ')}`);
  lines.push(facts.join('  \n'));
  lines.push('');
  lines.push('| Version | Published | Status | |');
  lines.push('|---|---|---|---|');
  for (const v of pkg.versions.slice(0, newest)) {
    const status = MARKED.has(v.status) ? `**${escapeMarkdown(v.status)}**` : v.deprecated ? '**Deprecated**' : escapeMarkdown(v.status);
    const mark = insight.satisfying.has(v.version) ? '✓ satisfies' : '';
    const isLatest = v.version === insight.latest ? ' *(latest)*' : '';
    lines.push(`| ${escapeMarkdown(v.version)}${isLatest} | ${day(v.publishedTime)} | ${status} | ${mark} |`);
  }
  lines.push('');
  const actions: string[] = [];
  if (links.update !== undefined && insight.latest) actions.push(commandLink(`Update to ${insight.latest}`, UPDATE_COMMAND, links.update));
  actions.push(commandLink(pkg.versions.length > newest ? `Show all ${pkg.versions.length} versions` : 'Show versions', SHOW_VERSIONS_COMMAND, links.showVersions));
  if (links.copySnippet !== undefined) actions.push(commandLink('Copy install snippet', COPY_SNIPPET_COMMAND, links.copySnippet));
  if (links.reveal !== undefined) actions.push(commandLink('Reveal in CodeArtifact Explorer', REVEAL_COMMAND, links.reveal));
  lines.push(actions.join(' · '));
  return lines.join('\n');
}
