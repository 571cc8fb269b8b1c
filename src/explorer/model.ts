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
  type RepositoryDetails,
  type RepositoryInfo,
  type RepositoryRef,
  type VersionRef,
  type VersionSummary,
} from '../aws/codeArtifactApi';
import { CodeArtifactError } from '../aws/errors';
import { parsePackageQuery } from '../aws/search';
import { growingPageSize, PagedList } from '../core/pagination';
import { displayPackageName } from '../core/snippets';
import { describeOrigin } from '../core/versionStatus';
import { formatsWithPackages } from './repositoryFormats';
import {
  domainItem,
  domainTooltip,
  EMPTY,
  emptyState,
  errorItem,
  externalConnectionItem,
  formatItem,
  formatLabel,
  infoItem,
  loadMoreItem,
  namespaceItem,
  packageItem,
  repositoryItem,
  upstreamsItem,
  versionItem,
  versionTooltip,
  type EmptyState,
  type Loaded,
  type NodeView,
} from './treeItems';

export { FORMAT_LABELS, formatIcon, namespaceLabel, type IconSpec, type NodeView } from './treeItems';

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
  /** The clock for "3 days ago" in tooltips (tests pass a fixed one). */
  now?(): Date;
  /** Rows above a domain's repositories (its Package groups, packageGroupNodes.ts); built once per domain node. */
  domainChildren?(domain: DomainNode): ExplorerNode[];
}

/** Formats whose namespaces are worth a level of their own (npm scopes, Maven groups, Swift scopes, generic). */
const NAMESPACED_FORMATS = new Set(['npm', 'maven', 'swift', 'generic']);

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
  /** The "Load more…" row: one object for its id. */
  private more: LoadMoreNode | undefined;
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
  /** What the rows are, for "100 packages shown". */
  get shownWhat(): string {
    return this.loadingWhat;
  }

  private newList(): PagedList<T> {
    return new PagedList<T>(async (token) => {
      const ctx = this.ctx;
      if (!ctx) throw new CodeArtifactError({ kind: 'notSignedIn' }, 'Not signed in.');
      const page = await this.fetchPage(ctx, token, this.signal);
      this.dropped += page.dropped ?? 0;
      return page;
    });
  }

  /**
   * Same node object for the same key across refreshes of the list (a changed item is written into it): VS Code
   * keeps its expansion, and a reveal, a pending command or a redraw that holds the object still names a row of
   * the tree (a new object for the same id is one VS Code has never seen, and its old one is forgotten).
   */
  protected nodeFor(item: T): ExplorerNode {
    const key = this.keyOf(item);
    let node = this.built.get(key);
    if (!node) {
      const kept = this.staleNodes?.get(key);
      if (kept && (this.error || kept.item === JSON.stringify(item) || this.updateChild(kept.node, item))) node = kept.node;
    }
    node ??= this.build(item);
    this.built.set(key, node);
    return node;
  }

  /** Writes a changed item into the node built for its key; false when the node cannot take it (a new one is built). */
  protected updateChild(_node: ExplorerNode, _item: T): boolean {
    return false;
  }

  protected arrange(items: readonly T[]): ExplorerNode[] {
    return items.map((i) => this.nodeFor(i));
  }

  /** What the level shows when it has no rows. */
  protected emptyState(): EmptyState | undefined {
    return undefined;
  }

  get loadedCount(): number {
    return this.list.items.length;
  }
  /** Rows on screen and whether the server has more; undefined until the first page came. */
  get loaded(): Loaded | undefined {
    return this.list.pagesLoaded > 0 && !this.error ? { count: this.list.items.length, more: this.list.hasMore } : undefined;
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
    // A reset while the page loads (Retry, then the "online again" refresh) replaces the list: answer from the new
    // one, or the level would be shown empty for a moment and VS Code would forget the expansion of its rows.
    for (let list: PagedList<T> | undefined; list !== this.list; ) {
      list = this.list;
      try {
        await list.ensureFirstPage();
        this.error = undefined;
      } catch (err) {
        const e = errorOf(err);
        if (e.kind === 'cancelled') return [];
        this.error = e;
        if (list === this.list) ctx.onError?.(e, `${this.loadingWhat} (${this.id})`);
      }
    }
    if (!this.error) this.stale = undefined;
    const children = this.arrange(this.list.items.length === 0 && this.error && this.stale ? this.stale : this.list.items);
    if (!this.error) this.staleNodes = undefined;
    if (this.error) children.push(MessageNode.of(this, `Could not load ${this.loadingWhat}`, this.error));
    else if (this.dropped > 0) children.push(MessageNode.empty(this, EMPTY.unreadable(this.dropped)));
    else if (children.length === 0) {
      const empty = this.emptyState();
      if (empty) children.push(MessageNode.empty(this, empty));
    }
    if (this.list.hasMore) children.push((this.more ??= new LoadMoreNode(this)));
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
      // Merged, not replaced: after a reset during a load, `built` is still empty and the kept nodes are the ones shown.
      const built = [...this.built].map(([key, node]) => [key, { node, item: items.get(key) ?? '' }] as const);
      this.staleNodes = new Map([...(this.staleNodes ?? []), ...built]);
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
  protected override updateChild(node: ExplorerNode, d: DomainItem): boolean {
    return node instanceof DomainNode && node.update(d);
  }
  protected override emptyState(): EmptyState {
    return EMPTY.domains();
  }
}

