// The hover's Markdown: package, repository, latest, the newest versions with date, status (yanked, Python
// requirement) and whether they satisfy the declared range, what is missing when a source failed, and command
// links. Everything the server sent is escaped; the only links are to this extension's own commands (the hover is
// trusted for exactly those ids). Every field is cut to a length and the lists are capped, so that the hover
// stays small whatever the server or manifest holds. Pure: no vscode.
import { describeNonAscii, DISPLAY_LIMITS } from '../core/displayText';
import { escapeMarkdown, inlineCode } from '../core/markdown';
import { analyze, refusedNameText } from './dependencyInsight';
import type { PackageLocation } from '../explorer/packageLocation';
import type { ManifestDependency } from './manifestDependencies';
import type { RepositoryTarget } from './repositoryResolver';
import type { Ecosystem } from '../core/versioning/versions';
import type { PackageVersions, PartialAnswer } from './versionSource';

export const UPDATE_COMMAND = 'codeartifact.updateDependency';
export const SHOW_VERSIONS_COMMAND = 'codeartifact.showDependencyVersions';
export const COPY_SNIPPET_COMMAND = 'codeartifact.copyDependencySnippet';
/** Resolves its link id to a PackageLocation and runs the explorer's `codeartifact.revealPackage`. */
export const REVEAL_COMMAND = 'codeartifact.revealDependency';
export const APPROVE_DOMAIN_COMMAND = 'codeartifact.approveDomain';
/** VS Code's own "Manage Workspace Trust" editor; takes no arguments. */
export const MANAGE_TRUST_COMMAND = 'workbench.trust.manage';
/** The commands a hover may link to; nothing else is trusted. Each takes only a link id (see linkArgs.ts). */
export const HOVER_COMMANDS: readonly string[] = [UPDATE_COMMAND, SHOW_VERSIONS_COMMAND, COPY_SNIPPET_COMMAND, REVEAL_COMMAND, APPROVE_DOMAIN_COMMAND, MANAGE_TRUST_COMMAND];

/** Link ids (LinkArgStore) of the hover's actions; the data behind them stays in the extension. */
export interface HoverLinks {
  /** Absent when no update applies. */
  readonly update?: string;
  /** What the update link's edit does (its label); default `latest`. */
  readonly updateTo?: 'latest' | 'latestCompatible';
  readonly showVersions: string;
  readonly copySnippet?: string;
  /** Absent when the repository itself does not hold the package. */
  readonly reveal?: string;
  /** What the lockfile next to the manifest has installed (a plain version, checked by installedVersions.ts). */
  readonly installed?: { readonly version: string; readonly lockfile: string };
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

/**
 * `command:id?["LINK_ID"]`, percent-encoded, parentheses included. The label is one of ours and holds no server or
 * manifest text: VS Code's renderer is not markdown-it, and an escape that one parser honours another may not.
 */
export function commandLink(label: string, command: string, linkId?: string): string {
  if (linkId === undefined) return `[${text(label)}](command:${command})`;
  const encoded = encodeURIComponent(JSON.stringify([linkId])).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${text(label)}](command:${command}?${encoded})`;
}

/** A command link longer than this (a huge name in its arguments) is left out rather than bloat the hover. */
export const MAX_COMMAND_LINK = 8192;
/** Dist-tags beyond these are counted, not listed. */
export const MAX_HOVER_TAGS = 10;

const text = (s: string): string => escapeMarkdown(s, DISPLAY_LIMITS.hoverField);
const code = (s: string): string => inlineCode(s, DISPLAY_LIMITS.hoverField);

/** Package names are ASCII on npm, PyPI and Maven: anything else may be a look-alike of a real package. */
export function lookAlikeNote(name: string): string | undefined {
  const chars = describeNonAscii(name);
  if (chars.length === 0) return undefined;
  return `⚠ The name contains non-ASCII characters: ${chars.map(text).join(', ')}. Make sure it is the package you mean.`;
}

function day(date: Date | undefined): string {
  return date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(0, 10) : '';
}

/** Versions a hover's table shows (and, for Maven, dates: publishedDates.ts). */
export const HOVER_ROWS = 8;

const MARKED = new Set(['Unlisted', 'Archived', 'Disposed', 'Unfinished', 'Deleted']);
/** A yank reason inside the table is kept short; the reason of a partial answer gets more room. */
const MAX_YANK_REASON = 80;
const MAX_PARTIAL_REASON = 2 * DISPLAY_LIMITS.hoverField;
const TOOL: Record<Ecosystem, string> = { npm: 'npm', pypi: 'pip', maven: 'Maven', nuget: 'NuGet', swift: 'SwiftPM', cargo: 'cargo', ruby: 'Bundler' };

/** What a partial answer lacks, then why (escaped: the reason quotes what the server sent). */
export function partialNote(partial: PartialAnswer, ecosystem: Ecosystem): string {
  const missing =
    partial.missing === 'index'
      ? `Only the repository's own versions are shown: which versions ${TOOL[ecosystem]} can install through it, upstreams included, is unknown.`
      : partial.missing === 'oldStatuses'
        ? 'Statuses of the oldest versions are missing: those the repository hides are not shown and the rest are assumed Published.'
        : 'Statuses are missing: versions the repository hides (Unlisted, Archived, …) are not shown and the rest are assumed Published.';
  return `⚠ ${missing} ${escapeMarkdown(partial.reason, MAX_PARTIAL_REASON)}`;
}

