// Cargo version requirements against real cargo: every case is a crate in the emulator's Cargo registry with
// a set of versions (some yanked) and a dependency on it with a requirement; `cargo generate-lockfile` picks one
// version per crate, and ours (cargoLatestSatisfying over the non-yanked versions) must be the same. Cases where
// we find no version, and requirements we refuse, must make cargo fail too (each run alone: cargo stops at the
// first). Skipped (named) where cargo ≥ 1.74 is not installed.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cargoLatestSatisfying, parseCargoRequirement } from '../../../src/core/versioning/cargoVersion';
import { startEmulator, type Emulator } from '../../emulator/server';
import type { Seed } from '../../emulator/seed';
import { clientEnv, findTool, makeTempDir, REAL_HOME, removeDir, run } from '../../integration/helpers';
import { rangeFor } from '../../../src/versions/dependencyInsight';
import { readManifest } from '../../../src/versions/manifestDependencies';
import { CARGO_CASES } from '../../unit/versions/rewriteCases';
import { Differential } from '../ledger';

const OWNER = '111122223333';
const POOL = [
  '0.0.1', '0.0.2', '0.1.0', '0.1.5', '0.2.0', '0.2.3', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-beta.2', '1.0.0', '1.0.1',
  '1.2.0', '1.2.3-rc.1', '1.2.3', '1.2.4', '1.3.0', '1.10.0', '2.0.0-rc.1', '2.0.0', '2.1.7', '3.0.0-0',
];
const OPS = ['', '^', '~', '=', '>', '>=', '<', '<=', '= ', '>= '];

