// Diagnostics over a manifest: every dependency's findings (unknown package, not installable, outdated…) and
// the names npm refuses. Edits are debounced per document; a newer edit aborts the older lookups.
import * as vscode from 'vscode';
import { messageText } from '../core/displayText';
import { findingsFor, refusedNameFinding, type Finding, type Severity } from './dependencyInsight';
import type { VersionSettings } from './manifestAnalysis';
import { manifestKindOf } from './manifestDependencies';
import type { RepositoryReach } from './repositoryReach';
import { toRange, type VersionLookup } from './versionLookup';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

function diagnosticOf(doc: vscode.TextDocument, f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(doc, f.span), messageText(f.message), SEVERITY[f.severity]);
  d.source = 'CodeArtifact';
  d.code = f.code;
  return d;
}

export class VersionDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('codeartifact');
  private readonly pending = new Map<string, { timer: NodeJS.Timeout | undefined; controller: AbortController }>();

  constructor(
    private readonly lookup: VersionLookup,
    private readonly settings: (scope?: vscode.Uri) => VersionSettings,
    /** Whether a repository has an external connection upstream (severity of an unknown package). */
    private readonly reach?: RepositoryReach,
  ) {}

  dispose(): void {
    for (const p of this.pending.values()) {
      if (p.timer) clearTimeout(p.timer);
      p.controller.abort();
    }
    this.collection.dispose();
  }

  /** The diagnostics shown for a document now (the quick fixes attach to them). */
  of(uri: vscode.Uri): readonly vscode.Diagnostic[] {
    return this.collection.get(uri) ?? [];
  }

  schedule(doc: vscode.TextDocument, delayMs = 400): void {
    if (doc.uri.scheme !== 'file' || !manifestKindOf(doc.fileName)) return;
    const key = doc.uri.toString();
    const previous = this.pending.get(key);
    if (previous) {
      if (previous.timer) clearTimeout(previous.timer);
      previous.controller.abort();
    }
    const controller = new AbortController();
    const entry = { controller, timer: undefined as NodeJS.Timeout | undefined };
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void this.update(doc, controller.signal).finally(() => {
        if (this.pending.get(key) === entry) this.pending.delete(key);
      });
    }, delayMs);
    this.pending.set(key, entry);
  }

  clear(doc: vscode.TextDocument): void {
    this.pending.get(doc.uri.toString())?.controller.abort();
    this.collection.delete(doc.uri);
  }

  /** Every dependency at once; the source's limiter keeps the requests bounded. */
  async update(doc: vscode.TextDocument, signal?: AbortSignal): Promise<void> {
    if (!this.settings(doc.uri).diagnosticsEnabled) {
      this.collection.delete(doc.uri);
      return;
    }
    const analysis = await this.lookup.analysisOf(doc);
    if (!analysis || signal?.aborted) return;
    const version = doc.version;
    const results = await Promise.all(
      analysis.contents.dependencies.map(async (dep) => {
        const route = analysis.route(dep);
        if (route?.kind !== 'lookup') return [];
        const { target } = route;
        const pkg = await this.lookup.lookup(dep, target, signal);
        if (!pkg) return [];
        const codeArtifactOnly = !pkg.found && this.reach ? (await this.reach.hasExternalSource(target, signal)) === false : false;
        return findingsFor(dep, pkg, `${target.domain}/${target.repository}`, { codeArtifactOnly }).map((f) => diagnosticOf(doc, f));
      }),
    );
    if (signal?.aborted || doc.isClosed || doc.version !== version) return;
    const refused = (analysis.contents.refusedNames ?? []).map((r) => diagnosticOf(doc, refusedNameFinding(r.name, r.span)));
    this.collection.set(doc.uri, [...refused, ...results.flat()]);
  }
}
