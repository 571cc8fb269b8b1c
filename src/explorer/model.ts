// The explorer's tree as plain objects: which nodes exist, what each shows, and how each level loads. No
// `vscode` import here, so that tests drive it against the emulator in plain Node; treeProvider.ts adapts it.
//
// Loading is lazy and paged so that a repository with 10,000 packages stays cheap: expanding a node costs one
// round trip (a repository's expansion sends DescribeRepository and one ListPackages page in parallel, so that
// only formats that have packages get a node: repositoryFormats.ts), and further pages come from "Load more…".
import {
  listDomainsWithExtras,
  type CodeArtifactApi,
  type DomainInfo,
  type DomainRef,
  type PackageFormat,
  type PackageInfo,
  type PackageQuery,
  type RepositoryInfo,
  type RepositoryRef,
  type VersionRef,
  type VersionSummary,
} from '../aws/codeArtifactApi';
import { CodeArtifactError } from '../aws/errors';
import { summarizeFailure } from '../shared/failureSummary';
import { parsePackageQuery } from '../aws/search';
import { escapeMarkdown, formatBytes, formatTime, inlineCode } from '../core/markdown';
import { growingPageSize, PagedList } from '../core/pagination';
import { displayPackageName } from '../core/snippets';
import { describeOrigin, statusStyle } from '../core/versionStatus';
import { formatsWithPackages } from './repositoryFormats';

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
  /** Run on click; the node itself is passed as the only argument. */
  command?: { command: string; title: string };
}

export interface PageSizes {
  domains: number;
  repositories: number;
  packages: number;
  versions: number;
}

export const DEFAULT_PAGE_SIZES: PageSizes = { domains: 100, repositories: 100, packages: 100, versions: 50 };

export interface ExplorerContext {
  /** The signed-in API; throws a `notSignedIn` CodeArtifactError when there is none. */
  api(): CodeArtifactApi;
  extraDomains(): readonly DomainRef[];
  pageSizes: PageSizes;
  /** Told about every failure shown as an error node, for the log. */
  onError?(err: CodeArtifactError, where: string): void;
  /** The rows under a version (its Dependencies, dependencyNodes.ts); built once per version node. */
  versionChildren?(version: VersionNode): ExplorerNode[];
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

/** Formats whose namespaces are worth a level of their own (npm scopes, Maven groups, Swift scopes, generic). */
const NAMESPACED_FORMATS = new Set(['npm', 'maven', 'swift', 'generic']);

export function namespaceLabel(format: string, namespace: string): string {
  return format === 'npm' ? `@${namespace}` : namespace;
}

function errorOf(err: unknown): CodeArtifactError {
  return err instanceof CodeArtifactError ? err : new CodeArtifactError({ kind: 'internal' }, err instanceof Error ? err.message : String(err), { cause: err });
}

export abstract class ExplorerNode {
  abstract readonly id: string;
  constructor(readonly parent: ExplorerNode | undefined) {}
  abstract view(): NodeView;
  /** Children, loading the first page if needed. Failures become a single error node. */
  getChildren(_ctx: ExplorerContext, _signal?: AbortSignal): Promise<ExplorerNode[]> {
    return Promise.resolve([]);
  }
  /** A richer tooltip that costs a request (shown on hover only). */
  resolveTooltip(_ctx: ExplorerContext, _signal?: AbortSignal): Promise<string | undefined> {
    return Promise.resolve(undefined);
  }
  /** Forget loaded state so that the next expansion asks the server again. */
  reset(): void {}
}

/** A node whose children come page by page. */
export abstract class PagedNode<T> extends ExplorerNode {
  protected list: PagedList<T>;
  private readonly built = new Map<string, ExplorerNode>();
  private error: CodeArtifactError | undefined;
  /** Entries the server sent that could not be read (the API layer skipped and logged them). */
  private dropped = 0;
  /**
   * What the level held before a refresh: shown again (with the error row) when the refresh fails, so that the
   * rows, and VS Code's expansion of them, survive a bad moment.
   */
  private stale: readonly T[] | undefined;
  /** Their nodes, reset but kept: a kept row that was expanded keeps its own rows the same way. */
  private staleNodes: Map<string, { node: ExplorerNode; item: string }> | undefined;

