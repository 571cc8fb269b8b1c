// The pyproject.toml edits for uv (`[[tool.uv.index]]`) and Poetry (`[[tool.poetry.source]]`) and Poetry's
// auth.toml, on real-world shapes. (Poetry-core and Python's tomllib read our output in
// test/integration/pyprojectIndex.test.ts.)
import assert from 'node:assert/strict';
import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import { ConfigEditError } from '../../../../src/core/configFiles/managedBlock';
import {
  applyPoetryAuth,
  applyPyprojectIndex,
  applyUvTomlIndex,
  poetryAuthPath,
  poetryCredentialEnvironment,
  pythonIndexName,
  removePoetryAuth,
  removePyprojectIndex,
  removeUvTomlIndex,
  uvCredentialEnvironment,
  type PythonTool,
} from '../../../../src/core/configFiles/pyprojectIndex';

const ENDPOINT = 'https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/pypi/shared/';
const URL_ = `${ENDPOINT}simple/`;
const TOKEN = 'eyJ2ZXIiOjF9.abc-def_123';
const NAME = pythonIndexName('acme', 'shared');

const POETRY_PROJECT = `[tool.poetry]
name = "demo"
version = "0.1.0"
description = ""
authors = ["Me <me@example.com>"]

[tool.poetry.dependencies]
python = "^3.11"
requests = "^2.31" # pinned by hand

[[tool.poetry.source]]
name = "internal"
url = "https://pypi.example.com/simple/"
priority = "supplemental"

[build-system]
requires = ["poetry-core"]
build-backend = "poetry.core.masonry.api"
`;

const UV_PROJECT = `[project]
name = "demo"
version = "0.1.0"
requires-python = ">=3.11"
dependencies = ["requests>=2.31"]

[tool.uv]
dev-dependencies = ["pytest"]

[[tool.uv.index]]
name = "pytorch"
url = "https://download.pytorch.org/whl/cpu"
explicit = true

[tool.ruff]
line-length = 100`;

function toml(text: string): Record<string, unknown> {
  return getStaticTOMLValue(parseTOML(text.replace(/^\uFEFF/, '')));
}

function entries(text: string, tool: PythonTool): Record<string, unknown>[] {
  const t = toml(text).tool as Record<string, Record<string, unknown>>;
  return (tool === 'uv' ? t.uv?.index : t.poetry?.source) as Record<string, unknown>[];
}

function roundTrip(original: string | undefined, tool: PythonTool, mode: 'index-url' | 'extra-index-url' = 'index-url'): string {
  const applied = applyPyprojectIndex(original, tool, { endpoint: ENDPOINT, name: NAME, mode });
  assert.ok(applied.changed);
  assert.equal(applyPyprojectIndex(applied.text, tool, { endpoint: ENDPOINT, name: NAME, mode }).changed, false, 'idempotent');
  assert.equal(removePyprojectIndex(applied.text, tool, { name: NAME }), original ?? '', 'reversible byte for byte');
  assert.ok(!applied.text.includes(TOKEN));
  return applied.text;
}

