// The extension inside real VS Code (code-server + Chromium, the packaged VSIX), for `npm run bench -- --only host`:
//  1. activation, signed out: `extension.activate()` timed inside the host, and the emulator's request count;
//  2. sign in and configure npm through the UI, reload the window (a new extension host), and time activation again — now
//     signed in with a token in secret storage — again counting the requests the emulator saw (the claim: none);
//  3. memory: the host's heap (after a full collection) at rest, after browsing all 10,000 packages of a
//     repository with "Load more…" (12 clicks: pages double up to 1,000), after 1,000 hovers over a 200-dependency requirements.txt, and after 1,000 more.
// The in-host half is test/e2e/inHost/hostBench.ts, loaded by the test driver extension.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Locator } from 'playwright-core';
import { growingPageSize } from '../../src/core/pagination';
import { DEFAULT_PAGE_SIZES } from '../../src/explorer/model';
import { buildDriverVsix } from '../../test/e2e/driver/build';
import { VsCodeSession } from '../../test/e2e/harness';
import type { ActivationSample, BenchSample, HeapSample, HoverSample, LatencySample } from '../../test/e2e/inHost/hostBench';
import { describeOperations, ms } from './measure';
import { BENCH_ACCESS_KEY, BENCH_DOMAIN, BENCH_REGION, benchSeed, BIG_REPOSITORY, PACKAGE_COUNT, packageName, pythonPackageName } from './seed';

const PROFILE = 'codeartifact-bench';
/** The explorer's first page of packages; later pages double (src/core/pagination.ts). */
const PAGE = DEFAULT_PAGE_SIZES.packages;
const HOVER_DEPENDENCIES = 200;
/** One-dependency manifests for cold hovers, after the 200 of the big manifest (the first also fetches endpoint and token). */
const COLD_HOVERS = 9;
const SAMPLE_TIMEOUT_MS = 180_000;
/** 1,000 hovers at up to a second each in a slow host. */
const HOVER_TIMEOUT_MS = 30 * 60_000;
/** For a quick look while changing this file: fewer packages to browse and fewer hovers. */
const BROWSE_PACKAGES = Number(process.env.CODEARTIFACT_BENCH_PACKAGES) || PACKAGE_COUNT;

export interface HostResult {
  latencyMs: number;
  signedOut: { activation: ActivationSample; requests: number };
  signedIn: { activation: ActivationSample; requests: number; operations: Record<string, number> };
  heap: { atRest: HeapSample; afterBrowsing: HeapSample; afterHovers: HeapSample; afterMoreHovers: HeapSample };
  browse: { packages: number; loadMoreClicks: number; ms: number; requests: number };
  hovers: HoverSample[];
  latency: LatencySample;
}

function readSamples(file: string): BenchSample[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as BenchSample);
}

async function waitForSample<K extends BenchSample['kind']>(
  file: string,
  kind: K,
  count: number,
  timeoutMs = SAMPLE_TIMEOUT_MS,
): Promise<Extract<BenchSample, { kind: K }>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const all = readSamples(file);
    const error = all.find((s) => s.kind === 'error');
    if (error?.kind === 'error') throw new Error(`The in-host bench failed in host ${error.host}: ${error.message}`);
    const matching = all.filter((s): s is Extract<BenchSample, { kind: K }> => s.kind === kind);
    const found = matching[count - 1];
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`No "${kind}" sample #${count} yet; the last line: ${JSON.stringify(all[all.length - 1])}. No "${kind}" sample #${count} in ${file} within ${timeoutMs / 1000} s (see test-results/logs/bench-host*).`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * A requirements.txt, not a package.json: VS Code's built-in npm extension runs `npm view <name>` for every hover
 * over a package.json dependency (about half a second each on this machine), which would drown our figures.
 */
function manifest(file: string): void {
  const lines = Array.from({ length: HOVER_DEPENDENCIES }, (_, i) => `${pythonPackageName(i)}>=1.0`);
  fs.writeFileSync(file, `# bench\n${lines.join('\n')}\n`);
}

/** Runs a palette command that opens pickers of its own (the harness's runCommand waits for the palette to close). */
async function startCommand(s: VsCodeSession, title: string): Promise<void> {
  await s.page.locator('.monaco-workbench').focus();
  await s.page.keyboard.press('F1');
  const input = s.page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await s.quickPickRow(title).click();
}