  // The context and signal of the latest expansion, for the list's fetch callback.
  private ctx: ExplorerContext | undefined;
  private signal: AbortSignal | undefined;

  constructor(parent: ExplorerNode | undefined) {
    super(parent);
    this.list = this.newList();
  }

  protected abstract fetchPage(ctx: ExplorerContext, nextToken: string | undefined, signal?: AbortSignal): Promise<{ items: T[]; nextToken?: string; dropped?: number }>;
  protected abstract keyOf(item: T): string;
  protected abstract build(item: T): ExplorerNode;
  protected abstract readonly loadingWhat: string;

  private newList(): PagedList<T> {
    return new PagedList<T>(async (token) => {
      const ctx = this.ctx;
      if (!ctx) throw new CodeArtifactError({ kind: 'notSignedIn' }, 'Not signed in.');
      const page = await this.fetchPage(ctx, token, this.signal);
      this.dropped += page.dropped ?? 0;
      return page;
    });
  }

  /** Same node object for the same item across refreshes of the list, so VS Code keeps expansion state. */
  protected nodeFor(item: T): ExplorerNode {
    const key = this.keyOf(item);
    // After a refresh, the same object for an unchanged item: VS Code keeps its expansion (the node was reset).
    const kept = this.staleNodes?.get(key);
    let node = this.built.get(key) ?? (kept && (this.error || kept.item === JSON.stringify(item)) ? kept.node : undefined);
    if (!node) node = this.build(item);
    this.built.set(key, node);
    return node;
  }

  protected arrange(items: readonly T[]): ExplorerNode[] {
    return items.map((i) => this.nodeFor(i));
  }

  protected emptyMessage(): string | undefined {
    return undefined;
  }

  get loadedCount(): number {
    return this.list.items.length;
  }
  /** Pages in so far: the next page's size grows with it (growingPageSize). */
  protected get pagesLoaded(): number {
    return this.list.pagesLoaded;
  }
  get hasMore(): boolean {
    return this.list.hasMore;
  }

  override async getChildren(ctx: ExplorerContext, signal?: AbortSignal): Promise<ExplorerNode[]> {
    this.ctx = ctx;
    this.signal = signal;
    try {
      await this.list.ensureFirstPage();
      this.error = undefined;
      this.stale = undefined;
    } catch (err) {
      const e = errorOf(err);
      if (e.kind === 'cancelled') return [];
      this.error = e;
      ctx.onError?.(e, `${this.loadingWhat} (${this.id})`);
    }
    const children = this.arrange(this.list.items.length === 0 && this.error && this.stale ? this.stale : this.list.items);
    if (!this.error) this.staleNodes = undefined;
    if (this.error) children.push(new MessageNode(this, `Could not load ${this.loadingWhat}`, this.error));
    else if (this.dropped > 0) children.push(new MessageNode(this, `${this.dropped} ${this.dropped === 1 ? 'entry' : 'entries'} CodeArtifact sent could not be read (see the log)`));
    else if (children.length === 0) {
      const empty = this.emptyMessage();
      if (empty) children.push(new MessageNode(this, empty));
    }
    if (this.list.hasMore) children.push(new LoadMoreNode(this));
    return children;
  }

  /** Fetches the next page. Throws a CodeArtifactError on failure (the command reports it). */
  async loadMore(ctx: ExplorerContext, signal?: AbortSignal): Promise<number> {
    this.ctx = ctx;
    this.signal = signal;
    try {
      return await this.list.loadMore();
    } catch (err) {
      throw errorOf(err);
    }
  }

