// Builds the extension's objects, registers them and hands every disposable to VS Code. No logic lives here.
import * as vscode from 'vscode';
import { registerReconnect } from './auth/reconnect';
import { Session } from './auth/session';
import { SdkCodeArtifactApi } from './aws/codeArtifactApi';
import { registerAuthCommands } from './auth/signIn';
import { StatusBar } from './auth/statusBar';
import { createConfigureFeature } from './configure/commands';
import { registerPythonProjectCommands } from './configure/pythonProjectCommands';
import { RECORDS_KEY } from './configure/configurator';
import { VersionDetailsPanels } from './details/detailsPanel';
import { registerExplorerCommands } from './explorer/commands';
import { registerPackageGroupCommands } from './explorer/packageGroupCommands';
import { DETAILS_SCHEME, VersionDetailsProvider } from './explorer/detailsDocument';
import type { ExplorerNode } from './explorer/model';
import { ExplorerTreeProvider } from './explorer/treeProvider';
import { ManageFeature } from './manage/commands';
import { Connectivity } from './shared/connectivity';
import { IgnoredSettingsNotice } from './shared/ignoredSettings';
import { createLog } from './shared/log';
import { Network } from './shared/network';
import { registerOpenSetting } from './shared/openSetting';
import { affectsConnection, readConnectionSettings } from './shared/settings';
import { createManifestAnalyses } from './versions/manifestAnalyses';
import { registerVersionIntelligence } from './versions/providers';
import { registerDependencyGuard } from './guard/guardProvider';
import { registerRepositorySetupCommands } from './explorer/repositorySetupCommands';
import { registerPublishCommands } from './publish/publishCommands';
import { registerWalkthrough, WatchedMemento } from './walkthrough/walkthrough';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = createLog();
  context.subscriptions.push(log);
  const manifest = context.extension.packageJSON as { version?: string };
  log.info(`CodeArtifact ${manifest.version ?? ''} activated`);

  const network = new Network();
  context.subscriptions.push(network);
  const session = new Session(context.globalState, log, readConnectionSettings, (opts) => new SdkCodeArtifactApi({ ...opts, ...(network.ours ? { transport: network.transportFor(opts.caBundle) } : {}) }));
  const provider = new ExplorerTreeProvider(session, log, context.extensionUri);
  const manage = new ManageFeature(provider, session, log);
  const treeView = vscode.window.createTreeView<ExplorerNode>('codeartifact.explorer', { treeDataProvider: provider, showCollapseAll: true, canSelectMany: true, dragAndDropController: manage });
  const connectivity = new Connectivity();
  const statusBar = new StatusBar(session, log, connectivity);
  // The walkthrough ticks "configured" when a configuration is recorded.
  const records = new WatchedMemento(context.globalState);
  const configure = createConfigureFeature(context, session, statusBar, log, records);
  const detailsPanels = new VersionDetailsPanels(context.extensionUri, () => session.api(), log);
  // One analysis per manifest version for the version providers and the dependency guard.
  const analyses = createManifestAnalyses({ session, log, approvals: context.globalState, userDomains: () => readConnectionSettings().extraDomains });
  context.subscriptions.push(
    { dispose: () => session.dispose() },
    connectivity,
    ...registerReconnect(session, connectivity, log),
    provider,
    treeView,
    statusBar,
    configure,
    ...registerPythonProjectCommands(configure),
    detailsPanels,
    vscode.commands.registerCommand('codeartifact.showLogs', () => log.show()),
    registerOpenSetting(context.extension.packageJSON as Parameters<typeof registerOpenSetting>[0], log),
    vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, new VersionDetailsProvider(() => session.api())),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsConnection(e)) {
        // A new connection refreshes the tree through the session; extra domains only change the root.
        void session.reloadFromSettings().then((changed) => {
          if (!changed && e.affectsConfiguration('codeartifact.domains')) provider.refresh();
        });
      }
    }),
    ...registerAuthCommands(session, log),
    ...registerWalkthrough(records, RECORDS_KEY, log),
    ...registerExplorerCommands(provider, treeView, session, log, detailsPanels),
    ...manage.register(treeView),
    ...registerPackageGroupCommands(provider, session, log, manage),
    ...registerVersionIntelligence({
      analyses,
      session,
      log,
      getToken: (name, owner, signal) => configure.tokens.get({ name, owner }, signal).then((t) => t.token),
      fetch: network.fetchFor(() => session.caCertificates),
      // The explorer's Refresh and new tokens (Refresh Token, configure) make hovers and lenses ask again.
      invalidateOn: { refreshes: [provider.onDidRefresh], tokenRefreshes: configure.tokens.onDidRefresh, packageChanges: manage.onDidChangePackages, repositoryChanges: manage.onDidChangeRepositories },
      connectivity,
    }),
    ...registerRepositorySetupCommands(session, manage, log),
    ...registerPublishCommands({
      session,
      getToken: (name, owner, signal) => configure.tokens.get({ name, owner }, signal).then((t) => t.token),
      storage: context.globalStorageUri,
      log,
      access: manage,
    }),
    ...registerDependencyGuard({ session, log, analyses }),
  );
  const ignored = new IgnoredSettingsNotice(context.globalState, log);
  const checkIgnored = (): void => void ignored.check().catch((err: unknown) => log.warn(`Could not check the folder's settings: ${err instanceof Error ? err.message : String(err)}`));
  context.subscriptions.push(
    vscode.workspace.onDidChangeWorkspaceFolders(checkIgnored),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('codeartifact')) checkIgnored();
    }),
  );
  checkIgnored();
  await session.restore();
  await configure.start();
}

export function deactivate(): void {}
