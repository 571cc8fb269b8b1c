// The anchors for the explorer's levels: the AWS CLI listing the same level against the same emulator at the same
// latency. One run per level and latency: the CLI's cost is its start-up plus one round trip per page.
//  - repositories: `list-repositories-in-domain` (the domain's level);
//  - repository (formats): `list-packages --page-size 1000` paging through every package (which formats are there?);
//  - packages, first page: `list-packages --format npm --max-items <page>` (the first page of the npm level).
import { performance } from 'node:perf_hooks';
import { DEFAULT_PAGE_SIZES } from '../../src/explorer/model';
import { clientEnv, describe as describeRun, makeTempDir, removeDir, run } from '../../test/integration/helpers';
import type { Emulator } from '../../test/emulator/server';
import type { LevelName } from './explorer';
import { serverCounts, type ServerCounts } from './measure';
import { AWS_CLI } from './login';
import { BENCH_ACCESS_KEY, BENCH_DOMAIN, BENCH_OWNER, BENCH_REGION, BIG_REPOSITORY } from './seed';

export interface CliListing {
  latencyMs: number;
  /** The explorer level this listing is the anchor of. */
  level: LevelName;
  command: string;
  ms: number;
  server: ServerCounts;
  /** What the CLI printed, one word per item (formats, repository names, package names). */
  items: string[];
}

const domainArgs = ['--domain', BENCH_DOMAIN, '--domain-owner', BENCH_OWNER];
const repoArgs = [...domainArgs, '--repository', BIG_REPOSITORY];

/** The CLI invocation for each anchored level. */
export const CLI_LISTINGS: readonly { level: LevelName; args: string[] }[] = [
  { level: 'repositories', args: ['list-repositories-in-domain', ...domainArgs, '--query', 'repositories[].name'] },
  { level: 'repository (formats)', args: ['list-packages', ...repoArgs, '--page-size', '1000', '--query', 'packages[].format'] },
  { level: 'packages, first page', args: ['list-packages', ...repoArgs, '--format', 'npm', '--max-items', String(DEFAULT_PAGE_SIZES.packages), '--query', 'packages[].package'] },
];

export async function cliList(emu: Emulator, latencyMs: number, level: LevelName, args: readonly string[]): Promise<CliListing> {
  const home = await makeTempDir('bench-cli-list');
  try {
    const env = clientEnv(home, { AWS_ACCESS_KEY_ID: BENCH_ACCESS_KEY, AWS_SECRET_ACCESS_KEY: 'bench-secret', AWS_DEFAULT_REGION: BENCH_REGION, AWS_PAGER: '' });
    const full = ['codeartifact', ...args, '--output', 'text', '--endpoint-url', emu.endpoint];
    emu.setLatency(latencyMs);
    emu.resetStats();
    const started = performance.now();
    const result = await run(AWS_CLI, full, { env, timeoutMs: 120_000 });
    const ms = performance.now() - started;
    const server = serverCounts(emu);
    if (result.code !== 0) throw new Error(`aws codeartifact ${args[0] ?? ''} failed: ${describeRun(result, [], 1500)}`);
    // --max-items adds the next token to the text output (a `None` line under --query): not an item.
    const items = result.stdout.split('\n').filter((line) => !/^(NEXTTOKEN\b|None$)/.test(line.trim())).join(' ').split(/\s+/).filter((f) => f !== '');
    if (items.length === 0) throw new Error(`aws codeartifact ${args[0] ?? ''} listed nothing`);
    return { latencyMs, level, command: `aws codeartifact ${args.join(' ')}`, ms, server, items };
  } finally {
    await removeDir(home);
  }
}

/** Every anchored level once, at one latency. */
export async function cliListings(emu: Emulator, latencyMs: number): Promise<CliListing[]> {
  const out: CliListing[] = [];
  for (const { level, args } of CLI_LISTINGS) out.push(await cliList(emu, latencyMs, level, args));
  return out;
}
