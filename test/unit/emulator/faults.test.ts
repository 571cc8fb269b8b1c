import assert from 'node:assert/strict';
import { request, type IncomingHttpHeaders } from 'node:http';
import { FaultInjector, FaultSpecError, parseFaults } from '../../../test/emulator/faults';
import { startEmulator, type Emulator } from '../../../test/emulator/server';
import { versionsSeed, OWNER, OWNER_KEY, REGION } from '../versions/versionsSeed';

describe('emulator fault spec', () => {
  it('parses kinds, rates and options', () => {
    assert.deepEqual(parseFaults(undefined), []);
    assert.deepEqual(parseFaults('  '), []);
    const [t, e, r, s] = parseFaults('throttle=0.25/retryAfter=3,error/ops=ListPackages+npm:*/count=2/after=1/status=503,reset=0.1,slow/ms=500');
    assert.deepEqual([t?.kind, t?.rate, t?.retryAfter, t?.operations], ['throttle', 0.25, 3, []]);
    assert.deepEqual([e?.kind, e?.rate, e?.operations, e?.count, e?.after, e?.status], ['error', 1, ['ListPackages', 'npm:*'], 2, 1, 503]);
    assert.deepEqual([r?.kind, r?.rate], ['reset', 0.1]);
    assert.deepEqual([s?.kind, s?.ms], ['slow', 500]);
  });

  it('parses the malformed-answer kinds and their options, with defaults', () => {
    const [t, c, g, m, l, e, x] = parseFaults('truncate/ops=ListPackages,truncate/chunked,garbage=0.5,mistype,mistype/shape=lists,enormous,enormous/endless=1/ms=300/size=2/items=10');
    assert.deepEqual([t?.kind, t?.chunked, t?.operations], ['truncate', false, ['ListPackages']]);
    assert.deepEqual([c?.kind, c?.chunked], ['truncate', true]);
    assert.deepEqual([g?.kind, g?.rate], ['garbage', 0.5]);
    assert.deepEqual([m?.kind, m?.shape, l?.shape], ['mistype', 'fields', 'lists']);
    assert.deepEqual([e?.kind, e?.size, e?.items, e?.endless, e?.ms], ['enormous', undefined, 100_000, false, undefined]);
    assert.deepEqual([x?.endless, x?.ms, x?.size, x?.items], [true, 300, 2, 10]);
  });

  it('rejects mistakes with a message naming the rule', () => {
    for (const [spec, message] of [
      ['throtle', /unknown kind "throtle"/],
      ['error=2', /rate must be a number from 0 to 1/],
      ['error=abc', /rate must be a number/],
      ['slow/speed=3', /unknown option "speed"/],
      ['error/status=404', /status must be a number from 500 to 599/],
      ['mistype/shape=objects', /shape must be fields or lists/],
      ['truncate/chunked=maybe', /chunked must be 1 or 0/],
      ['enormous/size=-1', /size must be a number from 0 to 4096/],
      ['enormous/items=x', /items must be a number/],
      ['garbge', /unknown kind "garbge" \(use throttle, error, reset, slow, truncate, garbage, mistype, enormous\)/],
    ] as const) {
      assert.throws(() => parseFaults(spec), (err: unknown) => err instanceof FaultSpecError && message.test(err.message) && err.message.includes(JSON.stringify(spec)));
    }
  });

  it('applies a rate deterministically: exactly rate × N faults, evenly spread', () => {
    const injector = new FaultInjector(parseFaults('error=0.25'));
    const fired = Array.from({ length: 12 }, () => injector.pick('ListDomains') !== undefined);
    assert.deepEqual(fired.map((f) => (f ? 'x' : '.')).join(''), '...x...x...x');
  });

  it('targets operations (with prefixes), skips `after`, stops after `count`', () => {
    const injector = new FaultInjector(parseFaults('error/ops=npm:*+ListPackages/after=1/count=2'));
    const seen = ['ListDomains', 'npm:packument', 'npm:tarball', 'pypi:simple', 'ListPackages', 'ListPackages'].map((op) => injector.pick(op)?.kind ?? '-');
    assert.deepEqual(seen, ['-', '-', 'error', '-', 'error', '-']);
  });

  it('the first rule that fires wins, but every matching rule counts the request', () => {
    const injector = new FaultInjector(parseFaults('throttle=0.5,error=0.5'));
    assert.deepEqual([1, 2, 3, 4].map(() => injector.pick('X')?.kind ?? '-'), ['-', 'throttle', '-', 'throttle']);
  });
});

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Bytes received (also counted when `keep` is false). */
  bytes: number;
  /** How the body ended: completely, or with the connection cut. */
  ended: 'complete' | 'cut';
}

