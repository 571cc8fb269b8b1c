// uv and Poetry as file edits (Configure Workspace and "Configure uv / Poetry for a Repository") against the emulator:
// the scripted pick answers, applyPythonProject writes pyproject.toml (or uv.toml) and Poetry's auth.toml, uv's
// credentials are only an export; Escape anywhere and a folder without pyproject.toml (Poetry) write nothing.
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pythonProjectSteps, readPythonFiles, writableFolders } from '../../../src/configure/pythonFileStep';
import { applyPythonProject, pythonProjectExport, uvTerminalVariables } from '../../../src/configure/pythonProjectFamily';
import type { ConfigureState, FlowContext } from '../../../src/configure/toolSteps';
import { runSteps, type Step } from '../../../src/core/steps';
import { useConfiguratorEnv } from './configuratorEnv';
import { ScriptedPrompter, type Answer } from './scriptedPrompter';
import { OWNER } from './testEnv';

const PROJECT = '# mine\n[project]\nname = "demo"\nversion = "0.1.0"\n\n[tool.poetry]\nname = "demo"\n';
const SHARED = { domain: 'acme', domainOwner: OWNER, repository: 'shared' };

/** The repository step only (the domain is given), as targetSteps shows it. */
function repositoryStep(prompter: ScriptedPrompter): Step<ConfigureState> {
  return {
    shown: (s) => s.target === undefined,
    run: async (state, position) => {
      const r = await prompter.pick({ title: 'repository', placeholder: '', items: [{ label: 'shared' }, { label: 'python' }], position });
      return typeof r === 'string' ? r : { next: { ...state, target: { ...SHARED, repository: r.picked[0]?.label ?? '' } } };
    },
  };
}

