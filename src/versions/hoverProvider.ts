// The hover over a dependency: its versions (or why there are none) and links to update, list, copy, reveal
// or allow. Links carry ids from the shared LinkStores; a name npm refuses says why nothing is shown.
import * as vscode from 'vscode';
import { messageText } from '../core/displayText';
import { isInsertableVersion } from '../core/versioning/versions';
import { abortSignalFor } from '../shared/cancellation';
import { updateEdits } from './dependencyInsight';
import {
  approvalNoteMarkdown,
  HOVER_COMMANDS,
  HOVER_ROWS,
  hoverMarkdown,
  mavenBlockedMarkdown,
  packageLocationOf,
  refusedNameMarkdown,
  trustNoteMarkdown,
  uncheckedDomainMarkdown,
} from './hoverContent';
import type { LinkStores } from './linkCommands';
import { dependencyAt } from './manifestDependencies';
import { errorMessage, queryFor, toRange, type VersionLookup } from './versionLookup';
import { VersionLookupError, type PackageVersions } from './versionSource';

export class VersionHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly lookup: VersionLookup,
    private readonly links: LinkStores,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const analysis = await this.lookup.analysisOf(doc);
    if (!analysis || token.isCancellationRequested) return undefined;
    const offset = doc.offsetAt(position);
    // A name npm refuses is never looked up, but the hover says why nothing is shown.
    const refused = analysis.contents.refusedNames?.find((r) => offset >= r.span.start && offset <= r.span.end);
    if (refused) {
      const md = new vscode.MarkdownString(refusedNameMarkdown(refused.name));
      md.isTrusted = false;
      md.supportHtml = false;
      return new vscode.Hover(md, toRange(doc, refused.span));
    }
    const dep = dependencyAt(analysis.contents.dependencies, offset);
    const route = dep && analysis.route(dep);
    if (!dep || !route || route.kind === 'unconfigured') return undefined;
    const range = toRange(doc, dep.rangeSpan && doc.offsetAt(position) >= dep.rangeSpan.start ? dep.rangeSpan : dep.nameSpan);
    const trusted = (markdown: string): vscode.Hover => {
      const md = new vscode.MarkdownString(markdown);
      md.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
      md.supportHtml = false;
      return new vscode.Hover(md, range);
    };
    if (route.kind === 'untrusted') return trusted(trustNoteMarkdown(dep));
    if (route.kind === 'mavenBlocked') return trusted(mavenBlockedMarkdown(dep, route.target, route.mirrorId));
    if (route.kind === 'blocked' && route.unchecked !== undefined) return trusted(uncheckedDomainMarkdown(dep, route.target, route.unchecked));
    if (route.kind === 'blocked') {
      const id = this.links.approvals.put({ folder: analysis.folder, folderName: analysis.folderName, target: route.target, fileLabel: route.fileLabel });
      return trusted(approvalNoteMarkdown(dep, route.target, route.fileLabel, id));
    }
    const { target } = route;
    const { source } = this.lookup;
    let pkg: PackageVersions;
    try {
      const query = queryFor(dep, target);
      const signal = abortSignalFor(token);
      // Maven: the rows the hover shows get their publish dates (one parallel round trip, then kept).
      pkg = await source.withPublishedDates(query, await source.get(query, signal), HOVER_ROWS, signal);
    } catch (err) {
      if (err instanceof VersionLookupError && err.kind === 'cancelled') return undefined;
      this.log.warn(`Versions of ${dep.displayName}: ${errorMessage(err)}`);
      this.lookup.retryLater(queryFor(dep, target));
      const md = new vscode.MarkdownString();
      md.appendText(messageText(`CodeArtifact: could not get the versions of ${dep.displayName}. ${errorMessage(err)}`));
      return new vscode.Hover(md, range);
    }
    const [edit] = updateEdits(dep, pkg);
    const installed = await this.lookup.installedOf(doc, dep);
    const latest = pkg.latest;
    const update = edit && this.links.updates.put({ uri: doc.uri.toString(), start: edit.span.start, end: edit.span.end, expected: edit.span.text, newText: edit.newText });
    return trusted(
      hoverMarkdown(dep, target, pkg, {
        ...(update && edit ? { update, updateTo: edit.target } : {}),
        showVersions: this.links.versions.put({ query: queryFor(dep, target), displayName: dep.displayName }),
        ...(installed ? { installed } : {}),
        ...(latest && isInsertableVersion(dep.ecosystem, latest)
          ? { copySnippet: this.links.snippets.put({ format: dep.ecosystem, ...(dep.namespace ? { namespace: dep.namespace } : {}), name: dep.name, version: latest }) }
          : {}),
        // Upstream-only packages have no node in this repository's tree.
        ...(pkg.inRepository ? { reveal: this.links.reveals.put(packageLocationOf(dep, target)) } : {}),
      }),
    );
  }
}
