// Every module that creates a webview (today: src/details/detailsPanel.ts, the version details) must carry a
// Content-Security-Policy with `default-src 'none'`: this scan fails for one that does not.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const WEBVIEW_API = /\b(createWebviewPanel|registerWebviewViewProvider|registerCustomEditorProvider|registerWebviewPanelSerializer)\b/;
const CSP = /Content-Security-Policy[\s\S]{0,400}default-src\s+'none'/;

/** Why a module's source is not acceptable, or undefined. */
function webviewProblem(source: string): string | undefined {
  const api = WEBVIEW_API.exec(source)?.[1];
  if (!api) return undefined;
  return CSP.test(source) ? undefined : `calls ${api} without a Content-Security-Policy meta with default-src 'none'`;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(path) : /\.(ts|js|mjs|cjs|html)$/.test(e.name) ? [path] : [];
  });
}

// Compiled to out/test/unit/hostile: the repository root is four levels up.
const ROOT = join(__dirname, '..', '..', '..', '..');

describe('hostile input: webviews', () => {
  it('the scan recognises a webview without a CSP, and accepts one with it', () => {
    assert.match(webviewProblem("vscode.window.createWebviewPanel('x', 'X', 1, {});") ?? '', /createWebviewPanel/);
    assert.match(webviewProblem('vscode.window.registerWebviewViewProvider(id, provider);') ?? '', /registerWebviewViewProvider/);
    assert.match(webviewProblem('vscode.window.registerCustomEditorProvider(id, p);') ?? '', /registerCustomEditorProvider/);
    assert.ok(webviewProblem(`createWebviewPanel(); const csp = '<meta http-equiv="Content-Security-Policy" content="default-src \\'none\\'; style-src x">';`.replace(/\\'/g, "'")) === undefined);
    assert.equal(webviewProblem('const csp = "default-src *"; createWebviewPanel();')?.includes('without'), true);
    assert.equal(webviewProblem('export const x = 1;'), undefined);
  });

  it("src/ creates no webview without `default-src 'none'`", () => {
    const files = sourceFiles(join(ROOT, 'src'));
    assert.ok(files.length > 20, `scanned ${files.length} files under ${ROOT}/src`);
    const problems = files.map((f) => [relative(ROOT, f), webviewProblem(readFileSync(f, 'utf8'))] as const).filter(([, p]) => p);
    assert.deepEqual(problems, []);
  });
});