describe('uv and Poetry in pyproject.toml (applyPythonProject)', function () {
  const env = useConfiguratorEnv();
  const authFile = (): string => join(env.home, '.config', 'pypoetry', 'auth.toml');

  /** What the command does: the steps, then (unless cancelled) the edit. */
  async function flow(tool: 'uv' | 'poetry', script: Answer[], folders: string[]): Promise<ConfigureState | undefined> {
    const prompter = new ScriptedPrompter(script);
    // As the command: the folders it can write into, from what they hold.
    const files = new Map(await Promise.all(folders.map(async (f) => [f, await readPythonFiles(f)] as const)));
    const writable = writableFolders(tool, files);
    const ctx: FlowContext = { prompter, purpose: `Configure ${tool}`, folders: writable, detected: new Map() };
    const state = await runSteps(pythonProjectSteps(ctx, [repositoryStep(prompter)], tool, files), writable.length === 1 ? { folder: writable[0] } : {});
    if (state?.target && state.pythonFile !== 'snippet') await applyPythonProject(env, tool, state.target, state, undefined);
    return state;
  }

  it('Escape at any step writes nothing: pyproject.toml as it was, no auth.toml, nothing recorded', async () => {
    await writeFile(join(env.work, 'pyproject.toml'), PROJECT);
    const second = join(env.home, 'work');
    await mkdir(second, { recursive: true });
    await writeFile(join(second, 'pyproject.toml'), PROJECT);
    const full: Answer[] = [{ pick: 'shared' }, { pick: basename(env.work) }, { pick: 'pyproject.toml' }, { pick: 'Replace PyPI' }];
    for (let at = 0; at < full.length; at++) {
      const state = await flow('poetry', [...full.slice(0, at), 'cancel'], [env.work, second]);
      assert.equal(state, undefined);
    }
    assert.equal(await readFile(join(env.work, 'pyproject.toml'), 'utf8'), PROJECT);
    await assert.rejects(stat(authFile()));
    assert.deepEqual(env.configurator.records(), []);
    // The same script without the Escape does write (the check can fail).
    await flow('poetry', full, [env.work, second]);
    assert.notEqual(await readFile(join(env.work, 'pyproject.toml'), 'utf8'), PROJECT);
  });

  it('Poetry then uv: entries in pyproject.toml (URL only), the token only in the user auth.toml (0600) and the export; Remove gives the bytes back', async () => {
    await writeFile(join(env.work, 'pyproject.toml'), PROJECT);
    await flow('poetry', [{ pick: 'shared' }, { pick: 'pyproject.toml' }, { pick: 'Add next to PyPI' }], [env.work]);
    await flow('uv', [{ pick: 'shared' }, { pick: 'pyproject.toml' }, { pick: 'Replace PyPI' }], [env.work]);
    const url = `${env.emulator.endpoint}/acme-${OWNER}/pypi/shared/simple/`;
    const project = await readFile(join(env.work, 'pyproject.toml'), 'utf8');
    assert.ok(project.startsWith(PROJECT), 'their lines first, untouched');
    assert.match(project, new RegExp(`\\[\\[tool\\.poetry\\.source\\]\\]\\nname = "codeartifact-acme-shared"\\nurl = "${url.replace(/[.]/g, '\\.')}"\\npriority = "supplemental"`));
    assert.match(project, /\[\[tool\.uv\.index\]\]\nname = "codeartifact-acme-shared"\nurl = "[^"]+"\ndefault = true/);
    const token = (await env.tokens.stored({ name: 'acme', owner: OWNER }))?.token ?? '';
    assert.ok(token.length > 10);
    assert.ok(!project.includes(token));
    assert.match(await readFile(authFile(), 'utf8'), /\[http-basic\.codeartifact-acme-shared\]\nusername = "aws"\npassword = "[^"]+"/);
    assert.ok((await readFile(authFile(), 'utf8')).includes(token));
    assert.equal((await stat(authFile())).mode & 0o777, 0o600);
    assert.deepEqual(pythonProjectExport(['uv', 'poetry', 'uv'], SHARED, token), {
      UV_INDEX_CODEARTIFACT_ACME_SHARED_USERNAME: 'aws',
      UV_INDEX_CODEARTIFACT_ACME_SHARED_PASSWORD: token,
      POETRY_HTTP_BASIC_CODEARTIFACT_ACME_SHARED_USERNAME: 'aws',
      POETRY_HTTP_BASIC_CODEARTIFACT_ACME_SHARED_PASSWORD: token,
    });
    assert.deepEqual(env.configurator.records().map((r) => r.kind).sort(), ['poetryAuth', 'poetrySource', 'uvIndex']);
    const { errors } = await env.configurator.remove();
    assert.deepEqual(errors, []);
    assert.equal(await readFile(join(env.work, 'pyproject.toml'), 'utf8'), PROJECT);
    await assert.rejects(stat(authFile()));
  });

  it('Poetry in a folder without pyproject.toml: only the snippet is offered, and nothing is written anywhere', async () => {
    const state = await flow('poetry', [{ pick: 'shared' }, { pick: 'Show snippet instead' }, { pick: 'Replace PyPI' }], [env.work]);
    assert.equal(state?.pythonFile, 'snippet');
    // Asked directly (Configure Workspace), it says how to go on.
    await assert.rejects(applyPythonProject(env, 'poetry', SHARED, { folder: env.work, indexModes: { poetry: 'index-url' } }, undefined), (err: Error) => {
      assert.match(err.message, /has no pyproject\.toml, so Poetry was not configured: create the project first \(poetry init\)/);
      return true;
    });
    await assert.rejects(applyPythonProject(env, 'uv', SHARED, { folder: env.work, pythonFile: 'pyproject', indexModes: { uv: 'index-url' } }, undefined), /has no pyproject\.toml, so uv was not configured/);
    assert.deepEqual(await readdir(env.work), []);
    await assert.rejects(stat(authFile()));
    assert.deepEqual(env.configurator.records(), []);
  });

  it('uv in a folder without pyproject.toml: a new uv.toml with [[index]] (URL only); Remove deletes the file it created', async () => {
    await flow('uv', [{ pick: 'shared' }, { pick: 'uv.toml' }, { pick: 'Add next to PyPI' }], [env.work]);
    const url = `${env.emulator.endpoint}/acme-${OWNER}/pypi/shared/simple/`;
    const text = await readFile(join(env.work, 'uv.toml'), 'utf8');
    assert.match(text, new RegExp(`^# >>> codeartifact-explorer[^\\n]*\\n\\[\\[index\\]\\]\\nname = "codeartifact-acme-shared"\\nurl = "${url.replace(/[.]/g, '\\.')}"\\n# <<<`));
    assert.ok(!text.includes('default = true'), 'extra index: not the default');
    const token = (await env.tokens.stored({ name: 'acme', owner: OWNER }))?.token ?? '';
    assert.ok(token.length > 10 && !text.includes(token));
    assert.deepEqual(env.configurator.records().map((r) => r.kind), ['uvToml']);
    assert.deepEqual((await env.configurator.remove()).errors, []);
    assert.deepEqual(await readdir(env.work), []);
  });

  it("uv with a uv.toml beside pyproject.toml: the index goes into uv.toml (even unasked, as Configure Workspace does); Remove gives both files' bytes back", async () => {
    const uvToml = '# mine\r\n[pip]\r\nindex-strategy = "unsafe-best-match"\r\n';
    await writeFile(join(env.work, 'pyproject.toml'), PROJECT);
    await writeFile(join(env.work, 'uv.toml'), uvToml);
    await applyPythonProject(env, 'uv', SHARED, { folder: env.work, indexModes: { uv: 'index-url' } }, undefined);
    const text = await readFile(join(env.work, 'uv.toml'), 'utf8');
    assert.ok(text.startsWith(uvToml), 'their lines first, untouched');
    assert.match(text, /\[\[index\]\]\r\nname = "codeartifact-acme-shared"\r\nurl = "[^"]+"\r\ndefault = true\r\n/);
    assert.equal(await readFile(join(env.work, 'pyproject.toml'), 'utf8'), PROJECT);
    assert.deepEqual((await env.configurator.remove()).errors, []);
    assert.equal(await readFile(join(env.work, 'uv.toml'), 'utf8'), uvToml);
  });

  it('only folders with a pyproject.toml are offered to Poetry (so with one, no folder step); uv is offered every folder', async () => {
    const other = join(env.work, 'other');
    await mkdir(other);
    await writeFile(join(env.work, 'pyproject.toml'), PROJECT);
    const files = async (folders: string[]) => new Map(await Promise.all(folders.map(async (f) => [f, await readPythonFiles(f)] as const)));
    assert.deepEqual(writableFolders('poetry', await files([other, env.work, join(env.work, 'missing')])), [env.work]);
    assert.deepEqual(writableFolders('uv', await files([other, env.work])), [other, env.work]);
    await writeFile(join(other, 'pyproject.toml'), PROJECT);
    assert.deepEqual(writableFolders('poetry', await files([other, env.work])), [other, env.work]);
  });

  it('a pyproject.toml that is a link out of the folder is refused; the file it points to is untouched', async () => {
    const outside = join(env.home, 'elsewhere.toml');
    await writeFile(outside, PROJECT);
    await symlink(outside, join(env.work, 'pyproject.toml'));
    await assert.rejects(flow('uv', [{ pick: 'shared' }, { pick: 'pyproject.toml' }, { pick: 'Replace PyPI' }], [env.work]));
    assert.equal(await readFile(outside, 'utf8'), PROJECT);
    assert.deepEqual(env.configurator.records(), []);
  });

  it('a uv.toml that is a link out of the folder is refused; the file it points to is untouched', async () => {
    const outside = join(env.home, 'elsewhere-uv.toml');
    await writeFile(outside, '# theirs\n');
    await symlink(outside, join(env.work, 'uv.toml'));
    await assert.rejects(flow('uv', [{ pick: 'shared' }, { pick: 'uv.toml' }, { pick: 'Replace PyPI' }], [env.work]));
    assert.equal(await readFile(outside, 'utf8'), '# theirs\n');
    assert.deepEqual(env.configurator.records(), []);
  });

  it('answers missing (no folder, no mode) are refused before anything is written', async () => {
    await assert.rejects(applyPythonProject(env, 'uv', SHARED, { indexModes: { uv: 'index-url' } }, undefined), /Choose the folder/);
    await assert.rejects(applyPythonProject(env, 'poetry', SHARED, { folder: env.work }, undefined), /Choose how Poetry/);
    assert.deepEqual(env.configurator.records(), []);
  });

  it("terminals get uv's variables for every uv index of the terminal token's domain, and none of another domain's", () => {
    const env = { CODEARTIFACT_AUTH_TOKEN: 'tok-1', CODEARTIFACT_DOMAIN: 'acme', CODEARTIFACT_DOMAIN_OWNER: OWNER };
    const records = [
      { kind: 'uvIndex', domain: 'acme', owner: OWNER, repository: 'shared' },
      { kind: 'uvToml', domain: 'acme', owner: OWNER, repository: 'python' },
      { kind: 'poetrySource', domain: 'acme', owner: OWNER, repository: 'poetry-only' },
      { kind: 'uvIndex', domain: 'other', owner: OWNER, repository: 'shared' },
      { kind: 'uvIndex', domain: 'acme', owner: '999999999999', repository: 'elsewhere' },
    ] as const;
    assert.deepEqual(uvTerminalVariables(records, env), {
      UV_INDEX_CODEARTIFACT_ACME_SHARED_USERNAME: 'aws',
      UV_INDEX_CODEARTIFACT_ACME_SHARED_PASSWORD: 'tok-1',
      UV_INDEX_CODEARTIFACT_ACME_PYTHON_USERNAME: 'aws',
      UV_INDEX_CODEARTIFACT_ACME_PYTHON_PASSWORD: 'tok-1',
    });
    assert.deepEqual(uvTerminalVariables(records, { CODEARTIFACT_DOMAIN: 'acme' }), {}, 'no token, no variables');
  });
});