/**
 * One request with node's own http client, no retries and no parsing: what the wire says. `keep: false` counts
 * bytes without keeping them; `stopAfter` hangs up after that many bytes.
 */
function raw(emu: Emulator, method: string, path: string, headers: Record<string, string> = {}, opts: { keep?: boolean; stopAfter?: number } = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = request(`${emu.endpoint}${path}`, { method, headers: { connection: 'close', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      let bytes = 0;
      let settled = false;
      const done = (ended: RawAnswer['ended']): void => {
        if (settled) return;
        settled = true;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), bytes, ended });
      };
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (opts.keep !== false) chunks.push(chunk);
        if (opts.stopAfter !== undefined && bytes >= opts.stopAfter) {
          req.destroy();
          done('cut');
        }
      });
      res.on('end', () => done(res.complete ? 'complete' : 'cut'));
      res.on('aborted', () => done('cut'));
      res.on('error', () => done('cut'));
      res.on('close', () => done(res.complete ? 'complete' : 'cut'));
    });
    req.on('error', reject);
    req.end();
  });
}

/** What the SDK would send; the emulator reads the key and region, it does not check the signature. */
const SIGNED = {
  authorization: `AWS4-HMAC-SHA256 Credential=${OWNER_KEY}/20250101/${REGION}/codeartifact/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`,
  'x-amz-date': '20250101T000000Z',
};
const LIST_PACKAGES = `/v1/packages?domain=acme&domain-owner=${OWNER}&repository=shared&format=npm&max-results=5`;
const NPM = `/acme-${OWNER}/npm/shared/`;
const PACKUMENT = `${NPM}@acme%2fui-kit`;
const SIMPLE = `/acme-${OWNER}/pypi/shared/simple/acme-utils/`;
const METADATA = `/acme-${OWNER}/maven/shared/com/acme/greeting/maven-metadata.xml`;

function json(body: Buffer): Record<string, unknown> {
  return JSON.parse(body.toString('utf8')) as Record<string, unknown>;
}

