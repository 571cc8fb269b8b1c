// The versions a package manager could install through a CodeArtifact repository, with their status.
// The data plane (npm packument, PyPI simple index in JSON or HTML, maven-metadata.xml) is the faithful list: it
// includes versions reachable only through upstreams and the external connection. The control plane's
// ListPackageVersions adds the repository's own versions that the data plane hides (Unlisted, Archived, …)
// and their status. Both go out in parallel: a cold lookup is one round trip once the repository's endpoint
// and token are known (prepare() fetches those ahead), a warm one none. When one of the two fails, the answer
// is what the other knows, marked `partial`. No vscode here.
import { cannotReach, hostOf, networkCodeOf } from '../core/networkFailure';
import type { CodeArtifactApi } from '../aws/codeArtifactApi';
import { CodeArtifactError } from '../aws/errors';
import { routeRepositoryEndpoint } from '../core/endpointTrust';
import { redactUrl } from '../core/registryUrls';
import { readSimpleIndex, SIMPLE_INDEX_ACCEPT, SimpleIndexError } from '../core/pypiSimple';
import { npmLatest } from '../core/versioning/npmPick';
import { nugetVersionsUrl, readFlatContainer, readSwiftReleases } from './nugetAnswers';
import { latest, sortNewestFirst, type Ecosystem } from '../core/versioning/versions';
import { listedFromSimple, parseJson, readMavenMetadata, readPackument, ShapeError, type Listed } from './dataPlaneAnswers';
import { cargoIndexPath, isCrateName, readCargoIndex } from './cargoIndex';
import { isGemName, readRubyInfo } from './rubyIndex';
import { FailureBackoff } from './failureBackoff';
import { Limiter } from './limiter';
import { packageRefOf } from './packageRef';
import { PublishedDates, type DescribeApi } from './publishedDates';
import { listStatuses } from './repositoryStatuses';
import type { RepositoryTarget } from './repositoryResolver';

export { Limiter } from './limiter';

export interface PackageQuery {
  readonly ecosystem: Ecosystem;
  readonly target: RepositoryTarget;
  /** npm scope without `@`, Maven groupId. */
  readonly namespace?: string;
  /** npm name without scope, Maven artifactId, PyPI normalized name. */
  readonly name: string;
}

export interface RepositoryVersion {
  readonly version: string;
  /** Published, Unlisted, Archived, Disposed, Unfinished, Deleted. */
  readonly status: string;
  readonly publishedTime?: Date;
  /** npm's deprecation message. */
  readonly deprecated?: string;
  /** Listed by the data plane: what `npm install`/`pip install`/`mvn` can resolve a range to. */
  readonly installable: boolean;
  /**
   * PyPI (PEP 592): every file of the version is yanked. The reason, '' when none is given. Not installable: no
   * range resolves to it, only an `==` pin does.
   */
  readonly yanked?: string;
  /** PyPI: the Python versions its files need (`requires-python`). */
  readonly requiresPython?: string;
}

/** One of the two sources failed; the answer holds what the other one knows. */
export interface PartialAnswer {
  /**
   * `index`: the data plane failed, so which versions the package manager can install (upstreams included) is
   * unknown: only the repository's own versions are listed, none installable. `statuses`: ListPackageVersions
   * failed, so the versions the data plane hides are missing and statuses are assumed Published. `oldStatuses`:
   * the package has more versions than we page through (repositoryStatuses.ts); the oldest lack their status.
   */
  readonly missing: 'index' | 'statuses' | 'oldStatuses';
  /** The failure's kind: VersionLookupError's for the index, CodeArtifactError's for the statuses. */
  readonly kind: VersionLookupError['kind'] | CodeArtifactError['kind'];
  /** What failed, in words for a person; never contains a token. */
  readonly reason: string;
}

export interface PackageVersions {
  /** False when neither plane knows the package. */
  readonly found: boolean;
  /** Newest first. */
  readonly versions: readonly RepositoryVersion[];
  readonly distTags: Readonly<Record<string, string>>;
  /** npm's `latest` dist-tag, else the newest installable release by the ecosystem's ordering. */
  readonly latest?: string;
  /** The repository itself holds the package (its control plane lists versions), not only its upstreams. */
  readonly inRepository?: boolean;
  /** Set when one source failed. */
  readonly partial?: PartialAnswer;
  readonly fetchedAt: number;
}

export type TokenGetter = (domain: string, owner: string, signal?: AbortSignal) => Promise<string>;

