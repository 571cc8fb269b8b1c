// What each explorer row shows: icon, label, description, tooltip and contextValue, built from data the tree
// already holds (a list call's answer, a loaded level's count), never from a request of its own. Tooltips are
// Markdown in which server text is escaped (core/markdown.ts); treeProvider.ts renders them untrusted. No vscode.
import type { DependencyInfo, DomainInfo, OriginRestrictions, RepositoryDetails, RepositoryInfo, VersionDetails } from '../aws/codeArtifactApi';
import type { CodeArtifactError } from '../aws/errors';
import { escapeMarkdown, formatBytes, formatTime, inlineCode } from '../core/markdown';
import { relativeTime } from '../core/relativeTime';
import { statusStyle } from '../core/versionStatus';
import { summarizeFailure } from '../shared/failureSummary';

export type IconSpec = { codicon: string; color?: string } | { file: string };

/** Everything a tree item shows, without `vscode` types. */
export interface NodeView {
  label: string;
  description?: string;
  /** Markdown, already escaped. */
  tooltip?: string;
  icon?: IconSpec;
  contextValue: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  /** Run on click; the node itself is the only argument unless `arguments` (plain data) are given. */
  command?: { command: string; title: string; arguments?: unknown[] };
}

export const FORMAT_LABELS: Record<string, string> = {
  npm: 'npm',
  pypi: 'PyPI',
  maven: 'Maven',
  nuget: 'NuGet',
  generic: 'Generic',
  ruby: 'Ruby',
  swift: 'Swift',
  cargo: 'Cargo',
};

/** Formats with an icon of their own in media/; others use a codicon. */
const FORMAT_ICON_FILES = new Set(['npm', 'pypi', 'maven']);

export function formatIcon(format: string): IconSpec {
  return FORMAT_ICON_FILES.has(format) ? { file: `format-${format}.svg` } : { codicon: 'package' };
}

export function formatLabel(format: string): string {
  return FORMAT_LABELS[format] ?? format;
}

/** How much of a paged level is on screen: `count` rows, and whether the server has more. */
export interface Loaded {
  count: number;
  more: boolean;
}

/** `6 repositories`, `1 package`, `100+ packages`. */
export function countText(loaded: Loaded, one: string, many: string): string {
  return `${loaded.count}${loaded.more ? '+' : ''} ${loaded.count === 1 && !loaded.more ? one : many}`;
}

function shownText(loaded: Loaded, one: string, many: string): string {
  return loaded.more ? `${loaded.count} ${many} shown; more with "Load more…"` : countText(loaded, one, many);
}

const join = (parts: (string | undefined | false)[]): string | undefined => parts.filter(Boolean).join(' · ') || undefined;

// ---- domains and repositories ----

export function domainItem(d: DomainInfo & { error?: CodeArtifactError }, loaded: Loaded | undefined, described?: DomainInfo): NodeView {
  return {
    label: d.name,
    description: join([d.error ? 'unavailable' : undefined, loaded && countText(loaded, 'repository', 'repositories'), d.owner]),
    tooltip: domainTooltip({ ...d, ...described, error: d.error }, loaded),
    icon: d.error ? { codicon: 'warning', color: 'problemsWarningIcon.foreground' } : { codicon: 'database' },
    contextValue: 'domain',
    collapsible: 'collapsed',
  };
}

export function domainTooltip(d: DomainInfo & { error?: CodeArtifactError }, loaded?: Loaded): string {
  const lines = [`**Domain** ${escapeMarkdown(d.name)}`, '', `Owner: ${escapeMarkdown(d.owner || 'unknown')}`];
  if (d.encryptionKey) lines.push('', `Encryption key: ${inlineCode(d.encryptionKey)}`);
  if (d.repositoryCount !== undefined) lines.push('', `Repositories: ${d.repositoryCount}`);
  else if (loaded) lines.push('', shownText(loaded, 'repository', 'repositories'));
  if (d.assetSizeBytes !== undefined) lines.push('', `Storage: ${escapeMarkdown(formatBytes(d.assetSizeBytes))}`);
  if (d.createdTime) lines.push('', `Created: ${escapeMarkdown(formatTime(d.createdTime))}`);
  if (d.status && d.status !== 'Active') lines.push('', `Status: ${escapeMarkdown(d.status)}`);
  if (d.error) lines.push('', `$(warning) ${escapeMarkdown(d.error.message)}`);
  return lines.join('\n');
}

