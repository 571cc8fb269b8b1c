// The answers every version provider shares: the manifest's analysis, one dependency's versions (or why there
// are none), the lockfile's installed version, and one timer that asks failed lookups again after their backoff.
import * as vscode from 'vscode';
import { CodeArtifactError } from '../aws/errors';
import type { TextSpan } from '../core/manifests/textSpan';
import { InstalledVersions, type Installed } from './installedVersions';
import type { Analysis, ManifestAnalyzer } from './manifestAnalysis';
import { dependencyAt, type ManifestContents, type ManifestDependency } from './manifestDependencies';
import type { RepositoryTarget } from './repositoryResolver';
import { VersionLookupError, type PackageQuery, type PackageVersions, type VersionSource } from './versionSource';

export function toRange(doc: vscode.TextDocument, span: TextSpan): vscode.Range {
  return new vscode.Range(doc.positionAt(span.start), doc.positionAt(span.end));
}

export function queryFor(dep: ManifestDependency, target: RepositoryTarget): PackageQuery {
  return { ecosystem: dep.ecosystem, target, ...(dep.namespace ? { namespace: dep.namespace } : {}), name: dep.name };
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export interface VersionLookupOptions {
  readonly source: VersionSource;
  readonly log: vscode.LogOutputChannel;
  /** Called with each fresh analysis (prefetch, approval offers). */
  readonly afterAnalysis: (analysis: Analysis, contents: ManifestContents) => void;
  /** A failed lookup's backoff ended: lenses and diagnostics should ask again. */
  readonly retryDue: () => void;
  /** The host's one analyzer, shared with the dependency guard (manifestAnalyses.ts). */
  readonly analyzer: ManifestAnalyzer;
}

export class VersionLookup implements vscode.Disposable {
  readonly source: VersionSource;
  private readonly log: vscode.LogOutputChannel;
  private readonly analyzer: ManifestAnalyzer;
  private readonly installedVersions: InstalledVersions;
  private readonly retryDue: () => void;
  /** One timer that asks failed lookups again when their backoff ends (the earliest one). */
  private retry: { timer: NodeJS.Timeout; at: number } | undefined;

  constructor(opts: VersionLookupOptions) {
    this.source = opts.source;
    this.log = opts.log;
    this.retryDue = opts.retryDue;
    this.installedVersions = new InstalledVersions((file, err) => this.log.warn(`Could not read ${file}: ${errorMessage(err)}`));
    this.analyzer = opts.analyzer;
    this.analyzer.addListener(opts.afterAnalysis);
  }

  dispose(): void {
    if (this.retry) clearTimeout(this.retry.timer);
  }

  clearInstalled(): void {
    this.installedVersions.clear();
  }

  clearAnalyses(): void {
    this.analyzer.clear();
  }

  analysisOf(doc: vscode.TextDocument): Promise<Analysis> | undefined {
    return this.analyzer.analysisOf(doc);
  }

  /** A lookup failed (or half failed): show it again when its backoff ends, so that a failure is never sticky. */
  retryLater(query: PackageQuery): void {
    const wait = this.source.retryIn(query);
    if (wait <= 0) return;
    const at = Date.now() + wait + 250;
    if (this.retry && this.retry.at <= at) return;
    if (this.retry) clearTimeout(this.retry.timer);
    this.retry = {
      at,
      timer: setTimeout(() => {
        this.retry = undefined;
        this.retryDue();
      }, at - Date.now()),
    };
  }

  async lookup(dep: ManifestDependency, target: RepositoryTarget, signal?: AbortSignal): Promise<PackageVersions | undefined> {
    const result = await this.lookupOrError(dep, target, signal);
    return 'pkg' in result ? result.pkg : undefined;
  }

  /** The answer, or why there is none; a failure (or a partial answer) is asked again after its backoff. */
  async lookupOrError(dep: ManifestDependency, target: RepositoryTarget, signal?: AbortSignal): Promise<{ pkg: PackageVersions } | { error: unknown }> {
    const query = queryFor(dep, target);
    try {
      const pkg = await this.source.get(query, signal);
      if (pkg.partial) this.retryLater(query);
      return { pkg };
    } catch (err) {
      const cancelled = err instanceof VersionLookupError && err.kind === 'cancelled';
      if (err instanceof CodeArtifactError && err.kind === 'notSignedIn') this.log.debug(`Versions of ${dep.displayName}: not signed in`);
      else if (!cancelled) this.log.warn(`Versions of ${dep.displayName}: ${errorMessage(err)}`);
      if (!cancelled) this.retryLater(query);
      return { error: err };
    }
  }

  /** The dependency at a place and its route, when there is one to look up. */
  async lookupTarget(doc: vscode.TextDocument, offset: number, inRange = false): Promise<{ dep: ManifestDependency; target: RepositoryTarget } | undefined> {
    const analysis = await this.analysisOf(doc);
    if (!analysis) return undefined;
    const dep = inRange
      ? analysis.contents.dependencies.find((d) => [d.rangeSpan, ...(d.rangeParts ?? [])].some((s) => s !== undefined && offset >= s.start && offset <= s.end))
      : dependencyAt(analysis.contents.dependencies, offset);
    const route = dep && analysis.route(dep);
    return dep && route?.kind === 'lookup' ? { dep, target: route.target } : undefined;
  }

  /** Every dependency's answer, as the lenses get them ("Update all dependencies"); `failed` could not be asked. */
  async answersFor(doc: vscode.TextDocument, signal?: AbortSignal): Promise<{ answers: { dep: ManifestDependency; pkg: PackageVersions }[]; failed: number } | undefined> {
    const analysis = await this.analysisOf(doc);
    if (!analysis) return undefined;
    let failed = 0;
    const answers = await Promise.all(
      analysis.contents.dependencies.map(async (dep) => {
        const route = analysis.route(dep);
        if (route?.kind !== 'lookup' || !dep.rangeSpan) return undefined;
        const pkg = await this.lookup(dep, route.target, signal);
        if (!pkg) failed++;
        return pkg && { dep, pkg };
      }),
    );
    return { answers: answers.filter((a) => a !== undefined), failed };
  }

  /** The lockfile's installed version; a lockfile that cannot be read shows nothing (and is logged). */
  async installedOf(doc: vscode.TextDocument, dep: ManifestDependency): Promise<Installed | undefined> {
    if (doc.uri.scheme !== 'file') return undefined;
    try {
      return await this.installedVersions.installedFor(doc.uri.fsPath, vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.fsPath, dep);
    } catch (err) {
      this.log.debug(`Installed version of ${dep.displayName}: ${errorMessage(err)}`);
      return undefined;
    }
  }
}
