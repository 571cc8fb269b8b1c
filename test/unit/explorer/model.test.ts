// The explorer's data model driven against the emulator, in plain Node (no `vscode`): what each level shows,
// how many requests each expansion costs, Load more, filters, errors and locating a package.
import assert from 'node:assert/strict';
import { SdkCodeArtifactApi } from '../../../src/aws/codeArtifactApi';
import type { PackageFormat } from '../../../src/aws/codeArtifactApi';
import { CodeArtifactError } from '../../../src/aws/errors';
import {
  DomainNode,
  ExplorerModel,
  ExternalConnectionNode,
  FormatNode,
  LoadMoreNode,
  MessageNode,
  NamespaceNode,
  PackageNode,
  RepositoryNode,
  UpstreamsNode,
  VersionNode,
  type ExplorerContext,
  type ExplorerNode,
  type PageSizes,
} from '../../../src/explorer/model';
import { growingPageSize } from '../../../src/core/pagination';
import { startEmulator, type Emulator } from '../../emulator/server';
import { FILLER_COUNT, OWNER, OWNER_KEY, PARTNER, REGION, testSeed } from '../aws/testSeed';

const labels = (nodes: ExplorerNode[]) => nodes.map((n) => n.view().label);

describe('explorer model against the emulator', function () {
  let emu: Emulator;
  let api: SdkCodeArtifactApi;
  let signedIn = true;
  const errors: string[] = [];
  const makeModel = (pageSizes: Partial<PageSizes> = {}, extraDomains = [{ name: 'partner', owner: PARTNER }]) => {
    const ctx: ExplorerContext = {
      api: () => {
        if (!signedIn) throw new CodeArtifactError({ kind: 'notSignedIn' }, 'Not signed in to CodeArtifact.');
        return api;
      },
      extraDomains: () => extraDomains,
      pageSizes: { domains: 100, repositories: 100, packages: 100, versions: 50, ...pageSizes },
      onError: (err) => errors.push(err.kind),
    };
    return new ExplorerModel(ctx);
  };
  const child = async <T extends ExplorerNode>(model: ExplorerModel, parent: ExplorerNode | undefined, kind: abstract new (...a: never[]) => T, label: string): Promise<T> => {
    const found = (await model.getChildren(parent)).find((n): n is T => n instanceof kind && n.view().label === label);
    assert.ok(found, `no ${kind.name} "${label}" under ${parent?.id ?? 'root'}`);
    return found;
  };

  before(async () => {
    emu = await startEmulator({ seed: testSeed(), port: 0 });
    api = new SdkCodeArtifactApi({ region: REGION, endpoint: emu.endpoint, credentials: { accessKeyId: OWNER_KEY, secretAccessKey: 's' } });
  });
  after(async () => {
    api.dispose();
    await emu.stop();
  });
  beforeEach(() => {
    signedIn = true;
    errors.length = 0;
    emu.setFaults(undefined);
    emu.resetStats();
  });

  it('root: own domains plus extra domains, with owner as description and a domain tooltip', async () => {
    const model = makeModel();
    const roots = await model.getChildren(undefined);
    assert.deepEqual(labels(roots), ['acme', 'partner']);
    assert.deepEqual(roots.map((r) => r.view().description), [OWNER, PARTNER]);
    assert.equal(roots[0]?.view().contextValue, 'domain');
    assert.deepEqual(emu.stats.operations, { ListDomains: 1, DescribeDomain: 1 });
    const tip = await roots[0]?.resolveTooltip(model.context);
    assert.match(tip ?? '', /Repositories: 4/);
    assert.match(tip ?? '', /Encryption key:/);
    assert.match(tip ?? '', /Created: 2021-11-02 08:00:00Z/);
  });

  it('domain → repositories in one request, descriptions shown', async () => {
    const model = makeModel();
    const acme = await child(model, undefined, DomainNode, 'acme');
    emu.resetStats();
    const repos = await model.getChildren(acme);
    assert.deepEqual(labels(repos).sort(), ['empty', 'npm-public', 'python', 'shared']);
    assert.equal(emu.stats.requests, 1);
    const shared = repos.find((r) => r.view().label === 'shared');
    assert.equal(shared?.view().description, 'Company packages');
    assert.equal(shared?.view().contextValue, 'repository');
  });

  it('repository → upstreams, external connection and only the formats that have packages, in one round trip', async () => {
    const model = makeModel();
    const acme = await child(model, undefined, DomainNode, 'acme');
    const shared = await child(model, acme, RepositoryNode, 'shared');
    emu.resetStats();
    // Latency keeps the requests in flight long enough for the peak-concurrency count to see them overlap.
    emu.setLatency(100);
    const kids = await model.getChildren(shared).finally(() => emu.setLatency(0));
    assert.deepEqual(labels(kids), ['Upstreams', 'npm', 'Maven']);
    assert.equal(emu.stats.operations.DescribeRepository, 1);
    assert.equal(emu.stats.operations.ListPackages, 1, 'one unfiltered page tells the formats');
    assert.ok(emu.stats.requests <= 2, `${emu.stats.requests} requests for a normal repository`);
    assert.equal(emu.stats.peakConcurrent, 2, 'both requests of the expansion run in parallel');
    const ups = kids[0] as UpstreamsNode;
    assert.equal(ups.view().description, 'npm-public');
    const [upstream] = await model.getChildren(ups);
    assert.ok(upstream instanceof RepositoryNode);
    assert.equal(upstream.view().description, 'upstream 1');
    const upKids = await model.getChildren(upstream);
    const ext = upKids.find((n): n is ExternalConnectionNode => n instanceof ExternalConnectionNode);
    assert.equal(ext?.view().label, 'public:npmjs');
    assert.equal(ext?.view().description, 'external connection');

    const empty = await child(model, acme, RepositoryNode, 'empty');
    const none = await model.getChildren(empty);
    assert.deepEqual(labels(none), ['No packages yet']);
  });

  it('format → npm scopes as namespace nodes, unscoped packages, and Load more… across pages', async () => {
    const model = makeModel({ packages: 10 });
    const acme = await child(model, undefined, DomainNode, 'acme');
    const shared = await child(model, acme, RepositoryNode, 'shared');
    const npm = await child(model, shared, FormatNode, 'npm');
    assert.equal(npm.view().contextValue, 'format.npm');
    emu.resetStats();
    let kids = await model.getChildren(npm);
    assert.equal(emu.stats.requests, 1, 'first page: one request');
    const npmTotal = FILLER_COUNT + 4;
    let pages = 1;
    while (kids.at(-1) instanceof LoadMoreNode) {
      const more = kids.at(-1) as LoadMoreNode;
      assert.equal(more.view().label, 'Load more…');
      assert.equal(more.view().command?.command, 'codeartifact.loadMore');
      const rerender = await model.loadMore(more);
      assert.equal(rerender, npm);
      kids = await model.getChildren(npm);
      pages++;
    }
    // Pages double (10, 20, 40, …): the fewest re-renders of a long level.
    let expectedPages = 0;
    for (let loaded = 0; loaded < npmTotal; expectedPages++) loaded += growingPageSize(10, expectedPages);
    assert.equal(pages, expectedPages);
    assert.ok(pages < Math.ceil(npmTotal / 10), `${pages} pages for ${npmTotal} packages`);
    assert.equal(emu.stats.operations.ListPackages, pages, 'one request per page, none repeated');
    const scopes = kids.filter((k) => k instanceof NamespaceNode);
    assert.deepEqual(labels(scopes), ['@acme', '@acme-tools']);
    const plain = kids.filter((k) => k instanceof PackageNode);
    assert.equal(plain.length, FILLER_COUNT + 1);
    assert.ok(labels(plain).includes('left-pad'));
    // Same node objects after re-reading children (VS Code keeps expansion state by id, we keep state by object).
    assert.equal((await model.getChildren(npm))[0], kids[0]);

    const acmeScope = scopes[0] as NamespaceNode;
    const scoped = await model.getChildren(acmeScope);
    assert.deepEqual(labels(scoped).sort(), ['@acme/icons', '@acme/ui-kit'], 'exact scope, not the acme-tools prefix match');
    assert.equal(scoped[0]?.view().contextValue, 'package.npm');
  });

  it('package → versions newest first, with status badges, latest and origin', async () => {
    const model = makeModel();
    const acme = await child(model, undefined, DomainNode, 'acme');
    const shared = await child(model, acme, RepositoryNode, 'shared');
    const npm = await child(model, shared, FormatNode, 'npm');
    const scope = await child(model, npm, NamespaceNode, '@acme');
    const uiKit = await child(model, scope, PackageNode, '@acme/ui-kit');
    emu.resetStats();
    const versions = await model.getChildren(uiKit);
    assert.equal(emu.stats.requests, 1);
    assert.deepEqual(
      versions.map((v) => [v.view().label, v.view().description, v.view().contextValue]),
      [
        ['3.0.0-beta.1', 'Unfinished', 'version.Unfinished'],
        ['2.1.0', 'latest', 'version.Published'],
        ['2.0.0', 'Unlisted', 'version.Unlisted'],
        ['1.0.0', 'Archived', 'version.Archived'],
        ['0.9.0', 'Disposed', 'version.Disposed'],
      ],
    );
    // Published into shared first, so CodeArtifact set its upstream to BLOCK: its own default, in the tooltip only.
    assert.equal(uiKit.view().description, '2.1.0');
    assert.match(String(uiKit.view().tooltip ?? ''), /Upstream: BLOCK[\s\S]*default for a package first published to this repository/);
    const icons = versions.map((v) => v.view().icon);
    assert.deepEqual(icons[2], { codicon: 'eye-closed', color: 'charts.yellow' });
    assert.equal(versions[1]?.view().command?.command, 'codeartifact.showVersionDetails');

    const tip = await (versions[1] as VersionNode).resolveTooltip(model.context);
    assert.match(tip ?? '', /Published: 2025-06-01 10:00:00Z/);
    assert.match(tip ?? '', /License: MIT/);
    assert.match(tip ?? '', /&lt;script/, 'HTML from the API is escaped');
    assert.doesNotMatch(tip ?? '', /<script/);

    const leftPad = await child(model, npm, PackageNode, 'left-pad');
    const [lp] = await model.getChildren(leftPad);
    assert.equal(lp?.view().description, 'latest · via public:npmjs');
  });

  it('versions page with Load more…', async () => {
    const model = makeModel({ versions: 2 });
    const acme = await child(model, undefined, DomainNode, 'acme');
    const shared = await child(model, acme, RepositoryNode, 'shared');
    const npm = await child(model, shared, FormatNode, 'npm');
    const uiKit = await child(model, await child(model, npm, NamespaceNode, '@acme'), PackageNode, '@acme/ui-kit');
    let kids = await model.getChildren(uiKit);
    assert.deepEqual(labels(kids), ['3.0.0-beta.1', '2.1.0', 'Load more…']);
    await model.loadMore(kids.at(-1) as LoadMoreNode);
    kids = await model.getChildren(uiKit);
    // The second page is twice the first: the remaining three versions, and no more "Load more…".
    assert.deepEqual(labels(kids), ['3.0.0-beta.1', '2.1.0', '2.0.0', '1.0.0', '0.9.0']);
  });

  it('Maven groups as namespaces; artifactId labels under the group', async () => {
    const model = makeModel();
    const acme = await child(model, undefined, DomainNode, 'acme');
    const shared = await child(model, acme, RepositoryNode, 'shared');
    const maven = await child(model, shared, FormatNode, 'Maven');
    const group = await child(model, maven, NamespaceNode, 'com.acme');
    assert.deepEqual(labels(await model.getChildren(group)).sort(), ['core', 'util']);
  });

  it('filter: server-side prefix, shown in the description, clearable', async () => {
    const model = makeModel();
    const acme = await child(model, undefined, DomainNode, 'acme');
    const shared = await child(model, acme, RepositoryNode, 'shared');
    await model.getChildren(shared);
    shared.setFilter('pkg-1');
    assert.equal(shared.view().description, 'filter: pkg-1* · Company packages · 1 upstream', 'the filter first; what the last expansion learnt last');
    assert.equal(shared.view().contextValue, 'repository.filtered');
    emu.resetStats();
    const kids = await model.getChildren(shared);
    assert.deepEqual(labels(kids), ['Upstreams', 'npm'], 'Maven has nothing starting with pkg-1');
    const npm = kids[1] as FormatNode;
    assert.deepEqual(labels(await model.getChildren(npm)), Array.from({ length: 10 }, (_, i) => `pkg-1${i}`));
    shared.setFilter('zzz');
    assert.deepEqual(labels(await model.getChildren(shared)), ['Upstreams', 'No packages match "zzz"']);
    // `@scope/` narrows to one npm scope (the server's namespace filter), `group:` to one Maven group.
    shared.setFilter('@acme/');
    const scoped = await model.getChildren(shared);
    assert.deepEqual(labels(scoped), ['Upstreams', 'npm']);
    assert.deepEqual(labels(await model.getChildren(scoped[1] as FormatNode)), ['@acme', '@acme-tools']);
    shared.setFilter('com.acme:u');
    const group = (await model.getChildren(shared))[1] as FormatNode;
    assert.equal(group.view().label, 'Maven');
    const ns = (await model.getChildren(group))[0] as NamespaceNode;
    assert.deepEqual(labels(await model.getChildren(ns)), ['util']);
    shared.setFilter('');
    assert.equal(shared.view().contextValue, 'repository');
    assert.deepEqual(labels(await model.getChildren(shared)), ['Upstreams', 'npm', 'Maven']);
  });

  it('errors become an error node (retry on click), and the level can be retried', async () => {
    const model = makeModel();
    const acme = await child(model, undefined, DomainNode, 'acme');
    emu.setFaults('error/ops=ListRepositoriesInDomain');
    const kids = await model.getChildren(acme);
    assert.equal(kids.length, 1);
    const msg = kids[0] as MessageNode;
    assert.ok(msg instanceof MessageNode);
    // Readable in a narrow sidebar: why first, what failed next, the whole message in the tooltip.
    assert.equal(msg.view().label, 'CodeArtifact error');
    assert.equal(msg.view().description, 'could not load repositories');
    assert.match(msg.view().tooltip ?? '', /InternalServer|HTTP 500|internal/i);
    assert.equal(msg.view().contextValue, 'error.internal');
    assert.equal(msg.view().command?.command, 'codeartifact.refresh');
    assert.deepEqual(errors, ['internal']);
    emu.setFaults(undefined);
    model.refresh(acme);
    assert.equal((await model.getChildren(acme)).length, 4);
  });

  it('a refresh that fails keeps the rows it had, with the error row, so the tree keeps its expansion; the next one recovers', async () => {
    const model = makeModel();
    const before = (await model.getChildren(undefined)).map((n) => n.id);
    const acme = await child(model, undefined, DomainNode, 'acme');
    const repos = (await model.getChildren(acme)).map((n) => n.id);
    emu.setFaults('reset');
    model.refresh();
    const root = await model.getChildren(undefined);
    assert.deepEqual(root.filter((n) => !(n instanceof MessageNode)).map((n) => n.id), before, 'the same rows (ids) as before the refresh');
    const row = root.find((n): n is MessageNode => n instanceof MessageNode);
    assert.ok(row?.error, 'and an error row');
    assert.equal(row.view().contextValue, 'error.networkUnreachable');
    assert.equal(row.view().label, 'Offline', 'why, first, in one word: readable in a narrow sidebar');
    assert.match(String(row.view().tooltip), /could not load domains/i);
    assert.equal(row.view().description, 'could not load domains');
    // The expanded domain below is kept too, and says its own error.
    const keptAcme = root.find((n): n is DomainNode => n instanceof DomainNode && n.info.name === 'acme');
    assert.ok(keptAcme);
    const below = await model.getChildren(keptAcme);
    assert.deepEqual(below.filter((n) => !(n instanceof MessageNode)).map((n) => n.id), repos);
    emu.setFaults(undefined);
    model.refresh();
    const again = await model.getChildren(undefined);
    assert.deepEqual(again.map((n) => n.id), before, 'recovered: no error row');
  });

  it('a second refresh while the first is still loading (Retry, then "online again") keeps the domain node objects and never shows an empty level', async () => {
    // Issue #17 item 5: after Retry on the root's error row, the first answer makes the extension refresh again
    // ("CodeArtifact answers again"). VS Code keeps a row expanded only if it stays in the tree under its id.
    for (const delayMs of [0, 5, 20, 45, 60, 90]) {
      const model = makeModel();
      const acme = await child(model, undefined, DomainNode, 'acme');
      await model.getChildren(acme);
      emu.setFaults('reset');
      model.refresh();
      const failed = await model.getChildren(undefined);
      assert.ok(failed.includes(acme), 'the failed refresh keeps the node');
      await model.getChildren(acme);
      emu.setFaults(undefined);
      emu.setLatency(50);
      try {
        model.refresh(); // Retry
        const first = model.getChildren(undefined);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        model.refresh(); // online again
        const second = model.getChildren(undefined);
        for (const [name, kids] of [['first', await first], ['second', await second]] as const) {
          assert.ok(kids.includes(acme), `${name} answer after a second refresh at ${delayMs} ms keeps the same acme object: ${labels(kids).join(' | ')}`);
          assert.ok(!kids.some((n) => n instanceof MessageNode), `${name} answer at ${delayMs} ms has no message row: ${labels(kids).join(' | ')}`);
        }
        assert.ok((await model.getChildren(acme)).some((n) => n instanceof RepositoryNode), 'and acme loads its repositories again');
      } finally {
        emu.setLatency(0);
      }
    }
  });

  it('signed out: the root shows a Sign In error node', async () => {
    signedIn = false;
    const kids = await makeModel().getChildren(undefined);
    assert.equal(kids[0]?.view().contextValue, 'error.notSignedIn');
    assert.equal(kids[0]?.view().command?.command, 'codeartifact.signIn');
  });

  it('locates a package for “find”, loading the levels above it', async () => {
    const model = makeModel({ repositories: 1 });
    const acme = await child(model, undefined, DomainNode, 'acme');
    const found = await model.locatePackage(acme, 'shared', { format: 'npm', namespace: 'acme', name: 'icons' });
    assert.ok(found);
    assert.equal(found.view().label, '@acme/icons');
    const chain: string[] = [];
    for (let n: ExplorerNode | undefined = found; n; n = n.parent) chain.unshift(n.view().label);
    assert.deepEqual(chain, ['CodeArtifact', 'acme', 'shared', 'npm', '@acme', '@acme/icons']);
    assert.equal(found.repository.filter, '@acme/icons');
  });
});

