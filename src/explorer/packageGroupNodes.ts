// A domain's "Package groups" row: the root group `/*`, each group's sub groups below it (ListSubPackageGroups,
// page by page) and its "Packages" (ListAssociatedPackages, page by page). Each group shows its origin
// restrictions as they take effect. No vscode import: tested against the emulator in plain Node.
import { CodeArtifactError } from '../aws/errors';
import { packageGroupsApiFor, restrictionHighlights, RESTRICTION_TYPES, ROOT_GROUP, type AssociatedPackage, type PackageGroupInfo, type PackageGroupsApi, type RestrictionType } from '../aws/packageGroupsApi';
import { escapeMarkdown, formatTime, inlineCode } from '../core/markdown';
import { growingPageSize } from '../core/pagination';
import { displayPackageName } from '../core/snippets';
import type { EmptyState } from './treeItems';
import { ExplorerNode, FORMAT_LABELS, formatIcon, MessageNode, PagedNode, type DomainNode, type ExplorerContext, type NodeView } from './model';

const RESTRICTION_LABELS: Record<RestrictionType, string> = {
  PUBLISH: 'Publish',
  EXTERNAL_UPSTREAM: 'External upstream',
  INTERNAL_UPSTREAM: 'Internal upstream',
};

function groupsApi(ctx: ExplorerContext): PackageGroupsApi {
  return packageGroupsApiFor(ctx.api());
}

/** The tooltip of a group: its pattern, description, contact and each restriction with where it comes from. */
export function groupTooltip(g: PackageGroupInfo): string {
  const lines = [`**Package group** ${inlineCode(g.pattern)}`];
  if (g.description) lines.push('', escapeMarkdown(g.description));
  if (g.contactInfo) lines.push('', `Contact: ${escapeMarkdown(g.contactInfo)}`);
  if (g.parent) lines.push('', `Parent: ${inlineCode(g.parent)}`);
  for (const type of RESTRICTION_TYPES) {
    const r = g.restrictions[type];
    if (!r) continue;
    const effective = r.effectiveMode ?? r.mode;
    let line = `${RESTRICTION_LABELS[type]}: **${escapeMarkdown(effective)}**`;
    if (r.mode === 'INHERIT') line += ` (inherited${r.inheritedFrom ? ` from ${inlineCode(r.inheritedFrom)}` : ''})`;
    if (effective === 'ALLOW_SPECIFIC_REPOSITORIES') line += ` — ${r.repositoriesCount ?? 0} allowed ${r.repositoriesCount === 1 ? 'repository' : 'repositories'}`;
    lines.push('', line);
  }
  if (g.createdTime) lines.push('', `Created: ${escapeMarkdown(formatTime(g.createdTime))}`);
  return lines.join('\n');
}

/** "Package groups" under a domain: expands to the root group. */
export class PackageGroupsNode extends ExplorerNode {
  readonly id: string;
  private children: ExplorerNode[] | undefined;
  private root: PackageGroupNode | undefined;

  constructor(readonly domain: DomainNode) {
    super(domain);
    this.id = `${domain.id}/groups`;
  }
  view(): NodeView {
    return {
      label: 'Package groups',
      tooltip: `Origin controls for groups of packages in ${inlineCode(this.domain.info.name)}: the most specific pattern that matches a package governs it.`,
      icon: { codicon: 'symbol-namespace' },
      contextValue: 'packageGroups',
      collapsible: 'collapsed',
    };
  }
  override async getChildren(ctx: ExplorerContext, signal?: AbortSignal): Promise<ExplorerNode[]> {
    if (this.children) return this.children;
    try {
      const info = await groupsApi(ctx).describePackageGroup(this.domain.ref, ROOT_GROUP, { signal });
      // The same node across refreshes keeps VS Code's expansion of the tree below it.
      if (this.root) this.root.update(info);
      else this.root = new PackageGroupNode(this, this.domain, info);
      this.children = [this.root];
    } catch (err) {
      const e = err instanceof CodeArtifactError ? err : new CodeArtifactError({ kind: 'internal' }, String(err));
      if (e.kind === 'cancelled') return [];
      ctx.onError?.(e, `package groups (${this.id})`);
      return [MessageNode.of(this, 'Could not load the package groups', e)];
    }
    return this.children;
  }
  override reset(): void {
    this.children = undefined;
    this.root?.reset();
  }
}

/** One group: its sub groups (paged) after a "Packages" row. */
export class PackageGroupNode extends PagedNode<PackageGroupInfo> {
  readonly id: string;
  protected readonly loadingWhat = 'sub groups';
  readonly packages: AssociatedPackagesNode;

