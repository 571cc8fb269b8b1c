// The explorer rows VS Code has been given, by identity of what they show, so that a write refreshes exactly the
// rows it changed (and nothing is loaded just to find them). Held weakly: a cleared tree lets its nodes go.
import type { PackageRef, RepositoryRef } from '../aws/codeArtifactApi';
import { DomainNode, FormatNode, PackageNode, RepositoryNode, VersionNode, type ExplorerNode } from '../explorer/model';
import { PackageGroupNode, PackageGroupsNode } from '../explorer/packageGroupNodes';

function sameRepository(a: RepositoryRef, b: RepositoryRef): boolean {
  return a.domain === b.domain && a.repository === b.repository && (!a.domainOwner || !b.domainOwner || a.domainOwner === b.domainOwner);
}

export function samePackage(a: PackageRef, b: PackageRef): boolean {
  return sameRepository(a, b) && a.format === b.format && (a.namespace ?? '') === (b.namespace ?? '') && a.package === b.package;
}

export class TreeIndex {
  private readonly nodes = new Map<string, WeakRef<ExplorerNode>>();

  record(node: ExplorerNode): void {
    if (node instanceof PackageNode || node instanceof RepositoryNode || node instanceof FormatNode || node instanceof VersionNode || node instanceof DomainNode || node instanceof PackageGroupsNode || node instanceof PackageGroupNode) this.nodes.set(node.id, new WeakRef(node));
  }

  clear(): void {
    this.nodes.clear();
  }

  private *live(): Generator<ExplorerNode> {
    for (const [id, ref] of this.nodes) {
      const node = ref.deref();
      if (node) yield node;
      else this.nodes.delete(id);
    }
  }

  packages(ref: PackageRef): PackageNode[] {
    return [...this.live()].filter((n): n is PackageNode => n instanceof PackageNode && samePackage(n.ref, ref));
  }

  formats(repo: RepositoryRef, format: string): FormatNode[] {
    return [...this.live()].filter((n): n is FormatNode => n instanceof FormatNode && n.format === format && sameRepository(n.repository.ref, repo));
  }

  repositories(repo: RepositoryRef): RepositoryNode[] {
    return [...this.live()].filter((n): n is RepositoryNode => n instanceof RepositoryNode && sameRepository(n.ref, repo));
  }

  /** The rows of a domain that carry its domain-level writes: the domain, "Package groups" and each group. */
  domainRows(d: { name: string; owner?: string }): ExplorerNode[] {
    const same = (n: DomainNode): boolean => n.info.name === d.name && (!d.owner || !n.info.owner || n.info.owner === d.owner);
    return [...this.live()].filter((n) => (n instanceof DomainNode ? same(n) : (n instanceof PackageGroupsNode || n instanceof PackageGroupNode) && same(n.domain)));
  }

  /** Every recorded row (for a denial that named no resource). */
  all(): ExplorerNode[] {
    return [...this.live()];
  }
}
