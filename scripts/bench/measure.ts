// Measuring helpers for `npm run bench`: medians, a recording wrapper around the API layer (to count how many
// round trips a step needs in sequence), bounded repetition, and plain-text tables.
import { performance } from 'node:perf_hooks';
import type {
  AssetInfo,
  AssetStream,
  AuthorizationToken,
  CallOptions,
  CodeArtifactApi,
  DependencyInfo,
  DomainInfo,
  DomainRef,
  Page,
  PackageInfo,
  PackageQuery,
  PackageRef,
  PackageFormat,
  PackageVersionStatus,
  PageOptions,
  RepositoryDetails,
  RepositoryInfo,
  RepositoryRef,
  VersionDetails,
  VersionPage,
  VersionRef,
} from '../../src/aws/codeArtifactApi';
import type { Emulator } from '../../test/emulator/server';

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Median, min and max of a series, rounded to 0.1 ms (more digits would be noise). */
export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(values: readonly number[]): Summary {
  const round = (n: number) => Math.round(n * 10) / 10;
  return { median: round(median(values)), min: round(Math.min(...values)), max: round(Math.max(...values)), runs: values.length };
}

/**
 * Runs `once` up to `runs` times, but stops starting new runs when `budgetMs` has been spent, so that a slow
 * machine or a high latency cannot make the benchmark run for ever. At least one run always happens.
 */
export async function repeat<T>(runs: number, budgetMs: number, once: (i: number) => Promise<T>): Promise<{ results: T[]; stoppedByBudget: boolean }> {
  const started = performance.now();
  const results: T[] = [];
  for (let i = 0; i < runs; i++) {
    if (i > 0 && performance.now() - started > budgetMs) return { results, stoppedByBudget: true };
    results.push(await once(i));
  }
  return { results, stoppedByBudget: false };
}

export interface CallRecord {
  operation: string;
  start: number;
  end: number;
}

/**
 * The longest chain of calls where each starts after the previous one finished: how many round trips the
 * step costs one after another. Calls that overlap (sent in parallel) count once.
 */
export function sequentialRoundTrips(calls: readonly CallRecord[]): number {
  const byEnd = [...calls].sort((a, b) => a.end - b.end);
  const depth: number[] = [];
  let best = 0;
  byEnd.forEach((call, i) => {
    let d = 1;
    for (let j = 0; j < i; j++) {
      const prev = byEnd[j];
      if (prev && prev.end <= call.start) d = Math.max(d, (depth[j] ?? 0) + 1);
    }
    depth.push(d);
    best = Math.max(best, d);
  });
  return best;
}

/** The API layer with every call's start and end recorded (client side, high-resolution clock). */
export class RecordingApi implements CodeArtifactApi {
  readonly calls: CallRecord[] = [];
  constructor(private readonly inner: CodeArtifactApi) {}

  get region(): string {
    return this.inner.region;
  }

  private async record<T>(operation: string, run: () => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await run();
    } finally {
      this.calls.push({ operation, start, end: performance.now() });
    }
  }

  listDomains(opts?: PageOptions): Promise<Page<DomainInfo>> {
    return this.record('ListDomains', () => this.inner.listDomains(opts));
  }
  describeDomain(domain: DomainRef, opts?: CallOptions): Promise<DomainInfo> {
    return this.record('DescribeDomain', () => this.inner.describeDomain(domain, opts));
  }
  listRepositories(domain: DomainRef, opts?: PageOptions & { repositoryPrefix?: string }): Promise<Page<RepositoryInfo>> {
    return this.record('ListRepositoriesInDomain', () => this.inner.listRepositories(domain, opts));
  }
  describeRepository(repo: RepositoryRef, opts?: CallOptions): Promise<RepositoryDetails> {
    return this.record('DescribeRepository', () => this.inner.describeRepository(repo, opts));
  }
  listPackages(repo: RepositoryRef, query: PackageQuery, opts?: PageOptions): Promise<Page<PackageInfo>> {
    return this.record('ListPackages', () => this.inner.listPackages(repo, query, opts));
  }
  listPackageVersions(pkg: PackageRef, opts?: PageOptions & { status?: PackageVersionStatus }): Promise<VersionPage> {
    return this.record('ListPackageVersions', () => this.inner.listPackageVersions(pkg, opts));
  }
  describePackageVersion(version: VersionRef, opts?: CallOptions): Promise<VersionDetails> {
    return this.record('DescribePackageVersion', () => this.inner.describePackageVersion(version, opts));
  }
  listAssets(version: VersionRef, opts?: PageOptions): Promise<Page<AssetInfo>> {
    return this.record('ListPackageVersionAssets', () => this.inner.listAssets(version, opts));
  }
  getReadme(version: VersionRef, opts?: CallOptions): Promise<string | undefined> {
    return this.record('GetPackageVersionReadme', () => this.inner.getReadme(version, opts));
  }
  listDependencies(version: VersionRef, opts?: CallOptions & { nextToken?: string }): Promise<Page<DependencyInfo>> {
    return this.record('ListPackageVersionDependencies', () => this.inner.listDependencies(version, opts));
  }
  getAsset(version: VersionRef, asset: string, opts?: CallOptions): Promise<AssetStream> {
    return this.record('GetPackageVersionAsset', () => this.inner.getAsset(version, asset, opts));
  }
  getRepositoryEndpoint(repo: RepositoryRef, format: PackageFormat, opts?: CallOptions): Promise<string> {
    return this.record('GetRepositoryEndpoint', () => this.inner.getRepositoryEndpoint(repo, format, opts));
  }
  getAuthorizationToken(domain: DomainRef, opts?: CallOptions & { durationSeconds?: number }): Promise<AuthorizationToken> {
    return this.record('GetAuthorizationToken', () => this.inner.getAuthorizationToken(domain, opts));
  }
}

/** What the emulator saw during one step: every HTTP round trip, by operation, and the most at once. */
export interface ServerCounts {
  requests: number;
  operations: Record<string, number>;
  peakConcurrent: number;
}

export function serverCounts(emu: Emulator): ServerCounts {
  return { requests: emu.stats.requests, operations: { ...emu.stats.operations }, peakConcurrent: emu.stats.peakConcurrent };
}

/** `ListPackages ×8, DescribeRepository` */
export function describeOperations(operations: Record<string, number>): string {
  return Object.entries(operations)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([op, n]) => (n > 1 ? `${op} ×${n}` : op))
    .join(', ');
}

/** A fixed-width text table; columns marked 'r' are right-aligned (numbers). */
export function table(header: readonly string[], rows: readonly (readonly string[])[], align: readonly ('l' | 'r')[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (align[i] === 'r' ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function ms(n: number): string {
  return Number.isFinite(n) ? n.toFixed(1) : '–';
}
