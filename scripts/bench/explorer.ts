// Explorer benchmark: walk the tree the way a person does (domain → repository → npm → first page → Load more
// → a package's versions → a version's details) through the real node model and the real SDK, and record for
// each level the API calls, the round trips needed one after another, and the time until its data is ready.
import { performance } from 'node:perf_hooks';
import { SdkCodeArtifactApi } from '../../src/aws/codeArtifactApi';
import { renderVersionDetails } from '../../src/core/versionDetails';
import {
  DEFAULT_PAGE_SIZES,
  DomainNode,
  ExplorerModel,
  FormatNode,
  LoadMoreNode,
  MessageNode,
  PackageNode,
  RepositoryNode,
  VersionNode,
  type ExplorerNode,
} from '../../src/explorer/model';
import { loadVersionDetails } from '../../src/explorer/versionDetailsData';
import type { Emulator } from '../../test/emulator/server';
import { RecordingApi, sequentialRoundTrips, serverCounts, type ServerCounts } from './measure';
import { BENCH_ACCESS_KEY, BENCH_DOMAIN, BENCH_REGION, BIG_REPOSITORY } from './seed';

export const LEVELS = ['domains', 'repositories', 'repository (formats)', 'packages, first page', 'Load more (page 2)', 'versions of a package', 'version details'] as const;
export type LevelName = (typeof LEVELS)[number];

export interface LevelRun {
  level: LevelName;
  /** From calling the model until the level's nodes (or the details text) are built. */
  ms: number;
  /** API-layer calls, as the extension makes them. */
  apiCalls: number;
  /** Calls needed one after another; parallel calls count once. */
  roundTrips: number;
  server: ServerCounts;
  /** Rows shown (tree items, or the details document's lines). */
  shown: number;
  /** Items the server handed back, e.g. 100 packages of 10,000. */
  itemsFetched: number;
  hasMore?: boolean;
}

function fail(what: string, children: readonly ExplorerNode[]): never {
  const errors = children.filter((c): c is MessageNode => c instanceof MessageNode).map((m) => `${m.text}: ${m.error?.message ?? ''}`);
  throw new Error(`Explorer benchmark: ${what} not found${errors.length ? ` (${errors.join('; ')})` : ''}.`);
}

function find<T extends ExplorerNode>(children: readonly ExplorerNode[], kind: abstract new (...a: never[]) => T, what: string, match: (n: T) => boolean = () => true): T {
  return children.find((c): c is T => c instanceof kind && match(c)) ?? fail(what, children);
}

/**
 * One walk down the tree with a fresh SDK client and model (the first level therefore includes setting up the
 * connection, as the first paint after signing in does). Throws if a level is missing or shows an error.
 */
export async function explorerWalk(emu: Emulator, latencyMs: number, signal: AbortSignal): Promise<LevelRun[]> {
  const sdk = new SdkCodeArtifactApi({ region: BENCH_REGION, endpoint: emu.endpoint, credentials: { accessKeyId: BENCH_ACCESS_KEY, secretAccessKey: 'bench-secret' } });
  const api = new RecordingApi(sdk);
  const model = new ExplorerModel({ api: () => api, extraDomains: () => [], pageSizes: DEFAULT_PAGE_SIZES });
  const runs: LevelRun[] = [];

  const measure = async <T>(level: LevelName, step: () => Promise<{ value: T; shown: number; itemsFetched: number; hasMore?: boolean }>): Promise<T> => {
    emu.setLatency(latencyMs);
    emu.resetStats();
    api.calls.length = 0;
    const started = performance.now();
    const r = await step();
    const elapsed = performance.now() - started;
    runs.push({
      level,
      ms: elapsed,
      apiCalls: api.calls.length,
      roundTrips: sequentialRoundTrips(api.calls),
      server: serverCounts(emu),
      shown: r.shown,
      itemsFetched: r.itemsFetched,
      ...(r.hasMore === undefined ? {} : { hasMore: r.hasMore }),
    });
    return r.value;
  };
  /** A level is ready when its children exist and each has been turned into what the tree shows. */
  const expand = async (node: ExplorerNode | undefined) => {
    const children = await model.getChildren(node, signal);
    for (const c of children) c.view();
    const error = children.find((c) => c instanceof MessageNode && c.error);
    if (error) fail(`a loaded level under ${node?.id ?? 'root'}`, children);
    return children;
  };
  const counted = (children: readonly ExplorerNode[]) => children.filter((c) => !(c instanceof LoadMoreNode) && !(c instanceof MessageNode)).length;

  try {
    const domain = await measure('domains', async () => {
      const children = await expand(undefined);
      return { value: find(children, DomainNode, `domain ${BENCH_DOMAIN}`, (d) => d.info.name === BENCH_DOMAIN), shown: counted(children), itemsFetched: counted(children) };
    });
    const repository = await measure('repositories', async () => {
      const children = await expand(domain);
      return { value: find(children, RepositoryNode, `repository ${BIG_REPOSITORY}`, (r) => r.name === BIG_REPOSITORY), shown: counted(children), itemsFetched: counted(children) };
    });
    const npm = await measure('repository (formats)', async () => {
      const children = await expand(repository);
      return { value: find(children, FormatNode, 'the npm format node', (f) => f.format === 'npm'), shown: children.length, itemsFetched: children.length };
    });
    const firstPage = await measure('packages, first page', async () => {
      const children = await expand(npm);
      return { value: children, shown: counted(children), itemsFetched: npm.loadedCount, hasMore: npm.hasMore };
    });
    await measure('Load more (page 2)', async () => {
      const more = find(firstPage, LoadMoreNode, '"Load more…" under npm');
      const before = npm.loadedCount;
      await model.loadMore(more, signal);
      const children = await expand(npm);
      return { value: undefined, shown: counted(children), itemsFetched: npm.loadedCount - before, hasMore: npm.hasMore };
    });
    const pkg = find(firstPage, PackageNode, 'the first package');
    const version = await measure('versions of a package', async () => {
      const children = await expand(pkg);
      return { value: find(children, VersionNode, `a version of ${pkg.displayName}`), shown: counted(children), itemsFetched: pkg.loadedCount, hasMore: pkg.hasMore };
    });
    await measure('version details', async () => {
      // As the details document does it (src/explorer/detailsDocument.ts): load in parallel, render Markdown.
      const input = await loadVersionDetails(api, version.ref, signal);
      const problems = input.problems ?? [];
      if (problems.length > 0) throw new Error(`Explorer benchmark: version details incomplete (${problems.join('; ')}).`);
      const text = renderVersionDetails(input);
      return { value: undefined, shown: text.split('\n').length, itemsFetched: 1 };
    });
    return runs;
  } finally {
    sdk.dispose();
  }
}
