// Real cargo (≥ 1.74, the sparse protocol with authentication) against the emulator's Cargo data plane, after
// the Configurator wrote the files: a crate from the repository, one only its upstream's crates.io external
// connection has, yanked versions left alone, publish, the CI environment variable, and Remove Configuration
// giving back every file byte for byte. Skipped (named) where cargo is not installed: Debian's cargo is too old
// for authenticated sparse registries, the rustup one on these machines is 1.95.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SdkCodeArtifactApi } from '../../src/aws/codeArtifactApi';
import { TokenService } from '../../src/auth/tokens';
import { Configurator } from '../../src/configure/configurator';
import { cargoRegistryName, cargoTokenVariable } from '../../src/core/configFiles/cargoConfig';
import { startEmulator, type Emulator } from '../emulator/server';
import type { Seed } from '../emulator/seed';
import { FakeMemento, FakeSecretStorage } from '../unit/fakes';
import { clientEnv, describe as explain, findTool, makeTempDir, REAL_HOME, removeDir, run } from './helpers';

const OWNER = '111122223333';
const KEY = 'AKIACARGOCLIENT00001';
const REGISTRY = cargoRegistryName('acme', 'shared');

const seed: Seed = {
  accounts: { [KEY]: OWNER },
  domains: [
    {
      name: 'acme',
      owner: OWNER,
      region: 'us-west-2',
      repositories: [
        { name: 'crates-store', externalConnection: 'public:crates-io' },
        { name: 'shared', upstreams: ['crates-store'] },
      ],
    },
  ],
  packages: [
    {
      domain: 'acme',
      repository: 'shared',
      format: 'cargo',
      name: 'acme-util',
      versions: [
        { version: '1.0.0', publishedTime: '2025-01-01T00:00:00Z' },
        { version: '1.2.0', publishedTime: '2025-02-01T00:00:00Z', dependencies: { 'tiny-dep': '^0.3' } },
        // Yanked (Unlisted): the highest match for "1", and cargo must not pick it for a new lockfile.
        { version: '1.3.0', status: 'Unlisted', publishedTime: '2025-03-01T00:00:00Z' },
      ],
    },
  ],
  externalConnections: {
    'public:crates-io': [
      {
        format: 'cargo',
        name: 'tiny-dep',
        versions: [
          { version: '0.3.1', publishedTime: '2024-01-01T00:00:00Z' },
          { version: '0.4.0', publishedTime: '2024-02-01T00:00:00Z' },
        ],
      },
    ],
  },
};

const USER_CONFIG = '# my own settings\n[net]\nretry = 0 # keep\n';
const USER_CREDENTIALS = '# from cargo login\n[registries.other]\ntoken = "someone-elses"\n';

const cargo = findTool('cargo') ?? (existsSync(join(REAL_HOME, '.cargo', 'bin', 'cargo')) ? join(REAL_HOME, '.cargo', 'bin', 'cargo') : undefined);
const suite = cargo ? describe : describe.skip;

