// Repository setup from the explorer and the palette: create a repository, add/remove/reorder upstreams,
// associate/disassociate an external connection. Each write reads the repository just before (UpdateRepository
// replaces the whole list), asks before what is destructive, runs under a progress notification, and refreshes
// only the rows it changed (every row of that repository, wherever the tree shows it).
import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import { adminApiOf, type CodeArtifactAdminApi } from '../aws/adminApi';
import { listDomainsWithExtras, type DomainRef, type RepositoryRef } from '../aws/codeArtifactApi';
import { displayText, messageText } from '../core/displayText';
import { domainPickText, repositoryPickText } from '../core/pickItems';
import { EXTERNAL_CONNECTIONS, MAX_UPSTREAMS, repositoryNameProblem, withUpstreamAdded, withUpstreamMoved, withUpstreamRemoved } from '../core/repositorySetup';
import { abortSignalFor } from '../shared/cancellation';
import { registerCommand } from '../shared/commands';
import { DomainNode, ExternalConnectionNode, RepositoryNode, UpstreamsNode } from './model';

interface RepositoryTarget {
  readonly ref: RepositoryRef;
  /** The downstream repository's node to refresh, when the command came from the tree. */
  readonly node?: RepositoryNode;
  /** The upstream or connection the command was invoked on, if any. */
  readonly upstream?: string;
  readonly connection?: string;
}

const PAGE = 1000;

/** What manage/ keeps about the tree and earlier denials (implemented by ManageFeature). */
export interface SetupTracking {
  /** Throws when a write was already refused in this repository (the palette offers what the tree disables). */
  refuseIfDenied(where: RepositoryRef, what: string): void;
  refuseIfDeniedInDomain(domain: DomainRef, what: string): void;
  /** Reads the repository's rows again and tells the version caches. */
  repositoryChanged(ref: RepositoryRef): void;
  /** Reads the domain's rows again (a repository was added). */
  domainChanged(domain: DomainRef): void;
}

export class RepositorySetup {
  constructor(
    private readonly session: Session,
    private readonly tracking: SetupTracking,
  ) {}

  private admin(): CodeArtifactAdminApi {
    const admin = adminApiOf(this.session.api());
    if (!admin) throw new Error('Repositories cannot be changed with this connection.');
    return admin;
  }

  private async pickDomain(): Promise<{ ref: DomainRef; node?: DomainNode } | undefined> {
    const api = this.session.api();
    const domains = await listDomainsWithExtras(api, this.session.settings().extraDomains, { maxResults: 100 });
    const usable = domains.items.filter((d) => !d.error);
    if (usable.length === 0) throw new Error('No CodeArtifact domains are visible with this profile and region.');
    const picked =
      usable.length === 1
        ? usable[0]
        : (await vscode.window.showQuickPick(usable.map((d) => ({ ...domainPickText(d), d })), { title: 'Domain', ignoreFocusOut: true }))?.d;
    return picked ? { ref: { name: picked.name, ...(picked.owner ? { owner: picked.owner } : {}) } } : undefined;
  }

  private async domainOf(node: unknown): Promise<{ ref: DomainRef; node?: DomainNode } | undefined> {
    if (node instanceof DomainNode) return { ref: node.ref, node };
    if (node instanceof RepositoryNode) return { ref: node.domain.ref, node: node.domain };
    return this.pickDomain();
  }

  private async repositoryNames(domain: DomainRef): Promise<string[]> {
    const page = await this.session.api().listRepositories(domain, { maxResults: PAGE });
    return page.items.map((r) => r.name);
  }

  private async repositoryOf(node: unknown, title: string): Promise<RepositoryTarget | undefined> {
    if (node instanceof ExternalConnectionNode && node.parent instanceof RepositoryNode) return { ref: node.parent.ref, node: node.parent, connection: node.name };
    if (node instanceof RepositoryNode) {
      // An upstream row: the command is about its downstream repository.
      if (node.parent instanceof UpstreamsNode) return { ref: node.parent.repository.ref, node: node.parent.repository, upstream: node.name };
      return { ref: node.ref, node };
    }
    const domain = await this.pickDomain();
    if (!domain) return undefined;
    const page = await this.session.api().listRepositories(domain.ref, { maxResults: PAGE });
    const picked = await vscode.window.showQuickPick(page.items.map((r) => ({ ...repositoryPickText(r), r })), { title: displayText(`${title}: repository in ${domain.ref.name}`), ignoreFocusOut: true });
    return picked ? { ref: { domain: domain.ref.name, ...(domain.ref.owner ? { domainOwner: domain.ref.owner } : {}), repository: picked.r.name } } : undefined;
  }

