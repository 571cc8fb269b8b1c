// MSBuild project files, Directory.Packages.props and packages.config as dependencies (manifestDependencies.ts).
import { parseNugetProject, type NugetReference } from '../core/manifests/nugetProject';
import { nugetPinned } from '../core/versioning/nugetVersion';
import type { ManifestDependency, ManifestKind } from './manifestDependencies';

/** Which NuGet file a (lowercased) base name is. */
export function nugetKindOf(base: string): ManifestKind | undefined {
  if (base === 'packages.config') return 'packagesConfig';
  if (/\.(cs|fs|vb)proj$/.test(base)) return 'nugetProject';
  if (base === 'directory.packages.props' || base === 'directory.build.props' || base === 'directory.build.targets') return 'nugetProject';
  return undefined;
}

export function nugetDependencies(text: string): ManifestDependency[] {
  const project = parseNugetProject(text);
  const deps: ManifestDependency[] = [];
  for (const r of project.references) {
    if (!r.id.resolved || r.id.value.trim() === '') continue;
    deps.push(toDependency(r, project.centralManagement));
  }
  return deps;
}

function toDependency(r: NugetReference, central: boolean): ManifestDependency {
  const id = r.id.value.trim();
  const v = r.version;
  const usable = v !== undefined && v.resolved && v.value.trim() !== '';
  // packages.config records the installed version: exactly that one (`allowedVersions` only bounds updates).
  const range = !usable ? '' : r.kind === 'package' ? `[${v.value.trim()}]` : v.value.trim();
  const pinned = usable ? (r.kind === 'package' ? v.value.trim() : nugetPinned(range)) : undefined;
  const unknown = !v
    ? r.kind === 'PackageReference' && !r.update
      ? `no Version here: ${central ? 'this file' : 'Directory.Packages.props (central package management)'} or an imported file sets it`
      : 'no version here'
    : !v.resolved
      ? `the version ${v.span.text} is an MSBuild expression set outside this file`
      : undefined;
  const editSpan = v?.property?.span ?? v?.span;
  return {
    ecosystem: 'nuget',
    displayName: id,
    // CodeArtifact stores NuGet ids lowercase and accepts any case in API calls.
    name: id.toLowerCase(),
    nameSpan: r.id.span,
    range,
    ...(usable && editSpan ? { rangeSpan: editSpan } : {}),
    ...(pinned !== undefined ? { pinned } : {}),
    ...(unknown ? { versionNote: { unknown } } : v?.property ? { versionNote: { origin: `property ${v.property.name}` } } : {}),
  };
}
