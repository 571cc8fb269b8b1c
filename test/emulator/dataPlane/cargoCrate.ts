// `.crate` files (gzipped tar of `NAME-VERSION/…`) and `cargo publish`'s binary body, for the Cargo data plane.
import { gzipSync } from 'node:zlib';
import { deterministicTar } from '../tarball';
import { HttpError } from './http';

export interface CrateInput {
  name: string;
  version: string;
  description?: string;
  license?: string;
  /** crate name → version requirement. */
  dependencies?: Record<string, string>;
}

function tomlString(s: string): string {
  return JSON.stringify(s);
}

/** A minimal library crate that cargo can unpack and build. */
export async function crateFile(input: CrateInput): Promise<Buffer> {
  const deps = Object.entries(input.dependencies ?? {}).map(([n, req]) => `${tomlString(n)} = ${tomlString(req)}\n`);
  const manifest =
    '[package]\n' +
    `name = ${tomlString(input.name)}\n` +
    `version = ${tomlString(input.version)}\n` +
    'edition = "2021"\n' +
    `description = ${tomlString(input.description ?? input.name)}\n` +
    `license = ${tomlString(input.license ?? 'MIT')}\n` +
    '\n[dependencies]\n' +
    deps.join('');
  const root = `${input.name}-${input.version}`;
  const files: [string, string][] = [
    [`${root}/Cargo.toml`, manifest],
    [`${root}/src/lib.rs`, `pub const VERSION: &str = ${JSON.stringify(input.version)};\n`],
  ];
  return gzipSync(await deterministicTar(files), { level: 9 });
}

/**
 * The body of `PUT /api/v1/crates/new` (Cargo registry web API): a u32 little-endian length and that many bytes
 * of JSON metadata, then a u32 length and the `.crate` file.
 */
export function parsePublishBody(body: Buffer): { metadata: Record<string, unknown>; crate: Buffer } {
  if (body.length < 4) throw new HttpError(400, 'The publish body is too short.');
  const jsonLength = body.readUInt32LE(0);
  if (4 + jsonLength + 4 > body.length) throw new HttpError(400, 'The publish body is truncated (JSON length).');
  const jsonText = body.subarray(4, 4 + jsonLength).toString('utf8');
  const crateLength = body.readUInt32LE(4 + jsonLength);
  const start = 8 + jsonLength;
  if (start + crateLength !== body.length) throw new HttpError(400, 'The publish body is truncated or has trailing bytes (crate length).');
  let metadata: unknown;
  try {
    metadata = JSON.parse(jsonText);
  } catch {
    throw new HttpError(400, 'The publish metadata is not valid JSON.');
  }
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) throw new HttpError(400, 'The publish metadata is not a JSON object.');
  return { metadata: metadata as Record<string, unknown>, crate: body.subarray(start) };
}

/** The body cargo publish sends, built the same way (for tests that publish without cargo). */
export function publishBody(metadata: Record<string, unknown>, crate: Buffer): Buffer {
  const json = Buffer.from(JSON.stringify(metadata));
  const a = Buffer.alloc(4);
  a.writeUInt32LE(json.length);
  const b = Buffer.alloc(4);
  b.writeUInt32LE(crate.length);
  return Buffer.concat([a, json, b, crate]);
}
