// Answers that are cut off, not JSON, of the wrong types or enormous (issue #7), from the real emulator over
// HTTP, seen through the real SdkCodeArtifactApi, the real VersionSource and the explorer model: every call
// settles (hang guard), fails with a typed error a person can act on or degrades on purpose, sends a bounded
// number of requests (emulator stats) and keeps memory bounded for enormous answers. Never timed.
import assert from 'node:assert/strict';
import { SdkCodeArtifactApi, type Page } from '../../src/aws/codeArtifactApi';
import { CodeArtifactError, type BadResponseReason } from '../../src/aws/errors';
import { DomainNode, ExplorerModel, FormatNode, MessageNode, NamespaceNode, PackageNode, RepositoryNode, VersionNode, type ExplorerNode } from '../../src/explorer/model';
import type { RepositoryTarget } from '../../src/versions/repositoryResolver';
import { VersionLookupError, VersionSource, type PackageQuery, type PackageVersions } from '../../src/versions/versionSource';
import { startEmulator, type Emulator } from '../emulator/server';
import { tokenGetterFor } from '../unit/fakes';
import { OWNER, OWNER_KEY, REGION, versionsSeed } from '../unit/versions/versionsSeed';

const SECRET = 'malformed-test-secret';
const MAX_ATTEMPTS = 3;
/** Far above what a bounded reader needs (tens of MB), far below what reading an endless body costs. */
const MEMORY_BOUND = 300 * 1024 * 1024;

/** Settles or fails the test: a call that hangs is a bug of its own. */
async function settle<T>(p: Promise<T>, ms = 60_000): Promise<{ value?: T; error?: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Error(`did not settle within ${ms} ms`);
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(hang), ms);
  });
  try {
    return { value: await Promise.race([p, guard]) };
  } catch (error) {
    if (error === hang) assert.fail(hang.message);
    return { error };
  } finally {
    clearTimeout(timer);
  }
}

/** Heap plus Buffers; the peak over the call, sampled, against the level before it. Rough, as intended. */
async function peakGrowth<T>(run: () => Promise<T>): Promise<{ result: T; growth: number }> {
  const used = (): number => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const base = used();
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, used())), 5);
  try {
    const result = await run();
    peak = Math.max(peak, used());
    return { result, growth: peak - base };
  } finally {
    clearInterval(timer);
  }
}

