// The explorer's "Package groups" level and the package-group API against the emulator: the hierarchy by
// pattern, each group's effective restrictions, its packages page by page, and writes seen after a refresh.
import assert from 'node:assert/strict';
import type { SdkCodeArtifactApi } from '../../../src/aws/codeArtifactApi';
import { packageGroupsApiFor } from '../../../src/aws/packageGroupsApi';
import { renderVersionDetails } from '../../../src/core/versionDetails';
import { renderVersionDetailsHtml } from '../../../src/core/versionDetailsHtml';
import { loadVersionDetails } from '../../../src/explorer/versionDetailsData';
import { DomainNode, ExplorerModel, LoadMoreNode, MessageNode, RepositoryNode, type ExplorerNode } from '../../../src/explorer/model';
import { AssociatedPackageNode, AssociatedPackagesNode, PackageGroupNode, PackageGroupsNode } from '../../../src/explorer/packageGroupNodes';
import type { Seed } from '../../emulator/seed';
import { failure, OWNER, seededEmulator, testSeed } from '../aws/testSeed';

function groupSeed(): Seed {
  const seed = testSeed();
  const acme = seed.domains.find((d) => d.name === 'acme');
  assert.ok(acme);
  acme.packageGroups = [
    { pattern: '/npm/*', description: 'Every npm package', originConfiguration: { EXTERNAL_UPSTREAM: 'BLOCK' } },
    { pattern: '/npm/acme/*', contactInfo: 'web@acme.test', originConfiguration: { PUBLISH: 'ALLOW_SPECIFIC_REPOSITORIES' }, allowedRepositories: { PUBLISH: ['shared'] } },
    { pattern: '/maven/com.acme~' },
  ];
  return seed;
}