export class DomainNode extends PagedNode<RepositoryInfo> {
  readonly id: string;
  protected readonly loadingWhat = 'repositories';
  private described: DomainInfo | undefined;
  private extraChildren: ExplorerNode[] | undefined;

  constructor(parent: ExplorerNode, private item: DomainItem) {
    super(parent);
    this.id = `d:${item.owner}/${item.name}`;
  }
  get info(): DomainItem {
    return this.item;
  }
  /** The listing's newer answer for this domain (same owner and name: same id). */
  update(item: DomainItem): boolean {
    if (`d:${item.owner}/${item.name}` !== this.id) return false;
    this.item = item;
    return true;
  }
  get ref(): DomainRef {
    return { name: this.info.name, owner: this.info.owner || undefined };
  }
  view(): NodeView {
    return domainItem(this.info, this.loaded, this.described);
  }
  override async resolveTooltip(ctx: ExplorerContext, signal?: AbortSignal): Promise<string | undefined> {
    if (!this.described) {
      try {
        this.described = await ctx.api().describeDomain(this.ref, { signal });
      } catch (err) {
        // Without DescribeDomain the counts are missing: say which permission, since nothing else would.
        if (err instanceof CodeArtifactError && err.kind === 'accessDenied') return domainTooltip({ ...this.info, error: err }, this.loaded);
        return undefined; // the tooltip without the count is still useful; other errors show on expand
      }
    }
    return domainTooltip({ ...this.described, error: this.info.error }, this.loaded);
  }
  override async getChildren(ctx: ExplorerContext, signal?: AbortSignal): Promise<ExplorerNode[]> {
    this.extraChildren ??= ctx.domainChildren?.(this) ?? [];
    const repositories = await super.getChildren(ctx, signal);
    return [...this.extraChildren, ...repositories];
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
  protected override updateChild(node: ExplorerNode, r: RepositoryInfo): boolean {
    if (!(node instanceof RepositoryNode) || node.name !== r.name) return false;
    node.info = r;
    return true;
  }
  protected override emptyState(): EmptyState {
    return EMPTY.repositories(this.info.name);
  }
  override reset(): void {
    super.reset();
    this.described = undefined;
    for (const n of this.extraChildren ?? []) n.reset();
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
  /** Counts resets: a load that began before the latest one is not kept. */
  private generation = 0;
  /** The rows of earlier answers by id: a refresh gives VS Code the same objects again (their state is reset). */
  private readonly rows = new Map<string, ExplorerNode>();
  /** What the last expansion learnt (kept through a refresh until the next answer): links and formats. */
  private details: RepositoryDetails | undefined;
  private formats: PackageFormat[] | undefined;

  constructor(
    parent: ExplorerNode,
    readonly domain: DomainNode,
    readonly name: string,
    /** Written again by a refresh of the level above (the node is kept: see PagedNode.nodeFor). */
    public info?: RepositoryInfo,
    public upstreamPosition?: number,
  ) {
    super(parent);
    this.id = `${parent.id}/r:${name}`;
  }
  get ref(): RepositoryRef {
    return { domain: this.domain.info.name, domainOwner: this.domain.info.owner || undefined, repository: this.name };
  }
  view(): NodeView {
    return repositoryItem({
      domain: this.domain.info.name,
      name: this.name,
      ...(this.info ? { info: this.info } : {}),
      ...(this.filter ? { filter: this.filter } : {}),
      ...(this.upstreamPosition !== undefined ? { upstreamPosition: this.upstreamPosition } : {}),
      ...(this.details ? { details: this.details } : {}),
      ...(this.formats && !this.filter ? { formats: this.formats } : {}),
    });
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
    // A reset while loading (a refresh, a new filter) makes that answer stale: ask again with the new state.
    for (;;) {
      if (this.children) return this.children;
      const generation = this.generation;
      if (!this.inFlight) {
        const load: Promise<ExplorerNode[]> = this.load(ctx, signal).finally(() => {
          if (this.inFlight === load) this.inFlight = undefined;
        });
        this.inFlight = load;
      }
      const children = await this.inFlight;
      if (generation === this.generation) return children;
    }
  }

  private async load(ctx: ExplorerContext, signal?: AbortSignal): Promise<ExplorerNode[]> {
    const generation = this.generation;
    const api = (() => {
      try {
        return ctx.api();
      } catch (err) {
        return errorOf(err);
      }
    })();
    if (api instanceof CodeArtifactError) return [MessageNode.of(this, 'Could not load the repository', api)];
    try {
      // One round trip: the repository's links, and which formats have (matching) packages.
      const [details, formats] = await Promise.all([api.describeRepository(this.ref, { signal }), formatsWithPackages(api, this.ref, this.query, signal)]);
      // Reset meanwhile: getChildren asks again, and this answer (perhaps for the old filter) is not kept.
      if (generation !== this.generation) return [];
      this.details = details;
      this.formats = formats;
      const children: ExplorerNode[] = [];
      if (details.upstreams.length > 0) children.push(this.row(new UpstreamsNode(this, details.upstreams), (n) => n.update(details.upstreams)));
      for (const c of details.externalConnections) children.push(this.row(new ExternalConnectionNode(this, c.name, c.format, c.status), (n) => n.update(c.format, c.status)));
      for (const format of formats) children.push(this.row(new FormatNode(this, format), () => true));
      if (!children.some((c) => c instanceof FormatNode)) {
        const { domain, domainOwner } = this.ref;
        children.push(MessageNode.empty(this, this.filter ? EMPTY.filtered(this.filter) : EMPTY.packages({ domain, owner: domainOwner ?? '', repository: this.name })));
      }
      this.children = children;
      this.staleChildren = undefined;
      return children;
    } catch (err) {
      const e = errorOf(err);
      if (e.kind === 'cancelled') return [];
      ctx.onError?.(e, `repository ${this.id}`);
      const kept = (this.staleChildren ?? []).filter((c) => !(c instanceof MessageNode));
      return [...kept, MessageNode.of(this, 'Could not load the repository', e)];
    }
  }

  /** The kept row with `fresh`'s id, updated by `take`, or `fresh` (kept for next time). */
  private row<N extends ExplorerNode>(fresh: N, take: (kept: N) => boolean): N {
    const kept = this.rows.get(fresh.id);
    if (kept instanceof fresh.constructor && take(kept as N)) return kept as N;
    this.rows.set(fresh.id, fresh);
    return fresh;
  }

  override reset(): void {
    this.generation++;
    this.inFlight = undefined;
    if (this.children) this.staleChildren = this.children;
    // Kept rows ask the server again when they are next expanded.
    for (const c of this.staleChildren ?? []) c.reset();
    this.children = undefined;
  }
}

export class UpstreamsNode extends ExplorerNode {
  readonly id: string;
  private nodes: RepositoryNode[] = [];
  constructor(readonly repository: RepositoryNode, public upstreams: string[]) {
    super(repository);
    this.id = `${repository.id}/upstreams`;
    this.update(upstreams);
  }
  /** A newer list of upstreams: a repository still in it keeps its node (and VS Code its expansion). */
  update(upstreams: string[]): boolean {
    const kept = new Map(this.nodes.map((n) => [n.name, n]));
    this.upstreams = upstreams;
    this.nodes = upstreams.map((name, i) => {
      const node = kept.get(name);
      if (!node) return new RepositoryNode(this, this.repository.domain, name, undefined, i + 1);
      node.upstreamPosition = i + 1;
      node.reset();
      return node;
    });
    return true;
  }
  view(): NodeView {
    return upstreamsItem(this.repository.name, this.upstreams);
  }
  override getChildren(): Promise<ExplorerNode[]> {
    return Promise.resolve(this.nodes);
  }
}

export class ExternalConnectionNode extends ExplorerNode {
  readonly id: string;
  constructor(parent: RepositoryNode, readonly name: string, public format?: string, public status?: string) {
    super(parent);
    this.id = `${parent.id}/x:${name}`;
  }
  update(format: string | undefined, status: string | undefined): boolean {
    this.format = format;
    this.status = status;
    return true;
  }
  view(): NodeView {
    return externalConnectionItem(this.name, this.format, this.status);
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
    this.loadingWhat = `${formatLabel(format)} packages`;
  }
  view(): NodeView {
    return formatItem(this.format, this.repository.name, this.repository.filter, this.loaded);
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
  protected override updateChild(node: ExplorerNode, p: PackageInfo): boolean {
    return node instanceof PackageNode && node.update(p);
  }
  protected override emptyState(): EmptyState {
    return EMPTY.packagesInLevel();
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
    // Kept (reset) so that a namespace listed again is the same object; only those in the new listing are shown.
    for (const ns of this.namespaces.values()) ns.reset();
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
    return namespaceItem(this.formatNode.format, this.namespace, this.loaded);
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
  protected override updateChild(node: ExplorerNode, p: PackageInfo): boolean {
    return node instanceof PackageNode && node.update(p);
  }
  protected override emptyState(): EmptyState {
    return EMPTY.packagesInLevel();
  }
}

export class PackageNode extends PagedNode<VersionSummary> {
  readonly id: string;
  protected readonly loadingWhat = 'versions';
  defaultDisplayVersion: string | undefined;

  constructor(parent: ExplorerNode, readonly repository: RepositoryNode, private info: PackageInfo) {
    super(parent);
    this.id = `${parent.id}/p:${info.namespace ?? ''}/${info.name}`;
  }
  get pkg(): PackageInfo {
    return this.info;
  }
  /** The listing's newer answer for this package (its origin controls may have changed). */
  update(p: PackageInfo): boolean {
    if (p.format !== this.info.format || (p.namespace ?? '') !== (this.info.namespace ?? '') || p.name !== this.info.name) return false;
    this.info = p;
    return true;
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
    return packageItem({
      format: this.pkg.format,
      label,
      displayName: this.displayName,
      domain: this.repository.ref.domain,
      repository: this.repository.name,
      ...(this.pkg.originConfiguration ? { originRestrictions: this.pkg.originConfiguration } : {}),
      // Known only once versions are listed: ListPackages has no version to show (see PackageData.defaultVersion).
      ...(this.defaultDisplayVersion ? { defaultVersion: this.defaultDisplayVersion } : {}),
      ...(this.loaded ? { versions: this.loaded } : {}),
    });
  }
  protected async fetchPage(ctx: ExplorerContext, nextToken: string | undefined, signal?: AbortSignal) {
    const page = await ctx.api().listPackageVersions(this.ref, { nextToken, signal, maxResults: growingPageSize(ctx.pageSizes.versions, this.pagesLoaded) });
    // The first page says it afresh (after a delete there may be none); later pages only fill it in.
    if (nextToken === undefined) this.defaultDisplayVersion = page.defaultDisplayVersion;
    else if (page.defaultDisplayVersion) this.defaultDisplayVersion = page.defaultDisplayVersion;
    return page;
  }
  protected keyOf(v: VersionSummary): string {
    return v.version;
  }
  protected build(v: VersionSummary): ExplorerNode {
    return new VersionNode(this, v);
  }
  protected override updateChild(node: ExplorerNode, v: VersionSummary): boolean {
    return node instanceof VersionNode && node.update(v);
  }
  protected override emptyState(): EmptyState {
    return EMPTY.versions();
  }
}

export class VersionNode extends ExplorerNode {
  readonly id: string;
  private children: ExplorerNode[] | undefined;
  constructor(readonly pkg: PackageNode, private item: VersionSummary) {
    super(pkg);
    this.id = `${pkg.id}/v:${item.version}`;
  }
  get summary(): VersionSummary {
    return this.item;
  }
  /** The listing's newer answer for this version (its status may have changed). */
  update(v: VersionSummary): boolean {
    if (v.version !== this.item.version) return false;
    this.item = v;
    return true;
  }
  get ref(): VersionRef {
    return { ...this.pkg.ref, version: this.summary.version };
  }
  get isDefault(): boolean {
    return this.pkg.defaultDisplayVersion === this.summary.version;
  }
  private get origin(): string {
    return describeOrigin(this.summary.origin, this.pkg.repository.name);
  }
  view(): NodeView {
    return versionItem({
      displayName: this.pkg.displayName,
      format: this.pkg.pkg.format,
      version: this.summary.version,
      status: this.summary.status,
      origin: this.origin,
      isDefault: this.isDefault,
    });
  }
  override getChildren(ctx: ExplorerContext): Promise<ExplorerNode[]> {
    this.children ??= ctx.versionChildren?.(this) ?? [];
    return Promise.resolve(this.children);
  }
  override reset(): void {
    // The same Dependencies row again, asking the server anew when it is next expanded.
    for (const c of this.children ?? []) c.reset();
  }
  override async resolveTooltip(ctx: ExplorerContext, signal?: AbortSignal): Promise<string | undefined> {
    const d = await ctx.api().describePackageVersion(this.ref, { signal });
    const origin = d.origin ? describeOrigin(d.origin, this.pkg.repository.name) : this.origin;
    return versionTooltip(d, { displayName: this.pkg.displayName, status: this.summary.status, origin }, ctx.now?.() ?? new Date());
  }
}

export class LoadMoreNode extends ExplorerNode {
  readonly id: string;
  constructor(readonly owner: PagedNode<unknown>) {
    super(owner);
    this.id = `${owner.id}/more`;
  }
  view(): NodeView {
    return loadMoreItem(this.owner.loadedCount, this.owner.shownWhat);
  }
}

/**
 * An informational, empty-level or error row. An error row's click retries its parent (or signs in, when that is
 * the fix); an empty row's click does what fills the level. Both act for their level: commands use the parent.
 */
export class MessageNode extends ExplorerNode {
  readonly id: string;
  constructor(
    parent: ExplorerNode,
    public text: string,
    public error?: CodeArtifactError,
    public emptyLevel?: EmptyState,
  ) {
    super(parent);
    this.id = MessageNode.idOf(parent, error, emptyLevel);
  }
  private static idOf(parent: ExplorerNode, error?: CodeArtifactError, emptyLevel?: EmptyState): string {
    return `${parent.id}/msg:${error ? 'error' : emptyLevel ? `empty.${emptyLevel.kind}` : 'info'}`;
  }
  /** The message rows shown so far, per parent: the same object for the same id (see PagedNode.nodeFor). */
  private static readonly shown = new WeakMap<ExplorerNode, Map<string, MessageNode>>();
  /** The row with this id under `parent`, the one shown before (with the new text) if there was one. */
  static of(parent: ExplorerNode, text: string, error?: CodeArtifactError, emptyLevel?: EmptyState): MessageNode {
    let rows = MessageNode.shown.get(parent);
    if (!rows) MessageNode.shown.set(parent, (rows = new Map<string, MessageNode>()));
    const id = MessageNode.idOf(parent, error, emptyLevel);
    const kept = rows.get(id);
    if (!kept) {
      const node = new MessageNode(parent, text, error, emptyLevel);
      rows.set(id, node);
      return node;
    }
    kept.text = text;
    kept.error = error;
    kept.emptyLevel = emptyLevel;
    return kept;
  }
  /** The repository of an empty or error row under one, so that Configure Workspace from its menu targets it. */
  get ref(): RepositoryRef | undefined {
    return this.parent instanceof RepositoryNode ? this.parent.ref : undefined;
  }
  static empty(parent: ExplorerNode, state: EmptyState): MessageNode {
    return MessageNode.of(parent, state.label, undefined, state);
  }
  view(): NodeView {
    if (this.error) return errorItem(this.text, this.error);
    if (this.emptyLevel) return emptyState(this.emptyLevel);
    return infoItem(this.text);
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
