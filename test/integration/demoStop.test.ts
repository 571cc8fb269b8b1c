// `npm run demo` stops on SIGTERM/SIGINT/SIGHUP sent to its process, not only on Ctrl-C in a terminal (#17 polish):
// the supervisor it runs under stops every child process group (grandchildren and a child that ignores SIGTERM
// included) and the in-process emulator, then exits.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const script = path.join(__dirname, 'fixtures', 'supervisedDemo.js');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function until(check: () => boolean, what: string, limitMs = 15_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function runAndSignal(signal: NodeJS.Signals): Promise<{ pids: number[]; exit: { code: number | null; signal: NodeJS.Signals | null }; dir: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-stop-'));
  const demo = spawn(process.execPath, [script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  demo.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => demo.on('exit', (code, sig) => resolve({ code, signal: sig })));
  try {
    await until(() => out.includes('\n'), 'the stand-in demo to print its children');
    const { pids } = JSON.parse(out.split('\n')[0] ?? '') as { pids: number[] };
    assert.equal(pids.length, 3);
    for (const pid of pids) assert.ok(alive(pid), `child ${pid} runs before the signal`);
    demo.kill(signal);
    const exit = await exited;
    return { pids, exit, dir };
  } finally {
    if (demo.exitCode === null && demo.signalCode === null) demo.kill('SIGKILL');
  }
}

describe('npm run demo stops on signals sent to its process (scripts/supervisor.ts)', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    it(`${signal}: every child, grandchild and the SIGTERM-ignoring child are gone, the emulator stopped, exit 0`, async () => {
      const { pids, exit, dir } = await runAndSignal(signal);
      dirs.push(dir);
      assert.deepEqual(exit, { code: 0, signal: null }, 'the demo exits by itself, with 0');
      // The leaders are reaped by the demo; a grandchild is reparented and goes a moment later.
      await until(() => pids.every((pid) => !alive(pid)), `children ${pids.filter(alive).join(', ')} still running`);
      assert.equal(fs.readFileSync(path.join(dir, 'service-stopped'), 'utf8'), 'yes', 'the in-process service (the emulator) was stopped');
    });
  }
});
