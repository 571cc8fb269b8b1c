// "Show Version Details" as a rendered webview: one panel per version (shown again if already open). The page is
// built by core/versionDetailsHtml.ts; here it gets its Content-Security-Policy, stylesheet and script, and its
// messages are answered. Messages are untrusted input: only known actions, and only indexes into the lists this
// panel holds (links, assets, dependencies) — never a URL or a name taken from the page.
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { AssetDownloadError, downloadAsset, suggestedFileName } from '../aws/assetDownload';
import type { CodeArtifactApi, VersionRef } from '../aws/codeArtifactApi';
import { displayText, messageText } from '../core/displayText';
import { formatBytes } from '../core/markdown';
import { isWebUrl } from '../core/readmeHtml';
import { displayPackageName, installSnippet } from '../core/snippets';
import type { VersionDetailsInput } from '../core/versionDetails';
import { parseDetailsMessage, renderMessageHtml, renderVersionDetailsHtml, type DetailsAction } from '../core/versionDetailsHtml';
import { detailsUri } from '../explorer/detailsDocument';
import { loadVersionDetails } from '../explorer/versionDetailsData';
import { showError } from '../shared/commands';

export const DETAILS_VIEW_TYPE = 'codeartifact.versionDetails';
function keyOf(ref: VersionRef): string {
  return JSON.stringify([ref.domainOwner ?? '', ref.domain, ref.repository, ref.format, ref.namespace ?? '', ref.package, ref.version]);
}

export class VersionDetailsPanels implements vscode.Disposable {
  private readonly open = new Map<string, DetailsPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly api: () => CodeArtifactApi,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  show(ref: VersionRef): void {
    const key = keyOf(ref);
    const existing = this.open.get(key);
    if (existing) {
      existing.reveal();
      return;
    }
    const panel = new DetailsPanel(ref, this.extensionUri, this.api, this.log, () => this.open.delete(key));
    this.open.set(key, panel);
  }

  dispose(): void {
    for (const p of [...this.open.values()]) p.dispose();
    this.open.clear();
  }
}

class DetailsPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private data: VersionDetailsInput | undefined;
  private links: string[] = [];
  private loading: AbortController | undefined;
  private disposed = false;

  constructor(
    private readonly ref: VersionRef,
    private readonly extensionUri: vscode.Uri,
    private readonly api: () => CodeArtifactApi,
    private readonly log: vscode.LogOutputChannel,
    private readonly onDisposed: () => void,
  ) {
    const title = displayText(`${displayPackageName(ref.format, ref.namespace, ref.package)}@${ref.version}`, 120);
    this.panel = vscode.window.createWebviewPanel(DETAILS_VIEW_TYPE, title, vscode.ViewColumn.Active, {
      enableScripts: true,
      enableFindWidget: true,
      enableCommandUris: false,
      localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
    });
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', `format-${['npm', 'pypi', 'maven'].includes(ref.format) ? ref.format : 'npm'}.svg`);
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((m: unknown) => void this.handle(m)),
    );
    void this.load();
  }

  reveal(): void {
    this.panel.reveal();
  }

  private async load(): Promise<void> {
    this.loading?.abort();
    const loading = new AbortController();
    this.loading = loading;
    const title = `${displayPackageName(this.ref.format, this.ref.namespace, this.ref.package)} ${this.ref.version}`;
    this.setBody(renderMessageHtml(title, 'Loading…'));
    try {
      const data = await loadVersionDetails(this.api(), this.ref, loading.signal);
      if (loading.signal.aborted || this.disposed) return;
      const page = renderVersionDetailsHtml(data);
      this.data = data;
      this.links = page.links;
      this.setBody(page.body);
    } catch (err) {
      if (loading.signal.aborted || this.disposed) return;
      this.setBody(renderMessageHtml(title, `Could not load the details: ${err instanceof Error ? err.message : String(err)}`));
    }
  }

  /** The whole document: strict CSP (no default source; our stylesheet and one nonce'd script from media/). */
  private setBody(body: string): void {
    const webview = this.panel.webview;
    const nonce = randomBytes(16).toString('base64');
    const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', file)).toString();
    webview.html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; script-src 'nonce-${nonce}'; form-action 'none'; base-uri 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('details.css')}">