function statusCell(v: PackageVersions['versions'][number]): string {
  const python = v.requiresPython ? ` · Python ${text(v.requiresPython)}` : '';
  if (MARKED.has(v.status)) return `**${text(v.status)}**${python}`;
  if (v.yanked !== undefined) return `**Yanked**${v.yanked ? `: ${escapeMarkdown(v.yanked, MAX_YANK_REASON)}` : ''}${python}`;
  return `${v.deprecated ? '**Deprecated**' : text(v.status)}${python}`;
}

export function hoverMarkdown(
  dep: ManifestDependency,
  target: RepositoryTarget,
  pkg: PackageVersions,
  links: HoverLinks,
  newest = HOVER_ROWS,
): string {
  const repo = `${target.domain}/${target.repository}`;
  const lines: string[] = [];
  lines.push(`**${text(dep.displayName)}** from CodeArtifact ${code(repo)} *(${text(target.source)})*`);
  lines.push('');
  const note = lookAlikeNote(dep.displayName);
  if (note) lines.push(note, '');
  if (!pkg.found) {
    lines.push(`Not available through ${code(repo)} or its upstreams.`);
    if (pkg.partial) lines.push('', partialNote(pkg.partial, dep.ecosystem));
    return lines.join('\n');
  }
  const insight = analyze(dep, pkg);
  const facts: string[] = [];
  if (insight.latest) {
    const update = insight.unsatisfied
      ? '**no version matches the declared range**'
      : dep.versionNote?.unknown !== undefined
        ? 'the version in use is unknown'
      : insight.update === 'none'
        ? 'up to date'
        : insight.update === 'major'
          ? '**major update available**'
          : `${insight.update} update available`;
    facts.push(`Latest: **${text(insight.latest)}** — ${update}`);
  } else if (pkg.partial?.missing === 'index') {
    facts.push('Latest: *unknown*');
  } else {
    facts.push(pkg.versions.some((v) => v.yanked !== undefined) ? 'No installable version: the releases listed are yanked.' : 'No installable version.');
  }
  const range = dep.range.trim();
  const unresolved = pkg.partial?.missing === 'index' ? '*unknown without the index*' : '*nothing satisfies it*';
  if (range !== '') facts.push(`Declared ${code(range)} → ${insight.resolved ? text(insight.resolved) : unresolved}`);
  if (links.installed) facts.push(`Installed: **${text(links.installed.version)}** *(${text(links.installed.lockfile)})*`);
  if (dep.versionNote?.unknown !== undefined) facts.push(`Version: *unknown* — ${text(dep.versionNote.unknown)}`);
  else if (dep.versionNote?.origin !== undefined) facts.push(`Version from ${text(dep.versionNote.origin)}`);
  const tags = Object.entries(pkg.distTags).filter(([tag]) => tag !== 'latest');
  if (tags.length > 0) {
    const more = tags.length > MAX_HOVER_TAGS ? ` and ${tags.length - MAX_HOVER_TAGS} more` : '';
    facts.push(`Tags: ${tags.slice(0, MAX_HOVER_TAGS).map(([tag, v]) => `${text(tag)} ${text(v)}`).join(', ')}${more}`);
  }
  lines.push(facts.join('  \n'));
  lines.push('');
  if (pkg.partial) lines.push(partialNote(pkg.partial, dep.ecosystem), '');
  lines.push('| Version | Published | Status | |');
  lines.push('|---|---|---|---|');
  for (const v of pkg.versions.slice(0, newest)) {
    const status = statusCell(v);
    const mark = insight.satisfying.has(v.version) ? '✓ satisfies' : '';
    const isLatest = v.version === insight.latest ? ' *(latest)*' : '';
    lines.push(`| ${text(v.version)}${isLatest} | ${day(v.publishedTime)} | ${status} | ${mark} |`);
  }
  lines.push('');
  const actions: string[] = [];
  if (links.update !== undefined && insight.latest) actions.push(commandLink(links.updateTo === 'latestCompatible' ? 'Update to latest compatible' : 'Update to latest', UPDATE_COMMAND, links.update));
  actions.push(commandLink(pkg.versions.length > newest ? `Show all ${pkg.versions.length} versions` : 'Show versions', SHOW_VERSIONS_COMMAND, links.showVersions));
  if (links.copySnippet !== undefined) actions.push(commandLink('Copy install snippet', COPY_SNIPPET_COMMAND, links.copySnippet));
  if (links.reveal !== undefined) actions.push(commandLink('Reveal in CodeArtifact Explorer', REVEAL_COMMAND, links.reveal));
  lines.push(actions.filter((a) => a.length <= MAX_COMMAND_LINK).join(' · '));
  return lines.join('\n');
}