  override reset(): void {
    if (this.list.items.length > 0) {
      this.stale = this.list.items;
      const items = new Map(this.list.items.map((i) => [this.keyOf(i), JSON.stringify(i)]));
      this.staleNodes = new Map([...this.built].map(([key, node]) => [key, { node, item: items.get(key) ?? '' }]));
      for (const { node } of this.staleNodes.values()) node.reset();
    }
    this.list = this.newList();
    this.built.clear();
    this.error = undefined;
    this.dropped = 0;
  }
}

type DomainItem = DomainInfo & { error?: CodeArtifactError };

/** The invisible root: domains, with the extra domains from settings on the first page. */
export class RootNode extends PagedNode<DomainItem> {
  readonly id = 'root';
  protected readonly loadingWhat = 'domains';
  constructor() {
    super(undefined);
  }
  view(): NodeView {
    return { label: 'CodeArtifact', contextValue: 'root', collapsible: 'expanded' };
  }
  protected fetchPage(ctx: ExplorerContext, nextToken: string | undefined, signal?: AbortSignal) {
    return listDomainsWithExtras(ctx.api(), ctx.extraDomains(), { nextToken, signal, maxResults: ctx.pageSizes.domains });
  }
  protected keyOf(d: DomainItem): string {
    return `${d.owner}/${d.name}`;
  }
  protected build(d: DomainItem): ExplorerNode {
    return new DomainNode(this, d);
  }
  protected override emptyMessage(): string {
    return 'No domains in this account and region. Add domains owned by other accounts in the codeartifact.domains setting.';
  }
}

export class DomainNode extends PagedNode<RepositoryInfo> {
  readonly id: string;
  protected readonly loadingWhat = 'repositories';
  private described: DomainInfo | undefined;

  constructor(parent: ExplorerNode, readonly info: DomainItem) {
    super(parent);
    this.id = `d:${info.owner}/${info.name}`;
  }
  get ref(): DomainRef {
    return { name: this.info.name, owner: this.info.owner || undefined };
  }
  view(): NodeView {
    const unavailable = this.info.error;
    return {
      label: this.info.name,
      description: this.info.owner,
      tooltip: this.tooltipFrom(this.described ?? this.info),
      icon: unavailable ? { codicon: 'warning', color: 'problemsWarningIcon.foreground' } : { codicon: 'database' },
      contextValue: 'domain',
      collapsible: 'collapsed',
    };
  }
  private tooltipFrom(d: DomainItem): string {
    const lines = [`**Domain** ${escapeMarkdown(d.name)}`, '', `Owner: ${escapeMarkdown(d.owner || 'unknown')}`];
    if (d.encryptionKey) lines.push('', `Encryption key: ${inlineCode(d.encryptionKey)}`);
    if (d.repositoryCount !== undefined) lines.push('', `Repositories: ${d.repositoryCount}`);
    if (d.assetSizeBytes !== undefined) lines.push('', `Storage: ${escapeMarkdown(formatBytes(d.assetSizeBytes))}`);
    if (d.createdTime) lines.push('', `Created: ${escapeMarkdown(formatTime(d.createdTime))}`);
    if (d.status && d.status !== 'Active') lines.push('', `Status: ${escapeMarkdown(d.status)}`);
    const problem = d.error ?? this.info.error;
    if (problem) lines.push('', `$(warning) ${escapeMarkdown(problem.message)}`);
    return lines.join('\n');
  }
  override async resolveTooltip(ctx: ExplorerContext, signal?: AbortSignal): Promise<string | undefined> {
    if (!this.described) {
      try {
        this.described = await ctx.api().describeDomain(this.ref, { signal });
      } catch (err) {
        // Without DescribeDomain the counts are missing: say which permission, since nothing else would.
        if (err instanceof CodeArtifactError && err.kind === 'accessDenied') return this.tooltipFrom({ ...this.info, error: err });
        return undefined; // the tooltip without the count is still useful; other errors show on expand
      }
    }
    return this.tooltipFrom({ ...this.described, error: this.info.error });
  }
  protected fetchPage(ctx: ExplorerContext, nextToken: string | undefined, signal?: AbortSignal) {
    return ctx.api().listRepositories(this.ref, { nextToken, signal, maxResults: ctx.pageSizes.repositories });
  }
  protected keyOf(r: RepositoryInfo): string {
    return r.name;
  }
  protected build(r: RepositoryInfo): ExplorerNode {
    return new RepositoryNode(this, this, r.name, r);
  }
  protected override emptyMessage(): string {
    return 'No repositories in this domain.';
  }
  override reset(): void {
    super.reset();
    this.described = undefined;
  }
}

/** A repository, either listed in its domain or shown as an upstream of another repository. */
export class RepositoryNode extends ExplorerNode {
  readonly id: string;
  /** Server-side package-name prefix (ListPackages `package-prefix`). */
  filter: string | undefined;
  private children: ExplorerNode[] | undefined;
  /** The children before a refresh, shown again with the error row when the refresh fails (expansion survives). */
  private staleChildren: ExplorerNode[] | undefined;
  private inFlight: Promise<ExplorerNode[]> | undefined;

