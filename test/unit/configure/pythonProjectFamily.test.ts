// uv and Poetry as file edits (Configure Workspace and the pyproject.toml commands) against the emulator: the scripted
// pick answers, applyPythonProject writes pyproject.toml and Poetry's auth.toml, uv's credentials are only an export;
// Escape anywhere and a folder without pyproject.toml write nothing.
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { applyPythonProject, foldersWithPyproject, pythonProjectExport } from '../../../src/configure/pythonProjectFamily';
import { pythonProjectSteps, type ConfigureState, type FlowContext } from '../../../src/configure/toolSteps';
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
    const ctx: FlowContext = { prompter, purpose: 'Configure uv in pyproject.toml', folders, detected: new Map() };
    const state = await runSteps(pythonProjectSteps(ctx, [repositoryStep(prompter)], tool), folders.length === 1 ? { folder: folders[0] } : {});
    if (state?.target) await applyPythonProject(env, tool, state.target, state, undefined);
    return state;
  }

  it('Escape at any step writes nothing: pyproject.toml as it was, no auth.toml, nothing recorded', async () => {
    await writeFile(join(env.work, 'pyproject.toml'), PROJECT);
    const full: Answer[] = [{ pick: 'shared' }, { pick: basename(env.work) }, { pick: 'Replace PyPI' }];
    for (let at = 0; at < full.length; at++) {
      const state = await flow('poetry', [...full.slice(0, at), 'cancel'], [env.work, join(env.home, 'work')]);
      assert.equal(state, undefined);
    }
    assert.equal(await readFile(join(env.work, 'pyproject.toml'), 'utf8'), PROJECT);
    await assert.rejects(stat(authFile()));
    assert.deepEqual(env.configurator.records(), []);
    // The same script without the Escape does write (the check can fail).
    await flow('poetry', full, [env.work, join(env.home, 'work')]);
    assert.notEqual(await readFile(join(env.work, 'pyproject.toml'), 'utf8'), PROJECT);
  });

  it('Poetry then uv: entries in pyproject.toml (URL only), the token only in the user auth.toml (0600) and the export; Remove gives the bytes back', async () => {
    await writeFile(join(env.work, 'pyproject.toml'), PROJECT);
    await flow('poetry', [{ pick: 'shared' }, { pick: 'Add next to PyPI' }], [env.work]);
    await flow('uv', [{ pick: 'shared' }, { pick: 'Replace PyPI' }], [env.work]);
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

  it('a folder without pyproject.toml: a clear message naming the way on, and nothing written anywhere', async () => {
    for (const tool of ['uv', 'poetry'] as const) {
      await assert.rejects(flow(tool, [{ pick: 'shared' }, { pick: 'Replace PyPI' }], [env.work]), (err: Error) => {
        assert.match(err.message, /has no pyproject\.toml, so (uv|Poetry) was not configured: create the project first \((uv|poetry) init\)/);
        return true;
      });
    }
    assert.deepEqual(await readdir(env.work), []);
    await assert.rejects(stat(authFile()));
    assert.deepEqual(env.configurator.records(), []);
  });

  it('only folders with a pyproject.toml are offered (so with one, no folder step)', async () => {
    const other = join(env.work, 'other');
    await mkdir(other);
    await writeFile(join(env.work, 'pyproject.toml'), PROJECT);
    assert.deepEqual(await foldersWithPyproject([other, env.work, join(env.work, 'missing')]), [env.work]);
    await writeFile(join(other, 'pyproject.toml'), PROJECT);
    assert.deepEqual(await foldersWithPyproject([other, env.work]), [other, env.work]);
  });

  it('a pyproject.toml that is a link out of the folder is refused; the file it points to is untouched', async () => {
    const outside = join(env.home, 'elsewhere.toml');
    await writeFile(outside, PROJECT);
    await symlink(outside, join(env.work, 'pyproject.toml'));
    await assert.rejects(flow('uv', [{ pick: 'shared' }, { pick: 'Replace PyPI' }], [env.work]));
    assert.equal(await readFile(outside, 'utf8'), PROJECT);
    assert.deepEqual(env.configurator.records(), []);
  });

  it('answers missing (no folder, no mode) are refused before anything is written', async () => {
    await assert.rejects(applyPythonProject(env, 'uv', SHARED, { indexModes: { uv: 'index-url' } }, undefined), /Choose the folder/);
    await assert.rejects(applyPythonProject(env, 'poetry', SHARED, { folder: env.work }, undefined), /Choose how Poetry/);
    assert.deepEqual(env.configurator.records(), []);
  });
});
