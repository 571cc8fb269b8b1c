// Differential check of the pyproject.toml we write for Poetry and uv, read by the real readers on this machine:
// Debian's python3-poetry-core 1.4 (Factory.validate and create_poetry on the whole project; its check accepts the
// source's `priority` key, which the Poetry 1.3 CLI's own schema refuses: see poetryCli.test.ts) and Python's tomllib,
// then held against each tool's documented source/index format (Poetry's `[[tool.poetry.source]]`: name, url,
// priority primary|supplemental|explicit; uv's `[[tool.uv.index]]`: name, url, default, explicit). uv is not
// installable here (no Debian package, no PyPI), so uv's side is checked against its documented format only.
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TokenService } from '../../src/auth/tokens';
import type { Configurator } from '../../src/configure/configurator';
import { pythonCredentialExport } from '../../src/configure/pythonProjectRecords';
import { applyPoetryAuth, applyPyprojectIndex, pythonIndexName } from '../../src/core/configFiles/pyprojectIndex';
import type { Seed } from '../emulator/seed';
import { startClientHarness, type ClientHarness } from './clientHarness';
import { CHECK, CHECK_AUTH, RESOLVE, RESOLVE_UV_TOML } from './pythonReaders';
import { clientEnv, describe as explain, findTool, makeTempDir, removeDir, run } from './helpers';

const PYTHON = '/usr/bin/python3';
const ENDPOINT = 'https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/pypi/shared/';
const NAME = pythonIndexName('acme', 'shared');

const PROJECT = `# demo project
[tool.poetry]
name = "demo"
version = "0.1.0"
description = "a demo"
authors = ["Me <me@example.com>"]

[tool.poetry.dependencies]
python = "^3.11"
requests = { version = "^2.31", source = "${NAME}" }

[[tool.poetry.source]]
name = "internal"
url = "https://pypi.example.com/simple/"
priority = "explicit"

[tool.uv]
dev-dependencies = ["pytest"]

[build-system]
requires = ["poetry-core"]
build-backend = "poetry.core.masonry.api"
`;

const hasPoetryCore = findTool(PYTHON) !== undefined;
const withPoetryCore = hasPoetryCore ? it : it.skip;

describe(`pyproject.toml for Poetry and uv, read by poetry-core and tomllib${hasPoetryCore ? '' : ' (skipped: /usr/bin/python3 missing; apt-get install -y python3-poetry-core)'}`, function () {
  this.timeout(60_000);
  let dir: string;
  before(async () => {
    dir = await makeTempDir('pyproject');
  });
  after(async () => removeDir(dir));

  withPoetryCore('both entries are read back as written; the project stays a valid Poetry project', async () => {
    const poetry = applyPyprojectIndex(PROJECT, 'poetry', { endpoint: ENDPOINT, name: NAME, mode: 'extra-index-url' });
    const both = applyPyprojectIndex(poetry.text, 'uv', { endpoint: ENDPOINT, name: NAME, mode: 'index-url' });
    await writeFile(join(dir, 'pyproject.toml'), both.text);
    const r = await run(PYTHON, ['-c', CHECK, join(dir, 'pyproject.toml')], { cwd: dir, env: clientEnv(dir) });
    assert.equal(r.code, 0, explain(r));
    const seen = JSON.parse(r.stdout) as Record<string, unknown>;
    assert.deepEqual(seen.errors, []);
    assert.equal(seen.package, 'demo');
    assert.deepEqual(seen.requests_source, [NAME]);
    assert.deepEqual(seen.poetry_sources, [
      { name: 'internal', url: 'https://pypi.example.com/simple/', priority: 'explicit' },
      { name: NAME, url: `${ENDPOINT}simple/`, priority: 'supplemental' },
    ]);
    assert.deepEqual(seen.uv_indexes, [{ name: NAME, url: `${ENDPOINT}simple/`, default: true }]);
  });

  withPoetryCore("a broken entry is caught by the same check (the check can fail)", async () => {
    await writeFile(join(dir, 'pyproject.toml'), `${PROJECT}\n[[tool.poetry.source]]\nname = "x"\nurl = "https://x/"\npriority = "default-ish"\n`);
    const r = await run(PYTHON, ['-c', CHECK, join(dir, 'pyproject.toml')], { cwd: dir, env: clientEnv(dir) });
    assert.notEqual(r.code, 0, explain(r));
  });

  withPoetryCore("Poetry's auth.toml holds http-basic.<name> as `poetry config http-basic.<name> aws TOKEN` would", async () => {
    const auth = applyPoetryAuth('[http-basic.other]\nusername = "me"\npassword = "pw"\n', { name: NAME, token: 'tok.1-2_3' });
    await writeFile(join(dir, 'auth.toml'), auth.text);
    const r = await run(PYTHON, ['-c', CHECK_AUTH, join(dir, 'auth.toml')], { cwd: dir, env: clientEnv(dir) });
    assert.equal(r.code, 0, explain(r));
    assert.deepEqual(JSON.parse(r.stdout), { other: { username: 'me', password: 'pw' }, [NAME]: { username: 'aws', password: 'tok.1-2_3' } });
  });
});

const OWNER = '111122223333';
const KEY = 'AKIAPYPROJECT0000001';
const seed: Seed = {
  accounts: { [KEY]: OWNER },
  domains: [{ name: 'acme', owner: OWNER, region: 'us-west-2', repositories: [{ name: 'shared' }] }],
  packages: [{ domain: 'acme', repository: 'shared', format: 'pypi', name: 'acme-tools', versions: [{ version: '1.0.0', publishedTime: '2025-01-01T10:00:00Z' }] }],
};

