// The explorer's commands: refresh, load more, filter, find, reveal, copy endpoint/snippet, details, console.
import * as vscode from 'vscode';
import { PACKAGE_FORMATS, type PackageFormat } from '../aws/codeArtifactApi';
import { CodeArtifactError } from '../aws/errors';
import { findPackages } from '../aws/search';
import type { Session } from '../auth/session';
import { consoleUrl, type ConsoleTarget } from '../core/consoleUrls';
import { displayText, iconSafeText, messageText } from '../core/displayText';
import { domainPickText, packageMatchPickText } from '../core/pickItems';
import { displayPackageName, installSnippet } from '../core/snippets';
import { abortSignalFor } from '../shared/cancellation';
import { registerCommand } from '../shared/commands';
import { openSetting } from '../shared/openSetting';
import { countOf } from '../core/plural';
import { PackageFilters } from './packageFilters';
import type { VersionDetailsPanels } from '../details/detailsPanel';
import { DependencyNode } from './dependencyNodes';
import { detailsUri } from './detailsDocument';
import {
  DomainNode,
  ExplorerNode,
  FORMAT_LABELS,
  FormatNode,
  LoadMoreNode,
  MessageNode,
  NamespaceNode,
  PackageNode,
  RepositoryNode,
  VersionNode,
} from './model';
import { locatePackageNode, parsePackageLocation } from './packageLocation';
import type { ExplorerTreeProvider } from './treeProvider';

/** An empty-level or error row acts for its level: the commands of its menu act on its parent. */
function levelOf(node: unknown): unknown {
  return node instanceof MessageNode ? node.parent : node;
}

function expect<T extends ExplorerNode>(given: unknown, kind: abstract new (...args: never[]) => T, what: string): T {
  const node = levelOf(given);
  if (node instanceof kind) return node;
  throw new Error(`Run this command from a ${what} in the CodeArtifact explorer.`);
}

/** The repository a node belongs to, for commands offered on repositories and their children. */
function repositoryOf(given: unknown): RepositoryNode | undefined {
  const node = levelOf(given);
  if (node instanceof RepositoryNode) return node;
  if (node instanceof FormatNode) return node.repository;
  if (node instanceof NamespaceNode) return node.formatNode.repository;
  if (node instanceof PackageNode) return node.repository;
  if (node instanceof VersionNode) return node.pkg.repository;
  return undefined;
}

function consoleTargetOf(given: unknown, region: string): ConsoleTarget | undefined {
  const node = levelOf(given);
  if (node instanceof DomainNode) return { region, owner: node.info.owner, domain: node.info.name };
  const repo = repositoryOf(node);
  if (!repo) return undefined;
  const target: ConsoleTarget = { region, owner: repo.domain.info.owner, domain: repo.domain.info.name, repository: repo.name };
  const pkg = node instanceof PackageNode ? node : node instanceof VersionNode ? node.pkg : undefined;
  if (pkg) Object.assign(target, { format: pkg.pkg.format, namespace: pkg.pkg.namespace, package: pkg.pkg.name });
  if (node instanceof VersionNode) target.version = node.summary.version;
  return target;
}

async function pickDomain(provider: ExplorerTreeProvider): Promise<DomainNode | undefined> {
  const domains = await provider.model.domains();
  if (domains.length === 0) throw new Error('No CodeArtifact domains are visible. Check the region, or add domains in the codeartifact.domains setting.');
  if (domains.length === 1) return domains[0];
  const pick = await vscode.window.showQuickPick(
    domains.map((d) => ({ ...domainPickText(d.info), node: d })),
    { title: 'CodeArtifact: choose a domain', placeHolder: 'Domain to search' },
  );
  return pick?.node;
}

