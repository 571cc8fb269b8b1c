// gradle/libs.versions.toml (Gradle version catalogs): `[versions]` and `[libraries]` with offsets, as Gradle's
// documentation defines them — a library is `"g:a:v"`, or a table with `module = "g:a"` or `group` + `name`, and
// a `version` that is a string, `version.ref` into [versions], or a rich version (`strictly`/`require`/`prefer`).
// The accessor a build script uses is the alias with `-`, `_` and `.` as separators: `groovy-core` → `libs.groovy.core`.

import { parseTOML, type AST } from 'toml-eslint-parser';
import { keyName, keySpan, stringContent } from './pyprojectToml';
import { spanOf, type TextSpan } from './textSpan';

export interface CatalogVersion {
  /** The version as written (a rich version's `strictly`, else `require`, else `prefer`). */
  readonly text: string;
  /** Where it is written (in [versions] for a `version.ref`). */
  readonly span: TextSpan;
  /** `strictly` ranges such as `[3.8, 4.0[` are Gradle's, not a pin. */
  readonly rich?: 'strictly' | 'require' | 'prefer';
  /** The [versions] key, for a `version.ref`. */
  readonly ref?: string;
}

export interface CatalogLibrary {
  /** The alias as written and where (hovering it shows the versions). */
  readonly alias: TextSpan;
  /** `libs.` + this: the alias with `-`, `_` and `.` turned into `.`. */
  readonly accessor: string;
  readonly groupId: string;
  readonly artifactId: string;
  readonly version?: CatalogVersion;
  /** `version.ref` names a key [versions] does not have: Gradle fails; we cannot tell a version. */
  readonly missingRef?: string;
}

/** Never throws; a file that does not parse yields no library. */
export function parseVersionCatalog(source: string): CatalogLibrary[] {
  let program: AST.TOMLProgram;
  try {
    program = parseTOML(source);
  } catch {
    return [];
  }
  const tables = new Map<string, AST.TOMLKeyValue[]>();
  const tableLibraries: { aliasKey: AST.TOMLBare | AST.TOMLQuoted; fields: AST.TOMLKeyValue[] }[] = [];
  const add = (table: string, kv: AST.TOMLKeyValue): void => {
    tables.set(table, [...(tables.get(table) ?? []), kv]);
  };
  for (const item of program.body[0].body) {
    if (item.type === 'TOMLKeyValue') {
      // `versions.x = "1"` at top level, dotted.
      const [first, ...rest] = item.key.keys;
      if (first && rest.length > 0) add(keyName(first), { ...item, key: { ...item.key, keys: rest } });
    } else if (item.kind === 'standard') {
      const path = item.resolvedKey.map(String);
      // `[libraries.groovy-core]` holds one library's fields.
      if (path.length === 2 && path[0] === 'libraries') {
        const last = item.key.keys[item.key.keys.length - 1];
        if (last) tableLibraries.push({ aliasKey: last, fields: item.body });
      } else if (path.length === 1 && path[0] !== undefined) {
        for (const kv of item.body) add(path[0], kv);
      }
    }
  }
  const versions = new Map<string, CatalogVersion>();
  for (const kv of tables.get('versions') ?? []) {
    const version = versionOf(source, kv.value);
    if (version && kv.key.keys.length === 1) versions.set(keyName(kv.key.keys[0]!), version);
  }
  const out: CatalogLibrary[] = [];
  for (const kv of tables.get('libraries') ?? []) {
    const aliasKey = kv.key.keys.length === 1 ? kv.key.keys[0] : undefined;
    const library = aliasKey && libraryOf(source, aliasKey, kv.value.type === 'TOMLInlineTable' ? kv.value.body : kv.value, versions);
    if (library) out.push(library);
  }
  for (const { aliasKey, fields } of tableLibraries) {
    const library = libraryOf(source, aliasKey, fields, versions);
    if (library) out.push(library);
  }
  return out.sort((a, b) => a.alias.start - b.alias.start);
}

/** The `libs.` accessor of an alias. */
export function catalogAccessor(alias: string): string {
  return alias.replace(/[-_.]/g, '.');
}

/** `value`: the `"g:a:v"` string, or the fields of the library's table. */
function libraryOf(
  source: string,
  aliasKey: AST.TOMLBare | AST.TOMLQuoted,
  value: AST.TOMLContentNode | readonly AST.TOMLKeyValue[],
  versions: ReadonlyMap<string, CatalogVersion>,
): CatalogLibrary | undefined {
  const alias = keySpan(source, aliasKey);
  const base = { alias, accessor: catalogAccessor(alias.text) };
  if (!Array.isArray(value)) {
    const notation = stringContent(source, value as AST.TOMLContentNode);
    if (!notation) return undefined;
    const [groupId, artifactId, version, ...more] = notation.value.split(':');
    if (!groupId || !artifactId || more.length > 0) return undefined;
    if (version === undefined || version === '' || !notation.exact) return { ...base, groupId, artifactId };
    const start = notation.start + groupId.length + artifactId.length + 2;
    return { ...base, groupId, artifactId, version: { text: version, span: spanOf(source, start, start + version.length) } };
  }
  const fields = new Map<string, AST.TOMLKeyValue>();
  for (const inner of value as readonly AST.TOMLKeyValue[]) fields.set(inner.key.keys.map(keyName).join('.'), inner);
  const text = (name: string): string | undefined => {
    const field = fields.get(name);
    return field ? stringContent(source, field.value)?.value : undefined;
  };
  const module = text('module')?.split(':');
  const groupId = module ? module[0] : text('group');
  const artifactId = module ? module[1] : text('name');
  if (!groupId || !artifactId || (module && module.length !== 2)) return undefined;
  const versionValue = fields.get('version')?.value;
  const ref = text('version.ref') ?? (versionValue?.type === 'TOMLInlineTable' ? refInside(source, versionValue) : undefined);
  if (ref !== undefined) {
    const version = versions.get(ref);
    return version ? { ...base, groupId, artifactId, version: { ...version, ref } } : { ...base, groupId, artifactId, missingRef: ref };
  }
  const versionField = fields.get('version');
  const version = versionField ? versionOf(source, versionField.value) : undefined;
  return { ...base, groupId, artifactId, ...(version ? { version } : {}) };
}

/** `version = { ref = "x" }`. */
function refInside(source: string, table: AST.TOMLInlineTable): string | undefined {
  const ref = table.body.find((kv) => kv.key.keys.length === 1 && keyName(kv.key.keys[0]!) === 'ref');
  return ref ? stringContent(source, ref.value)?.value : undefined;
}

function versionOf(source: string, value: AST.TOMLContentNode): CatalogVersion | undefined {
  const plain = stringContent(source, value);
  if (plain) return plain.exact ? { text: plain.value, span: spanOf(source, plain.start, plain.end) } : undefined;
  if (value.type !== 'TOMLInlineTable') return undefined;
  for (const rich of ['strictly', 'require', 'prefer'] as const) {
    const kv = value.body.find((k) => k.key.keys.length === 1 && keyName(k.key.keys[0]!) === rich);
    const content = kv ? stringContent(source, kv.value) : undefined;
    if (content?.exact) return { text: content.value, span: spanOf(source, content.start, content.end), rich };
  }
  return undefined;
}