export interface VersionSourceOptions {
  /** `describePackageVersion`, when there, dates Maven versions for hovers (publishedDates.ts). */
  readonly api: () => Pick<CodeArtifactApi, 'getRepositoryEndpoint' | 'listPackageVersions'> & Partial<DescribeApi>;
  readonly getToken: TokenGetter;
  readonly fetch?: typeof fetch;
  /** How long an answer is reused. Default 5 minutes. */
  readonly ttlMs?: number;
  /** Pages of 1,000 statuses read per package before the answer is marked partial. Default 10. */
  readonly maxStatusPages?: number;
  /** Lookups in flight at once (lenses and diagnostics of a big manifest queue behind this). Default 8. */
  readonly concurrency?: number;
  /** Deadline for one data-plane request, body included. Default 15 s, and never less than firstByteTimeoutMs. */
  readonly requestTimeoutMs?: number;
  /** Deadline for the answer's headers (connect included): what a person waits for a dead host. Default 10 s. */
  readonly firstByteTimeoutMs?: number | (() => number);
  /** Told about each lookup's outcome (a network failure means offline), never about tokens. */
  readonly onOutcome?: (outcome: { readonly ok: true } | { readonly ok: false; readonly error: unknown }) => void;
  /** Bytes of one data-plane answer we read before giving up. Default 32 MiB. */
  readonly maxResponseBytes?: number;
  readonly now?: () => number;
  /**
   * The signed-in connection's region and control-plane endpoint: a repository endpoint that GetRepositoryEndpoint
   * returns is used only if it is a CodeArtifact data-plane address of that domain and region (or the local
   * emulator's, when the control plane is on loopback). `undefined` (not signed in): any region, no local origin.
   */
  readonly connection: () => { readonly region: string; readonly endpoint?: string; readonly dataPlaneEndpoint?: string } | undefined;
}

/** Redirects followed on the data plane, each to the same origin only. */
const MAX_REDIRECTS = 3;

/** Full packuments of very popular packages reach tens of MB; beyond this the answer is not worth the memory. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/**
 * Why a lookup failed, in words for a person; never contains a token. `badResponse`: a 200 whose body was cut
 * off, is not JSON/XML, or has the wrong shape; `tooLarge`: more than maxResponseBytes.
 */
export class VersionLookupError extends Error {
  constructor(
    readonly kind: 'unauthorized' | 'http' | 'network' | 'cancelled' | 'badResponse' | 'tooLarge' | 'invalidName' | 'untrustedEndpoint',
    message: string,
  ) {
    super(message);
    this.name = 'VersionLookupError';
  }
}

interface Shared<T> {
  readonly promise: Promise<T>;
  readonly controller: AbortController;
  waiters: number;
}

export class VersionSource {
  private readonly cache = new Map<string, PackageVersions>();
  private readonly inFlight = new Map<string, Shared<PackageVersions>>();
  private readonly endpoints = new Map<string, Promise<string>>();
  /** Token requests of our own in flight, per `owner/domain`: the token refreshes they cause are not news. */
  private readonly tokenAsks = new Map<string, number>();
  private readonly limiter: Limiter;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly fetchFn: typeof fetch;
  private readonly dates: PublishedDates;
  private generation = 0;
  /** Failed and partial lookups are kept for seconds only, with backoff (see failureBackoff.ts). */
  private readonly failures: FailureBackoff;

  constructor(private readonly opts: VersionSourceOptions) {
    this.ttlMs = opts.ttlMs ?? 5 * 60_000;
    this.now = opts.now ?? Date.now;
    this.failures = new FailureBackoff(this.now);
    this.fetchFn = opts.fetch ?? fetch;
    this.limiter = new Limiter(opts.concurrency ?? 8);
    this.dates = new PublishedDates(() => {
      try {
        const api = opts.api();
        return api.describePackageVersion ? (api as DescribeApi) : undefined;
      } catch {
        return undefined; // signed out: no dates
      }
    });
  }

  /**
   * Maven answers carry no publish dates: the newest `count` versions get theirs from DescribePackageVersion, all
   * at once (one round trip, then kept). Other ecosystems' indexes have dates already.
   */
  withPublishedDates(query: PackageQuery, pkg: PackageVersions, count?: number, signal?: AbortSignal): Promise<PackageVersions> {
    return query.ecosystem === 'maven' ? this.dates.fill(query, pkg, count, signal) : Promise.resolve(pkg);
  }

