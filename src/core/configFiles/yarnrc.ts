// yarn berry (2+): the project .yarnrc.yml names the registry; the user-level ~/.yarnrc.yml holds the
// token. The yaml package's Document API reads the file with source ranges; we then insert or switch off
// whole lines, so comments, quoting and layout of everything else stay byte for byte.
import { isMap, isScalar, parseDocument, visit, type Pair, type YAMLMap } from 'yaml';
import { checkScope, checkToken, nerfDart, normalizeEndpoint, shown } from './endpoint';
import {
  ConfigEditError,
  type EditResult,
  type Lines,
  checkSize,
  findBlock,
  markerOffsets,
  hashComments,
  insertBlock,
  joinLines,
  lineIndexAt,
  removeBlocks,
  result,
  splitLines,
} from './managedBlock';

type Leaf = string | boolean | { readonly [key: string]: string | boolean };

export interface YarnRegistryRequest {
  readonly endpoint: string;
  /** `@scope` for npmScopes; absent sets npmRegistryServer. */
  readonly scope?: string;
}

export interface YarnAuthRequest {
  readonly endpoint: string;
  readonly token: string;
}


function columnAt(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

const scalar = (v: string | boolean): string => (typeof v === 'boolean' ? String(v) : JSON.stringify(v));
function keyText(k: string): string {
  const text = /^[A-Za-z][A-Za-z0-9_-]*$/.test(k) ? k : JSON.stringify(k);
  // YAML ends an implicit key after 1024 characters; a longer one would not read back.
  if (text.length > 1000) throw new ConfigEditError(`The .yarnrc.yml key ${shown(k)} is longer than YAML allows for a key; it was not written.`);
  return text;
}

function renderPath(keys: readonly string[], leaf: Leaf, indent: string, unit: string): string[] {
  const [first, ...rest] = keys;
  if (first === undefined) throw new Error('internal: empty YAML path');
  if (rest.length > 0) return [`${indent}${keyText(first)}:`, ...renderPath(rest, leaf, indent + unit, unit)];
  if (typeof leaf !== 'object') return [`${indent}${keyText(first)}: ${scalar(leaf)}`];
  return [`${indent}${keyText(first)}:`, ...Object.entries(leaf).map(([k, v]) => `${indent}${unit}${keyText(k)}: ${scalar(v)}`)];
}

/** Sets `path` to `leaf` inside a managed block, switching off a user's existing value for it. */
function setInBlock(doc: Lines, id: string, path: readonly string[], leaf: Leaf, fileLabel: string): Lines {
  const text = joinLines({ ...doc, bom: false });
  // yaml's own duplicate-key check compares every pair of keys (minutes on a big map); ours is one pass.
  const parsed = parseDocument(text, { keepSourceTokens: false, uniqueKeys: false });
  if (parsed.errors.length > 0) {
    throw new ConfigEditError(`${fileLabel} is not valid YAML, so it was left alone: ${parsed.errors[0]?.message.split('\n')[0] ?? ''}`);
  }
  visit(parsed, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        if (seen.has(pair.key.value)) throw new ConfigEditError(`${fileLabel} has the key ${shown(String(pair.key.value))} twice in one map, which yarn rejects; it was left alone.`);
        seen.add(pair.key.value);
      }
    },
  });
  const root = parsed.contents;
  const unit = detectUnit(text, root);
  if (root === null || (isScalar(root) && root.value === null)) {
    return insertBlock(doc, hashComments, { id, at: doc.lines.length, body: renderPath(path, leaf, '', unit) });
  }
  if (!isMap(root) || root.flow) throw new ConfigEditError(`${fileLabel} is not a block mapping (key: value lines); add the settings by hand.`);
  let map: YAMLMap = root;
  let indent = '';
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (!pair) {
      const last = map.items[map.items.length - 1];
      const end = last ? valueEnd(last) : text.length;
      const at = last ? lineIndexAt(doc, end - 1) + 1 : doc.lines.length;
      return insertBlock(doc, hashComments, { id, at, indent, body: renderPath(path.slice(i), leaf, indent, unit) });
    }
    const value = pair.value;
    const nestedMap = isMap(value) && !value.flow && value.items.length > 0;
    if (i < path.length - 1 && nestedMap) {
      map = value;
      const firstKey = value.items[0]?.key;
      indent = ' '.repeat(isScalar(firstKey) && firstKey.range ? columnAt(text, firstKey.range[0]) : indent.length + unit.length);
      continue;
    }
    if (i < path.length - 1 && value !== null && !(isScalar(value) && value.value === null)) {
      throw new ConfigEditError(`In ${fileLabel}, ${path.slice(0, i + 1).join('.')} is not a block mapping; add the settings by hand.`);
    }
    // The leaf itself (or an empty parent): switch the user's lines off and write ours in their place.
    const keyNode = pair.key;
    const start = isScalar(keyNode) && keyNode.range ? keyNode.range[0] : 0;
    const first = lineIndexAt(doc, start);
    const lastLine = lineIndexAt(doc, valueEnd(pair) - 1);
    return insertBlock(doc, hashComments, { id, at: first, absorb: lastLine - first + 1, indent, body: renderPath(path.slice(i), leaf, indent, unit) });
  }
  throw new Error('internal: YAML path walk ended without an edit');
}