describe('explorer model: a repository with 10,000 packages', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let api: SdkCodeArtifactApi;
  before(async () => {
    const seed = testSeed();
    seed.domains[0]?.repositories?.push({ name: 'huge' });
    for (let i = 0; i < 10_000; i++) {
      const scoped = i % 4 === 0;
      seed.packages?.push({
        domain: 'acme',
        repository: 'huge',
        format: i % 10 === 9 ? 'pypi' : 'npm',
        ...(scoped && i % 10 !== 9 ? { namespace: `team${i % 40}` } : {}),
        name: `p${String(i).padStart(5, '0')}`,
        versions: [{ version: '1.0.0' }],
      });
    }
    emu = await startEmulator({ seed, port: 0, latencyMs: 20 });
    api = new SdkCodeArtifactApi({ region: REGION, endpoint: emu.endpoint, credentials: { accessKeyId: OWNER_KEY, secretAccessKey: 's' } });
  });
  after(async () => {
    api.dispose();
    await emu.stop();
  });

  it('each level costs one round trip and never lists the whole repository', async () => {
    const model = new ExplorerModel({ api: () => api, extraDomains: () => [], pageSizes: { domains: 100, repositories: 100, packages: 100, versions: 50 } });
    const acme = (await model.getChildren(undefined)).find((n): n is DomainNode => n instanceof DomainNode);
    assert.ok(acme);
    const huge = (await model.getChildren(acme)).find((n): n is RepositoryNode => n instanceof RepositoryNode && n.name === 'huge');
    assert.ok(huge);

    emu.resetStats();
    emu.setLatency(150); // long enough that all requests of one round trip overlap
    const levels = await model.getChildren(huge);
    emu.setLatency(20);
    assert.deepEqual(labels(levels), ['npm', 'PyPI']);
    // The first page (1,000 npm packages) is not the whole listing: the 7 formats it did not show get a probe each.
    assert.deepEqual(emu.stats.operations, { DescribeRepository: 1, ListPackages: 8 });

    emu.resetStats();
    const npm = levels[0] as FormatNode;
    const firstPage = await model.getChildren(npm);
    assert.equal(emu.stats.requests, 1, 'the first page of npm packages is one request');
    assert.ok(firstPage.at(-1) instanceof LoadMoreNode);
    assert.ok(npm.loadedCount <= 100, `${npm.loadedCount} packages loaded, not 9,000`);
  });
});

