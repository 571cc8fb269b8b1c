// The npm configuration in effect for a folder, as @npmcli/config loads it: the environment (`npm_config_*`, any
// case), the project `.npmrc` (the workspace root's for a package of an npm workspace), the user file (`userconfig`,
// default ~/.npmrc) and the global file (`globalconfig`, default $PREFIX/etc/npmrc), highest first; `${VAR}` and
// `${VAR?}` expanded from the environment in keys and values. Only the keys a registry choice needs are read.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ini from 'ini';

export interface NpmConfigInputs {
  /** The folder npm would run in (the manifest's). */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
  /** npm's global prefix (where `node` is installed); without it the global file is read only when named. */
  readonly globalPrefix?: string;
  readFile(file: string): Promise<string | undefined>;
}

export interface NpmConfigLayer {
  readonly where: 'env' | 'project' | 'user' | 'global';
  /** The file it came from (absent for the environment). */
  readonly file?: string;
  readonly values: Readonly<Record<string, string>>;
}

export const NPM_DEFAULT_REGISTRY = 'https://registry.npmjs.org/';

/** `${VAR}` → the variable, `${VAR?}` → it or '', `\${VAR}` stays literal: npm's env-replace. */
export function expandNpmEnv(text: string, env: Readonly<Record<string, string | undefined>>): string {
  return text.replace(/(?<!\\)(\\*)\$\{([^${}?]+)(\?)?\}/g, (orig, esc: string, name: string, modifier: string | undefined) => {
    const fallback = modifier === '?' ? '' : `\${${name}}`;
    const value = env[name] ?? fallback;
    if (esc.length % 2) return orig.slice((esc.length + 1) / 2);
    return esc.slice(esc.length / 2) + value;
  });
}

/** `npm_config_*` variables (any case, not empty): `_` becomes `-` past the first character and keys go lower case, except `//host` keys. */
function envLayer(env: NpmConfigInputs['env']): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!/^npm_config_/i.test(name) || value === undefined || value === '') continue;
    let key = name.slice('npm_config_'.length);
    if (!key.startsWith('//')) key = key.replace(/(?!^)_/g, '-').toLowerCase();
    values[key] = value;
  }
  return values;
}

function fileLayer(text: string | undefined, env: NpmConfigInputs['env']): Record<string, string> {
  const values: Record<string, string> = {};
  if (text === undefined) return values;
  let parsed: Record<string, unknown>;
  try {
    parsed = ini.parse(text);
  } catch {
    return values;
  }
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'string') values[expandNpmEnv(key, env)] = expandNpmEnv(value.trim(), env);
  }
  return values;
}

/** A path setting as npm reads it: `~/` is the home directory, anything else resolves against npm's cwd. */
function pathSetting(value: string, inputs: NpmConfigInputs): string {
  return /^~\//.test(value) ? path.resolve(inputs.home, value.slice(2)) : path.resolve(inputs.cwd, value);
}

/**
 * The layers, highest priority first. `withProject: false` leaves out the project file and everything it decides
 * (a `userconfig=` or `globalconfig=` in it): the user's own configuration, for telling what the folder chose.
 */
export async function loadNpmConfig(inputs: NpmConfigInputs, withProject = true): Promise<NpmConfigLayer[]> {
  const env = envLayer(inputs.env);
  const defaultUserconfig = path.resolve(inputs.home, '.npmrc');
  const userBeforeProject = env['userconfig'] !== undefined ? pathSetting(env['userconfig'], inputs) : defaultUserconfig;
  const layers: NpmConfigLayer[] = [{ where: 'env', values: env }];
  let project: Record<string, string> = {};
  if (withProject) {
    const root = await projectRoot(inputs);
    const file = path.join(root, '.npmrc');
    // npm skips the project file when it is the user file (a package.json in the home folder).
    if (file !== userBeforeProject) {
      project = fileLayer(await inputs.readFile(file), inputs.env);
      layers.push({ where: 'project', file, values: project });
    }
  }
  const pick = (key: string, ...from: Record<string, string>[]): string | undefined => from.map((l) => l[key]).find((v) => v !== undefined && v !== '');
  const userFile = pathSetting(pick('userconfig', env, project) ?? '~/.npmrc', inputs);
  const user = fileLayer(await inputs.readFile(userFile), inputs.env);
  layers.push({ where: 'user', file: userFile, values: user });
  const prefix = pick('prefix', env, project, user) ?? inputs.env['PREFIX'] ?? inputs.globalPrefix;
  const named = pick('globalconfig', env, project, user);
  const globalFile = named !== undefined ? pathSetting(named, inputs) : prefix !== undefined ? path.resolve(prefix, 'etc/npmrc') : undefined;
  if (globalFile !== undefined) layers.push({ where: 'global', file: globalFile, values: fileLayer(await inputs.readFile(globalFile), inputs.env) });
  return layers;
}

