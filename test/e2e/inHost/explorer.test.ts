// In-host checks of the explorer's commands and its details documents while signed out (this suite's profile never
// signs in; the signed-in journeys are driven through the UI in ../explorer.test.ts): a refusal that names the fix,
// never an exception escaping a command or a half-rendered document.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'codeartifact-tools.codeartifact-explorer';

async function activated(): Promise<void> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this extension host`);
  await ext.activate();
}

/** A details link as the explorer builds it (see src/explorer/detailsDocument.ts). */
function detailsLink(query: Record<string, string>): vscode.Uri {
  return vscode.Uri.from({ scheme: 'codeartifact', path: '/@acme∕ui-kit@2.1.0.md', query: new URLSearchParams(query).toString() });
}

const UI_KIT = { domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', package: 'ui-kit', version: '2.1.0' };

describe('in-host: explorer commands and details documents while signed out', function () {
  before(activated);

  it('node commands run without a node (from a keybinding or the palette) answer with a message, never a rejection', async function () {
    // registerCommand's wrapper turns "run this from a version/repository" into an error message; executeCommand
    // would reject if a handler's error escaped.
    for (const command of ['codeartifact.copyInstallSnippet', 'codeartifact.showVersionDetails', 'codeartifact.loadMore', 'codeartifact.filterPackages', 'codeartifact.clearPackageFilter']) {
      assert.equal(await vscode.commands.executeCommand(command), undefined, command);
    }
  });

  it('a version details link opens no document while signed out, and says to sign in', async function () {
    await assert.rejects(
      Promise.resolve(vscode.workspace.openTextDocument(detailsLink(UI_KIT))),
      (err: unknown) => {
        assert.match(err instanceof Error ? err.message : String(err), /Not signed in to CodeArtifact/);
        return true;
      },
    );
  });

  it('a details link that lacks a part is refused with the part named', async function () {
    const { version: _version, ...withoutVersion } = UI_KIT;
    await assert.rejects(
      Promise.resolve(vscode.workspace.openTextDocument(detailsLink(withoutVersion))),
      (err: unknown) => {
        assert.match(err instanceof Error ? err.message : String(err), /lacks "version"/);
        return true;
      },
    );
  });
});
