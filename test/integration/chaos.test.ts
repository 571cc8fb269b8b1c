// Sustained chaos: the explorer model and the version lookups working at once against an emulator that throttles,
// fails, resets, trickles, truncates and garbles a share of every kind of request. What must hold throughout:
// every call settles (no hang), every failure is one of our typed errors (never a TypeError from half an answer),
// the explorer shows a row instead of throwing, retries stay bounded, nothing stays in flight, and once the faults
// stop everything works again without a restart. `npm run test:stress` runs it 20 times longer.
import assert from 'node:assert/strict';
import { SdkCodeArtifactApi } from '../../src/aws/codeArtifactApi';
import { CodeArtifactError } from '../../src/aws/errors';
import { DEFAULT_PAGE_SIZES, DomainNode, ExplorerModel, FormatNode, LoadMoreNode, MessageNode, PackageNode, RepositoryNode, type ExplorerNode } from '../../src/explorer/model';
import type { RepositoryTarget } from '../../src/versions/repositoryResolver';
import { VersionLookupError, VersionSource } from '../../src/versions/versionSource';
import type { Seed } from '../emulator/seed';
import { startEmulator, type Emulator } from '../emulator/server';
import { tokenGetterFor } from '../unit/fakes';
import { runs } from '../unit/stress';

const OWNER = '111122223333';
const KEY = 'AKIACHAOSTEST0000001';
const PACKAGES = 300;
const MAX_ATTEMPTS = 3;
/** Rounds of browsing + lookups: 2 normally, 40 under CODEARTIFACT_STRESS=1. */
const ROUNDS = runs(2);
/** Lookups per round. */
const LOOKUPS = 60;
// Rates fire deterministically (every 1/rate-th matching request); different `after` offsets keep the rules from
// landing on the same requests, where only the first would fire.
const FAULTS = [
  'throttle=0.08/retryAfter=0',
  'error=0.05/after=1',
  'reset=0.04/after=2',
  'slow=0.02/ms=300/after=3',
  'truncate=0.02/after=5',
  'garbage=0.02/after=7',
  'mistype=0.02/after=11',
].join(',');

function seed(): Seed {
  return {
    accounts: { [KEY]: OWNER },
    domains: [{ name: 'acme', owner: OWNER, region: 'us-west-2', repositories: [{ name: 'shared' }, { name: 'python' }] }],
    packages: Array.from({ length: PACKAGES }, (_, i) => ({
      domain: 'acme',
      repository: 'shared',
      format: 'npm' as const,
      name: `chaos-${i}`,
      versions: [{ version: '1.0.0' }, { version: `2.${i % 7}.0` }],
    })),
  };
}

/** Rejections we own: typed, with a message for a person. Anything else (TypeError, RangeError…) is a bug. */
function assertTyped(reason: unknown, what: string): void {
  assert.ok(reason instanceof CodeArtifactError || reason instanceof VersionLookupError, `${what} failed with an untyped ${String((reason as Error)?.name)}: ${String((reason as Error)?.stack ?? reason)}`);
  assert.ok(reason.message.length > 10 && !/undefined|\[object Object\]/.test(reason.message), `${what}: unreadable message ${reason.message}`);
}

/** A level of the tree: never throws; an error becomes a MessageNode row. */
async function level(model: ExplorerModel, node: ExplorerNode | undefined): Promise<ExplorerNode[]> {
  const children = await model.getChildren(node);
  for (const c of children) {
    const view = c.view();
    assert.equal(typeof view.label, 'string');
  }
  return children;
}

