// build.gradle / build.gradle.kts → dependencies in string notation ("group:artifact:version") with offsets.
// There is no maintained Groovy or Kotlin parser with source positions on npm, so this reads tokens only:
// comments and strings are recognised, then `configuration("g:a:v")` / `configuration 'g:a:v'` (also inside
// platform()/enforcedPlatform()/testFixtures()), and `$name`/`${name}` versions are resolved from simple
// `val name = "…"` / `def name = '…'` / `ext.name = '…'` / `name = '…'` assignments in the same file.
// Also map notation (`group: 'g', name: 'a', version: 'v'`) and concatenation (`"g:a:" + libVersion`);
// `libs.x.y` catalog accessors are listed by catalogReferences(). gradle.properties is not read.

import { spanOf, type TextSpan } from './textSpan';

export interface GradleVersion {
  readonly span: TextSpan;
  /** With `$name`/`${name}` substituted where the file declares them. */
  readonly value: string;
  readonly resolved: boolean;
  /** When the version is exactly one variable: its name and where its value is written. */
  readonly variable?: { readonly name: string; readonly span: TextSpan };
}

export interface GradleDependency {
  readonly configuration: string;
  readonly groupId: string;
  readonly artifactId: string;
  /** `groupId:artifactId`. */
  readonly packageName: string;
  /** The whole string notation, without quotes. */
  readonly notation: TextSpan;
  readonly version?: GradleVersion;
  readonly classifier?: string;
  /** 0-based line of the notation. */
  readonly line: number;
}

export type Token =
  | { readonly kind: 'ident'; readonly text: string; readonly start: number; readonly end: number }
  | { readonly kind: 'string'; readonly text: string; readonly start: number; readonly end: number; readonly quote: string }
  | { readonly kind: 'punct'; readonly text: string; readonly start: number; readonly end: number };

const CONFIGURATIONS = new Set([
  'implementation', 'api', 'compileOnly', 'runtimeOnly', 'compileOnlyApi', 'annotationProcessor', 'kapt', 'ksp',
  'classpath', 'compile', 'runtime', 'testCompile', 'testRuntime', 'developmentOnly', 'providedCompile', 'providedRuntime',
  'lintChecks', 'coreLibraryDesugaring', 'detektPlugins',
]);
const CONFIGURATION_SUFFIX = /(Implementation|Api|CompileOnly|RuntimeOnly|AnnotationProcessor|Kapt|Ksp)$/;
const WRAPPERS = new Set(['platform', 'enforcedPlatform', 'testFixtures']);
const MAX_TOKENS = 2_000_000;

/** Never throws. */
export function parseBuildGradle(source: string): GradleDependency[] {
  try {
    const tokens = tokenize(source);
    const variables = collectVariables(tokens);
    const lines = lineStarts(source);
    const dependencies: GradleDependency[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      // Kotlin DSL also allows a quoted configuration: `"ksp"("g:a:v")`.
      const configuration = token.kind === 'string' && tokens[i + 1]?.text === '(' ? unquote(token) : token.text;
      if ((token.kind !== 'ident' && token.kind !== 'string') || !isConfiguration(configuration)) continue;
      // Not a member access such as `configurations.implementation`.
      if (tokens[i - 1]?.text === '.') continue;
      let j = i + 1;
      if (tokens[j]?.text === '(') j++;
      const wrapper = tokens[j];
      if (wrapper?.kind === 'ident' && WRAPPERS.has(wrapper.text) && tokens[j + 1]?.text === '(') j += 2;
      const notation = tokens[j];
      if (notation?.kind === 'ident' && notation.text === 'group' && tokens[j + 1]?.text === ':') {
        const dep = describeMap(source, configuration, tokens, j, variables, lines);
        if (dep) dependencies.push(dep);
        continue;
      }
      if (notation?.kind !== 'string') continue;
      const dep = describe(source, configuration, notation, variables, lines, concatenated(tokens, j, variables));
      if (dep) dependencies.push(dep);
    }
    return dependencies;
  } catch {
    return [];
  }
}

function isConfiguration(name: string): boolean {
  return CONFIGURATIONS.has(name) || CONFIGURATION_SUFFIX.test(name);
}