export interface RepositoryData {
  domain: string;
  name: string;
  /** From ListRepositoriesInDomain; an upstream row has none. */
  info?: RepositoryInfo;
  filter?: string;
  /** 1-based, for a row under another repository's Upstreams. */
  upstreamPosition?: number;
  /** From the DescribeRepository of its last expansion. */
  details?: RepositoryDetails;
  /** Formats with packages, from its last expansion. */
  formats?: readonly string[];
}

/** `3 upstreams`, `public:npmjs`: what a repository reaches beyond itself. */
function linksText(details: RepositoryDetails): string | undefined {
  const upstreams = details.upstreams.length;
  return join([upstreams > 0 && countText({ count: upstreams, more: false }, 'upstream', 'upstreams'), ...details.externalConnections.map((c) => c.name)]);
}

export function repositoryItem(r: RepositoryData): NodeView {
  const description = r.info?.description ?? r.details?.description;
  // The filter goes first so that a narrow sidebar still shows it.
  return {
    label: r.name,
    description: join([r.filter && `filter: ${r.filter}*`, r.upstreamPosition !== undefined && `upstream ${r.upstreamPosition}`, description, r.details && linksText(r.details)]),
    tooltip: repositoryTooltip(r),
    icon: { codicon: 'repo' },
    contextValue: r.filter ? 'repository.filtered' : 'repository',
    collapsible: 'collapsed',
  };
}

function repositoryTooltip(r: RepositoryData): string {
  const tip = [`**Repository** ${escapeMarkdown(r.domain)}/${escapeMarkdown(r.name)}`];
  const description = r.info?.description ?? r.details?.description;
  if (description) tip.push('', escapeMarkdown(description));
  if (r.upstreamPosition !== undefined) tip.push('', `Upstream number ${r.upstreamPosition} of the repository above`);
  if (r.details) {
    const { upstreams, externalConnections } = r.details;
    tip.push('', upstreams.length ? `Upstreams, in search order: ${upstreams.map((u) => escapeMarkdown(u)).join(', ')}` : 'No upstream repositories');
    for (const c of externalConnections) tip.push('', `External connection: ${escapeMarkdown(c.name)}${c.status && c.status !== 'Available' ? ` (${escapeMarkdown(c.status)})` : ''}`);
  }
  if (r.formats) tip.push('', r.formats.length ? `Formats: ${r.formats.map((f) => escapeMarkdown(formatLabel(f))).join(', ')}` : 'No packages');
  const admin = r.info?.administratorAccount ?? r.details?.administratorAccount;
  if (admin) tip.push('', `Administrator account: ${escapeMarkdown(admin)}`);
  const created = r.info?.createdTime ?? r.details?.createdTime;
  if (created) tip.push('', `Created: ${escapeMarkdown(formatTime(created))}`);
  if (r.filter) tip.push('', `Showing packages whose name starts with ${inlineCode(r.filter)}`);
  return tip.join('\n');
}

export function upstreamsItem(repository: string, upstreams: readonly string[]): NodeView {
  const order = upstreams.map((u, i) => `${i + 1}. ${escapeMarkdown(u)}`).join('; ');
  return {
    label: 'Upstreams',
    description: upstreams.join(', '),
    tooltip: `**${countText({ count: upstreams.length, more: false }, 'upstream', 'upstreams')}** of ${inlineCode(repository)}\n\nSearched in this order when a package is not in ${inlineCode(repository)}: ${order}`,
    icon: { codicon: 'arrow-up' },
    contextValue: 'upstreams',
    collapsible: 'collapsed',
  };
}

