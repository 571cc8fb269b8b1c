// `npm run bench:promote`: promoting 500 versions from dev to prod through the explorer's bulk path (batches.ts +
// the non-retrying write client) against the emulator at 50 ms latency with CodeArtifact's documented rate quotas
// on (CopyPackageVersions 5/s per account). Prints requests, peak concurrency, wall time and throttling errors.
//   npm run bench:promote -- --latency 50
import { performance } from 'node:perf_hooks';
import { SdkCodeArtifactApi, type PackageRef } from '../src/aws/codeArtifactApi';
import { runBulk, WRITE_RATES, type BulkOptions, type VersionJob } from '../src/manage/batches';
import type { Seed } from '../test/emulator/seed';
import { startEmulator } from '../test/emulator/server';

const OWNER = '111122223333';
const KEY = 'AKIABENCHPROMOTE0001';

interface Shape {
  name: string;
  packages: number;
  versionsEach: number;
}
const SHAPES: Shape[] = [
  { name: '1 package × 500 versions', packages: 1, versionsEach: 500 },
  { name: '100 packages × 5 versions', packages: 100, versionsEach: 5 },
];

function seedFor(shape: Shape): Seed {
  return {
    accounts: { [KEY]: OWNER },
    domains: [{ name: 'acme', owner: OWNER, region: 'us-west-2', repositories: [{ name: 'dev' }, { name: 'prod' }] }],
    packages: Array.from({ length: shape.packages }, (_, p) => ({
      domain: 'acme',
      repository: 'dev',
      format: 'npm' as const,
      namespace: 'acme',
      name: `pkg-${p}`,
      versions: Array.from({ length: shape.versionsEach }, (_, i) => ({ version: `1.${Math.floor(i / 100)}.${i % 100}` })),
    })),
  };
}

interface Row {
  shape: string;
  mode: string;
  versions: number;
  copied: number;
  failed: number;
  requests: number;
  peakConcurrency: number;
  wallMs: number;
  throttlingErrors: number;
}

async function measure(shape: Shape, latency: number, mode: 'rate-limited' | 'no rate limit', bulk: Partial<BulkOptions>): Promise<Row> {
  const emu = await startEmulator({ seed: seedFor(shape), port: 0, quotaScale: 1 });
  emu.setLatency(latency);
  const api = new SdkCodeArtifactApi({ region: 'us-west-2', endpoint: emu.endpoint, credentials: { accessKeyId: KEY, secretAccessKey: 'x' } });
  try {
    const jobs: VersionJob[] = Array.from({ length: shape.packages }, (_, p) => {
      const pkg: PackageRef = { domain: 'acme', domainOwner: OWNER, repository: 'dev', format: 'npm', namespace: 'acme', package: `pkg-${p}` };
      return { pkg, versions: Array.from({ length: shape.versionsEach }, (_, i) => `1.${Math.floor(i / 100)}.${i % 100}`) };
    });
    emu.resetStats();
    const started = performance.now();
    const writes = api.writes();
    const result = await runBulk(jobs, (job, versions) => writes.copyPackageVersions({ source: job.pkg, destinationRepository: 'prod', versions }), { perSecond: WRITE_RATES['CopyPackageVersions'], ...bulk });
    const wallMs = performance.now() - started;
    return {
      shape: shape.name,
      mode,
      versions: shape.packages * shape.versionsEach,
      copied: result.succeeded.length,
      failed: result.failed.length,
      requests: emu.stats.requests,
      peakConcurrency: emu.stats.peakConcurrent,
      wallMs: Math.round(wallMs),
      throttlingErrors: emu.stats.faults['quota'] ?? 0,
    };
  } finally {
    api.dispose();
    await emu.stop();
  }
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--latency');
  const latency = at >= 0 ? Number(process.argv[at + 1]) : 50;
  if (!Number.isInteger(latency) || latency < 0 || latency > 2000) throw new Error('--latency takes milliseconds 0..2000');
  const rows: Row[] = [];
  for (const shape of SHAPES) rows.push(await measure(shape, latency, 'rate-limited', {}));
  // For comparison: the same work without the client-side rate (the quota then throttles; those calls are retried).
  rows.push(await measure(SHAPES[1] as Shape, latency, 'no rate limit', { perSecond: 10_000 }));
  console.log(`Promote (CopyPackageVersions) at ${latency} ms emulator latency, documented quotas on (copy 5/s per account), concurrency 4, 100 versions per call`);
  console.table(rows);
  const bad = rows.filter((r) => r.mode === 'rate-limited' && (r.throttlingErrors > 0 || r.copied !== r.versions));
  if (bad.length > 0) {
    console.error(`FAIL: ${bad.map((r) => r.shape).join(', ')}: throttled or incomplete`);
    process.exitCode = 1;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