  constructor(
    parent: ExplorerNode,
    readonly domain: DomainNode,
    readonly name: string,
    readonly info?: RepositoryInfo,
    readonly upstreamPosition?: number,
  ) {
    super(parent);
    this.id = `${parent.id}/r:${name}`;
  }
  get ref(): RepositoryRef {
    return { domain: this.domain.info.name, domainOwner: this.domain.info.owner || undefined, repository: this.name };
  }
  view(): NodeView {
    // The filter goes first so that a narrow sidebar still shows it.
    const parts: string[] = [];
    if (this.filter) parts.push(`filter: ${this.filter}*`);
    if (this.upstreamPosition !== undefined) parts.push(`upstream ${this.upstreamPosition}`);
    if (this.info?.description) parts.push(this.info.description);
    const tip = [`**Repository** ${escapeMarkdown(this.domain.info.name)}/${escapeMarkdown(this.name)}`];
    if (this.info?.description) tip.push('', escapeMarkdown(this.info.description));
    if (this.info?.administratorAccount) tip.push('', `Administrator account: ${escapeMarkdown(this.info.administratorAccount)}`);
    if (this.info?.createdTime) tip.push('', `Created: ${escapeMarkdown(formatTime(this.info.createdTime))}`);
    if (this.filter) tip.push('', `Showing packages whose name starts with ${inlineCode(this.filter)}`);
    return {
      label: this.name,
      description: parts.join(' · ') || undefined,
      tooltip: tip.join('\n'),
      icon: { codicon: 'repo' },
      contextValue: this.filter ? 'repository.filtered' : 'repository',
      collapsible: 'collapsed',
    };
  }
  setFilter(prefix: string | undefined): void {
    this.filter = prefix?.trim() || undefined;
    this.reset();
  }
  /** The filter as a ListPackages query: a name prefix, or `@scope/prefix` / `group:prefix` for one namespace. */
  get query(): PackageQuery {
    return this.filter ? parsePackageQuery(this.filter) : {};
  }