  /** The cached answer if it is still fresh: what a warm hover shows without a request. */
  peek(query: PackageQuery): PackageVersions | undefined {
    const key = keyOf(query);
    const hit = this.cache.get(key);
    if (!hit) return undefined;
    // A partial answer is a failure of one source: asked again as soon as its backoff ends.
    if (hit.partial) return this.failures.retryIn(key) > 0 ? hit : undefined;
    return this.now() - hit.fetchedAt < this.ttlMs ? hit : undefined;
  }

  /** Milliseconds until a failed (or partial) lookup of this package is asked again; 0 when nothing failed. */
  retryIn(query: PackageQuery): number {
    return this.failures.retryIn(keyOf(query));
  }

  /** Identical concurrent asks share one lookup; it is aborted only when every asker has given up. */
  get(query: PackageQuery, signal?: AbortSignal): Promise<PackageVersions> {
    const warm = this.peek(query);
    if (warm) return Promise.resolve(warm);
    const key = keyOf(query);
    // A partial answer's backoff is peek()'s business; a thrown failure is given again until its backoff ends.
    const failed = this.failures.current(key);
    if (failed instanceof Error) return Promise.reject(failed);
    let shared = this.inFlight.get(key);
    if (!shared) {
      const controller = new AbortController();
      const generation = this.generation;
      const promise = this.limiter.run(() => this.lookup(query, controller.signal), controller.signal).then(
        (value) => {
          if (generation === this.generation) {
            this.cache.set(key, value);
            if (value.partial) this.failures.fail(key, value.partial);
            else this.failures.succeed(key);
          }
          this.report(value.partial?.missing === 'index' ? { ok: false, error: new VersionLookupError(value.partial.kind as VersionLookupError['kind'], value.partial.reason) } : { ok: true });
          return value;
        },
        (err: unknown) => {
          const cancelled = err instanceof VersionLookupError && err.kind === 'cancelled';
          if (!cancelled && generation === this.generation) this.failures.fail(key, err instanceof Error ? err : new Error(String(err)));
          if (!cancelled) this.report({ ok: false, error: err });
          throw err;
        },
      );
      const entry: Shared<PackageVersions> = { promise, controller, waiters: 0 };
      shared = entry;
      this.inFlight.set(key, entry);
      // Cleanup only; each asker handles the outcome through its own promise.
      promise.then(
        () => this.inFlight.get(key) === entry && this.inFlight.delete(key),
        () => this.inFlight.get(key) === entry && this.inFlight.delete(key),
      );
    }
    return this.join(key, shared, signal);
  }

  /** Fetches the repository's endpoint and token ahead of the first hover, so that hover is one round trip. */
  async prepare(target: RepositoryTarget, signal?: AbortSignal): Promise<void> {
    await Promise.all([this.endpointOf(target, signal), this.tokenFor(target, signal)]);
  }

  /** Whether a token for this domain is being fetched for a lookup of ours right now. */
  isAskingForToken(domain: string, owner: string): boolean {
    return (this.tokenAsks.get(`${owner}/${domain}`) ?? 0) > 0;
  }

  private report(outcome: { ok: true } | { ok: false; error: unknown }): void {
    try {
      this.opts.onOutcome?.(outcome);
    } catch {
      // A listener's failure is not the lookup's.
    }
  }

  private async tokenFor(target: RepositoryTarget, signal?: AbortSignal): Promise<string> {
    const key = `${target.owner}/${target.domain}`;
    this.tokenAsks.set(key, (this.tokenAsks.get(key) ?? 0) + 1);
    try {
      return await this.opts.getToken(target.domain, target.owner, signal);
    } finally {
      const left = (this.tokenAsks.get(key) ?? 1) - 1;
      if (left > 0) this.tokenAsks.set(key, left);
      else this.tokenAsks.delete(key);
    }
  }

  /** Forgets every answer (refresh, publish, sign-in change); lookups in flight are not cached. */
  invalidate(): void {
    this.generation++;
    this.cache.clear();
    this.inFlight.clear();
    this.endpoints.clear();
    this.dates.forgetMissing();
    this.failures.clear();
  }