/** Restricted Mode: the folder's registry is not read, and no user-level repository applies. */
export function trustNoteMarkdown(dep: ManifestDependency): string {
  return [
    `**${text(dep.displayName)}**: Trust this folder to see versions from its registry.`,
    '',
    "In Restricted Mode CodeArtifact does not read the folder's `.npmrc`, pip options or `pom.xml`; only `codeartifact.defaultRepository` from your user settings applies.",
    '',
    commandLink('Manage Workspace Trust', MANAGE_TRUST_COMMAND),
  ].join('\n');
}

/** A domain only the folder names, not yet allowed: nothing was requested for it. */
export function approvalNoteMarkdown(dep: ManifestDependency, target: RepositoryTarget, fileLabel: string, approveId: string): string {
  const account = target.owner ? ` of account ${code(target.owner)}` : '';
  return [
    `**${text(dep.displayName)}**: ${code(fileLabel)} in this folder names the CodeArtifact domain ${code(target.domain)}${account}, which is not one of your domains.`,
    '',
    'No token was requested for it and nothing was sent there. Allow it only if you trust this repository; you can revoke it later with "CodeArtifact: Revoke Domains Allowed for This Folder…".',
    '',
    commandLink('Allow this domain', APPROVE_DOMAIN_COMMAND, approveId),
  ].join('\n');
}

/** A domain only the folder names, not checked yet (offline, signed out): nothing was sent; no link to allow it. */
export function uncheckedDomainMarkdown(dep: ManifestDependency, target: RepositoryTarget, reason: string): string {
  return [
    `**${text(dep.displayName)}**: this folder names the CodeArtifact domain ${code(target.domain)}; whether it is one of your domains could not be checked (${text(reason)}).`,
    '',
    'Nothing was sent there. Versions show once CodeArtifact answers again.',
  ].join('\n');
}

/** Why a Maven repository gives no versions: a blocked mirror stops it (plain text, for the lens and the hover). */
export function mavenBlockedText(target: RepositoryTarget, mirrorId: string): string {
  return `${mavenBlockedTitle(mirrorId)}: mvn downloads nothing from CodeArtifact ${target.domain}/${target.repository}, so no versions are shown. Use the repository's https:// URL.`;
}

/** The lens title: `Maven blocks this http:// repository (maven-default-http-blocker)`. */
export function mavenBlockedTitle(mirrorId: string): string {
  return `Maven blocks ${mirrorId === 'maven-default-http-blocker' ? 'this http:// repository (maven-default-http-blocker)' : `this repository (blocked mirror ${mirrorId})`}`;
}

/** The hover of a dependency whose only CodeArtifact repository Maven blocks. */
export function mavenBlockedMarkdown(dep: ManifestDependency, target: RepositoryTarget, mirrorId: string): string {
  return [`**${text(dep.displayName)}**`, '', `⚠ ${escapeMarkdown(mavenBlockedText(target, mirrorId), MAX_PARTIAL_REASON)}`].join('\n');
}

/** npm-package-arg throws on these names: `npm install` would fail, so nothing is looked up (said on hover and as a diagnostic). */
export function refusedNameMarkdown(name: string): string {
  const note = lookAlikeNote(name);
  return [`⚠ ${text(refusedNameText(name))}`, ...(note ? ['', note] : [])].join('\n');
}