  override async getChildren(ctx: ExplorerContext, signal?: AbortSignal): Promise<ExplorerNode[]> {
    if (this.children) return this.children;
    this.inFlight ??= this.load(ctx, signal).finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  private async load(ctx: ExplorerContext, signal?: AbortSignal): Promise<ExplorerNode[]> {
    const api = (() => {
      try {
        return ctx.api();
      } catch (err) {
        return errorOf(err);
      }
    })();
    if (api instanceof CodeArtifactError) return [new MessageNode(this, 'Could not load the repository', api)];
    try {
      // One round trip: the repository's links, and which formats have (matching) packages.
      const [details, formats] = await Promise.all([api.describeRepository(this.ref, { signal }), formatsWithPackages(api, this.ref, this.query, signal)]);
      const children: ExplorerNode[] = [];
      if (details.upstreams.length > 0) children.push(new UpstreamsNode(this, details.upstreams));
      for (const c of details.externalConnections) children.push(new ExternalConnectionNode(this, c.name, c.format, c.status));
      for (const format of formats) children.push(new FormatNode(this, format));
      if (!children.some((c) => c instanceof FormatNode)) {
        children.push(new MessageNode(this, this.filter ? `No packages match "${this.filter}"` : 'No packages yet'));
      }
      this.children = children;
      this.staleChildren = undefined;
      return children;
    } catch (err) {
      const e = errorOf(err);
      if (e.kind === 'cancelled') return [];
      ctx.onError?.(e, `repository ${this.id}`);
      const kept = (this.staleChildren ?? []).filter((c) => !(c instanceof MessageNode));
      return [...kept, new MessageNode(this, 'Could not load the repository', e)];
    }
  }

  override reset(): void {
    if (this.children) this.staleChildren = this.children;
    // Kept rows ask the server again when they are next expanded.
    for (const c of this.staleChildren ?? []) c.reset();
    this.children = undefined;
  }
}

export class UpstreamsNode extends ExplorerNode {
  readonly id: string;
  private readonly nodes: RepositoryNode[];
  constructor(readonly repository: RepositoryNode, readonly upstreams: string[]) {
    super(repository);
    this.id = `${repository.id}/upstreams`;
    this.nodes = upstreams.map((name, i) => new RepositoryNode(this, repository.domain, name, undefined, i + 1));
  }
  view(): NodeView {
    return {
      label: 'Upstreams',
      description: this.upstreams.join(', '),
      tooltip: `Repositories searched, in this order, when a package is not in ${inlineCode(this.repository.name)}`,
      icon: { codicon: 'arrow-up' },
      contextValue: 'upstreams',
      collapsible: 'collapsed',
    };
  }
  override getChildren(): Promise<ExplorerNode[]> {
    return Promise.resolve(this.nodes);
  }
}

export class ExternalConnectionNode extends ExplorerNode {
  readonly id: string;
  constructor(parent: RepositoryNode, readonly name: string, readonly format?: string, readonly status?: string) {
    super(parent);
    this.id = `${parent.id}/x:${name}`;
  }
  view(): NodeView {
    return {
      label: this.name,
      description: ['external connection', this.status && this.status !== 'Available' ? this.status : undefined].filter(Boolean).join(' · '),
      tooltip: `**External connection** ${inlineCode(this.name)}${this.format ? ` (${escapeMarkdown(this.format)})` : ''}${this.status ? `\n\nStatus: ${escapeMarkdown(this.status)}` : ''}`,
      icon: { codicon: 'globe', color: this.status === 'Available' || !this.status ? 'charts.green' : 'charts.yellow' },
      contextValue: 'externalConnection',
      collapsible: 'none',
    };
  }
}

/** Packages of one format in a repository (respecting the repository's filter). */
export class FormatNode extends PagedNode<PackageInfo> {
  readonly id: string;
  protected readonly loadingWhat: string;
  private readonly namespaces = new Map<string, NamespaceNode>();

  constructor(readonly repository: RepositoryNode, readonly format: PackageFormat) {
    super(repository);
    this.id = `${repository.id}/f:${format}`;
    this.loadingWhat = `${FORMAT_LABELS[format] ?? format} packages`;
  }
  view(): NodeView {
    return {
      label: FORMAT_LABELS[this.format] ?? this.format,
      description: this.repository.filter ? `${this.repository.filter}*` : undefined,
      icon: formatIcon(this.format),
      contextValue: `format.${this.format}`,
      collapsible: 'collapsed',
    };
  }
  protected fetchPage(ctx: ExplorerContext, nextToken: string | undefined, signal?: AbortSignal) {
    return ctx.api().listPackages(this.repository.ref, { ...this.repository.query, format: this.format }, { nextToken, signal, maxResults: growingPageSize(ctx.pageSizes.packages, this.pagesLoaded) });
  }
  protected keyOf(p: PackageInfo): string {
    return `${p.namespace ?? ''}/${p.name}`;
  }
  protected build(p: PackageInfo): ExplorerNode {
    return new PackageNode(this, this.repository, p);
  }
  /** Namespaces seen so far become group nodes (each lists its own packages); the rest are listed directly. */
  protected override arrange(items: readonly PackageInfo[]): ExplorerNode[] {
    if (!NAMESPACED_FORMATS.has(this.format)) return super.arrange(items);
    const groups: NamespaceNode[] = [];
    const plain: ExplorerNode[] = [];
    const seen = new Set<string>();
    for (const p of items) {
      if (p.namespace === undefined || p.namespace === '') {
        plain.push(this.nodeFor(p));
      } else if (!seen.has(p.namespace)) {
        seen.add(p.namespace);
        let group = this.namespaces.get(p.namespace);
        if (!group) {
          group = new NamespaceNode(this, p.namespace);
          this.namespaces.set(p.namespace, group);
        }
        groups.push(group);
      }
    }
    groups.sort((a, b) => a.namespace.localeCompare(b.namespace));
    return [...groups, ...plain];
  }
  override reset(): void {
    super.reset();
    this.namespaces.clear();
  }
}

/** An npm scope or Maven group: its own listing, with the server's namespace filter (a prefix match, so exact-matched here). */
export class NamespaceNode extends PagedNode<PackageInfo> {
  readonly id: string;
  protected readonly loadingWhat = 'packages';
  constructor(readonly formatNode: FormatNode, readonly namespace: string) {
    super(formatNode);
    this.id = `${formatNode.id}/n:${namespace}`;
  }
  view(): NodeView {
    const kind = this.formatNode.format === 'npm' ? 'npm scope' : this.formatNode.format === 'maven' ? 'Maven group' : 'namespace';
    return {
      label: namespaceLabel(this.formatNode.format, this.namespace),
      tooltip: `**${escapeMarkdown(kind)}** ${inlineCode(namespaceLabel(this.formatNode.format, this.namespace))}`,
      icon: { codicon: 'symbol-namespace' },
      contextValue: `namespace.${this.formatNode.format}`,
      collapsible: 'collapsed',
    };
  }
  protected async fetchPage(ctx: ExplorerContext, nextToken: string | undefined, signal?: AbortSignal) {
    const repo = this.formatNode.repository;
    const { packagePrefix } = repo.query;
    const page = await ctx.api().listPackages(repo.ref, { format: this.formatNode.format, namespace: this.namespace, ...(packagePrefix ? { packagePrefix } : {}) }, { nextToken, signal, maxResults: growingPageSize(ctx.pageSizes.packages, this.pagesLoaded) });
    return { ...page, items: page.items.filter((p) => p.namespace === this.namespace) };
  }
  protected keyOf(p: PackageInfo): string {
    return p.name;
  }
  protected build(p: PackageInfo): ExplorerNode {
    return new PackageNode(this, this.formatNode.repository, p);
  }
}

export class PackageNode extends PagedNode<VersionSummary> {
  readonly id: string;
  protected readonly loadingWhat = 'versions';
  defaultDisplayVersion: string | undefined;

