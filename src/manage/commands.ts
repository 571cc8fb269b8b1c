// Managing packages from the explorer: copy (promote) versions to another repository, change their status,
// dispose of or delete them, delete a package, toggle its origin controls. Every write runs under a cancellable
// progress notification, in batches (batches.ts), and ends with a summary plus a report of each failure.
import * as vscode from 'vscode';
import type { DomainRef, PackageRef, RepositoryRef, VersionSummary } from '../aws/codeArtifactApi';
import { collectPages, type CodeArtifactApi } from '../aws/codeArtifactApi';
import { CodeArtifactError } from '../aws/errors';
import type { PackageWrites, TargetStatus, VersionOutcome } from '../aws/packageWrites';
import type { Session } from '../auth/session';
import { displayText, messageText } from '../core/displayText';
import { displayPackageName } from '../core/snippets';
import { DomainNode, PackageNode, RepositoryNode, VersionNode, type ExplorerNode } from '../explorer/model';
import { PackageGroupNode, PackageGroupsNode } from '../explorer/packageGroupNodes';
import type { ExplorerTreeProvider } from '../explorer/treeProvider';
import { abortSignalFor } from '../shared/cancellation';
import { registerCommand } from '../shared/commands';
import type { ChangedPackage } from '../versions/versionSource';
import { runBulk, WRITE_RATES, type BulkResult, type VersionJob } from './batches';
import { confirmation, copyConfirmation, failureReport, needsTypedName, summary, typedNameProblem, type VersionAction } from './manageText';
import { toggled } from './originView';
import { TreeIndex } from './treeIndex';
import { versionsInRange } from './versionsInRange';
import { DOMAIN_WRITES, domainOfResource, REPOSITORY_WRITES, repositoryOfResource, WriteAccess } from './writeAccess';

/** The tree's own drag type (VS Code adds it with the dragged items) and ours, set in handleDrag. */
export const TREE_MIME = 'application/vnd.code.tree.codeartifact.explorer';
export const ROWS_MIME = 'application/vnd.codeartifact.rows';

const STATUS_OF: Partial<Record<VersionAction, TargetStatus>> = { publish: 'Published', unlist: 'Unlisted', archive: 'Archived' };

export interface CopySource {
  pkg: PackageNode;
  versions: string[];
}

function packageName(ref: PackageRef): string {
  return displayPackageName(ref.format, ref.namespace, ref.package);
}

function changed(ref: PackageRef): ChangedPackage {
  return { ecosystem: ref.format, domain: ref.domain, ...(ref.domainOwner ? { owner: ref.domainOwner } : {}), ...(ref.namespace ? { namespace: ref.namespace } : {}), name: ref.package };
}

/** The rows a command acts on: the whole selection when the clicked row is part of it, else the clicked row. */
export function selectionOf(node: unknown, nodes: unknown): ExplorerNode[] {
  const all = Array.isArray(nodes) ? (nodes as ExplorerNode[]) : [];
  return all.includes(node as ExplorerNode) ? all : node ? [node as ExplorerNode] : [];
}

/** Versions grouped by their package row. */
function byPackage(versions: readonly VersionNode[]): Map<PackageNode, VersionNode[]> {
  const map = new Map<PackageNode, VersionNode[]>();
  for (const v of versions) map.set(v.pkg, [...(map.get(v.pkg) ?? []), v]);
  return map;
}

export class ManageFeature implements vscode.TreeDragAndDropController<ExplorerNode>, vscode.Disposable {
  readonly dragMimeTypes = [ROWS_MIME];
  readonly dropMimeTypes = [ROWS_MIME, TREE_MIME];
  readonly index = new TreeIndex();
  readonly access = new WriteAccess();
  private readonly changes = new vscode.EventEmitter<readonly ChangedPackage[]>();
  /** Packages a write changed: the version caches behind hovers forget exactly these. */
  readonly onDidChangePackages = this.changes.event;
  private readonly repositoryChanges = new vscode.EventEmitter<readonly { readonly domain: string; readonly domainOwner?: string }[]>();
  /**
   * Repositories whose upstreams or external connection changed, or domains whose package groups did: what every
   * package resolves to through them (and through the repositories downstream of them) may differ now.
   */
  readonly onDidChangeRepositories = this.repositoryChanges.event;
  private readonly disposables: vscode.Disposable[] = [this.changes, this.repositoryChanges];

