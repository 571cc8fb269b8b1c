// What each explorer row shows (treeItems.ts): icons, descriptions that count and link, tooltips that add
// information and stay inert for hostile names, and the empty-level rows with their actions.
import assert from 'node:assert/strict';
import { SdkCodeArtifactApi, type CodeArtifactApi, type RepositoryDetails, type VersionDetails } from '../../../src/aws/codeArtifactApi';
import { CodeArtifactError } from '../../../src/aws/errors';
import { displayLabels } from '../../../src/core/displayText';
import { relativeTime } from '../../../src/core/relativeTime';
import { DomainNode, ExplorerModel, MessageNode, RepositoryNode, type ExplorerContext } from '../../../src/explorer/model';
import {
  countText,
  dependenciesItem,
  dependencyItem,
  domainItem,
  EMPTY,
  emptyState,
  errorItem,
  externalConnectionItem,
  formatItem,
  loadMoreItem,
  namespaceItem,
  packageItem,
  repositoryItem,
  restrictionsText,
  upstreamsItem,
  versionItem,
  versionTooltip,
  type NodeView,
} from '../../../src/explorer/treeItems';
import { startEmulator } from '../../emulator/server';
import { OWNER_KEY, REGION, testSeed } from '../aws/testSeed';
import { HOSTILE_CORPUS } from '../hostile/corpus';
import { injectionProblems } from '../hostile/markdownCheck';

const NOW = new Date('2026-12-07T12:00:00Z');
const details = (over: Partial<RepositoryDetails> = {}): RepositoryDetails => ({
  name: 'shared',
  domain: 'acme',
  domainOwner: '111122223333',
  description: 'Company packages',
  upstreams: ['npm-public', 'pypi-public', 'maven-central'],
  externalConnections: [],
  ...over,
});
const versionData = { displayName: '@acme/ui-kit', format: 'npm', version: '2.1.0', status: 'Published', origin: 'internal', isDefault: true };

/** One row of every kind, built from the given text wherever a server or workspace supplies text. */
function everyRow(h: string): NodeView[] {
  const more = { count: 100, more: true };
  return [
    domainItem({ name: h, owner: h }, more),
    domainItem({ name: h, owner: h, error: new CodeArtifactError({ kind: 'accessDenied', action: 'codeartifact:DescribeDomain' }, h) }, undefined),
    repositoryItem({ domain: h, name: h, info: { name: h, domain: h, domainOwner: h, description: h }, filter: h, details: details({ upstreams: [h], externalConnections: [{ name: h, status: h }] }), formats: [h] }),
    repositoryItem({ domain: h, name: h, upstreamPosition: 2 }),
    upstreamsItem(h, [h, h]),
    externalConnectionItem(h, h, h),
    formatItem('npm', h, h, more),
    namespaceItem('maven', h, more),
    packageItem({ format: 'npm', label: h, displayName: h, domain: h, repository: h, originRestrictions: { publish: h as 'ALLOW', upstream: 'BLOCK' } /* a hostile value, as a server could send it */, defaultVersion: h, versions: more }),
    versionItem({ ...versionData, displayName: h, version: h, status: h, origin: h }),
    dependenciesItem(h, h, more),
    dependencyItem(h, { package: h, namespace: h, dependencyType: h, versionRequirement: h }, h),
    loadMoreItem(100, h),
    emptyState(EMPTY.domains()),
    emptyState(EMPTY.repositories(h)),
    emptyState(EMPTY.packages({ domain: h, owner: h, repository: h })),
    emptyState(EMPTY.filtered(h)),
    emptyState(EMPTY.versions()),
    emptyState(EMPTY.dependencies()),
    emptyState(EMPTY.unreadable(3)),
    errorItem(`Could not load ${h}`, new CodeArtifactError({ kind: 'networkUnreachable', endpoint: 'https://127.0.0.1:1' }, h)),
  ];
}