/** The public registries behind CodeArtifact's external connections. */
const CONNECTION_REGISTRIES: Record<string, string> = {
  'public:npmjs': 'npmjs.com',
  'public:pypi': 'pypi.org',
  'public:maven-central': 'Maven Central',
  'public:maven-googleandroid': 'Google Android',
  'public:maven-gradleplugins': 'Gradle plugins',
  'public:maven-commonsware': 'CommonsWare',
  'public:maven-clojars': 'Clojars',
  'public:nuget-org': 'nuget.org',
  'public:ruby-gems-org': 'rubygems.org',
  'public:crates-io': 'crates.io',
};

export function externalConnectionItem(name: string, format?: string, status?: string): NodeView {
  const registry = Object.hasOwn(CONNECTION_REGISTRIES, name) ? CONNECTION_REGISTRIES[name] : undefined;
  const lines = [`**External connection** ${inlineCode(name)}${format ? ` (${escapeMarkdown(formatLabel(format))})` : ''}`];
  lines.push('', `Packages not in the repository or its upstreams are fetched from ${registry ? escapeMarkdown(registry) : 'this public registry'} and kept in the repository.`);
  if (status) lines.push('', `Status: ${escapeMarkdown(status)}`);
  const ok = !status || status === 'Available';
  return {
    label: name,
    description: join(['external connection', !ok && status]),
    tooltip: lines.join('\n'),
    icon: { codicon: 'globe', color: ok ? 'charts.green' : 'charts.yellow' },
    contextValue: 'externalConnection',
    collapsible: 'none',
  };
}

// ---- packages ----

export function formatItem(format: string, repository: string, filter: string | undefined, loaded: Loaded | undefined): NodeView {
  const lines = [`**${escapeMarkdown(formatLabel(format))} packages** in ${inlineCode(repository)}`];
  if (loaded) lines.push('', shownText(loaded, 'package', 'packages'));
  if (filter) lines.push('', `Names starting with ${inlineCode(filter)}`);
  return {
    label: formatLabel(format),
    description: join([filter && `${filter}*`, loaded && countText(loaded, 'package', 'packages')]),
    tooltip: lines.join('\n'),
    icon: formatIcon(format),
    contextValue: `format.${format}`,
    collapsible: 'collapsed',
  };
}

export function namespaceLabel(format: string, namespace: string): string {
  return format === 'npm' ? `@${namespace}` : namespace;
}

export function namespaceItem(format: string, namespace: string, loaded: Loaded | undefined): NodeView {
  const kind = format === 'npm' ? 'npm scope' : format === 'maven' ? 'Maven group' : 'namespace';
  const label = namespaceLabel(format, namespace);
  return {
    label,
    description: loaded && countText(loaded, 'package', 'packages'),
    tooltip: [`**${escapeMarkdown(kind)}** ${inlineCode(label)}`, ...(loaded ? ['', shownText(loaded, 'package', 'packages')] : [])].join('\n'),
    icon: { codicon: 'symbol-namespace' },
    contextValue: `namespace.${format}`,
    collapsible: 'collapsed',
  };
}

/**
 * The origin controls in the row only when they differ from what CodeArtifact sets by itself (one of the two
 * blocked: upstream for a package first published here, publish for one first fetched from an upstream): both
 * blocked (no new versions at all) or both allowed (versions from both places: the dependency-confusion risk).
 */
export function restrictionsText(r: OriginRestrictions | undefined): string | undefined {
  if (r?.publish === 'BLOCK' && r.upstream === 'BLOCK') return 'publish & upstream blocked';
  if (r?.publish === 'ALLOW' && r.upstream === 'ALLOW') return 'publish & upstream allowed';
  return undefined;
}