  /**
   * Forgets the answers for these packages only (a copy, status change or delete), in every repository of their
   * domain: a repository that sees the package through an upstream changes too. Lookups in flight for them are
   * not cached. Returns how many answers were dropped.
   */
  forgetPackages(packages: readonly ChangedPackage[]): number {
    const wanted = new Set(packages.map((p) => [p.ecosystem, p.domain, p.namespace ?? '', p.name].join('|')));
    const owners = new Map(packages.map((p) => [`${p.ecosystem}|${p.domain}|${p.namespace ?? ''}|${p.name}`, p.owner ?? '']));
    return this.forgetWhere((key) => {
      const [ecosystem, domain, owner, , namespace, name] = key.split('|');
      const id = [ecosystem, domain, namespace, name].join('|');
      if (!wanted.has(id)) return false;
      const theirs = owners.get(id) ?? '';
      return !theirs || !owner || theirs === owner;
    });
  }

  /**
   * Forgets every answer of these domains (an upstream or external connection of one of their repositories changed:
   * every package resolved through it or through a repository downstream of it may differ, and which repositories
   * are downstream is not known here). Returns how many answers were dropped.
   */
  forgetDomains(domains: readonly { readonly domain: string; readonly owner?: string }[]): number {
    return this.forgetWhere((key) => {
      const [, domain, owner] = key.split('|');
      return domains.some((d) => d.domain === domain && (!d.owner || !owner || d.owner === owner));
    });
  }

  /** Drops the cached answers (and their failure counts) whose keys match; returns how many. */
  private forgetWhere(matches: (key: string) => boolean): number {
    let dropped = 0;
    for (const key of [...this.cache.keys()]) {
      if (!matches(key)) continue;
      this.cache.delete(key);
      this.failures.succeed(key);
      dropped++;
    }
    // Still running: its answer may predate the change. Dropping the share makes the next ask start afresh, and a
    // new generation keeps the lookups now in flight out of the cache.
    const running = [...this.inFlight.keys()].filter(matches);
    for (const key of running) this.inFlight.delete(key);
    if (running.length > 0) this.generation++;
    return dropped;
  }

  private join(key: string, shared: Shared<PackageVersions>, signal: AbortSignal | undefined): Promise<PackageVersions> {
    shared.waiters++;
    if (!signal) return shared.promise;
    return new Promise<PackageVersions>((resolve, reject) => {
      let settled = false;
      const leave = (): void => {
        if (settled) return;
        settled = true;
        if (--shared.waiters === 0) {
          shared.controller.abort();
          if (this.inFlight.get(key) === shared) this.inFlight.delete(key);
        }
        reject(new VersionLookupError('cancelled', 'The lookup was cancelled.'));
      };
      if (signal.aborted) {
        leave();
        return;
      }
      signal.addEventListener('abort', leave, { once: true });
      shared.promise.then(
        (value) => {
          signal.removeEventListener('abort', leave);
          if (!settled) {
            settled = true;
            resolve(value);
          }
        },
        (err: unknown) => {
          signal.removeEventListener('abort', leave);
          if (!settled) {
            settled = true;
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        },
      );
    });
  }

  private endpointOf(target: RepositoryTarget, signal?: AbortSignal): Promise<string> {
    const key = `${target.domain}|${target.owner}|${target.repository}|${target.format}`;
    let endpoint = this.endpoints.get(key);
    if (!endpoint) {
      endpoint = this.opts
        .api()
        .getRepositoryEndpoint({ domain: target.domain, ...(target.owner ? { domainOwner: target.owner } : {}), repository: target.repository }, target.format, signal ? { signal } : {})
        .then((url) => this.trusted(target, url.endsWith('/') ? url : `${url}/`));
      this.endpoints.set(key, endpoint);
      endpoint.catch(() => this.endpoints.get(key) === endpoint && this.endpoints.delete(key));
    }
    return endpoint;
  }

  /** The token goes only to a CodeArtifact data-plane address of this domain (see `connection`). */
  private trusted(target: RepositoryTarget, url: string): string {
    const connection = this.opts.connection();
    const verdict = routeRepositoryEndpoint(url, {
      domain: target.domain,
      owner: target.owner,
      format: target.format,
      ...(connection
        ? {
            region: connection.region,
            ...(connection.endpoint ? { controlPlaneEndpoint: connection.endpoint } : {}),
            ...(connection.dataPlaneEndpoint ? { dataPlaneEndpoint: connection.dataPlaneEndpoint } : {}),
          }
        : { region: '*' }),
    });
    if (!verdict.ok) {
      throw new VersionLookupError('untrustedEndpoint', `${target.domain}/${target.repository}: ${verdict.reason} No token was sent to it.`);
    }
    return verdict.url;
  }

  private async lookup(query: PackageQuery, signal: AbortSignal): Promise<PackageVersions> {
    const { target } = query;
    const [endpoint, token] = await Promise.all([this.endpointOf(target, signal), this.tokenFor(target, signal)]);
    const [listed, own] = await Promise.all([
      this.fetchDataPlane(query, endpoint, token, signal).then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      ),
      this.ownVersions(query, signal),
    ]);
    const truncated: PartialAnswer | undefined = own.truncated
      ? { missing: 'oldStatuses', kind: 'tooLarge', reason: `The repository holds more than ${(own.statuses?.size ?? 0).toLocaleString('en-US')} versions of this package; the statuses of older ones were not read.` }
      : undefined;
    if ('value' in listed) {
      return merge(query.ecosystem, listed.value, own.statuses ?? new Map<string, string>(), this.now(), own.failure ? { missing: 'statuses', ...own.failure } : truncated);
    }
    // Without the index, the repository's own versions are still worth showing; without those there is nothing.
    const { error } = listed;
    if (!degrades(error) || !own.statuses || own.statuses.size === 0) throw error;
    return merge(query.ecosystem, undefined, own.statuses, this.now(), { missing: 'index', kind: error.kind, reason: error.message });
  }

