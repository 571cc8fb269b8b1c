// Where a package lives (domain, owner, repository, format, namespace, name) and how to find its node in the
// explorer's model, loading the levels above it as needed. Used by "Find package" and by the hover's
// "Reveal in CodeArtifact Explorer" link. Pure: no vscode, so it runs against the emulator in plain Node.
import { PACKAGE_FORMATS, type PackageFormat } from '../aws/codeArtifactApi';
import { isAccountId, isDomainName, isRepositoryName } from '../core/configFiles/endpoint';
import { DomainNode, LoadMoreNode, type ExplorerModel, type PackageNode } from './model';

export interface PackageLocation {
  readonly domain: string;
  /** 12-digit account; '' or absent means the caller's own account. */
  readonly owner?: string;
  readonly repository: string;
  readonly format: PackageFormat;
  /** npm scope without `@`, Maven groupId. */
  readonly namespace?: string;
  readonly name: string;
}

export type LocateResult =
  | { readonly kind: 'found'; readonly node: PackageNode }
  | { readonly kind: 'noDomain' }
  | { readonly kind: 'noPackage' };

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Checks a command argument (it arrives from a Markdown link, so it is only trusted as far as its shape). */
export function parsePackageLocation(arg: unknown): PackageLocation | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const a = arg as Record<string, unknown>;
  if (!nonEmpty(a['domain']) || !nonEmpty(a['repository']) || !nonEmpty(a['name'])) return undefined;
  const format = PACKAGE_FORMATS.find((f) => f === a['format']);
  if (!format) return undefined;
  // CodeArtifact's own name rules: anything else cannot name a real domain or repository.
  if (!isDomainName(a['domain']) || !isRepositoryName(a['repository'])) return undefined;
  if (a['owner'] !== undefined && typeof a['owner'] !== 'string') return undefined;
  if (nonEmpty(a['owner']) && !isAccountId(a['owner'])) return undefined;
  if (a['namespace'] !== undefined && typeof a['namespace'] !== 'string') return undefined;
  return {
    domain: a['domain'],
    ...(nonEmpty(a['owner']) ? { owner: a['owner'] } : {}),
    repository: a['repository'],
    format,
    ...(nonEmpty(a['namespace']) ? { namespace: a['namespace'] } : {}),
    name: a['name'],
  };
}

/** The domain's root node, paging through the root's domains if needed; owner '' matches any owner. */
export async function findDomainNode(model: ExplorerModel, domain: string, owner: string | undefined, signal?: AbortSignal): Promise<DomainNode | undefined> {
  for (let page = 0; page < 50; page++) {
    const roots = await model.getChildren(undefined, signal);
    const found = roots.find((n): n is DomainNode => n instanceof DomainNode && n.info.name === domain && (!owner || n.info.owner === owner));
    if (found) return found;
    const more = roots.find((n): n is LoadMoreNode => n instanceof LoadMoreNode);
    if (!more) return undefined;
    await model.loadMore(more, signal);
  }
  return undefined;
}

/** The package's tree node, with its repository filtered to it (see ExplorerModel.locatePackage). */
export async function locatePackageNode(model: ExplorerModel, at: PackageLocation, signal?: AbortSignal): Promise<LocateResult> {
  const domain = await findDomainNode(model, at.domain, at.owner, signal);
  if (!domain) return { kind: 'noDomain' };
  const node = await model.locatePackage(domain, at.repository, { format: at.format, ...(at.namespace ? { namespace: at.namespace } : {}), name: at.name }, signal);
  return node ? { kind: 'found', node } : { kind: 'noPackage' };
}
