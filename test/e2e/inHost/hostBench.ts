// The in-host half of `npm run bench -- --only host`: runs inside code-server's extension host (loaded by the test
// driver when CODEARTIFACT_BENCH_DIR is set) and measures what only the host can see: how long our extension's
// activation takes, and the host's heap. Every measurement is appended as one JSON line to
// <CODEARTIFACT_BENCH_DIR>/samples.jsonl, which the bench (scripts/bench/host.ts) reads.
//
// The bench restarts the extension host once (after signing in and configuring npm through the UI), so this module
// runs twice: the first host measures a signed-out activation, the second a signed-in, configured one.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'codeartifact-tools.codeartifact-explorer';
export const SAMPLE_HEAP_COMMAND = 'codeartifactBench.sampleHeap';
export const HOVER_COMMAND = 'codeartifactBench.hoverDependencies';
/** How many hovers one run of the hover command asks for (CODEARTIFACT_BENCH_HOVERS overrides, for quick runs). */
export const HOVERS = Number(process.env.CODEARTIFACT_BENCH_HOVERS) || 1000;
const BASELINE_HOVERS = 50;

export interface HeapSample {
  kind: 'heap';
  /** 1-based count of samples in this host. */
  index: number;
  host: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  rss: number;
  /** Whether a full collection ran before the sample (it can when the host lets us expose gc). */
  collected: boolean;
}

export interface ActivationSample {
  kind: 'activation';
  host: number;
  /** Already active when this module ran: the measurement below is then not an activation. */
  wasActive: boolean;
  /** `await extension.activate()`: loading the bundle, `activate()` and its awaited work. */
  ms: number;
}

export interface HoverSample {
  kind: 'hovers';
  host: number;
  hovers: number;
  /** Hovers whose content mentioned the repository (our provider answered, not just another extension). */
  answered: number;
  ms: number;
  distinctDependencies: number;
  /** The first hover over each dependency (cold on the first run). */
  firstRoundMs: number;
  /** Milliseconds of one hover where we answer nothing (VS Code and the other providers). */
  baselineMsPerHover: number;
  /** Milliseconds of one plain fetch() from the host to the emulator. */
  requestMs: number;
}

export interface ErrorSample {
  kind: 'error';
  host: number;
  message: string;
}

export interface ProgressSample {
  kind: 'progress';
  host: number;
  done: number;
  answered: number;
  ms: number;
  requestMs?: number;
}

/** Hover latency in a quiet host, before the big manifest opens (its diagnostics would share the CPU). */
export interface LatencySample {
  kind: 'latency';
  host: number;
  /** One plain fetch() to the emulator through VS Code's patched global fetch (ms, mean of 50, keep-alive). */
  hostFetchMs: number;
  /** The same request through our HttpTransport (src/aws/httpTransport.ts) inside the host. */
  transportMs: number;
  /** The same through VS Code's patched http.request (what the SDK's own handler uses). */
  hostHttpMs: number;
  /** A hover where nobody answers (a comment line of a requirements.txt): VS Code's own hover machinery. */
  baselineMs: number;
  /**
   * A hover VS Code answers without us and without the network: the built-in JSON language service's hover on a
   * setting's key in a .vscode/settings.json (its schema is VS Code's own). NaN when it never answered.
   */
  jsonHoverMs: number;
  /** The JSON service's first hover (it starts the language server). */
  jsonFirstHoverMs: number;
  /** Each cold hover: a manifest with one dependency nobody asked about yet, hovered as it opens. */
  coldMs: number[];
  /** Warm hovers over those dependencies (ms each, mean). */
  warmMs: number;
  /**
   * Cold lookups without a manifest's first analysis: a new dependency typed into an already-analysed manifest and
   * hovered at once (before the diagnostics' 400 ms wait), one per cold manifest after the first.
   */
  typedColdMs?: number[];
}

export type BenchSample = HeapSample | ActivationSample | HoverSample | ErrorSample | ProgressSample | LatencySample;

function collector(): (() => void) | undefined {
  try {
    // The extension host runs without --expose-gc; this exposes it at run time, for this bench profile only.
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    return typeof gc === 'function' ? () => void (gc as () => unknown)() : undefined;
  } catch {
    return undefined;
  }
}

/** Appends one line; lines are small, so a reader never sees half of one. */
function append(dir: string, sample: BenchSample): void {
  fs.appendFileSync(path.join(dir, 'samples.jsonl'), `${JSON.stringify(sample)}\n`);
}

