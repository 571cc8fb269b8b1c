// The real Poetry CLI (Debian's python3-poetry) against the emulator, after Configure Poetry (Configurator): what it
// does with the pyproject.toml we write, and whether the token we put in its user auth.toml is what it sends.
// Debian 12 ships Poetry 1.3.2, whose schema predates the source `priority` key (Poetry 1.5): it refuses the file
// as written. So the credentials are proven with the source exactly as written minus only that line.
import assert from 'node:assert/strict';
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SdkCodeArtifactApi } from '../../src/aws/codeArtifactApi';
import { TokenService } from '../../src/auth/tokens';
import { Configurator } from '../../src/configure/configurator';
import { applyPoetryAuth, pythonIndexName } from '../../src/core/configFiles/pyprojectIndex';
import { startEmulator, type Emulator } from '../emulator/server';
import type { Seed } from '../emulator/seed';
import { FakeMemento, FakeSecretStorage } from '../unit/fakes';
import { clientEnv, describe as explain, findTool, makeTempDir, removeDir, run, type RunResult } from './helpers';

const POETRY = findTool('poetry');
const OWNER = '111122223333';
const KEY = 'AKIAPOETRYCLI0000001';
const NAME = pythonIndexName('acme', 'shared');
const SHARED = { domain: 'acme', domainOwner: OWNER, repository: 'shared' };

const seed: Seed = {
  accounts: { [KEY]: OWNER },
  domains: [{ name: 'acme', owner: OWNER, region: 'us-west-2', repositories: [{ name: 'base' }, { name: 'shared', upstreams: ['base'] }] }],
  packages: [
    { domain: 'acme', repository: 'shared', format: 'pypi', name: 'acme-tools', versions: [{ version: '1.0.0', publishedTime: '2025-01-01T10:00:00Z' }] },
    // Reachable from "shared" only through its upstream.
    { domain: 'acme', repository: 'base', format: 'pypi', name: 'acme-core', versions: [{ version: '2.1.0', publishedTime: '2025-02-01T10:00:00Z' }] },
  ],
};

// Both dependencies name the source, so nothing asks pypi.org (unreachable here).
const PROJECT = `# a demo project
[tool.poetry]
name = "demo"
version = "0.1.0"
description = "a demo"
authors = ["Me <me@example.com>"]

[tool.poetry.dependencies]
python = "^3.11"
acme-tools = { version = "^1.0", source = "${NAME}" }
acme-core = { version = "^2.1", source = "${NAME}" }

[build-system]
requires = ["poetry-core"]
build-backend = "poetry.core.masonry.api"
`;

/** "1.3.2" from "Poetry (version 1.3.2)"; priority needs 1.5. */
function acceptsPriority(version: string): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major > 1 || (major === 1 && minor >= 5);
}

