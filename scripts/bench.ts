// `npm run bench`: the numbers behind our claims, measured against the local emulator at several latencies,
// printed as tables and written as JSON to bench-results/ (git-ignored). See docs/benchmarks.md.
//   npm run bench -- --runs 7 --latencies 0,50,200 --only explorer,login,versions,footprint,host,requirements
import { benchPackageJsonParse } from './benchManifests';
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import * as os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeFileAtomic } from '../src/core/configFiles/fileWrite';
import { DEFAULT_PAGE_SIZES } from '../src/explorer/model';
import { repoRoot } from '../test/e2e/provision';
import { startEmulator, type Emulator } from '../test/emulator/server';
import { cliListings, type CliListing } from './bench/cliListing';
import { hostBench, hostTable, type HostResult } from './bench/host';
import { explorerWalk, LEVELS, type LevelName, type LevelRun } from './bench/explorer';
import { bundleSize, seedLoadMs, type BundleSize } from './bench/footprint';
import { versionsBench, versionsTable, type VersionsRow } from './bench/versions';
import { requirementsBench, requirementsTable, type RequirementsBench } from './bench/requirements';
import { describeOperations, ms, repeat, summarize, table, type Summary } from './bench/measure';
import { AWS_CLI, cliLogin, cliStartup, ourLogin, ourLoginProcess, TOOLS, type LoginRun, type Tool } from './bench/login';
import { writeSummaryIntoDocs } from './bench/docs';
import { summaryRows, summaryTable, type SummaryInput } from './bench/summary';
import { benchSeed, BIG_REPOSITORY, PACKAGE_COUNT } from './bench/seed';
import { pomParseLine } from './benchPom';

const SECTIONS = ['explorer', 'login', 'versions', 'footprint', 'host', 'requirements'] as const;
type Section = (typeof SECTIONS)[number];

interface Options {
  runs: number;
  latencies: number[];
  only: Set<Section>;
}

/** Per section and latency: stop starting new runs after this long. */
const BUDGET_MS = 120_000;
/** The whole benchmark, whatever happens. */
const HARD_LIMIT_MS = 30 * 60_000;
/** One explorer walk. */
const WALK_TIMEOUT_MS = 60_000;

function usage(problem: string): never {
  console.error(`${problem}\nUsage: npm run bench -- [--runs 1..50] [--latencies 0,50,200] [--only ${SECTIONS.join(',')}]\n       node out/scripts/bench.js --summary-from bench-results/latest.json`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): Options {
  const opts: Options = { runs: 7, latencies: [0, 50, 200], only: new Set(SECTIONS) };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => inline ?? argv[++i] ?? usage(`${flag} needs a value.`);
    switch (flag) {
      case '--runs': {
        const n = Number(value());
        if (!Number.isInteger(n) || n < 1 || n > 50) usage('--runs takes a whole number from 1 to 50.');
        opts.runs = n;
        break;
      }
      case '--latencies': {
        const list = value().split(',').map((s) => Number(s.trim()));
        if (list.length === 0 || list.length > 6 || list.some((n) => !Number.isInteger(n) || n < 0 || n > 2000)) usage('--latencies takes up to 6 comma-separated milliseconds, each 0..2000.');
        opts.latencies = list;
        break;
      }
      case '--only': {
        const list = value().split(',').map((s) => s.trim());
        const unknown = list.filter((s) => !(SECTIONS as readonly string[]).includes(s));
        if (unknown.length) usage(`--only: unknown section ${unknown.join(', ')}.`);
        opts.only = new Set(list as Section[]);
        break;
      }
      default:
        usage(`Unknown argument ${arg}.`);
    }
  }
  return opts;
}

