// The installed version next to the declared one: which lockfile governs a manifest, workspaces, the cache, and
// what reaches the lens title and the hover.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lensTitle } from '../../../src/versions/dependencyInsight';
import { hoverMarkdown } from '../../../src/versions/hoverContent';
import { InstalledVersions } from '../../../src/versions/installedVersions';
import { readManifest, type ManifestDependency } from '../../../src/versions/manifestDependencies';
import type { PackageVersions } from '../../../src/versions/versionSource';
import { levelToWrite } from '../../../src/core/workspaceSettings';

const LOCKS = join(__dirname, '../../../../test/fixtures/lockfiles');

function npmDep(name: string, range: string): ManifestDependency {
  const dep = readManifest('packageJson', JSON.stringify({ dependencies: { [name]: range } })).dependencies[0];
  assert.ok(dep);
  return dep;
}

const designSystem: PackageVersions = {
  found: true,
  versions: ['5.0.0', '4.3.1', '4.2.3'].map((version) => ({ version, status: 'Published', installable: true })),
  distTags: { latest: '5.0.0' },
  latest: '5.0.0',
  fetchedAt: 0,
};

describe('installed versions from lockfiles', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'installed-'));
    mkdirSync(join(root, 'packages/web'), { recursive: true });
    copyFileSync(join(LOCKS, 'package-lock.json'), join(root, 'package-lock.json'));
    writeFileSync(join(root, 'package.json'), '{}');
    writeFileSync(join(root, 'packages/web/package.json'), '{}');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('the root manifest and a workspace read the root package-lock.json, each with its own install', async () => {
    const installed = new InstalledVersions();
    assert.deepEqual(await installed.installedFor(join(root, 'package.json'), root, npmDep('mocha', '^10.2.0')), { version: '10.4.0', lockfile: 'package-lock.json' });
    assert.deepEqual(await installed.installedFor(join(root, 'packages/web/package.json'), root, npmDep('mocha', '^9.0.0')), { version: '9.2.2', lockfile: 'package-lock.json' });
    // An alias is installed under its own key.
    assert.equal((await installed.installedFor(join(root, 'package.json'), root, npmDep('legacy-lodash', 'npm:lodash@^3.10.1')))?.version, '3.10.1');
  });

  it('never looks above the workspace folder, and sees a changed lockfile', async () => {
    const installed = new InstalledVersions();
    assert.equal(await installed.installedFor(join(root, 'packages/web/package.json'), join(root, 'packages/web'), npmDep('mocha', '^9.0.0')), undefined);
    const manifest = join(root, 'package.json');
    const dep = npmDep('@acme/design-system', '^4.2.0');
    assert.equal((await installed.installedFor(manifest, root, dep))?.version, '4.2.3');
    writeFileSync(join(root, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/@acme/design-system': { version: '4.3.1' } } }));
    utimesSync(join(root, 'package-lock.json'), new Date(), new Date(Date.now() + 5000));
    assert.equal((await installed.installedFor(manifest, root, dep))?.version, '4.3.1');
  });

  it('a hostile lockfile version is never shown; a lockfile that is not a file is skipped', async () => {
    const errors: string[] = [];
    const installed = new InstalledVersions((file) => errors.push(file));
    writeFileSync(join(root, 'package-lock.json'), JSON.stringify({ packages: { 'node_modules/x': { version: '[click](command:evil)' } } }));
    assert.equal(await installed.installedFor(join(root, 'package.json'), root, npmDep('x', '^1.0.0')), undefined);
    rmSync(join(root, 'package-lock.json'));
    mkdirSync(join(root, 'package-lock.json'));
    assert.equal(await installed.installedFor(join(root, 'package.json'), root, npmDep('x', '^1.0.0')), undefined);
  });

  it('poetry.lock next to pyproject.toml; requirements files have none', async () => {
    copyFileSync(join(LOCKS, 'poetry.lock'), join(root, 'poetry.lock'));
    const [httpx] = readManifest('pyproject', '[tool.poetry.dependencies]\nhttpx = "^0.27.0"\n').dependencies;
    assert.ok(httpx);
    const installed = new InstalledVersions();
    assert.deepEqual(await installed.installedFor(join(root, 'pyproject.toml'), root, httpx), { version: '0.27.0', lockfile: 'poetry.lock' });
    assert.equal(await installed.installedFor(join(root, 'requirements.txt'), root, httpx), undefined);
  });

  it('yarn.lock: read by the range as written; the nearest lockfile wins, package-lock.json first in one folder', async () => {
    copyFileSync(join(LOCKS, 'yarn-berry.lock'), join(root, 'yarn.lock'));
    const installed = new InstalledVersions();
    const web = join(root, 'packages/web/package.json');
    // The root has package-lock.json too: in one folder it comes first.
    assert.equal((await installed.installedFor(join(root, 'package.json'), root, npmDep('mocha', '^10.2.0')))?.lockfile, 'package-lock.json');
    rmSync(join(root, 'package-lock.json'));
    assert.deepEqual(await installed.installedFor(web, root, npmDep('left-pad', '1.2.0')), { version: '1.2.0', lockfile: 'yarn.lock' });
    assert.deepEqual(await installed.installedFor(join(root, 'package.json'), root, npmDep('old-pad', 'npm:left-pad@~1.1.0')), { version: '1.1.0', lockfile: 'yarn.lock' });
    assert.equal(await installed.installedFor(web, root, npmDep('left-pad', '^1.2.0')), undefined);
    // A workspace with a lockfile of its own: that one answers, not the root's.
    writeFileSync(join(root, 'packages/web/package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/left-pad': { version: '1.0.1' } } }));
    assert.deepEqual(await installed.installedFor(web, root, npmDep('left-pad', '1.2.0')), { version: '1.0.1', lockfile: 'package-lock.json' });
    // Markup from a hostile yarn.lock is never shown.
    writeFileSync(join(root, 'yarn.lock'), '# yarn lockfile v1\n\nx@^1.0.0:\n  version "[click](command:evil)"\n');
    assert.equal(await installed.installedFor(join(root, 'package.json'), root, npmDep('x', '^1.0.0')), undefined);
  });

  it('uv.lock next to pyproject.toml, after poetry.lock', async () => {
    copyFileSync(join(LOCKS, 'uv.lock'), join(root, 'uv.lock'));
    const [httpx] = readManifest('pyproject', '[project]\nname = "demo-app"\ndependencies = ["HTTPX>=0.27"]\n').dependencies;
    assert.ok(httpx);
    const installed = new InstalledVersions();
    assert.deepEqual(await installed.installedFor(join(root, 'pyproject.toml'), root, httpx), { version: '0.27.2', lockfile: 'uv.lock' });
    copyFileSync(join(LOCKS, 'poetry.lock'), join(root, 'poetry.lock'));
    assert.equal((await installed.installedFor(join(root, 'pyproject.toml'), root, httpx))?.lockfile, 'poetry.lock');
  });

  it('the lens says "installed" only when it differs from what the range resolves to; the hover always', () => {
    const dep = npmDep('@acme/design-system', '^4.2.0');
    assert.equal(lensTitle(dep, designSystem, '4.3.1'), 'latest 5.0.0 (major)');
    assert.equal(lensTitle(dep, designSystem, '4.2.3'), 'latest 5.0.0 (major) · installed 4.2.3');
    const md = hoverMarkdown(dep, { domain: 'acme', owner: '111122223333', repository: 'shared', format: 'npm', source: '.npmrc' }, designSystem, {
      showVersions: 'aaaaaaaaaaaaaaaaaaaaaaaa',
      installed: { version: '4.2.3', lockfile: 'package-lock.json' },
    });
    assert.match(md, /Installed: \*\*4\.2\.3\*\* \*\(package-lock\.json\)\*/);
  });

  it('the lens toggle writes where the value takes effect', () => {
    assert.equal(levelToWrite(undefined), 'user');
    assert.equal(levelToWrite({ workspaceValue: false }), 'workspace');
    assert.equal(levelToWrite({ workspaceValue: true, workspaceFolderValue: false }), 'workspaceFolder');
  });
});
