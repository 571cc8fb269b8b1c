// pyproject.toml → Python dependencies with exact offsets: PEP 621 `[project]` dependencies and
// optional-dependencies, PEP 735 `[dependency-groups]`, `[build-system] requires`, and Poetry's
// `[tool.poetry.dependencies]` / dev-dependencies / groups.
// toml-eslint-parser is the TOML parser that reports source ranges (smol-toml and @iarna/toml give values
// only). Its 0.x line is used because 1.x ships as ES modules only, which this CommonJS build cannot require.
// It throws on a syntax error, so a half-typed file yields nothing until it parses again.

import { parseTOML, type AST } from 'toml-eslint-parser';
import * as pep440 from '@renovatebot/pep440';
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
 * Poetry constraints in PEP 440 terms: `^1.2.3` → `>=1.2.3,<2.0.0`, `~1.2` → `>=1.2,<1.3`, `*` → '',
 * a bare `1.2.3` → `==1.2.3`, PEP 440 specifiers as they are. `||` has no PEP 440 form: undefined.
 */
export function poetryToPep440(constraint: string): string | undefined {
  const text = constraint.trim();
  if (text === '' || text === '*') return '';
  if (text.includes('||')) return undefined;
  const parts: string[] = [];
  for (const raw of text.split(',')) {
    const part = raw.trim();
    const caret = /^\^\s*(\d+(?:\.\d+)*)$/.exec(part);
    const tilde = /^~(?!=)\s*(\d+(?:\.\d+)*)$/.exec(part);
    if (caret?.[1]) {
      const numbers = caret[1].split('.').map(Number);
      let bump = numbers.findIndex((n) => n !== 0);
      if (bump === -1) bump = numbers.length - 1;
      parts.push(`>=${caret[1]}`, `<${upper(numbers, bump)}`);
    } else if (tilde?.[1]) {
      const numbers = tilde[1].split('.').map(Number);
      parts.push(`>=${tilde[1]}`, `<${upper(numbers, numbers.length === 1 ? 0 : 1)}`);
    } else if (pep440.valid(part) !== null) {
      parts.push(`==${part}`);
    } else if (pep440.validRange(part)) {
      parts.push(part.replace(/\s+/g, ''));
    } else {
      return undefined;
    }
  }
  return parts.join(',');
}

function upper(numbers: readonly number[], bump: number): string {
  return numbers
    .slice(0, Math.max(bump + 1, numbers.length))
    .map((n, i) => (i < bump ? n : i === bump ? n + 1 : 0))
    .join('.');
}
