// The one table of `npm run bench` a reader looks at first: every figure next to its anchor, measured in the same
// run (figure, ours, anchor, ratio). The anchors are what a user would otherwise use or already pays: the AWS CLI
// for configure and listing, VS Code's own hovers and one HTTP round trip for hovers, the host's heap at rest for
// memory. The detailed tables stay below it in the output.
import type { HostResult } from './host';
import { ms, table } from './measure';
import type { Summary } from './measure';
import type { Tool } from './login';

export interface SummaryInput {
  latencies: readonly number[];
  /** Per latency, per explorer level: our median, and the CLI's anchor listing of the same level. */
  explorer?: Record<string, { levels: { level: string; time: Summary }[]; cli: { level: string; command: string; ms: number; server: { requests: number } }[] }>;
  /** Per tool, per latency: our median in the editor, in a new process, and the CLI's. */
  login?: Partial<Record<Tool, Record<string, { ours: { time: Summary }; oursProcess: { time: Summary }; cli: { time: Summary } }>>>;
  host?: HostResult;
}

export interface SummaryRow {
  figure: string;
  ours: string;
  anchor: string;
  /** Anchor ÷ ours for costs (above 1: we are faster), or ours ÷ anchor where said. */
  ratio: string;
}

const times = (a: number, b: number): string => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(a / b >= 10 ? 0 : 1)}×` : '–');
/** A difference with its sign (a typographic minus), as the tables print growth. */
const signed = (n: number): string => (n >= 0 ? `+${ms(n)}` : `−${ms(-n)}`);
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** Which explorer level a person expands, and how the summary names it. */
const EXPANSIONS: readonly [level: string, figure: string][] = [
  ['repositories', 'expand a domain → its repositories'],
  ['repository (formats)', 'expand a repository → its formats (10,000 packages)'],
  ['packages, first page', 'expand npm → the first page of packages'],
];

function loginRows(input: SummaryInput): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const [tool, byLatency] of Object.entries(input.login ?? {})) {
    for (const l of input.latencies) {
      const s = byLatency?.[l];
      if (!s) continue;
      rows.push({ figure: `configure ${tool} @${l} ms, in the editor`, ours: `${ms(s.ours.time.median)} ms`, anchor: `aws codeartifact login --tool ${tool}: ${ms(s.cli.time.median)} ms`, ratio: times(s.cli.time.median, s.ours.time.median) });
      rows.push({ figure: `configure ${tool} @${l} ms, as a new process`, ours: `${ms(s.oursProcess.time.median)} ms`, anchor: 'the same CLI run', ratio: times(s.cli.time.median, s.oursProcess.time.median) });
    }
  }
  return rows;
}

function explorerRows(input: SummaryInput): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const l of input.latencies) {
    const b = input.explorer?.[l];
    if (!b) continue;
    for (const [level, figure] of EXPANSIONS) {
      const ours = b.levels.find((x) => x.level === level);
      const cli = b.cli.find((x) => x.level === level);
      if (!ours || !cli) continue;
      const command = cli.command.replace(/ --(domain|domain-owner|repository|query) \S+/g, '');
      rows.push({ figure: `${figure} @${l} ms`, ours: `${ms(ours.time.median)} ms`, anchor: `${command}: ${ms(cli.ms)} ms (${cli.server.requests} req.)`, ratio: times(cli.ms, ours.time.median) });
    }
  }
  return rows;
}

function hostRows(r: HostResult): SummaryRow[] {
  const lat = r.latency;
  const cold = median(lat.coldMs.slice(1));
  const roundTrip = lat.transportMs;
  const heap = r.heap;
  const hovers = r.hovers[0]?.hovers ?? 0;
  return [
    {
      figure: `cold hover in the host @${r.latencyMs} ms (goal: one round trip + < 10 ms; ratio: ours ÷ anchor)`,
      ours: `${ms(cold)} ms (${signed(cold - roundTrip)} over one round trip; ${signed(cold - roundTrip - lat.baselineMs)} over it and VS Code's own hover)`,
      anchor: `one round trip host → emulator: ${ms(roundTrip)} ms`,
      ratio: times(cold, roundTrip),
    },
    ...(lat.typedColdMs?.length
      ? [(() => {
          const typed = median(lat.typedColdMs);
          return {
            figure: 'cold hover of a dependency typed into an analysed manifest (ratio: ours ÷ anchor)',
            ours: `${ms(typed)} ms (${signed(typed - roundTrip)} over one round trip; ${signed(typed - roundTrip - lat.baselineMs)} over it and VS Code's own hover)`,
            anchor: `one round trip: ${ms(roundTrip)} ms`,
            ratio: times(typed, roundTrip),
          };
        })()]
      : []),
    { figure: 'the very first hover, + endpoint and token (ratio: ours ÷ anchor)', ours: `${ms(lat.coldMs[0] ?? Number.NaN)} ms`, anchor: `one round trip: ${ms(roundTrip)} ms`, ratio: times(lat.coldMs[0] ?? Number.NaN, roundTrip) },
    { figure: 'warm hover in the host, our share: minus a hover nobody answers (goal: < 2 ms)', ours: `${signed(lat.warmMs - lat.baselineMs)} ms`, anchor: 'the goal: 2 ms', ratio: times(2, lat.warmMs - lat.baselineMs) },
    { figure: 'warm hover in the host', ours: `${ms(lat.warmMs)} ms`, anchor: `VS Code's JSON hover on a settings key: ${ms(lat.jsonHoverMs)} ms`, ratio: times(lat.jsonHoverMs, lat.warmMs) },
    { figure: 'warm hover in the host, against no answer', ours: `${ms(lat.warmMs)} ms`, anchor: `a hover nobody answers: ${ms(lat.baselineMs)} ms`, ratio: times(lat.baselineMs, lat.warmMs) },
    { figure: 'one HTTP request host → emulator, our transport', ours: `${ms(lat.transportMs)} ms`, anchor: `VS Code's fetch: ${ms(lat.hostFetchMs)} ms`, ratio: times(lat.hostFetchMs, lat.transportMs) },
    {
      figure: `host heap after ${r.browse.packages.toLocaleString('en-US')} tree rows (ratio: ours ÷ anchor)`,
      ours: `${mib(heap.afterBrowsing.heapUsed)} (+${mib(heap.afterBrowsing.heapUsed - heap.atRest.heapUsed)})`,
      anchor: `host heap at rest, signed in: ${mib(heap.atRest.heapUsed)}`,
      ratio: times(heap.afterBrowsing.heapUsed, heap.atRest.heapUsed),
    },
    {
      figure: `host heap after ${hovers.toLocaleString('en-US')} hovers (ratio: ours ÷ anchor)`,
      ours: `${mib(heap.afterHovers.heapUsed)} (${heap.afterHovers.heapUsed >= heap.afterBrowsing.heapUsed ? '+' : '−'}${mib(Math.abs(heap.afterHovers.heapUsed - heap.afterBrowsing.heapUsed))})`,
      anchor: `before the hovers: ${mib(heap.afterBrowsing.heapUsed)}`,
      ratio: times(heap.afterHovers.heapUsed, heap.afterBrowsing.heapUsed),
    },
  ];
}

export function summaryRows(input: SummaryInput): SummaryRow[] {
  return [...loginRows(input), ...explorerRows(input), ...(input.host ? hostRows(input.host) : [])];
}

/** The table as text; ratio = anchor ÷ ours unless the figure says otherwise (above 1×: ours is faster). */
export function summaryTable(input: SummaryInput): string {
  const rows = summaryRows(input);
  return table(['figure', 'ours', 'anchor (same run)', 'ratio'], rows.map((r) => [r.figure, r.ours, r.anchor, r.ratio]), ['l', 'r', 'l', 'r']);
}
