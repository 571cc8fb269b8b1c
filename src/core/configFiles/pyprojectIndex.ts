// uv and Poetry read their package index from the project's pyproject.toml: uv an `[[tool.uv.index]]` table
// (name, url, default; or `[[index]]` in the folder's uv.toml), Poetry a `[[tool.poetry.source]]` table (name, url, priority). Only the URL goes in the
// project; credentials come from the user: uv's UV_INDEX_<NAME>_USERNAME / _PASSWORD environment variables,
// Poetry's `http-basic.<name>` in its user-level auth.toml (what `poetry config http-basic.<name>` writes when no
// keyring is available) or POETRY_HTTP_BASIC_<NAME>_USERNAME / _PASSWORD.
// Each edit is one marked block at the end of the file (an array-of-tables entry may follow any table), so removal
// gives back the original bytes; the result is parsed again and must hold our entry.
import * as path from 'node:path';
import { getStaticTOMLValue, parseTOML } from 'toml-eslint-parser';
import { checkToken } from './endpoint';
import { ConfigEditError, type EditResult, checkSize, findBlock, hashComments, insertBlock, joinLines, removeBlocks, result, splitLines } from './managedBlock';
import { pipIndexUrl, type PipIndexMode } from './pipConfig';

export type PythonTool = 'uv' | 'poetry';

export interface PyprojectIndexRequest {
  readonly endpoint: string;
  /** The index/source name (see pythonIndexName). */
  readonly name: string;
  /** index-url: the repository replaces PyPI; extra-index-url: it is searched besides PyPI. */
  readonly mode: PipIndexMode;
}

