import assert from 'node:assert/strict';
import { handleControlPlane, operationFor, type Caller, type Reply } from '../../../test/emulator/controlPlane';
import { dataPlaneOperation } from '../../../test/emulator/server';
import { Store } from '../../../test/emulator/model';
import { loadSeed, validateSeed } from '../../../test/emulator/seed';

function store(): Store {
  const s = new Store(() => Date.parse('2025-01-01T00:00:00Z'));
  loadSeed(s, validateSeed({
    domains: [
      { name: 'acme', owner: '111122223333', region: 'us-west-2', repositories: [{ name: 'shared' }] },
      { name: 'acme-eu', owner: '111122223333', region: 'eu-west-1' },
    ],
    packages: [{ domain: 'acme', repository: 'shared', format: 'npm', name: 'a', versions: [{ version: '1.0.0', publishedTime: '2024-01-02T03:04:05.5Z' }] }],
  }));
  return s;
}

const caller: Caller = { accessKeyId: 'AKID', account: '111122223333', region: 'us-west-2' };

async function call(s: Store, operation: string, query: string, body = ''): Promise<{ reply: Reply; json: Record<string, unknown> }> {
  const reply = await handleControlPlane({ store: s, endpoint: 'http://127.0.0.1:1' }, caller, { operation, url: new URL(`http://127.0.0.1:1/v1/x?${query}`), headers: {}, body: Buffer.from(body) });
  return { reply, json: JSON.parse(reply.body.toString()) as Record<string, unknown> };
}

describe('emulator control plane', () => {
  it('routes method + path to operations, ignoring a trailing slash', () => {
    assert.equal(operationFor('POST', '/v1/domains'), 'ListDomains');
    assert.equal(operationFor('GET', '/v1/repository/endpoint/'), 'GetRepositoryEndpoint');
    assert.equal(operationFor('DELETE', '/v1/repository/permissions/policies'), 'DeleteRepositoryPermissionsPolicy');
    assert.equal(operationFor('GET', '/v1/domains'), undefined);
  });

  it('classifies data-plane requests for fault targeting', () => {
    assert.equal(dataPlaneOperation('npm', 'GET', '@acme%2fui-kit'), 'npm:packument');
    assert.equal(dataPlaneOperation('npm', 'GET', '@acme/ui-kit/-/ui-kit-1.0.0.tgz'), 'npm:tarball');
    assert.equal(dataPlaneOperation('npm', 'GET', '-/ping'), 'npm:ping');
    assert.equal(dataPlaneOperation('npm', 'PUT', 'x'), 'npm:publish');
    assert.equal(dataPlaneOperation('npm', 'PUT', '-/package/x/dist-tags/beta'), 'npm:distTags');
    assert.equal(dataPlaneOperation('pypi', 'GET', 'simple/acme-utils/'), 'pypi:simple');
    assert.equal(dataPlaneOperation('pypi', 'POST', ''), 'pypi:upload');
    assert.equal(dataPlaneOperation('maven', 'GET', 'com/acme/x/maven-metadata.xml'), 'maven:get');
  });

  it('answers with epoch-second numbers and the x-amzn-errortype header on errors', async () => {
    const s = store();
    const { json } = await call(s, 'DescribePackageVersion', 'domain=acme&repository=shared&format=npm&package=a&version=1.0.0');
    const pv = json.packageVersion as { publishedTime: unknown };
    assert.equal(pv.publishedTime, Date.parse('2024-01-02T03:04:05.5Z') / 1000);
    const missing = await call(s, 'DescribeRepository', 'domain=acme&repository=nope');
    assert.equal(missing.reply.status, 404);
    assert.equal(missing.reply.headers['x-amzn-errortype'], 'ResourceNotFoundException');
    assert.deepEqual([missing.json.resourceType, missing.json.resourceId], ['repository', 'nope']);
    const noDomain = await call(s, 'DescribeDomain', '');
    assert.equal(noDomain.reply.status, 400);
    assert.match(String(noDomain.json.message), /Value null at 'domain' failed to satisfy constraint/);
  });

  it('domains are regional', async () => {
    const s = store();
    const { json } = await call(s, 'ListDomains', '', '{}');
    assert.deepEqual((json.domains as { name: string }[]).map((d) => d.name), ['acme']);
    const eu = await call(s, 'DescribeDomain', 'domain=acme-eu');
    assert.equal(eu.reply.status, 404);
  });

  it('pagination tokens are opaque, tied to the operation, and reject tampering', async () => {
    const s = store();
    const first = await call(s, 'ListDomains', '', '{"maxResults":1}');
    assert.equal(first.json.nextToken, undefined, 'one domain fits in one page');
    const forged = Buffer.from(JSON.stringify({ op: 'ListDomains', o: -5 })).toString('base64url');
    const bad = await call(s, 'ListDomains', '', JSON.stringify({ nextToken: forged }));
    assert.equal(bad.reply.status, 400);
    assert.equal(bad.reply.headers['x-amzn-errortype'], 'ValidationException');
    const wrongType = await call(s, 'ListDomains', '', '{"maxResults":"ten"}');
    assert.equal(wrongType.reply.status, 400);
  });
});
