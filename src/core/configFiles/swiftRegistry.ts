// Swift Package Manager: what `swift package-registry set [--scope S] URL` writes into the project's
// `.swiftpm/configuration/registries.json` (`registries["[default]"|scope].url`, `authentication[host]` type token and
// loginAPIPath), and what `swift package-registry login URL/login --token T` leaves in ~/.netrc on Linux
// (`machine HOST login token password T`), as `aws codeartifact login --tool swift` does. registries.json is edited
// with jsonc-parser (every other byte kept); a key that exists with another value is refused, so removal can
// delete exactly what we added. The netrc entry is a managed block at the top (the first matching machine wins).
import { applyEdits, modify, parse, parseTree, findNodeAtLocation, type ParseError } from 'jsonc-parser';
import { checkToken, normalizeEndpoint, shown } from './endpoint';
import { ConfigEditError, type EditResult, checkSize, hashComments, insertBlock, joinLines, removeBlocks, result, splitLines } from './managedBlock';

export interface SwiftRegistryRequest {
  /** Repository endpoint from GetRepositoryEndpoint (format swift), ending in `/`. */
  readonly endpoint: string;
  /** A registry scope (SE-0292 §3.6.1) to route only that scope; absent sets the default registry. */
  readonly scope?: string;
}

const SCOPE = /^[a-zA-Z0-9](?:[a-zA-Z0-9]|-(?=[a-zA-Z0-9])){0,38}$/;

export function checkSwiftScope(scope: string): string {
  if (!SCOPE.test(scope)) throw new ConfigEditError(`${shown(scope)} is not a Swift registry scope (letters, digits and single hyphens, at most 39).`);
  return scope;
}

const FORMAT = { insertSpaces: true, tabSize: 2, eol: '\n' };
/** The file we start from when there is none; removing everything gives it back, and then the file is deleted. */
const CREATED = '{\n  "version" : 1\n}\n';

function readJson(text: string): unknown {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigEditError('registries.json is not a JSON object, so it was left alone; fix it or delete it and try again.');
  }
  return value;
}

function get(text: string, path: (string | number)[]): unknown {
  const tree = parseTree(text);
  const node = tree ? findNodeAtLocation(tree, path) : undefined;
  return node ? (parse(text.slice(node.offset, node.offset + node.length)) as unknown) : undefined;
}

function set(text: string, path: string[], value: unknown): string {
  return applyEdits(text, modify(text, path, value, { formattingOptions: { ...FORMAT, eol: text.includes('\r\n') ? '\r\n' : '\n' } }));
}

/** registries.json with our registry (and its authentication entry, which holds no secret). */
export function applySwiftRegistries(existing: string | undefined, request: SwiftRegistryRequest): EditResult {
  checkSize(existing, 'registries.json');
  const url = normalizeEndpoint(request.endpoint).href;
  const key = request.scope !== undefined ? checkSwiftScope(request.scope) : '[default]';
  const host = new URL(url).host;
  const loginAPIPath = `${new URL(url).pathname}login`;
  let text = existing === undefined || existing.trim() === '' ? CREATED : existing;
  readJson(text);
  const version = get(text, ['version']);
  if (version !== undefined && version !== 1) throw new ConfigEditError(`registries.json has version ${shown(JSON.stringify(version))}; only version 1 is known, so it was left alone.`);
  const current = get(text, ['registries', key]);
  const wanted = { supportsAvailability: false, url };
  if (current !== undefined && JSON.stringify(current) !== JSON.stringify(wanted)) {
    throw new ConfigEditError(`registries.json already sets the ${key === '[default]' ? 'default registry' : `registry for scope ${key}`} to something else; remove it (swift package-registry unset${key === '[default]' ? '' : ` --scope ${key}`}) or choose a scope, then try again.`);
  }
  if (current === undefined) text = set(text, ['registries', key], wanted);
  const auth = get(text, ['authentication', host]);
  const wantedAuth = { loginAPIPath, type: 'token' };
  if (auth !== undefined && JSON.stringify(auth) !== JSON.stringify(wantedAuth)) {
    throw new ConfigEditError(`registries.json already has another authentication entry for ${host}; remove it, then try again.`);
  }
  if (auth === undefined) text = set(text, ['authentication', host], wantedAuth);
  return result(existing, text, [`Swift registry ${key === '[default]' ? '(default)' : `for scope ${key}`}: ${url}; token login for ${host}`]);
}

/**
 * Removes our registry entry; the authentication entry goes too when no registry on that host is left, and a
 * `registries`/`authentication` object left empty goes with it (so a file we only added to comes back as it was).
 */
export function removeSwiftRegistries(text: string, request: SwiftRegistryRequest): string {
  const url = normalizeEndpoint(request.endpoint).href;
  const key = request.scope ?? '[default]';
  const host = new URL(url).host;
  let out = text;
  const current = get(out, ['registries', key]) as { url?: unknown } | undefined;
  if (current?.url === url) out = set(out, ['registries', key], undefined);
  const registries = get(out, ['registries']) as Record<string, { url?: unknown }> | undefined;
  const stillOnHost = Object.values(registries ?? {}).some((r) => typeof r.url === 'string' && URL.canParse(r.url) && new URL(r.url).host === host);
  if (!stillOnHost && get(out, ['authentication', host]) !== undefined) out = set(out, ['authentication', host], undefined);
  for (const container of ['registries', 'authentication']) {
    const value = get(out, [container]);
    if (typeof value === 'object' && value !== null && Object.keys(value).length === 0) out = set(out, [container], undefined);
  }
  return out;
}

/** Only `{"version": 1}` is left (however spaced): a file we created can be deleted again. */
export function isEmptySwiftRegistries(text: string): boolean {
  return JSON.stringify(parse(text) as unknown) === JSON.stringify({ version: 1 });
}

/** ~/.netrc: `machine HOST login token password TOKEN`, first in the file so that it wins. */
export function applySwiftNetrc(existing: string | undefined, request: { endpoint: string; token: string }): EditResult {
  checkSize(existing, '.netrc');
  const host = new URL(normalizeEndpoint(request.endpoint).href).hostname;
  const token = checkToken(request.token);
  const id = `netrc:${host}`;
  let doc = removeBlocks(splitLines(existing), hashComments, (b) => b === id);
  doc = insertBlock(doc, hashComments, { id, at: 0, body: [`machine ${host} login token password ${token}`] });
  return result(existing, joinLines(doc), [`~/.netrc: login for ${host} (user token, the token as password; refreshed with it)`]);
}

export function removeSwiftNetrc(text: string, request: { endpoint: string }): string {
  const host = new URL(normalizeEndpoint(request.endpoint).href).hostname;
  return joinLines(removeBlocks(splitLines(text), hashComments, (b) => b === `netrc:${host}`));
}
