// VersionSource against the in-process emulator over real HTTP: the real SDK for the control plane, real
// fetch for the data plane, round trips counted by the emulator.
import assert from 'node:assert/strict';
import { SdkCodeArtifactApi } from '../../../src/aws/codeArtifactApi';
import type { RepositoryTarget } from '../../../src/versions/repositoryResolver';
import { TokenService } from '../../../src/auth/tokens';
import { readSimpleJson, SimpleIndexError } from '../../../src/core/pypiSimple';
import { readMavenMetadata, readPackument, ShapeError } from '../../../src/versions/dataPlaneAnswers';
import {
  dataPlaneRequest,
  Limiter,
  VersionLookupError,
  VersionSource,
  watchInvalidation,
  type PackageQuery,
  type PackageVersions,
  type VersionSourceOptions,
} from '../../../src/versions/versionSource';
import { startEmulator, type Emulator } from '../../emulator/server';
import { FakeEventEmitter, FakeSecretStorage, tokenGetterFor } from '../fakes';
import { FILLER, OWNER, OWNER_KEY, REGION, versionsSeed } from './versionsSeed';

describe('VersionSource against the emulator', function () {
  let emu: Emulator;
  let api: SdkCodeArtifactApi;
  const npmTarget: RepositoryTarget = { domain: 'acme', owner: OWNER, repository: 'shared', format: 'npm', source: 'test' };
  const uiKit: PackageQuery = { ecosystem: 'npm', target: npmTarget, namespace: 'acme', name: 'ui-kit' };

  const getters: { dispose(): void }[] = [];
  const freshTokens = (): ReturnType<typeof tokenGetterFor> => {
    const getter = tokenGetterFor(() => api);
    getters.push(getter);
    return getter;
  };
  const make = (opts: Partial<VersionSourceOptions> = {}): VersionSource => new VersionSource({ api: () => api, getToken: freshTokens(), connection: () => ({ region: REGION, endpoint: emu.endpoint }), ...opts });

  before(async () => {
    emu = await startEmulator({ seed: versionsSeed(), port: 0 });
    api = new SdkCodeArtifactApi({ region: REGION, endpoint: emu.endpoint, credentials: { accessKeyId: OWNER_KEY, secretAccessKey: 'x' } });
  });
  after(async () => {
    for (const getter of getters) getter.dispose();
    api.dispose();
    await emu.stop();
  });
  beforeEach(() => {
    emu.setLatency(0);
    emu.setFaults(undefined);
    emu.resetStats();
  });

  it('lists what npm could install through the repository, upstream-only versions included, plus its own hidden ones', async () => {
    const pkg = await make().get(uiKit);
    assert.equal(pkg.found, true);
    assert.deepEqual(pkg.versions.map((v) => `${v.version}:${v.status}:${v.installable}`), [
      '2.4.1:Published:true', // only in the upstream `team`
      '2.1.0:Published:true',
      '2.0.0:Unlisted:false', // hidden by the data plane, known from the control plane
      '1.0.0:Archived:false',
    ]);
    assert.equal(pkg.latest, '2.1.0', 'the latest dist-tag wins over the newest version');
    assert.equal(pkg.versions[0]?.deprecated, 'use 3.x **now**');
    assert.equal(pkg.versions[1]?.publishedTime?.toISOString(), '2025-06-01T10:00:00.000Z');
  });

  it('finds packages that exist only behind the external connection, for npm and PyPI', async () => {
    const source = make();
    const leftPad = await source.get({ ecosystem: 'npm', target: npmTarget, name: 'left-pad' });
    assert.deepEqual(leftPad.versions.map((v) => v.version), ['1.3.0', '1.2.0']);
    const pypiTarget: RepositoryTarget = { ...npmTarget, format: 'pypi' };
    const requests = await source.get({ ecosystem: 'pypi', target: pypiTarget, name: 'requests' });
    assert.deepEqual(requests.versions.map((v) => v.version), ['2.32.3', '2.31.0']);
    assert.equal(requests.latest, '2.32.3');
  });

  it('reads the PyPI simple index and Maven metadata, with the control plane’s statuses', async () => {
    const source = make();
    const utils = await source.get({ ecosystem: 'pypi', target: { ...npmTarget, format: 'pypi' }, name: 'acme-utils' });
    assert.deepEqual(utils.versions.map((v) => `${v.version}:${v.status}:${v.installable}`), ['1.1.0:Published:true', '1.0.0:Published:true', '0.9.0:Archived:false']);
    const greeting = await source.get({ ecosystem: 'maven', target: { ...npmTarget, format: 'maven' }, namespace: 'com.acme', name: 'greeting' });
    assert.deepEqual(greeting.versions.map((v) => `${v.version}:${v.status}:${v.installable}`), ['2.0:Unlisted:false', '1.1:Published:true', '1.0:Published:true']);
    assert.equal(greeting.latest, '1.1');
  });

  it('says "not found" for a package neither plane knows', async () => {
    const pkg = await make().get({ ecosystem: 'npm', target: npmTarget, namespace: 'acme', name: 'no-such-thing' });
    assert.equal(pkg.found, false);
    assert.deepEqual(pkg.versions, []);
  });

  it('costs one round trip cold (two requests in parallel) and no request warm', async () => {
    const source = make();
    await source.prepare(npmTarget);
    // Latency keeps both requests in flight long enough for the peak-concurrency count to see them overlap.
    emu.setLatency(100);
    emu.resetStats();
    await source.get(uiKit);
    assert.equal(emu.stats.requests, 2, JSON.stringify(emu.stats.operations));
    assert.equal(emu.stats.operations['npm:packument'], 1);
    assert.equal(emu.stats.operations.ListPackageVersions, 1);
    assert.equal(emu.stats.peakConcurrent, 2, 'both requests at once');
    emu.resetStats();
    const warm = await source.get(uiKit);
    assert.equal(emu.stats.requests, 0);
    assert.equal(source.peek(uiKit), warm);
  });

  it('fetches the endpoint and token in parallel the very first time (two round trips, never three)', async () => {
    // Record what is in flight on the client side: the endpoint call and the token call must overlap.
    let inFlight = 0;
    let peak = 0;
    const track = async <T>(work: Promise<T>): Promise<T> => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      try {
        return await work;
      } finally {
        inFlight -= 1;
      }
    };
    const tokens = freshTokens();
    const tracked = {
      getRepositoryEndpoint: (...args: Parameters<SdkCodeArtifactApi['getRepositoryEndpoint']>) => track(api.getRepositoryEndpoint(...args)),
      listPackageVersions: (...args: Parameters<SdkCodeArtifactApi['listPackageVersions']>) => api.listPackageVersions(...args),
    };
    const source = make({ api: () => tracked, getToken: (d, o, sig) => track(tokens(d, o, sig)) });
    emu.setLatency(100);
    emu.resetStats();
    await source.get(uiKit);
    assert.equal(emu.stats.operations.GetRepositoryEndpoint, 1);
    assert.equal(emu.stats.operations.GetAuthorizationToken, 1);
    assert.equal(peak, 2, 'endpoint and token were asked for at the same time');
  });

  it('shares one lookup among 20 identical concurrent asks', async () => {
    const source = make();
    await source.prepare(npmTarget);
    emu.resetStats();
    const results = await Promise.all(Array.from({ length: 20 }, () => source.get(uiKit)));
    assert.equal(emu.stats.operations['npm:packument'], 1);
    assert.equal(emu.stats.operations.ListPackageVersions, 1);
    assert.ok(results.every((r) => r === results[0]));
  });

  it('keeps a shared lookup alive for the askers who stay, and aborts it when the last one leaves', async () => {
    const source = make();
    await source.prepare(npmTarget);
    emu.setLatency(80);
    const leaving = new AbortController();
    const staying = source.get(uiKit);
    const left = source.get(uiKit, leaving.signal);
    leaving.abort();
    await assert.rejects(left, (err: unknown) => err instanceof VersionLookupError && err.kind === 'cancelled');
    assert.equal((await staying).found, true);

    source.invalidate();
    const alone = new AbortController();
    const cancelled = source.get(uiKit, alone.signal);
    setTimeout(() => alone.abort(), 20);
    await assert.rejects(cancelled, (err: unknown) => err instanceof VersionLookupError && err.kind === 'cancelled');
    assert.equal(source.peek(uiKit), undefined, 'a cancelled lookup is not cached');
  });

  it('bounds concurrency for a big manifest: the pool is used fully and never exceeded', async () => {
    const concurrency = 8;
    const names = Array.from({ length: FILLER }, (_, i) => `dep-${String(i).padStart(3, '0')}`);
    const source = make({ concurrency });
    await source.prepare(npmTarget);
    // Latency keeps requests in flight, so a limiter that let more through would show in the peak.
    emu.setLatency(50);
    emu.resetStats();
    const all = await Promise.all(names.map((name) => source.get({ ecosystem: 'npm', target: npmTarget, namespace: 'acme', name })));
    assert.ok(all.every((p) => p.found && p.latest === '1.0.0'));
    assert.equal(emu.stats.requests, FILLER * 2);
    // Each lookup is two parallel requests, so `concurrency` lookups are twice as many requests in flight.
    assert.equal(emu.stats.peakConcurrent, concurrency * 2, 'the pool is used fully, never exceeded');
  });

  it('forgets everything on invalidate', async () => {
    const source = make();
    await source.get(uiKit);
    source.invalidate();
    emu.resetStats();
    await source.get(uiKit);
    assert.equal(emu.stats.operations['npm:packument'], 1);
  });

  it('is cold again after an explorer refresh or a new token from the user, but not after a token its own lookup caused', async () => {
    const tokens = new TokenService({ api: () => api, secrets: new FakeSecretStorage(), log: { info: () => undefined, warn: () => undefined }, durationSeconds: () => 43_200 });
    getters.push(tokens);
    const source = make({ getToken: (name, owner, signal) => tokens.get({ name, owner }, signal).then((t) => t.token) });
    const explorerRefresh = new FakeEventEmitter<unknown>();
    let invalidations = 0;
    const subs = watchInvalidation(source, { refreshes: [explorerRefresh.event], tokenRefreshes: tokens.onDidRefresh }, () => {
      invalidations++;
      source.invalidate();
    });
    const lookups = async (): Promise<number> => {
      emu.resetStats();
      await source.get(uiKit);
      return emu.stats.operations['npm:packument'] ?? 0;
    };
    // The first lookup issues the token itself: that refresh is ours, so the answer stays cached.
    assert.equal(await lookups(), 1);
    assert.equal(emu.stats.operations.GetAuthorizationToken, 1);
    assert.equal(invalidations, 0);
    assert.equal(await lookups(), 0, 'warm');

    explorerRefresh.fire(undefined);
    assert.equal(invalidations, 1);
    assert.equal(source.peek(uiKit), undefined);
    assert.equal(await lookups(), 1, 'cold after the explorer refresh');
    assert.equal(emu.stats.operations.ListPackageVersions, 1);
    assert.equal(await lookups(), 0);

    await tokens.refresh({ name: 'acme', owner: OWNER }); // what "Refresh Token" does
    assert.equal(invalidations, 2);
    assert.equal(await lookups(), 1, 'cold after the user refreshed the token');

    for (const sub of subs) sub.dispose();
    explorerRefresh.fire(undefined);
    assert.equal(invalidations, 2, 'disposed subscriptions stay quiet');
  });

  it('tells whether the repository holds the package itself or only reaches it through upstreams', async () => {
    const source = make();
    assert.equal((await source.get(uiKit)).inRepository, true);
    assert.equal((await source.get({ ecosystem: 'npm', target: npmTarget, name: 'left-pad' })).inRepository, false);
  });

  it('expires answers after the TTL', async () => {
    let now = 1_000_000;
    const source = make({ ttlMs: 1000, now: () => now });
    await source.get(uiKit);
    assert.ok(source.peek(uiKit));
    now += 1001;
    assert.equal(source.peek(uiKit), undefined);
  });

  /** The data plane's failure as a caller sees it: carried by a partial answer when the repository has versions of its own, else thrown. */
  async function indexFailure(lookup: Promise<PackageVersions>): Promise<{ kind: string; message: string; via: 'partial' | 'thrown' }> {
    let pkg: PackageVersions;
    try {
      pkg = await lookup;
    } catch (err) {
      assert.ok(err instanceof VersionLookupError, String(err));
      return { kind: err.kind, message: err.message, via: 'thrown' };
    }
    assert.equal(pkg.partial?.missing, 'index', JSON.stringify(pkg.partial));
    assert.ok(pkg.found && pkg.versions.length > 0 && pkg.versions.every((v) => !v.installable), 'the own versions, none claimed installable');
    assert.equal(pkg.latest, undefined);
    return { kind: pkg.partial.kind, message: pkg.partial.reason, via: 'partial' };
  }

  it('never puts the token in a URL, and explains a refused token without showing it', async () => {
    const urls: string[] = [];
    const spy: typeof fetch = (input, init) => {
      urls.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      return fetch(input, init);
    };
    const getToken = freshTokens();
    const token = await getToken('acme', OWNER);
    await make({ fetch: spy, getToken }).get(uiKit);
    assert.ok(urls.length > 0 && urls.every((u) => !u.includes(token)));
    const bad = make({ getToken: () => Promise.resolve('not-a-real-token-abc') });
    // The repository holds ui-kit itself: its statuses are shown with the refusal; left-pad is only upstream: an error.
    for (const [query, via] of [[uiKit, 'partial'], [{ ecosystem: 'npm', target: npmTarget, name: 'left-pad' } as const, 'thrown']] as const) {
      const failure = await indexFailure(bad.get(query));
      assert.deepEqual([failure.kind, failure.via], ['unauthorized', via]);
      assert.match(failure.message, /the repository refused the authorization token \(HTTP 401\)/);
      assert.ok(!failure.message.includes('not-a-real-token-abc'));
    }
  });

  it('one source failing leaves what the other knows, marked partial; an upstream-only package has nothing to fall back on', async () => {
    emu.setFaults('error/ops=npm:*');
    const own = await make().get(uiKit);
    assert.deepEqual(own.versions.map((v) => `${v.version}:${v.status}:${v.installable}`), ['2.1.0:Published:false', '2.0.0:Unlisted:false', '1.0.0:Archived:false'], 'the control plane’s versions, none installable');
    assert.deepEqual(own.partial, { missing: 'index', kind: 'http', reason: '@acme/ui-kit in acme/shared: the repository answered HTTP 500.' });
    assert.equal(own.latest, undefined);
    assert.equal(own.inRepository, true);
    await assert.rejects(make().get({ ecosystem: 'npm', target: npmTarget, name: 'left-pad' }), (err: unknown) => err instanceof VersionLookupError && err.kind === 'http');

    emu.setFaults('error/ops=ListPackageVersions');
    const listed = await make().get(uiKit);
    assert.deepEqual(listed.versions.map((v) => `${v.version}:${v.status}:${v.installable}`), ['2.4.1:Published:true', '2.1.0:Published:true'], 'only the data plane’s versions');
    assert.equal(listed.latest, '2.1.0');
    assert.equal(listed.partial?.missing, 'statuses');
    assert.equal(listed.partial?.kind, 'internal');
    assert.match(listed.partial?.reason ?? '', /ListPackageVersions/);
    assert.equal(listed.inRepository, undefined, 'unknown, so no Reveal link');

    emu.setFaults('error/ops=ListPackageVersions+npm:*');
    await assert.rejects(make().get(uiKit), (err: unknown) => err instanceof VersionLookupError && err.kind === 'http', 'both failed: the data plane’s error');

    // A package the repository does not hold (ResourceNotFoundException) is no control-plane failure: nothing is missing.
    emu.setFaults(undefined);
    const upstream = await make().get({ ecosystem: 'npm', target: npmTarget, name: 'left-pad' });
    assert.deepEqual([upstream.partial, upstream.inRepository], [undefined, false]);
  });

  it('stops reading an answer past maxResponseBytes, streamed or announced, and says so', async () => {
    emu.setFaults('enormous/ops=npm:*/size=3');
    const source = make({ maxResponseBytes: 1024 * 1024 });
    const streamed = await indexFailure(source.get(uiKit));
    assert.equal(streamed.kind, 'tooLarge');
    assert.match(streamed.message, /^@acme\/ui-kit in acme\/shared: the repository's answer is larger than 1 MiB; it was not read\.$/);
    // Under the cap the same enormous answer is read.
    const big = await make({ maxResponseBytes: 8 * 1024 * 1024 }).get(uiKit);
    assert.ok(big.versions.length > 1000, `versions: ${big.versions.length}`);
    // A Content-Length above the cap is refused before a byte of the body is read.
    let pulled = 0;
    const announced: typeof fetch = () => {
      const body = new ReadableStream<Uint8Array>({ pull: (c) => void (pulled++, c.enqueue(new Uint8Array(1024))) }, { highWaterMark: 0 });
      return Promise.resolve(new Response(body, { status: 200, headers: { 'content-length': String(50 * 1024 * 1024) } }));
    };
    assert.equal((await indexFailure(make({ fetch: announced, maxResponseBytes: 1024 * 1024 }).get(uiKit))).kind, 'tooLarge');
    assert.equal(pulled, 0);
  });

  it('reports a cut-off or unreadable answer as a bad response, for each ecosystem', async () => {
    const pypi: PackageQuery = { ecosystem: 'pypi', target: { ...npmTarget, format: 'pypi' }, name: 'acme-utils' };
    const maven: PackageQuery = { ecosystem: 'maven', target: { ...npmTarget, format: 'maven' }, namespace: 'com.acme', name: 'greeting' };
    const upstreamOnly: PackageQuery = { ecosystem: 'pypi', target: { ...npmTarget, format: 'pypi' }, name: 'requests' };
    for (const [fault, reason] of [
      ['truncate', /was cut off/],
      ['truncate/chunked=1', /was cut off/],
      ['garbage', /could not be read \((it is not JSON|its root element is <html>, not <metadata>)\)/],
    ] as const) {
      emu.setFaults(`${fault}/ops=npm:*+pypi:*+maven:*`);
      for (const query of [uiKit, pypi, maven, upstreamOnly]) {
        const failure = await indexFailure(make().get(query));
        assert.equal(failure.kind, 'badResponse', `${fault} ${query.ecosystem}: ${failure.message}`);
        assert.equal(failure.via, query === upstreamOnly ? 'thrown' : 'partial');
        assert.match(failure.message, reason);
        assert.match(failure.message, /Try again; if it persists, check your proxy\.$/);
      }
    }
  });
});

