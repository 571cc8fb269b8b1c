// Ruby's Marshal format 4.8, write side only: enough for what RubyGems reads from a gem server that is not a
// compact index: `quick/Marshal.4.8/NAME-VERSION.gemspec.rz` (a Gem::Specification, zlib-deflated) and the
// Dependencies API (`/api/v1/dependencies`, an array of hashes). Layout as in Ruby's marshal.c.
import { deflateSync } from 'node:zlib';
import { requirementPairs } from './rubyGem';

/** A value to dump. Symbols, Ruby objects and custom-dumped classes are tagged; strings are UTF-8. */
export type RubyValue =
  | null
  | boolean
  | number
  | string
  | RubyValue[]
  | { readonly kind: 'symbol'; readonly name: string }
  | { readonly kind: 'hash'; readonly entries: readonly (readonly [RubyValue, RubyValue])[] }
  /** `marshal_dump`/`marshal_load` classes (Gem::Version, Gem::Requirement): type `U`. */
  | { readonly kind: 'userMarshal'; readonly className: string; readonly data: RubyValue }
  /** `_dump`/`_load` classes (Gem::Specification): type `u` with the raw bytes. */
  | { readonly kind: 'userDefined'; readonly className: string; readonly bytes: Buffer }
  /** A plain object with instance variables (Gem::Dependency): type `o`. */
  | { readonly kind: 'object'; readonly className: string; readonly ivars: readonly (readonly [string, RubyValue])[] };

export const sym = (name: string): RubyValue => ({ kind: 'symbol', name });
export const hash = (entries: readonly (readonly [RubyValue, RubyValue])[]): RubyValue => ({ kind: 'hash', entries });

class Writer {
  private readonly out: number[] = [4, 8];
  private readonly symbols = new Map<string, number>();

  bytes(): Buffer {
    return Buffer.from(this.out);
  }

  /** marshal.c w_long: small values in one byte, else a signed byte count and little-endian bytes. */
  private long(n: number): void {
    if (!Number.isInteger(n) || n < -(2 ** 30) || n >= 2 ** 30) throw new RangeError(`Fixnum out of range: ${n}`);
    if (n === 0) return void this.out.push(0);
    if (n > 0 && n < 123) return void this.out.push(n + 5);
    if (n < 0 && n > -124) return void this.out.push((n - 5) & 0xff);
    const bytes: number[] = [];
    let x = n;
    for (let i = 0; i < 4; i++) {
      bytes.push(x & 0xff);
      x >>= 8;
      if ((n >= 0 && x === 0) || (n < 0 && x === -1)) break;
    }
    this.out.push((n >= 0 ? bytes.length : -bytes.length) & 0xff, ...bytes);
  }

  private raw(buf: Buffer): void {
    this.long(buf.length);
    for (const b of buf) this.out.push(b);
  }

  private symbol(name: string): void {
    const seen = this.symbols.get(name);
    if (seen !== undefined) {
      this.out.push(0x3b); // ';' symlink
      return this.long(seen);
    }
    this.symbols.set(name, this.symbols.size);
    this.out.push(0x3a); // ':'
    this.raw(Buffer.from(name, 'utf8'));
  }

  value(v: RubyValue): void {
    if (v === null) return void this.out.push(0x30); // '0'
    if (v === true) return void this.out.push(0x54); // 'T'
    if (v === false) return void this.out.push(0x46); // 'F'
    if (typeof v === 'number') {
      this.out.push(0x69); // 'i'
      return this.long(v);
    }
    if (typeof v === 'string') {
      // 'I' + '"' bytes + one ivar, E => true: a UTF-8 string.
      this.out.push(0x49, 0x22);
      this.raw(Buffer.from(v, 'utf8'));
      this.long(1);
      this.symbol('E');
      return this.value(true);
    }
    if (Array.isArray(v)) {
      this.out.push(0x5b); // '['
      this.long(v.length);
      for (const item of v) this.value(item);
      return;
    }
    switch (v.kind) {
      case 'symbol':
        return this.symbol(v.name);
      case 'hash':
        this.out.push(0x7b); // '{'
        this.long(v.entries.length);
        for (const [k, val] of v.entries) {
          this.value(k);
          this.value(val);
        }
        return;
      case 'userMarshal':
        this.out.push(0x55); // 'U'
        this.symbol(v.className);
        return this.value(v.data);
      case 'userDefined':
        this.out.push(0x75); // 'u'
        this.symbol(v.className);
        return this.raw(v.bytes);
      case 'object':
        this.out.push(0x6f); // 'o'
        this.symbol(v.className);
        this.long(v.ivars.length);
        for (const [name, val] of v.ivars) {
          this.symbol(name);
          this.value(val);
        }
        return;
    }
  }
}

export function marshalDump(v: RubyValue): Buffer {
  const w = new Writer();
  w.value(v);
  return w.bytes();
}

export interface GemSpecInput {
  name: string;
  version: string;
  summary?: string;
  license?: string;
  /** gem name → requirement list (`"~> 1.2, >= 1.2.3"`). */
  dependencies?: Record<string, string>;
}

const gemVersion = (v: string): RubyValue => ({ kind: 'userMarshal', className: 'Gem::Version', data: [v] });

function requirement(req: string): RubyValue {
  return { kind: 'userMarshal', className: 'Gem::Requirement', data: [requirementPairs(req).map(([op, v]) => [op, gemVersion(v)])] };
}

/** Gem::Specification#_dump's 19 fields (specification_version 4), as RubyGems 3 writes them. */
export function marshalGemSpec(input: GemSpecInput): Buffer {
  const deps: RubyValue[] = Object.entries(input.dependencies ?? {}).map(([name, req]) => ({
    kind: 'object',
    className: 'Gem::Dependency',
    ivars: [
      ['@name', name],
      ['@requirement', requirement(req)],
      ['@type', sym('runtime')],
      ['@prerelease', false],
    ],
  }));
  const summary = input.summary ?? input.name;
  const fields: RubyValue[] = [
    '3.3.15',
    4,
    input.name,
    gemVersion(input.version),
    '1985-10-26', // date: Specification#date= takes a YYYY-MM-DD string
    summary,
    requirement('>= 0'),
    requirement('>= 0'),
    'ruby',
    deps,
    '', // rubyforge_project
    null,
    ['CodeArtifact emulator'],
    summary,
    null,
    true, // has_rdoc
    'ruby',
    [input.license ?? 'MIT'],
    hash([]),
  ];
  return marshalDump({ kind: 'userDefined', className: 'Gem::Specification', bytes: marshalDump(fields) });
}

/** The `.gemspec.rz` body: the Marshal dump, zlib-deflated (Gem::Util.inflate). */
export function gemspecRz(input: GemSpecInput): Buffer {
  return deflateSync(marshalGemSpec(input));
}
