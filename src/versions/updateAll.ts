// "Update all dependencies in this file": one edit per dependency, up to a chosen step (patch, minor or major),
// from the same per-dependency answers as the lens, hover and quick fix (dependencyInsight.ts). Pure: no vscode.
import type { TextSpan } from '../core/manifests/textSpan';
import { compare, isInsertableVersion, isPreRelease, updateKind } from '../core/versioning/versions';
import { analyze, rangeFor } from './dependencyInsight';
import type { ManifestDependency } from './manifestDependencies';
import type { PackageVersions } from './versionSource';

export type UpdateLevel = 'patch' | 'minor' | 'major';

export const UPDATE_LEVELS: readonly UpdateLevel[] = ['patch', 'minor', 'major'];

export interface PlannedUpdate {
  readonly dep: ManifestDependency;
  readonly span: TextSpan;
  readonly from: string;
  readonly to: string;
  readonly newText: string;
}

const RANK: Record<'none' | UpdateLevel, number> = { none: 0, patch: 1, minor: 2, major: 3 };

/**
 * A range whose operator the edit can keep. Anything else (`>=1 <2`, `1.x`, `~=1.0,!=1.1`, Maven's `[1,2)`) says
 * more than one version, and rewriting it would drop what the author meant: left alone.
 */
function isSimpleRange(dep: ManifestDependency, written: string): boolean {
  const text = written.trim();
  switch (dep.ecosystem) {
    case 'npm':
      return /^(\^|~|>=|=)?\s*v?\d+\.\d+\.\d+[\w.+-]*$/.test(text);
    case 'pypi':
      // Poetry's `^1.2`, `~1.2` and bare `1.2.3` (pyproject.toml) besides PEP 440's operators.
      return /^(===|==|>=|~=|\^|~)?\s*\d[\w.+!-]*$/.test(text);
    case 'maven':
      return /^[0-9A-Za-z][0-9A-Za-z._+-]*$/.test(text);
    case 'nuget':
      // A bare version or an exact `[1.2.3]`; `[1.0,2.0)` and floats like `1.*` say more than one version.
      return /^\[?\s*\d[0-9A-Za-z.+-]*\s*\]?$/.test(text) && !/^\[[^\]]*$|^[^[]*\]$/.test(text);
    case 'swift':
      // One literal, or a two-bound range's span (`1.0.0"..<"2.0.0`): rangeFor moves both bounds.
      return /^\d+\.\d+\.\d+[0-9A-Za-z.+-]*("\s*(\.\.<|\.\.\.)\s*"\d+\.\d+\.\d+[0-9A-Za-z.+-]*)?$/.test(text);
    case 'cargo':
      return /^(\^|~|=|>=)?\s*\d+(\.\d+){0,2}(-[0-9A-Za-z.-]+)?$/.test(text);
    case 'ruby':
      // One requirement, or a Gemfile list (`~> 1.0', '>= 1.0.3`) with a floor among simple bounds.
      return rubyParts(text).every((p) => /^(~>|>=|<=|!=|>|<|=)?\s*\d[0-9A-Za-z.]*$/.test(p)) && rubyFloors(text).length > 0;
  }
}

