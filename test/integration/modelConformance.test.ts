// The emulator against the CodeArtifact service model (botocore's service-2.json, test/fixtures/aws): every
// operation it implements is driven over raw SigV4-signed HTTP, its input put on the wire as the model's
// bindings say, and every answer checked against the model — output members, names, types, enums,
// constraints, epoch-second timestamps, header and payload bindings, pagination, and for errors the declared
// error types with their HTTP status. Operations it does not implement must be refused on purpose
// (REFUSED_OPERATIONS) with a modeled error. Prints `model conformance: N operations, M answers checked,
// D deviations`.
import assert from 'node:assert/strict';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { fullAccessIdentity } from '../emulator/authorization';
import { OPERATIONS, REFUSED_OPERATIONS } from '../emulator/controlPlane';
import { parsePolicy } from '../emulator/iam';
import type { Seed } from '../emulator/seed';
import { startEmulator, type Emulator } from '../emulator/server';
import {
  AWS_CLI_MODEL,
  checkError,
  checkInput,
  checkSuccess,
  loadServiceModel,
  serializeRequest,
  shapeOf,
  type Input,
  type Output,
  type WireAnswer,
  type WireRequest,
} from './serviceModel';

const OWNER = '111122223333';
const PARTNER = '444455556666';
const OWNER_KEY = 'AKIAMODELOWNER000001';
const PARTNER_KEY = 'AKIAMODELPARTNER0001';
const REGION = 'us-west-2';
const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${PARTNER}:root` }, Action: 'codeartifact:ReadFromRepository', Resource: '*' }] });

function seed(): Seed {
  const filler = Array.from({ length: 5 }, (_, i) => ({ domain: 'acme', repository: 'shared', format: 'npm' as const, name: `filler-${i}`, versions: [{ version: '1.0.0' }] }));
  return {
    accounts: { [OWNER_KEY]: OWNER, [PARTNER_KEY]: PARTNER },
    domains: [
      {
        name: 'acme',
        owner: OWNER,
        region: REGION,
        tags: { team: 'platform' },
        permissionsPolicy: POLICY,
        createdTime: '2021-11-02T08:00:00Z',
        repositories: [
          { name: 'npm-public', externalConnection: 'public:npmjs' },
          { name: 'shared', description: 'Company packages', upstreams: ['npm-public'], tags: { tier: 'gold' } },
          { name: 'team', upstreams: ['shared'] },
        ],
      },
      { name: 'acme-two', owner: OWNER, region: REGION },
      { name: 'acme-three', owner: OWNER, region: REGION },
      { name: 'acme-eu', owner: OWNER, region: 'eu-west-1' },
      { name: 'partner', owner: PARTNER, region: REGION, repositories: [{ name: 'vendor' }] },
    ],
    packages: [
      {
        domain: 'acme',
        repository: 'shared',
        format: 'npm',
        namespace: 'acme',
        name: 'ui-kit',
        distTags: { latest: '2.1.0' },
        versions: [
          { version: '1.0.0', status: 'Archived', publishedTime: '2024-01-01T10:00:00Z' },
          { version: '2.0.0', status: 'Unlisted', publishedTime: '2025-03-01T10:00:00Z' },
          {
            version: '2.1.0',
            publishedTime: '2025-06-01T10:00:00Z',
            summary: 'UI components',
            licenses: ['MIT', { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' }],
            homePage: 'https://example.com/ui-kit',
            sourceCodeRepository: 'https://github.com/acme/ui-kit',
            readme: '# ui-kit\n',
            dependencies: { react: '^18.0.0', '@acme/icons': '^1.0.0', 'left-pad': '1.3.0' },
          },
          { version: '0.9.0', status: 'Disposed', publishedTime: '2023-05-01T10:00:00Z' },
          { version: '3.0.0-beta.1', status: 'Unfinished', publishedTime: '2025-07-01T10:00:00Z' },
        ],
      },
      { domain: 'acme', repository: 'shared', format: 'npm', name: 'left-pad', versions: [{ version: '1.3.0', origin: { externalConnectionName: 'public:npmjs' } }] },
      ...filler,
      { domain: 'acme', repository: 'shared', format: 'maven', namespace: 'com.acme', name: 'core', versions: [{ version: '1.0.0', dependencies: { 'org.slf4j:slf4j-api': '2.0.9' } }, { version: '1.1.0' }] },
      { domain: 'acme', repository: 'shared', format: 'pypi', name: 'Requests_Toolkit', versions: [{ version: '0.3.1', summary: 'HTTP helpers', dependencies: { requests: '>=2' } }] },
      {
        domain: 'acme',
        repository: 'shared',
        format: 'generic',
        namespace: 'tools',
        name: 'bundle',
        versions: [{ version: '1.0.0', assets: { 'a.txt': { text: 'a' }, 'b.txt': { text: 'bb' }, 'c.txt': { text: 'ccc' } } }],
      },
      { domain: 'acme', repository: 'npm-public', format: 'npm', name: 'lodash', versions: [{ version: '4.17.21', origin: { externalConnectionName: 'public:npmjs' } }] },
      { domain: 'partner', repository: 'vendor', format: 'npm', name: 'partner-lib', versions: [{ version: '5.0.0' }] },
    ],
    externalConnections: { 'public:npmjs': [{ format: 'npm', name: 'left-pad', versions: [{ version: '1.3.0' }] }] },
  };
}

/** node:crypto behind the Checksum interface the SigV4 signer wants. */
class NodeSha256 {
  private hash: Hash | Hmac;

  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    if (this.secret === undefined) return createHash('sha256');
    const key = typeof this.secret === 'string' ? this.secret : ArrayBuffer.isView(this.secret) ? Buffer.from(this.secret.buffer, this.secret.byteOffset, this.secret.byteLength) : Buffer.from(this.secret);
    return createHmac('sha256', key);
  }

  update(data: string | Uint8Array): void {
    this.hash.update(data);
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }

  reset(): void {
    this.hash = this.fresh();
  }
}

const model = loadServiceModel();
const implemented = new Set(Object.values(OPERATIONS).filter((op) => !(op in REFUSED_OPERATIONS)));

interface Expect {
  /** The error type the call must fail with; none: it must succeed. */
  error?: string;
  /** The input breaks the model on purpose (a value out of range, a missing member). */
  invalid?: boolean;
  /** The access key to call with; default OWNER_KEY. */
  key?: string;
  /** Shown with deviations, to tell calls of one operation apart. */
  note?: string;
}

describe('the model checker', () => {
  const answer = (status: number, body: unknown, headers: Record<string, string> = {}): WireAnswer => ({ status, headers: { 'content-type': 'application/json', ...headers }, body: Buffer.from(JSON.stringify(body)) });
  const domain = { name: 'acme', owner: OWNER, arn: `arn:aws:codeartifact:${REGION}:${OWNER}:domain/acme`, status: 'Active', createdTime: 1_700_000_000.5, encryptionKey: 'arn:aws:kms:x', repositoryCount: 1, assetSizeBytes: 0 };

  it('passes an answer that fits the model', () => {
    assert.deepEqual(checkSuccess(model, 'DescribeDomain', answer(200, { domain })).deviations, []);
    assert.deepEqual(checkError(model, 'DescribeDomain', answer(404, { message: 'no', resourceType: 'domain' }, { 'x-amzn-errortype': 'ResourceNotFoundException:http://internal.amazon.com/coral/' })).deviations, []);
  });

  it('finds unknown members, wrong casing, wrong types, enums, timestamps and missing required members', () => {
    const bad = { ...domain, Owner: OWNER, status: 'active', createdTime: '2024-01-01T00:00:00Z', repositoryCount: 1.5, s3BucketArn: null };
    const found = checkSuccess(model, 'DescribeDomain', answer(200, { domain: bad, extra: 1 })).deviations;
    for (const expected of ['extra: not a member', 'domain.Owner: not a member of DomainDescription (the model spells it owner)', 'domain.status: "active" is not one of DomainStatus', 'domain.createdTime: "2024-01-01T00:00:00Z" is not a timestamp in epoch seconds', 'domain.repositoryCount: 1.5 is not an integer', 'domain.s3BucketArn: null']) {
      assert.ok(found.some((d) => d.startsWith(expected)), `expected "${expected}…" in:\n${found.join('\n')}`);
    }
    assert.match(checkSuccess(model, 'DescribeDomain', answer(200, { domain: { ...domain, createdTime: 1_700_000_000_000 } })).deviations.join(), /milliseconds/);
    assert.match(checkSuccess(model, 'DescribePackage', answer(200, {})).deviations.join(), /package: required by DescribePackageResult/);
    assert.match(checkSuccess(model, 'ListDomains', answer(200, { domains: [], nextToken: '' })).deviations.join(), /nextToken: length 0 is below PaginationToken's minimum 1/);
  });

  it('reads header members and streaming payloads where the model binds them', () => {
    const asset = { status: 200, headers: { 'content-type': 'application/octet-stream', 'x-assetname': 'a.txt', 'x-packageversion': '1.0.0', 'x-packageversionrevision': 'r1' }, body: Buffer.from('bytes') };
    const { output, deviations } = checkSuccess(model, 'GetPackageVersionAsset', asset);
    assert.deepEqual(deviations, []);
    assert.deepEqual({ ...output, asset: String(output.asset) }, { asset: 'bytes', assetName: 'a.txt', packageVersion: '1.0.0', packageVersionRevision: 'r1' });
    assert.match(checkError(model, 'ListPackages', answer(429, { message: 'slow down' }, { 'x-amzn-errortype': 'ThrottlingException', 'retry-after': 'soon' })).deviations.join(), /header Retry-After: "soon" is not an integer/);
  });

  it('finds undeclared errors, wrong statuses and error bodies that do not fit', () => {
    assert.match(checkError(model, 'ListDomains', answer(404, { message: 'x' }, { 'x-amzn-errortype': 'ResourceNotFoundException' })).deviations.join(), /not one of ListDomains's errors/);
    assert.match(checkError(model, 'ListDomains', answer(404, { message: 'x' }, { 'x-amzn-errortype': 'UnknownOperationException' })).deviations.join(), /UnknownOperationException \(404\) is not one of/);
    assert.match(checkError(model, 'DescribeDomain', answer(400, { message: 'x' }, { 'x-amzn-errortype': 'ResourceNotFoundException' })).deviations.join(), /status 400, the model says 404/);
    assert.match(checkError(model, 'DescribeDomain', answer(400, { message: 'x', reason: 'BAD' }, { 'x-amzn-errortype': 'ValidationException' })).deviations.join(), /reason: "BAD" is not one of ValidationExceptionReason/);
    assert.match(checkError(model, 'DescribeDomain', answer(400, { reason: 'OTHER' }, { 'x-amzn-errortype': 'ValidationException' })).deviations.join(), /message: required by ValidationException/);
    assert.equal(checkError(model, 'DescribeDomain', answer(400, { __type: 'com.amazonaws.codeartifact#ValidationException', message: 'x' })).type, 'ValidationException');
    assert.match(checkError(model, 'DescribeDomain', answer(500, 'oops', {})).deviations.join(), /without an error type/);
  });

  it('puts input where the model binds it', () => {
    const put = serializeRequest(model, 'PutDomainPermissionsPolicy', { domain: 'acme', domainOwner: OWNER, policyDocument: '{}' });
    assert.deepEqual([put.method, put.path, JSON.parse(String(put.body))], ['PUT', '/v1/domain/permissions/policy', { domain: 'acme', domainOwner: OWNER, policyDocument: '{}' }]);
    const list = serializeRequest(model, 'ListPackages', { domain: 'acme', repository: 'r', packagePrefix: 'a b', maxResults: 5 });
    assert.equal(list.path, '/v1/packages?domain=acme&repository=r&package-prefix=a%20b&max-results=5');
    const publish = serializeRequest(model, 'PublishPackageVersion', { domain: 'acme', repository: 'r', format: 'generic', namespace: 'n', package: 'p', packageVersion: '1', assetName: 'a', assetContent: Buffer.from('x'), assetSHA256: 'abc', unfinished: true });
    assert.deepEqual([publish.headers['x-amz-content-sha256'], String(publish.body), new URL(publish.path, 'http://host').searchParams.get('unfinished')], ['abc', 'x', 'true']);
    assert.deepEqual(checkInput(model, 'DescribeDomain', { domain: 'acme', domainowner: OWNER }), ['input.domainowner: not a member of DescribeDomainRequest (the model spells it domainOwner)']);
    assert.deepEqual(checkInput(model, 'DescribeDomain', {}), ['input.domain: required by DescribeDomainRequest but missing']);
  });
});

describe('the emulator against the CodeArtifact service model', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let found: string[] = [];
  const allDeviations: string[] = [];
  let answers = 0;
  const answered = new Map<string, { ok: number; errors: Set<string> }>();

  before(async () => {
    emu = await startEmulator({ seed: seed(), port: 0 });
  });
  after(() => emu.stop());

  /** A test whose deviations fail it with the whole list, and count in the summary. */
  function conforms(title: string, body: () => Promise<void> | void): void {
    it(title, async () => {
      found = [];
      let failure: Error | undefined;
      try {
        await body();
      } catch (err) {
        failure = err instanceof Error ? err : new Error(String(err));
      }
      allDeviations.push(...found);
      // The deviations first: a later step that relied on a deviating answer fails for their sake.
      assert.deepEqual(found, [], `deviations from the model:\n${found.join('\n')}${failure ? `\n(then: ${failure.message})` : ''}`);
      if (failure) throw failure;
    });
  }

  async function send(wire: WireRequest, key: string): Promise<WireAnswer> {
    const url = new URL(`${emu.endpoint}${wire.path}`);
    const query: Record<string, string | string[]> = {};
    for (const [k, v] of url.searchParams) {
      const prev = query[k];
      query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    const signer = new SignatureV4({ service: model.metadata.signingName, region: REGION, credentials: { accessKeyId: key, secretAccessKey: 'model-test-secret' }, sha256: NodeSha256 });
    const signed = await signer.sign({
      method: wire.method,
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      query,
      headers: { host: url.host, ...wire.headers, ...(wire.body ? { 'content-length': String(wire.body.length) } : {}) },
      body: wire.body,
    });
    return new Promise((resolve, reject) => {
      const req = request(url, { method: wire.method, headers: signed.headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status: res.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(wire.body);
    });
  }

  /** One call: its input checked against the model, its answer checked; returns the output or the error body. */
  async function call(operation: string, input: Input, expect: Expect = {}): Promise<Output> {
    const where = `${operation}${expect.note ? ` (${expect.note})` : ''}`;
    const inputProblems = checkInput(model, operation, input);
    if (expect.invalid) assert.notDeepEqual(inputProblems, [], `${where}: marked invalid, but the model accepts the input`);
    else assert.deepEqual(inputProblems, [], `${where}: the test's own input breaks the model`);
    const answer = await send(serializeRequest(model, operation, input), expect.key ?? OWNER_KEY);
    answers += 1;
    const seen = answered.get(operation) ?? { ok: 0, errors: new Set<string>() };
    answered.set(operation, seen);
    if (answer.status >= 200 && answer.status < 300) {
      seen.ok += 1;
      const { output, deviations } = checkSuccess(model, operation, answer);
      found.push(...deviations.map((d) => `${where}: ${d}`));
      if (expect.error) found.push(`${where}: succeeded, but the service answers ${expect.error}`);
      return output;
    }
    const { type, body, deviations } = checkError(model, operation, answer);
    seen.errors.add(type ?? String(answer.status));
    found.push(...deviations.map((d) => `${where}: ${d}`));
    if (type !== expect.error) found.push(`${where}: answered ${type ?? answer.status} (${String(body.message)})${expect.error ? `, but the service answers ${expect.error}` : ''}`);
    return body;
  }

  /** A behaviour the model cannot express (what the answer says), noted as a deviation when it is wrong. */
  function expectThat(ok: boolean, what: string): void {
    if (!ok) found.push(what);
  }

  /**
   * Pages through a list with `limit` entries a page, per the model's paginator, and compares the pages with one
   * unpaginated answer. Returns the number of pages.
   */
  async function pageThrough(operation: string, input: Input, limit: number): Promise<number> {
    const paginator = model.paginators[operation];
    assert.ok(paginator, `${operation} has no paginator in the model`);
    const { input_token: inputToken, output_token: outputToken, limit_key: limitKey, result_key: resultKey } = paginator;
    assert.ok(limitKey, `${operation}'s paginator has no limit key`);
    const whole = await call(operation, { ...input, [limitKey]: 1000 }, { note: 'one page of 1000' });
    const all = whole[resultKey] as unknown[] | undefined;
    expectThat(whole[outputToken] === undefined, `${operation}: a nextToken after the last page`);
    const collected: unknown[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await call(operation, { ...input, [limitKey]: limit, ...(token !== undefined ? { [inputToken]: token } : {}) }, { note: `page ${pages + 1} of ${limit}` });
      const items = (out[resultKey] as unknown[] | undefined) ?? [];
      expectThat(items.length <= limit, `${operation}: page ${pages + 1} has ${items.length} entries, more than ${limitKey}=${limit}`);
      token = out[outputToken] as string | undefined;
      expectThat(token === undefined || items.length === limit, `${operation}: a short page (${items.length} of ${limit}) that is not the last`);
      collected.push(...items);
      pages += 1;
    } while (token !== undefined && pages < 100);
    expectThat(JSON.stringify(collected) === JSON.stringify(all), `${operation}: the pages together (${collected.length}) differ from one page of 1000 (${all?.length ?? 0})`);
    await call(operation, { ...input, [inputToken]: 'bm90LWEtdG9rZW4' }, { error: 'ValidationException', note: 'a token that is not one' });
    await call(operation, { ...input, [limitKey]: 0 }, { error: 'ValidationException', invalid: true, note: `${limitKey}=0` });
    await call(operation, { ...input, [limitKey]: 1001 }, { error: 'ValidationException', invalid: true, note: `${limitKey}=1001` });
    return pages;
  }

  /** The names (or versions) of a list's entries, joined with commas. */
  function names(list: unknown): string {
    return ((list as { name?: string; package?: string; version?: string }[] | undefined) ?? []).map((e) => e.name ?? e.package ?? e.version).join(',');
  }

  const acme = { domain: 'acme' };
  const shared = { domain: 'acme', repository: 'shared' };
  const uiKit = { ...shared, format: 'npm', namespace: 'acme', package: 'ui-kit' };
  const bundle = { ...shared, format: 'generic', namespace: 'tools', package: 'bundle' };

  conforms('routes every operation of the model at its method and path, and no other', () => {
    for (const [name, op] of Object.entries(model.operations)) {
      const route = `${op.http.method} ${op.http.requestUri}`;
      const routed = OPERATIONS[route];
      if (routed !== name) found.push(`${name}: the model has it at ${route}, the emulator ${routed ? `routes ${routed} there` : 'routes nothing there'}`);
    }
    for (const [route, name] of Object.entries(OPERATIONS)) {
      const op = model.operations[name];
      if (!op) found.push(`${route}: the emulator routes ${name}, which the model does not have`);
    }
    for (const name of Object.keys(REFUSED_OPERATIONS)) {
      if (!model.operations[name]?.errors?.some((e) => e.shape === 'ValidationException')) found.push(`${name}: refused with ValidationException, which it does not declare`);
    }
  });

  (existsSync(AWS_CLI_MODEL) ? conforms : it.skip)(`is the same API as the installed AWS CLI’s model, where it has the operation (needs Debian's awscli: ${AWS_CLI_MODEL})`, () => {
    const cli = loadServiceModel(AWS_CLI_MODEL, undefined);
    for (const [name, op] of Object.entries(cli.operations)) {
      const ours = model.operations[name];
      if (!ours) {
        found.push(`${name}: in the AWS CLI's model, not in ours`);
        continue;
      }
      if (`${op.http.method} ${op.http.requestUri}` !== `${ours.http.method} ${ours.http.requestUri}`) found.push(`${name}: the AWS CLI has it at ${op.http.method} ${op.http.requestUri}`);
      const bindings = (m: typeof model, shape: string | undefined): string[] => Object.entries(shapeOf(m, shape ?? '').members ?? {}).map(([member, ref]) => `${member}@${ref.location ?? 'body'}:${ref.locationName ?? member}`);
      const theirs = new Set(bindings(model, ours.input?.shape));
      for (const b of bindings(cli, op.input?.shape)) if (!theirs.has(b)) found.push(`${name}: input ${b} in the AWS CLI's model, not in ours`);
    }
  });

  conforms('domains: list, describe, create, delete, permissions policies, tags', async () => {
    const list = await call('ListDomains', {});
    expectThat(JSON.stringify((list.domains as { name: string }[]).map((d) => d.name)) === '["acme","acme-three","acme-two"]', `ListDomains: the caller's domains in its region, got ${JSON.stringify(list.domains)}`);
    await call('DescribeDomain', acme);
    await call('DescribeDomain', { domain: 'partner', domainOwner: PARTNER }, { note: 'another account' });
    await call('DescribeDomain', { domain: 'acme-eu' }, { error: 'ResourceNotFoundException', note: 'another region' });
    await call('DescribeDomain', { domain: 'Not_A_Domain' }, { error: 'ValidationException', invalid: true });
    await call('DescribeDomain', { domain: 'acme', domainOwner: '12345' }, { error: 'ValidationException', invalid: true });

    const created = await call('CreateDomain', { domain: 'scratch', tags: [{ key: 'purpose', value: 'test' }] });
    const arn = (created.domain as { arn: string }).arn;
    await call('CreateDomain', { domain: 'scratch' }, { error: 'ConflictException' });
    await call('GetDomainPermissionsPolicy', { domain: 'scratch' }, { error: 'ResourceNotFoundException', note: 'none set' });
    const put = await call('PutDomainPermissionsPolicy', { domain: 'scratch', policyDocument: POLICY });
    const revision = (put.policy as { revision: string }).revision;
    await call('PutDomainPermissionsPolicy', { domain: 'scratch', domainOwner: OWNER, policyDocument: POLICY, policyRevision: revision }, { note: 'with owner and revision' });
    await call('PutDomainPermissionsPolicy', { domain: 'scratch', policyDocument: POLICY, policyRevision: revision }, { error: 'ConflictException', note: 'a stale revision' });
    await call('PutDomainPermissionsPolicy', { domain: 'scratch', policyDocument: 'not json' }, { error: 'ValidationException', note: 'not JSON' });
    await call('PutDomainPermissionsPolicy', { domain: 'nope', policyDocument: POLICY }, { error: 'ResourceNotFoundException' });
    const got = await call('GetDomainPermissionsPolicy', { domain: 'scratch' });
    expectThat((got.policy as { document?: string }).document === POLICY, 'GetDomainPermissionsPolicy: not the document put');
    await call('GetDomainPermissionsPolicy', acme, { note: 'seeded' });
    await call('DeleteDomainPermissionsPolicy', { domain: 'scratch', policyRevision: 'stale' }, { error: 'ConflictException' });
    await call('DeleteDomainPermissionsPolicy', { domain: 'scratch' });
    await call('DeleteDomainPermissionsPolicy', { domain: 'scratch' }, { error: 'ResourceNotFoundException', note: 'none left' });

    const tags = await call('ListTagsForResource', { resourceArn: arn });
    expectThat(JSON.stringify(tags.tags) === '[{"key":"purpose","value":"test"}]', `ListTagsForResource: ${JSON.stringify(tags.tags)}`);
    await call('TagResource', { resourceArn: arn, tags: [{ key: 'owner', value: 'qa' }] });
    await call('UntagResource', { resourceArn: arn, tagKeys: ['purpose'] });
    await call('ListTagsForResource', { resourceArn: `arn:aws:codeartifact:${REGION}:${OWNER}:domain/nope` }, { error: 'ResourceNotFoundException' });
    await call('TagResource', { resourceArn: `arn:aws:codeartifact:${REGION}:${OWNER}:domain/nope`, tags: [{ key: 'a', value: 'b' }] }, { error: 'ResourceNotFoundException' });
    await call('TagResource', { resourceArn: arn, tags: Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' })) }, { error: 'ServiceQuotaExceededException', note: '51 tags' });
    await call('UntagResource', { resourceArn: 'not-an-arn', tagKeys: ['a'] }, { error: 'ValidationException' });

    await call('CreateRepository', { domain: 'scratch', repository: 'only' });
    await call('DeleteDomain', { domain: 'scratch' }, { error: 'ConflictException', note: 'not empty' });
    await call('DeleteDomain', { domain: 'partner', domainOwner: PARTNER }, { error: 'AccessDeniedException', note: "another account's" });
    await call('DeleteRepository', { domain: 'scratch', repository: 'only' });
    const deleted = await call('DeleteDomain', { domain: 'scratch' });
    expectThat((deleted.domain as { status?: string }).status === 'Deleted', `DeleteDomain: status ${String((deleted.domain as { status?: string }).status)}`);
  });

  conforms('repositories: list, describe, create, update, delete, external connections, policies, endpoints', async () => {
    await call('ListRepositories', {});
    const prefixed = await call('ListRepositories', { repositoryPrefix: 'sh' }, { note: 'prefix' });
    expectThat(names(prefixed.repositories) === 'shared', `ListRepositories repository-prefix=sh: ${names(prefixed.repositories)}`);
    await call('ListRepositoriesInDomain', acme);
    const filtered = await call('ListRepositoriesInDomain', { domain: 'partner', domainOwner: PARTNER, administratorAccount: PARTNER, repositoryPrefix: 've' }, { note: 'filters' });
    expectThat(names(filtered.repositories) === 'vendor', `ListRepositoriesInDomain filters: ${names(filtered.repositories)}`);
    await call('ListRepositoriesInDomain', { domain: 'nope' }, { error: 'ResourceNotFoundException' });
    await call('DescribeRepository', shared);
    await call('DescribeRepository', { domain: 'acme', repository: 'npm-public' }, { note: 'external connection' });
    await call('DescribeRepository', { domain: 'acme', repository: 'nope' }, { error: 'ResourceNotFoundException' });
    await call('DescribeRepository', { domain: 'acme', repository: '-bad' }, { error: 'ValidationException', invalid: true });

    await call('CreateRepository', { domain: 'acme', repository: 'fresh', description: 'New', upstreams: [{ repositoryName: 'shared' }], tags: [{ key: 'a', value: 'b' }] });
    await call('CreateRepository', { domain: 'acme', repository: 'fresh' }, { error: 'ConflictException' });
    await call('CreateRepository', { domain: 'acme', repository: 'orphan', upstreams: [{ repositoryName: 'missing' }] }, { error: 'ResourceNotFoundException', note: 'missing upstream' });
    await call('CreateRepository', { domain: 'partner', domainOwner: PARTNER, repository: 'intruder' }, { error: 'AccessDeniedException', note: "another account's domain" });
    await call('UpdateRepository', { domain: 'acme', repository: 'fresh', description: 'Renamed', upstreams: [{ repositoryName: 'team' }, { repositoryName: 'shared' }] });
    await call('UpdateRepository', { domain: 'acme', repository: 'fresh', upstreams: [{ repositoryName: 'fresh' }] }, { error: 'ValidationException', note: 'itself as upstream' });
    await call('AssociateExternalConnection', { domain: 'acme', repository: 'fresh', externalConnection: 'public:pypi' });
    await call('AssociateExternalConnection', { domain: 'acme', repository: 'fresh', externalConnection: 'public:npmjs' }, { error: 'ConflictException', note: 'a second one' });
    await call('AssociateExternalConnection', { domain: 'acme', repository: 'fresh', externalConnection: 'public:nowhere' }, { error: 'ValidationException' });
    await call('DisassociateExternalConnection', { domain: 'acme', repository: 'fresh', externalConnection: 'public:pypi' });
    await call('DisassociateExternalConnection', { domain: 'acme', repository: 'fresh', externalConnection: 'public:pypi' }, { error: 'ResourceNotFoundException', note: 'none left' });

    await call('GetRepositoryPermissionsPolicy', { domain: 'acme', repository: 'fresh' }, { error: 'ResourceNotFoundException', note: 'none set' });
    const put = await call('PutRepositoryPermissionsPolicy', { domain: 'acme', repository: 'fresh', policyDocument: POLICY });
    await call('PutRepositoryPermissionsPolicy', { domain: 'acme', repository: 'fresh', policyDocument: POLICY, policyRevision: 'stale' }, { error: 'ConflictException' });
    await call('PutRepositoryPermissionsPolicy', { domain: 'acme', repository: 'fresh', policyDocument: '{' }, { error: 'ValidationException', note: 'not JSON' });
    await call('GetRepositoryPermissionsPolicy', { domain: 'acme', repository: 'fresh' });
    await call('DeleteRepositoryPermissionsPolicy', { domain: 'acme', repository: 'fresh', policyRevision: (put.policy as { revision: string }).revision });
    await call('DeleteRepositoryPermissionsPolicy', { domain: 'acme', repository: 'fresh' }, { error: 'ResourceNotFoundException', note: 'none left' });
    await call('ListTagsForResource', { resourceArn: `arn:aws:codeartifact:${REGION}:${OWNER}:repository/acme/fresh` });

    await call('DeleteRepository', shared, { error: 'ConflictException', note: 'an upstream of others' });
    await call('DeleteRepository', { domain: 'acme', repository: 'fresh' });
    await call('DeleteRepository', { domain: 'acme', repository: 'fresh' }, { error: 'ResourceNotFoundException', note: 'gone' });

    for (const format of shapeOf(model, 'PackageFormat').enum ?? []) await call('GetRepositoryEndpoint', { ...shared, format }, { note: format });
    await call('GetRepositoryEndpoint', { ...shared, format: 'npm', endpointType: 'dualstack' }, { note: 'dualstack' });
    await call('GetRepositoryEndpoint', { ...shared, format: 'npm', endpointType: 'ipv6' }, { error: 'ValidationException', invalid: true });
    await call('GetRepositoryEndpoint', { domain: 'acme', repository: 'nope', format: 'npm' }, { error: 'ResourceNotFoundException' });

    const token = await call('GetAuthorizationToken', acme);
    expectThat(typeof token.authorizationToken === 'string' && typeof token.expiration === 'number', 'GetAuthorizationToken: no token or expiration');
    await call('GetAuthorizationToken', { domain: 'partner', domainOwner: PARTNER, durationSeconds: 900 }, { note: 'another account, 900 s' });
    await call('GetAuthorizationToken', { domain: 'acme', durationSeconds: 0 }, { note: 'the session’s own expiry' });
    await call('GetAuthorizationToken', { domain: 'acme', durationSeconds: 60 }, { error: 'ValidationException', note: 'under 900 s' });
    await call('GetAuthorizationToken', { domain: 'acme', durationSeconds: 43201 }, { error: 'ValidationException', invalid: true });
    await call('GetAuthorizationToken', { domain: 'nope' }, { error: 'ResourceNotFoundException' });
  });

  conforms('packages: list, describe, origin configuration, delete', async () => {
    await call('ListPackages', shared);
    const scoped = await call('ListPackages', { ...shared, format: 'npm', namespace: 'acme' }, { note: 'namespace' });
    expectThat(names(scoped.packages) === 'ui-kit', `ListPackages namespace=acme: ${names(scoped.packages)}`);
    const prefixed = await call('ListPackages', { ...shared, format: 'pypi', packagePrefix: 'Requests' }, { note: 'prefix, normalized' });
    expectThat(names(prefixed.packages) === 'requests-toolkit', `ListPackages package-prefix=Requests: ${names(prefixed.packages)}`);
    await call('ListPackages', { ...shared, publish: 'ALLOW', upstream: 'ALLOW' }, { note: 'origin filters' });
    await call('ListPackages', { ...shared, namespace: 'acme' }, { error: 'ValidationException', note: 'namespace without format' });
    await call('ListPackages', { ...shared, publish: 'MAYBE' }, { error: 'ValidationException', invalid: true });
    await call('ListPackages', { domain: 'acme', repository: 'nope' }, { error: 'ResourceNotFoundException' });

    await call('DescribePackage', uiKit);
    await call('DescribePackage', { ...shared, format: 'npm', package: 'left-pad' }, { note: 'unscoped' });
    await call('DescribePackage', { ...shared, format: 'maven', namespace: 'com.acme', package: 'core' }, { note: 'maven' });
    await call('DescribePackage', { ...shared, format: 'pypi', package: 'requests-toolkit' }, { note: 'pypi' });
    await call('DescribePackage', bundle, { note: 'generic' });
    await call('DescribePackage', { ...shared, format: 'npm', package: 'nope' }, { error: 'ResourceNotFoundException' });
    await call('DescribePackage', { ...shared, format: 'rubygems', package: 'x' }, { error: 'ValidationException', invalid: true });

    const origin = await call('PutPackageOriginConfiguration', { ...shared, format: 'npm', package: 'filler-0', restrictions: { publish: 'BLOCK', upstream: 'ALLOW' } });
    expectThat(JSON.stringify(origin.originConfiguration) === '{"restrictions":{"publish":"BLOCK","upstream":"ALLOW"}}', `PutPackageOriginConfiguration: ${JSON.stringify(origin)}`);
    await call('PutPackageOriginConfiguration', { ...shared, format: 'npm', package: 'not-yet', restrictions: { publish: 'BLOCK', upstream: 'BLOCK' } }, { note: 'before the package exists' });
    await call('PutPackageOriginConfiguration', { ...shared, format: 'npm', package: 'filler-1', restrictions: { publish: 'BLOCK' } }, { error: 'ValidationException', invalid: true });
    const blocked = await call('ListPackages', { ...shared, publish: 'BLOCK' }, { note: 'blocked ones' });
    // left-pad came into shared from the external connection first: CodeArtifact set it publish BLOCK, upstream ALLOW.
    expectThat(names(blocked.packages) === 'filler-0,left-pad,not-yet', `ListPackages publish=BLOCK: ${names(blocked.packages)}`);

    await call('DeletePackage', { ...shared, format: 'npm', package: 'filler-4' });
    await call('DeletePackage', { ...shared, format: 'npm', package: 'filler-4' }, { error: 'ResourceNotFoundException', note: 'gone' });
  });

  conforms('package versions: list, describe, readme, assets, dependencies', async () => {
    const listed = await call('ListPackageVersions', uiKit);
    expectThat(listed.defaultDisplayVersion === '2.1.0', `ListPackageVersions: defaultDisplayVersion ${String(listed.defaultDisplayVersion)}`);
    const published = await call('ListPackageVersions', { ...uiKit, status: 'Published', sortBy: 'PUBLISHED_TIME', originType: 'INTERNAL' }, { note: 'filters' });
    expectThat(names(published.versions) === '2.1.0', `ListPackageVersions status=Published: ${names(published.versions)}`);
    const newest = await call('ListPackageVersions', { ...uiKit, sortBy: 'PUBLISHED_TIME' }, { note: 'newest first' });
    expectThat(names(newest.versions) === '3.0.0-beta.1,2.1.0,2.0.0,1.0.0,0.9.0', `ListPackageVersions sortBy=PUBLISHED_TIME: ${names(newest.versions)}`);
    const external = await call('ListPackageVersions', { ...shared, format: 'npm', package: 'left-pad', originType: 'EXTERNAL' }, { note: 'external origin' });
    expectThat(names(external.versions) === '1.3.0', `ListPackageVersions originType=EXTERNAL: ${names(external.versions)}`);
    await call('ListPackageVersions', { ...uiKit, sortBy: 'NAME' }, { error: 'ValidationException', invalid: true });
    await call('ListPackageVersions', { ...uiKit, package: 'nope' }, { error: 'ResourceNotFoundException' });

    for (const [input, note] of [
      [{ ...uiKit, packageVersion: '2.1.0' }, 'npm'],
      [{ ...uiKit, packageVersion: '0.9.0' }, 'Disposed'],
      [{ ...shared, format: 'maven', namespace: 'com.acme', package: 'core', packageVersion: '1.0.0' }, 'maven'],
      [{ ...shared, format: 'pypi', package: 'requests-toolkit', packageVersion: '0.3.1' }, 'pypi'],
      [{ ...bundle, packageVersion: '1.0.0' }, 'generic'],
    ] as const) {
      await call('DescribePackageVersion', input, { note });
      await call('GetPackageVersionReadme', input, { note });
      await call('ListPackageVersionAssets', input, { note });
      const deps = await call('ListPackageVersionDependencies', input, { note });
      if (deps.nextToken !== undefined) await call('ListPackageVersionDependencies', { ...input, nextToken: deps.nextToken }, { note: `${note}, next page` });
    }
    await call('DescribePackageVersion', { ...uiKit, packageVersion: '9.9.9' }, { error: 'ResourceNotFoundException' });
    await call('GetPackageVersionReadme', { ...uiKit, packageVersion: '9.9.9' }, { error: 'ResourceNotFoundException' });
    await call('ListPackageVersionAssets', { ...uiKit, packageVersion: '9.9.9' }, { error: 'ResourceNotFoundException' });
    await call('ListPackageVersionDependencies', { ...uiKit, packageVersion: '9.9.9' }, { error: 'ResourceNotFoundException' });
    await call('ListPackageVersionDependencies', { ...uiKit, packageVersion: '2.1.0', nextToken: 'bm90LWEtdG9rZW4' }, { error: 'ValidationException', note: 'a token that is not one' });

    const asset = await call('GetPackageVersionAsset', { ...bundle, packageVersion: '1.0.0', asset: 'b.txt' });
    expectThat(Buffer.isBuffer(asset.asset) && asset.asset.toString() === 'bb' && asset.assetName === 'b.txt' && asset.packageVersion === '1.0.0' && typeof asset.packageVersionRevision === 'string', `GetPackageVersionAsset: ${JSON.stringify({ ...asset, asset: String(asset.asset) })}`);
    await call('GetPackageVersionAsset', { ...bundle, packageVersion: '1.0.0', asset: 'a.txt', packageVersionRevision: asset.packageVersionRevision }, { note: 'with the revision' });
    const tarball = ((await call('ListPackageVersionAssets', { ...uiKit, packageVersion: '2.1.0' })).assets as { name: string }[] | undefined)?.[0]?.name ?? 'none listed';
    await call('GetPackageVersionAsset', { ...uiKit, packageVersion: '2.1.0', asset: tarball }, { note: 'synthesized npm tarball' });
    await call('GetPackageVersionAsset', { ...bundle, packageVersion: '1.0.0', asset: 'nope.txt' }, { error: 'ResourceNotFoundException' });
    await call('GetPackageVersionAsset', { ...bundle, packageVersion: '1.0.0', asset: 'a.txt', packageVersionRevision: 'stale' }, { error: 'ResourceNotFoundException', note: 'another revision' });
  });

  conforms('package versions: publish, status changes, dispose, delete, copy', async () => {
    const content = Buffer.from('generic bytes');
    const sha = createHash('sha256').update(content).digest('hex');
    const fresh = { ...shared, format: 'generic', namespace: 'tools', package: 'fresh', packageVersion: '1.0.0' };
    const first = await call('PublishPackageVersion', { ...fresh, assetName: 'one.bin', assetContent: content, assetSHA256: sha, unfinished: true });
    expectThat(first.status === 'Unfinished', `PublishPackageVersion: unfinished=true gave ${String(first.status)}`);
    await call('PublishPackageVersion', { ...fresh, assetName: 'one.bin', assetContent: content, assetSHA256: sha, unfinished: true }, { error: 'ConflictException', note: 'the same asset again' });
    await call('PublishPackageVersion', { ...fresh, assetName: 'two.bin', assetContent: content, assetSHA256: '0'.repeat(64) }, { error: 'ValidationException', note: 'a wrong SHA-256' });
    await call('PublishPackageVersion', { ...fresh, format: 'npm', namespace: undefined, package: 'x', assetName: 'x.tgz', assetContent: content, assetSHA256: sha }, { error: 'ValidationException', note: 'npm' });
    await call('PublishPackageVersion', { ...fresh, package: 'filler-0', format: 'generic', assetName: 'a', assetContent: content, assetSHA256: sha }, { note: 'another generic package' });

    // An Unfinished version is finished by setting it Published.
    const finished = await call('UpdatePackageVersionsStatus', { ...fresh, packageVersion: undefined, versions: ['1.0.0'], targetStatus: 'Published' });
    expectThat(JSON.stringify(Object.keys(finished.successfulVersions as object)) === '["1.0.0"]' && (finished.successfulVersions as Record<string, { status: string }>)['1.0.0']?.status === 'Published', `UpdatePackageVersionsStatus: Unfinished → Published gave ${JSON.stringify(finished)}`);
    const beta = await call('UpdatePackageVersionsStatus', { ...uiKit, versions: ['3.0.0-beta.1'], expectedStatus: 'Unfinished', targetStatus: 'Published' }, { note: 'seeded Unfinished' });
    expectThat(JSON.stringify(beta.failedVersions) === '{}', `UpdatePackageVersionsStatus: ${JSON.stringify(beta)}`);
    const mixed = await call('UpdatePackageVersionsStatus', { ...uiKit, versions: ['2.0.0', '0.9.0', '9.9.9'], targetStatus: 'Archived' }, { note: 'some cannot' });
    const failed = mixed.failedVersions as Record<string, { errorCode: string }>;
    // All-or-nothing (AWS User Guide): the version that could change is SKIPPED, not changed.
    expectThat(failed['0.9.0']?.errorCode === 'NOT_ALLOWED' && failed['9.9.9']?.errorCode === 'NOT_FOUND' && failed['2.0.0']?.errorCode === 'SKIPPED' && JSON.stringify(mixed.successfulVersions) === '{}', `UpdatePackageVersionsStatus: ${JSON.stringify(mixed)}`);
    await call('UpdatePackageVersionsStatus', { ...uiKit, versions: ['1.0.0'], versionRevisions: { '1.0.0': 'stale' }, targetStatus: 'Published' }, { note: 'a stale revision' });
    await call('UpdatePackageVersionsStatus', { ...uiKit, versions: ['1.0.0'], targetStatus: 'Disposed' }, { error: 'ValidationException', note: 'Disposed is DisposePackageVersions' });
    await call('UpdatePackageVersionsStatus', { ...uiKit, versions: ['1.0.0'], targetStatus: 'Gone' }, { error: 'ValidationException', invalid: true });
    await call('UpdatePackageVersionsStatus', { ...uiKit, package: 'nope', versions: ['1.0.0'], targetStatus: 'Archived' }, { error: 'ResourceNotFoundException' });

    const some = await call('CopyPackageVersions', { domain: 'acme', sourceRepository: 'shared', destinationRepository: 'team', format: 'npm', namespace: 'acme', package: 'ui-kit', versions: ['2.1.0', '0.9.0', '9.9.9'] }, { note: 'some cannot' });
    const copyFailed = some.failedVersions as Record<string, { errorCode: string }>;
    expectThat(copyFailed['2.1.0']?.errorCode === 'SKIPPED' && copyFailed['9.9.9']?.errorCode === 'NOT_FOUND' && JSON.stringify(some.successfulVersions) === '{}', `CopyPackageVersions (all or nothing): ${JSON.stringify(some)}`);
    const copied = await call('CopyPackageVersions', { domain: 'acme', sourceRepository: 'shared', destinationRepository: 'team', format: 'npm', namespace: 'acme', package: 'ui-kit', versions: ['2.1.0'] });
    expectThat(Object.keys(copied.successfulVersions as object).join() === '2.1.0', `CopyPackageVersions: ${JSON.stringify(copied)}`);
    // Identical in both repositories: not copied, a success the reply leaves out (AWS: copies are idempotent).
    const again = await call('CopyPackageVersions', { domain: 'acme', sourceRepository: 'shared', destinationRepository: 'team', format: 'npm', namespace: 'acme', package: 'ui-kit', versions: ['2.1.0'] }, { note: 'already there' });
    expectThat(JSON.stringify(again) === '{"successfulVersions":{},"failedVersions":{}}', `CopyPackageVersions again: ${JSON.stringify(again)}`);
    await call('CopyPackageVersions', { domain: 'acme', sourceRepository: 'shared', destinationRepository: 'team', format: 'npm', namespace: 'acme', package: 'ui-kit', versionRevisions: { '2.1.0': 'stale' }, allowOverwrite: true }, { note: 'revisions' });
    const upstream = await call('CopyPackageVersions', { domain: 'acme', sourceRepository: 'team', destinationRepository: 'npm-public', format: 'maven', namespace: 'com.acme', package: 'core', versions: ['1.1.0'], includeFromUpstream: true }, { note: 'from an upstream' });
    expectThat(JSON.stringify(Object.keys(upstream.successfulVersions as object)) === '["1.1.0"]', `CopyPackageVersions includeFromUpstream: ${JSON.stringify(upstream)}`);
    await call('DescribePackageVersion', { domain: 'acme', repository: 'npm-public', format: 'maven', namespace: 'com.acme', package: 'core', packageVersion: '1.1.0' }, { note: 'the copy' });
    await call('CopyPackageVersions', { domain: 'acme', sourceRepository: 'shared', destinationRepository: 'shared', format: 'npm', namespace: 'acme', package: 'ui-kit', versions: ['2.1.0'] }, { error: 'ValidationException', note: 'onto itself' });
    await call('CopyPackageVersions', { domain: 'acme', sourceRepository: 'shared', destinationRepository: 'team', format: 'npm', namespace: 'acme', package: 'ui-kit', versions: ['2.1.0'], versionRevisions: {} }, { error: 'ValidationException', note: 'versions and revisions' });
    await call('CopyPackageVersions', { domain: 'acme', sourceRepository: 'shared', destinationRepository: 'nope', format: 'npm', namespace: 'acme', package: 'ui-kit', versions: ['2.1.0'] }, { error: 'ResourceNotFoundException' });

    const disposed = await call('DisposePackageVersions', { ...uiKit, versions: ['1.0.0'], expectedStatus: 'Archived' });
    expectThat((disposed.successfulVersions as Record<string, { status: string }>)['1.0.0']?.status === 'Disposed', `DisposePackageVersions: ${JSON.stringify(disposed)}`);
    await call('DisposePackageVersions', { ...uiKit, versions: ['2.0.0'], versionRevisions: { '2.0.0': 'stale' } }, { note: 'a stale revision' });
    await call('DisposePackageVersions', { ...uiKit, versions: [] }, { error: 'ValidationException', note: 'no versions' });
    await call('DeletePackageVersions', { ...uiKit, versions: ['1.0.0', '9.9.9'], expectedStatus: 'Disposed' });
    await call('DeletePackageVersions', { ...uiKit, package: 'nope', versions: ['1.0.0'] }, { error: 'ResourceNotFoundException' });
  });

  conforms('package groups: create, describe, update, origin controls, hierarchy, associations, delete', async () => {
    const root = await call('DescribePackageGroup', { ...acme, packageGroup: '/*' }, { note: 'the root group' });
    const rootOrigin = (root.packageGroup as { originConfiguration: { restrictions: Record<string, { mode: string }> } }).originConfiguration.restrictions;
    expectThat(rootOrigin.EXTERNAL_UPSTREAM?.mode === 'ALLOW' && rootOrigin.PUBLISH?.mode === 'ALLOW', `DescribePackageGroup /*: ${JSON.stringify(rootOrigin)}`);
    await call('CreatePackageGroup', { ...acme, packageGroup: '/npm/*', description: 'All npm', contactInfo: 'npm@acme.test', tags: [{ key: 'team', value: 'web' }] });
    const scoped = await call('CreatePackageGroup', { ...acme, packageGroup: '/npm/acme/*' });
    expectThat((scoped.packageGroup as { parent?: { pattern?: string } }).parent?.pattern === '/npm/*', `CreatePackageGroup /npm/acme/*: parent ${JSON.stringify(scoped.packageGroup)}`);
    await call('CreatePackageGroup', { ...acme, packageGroup: '/npm/acme/ui~' }, { note: 'a name prefix' });
    await call('CreatePackageGroup', { ...acme, packageGroup: '/pypi//requests-toolkit$' }, { note: 'an exact pypi name' });
    await call('CreatePackageGroup', { ...acme, packageGroup: '/maven/com.acme~' }, { note: 'a namespace prefix' });
    await call('CreatePackageGroup', { ...acme, packageGroup: '/npm/*' }, { error: 'ConflictException', note: 'again' });
    await call('CreatePackageGroup', { ...acme, packageGroup: '/npm/acme' }, { error: 'ValidationException', note: 'no suffix' });
    await call('CreatePackageGroup', { ...acme, packageGroup: '/pypi/ns/requests$' }, { error: 'ValidationException', note: 'a pypi namespace' });
    await call('CreatePackageGroup', { ...acme, packageGroup: '/npm/a b/*' }, { error: 'ValidationException', invalid: true, note: 'whitespace' });
    await call('CreatePackageGroup', { domain: 'nope', packageGroup: '/npm/*' }, { error: 'ResourceNotFoundException' });
    await call('DescribePackageGroup', { ...acme, packageGroup: '/nuget/*' }, { error: 'ResourceNotFoundException', note: 'not created' });
    await call('UpdatePackageGroup', { ...acme, packageGroup: '/npm/acme/*', description: 'Our scope', contactInfo: 'web@acme.test' });
    await call('UpdatePackageGroup', { ...acme, packageGroup: '/cargo/*', description: 'x' }, { error: 'ResourceNotFoundException' });

    const blocked = await call('UpdatePackageGroupOriginConfiguration', {
      ...acme,
      packageGroup: '/npm/acme/*',
      restrictions: { EXTERNAL_UPSTREAM: 'BLOCK', PUBLISH: 'ALLOW_SPECIFIC_REPOSITORIES' },
      addAllowedRepositories: [{ repositoryName: 'shared', originRestrictionType: 'PUBLISH' }, { repositoryName: 'team', originRestrictionType: 'PUBLISH' }],
    });
    expectThat(JSON.stringify(blocked.allowedRepositoryUpdates) === '{"PUBLISH":{"ADDED":["shared","team"]}}', `UpdatePackageGroupOriginConfiguration: ${JSON.stringify(blocked.allowedRepositoryUpdates)}`);
    await call('UpdatePackageGroupOriginConfiguration', { ...acme, packageGroup: '/npm/acme/*', removeAllowedRepositories: [{ repositoryName: 'team', originRestrictionType: 'PUBLISH' }] }, { note: 'remove one' });
    await call('UpdatePackageGroupOriginConfiguration', { ...acme, packageGroup: '/*', restrictions: { PUBLISH: 'INHERIT' } }, { error: 'ValidationException', note: 'the root cannot inherit' });
    await call('UpdatePackageGroupOriginConfiguration', { ...acme, packageGroup: '/npm/*', addAllowedRepositories: [{ repositoryName: 'nope', originRestrictionType: 'PUBLISH' }] }, { error: 'ResourceNotFoundException', note: 'a missing repository' });
    await call('UpdatePackageGroupOriginConfiguration', { ...acme, packageGroup: '/npm/*', restrictions: { PUBLISH: 'SOMETIMES' } }, { error: 'ValidationException', invalid: true });
    const prefix = await call('DescribePackageGroup', { ...acme, packageGroup: '/npm/acme/ui~' });
    const inherited = (prefix.packageGroup as { originConfiguration: { restrictions: Record<string, { mode: string; effectiveMode: string; inheritedFrom?: { pattern: string } }> } }).originConfiguration.restrictions.EXTERNAL_UPSTREAM;
    expectThat(inherited?.mode === 'INHERIT' && inherited.effectiveMode === 'BLOCK' && inherited.inheritedFrom?.pattern === '/npm/acme/*', `DescribePackageGroup /npm/acme/ui~ EXTERNAL_UPSTREAM: ${JSON.stringify(inherited)}`);

    const allowed = await call('ListAllowedRepositoriesForGroup', { ...acme, packageGroup: '/npm/acme/*', originRestrictionType: 'PUBLISH' });
    expectThat(JSON.stringify(allowed.allowedRepositories) === '["shared"]', `ListAllowedRepositoriesForGroup: ${JSON.stringify(allowed)}`);
    await call('ListAllowedRepositoriesForGroup', { ...acme, packageGroup: '/npm/acme/*', originRestrictionType: 'UPSTREAM' }, { error: 'ValidationException', invalid: true });

    const all = await call('ListPackageGroups', acme);
    expectThat((all.packageGroups as unknown[]).length === 6, `ListPackageGroups: ${JSON.stringify((all.packageGroups as { pattern: string }[]).map((g) => g.pattern))}`);
    const npm = await call('ListPackageGroups', { ...acme, prefix: '/npm/' }, { note: 'prefix' });
    expectThat(JSON.stringify((npm.packageGroups as { pattern: string }[]).map((g) => g.pattern)) === '["/npm/*","/npm/acme/*","/npm/acme/ui~"]', `ListPackageGroups prefix=/npm/: ${JSON.stringify(npm.packageGroups)}`);
    const subs = await call('ListSubPackageGroups', { ...acme, packageGroup: '/*' });
    expectThat(JSON.stringify((subs.packageGroups as { pattern: string }[]).map((g) => g.pattern)) === '["/maven/com.acme~","/npm/*","/pypi//requests-toolkit$"]', `ListSubPackageGroups /*: ${JSON.stringify(subs.packageGroups)}`);
    await call('ListSubPackageGroups', { ...acme, packageGroup: '/swift/*' }, { error: 'ResourceNotFoundException' });

    const associated = await call('ListAssociatedPackages', { ...acme, packageGroup: '/npm/acme/ui~' });
    expectThat(JSON.stringify(associated.packages) === '[{"format":"npm","namespace":"acme","package":"ui-kit","associationType":"STRONG"}]', `ListAssociatedPackages: ${JSON.stringify(associated.packages)}`);
    const preview = await call('ListAssociatedPackages', { ...acme, packageGroup: '/npm//left~', preview: true }, { note: 'preview of a group not created' });
    expectThat(names(preview.packages) === 'left-pad', `ListAssociatedPackages preview: ${JSON.stringify(preview.packages)}`);
    await call('ListAssociatedPackages', { ...acme, packageGroup: '/npm//left~' }, { error: 'ResourceNotFoundException', note: 'without preview' });
    const governing = await call('GetAssociatedPackageGroup', { ...acme, format: 'npm', namespace: 'acme', package: 'ui-kit' });
    expectThat((governing.packageGroup as { pattern: string }).pattern === '/npm/acme/ui~' && governing.associationType === 'STRONG', `GetAssociatedPackageGroup: ${JSON.stringify(governing)}`);
    const notYet = await call('GetAssociatedPackageGroup', { ...acme, format: 'npm', package: 'never-published' }, { note: 'a package not in any repository' });
    expectThat((notYet.packageGroup as { pattern: string }).pattern === '/npm/*', `GetAssociatedPackageGroup never-published: ${JSON.stringify(notYet.packageGroup)}`);
    await call('GetAssociatedPackageGroup', { ...acme, format: 'maven', package: 'core' }, { error: 'ValidationException', note: 'maven without a namespace' });

    const gone = await call('DeletePackageGroup', { ...acme, packageGroup: '/npm/acme/*' });
    expectThat((gone.packageGroup as { pattern: string }).pattern === '/npm/acme/*', `DeletePackageGroup: ${JSON.stringify(gone)}`);
    const moved = await call('DescribePackageGroup', { ...acme, packageGroup: '/npm/acme/ui~' }, { note: 'its child, moved to /npm/*' });
    expectThat((moved.packageGroup as { parent?: { pattern: string } }).parent?.pattern === '/npm/*', `after DeletePackageGroup the child's parent is ${JSON.stringify((moved.packageGroup as { parent?: unknown }).parent)}`);
    await call('DeletePackageGroup', { ...acme, packageGroup: '/npm/acme/*' }, { error: 'ResourceNotFoundException', note: 'gone' });
    await call('DeletePackageGroup', { ...acme, packageGroup: '/*' }, { error: 'ValidationException', note: 'the root group' });
    await call('CreatePackageGroup', { ...acme, packageGroup: '/npm/acme/*' }, { note: 'again, for the pagination test' });
  });

  conforms('pagination follows the model’s paginators', async () => {
    const limits: [string, Input, number][] = [
      ['ListDomains', {}, 2],
      ['ListRepositories', {}, 2],
      ['ListRepositoriesInDomain', acme, 2],
      ['ListPackages', shared, 3],
      ['ListPackageVersions', uiKit, 2],
      ['ListPackageVersionAssets', { ...bundle, packageVersion: '1.0.0' }, 2],
      ['ListPackageGroups', acme, 2],
      ['ListSubPackageGroups', { ...acme, packageGroup: '/*' }, 2],
      ['ListAllowedRepositoriesForGroup', { ...acme, packageGroup: '/npm/acme/*', originRestrictionType: 'PUBLISH' }, 1],
      ['ListAssociatedPackages', { ...acme, packageGroup: '/npm/*' }, 2],
    ];
    await call('UpdatePackageGroupOriginConfiguration', { ...acme, packageGroup: '/npm/acme/*', addAllowedRepositories: [{ repositoryName: 'shared', originRestrictionType: 'PUBLISH' }, { repositoryName: 'team', originRestrictionType: 'PUBLISH' }] }, { note: 'two to page through' });
    for (const [operation, input, limit] of limits) {
      const pages = await pageThrough(operation, input, limit);
      expectThat(pages > 1, `${operation}: one page only; the test needs more entries than ${limit}`);
    }
    const untested = Object.keys(model.paginators).filter((op) => implemented.has(op) && !limits.some(([name]) => name === op));
    assert.deepEqual(untested, [], 'implemented operations with a paginator that the test does not page through');
  });

  conforms('injected faults answer with the errors the model declares', async () => {
    try {
      emu.setFaults('throttle/ops=ListPackages/count=1/retryAfter=2,error/ops=DescribeRepository/count=1');
      await call('ListPackages', shared, { error: 'ThrottlingException', note: 'throttle fault' });
      await call('DescribeRepository', shared, { error: 'InternalServerException', note: 'error fault' });
    } finally {
      emu.setFaults(undefined);
    }
  });

  conforms('with IAM enforced: denials are the modeled AccessDeniedException, unknown and expired keys AWS’s common errors', async () => {
    const store = emu.store;
    const reader = 'AKIAMODELREADER00001';
    const expired = 'ASIAMODELEXPIRED0001';
    store.iamEnforced = true;
    store.identities.set(OWNER_KEY, fullAccessIdentity(OWNER_KEY, OWNER));
    store.identities.set(PARTNER_KEY, fullAccessIdentity(PARTNER_KEY, PARTNER));
    store.identities.set(reader, { accessKeyId: reader, account: OWNER, arn: `arn:aws:iam::${OWNER}:user/reader`, policies: [parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'codeartifact:Describe*', Resource: '*' }] }, 'identity')] });
    store.identities.set(expired, { accessKeyId: expired, account: OWNER, arn: `arn:aws:iam::${OWNER}:user/old` });
    store.sessionExpiry.set(expired, store.now() - 1000);
    try {
      await call('DescribeRepository', shared, { key: reader, note: 'allowed by Describe*' });
      await call('ListPackages', shared, { key: reader, error: 'AccessDeniedException', note: 'no identity policy allows it' });
      await call('GetAuthorizationToken', { domain: 'acme' }, { key: reader, error: 'AccessDeniedException', note: 'neither GetAuthorizationToken nor sts:GetServiceBearerToken' });
      await call('DescribeRepository', { domain: 'partner', domainOwner: PARTNER, repository: 'vendor' }, { error: 'AccessDeniedException', note: 'cross-account without a resource policy' });
      await call('ListDomains', {}, { key: 'AKIAMODELNOBODY00001', error: 'UnrecognizedClientException', note: 'an unknown access key' });
      await call('ListDomains', {}, { key: expired, error: 'ExpiredTokenException', note: 'expired session credentials' });
      await call('PutRepositoryPermissionsPolicy', { ...shared, policyDocument: '{"Version":"2012-10-17","Statement":' }, { error: 'ValidationException', note: 'a policy document that is not JSON' });
    } finally {
      store.iamEnforced = false;
      for (const key of [OWNER_KEY, PARTNER_KEY, reader, expired]) store.identities.delete(key);
      store.sessionExpiry.delete(expired);
    }
  });

  conforms('refuses the operations it does not implement with a modeled error', async () => {
    const values: Input = { domain: 'acme', packageGroup: '/npm/acme/*', originRestrictionType: 'PUBLISH', format: 'npm', namespace: 'acme', package: 'ui-kit' };
    for (const operation of Object.keys(REFUSED_OPERATIONS)) {
      const shape = shapeOf(model, model.operations[operation]?.input?.shape ?? '');
      const input = Object.fromEntries((shape.required ?? []).map((name) => [name, values[name]]));
      const body = await call(operation, input, { error: 'ValidationException' });
      expectThat(body.reason === 'UNKNOWN_OPERATION', `${operation}: refused with reason ${String(body.reason)}`);
    }
  });

  conforms('answers every operation of the model, or refuses it on purpose', () => {
    for (const name of Object.keys(model.operations)) {
      const seen = answered.get(name);
      if (name in REFUSED_OPERATIONS) {
        if (!seen?.errors.has('ValidationException')) found.push(`${name}: refused, but never called`);
      } else if (!implemented.has(name)) {
        found.push(`${name}: neither implemented nor in REFUSED_OPERATIONS`);
      } else if (!seen || seen.ok === 0) {
        found.push(`${name}: implemented, but no successful answer was checked`);
      }
    }
    expectThat(emu.stats.requests === answers, `the emulator answered ${emu.stats.requests} requests, ${answers} were checked`);
    console.log(`model conformance: ${Object.keys(model.operations).length} operations, ${answers} answers checked, ${allDeviations.length + found.length} deviations`);
  });

});
