// requirements*.txt / constraints files → requirements with exact offsets, includes and index options.
// The file syntax around PEP 508 (line continuations, comments, options) follows pip's own req_file.py:
// join `\` continuations, drop `#` comments, split the requirement from its options at the first token
// that starts with `-`. The PEP 508 part itself is parsed by pip-requirements-js, one logical line at a time,
// so one bad line costs that line only.

import { parsePipRequirementsLine, type RequirementWithLocation } from 'pip-requirements-js';
import { parseSimpleRequirement, type LocatedText, type SimpleRequirement } from './pep508Simple';
import { spanOf, type TextSpan } from './textSpan';

export interface PythonRequirement {
  /** The project name as written. */
  readonly name: TextSpan;
  /** PEP 503 form, what the index and CodeArtifact's API are asked for. */
  readonly normalizedName: string;
  readonly extras: readonly string[];
  /** From the first operator to the end of the last version (`>= 2.8.1, == 2.8.*`); absent when unpinned. */
  readonly specifier?: TextSpan;
  /** The specifiers as a PEP 440 specifier set, e.g. `>=2.8.1,==2.8.*`; '' when unpinned. */
  readonly specifierText: string;
  /** Each version in the specifier, where it sits (what a quick fix replaces). */
  readonly versions: readonly { readonly operator: string; readonly version: TextSpan }[];
  /** The environment marker after `;`. */
  readonly marker?: TextSpan;
  readonly hashes: readonly string[];
  /** 0-based line where the requirement starts. */
  readonly line: number;
}

export interface RequirementsInclude {
  /** `-r` includes more requirements; `-c` only constrains versions. */
  readonly kind: 'requirements' | 'constraints';
  readonly path: TextSpan;
  /** 0-based line. */
  readonly line?: number;
}

/** Options that decide which package index pip asks. */
export interface IndexOption {
  readonly option: 'index-url' | 'extra-index-url' | 'no-index' | 'find-links';
  readonly url?: TextSpan;
  /** 0-based line: pip applies option lines in file order. */
  readonly line?: number;
  /** Written after a requirement on the same line: pip 23 ignores it there (only --hash and friends apply). */
  readonly onRequirementLine?: boolean;
}

/** Lines recognised but not looked up: they do not name a version from an index. */
export interface SkippedLine {
  readonly reason: 'editable' | 'url' | 'path' | 'invalid';
  readonly span: TextSpan;
}

export interface RequirementsFile {
  readonly requirements: readonly PythonRequirement[];
  readonly includes: readonly RequirementsInclude[];
  readonly indexes: readonly IndexOption[];
  readonly skipped: readonly SkippedLine[];
}

/**
 * pip's expand_env_variables: `${NAME}` (upper case, digits, `_`) becomes the variable's value when it is set and
 * not empty; anything else stays as written.
 */
export function expandPipVariables(text: string, env: Readonly<Record<string, string | undefined>>): string {
  return text.replace(/\$\{([A-Z0-9_]+)\}/g, (whole, name: string) => env[name] || whole);
}

/** PEP 503: lowercase, runs of `-`, `_`, `.` become one `-`. */
export function normalizePythonName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** A logical line: its text (continuations joined) and, for every character, its offset in the source. */
interface LogicalLine {
  readonly text: string;
  /** Where each joined piece came from: text offset `at` is source offset `start` (usually one piece). */
  readonly pieces: readonly { readonly at: number; readonly start: number; readonly end: number }[];
  readonly line: number;
}

// Hovers, lenses and diagnostics each ask for the same document text: the last few results are kept whole, keyed by
// the text itself (a Map hashes it once), so only an edit parses again, and then mostly from the line cache below.
const FILE_CACHE_SIZE = 8;
const fileCache = new Map<string, RequirementsFile>();

/** Never throws; a line that cannot be read is reported as skipped (`invalid`). The result is shared: do not mutate. */
export function parseRequirementsTxt(source: string): RequirementsFile {
  const cached = fileCache.get(source);
  if (cached) return cached;
  const parsed = parseUncached(source);
  if (fileCache.size >= FILE_CACHE_SIZE) fileCache.delete(fileCache.keys().next().value!);
  fileCache.set(source, parsed);
  return parsed;
}