function restrictionsTooltip(r: OriginRestrictions): string {
  const meaning = (what: string, value: string | undefined, allow: string, block: string) =>
    `${what}: ${escapeMarkdown(value ?? 'unknown')}${value === 'ALLOW' ? ` (${allow})` : value === 'BLOCK' ? ` (${block})` : ''}`;
  const usual =
    r.publish === 'ALLOW' && r.upstream === 'BLOCK'
      ? "CodeArtifact's default for a package first published to this repository."
      : r.publish === 'BLOCK' && r.upstream === 'ALLOW'
        ? "CodeArtifact's default for a package first fetched from an upstream."
        : undefined;
  return [
    meaning('Publish', r.publish, 'new versions may be published here', 'no new versions may be published here'),
    '',
    meaning('Upstream', r.upstream, 'new versions may come from upstreams', 'new versions never come from upstreams'),
    ...(usual ? ['', usual] : []),
  ].join('\n');
}

export interface PackageData {
  format: string;
  /** What the row shows (a Maven artifact under its group shows the artifactId alone). */
  label: string;
  displayName: string;
  domain: string;
  repository: string;
  originRestrictions?: OriginRestrictions;
  /**
   * The server's default display version, once versions were listed. ListPackages (PackageSummary: format,
   * namespace, package, originConfiguration) says nothing about versions, so a row whose versions were never listed
   * has none to show; asking ListPackageVersions per row would cost a request for every package on screen.
   */
  defaultVersion?: string;
  versions?: Loaded;
}

export function packageItem(p: PackageData): NodeView {
  const lines = [`**${escapeMarkdown(p.displayName)}** · ${escapeMarkdown(formatLabel(p.format))}`, '', `In ${escapeMarkdown(p.domain)}/${escapeMarkdown(p.repository)}`];
  if (p.defaultVersion) lines.push('', `Latest version: ${escapeMarkdown(p.defaultVersion)}`);
  if (p.versions) lines.push('', shownText(p.versions, 'version', 'versions'));
  if (p.originRestrictions) lines.push('', restrictionsTooltip(p.originRestrictions));
  const blocked = restrictionsText(p.originRestrictions);
  return {
    label: p.label,
    description: join([p.defaultVersion, blocked]),
    tooltip: lines.join('\n'),
    icon: formatIcon(p.format),
    contextValue: `package.${p.format}`,
    collapsible: 'collapsed',
  };
}

// ---- versions and dependencies ----

const STATUS_MEANINGS: Record<string, string> = {
  Published: 'available to package managers',
  Unlisted: 'left out of version listings; still installable by its exact version',
  Archived: 'cannot be downloaded; can be restored',
  Disposed: 'its files are deleted; only the record remains',
  Unfinished: 'publishing did not finish',
  Deleted: 'deleted',
};

function statusLine(status: string): string {
  const meaning = Object.hasOwn(STATUS_MEANINGS, status) ? STATUS_MEANINGS[status] : undefined;
  return `Status: ${escapeMarkdown(status)}${meaning ? ` (${meaning})` : ''}`;
}

export interface VersionData {
  displayName: string;
  format: string;
  version: string;
  status: string;
  /** `via public:npmjs`, `internal`, or '' (describeOrigin). */
  origin: string;
  isDefault: boolean;
}

export function versionItem(v: VersionData): NodeView {
  const style = statusStyle(v.status);
  // "internal" is the ordinary case; only versions that came through an upstream or connection say so.
  const via = v.origin === 'internal' ? '' : v.origin;
  const lines = [`**${escapeMarkdown(v.displayName)}** ${escapeMarkdown(v.version)}`, '', statusLine(v.status)];
  if (v.origin) lines.push('', `Origin: ${escapeMarkdown(v.origin)}`);
  if (v.isDefault) lines.push('', "The package's latest version (CodeArtifact's default display version)");
  return {
    label: v.version,
    description: join([v.isDefault && 'latest', style.badge, via]),
    tooltip: lines.join('\n'),
    icon: { codicon: style.icon, ...(style.color ? { color: style.color } : {}) },
    contextValue: `version.${v.status}`,
    collapsible: 'collapsed',
    command: { command: 'codeartifact.showVersionDetails', title: 'Show Version Details' },
  };
}

