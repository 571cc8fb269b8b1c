// The anchor for the explorer's "repository (formats)" level: the AWS CLI answering the same question (which
// formats does the repository hold?) with `aws codeartifact list-packages`, which pages through every package
// (at its largest page, 1,000), against the same emulator at the same latency. One run per latency: the CLI's
// cost is its start-up plus one round trip per page.
import { performance } from 'node:perf_hooks';
import { clientEnv, describe as describeRun, makeTempDir, removeDir, run } from '../../test/integration/helpers';
import type { Emulator } from '../../test/emulator/server';
import { serverCounts, type ServerCounts } from './measure';
import { AWS_CLI } from './npmLogin';
import { BENCH_ACCESS_KEY, BENCH_DOMAIN, BENCH_OWNER, BENCH_REGION, BIG_REPOSITORY } from './seed';

export interface CliListing {
  latencyMs: number;
  ms: number;
  server: ServerCounts;
  formats: string[];
}

export async function cliListPackages(emu: Emulator, latencyMs: number): Promise<CliListing> {
  const home = await makeTempDir('bench-cli-list');
  try {
    const env = clientEnv(home, { AWS_ACCESS_KEY_ID: BENCH_ACCESS_KEY, AWS_SECRET_ACCESS_KEY: 'bench-secret', AWS_DEFAULT_REGION: BENCH_REGION, AWS_PAGER: '' });
    const args = ['codeartifact', 'list-packages', '--domain', BENCH_DOMAIN, '--domain-owner', BENCH_OWNER, '--repository', BIG_REPOSITORY, '--page-size', '1000', '--query', 'packages[].format', '--output', 'text', '--endpoint-url', emu.endpoint];
    emu.setLatency(latencyMs);
    emu.resetStats();
    const started = performance.now();
    const result = await run(AWS_CLI, args, { env, timeoutMs: 120_000 });
    const ms = performance.now() - started;
    const server = serverCounts(emu);
    if (result.code !== 0) throw new Error(`aws codeartifact list-packages failed: ${describeRun(result, [], 1500)}`);
    const formats = [...new Set(result.stdout.split(/\s+/).filter((f) => f !== ''))].sort();
    return { latencyMs, ms, server, formats };
  } finally {
    await removeDir(home);
  }
}