  constructor(parent: ExplorerNode, readonly repository: RepositoryNode, readonly pkg: PackageInfo) {
    super(parent);
    this.id = `${parent.id}/p:${pkg.namespace ?? ''}/${pkg.name}`;
  }
  get displayName(): string {
    return displayPackageName(this.pkg.format, this.pkg.namespace, this.pkg.name);
  }
  get ref() {
    return { ...this.repository.ref, format: this.pkg.format, package: this.pkg.name, ...(this.pkg.namespace ? { namespace: this.pkg.namespace } : {}) };
  }
  view(): NodeView {
    // Under a Maven group the artifactId alone reads best; npm keeps its @scope/ form everywhere.
    const label = this.pkg.format === 'maven' && this.parent instanceof NamespaceNode ? this.pkg.name : this.displayName;
    return {
      label,
      description: this.defaultDisplayVersion,
      tooltip: `**${escapeMarkdown(this.displayName)}** (${escapeMarkdown(FORMAT_LABELS[this.pkg.format] ?? this.pkg.format)})\n\nin ${escapeMarkdown(this.repository.ref.domain)}/${escapeMarkdown(this.repository.name)}`,
      icon: formatIcon(this.pkg.format),
      contextValue: `package.${this.pkg.format}`,
      collapsible: 'collapsed',
    };
  }
  protected async fetchPage(ctx: ExplorerContext, nextToken: string | undefined, signal?: AbortSignal) {
    const page = await ctx.api().listPackageVersions(this.ref, { nextToken, signal, maxResults: growingPageSize(ctx.pageSizes.versions, this.pagesLoaded) });
    if (page.defaultDisplayVersion) this.defaultDisplayVersion = page.defaultDisplayVersion;
    return page;
  }
  protected keyOf(v: VersionSummary): string {
    return v.version;
  }
  protected build(v: VersionSummary): ExplorerNode {
    return new VersionNode(this, v);
  }
  protected override emptyMessage(): string {
    return 'No versions';
  }
}

export class VersionNode extends ExplorerNode {
  readonly id: string;
  private children: ExplorerNode[] | undefined;
  constructor(readonly pkg: PackageNode, readonly summary: VersionSummary) {
    super(pkg);
    this.id = `${pkg.id}/v:${summary.version}`;
  }
  get ref(): VersionRef {
    return { ...this.pkg.ref, version: this.summary.version };
  }
  get isDefault(): boolean {
    return this.pkg.defaultDisplayVersion === this.summary.version;
  }
  view(): NodeView {
    const style = statusStyle(this.summary.status);
    const origin = describeOrigin(this.summary.origin, this.pkg.repository.name);
    // "internal" is the ordinary case; only versions that came through an upstream or connection say so.
    const via = origin === 'internal' ? '' : origin;
    // "latest" for every format, as hovers and lenses say it (CodeArtifact's default display version).
    const description = [this.isDefault ? 'latest' : '', style.badge, via].filter(Boolean).join(' · ');
    return {
      label: this.summary.version,
      description: description || undefined,
      tooltip: `**${escapeMarkdown(this.pkg.displayName)}** ${escapeMarkdown(this.summary.version)}\n\nStatus: ${escapeMarkdown(this.summary.status)}${origin ? `\n\nOrigin: ${escapeMarkdown(origin)}` : ''}`,
      icon: { codicon: style.icon, ...(style.color ? { color: style.color } : {}) },
      contextValue: `version.${this.summary.status}`,
      collapsible: 'collapsed',
      command: { command: 'codeartifact.showVersionDetails', title: 'Show Version Details' },
    };
  }
  override getChildren(ctx: ExplorerContext): Promise<ExplorerNode[]> {
    this.children ??= ctx.versionChildren?.(this) ?? [];
    return Promise.resolve(this.children);
  }
  override reset(): void {
    this.children = undefined;
  }
  override async resolveTooltip(ctx: ExplorerContext, signal?: AbortSignal): Promise<string | undefined> {
    const d = await ctx.api().describePackageVersion(this.ref, { signal });
    const lines = [`**${escapeMarkdown(d.displayName ?? this.pkg.displayName)}** ${escapeMarkdown(d.version)}`];
    if (d.summary) lines.push('', escapeMarkdown(d.summary));
    lines.push('', `Status: ${escapeMarkdown(d.status ?? this.summary.status)}`);
    lines.push('', `Published: ${escapeMarkdown(formatTime(d.publishedTime))}`);
    const origin = describeOrigin(d.origin ?? this.summary.origin, this.pkg.repository.name);
    if (origin) lines.push('', `Origin: ${escapeMarkdown(origin)}`);
    if (d.licenses.length) lines.push('', `License: ${d.licenses.map((l) => escapeMarkdown(l.name ?? l.url ?? '')).join(', ')}`);
    return lines.join('\n');
  }
}

export class LoadMoreNode extends ExplorerNode {
  readonly id: string;
  constructor(readonly owner: PagedNode<unknown>) {
    super(owner);
    this.id = `${owner.id}/more`;
  }
  view(): NodeView {
    return {
      label: 'Load more…',
      description: `${this.owner.loadedCount} loaded`,
      icon: { codicon: 'ellipsis' },
      contextValue: 'loadMore',
      collapsible: 'none',
      command: { command: 'codeartifact.loadMore', title: 'Load More' },
    };
  }
}

/** An informational or error row; an error row's click retries its parent (or signs in, when that is the fix). */
export class MessageNode extends ExplorerNode {
  readonly id: string;
  constructor(parent: ExplorerNode, readonly text: string, readonly error?: CodeArtifactError) {
    super(parent);
    this.id = `${parent.id}/msg:${error ? 'error' : 'info'}`;
  }
  view(): NodeView {
    if (!this.error) return { label: this.text, icon: { codicon: 'info' }, contextValue: 'message', collapsible: 'none' };
    const signIn = ['notSignedIn', 'noCredentials', 'ssoExpired'].includes(this.error.kind);
    // A narrow sidebar shows the label: a few words of why. What failed follows; the whole message is the tooltip.
    const { reason } = summarizeFailure(this.error);
    return {
      label: `${reason.charAt(0).toUpperCase()}${reason.slice(1)}`,
      description: `${this.text.charAt(0).toLowerCase()}${this.text.slice(1)}`,
      tooltip: `${escapeMarkdown(this.error.message)}\n\n${escapeMarkdown(`Click to ${signIn ? 'sign in' : 'retry'}; the row's buttons retry, open the settings or show the log.`)}`,
      icon: { codicon: 'error', color: 'errorForeground' },
      contextValue: `error.${this.error.kind}`,
      collapsible: 'none',
      command: signIn ? { command: 'codeartifact.signIn', title: 'Sign In' } : { command: 'codeartifact.refresh', title: 'Retry' },
    };
  }
}

/** The tree's state: one root per sign-in; everything below is cached in the nodes until refreshed. */
export class ExplorerModel {
  private root = new RootNode();
  constructor(private readonly ctx: ExplorerContext) {}
  get context(): ExplorerContext {
    return this.ctx;
  }
  async getChildren(node: ExplorerNode | undefined, signal?: AbortSignal): Promise<ExplorerNode[]> {
    return (node ?? this.root).getChildren(this.ctx, signal);
  }
  /** Forget everything (sign-in changed) or one subtree. Returns the node whose children changed (undefined = root). */
  refresh(node?: ExplorerNode): ExplorerNode | undefined {
    if (!node || node instanceof RootNode) {
      // The same root, reset: its domains stay on screen if the refresh fails (see PagedNode.stale).
      this.root.reset();
      return undefined;
    }
    node.reset();
    return node;
  }
  /** A new connection: nothing of the old one is kept or shown. */
  clear(): void {
    this.root = new RootNode();
  }
  /** Loads the next page of the node a "Load more…" row belongs to; returns that node (to re-render it). */
  async loadMore(node: LoadMoreNode, signal?: AbortSignal): Promise<ExplorerNode | undefined> {
    await node.owner.loadMore(this.ctx, signal);
    return node.owner instanceof RootNode ? undefined : node.owner;
  }
  /** Domain nodes loaded so far (for pickers). */
  async domains(signal?: AbortSignal): Promise<DomainNode[]> {
    return (await this.getChildren(undefined, signal)).filter((n): n is DomainNode => n instanceof DomainNode);
  }

