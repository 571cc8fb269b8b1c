// `.gem` files for the RubyGems data plane: a plain tar of `metadata.gz` (the YAML gemspec, gzipped) and
// `data.tar.gz` (the files), which `bundle install` and `gem install` unpack. And the reverse: the name, version
// and runtime dependencies of a pushed `.gem`.
import { gunzipSync, gzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import { parse } from 'yaml';
import { deterministicTar } from '../tarball';
import { HttpError } from './http';

export interface GemInput {
  name: string;
  version: string;
  summary?: string;
  license?: string;
  /** gem name → requirement list (`"~> 1.2, >= 1.2.3"`). */
  dependencies?: Record<string, string>;
}

function quoted(s: string): string {
  return JSON.stringify(s);
}

/** `"~> 1.2, >= 1.2.3"` → `[["~>", "1.2"], [">=", "1.2.3"]]` (a bare version means `=`). */
export function requirementPairs(requirement: string): [string, string][] {
  return requirement
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part): [string, string] => {
      const m = /^(~>|>=|<=|!=|=|>|<)?\s*(\S+)$/.exec(part);
      if (!m) throw new HttpError(400, `Invalid requirement ${part}.`);
      return [m[1] ?? '=', m[2] ?? '0'];
    });
}

function requirementYaml(pairs: [string, string][], indent: string): string {
  return `${indent}requirements:\n${pairs.map(([op, v]) => `${indent}- - ${quoted(op)}\n${indent}  - !ruby/object:Gem::Version\n${indent}    version: ${quoted(v)}\n`).join('')}`;
}

export function gemspecYaml(input: GemInput): string {
  const deps = Object.entries(input.dependencies ?? {}).map(([name, req]) => {
    const pairs = requirementPairs(req);
    return (
      `- !ruby/object:Gem::Dependency\n  name: ${quoted(name)}\n  requirement: !ruby/object:Gem::Requirement\n${requirementYaml(pairs, '    ')}` +
      `  type: :runtime\n  prerelease: false\n  version_requirements: !ruby/object:Gem::Requirement\n${requirementYaml(pairs, '    ')}`
    );
  });
  const any = requirementYaml([['>=', '0']], '  ');
  return (
    '--- !ruby/object:Gem::Specification\n' +
    `name: ${quoted(input.name)}\n` +
    `version: !ruby/object:Gem::Version\n  version: ${quoted(input.version)}\n` +
    'platform: ruby\nauthors:\n- CodeArtifact emulator\nautorequire:\nbindir: bin\ncert_chain: []\n' +
    'date: 1985-10-26 00:00:00.000000000 Z\n' +
    `dependencies:${deps.length === 0 ? ' []\n' : `\n${deps.join('')}`}` +
    `description: ${quoted(input.summary ?? input.name)}\nemail:\nexecutables: []\nextensions: []\nextra_rdoc_files: []\n` +
    `files:\n- lib/${input.name}.rb\nhomepage:\nlicenses:\n- ${quoted(input.license ?? 'MIT')}\nmetadata: {}\npost_install_message:\nrdoc_options: []\n` +
    `require_paths:\n- lib\nrequired_ruby_version: !ruby/object:Gem::Requirement\n${any}required_rubygems_version: !ruby/object:Gem::Requirement\n${any}` +
    `requirements: []\nrubygems_version: 3.3.15\nsigning_key:\nspecification_version: 4\nsummary: ${quoted(input.summary ?? input.name)}\ntest_files: []\n`
  );
}

export async function gemFile(input: GemInput): Promise<Buffer> {
  const data = gzipSync(await deterministicTar([[`lib/${input.name}.rb`, `module Emulated; VERSION = ${quoted(input.version)}; end\n`]]));
  return deterministicTar([
    ['metadata.gz', gzipSync(Buffer.from(gemspecYaml(input)))],
    ['data.tar.gz', data],
  ]);
}

/** Name, version and runtime dependencies (name → `"op v, op v"`) of a pushed `.gem`. */
export async function readGem(gem: Buffer): Promise<{ name: string; version: string; platform: string; summary?: string; license?: string; dependencies: Record<string, string> }> {
  const ex = extract();
  let metadata: Buffer | undefined;
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (header, stream, next) => {
      const parts: Buffer[] = [];
      stream.on('data', (c: unknown) => {
        if (header.name === 'metadata.gz' && Buffer.isBuffer(c)) parts.push(c);
      });
      stream.on('end', () => {
        if (header.name === 'metadata.gz') metadata = Buffer.concat(parts);
        next();
      });
      stream.resume();
    });
    ex.on('finish', resolve);
    ex.on('error', reject);
  });
  ex.end(gem);
  try {
    await done;
  } catch {
    throw new HttpError(400, 'The body is not a .gem file (not a tar archive).');
  }
  if (!metadata) throw new HttpError(400, 'The .gem has no metadata.gz.');
  let spec: unknown;
  try {
    // Ruby's tags (`!ruby/object:Gem::Version`) are read as the plain maps under them.
    spec = parse(gunzipSync(metadata).toString('utf8'), { logLevel: 'silent', customTags: [] });
  } catch {
    throw new HttpError(400, 'The gemspec in the .gem could not be read.');
  }
  const rec = (x: unknown): Record<string, unknown> => (typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {});
  const s = rec(spec);
  const name = s.name;
  const version = rec(s.version).version;
  if (typeof name !== 'string' || typeof version !== 'string') throw new HttpError(400, 'The gemspec has no name or version.');
  const dependencies: Record<string, string> = {};
  for (const d of Array.isArray(s.dependencies) ? (s.dependencies as unknown[]) : []) {
    const dep = rec(d);
    if (typeof dep.name !== 'string' || dep.type !== ':runtime') continue;
    const reqs = rec(dep.requirement).requirements;
    const pairs = Array.isArray(reqs) ? reqs.map((p) => (Array.isArray(p) ? `${String(p[0])} ${String(rec(p[1]).version)}` : '')).filter((x) => x !== '') : [];
    dependencies[dep.name] = pairs.join(', ');
  }
  const licenses = Array.isArray(s.licenses) ? s.licenses : [];
  return {
    name,
    version,
    platform: typeof s.platform === 'string' ? s.platform : 'ruby',
    ...(typeof s.summary === 'string' ? { summary: s.summary } : {}),
    ...(typeof licenses[0] === 'string' ? { license: licenses[0] } : {}),
    dependencies,
  };
}
