// RubyGems' user config (~/.gemrc): the repository as a `:sources:` entry, so that `gem install` uses it without
// `--source`. CodeArtifact serves no full index (specs.4.8.gz), so `gem sources --add` is refused there; the
// entry is written here instead. The source URL carries the credentials as userinfo (`aws:TOKEN@`, which
// RubyGems sends as Basic auth), so the file is user-level only and written 0600 by the caller.
// Every edit is one marked block: after an existing `:sources:` key (our entry first, the user's kept), or a new
// `:sources:` key (the repository then replaces rubygems.org, whose gems its upstream serves). A one-line value
// (`:sources: [a, b]`) is switched off inside the block and listed again in block style; removal restores it.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { checkToken, normalizeEndpoint } from './endpoint';
import { ConfigEditError, type EditResult, checkSize, findBlock, hashComments, insertBlock, joinLines, lineIndexAt, removeBlocks, result, splitLines } from './managedBlock';

export interface GemrcRequest {
  readonly endpoint: string;
}

export interface GemrcTokenRequest extends GemrcRequest {
  readonly token: string;
}

const LABEL = 'The RubyGems config file (~/.gemrc)';

/** Where `gem` reads the user's config (Gem.find_config_file): ~/.gemrc if present, else an existing XDG gemrc, else ~/.gemrc. */
export function gemrcPath(ctx: { readonly env: Readonly<Record<string, string | undefined>>; readonly home: string }, exists: (file: string) => boolean = existsSync): string {
  const home = path.join(ctx.home, '.gemrc');
  if (exists(home)) return home;
  const xdg = path.join(ctx.env.XDG_CONFIG_HOME ? path.resolve(ctx.home, ctx.env.XDG_CONFIG_HOME) : path.join(ctx.home, '.config'), 'gem', 'gemrc');
  return exists(xdg) ? xdg : home;
}

/** The source as it goes in the file: the endpoint with `aws:TOKEN@` and a trailing slash. */
export function gemSourceUrl(endpoint: string, token: string): string {
  const url = normalizeEndpoint(endpoint);
  url.username = 'aws';
  url.password = checkToken(token);
  return url.href;
}

function blockId(endpoint: string): string {
  const url = normalizeEndpoint(endpoint);
  return `gemrc-${`${url.host}${url.pathname}`.replace(/[^A-Za-z0-9._-]+/g, '_')}`;
}

function parse(text: string): Document.Parsed {
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { logLevel: 'silent', keepSourceTokens: false });
  if (doc.errors.length > 0) throw new ConfigEditError(`${LABEL} is not valid YAML (${doc.errors[0]?.message.split('\n')[0] ?? 'parse error'}); fix it first (nothing was written).`);
  if (doc.contents !== null && !isMap(doc.contents)) throw new ConfigEditError(`${LABEL} is not a YAML mapping; fix it first (nothing was written).`);
  return doc;
}

/** The top-level `:sources` pair, as RubyGems reads it (a `:sources` key is a Ruby symbol). */
function sourcesPair(doc: Document.Parsed): { keyStart: number; value: unknown } | undefined {
  if (!isMap(doc.contents)) return undefined;
  for (const item of doc.contents.items) {
    if (isScalar(item.key) && item.key.value === ':sources' && item.key.range) return { keyStart: item.key.range[0], value: item.value };
  }
  return undefined;
}

function sourcesOf(text: string): unknown {
  const js: unknown = parse(text).toJS();
  return js !== null && typeof js === 'object' ? (js as Record<string, unknown>)[':sources'] : undefined;
}