</head>
<body>
<main>
${body}
</main>
<script nonce="${nonce}" src="${media('details.js')}"></script>
</body>
</html>`;
  }

  private status(text: string): void {
    void this.panel.webview.postMessage({ type: 'status', text: displayText(text, 300) });
  }

  private async handle(raw: unknown): Promise<void> {
    const message = parseDetailsMessage(raw);
    if (!message) {
      this.log.warn('Version details: ignored a message from the page that is not one of its actions.');
      return;
    }
    try {
      await this.run(message.type, message.index);
    } catch (err) {
      if (err instanceof AssetDownloadError && err.reason === 'cancelled') {
        this.status(err.message);
        return;
      }
      await showError(err, this.log, 'Version details');
    }
  }

  private async run(type: DetailsAction, index: number | undefined): Promise<void> {
    const data = this.data;
    switch (type) {
      case 'refresh':
        return this.load();
      case 'open-markdown': {
        const doc = await vscode.workspace.openTextDocument(detailsUri(this.ref));
        await vscode.window.showTextDocument(doc, { preview: true });
        return;
      }
      case 'copy-install': {
        await vscode.env.clipboard.writeText(installSnippet({ format: this.ref.format, namespace: this.ref.namespace, name: this.ref.package, version: this.ref.version }));
        this.status('Copied the install snippet.');
        return;
      }
      case 'open-link': {
        const url = index === undefined ? undefined : this.links[index];
        // Checked again here: only http(s) leaves VS Code, and VS Code asks before opening an untrusted domain.
        if (!url || !isWebUrl(url)) return;
        await vscode.env.openExternal(vscode.Uri.parse(url, true));
        return;
      }
      case 'reveal-dependency': {
        const dep = index === undefined ? undefined : data?.dependencies?.[index];
        if (!dep) return;
        await vscode.commands.executeCommand('codeartifact.revealPackage', {
          domain: this.ref.domain,
          owner: this.ref.domainOwner ?? '',
          repository: this.ref.repository,
          format: this.ref.format,
          ...(dep.namespace ? { namespace: dep.namespace } : {}),
          name: dep.package,
        });
        return;
      }
      case 'download': {
        const asset = index === undefined ? undefined : data?.assets?.[index];
        if (asset) await this.download(asset);
        return;
      }
    }
  }

  private async download(asset: NonNullable<VersionDetailsInput['assets']>[number]): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
    const target = await vscode.window.showSaveDialog({
      title: displayText(`Save ${asset.name}`),
      defaultUri: vscode.Uri.joinPath(folder, suggestedFileName(asset.name)),
      saveLabel: 'Download',
    });
    if (!target) return;
    if (target.scheme !== 'file') throw new Error('Assets can be saved to local files only; choose a folder on this machine.');
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: messageText(`Downloading ${asset.name}`), cancellable: true },
      async (progress, token) => {
        const controller = new AbortController();
        const sub = token.onCancellationRequested(() => controller.abort());
        let reported = 0;
        try {
          return await downloadAsset(this.api(), this.ref, asset, target.fsPath, {
            signal: controller.signal,
            onProgress: (received, total) => {
              // Report in whole percents (or every MiB without a size), not per chunk.
              const step = total ? Math.floor((received / total) * 100) : Math.floor(received / (1024 * 1024));
              if (step === reported) return;
              progress.report({ ...(total ? { increment: step - reported } : {}), message: `${formatBytes(received)}${total ? ` of ${formatBytes(total)}` : ''}` });
              reported = step;
            },
          });
        } finally {
          sub.dispose();
        }
      },
    );
    const done = `Saved ${asset.name} (${formatBytes(result.bytes)}, ${result.algorithm} verified).`;
    this.status(done);
    void vscode.window.showInformationMessage(messageText(done));
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.loading?.abort();
    this.onDisposed();
    this.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
