// Package.swift registry dependencies as dependencies (manifestDependencies.ts), and the registry each one comes from:
// `.swiftpm/configuration/registries.json` in the package folder, then the user's ~/.swiftpm one, the scope's
// registry before `[default]` (as `swift package-registry set --scope` arranges it).
import * as path from 'node:path';
import { parse } from 'jsonc-parser';
import { parsePackageSwift } from '../core/manifests/packageSwift';
import type { TextSpan } from '../core/manifests/textSpan';
import { isRecord } from '../core/jsonValues';
import { parseRegistryUrl } from '../core/registryUrls';
import type { ManifestDependency } from './manifestDependencies';
import type { RepositoryTarget, ResolverIo } from './repositoryResolver';

export function swiftDependencies(text: string): ManifestDependency[] {
  return parsePackageSwift(text).map((d): ManifestDependency => ({
    ecosystem: 'swift',
    displayName: `${d.scope}.${d.name}`,
    // CodeArtifact stores Swift scopes and names lowercase.
    namespace: d.scope.toLowerCase(),
    name: d.name.toLowerCase(),
    nameSpan: d.id,
    range: d.range ?? '',
    // A two-bound range is one span from its first literal to its second, so that its fix moves both (rangeRewrite.ts).
    ...((d.version ?? d.bounds) && d.range !== undefined ? { rangeSpan: d.version ?? d.bounds } : {}),
    // Each bound on its own (also when one is not yet a version, as while typing it), for completion inside one.
    ...(d.bounds ? { rangeParts: boundsOf(d.bounds) } : {}),
    ...(d.kind === 'exact' && d.range !== undefined ? { pinned: d.range } : {}),
    ...(d.range === undefined ? { versionNote: { unknown: 'the requirement is not a Semantic Versioning 2.0 version' } } : {}),
  }));
}

/** `1.0.0"..<"2.0.0` (from inside the first quote to inside the last) as the two literals' contents. */
function boundsOf(bounds: TextSpan): TextSpan[] {
  const open = bounds.text.indexOf('"');
  const close = bounds.text.lastIndexOf('"');
  return [
    { start: bounds.start, end: bounds.start + open, text: bounds.text.slice(0, open) },
    { start: bounds.start + close + 1, end: bounds.end, text: bounds.text.slice(close + 1) },
  ];
}

function registriesOf(text: string | undefined): Record<string, string> {
  if (text === undefined) return {};
  const doc: unknown = parse(text);
  const out: Record<string, string> = {};
  const registries = isRecord(doc) ? doc['registries'] : undefined;
  if (!isRecord(registries)) return out;
  for (const [key, value] of Object.entries(registries)) if (isRecord(value) && typeof value['url'] === 'string') out[key.toLowerCase()] = value['url'];
  return out;
}

/** For each scope: the CodeArtifact repository its registry is, or undefined (another registry, or none). */
export async function swiftResolver(
  manifestPath: string,
  io: ResolverIo,
  fallback: (format: 'swift') => RepositoryTarget | undefined,
): Promise<(dep: ManifestDependency) => RepositoryTarget | undefined> {
  const projectFile = path.join(path.dirname(manifestPath), '.swiftpm', 'configuration', 'registries.json');
  const project = registriesOf(await io.readFile(projectFile));
  const user = registriesOf(await io.readFile(path.join(io.user.home, '.swiftpm', 'configuration', 'registries.json')));
  return (dep) => {
    const scope = (dep.namespace ?? '').toLowerCase();
    const pick = (r: Record<string, string>): string | undefined => r[scope] ?? r['[default]'];
    const fromProject = pick(project);
    const url = fromProject ?? pick(user);
    if (url === undefined) return fallback('swift');
    const parsed = parseRegistryUrl(url);
    if (!parsed || parsed.format !== 'swift') return undefined;
    const usersOwn = pick(user) === url;
    return {
      domain: parsed.domain,
      owner: parsed.owner,
      repository: parsed.repository,
      format: 'swift',
      source: 'registries.json',
      ...(fromProject !== undefined && !usersOwn ? { fromWorkspace: true, file: projectFile } : {}),
    };
  };
}
