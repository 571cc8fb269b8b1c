// Configure Workspace below the UI on a workspace with package.json and a pyproject.toml used by Poetry and uv:
// detection finds npm, uv and Poetry, one scripted multi-step pick answers every question, and the appliers Configure
// Workspace uses write the files against the emulator. Debian's poetry-core reads the project as Poetry would, the
// URL and credentials Poetry (auth.toml) and uv (the copied export) would use download a wheel, no token lands in the
// workspace, and Remove gives every file back byte for byte.
import assert from 'node:assert/strict';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { TokenService } from '../../src/auth/tokens';
import type { Configurator } from '../../src/configure/configurator';
import type { Applied } from '../../src/configure/configureHost';
import { detectTools, TOOL_ORDER } from '../../src/configure/detect';
import { applyNpmFamily } from '../../src/configure/npmFamily';
import { applyPythonProject, pythonProjectExport } from '../../src/configure/pythonProjectFamily';
import { toolsOf, workspaceSteps, type ConfigureState, type FlowContext } from '../../src/configure/toolSteps';
import { pythonIndexName } from '../../src/core/configFiles/pyprojectIndex';
import { runSteps } from '../../src/core/steps';
import type { Emulator } from '../emulator/server';
import type { Seed } from '../emulator/seed';
import { ScriptedPrompter } from '../unit/configure/scriptedPrompter';
import { startClientHarness, type ClientHarness } from './clientHarness';
import { clientEnv, describe as explain, findTool, listFiles, run, writeFiles } from './helpers';
import { CHECK, CHECK_AUTH, RESOLVE } from './pythonReaders';

const PYTHON = '/usr/bin/python3';
const OWNER = '111122223333';
const KEY = 'AKIAWORKSPACEPYTHON1';
const NAME = pythonIndexName('acme', 'shared');
const seed: Seed = {
  accounts: { [KEY]: OWNER },
  domains: [{ name: 'acme', owner: OWNER, region: 'us-west-2', repositories: [{ name: 'shared' }] }],
  packages: [{ domain: 'acme', repository: 'shared', format: 'pypi', name: 'acme-tools', versions: [{ version: '1.0.0', publishedTime: '2025-01-01T10:00:00Z' }] }],
};

const WORKSPACE: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'app', version: '1.0.0', private: true }),
  'pyproject.toml': `# demo project, used with Poetry and uv
[tool.poetry]
name = "demo"
version = "0.1.0"
description = "a demo"
authors = ["Me <me@example.com>"]

[tool.poetry.dependencies]
python = "^3.11"
requests = { version = "^2.31", source = "${NAME}" }

[tool.uv]
dev-dependencies = ["pytest"]

[build-system]
requires = ["poetry-core"]
build-backend = "poetry.core.masonry.api"
`,
};

const hasPoetryCore = findTool(PYTHON) !== undefined;
const withPoetryCore = hasPoetryCore ? it : it.skip;