/** The tooltip from DescribePackageVersion (asked when the row is hovered): summary, status, published, licence. */
export function versionTooltip(d: VersionDetails, fallback: { displayName: string; status: string; origin: string }, now: Date): string {
  const lines = [`**${escapeMarkdown(d.displayName ?? fallback.displayName)}** ${escapeMarkdown(d.version)}`];
  if (d.summary) lines.push('', escapeMarkdown(d.summary));
  lines.push('', statusLine(d.status ?? fallback.status));
  const ago = relativeTime(d.publishedTime, now);
  lines.push('', `Published: ${escapeMarkdown(formatTime(d.publishedTime))}${ago ? ` (${ago})` : ''}`);
  if (fallback.origin) lines.push('', `Origin: ${escapeMarkdown(fallback.origin)}`);
  if (d.licenses.length) lines.push('', `License: ${d.licenses.map((l) => escapeMarkdown(l.name ?? l.url ?? '')).join(', ')}`);
  return lines.join('\n');
}

export function dependenciesItem(displayName: string, version: string, loaded: Loaded | undefined): NodeView {
  return {
    label: 'Dependencies',
    description: loaded && loaded.count > 0 ? `${loaded.count}${loaded.more ? '+' : ''}` : undefined,
    tooltip: `What ${inlineCode(`${displayName}@${version}`)} declares it depends on${loaded ? ` (${shownText(loaded, 'dependency', 'dependencies')})` : ''}. Click one to show it in this repository.`,
    icon: { codicon: 'references' },
    contextValue: 'dependencies',
    collapsible: 'collapsed',
  };
}

export function dependencyItem(name: string, d: DependencyInfo, repository: string): NodeView {
  const lines = [`**${escapeMarkdown(name)}**`];
  if (d.versionRequirement) lines.push('', `Requires ${inlineCode(d.versionRequirement)}`);
  if (d.dependencyType) lines.push('', `Type: ${escapeMarkdown(d.dependencyType)}`);
  lines.push('', `Click to show it in ${escapeMarkdown(repository)}`);
  return {
    label: name,
    description: join([d.versionRequirement, d.dependencyType]),
    tooltip: lines.join('\n'),
    icon: { codicon: d.dependencyType === 'dev' || d.dependencyType === 'test' ? 'beaker' : d.dependencyType === 'peer' ? 'link' : 'package' },
    contextValue: 'dependency',
    collapsible: 'none',
    command: { command: 'codeartifact.revealPackage', title: 'Reveal in CodeArtifact Explorer' },
  };
}

// ---- paging, empty levels, errors ----

export function loadMoreItem(loadedCount: number, what: string): NodeView {
  return {
    label: 'Load more…',
    description: `${loadedCount} loaded`,
    tooltip: `${loadedCount} ${escapeMarkdown(what)} shown. Click to load the next page.`,
    icon: { codicon: 'ellipsis' },
    contextValue: 'loadMore',
    collapsible: 'none',
    command: { command: 'codeartifact.loadMore', title: 'Load More' },
  };
}

/** What a level with no rows shows instead: a short label, the why and what-next in description and tooltip. */
export interface EmptyState {
  /** contextValue `empty.<kind>`: menus offer the row's actions by it. */
  kind: string;
  label: string;
  description?: string;
  /** Markdown, already escaped. */
  tooltip: string;
  icon?: IconSpec;
  command?: NodeView['command'];
}

export function emptyState(s: EmptyState): NodeView {
  return {
    label: s.label,
    ...(s.description ? { description: s.description } : {}),
    tooltip: s.tooltip,
    icon: s.icon ?? { codicon: 'info' },
    contextValue: `empty.${s.kind}`,
    collapsible: 'none',
    ...(s.command ? { command: s.command } : {}),
  };
}

