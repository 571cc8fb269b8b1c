// Completion inside one literal of a range written as several: a Gemfile/gemspec requirement list (`"~> 7.0", "|"`)
// and a Swift two-bound range (`"1.0.0"..<"|"`). Only that literal is replaced, and only versions the whole
// requirement still accepts are offered (RubyGems: every requirement of the list holds; Swift: lower < upper, or
// lower <= upper for `...`). Pure: no vscode; input that fits neither shape gives nothing.
import semver from 'semver';
import type { TextSpan } from '../core/manifests/textSpan';
import { rubySatisfies } from '../core/versioning/rubyVersion';
import type { ManifestDependency } from './manifestDependencies';

/** One requirement: operator, the space after it, the version (possibly still being typed). */
const RUBY_PART = /^\s*(~>|>=|<=|!=|>|<|=)?(\s*)(\d[0-9A-Za-z.]*)?\s*$/;

/** The literal of `dep.rangeParts` the offset is in (ends inclusive, as a cursor just after the last character counts). */
export function partAt(dep: Pick<ManifestDependency, 'rangeParts'>, offset: number): { part: TextSpan; index: number } | undefined {
  const index = (dep.rangeParts ?? []).findIndex((p) => offset >= p.start && offset <= p.end);
  const part = dep.rangeParts?.[index];
  return part ? { part, index } : undefined;
}

/** `~> 7.1.4` written at the old version's precision (`~> 7.0` → two places); two places while none is typed yet. */
function pessimistic(version: string, old: string | undefined): string {
  if (!/^\d+(\.\d+)*$/.test(version)) return version;
  const places = old ? old.split('.').length : 2;
  const numbers = version.split('.');
  return Array.from({ length: Math.max(1, places) }, (_, i) => numbers[i] ?? '0').join('.');
}

/**
 * What to write into one requirement of a RubyGems list for `version`, or undefined when the list would then not
 * accept it. An empty literal gets `>= version` (the RubyGems guide's `'~> 2.2', '>= 2.2.1'`); a typed operator is kept.
 */
export function rubyPartText(parts: readonly string[], index: number, version: string): string | undefined {
  const m = RUBY_PART.exec(parts[index] ?? '');
  if (!m) return undefined;
  const [, op, gap, old] = m;
  const others = parts.filter((p, i) => i !== index && p.trim() !== '');
  const text = op === undefined ? (old === undefined ? `>= ${version}` : version) : `${op}${gap === '' ? ' ' : gap}${op === '~>' ? pessimistic(version, old) : version}`;
  // `< v`, `> v` and `!= v` rule v out by design: then only the other requirements must take it.
  const wanted = op === '!=' || op === '<' || op === '>' ? others : [...others, text];
  return wanted.length === 0 || rubySatisfies(version, wanted) ? text : undefined;
}

/** Whether `version` fits in bound `index` (0 lower, 1 upper) of a Swift range, given the other bound as written. */
export function swiftBoundFits(bounds: readonly string[], index: number, closed: boolean, version: string): boolean {
  const other = semver.parse(bounds[index === 0 ? 1 : 0] ?? '');
  if (!semver.valid(version)) return false;
  if (!other) return true;
  const order = semver.compare(version, other);
  return index === 0 ? order < 0 || (closed && order === 0) : order > 0 || (closed && order === 0);
}

/**
 * The text to write into the literal at `offset` for `version`: undefined when the offset is in no literal of a
 * several-literal range, or the range would not accept the version. `source` is the manifest's text.
 */
export function partCompletion(dep: ManifestDependency, source: string, offset: number): { span: TextSpan; textFor: (version: string) => string | undefined } | undefined {
  const at = partAt(dep, offset);
  if (!at || !dep.rangeParts) return undefined;
  const written = dep.rangeParts.map((p) => p.text);
  if (dep.ecosystem === 'ruby') return { span: at.part, textFor: (v) => rubyPartText(written, at.index, v) };
  if (dep.ecosystem === 'swift' && dep.rangeParts.length === 2) {
    const [lower, upper] = dep.rangeParts;
    const between = lower && upper ? source.slice(lower.end, upper.start) : '';
    const closed = /^"\s*\.\.\.\s*"$/.test(between);
    if (!closed && !/^"\s*\.\.<\s*"$/.test(between)) return undefined;
    return { span: at.part, textFor: (v) => (swiftBoundFits(written, at.index, closed, v) ? v : undefined) };
  }
  return undefined;
}