export function registerExplorerCommands(
  provider: ExplorerTreeProvider,
  treeView: vscode.TreeView<ExplorerNode>,
  session: Session,
  log: vscode.LogOutputChannel,
  detailsPanels: VersionDetailsPanels,
): vscode.Disposable[] {
  const filters = new PackageFilters(provider, treeView, log);
  const refresh = (node?: unknown) => {
    const target = node instanceof MessageNode ? node.parent : node instanceof ExplorerNode ? node : undefined;
    provider.refresh(target instanceof LoadMoreNode ? target.owner : target);
  };

  const loadMore = async (node: unknown) => {
    const more = expect(node, LoadMoreNode, '"Load more…" row');
    await vscode.window.withProgress({ location: { viewId: 'codeartifact.explorer' }, title: 'Loading more…' }, async () => {
      provider.rerender(await provider.model.loadMore(more));
    });
  };

  const filterPackages = async (node: unknown) => {
    const repo = expect(node, RepositoryNode, 'repository');
    const value = await vscode.window.showInputBox({
      title: displayText(`Filter packages in ${repo.name}`),
      prompt: 'Show packages whose name starts with this text (without npm scope or Maven group). Empty clears the filter.',
      value: repo.filter ?? '',
      placeHolder: 'e.g. ui-',
    });
    if (value === undefined) return;
    repo.setFilter(value);
    provider.rerender(repo);
    filters.changed(repo);
    if (repo.filter) await provider.reveal(treeView, repo, { expand: true, focus: false, select: false });
  };

  const clearFilter = (node: unknown) => {
    const repo = expect(node, RepositoryNode, 'repository');
    repo.setFilter(undefined);
    provider.rerender(repo);
    filters.changed(repo);
  };

  const findPackage = async (node?: unknown) => {
    // A quick fix passes `{ domain, owner, text }`: that domain (if it is one of the tree's) and the name, asked once.
    const given = searchRequest(node);
    const known = given ? (await provider.model.domains()).find((d) => d.info.name === given.domain && (!given.owner || d.info.owner === given.owner)) : undefined;
    const domain = node instanceof DomainNode ? node : (known ?? (await pickDomain(provider)));
    if (!domain) return;
    const text = await vscode.window.showInputBox({
      title: displayText(`Find a package in ${domain.info.name}`),
      prompt: 'Package name or prefix: lodash, @scope/name, group.id:artifact',
      ...(given ? { value: given.text } : {}),
      validateInput: (v) => (v.trim() ? undefined : 'Type at least one character'),
    });
    if (!text) return;
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: messageText(`Searching ${domain.info.name} for "${text}"`), cancellable: true },
      (progress, token) =>
        findPackages(session.api(), domain.ref, text, {
          signal: abortSignalFor(token),
          onProgress: (done, total) => progress.report({ message: `${done} of ${countOf(total, 'repository')}` }),
        }),
    );
    for (const f of result.failures) log.warn(`Find package: ${f.repository}: ${f.error.message}`);
    if (result.matches.length === 0) {
      const again = 'Search Again';
      // Not awaited: the command ends now; the button runs it again for the same domain.
      void vscode.window
        .showInformationMessage(
          messageText(
            `No package starting with "${text}" in ${result.repositoriesSearched === 1 ? 'the only repository' : `the ${countOf(result.repositoriesSearched, 'repository')}`} of ${domain.info.name}${result.failures.length ? ` (${result.failures.length} could not be searched; see the logs)` : ''}.`,
          ),
          again,
        )
        .then((answer) => (answer === again ? vscode.commands.executeCommand('codeartifact.findPackage', domain) : undefined));
      return;
    }
    const pick = await vscode.window.showQuickPick(
      result.matches.map((m) => ({
        ...packageMatchPickText(displayPackageName(m.pkg.format, m.pkg.namespace, m.pkg.name), m.repository, FORMAT_LABELS[m.pkg.format] ?? m.pkg.format),
        match: m,
      })),
      { title: displayText(`${result.truncated ? `${result.matches.length}+ matches` : countOf(result.matches.length, 'match')} in ${domain.info.name}`), matchOnDescription: true },
    );
    if (!pick) return;
    const found = await provider.model.locatePackage(domain, pick.match.repository, pick.match.pkg);
    if (!found) {
      const name = displayPackageName(pick.match.pkg.format, pick.match.pkg.namespace, pick.match.pkg.name);
      throw new CodeArtifactError({ kind: 'notFound' }, messageText(`Could not show ${name} in ${pick.match.repository}; refresh the explorer and try again.`));
    }
    await showNode(found);
  };

  /** Selects a located package node; its repository was filtered to it, so re-render that first. */
  const showNode = async (found: PackageNode) => {
    provider.rerender(found.repository);
    // Said above the tree, with a way back: the repository now shows this package only.
    filters.changed(found.repository, true);
    await provider.reveal(treeView, found, { select: true, focus: true, expand: true });
  };

  // From the version hover's link and the details view: `{ domain, owner, repository, format, namespace?, name }`;
  // from a dependency row: that row.
  const revealPackage = async (arg: unknown) => {
    const at = arg instanceof DependencyNode ? arg.location : parsePackageLocation(arg);
    if (!at) throw new Error('Reveal needs a domain, repository, format and package name.');
    const label = `${displayPackageName(at.format, at.namespace, at.name)} in ${at.domain}/${at.repository}`;
    await vscode.commands.executeCommand('codeartifact.explorer.focus');
    const result = await vscode.window.withProgress({ location: { viewId: 'codeartifact.explorer' }, title: displayText(`Finding ${label}…`) }, () => locatePackageNode(provider.model, at));
    if (result.kind === 'noDomain') {
      throw new CodeArtifactError({ kind: 'notFound' }, messageText(`The explorer does not show the domain ${at.domain}${at.owner ? ` (owner ${at.owner})` : ''}. Add it to the codeartifact.domains setting to browse it.`));
    }
    if (result.kind === 'noPackage') throw new CodeArtifactError({ kind: 'notFound' }, messageText(`Could not show ${label}; it may come only from an upstream. Refresh the explorer and try again.`));
    await showNode(result.node);
  };

  const copyRepositoryEndpoint = async (node: unknown) => {
    const repo = repositoryOf(node);
    if (!repo) throw new Error('Run this command from a repository in the CodeArtifact explorer.');
    let format: PackageFormat | undefined = node instanceof FormatNode ? node.format : node instanceof PackageNode ? node.pkg.format : undefined;
    if (!format) {
      const pick = await vscode.window.showQuickPick(
        PACKAGE_FORMATS.map((f) => ({ label: FORMAT_LABELS[f] ?? f, description: f, format: f })),
        { title: displayText(`Copy the endpoint of ${repo.name} for…`), placeHolder: 'Package format' },
      );
      format = pick?.format;
    }
    if (!format) return;
    const endpoint = await session.api().getRepositoryEndpoint(repo.ref, format);
    await vscode.env.clipboard.writeText(endpoint);
    void vscode.window.showInformationMessage(messageText(`Copied the ${FORMAT_LABELS[format] ?? format} endpoint of ${repo.name}: ${endpoint}`));
  };

  /** A version row's version; for a package row its default version (or newest listed), listing versions if needed. */
  const snippetTarget = async (node: unknown): Promise<{ pkg: PackageNode; version: string }> => {
    if (node instanceof VersionNode) return { pkg: node.pkg, version: node.summary.version };
    const pkg = expect(node, PackageNode, 'package or version');
    const listed = pkg.defaultDisplayVersion ? [] : await provider.model.getChildren(pkg);
    const errorRow = listed.find((n): n is MessageNode => n instanceof MessageNode && n.error !== undefined);
    if (errorRow?.error) throw errorRow.error;
    provider.rerender(pkg);
    const version = pkg.defaultDisplayVersion ?? listed.find((n): n is VersionNode => n instanceof VersionNode)?.summary.version;
    if (!version) throw new Error(messageText(`${pkg.displayName} has no versions to install.`));
    return { pkg, version };
  };

  const copyInstallSnippet = async (node: unknown) => {
    const { pkg, version } = await snippetTarget(node);
    const snippet = installSnippet({ format: pkg.pkg.format, namespace: pkg.pkg.namespace, name: pkg.pkg.name, version });
    await vscode.env.clipboard.writeText(snippet);
    vscode.window.setStatusBarMessage(`$(check) Copied: ${iconSafeText(snippet.split('\n')[0] ?? '')}${snippet.includes('\n') ? ' …' : ''}`, 4000);
  };

  const showVersionDetails = (node: unknown) => {
    detailsPanels.show(expect(node, VersionNode, 'version').ref);
  };

  const openVersionDetailsMarkdown = async (node: unknown) => {
    const v = expect(node, VersionNode, 'version');
    const doc = await vscode.window.withProgress({ location: { viewId: 'codeartifact.explorer' } }, () => vscode.workspace.openTextDocument(detailsUri(v.ref)));
    await vscode.window.showTextDocument(doc, { preview: true });
  };

  const openInConsole = async (node: unknown) => {
    const region = session.connection?.region;
    if (!region) throw new CodeArtifactError({ kind: 'notSignedIn' }, 'Not signed in to CodeArtifact.');
    const target = consoleTargetOf(node, region);
    if (!target) throw new Error('Run this command from a domain, repository, package or version in the CodeArtifact explorer.');
    await vscode.env.openExternal(vscode.Uri.parse(consoleUrl(target), true));
  };

  return [
    filters,
    provider.watch(treeView),
    registerCommand('codeartifact.refresh', 'Refresh', refresh, log),
    // The error row's buttons: ask that level again, or the settings where a wrong region/endpoint/timeout is fixed.
    registerCommand('codeartifact.retry', 'Retry', refresh, log),
    registerCommand('codeartifact.openSettings', 'Open settings', () => openSetting(), log),
    registerCommand('codeartifact.loadMore', 'Load more', loadMore, log),
    registerCommand('codeartifact.filterPackages', 'Filter packages', filterPackages, log),
    registerCommand('codeartifact.clearPackageFilter', 'Clear filter', clearFilter, log),
    registerCommand('codeartifact.findPackage', 'Find package', findPackage, log),
    registerCommand('codeartifact.revealPackage', 'Reveal package', revealPackage, log),
    registerCommand('codeartifact.copyRepositoryEndpoint', 'Copy repository endpoint', copyRepositoryEndpoint, log),
    registerCommand('codeartifact.copyInstallSnippet', 'Copy install snippet', copyInstallSnippet, log),
    registerCommand('codeartifact.showVersionDetails', 'Show version details', showVersionDetails, log),
    registerCommand('codeartifact.openVersionDetailsMarkdown', 'Open version details as Markdown', openVersionDetailsMarkdown, log),
    registerCommand('codeartifact.openInConsole', 'Open in AWS console', openInConsole, log),
  ];
}

/** The argument a quick fix gives Find Package; anything else is ignored. */
function searchRequest(arg: unknown): { domain: string; owner?: string; text: string } | undefined {
  if (typeof arg !== 'object' || arg === null || arg instanceof DomainNode) return undefined;
  const { domain, owner, text } = arg as Record<string, unknown>;
  if (typeof domain !== 'string' || typeof text !== 'string') return undefined;
  return { domain, ...(typeof owner === 'string' && owner ? { owner } : {}), text: text.slice(0, 200) };
}