async function signInAndConfigureNpm(s: VsCodeSession): Promise<void> {
  await s.openCodeArtifactView();
  await s.runCommand('CodeArtifact: Sign In');
  await s.pickQuickPickItem(PROFILE);
  await s.page.locator('.quick-input-widget .quick-input-title', { hasText: '(2/2)' }).waitFor();
  await s.pickQuickPickItem(BENCH_REGION);
  await s.page.locator('.statusbar', { hasText: `CodeArtifact: ${PROFILE} (${BENCH_REGION})` }).waitFor();

  await startCommand(s, 'CodeArtifact: Configure npm for a Repository…');
  await s.page.locator('.quick-input-widget .quick-input-title', { hasText: 'domain (1/3)' }).waitFor();
  await s.pickQuickPickItem(BENCH_DOMAIN);
  await s.page.locator('.quick-input-widget .quick-input-title', { hasText: `repository in ${BENCH_DOMAIN} (2/3)` }).waitFor();
  await s.pickQuickPickItem(BIG_REPOSITORY);
  await s.page.locator('.quick-input-widget .quick-input-title', { hasText: 'npm scope' }).waitFor();
  await s.page.keyboard.press('Enter');
  await s.waitForNotification(new RegExp(`Configured npm for ${BENCH_DOMAIN}/${BIG_REPOSITORY}`));
}

/** Clicks a row of our tree and waits for a child label to show. */
async function expand(s: VsCodeSession, label: string, child: string): Promise<void> {
  const row = s.treeItem(label);
  await row.waitFor();
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await s.treeItem(child).waitFor({ timeout: 60_000 });
}