describe('explorer: package groups', () => {
  const seeded = seededEmulator({ seed: groupSeed });
  let api: SdkCodeArtifactApi;
  let model: ExplorerModel;

  before(() => {
    api = seeded.api({ maxAttempts: 1 });
  });
  beforeEach(() => {
    model = new ExplorerModel({
      api: () => api,
      extraDomains: () => [],
      pageSizes: { domains: 100, repositories: 100, packages: 10, versions: 50 },
      domainChildren: (d) => [new PackageGroupsNode(d)],
    });
  });

  async function acme(): Promise<DomainNode> {
    const domain = (await model.getChildren(undefined)).find((n): n is DomainNode => n instanceof DomainNode && n.info.name === 'acme');
    assert.ok(domain);
    return domain;
  }
  async function rootGroup(): Promise<PackageGroupNode> {
    const [groups, ...repositories] = await model.getChildren(await acme());
    assert.ok(groups instanceof PackageGroupsNode, 'Package groups comes first under a domain');
    assert.ok(repositories.every((r) => r instanceof RepositoryNode) && repositories.length === 4);
    assert.equal(groups.view().label, 'Package groups');
    const [root, ...rest] = await model.getChildren(groups);
    assert.ok(root instanceof PackageGroupNode && rest.length === 0, 'the root group /* alone');
    return root;
  }
  async function subGroups(node: PackageGroupNode): Promise<PackageGroupNode[]> {
    const [packages, ...rest] = await model.getChildren(node);
    assert.ok(packages instanceof AssociatedPackagesNode, 'a group lists its Packages first');
    return rest.filter((n): n is PackageGroupNode => n instanceof PackageGroupNode);
  }
  const labels = (nodes: ExplorerNode[]): string[] => nodes.map((n) => n.view().label);

  it('shows the hierarchy by pattern with each group’s effective restrictions; INHERIT is marked and explained', async () => {
    const root = await rootGroup();
    assert.deepEqual([root.view().label, root.view().description, root.view().contextValue], ['/*', 'allows all', 'packageGroup.root']);
    const top = await subGroups(root);
    assert.deepEqual(labels(top), ['/maven/com.acme~', '/npm/*']);
    const npm = top[1];
    assert.ok(npm);
    assert.deepEqual([npm.view().description, npm.view().contextValue, npm.view().icon], ['external BLOCK', 'packageGroup', { codicon: 'shield' }]);
    assert.match(npm.view().tooltip ?? '', /Every npm package/);
    const [scoped] = await subGroups(npm);
    assert.ok(scoped);
    assert.equal(scoped.view().label, '/npm/acme/*');
    assert.equal(scoped.view().description, 'publish SPECIFIC · external BLOCK*');
    const tooltip = scoped.view().tooltip ?? '';
    assert.match(tooltip, /External upstream: \*\*BLOCK\*\* \(inherited from `\/npm\/\*`\)/);
    assert.match(tooltip, /Publish: \*\*ALLOW\\_SPECIFIC\\_REPOSITORIES\*\* — 1 allowed repository/);
    assert.match(tooltip, /Contact: web\\@acme\.test/);
    assert.deepEqual(await subGroups(scoped), []);
  });

  it('lists a group’s packages page by page (ListAssociatedPackages), only those no more specific group governs', async () => {
    const npm = (await subGroups(await rootGroup())).find((g) => g.pattern === '/npm/*');
    assert.ok(npm);
    const packages = npm.packages;
    seeded.emu.resetStats();
    const first = await model.getChildren(packages);
    assert.deepEqual(seeded.emu.stats.operations, { ListAssociatedPackages: 1 });
    assert.equal(first.filter((n) => n instanceof AssociatedPackageNode).length, 10);
    assert.ok(first.at(-1) instanceof LoadMoreNode);
    for (let rows = first; rows.at(-1) instanceof LoadMoreNode; rows = await model.getChildren(packages)) await model.loadMore(rows.at(-1) as LoadMoreNode);
    const all = (await model.getChildren(packages)).filter((n): n is AssociatedPackageNode => n instanceof AssociatedPackageNode);
    const names = all.map((n) => n.view().label);
    assert.ok(names.includes('left-pad') && names.includes('@acme-tools/cli'), names.join());
    assert.ok(!names.includes('@acme/ui-kit'), '@acme/ui-kit belongs to /npm/acme/*');
    assert.equal(packages.view().description, String(all.length));

    const scoped = (await subGroups(npm)).find((g) => g.pattern === '/npm/acme/*');
    assert.ok(scoped);
    const scopedPackages = (await model.getChildren(scoped.packages)).map((n) => n.view().label);
    assert.deepEqual(scopedPackages.sort(), ['@acme/icons', '@acme/ui-kit']);

    const maven = (await subGroups(await rootGroup())).find((g) => g.pattern === '/maven/com.acme~');
    assert.ok(maven);
    assert.deepEqual((await model.getChildren(maven.packages)).map((n) => [n.view().label, n.view().description]), [
      ['com.acme:core', 'Maven'],
      ['com.acme:util', 'Maven'],
    ]);
  });

  it('UpdatePackageGroup (Edit Package Group): sets description and contact info, and an empty one clears it', async () => {
    const groups = packageGroupsApiFor(api);
    const domain = { name: 'acme', owner: OWNER };
    await groups.createPackageGroup(domain, { pattern: '/generic/*', description: 'Tools' });
    const set = await groups.updatePackageGroup(domain, { pattern: '/generic/*', description: 'Build tools', contactInfo: 'platform@acme.example' });
    assert.deepEqual([set.description, set.contactInfo], ['Build tools', 'platform@acme.example']);
    const cleared = await groups.updatePackageGroup(domain, { pattern: '/generic/*', description: '', contactInfo: 'platform@acme.example' });
    assert.equal(cleared.description ?? '', '');
    assert.equal((await groups.describePackageGroup(domain, '/generic/*')).contactInfo, 'platform@acme.example');
    const bad = await failure(groups.updatePackageGroup(domain, { pattern: '/generic/*', description: 'line\nbreak' }));
    assert.equal(bad.kind, 'validation');
    await groups.deletePackageGroup(domain, '/generic/*');
  });

  it('creates, changes and deletes groups through the API; a refresh shows the new modes (also inherited ones)', async () => {
    const groups = packageGroupsApiFor(api);
    assert.equal(packageGroupsApiFor(api), groups, 'one package-group API per client');
    const domain = { name: 'acme', owner: OWNER };
    const created = await groups.createPackageGroup(domain, { pattern: '/pypi/*', description: 'Python' });
    assert.deepEqual([created.pattern, created.parent, created.restrictions.PUBLISH?.mode, created.restrictions.PUBLISH?.inheritedFrom], ['/pypi/*', '/*', 'INHERIT', '/*']);
    const conflict = await failure(groups.createPackageGroup(domain, { pattern: '/pypi/*' }));
    assert.match(conflict.message, /already exists/);
    const invalid = await failure(groups.createPackageGroup(domain, { pattern: '/pypi/requests' }));
    assert.equal(invalid.kind, 'validation');

    const root = await rootGroup();
    await groups.updateOriginConfiguration(domain, '/*', { restrictions: { PUBLISH: 'BLOCK' } });
    const updated = await groups.updateOriginConfiguration(domain, '/pypi/*', { restrictions: { EXTERNAL_UPSTREAM: 'ALLOW_SPECIFIC_REPOSITORIES' }, add: [{ repository: 'python', type: 'EXTERNAL_UPSTREAM' }] });
    assert.equal(updated.restrictions.EXTERNAL_UPSTREAM?.repositoriesCount, 1);
    assert.deepEqual((await groups.listAllowedRepositories(domain, '/pypi/*', 'EXTERNAL_UPSTREAM')).items, ['python']);

    model.refresh(root.parent);
    const refreshedRoot = await rootGroup();
    assert.equal(refreshedRoot, root, 'the same node object across a refresh keeps VS Code’s expansion');
    assert.equal(refreshedRoot.view().description, 'publish BLOCK');
    const pypi = (await subGroups(refreshedRoot)).find((g) => g.pattern === '/pypi/*');
    assert.ok(pypi);
    assert.equal(pypi.view().description, 'publish BLOCK* · external SPECIFIC');

    const governing = await groups.getAssociatedPackageGroup({ domain: 'acme', domainOwner: OWNER, format: 'pypi', package: 'requests-toolkit' });
    assert.deepEqual([governing.group.pattern, governing.associationType], ['/pypi/*', 'STRONG']);

    const rootDelete = await failure(groups.deletePackageGroup(domain, '/*'));
    assert.equal(rootDelete.kind, 'validation');
    await groups.deletePackageGroup(domain, '/pypi/*');
    await groups.updateOriginConfiguration(domain, '/*', { restrictions: { PUBLISH: 'ALLOW' } });
    const missing = await failure(groups.describePackageGroup(domain, '/pypi/*'));
    assert.equal(missing.kind, 'notFound');
  });

  it('a domain whose groups cannot be read shows why under Package groups, and its repositories still load', async () => {
    const domain = (await model.getChildren(undefined)).find((n): n is DomainNode => n instanceof DomainNode && n.info.name === 'acme');
    assert.ok(domain);
    seeded.emu.setFaults('error/ops=DescribePackageGroup/count=1');
    const [groups, ...repositories] = await model.getChildren(domain);
    assert.ok(groups instanceof PackageGroupsNode);
    assert.equal(repositories.length, 4);
    const [message] = await model.getChildren(groups);
    assert.ok(message instanceof MessageNode);
    assert.equal(message.view().description, 'could not load the package groups');
    assert.ok((await model.getChildren(groups))[0] instanceof PackageGroupNode, 'the next expansion tries again');
  });

  it('a version’s details say which package group governs its package (GetAssociatedPackageGroup)', async () => {
    const data = await loadVersionDetails(api, { domain: 'acme', domainOwner: OWNER, repository: 'shared', format: 'npm', namespace: 'acme', package: 'ui-kit', version: '2.1.0' });
    assert.deepEqual(data.problems, []);
    assert.deepEqual(data.packageGroup, { pattern: '/npm/acme/*', associationType: 'STRONG', restrictions: 'publish SPECIFIC · external BLOCK* · internal ALLOW*' });
    assert.ok(renderVersionDetails(data).includes('| Package group | `/npm/acme/*` — publish SPECIFIC · external BLOCK\\* · internal ALLOW\\* |'));
    const page = renderVersionDetailsHtml(data);
    assert.match(JSON.stringify(page), /Package group<\/th><td><code>\/npm\/acme\/\*<\/code>/);
    const left = await loadVersionDetails(api, { domain: 'acme', domainOwner: OWNER, repository: 'shared', format: 'npm', package: 'left-pad', version: '1.3.0' });
    assert.equal(left.packageGroup?.pattern, '/npm/*');
  });

  it('an answer that names no package group is a malformed answer, never the root group in disguise', async () => {
    // The guard and the details page both read the governing group here: a guess of "/*" would say ALLOW.
    seeded.emu.setFaults('mistype/ops=GetAssociatedPackageGroup/count=1');
    const err = await failure(packageGroupsApiFor(api).getAssociatedPackageGroup({ domain: 'acme', domainOwner: OWNER, format: 'npm', namespace: 'acme', package: 'ui-kit' }));
    assert.equal(err.kind, 'badResponse');
    const governing = await packageGroupsApiFor(api).getAssociatedPackageGroup({ domain: 'acme', domainOwner: OWNER, format: 'npm', namespace: 'acme', package: 'ui-kit' });
    assert.equal(governing.group.pattern, '/npm/acme/*', 'the next answer is read again');
  });
});
