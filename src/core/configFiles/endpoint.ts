// Checks and shapes the values we write: repository endpoints, tokens, npm scopes.
import { ConfigEditError } from './managedBlock';

/** A repository endpoint as GetRepositoryEndpoint returns it, normalised to end with '/'. */
export function normalizeEndpoint(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ConfigEditError(`"${endpoint}" is not a valid repository endpoint URL.`);
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
  if (/[\s"'<>\\`$]/.test(url.href)) throw new ConfigEditError('The repository endpoint contains characters that are not allowed.');
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

/** `@scope` (lower-case npm scope, with the @). */
export function checkScope(scope: string): string {
  const s = scope.startsWith('@') ? scope : `@${scope}`;
  if (!/^@[a-z0-9][a-z0-9._~-]*$/.test(s)) {
    throw new ConfigEditError(`"${scope}" is not a valid npm scope (like @my-company).`);
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