/**
 * The registry npm fetches a package from: the first layer that sets a key decides it, even to '' (which hides the
 * layers below); then npm-registry-fetch's pickRegistry: `@scope:registry` when set and not empty, else `registry`
 * when not empty, else the public registry.
 */
export function npmRegistryIn(layers: readonly NpmConfigLayer[], packageName: string): { url: string; where?: NpmConfigLayer['where'] } {
  const scope = packageName.startsWith('@') && packageName.indexOf('/') > 1 ? packageName.slice(0, packageName.indexOf('/')) : undefined;
  const find = (key: string): { url: string; where: NpmConfigLayer['where'] } | undefined => {
    for (const layer of layers) {
      const value = layer.values[key];
      if (value !== undefined) return value.trim() === '' ? undefined : { url: value.trim(), where: layer.where };
    }
    return undefined;
  };
  return (scope ? find(`${scope}:registry`) : undefined) ?? find('registry') ?? { url: NPM_DEFAULT_REGISTRY };
}

/**
 * npm's local prefix: the folder itself, unless a parent folder's package.json lists it among its `workspaces`;
 * then that root (whose .npmrc applies; the package's own is ignored, as npm warns).
 */
async function projectRoot(inputs: NpmConfigInputs): Promise<string> {
  const start = path.resolve(inputs.cwd);
  for (let dir = path.dirname(start); ; dir = path.dirname(dir)) {
    const text = await inputs.readFile(path.join(dir, 'package.json'));
    if (text !== undefined && workspacePatterns(text).some((p) => globMatches(p, path.relative(dir, start)))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}

function workspacePatterns(text: string): string[] {
  try {
    const json = JSON.parse(text) as { workspaces?: unknown };
    const ws = json.workspaces;
    const list = Array.isArray(ws) ? ws : typeof ws === 'object' && ws !== null && Array.isArray((ws as { packages?: unknown }).packages) ? (ws as { packages: unknown[] }).packages : [];
    return list.filter((p): p is string => typeof p === 'string' && !p.startsWith('!'));
  } catch {
    return [];
  }
}

/** `*` within a segment, `**` across segments, `?` one character: the patterns workspaces use. */
function globMatches(pattern: string, relative: string): boolean {
  const norm = (p: string): string => p.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  const source = norm(pattern)
    .split('/')
    .map((seg) => (seg === '**' ? '(?:.*)' : seg.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')))
    .join('/');
  return new RegExp(`^${source}$`).test(norm(relative));
}

/** npm's default global prefix: two levels above the `node` on PATH (`/usr/local/bin/node` → `/usr/local`). */
export function npmGlobalPrefixFromPath(env: Readonly<Record<string, string | undefined>>, platform: NodeJS.Platform = process.platform): string | undefined {
  const names = platform === 'win32' ? ['node.exe'] : ['node'];
  for (const dir of (env['PATH'] ?? env['Path'] ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = path.join(dir, name);
      try {
        const real = fs.realpathSync(candidate);
        return platform === 'win32' ? path.dirname(real) : path.dirname(path.dirname(real));
      } catch {
        // not here
      }
    }
  }
  return undefined;
}