  constructor(
    private readonly provider: ExplorerTreeProvider,
    private readonly session: Session,
    private readonly log: vscode.LogOutputChannel,
  ) {
    provider.decorate = (node, item) => {
      this.index.record(node);
      const repo = node instanceof PackageNode ? node.repository : node instanceof VersionNode ? node.pkg.repository : node instanceof RepositoryNode ? node : undefined;
      const domain = node instanceof DomainNode ? node : node instanceof PackageGroupsNode || node instanceof PackageGroupNode ? node.domain : undefined;
      const denied = (repo && this.access.deniedAction(repo.ref)) ?? (domain && this.access.deniedInDomain(domain.ref));
      if (denied && item.contextValue) item.contextValue += '.readonly';
    };
    this.disposables.push(
      session.onDidChange(() => {
        this.index.clear();
        this.access.clear();
      }),
      // Package-group and repository-setup commands live elsewhere: their denials are learnt from the calls.
      session.onDidCall(({ operation, error }) => {
        if (error?.kind !== 'accessDenied') return;
        if (DOMAIN_WRITES.has(operation)) {
          this.access.denyDomain(error);
          const named = domainOfResource(error.detail.kind === 'accessDenied' ? error.detail.resource : undefined);
          for (const row of named ? this.index.domainRows({ name: named.domain, owner: named.owner }) : this.index.all()) this.provider.rerender(row);
        } else if (REPOSITORY_WRITES.has(operation)) {
          const named = repositoryOfResource(error.detail.kind === 'accessDenied' ? error.detail.resource : undefined);
          const owner = domainOfResource(error.detail.kind === 'accessDenied' ? error.detail.resource : undefined)?.owner;
          if (named) this.noteDenied(error, { domain: named.domain, repository: named.repository, ...(owner ? { domainOwner: owner } : {}) });
        }
      }),
    );
  }

  dispose(): void {
    this.provider.decorate = undefined;
    for (const d of this.disposables) d.dispose();
  }

  /** From the palette there is no clicked row: the tree's selection is what the command acts on. */
  register(treeView: vscode.TreeView<ExplorerNode>): vscode.Disposable[] {
    const rows = (node: unknown, nodes: unknown): ExplorerNode[] => (node === undefined ? [...treeView.selection] : selectionOf(node, nodes));
    const one = (node: unknown): unknown => node ?? treeView.selection[0];
    const status = (action: VersionAction) => (node: unknown, nodes: unknown) => this.changeStatus(action, rows(node, nodes));
    return [
      this,
      registerCommand('codeartifact.copyVersions', 'Copy versions', (node: unknown, nodes: unknown) => this.copyFromMenu(rows(node, nodes)), this.log),
      registerCommand('codeartifact.publishVersions', 'Publish versions', status('publish'), this.log),
      registerCommand('codeartifact.unlistVersions', 'Unlist versions', status('unlist'), this.log),
      registerCommand('codeartifact.archiveVersions', 'Archive versions', status('archive'), this.log),
      registerCommand('codeartifact.disposeVersions', 'Dispose of versions', status('dispose'), this.log),
      registerCommand('codeartifact.deleteVersions', 'Delete versions', status('delete'), this.log),
      registerCommand('codeartifact.deletePackage', 'Delete package', (node: unknown) => this.deletePackage(one(node)), this.log),
      registerCommand('codeartifact.togglePublishOrigin', 'Toggle publishing', (node: unknown) => this.toggleOrigin(one(node), 'publish'), this.log),
      registerCommand('codeartifact.toggleUpstreamOrigin', 'Toggle upstream', (node: unknown) => this.toggleOrigin(one(node), 'upstream'), this.log),
    ];
  }

  private api(): CodeArtifactApi {
    return this.session.api();
  }

  private writes(): PackageWrites {
    const api = this.api();
    if (!api.writes) throw new Error('This connection cannot change packages.');
    return api.writes();
  }

  // ——— status, dispose, delete ———