describe('explorer model: which formats a repository shows', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let api: SdkCodeArtifactApi;
  const formatsOf = (nodes: ExplorerNode[]) => nodes.filter((n): n is FormatNode => n instanceof FormatNode).map((n) => n.format);
  const packages = (repository: string, format: PackageFormat, count: number, prefix = 'p') =>
    Array.from({ length: count }, (_, i) => ({ domain: 'acme', repository, format, name: `${prefix}${String(i).padStart(5, '0')}`, versions: [{ version: '1.0.0' }] }));
  before(async () => {
    const seed = testSeed();
    const repos = seed.domains[0]?.repositories;
    repos?.push({ name: 'mixed' }, { name: 'paged' }, { name: 'single-page' });
    // Five formats, 30 packages: one page.
    for (const f of ['npm', 'pypi', 'maven', 'cargo', 'ruby'] as const) seed.packages?.push(...packages('mixed', f, 6));
    // More than one page of 1,000: 1,100 generic packages come first (the emulator lists by format), then npm and swift.
    seed.packages?.push(...packages('paged', 'generic', 1_100), ...packages('paged', 'npm', 3), ...packages('paged', 'swift', 2));
    // Exactly one full page of 1,000 and nothing more: no next token, so no probes.
    seed.packages?.push(...packages('single-page', 'npm', 600), ...packages('single-page', 'nuget', 400));
    for (const p of seed.packages ?? []) {
      if (p.format === 'maven' || p.format === 'generic' || p.format === 'swift') Object.assign(p, { namespace: 'ns' });
    }
    emu = await startEmulator({ seed, port: 0 });
    api = new SdkCodeArtifactApi({ region: REGION, endpoint: emu.endpoint, credentials: { accessKeyId: OWNER_KEY, secretAccessKey: 's' } });
  });
  after(async () => {
    api.dispose();
    await emu.stop();
  });
  const expand = async (name: string) => {
    const model = new ExplorerModel({ api: () => api, extraDomains: () => [], pageSizes: { domains: 100, repositories: 100, packages: 100, versions: 50 } });
    const acme = (await model.getChildren(undefined)).find((n): n is DomainNode => n instanceof DomainNode);
    const repo = (await model.getChildren(acme)).find((n): n is RepositoryNode => n instanceof RepositoryNode && n.name === name);
    assert.ok(repo, name);
    emu.resetStats();
    return { model, repo, kids: await model.getChildren(repo) };
  };

  it('five formats in one page: exactly those five, in two requests', async () => {
    const { kids } = await expand('mixed');
    assert.deepEqual(formatsOf(kids), ['npm', 'pypi', 'maven', 'ruby', 'cargo']);
    assert.deepEqual(emu.stats.operations, { DescribeRepository: 1, ListPackages: 1 });
  });

  it('a full page of 1,000 with no next token needs no probe', async () => {
    const { kids } = await expand('single-page');
    assert.deepEqual(formatsOf(kids), ['npm', 'nuget']);
    assert.equal(emu.stats.requests, 2);
  });

  it('more than one page: the formats past the first page are found by probes, and nothing else is shown', async () => {
    const { kids } = await expand('paged');
    assert.deepEqual(formatsOf(kids), ['npm', 'generic', 'swift']);
    // DescribeRepository, the first page (generic only), then one probe for each of the 7 formats it did not show.
    assert.deepEqual(emu.stats.operations, { DescribeRepository: 1, ListPackages: 8 });
  });

  it('a name filter keeps the formats whose names match, still in two requests when one page holds them', async () => {
    const { model, repo } = await expand('mixed');
    repo.setFilter('p0000');
    emu.resetStats();
    assert.deepEqual(formatsOf(await model.getChildren(repo)), ['npm', 'pypi', 'maven', 'ruby', 'cargo']);
    assert.equal(emu.stats.requests, 2);
    repo.setFilter('nothing-like-this');
    emu.resetStats();
    assert.deepEqual(formatsOf(await model.getChildren(repo)), []);
    // Nothing seen: PyPI gets its own probe, since the server normalizes a PyPI prefix only for that format.
    assert.deepEqual(emu.stats.operations, { DescribeRepository: 1, ListPackages: 2 });
  });
});