  /**
   * The repository's own versions with status. A failure costs only those facts (`failure` says which); a package
   * the repository does not hold itself (only its upstreams do) has none, and that is no failure.
   */
  private async ownVersions(query: PackageQuery, signal: AbortSignal): Promise<{ statuses?: Map<string, string>; failure?: Pick<PartialAnswer, 'kind' | 'reason'>; truncated?: boolean }> {
    try {
      const { statuses, truncated } = await listStatuses(this.opts.api(), packageRefOf(query), signal, this.opts.maxStatusPages);
      return { statuses, ...(truncated ? { truncated } : {}) };
    } catch (err) {
      if (signal.aborted || (err instanceof CodeArtifactError && err.kind === 'cancelled')) throw new VersionLookupError('cancelled', 'The lookup was cancelled.');
      if (err instanceof CodeArtifactError && err.kind === 'notFound') return { statuses: new Map() };
      return { failure: err instanceof CodeArtifactError ? { kind: err.kind, reason: err.message } : { kind: 'internal', reason: err instanceof Error ? err.message : String(err) } };
    }
  }

  /** NuGet takes two steps: the service index names the flat container (`versionsUrl`), then its version list. */
  private async fetchDataPlane(query: PackageQuery, endpoint: string, token: string, signal: AbortSignal, versionsUrl?: string): Promise<Listed | undefined> {
    const request = dataPlaneRequest(query, endpoint, token);
    const { accept, auth } = request;
    const url = versionsUrl ?? request.url;
    const firstByteMs = typeof this.opts.firstByteTimeoutMs === 'function' ? this.opts.firstByteTimeoutMs() : (this.opts.firstByteTimeoutMs ?? 10_000);
    const timeout = AbortSignal.timeout(Math.max(this.opts.requestTimeoutMs ?? 15_000, firstByteMs));
    // Only until the headers are in: a large body may take longer than a dead host is worth waiting for.
    const firstByte = new AbortController();
    const timer = setTimeout(() => firstByte.abort(), firstByteMs);
    let response: Response;
    try {
      response = await this.fetchSameOrigin(url, { accept, authorization: auth }, AbortSignal.any([signal, timeout, firstByte.signal]), query);
    } catch (err) {
      if (err instanceof VersionLookupError) throw err;
      if (signal.aborted) throw new VersionLookupError('cancelled', 'The lookup was cancelled.');
      if (timeout.aborted || firstByte.signal.aborted) throw new VersionLookupError('network', `${describe(query)}: the repository did not answer in time (${firstByteMs < 1000 ? `${firstByteMs} ms` : `${Math.round(firstByteMs / 1000)} s`}).`);
      throw new VersionLookupError('network', `${describe(query)}: ${unreachable(url, err)}.`);
    } finally {
      clearTimeout(timer);
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (response.status === 401) {
      await response.body?.cancel();
      throw new VersionLookupError('unauthorized', `${describe(query)}: the repository refused the authorization token (HTTP 401).`);
    }
    if (response.status === 403) {
      // CodeArtifact's 403 is IAM saying no: a valid token whose identity may not read (or an explicit deny).
      const action = deniedAction(await this.readErrorText(response));
      throw new VersionLookupError(
        'unauthorized',
        `${describe(query)}: access denied (HTTP 403): your AWS identity may not call ${action} on this repository. Ask an administrator for this permission or sign in with another profile.`,
      );
    }
    if (response.status === 406) {
      await response.body?.cancel();
      const what = query.ecosystem === 'pypi' ? 'answers neither the JSON nor the HTML form of the simple index' : 'has no answer in the format asked for';
      throw new VersionLookupError('http', `${describe(query)}: the repository ${what} (HTTP 406 Not Acceptable).`);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new VersionLookupError('http', `${describe(query)}: the repository answered HTTP ${response.status}.`);
    }
    const text = await this.readText(response, query, signal, timeout);
    let next: string | undefined;
    try {
      switch (query.ecosystem) {
        case 'npm':
          return readPackument(parseJson(text));
        case 'pypi':
          return listedFromSimple(readSimpleIndex(text, response.headers.get('content-type'), query.name, response.url || url));
        case 'maven':
          return readMavenMetadata(text);
        case 'nuget':
          if (versionsUrl !== undefined) return readFlatContainer(parseJson(text));
          next = nugetVersionsUrl(parseJson(text), endpoint, query.name);
          break;
        case 'swift':
          return readSwiftReleases(parseJson(text));
        case 'cargo':
          return readCargoIndex(text);
        case 'ruby':
          return readRubyInfo(text);
      }
    } catch (err) {
      const why = err instanceof ShapeError || err instanceof SimpleIndexError ? err.message : 'it has the wrong shape';
      throw new VersionLookupError('badResponse', `${describe(query)}: the repository's answer could not be read (${why}). Try again; if it persists, check your proxy.`);
    }
    return next === undefined ? undefined : this.fetchDataPlane(query, endpoint, token, signal, next);
  }

  /**
   * Follows redirects by hand: only to the same origin (scheme, host and port), at most MAX_REDIRECTS, so that the
   * Authorization header never travels to a host the repository endpoint did not name.
   */
  private async fetchSameOrigin(url: string, headers: Record<string, string>, signal: AbortSignal, query: PackageQuery): Promise<Response> {
    let current = new URL(url);
    for (let hop = 0; ; hop++) {
      const response = await this.fetchFn(current.toString(), { headers, signal, redirect: 'manual' });
      if (response.status < 300 || response.status > 399 || response.status === 304) return response;
      await response.body?.cancel();
      const location = response.headers.get('location');
      let next: URL | undefined;
      try {
        next = location ? new URL(location, current) : undefined;
      } catch {
        next = undefined;
      }
      if (!next) throw new VersionLookupError('http', `${describe(query)}: the repository answered HTTP ${response.status} without a usable Location.`);
      if (next.origin !== current.origin) {
        throw new VersionLookupError('untrustedEndpoint', `${describe(query)}: the repository redirected to another host (${redactUrl(next.origin)}); the token was not sent there.`);
      }
      if (hop + 1 >= MAX_REDIRECTS) throw new VersionLookupError('http', `${describe(query)}: the repository redirected more than ${MAX_REDIRECTS} times.`);
      current = next;
    }
  }

  /**
   * The body as text, counted as it streams in: past maxResponseBytes the download is cancelled (an endless
   * body costs at most that much memory). A body cut off mid-way is a bad response, not a network failure.
   */
  /** At most the first 8 KiB of an error answer (enough for AWS's message), never an error itself. */
  private async readErrorText(response: Response): Promise<string> {
    if (!response.body) return '';
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    try {
      while (text.length < 8192) {
        const { done, value } = await reader.read();
        if (done) return text;
        text += decoder.decode(value, { stream: true });
      }
      await reader.cancel();
    } catch {
      // A broken error body still means "denied"; the action falls back to ReadFromRepository.
    }
    return text.slice(0, 8192);
  }

  private async readText(response: Response, query: PackageQuery, signal: AbortSignal, timeout: AbortSignal): Promise<string> {
    const limit = this.opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    const tooLarge = (): VersionLookupError =>
      new VersionLookupError('tooLarge', `${describe(query)}: the repository's answer is larger than ${Math.round(limit / (1024 * 1024))} MiB; it was not read.`);
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > limit) {
      await response.body?.cancel();
      throw tooLarge();
    }
    if (!response.body) return '';
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    const parts: string[] = [];
    let size = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > limit) {
          await reader.cancel();
          throw tooLarge();
        }
        parts.push(decoder.decode(value, { stream: true }));
      }
    } catch (err) {
      if (err instanceof VersionLookupError) throw err;
      if (signal.aborted) throw new VersionLookupError('cancelled', 'The lookup was cancelled.');
      if (timeout.aborted) throw new VersionLookupError('network', `${describe(query)}: the repository did not finish its answer in time.`);
      throw new VersionLookupError('badResponse', `${describe(query)}: the repository's answer was cut off. Try again; if it persists, check your proxy.`);
    }
    parts.push(decoder.decode());
    return parts.join('');
  }
}