  /**
   * The tree node of one package, loading the levels above it as needed: the repository (paging through the
   * domain's repositories if it is not on a loaded page) is filtered to the package's name so that the package
   * is on the first page of its format. Returns undefined if it cannot be found.
   */
  async locatePackage(domain: DomainNode, repository: string, pkg: PackageInfo, signal?: AbortSignal): Promise<PackageNode | undefined> {
    let repoNode: RepositoryNode | undefined;
    for (let i = 0; i < 100 && !repoNode; i++) {
      const children = await domain.getChildren(this.ctx, signal);
      repoNode = children.find((c): c is RepositoryNode => c instanceof RepositoryNode && c.name === repository);
      if (!repoNode && !domain.hasMore) break;
      if (!repoNode) await domain.loadMore(this.ctx, signal);
    }
    if (!repoNode) return undefined;
    // Narrowed to this package (and its scope or group), so that it is on the first page of its format.
    repoNode.setFilter(pkg.namespace && pkg.format === 'npm' ? `@${pkg.namespace}/${pkg.name}` : pkg.namespace && pkg.format === 'maven' ? `${pkg.namespace}:${pkg.name}` : pkg.name);
    const formatNode = (await repoNode.getChildren(this.ctx, signal)).find((c): c is FormatNode => c instanceof FormatNode && c.format === pkg.format);
    if (!formatNode) return undefined;
    let level: ExplorerNode = formatNode;
    if (pkg.namespace && NAMESPACED_FORMATS.has(pkg.format)) {
      const ns = (await formatNode.getChildren(this.ctx, signal)).find((c): c is NamespaceNode => c instanceof NamespaceNode && c.namespace === pkg.namespace);
      if (!ns) return undefined;
      level = ns;
    }
    const owner = level as PagedNode<PackageInfo>;
    for (let i = 0; i < 20; i++) {
      const found = (await owner.getChildren(this.ctx, signal)).find(
        (c): c is PackageNode => c instanceof PackageNode && c.pkg.name === pkg.name && (c.pkg.namespace ?? '') === (pkg.namespace ?? ''),
      );
      if (found || !owner.hasMore) return found;
      await owner.loadMore(this.ctx, signal);
    }
    return undefined;
  }
}