function parseUncached(source: string): RequirementsFile {
  const requirements: PythonRequirement[] = [];
  const includes: RequirementsInclude[] = [];
  const indexes: IndexOption[] = [];
  const skipped: SkippedLine[] = [];
  for (const logical of logicalLines(source)) {
    const stripped = logical.text.includes('#') ? stripComment(logical.text) : logical.text;
    const tokens = tokenize(stripped);
    const firstOption = tokens.findIndex((t) => t.text.startsWith('-'));
    const argTokens = firstOption === -1 ? tokens : tokens.slice(0, firstOption);
    const options = firstOption === -1 ? NO_OPTIONS : readOptions(tokens.slice(firstOption));
    const map = (start: number, end: number): TextSpan => mapSpan(source, logical, start, end);
    const at = options.length === 0 ? undefined : { line: logical.line, ...(argTokens.length > 0 ? { onRequirementLine: true } : {}) };

    if (argTokens.length > 0) {
      const first = argTokens[0]!;
      const last = argTokens[argTokens.length - 1]!;
      const argsStart = first.start;
      const args = stripped.slice(argsStart, last.end);
      const requirement = readRequirement(args, argsStart, map, logical.line, options);
      if (requirement === 'url' || requirement === 'path' || requirement === 'invalid') {
        skipped.push({ reason: requirement, span: map(argsStart, last.end) });
      } else {
        requirements.push(requirement);
      }
    }
    for (const option of options) {
      if (!at) break;
      const value = option.value ? map(option.value.start, option.value.end) : undefined;
      switch (option.name) {
        case '-r':
        case '--requirement':
        case '-c':
        case '--constraint':
          if (value) {
            const kind = option.name === '-c' || option.name === '--constraint' ? 'constraints' : 'requirements';
            includes.push({ kind, path: value, line: logical.line });
          }
          break;
        case '-i':
        case '--index-url':
          indexes.push({ option: 'index-url', ...(value ? { url: value } : {}), ...at });
          break;
        case '--extra-index-url':
          indexes.push({ option: 'extra-index-url', ...(value ? { url: value } : {}), ...at });
          break;
        case '-f':
        case '--find-links':
          indexes.push({ option: 'find-links', ...(value ? { url: value } : {}), ...at });
          break;
        case '--no-index':
          indexes.push({ option: 'no-index', ...at });
          break;
        case '-e':
        case '--editable':
          if (value) skipped.push({ reason: 'editable', span: value });
          break;
        default:
          break;
      }
    }
  }
  return { requirements, includes, indexes, skipped };
}

const NO_OPTIONS: readonly Option[] = [];

function* logicalLines(source: string): Generator<LogicalLine> {
  const lineBreak = /\r\n|\n|\r/g;
  let pieces: { start: number; end: number }[] = [];
  let firstLine = 0;
  let lineNumber = 0;
  let start = 0;
  const flush = (): LogicalLine => {
    if (pieces.length === 1) {
      const only = pieces[0]!;
      return { text: source.slice(only.start, only.end), pieces: [{ at: 0, start: only.start, end: only.end }], line: firstLine };
    }
    let text = '';
    const located: { at: number; start: number; end: number }[] = [];
    for (const piece of pieces) {
      located.push({ at: text.length, start: piece.start, end: piece.end });
      text += source.slice(piece.start, piece.end);
    }
    return { text, pieces: located, line: firstLine };
  };
  for (;;) {
    const match = lineBreak.exec(source);
    const end = match ? match.index : source.length;
    const line = source.slice(start, end);
    if (pieces.length === 0) firstLine = lineNumber;
    // As pip: a trailing backslash continues the line, unless the line is a comment.
    if (line.endsWith('\\') && !/(^|\s)#/.test(line)) {
      let cut = end;
      while (cut > start && source.charCodeAt(cut - 1) === 0x5c) cut--;
      pieces.push({ start, end: cut });
    } else {
      pieces.push({ start, end });
      yield flush();
      pieces = [];
    }
    if (!match) break;
    start = match.index + match[0].length;
    lineNumber++;
  }
  if (pieces.length > 0) yield flush();
}

/** pip's COMMENT_RE: `#` at the start or after whitespace starts a comment. */
function stripComment(text: string): string {
  const match = /(^|\s+)#/.exec(text);
  return match ? text.slice(0, match.index) : text;
}

interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(/\S+/g)) {
    tokens.push({ text: match[0], start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

interface Option {
  readonly name: string;
  readonly value?: { readonly text: string; readonly start: number; readonly end: number };
}

const VALUE_OPTIONS = new Set([
  '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url',
  '-f', '--find-links', '--trusted-host', '--hash', '--config-settings', '--global-option', '--use-feature',
  '--only-binary', '--no-binary',
]);

/** `--opt value`, `--opt=value`, `-rvalue`, `-r value`; unknown options are kept without a value. */
function readOptions(tokens: readonly Token[]): Option[] {
  const options: Option[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!token.text.startsWith('-')) continue;
    const eq = token.text.indexOf('=');
    if (token.text.startsWith('--') && eq !== -1) {
      options.push({
        name: token.text.slice(0, eq),
        value: { text: token.text.slice(eq + 1), start: token.start + eq + 1, end: token.end },
      });
      continue;
    }
    if (!token.text.startsWith('--') && token.text.length > 2 && VALUE_OPTIONS.has(token.text.slice(0, 2))) {
      options.push({ name: token.text.slice(0, 2), value: { text: token.text.slice(2), start: token.start + 2, end: token.end } });
      continue;
    }
    const next = tokens[i + 1];
    if (VALUE_OPTIONS.has(token.text) && next) {
      options.push({ name: token.text, value: next });
      i++;
    } else {
      options.push({ name: token.text });
    }
  }
  return options;
}

function mapSpan(source: string, logical: LogicalLine, start: number, end: number): TextSpan {
  if (end <= start) {
    const at = originOf(logical, start) ?? (originOf(logical, start - 1) ?? -1) + 1;
    return spanOf(source, at, at);
  }
  return spanOf(source, originOf(logical, start)!, originOf(logical, end - 1)! + 1);
}

/** The source offset of the logical line's character `i`; undefined outside the line. */
function originOf(logical: LogicalLine, i: number): number | undefined {
  if (i < 0) return undefined;
  for (const piece of logical.pieces) {
    if (i < piece.at + (piece.end - piece.start)) return piece.start + (i - piece.at);
  }
  return undefined;
}

// The PEP 508 grammar (ohm) costs ~1 ms a line: everyday lines go through parseSimpleRequirement, and results are
// remembered by line text (positions in them are relative to the line), so an edit re-reads only changed lines.
const LINE_CACHE_SIZE = 20_000;
type LineParse = SimpleRequirement | 'url' | null;
const lineCache = new Map<string, LineParse>();

function parseLine(args: string): LineParse {
  const cached = lineCache.get(args);
  if (cached !== undefined) return cached;
  const parsed = parseSimpleRequirement(args) ?? parseWithGrammar(args);
  if (lineCache.size >= LINE_CACHE_SIZE) {
    const oldest = lineCache.keys().next();
    if (!oldest.done) lineCache.delete(oldest.value);
  }
  lineCache.set(args, parsed);
  return parsed;
}

/** pip-requirements-js's reading, in parseSimpleRequirement's shape; exported for the test that compares them. */
export function parseWithGrammar(args: string): LineParse {
  let parsed: RequirementWithLocation;
  try {
    // The grammar has no `===` (arbitrary equality); pip has. Read it as `== ` (same length: offsets hold).
    parsed = parsePipRequirementsLine(args.replace(/===/g, '== '), { includeLocations: true })!;
  } catch {
    return null;
  }
  if (!parsed) return null;
  const data = parsed.data;
  if (data.type === 'ProjectURL') return 'url';
  if (data.type !== 'ProjectName') return null;
  const located = (l: { startIdx: number; endIdx: number }): LocatedText => ({ text: args.slice(l.startIdx, l.endIdx), start: l.startIdx, end: l.endIdx });
  return {
    name: located(data.name.location),
    extras: (data.extras ?? []).map((e) => e.data),
    specs: (data.versionSpec ?? []).map((s) => {
      const op = s.data.operator.location;
      const triple = args.slice(op.startIdx, op.endIdx + 1) === '===';
      return { operator: located({ startIdx: op.startIdx, endIdx: op.endIdx + (triple ? 1 : 0) }), version: located(s.data.version.location) };
    }),
    ...(data.environmentMarkerTree ? { marker: located(data.environmentMarkerTree.location) } : {}),
  };
}

const NO_HASHES: readonly string[] = [];
const URL_START = /^[a-z][a-z0-9+.-]*:\/\//i;
const ARCHIVE = /\.(whl|zip|tar\.gz|tgz|tar\.bz2|tbz|tar\.xz|txz|tar|tar\.lz|tlz)$/i;

/**
 * One PEP 508 requirement held in `source[start, end)` (e.g. a string in pyproject.toml), with spans into
 * `source`. `line` is reported as given.
 */
export function parsePep508At(
  source: string,
  start: number,
  end: number,
  line: number,
): PythonRequirement | 'url' | 'path' | 'invalid' {
  const text = source.slice(start, end);
  const lead = text.length - text.trimStart().length;
  const args = text.trim();
  if (args === '') return 'invalid';
  return readRequirement(args, 0, (a, b) => spanOf(source, start + lead + a, start + lead + b), line, []);
}

function readRequirement(
  args: string,
  offset: number,
  map: (start: number, end: number) => TextSpan,
  line: number,
  options: readonly Option[],
): PythonRequirement | 'url' | 'path' | 'invalid' {
  if (URL_START.test(args)) return 'url';
  // The PEP 508 grammar of pip-requirements-js has no `===` (arbitrary equality); pip has. Parse it as `== ` (same
  // length, so every offset holds) and put the operator back below.
  const parsed = parseLine(args);
  if (parsed === 'url') return 'url';
  if (!parsed) {
    return /^[.~/\\]/.test(args) || /[/\\]/.test(args) || ARCHIVE.test(args) ? 'path' : 'invalid';
  }
  const at = (l: { start: number; end: number }): TextSpan => map(offset + l.start, offset + l.end);
  const specs = parsed.specs;
  const firstSpec = specs[0];
  const lastSpec = specs[specs.length - 1];
  const hashes = options.length === 0 ? NO_HASHES : options.filter((o) => o.name === '--hash' && o.value).map((o) => o.value!.text);
  return {
    name: at(parsed.name),
    normalizedName: normalizePythonName(parsed.name.text),
    extras: parsed.extras,
    ...(firstSpec && lastSpec ? { specifier: at({ start: firstSpec.operator.start, end: lastSpec.version.end }) } : {}),
    specifierText: specs.map((s) => `${s.operator.text}${s.version.text}`).join(','),
    versions: specs.map((s) => ({ operator: s.operator.text, version: at(s.version) })),
    ...(parsed.marker ? { marker: at(parsed.marker) } : {}),
    hashes,
    line,
  };
}
