// pyproject.toml → Python dependencies with exact offsets: PEP 621 `[project]` dependencies and
// optional-dependencies, PEP 735 `[dependency-groups]`, `[build-system] requires`, and Poetry's
// `[tool.poetry.dependencies]` / dev-dependencies / groups.
// toml-eslint-parser is the TOML parser that reports source ranges (smol-toml and @iarna/toml give values
// only). Its 0.x line is used because 1.x ships as ES modules only, which this CommonJS build cannot require.
// It throws on a syntax error, so a half-typed file yields nothing until it parses again.

import { parseTOML, type AST } from 'toml-eslint-parser';
import { parsePep440 } from '../versioning/pep440';
import { normalizePythonName, parsePep508At } from './requirementsTxt';
import { spanOf, trimSpan, type TextSpan } from './textSpan';

export type PyprojectSection = 'project' | 'optional-dependencies' | 'dependency-groups' | 'build-system' | 'poetry';

export interface PyprojectDependency {
  readonly section: PyprojectSection;
  /** The optional-dependencies extra, dependency group or Poetry group (`main` for tool.poetry.dependencies). */
  readonly group?: string;
  readonly name: TextSpan;
  readonly normalizedName: string;
  readonly extras: readonly string[];
  /** `pep508` strings, or Poetry's own constraint syntax (`^1.2`, `~1.2`, `*`). */
  readonly syntax: 'pep508' | 'poetry';
  /** The version constraint as written; absent when unpinned. */
  readonly specifier?: TextSpan;
  /** The constraint in PEP 440 form ('' for any version); absent when it has none (Poetry's `||`). */
  readonly specifierText?: string;
  /** Each version inside a PEP 508 specifier and where it sits. */
  readonly versions: readonly { readonly operator: string; readonly version: TextSpan }[];
  readonly marker?: TextSpan;
  /** 0-based line of the name. */
  readonly line: number;
}

export interface PyprojectSkipped {
  /** `url`/`path`/`git` dependencies are not looked up; `invalid` could not be read. */
  readonly reason: 'url' | 'path' | 'git' | 'invalid';
  readonly span: TextSpan;
}

export interface PyprojectFile {
  readonly dependencies: readonly PyprojectDependency[];
  readonly skipped: readonly PyprojectSkipped[];
  /** True when the TOML did not parse (and nothing was read). */
  readonly syntaxError: boolean;
}

/** Never throws. */
export function parsePyprojectToml(source: string): PyprojectFile {
  let program: AST.TOMLProgram;
  try {
    program = parseTOML(source);
  } catch {
    return { dependencies: [], skipped: [], syntaxError: true };
  }
  const reader = new Reader(source);
  try {
    const top = program.body[0];
    for (const item of top.body) {
      if (item.type === 'TOMLKeyValue') reader.keyValue([], item);
      else if (item.kind === 'standard') {
        const path = item.resolvedKey.map(String);
        for (const kv of item.body) reader.keyValue(path, kv, item);
      }
    }
  } catch {
    // The AST is well-formed once parsed; this guards only against surprises in odd shapes.
  }
  return { dependencies: reader.dependencies, skipped: reader.skipped, syntaxError: false };
}

class Reader {
  readonly dependencies: PyprojectDependency[] = [];
  readonly skipped: PyprojectSkipped[] = [];
  private readonly lineStarts: number[] = [0];

