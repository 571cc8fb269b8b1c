// The Maven side of the data plane over real HTTP: the challenge, files and checksums, generated metadata,
// PUT publishing, and external connections backed by a directory.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareMavenVersions } from '../../emulator/dataPlane/maven';
import { startEmulator, type Emulator } from '../../emulator/server';
import type { Seed } from '../../emulator/seed';

const OWNER = '111122223333';

describe('emulator data plane: Maven', () => {
  let emulator: Emulator;
  let dir: string;
  let auth: Record<string, string>;
  let base: string;

  before(async () => {
    // A tiny "Maven Central" on disk: org.example:lib 1.0 and 1.1 (1.1 with a pom only).
    dir = await mkdtemp(join(tmpdir(), 'ca-maven-dir-'));
    for (const [v, files] of [
      ['1.0', ['lib-1.0.pom', 'lib-1.0.jar']],
      ['1.1', ['lib-1.1.pom']],
    ] as const) {
      await mkdir(join(dir, 'org/example/lib', v), { recursive: true });
      for (const f of files) await writeFile(join(dir, 'org/example/lib', v, f), `contents of ${f}\n`);
    }
    await writeFile(join(dir, 'org/example/maven-metadata.xml'), '<metadata><plugins/></metadata>\n');
    const seed: Seed = {
      domains: [
        {
          name: 'acme',
          owner: OWNER,
          repositories: [
            { name: 'central', externalConnection: 'public:maven-central' },
            { name: 'maven-shared', upstreams: ['central'] },
            { name: 'isolated' },
          ],
        },
      ],
      packages: [
        {
          domain: 'acme',
          repository: 'maven-shared',
          format: 'maven',
          namespace: 'com.acme',
          name: 'greeting',
          versions: [
            { version: '1.0.0', publishedTime: '2025-01-01T00:00:00Z', dependencies: { 'org.example:lib': '1.0' } },
            { version: '1.10.0', publishedTime: '2025-03-01T00:00:00Z' },
            { version: '1.2.0', publishedTime: '2025-02-01T00:00:00Z' },
            { version: '1.3.0', status: 'Archived', publishedTime: '2025-04-01T00:00:00Z' },
          ],
        },
      ],
      mavenDirectories: { 'public:maven-central': [dir] },
    };
    emulator = await startEmulator({ seed, port: 0 });
    const domain = emulator.store.getDomain('acme', OWNER);
    assert.ok(domain);
    const token = emulator.store.issueToken(domain, 900).token;
    auth = { authorization: `Basic ${Buffer.from(`aws:${token}`).toString('base64')}` };
    base = `${emulator.endpoint}/acme-${OWNER}/maven/maven-shared`;
  });
  after(async () => {
    await emulator.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('challenges a request without credentials with its own Basic WWW-Authenticate line', async () => {
    const res = await fetch(`${base}/com/acme/greeting/1.0.0/greeting-1.0.0.pom`);
    assert.equal(res.status, 401);
    assert.equal(res.headers.get('www-authenticate'), `Basic realm="acme-${OWNER}/maven-shared"`);
    const wrong = await fetch(`${base}/com/acme/greeting/1.0.0/greeting-1.0.0.pom`, { headers: { authorization: `Basic ${Buffer.from('aws:nope').toString('base64')}` } });
    assert.equal(wrong.status, 401);
  });

  it('serves the pom (with its dependencies), the jar and checksums that match them', async () => {
    const pom = await fetch(`${base}/com/acme/greeting/1.0.0/greeting-1.0.0.pom`, { headers: auth });
    assert.equal(pom.status, 200);
    const pomText = await pom.text();
    assert.match(pomText, /<artifactId>lib<\/artifactId>/);
    const jar = Buffer.from(await (await fetch(`${base}/com/acme/greeting/1.0.0/greeting-1.0.0.jar`, { headers: auth })).arrayBuffer());
    assert.equal(jar.subarray(0, 2).toString(), 'PK');
    const sha1 = await (await fetch(`${base}/com/acme/greeting/1.0.0/greeting-1.0.0.jar.sha1`, { headers: auth })).text();
    assert.equal(sha1, createHash('sha1').update(jar).digest('hex'));
    const md5 = await (await fetch(`${base}/com/acme/greeting/1.0.0/greeting-1.0.0.pom.md5`, { headers: auth })).text();
    assert.equal(md5, createHash('md5').update(pomText).digest('hex'));
    assert.equal((await fetch(`${base}/com/acme/greeting/1.0.0/greeting-1.0.0-sources.jar`, { headers: auth })).status, 404);
    assert.equal((await fetch(`${base}/com/acme/greeting/1.3.0/greeting-1.3.0.jar`, { headers: auth })).status, 404, 'Archived');
  });

  it('generates maven-metadata.xml from the listed versions in Maven order, with a stable checksum', async () => {
    const url = `${base}/com/acme/greeting/maven-metadata.xml`;
    const text = await (await fetch(url, { headers: auth })).text();
    const versions = [...text.matchAll(/<version>([^<]+)<\/version>/g)].map((m) => m[1]);
    assert.deepEqual(versions, ['1.0.0', '1.2.0', '1.10.0']);
    assert.match(text, /<latest>1\.10\.0<\/latest>/);
    assert.match(text, /<release>1\.10\.0<\/release>/);
    assert.match(text, /<lastUpdated>20250301000000<\/lastUpdated>/);
    const sha1 = await (await fetch(`${url}.sha1`, { headers: auth })).text();
    assert.equal(sha1, createHash('sha1').update(text).digest('hex'));
  });

  it('serves files from a directory-backed external connection and retains the version', async () => {
    const res = await fetch(`${base}/org/example/lib/1.0/lib-1.0.jar`, { headers: auth });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), 'contents of lib-1.0.jar\n');
    const repo = emulator.store.getDomain('acme', OWNER)?.repositories.get('maven-shared');
    assert.ok(repo);
    const kept = emulator.store.getPackage(repo, 'maven', 'org.example', 'lib')?.versions.get('1.0');
    assert.deepEqual(kept?.origin, { originType: 'EXTERNAL', domainEntryPoint: { externalConnectionName: 'public:maven-central' } });
    // The pom of the same version arrives later and joins the same version.
    assert.equal((await fetch(`${base}/org/example/lib/1.0/lib-1.0.pom`, { headers: auth })).status, 200);
    assert.deepEqual([...(kept?.assets.keys() ?? [])].sort(), ['lib-1.0.jar', 'lib-1.0.pom']);
    const meta = await (await fetch(`${base}/org/example/lib/maven-metadata.xml`, { headers: auth })).text();
    assert.deepEqual([...meta.matchAll(/<version>([^<]+)<\/version>/g)].map((m) => m[1]), ['1.0', '1.1']);
    // Other files in the directory (group-level metadata) are served as they are.
    assert.equal(await (await fetch(`${base}/org/example/maven-metadata.xml`, { headers: auth })).text(), '<metadata><plugins/></metadata>\n');
  });

  it('a repository that does not reach the connection does not see the directory', async () => {
    const res = await fetch(`${emulator.endpoint}/acme-${OWNER}/maven/isolated/org/example/lib/1.0/lib-1.0.jar`, { headers: auth });
    assert.equal(res.status, 404);
  });

  it('rejects path traversal', async () => {
    // `..` segments are resolved by URL parsing before they arrive; an encoded slash is what could get through.
    const file = `${dir.split('/').pop() ?? ''}/org/example/lib/1.0/lib-1.0.jar`;
    const res = await fetch(`${base}/..%2F..%2F..%2F..%2F..%2F..%2F..%2F..%2Ftmp%2F${file.replace(/\//g, '%2F')}`, { headers: auth });
    assert.equal(res.status, 400);
  });

  it('PUT publishing keeps a version Unfinished until maven-metadata.xml arrives', async () => {
    const put = (path: string, body: string): Promise<Response> => fetch(`${base}/${path}`, { method: 'PUT', body, headers: auth });
    const dirPath = 'com/acme/newlib/2.0.0';
    assert.equal((await put(`${dirPath}/newlib-2.0.0.jar`, 'jar bytes')).status, 201);
    assert.equal((await put(`${dirPath}/newlib-2.0.0.jar.sha1`, 'whatever')).status, 201);
    assert.equal((await put(`${dirPath}/newlib-2.0.0.pom`, '<project/>')).status, 201);
    const repo = emulator.store.getDomain('acme', OWNER)?.repositories.get('maven-shared');
    assert.ok(repo);
    const v = emulator.store.getPackage(repo, 'maven', 'com.acme', 'newlib')?.versions.get('2.0.0');
    assert.equal(v?.status, 'Unfinished');
    assert.deepEqual(v?.origin, { originType: 'INTERNAL', domainEntryPoint: { repositoryName: 'maven-shared' } });
    assert.equal((await fetch(`${base}/com/acme/newlib/maven-metadata.xml`, { headers: auth })).status, 404, 'not listed while Unfinished');
    assert.equal((await fetch(`${base}/${dirPath}/newlib-2.0.0.jar`, { headers: auth })).status, 404, 'not downloadable while Unfinished');

    assert.equal((await put('com/acme/newlib/maven-metadata.xml', '<metadata><versioning><versions><oops></versioning>')).status, 400);
    const metadata = '<?xml version="1.0"?><metadata><groupId>com.acme</groupId><artifactId>newlib</artifactId><versioning><versions><version>2.0.0</version></versions></versioning></metadata>';
    assert.equal((await put('com/acme/newlib/maven-metadata.xml', metadata)).status, 201);
    assert.equal(v?.status, 'Published');
    assert.equal(await (await fetch(`${base}/${dirPath}/newlib-2.0.0.jar`, { headers: auth })).text(), 'jar bytes');
    assert.equal((await put(`${dirPath}/newlib-2.0.0.jar`, 'other bytes')).status, 409, 'a Published version cannot change');
  });

  it('orders versions the way Maven does', () => {
    const sorted = ['1.10', '1.2', '1.0-rc1', '1.0', '1.0.1', '1.0-alpha', '1.0-SNAPSHOT', '2'].sort(compareMavenVersions);
    assert.deepEqual(sorted, ['1.0-alpha', '1.0-rc1', '1.0-SNAPSHOT', '1.0', '1.0.1', '1.2', '1.10', '2']);
  });
});