  async changeStatus(action: VersionAction, rows: readonly ExplorerNode[]): Promise<void> {
    const versions = rows.filter((n): n is VersionNode => n instanceof VersionNode);
    if (versions.length === 0) throw new Error('Select one or more versions in the CodeArtifact explorer first (Ctrl/Shift-click for several).');
    const groups = byPackage(versions);
    for (const pkg of groups.keys()) this.refuseIfDenied(pkg.repository.ref, `${actionTitle(action).toLowerCase()} versions`);
    // One confirmation per package keeps each one exact about what goes; several packages are asked one by one.
    const jobs: VersionJob[] = [];
    for (const [pkg, rowsOfPkg] of groups) {
      const names = rowsOfPkg.map((v) => v.summary.version);
      if (action !== 'publish' && !(await this.confirm(action, pkg, names))) return;
      // expectedStatus is one per call: versions are grouped by the status the tree showed.
      const byStatus = new Map<string, string[]>();
      for (const v of rowsOfPkg) byStatus.set(v.summary.status, [...(byStatus.get(v.summary.status) ?? []), v.summary.version]);
      for (const [expectedStatus, list] of byStatus) jobs.push({ pkg: pkg.ref, versions: list, expectedStatus });
    }
    const writes = this.writes();
    const target = STATUS_OF[action];
    const result = await this.run(action, `${actionTitle(action)} ${versions.length === 1 ? `${versions[0]?.pkg.displayName ?? ''} ${versions[0]?.summary.version ?? ''}` : `${versions.length} versions`}`, jobs, (job, list) => {
      const expected = job.expectedStatus as Parameters<PackageWrites['deletePackageVersions']>[2];
      if (target) return writes.updatePackageVersionsStatus(job.pkg, list, target, expected);
      return action === 'dispose' ? writes.disposePackageVersions(job.pkg, list, expected) : writes.deletePackageVersions(job.pkg, list, expected);
    });
    this.afterWrite(action, result, [...groups.keys()].map((p) => p.ref));
  }

  private async confirm(action: VersionAction, pkg: PackageNode, versions: string[]): Promise<boolean> {
    const c = confirmation(action, pkg.displayName, versions, pkg.repository.name, pkg.repository.ref.domain);
    const choice = await vscode.window.showWarningMessage(messageText(c.message), { modal: true, detail: messageText(c.detail) }, c.button);
    if (choice !== c.button) return false;
    if (!needsTypedName(action, versions.length)) return true;
    return this.typedName(pkg.displayName, `${versions.length} versions`);
  }

  private async typedName(name: string, what: string): Promise<boolean> {
    const typed = await vscode.window.showInputBox({
      title: displayText(`Type the package name to delete ${what}`),
      prompt: displayText(`This cannot be undone. Type ${name} to confirm.`),
      ignoreFocusOut: true,
      validateInput: (v) => typedNameProblem(v, name),
    });
    return typed !== undefined && typedNameProblem(typed, name) === undefined;
  }