describe('emulator malformed-answer faults on the wire', function () {
  let emu: Emulator;
  let token = '';
  const bearer = (): Record<string, string> => ({ authorization: `Bearer ${token}` });
  const basic = (): Record<string, string> => ({ authorization: `Basic ${Buffer.from(`aws:${token}`).toString('base64')}`, accept: 'application/vnd.pypi.simple.v1+json' });

  before(async () => {
    emu = await startEmulator({ seed: versionsSeed(), port: 0 });
    const answer = await raw(emu, 'POST', `/v1/authorization-token?domain=acme&domain-owner=${OWNER}`, SIGNED);
    token = String(json(answer.body).authorizationToken);
  });
  after(async () => {
    await emu.stop();
  });
  beforeEach(() => {
    emu.setFaults(undefined);
    emu.resetStats();
  });

  it('truncate: a 200 with the full Content-Length, half the body, then the connection is cut', async () => {
    const whole = await raw(emu, 'POST', LIST_PACKAGES, SIGNED);
    assert.equal(whole.ended, 'complete');
    emu.setFaults('truncate/ops=ListPackages');
    const cut = await raw(emu, 'POST', LIST_PACKAGES, SIGNED);
    assert.equal(cut.status, 200);
    assert.equal(cut.headers['content-length'], String(whole.body.length), 'announces the whole body');
    assert.equal(cut.ended, 'cut');
    assert.equal(cut.bytes, Math.floor(whole.body.length / 2));
    assert.deepEqual(cut.body, whole.body.subarray(0, cut.bytes), 'the first half of the real answer');
    assert.deepEqual(emu.stats.faults, { truncate: 1 });
    assert.equal(emu.stats.operations.ListPackages, 2, 'the handler ran: the answer is real, only cut');
  });

  it('truncate/chunked: chunked framing without the last chunk, on the data plane too', async () => {
    const whole = await raw(emu, 'GET', PACKUMENT, bearer());
    emu.setFaults('truncate/chunked=1/ops=npm:*');
    const cut = await raw(emu, 'GET', PACKUMENT, bearer());
    assert.equal(cut.status, 200);
    assert.equal(cut.headers['transfer-encoding'], 'chunked');
    assert.equal(cut.headers['content-length'], undefined);
    assert.equal(cut.ended, 'cut');
    assert.equal(cut.bytes, Math.floor(whole.body.length / 2));
  });

  it('garbage: a 200 with the expected content type and a proxy error page that is neither JSON nor XML', async () => {
    emu.setFaults('garbage');
    for (const [method, path, headers, type] of [
      ['POST', LIST_PACKAGES, SIGNED, 'application/json'],
      ['GET', PACKUMENT, bearer(), 'application/json'],
      ['GET', SIMPLE, basic(), 'application/vnd.pypi.simple.v1+json'],
      ['GET', METADATA, basic(), 'text/xml'],
    ] as const) {
      const answer = await raw(emu, method, path, headers);
      assert.equal(answer.status, 200, path);
      assert.equal(answer.headers['content-type'], type, path);
      assert.equal(answer.ended, 'complete');
      assert.match(answer.body.toString(), /Proxy Error/);
      assert.throws(() => JSON.parse(answer.body.toString()) as unknown, SyntaxError);
      assert.match(answer.body.toString(), /<br>\n/, 'unclosed tags: not well-formed XML either');
    }
    assert.equal(emu.stats.faults.garbage, 4);
    assert.deepEqual(emu.stats.operations, {}, 'no handler ran');
  });

  it('mistype (fields): well-formed JSON of the wrong types, with a Content-Length that matches', async () => {
    emu.setFaults('mistype/ops=ListPackages');
    const answer = await raw(emu, 'POST', LIST_PACKAGES, SIGNED);
    assert.equal(answer.headers['content-length'], String(answer.body.length));
    const doc = json(answer.body);
    const packages = doc.packages as unknown[];
    assert.ok(Array.isArray(packages));
    assert.equal(typeof (packages[0] as Record<string, unknown>).package, 'number', 'a number where a string belongs');
    assert.equal((packages[1] as Record<string, unknown>).package, undefined, 'a required member missing');
    assert.equal(packages[2], null);
    assert.equal(typeof packages[3], 'string');
    assert.equal(doc.nextToken, 12345);
    assert.equal(packages.length, 5 + 2, 'the real page, plus a null and a string');
  });

  it('mistype (lists): lists of the wrong type; npm versions as an array, time a string, no dist-tags; PyPI files an object', async () => {
    emu.setFaults('mistype/shape=lists');
    const list = json((await raw(emu, 'POST', LIST_PACKAGES, SIGNED)).body);
    assert.ok(typeof list.packages === 'object' && !Array.isArray(list.packages), 'an object where the array belongs');
    const assets = json((await raw(emu, 'POST', `/v1/package/version/assets?domain=acme&domain-owner=${OWNER}&repository=shared&format=npm&namespace=acme&package=ui-kit&version=2.1.0`, SIGNED)).body);
    assert.equal(typeof assets.assets, 'string', 'an asset list that is a string');
    const packument = json((await raw(emu, 'GET', PACKUMENT, bearer())).body);
    assert.ok(Array.isArray(packument.versions));
    assert.equal(typeof packument.time, 'string');
    assert.equal(packument['dist-tags'], undefined);
    const simple = json((await raw(emu, 'GET', SIMPLE, basic())).body);
    assert.ok(typeof simple.files === 'object' && !Array.isArray(simple.files));
  });

  it('mistype on Maven metadata: valid XML of an unexpected structure, with a DOCTYPE entity', async () => {
    emu.setFaults('mistype/ops=maven:*');
    const xml = (await raw(emu, 'GET', METADATA, basic())).body.toString();
    assert.match(xml, /<!DOCTYPE metadata \[\s*<!ENTITY boom/);
    assert.match(xml, /<version>&boom;<\/version>/);
    assert.match(xml, /<version><v>1\.2\.3-nested<\/v><\/version>/);
    assert.match(xml, /<version>1\.1<\/version>/, 'the real versions are still there');
    emu.setFaults('mistype/shape=lists/ops=maven:*');
    const lists = (await raw(emu, 'GET', METADATA, basic())).body.toString();
    assert.match(lists, /<versioning>1\.0<\/versioning>/);
  });

  it('mistype leaves error answers alone', async () => {
    emu.setFaults('mistype');
    const answer = await raw(emu, 'GET', `${NPM}no-such-package`, bearer());
    assert.equal(answer.status, 404);
    assert.deepEqual(json(answer.body), { error: 'Package no-such-package was not found.' });
  });

  it('enormous: a ListPackages page of N items and a nextToken of `size` MiB, streamed', async () => {
    emu.setFaults('enormous/ops=ListPackages/items=2000/size=1');
    const answer = await raw(emu, 'POST', LIST_PACKAGES, SIGNED);
    assert.equal(answer.headers['transfer-encoding'], 'chunked');
    const doc = json(answer.body);
    assert.equal((doc.packages as unknown[]).length, 2000, 'far more than the 5 asked for');
    assert.equal((doc.nextToken as string).length, 1024 * 1024);
    assert.deepEqual(emu.stats.faults, { enormous: 1 });
  });

  it('enormous: a ~60 MiB npm packument by default, generated as it streams (the emulator holds little)', async () => {
    emu.setFaults('enormous/ops=npm:*');
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
    const answer = await raw(emu, 'GET', PACKUMENT, bearer(), { keep: false });
    clearInterval(timer);
    assert.equal(answer.ended, 'complete');
    assert.ok(answer.bytes >= 60 * 1024 * 1024 && answer.bytes < 64 * 1024 * 1024, `size: ${answer.bytes}`);
    // The client here keeps nothing: heap growth is the emulator's, far below the 60 MiB it sent.
    assert.ok(peak - before < 40 * 1024 * 1024, `heap grew by ${Math.round((peak - before) / 1e6)} MB`);
    emu.setFaults('enormous/ops=npm:*/size=1');
    const small = json((await raw(emu, 'GET', PACKUMENT, bearer())).body);
    const versions = Object.keys(small.versions as object);
    assert.ok(versions.length > 500, `versions: ${versions.length}`);
    assert.deepEqual(Object.keys(small.time as object), versions, 'a time for every version');
  });

  it('enormous: PyPI index and Maven metadata of `size` MiB are valid documents', async () => {
    emu.setFaults('enormous/size=1');
    const simple = json((await raw(emu, 'GET', SIMPLE, basic())).body);
    assert.ok((simple.files as unknown[]).length > 1000);
    const xml = await raw(emu, 'GET', METADATA, basic());
    assert.ok(xml.bytes > 1024 * 1024);
    assert.match(xml.body.toString(), /<\/versions>\n {2}<\/versioning>\n<\/metadata>\n$/);
  });

  it('enormous/endless: never ends until `ms`, or stops when the client hangs up', async () => {
    emu.setFaults('enormous/endless=1/ms=200/ops=ListPackages');
    const bounded = await raw(emu, 'POST', LIST_PACKAGES, SIGNED, { keep: false });
    assert.equal(bounded.ended, 'complete', 'ms ends it (as valid JSON)');
    emu.setFaults('enormous/endless=1/ops=npm:*');
    const cut = await raw(emu, 'GET', PACKUMENT, bearer(), { keep: false, stopAfter: 8 * 1024 * 1024 });
    assert.equal(cut.ended, 'cut');
    // The emulator notices and stops generating (counted, not timed; mocha's timeout is the hang guard).
    while (emu.stats.inFlight > 0) await new Promise((r) => setTimeout(r, 10));
  });
});