suite(`real cargo against the emulator's Cargo registry${cargo ? '' : ' (skipped: cargo ≥ 1.74 is not installed)'}`, function () {
  this.timeout(300_000);
  let emulator: Emulator;
  let api: SdkCodeArtifactApi;
  let home: string;
  let work: string;
  let tokens: TokenService;
  let configurator: Configurator;
  const secrets: string[] = [];
  const cargoHome = (): string => join(home, '.cargo');
  const env = (extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv =>
    clientEnv(home, { CARGO_HOME: cargoHome(), RUSTUP_HOME: process.env.RUSTUP_HOME ?? join(REAL_HOME, '.rustup'), CARGO_NET_RETRY: '0', CARGO_TERM_COLOR: 'never', ...extra });
  const cargoRun = (args: string[], cwd = work, extra: Record<string, string | undefined> = {}) => run(cargo ?? 'cargo', args, { cwd, env: env(extra), timeoutMs: 180_000 });

  before(async () => {
    emulator = await startEmulator({ seed, port: 0 });
    api = new SdkCodeArtifactApi({ region: 'us-west-2', endpoint: emulator.endpoint, credentials: { accessKeyId: KEY, secretAccessKey: 'x' } });
    home = await makeTempDir('cargo-home');
    work = await makeTempDir('cargo-work');
    const log = { info: () => undefined, warn: () => undefined };
    tokens = new TokenService({ api: () => api, secrets: new FakeSecretStorage(), log, durationSeconds: () => 900 });
    tokens.onDidRefresh((t) => void secrets.push(t.token));
    configurator = new Configurator({ connection: () => ({ region: 'us-west-2', endpoint: emulator.endpoint }), api: () => api, tokens, records: new FakeMemento(), user: () => ({ env: { CARGO_HOME: cargoHome() }, home, platform: 'linux' }), workspaceRoots: () => [work], log });
    await mkdir(join(work, 'src'), { recursive: true });
    await mkdir(join(work, '.cargo'), { recursive: true });
    await mkdir(cargoHome(), { recursive: true });
    await writeFile(join(work, '.cargo', 'config.toml'), USER_CONFIG);
    await writeFile(join(cargoHome(), 'credentials.toml'), USER_CREDENTIALS);
    await writeFile(
      join(work, 'Cargo.toml'),
      `[package]\nname = "app"\nversion = "0.1.0"\nedition = "2021"\npublish = false\n\n[dependencies]\nacme-util = { version = "1", registry = "${REGISTRY}" }\ntiny-dep = "0.3"\n`,
    );
    await writeFile(join(work, 'src', 'main.rs'), 'fn main() { println!("{}", acme_util::VERSION); }\n');
  });
  after(async () => {
    tokens?.dispose();
    api?.dispose();
    await emulator?.stop();
    await removeDir(home);
    await removeDir(work);
  });

  const lockfile = async (): Promise<string> => {
    await rm(join(work, 'Cargo.lock'), { force: true });
    await rm(join(cargoHome(), 'registry'), { recursive: true, force: true });
    return '';
  };

  it('configureCargo (replacing crates.io) → cargo locks acme-util 1.2.0 (not the yanked 1.3.0) and tiny-dep 0.3.1 from the external connection, and fetches both', async () => {
    const result = await configurator.configureCargo({ domain: 'acme', domainOwner: OWNER, repository: 'shared' }, { workspaceFolder: work, replaceCratesIo: true });
    assert.equal(result.changes.length, 2);
    await lockfile();
    const locked = await cargoRun(['generate-lockfile']);
    assert.equal(locked.code, 0, explain(locked, secrets));
    const lock = await readFile(join(work, 'Cargo.lock'), 'utf8');
    assert.match(lock, /name = "acme-util"\nversion = "1\.2\.0"/);
    assert.match(lock, /name = "tiny-dep"\nversion = "0\.3\.1"/);
    assert.ok(!lock.includes('1.3.0') && !lock.includes('0.4.0'), lock);
    const fetched = await cargoRun(['fetch']);
    assert.equal(fetched.code, 0, explain(fetched, secrets));
    const built = await cargoRun(['run', '--offline', '-q']);
    assert.equal(built.code, 0, explain(built, secrets));
    assert.equal(built.stdout.trim(), '1.2.0');
    // CodeArtifact kept a copy of the crates.io crate in the repositories on the way.
    const shared = emulator.store.getDomain('acme', OWNER)?.repositories.get('shared');
    const kept = shared ? emulator.store.getPackage(shared, 'cargo', undefined, 'tiny-dep')?.versions.get('0.3.1') : undefined;
    assert.equal(kept?.origin.originType, 'EXTERNAL');
  });

  it('the token is only in the user credentials.toml (0600), next to the user\'s own entries; the project file has none', async () => {
    const token = (await tokens.get({ name: 'acme', owner: OWNER })).token;
    const credentials = join(cargoHome(), 'credentials.toml');
    const text = await readFile(credentials, 'utf8');
    assert.ok(text.startsWith(USER_CREDENTIALS), text.replace(token, '<redacted>'));
    assert.ok(text.includes(`token = "Bearer ${token}"`));
    assert.equal((await stat(credentials)).mode & 0o777, 0o600);
    const project = await readFile(join(work, '.cargo', 'config.toml'), 'utf8');
    assert.ok(!project.includes(token));
    assert.ok(project.startsWith(USER_CONFIG));
    assert.match(project, /replace-with = "acme-shared"/);
  });

  it('without the token cargo gets 401; with only CARGO_REGISTRIES_…_TOKEN (CI) it works again', async () => {
    const credentials = join(cargoHome(), 'credentials.toml');
    const saved = await readFile(credentials, 'utf8');
    await writeFile(credentials, USER_CREDENTIALS);
    try {
      await lockfile();
      const denied = await cargoRun(['generate-lockfile']);
      assert.notEqual(denied.code, 0, explain(denied, secrets));
      assert.match(denied.stderr, /401|token|authenticat/i, explain(denied, secrets));
      const token = (await tokens.get({ name: 'acme', owner: OWNER })).token;
      await lockfile();
      const ci = await cargoRun(['generate-lockfile'], work, { [cargoTokenVariable(REGISTRY)]: `Bearer ${token}` });
      assert.equal(ci.code, 0, explain(ci, secrets));
    } finally {
      await writeFile(credentials, saved, { mode: 0o600 });
    }
  });

  it('cargo publish --registry puts a new crate in the repository, with its dependencies in the index', async () => {
    const lib = join(work, 'lib');
    await mkdir(join(lib, 'src'), { recursive: true });
    await writeFile(
      join(lib, 'Cargo.toml'),
      `[package]\nname = "acme-new"\nversion = "0.1.0"\nedition = "2021"\ndescription = "new"\nlicense = "MIT"\npublish = ["${REGISTRY}"]\n\n[dependencies]\ntiny-dep = "0.3"\nacme-util = { version = "1.0", registry = "${REGISTRY}" }\n\n[workspace]\n`,
    );
    await writeFile(join(lib, 'src', 'lib.rs'), 'pub fn hello() {}\n');
    const published = await cargoRun(['publish', '--registry', REGISTRY, '--allow-dirty', '--no-verify'], lib);
    assert.equal(published.code, 0, explain(published, secrets));
    const shared = emulator.store.getDomain('acme', OWNER)?.repositories.get('shared');
    const pkg = shared ? emulator.store.getPackage(shared, 'cargo', undefined, 'acme-new') : undefined;
    assert.equal(pkg?.versions.get('0.1.0')?.status, 'Published');
    assert.deepEqual(pkg?.versions.get('0.1.0')?.dependencies, { 'acme-util': '^1.0', 'tiny-dep': '^0.3' });
    // Publishing the same version again is refused, as CodeArtifact does.
    const again = await cargoRun(['publish', '--registry', REGISTRY, '--allow-dirty', '--no-verify'], lib);
    assert.notEqual(again.code, 0, explain(again, secrets));
    assert.match(again.stderr, /already exists/, explain(again, secrets));
  });

  it('Remove Configuration gives back both files byte for byte', async () => {
    const removed = await configurator.remove();
    assert.equal(removed.errors.length, 0, JSON.stringify(removed.errors));
    assert.equal(await readFile(join(work, '.cargo', 'config.toml'), 'utf8'), USER_CONFIG);
    assert.equal(await readFile(join(cargoHome(), 'credentials.toml'), 'utf8'), USER_CREDENTIALS);
  });
});