  async deletePackage(node: unknown): Promise<void> {
    if (!(node instanceof PackageNode)) throw new Error('Select a package in the CodeArtifact explorer first.');
    const repo = node.repository;
    this.refuseIfDenied(repo.ref, 'deleting the package');
    const button = 'Delete Package';
    const choice = await vscode.window.showWarningMessage(
      messageText(`Delete the package ${node.displayName} and all its versions from ${repo.ref.domain}/${repo.name}?`),
      { modal: true, detail: 'Every version and asset of the package is removed from this repository. This cannot be undone.' },
      button,
    );
    if (choice !== button || !needsTypedName('deletePackage', 0) || !(await this.typedName(node.displayName, 'the package'))) return;
    const reloadRows = (): void => {
      for (const parent of new Set([node, ...this.index.packages(node.ref)].map((row) => row.parent))) if (parent) this.provider.reload(parent);
      this.changes.fire([changed(node.ref)]);
    };
    try {
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: messageText(`Deleting ${node.displayName}…`), cancellable: true }, (_p, token) =>
        this.writes().deletePackage(node.ref, { signal: abortSignalFor(token) }),
      );
    } catch (err) {
      this.noteDenied(err, node.ref);
      // Cancelled once sent, the service may have deleted it anyway: the rows show what it now has.
      if (err instanceof CodeArtifactError && err.kind === 'cancelled') reloadRows();
      throw err;
    }
    void vscode.window.showInformationMessage(messageText(`Deleted ${node.displayName} from ${repo.name}.`));
    reloadRows();
  }

  // ——— copy ———

  private async copyFromMenu(rows: readonly ExplorerNode[]): Promise<void> {
    const sources = await this.sourcesOf(rows, true);
    if (!sources?.length) return;
    const first = sources[0];
    if (!first) return;
    const target = await this.pickRepository(first.pkg.repository);
    if (!target) return;
    this.refuseIfDenied({ ...first.pkg.repository.ref, repository: target }, `copying to ${target}`);
    const options = await vscode.window.showQuickPick(
      [
        { label: 'Allow overwrite', description: 'replace versions that already exist in the target', key: 'allowOverwrite' as const },
        { label: 'Include versions from upstream repositories', description: 'copy versions the source only sees through its upstreams', key: 'includeFromUpstream' as const },
      ],
      { title: displayText(`Copy to ${target}: options`), canPickMany: true, placeHolder: 'Pick none for a plain copy; Enter to go on' },
    );
    if (!options) return;
    const allowOverwrite = options.some((o) => o.key === 'allowOverwrite');
    // Overwriting changes what the target serves: that asks first, as a drop always does.
    await this.copy(sources, target, { allowOverwrite, includeFromUpstream: options.some((o) => o.key === 'includeFromUpstream') }, allowOverwrite);
  }

  /** Versions rows as they are; a package row: all versions or those matching a range (asked when `ask`). */
  private async sourcesOf(rows: readonly ExplorerNode[], ask: boolean): Promise<CopySource[] | undefined> {
    const sources: CopySource[] = [];
    for (const [pkg, list] of byPackage(rows.filter((n): n is VersionNode => n instanceof VersionNode))) sources.push({ pkg, versions: list.map((v) => v.summary.version) });
    for (const pkg of rows.filter((n): n is PackageNode => n instanceof PackageNode)) {
      let range = '*';
      if (ask) {
        const typed = await vscode.window.showInputBox({
          title: displayText(`Copy versions of ${pkg.displayName}`),
          prompt: pkg.pkg.format === 'pypi' ? 'A PEP 440 specifier (>=1.2,<2), or * for all versions' : pkg.pkg.format === 'maven' ? 'A Maven range ([1.0,2.0)), or * for all versions' : 'A semver range (^1.2.0, >=2 <3), or * for all versions',
          value: '*',
        });
        if (typed === undefined) return undefined;
        range = typed;
      }
      const found = await vscode.window.withProgress({ location: { viewId: 'codeartifact.explorer' } }, () => versionsInRange(this.api(), pkg.ref, range));
      if (found.versions.length === 0) throw new Error(`No version of ${pkg.displayName} in ${pkg.repository.name} matches ${range}.`);
      sources.push({ pkg, versions: found.versions.map((v: VersionSummary) => v.version) });
    }
    if (sources.length === 0) throw new Error('Select versions or packages in the CodeArtifact explorer.');
    return sources;
  }

  private async pickRepository(source: RepositoryNode): Promise<string | undefined> {
    const { items } = await vscode.window.withProgress({ location: { viewId: 'codeartifact.explorer' } }, () =>
      collectPages((nextToken) => this.api().listRepositories(source.domain.ref, { nextToken, maxResults: 1000 })),
    );
    const others = items.filter((r) => r.name !== source.name);
    if (others.length === 0) throw new Error(`${source.ref.domain} has no other repository to copy to.`);
    const pick = await vscode.window.showQuickPick(
      others.map((r) => ({ label: displayText(r.name), ...(r.description ? { description: displayText(r.description) } : {}), name: r.name })),
      { title: displayText(`Copy from ${source.name} to…`), placeHolder: 'Target repository in the same domain' },
    );
    return pick?.name;
  }

  async copy(sources: readonly CopySource[], target: string, opts: { allowOverwrite: boolean; includeFromUpstream: boolean }, confirm: boolean): Promise<void> {
    const first = sources[0];
    if (!first) return;
    const total = sources.reduce((n, s) => n + s.versions.length, 0);
    if (confirm) {
      const c = copyConfirmation(
        sources.map((s) => s.pkg.displayName),
        total,
        first.pkg.repository.name,
        target,
        first.pkg.repository.ref.domain,
        opts.allowOverwrite,
      );
      const button = 'Copy';
      if ((await vscode.window.showWarningMessage(messageText(c.message), { modal: true, detail: messageText(c.detail) }, button)) !== button) return;
    }
    const writes = this.writes();
    const jobs = sources.map((s) => ({ pkg: s.pkg.ref, versions: s.versions }));
    const result = await this.run('copy', `Copying ${total} ${total === 1 ? 'version' : 'versions'} to ${target}`, jobs, (job, versions) => writes.copyPackageVersions({ source: job.pkg, destinationRepository: target, versions, ...opts }), WRITE_RATES['CopyPackageVersions'], target);
    const targets = sources.map((s) => ({ ...s.pkg.ref, repository: target }));
    this.afterWrite('copy', result, targets, target);
  }

  // ——— drag and drop ———

  handleDrag(source: readonly ExplorerNode[], dataTransfer: vscode.DataTransfer): void {
    const rows = source.filter((n) => n instanceof VersionNode || n instanceof PackageNode);
    if (rows.length > 0) dataTransfer.set(ROWS_MIME, new vscode.DataTransferItem(rows));
  }

  async handleDrop(target: ExplorerNode | undefined, dataTransfer: vscode.DataTransfer): Promise<void> {
    const value: unknown = dataTransfer.get(ROWS_MIME)?.value ?? dataTransfer.get(TREE_MIME)?.value;
    this.log.info(`Drop on ${target?.id ?? 'nothing'}: ${Array.isArray(value) ? value.length : 0} rows`);
    if (!(target instanceof RepositoryNode) || !Array.isArray(value)) return;
    const rows = (value as ExplorerNode[]).filter((n) => n instanceof VersionNode || n instanceof PackageNode);
    try {
      this.refuseIfDenied(target.ref, `copying to ${target.name}`);
      const sources = (await this.sourcesOf(rows, false))?.filter((s) => s.pkg.repository.ref.domain === target.ref.domain && s.pkg.repository.name !== target.name);
      if (!sources?.length) {
        void vscode.window.showInformationMessage(messageText(`Drop versions on another repository of the same domain to copy them there (${target.name} is the source or in another domain).`));
        return;
      }
      await this.copy(sources, target.name, { allowOverwrite: false, includeFromUpstream: false }, true);
    } catch (err) {
      // A drop has no command wrapper: say what failed here.
      this.log.error(`Copy by drag and drop failed: ${err instanceof Error ? err.message : String(err)}`);
      void vscode.window.showErrorMessage(messageText(`Copy failed: ${err instanceof Error ? err.message : String(err)}`));
    }
  }

  // ——— origin controls ———

  async toggleOrigin(node: unknown, which: 'publish' | 'upstream'): Promise<void> {
    if (!(node instanceof PackageNode)) throw new Error('Select a package in the CodeArtifact explorer first.');
    this.refuseIfDenied(node.repository.ref, `changing the origin controls of ${node.displayName}`);
    const writes = this.writes();
    try {
      // The current setting from the service, not the tree: toggling a stale value would undo someone's change.
      // A notification with Cancel, as for every write; cancelled before the put, nothing changes.
      const title = messageText(`Changing the origin controls of ${node.displayName}…`);
      const { next, saved } = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_p, token) => {
        const signal = abortSignalFor(token);
        const current = await writes.describePackage(node.ref, { signal });
        const want = toggled(current, which);
        return { next: want, saved: await writes.putPackageOriginConfiguration(node.ref, want, { signal }) };
      });
      for (const row of new Set([node, ...this.index.packages(node.ref)])) {
        row.pkg.originConfiguration = { ...saved };
        this.provider.rerender(row);
      }
      const word = which === 'publish' ? 'Publishing' : 'Upstream';
      void vscode.window.showInformationMessage(messageText(`${word} of ${node.displayName} in ${node.repository.name} is now ${(which === 'publish' ? saved.publish : saved.upstream) ?? next[which]}.`));
      this.changes.fire([changed(node.ref)]);
    } catch (err) {
      this.noteDenied(err, node.ref);
      throw err;
    }
  }

  // ——— shared ———

  private async run(action: VersionAction, title: string, jobs: VersionJob[], call: (job: VersionJob, versions: string[]) => Promise<VersionOutcome>, perSecond = WRITE_RATES['default'], destination?: string): Promise<BulkResult> {
    // A copy's reply leaves out versions the target already has, identical (AWS: copies are idempotent).
    const unlisted = action === 'copy' ? 'unchanged' : 'unknown';
    const total = jobs.reduce((n, j) => n + j.versions.length, 0);
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: messageText(title), cancellable: true }, (progress, token) => {
      let reported = 0;
      return runBulk(jobs, call, {
        ...(perSecond !== undefined ? { perSecond } : {}),
        unlisted,
        signal: abortSignalFor(token),
        onProgress: (done) => {
          progress.report({ increment: ((done - reported) / total) * 100, message: `${done} of ${total}` });
          reported = done;
        },
      });
    });
    const first = jobs[0]?.pkg;
    if (result.accessDenied && first) this.noteDenied(result.accessDenied, destination ? { ...first, repository: destination } : first);
    this.log.info(`${title}: ${summary(action, result, destination)} (${result.calls} calls, ${result.throttled} throttled, at most ${result.peakConcurrency} at once)`);
    const message = messageText(summary(action, result, destination));
    if (result.failed.length === 0 && result.skipped.length === 0) {
      void vscode.window.showInformationMessage(message);
    } else {
      const show = 'Show Report';
      void vscode.window.showWarningMessage(message, show).then(async (choice) => {
        if (choice !== show) return;
        const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: failureReport(title, action, result, (f) => packageName(f.pkg)) });
        await vscode.window.showTextDocument(doc, { preview: true });
      });
    }
    return result;
  }

  /** A write where one was refused before is not sent: the palette offers what the tree shows disabled. */
  refuseIfDenied(where: RepositoryRef, what: string): void {
    const refusal = this.access.refusal(where, what);
    if (refusal) throw refusal;
  }

  /** As refuseIfDenied, for writes on the domain itself. */
  refuseIfDeniedInDomain(domain: DomainRef, what: string): void {
    const refusal = this.access.refusalInDomain(domain, what);
    if (refusal) throw refusal;
  }

  /** A repository's upstreams or external connection changed: its rows are read again, the hovers of its domain forget. */
  repositoryChanged(ref: RepositoryRef): void {
    for (const row of this.index.repositories(ref)) this.provider.reload(row);
    this.repositoryChanges.fire([ref]);
  }

  /**
   * A package group of the domain was written: its rows are read again by the caller; the hovers of that domain
   * forget (a group's origin restrictions decide which upstream versions every repository of the domain may take).
   */
  packageGroupsChanged(domain: DomainRef): void {
    this.repositoryChanges.fire([{ domain: domain.name, ...(domain.owner ? { domainOwner: domain.owner } : {}) }]);
  }

  /** A package arrived in a repository outside these commands (Upload Generic Package): its rows are read again. */
  repositoryContentChanged(ref: RepositoryRef): void {
    for (const row of this.index.repositories(ref)) this.provider.reload(row);
  }

  /** A repository was created in the domain: the domain's rows list their repositories again. */
  domainChanged(domain: DomainRef): void {
    for (const row of this.index.domainRows(domain)) if (row instanceof DomainNode) this.provider.reload(row);
  }

  /** The first AccessDenied in a repository: its write entries show disabled from now on. */
  private noteDenied(err: unknown, where: RepositoryRef): void {
    if (!(err instanceof CodeArtifactError) || err.kind !== 'accessDenied') return;
    this.access.deny(err, where);
    for (const repo of this.index.repositories(where)) this.provider.rerender(repo);
  }

  /** Refreshes only the rows the write changed and tells the version caches which packages changed. */
  private afterWrite(action: VersionAction, result: BulkResult, packages: readonly PackageRef[], target?: string): void {
    const touched = new Map<string, PackageRef>();
    for (const s of result.succeeded) touched.set(JSON.stringify([s.pkg.domain, s.pkg.format, s.pkg.namespace, s.pkg.package]), s.pkg);
    if (touched.size === 0) return;
    const rows = new Set<ExplorerNode>();
    for (const ref of packages) {
      const shown = this.index.packages(ref);
      shown.forEach((row) => rows.add(row));
      if (action !== 'copy' || !target || shown.length > 0) continue;
      // A copy may create the package in the target: its format row lists packages again, or, when the target had
      // no package of that format, the repository row lists its formats again (only rows that are loaded).
      const formats = this.index.formats(ref, ref.format);
      (formats.length > 0 ? formats : this.index.repositories(ref)).forEach((row) => rows.add(row));
    }
    // A row under another one being reloaded is read again with it (and is gone from the tree once it is).
    const under = (row: ExplorerNode): boolean => {
      for (let p = row.parent; p; p = p.parent) if (rows.has(p)) return true;
      return false;
    };
    for (const row of [...rows].filter((r) => !under(r))) this.provider.reload(row);
    this.changes.fire([...touched.values()].map(changed));
  }
}

function actionTitle(action: VersionAction): string {
  return { copy: 'Copying', publish: 'Publishing', unlist: 'Unlisting', archive: 'Archiving', dispose: 'Disposing of', delete: 'Deleting' }[action];
}
