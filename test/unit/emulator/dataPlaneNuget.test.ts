// The NuGet v3 side of the data plane over real HTTP, held against the NuGet server API documentation
// (learn.microsoft.com/nuget/api/*) since no .NET SDK installs on Debian 12 (and Debian's nuget 2.8.7 predates v3):
// service index, flat container (the docs' own `owin` sample answer), .nupkg/.nuspec, registrations, push, auth.
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../emulator/server';
import type { Seed } from '../../emulator/seed';
import { normalizeNugetVersion, nupkg, readNuspec } from '../../emulator/nugetPackage';
import { unzipSync } from 'fflate';

const OWNER = '111122223333';

const seed: Seed = {
  domains: [
    {
      name: 'acme',
      owner: OWNER,
      repositories: [
        { name: 'nuget-store', externalConnection: 'public:nuget-org' },
        { name: 'dotnet', upstreams: ['nuget-store'] },
      ],
    },
  ],
  packages: [
    {
      domain: 'acme',
      repository: 'dotnet',
      format: 'nuget',
      name: 'Acme.Core',
      versions: [
        { version: '1.0.0', publishedTime: '2025-01-01T00:00:00Z', summary: 'Core <lib>' },
        { version: '1.1.0-beta.2', publishedTime: '2025-02-01T00:00:00Z' },
        { version: '1.1.0-beta.10', publishedTime: '2025-02-02T00:00:00Z' },
        { version: '1.1.0', publishedTime: '2025-03-01T00:00:00Z', dependencies: { 'Newtonsoft.Json': '[13.0.1, )' } },
        { version: '2.0.0', status: 'Unlisted', publishedTime: '2025-04-01T00:00:00Z' },
        { version: '3.0.0', status: 'Archived', publishedTime: '2025-05-01T00:00:00Z' },
      ],
    },
  ],
  externalConnections: {
    // The versions of the docs' sample answer for owin, seeded out of order and partly not normalized.
    'public:nuget-org': [{ format: 'nuget', name: 'Owin', versions: [{ version: '1.0' }, { version: '0.12.0.0' }, { version: '0.5.0' }, { version: '0.7.0' }, { version: '0.14.0' }, { version: '0.11.0' }] }],
  },
};

interface ServiceIndex {
  version: string;
  resources: { '@id': string; '@type': string }[];
}

