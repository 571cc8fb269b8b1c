// The package indexes pip 23 uses for `pip install -r file`, as its own code decides them:
// - configuration.py: which config files load and in which order (PIP_CONFIG_FILE, user, global), PIP_CONFIG_FILE
//   set to os.devnull loads none, an existing PIP_CONFIG_FILE replaces the user files; later files override earlier
//   ones key by key; keys are normalised (`index_url` is `index-url`); sections `[global]` then `[install]`, then
//   PIP_* environment variables, each overriding the one before.
// - req_file.py handle_option_line: option lines apply in file order; `--index-url` replaces the whole list
//   (config extras included), `--extra-index-url` appends, `--no-index` empties it and sticks.
// No I/O: callers read the files (see pipConfigFiles) and pass their texts.
import * as path from 'node:path';
import { scanConfigparser } from './configFiles/configparserLayout';
import { splitLines } from './configFiles/managedBlock';
import type { UserContext } from './configFiles/userPaths';
import type { IndexOption } from './manifests/requirementsTxt';

/** pip's PyPI.simple_url, as pip spells it. */
export const PYPI_INDEX = 'https://pypi.org/simple';

export interface PipConfigFile {
  readonly file: string;
  /** The loader's variant: env (PIP_CONFIG_FILE) loads last and wins. */
  readonly kind: 'global' | 'user' | 'env';
}

/**
 * The config files pip 23 would load, in load order (later wins); `exists` answers for PIP_CONFIG_FILE, which
 * decides whether the user files load at all.
 */
export function pipConfigFiles(user: UserContext, exists: (file: string) => boolean): PipConfigFile[] {
  const env = user.env;
  const explicit = env['PIP_CONFIG_FILE'];
  if (explicit === '/dev/null' || (explicit !== undefined && explicit.toLowerCase() === 'nul' && user.platform === 'win32')) return [];
  const files: PipConfigFile[] = [];
  const windows = (user.platform ?? process.platform) === 'win32';
  if (!windows) {
    // appdirs.site_config_dirs: every $XDG_CONFIG_DIRS entry (default /etc/xdg), then /etc.
    const xdgDirs = (env['XDG_CONFIG_DIRS'] || '/etc/xdg').split(':').filter((d) => d !== '');
    for (const dir of xdgDirs) files.push({ file: path.join(dir, 'pip', 'pip.conf'), kind: 'global' });
    files.push({ file: '/etc/pip.conf', kind: 'global' });
  }
  const userFilesLoad = !(explicit && exists(explicit));
  if (userFilesLoad) {
    if (windows) {
      files.push({ file: path.join(user.home, 'pip', 'pip.ini'), kind: 'user' });
      files.push({ file: path.join(env['APPDATA'] || path.join(user.home, 'AppData', 'Roaming'), 'pip', 'pip.ini'), kind: 'user' });
    } else {
      files.push({ file: path.join(user.home, '.pip', 'pip.conf'), kind: 'user' });
      files.push({ file: path.join(env['XDG_CONFIG_HOME'] || path.join(user.home, '.config'), 'pip', 'pip.conf'), kind: 'user' });
    }
  }
  if (explicit) files.push({ file: explicit, kind: 'env' });
  return files;
}

/** pip's _normalize_name: lower case, `_` → `-`, no leading `--`. */
function normalizeKey(key: string): string {
  const name = key.toLowerCase().replace(/_/g, '-');
  return name.startsWith('--') ? name.slice(2) : name;
}

/** strtobool, as pip reads boolean options from config and environment. */
function truthy(value: string): boolean | undefined {
  const v = value.trim().toLowerCase();
  if (['y', 'yes', 't', 'true', 'on', '1'].includes(v)) return true;
  if (['n', 'no', 'f', 'false', 'off', '0'].includes(v)) return false;
  return undefined;
}

export interface PipInstallOptions {
  readonly indexUrl: string;
  readonly extraIndexUrls: readonly string[];
  readonly noIndex: boolean;
  /** pip stops with "Configuration file could not be loaded": nothing can be said about its indexes. */
  readonly unreadable?: true;
}

/**
 * What `pip install` starts with before any requirements file: config texts in load order (pipConfigFiles), then
 * the environment. Values keep any userinfo: callers redact before showing.
 */
export function pipInstallOptions(configTextsInLoadOrder: readonly string[], env: Readonly<Record<string, string | undefined>>): PipInstallOptions {
  // "section.key" → value, later files overriding earlier ones.
  const merged = new Map<string, string>();
  let unreadable = false;
  for (const text of configTextsInLoadOrder) {
    const layout = scanConfigparser(splitLines(text));
    // configparser is strict: a section or an option (keys lower-cased) given twice in one file is an error.
    const sectionNames = layout.sections.map((x) => x.name);
    const optionNames = layout.options.map((o) => `${o.section ?? ''}\u0000${o.key}`);
    if (new Set(sectionNames).size !== sectionNames.length || new Set(optionNames).size !== optionNames.length) unreadable = true;
    for (const option of layout.options) {
      if (option.section === undefined) continue;
      merged.set(`${option.section}.${normalizeKey(option.key)}`, option.values.join('\n'));
    }
  }
  const values = new Map<string, string>();
  // pip ignores an empty value ("Ignoring configuration key … as its value is empty").
  for (const section of ['global', 'install']) {
    for (const [key, value] of merged) if (key.startsWith(`${section}.`) && value !== '') values.set(key.slice(section.length + 1), value);
  }
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('PIP_') || value === undefined || value === '') continue;
    const key = normalizeKey(name.slice(4));
    if (key === 'version' || key === 'help') continue;
    values.set(key, value);
  }
  const index = values.get('index-url');
  const extras = values.get('extra-index-url');
  const noIndex = values.get('no-index');
  return {
    indexUrl: index !== undefined && index.trim() !== '' ? index.trim() : PYPI_INDEX,
    extraIndexUrls: extras ? extras.split(/\s+/).filter((u) => u !== '') : [],
    noIndex: noIndex !== undefined && truthy(noIndex) === true,
    ...(unreadable ? { unreadable: true as const } : {}),
  };
}

/** An option line of a requirements tree, its value `${VAR}`-expanded where the caller did so. */
export type AppliedIndexOption = IndexOption & { readonly value?: string };

/** The index list after the requirements files' option lines, in pip's order (handle_option_line). */
export function pipIndexList(start: PipInstallOptions, fileOptions: readonly AppliedIndexOption[]): { urls: string[]; noIndex: boolean } {
  let noIndex = start.noIndex;
  let urls = noIndex ? [] : [start.indexUrl, ...start.extraIndexUrls];
  for (const option of fileOptions) {
    if (option.onRequirementLine) continue; // pip 23 applies only --hash and friends on a requirement's line
    const url = option.value ?? option.url?.text;
    if (option.option === 'no-index') {
      noIndex = true;
      urls = [];
    } else if (option.option === 'index-url' && url && !noIndex) {
      urls = [url];
    } else if (option.option === 'extra-index-url' && url && !noIndex) {
      urls.push(url);
    }
  }
  return { urls, noIndex };
}