function machine() {
  const awsVersion = (() => {
    try {
      return execFileSync(AWS_CLI, ['--version'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, AWS_PAGER: '' } }).trim();
    } catch {
      return 'not available';
    }
  })();
  return {
    cpus: os.availableParallelism(),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiB: Math.round((os.freemem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    /** 1, 5 and 15 minute load averages at the start: a busy machine explains noisy numbers. */
    loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
    node: process.version,
    awsCli: awsVersion,
  };
}

// ---------------------------------------------------------------------------------------------- explorer

interface LevelSummary {
  level: LevelName;
  time: Summary;
  /** Physical floor: round trips × latency. */
  floorMs: number;
  apiCalls: number[];
  roundTrips: number[];
  requests: number[];
  operations: Record<string, number>;
  peakConcurrent: number;
  shown: number;
  itemsFetched: number;
  hasMore?: boolean;
}

const distinct = (values: number[]) => [...new Set(values)].sort((a, b) => a - b);
const range = (values: number[]) => (values.length > 1 ? `${values[0]}–${values[values.length - 1]}` : String(values[0] ?? '–'));

function summarizeLevels(latency: number, walks: LevelRun[][]): LevelSummary[] {
  return LEVELS.map((level) => {
    const runs = walks.map((w) => w.find((r) => r.level === level)).filter((r): r is LevelRun => r !== undefined);
    const first = runs[0];
    const roundTrips = distinct(runs.map((r) => r.roundTrips));
    return {
      level,
      time: summarize(runs.map((r) => r.ms)),
      floorMs: Math.max(...roundTrips) * latency,
      apiCalls: distinct(runs.map((r) => r.apiCalls)),
      roundTrips,
      requests: distinct(runs.map((r) => r.server.requests)),
      operations: first?.server.operations ?? {},
      peakConcurrent: Math.max(...runs.map((r) => r.server.peakConcurrent)),
      shown: first?.shown ?? 0,
      itemsFetched: first?.itemsFetched ?? 0,
      ...(first?.hasMore === undefined ? {} : { hasMore: first.hasMore }),
    };
  });
}

async function benchExplorer(emu: Emulator, opts: Options) {
  const byLatency: Record<string, { runs: number; stoppedByBudget: boolean; levels: LevelSummary[]; cli: CliListing[] }> = {};
  for (const latency of opts.latencies) {
    process.stdout.write(`  explorer at ${latency} ms latency …`);
    const { results, stoppedByBudget } = await repeat(opts.runs, BUDGET_MS, () => explorerWalk(emu, latency, AbortSignal.timeout(WALK_TIMEOUT_MS)));
    // The anchors, in the same run: the AWS CLI listing the same levels.
    const cli = await cliListings(emu, latency);
    byLatency[latency] = { runs: results.length, stoppedByBudget, levels: summarizeLevels(latency, results), cli };
    process.stdout.write(` ${results.length} walks\n`);
  }
  return byLatency;
}

function explorerTable(opts: Options, byLatency: Awaited<ReturnType<typeof benchExplorer>>): string {
  const base = byLatency[String(opts.latencies[0])]?.levels ?? [];
  const header = ['level', 'requests (by operation)', 'in sequence', 'peak', 'items', ...opts.latencies.map((l) => `@${l} ms: ready (floor)`)];
  const rows = base.map((lvl) => {
    const requests = distinct(opts.latencies.flatMap((l) => byLatency[l]?.levels.find((x) => x.level === lvl.level)?.requests ?? []));
    const trips = distinct(opts.latencies.flatMap((l) => byLatency[l]?.levels.find((x) => x.level === lvl.level)?.roundTrips ?? []));
    // At 0 ms the in-process emulator may answer one request before it reads the next: take the highest.
    const peak = Math.max(...opts.latencies.map((l) => byLatency[l]?.levels.find((x) => x.level === lvl.level)?.peakConcurrent ?? 0));
    const items = lvl.hasMore === undefined ? String(lvl.itemsFetched) : `${lvl.itemsFetched}${lvl.hasMore ? ' +more' : ''}`;
    return [
      lvl.level,
      `${range(requests)}: ${describeOperations(lvl.operations)}`,
      range(trips),
      String(peak),
      items,
      ...opts.latencies.map((l) => {
        const s = byLatency[l]?.levels.find((x) => x.level === lvl.level);
        return s ? `${ms(s.time.median)} (${s.floorMs})` : '–';
      }),
    ];
  });
  return table(header, rows, ['l', 'l', 'r', 'r', 'r', ...opts.latencies.map(() => 'r' as const)]);
}

/** Our levels next to the AWS CLI listing the same level (scripts/bench/cliListing.ts), per latency. */
function cliAnchorTable(opts: Options, byLatency: Awaited<ReturnType<typeof benchExplorer>>): string {
  const rows = opts.latencies.flatMap((l) =>
    (byLatency[l]?.cli ?? []).map((cli) => {
      const ours = byLatency[l]?.levels.find((x) => x.level === cli.level);
      return [
        `${l} ms`,
        cli.level,
        ours ? `${range(ours.requests)}: ${describeOperations(ours.operations)}` : '–',
        ours ? ms(ours.time.median) : '–',
        cli.command.replace(/ --(domain|domain-owner|repository) \S+/g, ''),
        `${cli.server.requests}: ${describeOperations(cli.server.operations)}`,
        ms(cli.ms),
        String(cli.items.length),
      ];
    }),
  );
  return table(['latency', 'level', 'ours: requests', 'ours ms', 'anchor: AWS CLI (same domain/repository)', 'CLI requests', 'CLI ms (1 run)', 'CLI items'], rows, ['r', 'l', 'l', 'r', 'l', 'l', 'r', 'r']);
}

/** The claim of issue 4: the first level of a 10,000-package listing is one call returning one page. */
function checkOneCall(byLatency: Awaited<ReturnType<typeof benchExplorer>>): { ok: boolean; text: string } {
  const levels = Object.values(byLatency).map((b) => b.levels.find((l) => l.level === 'packages, first page'));
  const ok = levels.every((l) => l !== undefined && l.requests.length === 1 && l.requests[0] === 1 && l.operations.ListPackages === 1 && l.itemsFetched <= DEFAULT_PAGE_SIZES.packages && l.hasMore === true);
  const l = levels[0];
  const text = ok
    ? `One call, not an enumeration: opening npm in "${BIG_REPOSITORY}" (${PACKAGE_COUNT.toLocaleString('en-US')} packages) sent 1 ListPackages request and got ${l?.itemsFetched ?? '?'} packages plus a next-page token, at every latency.`
    : `NOT one call: opening npm in "${BIG_REPOSITORY}" sent ${range(l?.requests ?? [])} requests (${describeOperations(l?.operations ?? {})}) for ${l?.itemsFetched ?? '?'} packages.`;
  return { ok, text };
}

// ---------------------------------------------------------------------------------------------- npm sign-in

interface SideSummary {
  time: Summary;
  requests: number[];
  operations: Record<string, number>;
  peakConcurrent: number;
}

interface LoginSummary {
  /** In the running process, as in the extension host; apiTime = until token and endpoint were in hand. */
  ours: SideSummary & { apiTime: Summary };
  /** The same in a new Node process: start-up paid as the CLI pays it. */
  oursProcess: SideSummary;
  cli: SideSummary;
  /** CLI median ÷ ours median. */
  ratio: number;
  ratioProcess: number;
  stoppedByBudget: boolean;
}

function side(runs: readonly LoginRun[]): SideSummary {
  return {
    time: summarize(runs.map((r) => r.ms)),
    requests: distinct(runs.map((r) => r.server.requests)),
    operations: runs[0]?.server.operations ?? {},
    peakConcurrent: Math.max(...runs.map((r) => r.server.peakConcurrent)),
  };
}

async function benchLogin(emu: Emulator, opts: Options) {
  const cliStart = await repeat(opts.runs, BUDGET_MS, () => cliStartup());
  const byTool: Partial<Record<Tool, Record<string, LoginSummary>>> = {};
  for (const tool of TOOLS) {
    const byLatency: Record<string, LoginSummary> = {};
    for (const latency of opts.latencies) {
      process.stdout.write(`  ${tool} sign-in at ${latency} ms latency …`);
      // Alternate the three so that drift on the machine hits all alike.
      const { results, stoppedByBudget } = await repeat(opts.runs, BUDGET_MS, async () => ({
        ours: await ourLogin(emu, tool, latency),
        oursProcess: await ourLoginProcess(emu, tool, latency),
        cli: await cliLogin(emu, tool, latency),
      }));
      const ours = results.map((r) => r.ours);
      const summary = { ...side(ours), apiTime: summarize(ours.map((r) => r.apiMs ?? Number.NaN)) };
      const oursProcess = side(results.map((r) => r.oursProcess));
      const cli = side(results.map((r) => r.cli));
      const ratio = (a: Summary, b: Summary) => Math.round((a.median / b.median) * 10) / 10;
      byLatency[latency] = { ours: summary, oursProcess, cli, ratio: ratio(cli.time, summary.time), ratioProcess: ratio(cli.time, oursProcess.time), stoppedByBudget };
      process.stdout.write(` ${results.length} runs each\n`);
    }
    byTool[tool] = byLatency;
  }
  return { cliStartup: summarize(cliStart.results), byTool };
}

function loginTable(opts: Options, byLatency: Record<string, LoginSummary>): string {
  const spread = (t: Summary) => `[${Math.round(t.min)}–${Math.round(t.max)}]`;
  const header = ['latency', 'ours in editor: total (API) [min–max]', 'ours as new process', 'requests (peak)', 'aws CLI', 'requests (peak)', 'CLI ÷ ours: editor, process'];
  const rows = opts.latencies.map((l) => {
    const s = byLatency[l];
    if (!s) return [`${l} ms`, '–', '–', '–', '–', '–', '–'];
    return [
      `${l} ms`,
      `${ms(s.ours.time.median)} (${ms(s.ours.apiTime.median)}) ${spread(s.ours.time)}`,
      `${ms(s.oursProcess.time.median)} ${spread(s.oursProcess.time)}`,
      `${range(s.ours.requests)} (${s.ours.peakConcurrent})`,
      `${ms(s.cli.time.median)} ${spread(s.cli.time)}`,
      `${range(s.cli.requests)} (${s.cli.peakConcurrent})`,
      `${s.ratio}×, ${s.ratioProcess}×`,
    ];
  });
  return table(header, rows, ['r', 'r', 'r', 'r', 'r', 'r', 'r']);
}

// ---------------------------------------------------------------------------------------------- main

/**
 * `--summary-from bench-results/X.json`: rebuilds the summary table of a recorded run and writes it into
 * docs/benchmarks.md again (after a change to how the table reads, without measuring everything again).
 */
async function summaryFrom(file: string): Promise<void> {
  const run = JSON.parse(await readFile(file, 'utf8')) as { startedAt: string; command: string; machine: ReturnType<typeof machine>; options: { runs: number; latencies: number[] }; explorer?: SummaryInput['explorer']; login?: { byTool: SummaryInput['login'] }; host?: HostResult };
  const input: SummaryInput = { latencies: run.options.latencies, ...(run.explorer ? { explorer: run.explorer } : {}), ...(run.login ? { login: run.login.byTool } : {}), ...(run.host ? { host: run.host } : {}) };
  const summary = summaryTable(input);
  console.log(summary);
  const docsFile = await writeSummaryIntoDocs(repoRoot(__dirname), { summary, command: run.command, startedAt: new Date(run.startedAt), machine: run.machine, runs: run.options.runs });
  if (docsFile) console.log(`Summary of the run of ${run.startedAt} written to ${docsFile}.`);
}

async function main(): Promise<void> {
  const from = process.argv.indexOf('--summary-from');
  if (from >= 0) return summaryFrom(process.argv[from + 1] ?? usage('--summary-from needs a results file.'));
  const opts = parseArgs(process.argv.slice(2));
  const hardLimit = setTimeout(() => {
    console.error(`The benchmark ran longer than ${HARD_LIMIT_MS / 60_000} minutes; stopping.`);
    process.exit(1);
  }, HARD_LIMIT_MS);
  hardLimit.unref();

  const root = repoRoot(__dirname);
  const startedAt = new Date();
  const info = machine();
  console.log(`CodeArtifact Explorer benchmarks — ${startedAt.toISOString()}`);
  console.log(`${info.cpus} CPUs (${info.cpuModel}), ${info.memoryGiB} GiB RAM, ${info.os}, node ${info.node}, ${info.awsCli}`);
  console.log(`load average ${info.loadAverage.join(', ')}`);
  console.log(`median of ${opts.runs} runs per figure, latencies ${opts.latencies.join(', ')} ms\n`);

  const seed = benchSeed();
  let footprint: { bundle: BundleSize; seedLoad: Summary; packageJson: ReturnType<typeof benchPackageJsonParse> } | undefined;
  if (opts.only.has('footprint')) {
    process.stdout.write('  bundle and seed load …');
    // Seed first: esbuild's service process would compete for the CPU.
    const seedRuns = await repeat(opts.runs, BUDGET_MS, () => Promise.resolve(seedLoadMs(seed)));
    const bundle = await bundleSize(root);
    // Before anything else parses a package.json, so the first parse is a cold one.
    const packageJson = benchPackageJsonParse();
    footprint = { bundle, seedLoad: summarize(seedRuns.results), packageJson };
    process.stdout.write(' done\n');
  }

  let explorer: Awaited<ReturnType<typeof benchExplorer>> | undefined;
  let login: Awaited<ReturnType<typeof benchLogin>> | undefined;
  let emulatorStartMs: number | undefined;
  if (opts.only.has('explorer') || opts.only.has('login')) {
    const t0 = performance.now();
    const emu = await startEmulator({ seed, port: 0 });
    emulatorStartMs = performance.now() - t0;
    try {
      // One unrecorded pass, so that the first measured run does not pay for loading and compiling code.
      await explorerWalk(emu, 0, AbortSignal.timeout(WALK_TIMEOUT_MS));
      for (const tool of TOOLS) await ourLogin(emu, tool, 0);
      if (opts.only.has('explorer')) explorer = await benchExplorer(emu, opts);
      if (opts.only.has('login')) login = await benchLogin(emu, opts);
    } finally {
      await emu.stop();
    }
  }

  const versions: { latency: number; rows: VersionsRow[] }[] = [];
  if (opts.only.has('versions')) {
    // Its own small emulator per latency: a fresh cache and fresh counters for every scenario.
    for (const latency of opts.latencies) versions.push({ latency, rows: await versionsBench(latency) });
  }

  // Pure parsing, no emulator: before anything else has warmed the caches it measures.
  const requirements: RequirementsBench | undefined = opts.only.has('requirements') ? requirementsBench() : undefined;

  let host: HostResult | undefined;
  if (opts.only.has('host')) {
    // Real VS Code is slow to start and its figures do not depend on latency: one run, at the first latency.
    const latency = opts.latencies[0] ?? 0;
    host = await hostBench(latency, (text) => process.stdout.write(`  host @${latency} ms: ${text}\n`));
  }

  const out: string[] = [];
  let failed = false;
  if (explorer) {
    const check = checkOneCall(explorer);
    failed ||= !check.ok;
    out.push(
      `Explorer: repository "${BIG_REPOSITORY}" with ${PACKAGE_COUNT.toLocaleString('en-US')} npm packages; page sizes ${DEFAULT_PAGE_SIZES.packages} packages, ${DEFAULT_PAGE_SIZES.versions} versions.`,
      'requests = HTTP round trips the emulator saw; in sequence = round trips one after another (parallel ones count once);',
      'peak = most requests in flight at once; ready = median ms until the level\'s nodes are built; floor = in sequence × latency.',
      explorerTable(opts, explorer),
      check.text,
      '',
      `Anchor: which formats "${BIG_REPOSITORY}" holds, ours (the repository level above, median) vs the AWS CLI listing the same repository (one run each).`,
      cliAnchorTable(opts, explorer),
      '',
    );
  }
  if (login) {
    for (const [tool, byLatency] of Object.entries(login.byTool)) {
      out.push(`Sign in and configure ${tool} (token + endpoint + files), ours vs ${AWS_CLI} codeartifact login --tool ${tool}; median ms.`, loginTable(opts, byLatency ?? {}), '');
    }
    out.push(`aws --version alone (Python and CLI start-up, no network): ${ms(login.cliStartup.median)} ms.`, '');
  }
  for (const { latency, rows } of versions) out.push(versionsTable(latency, rows), '');
  if (requirements) out.push(requirementsTable(requirements), '');
  if (footprint) {
    const b = footprint.bundle;
    out.push(
      'Activation footprint',
      table(
        ['what', 'value'],
        [
          ['bundle, production build of src/ (bytes)', b.bytes.toLocaleString('en-US')],
          ['bundle, gzip -9 (bytes)', b.gzipBytes.toLocaleString('en-US')],
          ...b.byOrigin.slice(0, 6).map((o) => [`  of which ${o.origin} (bytes)`, o.bytes.toLocaleString('en-US')]),
          ...(b.dist ? [[`dist/extension.js on disk, ${b.dist.sourceMap ? 'development' : 'production'} build of ${b.dist.modified} (bytes)`, b.dist.bytes.toLocaleString('en-US')]] : []),
          [`emulator seed load, ${PACKAGE_COUNT.toLocaleString('en-US')} packages (ms, median)`, ms(footprint.seedLoad.median)],
          ...(emulatorStartMs === undefined ? [] : [['emulator start with that seed, once (ms)', ms(emulatorStartMs)]]),
          ['package.json with 1,000 dependencies, first parse (ms)', ms(footprint.packageJson.firstMs)],
          ['  the same, re-parsed after a one-character edit (ms)', ms(footprint.packageJson.reparseMs)],
        ],
        ['l', 'r'],
      ),
      '',
    );
  }
  if (host) {
    const table = hostTable(host);
    failed ||= !table.ok;
    out.push(table.text, '');
  }
  if (footprint) out.push(pomParseLine(opts.runs), '');
  const summaryInput: SummaryInput = { latencies: opts.latencies, ...(explorer ? { explorer } : {}), ...(login ? { login: login.byTool } : {}), ...(host ? { host } : {}) };
  const summary = summaryTable(summaryInput);
  const command = ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
  console.log(`\n${out.join('\n')}`);
  console.log(`Every figure next to its anchor, measured in this run (ratio: anchor ÷ ours unless the row says otherwise; above 1× = ours is faster or smaller):\n${summary}\n`);
  const docsFile = await writeSummaryIntoDocs(root, { summary, command, startedAt, machine: info, runs: opts.runs });
  if (docsFile) console.log(`Summary written to ${docsFile}.`);

  const resultsDir = join(root, 'bench-results');
  const stamp = startedAt.toISOString().replace(/[:.]/g, '-');
  const json = JSON.stringify({ schema: 2, startedAt: startedAt.toISOString(), command, machine: info, options: { ...opts, only: [...opts.only] }, explorer, login, summary: summaryRows(summaryInput), versions, requirements, footprint: footprint && { ...footprint, emulatorStartMs }, host }, null, 2);
  await writeFileAtomic(join(resultsDir, `bench-${stamp}.json`), `${json}\n`);
  await writeFileAtomic(join(resultsDir, 'latest.json'), `${json}\n`);
  console.log(`Results: bench-results/bench-${stamp}.json (also bench-results/latest.json)`);
  if (failed) process.exitCode = 1;
}

main().then(
  () => process.exit(),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