describe('chaos: explorer and version lookups under mixed faults', function () {
  this.timeout(runs(1) === 1 ? 120_000 : 1_800_000);
  let emu: Emulator;
  let api: SdkCodeArtifactApi;
  let tokens: ReturnType<typeof tokenGetterFor>;
  let source: VersionSource;
  const target: RepositoryTarget = { domain: 'acme', owner: OWNER, repository: 'shared', format: 'npm', source: 'chaos' };
  const calls = { api: 0 };

  before(async () => {
    emu = await startEmulator({ seed: seed(), port: 0 });
    api = new SdkCodeArtifactApi({ region: 'us-west-2', endpoint: emu.endpoint, credentials: { accessKeyId: KEY, secretAccessKey: 'chaos-secret' }, maxAttempts: MAX_ATTEMPTS, requestTimeoutMs: 5_000 });
    tokens = tokenGetterFor(() => api);
    // A short cache life, so that every round asks the repository again.
    source = new VersionSource({ api: () => api, getToken: tokens, connection: () => ({ region: 'us-west-2', endpoint: emu.endpoint }), ttlMs: 1, requestTimeoutMs: 5_000 });
  });
  after(async () => {
    tokens?.dispose();
    api?.dispose();
    await emu?.stop();
  });

  it(`${ROUNDS} rounds of browsing and ${LOOKUPS} lookups each: everything settles, typed, bounded, and recovers`, async () => {
    emu.setFaults(FAULTS);
    emu.resetStats();
    let rejected = 0;
    let errorRows = 0;
    let lookupsDone = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const model = new ExplorerModel({ api: () => api, extraDomains: () => [], pageSizes: { ...DEFAULT_PAGE_SIZES, packages: 50 } });
      // Browse: domains → repositories → formats → packages, page by page, until the end or an error row.
      const browse = (async () => {
        const domains = await level(model, undefined);
        calls.api++;
        const domain = domains.find((d): d is DomainNode => d instanceof DomainNode);
        if (!domain) return (errorRows += domains.filter((d) => d instanceof MessageNode).length);
        const repos = await level(model, domain);
        const shared = repos.find((r): r is RepositoryNode => r instanceof RepositoryNode && r.name === 'shared');
        if (!shared) return (errorRows += repos.filter((d) => d instanceof MessageNode).length);
        const formats = await level(model, shared);
        const npm = formats.find((f): f is FormatNode => f instanceof FormatNode && f.format === 'npm');
        if (!npm) return (errorRows += formats.filter((d) => d instanceof MessageNode).length);
        let rows = await level(model, npm);
        for (let page = 0; page < PACKAGES / 50 + 2; page++) {
          const more = rows.find((r): r is LoadMoreNode => r instanceof LoadMoreNode);
          if (!more) break;
          // "Load more…" is a command: a failure rejects (typed) and the command shows it; the row stays.
          const loaded = await model.loadMore(more).then(
            () => true,
            (err: unknown) => {
              assertTyped(err, 'Load more');
              errorRows++;
              return false;
            },
          );
          if (!loaded) break;
          rows = await level(model, npm);
        }
        const pkg = rows.find((r): r is PackageNode => r instanceof PackageNode);
        if (pkg) await level(model, pkg);
        return (errorRows += rows.filter((r) => r instanceof MessageNode).length);
      })();
      const lookups = Array.from({ length: LOOKUPS }, (_, i) => source.get({ ecosystem: 'npm', target, name: `chaos-${(round * LOOKUPS + i) % PACKAGES}` }));
      const settled = await Promise.allSettled([browse, ...lookups]);
      const [browsed, ...looked] = settled;
      // Browsing never throws: errors are rows.
      assert.equal(browsed?.status, 'fulfilled', browsed?.status === 'rejected' ? String((browsed.reason as Error)?.stack) : '');
      for (const r of looked) {
        lookupsDone++;
        if (r.status === 'rejected') {
          rejected++;
          assertTyped(r.reason, 'a version lookup');
        } else {
          assert.ok(r.value.found, 'a lookup that answers found the package');
        }
      }
    }
    const faults = Object.values(emu.stats.faults).reduce((a, b) => a + b, 0);
    console.log(`      ${ROUNDS} rounds: ${emu.stats.requests} requests, ${faults} faults injected (${JSON.stringify(emu.stats.faults)}), ${rejected}/${lookupsDone} lookups failed (typed), ${errorRows} error rows`);
    assert.ok(emu.stats.requests > 0);
    for (const kind of ['throttle', 'error', 'reset', 'slow', 'truncate', 'garbage', 'mistype']) assert.ok((emu.stats.faults[kind] ?? 0) > 0, `no ${kind} fault was injected: ${JSON.stringify(emu.stats.faults)}`);
    // Bounded: no request storm. Each API call makes at most MAX_ATTEMPTS requests; a round is ~10 tree calls,
    // and each lookup at most 1 data-plane request + 1 ListPackageVersions (+ endpoint and token once), each retried.
    const perRound = (PACKAGES / 50 + 10 + LOOKUPS * 2 + 2) * MAX_ATTEMPTS;
    assert.ok(emu.stats.requests <= ROUNDS * perRound, `${emu.stats.requests} requests for ${ROUNDS} rounds (bound ${ROUNDS * perRound})`);

    // Nothing is left hanging at the server.
    for (let i = 0; i < 200 && emu.stats.inFlight > 0; i++) await new Promise((r) => setTimeout(r, 25));
    assert.equal(emu.stats.inFlight, 0, 'requests still in flight after every call settled');

    // Recovery without a restart: the same objects work once the faults stop.
    emu.setFaults(undefined);
    source.invalidate();
    const after = await Promise.all(Array.from({ length: 20 }, (_, i) => source.get({ ecosystem: 'npm', target, name: `chaos-${i}` })));
    assert.ok(after.every((p) => p.found && p.versions.length === 2));
    const model = new ExplorerModel({ api: () => api, extraDomains: () => [], pageSizes: DEFAULT_PAGE_SIZES });
    const domains = await level(model, undefined);
    assert.ok(domains.some((d) => d instanceof DomainNode), 'the explorer lists the domain again');
  });
});