function describe(
  source: string,
  configuration: string,
  token: Extract<Token, { kind: 'string' }>,
  variables: ReadonlyMap<string, TextSpan>,
  lines: readonly number[],
  appended?: GradleVersion,
): GradleDependency | undefined {
  const q = token.quote.length;
  const start = token.start + q;
  const end = token.end - q;
  const content = source.slice(start, end);
  // Escapes would shift offsets, and no coordinate needs them.
  if (content.includes('\\') || content.includes('\n')) return undefined;
  const [coordinates, extension] = splitOnce(content, '@');
  const parts = coordinates.split(':');
  if (parts.length < 2 || parts.length > 4 || parts.slice(0, 2).some((p) => !/^[\w.-]+$/.test(p))) return undefined;
  if (extension !== undefined && !/^\w+$/.test(extension)) return undefined;
  const [groupId, artifactId, versionText, classifier] = parts as [string, string, string?, string?];
  let version: GradleVersion | undefined = versionText === '' && parts.length === 3 && extension === undefined ? appended : undefined;
  if (versionText !== undefined && versionText !== '') {
    const versionStart = start + groupId.length + artifactId.length + 2;
    const span = spanOf(source, versionStart, versionStart + versionText.length);
    // Single-quoted Groovy strings do not interpolate.
    const interpolates = token.quote.startsWith('"');
    const resolved = interpolates ? substitute(versionText, variables) : { value: versionText, resolved: true };
    const whole = interpolates ? /^\$\{?([A-Za-z_][\w.]*)\}?$/.exec(versionText) : null;
    const declared = whole?.[1] !== undefined ? variables.get(whole[1]) : undefined;
    version = {
      span,
      ...resolved,
      ...(declared && whole?.[1] ? { variable: { name: whole[1], span: declared } } : {}),
    };
  }
  return {
    configuration,
    groupId,
    artifactId,
    packageName: `${groupId}:${artifactId}`,
    notation: spanOf(source, start, end),
    ...(version ? { version } : {}),
    ...(classifier !== undefined ? { classifier } : {}),
    line: lineOf(lines, start),
  };
}

export /** `"g:a:" + name` (a variable of this file) or `"g:a:" + "1.0"`: the version after the `+`. */
function concatenated(tokens: readonly Token[], at: number, variables: ReadonlyMap<string, TextSpan>): GradleVersion | undefined {
  if (tokens[at + 1]?.text !== '+') return undefined;
  const next = tokens[at + 2];
  if (!next) return undefined;
  // `"g:a:" + a + b`, `"g:a:" + versions.x`: a version we cannot compute.
  if (tokens[at + 3]?.text === '+' || tokens[at + 3]?.text === '.' || tokens[at + 3]?.text === '(') {
    return { span: { start: next.start, end: next.end, text: next.text }, value: next.text, resolved: false };
  }
  if (next.kind === 'string') {
    const text = unquote(next);
    const q = next.quote.length;
    return text.includes('$') || text.includes('\\') ? undefined : { span: { start: next.start + q, end: next.end - q, text }, value: text, resolved: true };
  }
  if (next.kind !== 'ident') return undefined;
  const declared = variables.get(next.text);
  const span = { start: next.start, end: next.end, text: next.text };
  return declared ? { span, value: declared.text, resolved: true, variable: { name: next.text, span: declared } } : { span, value: next.text, resolved: false };
}

/** `group: 'g', name: 'a', version: 'v'` (Groovy map notation; any order after group, version optional). */
function describeMap(
  source: string,
  configuration: string,
  tokens: readonly Token[],
  at: number,
  variables: ReadonlyMap<string, TextSpan>,
  lines: readonly number[],
): GradleDependency | undefined {
  const values = new Map<string, Extract<Token, { kind: 'string' }>>();
  for (let k = at; k + 2 < tokens.length; k += 4) {
    const key = tokens[k]!;
    const value = tokens[k + 2]!;
    if (key.kind !== 'ident' || tokens[k + 1]?.text !== ':' || value.kind !== 'string') break;
    values.set(key.text, value);
    if (tokens[k + 3]?.text !== ',') break;
  }
  const group = values.get('group');
  const name = values.get('name');
  if (!group || !name) return undefined;
  const groupId = unquote(group);
  const artifactId = unquote(name);
  if (![groupId, artifactId].every((p) => /^[\w.-]+$/.test(p))) return undefined;
  const v = values.get('version');
  let version: GradleVersion | undefined;
  if (v) {
    const q = v.quote.length;
    const text = unquote(v);
    const interpolates = v.quote.startsWith('"');
    const resolved = interpolates ? substitute(text, variables) : { value: text, resolved: true };
    const whole = interpolates ? /^\$\{?([A-Za-z_][\w.]*)\}?$/.exec(text) : null;
    const declared = whole?.[1] !== undefined ? variables.get(whole[1]) : undefined;
    version = {
      span: spanOf(source, v.start + q, v.end - q),
      ...resolved,
      ...(declared && whole?.[1] ? { variable: { name: whole[1], span: declared } } : {}),
    };
  }
  const q = name.quote.length;
  return {
    configuration,
    groupId,
    artifactId,
    packageName: `${groupId}:${artifactId}`,
    notation: spanOf(source, name.start + q, name.end - q),
    ...(version ? { version } : {}),
    line: lineOf(lines, name.start),
  };
}

export interface CatalogReference {
  /** After `libs.`: `groovy.core`. */
  readonly accessor: string;
  /** The whole `libs.groovy.core`. */
  readonly span: TextSpan;
  readonly configuration: string;
}