  constructor(private readonly source: string) {
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 0x0a) this.lineStarts.push(i + 1);
  }

  keyValue(tablePath: readonly string[], kv: AST.TOMLKeyValue, table?: AST.TOMLTable): void {
    const path = [...tablePath, ...kv.key.keys.map(keyName)];
    const value = kv.value;
    if (value.type === 'TOMLInlineTable' && !isPoetryDependencyPath(path)) {
      for (const inner of value.body) this.keyValue(path, inner);
      return;
    }
    const [a, b, c, d] = path;
    if (a === 'project' && b === 'dependencies' && path.length === 2) this.pep508List(value, 'project');
    else if (a === 'project' && b === 'optional-dependencies' && c !== undefined && path.length === 3) this.pep508List(value, 'optional-dependencies', c);
    else if (a === 'dependency-groups' && b !== undefined && path.length === 2) this.pep508List(value, 'dependency-groups', b);
    else if (a === 'build-system' && b === 'requires' && path.length === 2) this.pep508List(value, 'build-system');
    else if (isPoetryDependencyPath(path)) {
      const group = b === 'poetry' && c === 'group' ? d : c === 'dev-dependencies' ? 'dev' : 'main';
      const nameKey = kv.key.keys[kv.key.keys.length - 1];
      if (nameKey) this.poetry(nameKey, value, group ?? 'main');
    } else if (
      // `[tool.poetry.dependencies.requests]` with `version = "^2.0"` inside.
      table &&
      a === 'tool' &&
      b === 'poetry' &&
      path[path.length - 1] === 'version' &&
      isPoetryDependencyPath(path.slice(0, -1))
    ) {
      const nameKey = table.key.keys[table.key.keys.length - 1];
      const group = c === 'group' ? d : c === 'dev-dependencies' ? 'dev' : 'main';
      if (nameKey) this.poetryVersion(nameKey, value, group ?? 'main');
    }
  }

  private pep508List(value: AST.TOMLContentNode, section: PyprojectSection, group?: string): void {
    if (value.type !== 'TOMLArray') return;
    for (const element of value.elements) {
      const content = stringContent(this.source, element);
      if (!content) continue; // `{include-group = "…"}` and non-strings
      if (!content.exact) {
        this.skipped.push({ reason: 'invalid', span: spanOf(this.source, element.range[0], element.range[1]) });
        continue;
      }
      const parsed = parsePep508At(this.source, content.start, content.end, this.lineOf(content.start));
      if (typeof parsed === 'string') {
        this.skipped.push({ reason: parsed, span: spanOf(this.source, content.start, content.end) });
        continue;
      }
      this.dependencies.push({
        section,
        ...(group !== undefined ? { group } : {}),
        name: parsed.name,
        normalizedName: parsed.normalizedName,
        extras: parsed.extras,
        syntax: 'pep508',
        ...(parsed.specifier ? { specifier: parsed.specifier } : {}),
        specifierText: parsed.specifierText,
        versions: parsed.versions,
        ...(parsed.marker ? { marker: parsed.marker } : {}),
        line: parsed.line,
      });
    }
  }

  private poetry(nameKey: AST.TOMLBare | AST.TOMLQuoted, value: AST.TOMLContentNode, group: string): void {
    if (value.type === 'TOMLInlineTable') {
      const keys = new Map(value.body.map((kv) => [kv.key.keys.map(keyName).join('.'), kv.value]));
      for (const source of ['git', 'path', 'url'] as const) {
        const at = keys.get(source);
        if (at) {
          this.skipped.push({ reason: source, span: spanOf(this.source, at.range[0], at.range[1]) });
          return;
        }
      }
      const version = keys.get('version');
      const extras = keys.get('extras');
      const names = extras?.type === 'TOMLArray' ? extras.elements.flatMap((x) => (x.type === 'TOMLValue' && x.kind === 'string' ? [x.value] : [])) : [];
      this.poetryVersion(nameKey, version, group, names);
      return;
    }
    this.poetryVersion(nameKey, value, group);
  }

  private poetryVersion(
    nameKey: AST.TOMLBare | AST.TOMLQuoted,
    value: AST.TOMLContentNode | undefined,
    group: string,
    extras: readonly string[] = [],
  ): void {
    const name = keyName(nameKey);
    if (name.toLowerCase() === 'python') return; // the interpreter, not a package
    const nameSpan = keySpan(this.source, nameKey);
    const content = value ? stringContent(this.source, value) : undefined;
    const specifier = content?.exact ? trimSpan(this.source, content.start, content.end) : undefined;
    const constraint = content?.value.trim() ?? '';
    const specifierText = poetryToPep440(constraint);
    this.dependencies.push({
      section: 'poetry',
      group,
      name: nameSpan,
      normalizedName: normalizePythonName(name),
      extras,
      syntax: 'poetry',
      ...(specifier && specifier.text !== '' && specifier.text !== '*' ? { specifier } : {}),
      ...(specifierText !== undefined ? { specifierText } : {}),
      versions: [],
      line: this.lineOf(nameSpan.start),
    });
  }

  private lineOf(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

function isPoetryDependencyPath(path: readonly string[]): boolean {
  if (path[0] !== 'tool' || path[1] !== 'poetry') return false;
  if ((path[2] === 'dependencies' || path[2] === 'dev-dependencies') && path.length === 4) return true;
  return path[2] === 'group' && path[4] === 'dependencies' && path.length === 6;
}

export function keyName(key: AST.TOMLBare | AST.TOMLQuoted): string {
  return key.type === 'TOMLBare' ? key.name : key.value;
}

export function keySpan(source: string, key: AST.TOMLBare | AST.TOMLQuoted): TextSpan {
  if (key.type === 'TOMLBare') return spanOf(source, key.range[0], key.range[1]);
  return spanOf(source, key.range[0] + 1, key.range[1] - 1);
}

/** The inside of a string value; `exact` when it reads the same as its value (no escapes, no folded newline). */
export function stringContent(
  source: string,
  node: AST.TOMLContentNode,
): { start: number; end: number; value: string; exact: boolean } | undefined {
  if (node.type !== 'TOMLValue' || node.kind !== 'string') return undefined;
  const quote = node.multiline ? 3 : 1;
  const start = node.range[0] + quote;
  const end = Math.max(start, node.range[1] - quote);
  return { start, end, value: node.value, exact: source.slice(start, end) === node.value };
}

/**
 * Poetry constraints (poetry-core's parse_constraint) in PEP 440 terms: `^1.2.3` → `>=1.2.3,<2.0.0`,
 * `~1.2` → `>=1.2,<1.3`, `1.2.*` → `>=1.2.0,<1.3.0`, `>=1.2 <1.5` (space or comma means "and"), `*` → '',
 * a bare `1.2.3` → `==1.2.3`; `||` (or a single `|`) keeps alternatives apart as `a || b`, which
 * versions.ts reads as a union. undefined when poetry-core could not read it either.
 * Poetry's own treatment of pre-, post- and local releases at a range's ends is not modelled (PEP 440's applies).
 */
export function poetryToPep440(constraint: string): string | undefined {
  const text = constraint.trim();
  if (text === '*') return '';
  const alternatives: string[][] = [];
  for (const alternative of text.split(/\s*\|\|?\s*/)) {
    const parts = splitAnd(alternative.replace(/,+\s*$/, '').trimEnd());
    if (!parts) return undefined;
    // "and" over parts that may be unions themselves (`!=1.2.*` is `<1.2.0 || >=1.3.0`): distribute.
    let product: string[][] = [[]];
    for (const part of parts) {
      const translated = poetrySingle(part);
      if (translated === undefined) return undefined;
      product = product.flatMap((specs) => translated.map((t) => (t === '' ? specs : [...specs, t])));
    }
    alternatives.push(...product);
  }
  if (alternatives.some((specs) => specs.length === 0)) return '';
  return alternatives.map((specs) => specs.join(',')).join(' || ');
}

/** "and" parts: commas, or spaces between two constraints (`>= 1.2 < 1.5` has spaces after operators too). */
function splitAnd(text: string): string[] | undefined {
  if (text === '') return undefined;
  const glued = text.replace(/(~=|===|==|!=|<>|>=|<=|>|<|=|~)\s+/g, '$1');
  const parts = glued.split(/\s*,\s*|\s+/);
  return parts.includes('') ? undefined : parts;
}

/** One constraint as PEP 440 alternatives (usually one); '' is any version. */
function poetrySingle(part: string): string[] | undefined {
  if (/^v?[xX*](\.[xX*])*$/i.test(part)) return [''];
  const tilde = /^~(?!=)(.+)$/.exec(part);
  if (tilde) {
    const v = parsePep440(tilde[1]!);
    if (!v) return undefined;
    return [`${lowerBound(tilde[1]!)},<${bump(v.release, v.release.length === 1 ? 0 : 1, v.epoch)}`];
  }
  const compatible = /^~=(.+)$/.exec(part);
  if (compatible) {
    const v = parsePep440(compatible[1]!);
    if (!v) return undefined;
    return [`${lowerBound(compatible[1]!)},<${bump(v.release, v.release.length === 2 ? 0 : 1, v.epoch)}`];
  }
  const caret = /^\^(.+)$/.exec(part);
  if (caret) {
    const v = parsePep440(caret[1]!);
    if (!v) return undefined;
    const [major, minor, patch] = v.release;
    const at = major! > 0n || minor === undefined ? 0 : minor > 0n || patch === undefined ? 1 : 2;
    return [`${lowerBound(caret[1]!)},<${bump(v.release, at, v.epoch)}`];
  }
  const wildcard = /^(!=|==)?v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.[xX*])+$/.exec(part);
  if (wildcard) {
    const major = BigInt(wildcard[2]!);
    const minor = wildcard[3] !== undefined ? BigInt(wildcard[3]) : undefined;
    const [low, high] =
      minor !== undefined ? [`${major}.${minor}.0`, `${major}.${minor + 1n}.0`] : major === 0n ? [undefined, '1.0.0'] : [`${major}.0.0`, `${major + 1n}.0.0`];
    if (wildcard[1] === '!=') return low === undefined ? [`>=${high}`] : [`<${low}`, `>=${high}`];
    return [low === undefined ? `<${high}` : `>=${low},<${high}`];
  }
  const basic = /^(<>|!=|>=?|<=?|==?)?(.+?)(\.\*)?$/.exec(part);
  if (basic) {
    const version = basic[2] === 'dev' ? '0.0-dev' : basic[2]!;
    if (!parsePep440(version)) return undefined;
    // poetry-core has no branch for `<>`: like a bare version it pins.
    const op = basic[1] === undefined || basic[1] === '=' || basic[1] === '<>' ? '==' : basic[1];
    return [`${op}${version.trim()}`];
  }
  return undefined;
}

/** `>=v`; PEP 440 has no local version in `>=`, and above `1.2+local` every final release is above `1.2`. */
function lowerBound(version: string): string {
  const plus = version.indexOf('+');
  return plus === -1 ? `>=${version}` : `>${version.slice(0, plus)}`;
}

/** The release bumped at index `at`, zeros after it, as long as it was (poetry's next_major/minor/patch). */
function bump(release: readonly bigint[], at: number, epoch: bigint): string {
  const length = Math.max(at + 1, release.length);
  const parts = Array.from({ length }, (_, i) => (i < at ? (release[i] ?? 0n) : i === at ? (release[i] ?? 0n) + 1n : 0n));
  return `${epoch !== 0n ? `${epoch}!` : ''}${parts.join('.')}`;
}
