// A version's "Dependencies" row and one row per dependency (ListPackageVersionDependencies, page by page). A
// dependency's click reveals that package in the same repository's tree (packageLocation.ts). No vscode.
import type { DependencyInfo } from '../aws/codeArtifactApi';
import { dependencyName } from '../core/versionDetails';
import { ExplorerNode, PagedNode, type ExplorerContext, type NodeView, type VersionNode } from './model';
import type { PackageLocation } from './packageLocation';
import { dependenciesItem, dependencyItem, EMPTY, type EmptyState } from './treeItems';

export class DependenciesNode extends PagedNode<DependencyInfo> {
  readonly id: string;
  protected readonly loadingWhat = 'dependencies';
  constructor(readonly version: VersionNode) {
    super(version);
    this.id = `${version.id}/deps`;
  }
  view(): NodeView {
    return dependenciesItem(this.version.pkg.displayName, this.version.summary.version, this.loaded);
  }
  protected fetchPage(ctx: ExplorerContext, nextToken: string | undefined, signal?: AbortSignal) {
    // The operation has no page size: the server decides how many come per page.
    return ctx.api().listDependencies(this.version.ref, { nextToken, signal });
  }
  protected keyOf(d: DependencyInfo): string {
    return `${d.namespace ?? ''}/${d.package}/${d.dependencyType ?? ''}`;
  }
  protected build(d: DependencyInfo): ExplorerNode {
    return new DependencyNode(this, d);
  }
  protected override updateChild(node: ExplorerNode, d: DependencyInfo): boolean {
    if (!(node instanceof DependencyNode) || this.keyOf(d) !== this.keyOf(node.dependency)) return false;
    node.dependency = d;
    return true;
  }
  protected override emptyState(): EmptyState {
    return EMPTY.dependencies();
  }
}

export class DependencyNode extends ExplorerNode {
  readonly id: string;
  constructor(
    readonly owner: DependenciesNode,
    /** Written again by a refresh (the node is kept: see PagedNode.nodeFor). */
    public dependency: DependencyInfo,
  ) {
    super(owner);
    this.id = `${owner.id}/d:${dependency.namespace ?? ''}/${dependency.package}/${dependency.dependencyType ?? ''}`;
  }
  get name(): string {
    return dependencyName(this.owner.version.pkg.pkg.format, this.dependency);
  }
  /** The package in the version's own repository (a dependency has the format of the package that declares it). */
  get location(): PackageLocation {
    const repo = this.owner.version.pkg.repository;
    return {
      domain: repo.domain.info.name,
      owner: repo.domain.info.owner,
      repository: repo.name,
      format: this.owner.version.pkg.pkg.format,
      ...(this.dependency.namespace ? { namespace: this.dependency.namespace } : {}),
      name: this.dependency.package,
    };
  }
  view(): NodeView {
    return dependencyItem(this.name, this.dependency, this.owner.version.pkg.repository.name);
  }
}
