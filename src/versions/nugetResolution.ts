// The CodeArtifact repository a .csproj / packages.config restores from: the nuget.config chain (nugetSources.ts).
// Restore asks every enabled source, so any CodeArtifact source among them answers; with none but nuget.org (or no
// config at all) the defaultRepository setting applies. A source that only the folder's nuget.config adds is marked
// fromWorkspace, so the domain gate asks before a token is sent.
import * as path from 'node:path';
import { nugetConfigCandidates, nugetSourcesInEffect, userNugetConfigPath, type NugetSource } from '../core/configFiles/nugetSources';
import { parseRegistryUrl } from '../core/registryUrls';
import type { RepositoryTarget, ResolverIo } from './repositoryResolver';

const NUGET_ORG = 'https://api.nuget.org/v3/index.json';

export async function nugetTarget(
  manifestPath: string,
  io: ResolverIo,
  fallback: (format: 'nuget') => RepositoryTarget | undefined,
): Promise<RepositoryTarget | undefined> {
  const files: { file: string; text: string | undefined }[] = [];
  for (const names of nugetConfigCandidates(path.dirname(manifestPath), io.user)) {
    for (const file of names) {
      const text = await io.readFile(file);
      if (text !== undefined) {
        files.push({ file, text });
        // NuGet reads one config file per folder.
        break;
      }
    }
  }
  const all = nugetSourcesInEffect(files);
  // NuGet itself stops on a broken config file: no repository can be named.
  if (all.unreadable !== undefined) return undefined;
  const userFile = userNugetConfigPath(io.user);
  const usersOwn = nugetSourcesInEffect(files.filter((f) => f.file === userFile)).sources;
  const target = all.sources.map((s) => toTarget(s, usersOwn)).find((t) => t !== undefined);
  if (target) return target;
  const onlyPublic = all.sources.every((s) => s.url.trim().toLowerCase() === NUGET_ORG);
  return onlyPublic ? fallback('nuget') : undefined;
}

function toTarget(source: NugetSource, usersOwn: readonly NugetSource[]): RepositoryTarget | undefined {
  const parsed = parseRegistryUrl(source.url);
  if (!parsed || parsed.format !== 'nuget') return undefined;
  const mine = usersOwn.some((u) => {
    const p = parseRegistryUrl(u.url);
    return p !== undefined && p.domain === parsed.domain && p.owner === parsed.owner && p.repository === parsed.repository && p.format === 'nuget';
  });
  return {
    domain: parsed.domain,
    owner: parsed.owner,
    repository: parsed.repository,
    format: 'nuget',
    source: path.basename(source.file),
    ...(mine ? {} : { fromWorkspace: true, file: source.file }),
  };
}