describe(`Configure Workspace with Poetry and uv in pyproject.toml${hasPoetryCore ? '' : ' (skipped: /usr/bin/python3 missing; apt-get install -y python3-poetry-core python3-pip)'}`, function () {
  this.timeout(240_000);
  let h: ClientHarness;
  let emulator: Emulator;
  let home: string;
  let work: string;
  let configurator: Configurator;
  let tokens: TokenService;
  let issued: string[] = [];
  const logLines: string[] = [];
  const authFile = (): string => join(home, '.config', 'pypoetry', 'auth.toml');

  before(async () => {
    const log = { info: (m: string) => void logLines.push(m), warn: (m: string) => void logLines.push(m) };
    h = await startClientHarness({ seed, prefix: 'wspy', log });
    ({ emulator, home, work, configurator, issued, tokens } = h);
    await writeFiles(work, WORKSPACE);
  });
  after(() => h?.dispose());

  const pipDownload = async (indexUrl: string): Promise<string[]> => {
    const dest = join(home, `dl-${Math.random().toString(36).slice(2)}`);
    const r = await run('python3', ['-m', 'pip', 'download', '--no-input', '--no-cache-dir', '--no-deps', '--only-binary', ':all:', '--index-url', indexUrl, '--dest', dest, 'acme-tools'], {
      env: clientEnv(home, { PIP_CONFIG_FILE: '/dev/null' }),
      timeoutMs: 120_000,
    });
    assert.equal(r.code, 0, explain(r, issued));
    return readdir(dest);
  };

  withPoetryCore('one counted pick for npm, uv and Poetry; the pyproject entries and auth.toml are what poetry-core and tomllib read', async () => {
    const detected = await detectTools(work);
    assert.deepEqual(detected.map((d) => d.tool), ['npm', 'uv', 'poetry']);
    const prompter = new ScriptedPrompter([{ pick: ['npm', 'uv', 'Poetry'] }, { type: '' }, { pick: 'Replace PyPI' }, { pick: 'Add next to PyPI' }]);
    const ctx: FlowContext = { prompter, purpose: 'Configure Workspace', folders: [work], detected: new Map([[work, detected]]) };
    const state = await runSteps(workspaceSteps(ctx, [], TOOL_ORDER), { folder: work, target: { domain: 'acme', domainOwner: OWNER, repository: 'shared' } } satisfies ConfigureState);
    assert.ok(state?.target);
    assert.deepEqual(prompter.shown.map((s) => [s.title.replace(/“.*”/, '“…”'), s.count]), [
      ['Configure Workspace: tools found in “…”', '1/4'],
      ['Configure Workspace: npm for acme/shared: npm scope (optional)', '2/4'],
      ['Configure Workspace: uv for acme/shared', '3/4'],
      ['Configure Workspace: Poetry for acme/shared', '4/4'],
    ]);

    // As workspaceFlow does: uv and Poetry through configurePythonProject, the rest through their family.
    const host = { configurator };
    const applied: Applied[] = [];
    for (const tool of toolsOf(ctx, state)) {
      if (tool === 'uv' || tool === 'poetry') applied.push(await applyPythonProject(host, tool, state.target, state, undefined));
      else if (tool === 'npm') applied.push(await applyNpmFamily(host, tool, state.target, state, ctx, undefined));
      else assert.fail(`not in this workspace: ${tool}`);
    }
    assert.deepEqual(applied.slice(1).map((a) => a.what), ['uv (default index in pyproject.toml)', 'Poetry (supplemental source in pyproject.toml)']);

    const pyproject = join(work, 'pyproject.toml');
    const r = await run(PYTHON, ['-c', CHECK, pyproject], { cwd: work, env: clientEnv(home) });
    assert.equal(r.code, 0, explain(r, issued));
    const seen = JSON.parse(r.stdout) as Record<string, unknown>;
    const url = `${emulator.endpoint}/acme-${OWNER}/pypi/shared/simple/`;
    assert.deepEqual(seen.errors, []);
    assert.equal(seen.package, 'demo');
    assert.deepEqual(seen.requests_source, [NAME], "Poetry ties the project's dependency to the source we added");
    assert.deepEqual(seen.poetry_sources, [{ name: NAME, url, priority: 'supplemental' }]);
    assert.deepEqual(seen.uv_indexes, [{ name: NAME, url, default: true }]);

    const token = (await tokens.get({ name: 'acme', owner: OWNER })).token;
    const auth = await run(PYTHON, ['-c', CHECK_AUTH, authFile()], { cwd: work, env: clientEnv(home) });
    assert.equal(auth.code, 0, explain(auth, issued));
    assert.deepEqual(JSON.parse(auth.stdout), { [NAME]: { username: 'aws', password: token } });
    assert.equal((await stat(authFile())).mode & 0o777, 0o600);
  });

  withPoetryCore("what Poetry (auth.toml) and uv (the summary's export) would use downloads the wheel from the repository", async () => {
    const token = (await tokens.get({ name: 'acme', owner: OWNER })).token;
    const pyproject = join(work, 'pyproject.toml');
    const poetry = await run(PYTHON, ['-c', RESOLVE, pyproject, 'poetry', NAME, authFile()], { cwd: work, env: clientEnv(home) });
    assert.equal(poetry.code, 0, explain(poetry, issued));
    assert.deepEqual(await pipDownload(poetry.stdout.trim()), ['acme_tools-1.0.0-py3-none-any.whl']);
    const exported = pythonProjectExport(['uv'], { domain: 'acme', repository: 'shared' }, token);
    const uv = await run(PYTHON, ['-c', RESOLVE, pyproject, 'uv', NAME], { cwd: work, env: clientEnv(home, exported) });
    assert.equal(uv.code, 0, explain(uv, issued));
    assert.deepEqual(await pipDownload(uv.stdout.trim()), ['acme_tools-1.0.0-py3-none-any.whl']);
  });

  withPoetryCore('no token in any workspace file or log line; Remove gives every workspace file back byte for byte and deletes auth.toml', async () => {
    assert.ok(issued.length >= 1);
    for (const file of await listFiles(work)) {
      const text = await readFile(file, 'utf8');
      for (const t of issued) assert.ok(!text.includes(t), `token found in ${file}`);
    }
    for (const t of issued) assert.ok(!logLines.some((l) => l.includes(t)), 'token found in the log');
    assert.notEqual(await readFile(join(work, 'pyproject.toml'), 'utf8'), WORKSPACE['pyproject.toml']);
    const { errors } = await configurator.remove();
    assert.deepEqual(errors, []);
    const files = (await listFiles(work)).map((f) => f.slice(work.length + 1)).sort();
    assert.deepEqual(files, Object.keys(WORKSPACE).sort());
    for (const [name, text] of Object.entries(WORKSPACE)) assert.equal(await readFile(join(work, name), 'utf8'), text, name);
    await assert.rejects(stat(authFile()));
  });
});
