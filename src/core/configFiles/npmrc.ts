// npm, pnpm and yarn classic read .npmrc. The project file gets the registry line only; the token
// goes to the user-level file (see docs/configuration-files.md).
import * as ini from 'ini';
import { authKeys, checkScope, checkToken, nerfDart, normalizeEndpoint } from './endpoint';
import {
  type EditResult,
  type Lines,
  checkSize,
  findBlock,
  findBlocks,
  hashComments,
  insertBlock,
  joinLines,
  lineContent,
  removeBlocks,
  result,
  splitLines,
} from './managedBlock';

export interface NpmRegistryRequest {
  /** Repository endpoint from GetRepositoryEndpoint (format npm). */
  readonly endpoint: string;
  /** `@scope` to route only that scope to the repository; absent replaces the default registry. */
  readonly scope?: string;
}

export interface NpmAuthRequest {
  readonly endpoint: string;
  readonly token: string;
}

function registryKey(scope: string | undefined): string {
  return scope === undefined ? 'registry' : `${checkScope(scope)}:registry`;
}

/**
 * Where a new top-level line goes: before the first `[section]` header (lines after one belong to that
 * section), else at the end. Being the last top-level assignment means ours wins over earlier duplicates.
 */
function topLevelEnd(doc: Lines): number {
  const i = doc.lines.findIndex((l) => /^\s*\[[^\]]*\]\s*$/.test(lineContent(l)));
  return i === -1 ? doc.lines.length : i;
}

/** Top-level values as npm reads them (the `ini` package, which npm uses), before our edit. */
function topLevel(text: string): Record<string, unknown> {
  return ini.decode(text.replace(/^\uFEFF/, ''));
}

/** Project `.npmrc`: `registry=<endpoint>` or `@scope:registry=<endpoint>`; never a token. */
export function applyNpmRegistry(existing: string | undefined, request: NpmRegistryRequest): EditResult {
  checkSize(existing, '.npmrc');
  const url = normalizeEndpoint(request.endpoint);
  const key = registryKey(request.scope);
  const base = removeBlocks(splitLines(existing), hashComments, (id) => id === key);
  const before = topLevel(joinLines(base))[key];
  const doc = insertBlock(base, hashComments, { id: key, at: topLevelEnd(base), body: [`${key}=${url.href}`] });
  const changes = [`Set ${key} to ${url.href}`];
  if (typeof before === 'string' && before !== url.href) {
    changes.push(`Your earlier ${key}=${before} stays in the file, overridden; it applies again when this is removed`);
  }
  return result(existing, joinLines(doc), changes);
}

export function removeNpmRegistry(text: string, request: Pick<NpmRegistryRequest, 'scope'>): string {
  const key = registryKey(request.scope);
  return joinLines(removeBlocks(splitLines(text), hashComments, (id) => id === key));
}

/** User-level npmrc: `//host/path/:_authToken=<token>`, plus the `:443` twin pnpm needs. */
export function applyNpmAuth(existing: string | undefined, request: NpmAuthRequest): EditResult {
  checkSize(existing, 'The user npmrc');
  const url = normalizeEndpoint(request.endpoint);
  const token = checkToken(request.token);
  const id = nerfDart(url);
  const base = removeBlocks(splitLines(existing), hashComments, (b) => b === id);
  const hadOurs = findBlock(splitLines(existing), hashComments, id) !== undefined;
  const body = authKeys(url).map((k) => `${k}:_authToken=${token}`);
  const doc = insertBlock(base, hashComments, { id, at: topLevelEnd(base), body });
  const verb = hadOurs ? 'Updated the token' : 'Added a token';
  return result(existing, joinLines(doc), [`${verb} for ${authKeys(url).join(' and ')} in the user npmrc`]);
}

export function removeNpmAuth(text: string, request: Pick<NpmAuthRequest, 'endpoint'>): string {
  const id = nerfDart(normalizeEndpoint(request.endpoint));
  return joinLines(removeBlocks(splitLines(text), hashComments, (b) => b === id));
}

/** Every registry whose token we manage in a user npmrc (block ids are nerf darts), for refresh-all. */
export function managedNpmAuthRegistries(text: string): string[] {
  return findBlocks(splitLines(text), hashComments)
    .map((b) => b.id)
    .filter((id) => id.startsWith('//'));
}
