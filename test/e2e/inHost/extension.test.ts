// In-host tests: the `vscode` API from inside the extension host, against the installed extension.
// Runs in code-server (through the test-driver extension) and in desktop VS Code (@vscode/test-electron).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'codeartifact-tools.codeartifact-explorer';

interface Manifest {
  activationEvents?: string[];
  contributes?: { commands?: { command: string }[]; views?: Record<string, { id: string }[]> };
}

function ourExtension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed in this extension host`);
  return ext;
}

describe('in-host: the CodeArtifact extension inside VS Code', function () {
  it('is installed and activates without error', async function () {
    const ext = ourExtension();
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('activates lazily (never on "*", start-up, or every JSON/XML file)', function () {
    const manifest = ourExtension().packageJSON as Manifest;
    assert.ok(manifest.activationEvents !== undefined);
    // onLanguage:json fires in nearly every window (VS Code opens JSON of its own): it would activate us everywhere.
    const eager = ['*', 'onStartupFinished', 'onLanguage:json', 'onLanguage:jsonc', 'onLanguage:xml'];
    const found = manifest.activationEvents.filter((e) => eager.includes(e));
    assert.deepEqual(found, [], `activationEvents: ${manifest.activationEvents.join(', ')}`);
  });

  it('registers every command its manifest contributes', async function () {
    await ourExtension().activate();
    const contributed = (ourExtension().packageJSON as Manifest).contributes?.commands?.map((c) => c.command) ?? [];
    assert.ok(contributed.length > 0, 'the manifest contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((c) => !registered.has(c));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  it('runs codeartifact.showLogs', async function () {
    await ourExtension().activate();
    await vscode.commands.executeCommand('codeartifact.showLogs');
  });

  it('focuses the CodeArtifact explorer view', async function () {
    // `<view id>.focus` exists only for a contributed view; focusing it opens the container.
    await vscode.commands.executeCommand('codeartifact.explorer.focus');
  });

  it('reads its settings through the configuration API', function () {
    const config = vscode.workspace.getConfiguration('codeartifact');
    for (const key of ['profile', 'region', 'endpoint']) assert.equal(typeof config.get(key), 'string', `codeartifact.${key}`);
    const endpoint = process.env.CODEARTIFACT_E2E_ENDPOINT;
    // In the e2e profile the harness points the extension at the emulator; check the host sees that user setting.
    if (endpoint !== undefined) assert.equal(config.get('endpoint'), endpoint);
  });
});
