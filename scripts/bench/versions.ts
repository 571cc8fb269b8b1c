// Version intelligence against the emulator at a given latency: a cold hover (endpoint and token known, as after
// a manifest opened), the very first one (endpoint and token too), a warm one, 20 identical concurrent asks, and
// 200 dependencies with bounded concurrency. Prints a table; `versionsBench()` returns the numbers for bench.ts.
//   node out/scripts/bench/versions.js [latencyMs ...]     (default 0 50 200)
import { performance } from 'node:perf_hooks';
import { SdkCodeArtifactApi } from '../../src/aws/codeArtifactApi';
import type { RepositoryTarget } from '../../src/versions/repositoryResolver';
import { VersionSource, type PackageQuery } from '../../src/versions/versionSource';
import { tokenGetterFor } from '../../test/unit/fakes';
import type { Seed } from '../../test/emulator/seed';
import { startEmulator } from '../../test/emulator/server';
import { describeOperations, ms, table } from './measure';

const OWNER = '111122223333';
const KEY = 'AKIABENCHVERSIONS001';
const DEPS = 200;
const CONCURRENCY = 8;

function seed(): Seed {
  return {
    accounts: { [KEY]: OWNER },
    domains: [{ name: 'acme', owner: OWNER, region: 'us-west-2', repositories: [{ name: 'npm-store', externalConnection: 'public:npmjs' }, { name: 'shared', upstreams: ['npm-store'] }] }],
    packages: Array.from({ length: DEPS }, (_, i) => ({
      domain: 'acme',
      repository: 'shared',
      format: 'npm' as const,
      namespace: 'acme',
      name: `dep-${i}`,
      versions: [{ version: '1.0.0' }, { version: '1.1.0' }, { version: '2.0.0' }],
    })),
    externalConnections: { 'public:npmjs': [{ name: 'left-pad', versions: [{ version: '1.2.0' }, { version: '1.3.0' }] }] },
  };
}

export interface VersionsRow {
  scenario: string;
  ms: number;
  requests: number;
  peakConcurrent: number;
  operations: Record<string, number>;
}

export async function versionsBench(latencyMs: number): Promise<VersionsRow[]> {
  const emu = await startEmulator({ seed: seed(), port: 0 });
  const api = new SdkCodeArtifactApi({ region: 'us-west-2', endpoint: emu.endpoint, credentials: { accessKeyId: KEY, secretAccessKey: 'x' } });
  const target: RepositoryTarget = { domain: 'acme', owner: OWNER, repository: 'shared', format: 'npm', source: 'bench' };
  const query = (name: string, namespace?: string): PackageQuery => ({ ecosystem: 'npm', target, name, ...(namespace ? { namespace } : {}) });
  const rows: VersionsRow[] = [];
  const getters: { dispose(): void }[] = [];
  const connection = (): { region: string; endpoint: string } => ({ region: 'us-west-2', endpoint: emu.endpoint });
  const freshTokens = (): ReturnType<typeof tokenGetterFor> => {
    const getter = tokenGetterFor(() => api);
    getters.push(getter);
    return getter;
  };
  const measure = async (scenario: string, work: () => Promise<unknown>): Promise<void> => {
    emu.resetStats();
    const started = performance.now();
    await work();
    const took = performance.now() - started;
    rows.push({ scenario, ms: took, requests: emu.stats.requests, peakConcurrent: emu.stats.peakConcurrent, operations: { ...emu.stats.operations } });
  };
  try {
    // Warm the process (JIT, sockets) without latency, so the rows measure the lookups.
    const warmup = new VersionSource({ api: () => api, getToken: freshTokens(), connection });
    await warmup.get(query('left-pad'));
    emu.setLatency(latencyMs);

    const first = new VersionSource({ api: () => api, getToken: freshTokens(), connection });
    await measure('very first hover (endpoint + token + versions)', () => first.get(query('dep-0', 'acme')));

    const source = new VersionSource({ api: () => api, getToken: freshTokens(), connection, concurrency: CONCURRENCY });
    await source.prepare(target);
    await measure('cold hover (endpoint and token known)', () => source.get(query('dep-1', 'acme')));
    await measure('warm hover', () => source.get(query('dep-1', 'acme')));
    await measure('20 identical concurrent asks', () => Promise.all(Array.from({ length: 20 }, () => source.get(query('dep-2', 'acme')))));
    await measure('hover via external connection (left-pad)', () => source.get(query('left-pad')));
    await measure(`${DEPS} dependencies, concurrency ${CONCURRENCY}`, () => Promise.all(Array.from({ length: DEPS }, (_, i) => source.get(query(`dep-${i}`, 'acme')))));
  } finally {
    for (const getter of getters) getter.dispose();
    api.dispose();
    await emu.stop();
  }
  return rows;
}

export function versionsTable(latency: number, rows: VersionsRow[]): string {
  return [
    `Version intelligence at ${latency} ms emulator latency (${DEPS} dependencies at concurrency ${CONCURRENCY}: expect ~${Math.ceil(DEPS / CONCURRENCY)} round trips)`,
    table(
      ['scenario', 'time', 'requests', 'peak parallel', 'operations'],
      rows.map((r) => [r.scenario, ms(r.ms), String(r.requests), String(r.peakConcurrent), describeOperations(r.operations)]),
      ['l', 'r', 'r', 'r', 'l'],
    ),
  ].join('\n');
}
