// Writes the summary table of a run into docs/benchmarks.md, between two marker comments, with the machine and the
// exact command, so that the page and the last full run cannot drift apart. The rest of the page is prose, kept by hand.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/core/configFiles/fileWrite';

export const BEGIN = '<!-- bench:summary:begin (written by npm run bench) -->';
export const END = '<!-- bench:summary:end -->';

export interface DocsRun {
  summary: string;
  command: string;
  startedAt: Date;
  runs: number;
  machine: { cpus: number; cpuModel: string; node: string; loadAverage: number[]; awsCli: string; memoryGiB: number };
}

/** The block between the markers. */
export function summaryBlock(run: DocsRun): string {
  const m = run.machine;
  return [
    BEGIN,
    '',
    `Run ${run.startedAt.toISOString()}, \`${run.command}\` (after \`npm run package\`; median of ${run.runs} runs per figure, the host figures once).`,
    `Machine: \`nproc\` ${m.cpus} (${m.cpuModel}), ${m.memoryGiB} GiB, node ${m.node}, ${m.awsCli}; load average at start ${m.loadAverage.join(', ')}`,
    '(a shared machine: other engineers\' builds and tests run on the same 2 cores, so absolute times vary between runs; the ratios, taken in the same run, vary less).',
    '',
    '```',
    run.summary,
    '```',
    '',
    END,
  ].join('\n');
}

/** Replaces the block in docs/benchmarks.md; returns the file written, or undefined when the page has no markers. */
export async function writeSummaryIntoDocs(root: string, run: DocsRun): Promise<string | undefined> {
  const file = join(root, 'docs', 'benchmarks.md');
  const text = await readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  if (begin < 0 || end < begin) return undefined;
  await writeFileAtomic(file, `${text.slice(0, begin)}${summaryBlock(run)}${text.slice(end + END.length)}`);
  return file;
}
