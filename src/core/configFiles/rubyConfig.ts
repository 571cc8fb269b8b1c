// RubyGems and Bundler: the project Gemfile's global `source` (no token; an existing top-level `source` line is
// switched off inside our block and comes back on removal); the token in the user's files only: Bundler's
// `BUNDLE_<HOST>: "aws:TOKEN"` in ~/.bundle/config (or `BUNDLE_<HOST>` in the environment for CI), and
// `gem push`'s API key (`Bearer TOKEN`, keyed by the push host) in ~/.gem/credentials (0600).
// Each YAML result must still be a mapping, so a file we cannot extend safely is refused.
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { checkToken, normalizeEndpoint } from './endpoint';
import {
  ConfigEditError,
  type EditResult,
  type CommentStyle,
  checkSize,
  findBlock,
  hashComments,
  insertBlock,
  joinLines,
  lineContent,
  removeBlocks,
  result,
  splitLines,
} from './managedBlock';

export interface RubyRequest {
  readonly endpoint: string;
}

export interface RubyTokenRequest extends RubyRequest {
  readonly token: string;
}

/** Bundler's setting name for a host: `.` → `__`, `-` → `___`, upper case (Bundler::Settings.key_for). */
export function bundlerHostKey(endpoint: string): string {
  const host = normalizeEndpoint(endpoint).hostname;
  return `BUNDLE_${host.replace(/\./g, '__').replace(/-/g, '___').toUpperCase()}`;
}

/** The push host as `gem push --host` / RUBYGEMS_HOST spell it (no trailing slash). */
export function gemPushHost(endpoint: string): string {
  return normalizeEndpoint(endpoint).href.replace(/\/$/, '');
}

function isMapping(text: string): boolean {
  try {
    const parsed = parseDocument(text.replace(/^\uFEFF/, ''), { logLevel: 'silent' });
    if (parsed.errors.length > 0) return false;
    const doc: unknown = parsed.toJS();
    return doc === null || doc === undefined || (typeof doc === 'object' && !Array.isArray(doc));
  } catch {
    return false;
  }
}

/**
 * Bundler's own YAML reader takes any line with `: ` for a setting, comments included (and warns about it), so
 * its markers say "CodeArtifact - Remove Configuration" instead.
 */
const bundlerComments: CommentStyle = {
  line: (text, indent) => `${indent}# ${text.replace(/:(?=\s|$)/g, ' -')}`,
  parse: hashComments.parse,
};

function yamlBlock(existing: string | undefined, label: string, id: string, body: string[], changes: string[], style: CommentStyle = hashComments): EditResult {
  checkSize(existing, label);
  if (existing !== undefined && !isMapping(existing)) throw new ConfigEditError(`${label} is not a YAML mapping; fix it first (nothing was written).`);
  const original = splitLines(existing);
  const old = findBlock(original, style, id);
  const base = removeBlocks(original, style, (b) => b === id);
  // Our keys go at the end of the top-level mapping; an empty file gets the document marker inside our block.
  const empty = joinLines(base).trim() === '';
  const doc = insertBlock(base, style, { id, at: old ? old.start : base.lines.length, body: empty ? ['---', ...body] : body });
  const text = joinLines(doc);
  if (!isMapping(text)) throw new ConfigEditError(`${label} already has what CodeArtifact would add (${id}); remove your own entry, then try again. Nothing was written.`);
  return result(existing, text, changes);
}

function without(text: string, id: string, style: CommentStyle = hashComments): string {
  return joinLines(removeBlocks(splitLines(text), style, (b) => b === id));
}

/** ~/.bundle/config: Bundler's credentials for the repository host. */
export function applyBundlerCredentials(existing: string | undefined, request: RubyTokenRequest): EditResult {
  const key = bundlerHostKey(request.endpoint);
  return yamlBlock(existing, "Bundler's user config", `bundler-${key}`, [`${key}: "aws:${checkToken(request.token)}"`], [`Set ${key} (Bundler's credentials for ${normalizeEndpoint(request.endpoint).hostname}) in the user's Bundler config`], bundlerComments);
}

export function removeBundlerCredentials(text: string, request: RubyRequest): string {
  return without(text, `bundler-${bundlerHostKey(request.endpoint)}`, bundlerComments);
}

/** ~/.gem/credentials: the API key `gem push --host ENDPOINT` sends. */
export function applyGemCredentials(existing: string | undefined, request: RubyTokenRequest): EditResult {
  const host = gemPushHost(request.endpoint);
  const value = `Bearer ${checkToken(request.token)}`;
  return yamlBlock(existing, 'The gem credentials file', `gem-${host.replace(/[^A-Za-z0-9._-]+/g, '_')}`, [`${JSON.stringify(host)}: ${value}`, `${JSON.stringify(`${host}/`)}: ${value}`], [
    `Set the gem push API key for ${host} in ~/.gem/credentials`,
  ]);
}

export function removeGemCredentials(text: string, request: RubyRequest): string {
  return without(text, `gem-${gemPushHost(request.endpoint).replace(/[^A-Za-z0-9._-]+/g, '_')}`);
}

const GEMFILE_ID = 'gemfile-source';
/** A top-level global source line: `source "https://rubygems.org"` (no block, no options). */
const SOURCE_LINE = /^source\s*\(?\s*(["'])[^"'\\#]+\1\s*\)?\s*(#.*)?$/;

/** Project Gemfile: the global `source` names the repository (no token: Bundler finds it in its config). */
export function applyGemfileSource(existing: string | undefined, request: RubyRequest): EditResult {
  checkSize(existing, 'Gemfile');
  const url = normalizeEndpoint(request.endpoint).href;
  // Removing an earlier block of ours puts the user's line back where it was, so it is switched off again below.
  const base = removeBlocks(splitLines(existing), hashComments, (b) => b === GEMFILE_ID);
  const at = base.lines.findIndex((l) => SOURCE_LINE.test(lineContent(l)));
  const absorb = at >= 0 ? 1 : 0;
  // Otherwise after the leading comments (`# frozen_string_literal: true`), before the first statement.
  const where = at >= 0 ? at : Math.max(0, base.lines.findIndex((l) => !/^\s*(#.*)?$/.test(lineContent(l))));
  const doc = insertBlock(base, hashComments, { id: GEMFILE_ID, at: where === -1 ? base.lines.length : where, body: [`source ${JSON.stringify(url)}`], absorb });
  const changes = [`Set the Gemfile's source to ${url}`];
  if (absorb) changes.push('Your earlier source line is kept, switched off, and comes back when this is removed');
  return result(existing, joinLines(doc), changes);
}

export function removeGemfileSource(text: string): string {
  return without(text, GEMFILE_ID);
}

/** Bundler's user config: BUNDLE_USER_CONFIG, else BUNDLE_USER_HOME/config, else ~/.bundle/config. */
export function bundlerConfigPath(ctx: { readonly env: Readonly<Record<string, string | undefined>>; readonly home: string }): string {
  if (ctx.env.BUNDLE_USER_CONFIG) return path.resolve(ctx.home, ctx.env.BUNDLE_USER_CONFIG);
  if (ctx.env.BUNDLE_USER_HOME) return path.join(path.resolve(ctx.home, ctx.env.BUNDLE_USER_HOME), 'config');
  return path.join(ctx.home, '.bundle', 'config');
}

/** RubyGems' credentials file: GEM_HOST_API_KEY aside, ~/.gem/credentials. */
export function gemCredentialsPath(ctx: { readonly home: string }): string {
  return path.join(ctx.home, '.gem', 'credentials');
}