const rubyParts = (text: string): string[] => text.split(/["']\s*,\s*["']/).map((p) => p.trim());
/** The versions of a Gemfile requirement list that set its floor (`~>`, `>=`, `=` or none). */
const rubyFloors = (text: string): string[] => rubyParts(text).flatMap((p) => /^(?:~>|>=|=)?\s*(\d[0-9A-Za-z.]*)$/.exec(p)?.[1] ?? []);

/** The version the file asks for: its pin, or the floor of the range (`^2.1.0` → 2.1.0, `>=1.4` → 1.4). */
function declaredVersion(dep: ManifestDependency): string | undefined {
  if (dep.pinned !== undefined) return dep.pinned;
  const written = dep.rangeSpan?.text ?? dep.range;
  if (dep.ecosystem === 'ruby' && /["']/.test(written)) return rubyFloors(written).reduce<string | undefined>((a, b) => (a === undefined || compare('ruby', b, a) > 0 ? b : a), undefined);
  if (dep.ecosystem === 'swift' && written.includes('"')) return written.slice(0, written.indexOf('"'));
  // As written: Poetry's `^0.27.0` reaches us translated (`>=0.27.0,<0.28.0`) in `range`.
  const m = /^(?:~>|\^|~|>=|=|===|==|~=)?\s*v?([0-9][\w.+!-]*)$/.exec((dep.rangeSpan?.text ?? dep.range).trim());
  // Cargo's `1.2` is 1.2.0 (a partial version is no Cargo version, and every step from it would count as major).
  if (dep.ecosystem === 'cargo' && m?.[1] !== undefined && /^\d+(\.\d+)?$/.test(m[1])) return `${m[1]}${m[1].includes('.') ? '.0' : '.0.0'}`;
  return m?.[1];
}

/**
 * The edit that moves `dep` to the newest release at most `level` away from what it declares, or undefined when
 * there is none, or when this file does not own the version (a property, dependencyManagement, a catalog entry, a
 * git/file/alias spec — those have no range span or carry a version note).
 */
export function planUpdate(dep: ManifestDependency, pkg: PackageVersions, level: UpdateLevel): PlannedUpdate | undefined {
  const span = dep.rangeSpan;
  if (!span || !pkg.found || dep.versionNote !== undefined || dep.notInUpdateAll !== undefined || pkg.partial?.missing === 'index') return undefined;
  if (!isSimpleRange(dep, span.text)) return undefined;
  const from = declaredVersion(dep);
  if (!from) return undefined;
  // The same answer as the lens: nothing newer than what it resolves to means nothing to do.
  const insight = analyze(dep, pkg);
  if (!insight.latest) return undefined;
  // A pre-release is a target only for a range that already asks for one.
  const allowPre = isPreRelease(dep.ecosystem, from);
  let best: string | undefined;
  for (const v of pkg.versions) {
    if (!v.installable || !isInsertableVersion(dep.ecosystem, v.version)) continue;
    if (!allowPre && isPreRelease(dep.ecosystem, v.version)) continue;
    const kind = updateKind(dep.ecosystem, from, v.version);
    if (kind === 'none' || RANK[kind] > RANK[level]) continue;
    if (best === undefined || compare(dep.ecosystem, v.version, best) > 0) best = v.version;
  }
  if (!best) return undefined;
  const newText = rewrite(dep, span.text, best);
  if (newText === span.text) return undefined;
  return { dep, span, from, to: best, newText };
}

/** rangeFor, plus Poetry's own operators (a caret stays a caret), which PEP 440 does not have. */
function rewrite(dep: ManifestDependency, written: string, version: string): string {
  const poetry = dep.ecosystem === 'pypi' ? /^(\^|~(?!=))?\s*\d[\w.+!-]*$/.exec(written.trim()) : null;
  return poetry ? `${poetry[1] ?? ''}${version}` : rangeFor(dep, written, version);
}

/** Every dependency's update at `level`; overlapping spans (one property for two artifacts) are edited once. */
export function planUpdates(answers: readonly { dep: ManifestDependency; pkg: PackageVersions }[], level: UpdateLevel): PlannedUpdate[] {
  const planned: PlannedUpdate[] = [];
  for (const { dep, pkg } of answers) {
    const p = planUpdate(dep, pkg, level);
    if (!p) continue;
    const clash = planned.find((q) => q.span.start < p.span.end && p.span.start < q.span.end);
    if (clash) continue;
    planned.push(p);
  }
  return planned.sort((a, b) => a.span.start - b.span.start);
}

/** Applies planned edits to text (for tests and previews): back to front so offsets hold. */
export function applyPlanned(text: string, planned: readonly PlannedUpdate[]): string {
  let out = text;
  for (const p of [...planned].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, p.span.start) + p.newText + out.slice(p.span.end);
  return out;
}
