// The Swift package registry side of the data plane over real HTTP, held against the Swift Package Registry Service
// specification (swift-package-manager Documentation/PackageRegistry/Registry.md, SE-0292) since no Swift toolchain
// installs on Debian 12: its `mona.LinkedList` examples, content negotiation and problem details, publish.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { startEmulator, type Emulator } from '../../emulator/server';
import type { Seed } from '../../emulator/seed';

const OWNER = '111122223333';
const V1 = 'application/vnd.swift.registry.v1+json';

const seed: Seed = {
  domains: [{ name: 'acme', owner: OWNER, repositories: [{ name: 'swift-repo' }] }],
  packages: [
    {
      domain: 'acme',
      repository: 'swift-repo',
      format: 'swift',
      namespace: 'mona',
      name: 'LinkedList',
      versions: [
        { version: '1.0.0', publishedTime: '2023-01-01T00:00:00Z' },
        { version: '1.1.0', status: 'Archived', publishedTime: '2023-02-01T00:00:00Z' },
        { version: '1.1.1', publishedTime: '2023-02-16T04:00:00Z' },
      ],
    },
  ],
};

describe('emulator data plane: Swift package registry', () => {
  let emulator: Emulator;
  let base: string;
  let auth: Record<string, string>;

  before(async () => {
    emulator = await startEmulator({ seed, port: 0 });
    const domain = emulator.store.getDomain('acme', OWNER);
    assert.ok(domain);
    const token = emulator.store.issueToken(domain, 900).token;
    // What `aws codeartifact login --tool swift` puts in ~/.netrc: login `token`, the token as password.
    auth = { authorization: `Basic ${Buffer.from(`token:${token}`).toString('base64')}` };
    base = `${emulator.endpoint}/acme-${OWNER}/swift/swift-repo`;
  });
  after(async () => {
    await emulator.stop();
  });

  it('lists releases as §4.1 shows: newest first, an unavailable one with a problem, Link latest-version, Content-Version 1', async () => {
    const res = await fetch(`${base}/mona/LinkedList`, { headers: { ...auth, accept: V1 } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-version'), '1');
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(res.headers.get('link'), `<${base}/mona/LinkedList/1.1.1>; rel="latest-version"`);
    const doc = (await res.json()) as { releases: Record<string, { url: string; problem?: { status: number } }> };
    assert.deepEqual(Object.keys(doc.releases), ['1.1.1', '1.1.0', '1.0.0']);
    assert.equal(doc.releases['1.1.0']?.problem?.status, 410);
    assert.equal(doc.releases['1.1.1']?.url, `${base}/mona/LinkedList/1.1.1`);
    // Scopes and names are case-insensitive (§3.6); `.json` may be appended.
    assert.equal((await fetch(`${base}/MONA/linkedlist.json`, { headers: { ...auth, accept: V1 } })).status, 200);
  });

  it('serves release metadata whose checksum is the archive\'s SHA-256, the archive with Digest, and Package.swift', async () => {
    const meta = (await (await fetch(`${base}/mona/LinkedList/1.1.1`, { headers: { ...auth, accept: V1 } })).json()) as { id: string; version: string; resources: { name: string; type: string; checksum: string }[]; publishedAt: string };
    assert.equal(meta.id, 'mona.LinkedList');
    assert.equal(meta.version, '1.1.1');
    assert.equal(meta.publishedAt, '2023-02-16T04:00:00.000Z');
    const [resource] = meta.resources;
    assert.equal(resource?.name, 'source-archive');
    assert.equal(resource?.type, 'application/zip');
    const zip = await fetch(`${base}/mona/LinkedList/1.1.1.zip`, { headers: { ...auth, accept: 'application/vnd.swift.registry.v1+zip' } });
    assert.equal(zip.status, 200);
    assert.equal(zip.headers.get('content-type'), 'application/zip');
    assert.equal(zip.headers.get('content-disposition'), 'attachment; filename="LinkedList-1.1.1.zip"');
    const bytes = Buffer.from(await zip.arrayBuffer());
    assert.equal(createHash('sha256').update(bytes).digest('hex'), resource?.checksum);
    assert.equal(zip.headers.get('digest'), `sha-256=${createHash('sha256').update(bytes).digest('base64')}`);
    const manifest = await fetch(`${base}/mona/LinkedList/1.1.1/Package.swift`, { headers: { ...auth, accept: 'application/vnd.swift.registry.v1+swift' } });
    assert.equal(manifest.headers.get('content-type'), 'text/x-swift');
    assert.match(await manifest.text(), /^\/\/ swift-tools-version:/);
    // §4.3.1: no Package@swift-4.2.swift → 303 to the unqualified manifest.
    const redirect = await fetch(`${base}/mona/LinkedList/1.1.1/Package.swift?swift-version=4.2`, { headers: auth, redirect: 'manual' });
    assert.equal(redirect.status, 303);
    assert.equal(redirect.headers.get('location'), `${base}/mona/LinkedList/1.1.1/Package.swift`);
    assert.equal((await fetch(`${base}/mona/LinkedList/1.1.0`, { headers: { ...auth, accept: V1 } })).status, 404, 'an Archived release does not download');
  });

  it('negotiates the API version as §3.5 says: 400 for an invalid one, 415 for an unsupported one, as problem details', async () => {
    const bad = await fetch(`${base}/mona/LinkedList`, { headers: { ...auth, accept: 'application/vnd.swift.registry.vx+json' } });
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('content-type'), 'application/problem+json');
    assert.equal(((await bad.json()) as { detail: string }).detail, 'invalid API version');
    const v2 = await fetch(`${base}/mona/LinkedList`, { headers: { ...auth, accept: 'application/vnd.swift.registry.v2+json' } });
    assert.equal(v2.status, 415);
    assert.equal(((await v2.json()) as { detail: string }).detail, 'unsupported API version');
    const missing = await fetch(`${base}/mona/Nope`, { headers: { ...auth, accept: V1 } });
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('content-type'), 'application/problem+json');
    assert.equal((await fetch(`${base}/mona/LinkedList`)).status, 401, 'no credentials');
  });

  it('publishes a release (201, Location), refuses the same version (409), a non-SemVer version and an archive without Package.swift; looks identifiers up', async () => {
    const archive = Buffer.from(zipSync({ 'Greeter/Package.swift': strToU8('// swift-tools-version:5.9\nimport PackageDescription\nlet package = Package(name: "Greeter")\n') }));
    const put = (version: string, data: Buffer): Promise<Response> => {
      const form = new FormData();
      form.append('source-archive', new Blob([data], { type: 'application/zip' }), 'Greeter.zip');
      form.append('metadata', JSON.stringify({ repositoryURLs: ['https://github.com/acme/Greeter.git'], description: 'Says hello' }));
      return fetch(`${base}/acme/Greeter/${version}`, { method: 'PUT', headers: { ...auth, accept: V1 }, body: form });
    };
    const created = await put('1.0.0', archive);
    assert.equal(created.status, 201);
    assert.equal(created.headers.get('location'), `${base}/acme/Greeter/1.0.0`);
    assert.equal((await put('1.0.0', archive)).status, 409);
    assert.equal((await put('1.0', archive)).status, 400);
    assert.equal((await put('2.0.0', Buffer.from(zipSync({ 'README.md': strToU8('x') })))).status, 422);
    const zip = Buffer.from(await (await fetch(`${base}/acme/Greeter/1.0.0.zip`, { headers: auth })).arrayBuffer());
    assert.deepEqual(Object.keys(unzipSync(new Uint8Array(zip))), ['Greeter/Package.swift'], 'the archive as published');
    const ids = await fetch(`${base}/identifiers?url=https://github.com/acme/Greeter`, { headers: { ...auth, accept: V1 } });
    assert.deepEqual(await ids.json(), { identifiers: ['acme.greeter'] });
    assert.equal((await fetch(`${base}/identifiers`, { headers: auth })).status, 400);
    assert.equal((await fetch(`${base}/login`, { method: 'POST', headers: auth })).status, 200);
  });
});