/** The "Load more…" row once it says `loaded` (reached from the end of the list, as a keyboard user does). */
async function loadMoreRow(s: VsCodeSession, loaded: number): Promise<Locator> {
  const more = s.treeItem('Load more…').filter({ has: s.page.locator('.label-description', { hasText: new RegExp(`^\\s*${loaded} loaded\\s*$`) }) });
  const deadline = Date.now() + 60_000;
  for (;;) {
    await s.page.keyboard.press('End');
    if (await more.isVisible()) return more;
    if (Date.now() > deadline) throw new Error(`"Load more…" never said ${loaded} loaded`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function browseEverything(s: VsCodeSession): Promise<{ packages: number; loadMoreClicks: number }> {
  await s.openCodeArtifactView();
  await expand(s, BENCH_DOMAIN, BIG_REPOSITORY);
  await expand(s, BIG_REPOSITORY, 'npm');
  await expand(s, 'npm', packageName(0));
  let loaded = PAGE;
  let clicks = 0;
  while (loaded < BROWSE_PACKAGES) {
    const more = await loadMoreRow(s, loaded);
    await more.click();
    clicks++;
    // Pages double with every click, up to 1,000 (src/core/pagination.ts).
    loaded = Math.min(PACKAGE_COUNT, loaded + growingPageSize(PAGE, clicks));
    if (loaded < PACKAGE_COUNT) {
      if (loaded >= BROWSE_PACKAGES) await loadMoreRow(s, loaded);
      continue;
    }
    // The last page leaves no "Load more…": the list ends with the last package.
    const last = s.treeItem(packageName(PACKAGE_COUNT - 1));
    const deadline = Date.now() + 60_000;
    while (!(await last.isVisible())) {
      if (Date.now() > deadline) throw new Error(`${packageName(PACKAGE_COUNT - 1)} never showed at the end of the list`);
      await s.page.keyboard.press('End');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  return { packages: loaded, loadMoreClicks: clicks };
}

export async function hostBench(latencyMs: number, progress: (text: string) => void): Promise<HostResult> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'codeartifact-bench-host-'));
  const samples = path.join(scratch, 'samples.jsonl');
  const manifestFile = path.join(scratch, 'app', 'requirements.txt');
  fs.mkdirSync(path.dirname(manifestFile), { recursive: true });
  manifest(manifestFile);
  const coldFiles = Array.from({ length: COLD_HOVERS }, (_, i) => {
    const file = path.join(scratch, 'app', `cold-${i}`, 'requirements.txt');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${pythonPackageName(HOVER_DEPENDENCIES + i)}>=1.0\n# cold\n`);
    return file;
  });
  // The anchor hover: VS Code's JSON service on a setting's key (the schema is VS Code's own, no network).
  const jsonAnchor = path.join(scratch, 'anchor', '.vscode', 'settings.json');
  fs.mkdirSync(path.dirname(jsonAnchor), { recursive: true });
  fs.writeFileSync(jsonAnchor, '{\n  "editor.fontSize": 14\n}\n');
  const userconfig = path.join(scratch, 'user.npmrc');
  let session: VsCodeSession | undefined;
  try {
    progress('starting code-server');
    session = await VsCodeSession.start({
      name: 'bench-host',
      seed: benchSeed(PACKAGE_COUNT, HOVER_DEPENDENCIES + 2 * COLD_HOVERS),
      latencyMs,
      accessKeyId: BENCH_ACCESS_KEY,
      region: BENCH_REGION,
      profile: PROFILE,
      extraVsix: [buildDriverVsix(scratch)],
      // The hover manifest sits outside the workspace (so it does not activate us at start-up); this setting
      // tells the version lookups which repository it uses.
      settings: { 'codeartifact.defaultRepository': { domain: BENCH_DOMAIN, repository: BIG_REPOSITORY } },
      env: {
        CODEARTIFACT_BENCH_RUNNER: path.join(__dirname, '..', '..', 'test', 'e2e', 'inHost', 'hostBench.js'),
        CODEARTIFACT_BENCH_DIR: scratch,
        CODEARTIFACT_BENCH_MANIFEST: manifestFile,
        CODEARTIFACT_BENCH_COLD_MANIFESTS: coldFiles.join(path.delimiter),
        CODEARTIFACT_BENCH_JSON_ANCHOR: jsonAnchor,
        // New dependencies typed into the cold manifests once they are analysed (the lookup without a first analysis).
        CODEARTIFACT_BENCH_TYPED_DEPENDENCIES: Array.from({ length: COLD_HOVERS - 1 }, (_, i) => pythonPackageName(HOVER_DEPENDENCIES + COLD_HOVERS + i)).join(','),
        npm_config_userconfig: userconfig,
        NPM_CONFIG_USERCONFIG: userconfig,
      },
    });
    const s = session;
    const emu = s.emulator;
    if (!emu) throw new Error('the bench session has no emulator');

    progress('activation, signed out');
    const signedOutActivation = await waitForSample(samples, 'activation', 1);
    await waitForSample(samples, 'heap', 1);
    const signedOutRequests = emu.stats.requests;

    progress('sign in and configure npm');
    await signInAndConfigureNpm(s);
    // Our view must not be visible when the host comes back, or VS Code would activate us for it at once.
    await s.runCommand('View: Show Explorer');
    emu.resetStats();
    progress('reload the window (a new extension host); activation, signed in');
    // code-server's palette has no "Restart Extension Host"; a reload starts a new host, as reopening VS Code does.
    await s.page.reload({ timeout: 120_000 });
    await s.page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
    const signedInActivation = await waitForSample(samples, 'activation', 2);
    const atRest = await waitForSample(samples, 'heap', 2);
    const signedInRequests = emu.stats.requests;
    const signedInOperations = { ...emu.stats.operations };

    progress(`browse ${BROWSE_PACKAGES.toLocaleString('en-US')} packages`);
    emu.resetStats();
    const t0 = performance.now();
    const browsed = await browseEverything(s);
    const browseMs = performance.now() - t0;
    const browseRequests = emu.stats.requests;
    await s.runCommand('CodeArtifact Bench: Sample Heap');
    const afterBrowsing = await waitForSample(samples, 'heap', 3);

    progress('1,000 hovers, twice');
    await s.runCommand('CodeArtifact Bench: Hover Dependencies');
    const latency = await waitForSample(samples, 'latency', 1, HOVER_TIMEOUT_MS);
    const hovers1 = await waitForSample(samples, 'hovers', 1, HOVER_TIMEOUT_MS);
    await s.runCommand('CodeArtifact Bench: Sample Heap');
    const afterHovers = await waitForSample(samples, 'heap', 4);
    await s.runCommand('CodeArtifact Bench: Hover Dependencies');
    const hovers2 = await waitForSample(samples, 'hovers', 2, HOVER_TIMEOUT_MS);
    await s.runCommand('CodeArtifact Bench: Sample Heap');
    const afterMoreHovers = await waitForSample(samples, 'heap', 5);
    await s.screenshot('after-bench');

    return {
      latencyMs,
      signedOut: { activation: signedOutActivation, requests: signedOutRequests },
      signedIn: { activation: signedInActivation, requests: signedInRequests, operations: signedInOperations },
      heap: { atRest, afterBrowsing, afterHovers, afterMoreHovers },
      browse: { ...browsed, ms: browseMs, requests: browseRequests },
      hovers: [hovers1, hovers2],
      latency,
    };
  } finally {
    await session?.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const delta = (from: HeapSample, to: HeapSample) => {
  const d = to.heapUsed - from.heapUsed;
  return `${d >= 0 ? '+' : '−'}${mib(Math.abs(d))}`;
};

/** The table, and whether the claims held (no request during either activation; every hover answered). */
export function hostTable(r: HostResult): { ok: boolean; text: string } {
  const h = r.heap;
  const collected = Object.values(h).every((s) => s.collected);
  const rows: string[][] = [
    ['activation, signed out: activate() until ready (ms)', ms(r.signedOut.activation.ms)],
    ['  requests to the emulator from start-up until 4 s after', String(r.signedOut.requests)],
    ['activation, signed in + npm configured (window reloaded) (ms)', ms(r.signedIn.activation.ms)],
    ['  requests to the emulator from the reload until 4 s after', `${r.signedIn.requests}${r.signedIn.requests ? ` (${describeOperations(r.signedIn.operations)})` : ''}`],
    [`browse ${r.browse.packages.toLocaleString('en-US')} packages: ${r.browse.loadMoreClicks} × "Load more…" (ms, requests)`, `${ms(r.browse.ms)}, ${r.browse.requests}`],
    ['one HTTP request, host → emulator, quiet host (ms): VS Code\'s fetch | its http.request | our HttpTransport', `${ms(r.latency.hostFetchMs)} | ${ms(r.latency.hostHttpMs)} | ${ms(r.latency.transportMs)}`],
    ['one plain fetch() while the manifest\'s 200 lookups run (ms; the earlier "24 ms")', ms(r.hovers[0]?.requestMs ?? Number.NaN)],
    [`cold hover, ${r.latency.coldMs.length - 1} manifests of one new dependency (ms, median) | the very first (+ endpoint, token)`, `${ms(median(r.latency.coldMs.slice(1)))} | ${ms(r.latency.coldMs[0] ?? Number.NaN)}`],
    [`cold hover of a dependency typed into an analysed manifest (ms, median of ${r.latency.typedColdMs?.length ?? 0})`, ms(median(r.latency.typedColdMs ?? []))],
    ['warm hover (ms) | anchor: a hover nobody answers (ms)', `${ms(r.latency.warmMs)} | ${ms(r.latency.baselineMs)}`],
    ['anchor: VS Code\'s JSON hover on a settings key (ms, warm) | its first (server start)', `${ms(r.latency.jsonHoverMs)} | ${ms(r.latency.jsonFirstHoverMs)}`],
    ['one hover where we answer nothing: VS Code and the other providers (ms)', ms(r.hovers[0]?.baselineMsPerHover ?? Number.NaN)],
    ...r.hovers.map((x, i) => [
      `${x.hovers} hovers over ${x.distinctDependencies} requirements, ${i === 0 ? 'first' : 'again'}: ms per hover, first ${x.distinctDependencies} | rest; answered`,
      `${ms(x.firstRoundMs / x.distinctDependencies)} | ${ms((x.ms - x.firstRoundMs) / Math.max(1, x.hovers - x.distinctDependencies))}; ${x.answered}`,
    ]),
    [`extension host heap at rest, signed in${collected ? ' (after full GC)' : ''}`, mib(h.atRest.heapUsed)],
    ['  growth after browsing', delta(h.atRest, h.afterBrowsing)],
    [`  growth after the first ${r.hovers[0]?.hovers ?? '?'} hovers`, delta(h.afterBrowsing, h.afterHovers)],
    [`  growth after ${r.hovers[1]?.hovers ?? '?'} more hovers (a leak would show here)`, delta(h.afterHovers, h.afterMoreHovers)],
    ['extension host RSS at the end', mib(h.afterMoreHovers.rss)],
  ];
  const inactive = !r.signedOut.activation.wasActive && !r.signedIn.activation.wasActive;
  const ok = inactive && r.signedOut.requests === 0 && r.signedIn.requests === 0 && r.hovers.every((x) => x.answered === x.hovers);
  const width = Math.max(...rows.map((row) => (row[0] ?? '').length));
  const text = [
    `In real VS Code (code-server, packaged VSIX, emulator latency ${r.latencyMs} ms); heap = the whole extension host's.`,
    ...rows.map(([k = '', v = '']) => `${k.padEnd(width)}  ${v}`),
    inactive ? '' : 'NOTE: the extension was already active when the bench ran: the activation figures are not activations.',
    r.signedOut.requests === 0 && r.signedIn.requests === 0 ? 'Activation made no network call, signed out or signed in.' : 'Activation MADE NETWORK CALLS (see above).',
  ].filter((l) => l !== '');
  return { ok, text: text.join('\n') };
}

