// A version's "Dependencies" row against the emulator: one ListPackageVersionDependencies per expansion, rows named
// as each ecosystem writes them, and each row's location found in the repository's tree (or not, when the
// package is not in that repository).
import assert from 'node:assert/strict';
import type { SdkCodeArtifactApi } from '../../../src/aws/codeArtifactApi';
import { DependenciesNode, DependencyNode } from '../../../src/explorer/dependencyNodes';
import { DomainNode, ExplorerModel, MessageNode, PackageNode, VersionNode, type ExplorerNode } from '../../../src/explorer/model';
import { locatePackageNode } from '../../../src/explorer/packageLocation';
import { OWNER, seededEmulator } from '../aws/testSeed';

const chainOf = (node: ExplorerNode): string[] => {
  const chain: string[] = [];
  for (let n: ExplorerNode | undefined = node; n; n = n.parent) chain.unshift(n.view().label);
  return chain;
};

describe('explorer: dependencies of a version', () => {
  const seeded = seededEmulator();
  let api: SdkCodeArtifactApi;
  let model: ExplorerModel;

  before(() => {
    api = seeded.api({ maxAttempts: 1 });
  });
  beforeEach(() => {
    model = new ExplorerModel({
      api: () => api,
      extraDomains: () => [],
      pageSizes: { domains: 100, repositories: 100, packages: 100, versions: 50 },
      versionChildren: (v) => [new DependenciesNode(v)],
    });
  });

  /** The version node, reached as a person expands the tree (located package, then its versions). */
  async function versionNode(repository: string, format: 'npm' | 'maven' | 'pypi', name: string, version: string, namespace?: string): Promise<VersionNode> {
    const result = await locatePackageNode(model, { domain: 'acme', owner: OWNER, repository, format, name, ...(namespace ? { namespace } : {}) });
    assert.equal(result.kind, 'found');
    const pkg = (result as { node: PackageNode }).node;
    const v = (await model.getChildren(pkg)).find((n): n is VersionNode => n instanceof VersionNode && n.summary.version === version);
    assert.ok(v, `${name} ${version}`);
    return v;
  }

  async function dependencyRows(v: VersionNode): Promise<DependencyNode[]> {
    const [deps, ...rest] = await model.getChildren(v);
    assert.ok(deps instanceof DependenciesNode && rest.length === 0, 'a version has one child: Dependencies');
    assert.equal(deps.view().collapsible, 'collapsed');
    seeded.emu.resetStats();
    const rows = await model.getChildren(deps);
    assert.deepEqual(seeded.emu.stats.operations, { ListPackageVersionDependencies: 1 }, 'one request per expansion');
    return rows.filter((r): r is DependencyNode => r instanceof DependencyNode);
  }

  it('npm: lists each dependency with its range and type, and reveals those in the repository', async () => {
    const v = await versionNode('shared', 'npm', 'ui-kit', '2.1.0', 'acme');
    assert.equal(v.view().collapsible, 'collapsed');
    const rows = await dependencyRows(v);
    assert.deepEqual(
      rows.map((r) => [r.view().label, r.view().description, r.view().command?.command]),
      [
        ['left-pad', '^1.3.0 · regular', 'codeartifact.revealPackage'],
        ['@acme/icons', '^1.2.0 · regular', 'codeartifact.revealPackage'],
        ['not-in-repo', '^4.0.0 · regular', 'codeartifact.revealPackage'],
      ],
    );
    const [leftPad, icons, missing] = rows;
    assert.ok(leftPad && icons && missing);
    assert.deepEqual(icons.location, { domain: 'acme', owner: OWNER, repository: 'shared', format: 'npm', namespace: 'acme', name: 'icons' });
    const found = await locatePackageNode(model, icons.location);
    assert.equal(found.kind, 'found');
    assert.deepEqual(chainOf((found as { node: PackageNode }).node), ['CodeArtifact', 'acme', 'shared', 'npm', '@acme', '@acme/icons']);
    assert.equal((await locatePackageNode(model, leftPad.location)).kind, 'found');
    assert.equal((await locatePackageNode(model, missing.location)).kind, 'noPackage');
  });

  it('Maven: groupId:artifactId, revealed under its group', async () => {
    const rows = await dependencyRows(await versionNode('shared', 'maven', 'core', '1.1.0', 'com.acme'));
    assert.deepEqual(rows.map((r) => [r.view().label, r.view().description]), [['com.acme:util', '2.0.0 · compile']]);
    const found = await locatePackageNode(model, (rows[0] as DependencyNode).location);
    assert.deepEqual(chainOf((found as { node: PackageNode }).node), ['CodeArtifact', 'acme', 'shared', 'Maven', 'com.acme', 'util']);
  });

  it('PyPI: a dependency that is not in the repository is not found there', async () => {
    const rows = await dependencyRows(await versionNode('python', 'pypi', 'requests-toolkit', '0.3.1'));
    assert.deepEqual(rows.map((r) => [r.view().label, r.view().description]), [['urllib3', '>=1.26 · regular']]);
    assert.equal((await locatePackageNode(model, (rows[0] as DependencyNode).location)).kind, 'noPackage');
  });

  it('a version without dependencies says so; a failure is an error row that retries', async () => {
    const icons = await versionNode('shared', 'npm', 'icons', '1.2.3', 'acme');
    const [deps] = await model.getChildren(icons);
    assert.ok(deps instanceof DependenciesNode);
    assert.deepEqual((await model.getChildren(deps)).map((n) => n.view().label), ['No dependencies']);

    const uiKit = await versionNode('shared', 'npm', 'ui-kit', '2.1.0', 'acme');
    const [failing] = await model.getChildren(uiKit);
    assert.ok(failing instanceof DependenciesNode);
    seeded.emu.setFaults('error/ops=ListPackageVersionDependencies');
    const [error] = await model.getChildren(failing);
    assert.ok(error instanceof MessageNode && error.error, 'an error row');
    assert.equal(error.view().command?.command, 'codeartifact.refresh');
    seeded.emu.setFaults(undefined);
    model.refresh(failing);
    assert.equal((await model.getChildren(failing)).length, 3, 'the retry lists them');
  });

  it('without the hook (plain model users), a version has no children', async () => {
    const bare = new ExplorerModel({ api: () => api, extraDomains: () => [], pageSizes: { domains: 100, repositories: 100, packages: 100, versions: 50 } });
    const domain = (await bare.getChildren(undefined)).find((n): n is DomainNode => n instanceof DomainNode && n.info.name === 'acme');
    assert.ok(domain);
    const pkg = await bare.locatePackage(domain, 'shared', { format: 'npm', namespace: 'acme', name: 'ui-kit' });
    const v = (await bare.getChildren(pkg)).find((n) => n instanceof VersionNode);
    assert.ok(v);
    assert.deepEqual(await bare.getChildren(v), []);
  });
});
