// Investigation only: where does a request from the extension host spend its time? Loaded like hostBench.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

const N = 50;
async function time(label: string, fn: () => Promise<unknown>, out: Record<string, number>): Promise<void> {
  try {
    await fn();
    const t0 = performance.now();
    for (let i = 0; i < N; i++) await fn();
    out[label] = (performance.now() - t0) / N;
  } catch (err) {
    out[label] = -1;
    out[`${label} error: ${String(err)}`] = 0;
  }
}
function get(mod: typeof http, url: string, agent?: http.Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = mod.request(url, agent ? { agent } : {}, (res) => { res.resume(); res.on('end', () => resolve()); });
    req.on('error', reject);
    req.end();
  });
}

export function startHostBench(): void {
  const dir = process.env.CODEARTIFACT_BENCH_DIR as string;
  const endpoint = process.env.CODEARTIFACT_E2E_ENDPOINT as string;
  void (async () => {
    const out: Record<string, number> = {};
    await new Promise((r) => setTimeout(r, 3000));
    const server = http.createServer((_q, s) => { s.writeHead(404, { 'content-length': '2' }); s.end('no'); });
    await new Promise<void>((r) => server.listen(0, '127.0.0.2', () => r()));
    const port = (server.address() as { port: number }).port;
    const other = `http://127.0.0.2:${port}/x`;
    const emu = `${endpoint}/bench-probe`;
    const keep = new http.Agent({ keepAlive: true });
    await time('fetch emulator 127.0.0.1', async () => (await fetch(emu)).arrayBuffer(), out);
    await time('fetch 127.0.0.2 in-host server', async () => (await fetch(other)).arrayBuffer(), out);
    const orig = (globalThis as { __vscodeOriginalFetch?: typeof fetch }).__vscodeOriginalFetch;
    if (orig) await time('original fetch emulator', async () => (await orig(emu)).arrayBuffer(), out);
    if (orig) await time('original fetch 127.0.0.2', async () => (await orig(other)).arrayBuffer(), out);
    await time('http default agent emulator', () => get(http, emu), out);
    await time('http keepAlive agent emulator', () => get(http, emu, keep), out);
    await time('http default agent 127.0.0.2', () => get(http, other), out);
    await time('http keepAlive agent 127.0.0.2', () => get(http, other, keep), out);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const undici = require(path.join(__dirname, '..', '..', '..', '..', 'node_modules', 'undici')) as typeof import('undici');
    const agent = new undici.Agent();
    await time('bundled undici.request emulator', async () => (await undici.request(emu, { dispatcher: agent })).body.arrayBuffer(), out);
    await time('bundled undici.request 127.0.0.2', async () => (await undici.request(other, { dispatcher: agent })).body.arrayBuffer(), out);
    await time('bundled undici.fetch emulator', async () => (await undici.fetch(emu, { dispatcher: agent })).arrayBuffer(), out);
    await time('getConfiguration(http).get(proxy)', async () => vscode.workspace.getConfiguration('http').get('proxy'), out);
    out['proxySupport=' + String(vscode.workspace.getConfiguration('http').get('proxySupport'))] = 0;
    out['node ' + process.version] = 0;
    server.close();
    fs.writeFileSync(path.join(dir, 'probe.json'), JSON.stringify(out, null, 1));
  })().catch((err: unknown) => fs.writeFileSync(path.join(dir, 'probe.json'), JSON.stringify({ error: String(err) })));
}
