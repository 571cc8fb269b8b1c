// "Kill the process during a write: the file is either old or new." A child process keeps rewriting one file
// through writeFileAtomic (fileWrite.ts) with two 2 MB contents; we SIGKILL it at varied moments and check
// that the file is always one whole content — never empty, never a mix. A kill mid-write leaves our temp file
// (`.<name>.codeartifact-<pid>-<random>.tmp`) beside the target; the next write removes it, while temp files of
// live writers and every other file stay.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tempFilePattern, writeFileAtomic } from '../../src/core/configFiles/fileWrite';
import { makeTempDir, removeDir } from './helpers';
import { runs } from '../unit/stress';

const SIZE = 2 * 1024 * 1024;
const KILLS = runs(30);
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

async function tempFiles(dir: string, target: string): Promise<string[]> {
  const pattern = tempFilePattern(target);
  return (await readdir(dir)).filter((n) => pattern.test(n)).sort();
}

/** The pid of a process that has already exited. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '']).pid;
  assert.ok(pid && pid !== process.pid);
  return pid;
}

function tempName(target: string, pid: number, hex: string): string {
  return `.${target}.codeartifact-${pid}-${hex}.tmp`;
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

  /** Starts a writer, lets it write for `ms`, SIGKILLs it. */
  async function killWriterAfter(target: string, ms: number, mode?: string): Promise<void> {
    const child = spawn(process.execPath, [WRITER, target, String(SIZE), ...(mode ? [mode] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    await started(child);
    await new Promise((r) => setTimeout(r, ms));
    child.kill('SIGKILL');
    await exited(child);
    children.delete(child);
    assert.equal(child.signalCode, 'SIGKILL', 'the writer was killed, not finished or crashed');
  }

  it(`the file is old or new after each of ${KILLS} kills; temp files never pile up and one write clears them`, async () => {
    dir = await makeTempDir('atomic');
    const target = join(dir, 'config');
    await writeFile(target, 'original config\n');
    const random = mulberry32(0x5eed);
    const seen: Record<string, number> = {};
    let killsLeavingTemp = 0;
    for (let i = 0; i < KILLS; i += 1) {
      // 0–60 ms into the writes: some kills land mid-write, some between writes, some before the first rename.
      await killWriterAfter(target, Math.floor(random() * 60));
      const state = classify(await readFile(target, 'utf8'));
      assert.ok(state, `kill ${i}: the file is partial or mixed`);
      seen[state] = (seen[state] ?? 0) + 1;

      const temps = await tempFiles(dir, 'config');
      assert.deepEqual((await readdir(dir)).filter((n) => n !== 'config' && !temps.includes(n)), [], `kill ${i}: only our temp files beside the target`);
      // Each writer removes the dead writers' temp files before it writes, so at most the last one's remains.
      assert.ok(temps.length <= 1, `kill ${i}: temp files pile up: ${temps.join(', ')}`);
      killsLeavingTemp += temps.length;
    }
    // Plus one more dead writer's temp file, so that the last write always has something to clear.
    await writeFile(join(dir, tempName('config', deadPid(), 'deadbeefdead')), 'A'.repeat(1000));
    const left = await tempFiles(dir, 'config');
    assert.ok(left.length >= 1);
    await writeFileAtomic(target, 'after the kills\n');
    const after = await readdir(dir);
    console.log(`      kills: ${KILLS}; file after kill: ${JSON.stringify(seen)}; kills that left a temp file: ${killsLeavingTemp}; before the last write: ${left.length}, after: ${after.length - 1}`);
    // The kill schedule must actually have caught writes in progress for the test to mean anything.
    assert.ok((seen.A ?? 0) + (seen.B ?? 0) > 0, 'at least one write completed before a kill');
    assert.ok(killsLeavingTemp > 0, 'at least one kill landed mid-write and left a temp file');
    assert.deepEqual(after, ['config'], 'one normal write leaves no temp file');
    assert.equal(await readFile(target, 'utf8'), 'after the kills\n');
  });

  it('leaves temp files of a live writer and every foreign file alone; removes them once the writer is gone', async () => {
    dir = await makeTempDir('atomic');
    const target = join(dir, '.npmrc');
    await writeFile(target, 'registry=https://example.invalid/\n');
    const live = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    children.add(live);
    assert.ok(live.pid);
    const liveTemp = tempName('.npmrc', live.pid, '0123456789ab');
    const deadTemp = tempName('.npmrc', deadPid(), 'cafecafecafe');
    const foreign = ['.npmrc.bak', '.npmrc.12345abc', '.npmrc~', 'npmrc.codeartifact-1-0123456789ab.tmp', tempName('.yarnrc', deadPid(), '0123456789ab')];
    for (const name of [liveTemp, deadTemp, ...foreign]) await writeFile(join(dir, name), '//host/:_authToken=fake-token\n', { mode: 0o600 });

    await writeFileAtomic(target, 'registry=https://example.invalid/new/\n', { mode: 0o600 });
    assert.deepEqual((await readdir(dir)).sort(), ['.npmrc', liveTemp, ...foreign].sort(), 'only the dead writer\'s temp file went');

    live.kill('SIGKILL');
    await exited(live);
    children.delete(live);
    await writeFileAtomic(target, 'registry=https://example.invalid/newer/\n', { mode: 0o600 });
    assert.deepEqual((await readdir(dir)).sort(), ['.npmrc', ...foreign].sort(), 'the dead writer\'s temp file goes; the foreign files stay');
  });

  it('a temp file left by a writer killed while writing a token file is private (0600)', async () => {
    dir = await makeTempDir('atomic');
    const target = join(dir, '.npmrc');
    const random = mulberry32(0x70c3);
    let temps: string[] = [];
    for (let attempt = 0; attempt < 20 && temps.length === 0; attempt += 1) {
      await killWriterAfter(target, Math.floor(random() * 40), '600');
      temps = await tempFiles(dir, '.npmrc');
    }
    const [temp] = temps;
    assert.ok(temp, 'no kill in 20 landed mid-write');
    assert.equal((await stat(join(dir, temp))).mode & 0o777, 0o600, `${temp} is readable by others`);
    const targetMode = await stat(target).then((s) => s.mode & 0o777, () => undefined);
    assert.ok(targetMode === undefined || targetMode === 0o600, 'the token file itself is private');
  });
});
