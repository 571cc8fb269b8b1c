// Environment variables for terminals (Maven/Gradle read the token from CODEARTIFACT_AUTH_TOKEN) and the
// shell snippet behind "Copy Environment Export".
import { checkToken, normalizeEndpoint } from './endpoint';

export interface EnvironmentRequest {
  readonly token: string;
  readonly domain: string;
  readonly domainOwner: string;
  /** Repository endpoint, when a repository is chosen. */
  readonly endpoint?: string;
}

export function renderEnvironment(request: EnvironmentRequest): Record<string, string> {
  const env: Record<string, string> = {
    CODEARTIFACT_AUTH_TOKEN: checkToken(request.token),
    CODEARTIFACT_DOMAIN: request.domain,
    CODEARTIFACT_DOMAIN_OWNER: request.domainOwner,
  };
  if (request.endpoint !== undefined) env.CODEARTIFACT_REPOSITORY_ENDPOINT = normalizeEndpoint(request.endpoint).href;
  return env;
}

/** POSIX sh single-quoting: everything literal, `'` written as `'\''`. */
export function posixQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** PowerShell single-quoting: `'` doubled. */
export function powershellQuote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function checkName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`"${name}" is not a valid environment variable name.`);
  return name;
}

/** `export NAME='value'` lines for sh/bash/zsh, or `$env:NAME = 'value'` for PowerShell. */
export function renderExportSnippet(env: Record<string, string>, shell: 'posix' | 'powershell' = 'posix'): string {
  return Object.entries(env)
    .map(([k, v]) => (shell === 'posix' ? `export ${checkName(k)}=${posixQuote(v)}` : `$env:${checkName(k)} = ${powershellQuote(v)}`))
    .join('\n') + '\n';
}
