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

/** `export NAME='value'` lines for sh/bash/zsh, or `$env:NAME = 'value'` for PowerShell. */
export function renderExportSnippet(env: Record<string, string>, shell: 'posix' | 'powershell' = 'posix'): string {
  return Object.entries(env)
    .map(([k, v]) => (shell === 'posix' ? `export ${checkName(k)}=${posixQuote(checkValue(k, v))}` : `$env:${checkName(k)} = ${powershellQuote(checkValue(k, v))}`))
    .join('\n') + '\n';
}
