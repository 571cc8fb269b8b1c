// "Show Version Details": a read-only Markdown document served from the `codeartifact:` scheme.
import * as vscode from 'vscode';
import type { CodeArtifactApi, PackageFormat, VersionRef } from '../aws/codeArtifactApi';
import { renderVersionDetails, type VersionDetailsInput } from '../core/versionDetails';
import { displayPackageName } from '../core/snippets';
import { abortSignalFor } from '../shared/cancellation';

export const DETAILS_SCHEME = 'codeartifact';

/** The URI carries the whole reference in its query; the path only names the tab. */
export function detailsUri(ref: VersionRef): vscode.Uri {
  const params = new URLSearchParams({ domain: ref.domain, repository: ref.repository, format: ref.format, package: ref.package, version: ref.version });
  if (ref.domainOwner) params.set('owner', ref.domainOwner);
  if (ref.namespace) params.set('namespace', ref.namespace);
  const title = `${displayPackageName(ref.format, ref.namespace, ref.package)}@${ref.version}`.replace(/[/\\]/g, '∕');
  return vscode.Uri.from({ scheme: DETAILS_SCHEME, path: `/${title}.md`, query: params.toString() });
}

export function refFromUri(uri: vscode.Uri): VersionRef {
  const q = new URLSearchParams(uri.query);
  const need = (k: string) => {
    const v = q.get(k);
    if (!v) throw new Error(`The details link lacks "${k}"`);
    return v;
  };
  return {
    domain: need('domain'),
    repository: need('repository'),
    format: need('format') as PackageFormat,
    package: need('package'),
    version: need('version'),
    ...(q.get('owner') ? { domainOwner: q.get('owner') as string } : {}),
    ...(q.get('namespace') ? { namespace: q.get('namespace') as string } : {}),
  };
}

/** Describe, assets (first page) and readme in parallel; a part that fails is listed under "Not loaded". */
export async function loadVersionDetails(api: CodeArtifactApi, ref: VersionRef, signal?: AbortSignal): Promise<VersionDetailsInput> {
  const [details, assets, readme] = await Promise.allSettled([
    api.describePackageVersion(ref, { signal }),
    api.listAssets(ref, { signal, maxResults: 100 }),
    api.getReadme(ref, { signal }),
  ]);
  const problems: string[] = [];
  const note = (what: string, r: PromiseSettledResult<unknown>) => {
    if (r.status === 'rejected') problems.push(`${what}: ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`);
  };
  note('Details', details);
  note('Assets', assets);
  // Many versions have no readme; a 404 there is not a problem worth showing.
  if (readme.status === 'rejected' && !(readme.reason instanceof Error && /not ?found/i.test(readme.reason.message))) note('Readme', readme);
  return {
    domain: ref.domain,
    domainOwner: ref.domainOwner ?? '',
    repository: ref.repository,
    format: ref.format,
    ...(ref.namespace ? { namespace: ref.namespace } : {}),
    package: ref.package,
    version: ref.version,
    ...(details.status === 'fulfilled' ? { details: details.value } : {}),
    ...(assets.status === 'fulfilled' ? { assets: assets.value.items, assetsTruncated: !!assets.value.nextToken } : {}),
    ...(readme.status === 'fulfilled' && readme.value ? { readme: readme.value } : {}),
    problems,
  };
}

export class VersionDetailsProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly api: () => CodeArtifactApi) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const ref = refFromUri(uri);
    return renderVersionDetails(await loadVersionDetails(this.api(), ref, abortSignalFor(token)));
  }
}
