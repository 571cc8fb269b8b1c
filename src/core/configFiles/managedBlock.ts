// The line-level engine every config writer shares: split a file into lines that keep their own
// terminators, and add, find and remove a "managed block" — our lines between a begin and an end marker
// comment. A block may also hold a user's lines we had to switch off (for example an `index-url` that
// would otherwise clash with ours); they are kept verbatim behind a prefix and put back on removal, so
// that removing what we wrote gives back the original bytes.

/** Thrown when a file cannot be edited safely; the message is written for the user. */
export class ConfigEditError extends Error {
  override readonly name = 'ConfigEditError';
}

/** What every `apply` returns. `changes` never contains a token. */
export interface EditResult {
  readonly text: string;
  /** False when `text` equals the input byte for byte (nothing to write). */
  readonly changed: boolean;
  /** Human-readable summary lines for the user, e.g. "Set @acme:registry to https://…". */
  readonly changes: readonly string[];
}

export const MARKER_TOOL = 'codeartifact-explorer';
/**
 * Config files are kilobytes. A bigger one is not something to edit line by line (and the parsers would take
 * seconds on it), so it is refused rather than slowly rewritten.
 */
export const MAX_CONFIG_CHARS = 2_000_000;

export function checkSize(text: string | undefined, fileLabel: string): void {
  if (text !== undefined && text.length > MAX_CONFIG_CHARS) {
    throw new ConfigEditError(`${fileLabel} is larger than ${MAX_CONFIG_CHARS / 1_000_000} MB, which no configuration file should be; it was left alone.`);
  }
}
const BOM = '\uFEFF';

/** A file as lines; each line keeps its own terminator ('' only for a last line without one). */
export interface Lines {
  readonly bom: boolean;
  /** The file's dominant line ending, used for lines we add. */
  readonly eol: '\n' | '\r\n';
  readonly lines: string[];
}