/**
 * undici says "fetch failed" and hides the cause in `cause`: the same words as the control plane's for the same
 * failure ("Can't reach HOST: connection refused"), else the cause's own code or message.
 */
function unreachable(url: string, err: unknown): string {
  const code = networkCodeOf(err);
  if (code) return cannotReach(url, code);
  const cause = err instanceof Error ? (err.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  const detail = cause && typeof cause.code === 'string' ? cause.code : cause && typeof cause.message === 'string' ? cause.message : undefined;
  return detail ? `Can't reach ${hostOf(url)}: ${detail}` : cannotReach(url, undefined);
}

function keyOf(q: PackageQuery): string {
  const t = q.target;
  return [q.ecosystem, t.domain, t.owner, t.repository, q.namespace ?? '', q.name].join('|');
}

function describe(q: PackageQuery): string {
  const name = q.ecosystem === 'npm' && q.namespace ? `@${q.namespace}/${q.name}` : q.namespace ? `${q.namespace}:${q.name}` : q.name;
  return `${name} in ${q.target.domain}/${q.target.repository}`;
}

/**
 * One path segment for a name from a manifest: percent-encoded, and refused when it could leave its segment
 * (`.`, `..`, empty) or cannot be encoded (a lone surrogate).
 */
function segment(part: string, query: PackageQuery): string {
  const refuse = (): VersionLookupError => new VersionLookupError('invalidName', `${describe(query)}: this name cannot be looked up (it is not a valid package name).`);
  if (part === '' || part === '.' || part === '..') throw refuse();
  try {
    return encodeURIComponent(part);
  } catch {
    throw refuse(); // URIError: a lone surrogate
  }
}

/** URL and headers of the one data-plane request per ecosystem. The token goes in a header, never the URL. */
export function dataPlaneRequest(query: PackageQuery, endpoint: string, token: string): { url: string; accept: string; auth: string } {
  const basic = `Basic ${Buffer.from(`aws:${token}`).toString('base64')}`;
  switch (query.ecosystem) {
    case 'npm': {
      // `@scope%2fname` is one segment, so a scope of `..` stays inside it; an unscoped name must not be `..`.
      const name = query.namespace ? `@${segment(query.namespace, query)}%2f${segment(query.name, query)}` : segment(query.name, query);
      // The full packument (not the abbreviated one): it carries `time` and `deprecated`.
      return { url: `${endpoint}${name}`, accept: 'application/json', auth: `Bearer ${token}` };
    }
    case 'pypi':
      return { url: `${endpoint}simple/${segment(query.name, query)}/`, accept: SIMPLE_INDEX_ACCEPT, auth: basic };
    case 'maven': {
      const group = (query.namespace ?? '').split('.').map((part) => segment(part, query)).join('/');
      return { url: `${endpoint}${group}/${segment(query.name, query)}/maven-metadata.xml`, accept: 'application/xml, text/xml', auth: basic };
    }
    case 'nuget':
      // The service index first (nugetAnswers.ts); its PackageBaseAddress gives the version list's URL.
      return { url: `${endpoint}v3/index.json`, accept: 'application/json', auth: basic };
    case 'swift':
      // SE-0292 §4.1 list releases: /{scope}/{name}.
      return { url: `${endpoint}${segment(query.namespace ?? '', query)}/${segment(query.name, query)}`, accept: 'application/vnd.swift.registry.v1+json', auth: `Bearer ${token}` };
    case 'cargo': {
      if (!isCrateName(query.name)) throw new VersionLookupError('invalidName', `${describe(query)}: this name cannot be looked up (it is not a valid crate name).`);
      return { url: `${endpoint}${cargoIndexPath(query.name)}`, accept: 'text/plain, application/json;q=0.9, */*;q=0.1', auth: `Bearer ${token}` };
    }
    case 'ruby':
      if (!isGemName(query.name)) throw new VersionLookupError('invalidName', `${describe(query)}: this name cannot be looked up (it is not a valid gem name).`);
      return { url: `${endpoint}info/${segment(query.name, query)}`, accept: 'text/plain, */*;q=0.1', auth: basic };
  }
}

/** The IAM action an AWS denial names ("…not authorized to perform: codeartifact:X…"); only a well-formed name is taken. */
export function deniedAction(body: string): string {
  return /not authorized to perform:\s*((?:codeartifact|sts):[A-Za-z]{1,64})\b/.exec(body)?.[1] ?? 'codeartifact:ReadFromRepository';
}

/** Data-plane failures that leave the control plane's answer worth showing; the rest (cancelled, refused names and hosts) end the lookup. */
function degrades(err: unknown): err is VersionLookupError {
  return err instanceof VersionLookupError && ['unauthorized', 'http', 'network', 'badResponse', 'tooLarge'].includes(err.kind);
}

export function merge(ecosystem: Ecosystem, listed: Listed | undefined, own: Map<string, string>, now: number, partial?: PartialAnswer): PackageVersions {
  const byVersion = new Map<string, RepositoryVersion>();
  for (const [version, { installable = true, ...facts }] of listed?.versions ?? []) {
    byVersion.set(version, { version, status: own.get(version) ?? 'Published', installable, ...facts });
  }
  for (const [version, status] of own) {
    if (!byVersion.has(version)) byVersion.set(version, { version, status, installable: false });
  }
  const order = sortNewestFirst(ecosystem, [...byVersion.keys()]);
  const versions = order.map((v) => byVersion.get(v)!);
  const distTags = listed?.distTags ?? {};
  const installable = versions.filter((v) => v.installable);
  const newest = ecosystem === 'npm' ? npmLatest(installable, distTags) : latest(ecosystem, installable.map((v) => v.version), distTags);
  return {
    found: byVersion.size > 0,
    versions,
    distTags,
    ...(newest ? { latest: newest } : {}),
    // Unknown when the control plane failed: then no "Reveal" for a package the repository may not hold.
    ...(partial?.missing === 'statuses' ? {} : { inRepository: own.size > 0 }),
    ...(partial ? { partial } : {}),
    fetchedAt: now,
  };
}

/** An event in the shape of both VS Code's `Event` and shared/emitter's. */
export type Subscribe<T> = (listener: (e: T) => unknown) => { dispose(): void };

/** A package a write changed; `owner` '' or absent matches any owner of that domain. */
export interface ChangedPackage {
  readonly ecosystem: string;
  readonly domain: string;
  readonly owner?: string;
  /** npm scope without `@`, Maven groupId. */
  readonly namespace?: string;
  /** As the API names it (PyPI: normalized). */
  readonly name: string;
}

export interface InvalidationTriggers {
  /** Anything that means "the server may say something new": explorer refresh, publish, sign-in change. */
  readonly refreshes?: readonly Subscribe<unknown>[];
  /** New tokens (a user's Refresh Token, configure). Those our own lookups caused are ignored: not news. */
  readonly tokenRefreshes?: Subscribe<{ readonly name: string; readonly owner: string }>;
  /** Writes from the explorer (manage/): only these packages' answers are forgotten. */
  readonly packageChanges?: Subscribe<readonly ChangedPackage[]>;
  /** Repository setup writes (upstreams, external connection): the answers of those repositories' domains go. */
  readonly repositoryChanges?: Subscribe<readonly { readonly domain: string; readonly domainOwner?: string }[]>;
}

/**
 * Calls `invalidate` on each trigger; `invalidate` should end in `source.invalidate()`. A package change forgets
 * only those packages, then calls `reshow`. Returns the subscriptions.
 */
export function watchInvalidation(source: VersionSource, triggers: InvalidationTriggers, invalidate: () => void, reshow?: () => void): { dispose(): void }[] {
  const subs = (triggers.refreshes ?? []).map((on) => on(() => invalidate()));
  if (triggers.packageChanges) {
    subs.push(
      triggers.packageChanges((packages) => {
        if (source.forgetPackages(packages) > 0) reshow?.();
      }),
    );
  }
  if (triggers.repositoryChanges) {
    subs.push(
      triggers.repositoryChanges((repositories) => {
        if (source.forgetDomains(repositories.map((r) => ({ domain: r.domain, ...(r.domainOwner ? { owner: r.domainOwner } : {}) }))) > 0) reshow?.();
      }),
    );
  }
  if (triggers.tokenRefreshes) {
    subs.push(
      triggers.tokenRefreshes((t) => {
        if (!source.isAskingForToken(t.name, t.owner)) invalidate();
      }),
    );
  }
  return subs;
}