/** Which extension host this is (1, 2, …), counted through a file in the bench folder. */
function hostNumber(dir: string): number {
  const file = path.join(dir, 'hosts');
  const n = (fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) || 0 : 0) + 1;
  fs.writeFileSync(file, String(n));
  return n;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Positions inside the requirement names of a requirements.txt (every line that is not a comment). */
function dependencyPositions(doc: vscode.TextDocument): vscode.Position[] {
  const positions: vscode.Position[] = [];
  for (let line = 0; line < doc.lineCount; line++) {
    const text = doc.lineAt(line).text;
    if (/^[A-Za-z0-9]/.test(text)) positions.push(new vscode.Position(line, 1));
  }
  return positions;
}

function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** Called by the test driver's activate(). Never throws: problems become an `error` sample. */
export function startHostBench(context: { subscriptions: { dispose(): unknown }[] }): void {
  const dir = process.env.CODEARTIFACT_BENCH_DIR;
  if (dir === undefined) return;
  const host = hostNumber(dir);
  const gc = collector();
  let samples = 0;

  const sampleHeap = async (): Promise<HeapSample> => {
    if (gc) {
      // Two passes with a turn of the event loop between them: weak references and finalizers settle.
      gc();
      await pause(50);
      gc();
    }
    const m = process.memoryUsage();
    const sample: HeapSample = { kind: 'heap', index: ++samples, host, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, rss: m.rss, collected: gc !== undefined };
    append(dir, sample);
    return sample;
  };

  let latencyDone = false;
  const meanMs = async (n: number, fn: () => PromiseLike<unknown>): Promise<number> => {
    await fn();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await fn();
    return (performance.now() - t0) / n;
  };
  /** The anchor hover: VS Code's JSON language service on a settings key (after its server has started). */
  const jsonHover = async (): Promise<{ ms: number; firstMs: number }> => {
    const file = process.env.CODEARTIFACT_BENCH_JSON_ANCHOR;
    if (file === undefined) return { ms: Number.NaN, firstMs: Number.NaN };
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const keyAt = new vscode.Position(1, 6);
    const ask = () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, keyAt);
    const t0 = performance.now();
    // The language server starts on the first JSON document; its first answers may be empty.
    for (const deadline = Date.now() + 30_000; hoverText(await ask()).trim() === ''; ) {
      if (Date.now() > deadline) return { ms: Number.NaN, firstMs: Number.NaN };
      await pause(100);
    }
    const firstMs = performance.now() - t0;
    return { ms: await meanMs(BASELINE_HOVERS, ask), firstMs };
  };

  const hoverLatency = async (): Promise<void> => {
    const endpoint = process.env.CODEARTIFACT_E2E_ENDPOINT;
    const coldFiles = (process.env.CODEARTIFACT_BENCH_COLD_MANIFESTS ?? '').split(path.delimiter).filter((f) => f !== '');
    if (endpoint === undefined || coldFiles.length === 0) return;
    const probe = new URL(`${endpoint}/bench-probe`);
    const hostFetchMs = await meanMs(BASELINE_HOVERS, async () => (await fetch(probe)).arrayBuffer());
    const hostHttpMs = await meanMs(BASELINE_HOVERS, () => new Promise<void>((resolve, reject) => {
      http.get(probe, (res) => res.resume().once('end', resolve)).once('error', reject);
    }));
    // Our transport, loaded from the repository's out/ folder like this module.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { HttpTransport } = require(path.join(__dirname, '..', '..', '..', 'src', 'aws', 'httpTransport.js')) as typeof import('../../../src/aws/httpTransport');
    const transport = new HttpTransport({});
    const transportMs = await meanMs(BASELINE_HOVERS, async () => (await transport.fetch(probe)).arrayBuffer());
    transport.dispose();
    const coldMs: number[] = [];
    const docs: vscode.TextDocument[] = [];
    for (const file of coldFiles) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      docs.push(doc);
      const t0 = performance.now();
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 1));
      coldMs.push(performance.now() - t0);
      if (!/CodeArtifact|codeartifact/.test(hoverText(hovers))) throw new Error(`no CodeArtifact hover in ${file}`);
    }
    // The same cold lookup in manifests already analysed (their folder's registry config known): the lookup's cost
    // without the first analysis of a file.
    const typed = (process.env.CODEARTIFACT_BENCH_TYPED_DEPENDENCIES ?? '').split(',').filter((n) => n !== '');
    const typedColdMs: number[] = [];
    for (const [i, name] of typed.entries()) {
      const doc = docs[(i % Math.max(1, docs.length - 1)) + 1] ?? docs[0];
      if (!doc) throw new Error('no cold manifest to type into');
      const edit = new vscode.WorkspaceEdit();
      edit.insert(doc.uri, new vscode.Position(0, 0), `${name}>=1.0\n`);
      if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not type ${name} into ${doc.uri.fsPath}`);
      const t0 = performance.now();
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 1));
      typedColdMs.push(performance.now() - t0);
      if (!/CodeArtifact|codeartifact/.test(hoverText(hovers))) throw new Error(`no CodeArtifact hover for ${name} typed into ${doc.uri.fsPath}`);
    }
    let w = 0;
    const warmMs = await meanMs(BASELINE_HOVERS, () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', (docs[w++ % docs.length] as vscode.TextDocument).uri, new vscode.Position(0, 1)));
    const first = docs[0] as vscode.TextDocument;
    const baselineMs = await meanMs(BASELINE_HOVERS, () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', first.uri, new vscode.Position(1, 1)));
    const json = await jsonHover();
    append(dir, { kind: 'latency', host, hostFetchMs, transportMs, hostHttpMs, baselineMs, coldMs, warmMs, typedColdMs, jsonHoverMs: json.ms, jsonFirstHoverMs: json.firstMs });
  };

  const hoverDependencies = async (): Promise<void> => {
    if (!latencyDone) {
      latencyDone = true;
      await hoverLatency();
    }
    const file = process.env.CODEARTIFACT_BENCH_MANIFEST;
    if (file === undefined) throw new Error('CODEARTIFACT_BENCH_MANIFEST is not set');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const positions = dependencyPositions(doc);
    if (positions.length === 0) throw new Error(`no dependencies found in ${file}`);
    // One plain HTTP request from this host to the emulator (a 404 page): what the network costs here.
    const endpoint = process.env.CODEARTIFACT_E2E_ENDPOINT;
    let requestMs = Number.NaN;
    if (endpoint !== undefined) {
      const r0 = performance.now();
      for (let i = 0; i < BASELINE_HOVERS; i++) await (await fetch(`${endpoint}/bench-probe`)).arrayBuffer();
      requestMs = (performance.now() - r0) / BASELINE_HOVERS;
    }
    // VS Code's cost of a hover with no answer from us (on the comment line): what every hover pays anyway.
    const nameAt = new vscode.Position(0, 2);
    const b0 = performance.now();
    for (let i = 0; i < BASELINE_HOVERS; i++) await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, nameAt);
    const baselineMsPerHover = (performance.now() - b0) / BASELINE_HOVERS;
    append(dir, { kind: 'progress', host, done: 0, answered: 0, ms: baselineMsPerHover, requestMs });
    let answered = 0;
    let firstRoundMs = Number.NaN;
    const t0 = performance.now();
    for (let i = 0; i < HOVERS; i++) {
      const at = positions[i % positions.length] as vscode.Position;
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
      if (/CodeArtifact|codeartifact/.test(hoverText(hovers))) answered++;
      if (i + 1 === positions.length) firstRoundMs = performance.now() - t0;
      // A line now and then, so that a slow run shows where it is.
      if ((i + 1) % 100 === 0) append(dir, { kind: 'progress', host, done: i + 1, answered, ms: performance.now() - t0 });
    }
    append(dir, { kind: 'hovers', host, hovers: HOVERS, answered, ms: performance.now() - t0, distinctDependencies: positions.length, firstRoundMs, baselineMsPerHover, requestMs });
  };

  const guarded = (fn: () => Promise<unknown>) => async () => {
    try {
      await fn();
    } catch (err) {
      append(dir, { kind: 'error', host, message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
  };
  context.subscriptions.push(
    // Investigations only: CODEARTIFACT_BENCH_SNAPSHOT=1 makes every heap sample also write a .heapsnapshot.
    vscode.commands.registerCommand(SAMPLE_HEAP_COMMAND, guarded(async () => {
      const sample = await sampleHeap();
      if (process.env.CODEARTIFACT_BENCH_SNAPSHOT === '1') v8.writeHeapSnapshot(path.join(process.env.CODEARTIFACT_BENCH_SNAPSHOT_DIR ?? dir, `host-${host}-sample-${sample.index}.heapsnapshot`));
    })),
    vscode.commands.registerCommand(HOVER_COMMAND, guarded(hoverDependencies)),
  );

  void guarded(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
    // Let the workbench finish its own start-up work first, so it does not share the CPU with the measurement.
    await pause(1000);
    const wasActive = ext.isActive;
    const t0 = performance.now();
    await ext.activate();
    const ms = performance.now() - t0;
    append(dir, { kind: 'activation', host, wasActive, ms });
    // Token refresh timers and anything else activation scheduled get a few seconds to show up at the emulator.
    await pause(3000);
    await sampleHeap();
  })();
}
