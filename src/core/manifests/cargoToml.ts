// Cargo.toml → registry dependencies with exact offsets: `[dependencies]`, `[dev-dependencies]`,
// `[build-dependencies]`, `[target.<cfg>.dependencies]` (and their dev/build twins), `[workspace.dependencies]`;
// written as `name = "1.2"`, `name = { version = "1.2", registry = "…", package = "…" }`, `[dependencies.name]`
// tables or dotted keys. `path`/`git` dependencies and `workspace = true` inheritance are not looked up.
// A file that is not valid TOML yields nothing (parseTOML throws), so a half-typed file shows no hover.
import { parseTOML, type AST } from 'toml-eslint-parser';
import { keyName, keySpan, stringContent } from './pyprojectToml';
import type { TextSpan } from './textSpan';
import { spanOf } from './textSpan';

export type CargoSection = 'dependencies' | 'dev-dependencies' | 'build-dependencies' | 'workspace';

export interface CargoDependency {
  readonly section: CargoSection;
  /** The `cfg(…)` or target triple of a `[target.…]` table. */
  readonly target?: string;
  /** The key as written (the name the code uses). */
  readonly key: TextSpan;
  /** The crate's registry name: `package = "…"` when renamed, else the key. */
  readonly crate: string;
  /** The requirement as written ('' when none is given). */
  readonly requirement: string;
  /** The requirement's text inside its quotes, when it can be edited in place (no escapes). */
  readonly requirementSpan?: TextSpan;
  /** `registry = "…"`: a registry named in .cargo/config.toml; absent means crates.io. */
  readonly registry?: string;
}

export interface CargoSkipped {
  readonly reason: 'path' | 'git' | 'workspace';
  readonly key: TextSpan;
}

export interface CargoTomlFile {
  readonly dependencies: readonly CargoDependency[];
  readonly skipped: readonly CargoSkipped[];
  readonly syntaxError: boolean;
}

const SECTIONS: Record<string, CargoSection> = {
  dependencies: 'dependencies',
  'dev-dependencies': 'dev-dependencies',
  dev_dependencies: 'dev-dependencies',
  'build-dependencies': 'build-dependencies',
  build_dependencies: 'build-dependencies',
};

type Key = AST.TOMLBare | AST.TOMLQuoted;

interface Entry {
  section: CargoSection;
  target?: string;
  key: Key;
  fields: Map<string, AST.TOMLContentNode>;
  /** `name = "1.2"`. */
  short?: AST.TOMLContentNode;
}

/** Never throws. */
export function parseCargoToml(source: string): CargoTomlFile {
  let program: AST.TOMLProgram;
  try {
    program = parseTOML(source);
  } catch {
    return { dependencies: [], skipped: [], syntaxError: true };
  }
  const entries = new Map<string, Entry>();
  const visit = (path: readonly Key[], kv: AST.TOMLKeyValue): void => {
    const full = [...path, ...kv.key.keys];
    if (kv.value.type === 'TOMLInlineTable') {
      for (const inner of kv.value.body) visit(full, inner);
      if (kv.value.body.length > 0) return;
    }
    record(entries, full, kv.value);
  };
  try {
    for (const item of program.body[0].body) {
      if (item.type === 'TOMLKeyValue') visit([], item);
      else if (item.kind === 'standard') for (const kv of item.body) visit(item.key.keys, kv);
    }
  } catch {
    // The AST is well-formed once parsed; this guards only against surprises in odd shapes.
  }
  const dependencies: CargoDependency[] = [];
  const skipped: CargoSkipped[] = [];
  for (const e of entries.values()) {
    const key = keySpan(source, e.key);
    const skip = (['path', 'git', 'workspace'] as const).find((f) => e.fields.has(f));
    if (skip) {
      skipped.push({ reason: skip, key });
      continue;
    }
    const reqNode = e.short ?? e.fields.get('version');
    const req = reqNode ? stringContent(source, reqNode) : undefined;
    if (reqNode && !req) continue; // not a string: cargo would refuse the file
    const registryNode = e.fields.get('registry');
    const registry = registryNode ? stringContent(source, registryNode)?.value : undefined;
    const packageNode = e.fields.get('package');
    const renamed = packageNode ? stringContent(source, packageNode)?.value : undefined;
    dependencies.push({
      section: e.section,
      ...(e.target !== undefined ? { target: e.target } : {}),
      key,
      crate: renamed ?? keyName(e.key),
      requirement: req?.value ?? '',
      ...(req?.exact ? { requirementSpan: spanOf(source, req.start, req.end) } : {}),
      ...(registry !== undefined ? { registry } : {}),
    });
  }
  dependencies.sort((a, b) => a.key.start - b.key.start);
  return { dependencies, skipped, syntaxError: false };
}

/** Where a dependency table starts in a key path: its section, target and the index of the crate's key. */
function locate(names: readonly string[]): { section: CargoSection; target?: string; at: number } | undefined {
  const [a, b, c] = names;
  if (a !== undefined && SECTIONS[a]) return { section: SECTIONS[a], at: 1 };
  if (a === 'workspace' && b === 'dependencies') return { section: 'workspace', at: 2 };
  if (a === 'target' && b !== undefined && c !== undefined && SECTIONS[c]) return { section: SECTIONS[c], target: b, at: 3 };
  return undefined;
}

function record(entries: Map<string, Entry>, path: readonly Key[], value: AST.TOMLContentNode): void {
  const names = path.map(keyName);
  const where = locate(names);
  if (!where) return;
  const key = path[where.at];
  if (!key) return;
  const id = JSON.stringify(names.slice(0, where.at + 1));
  let entry = entries.get(id);
  if (!entry) {
    entry = { section: where.section, ...(where.target !== undefined ? { target: where.target } : {}), key, fields: new Map() };
    entries.set(id, entry);
  }
  const field = names[where.at + 1];
  if (names.length === where.at + 1) entry.short = value;
  else if (field !== undefined && names.length === where.at + 2) entry.fields.set(field, value);
}