  constructor(
    parent: ExplorerNode,
    readonly domain: DomainNode,
    public info: PackageGroupInfo,
  ) {
    super(parent);
    this.id = `${domain.id}/g:${info.pattern}`;
    this.packages = new AssociatedPackagesNode(this);
  }
  get pattern(): string {
    return this.info.pattern;
  }
  get isRoot(): boolean {
    return this.info.pattern === ROOT_GROUP;
  }
  update(info: PackageGroupInfo): void {
    this.info = info;
  }
  view(): NodeView {
    const blocked = RESTRICTION_TYPES.some((t) => (this.info.restrictions[t]?.effectiveMode ?? this.info.restrictions[t]?.mode) === 'BLOCK');
    return {
      label: this.info.pattern,
      description: Object.keys(this.info.restrictions).length > 0 ? restrictionHighlights(this.info) : undefined,
      tooltip: groupTooltip(this.info),
      icon: { codicon: blocked ? 'shield' : 'symbol-namespace' },
      contextValue: this.isRoot ? 'packageGroup.root' : 'packageGroup',
      collapsible: 'collapsed',
    };
  }
  override async getChildren(ctx: ExplorerContext, signal?: AbortSignal): Promise<ExplorerNode[]> {
    const subGroups = await super.getChildren(ctx, signal);
    return [this.packages, ...subGroups];
  }
  protected fetchPage(ctx: ExplorerContext, nextToken: string | undefined, signal?: AbortSignal) {
    return groupsApi(ctx).listSubPackageGroups(this.domain.ref, this.info.pattern, { nextToken, signal, maxResults: ctx.pageSizes.repositories });
  }
  protected keyOf(g: PackageGroupInfo): string {
    return g.pattern;
  }
  protected build(g: PackageGroupInfo): ExplorerNode {
    return new PackageGroupNode(this, this.domain, g);
  }
  protected override nodeFor(g: PackageGroupInfo): ExplorerNode {
    const node = super.nodeFor(g);
    // A kept node shows the modes of the latest answer (inherited ones change when a parent changes).
    if (node instanceof PackageGroupNode) node.update(g);
    return node;
  }
  override reset(): void {
    super.reset();
    this.packages.reset();
  }
}

/** The packages a group governs, across the domain's repositories (ListAssociatedPackages). */
export class AssociatedPackagesNode extends PagedNode<AssociatedPackage> {
  readonly id: string;
  protected readonly loadingWhat = 'associated packages';
  constructor(readonly group: PackageGroupNode) {
    super(group);
    this.id = `${group.id}/packages`;
  }
  view(): NodeView {
    return {
      label: 'Packages',
      description: this.loadedCount > 0 ? `${this.loadedCount}${this.hasMore ? '+' : ''}` : undefined,
      tooltip: `Packages in any repository of ${inlineCode(this.group.domain.info.name)} that ${inlineCode(this.group.pattern)} governs (no more specific group matches them).`,
      icon: { codicon: 'package' },
      contextValue: 'packageGroupPackages',
      collapsible: 'collapsed',
    };
  }
  protected fetchPage(ctx: ExplorerContext, nextToken: string | undefined, signal?: AbortSignal) {
    return groupsApi(ctx).listAssociatedPackages(this.group.domain.ref, this.group.pattern, { nextToken, signal, maxResults: growingPageSize(ctx.pageSizes.packages, this.pagesLoaded) });
  }
  protected keyOf(p: AssociatedPackage): string {
    return `${p.format}/${p.namespace ?? ''}/${p.name}`;
  }
  protected build(p: AssociatedPackage): ExplorerNode {
    return new AssociatedPackageNode(this, p);
  }
  protected override emptyState(): EmptyState {
    return { kind: 'groupPackages', label: 'No packages in this group', tooltip: `No package of the domain matches ${inlineCode(this.group.pattern)} yet.` };
  }
}

export class AssociatedPackageNode extends ExplorerNode {
  readonly id: string;
  constructor(
    readonly owner: AssociatedPackagesNode,
    readonly pkg: AssociatedPackage,
  ) {
    super(owner);
    this.id = `${owner.id}/${pkg.format}/${pkg.namespace ?? ''}/${pkg.name}`;
  }
  view(): NodeView {
    const name = displayPackageName(this.pkg.format, this.pkg.namespace, this.pkg.name);
    const format = FORMAT_LABELS[this.pkg.format] ?? this.pkg.format;
    const weak = this.pkg.associationType === 'WEAK';
    return {
      label: name,
      description: weak ? `${format} · weak match` : format,
      tooltip: `**${escapeMarkdown(name)}** (${escapeMarkdown(format)})\n\nGoverned by ${inlineCode(this.owner.group.pattern)}${this.pkg.associationType ? ` (${escapeMarkdown(this.pkg.associationType)} association)` : ''}`,
      icon: formatIcon(this.pkg.format),
      contextValue: 'packageGroupPackage',
      collapsible: 'none',
    };
  }
}
