// What a version completion inserts: each installable version written in the style the manifest already uses
// (npm's ^/~, pip's ==; for NuGet, Swift, Cargo and RubyGems as the quick fix writes it, rangeFor). Where the
// author's precision makes several versions one text (`~> 1.0` → `~> 2.1` for 2.1.0 and 2.1.5), the text is offered
// once, for its newest version. Pure: no vscode.
import { isInsertableVersion } from '../core/versioning/versions';
import type { TextSpan } from '../core/manifests/textSpan';
import { partCompletion } from './completionSlots';
import { rangeFor } from './dependencyInsight';
import type { ManifestDependency } from './manifestDependencies';
import type { PackageVersions, RepositoryVersion } from './versionSource';

export function completionText(dep: ManifestDependency, version: string): string {
  const written = dep.rangeSpan?.text ?? '';
  switch (dep.ecosystem) {
    case 'npm':
      return written.trim().startsWith('~') ? `~${version}` : written.trim().startsWith('^') ? `^${version}` : version;
    case 'pypi':
      return `==${version}`;
    case 'maven':
      return version;
    case 'nuget':
    case 'swift':
    case 'cargo':
    case 'ruby':
      return rangeFor(dep, written, version);
  }
}

/**
 * The completions for `dep`'s whole range, newest first; none over a Gemfile's list of requirements or a Swift
 * `"a"..<"b"` (one span over several strings: a completion would replace them all; versionCompletions completes
 * one literal of those instead).
 */
export function completionTexts(dep: ManifestDependency, pkg: PackageVersions): { text: string; version: RepositoryVersion }[] {
  if (!dep.rangeSpan || /["']/.test(dep.rangeSpan.text)) return [];
  const seen = new Set<string>();
  const out: { text: string; version: RepositoryVersion }[] = [];
  // Only plain versions of the ecosystem are offered: the item's text goes into the manifest as it is.
  for (const v of pkg.versions) {
    if (!v.installable || !isInsertableVersion(dep.ecosystem, v.version)) continue;
    const text = completionText(dep, v.version);
    if (seen.has(text)) continue;
    seen.add(text);
    out.push({ text, version: v });
  }
  return out;
}

/** What completion offers at `offset`: one literal of a several-literal range (completionSlots.ts), else the whole range. */
export function versionCompletions(dep: ManifestDependency, pkg: PackageVersions, source: string, offset: number): { span: TextSpan; items: { text: string; version: RepositoryVersion }[] } | undefined {
  const part = partCompletion(dep, source, offset);
  if (!part) return dep.rangeSpan ? { span: dep.rangeSpan, items: completionTexts(dep, pkg) } : undefined;
  const seen = new Set<string>();
  const items: { text: string; version: RepositoryVersion }[] = [];
  for (const v of pkg.versions) {
    if (!v.installable || !isInsertableVersion(dep.ecosystem, v.version)) continue;
    const text = part.textFor(v.version);
    if (text === undefined || seen.has(text)) continue;
    seen.add(text);
    items.push({ text, version: v });
  }
  return { span: part.span, items };
}