/** An index name both tools accept and that maps one-to-one onto their environment variable names. */
export function pythonIndexName(domain: string, repository: string): string {
  return `codeartifact-${domain}-${repository}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/-+$/, '').slice(0, 100).replace(/-+$/, '');
}

function checkName(name: string): string {
  if (!/^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/.test(name)) throw new ConfigEditError(`${JSON.stringify(name.slice(0, 80))} cannot name a package index (lower-case letters, digits and "-").`);
  return name;
}

/** uv's and Poetry's environment names for an index: upper case, `-` and `.` as `_`. */
function envName(name: string): string {
  return checkName(name).toUpperCase().replace(/[-.]/g, '_');
}

/** uv reads an index's credentials from UV_INDEX_<NAME>_USERNAME / _PASSWORD. */
export function uvCredentialEnvironment(name: string, token: string): Record<string, string> {
  const n = envName(name);
  return { [`UV_INDEX_${n}_USERNAME`]: 'aws', [`UV_INDEX_${n}_PASSWORD`]: checkToken(token) };
}

/** Poetry reads `http-basic.<name>` from POETRY_HTTP_BASIC_<NAME>_USERNAME / _PASSWORD. */
export function poetryCredentialEnvironment(name: string, token: string): Record<string, string> {
  const n = envName(name);
  return { [`POETRY_HTTP_BASIC_${n}_USERNAME`]: 'aws', [`POETRY_HTTP_BASIC_${n}_PASSWORD`]: checkToken(token) };
}

function parse(text: string, label: string): unknown {
  try {
    return getStaticTOMLValue(parseTOML(text.replace(/^\uFEFF/, '')));
  } catch (err) {
    throw new ConfigEditError(`${label} is not valid TOML (${err instanceof Error ? err.message.split('\n')[0] : 'parse error'}); fix it first (nothing was written).`);
  }
}

function at(value: unknown, keys: string[]): unknown {
  let v = value;
  for (const k of keys) v = v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

/** Where an index table goes: pyproject.toml's `[[tool.uv.index]]` / `[[tool.poetry.source]]`, or uv.toml's `[[index]]`. */
interface IndexFile {
  readonly label: string;
  readonly tool: PythonTool;
  readonly tables: string[];
  readonly header: string;
  /** uv.toml may be created; a pyproject.toml holding only our table would not be a project either tool can use. */
  readonly mayCreate: boolean;
  readonly blockPrefix: string;
}

const PYPROJECT: Record<PythonTool, IndexFile> = {
  uv: { label: 'pyproject.toml', tool: 'uv', tables: ['tool', 'uv', 'index'], header: '[[tool.uv.index]]', mayCreate: false, blockPrefix: 'uv-index' },
  poetry: { label: 'pyproject.toml', tool: 'poetry', tables: ['tool', 'poetry', 'source'], header: '[[tool.poetry.source]]', mayCreate: false, blockPrefix: 'poetry-index' },
};
// uv.toml has the keys of [tool.uv] at the top level (uv ignores [tool.uv] in a pyproject.toml beside it).
const UV_TOML: IndexFile = { label: 'uv.toml', tool: 'uv', tables: ['index'], header: '[[index]]', mayCreate: true, blockPrefix: 'uv-index' };

function blockId(file: IndexFile, name: string): string {
  return `${file.blockPrefix}-${checkName(name)}`;
}

function tableBody(file: IndexFile, request: PyprojectIndexRequest): string[] {
  const url = JSON.stringify(pipIndexUrl(request.endpoint));
  const name = JSON.stringify(checkName(request.name));
  if (file.tool === 'uv') return [file.header, `name = ${name}`, `url = ${url}`, ...(request.mode === 'index-url' ? ['default = true'] : [])];
  return [file.header, `name = ${name}`, `url = ${url}`, `priority = ${JSON.stringify(request.mode === 'index-url' ? 'primary' : 'supplemental')}`];
}

function applyIndexTable(existing: string | undefined, file: IndexFile, request: PyprojectIndexRequest): EditResult {
  const { label, tool } = file;
  checkSize(existing, label);
  if (existing === undefined && !file.mayCreate) throw new ConfigEditError(`This folder has no pyproject.toml; create the project first (${tool === 'uv' ? 'uv init' : 'poetry init'}), then run this again. Nothing was written.`);
  const id = blockId(file, request.name);
  const original = splitLines(existing);
  const old = findBlock(original, hashComments, id);
  const base = removeBlocks(original, hashComments, (b) => b === id);
  const before = parse(joinLines(base), label);
  const where = file.tables.join('.');
  const theirs = at(before, file.tables);
  if (theirs !== undefined && !Array.isArray(theirs)) throw new ConfigEditError(`${label}: ${where} is not a list of tables; fix it first (nothing was written).`);
  if ((theirs ?? []).some((t) => at(t, ['name']) === request.name)) {
    throw new ConfigEditError(`${label} already has a ${tool === 'uv' ? 'uv index' : 'Poetry source'} named "${request.name}"; remove or rename it, then try again. Nothing was written.`);
  }
  if (tool === 'uv' && request.mode === 'index-url' && (theirs ?? []).some((t) => at(t, ['default']) === true)) {
    throw new ConfigEditError(`${label} already marks another uv index as default; use "extra index" mode, or remove that default, then try again. Nothing was written.`);
  }
  const doc = insertBlock(base, hashComments, { id, at: old ? old.start : base.lines.length, body: tableBody(file, request) });
  const text = joinLines(doc);
  let ours: unknown;
  try {
    const after = at(parse(text, label), file.tables);
    ours = Array.isArray(after) ? after.find((t) => at(t, ['name']) === request.name) : undefined;
  } catch {
    ours = undefined;
  }
  if (at(ours, ['url']) !== pipIndexUrl(request.endpoint)) {
    throw new ConfigEditError(`${label} has a shape CodeArtifact cannot extend safely (${where} is defined inline?); add the ${tool} index by hand. Nothing was written.`);
  }
  const what = tool === 'uv' ? `uv index "${request.name}"${request.mode === 'index-url' ? ' (default, replacing PyPI)' : ' (searched before PyPI)'}` : `Poetry source "${request.name}" (priority ${request.mode === 'index-url' ? 'primary' : 'supplemental'})`;
  return result(existing, text, [`Added the ${what} → ${pipIndexUrl(request.endpoint)}; no credentials in ${label}`]);
}

/** Adds (or updates) the project's index for uv or Poetry in pyproject.toml. No credentials are written. */
export function applyPyprojectIndex(existing: string | undefined, tool: PythonTool, request: PyprojectIndexRequest): EditResult {
  return applyIndexTable(existing, PYPROJECT[tool], request);
}

export function removePyprojectIndex(text: string, tool: PythonTool, request: { readonly name: string }): string {
  const id = blockId(PYPROJECT[tool], request.name);
  return joinLines(removeBlocks(splitLines(text), hashComments, (b) => b === id));
}

/** Adds (or updates) uv's index as `[[index]]` in the folder's uv.toml, creating the file if need be. No credentials. */
export function applyUvTomlIndex(existing: string | undefined, request: PyprojectIndexRequest): EditResult {
  return applyIndexTable(existing, UV_TOML, request);
}

export function removeUvTomlIndex(text: string, request: { readonly name: string }): string {
  const id = blockId(UV_TOML, request.name);
  return joinLines(removeBlocks(splitLines(text), hashComments, (b) => b === id));
}

/** Poetry's auth.toml: POETRY_CONFIG_DIR, else $XDG_CONFIG_HOME/pypoetry, else ~/.config/pypoetry (Linux), or the macOS/Windows config dir. */
export function poetryAuthPath(ctx: { readonly env: Readonly<Record<string, string | undefined>>; readonly home: string; readonly platform?: NodeJS.Platform }): string {
  if (ctx.env.POETRY_CONFIG_DIR) return path.join(path.resolve(ctx.home, ctx.env.POETRY_CONFIG_DIR), 'auth.toml');
  const platform = ctx.platform ?? process.platform;
  if (platform === 'darwin') return path.join(ctx.home, 'Library', 'Application Support', 'pypoetry', 'auth.toml');
  if (platform === 'win32') return path.join(ctx.env.APPDATA ?? path.join(ctx.home, 'AppData', 'Roaming'), 'pypoetry', 'auth.toml');
  const config = ctx.env.XDG_CONFIG_HOME ? path.resolve(ctx.home, ctx.env.XDG_CONFIG_HOME) : path.join(ctx.home, '.config');
  return path.join(config, 'pypoetry', 'auth.toml');
}

/** `[http-basic.<name>]` with username aws and the token, in Poetry's user-level auth.toml (0600 by the caller). */
export function applyPoetryAuth(existing: string | undefined, request: { readonly name: string; readonly token: string }): EditResult {
  const label = "Poetry's auth.toml";
  checkSize(existing, label);
  const name = checkName(request.name);
  const id = `poetry-auth-${name}`;
  const original = splitLines(existing);
  const old = findBlock(original, hashComments, id);
  const base = removeBlocks(original, hashComments, (b) => b === id);
  if (at(parse(joinLines(base), label), ['http-basic', name]) !== undefined) {
    throw new ConfigEditError(`${label} already has credentials for "${name}"; remove them (poetry config --unset http-basic.${name}), then try again. Nothing was written.`);
  }
  const body = [`[http-basic.${name}]`, 'username = "aws"', `password = ${JSON.stringify(checkToken(request.token))}`];
  const text = joinLines(insertBlock(base, hashComments, { id, at: old ? old.start : base.lines.length, body }));
  if (at(parse(text, label), ['http-basic', name, 'password']) !== request.token) throw new ConfigEditError(`${label} has a shape CodeArtifact cannot extend safely; run poetry config http-basic.${name} aws <token> instead. Nothing was written.`);
  return result(existing, text, [`Set Poetry's credentials for source "${name}" (user aws, the token) in the user's auth.toml`]);
}

export function removePoetryAuth(text: string, request: { readonly name: string }): string {
  return joinLines(removeBlocks(splitLines(text), hashComments, (b) => b === `poetry-auth-${checkName(request.name)}`));
}
