// Environment variables for terminals (Maven/Gradle read the token from CODEARTIFACT_AUTH_TOKEN) and the
// shell snippet behind "Copy Environment Export".
import { checkToken, normalizeEndpoint, shown } from './endpoint';
import { ConfigEditError } from './managedBlock';

export interface EnvironmentRequest {
  readonly token: string;
  readonly domain: string;
  readonly domainOwner: string;
  /** Repository endpoint, when a repository is chosen. */
  readonly endpoint?: string;
}

/** A lone UTF-16 surrogate: no UTF-8 encoding exists for it, so no environment or shell can hold it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Environment values are C strings: a NUL would cut the value short, a lone surrogate cannot be encoded. */
function checkValue(name: string, value: string): string {
  if (value.includes('\0') || LONE_SURROGATE.test(value)) {
    throw new ConfigEditError(`The value of ${name} (${shown(value)}) cannot be an environment variable: it holds a NUL or an unpaired surrogate.`);
  }
  return value;
}

export function renderEnvironment(request: EnvironmentRequest): Record<string, string> {
  const env: Record<string, string> = {
    CODEARTIFACT_AUTH_TOKEN: checkToken(request.token),
    CODEARTIFACT_DOMAIN: checkValue('CODEARTIFACT_DOMAIN', request.domain),
    CODEARTIFACT_DOMAIN_OWNER: checkValue('CODEARTIFACT_DOMAIN_OWNER', request.domainOwner),
  };
  if (request.endpoint !== undefined) env.CODEARTIFACT_REPOSITORY_ENDPOINT = normalizeEndpoint(request.endpoint).href;
  return env;
}

/** POSIX sh single-quoting: everything literal, `'` written as `'\''`. */
export function posixQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * PowerShell single-quoting: every quote is doubled. PowerShell ends a '…' string at the typographic
 * single quotes too (U+2018, U+2019, U+201A, U+201B), so a look-alike must not close the string.
 */
export function powershellQuote(value: string): string {
  return `'${value.replace(/['\u2018\u2019\u201A\u201B]/g, (q) => q + q)}'`;
}

function checkName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ConfigEditError(`${shown(name)} is not a valid environment variable name.`);
  return name;
}

/**
 * cmd.exe's `set "NAME=value"`: inside the quotes `&|<>^` are literal, but nothing escapes `%` (expanded at the
 * prompt), `!` (expanded with delayed expansion on), a `"` or a line break, so a value holding one is refused
 * rather than set to something else. Tokens, names and endpoints never hold them.
 */
export function cmdSet(name: string, value: string): string {
  if (/["%!]/.test(value) || [...value].some((c) => c.charCodeAt(0) < 0x20 || c === '\u007f')) {
    throw new ConfigEditError(`The value of ${name} (${shown(value)}) cannot be set safely in cmd.exe (it holds ", %, ! or a control character); use PowerShell or a POSIX shell.`);
  }
  return `set "${name}=${value}"`;
}

export type ExportShell = 'posix' | 'powershell' | 'cmd';

/** The shell the export is for, from VS Code's default terminal shell (`vscode.env.shell`) and the platform. */
export function exportShellFor(shellPath: string, platform: NodeJS.Platform): ExportShell {
  const name = shellPath.split(/[\\/]/).pop()?.toLowerCase() ?? '';
  if (name === 'cmd.exe' || name === 'cmd') return 'cmd';
  if (/^(?:pwsh|powershell)(?:\.exe)?$/.test(name)) return 'powershell';
  // bash, zsh, Git Bash or WSL on Windows; with no shell known, Windows' default terminal is PowerShell.
  return name === '' && platform === 'win32' ? 'powershell' : 'posix';
}

/** `export NAME='value'` lines for sh/bash/zsh, `$env:NAME = 'value'` for PowerShell, `set "NAME=value"` for cmd.exe. */
export function renderExportSnippet(env: Record<string, string>, shell: ExportShell = 'posix'): string {
  return Object.entries(env)
    .map(([k, v]) => {
      const name = checkName(k);
      const value = checkValue(k, v);
      if (shell === 'cmd') return cmdSet(name, value);
      return shell === 'posix' ? `export ${name}=${posixQuote(value)}` : `$env:${name} = ${powershellQuote(value)}`;
    })
    .join(shell === 'cmd' ? '\r\n' : '\n') + (shell === 'cmd' ? '\r\n' : '\n');
}