describe('explorer rows (treeItems.ts)', () => {
  it('every row of every level has an icon, a tooltip and a contextValue; rows that hold something say how much', () => {
    for (const v of everyRow('name')) {
      assert.ok(v.icon, `${v.contextValue}: an icon`);
      assert.ok(v.tooltip && v.tooltip.length > v.label.length, `${v.contextValue}: a tooltip that says more than the label`);
      assert.ok(v.contextValue, v.label);
    }
    assert.equal(countText({ count: 6, more: false }, 'repository', 'repositories'), '6 repositories');
    assert.equal(countText({ count: 1, more: false }, 'repository', 'repositories'), '1 repository');
    assert.equal(countText({ count: 100, more: true }, 'package', 'packages'), '100+ packages');
    assert.equal(domainItem({ name: 'acme', owner: '111122223333' }, undefined).description, '111122223333', 'nothing counted before the level loaded');
    assert.equal(domainItem({ name: 'acme', owner: '111122223333' }, { count: 6, more: false }).description, '6 repositories · 111122223333');
    assert.equal(formatItem('npm', 'shared', undefined, { count: 100, more: true }).description, '100+ packages');
    assert.match(formatItem('npm', 'shared', undefined, { count: 100, more: true }).tooltip ?? '', /100 packages shown; more with "Load more…"/);
    assert.equal(namespaceItem('npm', 'acme', { count: 2, more: false }).description, '2 packages');
    assert.equal(loadMoreItem(100, 'npm packages').tooltip, '100 npm packages shown. Click to load the next page.');
    const dep = dependencyItem('jest', { package: 'jest', dependencyType: 'dev', versionRequirement: '^29.0.0' }, 'shared');
    assert.deepEqual([dep.description, dep.icon, dep.command?.command], ['^29.0.0 · dev', { codicon: 'beaker' }, 'codeartifact.revealPackage']);
    assert.equal(dependenciesItem('left-pad', '1.3.0', { count: 4, more: false }).description, '4');
  });

  it('a repository says what it reaches beyond itself: its upstreams and its external connection', () => {
    const shared = repositoryItem({ domain: 'acme', name: 'shared', info: { name: 'shared', domain: 'acme', domainOwner: 'o', description: 'Company packages' }, details: details(), formats: ['npm', 'pypi'] });
    assert.equal(shared.description, 'Company packages · 3 upstreams');
    assert.match(shared.tooltip ?? '', /Upstreams, in search order: npm-public, pypi-public, maven-central/);
    assert.match(shared.tooltip ?? '', /Formats: npm, PyPI/);
    const proxy = repositoryItem({ domain: 'acme', name: 'npm-public', details: details({ description: 'Proxy of npmjs.com', upstreams: [], externalConnections: [{ name: 'public:npmjs', status: 'Available' }] }) });
    assert.equal(proxy.description, 'Proxy of npmjs.com · public:npmjs');
    assert.match(proxy.tooltip ?? '', /External connection: public:npmjs/);
    assert.equal(repositoryItem({ domain: 'acme', name: 'x', filter: 'ui' }).description, 'filter: ui*', 'the filter first');
    assert.equal(repositoryItem({ domain: 'acme', name: 'x', filter: 'ui' }).contextValue, 'repository.filtered');
    const connection = externalConnectionItem('public:npmjs', 'npm', 'Available');
    assert.match(connection.tooltip ?? '', /fetched from npmjs\.com/);
    assert.deepEqual(connection.icon, { codicon: 'globe', color: 'charts.green' });
    assert.equal(externalConnectionItem('public:pypi', 'pypi', 'Unavailable').description, 'external connection · Unavailable');
  });

  it('a package shows its format and the origin controls ListPackages returned; only a setting CodeArtifact would not choose reaches the description', () => {
    const base = { format: 'npm', label: 'left-pad', displayName: 'left-pad', domain: 'acme', repository: 'shared' };
    // CodeArtifact's own defaults (published first; fetched first): the tooltip says so, the row stays quiet.
    const published = packageItem({ ...base, originRestrictions: { publish: 'ALLOW', upstream: 'BLOCK' }, defaultVersion: '1.3.0' });
    assert.equal(published.description, '1.3.0');
    assert.match(published.tooltip ?? '', /default for a package first published to this repository/);
    const fetched = packageItem({ ...base, originRestrictions: { publish: 'BLOCK', upstream: 'ALLOW' }, defaultVersion: '1.3.0' });
    assert.equal(fetched.description, '1.3.0');
    assert.match(fetched.tooltip ?? '', /Publish: BLOCK \(no new versions may be published here\)/);
    assert.match(fetched.tooltip ?? '', /Upstream: ALLOW/);
    assert.match(fetched.tooltip ?? '', /default for a package first fetched from an upstream/);
    assert.match(fetched.tooltip ?? '', /\*\*left-pad\*\* · npm/);
    // Set by someone: frozen, or open to both origins.
    assert.equal(packageItem({ ...base, originRestrictions: { publish: 'BLOCK', upstream: 'BLOCK' } }).description, 'publish & upstream blocked');
    const open = packageItem({ ...base, originRestrictions: { publish: 'ALLOW', upstream: 'ALLOW' }, defaultVersion: '1.3.0' });
    assert.equal(open.description, '1.3.0 · publish & upstream allowed');
    assert.doesNotMatch(open.tooltip ?? '', /default for/);
    assert.equal(restrictionsText(undefined), undefined);
    assert.deepEqual(fetched.icon, { file: 'format-npm.svg' });
    assert.equal(fetched.contextValue, 'package.npm');
  });

  it('a version: status as icon and colour, its meaning in the tooltip, and the published date with its age', () => {
    const icons = Object.fromEntries(['Published', 'Unlisted', 'Archived', 'Disposed', 'Unfinished'].map((status) => [status, versionItem({ ...versionData, status, isDefault: false }).icon]));
    assert.deepEqual(icons, {
      Published: { codicon: 'tag' },
      Unlisted: { codicon: 'eye-closed', color: 'charts.yellow' },
      Archived: { codicon: 'archive', color: 'charts.orange' },
      Disposed: { codicon: 'trash', color: 'charts.red' },
      Unfinished: { codicon: 'circle-large-outline', color: 'charts.purple' },
    });
    const archived = versionItem({ ...versionData, status: 'Archived', isDefault: false, origin: 'via public:npmjs' });
    assert.equal(archived.description, 'Archived · via public:npmjs');
    assert.match(archived.tooltip ?? '', /Status: Archived \(cannot be downloaded; can be restored\)/);
    assert.equal(versionItem(versionData).description, 'latest');
    const d: VersionDetails = { packageName: 'ui-kit', version: '2.1.0', licenses: [{ name: 'MIT' }], publishedTime: new Date('2026-12-04T09:00:00Z') };
    const tip = versionTooltip(d, { displayName: '@acme/ui-kit', status: 'Published', origin: 'internal' }, NOW);
    assert.match(tip, /Published: 2026-12-04 09:00:00Z \(3 days ago\)/);
    assert.match(tip, /License: MIT/);
    assert.equal(relativeTime(new Date('2026-12-07T11:59:30Z'), NOW), 'just now');
    assert.equal(relativeTime(new Date('2026-12-06T10:00:00Z'), NOW), '1 day ago');
    assert.equal(relativeTime(new Date('2026-12-07T15:00:00Z'), NOW), 'in 3 hours', 'a clock behind the server');
    assert.equal(relativeTime(undefined, NOW), '');
  });

  it('tooltips of hostile names are inert: no link, command link, image, HTML or theme icon', () => {
    const hostile = ['<img src=x onerror=alert(1)>', '[x](command:codeartifact.signOut)', '![i](https://e.example/i.png)', '$(zap) `code` *em*', 'javascript:alert(1)', '<a href="command:x">y</a>', 'https://evil.example/path'];
    for (const h of [...hostile, ...HOSTILE_CORPUS]) {
      for (const v of everyRow(h)) {
        const where = `${v.contextValue} ${JSON.stringify(h)}`;
        // Our own warning icon on an unavailable domain is the only icon; nothing the name brings.
        const expected = v.contextValue === 'domain' && v.icon && 'codicon' in v.icon && v.icon.codicon === 'warning' ? ['icon $(warning)'] : [];
        assert.deepEqual(injectionProblems(v.tooltip ?? '', () => false, { themeIcons: true }), expected, where);
        // Outside code spans (shown as code, never rendered), no raw HTML and no link syntax survives.
        const outsideCode = (v.tooltip ?? '').replace(/(`+)[^`]*?\1/g, '');
        assert.doesNotMatch(outsideCode, /<img|<a |(?<!\\)\]\(command:/, where);
        // A command's arguments are our own plain data, never text parsed from a name.
        for (const arg of v.command?.arguments ?? []) assert.ok(typeof arg === 'object' && arg !== null && !Array.isArray(arg), where);
      }
    }
    const shown = displayLabels(repositoryItem({ domain: 'd', name: 'r\u202Eevil\nline' }));
    assert.equal(shown.label, 'r\\u{202E}evil line', 'labels pass through the one display policy');
  });

  it('empty levels say what fills them, with an action on click', () => {
    const packages = emptyState(EMPTY.packages({ domain: 'acme', owner: '111122223333', repository: 'internal' }));
    assert.equal(packages.label, 'No packages yet');
    assert.equal(packages.description, 'publish one or add an upstream');
    assert.equal(packages.contextValue, 'empty.packages');
    assert.deepEqual(packages.command?.arguments, [{ domain: 'acme', owner: '111122223333', repository: 'internal' }]);
    assert.equal(packages.command?.command, 'codeartifact.addUpstream');
    assert.equal(emptyState(EMPTY.filtered('zzz')).command?.command, 'codeartifact.clearPackageFilter');
    assert.equal(emptyState(EMPTY.filtered('zzz')).command?.arguments, undefined, 'the row itself: the command acts on its repository');
    assert.equal(emptyState(EMPTY.domains()).command?.command, 'codeartifact.selectRegion');
    assert.equal(emptyState(EMPTY.repositories('acme')).command?.command, 'codeartifact.openInConsole');
    for (const e of [EMPTY.domains(), EMPTY.repositories('acme'), EMPTY.packages({ domain: 'a', owner: 'o', repository: 'r' }), EMPTY.filtered('x'), EMPTY.unreadable(2)]) {
      assert.ok(e.label.length <= 30, `a short label for a narrow sidebar: ${e.label}`);
    }
  });

  it('an error row: a few words as the label, what failed as the description, the message in the tooltip, Retry on click', () => {
    const v = errorItem('Could not load repositories', new CodeArtifactError({ kind: 'networkUnreachable', endpoint: 'https://127.0.0.1:1' }, 'connect ECONNREFUSED 127.0.0.1:1'));
    assert.ok(v.label.length <= 30, v.label);
    assert.equal(v.description, 'could not load repositories');
    assert.match(v.tooltip ?? '', /Could not load repositories: connect ECONNREFUSED/);
    assert.equal(v.command?.command, 'codeartifact.refresh');
    assert.equal(v.contextValue, 'error.networkUnreachable');
    assert.equal(errorItem('x', new CodeArtifactError({ kind: 'notSignedIn' }, 'Not signed in.')).command?.command, 'codeartifact.signIn');
  });
});

