// "The tree refreshes only the nodes a write changed; the version caches behind hovers are invalidated for exactly the
// affected packages" (issue #15), held against the real tree provider, the real manage and repository-setup commands
// and the real VersionSource, over the SDK against the emulator. VS Code is played by walking the tree (getChildren,
// getTreeItem) as it does when rows are expanded; onDidChangeTreeData is recorded. Also: a write where one was refused
// before is refused up front, without a request (the palette offers what the tree shows disabled).
import assert from 'node:assert/strict';
import type { SdkCodeArtifactApi } from '../../../src/aws/codeArtifactApi';
import type { ExplorerNode } from '../../../src/explorer/model';
import type { RepositorySetup } from '../../../src/explorer/repositorySetupCommands';
import type { ExplorerTreeProvider } from '../../../src/explorer/treeProvider';
import type { ManageFeature } from '../../../src/manage/commands';
import type { PackageQuery, VersionSource } from '../../../src/versions/versionSource';
import { Emitter } from '../../../src/shared/emitter';
import type { Seed } from '../../emulator/seed';
import { OWNER, OWNER_KEY, REGION, seededEmulator } from '../aws/testSeed';
import { tokenGetterFor } from '../fakes';
import { loadWithVscode, ui } from '../vscodeStandIn';

type Mods = [
  typeof import('../../../src/explorer/treeProvider'),
  typeof import('../../../src/manage/commands'),
  typeof import('../../../src/explorer/repositorySetupCommands'),
  typeof import('../../../src/explorer/model'),
  typeof import('../../../src/aws/codeArtifactApi'),
  typeof import('../../../src/versions/versionSource'),
];
const [{ ExplorerTreeProvider: Provider }, { ManageFeature: Manage }, { RepositorySetup: Setup }, model, { SdkCodeArtifactApi: Api }, { VersionSource: Source, watchInvalidation }] = loadWithVscode(
  '../../src/explorer/treeProvider',
  '../../src/manage/commands',
  '../../src/explorer/repositorySetupCommands',
  '../../src/explorer/model',
  '../../src/aws/codeArtifactApi',
  '../../src/versions/versionSource',
) as Mods;

const READER_KEY = 'AKIATESTREADER000002';

function seed(): Seed {
  const npm = (repository: string, name: string, versions: string[], namespace?: string) => ({ domain: 'acme', repository, format: 'npm' as const, ...(namespace ? { namespace } : {}), name, versions: versions.map((version) => ({ version })) });
  return {
    accounts: { [OWNER_KEY]: OWNER },
    identities: {
      [READER_KEY]: { account: OWNER, policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['codeartifact:Describe*', 'codeartifact:List*', 'codeartifact:Get*', 'codeartifact:ReadFromRepository', 'sts:GetServiceBearerToken'], Resource: '*' }] }] },
    },
    domains: [
      { name: 'acme', owner: OWNER, region: REGION, repositories: [{ name: 'dev' }, { name: 'prod', upstreams: ['dev'] }, { name: 'release', upstreams: ['prod'] }, { name: 'staging' }] },
      { name: 'beta', owner: OWNER, region: REGION, repositories: [{ name: 'main' }] },
    ],
    packages: [
      npm('dev', 'ui-kit', ['1.0.0', '1.1.0', '1.2.0'], 'acme'),
      npm('dev', 'left-pad', ['1.3.0']),
      { domain: 'acme', repository: 'dev', format: 'pypi', name: 'requests', versions: [{ version: '2.31.0' }] },
      npm('prod', 'ui-kit', ['1.0.0'], 'acme'),
      { ...npm('main', 'left-pad', ['1.3.0']), domain: 'beta' },
    ],
  };
}

/** The stand-in's tree items always have a string label. */
const labelOf = (item: { label?: unknown }): string => (typeof item.label === 'string' ? item.label : '');

const log = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined, trace: () => undefined };

interface World {
  api: SdkCodeArtifactApi;
  provider: ExplorerTreeProvider;
  manage: ManageFeature;
  setup: RepositorySetup;
  source: VersionSource;
  /** What Session.onDidCall reports (the calls of commands outside manage/, e.g. a refused CreateRepository). */
  calls: Emitter<unknown>;
  /** onDidChangeTreeData since the last take(), as row ids (`undefined` for the whole tree). */
  take(): Promise<(string | undefined)[]>;
  /** onDidRefresh (which makes every hover cache forget everything) since the world was made. */
  refreshes: number;
  /** A loaded row by its labels from the top, expanding (listing) each level as VS Code does. */
  open(...labels: string[]): Promise<ExplorerNode>;
  dispose(): void;
}