export const EMPTY = {
  domains: (): EmptyState => ({
    kind: 'domains',
    label: 'No domains in this region',
    description: 'choose another region',
    tooltip: 'This account has no CodeArtifact domains in this region. Click to choose another region; domains owned by other accounts can be added in the `codeartifact.domains` setting.',
    command: { command: 'codeartifact.selectRegion', title: 'Select Region', arguments: [] },
  }),
  repositories: (domain: string): EmptyState => ({
    kind: 'repositories',
    label: 'No repositories yet',
    description: 'create one in the AWS console',
    tooltip: `The domain ${inlineCode(domain)} has no repositories. Click to open it in the AWS console and create one, or run \`aws codeartifact create-repository\`.`,
    command: { command: 'codeartifact.openInConsole', title: 'Open in AWS Console' },
  }),
  packages: (ref: { domain: string; owner: string; repository: string }): EmptyState => ({
    kind: 'packages',
    label: 'No packages yet',
    description: 'publish one or add an upstream',
    tooltip: `${inlineCode(ref.repository)} holds no packages. Publish one (Configure Workspace, then \`npm publish\`, \`twine upload\` or \`mvn deploy\`), or click to add an upstream repository or external connection in the AWS console.`,
    command: { command: 'codeartifact.addUpstream', title: 'Add an Upstream', arguments: [{ ...ref }] },
  }),
  filtered: (filter: string): EmptyState => ({
    kind: 'filtered',
    label: `No packages match "${filter}"`,
    description: 'clear the filter',
    tooltip: `No package name starts with ${inlineCode(filter)}. Click to clear the filter.`,
    icon: { codicon: 'filter' },
    command: { command: 'codeartifact.clearPackageFilter', title: 'Clear Package Filter' },
  }),
  versions: (): EmptyState => ({ kind: 'versions', label: 'No versions', tooltip: 'CodeArtifact lists no versions of this package (all may have been deleted).' }),
  packagesInLevel: (): EmptyState => ({ kind: 'level', label: 'No packages', tooltip: 'No packages are listed here any more; refresh the repository.' }),
  dependencies: (): EmptyState => ({ kind: 'dependencies', label: 'No dependencies', tooltip: 'This version declares no dependencies.' }),
  unreadable: (count: number): EmptyState => ({
    kind: 'unreadable',
    label: `${count} unreadable ${count === 1 ? 'entry' : 'entries'}`,
    description: 'see the log',
    tooltip: `${count === 1 ? 'An entry' : `${count} entries`} CodeArtifact sent could not be read and ${count === 1 ? 'is' : 'are'} not shown. Click to see the log.`,
    icon: { codicon: 'warning', color: 'problemsWarningIcon.foreground' },
    command: { command: 'codeartifact.showLogs', title: 'Show Logs', arguments: [] },
  }),
} as const;

/** An error row: a few words of why as the label (a narrow sidebar shows that), what failed after, all in the tooltip. */
export function errorItem(what: string, error: CodeArtifactError): NodeView {
  const signIn = ['notSignedIn', 'noCredentials', 'ssoExpired'].includes(error.kind);
  const { reason, offline } = summarizeFailure(error);
  // A narrow sidebar shows a dozen characters of a row beside its buttons: one word for the network's failures.
  const short = offline ? (error.detail.kind === 'networkUnreachable' && error.detail.code === 'timeout' ? 'No answer' : 'Offline') : reason;
  return {
    label: `${short.charAt(0).toUpperCase()}${short.slice(1)}`,
    description: `${what.charAt(0).toLowerCase()}${what.slice(1)}`,
    tooltip: `${escapeMarkdown(what)}: ${escapeMarkdown(error.message)}\n\n${escapeMarkdown(`Click to ${signIn ? 'sign in' : 'retry'}; the row's buttons retry, open the settings or show the log.`)}`,
    icon: { codicon: 'error', color: 'errorForeground' },
    contextValue: `error.${error.kind}`,
    collapsible: 'none',
    command: signIn ? { command: 'codeartifact.signIn', title: 'Sign In', arguments: [] } : { command: 'codeartifact.refresh', title: 'Retry' },
  };
}

export function infoItem(text: string): NodeView {
  return { label: text, tooltip: escapeMarkdown(text), icon: { codicon: 'info' }, contextValue: 'message', collapsible: 'none' };
}