describe('explorer rows in the model: empty levels and counts after loading', () => {
  /** An account with one domain holding one empty repository, and no domains at all in another region. */
  function emptyApi(domains: number): CodeArtifactApi {
    const api: Partial<CodeArtifactApi> = {
      region: 'us-west-2',
      listDomains: () => Promise.resolve({ items: domains ? [{ name: 'acme', owner: '111122223333' }] : [] }),
      listRepositories: () => Promise.resolve({ items: [] }),
      describeRepository: () => Promise.resolve(details({ name: 'internal', upstreams: [], description: undefined })),
      listPackages: () => Promise.resolve({ items: [] }),
    };
    return api as CodeArtifactApi;
  }
  const ctx = (api: CodeArtifactApi): ExplorerContext => ({ api: () => api, extraDomains: () => [], pageSizes: { domains: 10, repositories: 10, packages: 10, versions: 10 } });

  it('no domains, a domain without repositories, a repository without packages: one row each, saying so', async () => {
    const none = new ExplorerModel(ctx(emptyApi(0)));
    assert.deepEqual((await none.getChildren(undefined)).map((n) => n.view().contextValue), ['empty.domains']);
    const model = new ExplorerModel(ctx(emptyApi(1)));
    const [domain] = await model.getChildren(undefined);
    assert.ok(domain instanceof DomainNode);
    assert.equal(domain.view().description, '111122223333');
    const rows = await model.getChildren(domain);
    assert.deepEqual(rows.map((n) => [n.view().contextValue, n.view().label]), [['empty.repositories', 'No repositories yet']]);
    assert.equal(domain.view().description, '0 repositories · 111122223333', 'the count appears once the level loaded');
    const repo = new RepositoryNode(domain, domain, 'internal', { name: 'internal', domain: 'acme', domainOwner: '111122223333' });
    const inside = await model.getChildren(repo);
    assert.deepEqual(inside.map((n) => n.view().contextValue), ['empty.packages']);
    const empty = inside[0] as MessageNode;
    assert.deepEqual(empty.ref, repo.ref, 'Configure Workspace from the empty row targets its repository');
    assert.deepEqual(empty.view().command?.arguments, [{ domain: 'acme', owner: '111122223333', repository: 'internal' }]);
    assert.match(repo.view().tooltip ?? '', /No upstream repositories/);
  });

  it('ListPackages origin controls reach the package row (emulator)', async () => {
    const emu = await startEmulator({ seed: testSeed(), port: 0 });
    const api = new SdkCodeArtifactApi({ region: REGION, endpoint: emu.endpoint, credentials: { accessKeyId: OWNER_KEY, secretAccessKey: 's' } });
    try {
      const page = await api.listPackages({ domain: 'acme', repository: 'shared' }, { format: 'npm', namespace: 'acme' });
      assert.ok(page.items.length > 0);
      // Internal packages, published there first: CodeArtifact's defaults publish ALLOW, upstream BLOCK.
      for (const p of page.items) assert.deepEqual(p.originConfiguration, { publish: 'ALLOW', upstream: 'BLOCK' }, p.name);
    } finally {
      api.dispose();
      await emu.stop();
    }
  });
});