describe('manage: a write redraws only the rows it changed and forgets only the hovers it affected', function () {
  this.timeout(60_000);
  const seeded = seededEmulator({ seed });
  const worlds: World[] = [];
  afterEach(() => {
    worlds.splice(0).forEach((w) => w.dispose());
    ui.answers = {};
    ui.shown = [];
  });

  async function world(accessKeyId = OWNER_KEY): Promise<World> {
    const api = new Api({ region: REGION, endpoint: seeded.emu.endpoint, credentials: { accessKeyId, secretAccessKey: 'test-secret' } });
    const changed = new Emitter<void>();
    const calls = new Emitter<unknown>();
    const session = { signedIn: true, api: () => api, settings: () => ({ extraDomains: [] }), onDidChange: changed.event, onDidCall: calls.event };
    const provider = new Provider(session as never, log as never, { path: '/extension' } as never);
    const manage = new Manage(provider, session as never, log as never);
    const setup = new Setup(session as never, manage);
    const getter = tokenGetterFor(() => api);
    const source = new Source({ api: () => api, getToken: getter, connection: () => ({ region: REGION, endpoint: seeded.emu.endpoint }) });
    const subs = watchInvalidation(source, { refreshes: [provider.onDidRefresh], packageChanges: manage.onDidChangePackages, repositoryChanges: manage.onDidChangeRepositories }, () => source.invalidate());
    const fired: (string | undefined)[] = [];
    const w: World = {
      api,
      provider,
      manage,
      setup,
      source,
      calls,
      refreshes: 0,
      take: async () => {
        await provider.whenRedrawn();
        return fired.splice(0);
      },
      async open(...labels) {
        let node: ExplorerNode | undefined;
        for (const label of labels) {
          const children = await provider.getChildren(node);
          const items = children.map((c) => ({ c, item: provider.getTreeItem(c) }));
          const found = items.find((x) => x.item.label === label)?.c;
          assert.ok(found, `${label} under ${node?.id ?? 'the root'}; there: ${items.map((x) => labelOf(x.item)).join(', ')}`);
          node = found;
        }
        assert.ok(node);
        // VS Code draws the row's children once it is expanded.
        for (const c of await provider.getChildren(node)) provider.getTreeItem(c);
        return node;
      },
      dispose: () => {
        subs.forEach((s) => s.dispose());
        manage.dispose();
        provider.dispose();
        getter.dispose();
        api.dispose();
      },
    };
    // One event may name several rows (coalesced per tick, see explorer/treeChanges.ts); undefined is the whole tree.
    provider.onDidChangeTreeData((nodes) => (nodes === undefined ? fired.push(undefined) : fired.push(...nodes.map((n) => n.id))));
    provider.onDidRefresh(() => w.refreshes++);
    worlds.push(w);
    return w;
  }

  /** Waits out the redraw of a row whose count became known (rowRefresh.ts), which is not a write's doing. */
  async function settled(w: World): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 500));
    await w.take();
  }

  const query = (domain: string, repository: string, ecosystem: 'npm' | 'pypi', name: string, namespace?: string): PackageQuery => ({
    ecosystem,
    target: { domain, owner: OWNER, repository, format: ecosystem, source: 'test' },
    ...(namespace ? { namespace } : {}),
    name,
  });
  const HOVERS = {
    devUiKit: query('acme', 'dev', 'npm', 'ui-kit', 'acme'),
    prodUiKit: query('acme', 'prod', 'npm', 'ui-kit', 'acme'),
    devLeftPad: query('acme', 'dev', 'npm', 'left-pad'),
    devRequests: query('acme', 'dev', 'pypi', 'requests'),
    betaLeftPad: query('beta', 'main', 'npm', 'left-pad'),
  };
  type Hover = keyof typeof HOVERS;

  /** Asks the version source for every hover above, so that each answer is cached. */
  async function hovered(w: World): Promise<void> {
    for (const q of Object.values(HOVERS)) await w.source.get(q);
  }
  /** The hovers whose answers were forgotten. */
  const forgotten = (w: World): Hover[] => (Object.keys(HOVERS) as Hover[]).filter((k) => w.source.peek(HOVERS[k]) === undefined);

  it('a status change redraws the package row only and forgets that package’s hovers (in every repository of the domain)', async () => {
    const w = await world();
    const pkg = await w.open('acme', 'dev', 'npm', '@acme', '@acme/ui-kit');
    await w.open('acme', 'prod', 'npm', '@acme', '@acme/ui-kit');
    const version = (await w.provider.getChildren(pkg)).find((n) => n instanceof model.VersionNode && n.summary.version === '1.2.0');
    assert.ok(version);
    await hovered(w);
    await settled(w);
    ui.answers.warning = (_m, ...items) => items[0];
    await w.manage.changeStatus('unlist', [version]);
    assert.deepEqual(await w.take(), [pkg.id], 'only dev’s @acme/ui-kit row');
    assert.equal(w.refreshes, 0, 'no refresh signal (that would make every hover forget)');
    assert.deepEqual(forgotten(w), ['devUiKit', 'prodUiKit']);
    // The row VS Code asks again for shows the new status.
    const again = (await w.provider.getChildren(pkg)).find((n) => n instanceof model.VersionNode && n.summary.version === '1.2.0');
    assert.ok(again instanceof model.VersionNode);
    assert.equal(again.summary.status, 'Unlisted');
  });

  it('a copy redraws the target’s package row, else its format row, else its repository row; and forgets the copied packages', async () => {
    const w = await world();
    const devUiKit = await w.open('acme', 'dev', 'npm', '@acme', '@acme/ui-kit');
    const devLeftPad = await w.open('acme', 'dev', 'npm', 'left-pad');
    const devRequests = await w.open('acme', 'dev', 'PyPI', 'requests');
    const prodUiKit = await w.open('acme', 'prod', 'npm', '@acme', '@acme/ui-kit');
    const prodNpm = await w.open('acme', 'prod', 'npm');
    const prod = await w.open('acme', 'prod');
    await hovered(w);
    await settled(w);
    const copy = (pkg: ExplorerNode, version: string) => w.manage.copy([{ pkg: pkg as InstanceType<typeof model.PackageNode>, versions: [version] }], 'prod', { allowOverwrite: false, includeFromUpstream: false }, false);

    await copy(devUiKit, '1.1.0');
    assert.deepEqual(await w.take(), [prodUiKit.id], 'prod already shows @acme/ui-kit: that row');
    assert.deepEqual(forgotten(w), ['devUiKit', 'prodUiKit']);
    await copy(devLeftPad, '1.3.0');
    assert.deepEqual(await w.take(), [prodNpm.id], 'prod shows npm but not left-pad: its npm row lists packages again');
    assert.deepEqual(forgotten(w), ['devUiKit', 'prodUiKit', 'devLeftPad'], 'left-pad of beta is another package');
    await copy(devRequests, '2.31.0');
    assert.deepEqual(await w.take(), [prod.id], 'prod had no PyPI package: its row lists formats again');
    assert.deepEqual(forgotten(w), ['devUiKit', 'prodUiKit', 'devLeftPad', 'devRequests']);
    assert.equal(w.refreshes, 0);
    const formats = (await w.provider.getChildren(prod)).map((n) => labelOf(w.provider.getTreeItem(n)));
    assert.ok(formats.includes('PyPI'), `prod now shows PyPI (${formats.join(', ')})`);
  });

  it('a copy of several packages redraws the target’s repository row alone when it reads the other rows again anyway', async () => {
    const w = await world();
    const devUiKit = await w.open('acme', 'dev', 'npm', '@acme', '@acme/ui-kit');
    const devRequests = await w.open('acme', 'dev', 'PyPI', 'requests');
    const copy = (pkgs: ExplorerNode[], version: (pkg: ExplorerNode) => string) =>
      w.manage.copy(pkgs.map((pkg) => ({ pkg: pkg as InstanceType<typeof model.PackageNode>, versions: [version(pkg)] })), 'staging', { allowOverwrite: false, includeFromUpstream: false }, false);
    await copy([devUiKit], () => '1.2.0');
    const stagingUiKit = await w.open('acme', 'staging', 'npm', '@acme', '@acme/ui-kit');
    const staging = await w.open('acme', 'staging');
    await settled(w);
    // ui-kit has a row in staging, requests not even a format: the repository row is read again, ui-kit's with it.
    await copy([devUiKit, devRequests], (pkg) => (pkg === devUiKit ? '1.1.0' : '2.31.0'));
    assert.deepEqual(await w.take(), [staging.id], `not also ${stagingUiKit.id}, which is no longer in the tree once staging is read again`);
    assert.equal(w.refreshes, 0);
  });

  it('an origin toggle redraws the package row only and forgets that package’s hovers', async () => {
    const w = await world();
    const pkg = await w.open('acme', 'dev', 'npm', 'left-pad');
    await w.open('acme', 'prod', 'npm', '@acme', '@acme/ui-kit');
    await hovered(w);
    await settled(w);
    await w.manage.toggleOrigin(pkg, 'upstream');
    assert.deepEqual(await w.take(), [pkg.id]);
    assert.equal(w.refreshes, 0);
    assert.deepEqual(forgotten(w), ['devLeftPad']);
    assert.ok(pkg instanceof model.PackageNode);
    const saved = await w.api.writes().describePackage(pkg.ref);
    assert.deepEqual(pkg.pkg.originConfiguration, saved, 'the row shows what the service now has');
    assert.deepEqual(saved, { publish: 'ALLOW', upstream: 'ALLOW' }, 'upstream was BLOCK (published directly), now ALLOW');
  });

  it('an upstream edit, from the tree or the palette, redraws every row of that repository and nothing else; its domain’s hovers go', async () => {
    const w = await world();
    const prod = await w.open('acme', 'prod');
    const prodAsUpstream = await w.open('acme', 'release', 'Upstreams', 'prod');
    await w.open('acme', 'dev', 'npm', '@acme', '@acme/ui-kit');
    await hovered(w);
    await settled(w);
    ui.answers.quickPick = (items) => items.find((i) => i.label === 'staging');
    await w.setup.addUpstream(prod);
    assert.deepEqual(new Set(await w.take()), new Set([prod.id, prodAsUpstream.id]), 'both rows of prod, nothing above them');
    assert.equal(w.refreshes, 0);
    assert.deepEqual(forgotten(w), ['devUiKit', 'prodUiKit', 'devLeftPad', 'devRequests'], 'every answer of acme, none of beta');
    assert.deepEqual((await w.api.describeRepository({ domain: 'acme', repository: 'prod' })).upstreams, ['dev', 'staging']);

    // From the palette: domain, repository, then the upstream to remove and the modal.
    await hovered(w);
    ui.answers.quickPick = (items, options) => items.find((i) => i.label === (options?.title?.startsWith('Remove an upstream') ? 'staging' : options?.title === 'Domain' ? 'acme' : 'prod'));
    ui.answers.warning = (_m, ...items) => items[0];
    await w.setup.removeUpstream(undefined);
    assert.deepEqual(new Set(await w.take()), new Set([prod.id, prodAsUpstream.id]), 'the same rows, found without a clicked row');
    assert.equal(w.refreshes, 0);
    assert.deepEqual((await w.api.describeRepository({ domain: 'acme', repository: 'prod' })).upstreams, ['dev']);
  });

  it('a generic upload redraws the rows of its repository only and forgets no hover', async () => {
    const w = await world();
    const prod = await w.open('acme', 'prod');
    const prodAsUpstream = await w.open('acme', 'release', 'Upstreams', 'prod');
    await w.open('acme', 'dev', 'npm', '@acme', '@acme/ui-kit');
    await hovered(w);
    await settled(w);
    // What Upload Generic Package calls once PublishPackageVersion succeeded (publish/publishCommands.ts).
    w.manage.repositoryContentChanged({ domain: 'acme', domainOwner: OWNER, repository: 'prod' });
    assert.deepEqual(new Set(await w.take()), new Set([prod.id, prodAsUpstream.id]));
    assert.equal(w.refreshes, 0);
    assert.deepEqual(forgotten(w), []);
  });

  it('a package-group write forgets the hovers of its domain only, and signals no refresh', async () => {
    const w = await world();
    await w.open('acme', 'dev', 'npm', '@acme', '@acme/ui-kit');
    await hovered(w);
    await settled(w);
    // What the package-group commands call after a write (explorer/packageGroupCommands.ts refreshGroups).
    w.manage.packageGroupsChanged({ name: 'acme', owner: OWNER });
    assert.deepEqual(forgotten(w), ['devUiKit', 'prodUiKit', 'devLeftPad', 'devRequests'], 'every answer of acme, none of beta');
    assert.equal(w.refreshes, 0);
  });

  it('a write where one was refused before is refused up front, before any picker but the repository, and sends nothing', async () => {
    const w = await world(READER_KEY);
    const uiKit = await w.open('acme', 'dev', 'npm', '@acme', '@acme/ui-kit');
    const version = (await w.provider.getChildren(uiKit)).find((n) => n instanceof model.VersionNode);
    assert.ok(version);
    // The first refusal is learnt from the service.
    await assert.rejects(w.manage.toggleOrigin(uiKit, 'publish'), /may not call codeartifact:PutPackageOriginConfiguration/);
    seeded.emu.resetStats();
    ui.shown.splice(0);
    ui.answers.warning = (_m, ...items) => items[0];
    await assert.rejects(w.manage.changeStatus('archive', [version]), (err: Error) => {
      assert.match(err.message, /^not tried: codeartifact:PutPackageOriginConfiguration was already refused in acme\/dev for this profile, so archiving versions would be refused too\. Ask an administrator to allow write actions in acme\/dev, or sign in with a profile that has them\.$/);
      return true;
    });
    assert.equal(ui.shown.length, 0, 'no confirmation was asked for');
    assert.equal(seeded.emu.stats.requests, 0, 'no request');

    // Repository setup from the palette: the domain and the repository are chosen, then the refusal.
    ui.answers.quickPick = (items, options) => items.find((i) => i.label === (options?.title === 'Domain' ? 'acme' : 'dev'));
    await assert.rejects(w.setup.addUpstream(undefined), /not tried: codeartifact:PutPackageOriginConfiguration was already refused in acme\/dev/);
    assert.deepEqual(
      ui.shown.map((s) => s.text),
      ['Domain', 'Add upstream: repository in acme'],
      'nothing after choosing the repository',
    );
    assert.deepEqual(Object.keys(seeded.emu.stats.operations).filter((op) => !/^List/.test(op)), [], 'only listings for the pickers');

    // A domain-level write (Create Repository) refused once is refused up front after the domain is chosen.
    ui.answers.quickPick = (items, options) => (options?.title === 'Domain' ? items.find((i) => i.label === 'acme') : []);
    ui.answers.inputBox = (options) => (options?.title === 'Create repository in acme' ? 'tools' : '');
    const refused: unknown = await w.setup.createRepository(undefined).then(
      () => assert.fail('the reader may not create repositories'),
      (err: unknown) => err,
    );
    assert.match(String(refused), /may not call codeartifact:CreateRepository/);
    w.calls.fire({ operation: 'CreateRepository', error: refused });
    ui.shown.splice(0);
    seeded.emu.resetStats();
    await assert.rejects(w.setup.createRepository(undefined), /^CodeArtifactError: not tried: codeartifact:CreateRepository was already refused in the domain acme for this profile, so creating a repository would be refused too/);
    assert.deepEqual(ui.shown.map((s) => s.text), ['Domain'], 'no name asked for');
    assert.deepEqual(Object.keys(seeded.emu.stats.operations), ['ListDomains'], 'only the domain picker’s listing');

    // A drop onto the repository that refused: said at once, no confirmation, no CopyPackageVersions.
    const prodUiKit = await w.open('acme', 'prod', 'npm', '@acme', '@acme/ui-kit');
    const dev = await w.open('acme', 'dev');
    ui.shown.splice(0);
    seeded.emu.resetStats();
    await w.manage.handleDrop(dev, { get: (mime: string) => (mime === 'application/vnd.codeartifact.rows' ? { value: [prodUiKit] } : undefined) } as never);
    assert.deepEqual(
      ui.shown.map((s) => `${s.kind}: ${s.text}`),
      ['error: Copy failed: not tried: codeartifact:PutPackageOriginConfiguration was already refused in acme/dev for this profile, so copying to dev would be refused too. Ask an administrator to allow write actions in acme/dev, or sign in with a profile that has them.'],
    );
    assert.equal(seeded.emu.stats.requests, 0, 'not even the versions of the dropped package were listed');

    // Another repository of the domain has refused nothing: its writes are still tried.
    await assert.rejects(w.manage.toggleOrigin(prodUiKit, 'publish'), /may not call codeartifact:PutPackageOriginConfiguration on \S+package\/acme\/prod\//);
  });
});
