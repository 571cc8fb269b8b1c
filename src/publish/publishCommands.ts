// "Publish to CodeArtifact" for a workspace folder's package (npm publish, twine upload dist/*, mvn deploy) and
// "Upload Generic Package" from a repository in the tree. The publish runs the tool itself as the terminal's
// process (no shell) with the token in TerminalOptions.env only; a confirmation names the package, the version
// and the repository first. A folder is only published when the workspace is trusted (publishing runs its scripts).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import { adminApiOf } from '../aws/adminApi';
import { listDomainsWithExtras, type PackageFormat, type RepositoryRef } from '../aws/codeArtifactApi';
import { displayText, messageText } from '../core/displayText';
import { routeRepositoryEndpoint } from '../core/endpointTrust';
import { domainPickText, repositoryPickText } from '../core/pickItems';
import { mavenDeployPlan, npmPublishPlan, twineUploadPlan, type PublishPlan, type PublishTool } from '../core/publishPlan';
import { publishCandidates, type Candidate } from './publishCandidates';
import { RepositoryNode } from '../explorer/model';
import { abortSignalFor } from '../shared/cancellation';
import { registerCommand } from '../shared/commands';
import { genericFieldProblem, uploadGenericFile } from './genericUpload';

const FORMAT_OF: Record<PublishTool, PackageFormat> = { npm: 'npm', twine: 'pypi', maven: 'maven' };

export class Publisher {
  constructor(
    private readonly session: Session,
    private readonly getToken: (domain: string, owner: string, signal?: AbortSignal) => Promise<string>,
    private readonly storage: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    /**
     * Refuses an upload where a write was refused before (manage/ ManageFeature; the palette offers it anyway), and
     * reloads the rows of the repository an upload changed, wherever the tree shows it.
     */
    private readonly access: { refuseIfDenied(where: RepositoryRef, what: string): void; repositoryContentChanged(ref: RepositoryRef): void },
  ) {}

  private async pickRepository(title: string): Promise<RepositoryRef | undefined> {
    const api = this.session.api();
    const domains = (await listDomainsWithExtras(api, this.session.settings().extraDomains, { maxResults: 100 })).items.filter((d) => !d.error);
    if (domains.length === 0) throw new Error('No CodeArtifact domains are visible with this profile and region.');
    const domain = domains.length === 1 ? domains[0] : (await vscode.window.showQuickPick(domains.map((d) => ({ ...domainPickText(d), d })), { title: `${title}: domain`, ignoreFocusOut: true }))?.d;
    if (!domain) return undefined;
    const ref = { name: domain.name, ...(domain.owner ? { owner: domain.owner } : {}) };
    const repos = await api.listRepositories(ref, { maxResults: 1000 });
    const repo = await vscode.window.showQuickPick(repos.items.map((r) => ({ ...repositoryPickText(r), r })), { title: displayText(`${title}: repository in ${ref.name}`), ignoreFocusOut: true });
    return repo ? { domain: ref.name, ...(ref.owner ? { domainOwner: ref.owner } : {}), repository: repo.r.name } : undefined;
  }