describe('Limiter', () => {
  it('runs at most `size` tasks at once and drops a queued task whose signal aborts', async () => {
    const limiter = new Limiter(2);
    let active = 0;
    let peak = 0;
    const task = async (): Promise<void> => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 10));
      active--;
    };
    const aborted = new AbortController();
    const runs = [limiter.run(task), limiter.run(task), limiter.run(task, aborted.signal), limiter.run(task)];
    aborted.abort();
    const results = await Promise.allSettled(runs);
    assert.equal(peak, 2);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  });
});

describe('data-plane readers given answers of the wrong shape', () => {
  it('npm: skips versions whose manifest is not an object, times and dist-tags that are not strings', () => {
    const listed = readPackument({
      versions: { '1.0.0': {}, '1.1.0': null, '': {}, 'bad version': {}, '2.0.0': { deprecated: { why: 1 } }, '3.0.0': 7 },
      time: { '1.0.0': 1700000000, '2.0.0': '2025-01-01T00:00:00Z' },
      'dist-tags': { latest: 1, next: '2.0.0', beta: null },
    });
    assert.deepEqual([...listed.versions.keys()], ['1.0.0', '2.0.0']);
    assert.equal(listed.versions.get('1.0.0')?.publishedTime, undefined);
    assert.equal(listed.versions.get('2.0.0')?.publishedTime?.toISOString(), '2025-01-01T00:00:00.000Z');
    assert.equal(listed.versions.get('2.0.0')?.deprecated, undefined);
    assert.deepEqual(listed.distTags, { next: '2.0.0' });
  });

  it('npm: `time` a string and `dist-tags` missing degrade; `versions` as an array or no object at all is a ShapeError', () => {
    const listed = readPackument({ versions: { '1.0.0': {} }, time: 'yesterday' });
    assert.deepEqual([...listed.versions.keys()], ['1.0.0']);
    assert.deepEqual(listed.distTags, {});
    assert.throws(() => readPackument({ versions: [{ version: '1.0.0' }] }), (err: unknown) => err instanceof ShapeError && /"versions" is not an object/.test(err.message));
    for (const doc of [null, 'x', 42, []]) assert.throws(() => readPackument(doc), ShapeError);
  });

  it('PyPI: skips files that are not objects or have a filename of the wrong type; `files` as an object is an error', () => {
    const project = readSimpleJson(
      {
        files: [{ filename: 12345 }, null, 'acme_utils-9.9.tar.gz', { filename: 'acme_utils-1.0.0.tar.gz', 'upload-time': 1700000000 }, { filename: 'acme_utils-1.1.0-py3-none-any.whl', yanked: false }],
        versions: [1, null, '1.2.0'],
      },
      'acme-utils',
    );
    assert.deepEqual([...project.releases.keys()], ['1.0.0', '1.1.0', '1.2.0']);
    assert.equal(project.releases.get('1.0.0')?.uploadTime, undefined);
    assert.equal(project.releases.get('1.1.0')?.yanked, undefined, '`yanked: false` is not yanked');
    assert.equal(project.releases.get('1.2.0')?.files, 0, 'only PEP 700 `versions` names it: no file to install');
    assert.equal(project.skipped, 3);
    assert.throws(() => readSimpleJson({ files: { 'acme_utils-1.0.0.tar.gz': {} } }, 'acme-utils'), (err: unknown) => err instanceof SimpleIndexError && /"files" is not a list/.test(err.message));
    assert.deepEqual([...readSimpleJson({ files: [], versions: '1.0.0' }, 'acme-utils').releases.keys()], []);
  });

  it('Maven: refuses a DOCTYPE (entities are never expanded), HTML and XML that is not well-formed', () => {
    const laughs =
      '<?xml version="1.0"?>\n<!DOCTYPE metadata [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n' +
      '<metadata><versioning><versions><version>&lol2;</version><version>1.0</version></versions></versioning></metadata>';
    assert.throws(() => readMavenMetadata(laughs), (err: unknown) => err instanceof ShapeError && /DOCTYPE, which is refused/.test(err.message));
    const external = '<?xml version="1.0"?><!DOCTYPE metadata SYSTEM "http://127.0.0.1:1/evil.dtd"><metadata/>';
    assert.throws(() => readMavenMetadata(external), /DOCTYPE/);
    // An entity used without any declaration is an error, not an empty or literal version.
    assert.throws(() => readMavenMetadata('<metadata><versioning><versions><version>&boom;</version></versions></versioning></metadata>'), /not well-formed/);
    assert.throws(() => readMavenMetadata('<html><body><h1>Proxy Error</h1><br></body>'), /root element is <html>/);
    assert.throws(() => readMavenMetadata('Proxy Error'), /not XML/);
  });

  it('Maven: valid XML of an unexpected structure yields what is plausible and nothing else', () => {
    const listed = readMavenMetadata(
      '<metadata><groupId><version>0.0.1</version></groupId><versioning><versions>' +
        '<version></version><version><v>1.2.3</v></version><version>1.0</version><version> 1.1 </version><version>two words</version>' +
        '</versions></versioning></metadata>',
    );
    assert.deepEqual([...listed.versions.keys()], ['1.0', '1.1']);
    assert.deepEqual([...readMavenMetadata('<metadata><versioning>1.0</versioning><versions><version>9</version></versions></metadata>').versions.keys()], []);
  });
});

