// Real cargo (≥ 1.74, the sparse protocol with authentication) against the emulator's Cargo data plane, after
// the Configurator wrote the files: a crate from the repository, one only its upstream's crates.io external
// connection has, yanked versions left alone, publish, the CI environment variable, and Remove Configuration
// giving back every file byte for byte. Skipped (named) where cargo is not installed: Debian's cargo is too old
// for authenticated sparse registries, the rustup one on these machines is 1.95.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cargoRegistryName, cargoTokenVariable } from '../../src/core/configFiles/cargoConfig';
import { OWNER, startClientHarness, yankedVersionSeed, type ClientHarness } from './clientHarness';
import { clientEnv, describe as explain, findTool, REAL_HOME, run } from './helpers';

const REGISTRY = cargoRegistryName('acme', 'shared');

// Yanked (Unlisted) acme-util 1.3.0 is the highest match for "1", and cargo must not pick it for a new lockfile.
const seed = yankedVersionSeed('cargo', { key: 'AKIACARGOCLIENT00001', store: 'crates-store', connection: 'public:crates-io', tinyDepRequirement: '^0.3' });

const USER_CONFIG = '# my own settings\n[net]\nretry = 0 # keep\n';
const USER_CREDENTIALS = '# from cargo login\n[registries.other]\ntoken = "someone-elses"\n';

const cargo = findTool('cargo') ?? (existsSync(join(REAL_HOME, '.cargo', 'bin', 'cargo')) ? join(REAL_HOME, '.cargo', 'bin', 'cargo') : undefined);
const suite = cargo ? describe : describe.skip;

suite(`real cargo against the emulator's Cargo registry${cargo ? '' : ' (skipped: cargo ≥ 1.74 is not installed)'}`, function () {
  this.timeout(300_000);
  let h: ClientHarness;
  let home: string;
  let work: string;
  const cargoHome = (): string => join(home, '.cargo');
  const env = (extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv =>
    clientEnv(home, { CARGO_HOME: cargoHome(), RUSTUP_HOME: process.env.RUSTUP_HOME ?? join(REAL_HOME, '.rustup'), CARGO_NET_RETRY: '0', CARGO_TERM_COLOR: 'never', ...extra });
  const cargoRun = (args: string[], cwd = work, extra: Record<string, string | undefined> = {}) => run(cargo ?? 'cargo', args, { cwd, env: env(extra), timeoutMs: 180_000 });

  before(async () => {
    h = await startClientHarness({ seed, prefix: 'cargo', userEnv: (dir) => ({ CARGO_HOME: join(dir, '.cargo') }) });
    ({ home, work } = h);
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
    await h?.dispose();
  });

  const lockfile = async (): Promise<string> => {
    await rm(join(work, 'Cargo.lock'), { force: true });
    await rm(join(cargoHome(), 'registry'), { recursive: true, force: true });
    return '';
  };

  it('configureCargo (replacing crates.io) → cargo locks acme-util 1.2.0 (not the yanked 1.3.0) and tiny-dep 0.3.1 from the external connection, and fetches both', async () => {
    const result = await h.configurator.configureCargo({ domain: 'acme', domainOwner: OWNER, repository: 'shared' }, { workspaceFolder: work, replaceCratesIo: true });
    assert.equal(result.changes.length, 2);
    await lockfile();
    const locked = await cargoRun(['generate-lockfile']);
    assert.equal(locked.code, 0, explain(locked, h.issued));
    const lock = await readFile(join(work, 'Cargo.lock'), 'utf8');
    assert.match(lock, /name = "acme-util"\nversion = "1\.2\.0"/);
    assert.match(lock, /name = "tiny-dep"\nversion = "0\.3\.1"/);
    assert.ok(!lock.includes('1.3.0') && !lock.includes('0.4.0'), lock);
    const fetched = await cargoRun(['fetch']);
    assert.equal(fetched.code, 0, explain(fetched, h.issued));
    const built = await cargoRun(['run', '--offline', '-q']);
    assert.equal(built.code, 0, explain(built, h.issued));
    assert.equal(built.stdout.trim(), '1.2.0');
    // CodeArtifact kept a copy of the crates.io crate in the repositories on the way.
    assert.equal(h.storedVersion('cargo', undefined, 'tiny-dep', '0.3.1')?.origin.originType, 'EXTERNAL');
  });

  it('the token is only in the user credentials.toml (0600), next to the user\'s own entries; the project file has none', async () => {
    const token = (await h.tokens.get({ name: 'acme', owner: OWNER })).token;
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
      assert.notEqual(denied.code, 0, explain(denied, h.issued));
      assert.match(denied.stderr, /401|token|authenticat/i, explain(denied, h.issued));
      const token = (await h.tokens.get({ name: 'acme', owner: OWNER })).token;
      await lockfile();
      const ci = await cargoRun(['generate-lockfile'], work, { [cargoTokenVariable(REGISTRY)]: `Bearer ${token}` });
      assert.equal(ci.code, 0, explain(ci, h.issued));
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
    assert.equal(published.code, 0, explain(published, h.issued));
    const stored = h.storedVersion('cargo', undefined, 'acme-new', '0.1.0');
    assert.equal(stored?.status, 'Published');
    assert.deepEqual(stored?.dependencies, { 'acme-util': '^1.0', 'tiny-dep': '^0.3' });
    // Publishing the same version again is refused, as CodeArtifact does.
    const again = await cargoRun(['publish', '--registry', REGISTRY, '--allow-dirty', '--no-verify'], lib);
    assert.notEqual(again.code, 0, explain(again, h.issued));
    assert.match(again.stderr, /already exists/, explain(again, h.issued));
  });

  it('Remove Configuration gives back both files byte for byte', async () => {
    const removed = await h.configurator.remove();
    assert.equal(removed.errors.length, 0, JSON.stringify(removed.errors));
    assert.equal(await readFile(join(work, '.cargo', 'config.toml'), 'utf8'), USER_CONFIG);
    assert.equal(await readFile(join(cargoHome(), 'credentials.toml'), 'utf8'), USER_CREDENTIALS);
  });
});