describe(`The real Poetry CLI after Configure Poetry, against the emulator${POETRY ? '' : ' (skipped: no poetry on PATH; apt-get install -y python3-poetry)'}`, function () {
  this.timeout(600_000);
  let emulator: Emulator;
  let api: SdkCodeArtifactApi;
  let tokens: TokenService;
  let configurator: Configurator;
  let home: string;
  let work: string;
  let version = '';
  const secrets: string[] = [];
  const poetry = (args: string[]): Promise<RunResult> =>
    run(POETRY ?? 'poetry', [...args, '--no-interaction'], {
      cwd: work,
      // No POETRY_CONFIG_DIR: Poetry finds auth.toml under HOME itself, where poetryAuthPath put it.
      env: clientEnv(home, { POETRY_CACHE_DIR: join(home, 'poetry-cache'), POETRY_VIRTUALENVS_IN_PROJECT: 'true' }),
      timeoutMs: 300_000,
    });

  before(async function () {
    if (!POETRY) return this.skip();
    emulator = await startEmulator({ seed, port: 0 });
    api = new SdkCodeArtifactApi({ region: 'us-west-2', endpoint: emulator.endpoint, credentials: { accessKeyId: KEY, secretAccessKey: 'x' } });
    home = await makeTempDir('poetry-home');
    work = await makeTempDir('poetry-work');
    const log = { info: () => undefined, warn: () => undefined };
    tokens = new TokenService({ api: () => api, secrets: new FakeSecretStorage(), log, durationSeconds: () => 900 });
    tokens.onDidRefresh((t) => void secrets.push(t.token));
    configurator = new Configurator({ connection: () => ({ region: 'us-west-2', endpoint: emulator.endpoint }), api: () => api, tokens, records: new FakeMemento(), user: () => ({ env: {}, home, platform: 'linux' }), workspaceRoots: () => [work], log });
    await writeFile(join(work, 'pyproject.toml'), PROJECT);
    const v = await run(POETRY, ['--version'], { env: clientEnv(home) });
    version = /(\d+\.\d+(?:\.\d+)?)/.exec(v.stdout)?.[1] ?? '';
    assert.ok(version, explain(v));
    await configurator.configurePythonProject(SHARED, { tool: 'poetry', workspaceFolder: work, mode: 'index-url' });
  });
  after(async () => {
    tokens?.dispose();
    api?.dispose();
    await emulator?.stop();
    if (home) await removeDir(home);
    if (work) await removeDir(work);
  });

  it('the pyproject.toml as Configure Poetry writes it: Poetry 1.5+ locks it; older Poetry refuses only the priority key (Debian 12 has 1.3.2)', async () => {
    const r = await poetry(['lock']);
    if (acceptsPriority(version)) {
      assert.equal(r.code, 0, explain(r, secrets));
    } else {
      assert.notEqual(r.code, 0, `Poetry ${version} accepted priority = "primary": ${explain(r, secrets)}`);
      assert.match(r.stdout + r.stderr, /\[source\.0\] Additional properties are not allowed \('priority' was unexpected\)/);
    }
    await rm(join(work, 'poetry.lock'), { force: true });
  });

  it('the source exactly as our writer writes it minus only its priority line, the token from our auth.toml: poetry lock and install get both wheels (one only through the upstream)', async () => {
    const written = await readFile(join(work, 'pyproject.toml'), 'utf8');
    const without = written.replace(/^priority = "primary"\n/m, '');
    assert.equal(written.split('\n').length - without.split('\n').length, 1, 'exactly one line removed');
    await writeFile(join(work, 'pyproject.toml'), without);
    const authFile = join(home, '.config', 'pypoetry', 'auth.toml');
    assert.equal((await stat(authFile)).mode & 0o777, 0o600);
    const locked = await poetry(['lock']);
    assert.equal(locked.code, 0, explain(locked, secrets));
    const lock = await readFile(join(work, 'poetry.lock'), 'utf8');
    for (const wheel of ['acme_tools-1.0.0-py3-none-any.whl', 'acme_core-2.1.0-py3-none-any.whl']) assert.match(lock, new RegExp(`file = "${wheel.replace(/[.]/g, '\\.')}", hash = "sha256:[0-9a-f]{64}"`), lock);
    assert.match(lock, new RegExp(`reference = "${NAME}"`));
    const installed = await poetry(['install', '--no-root']);
    assert.equal(installed.code, 0, explain(installed, secrets));
    const site = join(work, '.venv', 'lib', (await readdir(join(work, '.venv', 'lib')))[0] ?? '', 'site-packages');
    const dists = (await readdir(site)).filter((d) => d.endsWith('.dist-info') && d.startsWith('acme_'));
    assert.deepEqual(dists.sort(), ['acme_core-2.1.0.dist-info', 'acme_tools-1.0.0.dist-info']);
  });

  it('the same with a wrong token in auth.toml: no file is locked and install fails (so the token is what Poetry sent)', async () => {
    const authFile = join(home, '.config', 'pypoetry', 'auth.toml');
    const good = await readFile(authFile, 'utf8');
    try {
      await writeFile(authFile, applyPoetryAuth(undefined, { name: NAME, token: 'wrong-token' }).text, { mode: 0o600 });
      await rm(join(work, 'poetry.lock'), { force: true });
      await rm(join(work, '.venv'), { recursive: true, force: true });
      await rm(join(home, 'poetry-cache'), { recursive: true, force: true });
      const locked = await poetry(['lock']);
      const lock = await readFile(join(work, 'poetry.lock'), 'utf8').catch(() => '');
      assert.ok(locked.code !== 0 || !lock.includes('.whl'), `a wrong token still locked wheels: ${lock}`);
      assert.match(locked.stdout + locked.stderr, /Authorization error/);
      if (locked.code === 0) assert.notEqual((await poetry(['install', '--no-root'])).code, 0);
    } finally {
      await writeFile(authFile, good, { mode: 0o600 });
    }
  });

  it('Remove Configuration gives back pyproject.toml byte for byte (the block goes whole) and deletes the auth.toml it created', async () => {
    const removed = await configurator.remove();
    assert.deepEqual(removed.errors, []);
    assert.equal(await readFile(join(work, 'pyproject.toml'), 'utf8'), PROJECT);
    await assert.rejects(stat(join(home, '.config', 'pypoetry', 'auth.toml')));
  });
});
