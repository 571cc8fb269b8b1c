// Gemfile and *.gemspec → gem dependencies with exact offsets, from declarative lines only: `gem "name", "~> 1.2",
// ">= 1.2.3", require: false` in a Gemfile (also inside `group … do` blocks), `spec.add_dependency "name", "~> 1.0"`
// (add_runtime_dependency, add_development_dependency; a `[…]` list too) in a gemspec, and the Gemfile's global
// `source "URL"`. Anything computed (`"#{x}"`, variables, conditions on the same line) is left alone, and so are
// gems with `git:`/`path:`/`github:`/`source:` and every line inside a `source "…" do` block. Never throws.
import { spanOf, type TextSpan } from './textSpan';

export interface GemDependency {
  readonly kind: 'gemfile' | 'runtime' | 'development';
  readonly name: TextSpan;
  /** Each requirement string's text inside its quotes. */
  readonly requirements: readonly TextSpan[];
}

export interface GemfileContents {
  readonly dependencies: readonly GemDependency[];
  /** The Gemfile's global `source "URL"` lines (the last one wins for Bundler). */
  readonly sources: readonly string[];
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** One quoted string without interpolation or escapes. */
const STR = String.raw`(?:"([^"#\\]*)"|'([^'\\]*)')`;
const GEM_LINE = new RegExp(String.raw`^(\s*)gem\s*\(?\s*${STR}((?:\s*,\s*${STR})*)\s*\)?\s*(,.*)?$`);
const SPEC_LINE = new RegExp(String.raw`^\s*[a-z_][a-z0-9_]*\.add_(runtime_|development_)?dependency\s*\(?\s*${STR}\s*(?:,\s*(\[?)((?:\s*,?\s*${STR})*)\s*\]?)?\s*\)?\s*(#.*)?$`);
const QUOTED = new RegExp(STR, 'g');
const SOURCE = new RegExp(String.raw`^source\s*\(?\s*${STR}\s*\)?\s*(#.*)?$`);

function quotedSpans(source: string, offset: number, text: string): TextSpan[] {
  const out: TextSpan[] = [];
  for (const m of text.matchAll(QUOTED)) {
    const start = offset + (m.index ?? 0) + 1;
    const value = m[1] ?? m[2] ?? '';
    out.push(spanOf(source, start, start + value.length));
  }
  return out;
}

export function parseGemfile(source: string, fileName = 'Gemfile'): GemfileContents {
  const spec = /\.gemspec$/i.test(fileName);
  const dependencies: GemDependency[] = [];
  const sources: string[] = [];
  let offset = 0;
  let skipUntil: string | undefined;
  for (const raw of source.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const start = offset;
    offset += raw.length + 1;
    if (skipUntil !== undefined) {
      if (line === skipUntil) skipUntil = undefined;
      continue;
    }
    if (spec) {
      const m = SPEC_LINE.exec(line);
      const name = m?.[2] ?? m?.[3];
      if (!m || name === undefined || !NAME.test(name)) continue;
      const nameStart = start + line.indexOf(m[2] !== undefined ? `"${name}"` : `'${name}'`) + 1;
      const reqText = m[5] ?? '';
      const reqOffset = start + (reqText === '' ? 0 : line.lastIndexOf(reqText));
      dependencies.push({ kind: m[1] === 'development_' ? 'development' : 'runtime', name: spanOf(source, nameStart, nameStart + name.length), requirements: reqText === '' ? [] : quotedSpans(source, reqOffset, reqText) });
      continue;
    }
    const blockSource = /^(\s*)source\b.*\bdo\s*(\|[^|]*\|)?\s*$/.exec(line);
    if (blockSource) {
      skipUntil = `${blockSource[1] ?? ''}end`;
      continue;
    }
    const src = SOURCE.exec(line);
    if (src) {
      sources.push(src[1] ?? src[2] ?? '');
      continue;
    }
    const m = GEM_LINE.exec(line);
    const name = m?.[2] ?? m?.[3];
    if (!m || name === undefined || !NAME.test(name)) continue;
    const options = m[7] ?? '';
    if (/\b(git|path|github|gist|bitbucket|source)\s*:|:(git|path|github|source)\s*=>/.test(options)) continue;
    // Options that are not plain (a trailing `if`, a method call) make the line code rather than a declaration.
    if (options !== '' && !/^,(\s*[a-z_]+:\s*(?:true|false|nil|:[a-z_]+|\[[^\]]*\]|"[^"#]*"|'[^']*')\s*,?)*\s*(#.*)?$/.test(options)) continue;
    const nameStart = start + (m[1] ?? '').length + line.slice((m[1] ?? '').length).indexOf(name);
    const reqText = m[4] ?? '';
    const reqOffset = nameStart + name.length + 1;
    dependencies.push({ kind: 'gemfile', name: spanOf(source, nameStart, nameStart + name.length), requirements: quotedSpans(source, reqOffset, reqText) });
  }
  return { dependencies, sources };
}