export function splitLines(text: string | undefined): Lines {
  let body = text ?? '';
  const bom = body.startsWith(BOM);
  if (bom) body = body.slice(1);
  const lines = body.match(/[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$/g) ?? [];
  const crlf = lines.filter((l) => l.endsWith('\r\n')).length;
  const lf = lines.filter((l) => l.endsWith('\n') && !l.endsWith('\r\n')).length;
  return { bom, eol: crlf > lf ? '\r\n' : '\n', lines };
}

export function joinLines(doc: Lines): string {
  return (doc.bom ? BOM : '') + doc.lines.join('');
}

/** The index of the line holding `offset` (an offset into the file's text without its BOM). */
export function lineIndexAt(doc: Lines, offset: number): number {
  let pos = 0;
  for (let i = 0; i < doc.lines.length; i++) {
    pos += (doc.lines[i] ?? '').length;
    if (offset < pos) return i;
  }
  return doc.lines.length;
}

/**
 * The line on which `offset` starts, when only whitespace precedes it on that line; otherwise a ConfigEditError
 * that asks for `what` on a line of its own in `file`, or for `entries` to be added by hand.
 */
export function lineStartingAt(doc: Lines, text: string, offset: number, what: string, file: string, entries: string): number {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (!/^[ \t]*$/.test(text.slice(lineStart, offset))) {
    throw new ConfigEditError(`In ${file}, ${what} shares its line with other content; put it on a line of its own, or add ${entries} by hand.`);
  }
  return lineIndexAt(doc, offset);
}

/** The spaces and tabs that start line `index`. */
export function indentOfLine(doc: Lines, index: number): string {
  return /^[ \t]*/.exec(doc.lines[index] ?? '')?.[0] ?? '';
}

export function lineContent(line: string): string {
  return line.replace(/(?:\r\n|\n|\r)$/, '');
}

export function lineEnding(line: string): string {
  return line.slice(lineContent(line).length);
}

/** How a format writes a comment line around our content. */
export interface CommentStyle {
  /** Renders one comment line (without terminator), e.g. `# text` or `<!-- text -->`. */
  readonly line: (text: string, indent: string) => string;
  /** Recovers the text of a comment line rendered by `line`, or undefined when it is not one. */
  readonly parse: (content: string) => string | undefined;
}

export const hashComments: CommentStyle = {
  line: (text, indent) => `${indent}# ${text}`,
  parse: (content) => /^\s*# (.*)$/.exec(content)?.[1],
};

const BEGIN = (id: string): string => `>>> ${MARKER_TOOL} ${id} >>> managed by the CodeArtifact extension; "CodeArtifact: Remove Configuration" undoes it`;
const END = (id: string): string => `<<< ${MARKER_TOOL} ${id} <<<`;
const DISABLED = `${MARKER_TOOL} disabled: `;
const BEGIN_RE = new RegExp(`^>>> ${MARKER_TOOL} (\\S+) >>>`);
const END_RE = new RegExp(`^<<< ${MARKER_TOOL} (\\S+) <<<$`);

/** Line breaks for any reader we write for (Python's str.splitlines knows more than CR and LF): any control but tab. */
const LINE_BREAK = /(?!\t)\p{Cc}|[\u2028\u2029]/u;

export interface BlockRange {
  readonly id: string;
  /** Index of the begin marker line. */
  readonly start: number;
  /** Index of the end marker line (inclusive). */
  readonly end: number;
}

/** Every managed block in the file, in order. Throws when a marker is unpaired (a hand edit broke it). */
export function findBlocks(doc: Lines, style: CommentStyle): BlockRange[] {
  const blocks: BlockRange[] = [];
  let open: { id: string; start: number } | undefined;
  doc.lines.forEach((line, i) => {
    const text = style.parse(lineContent(line));
    if (text === undefined) return;
    const begin = BEGIN_RE.exec(text);
    const end = END_RE.exec(text);
    if (begin) {
      if (open) throw unpaired(open.id);
      open = { id: begin[1] ?? '', start: i };
    } else if (end) {
      if (!open || open.id !== end[1]) throw unpaired(end[1] ?? '');
      blocks.push({ id: open.id, start: open.start, end: i });
      open = undefined;
    }
  });
  if (open) throw unpaired(open.id);
  return blocks;
}

function unpaired(id: string): ConfigEditError {
  return new ConfigEditError(
    `The markers of the CodeArtifact block "${id}" are incomplete (a begin or end comment was edited or deleted). ` +
      'Fix or delete the block by hand, then try again.',
  );
}

/**
 * Where each marker line's comment starts (its first non-blank character), as offsets into the text without BOM.
 * A format whose values can span lines (YAML block scalars, XML CDATA) uses them to check that each marker
 * really is a comment and not a line of someone's value that happens to look like one.
 */
export function markerOffsets(doc: Lines, style: CommentStyle): number[] {
  const blocks = findBlocks(doc, style);
  if (blocks.length === 0) return [];
  const wanted = new Set(blocks.flatMap((b) => [b.start, b.end]));
  const offsets: number[] = [];
  let pos = 0;
  doc.lines.forEach((line, i) => {
    if (wanted.has(i)) offsets.push(pos + (/^[ \t]*/.exec(line)?.[0].length ?? 0));
    pos += line.length;
  });
  return offsets;
}

export function findBlock(doc: Lines, style: CommentStyle, id: string): BlockRange | undefined {
  return findBlocks(doc, style).find((b) => b.id === id);
}

/**
 * Inserts a block before line `at` (0..lines.length). `absorb` lines (the user's, starting at `at`) are
 * switched off inside the block and restored by removeBlock. `body` lines carry no terminator.
 */
export function insertBlock(
  doc: Lines,
  style: CommentStyle,
  options: { id: string; at: number; body: readonly string[]; indent?: string; absorb?: number },
): Lines {
  const { id, at, body } = options;
  // Every writer builds single lines; a value with a line break in it would add a line of its own
  // (another key, or a fake marker), so it is refused here whatever the format.
  if (!/^[^\s]+$/.test(id) || /<<<|>>>/.test(id)) throw new ConfigEditError(`${JSON.stringify(id.slice(0, 80))} cannot name a CodeArtifact block.`);
  const broken = body.find((b) => LINE_BREAK.test(b));
  if (broken !== undefined) {
    throw new ConfigEditError(`A value to write holds a line break (${JSON.stringify(broken.slice(0, 80))}); nothing was written.`);
  }
  const indent = options.indent ?? '';
  const absorb = options.absorb ?? 0;
  const lines = [...doc.lines];
  const eol = doc.eol;
  const taken = lines.slice(at, at + absorb);
  const atEnd = at + absorb >= lines.length;
  // A file without a final newline keeps that shape: our block then ends without one too.
  const lastHadNoEol = atEnd && lines.length > 0 && lineEnding(lines[lines.length - 1] ?? '\n') === '';
  if (atEnd && at > 0 && absorb === 0 && lineEnding(lines[at - 1] ?? '\n') === '') {
    lines[at - 1] = (lines[at - 1] ?? '') + eol;
  }
  const disabled = taken.map((l) => {
    const ending = lineEnding(l) || eol;
    return style.line(DISABLED + lineContent(l), indent) + ending;
  });
  const block = [
    style.line(BEGIN(id), indent) + eol,
    ...disabled,
    ...body.map((b) => b + eol),
    style.line(END(id), indent) + (lastHadNoEol ? '' : eol),
  ];
  lines.splice(at, absorb, ...block);
  return { ...doc, lines };
}

/** Removes a block, restoring the lines it switched off; the inverse of insertBlock. */
export function removeBlock(doc: Lines, style: CommentStyle, range: BlockRange): Lines {
  const lines = [...doc.lines];
  const inner = lines.slice(range.start + 1, range.end);
  const restored: string[] = [];
  for (const l of inner) {
    const text = style.parse(lineContent(l));
    if (text?.startsWith(DISABLED)) restored.push(text.slice(DISABLED.length) + lineEnding(l));
  }
  const endHadNoEol = lineEnding(lines[range.end] ?? '\n') === '';
  if (endHadNoEol) {
    const last = restored.length - 1;
    if (last >= 0) restored[last] = lineContent(restored[last] ?? '');
    else if (range.start > 0) lines[range.start - 1] = lineContent(lines[range.start - 1] ?? '');
  }
  lines.splice(range.start, range.end - range.start + 1, ...restored);
  return { ...doc, lines };
}

/** Removes every block whose id passes `match`. */
export function removeBlocks(doc: Lines, style: CommentStyle, match: (id: string) => boolean): Lines {
  let current = doc;
  for (;;) {
    const range = findBlocks(current, style).find((b) => match(b.id));
    if (!range) return current;
    current = removeBlock(current, style, range);
  }
}

/** Removes every block we wrote in a `#`-comment file (npmrc, pip.conf, .pypirc, .yarnrc.yml). */
export function removeAllManagedBlocks(text: string): string {
  return joinLines(removeBlocks(splitLines(text), hashComments, () => true));
}

/** Whether the text holds anything we wrote (markers of a `#`-comment file, or settings.xml). */
export function hasManagedContent(text: string): boolean {
  return text.includes(`>>> ${MARKER_TOOL} `);
}

export function result(before: string | undefined, text: string, changes: readonly string[]): EditResult {
  const changed = text !== (before ?? '');
  return { text, changed, changes: changed ? changes : [] };
}