/** Polls a condition the emulator reaches on its own; mocha's timeout catches it never happening. */
async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000; i += 1) {
    if (cond()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.fail(`never happened: ${what}`);
}

/** A badResponse with the reason, and a message that says what to do and leaks nothing. */
function expectBadResponse(error: unknown, reason: BadResponseReason, detail: RegExp, label: string): void {
  assert.ok(error instanceof CodeArtifactError, `${label}: expected a CodeArtifactError, got ${String(error)}`);
  assert.equal(error.kind, 'badResponse', `${label}: ${error.message}`);
  assert.ok(error.detail.kind === 'badResponse' && error.detail.reason === reason, `${label}: ${JSON.stringify(error.detail)}`);
  assert.match(error.message, /^CodeArtifact at http:\/\/127\.0\.0\.1:\d+ sent an answer to codeartifact:\w+ that could not be read \(/, label);
  assert.match(error.message, detail, label);
  assert.match(error.message, /Try again; if it persists, check your proxy or VPC endpoint \(the codeartifact\.endpoint setting\)\.$/, label);
  assert.doesNotMatch(error.message, new RegExp(`${SECRET}|\\[object Object\\]|undefined|TypeError|Cannot read`), label);
  assert.ok(error.message.length < 400, `${label}: short enough for a notification (${error.message.length})`);
}

type ControlOp = 'ListPackages' | 'ListRepositoriesInDomain' | 'ListPackageVersions' | 'GetAuthorizationToken';
const CONTROL_OPS: ControlOp[] = ['ListPackages', 'ListRepositoriesInDomain', 'ListPackageVersions', 'GetAuthorizationToken'];
/** Page sizes asked for, and what the seed holds: ListPackages 5 of 41 npm packages, 4 repositories, ui-kit's 3 versions. */
const ASKED: Record<Exclude<ControlOp, 'GetAuthorizationToken'>, number> = { ListPackages: 5, ListRepositoriesInDomain: 10, ListPackageVersions: 10 };
const REAL_PAGE: Record<Exclude<ControlOp, 'GetAuthorizationToken'>, number> = { ListPackages: 5, ListRepositoriesInDomain: 4, ListPackageVersions: 3 };

function callControl(api: SdkCodeArtifactApi, op: ControlOp): Promise<Page<unknown> | { token: string }> {
  switch (op) {
    case 'ListPackages':
      return api.listPackages({ domain: 'acme', repository: 'shared' }, { format: 'npm' }, { maxResults: ASKED.ListPackages });
    case 'ListRepositoriesInDomain':
      return api.listRepositories({ name: 'acme' }, { maxResults: ASKED.ListRepositoriesInDomain });
    case 'ListPackageVersions':
      return api.listPackageVersions({ domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', package: 'ui-kit' }, { maxResults: ASKED.ListPackageVersions });
    case 'GetAuthorizationToken':
      return api.getAuthorizationToken({ name: 'acme' });
  }
}

describe('malformed answers from CodeArtifact (issue #7)', function () {
  let emu: Emulator;
  let api: SdkCodeArtifactApi;
  const warnings: string[] = [];

  before(async () => {
    emu = await startEmulator({ seed: versionsSeed(), port: 0 });
    api = new SdkCodeArtifactApi({
      region: REGION,
      endpoint: emu.endpoint,
      credentials: { accessKeyId: OWNER_KEY, secretAccessKey: SECRET },
      maxAttempts: MAX_ATTEMPTS,
      onWarning: (m) => warnings.push(m),
    });
  });
  after(async () => {
    api.dispose();
    await emu.stop();
  });
  beforeEach(() => {
    emu.setFaults(undefined);
    emu.resetStats();
    warnings.length = 0;
  });

  describe('control plane through SdkCodeArtifactApi', () => {
    /** One fault on one operation: the outcome, after checking that it settled and what it cost. */
    async function run(fault: string, op: ControlOp): Promise<{ value?: Page<unknown> | { token: string }; error?: unknown; growth: number }> {
      emu.setFaults(`${fault}/ops=${op}`);
      emu.resetStats();
      const { result, growth } = await peakGrowth(() => settle(callControl(api, op)));
      assert.ok(emu.stats.requests >= 1 && emu.stats.requests <= MAX_ATTEMPTS, `${fault} ${op}: ${emu.stats.requests} requests`);
      await until(() => emu.stats.inFlight === 0, `${fault} ${op}: the emulator is done with the request`);
      return { ...result, growth };
    }

    for (const chunked of [false, true]) {
      const fault = chunked ? 'truncate/chunked=1' : 'truncate';
      it(`${fault}: every operation → badResponse "cut off", retried up to maxAttempts (${MAX_ATTEMPTS}) and no more`, async () => {
        for (const op of CONTROL_OPS) {
          const { error } = await run(fault, op);
          expectBadResponse(error, 'truncated', /\(the answer was cut off\)/, `${fault} ${op}`);
          assert.equal(emu.stats.requests, MAX_ATTEMPTS, `${op}: a cut-off answer is retried like a reset`);
          assert.equal(emu.stats.faults.truncate, MAX_ATTEMPTS);
        }
      });
    }

    it('garbage: a proxy error page → badResponse "not the JSON it should be", one request (not retried)', async () => {
      for (const op of CONTROL_OPS) {
        const { error } = await run('garbage', op);
        expectBadResponse(error, 'unreadable', /\(the answer is not the JSON it should be\)/, `garbage ${op}`);
        assert.equal(emu.stats.requests, 1);
      }
    });

    it('mistype (fields): lists keep their readable entries, count and log the rest, and stop paging; a token of the wrong type is refused', async () => {
      for (const op of CONTROL_OPS) {
        warnings.length = 0;
        const { value, error } = await run('mistype', op);
        assert.equal(emu.stats.requests, 1);
        if (op === 'GetAuthorizationToken') {
          expectBadResponse(error, 'mistyped', /wrong shape: authorizationToken is not a string/, op);
          continue;
        }
        assert.equal(error, undefined, `${op}: ${String(error)}`);
        const page = value as Page<unknown>;
        // The emulator retypes the first entry, drops the second's name and adds a null and a string.
        assert.equal(page.items.length, REAL_PAGE[op] - 2, `${op}: ${JSON.stringify(page.items)}`);
        assert.equal(page.dropped, 4);
        assert.equal(page.nextToken, undefined, 'a numeric nextToken ends the listing');
        assert.ok(warnings.some((w) => w.startsWith(`${op}: left out 4 of`)), warnings.join('\n'));
        assert.ok(warnings.some((w) => w === `${op}: ignored a nextToken that is a number; the listing ends here.`), warnings.join('\n'));
        const nameKey = op === 'ListPackageVersions' ? 'version' : 'name';
        for (const item of page.items) assert.equal(typeof (item as Record<string, unknown>)[nameKey], 'string', JSON.stringify(item));
      }
    });

    it('mistype (lists): a list of the wrong type → badResponse naming it; a timestamp of the wrong type → the SDK check, mapped', async () => {
      const keys: Record<ControlOp, RegExp> = {
        ListPackages: /wrong shape: "packages" is not a list/,
        ListRepositoriesInDomain: /wrong shape: "repositories" is not a list/,
        ListPackageVersions: /wrong shape: "versions" is not a list/,
        GetAuthorizationToken: /wrong shape: Expected real number/,
      };
      for (const op of CONTROL_OPS) {
        const { error } = await run('mistype/shape=lists', op);
        expectBadResponse(error, 'mistyped', keys[op], `mistype/lists ${op}`);
        assert.equal(emu.stats.requests, 1);
      }
    });

    it('enormous (100,000 items and a 10 MiB nextToken): badResponse "too large", one request, memory bounded', async () => {
      for (const op of CONTROL_OPS) {
        const { error, growth } = await run('enormous', op);
        const detail = op === 'GetAuthorizationToken' ? /too large: an authorization token of 10485760 characters/ : /too large: more than 16 MiB/;
        expectBadResponse(error, 'tooLarge', detail, `enormous ${op}`);
        assert.equal(emu.stats.requests, 1, 'not retried');
        assert.ok(growth < MEMORY_BOUND, `${op}: memory grew by ${Math.round(growth / 1e6)} MB`);
      }
    });

    it('enormous/endless: a body that never ends is cut at the size limit; the emulator sees the client go', async () => {
      for (const op of CONTROL_OPS) {
        const { error, growth } = await run('enormous/endless=1', op);
        expectBadResponse(error, 'tooLarge', /too large: more than 16 MiB/, `endless ${op}`);
        assert.equal(emu.stats.requests, 1);
        assert.ok(growth < MEMORY_BOUND, `${op}: memory grew by ${Math.round(growth / 1e6)} MB`);
      }
    });

    it('a page of 100,000 items when 5-10 were asked: cut to the page size, the rest counted', async () => {
      for (const op of CONTROL_OPS) {
        const { value, error, growth } = await run('enormous/size=0', op);
        assert.ok(growth < MEMORY_BOUND, `${op}: memory grew by ${Math.round(growth / 1e6)} MB`);
        if (op === 'GetAuthorizationToken') {
          expectBadResponse(error, 'mistyped', /no authorizationToken/, op);
          continue;
        }
        const page = value as Page<unknown>;
        assert.equal(page.items.length, ASKED[op]);
        assert.equal(page.dropped, 100_000 - ASKED[op]);
        assert.equal(page.nextToken, undefined);
      }
    });

    it('a 10 MiB nextToken: the listing ends there, with a warning, instead of sending it back', async () => {
      for (const op of CONTROL_OPS) {
        warnings.length = 0;
        const { value, error } = await run('enormous/items=0/size=10', op);
        if (op === 'GetAuthorizationToken') {
          expectBadResponse(error, 'tooLarge', /an authorization token of 10485760 characters/, op);
          continue;
        }
        assert.deepEqual(value, { items: [] });
        assert.deepEqual(warnings, [`${op}: ignored a nextToken that is 10485760 characters long; the listing ends here.`]);
        assert.equal(emu.stats.requests, 1, 'the token was not sent back');
      }
    });

    it('after any of these faults the same client works again', async () => {
      emu.setFaults(undefined);
      const page = await api.listPackages({ domain: 'acme', repository: 'shared' }, { format: 'npm' }, { maxResults: 5 });
      assert.equal(page.items.length, 5);
      assert.ok(page.nextToken);
      assert.equal(page.dropped, undefined);
    });
  });

  describe('data plane through VersionSource', () => {
    const base = { domain: 'acme', owner: OWNER, repository: 'shared', source: 'test' } as const;
    const queries: Record<'npm' | 'pypi' | 'maven', PackageQuery> = {
      npm: { ecosystem: 'npm', target: { ...base, format: 'npm' } satisfies RepositoryTarget, namespace: 'acme', name: 'ui-kit' },
      pypi: { ecosystem: 'pypi', target: { ...base, format: 'pypi' } satisfies RepositoryTarget, name: 'acme-utils' },
      maven: { ecosystem: 'maven', target: { ...base, format: 'maven' } satisfies RepositoryTarget, namespace: 'com.acme', name: 'greeting' },
    };
    const getters: { dispose(): void }[] = [];
    after(() => getters.forEach((g) => g.dispose()));

    /** A fresh source (no cache) with endpoint and token fetched ahead: the lookup is then exactly two requests. */
    async function run(fault: string, ecosystem: keyof typeof queries): Promise<{ value?: PackageVersions; error?: unknown; growth: number }> {
      const getToken = tokenGetterFor(() => api);
      getters.push(getToken);
      const source = new VersionSource({ api: () => api, getToken, connection: () => ({ region: REGION, endpoint: emu.endpoint }) });
      await source.prepare(queries[ecosystem].target);
      emu.setFaults(`${fault}/ops=${ecosystem}:*`);
      emu.resetStats();
      const { result, growth } = await peakGrowth(() => settle(source.get(queries[ecosystem])));
      assert.equal(emu.stats.requests, 2, `${fault} ${ecosystem}: one data-plane request and one ListPackageVersions`);
      await until(() => emu.stats.inFlight === 0, `${fault} ${ecosystem}: the emulator is done with the request`);
      return { ...result, growth };
    }

    /**
     * The data plane's failure. These packages are the repository's own, so it comes as a partial answer: the control
     * plane's versions, none claimed installable, and the failure's message, not an exception.
     */
    function expectIndexFailure(result: { value?: PackageVersions; error?: unknown }, kind: VersionLookupError['kind'], detail: RegExp, label: string): void {
      assert.equal(result.error, undefined, `${label}: ${String(result.error)}`);
      const partial = result.value?.partial;
      assert.ok(partial?.missing === 'index', `${label}: expected a partial answer, got ${JSON.stringify(partial)}`);
      assert.equal(partial.kind, kind, `${label}: ${partial.reason}`);
      assert.match(partial.reason, detail, label);
      assert.doesNotMatch(partial.reason, /TypeError|Cannot read|undefined|\[object Object\]/, label);
      assert.ok(result.value && result.value.versions.length > 0 && result.value.versions.every((v) => !v.installable), `${label}: the own versions, none installable`);
      assert.equal(result.value.latest, undefined, label);
    }

    for (const fault of ['truncate', 'truncate/chunked=1']) {
      it(`${fault}: badResponse "cut off" for npm, PyPI and Maven`, async () => {
        for (const ecosystem of ['npm', 'pypi', 'maven'] as const) {
          expectIndexFailure(await run(fault, ecosystem), 'badResponse', /: the repository's answer was cut off\. Try again; if it persists, check your proxy\.$/, `${fault} ${ecosystem}`);
        }
      });
    }

    it('garbage: badResponse "could not be read" for npm, PyPI and Maven', async () => {
      const why = { npm: /\(it is not JSON\)/, pypi: /\(it is not JSON\)/, maven: /\(its root element is <html>, not <metadata>\)/ };
      for (const ecosystem of ['npm', 'pypi', 'maven'] as const) {
        expectIndexFailure(await run('garbage', ecosystem), 'badResponse', why[ecosystem], `garbage ${ecosystem}`);
      }
    });

    it('mistype (fields): npm and PyPI keep the readable versions; Maven metadata with a DOCTYPE is refused, its entity never expanded', async () => {
      const npm = await run('mistype', 'npm');
      assert.equal(npm.error, undefined, String(npm.error));
      // 2.1.0's manifest came as null: no longer installable; the latest tag came as a number: ignored.
      assert.deepEqual(npm.value?.versions.map((v) => `${v.version}:${v.status}:${v.installable}`), ['2.4.1:Published:true', '2.1.0:Published:false', '2.0.0:Unlisted:false', '1.0.0:Archived:false']);
      assert.deepEqual(npm.value?.distTags, {});
      assert.ok(npm.value?.versions.every((v) => v.publishedTime === undefined), 'numeric times ignored');
      const pypi = await run('mistype', 'pypi');
      assert.deepEqual(pypi.value?.versions.map((v) => `${v.version}:${v.installable}`), ['1.1.0:true', '1.0.0:true', '0.9.0:false']);
      const maven = await run('mistype', 'maven');
      expectIndexFailure(maven, 'badResponse', /\(it declares a DOCTYPE, which is refused\)/, 'mistype maven');
      assert.doesNotMatch(maven.value?.partial?.reason ?? '', /expanded-entity/);
    });

    it('mistype (lists): npm `versions` as an array and PyPI `files` as an object → badResponse (partial); odd Maven structure → nothing installable', async () => {
      expectIndexFailure(await run('mistype/shape=lists', 'npm'), 'badResponse', /\(its "versions" is not an object\)/, 'lists npm');
      expectIndexFailure(await run('mistype/shape=lists', 'pypi'), 'badResponse', /\(its "files" is not a list\)/, 'lists pypi');
      const maven = await run('mistype/shape=lists', 'maven');
      assert.equal(maven.error, undefined, String(maven.error));
      assert.deepEqual(maven.value?.versions.map((v) => `${v.version}:${v.installable}`), ['2.0:false', '1.1:false', '1.0:false'], 'only the control plane’s versions');
      assert.equal(maven.value?.latest, undefined);
    });

    for (const fault of ['enormous', 'enormous/endless=1']) {
      it(`${fault}: tooLarge past 32 MiB for npm (~60 MiB packument), PyPI and Maven; memory bounded`, async () => {
        for (const ecosystem of ['npm', 'pypi', 'maven'] as const) {
          const result = await run(fault, ecosystem);
          expectIndexFailure(result, 'tooLarge', /: the repository's answer is larger than 32 MiB; it was not read\.$/, `${fault} ${ecosystem}`);
          const { growth } = result;
          assert.ok(growth < MEMORY_BOUND, `${ecosystem}: memory grew by ${Math.round(growth / 1e6)} MB`);
        }
      });
    }
  });

  describe('the explorer model given malformed pages', () => {
    const model = (): ExplorerModel =>
      new ExplorerModel({ api: () => api, extraDomains: () => [], pageSizes: { domains: 100, repositories: 100, packages: 100, versions: 50 } });
    /** Every node renders: a TypeError in view() would break the whole tree. */
    const views = (nodes: ExplorerNode[]): string[] => nodes.map((n) => `${n.constructor.name}:${n.view().label}`);
    const find = async <T extends ExplorerNode>(m: ExplorerModel, parent: ExplorerNode | undefined, kind: abstract new (...a: never[]) => T, label: string): Promise<T> => {
      const found = (await m.getChildren(parent)).find((n): n is T => n instanceof kind && n.view().label === label);
      assert.ok(found, `no ${kind.name} "${label}"`);
      return found;
    };

    it('a list of the wrong type or a proxy page → one error row naming the problem, not an exception', async () => {
      for (const fault of ['mistype/shape=lists/ops=ListRepositoriesInDomain', 'garbage/ops=ListRepositoriesInDomain', 'truncate/ops=ListRepositoriesInDomain']) {
        const m = model();
        const acme = await find(m, undefined, DomainNode, 'acme');
        emu.setFaults(fault);
        const children = await settle(m.getChildren(acme));
        assert.equal(children.error, undefined, `${fault}: getChildren threw ${String(children.error)}`);
        const rows = children.value ?? [];
        assert.equal(rows.length, 1, views(rows).join(', '));
        const row = rows[0];
        assert.ok(row instanceof MessageNode && row.error?.kind === 'badResponse', views(rows).join(', '));
        // Why first (short, for a narrow sidebar), what failed next; the whole message is the tooltip.
        assert.equal(row.view().label, 'Unreadable answer');
        assert.equal(row.view().description, 'could not load repositories');
        assert.match(row.view().tooltip ?? '', /could not be read/);
        assert.equal(row.view().contextValue, 'error.badResponse');
        emu.setFaults(undefined);
      }
    });

    it('entries of the wrong type → the readable nodes plus an info row counting the rest', async () => {
      const m = model();
      const acme = await find(m, undefined, DomainNode, 'acme');
      const shared = await find(m, acme, RepositoryNode, 'shared');
      emu.setFaults('mistype/ops=ListPackages+ListPackageVersions+DescribeRepository');
      const formats = await m.getChildren(shared);
      assert.ok(formats.some((n) => n instanceof FormatNode && n.format === 'npm'), `npm still shown: ${views(formats).join(', ')}`);
      const npm = formats.find((n): n is FormatNode => n instanceof FormatNode && n.format === 'npm');
      assert.ok(npm);
      const level = await m.getChildren(npm);
      const scope = level.find((n): n is NamespaceNode => n instanceof NamespaceNode && n.namespace === 'acme');
      assert.ok(scope, views(level).join(', '));
      const packages = await m.getChildren(scope);
      const info = packages.filter((n) => n instanceof MessageNode);
      assert.equal(info.length, 1, views(packages).join(', '));
      assert.match(info[0]?.view().label ?? '', /^4 unreadable entries$/);
      assert.match(info[0]?.view().tooltip ?? '', /4 entries CodeArtifact sent could not be read/);
      const uiKit = packages.find((n): n is PackageNode => n instanceof PackageNode && n.pkg.name === 'ui-kit');
      assert.ok(uiKit, views(packages).join(', '));
      const versions = await m.getChildren(uiKit);
      assert.deepEqual(views(versions.filter((n) => n instanceof VersionNode)).length, 1, views(versions).join(', '));
      assert.ok(versions.some((n) => n instanceof MessageNode && n.view().label === '4 unreadable entries'), views(versions).join(', '));
      assert.ok(!versions.some((n) => n.view().contextValue === 'loadMore'), 'a numeric nextToken offers no Load more');
    });
  });
});