/** `implementation(libs.groovy.core)` / `implementation libs.groovy.core` (bundles, plugins, versions excluded). */
export function catalogReferences(source: string): CatalogReference[] {
  try {
    const tokens = tokenize(source);
    const out: CatalogReference[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.kind !== 'ident' || !isConfiguration(token.text) || tokens[i - 1]?.text === '.') continue;
      let j = i + 1;
      if (tokens[j]?.text === '(') j++;
      const wrapper = tokens[j];
      if (wrapper?.kind === 'ident' && WRAPPERS.has(wrapper.text) && tokens[j + 1]?.text === '(') j += 2;
      if (tokens[j]?.text !== 'libs' || tokens[j + 1]?.text !== '.') continue;
      const parts: string[] = [];
      let k = j + 1;
      while (tokens[k]?.text === '.' && tokens[k + 1]?.kind === 'ident') {
        parts.push(tokens[k + 1]!.text);
        k += 2;
      }
      // `libs.foo.get()` in Kotlin: get is not part of the alias.
      if (parts[parts.length - 1] === 'get' && tokens[k]?.text === '(') parts.pop();
      if (parts.length === 0 || ['bundles', 'plugins', 'versions'].includes(parts[0]!)) continue;
      const end = tokens[j + parts.length * 2]!.end;
      out.push({ accessor: parts.join('.'), span: spanOf(source, tokens[j]!.start, end), configuration: token.text });
    }
    return out;
  } catch {
    return [];
  }
}

export function unquote(token: Extract<Token, { kind: 'string' }>): string {
  return token.text.slice(token.quote.length, token.text.length - token.quote.length);
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

function substitute(text: string, variables: ReadonlyMap<string, TextSpan>): { value: string; resolved: boolean } {
  let resolved = true;
  const value = text.replace(/\$\{([A-Za-z_][\w.]*)\}|\$([A-Za-z_]\w*)/g, (whole, braced?: string, bare?: string) => {
    const name = braced ?? bare ?? '';
    const declared = variables.get(name) ?? variables.get(name.replace(/^(project\.|rootProject\.|ext\.)/, ''));
    if (!declared) {
      resolved = false;
      return whole;
    }
    return declared.text;
  });
  return { value, resolved };
}

/** `name = "…"` (optionally after val/var/def or as `ext.name`, `extra["name"]` is not read): value spans by name. */
function collectVariables(tokens: readonly Token[]): Map<string, TextSpan> {
  const variables = new Map<string, TextSpan>();
  for (let i = 0; i < tokens.length; i++) {
    const name = tokens[i]!;
    // Kotlin's `val name: String = "…"`: skip the type.
    const typed = tokens[i + 1]?.text === ':' && tokens[i + 2]?.kind === 'ident' ? 2 : 0;
    const equals = tokens[i + 1 + typed];
    const value = tokens[i + 2 + typed];
    if (name.kind !== 'ident' || equals?.text !== '=' || value?.kind !== 'string') continue;
    const q = value.quote.length;
    const text = unquote(value);
    // Only plain literals: an interpolated or escaped value is not a version we can use.
    if (text.includes('$') || text.includes('\\')) continue;
    if (!variables.has(name.text)) variables.set(name.text, { start: value.start + q, end: value.end - q, text });
  }
  return variables;
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length && tokens.length < MAX_TOKENS) {
    const c = source[i]!;
    if (c === '/' && source[i + 1] === '/') {
      const nl = source.indexOf('\n', i);
      i = nl === -1 ? source.length : nl;
    } else if (c === '/' && source[i + 1] === '*') {
      const close = source.indexOf('*/', i + 2);
      i = close === -1 ? source.length : close + 2;
    } else if (c === '"' || c === "'") {
      const quote = source.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      let j = i + quote.length;
      for (;;) {
        if (j >= source.length) break;
        if (source[j] === '\\') {
          j += 2;
          continue;
        }
        if (quote.length === 1 && source[j] === '\n') break; // unterminated: stop at the line end
        if (source.startsWith(quote, j)) {
          j += quote.length;
          break;
        }
        j++;
      }
      const end = Math.min(j, source.length);
      const closed = source.slice(i, end).endsWith(quote) && end - i >= quote.length * 2;
      if (closed) tokens.push({ kind: 'string', text: source.slice(i, end), start: i, end, quote });
      i = Math.max(end, i + 1);
    } else if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < source.length && /\w/.test(source[j]!)) j++;
      tokens.push({ kind: 'ident', text: source.slice(i, j), start: i, end: j });
      i = j;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      tokens.push({ kind: 'punct', text: c, start: i, end: i + 1 });
      i++;
    }
  }
  return tokens;
}

function lineStarts(source: string): number[] {
  const starts = [0];
  for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 0x0a) starts.push(i + 1);
  return starts;
}

function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
