// Shared by every manifest parser: a piece of the original text, addressed by 0-based UTF-16 offsets
// (what `TextDocument.positionAt` takes), so an adapter can turn it into a Range without re-parsing.

export interface TextSpan {
  /** Offset of the first character. */
  readonly start: number;
  /** Offset just past the last character. */
  readonly end: number;
  /** Always `source.slice(start, end)`: the text as written, escapes and all. */
  readonly text: string;
}

export function spanOf(source: string, start: number, end: number): TextSpan {
  return { start, end, text: source.slice(start, end) };
}

/** The span without the whitespace at either end (an empty span stays where it was). */
export function trimSpan(source: string, start: number, end: number): TextSpan {
  let s = start;
  let e = end;
  while (s < e && isSpace(source.charCodeAt(s))) s++;
  while (e > s && isSpace(source.charCodeAt(e - 1))) e--;
  return spanOf(source, s, e);
}

function isSpace(code: number): boolean {
  // space, tab, CR, LF, form feed, vertical tab, NBSP and BOM: what people leave around values by accident.
  return code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0xfeff;
}