  /** The repository a write goes to, once chosen; refused at once where a write was refused before. */
  private async writableRepositoryOf(node: unknown, title: string, what: string): Promise<RepositoryTarget | undefined> {
    const target = await this.repositoryOf(node, title);
    if (target) this.tracking.refuseIfDenied(target.ref, what);
    return target;
  }

  private progress<T>(title: string, task: (signal: AbortSignal | undefined) => Promise<T>): Thenable<T> {
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: messageText(title), cancellable: true }, (_p, token) => task(abortSignalFor(token)));
  }

  private static domainRefOf(ref: RepositoryRef): DomainRef {
    return { name: ref.domain, ...(ref.domainOwner ? { owner: ref.domainOwner } : {}) };
  }

  async createRepository(node: unknown): Promise<void> {
    const domain = await this.domainOf(node);
    if (!domain) return;
    this.tracking.refuseIfDeniedInDomain(domain.ref, 'creating a repository');
    const existing = await this.repositoryNames(domain.ref);
    const name = await vscode.window.showInputBox({
      title: displayText(`Create repository in ${domain.ref.name}`),
      prompt: 'Repository name',
      ignoreFocusOut: true,
      validateInput: (v) => repositoryNameProblem(v.trim(), existing),
    });
    if (name === undefined) return;
    const description = await vscode.window.showInputBox({ title: displayText(`Create repository ${name.trim()}`), prompt: 'Description (optional)', ignoreFocusOut: true });
    if (description === undefined) return;
    const upstreams = existing.length
      ? await vscode.window.showQuickPick(
          existing.map((r) => ({ label: displayText(r), name: r })),
          { title: `Upstream repositories (optional, at most ${MAX_UPSTREAMS}, searched in this order)`, canPickMany: true, ignoreFocusOut: true },
        )
      : [];
    if (upstreams === undefined) return;
    if (upstreams.length > MAX_UPSTREAMS) throw new Error(`A repository can have at most ${MAX_UPSTREAMS} upstream repositories.`);
    const ref = { domain: domain.ref.name, ...(domain.ref.owner ? { domainOwner: domain.ref.owner } : {}), repository: name.trim() };
    await this.progress(`Creating repository ${ref.repository}…`, (signal) =>
      this.admin().createRepository(ref, { ...(description.trim() ? { description: description.trim() } : {}), upstreams: upstreams.map((u) => u.name) }, signal ? { signal } : {}),
    );
    this.tracking.domainChanged(domain.ref);
    void vscode.window.showInformationMessage(messageText(`Created repository ${ref.repository} in ${ref.domain}.`));
  }

  private async editUpstreams(target: RepositoryTarget, title: string, edit: (current: string[]) => Promise<string[] | undefined>): Promise<void> {
    const admin = this.admin();
    const details = await this.session.api().describeRepository(target.ref);
    const next = await edit(details.upstreams);
    if (!next) return;
    await this.progress(title, (signal) => admin.setUpstreams(target.ref, next, signal ? { signal } : {}));
    this.tracking.repositoryChanged(target.ref);
  }

  async addUpstream(node: unknown): Promise<void> {
    const target = await this.writableRepositoryOf(node, 'Add upstream', `adding an upstream`);
    if (!target) return;
    const all = await this.repositoryNames(RepositorySetup.domainRefOf(target.ref));
    await this.editUpstreams(target, `Adding an upstream to ${target.ref.repository}…`, async (current) => {
      const candidates = all.filter((r) => r !== target.ref.repository && !current.includes(r));
      if (candidates.length === 0) throw new Error(`Every other repository of ${target.ref.domain} is already an upstream of ${target.ref.repository}.`);
      const picked = await vscode.window.showQuickPick(candidates.map((r) => ({ label: displayText(r), name: r })), {
        title: displayText(`Add an upstream to ${target.ref.repository} (searched after ${current.length ? current.join(', ') : 'its own packages'})`),
        ignoreFocusOut: true,
      });
      return picked ? withUpstreamAdded(target.ref.repository, current, picked.name) : undefined;
    });
  }

  private async pickUpstream(target: RepositoryTarget, current: string[], title: string): Promise<string | undefined> {
    if (target.upstream) return target.upstream;
    if (current.length === 0) throw new Error(`${target.ref.repository} has no upstream repositories.`);
    const picked = await vscode.window.showQuickPick(current.map((r, i) => ({ label: displayText(r), description: `upstream ${i + 1}`, name: r })), { title: displayText(title), ignoreFocusOut: true });
    return picked?.name;
  }

  async removeUpstream(node: unknown): Promise<void> {
    const target = await this.writableRepositoryOf(node, 'Remove upstream', 'removing an upstream');
    if (!target) return;
    await this.editUpstreams(target, `Removing an upstream of ${target.ref.repository}…`, async (current) => {
      const name = await this.pickUpstream(target, current, `Remove an upstream of ${target.ref.repository}`);
      if (!name) return undefined;
      const next = withUpstreamRemoved(target.ref.repository, current, name);
      const choice = await vscode.window.showWarningMessage(
        messageText(`Remove ${name} from the upstreams of ${target.ref.repository}?`),
        { modal: true, detail: messageText(`Package versions that only ${name} (or its upstreams and external connection) has will no longer be found through ${target.ref.repository}. Versions already kept in ${target.ref.repository} stay.`) },
        'Remove Upstream',
      );
      return choice === 'Remove Upstream' ? next : undefined;
    });
  }

  async moveUpstream(node: unknown, delta: -1 | 1): Promise<void> {
    const target = await this.writableRepositoryOf(node, delta < 0 ? 'Move upstream up' : 'Move upstream down', 'reordering the upstreams');
    if (!target) return;
    await this.editUpstreams(target, `Reordering the upstreams of ${target.ref.repository}…`, async (current) => {
      const name = await this.pickUpstream(target, current, `Move an upstream of ${target.ref.repository} ${delta < 0 ? 'up' : 'down'}`);
      if (!name) return undefined;
      const next = withUpstreamMoved(target.ref.repository, current, name, delta);
      if (!next) void vscode.window.showInformationMessage(messageText(`${name} is already ${delta < 0 ? 'first' : 'last'}.`));
      return next;
    });
  }

  async associateExternalConnection(node: unknown): Promise<void> {
    const target = await this.writableRepositoryOf(node, 'Associate external connection', 'associating an external connection');
    if (!target) return;
    const details = await this.session.api().describeRepository(target.ref);
    const current = details.externalConnections[0];
    if (current) throw new Error(`${target.ref.repository} already has the external connection ${current.name}; a repository can have only one. Disassociate it first.`);
    const picked = await vscode.window.showQuickPick(
      EXTERNAL_CONNECTIONS.map((c) => ({ label: c.name, description: c.format, detail: c.label, name: c.name })),
      { title: displayText(`External connection for ${target.ref.repository}`), ignoreFocusOut: true, matchOnDetail: true },
    );
    if (!picked) return;
    await this.progress(`Associating ${picked.name} with ${target.ref.repository}…`, (signal) => this.admin().associateExternalConnection(target.ref, picked.name, signal ? { signal } : {}));
    this.tracking.repositoryChanged(target.ref);
  }

  async disassociateExternalConnection(node: unknown): Promise<void> {
    const target = await this.writableRepositoryOf(node, 'Disassociate external connection', 'disassociating the external connection');
    if (!target) return;
    const name = target.connection ?? (await this.session.api().describeRepository(target.ref)).externalConnections[0]?.name;
    if (!name) throw new Error(`${target.ref.repository} has no external connection.`);
    const choice = await vscode.window.showWarningMessage(
      messageText(`Disassociate ${name} from ${target.ref.repository}?`),
      { modal: true, detail: messageText(`Package versions not yet kept in ${target.ref.repository} or its upstreams will no longer be fetched from ${name}; builds that need them fail.`) },
      'Disassociate',
    );
    if (choice !== 'Disassociate') return;
    await this.progress(`Disassociating ${name} from ${target.ref.repository}…`, (signal) => this.admin().disassociateExternalConnection(target.ref, name, signal ? { signal } : {}));
    this.tracking.repositoryChanged(target.ref);
  }
}

export function registerRepositorySetupCommands(session: Session, tracking: SetupTracking, log: vscode.LogOutputChannel): vscode.Disposable[] {
  const setup = new RepositorySetup(session, tracking);
  return [
    registerCommand('codeartifact.createRepository', 'Create repository', (node: unknown) => setup.createRepository(node), log),
    registerCommand('codeartifact.addUpstreamRepository', 'Add upstream', (node: unknown) => setup.addUpstream(node), log),
    registerCommand('codeartifact.removeUpstreamRepository', 'Remove upstream', (node: unknown) => setup.removeUpstream(node), log),
    registerCommand('codeartifact.moveUpstreamUp', 'Move upstream up', (node: unknown) => setup.moveUpstream(node, -1), log),
    registerCommand('codeartifact.moveUpstreamDown', 'Move upstream down', (node: unknown) => setup.moveUpstream(node, 1), log),
    registerCommand('codeartifact.associateExternalConnection', 'Associate external connection', (node: unknown) => setup.associateExternalConnection(node), log),
    registerCommand('codeartifact.disassociateExternalConnection', 'Disassociate external connection', (node: unknown) => setup.disassociateExternalConnection(node), log),
  ];
}
