// Publish dates for Maven versions. maven-metadata.xml has none and ListPackageVersions neither, so the newest few
// versions a hover shows are described (DescribePackageVersion) in parallel: one round trip, a bounded number of
// calls at once, and each answer kept (a version's publish time does not change). No vscode here.
import type { CodeArtifactApi, VersionRef } from '../aws/codeArtifactApi';
import { CodeArtifactError } from '../aws/errors';
import type { PackageQuery, PackageVersions, RepositoryVersion } from './versionSource';
import { Limiter } from './limiter';
import { packageRefOf } from './packageRef';

/** Versions whose date a hover asks for (the rows the hover shows). */
export const DATED_VERSIONS = 8;
/** Answers kept; the oldest go first. */
const MAX_ENTRIES = 5000;

export type DescribeApi = Pick<CodeArtifactApi, 'describePackageVersion'>;

export class PublishedDates {
  /** A date, or null: the repository does not hold that version (only an upstream does) or has no date for it. */
  private readonly known = new Map<string, Date | null>();
  private readonly inFlight = new Map<string, Promise<Date | null | undefined>>();
  private readonly limiter: Limiter;

  constructor(
    private readonly api: () => DescribeApi | undefined,
    concurrency = DATED_VERSIONS,
  ) {
    this.limiter = new Limiter(concurrency);
  }

  /**
   * `pkg` with publish dates on its newest `count` versions, as far as the repository knows them. Never throws
   * for a failed call (that version stays undated and is asked again next time), only for cancellation.
   */
  async fill(query: PackageQuery, pkg: PackageVersions, count = DATED_VERSIONS, signal?: AbortSignal): Promise<PackageVersions> {
    const api = this.api();
    if (!api || pkg.inRepository === false) return pkg;
    const wanted = pkg.versions.slice(0, count).filter((v) => v.publishedTime === undefined);
    if (wanted.length === 0) return pkg;
    const dates = await Promise.all(wanted.map((v) => this.dateOf(api, query, v.version, signal)));
    const found = new Map<string, Date>();
    wanted.forEach((v, i) => {
      const d = dates[i];
      if (d) found.set(v.version, d);
    });
    if (found.size === 0) return pkg;
    const versions = pkg.versions.map((v): RepositoryVersion => {
      const d = found.get(v.version);
      return d ? { ...v, publishedTime: d } : v;
    });
    return { ...pkg, versions };
  }

  /** Forgets what is not a date (a version may since have been published here). */
  forgetMissing(): void {
    for (const [key, value] of this.known) if (value === null) this.known.delete(key);
  }

  private dateOf(api: DescribeApi, query: PackageQuery, version: string, signal?: AbortSignal): Promise<Date | null | undefined> {
    const key = `${keyOf(query)}|${version}`;
    if (this.known.has(key)) return Promise.resolve(this.known.get(key));
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.limiter
        .run(() => this.describe(api, query, version, signal), signal)
        .then(
          (date) => {
            if (date !== undefined) this.remember(key, date);
            return date;
          },
          () => undefined,
        )
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  /** The date; null when the repository has none for it; undefined when the call failed (asked again later). */
  private async describe(api: DescribeApi, query: PackageQuery, version: string, signal?: AbortSignal): Promise<Date | null | undefined> {
    const ref: VersionRef = { ...packageRefOf(query), version };
    try {
      const details = await api.describePackageVersion(ref, signal ? { signal } : {});
      return details.publishedTime ?? null;
    } catch (err) {
      if (err instanceof CodeArtifactError && err.kind === 'notFound') return null;
      return undefined;
    }
  }

  private remember(key: string, date: Date | null): void {
    if (this.known.size >= MAX_ENTRIES) {
      const oldest = this.known.keys().next();
      if (!oldest.done) this.known.delete(oldest.value);
    }
    this.known.set(key, date);
  }
}

function keyOf(q: PackageQuery): string {
  const t = q.target;
  return [q.ecosystem, t.domain, t.owner, t.repository, q.namespace ?? '', q.name].join('|');
}
