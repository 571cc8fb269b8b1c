// Copy Environment Export for CI, with the real clients: the POSIX text the command copies is run by bash in front
// of real cargo and real Bundler, in projects with no CodeArtifact file at all (no .cargo/config.toml, no
// ~/.bundle/config, no credentials.toml). Cargo finds the registry from CARGO_REGISTRIES_<NAME>_INDEX and
// authenticates with _TOKEN; Bundler authenticates with BUNDLE_<HOST>. Without the variables both are refused.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderExportSnippet } from '../../src/core/configFiles/environment';
import { cargoRegistryName } from '../../src/core/configFiles/cargoConfig';
import { formatEnvironment } from '../../src/core/configFiles/formatEnvironment';
import { startEmulator, type Emulator } from '../emulator/server';
import type { Seed } from '../emulator/seed';
import { clientEnv, describe as explain, findTool, makeTempDir, REAL_HOME, removeDir, run, tokenFor } from './helpers';

const OWNER = '111122223333';
const KEY = 'AKIAENVEXPORTCLIENT1';
const seed: Seed = {
  accounts: { [KEY]: OWNER },
  domains: [{ name: 'acme', owner: OWNER, region: 'us-west-2', repositories: [{ name: 'shared' }] }],
  packages: [
    { domain: 'acme', repository: 'shared', format: 'cargo', name: 'acme-util', versions: [{ version: '1.2.0', publishedTime: '2025-02-01T00:00:00Z' }] },
    { domain: 'acme', repository: 'shared', format: 'ruby', name: 'acme-util', versions: [{ version: '1.2.0', publishedTime: '2025-02-01T00:00:00Z' }] },
  ],
};

const cargo = findTool('cargo') ?? (existsSync(join(REAL_HOME, '.cargo', 'bin', 'cargo')) ? join(REAL_HOME, '.cargo', 'bin', 'cargo') : undefined);
const bundle = findTool('bundle');

describe('Copy Environment Export run by bash in front of real cargo and Bundler', function () {
  this.timeout(300_000);
  let emulator: Emulator;
  let home: string;
  let work: string;
  let snippet: string;

  before(async () => {
    emulator = await startEmulator({ seed, port: 0 });
    home = await makeTempDir('envexport-home');
    work = await makeTempDir('envexport-work');
    const endpoint = (format: string) => `${emulator.endpoint}/acme-${OWNER}/${format}/shared/`;
    const env = formatEnvironment(
      [
        { format: 'cargo', domain: 'acme', repository: 'shared', endpoint: endpoint('cargo') },
        { format: 'ruby', domain: 'acme', repository: 'shared', endpoint: endpoint('ruby') },
      ],
      tokenFor(emulator, 'acme', OWNER),
    );
    snippet = renderExportSnippet(env, 'posix');
    await mkdir(join(work, 'crate', 'src'), { recursive: true });
    await writeFile(
      join(work, 'crate', 'Cargo.toml'),
      `[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\npublish = false\n\n[dependencies]\nacme-util = { version = "1", registry = "${cargoRegistryName('acme', 'shared')}" }\n`,
    );
    await writeFile(join(work, 'crate', 'src', 'main.rs'), 'fn main() {}\n');
    await mkdir(join(work, 'gems'), { recursive: true });
    await writeFile(join(work, 'gems', 'Gemfile'), `source "${endpoint('ruby')}"\n\ngem "acme-util", "~> 1.0"\n`);
  });
  after(async () => {
    await emulator?.stop();
    await removeDir(home);
    await removeDir(work);
  });

  /** bash runs the copied text (or not), then the client. */
  const inBash = (withExport: boolean, cwd: string, command: string[], env: NodeJS.ProcessEnv) =>
    run('bash', ['--norc', '--noprofile', '-c', `${withExport ? snippet : ''}exec "$@"`, 'bash', ...command], { cwd, env, timeoutMs: 180_000 });

  (cargo ? it : it.skip)(`cargo generate-lockfile resolves acme-util from the exported index and token${cargo ? '' : ' (skipped: cargo ≥ 1.74 is not installed)'}`, async () => {
    const env = clientEnv(home, { CARGO_HOME: join(home, '.cargo'), RUSTUP_HOME: process.env.RUSTUP_HOME ?? join(REAL_HOME, '.rustup'), CARGO_NET_RETRY: '0', CARGO_TERM_COLOR: 'never' });
    const secrets = [snippet];
    const without = await inBash(false, join(work, 'crate'), [cargo ?? 'cargo', 'generate-lockfile'], env);
    assert.notEqual(without.code, 0, explain(without, secrets));
    const ok = await inBash(true, join(work, 'crate'), [cargo ?? 'cargo', 'generate-lockfile'], env);
    assert.equal(ok.code, 0, explain(ok, secrets));
    assert.ok(existsSync(join(work, 'crate', 'Cargo.lock')));
  });

  (bundle ? it : it.skip)(`bundle lock resolves acme-util with the exported BUNDLE_<HOST> credentials${bundle ? '' : ' (skipped: Bundler is not installed)'}`, async () => {
    const env = clientEnv(home, { GEM_HOME: join(home, 'gems'), GEM_PATH: join(home, 'gems'), BUNDLE_USER_CONFIG: join(home, 'no-bundle-config'), BUNDLE_SILENCE_ROOT_WARNING: '1' });
    const secrets = [snippet];
    const without = await inBash(false, join(work, 'gems'), ['bundle', 'lock'], env);
    assert.notEqual(without.code, 0, explain(without, secrets));
    const ok = await inBash(true, join(work, 'gems'), ['bundle', 'lock'], env);
    assert.equal(ok.code, 0, explain(ok, secrets));
    assert.ok(existsSync(join(work, 'gems', 'Gemfile.lock')));
  });
});