describe('pyproject.toml index for uv and Poetry', () => {
  it('names the index so that both tools map it onto one environment variable name', () => {
    assert.equal(NAME, 'codeartifact-acme-shared');
    assert.equal(pythonIndexName('Acme', 'My.Repo_1'), 'codeartifact-acme-my-repo-1');
    assert.deepEqual(uvCredentialEnvironment(NAME, TOKEN), { UV_INDEX_CODEARTIFACT_ACME_SHARED_USERNAME: 'aws', UV_INDEX_CODEARTIFACT_ACME_SHARED_PASSWORD: TOKEN });
    assert.deepEqual(poetryCredentialEnvironment(NAME, TOKEN), { POETRY_HTTP_BASIC_CODEARTIFACT_ACME_SHARED_USERNAME: 'aws', POETRY_HTTP_BASIC_CODEARTIFACT_ACME_SHARED_PASSWORD: TOKEN });
    assert.throws(() => uvCredentialEnvironment('Bad Name', TOKEN), ConfigEditError);
  });

  it('Poetry project: a second source after the user one, priority by mode; everything else kept', () => {
    const text = roundTrip(POETRY_PROJECT, 'poetry');
    assert.ok(text.startsWith(POETRY_PROJECT));
    assert.deepEqual(entries(text, 'poetry'), [
      { name: 'internal', url: 'https://pypi.example.com/simple/', priority: 'supplemental' },
      { name: NAME, url: URL_, priority: 'primary' },
    ]);
    assert.equal(entries(roundTrip(POETRY_PROJECT, 'poetry', 'extra-index-url'), 'poetry')[1]?.priority, 'supplemental');
    assert.deepEqual((toml(text).tool as Record<string, Record<string, unknown>>).poetry?.dependencies, { python: '^3.11', requests: '^2.31' });
  });

  it('uv project without a final newline: the index goes after [tool.ruff] as an array-of-tables entry', () => {
    const text = roundTrip(UV_PROJECT, 'uv');
    assert.deepEqual(entries(text, 'uv'), [
      { name: 'pytorch', url: 'https://download.pytorch.org/whl/cpu', explicit: true },
      { name: NAME, url: URL_, default: true },
    ]);
    assert.equal((toml(text).tool as Record<string, Record<string, unknown>>).ruff?.['line-length'], 100);
    assert.deepEqual(entries(roundTrip(UV_PROJECT, 'uv', 'extra-index-url'), 'uv')[1], { name: NAME, url: URL_ });
  });

  it('no pyproject.toml: refused; an empty one, CRLF and a BOM: valid TOML, shape kept', () => {
    assert.throws(() => applyPyprojectIndex(undefined, 'uv', { endpoint: ENDPOINT, name: NAME, mode: 'index-url' }), /no pyproject\.toml; create the project first \(uv init\)/);
    assert.deepEqual(entries(roundTrip('', 'uv'), 'uv'), [{ name: NAME, url: URL_, default: true }]);
    const crlf = '\uFEFF[project]\r\nname = "x"\r\n';
    const text = roundTrip(crlf, 'poetry');
    assert.ok(!/[^\r]\n/.test(text.slice(1)));
  });

  it('both tools in one file, each removed on its own', () => {
    const uv = applyPyprojectIndex(POETRY_PROJECT, 'uv', { endpoint: ENDPOINT, name: NAME, mode: 'extra-index-url' }).text;
    const both = applyPyprojectIndex(uv, 'poetry', { endpoint: ENDPOINT, name: NAME, mode: 'index-url' }).text;
    assert.equal(entries(both, 'uv').length, 1);
    assert.equal(entries(both, 'poetry').length, 2);
    assert.equal(removePyprojectIndex(removePyprojectIndex(both, 'uv', { name: NAME }), 'poetry', { name: NAME }), POETRY_PROJECT);
  });

  it('refuses what it cannot extend safely, with a message that says what to do', () => {
    const cases: [string, PythonTool, RegExp][] = [
      ['[project\nname = "x"\n', 'uv', /not valid TOML/],
      ['[tool.uv]\nindex = [{ name = "a", url = "https://a/" }]\n', 'uv', /by hand/],
      [`[[tool.uv.index]]\nname = "${NAME}"\nurl = "https://elsewhere/"\n`, 'uv', /already has a uv index named/],
      ['[[tool.uv.index]]\nname = "corp"\nurl = "https://corp/"\ndefault = true\n', 'uv', /already marks another uv index as default/],
      ['[tool.poetry]\nsource = "x"\n', 'poetry', /not a list of tables/],
      [`[[tool.poetry.source]]\nname = "${NAME}"\nurl = "https://x/"\n`, 'poetry', /already has a Poetry source named/],
    ];
    for (const [text, tool, message] of cases) {
      assert.throws(() => applyPyprojectIndex(text, tool, { endpoint: ENDPOINT, name: NAME, mode: 'index-url' }), (err: unknown) => err instanceof ConfigEditError && message.test(err.message), text);
    }
  });

  it("uv.toml: [[index]] at the top level, created when missing, idempotent, removed byte for byte; [tool.uv] keys are not uv.toml's", () => {
    const created = applyUvTomlIndex(undefined, { endpoint: ENDPOINT, name: NAME, mode: 'index-url' });
    assert.deepEqual(toml(created.text).index, [{ name: NAME, url: URL_, default: true }]);
    assert.equal(removeUvTomlIndex(created.text, { name: NAME }), '', 'nothing left: the file it created can go');
    const theirs = '# uv settings\n[pip]\nindex-strategy = "first-index"\n\n[[index]]\nname = "pytorch"\nurl = "https://download.pytorch.org/whl/cpu"\nexplicit = true';
    const added = applyUvTomlIndex(theirs, { endpoint: ENDPOINT, name: NAME, mode: 'extra-index-url' });
    assert.deepEqual((toml(added.text).index as unknown[]).length, 2);
    assert.deepEqual((toml(added.text).index as Record<string, unknown>[])[1], { name: NAME, url: URL_ });
    assert.equal(applyUvTomlIndex(added.text, { endpoint: ENDPOINT, name: NAME, mode: 'extra-index-url' }).changed, false, 'idempotent');
    assert.equal(removeUvTomlIndex(added.text, { name: NAME }), theirs);
    assert.ok(!added.text.includes(TOKEN) && !added.text.includes('tool.uv'));
    // A pyproject.toml's uv block is not removed from uv.toml by mistake, nor the other way round.
    const project = applyPyprojectIndex(UV_PROJECT, 'uv', { endpoint: ENDPOINT, name: NAME, mode: 'extra-index-url' }).text;
    assert.equal(removePyprojectIndex(project, 'uv', { name: NAME }), UV_PROJECT);
    const cases: [string, RegExp][] = [
      ['index = [{ name = "a", url = "https://a/" }]\n', /by hand/],
      [`[[index]]\nname = "${NAME}"\nurl = "https://elsewhere/"\n`, /uv\.toml already has a uv index named/],
      ['[[index]]\nname = "corp"\nurl = "https://corp/"\ndefault = true\n', /already marks another uv index as default/],
      ['index = "x"\n', /uv\.toml: index is not a list of tables/],
      ['[index\n', /uv\.toml is not valid TOML/],
    ];
    for (const [text, message] of cases) {
      assert.throws(() => applyUvTomlIndex(text, { endpoint: ENDPOINT, name: NAME, mode: 'index-url' }), (err: unknown) => err instanceof ConfigEditError && message.test(err.message), text);
    }
  });

  it("Poetry's auth.toml: http-basic credentials added, replaced on refresh, removed byte for byte", () => {
    const original = '[http-basic.other]\nusername = "me"\npassword = "secret"\n';
    const applied = applyPoetryAuth(original, { name: NAME, token: TOKEN });
    assert.deepEqual((toml(applied.text)['http-basic'] as Record<string, unknown>)[NAME], { username: 'aws', password: TOKEN });
    assert.ok(applied.changes.every((c) => !c.includes(TOKEN)));
    const refreshed = applyPoetryAuth(applied.text, { name: NAME, token: 'new.token' });
    assert.ok(!refreshed.text.includes(TOKEN));
    assert.equal(removePoetryAuth(refreshed.text, { name: NAME }), original);
    assert.equal(removePoetryAuth(applyPoetryAuth(undefined, { name: NAME, token: TOKEN }).text, { name: NAME }), '');
    assert.throws(() => applyPoetryAuth(`[http-basic.${NAME}]\nusername = "x"\n`, { name: NAME, token: TOKEN }), /already has credentials/);
    assert.throws(() => applyPoetryAuth(undefined, { name: NAME, token: 'a"b\nc' }), ConfigEditError);
  });

  it("finds Poetry's auth.toml as Poetry does", () => {
    assert.equal(poetryAuthPath({ env: {}, home: '/h', platform: 'linux' }), '/h/.config/pypoetry/auth.toml');
    assert.equal(poetryAuthPath({ env: { XDG_CONFIG_HOME: '/x' }, home: '/h', platform: 'linux' }), '/x/pypoetry/auth.toml');
    assert.equal(poetryAuthPath({ env: { POETRY_CONFIG_DIR: '/p' }, home: '/h', platform: 'linux' }), '/p/auth.toml');
    assert.equal(poetryAuthPath({ env: {}, home: '/h', platform: 'darwin' }), '/h/Library/Application Support/pypoetry/auth.toml');
  });
});
