// The bench's summary table (scripts/bench/summary.ts) and the block it writes into docs/benchmarks.md
// (scripts/bench/docs.ts): every figure beside its anchor with the right ratio, and nothing else of the page touched.
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BEGIN, END, writeSummaryIntoDocs } from '../../../scripts/bench/docs';
import type { HostResult } from '../../../scripts/bench/host';
import { summaryRows, summaryTable, type SummaryInput } from '../../../scripts/bench/summary';
import { makeTempDir, removeDir } from '../../integration/helpers';

const t = (median: number) => ({ median, min: median, max: median, runs: 1 });
const heap = (mib: number) => ({ kind: 'heap' as const, index: 1, host: 1, heapUsed: mib * 2 ** 20, heapTotal: 0, external: 0, rss: 0, collected: true });

function input(): SummaryInput {
  const host = {
    latencyMs: 0,
    heap: { atRest: heap(50), afterBrowsing: heap(80), afterHovers: heap(90), afterMoreHovers: heap(90) },
    browse: { packages: 10_000, loadMoreClicks: 12, ms: 1, requests: 25 },
    hovers: [{ kind: 'hovers', host: 2, hovers: 1000, answered: 1000, ms: 1, distinctDependencies: 200, firstRoundMs: 1, baselineMsPerHover: 7, requestMs: 1 }],
    latency: { kind: 'latency', host: 2, hostFetchMs: 12, transportMs: 4, hostHttpMs: 5, baselineMs: 7, coldMs: [100, 20, 22, 30], warmMs: 8, jsonHoverMs: 16, jsonFirstHoverMs: 900 },
  } as unknown as HostResult; // only the fields the summary reads
  return {
    latencies: [0],
    login: { pip: { 0: { ours: { time: t(20) }, oursProcess: { time: t(500) }, cli: { time: t(2000) } } } },
    explorer: { 0: { levels: [{ level: 'repositories', time: t(5) }], cli: [{ level: 'repositories', command: 'aws codeartifact list-repositories-in-domain --domain d --domain-owner 1 --query x', ms: 1000, server: { requests: 1 } }] } },
    host,
  };
}

describe('bench summary: every figure next to its anchor', () => {
  it('puts each figure beside its anchor with anchor ÷ ours, and the hover goals as differences', () => {
    const rows = summaryRows(input());
    const row = (figure: RegExp) => {
      const r = rows.find((x) => figure.test(x.figure));
      assert.ok(r, `a row for ${figure}`);
      return r;
    };
    assert.deepEqual(row(/configure pip @0 ms, in the editor/), { figure: 'configure pip @0 ms, in the editor', ours: '20.0 ms', anchor: 'aws codeartifact login --tool pip: 2000.0 ms', ratio: '100×' });
    assert.equal(row(/configure pip @0 ms, as a new process/).ratio, '4.0×');
    const expand = row(/expand a domain/);
    assert.equal(expand.anchor, 'aws codeartifact list-repositories-in-domain: 1000.0 ms (1 req.)', 'the command without its domain arguments');
    assert.equal(expand.ratio, '200×');
    // Cold: the median of the cold hovers after the very first (22), against one round trip (4).
    const cold = row(/^cold hover/);
    assert.match(cold.ours, /^22\.0 ms \(\+18\.0 over one round trip; \+11\.0 over it and VS Code's own hover\)$/);
    assert.equal(row(/warm hover in the host, our share/).ours, '+1.0 ms');
    assert.equal(row(/^warm hover in the host$/).anchor, "VS Code's JSON hover on a settings key: 16.0 ms");
    assert.equal(row(/heap after 10,000 tree rows/).ours, '80.0 MiB (+30.0 MiB)');
    assert.equal(row(/heap after 1,000 hovers/).ours, '90.0 MiB (+10.0 MiB)');
    assert.match(summaryTable(input()), /^figure +ours +anchor \(same run\) +ratio$/m);
  });

  it('rewrites only the block between the markers of docs/benchmarks.md', async () => {
    const root = await makeTempDir('bench-docs');
    try {
      await mkdir(join(root, 'docs'));
      const file = join(root, 'docs', 'benchmarks.md');
      const machine = { cpus: 2, cpuModel: 'CPU', node: 'v20', loadAverage: [1, 2, 3], awsCli: 'aws-cli/2', memoryGiB: 8 };
      const run = { summary: 'THE TABLE', command: 'npm run bench', startedAt: new Date('2026-01-01T00:00:00Z'), runs: 5, machine };
      await writeFile(file, 'no markers here\n');
      assert.equal(await writeSummaryIntoDocs(root, run), undefined, 'a page without markers is left alone');
      assert.equal(await readFile(file, 'utf8'), 'no markers here\n');
      await writeFile(file, `before\n${BEGIN}\nold\n${END}\nafter\n`);
      await writeSummaryIntoDocs(root, run);
      await writeSummaryIntoDocs(root, { ...run, summary: 'NEW TABLE' });
      const text = await readFile(file, 'utf8');
      assert.ok(text.startsWith(`before\n${BEGIN}\n`) && text.endsWith(`${END}\nafter\n`), text);
      assert.ok(text.includes('NEW TABLE') && !text.includes('THE TABLE') && !text.includes('old'), 'replaced, once');
      assert.match(text, /`npm run bench`.*load average at start 1, 2, 3|load average at start 1, 2, 3/s);
    } finally {
      await removeDir(root);
    }
  });
});