describe('data-plane request URLs for names that could leave their path segment', () => {
  const target: RepositoryTarget = { domain: 'acme', owner: OWNER, repository: 'shared', format: 'npm', source: 'test' };
  const endpoint = 'https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/shared/';
  const refused = (err: unknown): boolean => err instanceof VersionLookupError && err.kind === 'invalidName' && /this name cannot be looked up/.test(err.message);

  it('refuses `.`, `..`, empty and unencodable names and group parts, with a typed error', () => {
    assert.throws(() => dataPlaneRequest({ ecosystem: 'npm', target, name: '..' }, endpoint, 't'), refused);
    assert.throws(() => dataPlaneRequest({ ecosystem: 'pypi', target, name: '.' }, endpoint, 't'), refused);
    assert.throws(() => dataPlaneRequest({ ecosystem: 'maven', target, namespace: 'com..acme', name: 'x' }, endpoint, 't'), refused);
    assert.throws(() => dataPlaneRequest({ ecosystem: 'maven', target, name: 'x' }, endpoint, 't'), refused, 'Maven needs a groupId');
    assert.throws(() => dataPlaneRequest({ ecosystem: 'npm', target, name: 'a\uD800' }, endpoint, 't'), refused);
  });

  it('encodes scope and name so that each stays in its segment', () => {
    assert.equal(dataPlaneRequest({ ecosystem: 'npm', target, namespace: '%2e..', name: 'x/y' }, endpoint, 't').url, `${endpoint}@%252e..%2fx%2Fy`);
    assert.equal(dataPlaneRequest({ ecosystem: 'maven', target, namespace: 'com.acme', name: 'greeting' }, endpoint, 't').url, `${endpoint}com/acme/greeting/maven-metadata.xml`);
  });
});