describe(`Configure uv / Poetry against the emulator: the URL and credentials they would use reach the repository${hasPoetryCore ? '' : ' (skipped: /usr/bin/python3 missing)'}`, function () {
  this.timeout(180_000);
  let h: ClientHarness;
  let home: string;
  let work: string;
  let tokens: TokenService;
  let configurator: Configurator;
  /** Every token issued (the harness's list), for redaction. */
  let secrets: string[] = [];

  before(async () => {
    h = await startClientHarness({ seed, prefix: 'pyproject' });
    ({ home, work, tokens, configurator, issued: secrets } = h);
    await writeFile(join(work, 'pyproject.toml'), PROJECT);
  });
  after(() => h?.dispose());

  const pipDownload = async (indexUrl: string): Promise<string[]> => {
    const dest = join(home, `dl-${secrets.length}-${Math.random().toString(36).slice(2)}`);
    const r = await run('python3', ['-m', 'pip', 'download', '--no-input', '--no-cache-dir', '--no-deps', '--only-binary', ':all:', '--index-url', indexUrl, '--dest', dest, 'acme-tools'], {
      env: clientEnv(home, { PIP_CONFIG_FILE: '/dev/null' }),
      timeoutMs: 120_000,
    });
    assert.equal(r.code, 0, explain(r, secrets));
    return readdir(dest);
  };

  withPoetryCore('Poetry: source in pyproject.toml, token only in the user auth.toml (0600); pip with those gets the wheel', async () => {
    const result = await configurator.configurePythonProject({ domain: 'acme', domainOwner: OWNER, repository: 'shared' }, { tool: 'poetry', workspaceFolder: work, mode: 'extra-index-url' });
    assert.equal(result.changes.length, 2);
    const token = (await tokens.get({ name: 'acme', owner: OWNER })).token;
    const authFile = join(home, '.config', 'pypoetry', 'auth.toml');
    assert.ok(!(await readFile(join(work, 'pyproject.toml'), 'utf8')).includes(token));
    assert.equal((await stat(authFile)).mode & 0o777, 0o600);
    const r = await run(PYTHON, ['-c', RESOLVE, join(work, 'pyproject.toml'), 'poetry', NAME, authFile], { cwd: work, env: clientEnv(home) });
    assert.equal(r.code, 0, explain(r, secrets));
    assert.deepEqual(await pipDownload(r.stdout.trim()), ['acme_tools-1.0.0-py3-none-any.whl']);
  });

  withPoetryCore('uv: index in pyproject.toml, credentials from UV_INDEX_<NAME>_*; pip with those gets the wheel', async () => {
    await configurator.configurePythonProject({ domain: 'acme', domainOwner: OWNER, repository: 'shared' }, { tool: 'uv', workspaceFolder: work, mode: 'index-url' });
    const token = (await tokens.get({ name: 'acme', owner: OWNER })).token;
    const env = pythonCredentialExport('uv', { domain: 'acme', repository: 'shared' }, token);
    const r = await run(PYTHON, ['-c', RESOLVE, join(work, 'pyproject.toml'), 'uv', NAME], { cwd: work, env: clientEnv(home, env) });
    assert.equal(r.code, 0, explain(r, secrets));
    assert.deepEqual(await pipDownload(r.stdout.trim()), ['acme_tools-1.0.0-py3-none-any.whl']);
    // A wrong token is refused: the check can fail.
    const bad = r.stdout.trim().replace(encodeURIComponent(token), 'wrong-token');
    const denied = await run('python3', ['-m', 'pip', 'download', '--no-input', '--no-cache-dir', '--no-deps', '--index-url', bad, '--dest', join(home, 'denied'), 'acme-tools'], { env: clientEnv(home, { PIP_CONFIG_FILE: '/dev/null' }), timeoutMs: 120_000 });
    assert.notEqual(denied.code, 0);
  });

  withPoetryCore("uv.toml in a folder without pyproject.toml: [[index]] (URL only), credentials from UV_INDEX_<NAME>_*; pip with those gets the wheel", async () => {
    const bare = join(work, 'scripts');
    await mkdir(bare);
    await configurator.configurePythonProject({ domain: 'acme', domainOwner: OWNER, repository: 'shared' }, { tool: 'uv', workspaceFolder: bare, mode: 'index-url', uvFile: 'uvToml' });
    const token = (await tokens.get({ name: 'acme', owner: OWNER })).token;
    assert.ok(!(await readFile(join(bare, 'uv.toml'), 'utf8')).includes(token));
    const env = pythonCredentialExport('uv', { domain: 'acme', repository: 'shared' }, token);
    const r = await run(PYTHON, ['-c', RESOLVE_UV_TOML, join(bare, 'uv.toml'), NAME], { cwd: bare, env: clientEnv(home, env) });
    assert.equal(r.code, 0, explain(r, secrets));
    assert.deepEqual(await pipDownload(r.stdout.trim()), ['acme_tools-1.0.0-py3-none-any.whl']);
  });

  withPoetryCore('Remove Configuration gives back pyproject.toml byte for byte and deletes the auth.toml and uv.toml it created', async () => {
    const removed = await configurator.remove();
    assert.equal(removed.errors.length, 0, JSON.stringify(removed.errors));
    assert.equal(await readFile(join(work, 'pyproject.toml'), 'utf8'), PROJECT);
    await assert.rejects(stat(join(home, '.config', 'pypoetry', 'auth.toml')));
    assert.deepEqual(await readdir(join(work, 'scripts')), []);
  });
});