/**
 * Refuses a file in which a line that looks like one of our markers sits inside a YAML value (a block scalar
 * can hold any text): removing "our" lines there would change the user's value.
 */
function assertMarkersAreComments(text: string | undefined, fileLabel: string): void {
  const doc = splitLines(text);
  const offsets = markerOffsets(doc, hashComments);
  if (offsets.length === 0) return;
  const parsed = parseDocument(joinLines({ ...doc, bom: false }), { keepSourceTokens: false, uniqueKeys: false });
  // A file YAML cannot read is refused by the edit itself; removal then works on lines alone.
  if (parsed.errors.length > 0) return;
  visit(parsed, {
    Scalar(_key, node) {
      const range = node.range;
      if (range && offsets.some((o) => o >= range[0] && o < range[1])) {
        throw new ConfigEditError(`${fileLabel} has a value with lines that look like the CodeArtifact block markers; edit the file by hand.`);
      }
    },
  });
}

function valueEnd(pair: Pair): number {
  const v = pair.value as { range?: [number, number, number] } | null;
  const k = pair.key as { range?: [number, number, number] } | null;
  return v?.range?.[1] ?? k?.range?.[1] ?? 0;
}

function detectUnit(text: string, root: unknown): string {
  if (isMap(root)) {
    for (const p of root.items) {
      const v = p.value;
      if (isMap(v) && !v.flow && isScalar(v.items[0]?.key)) {
        const range = (v.items[0]?.key as { range?: [number, number, number] }).range;
        if (range) {
          const col = columnAt(text, range[0]);
          if (col > 0) return ' '.repeat(col);
        }
      }
    }
  }
  return '  ';
}

function registryPath(scope: string | undefined): { id: string; path: string[] } {
  if (scope === undefined) return { id: 'npmRegistryServer', path: ['npmRegistryServer'] };
  const name = checkScope(scope).slice(1);
  return { id: `npmScopes.${name}`, path: ['npmScopes', name, 'npmRegistryServer'] };
}

/** Project .yarnrc.yml: `npmRegistryServer` or `npmScopes.<scope>.npmRegistryServer`; never a token. */
export function applyYarnRegistry(existing: string | undefined, request: YarnRegistryRequest): EditResult {
  checkSize(existing, '.yarnrc.yml');
  assertMarkersAreComments(existing, '.yarnrc.yml');
  const url = normalizeEndpoint(request.endpoint).href;
  const { id, path } = registryPath(request.scope);
  const base = removeBlocks(splitLines(existing), hashComments, (b) => b === id);
  const doc = setInBlock(base, id, path, url, '.yarnrc.yml');
  return result(existing, joinLines(doc), [`Set ${path.join('.')} to ${url}`]);
}

export function removeYarnRegistry(text: string, request: Pick<YarnRegistryRequest, 'scope'>): string {
  assertMarkersAreComments(text, '.yarnrc.yml');
  const { id } = registryPath(request.scope);
  return joinLines(removeBlocks(splitLines(text), hashComments, (b) => b === id));
}

/** yarn's key for a registry in npmRegistries: no protocol, no trailing slash. */
export function yarnRegistryKey(endpoint: string): string {
  return nerfDart(normalizeEndpoint(endpoint)).replace(/\/$/, '');
}

/** User ~/.yarnrc.yml: `npmRegistries["//host/path"]` with npmAuthToken and npmAlwaysAuth. */
export function applyYarnAuth(existing: string | undefined, request: YarnAuthRequest): EditResult {
  checkSize(existing, '~/.yarnrc.yml');
  assertMarkersAreComments(existing, '~/.yarnrc.yml');
  const key = yarnRegistryKey(request.endpoint);
  const token = checkToken(request.token);
  const hadOurs = findBlock(splitLines(existing), hashComments, key) !== undefined;
  const base = removeBlocks(splitLines(existing), hashComments, (b) => b === key);
  const doc = setInBlock(base, key, ['npmRegistries', key], { npmAlwaysAuth: true, npmAuthToken: token }, '~/.yarnrc.yml');
  return result(existing, joinLines(doc), [`${hadOurs ? 'Updated the token' : 'Added a token'} for ${key} in the user .yarnrc.yml (npmAlwaysAuth: true)`]);
}

export function removeYarnAuth(text: string, request: Pick<YarnAuthRequest, 'endpoint'>): string {
  assertMarkersAreComments(text, '~/.yarnrc.yml');
  const key = yarnRegistryKey(request.endpoint);
  return joinLines(removeBlocks(splitLines(text), hashComments, (b) => b === key));
}
