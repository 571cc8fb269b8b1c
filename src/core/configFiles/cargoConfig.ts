// Cargo: the project `.cargo/config.toml` names the registry (`[registries.NAME] index = "sparse+…"`, with
// `credential-provider = "cargo:token"` so cargo asks for a token), optionally replacing crates.io with it;
// the token goes to the user's `$CARGO_HOME/credentials.toml` (0600) or the CARGO_REGISTRIES_NAME_TOKEN
// variable in CI. Each edit is one managed block appended at the end of the file (a TOML table header
// would capture the lines after it anywhere else); the result must parse as TOML, so a clash with the
// user's own tables is refused rather than written.
import * as path from 'node:path';
import { parseTOML } from 'toml-eslint-parser';
import { checkToken, normalizeEndpoint, shown } from './endpoint';
import {
  ConfigEditError,
  type EditResult,
  checkSize,
  findBlock,
  hashComments,
  insertBlock,
  joinLines,
  removeBlocks,
  result,
  splitLines,
} from './managedBlock';

export interface CargoRegistryRequest {
  readonly endpoint: string;
  /** The registry name (see cargoRegistryName). */
  readonly name: string;
  /** Also add `[source.crates-io] replace-with = NAME`, so crates.io dependencies come through CodeArtifact. */
  readonly replaceCratesIo: boolean;
}

export interface CargoCredentialsRequest {
  readonly name: string;
  readonly token: string;
}

/** A cargo registry name for a repository: `DOMAIN-REPOSITORY`, with the characters cargo refuses made `-`. */
export function cargoRegistryName(domain: string, repository: string): string {
  return `${domain}-${repository}`.replace(/[^A-Za-z0-9_-]/g, '-');
}

function checkName(name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,99}$/.test(name)) throw new ConfigEditError(`${shown(name)} is not a valid cargo registry name (letters, digits, "-" and "_").`);
  return name;
}

/** The environment variable cargo reads the registry's token from (`-` becomes `_`, upper case). */
export function cargoTokenVariable(name: string): string {
  return `CARGO_REGISTRIES_${checkName(name).toUpperCase().replace(/-/g, '_')}_TOKEN`;
}

/** The value of `index` for a CodeArtifact endpoint. */
export function cargoIndexUrl(endpoint: string): string {
  return `sparse+${normalizeEndpoint(endpoint).href}`;
}

/** The value cargo sends as the Authorization header; CodeArtifact takes a Bearer token. */
export function cargoTokenValue(token: string): string {
  return `Bearer ${checkToken(token)}`;
}

function parses(text: string): boolean {
  try {
    parseTOML(text.replace(/^\uFEFF/, ''));
    return true;
  } catch {
    return false;
  }
}

/** Puts the block where an earlier copy of it was, else at the end; checks the file is TOML before and after. */
function applyBlock(existing: string | undefined, label: string, id: string, body: string[], changes: string[]): EditResult {
  checkSize(existing, label);
  if (existing !== undefined && !parses(existing)) throw new ConfigEditError(`${label} is not valid TOML; fix it first (nothing was written).`);
  const original = splitLines(existing);
  const old = findBlock(original, hashComments, id);
  const base = removeBlocks(original, hashComments, (b) => b === id);
  const doc = insertBlock(base, hashComments, { id, at: old ? old.start : base.lines.length, body });
  const text = joinLines(doc);
  if (!parses(text)) {
    throw new ConfigEditError(`${label} already defines what CodeArtifact would add (${body[0] ?? id}); remove or rename your own entry, then try again. Nothing was written.`);
  }
  return result(existing, text, changes);
}

function removeBlock(text: string, id: string): string {
  return joinLines(removeBlocks(splitLines(text), hashComments, (b) => b === id));
}

/** Project `.cargo/config.toml`: the registry (never a token) and, if asked, the crates.io replacement. */
export function applyCargoRegistry(existing: string | undefined, request: CargoRegistryRequest): EditResult {
  const name = checkName(request.name);
  const index = cargoIndexUrl(request.endpoint);
  let out = applyBlock(existing, '.cargo/config.toml', `cargo-registry-${name}`, [`[registries.${name}]`, `index = ${JSON.stringify(index)}`, 'credential-provider = "cargo:token"'], [
    `Added registry ${name} (${index}) with credential-provider cargo:token`,
  ]);
  const replaceId = 'cargo-source-crates-io';
  if (request.replaceCratesIo) {
    const next = applyBlock(out.text, '.cargo/config.toml', replaceId, ['[source.crates-io]', `replace-with = ${JSON.stringify(name)}`], [`crates.io dependencies now come from ${name}`]);
    out = result(existing, next.text, [...out.changes, ...next.changes]);
  } else if (findBlock(splitLines(out.text), hashComments, replaceId)) {
    out = result(existing, removeBlock(out.text, replaceId), [...out.changes, 'crates.io is no longer replaced']);
  }
  return result(existing, out.text, out.changes);
}

export function removeCargoRegistry(text: string, request: Pick<CargoRegistryRequest, 'name' | 'replaceCratesIo'>): string {
  const without = removeBlock(text, `cargo-registry-${checkName(request.name)}`);
  return request.replaceCratesIo ? removeBlock(without, 'cargo-source-crates-io') : without;
}

/** User `credentials.toml`: `[registries.NAME] token = "Bearer …"`. */
export function applyCargoCredentials(existing: string | undefined, request: CargoCredentialsRequest): EditResult {
  const name = checkName(request.name);
  const id = `cargo-token-${name}`;
  const had = existing !== undefined && findBlock(splitLines(existing), hashComments, id) !== undefined;
  return applyBlock(existing, 'The cargo credentials.toml', id, [`[registries.${name}]`, `token = ${JSON.stringify(cargoTokenValue(request.token))}`], [
    `${had ? 'Updated the token' : 'Added a token'} for registry ${name} in the user's cargo credentials.toml`,
  ]);
}

export function removeCargoCredentials(text: string, request: Pick<CargoCredentialsRequest, 'name'>): string {
  return removeBlock(text, `cargo-token-${checkName(request.name)}`);
}

/** cargo's credentials file: `$CARGO_HOME/credentials.toml`, CARGO_HOME defaulting to ~/.cargo. */
export function cargoCredentialsPath(ctx: { readonly env: Readonly<Record<string, string | undefined>>; readonly home: string }): string {
  const cargoHome = ctx.env.CARGO_HOME;
  return path.join(cargoHome !== undefined && cargoHome !== '' ? path.resolve(ctx.home, cargoHome) : path.join(ctx.home, '.cargo'), 'credentials.toml');
}