  private async folderOf(arg: unknown): Promise<string | undefined> {
    if (arg instanceof vscode.Uri && arg.scheme === 'file') return arg.fsPath;
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (folders.length === 1) return folders[0]!.uri.fsPath;
    return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'The folder whose package to publish' }))?.uri.fsPath;
  }

  async publish(arg: unknown): Promise<void> {
    if (!vscode.workspace.isTrusted) throw new Error('Publishing runs the project\'s own scripts: trust this folder first (Manage Workspace Trust).');
    if (!this.session.signedIn) throw new Error('Sign in to CodeArtifact first.');
    const folder = await this.folderOf(arg);
    if (!folder) return;
    const candidates = await publishCandidates(folder);
    if (candidates.length === 0) throw new Error(`${path.basename(folder)} has nothing to publish: no package.json with a name and version (and not private), no pom.xml with coordinates, no dist/*.whl or *.tar.gz.`);
    const candidate =
      candidates.length === 1
        ? candidates[0]
        : (await vscode.window.showQuickPick(candidates.map((c) => ({ label: displayText(`${c.name} ${c.version}`), description: c.tool, c })), { title: 'Publish which package?', ignoreFocusOut: true }))?.c;
    if (!candidate) return;
    const repo = await this.pickRepository(`Publish ${displayText(candidate.name)}`);
    if (!repo) return;
    const format = FORMAT_OF[candidate.tool];
    const where = `${repo.domain}/${repo.repository}`;
    const choice = await vscode.window.showWarningMessage(
      messageText(`Publish ${candidate.name} ${candidate.version} to ${where}?`),
      {
        modal: true,
        detail: messageText(
          `${candidate.tool === 'npm' ? 'npm publish' : candidate.tool === 'twine' ? `twine upload of ${candidate.files?.length ?? 0} file(s) from dist/` : 'mvn deploy'} runs in a terminal, with the CodeArtifact token in its environment only. A published version cannot be published again.`,
        ),
      },
      'Publish',
    );
    if (choice !== 'Publish') return;
    const plan = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: messageText(`Preparing to publish to ${where}…`), cancellable: true }, async (_p, token) => {
      const signal = abortSignalFor(token);
      const [raw, authToken] = await Promise.all([this.session.api().getRepositoryEndpoint(repo, format, signal ? { signal } : {}), this.getToken(repo.domain, repo.domainOwner ?? '', signal)]);
      const connection = this.session.connection;
      const verdict = routeRepositoryEndpoint(raw, {
        domain: repo.domain,
        ...(repo.domainOwner ? { owner: repo.domainOwner } : {}),
        format,
        region: connection?.region ?? '*',
        ...(connection?.endpoint ? { controlPlaneEndpoint: connection.endpoint } : {}),
        ...(connection?.dataPlaneEndpoint ? { dataPlaneEndpoint: connection.dataPlaneEndpoint } : {}),
      });
      if (!verdict.ok) throw new Error(`Refusing the repository endpoint for ${where}: ${verdict.reason} Nothing was published.`);
      return this.planFor(candidate, verdict.url, authToken, folder);
    });
    if (plan.file) {
      await fs.mkdir(path.dirname(plan.file.path), { recursive: true, mode: 0o700 });
      await fs.writeFile(plan.file.path, plan.file.text, { mode: 0o600 });
    }
    this.log.info(`Publish: ${plan.display} (in ${plan.cwd})`);
    const terminal = vscode.window.createTerminal({
      name: displayText(`Publish ${candidate.name} → ${repo.repository}`),
      shellPath: plan.program,
      shellArgs: [...plan.args],
      cwd: plan.cwd,
      env: plan.env,
      // Not revived after a restart: a revived terminal would carry the (then expired) token again.
      isTransient: true,
    });
    terminal.show();
  }

  private planFor(c: Candidate, endpoint: string, token: string, folder: string): PublishPlan {
    switch (c.tool) {
      case 'npm':
        return npmPublishPlan({ endpoint, token, cwd: folder });
      case 'twine':
        return twineUploadPlan({ endpoint, token, cwd: folder, files: c.files ?? [] });
      case 'maven':
        return mavenDeployPlan({ endpoint, token, cwd: folder, settingsPath: vscode.Uri.joinPath(this.storage, 'publish', 'maven-settings.xml').fsPath });
    }
  }

  async uploadGeneric(node: unknown): Promise<void> {
    const repo = node instanceof RepositoryNode ? node.ref : await this.pickRepository('Upload generic package');
    if (!repo) return;
    this.access.refuseIfDenied(repo, 'uploading a generic package');
    const admin = adminApiOf(this.session.api());
    if (!admin) throw new Error('Packages cannot be published with this connection.');
    const files = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Upload', title: 'File to upload as a generic package asset' });
    const file = files?.[0];
    if (!file) return;
    const ask = async (what: 'namespace' | 'package' | 'version', prompt: string, value?: string): Promise<string | undefined> =>
      (await vscode.window.showInputBox({ title: `Generic package ${what}`, prompt, ...(value ? { value } : {}), ignoreFocusOut: true, validateInput: (v) => genericFieldProblem(what, v.trim()) }))?.trim();
    const namespace = await ask('namespace', 'Namespace (required for generic packages), e.g. my-team');
    if (namespace === undefined) return;
    const pkg = await ask('package', 'Package name', path.basename(file.fsPath).replace(/\..*$/, ''));
    if (pkg === undefined) return;
    const version = await ask('version', 'Version, e.g. 1.0.0');
    if (version === undefined) return;
    const asset = path.basename(file.fsPath);
    const where = `${repo.domain}/${repo.repository}`;
    const choice = await vscode.window.showWarningMessage(
      messageText(`Upload ${asset} as ${namespace}/${pkg} ${version} to ${where}?`),
      { modal: true, detail: 'The version is published at once; a published version cannot be changed.' },
      'Upload',
    );
    if (choice !== 'Upload') return;
    const out = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: messageText(`Uploading ${asset} to ${where}…`), cancellable: true }, (_p, token) =>
      uploadGenericFile(admin, repo, { namespace, package: pkg, version }, file.fsPath, abortSignalFor(token)),
    );
    this.log.info(`Uploaded ${asset} as generic ${namespace}/${pkg} ${version} to ${where} (SHA-256 ${out.sha256}, ${out.status ?? 'status unknown'}).`);
    // Only that repository's rows: a refresh would make every hover cache forget, and generic packages have no hovers.
    this.access.repositoryContentChanged(repo);
    void vscode.window.showInformationMessage(messageText(`Uploaded ${namespace}/${pkg} ${version} to ${where}.`));
  }
}

export function registerPublishCommands(opts: {
  session: Session;
  getToken: (domain: string, owner: string, signal?: AbortSignal) => Promise<string>;
  storage: vscode.Uri;
  log: vscode.LogOutputChannel;
  access: { refuseIfDenied(where: RepositoryRef, what: string): void; repositoryContentChanged(ref: RepositoryRef): void };
}): vscode.Disposable[] {
  const publisher = new Publisher(opts.session, opts.getToken, opts.storage, opts.log, opts.access);
  return [
    registerCommand('codeartifact.publishToCodeArtifact', 'Publish to CodeArtifact', (arg: unknown) => publisher.publish(arg), opts.log),
    registerCommand('codeartifact.uploadGenericPackage', 'Upload generic package', (node: unknown) => publisher.uploadGeneric(node), opts.log),
  ];
}