describe('emulator data plane: NuGet v3', () => {
  let emulator: Emulator;
  let auth: Record<string, string>;
  let base: string;
  let resources: Map<string, string>;

  before(async () => {
    emulator = await startEmulator({ seed, port: 0 });
    const domain = emulator.store.getDomain('acme', OWNER);
    assert.ok(domain);
    const token = emulator.store.issueToken(domain, 900).token;
    auth = { authorization: `Basic ${Buffer.from(`aws:${token}`).toString('base64')}` };
    base = `${emulator.endpoint}/acme-${OWNER}/nuget/dotnet`;
    const res = await fetch(`${base}/v3/index.json`, { headers: auth });
    const index = (await res.json()) as ServiceIndex;
    resources = new Map(index.resources.map((r) => [r['@type'], r['@id']]));
  });
  after(async () => {
    await emulator.stop();
  });

  const at = (type: string): string => {
    const id = resources.get(type);
    assert.ok(id, `the service index has ${type}`);
    return id;
  };

  it('answers the service index with schema 3.0.0 and the resources restore and push need', async () => {
    const res = await fetch(`${base}/v3/index.json`, { headers: auth });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    const index = (await res.json()) as ServiceIndex;
    assert.equal(index.version, '3.0.0');
    for (const type of ['PackageBaseAddress/3.0.0', 'PackagePublish/2.0.0', 'RegistrationsBaseUrl', 'RegistrationsBaseUrl/3.6.0']) assert.ok(resources.has(type), type);
    // Resource ids are absolute URLs; the base address ends with `/` (clients append `{id}/index.json`).
    assert.match(at('PackageBaseAddress/3.0.0'), /^http:\/\/127\.0\.0\.1:\d+\/.+\/$/);
    assert.equal((await fetch(`${base}/v3/index.json`, { method: 'HEAD', headers: auth })).status, 200, 'HEAD is allowed');
  });

  it('asks for Basic credentials first, as NuGet expects, and refuses a wrong token', async () => {
    const res = await fetch(`${base}/v3/index.json`);
    assert.equal(res.status, 401);
    assert.match(res.headers.get('www-authenticate') ?? '', /^Basic realm=/);
    const wrong = await fetch(`${base}/v3/index.json`, { headers: { authorization: `Basic ${Buffer.from('aws:nope').toString('base64')}` } });
    assert.equal(wrong.status, 401);
  });

  it('lists the docs\' sample versions for owin: lowercase id, normalized, in version order, through the external connection', async () => {
    const res = await fetch(`${at('PackageBaseAddress/3.0.0')}owin/index.json`, { headers: auth });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { versions: ['0.5.0', '0.7.0', '0.11.0', '0.12.0', '0.14.0', '1.0.0'] });
    // The id must be lowercased by the client (ToLowerInvariant); another case is not a URL of this API.
    assert.equal((await fetch(`${at('PackageBaseAddress/3.0.0')}Owin/index.json`, { headers: auth })).status, 404);
    assert.equal((await fetch(`${at('PackageBaseAddress/3.0.0')}no.such.package/index.json`, { headers: auth })).status, 404);
  });

  it('leaves Unlisted and Archived versions out of the list, orders pre-releases numerically, yet downloads the Unlisted one', async () => {
    const flat = at('PackageBaseAddress/3.0.0');
    const list = (await (await fetch(`${flat}acme.core/index.json`, { headers: auth })).json()) as { versions: string[] };
    assert.deepEqual(list.versions, ['1.0.0', '1.1.0-beta.2', '1.1.0-beta.10', '1.1.0']);
    assert.equal((await fetch(`${flat}acme.core/2.0.0/acme.core.2.0.0.nupkg`, { headers: auth })).status, 200);
    assert.equal((await fetch(`${flat}acme.core/3.0.0/acme.core.3.0.0.nupkg`, { headers: auth })).status, 404);
  });

  it('downloads the .nupkg (a zip with the nuspec at its root) and the .nuspec alone; the download is retained', async () => {
    const flat = at('PackageBaseAddress/3.0.0');
    const res = await fetch(`${flat}owin/1.0.0/owin.1.0.0.nupkg`, { headers: auth });
    assert.equal(res.status, 200);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    assert.ok(files['Owin.nuspec'], 'the nuspec keeps the id as published');
    const spec = readNuspec(Buffer.from(files['Owin.nuspec'] ?? new Uint8Array()).toString('utf8'));
    assert.equal(spec.id, 'Owin');
    const alone = await fetch(`${flat}owin/1.0.0/owin.nuspec`, { headers: auth });
    assert.equal(alone.status, 200);
    assert.equal(readNuspec(await alone.text()).version, spec.version);
    const domain = emulator.store.getDomain('acme', OWNER);
    const kept = domain?.repositories.get('dotnet')?.packages;
    assert.ok([...(kept?.values() ?? [])].some((p) => p.name === 'owin' && p.displayName === 'Owin'), 'stored lowercase, displayName as published');
    // Wrong file names are 404s, not another package's bytes.
    assert.equal((await fetch(`${flat}owin/1.0.0/acme.core.1.0.0.nupkg`, { headers: auth })).status, 404);
  });

  it('serves a registration index with inlined leaves (lower/upper, catalogEntry, packageContent) and a leaf', async () => {
    const reg = at('RegistrationsBaseUrl/3.6.0');
    const res = await fetch(`${reg}acme.core/index.json`, { headers: auth });
    assert.equal(res.status, 200);
    const doc = (await res.json()) as {
      count: number;
      items: { count: number; lower: string; upper: string; items: { catalogEntry: { id: string; version: string; listed: boolean; description: string; dependencyGroups: { dependencies: { id: string; range: string }[] }[] }; packageContent: string }[] }[];
    };
    assert.equal(doc.count, 1);
    const page = doc.items[0];
    assert.ok(page);
    assert.equal(page.count, 4);
    assert.equal(page.lower, '1.0.0');
    assert.equal(page.upper, '1.1.0');
    const leaf = page.items.find((i) => i.catalogEntry.version === '1.1.0');
    assert.equal(leaf?.catalogEntry.id, 'Acme.Core');
    assert.deepEqual(leaf?.catalogEntry.dependencyGroups[0]?.dependencies, [{ id: 'Newtonsoft.Json', range: '[13.0.1, )' }]);
    assert.equal((await fetch(leaf?.packageContent ?? '', { headers: auth })).status, 200);
    const single = (await (await fetch(`${reg}acme.core/1.0.0.json`, { headers: auth })).json()) as { listed: boolean; packageContent: string };
    assert.equal(single.listed, true);
    const unlisted = (await (await fetch(`${reg}acme.core/2.0.0.json`, { headers: auth })).json()) as { listed: boolean };
    assert.equal(unlisted.listed, false);
  });

  it('pushes a .nupkg by multipart PUT (201), normalizes its version, refuses the same version again (409)', async () => {
    const pkgBytes = nupkg({ id: 'Acme.Pushed', version: '1.00.0.0+build.7', dependencies: {} });
    const push = async (): Promise<Response> => {
      const form = new FormData();
      form.append('package', new Blob([pkgBytes]), 'package.nupkg');
      return fetch(at('PackagePublish/2.0.0'), { method: 'PUT', headers: { ...auth, 'X-NuGet-ApiKey': 'ignored' }, body: form });
    };
    assert.equal((await push()).status, 201);
    const list = await (await fetch(`${at('PackageBaseAddress/3.0.0')}acme.pushed/index.json`, { headers: auth })).json();
    assert.deepEqual(list, { versions: ['1.0.0'] });
    assert.equal((await push()).status, 409);
    // Not a package: a clear 400, and nothing stored.
    const form = new FormData();
    form.append('package', new Blob([Buffer.from('not a zip')]), 'package.nupkg');
    assert.equal((await fetch(at('PackagePublish/2.0.0'), { method: 'PUT', headers: auth, body: form })).status, 400);
    assert.equal((await fetch(at('PackagePublish/2.0.0'), { method: 'PUT', headers: auth, body: 'x' })).status, 400);
    assert.equal((await fetch(at('PackagePublish/2.0.0'), { method: 'PUT', body: form })).status, 401, 'no credentials, no push');
  });

  it('normalizes versions as the NuGet docs\' examples say (CodeArtifact repeats them)', () => {
    const cases: [string, string | undefined][] = [
      ['1.00', '1.0.0'],
      ['1.01.1', '1.1.1'],
      ['1.00.0.1', '1.0.0.1'],
      ['1.0.0.0', '1.0.0'],
      ['1.0.01.0', '1.0.1'],
      ['1.0.7+r3456', '1.0.7'],
      ['1.0.0-Beta', '1.0.0-Beta'],
      ['not-a-version', undefined],
    ];
    for (const [input, want] of cases) assert.equal(normalizeNugetVersion(input), want, input);
  });
});
