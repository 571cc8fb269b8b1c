// "Kill the process during a write: the file is either old or new." A child process keeps rewriting one file
// through writeFileAtomic (fileWrite.ts) with two 2 MB contents; we SIGKILL it at varied moments and check
// that the file is always one whole content — never empty, never a mix — and that leftovers never take the
// target's name.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeTempDir, removeDir } from './helpers';

const SIZE = 2 * 1024 * 1024;
const KILLS = 30;
const WRITER = join(__dirname, 'fixtures', 'atomicWriter.js');

/** A small deterministic PRNG, so a failing kill schedule can be replayed. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function classify(text: string): 'original' | 'A' | 'B' | undefined {
  if (text === 'original config\n') return 'original';
  if (text.length !== SIZE) return undefined;
  const first = text[0];
  if ((first === 'A' || first === 'B') && text === first.repeat(SIZE)) return first;
  return undefined;
}

function started(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('writing\n')) resolve();
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => reject(new Error(`writer exited early (${code ?? signal ?? '?'})`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

describe('atomic writes under SIGKILL', function () {
  let dir: string | undefined;
  const children = new Set<ChildProcess>();

  afterEach(async () => {
    for (const c of children) {
      c.kill('SIGKILL');
      await exited(c);
    }
    children.clear();
    await removeDir(dir);
    dir = undefined;
  });

  it(`the file is old or new after each of ${KILLS} kills, and leftovers never take its name`, async () => {
    dir = await makeTempDir('atomic');
    const target = join(dir, 'config');
    await writeFile(target, 'original config\n');
    const random = mulberry32(0x5eed);
    const seen: Record<string, number> = {};
    for (let i = 0; i < KILLS; i += 1) {
      const child = spawn(process.execPath, [WRITER, target, String(SIZE)], { stdio: ['ignore', 'pipe', 'pipe'] });
      children.add(child);
      await started(child);
      // 0–60 ms into the writes: some kills land mid-write, some between writes, some before the first rename.
      await new Promise((r) => setTimeout(r, Math.floor(random() * 60)));
      child.kill('SIGKILL');
      await exited(child);
      children.delete(child);
      assert.equal(child.signalCode, 'SIGKILL', `kill ${i}: the writer was killed, not finished or crashed`);

      const state = classify(await readFile(target, 'utf8'));
      assert.ok(state, `kill ${i}: the file is partial or mixed`);
      seen[state] = (seen[state] ?? 0) + 1;
    }
    const leftovers = (await readdir(dir)).filter((n) => n !== 'config');
    console.log(`      kills: ${KILLS}; file after kill: ${JSON.stringify(seen)}; temp files left: ${leftovers.length} ${JSON.stringify(leftovers.slice(0, 5))}`);
    // The kill schedule must actually have caught writes in progress for the test to mean anything.
    assert.ok((seen.A ?? 0) + (seen.B ?? 0) > 0, 'at least one write completed before a kill');
    for (const name of leftovers) {
      // write-file-atomic's temp files are `<name>.<hash>`: beside the target, never the target itself.
      assert.match(name, /^config\.\d+$/, `unexpected file ${name}`);
    }
  });
});
