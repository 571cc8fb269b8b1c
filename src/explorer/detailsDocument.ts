// "Show Version Details": a read-only Markdown document served from the `codeartifact:` scheme.
import * as vscode from 'vscode';
import type { CodeArtifactApi, PackageFormat, VersionRef } from '../aws/codeArtifactApi';
import { displayText } from '../core/displayText';
import { renderVersionDetails } from '../core/versionDetails';
import { displayPackageName } from '../core/snippets';
import { abortSignalFor } from '../shared/cancellation';
import { loadVersionDetails } from './versionDetailsData';

export const DETAILS_SCHEME = 'codeartifact';

/** The URI carries the whole reference in its query; the path only names the tab. */
export function detailsUri(ref: VersionRef): vscode.Uri {
  const params = new URLSearchParams({ domain: ref.domain, repository: ref.repository, format: ref.format, package: ref.package, version: ref.version });
  if (ref.domainOwner) params.set('owner', ref.domainOwner);
  if (ref.namespace) params.set('namespace', ref.namespace);
  // The tab title: neutralised and cut like any label (the query, not the title, identifies the document).
  const title = displayText(`${displayPackageName(ref.format, ref.namespace, ref.package)}@${ref.version}`, 120).replace(/[/\\]/g, '∕');
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

export class VersionDetailsProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly api: () => CodeArtifactApi) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const ref = refFromUri(uri);
    return renderVersionDetails(await loadVersionDetails(this.api(), ref, abortSignalFor(token)));
  }
}
