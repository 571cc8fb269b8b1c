// Checks and shapes the values we write: repository endpoints, tokens, npm scopes.
import { ConfigEditError } from './managedBlock';

/** A name or value as it can appear in an error message: quoted, escaped (no line breaks), cut short. */
export function shown(value: string): string {
  return JSON.stringify(value.length > 160 ? `${value.slice(0, 160)}…` : value);
}

/** A path segment that a URL parser would resolve away: `.`, `..` and their percent-encoded forms. */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;
/**
 * What a CodeArtifact endpoint path is made of: repository and domain names (`[A-Za-z0-9._-]`) and
 * percent-escapes. Anything else could mean something in a file we write (`;` and `#` start an ini
 * comment, `=` splits an npmrc key), so it is refused rather than escaped.
 */
const ENDPOINT_PATH = /^[A-Za-z0-9._~%/-]*$/;

/** A repository endpoint as GetRepositoryEndpoint returns it, normalised to end with '/'. */
export function normalizeEndpoint(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ConfigEditError(`${shown(endpoint)} is not a valid repository endpoint URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigEditError(`The repository endpoint must be an http(s) URL, not ${url.protocol}.`);
  }
  if (url.username || url.password) {
    throw new ConfigEditError('The repository endpoint must not carry credentials in the URL.');
  }
  if (url.search || url.hash) {
    throw new ConfigEditError('The repository endpoint must not have a query string or fragment.');
  }
  // The parser resolves `..` away and reads `\\` as `/`; a repository URL that needs either (or has an
  // empty segment) is not the one the API meant.
  const rawPath = endpoint.trim().replace(/^[A-Za-z][A-Za-z0-9+.-]*:[/\\]*[^/\\?#]*/, '');
  // (The parser also drops tabs and line breaks, so `..\n` would be `..`: control characters are refused.)
  if (/[\\\p{Cc}]/u.test(endpoint) || url.pathname.includes('//') || rawPath.split('/').some((segment) => DOT_SEGMENT.test(segment))) {
    throw new ConfigEditError(`The repository endpoint ${shown(endpoint)} has an empty, "." or ".." path segment, a backslash or a control character; it was not written.`);
  }
  // Host names allow `;`, `&`, `!`, `*`, `=`… which mean something in ini, YAML or a shell: only DNS names
  // (IDNs arrive as xn-- punycode) and IP literals pass.
  if (!/^(?:[a-z0-9-]+\.)*[a-z0-9-]+$|^\[[0-9a-f:.]+\]$/.test(url.hostname)) {
    throw new ConfigEditError(`The repository endpoint host ${shown(url.hostname)} is not a plain host name; it was not written.`);
  }
  if (/[\s"'<>\\`$]/.test(url.href) || !ENDPOINT_PATH.test(url.pathname)) {
    throw new ConfigEditError(`The repository endpoint ${shown(url.href)} contains characters a CodeArtifact endpoint never has; it was not written.`);
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/**
 * Tokens are written into INI, YAML, XML and URLs, so anything beyond the characters real CodeArtifact
 * tokens use (base64url, dots) is refused rather than escaped: a newline would let a value inject lines.
 */
export function checkToken(token: string): string {
  if (token.length === 0 || !/^[A-Za-z0-9._~+/=-]+$/.test(token)) {
    throw new ConfigEditError('The authorization token is empty or has characters a token never has; it was not written.');
  }
  return token;
}

// CodeArtifact's own name rules (the service rejects anything else), for refusing bad names early.
export const isDomainName = (s: string): boolean => /^[a-z][a-z0-9-]{0,48}[a-z0-9]$/.test(s);
export const isRepositoryName = (s: string): boolean => /^[A-Za-z0-9][A-Za-z0-9._-]{1,99}$/.test(s);
export const isAccountId = (s: string): boolean => /^\d{12}$/.test(s);

/** Refuses a domain, owner or repository name that CodeArtifact itself would reject, saying which one. */
export function checkRepositoryNames(target: { readonly domain: string; readonly domainOwner?: string; readonly repository: string }): void {
  if (!isDomainName(target.domain)) {
    throw new ConfigEditError(`${shown(target.domain)} is not a CodeArtifact domain name (2–50 lower-case letters, digits and hyphens).`);
  }
  if (!isRepositoryName(target.repository)) {
    throw new ConfigEditError(`${shown(target.repository)} is not a CodeArtifact repository name (2–100 letters, digits, ".", "_" and "-").`);
  }
  if (target.domainOwner && !isAccountId(target.domainOwner)) throw new ConfigEditError(`${shown(target.domainOwner)} is not a 12-digit AWS account id.`);
}

/** `@scope` (lower-case npm scope, with the @). */
export function checkScope(scope: string): string {
  const s = scope.startsWith('@') ? scope : `@${scope}`;
  // 214 characters is npm's limit for a whole package name, scope included.
  if (!/^@[a-z0-9][a-z0-9._~-]*$/.test(s) || s.length > 214) {
    throw new ConfigEditError(`${shown(scope)} is not a valid npm scope (like @my-company).`);
  }
  return s;
}

/**
 * npm's "nerf dart": the registry URL without protocol, used as the key prefix for credentials,
 * e.g. `//host/npm/repo/`. The port stays only when it is not the protocol's default.
 */
export function nerfDart(endpoint: URL): string {
  return `//${endpoint.host}${endpoint.pathname}`;
}

/**
 * The keys under which npm-style clients look up a token for this registry. CodeArtifact writes an
 * explicit `:443` into tarball URLs, and pnpm matches credentials by the literal host:port, so https
 * endpoints on the default port get a second key.
 */
export function authKeys(endpoint: URL): string[] {
  const keys = [nerfDart(endpoint)];
  if (endpoint.protocol === 'https:' && endpoint.port === '') keys.push(`//${endpoint.hostname}:443${endpoint.pathname}`);
  return keys;
}

/** Replaces a token in human text we show, as a last line of defence. */
export function redact(text: string, token: string | undefined): string {
  return token ? text.split(token).join('****') : text;
}