/** Deterministic: the same cases on every run (a failure can be replayed). */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function cases(count: number): { id: string; versions: string[]; yanked: string[]; req: string }[] {
  const rnd = prng(20261207);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const partial = (): string => {
    const v = pick(POOL);
    const [core = ''] = v.split('-');
    const parts = core.split('.');
    const r = rnd();
    if (r < 0.15) return parts[0] ?? '0';
    if (r < 0.35) return parts.slice(0, 2).join('.');
    if (r < 0.45) return `${parts.slice(0, 2).join('.')}.*`;
    if (r < 0.5) return `${parts[0] ?? '0'}.x`;
    return v;
  };
  const comparator = (): string => {
    const p = partial();
    return p.includes('*') || p.includes('x') ? pick(['', '=']) + p : pick(OPS) + p;
  };
  const out: { id: string; versions: string[]; yanked: string[]; req: string }[] = [];
  for (let i = 0; i < count; i++) {
    const versions = POOL.filter(() => rnd() < 0.6);
    if (versions.length === 0) versions.push('1.0.0');
    const yanked = versions.filter(() => rnd() < 0.1);
    const r = rnd();
    const req = r < 0.05 ? '*' : r < 0.7 ? comparator() : `${comparator()}, ${comparator()}`;
    out.push({ id: `d${i}`, versions, yanked, req });
  }
  // Written cases for the rules people trip on.
  const fixed: [string, string[]][] = [
    ['0.0.1', ['0.0.1', '0.0.2']],
    ['0.1', ['0.1.0', '0.1.5', '0.2.0']],
    ['~1', ['1.0.0', '1.3.0', '2.0.0']],
    ['>=1.0.0-alpha, <1.0.0', ['1.0.0-alpha', '1.0.0-beta.2', '1.0.0']],
    ['^1.2.3-rc.1', ['1.2.3-rc.1', '1.2.4', '1.3.0-rc.1'.replace('1.3.0-rc.1', '1.3.0')]],
    ['>1.0.0-alpha', ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-beta.2']],
    ['<2', ['1.10.0', '2.0.0-rc.1', '2.0.0']],
    ['=1.2', ['1.2.0', '1.2.3', '1.2.3-rc.1', '1.3.0']],
  ];
  // What our quick fix writes (rangeFor, precision kept): cargo must take it and pick what we predict.
  for (const [written, target] of CARGO_CASES) {
    const dep = readManifest('cargoToml', `[dependencies]\nx = ${JSON.stringify(written)}\n`).dependencies[0];
    if (dep) fixed.push([rangeFor(dep, written, target), ['1.2.0', '2.1.0', target, '2.2.0', '3.0.0']]);
  }
  fixed.forEach(([req, versions], i) => out.push({ id: `w${i}`, versions: [...new Set(versions)], yanked: [], req }));
  return out;
}

const cargo = findTool('cargo') ?? (existsSync(join(REAL_HOME, '.cargo', 'bin', 'cargo')) ? join(REAL_HOME, '.cargo', 'bin', 'cargo') : undefined);
const suite = cargo ? describe : describe.skip;

suite(`differential: Cargo requirements against real cargo${cargo ? '' : ' (skipped: cargo ≥ 1.74 is not installed)'}`, function () {
  this.timeout(600_000);
  const all = cases(Number(process.env.CODEARTIFACT_STRESS) === 1 ? 1500 : 300);
  let emulator: Emulator;
  let home: string;
  let work: string;
  let token: string;

  before(async () => {
    const seed: Seed = {
      domains: [{ name: 'acme', owner: OWNER, region: 'us-west-2', repositories: [{ name: 'crates' }] }],
      packages: all.map((c) => ({
        domain: 'acme',
        repository: 'crates',
        format: 'cargo' as const,
        name: c.id,
        versions: c.versions.map((version, i) => ({ version, publishedTime: new Date(Date.UTC(2024, 0, 1 + i)).toISOString(), ...(c.yanked.includes(version) ? { status: 'Unlisted' as const } : {}) })),
      })),
    };
    emulator = await startEmulator({ seed, port: 0 });
    const d = emulator.store.getDomain('acme', OWNER);
    if (!d) throw new Error('no domain');
    token = emulator.store.issueToken(d, 3600).token;
    home = await makeTempDir('cargo-diff-home');
    work = await makeTempDir('cargo-diff-work');
    await mkdir(join(home, '.cargo'), { recursive: true });
    await mkdir(join(work, 'src'), { recursive: true });
    await writeFile(join(work, 'src', 'lib.rs'), '');
    await writeFile(join(home, '.cargo', 'config.toml'), `[registries.ca]\nindex = "sparse+${emulator.endpoint}/acme-${OWNER}/cargo/crates/"\ncredential-provider = "cargo:token"\n`);
  });
  after(async () => {
    await emulator?.stop();
    await removeDir(home);
    await removeDir(work);
  });

  const lock = async (deps: { id: string; req: string }[]) => {
    const lines = deps.map((d) => `${d.id} = { version = ${JSON.stringify(d.req)}, registry = "ca" }`);
    await writeFile(join(work, 'Cargo.toml'), `[package]\nname = "probe"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n${lines.join('\n')}\n`);
    await rm(join(work, 'Cargo.lock'), { force: true });
    const env = clientEnv(home, { CARGO_HOME: join(home, '.cargo'), RUSTUP_HOME: process.env.RUSTUP_HOME ?? join(REAL_HOME, '.rustup'), CARGO_REGISTRIES_CA_TOKEN: `Bearer ${token}`, CARGO_NET_RETRY: '0' });
    const result = await run(cargo ?? 'cargo', ['generate-lockfile'], { cwd: work, env, timeoutMs: 300_000 });
    const picked = new Map<string, string>();
    if (result.code === 0) {
      const text = await readFile(join(work, 'Cargo.lock'), 'utf8');
      for (const m of text.matchAll(/name = "(d\d+|w\d+)"\nversion = "([^"]+)"/g)) picked.set(m[1] ?? '', m[2] ?? '');
    }
    return { ok: result.code === 0, picked, stderr: result.stderr };
  };

  it('cargo picks the version we predict for every requirement that matches one', async () => {
    const diff = new Differential('cargo');
    const ours = all.map((c) => ({ ...c, parsed: parseCargoRequirement(c.req) !== undefined, pick: cargoLatestSatisfying(c.versions.filter((v) => !c.yanked.includes(v)), c.req) }));
    const matching = ours.filter((c) => c.pick !== undefined);
    assert.ok(matching.length > all.length / 3, `enough matching cases (${matching.length})`);
    const r = await lock(matching);
    assert.ok(r.ok, `cargo failed on a batch we think resolves: ${r.stderr.slice(-3000)}`);
    for (const c of matching) diff.check(`${c.id} ${c.req} of [${c.versions.join(' ')}] yanked [${c.yanked.join(' ')}]`, c.pick, r.picked.get(c.id));
    diff.assertAgreement();
  });

  it('cargo finds nothing (or refuses the requirement) where we do', async () => {
    const diff = new Differential('cargo');
    const none = all.filter((c) => cargoLatestSatisfying(c.versions.filter((v) => !c.yanked.includes(v)), c.req) === undefined).slice(0, 40);
    assert.ok(none.length > 5, `enough non-matching cases (${none.length})`);
    for (const c of none) {
      const r = await lock([c]);
      const refused = /failed to parse|invalid|unexpected/i.test(r.stderr) && !/failed to select/i.test(r.stderr);
      diff.check(`none: ${c.id} ${c.req} of [${c.versions.join(' ')}] yanked [${c.yanked.join(' ')}]`, { ok: false, refused: parseCargoRequirement(c.req) === undefined }, { ok: r.ok, refused: r.ok ? undefined : refused });
    }
    diff.assertAgreement();
  });
});
