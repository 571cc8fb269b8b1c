// "All versions matching a range" of one package: every page of ListPackageVersions, filtered with the
// ecosystem's own range rules (core/versioning: semver for npm, PEP 440 for PyPI, Maven ranges). Other
// formats take `*` (all) or an exact version. No vscode here.
import { collectPages, type CodeArtifactApi, type PackageRef, type VersionSummary } from '../aws/codeArtifactApi';
import { satisfyingVersions, type Ecosystem } from '../core/versioning/versions';

const RANGED: ReadonlySet<string> = new Set(['npm', 'pypi', 'maven']);

/** Versions that can be copied or changed: Disposed and Deleted ones have nothing left to act on. */
function actionable(v: VersionSummary): boolean {
  return v.status !== 'Disposed' && v.status !== 'Deleted';
}

export function matchRange(format: string, versions: readonly VersionSummary[], range: string): VersionSummary[] {
  const live = versions.filter(actionable);
  const wanted = range.trim();
  if (wanted === '*' || wanted === '') return live;
  if (!RANGED.has(format)) return live.filter((v) => v.version === wanted);
  // Pre-releases count when the range asks for them, as the package manager would decide.
  const accepted = new Set(satisfyingVersions(format as Ecosystem, live.map((v) => v.version), wanted));
  return live.filter((v) => accepted.has(v.version));
}

export async function versionsInRange(api: Pick<CodeArtifactApi, 'listPackageVersions'>, pkg: PackageRef, range: string, signal?: AbortSignal): Promise<{ versions: VersionSummary[]; truncated: boolean }> {
  const all = await collectPages((nextToken) => api.listPackageVersions(pkg, { nextToken, signal, maxResults: 1000 }), 50);
  return { versions: matchRange(pkg.format, all.items, range), truncated: all.truncated };
}