/** Adds (or, with a new token, replaces) the repository as the first gem source. */
export function applyGemrcSource(existing: string | undefined, request: GemrcTokenRequest): EditResult {
  checkSize(existing, LABEL);
  const source = gemSourceUrl(request.endpoint, request.token);
  const id = blockId(request.endpoint);
  const original = splitLines(existing);
  const old = findBlock(original, hashComments, id);
  const base = removeBlocks(original, hashComments, (b) => b === id);
  const baseText = joinLines(base);
  const doc = parse(baseText);
  const pair = sourcesPair(doc);
  const shown = normalizeEndpoint(request.endpoint).href;
  let out: string;
  let changes: string[];
  if (!pair) {
    // A new key: at the end of the mapping (where our block was, if there was one).
    const body = [...(baseText.trim() === '' ? ['---'] : []), ':sources:', `- ${JSON.stringify(source)}`];
    out = joinLines(insertBlock(base, hashComments, { id, at: old ? old.start : base.lines.length, body }));
    changes = [`Set gem's sources to ${shown} (with the token), in place of rubygems.org (the repository's upstreams serve public gems)`];
  } else {
    const keyLine = lineIndexAt(base, pair.keyStart);
    const keyText = base.lines[keyLine] ?? '';
    const keyIndent = /^[ \t]*/.exec(keyText)?.[0] ?? '';
    if (keyIndent !== '') throw new ConfigEditError(`${LABEL}: the :sources: key is indented; put it at the start of its line, or add ${shown} by hand.`);
    const value = pair.value;
    if (isSeq(value) && !value.flow && value.items.length > 0) {
      // A block list: our entry goes first, right under the key, at the list's own indentation.
      const first = value.items[0];
      const firstStart = (isScalar(first) && first.range ? first.range[0] : undefined) ?? value.range?.[0] ?? pair.keyStart;
      const firstLine = base.lines[lineIndexAt(base, firstStart)] ?? '';
      const indent = /^[ \t]*/.exec(firstLine)?.[0] ?? '';
      out = joinLines(insertBlock(base, hashComments, { id, at: keyLine + 1, indent, body: [`${indent}- ${JSON.stringify(source)}`] }));
      changes = [`Added ${shown} (with the token) as gem's first source; your other sources are kept`];
    } else {
      // A one-line value (`[a, b]`, `[]`, empty): switched off in our block, its entries listed after ours.
      const valueEnd = isSeq(value) || isScalar(value) ? (value.range?.[1] ?? pair.keyStart) : pair.keyStart;
      if (value !== null && !isSeq(value) && !isScalar(value)) throw new ConfigEditError(`${LABEL}: :sources: is not a list; fix it, or add ${shown} by hand. Nothing was written.`);
      if (lineIndexAt(base, Math.max(pair.keyStart, valueEnd - 1)) !== keyLine) throw new ConfigEditError(`${LABEL}: :sources: spans several lines in flow style; write it as a block list (one "- URL" per line) first. Nothing was written.`);
      const theirs: unknown[] = isSeq(value) ? value.items.map((i) => (isScalar(i) ? i.value : i)) : isScalar(value) && value.value !== null && value.value !== '' ? [value.value] : [];
      const urls = theirs.filter((s): s is string => typeof s === 'string');
      if (urls.length !== theirs.length) throw new ConfigEditError(`${LABEL}: :sources: holds something other than URLs; fix it first. Nothing was written.`);
      const body = [':sources:', `- ${JSON.stringify(source)}`, ...urls.map((s) => `- ${JSON.stringify(s)}`)];
      out = joinLines(insertBlock(base, hashComments, { id, at: keyLine, body, absorb: 1 }));
      changes = [`Added ${shown} (with the token) as gem's first source; your earlier :sources: line is kept, switched off, and comes back when this is removed`];
    }
  }
  const after = sourcesOf(out);
  if (!Array.isArray(after) || after[0] !== source) throw new ConfigEditError(`${LABEL} has a shape CodeArtifact cannot extend safely; add ${shown} to :sources: by hand. Nothing was written.`);
  return result(existing, out, changes);
}

export function removeGemrcSource(text: string, request: GemrcRequest): string {
  return joinLines(removeBlocks(splitLines(text), hashComments, (b) => b === blockId(request.endpoint)));
}
