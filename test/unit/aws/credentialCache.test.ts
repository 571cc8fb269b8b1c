// The credential cache in front of the SDK's providers: reuse until a minute before expiry, one resolution at a
// time, failures never kept. A fake provider and a fake clock; the SSO portal version is in
// test/integration/ssoExpiry.test.ts.
import assert from 'node:assert/strict';
import type { AwsCredentialIdentity } from '@smithy/types';
import { cacheCredentials, CREDENTIALS_REFRESH_MARGIN_MS } from '../../../src/aws/codeArtifactApi';

describe('credential cache', () => {
  let clock: number;
  let calls: number;
  const now = () => clock;

  beforeEach(() => {
    clock = 1_000_000;
    calls = 0;
  });

  /** Credentials numbered by resolution, valid for `ttlMs` (none: no expiration). */
  const provider = (ttlMs: number | undefined) => (): Promise<AwsCredentialIdentity> => {
    calls += 1;
    return Promise.resolve({ accessKeyId: `AKIA${calls}`, secretAccessKey: 's', ...(ttlMs === undefined ? {} : { expiration: new Date(clock + ttlMs) }) });
  };

  it('reuses credentials until the margin before their expiry, then resolves again', async () => {
    const cached = cacheCredentials(provider(4 * 60_000), { now });
    assert.equal((await cached()).accessKeyId, 'AKIA1');
    clock += 4 * 60_000 - CREDENTIALS_REFRESH_MARGIN_MS - 1;
    assert.equal((await cached()).accessKeyId, 'AKIA1');
    assert.equal(calls, 1);
    clock += 1;
    assert.equal((await cached()).accessKeyId, 'AKIA2');
    assert.equal((await cached()).accessKeyId, 'AKIA2');
    assert.equal(calls, 2);
  });

  it('credentials without an expiration are kept for the life of the provider (one connection)', async () => {
    const cached = cacheCredentials(provider(undefined), { now });
    for (let i = 0; i < 5; i += 1) {
      clock += 24 * 3600_000;
      assert.equal((await cached()).accessKeyId, 'AKIA1');
    }
    assert.equal(calls, 1);
  });

  it('credentials that arrive inside the margin are not reused', async () => {
    const cached = cacheCredentials(provider(CREDENTIALS_REFRESH_MARGIN_MS), { now });
    await cached();
    await cached();
    assert.equal(calls, 2);
  });

  it('concurrent callers share one resolution', async () => {
    let release: (c: AwsCredentialIdentity) => void = () => undefined;
    const cached = cacheCredentials(
      () => {
        calls += 1;
        return new Promise<AwsCredentialIdentity>((resolve) => (release = resolve));
      },
      { now },
    );
    const all = Promise.all([cached(), cached(), cached()]);
    release({ accessKeyId: 'AKIA', secretAccessKey: 's', expiration: new Date(clock + 3600_000) });
    assert.deepEqual((await all).map((c) => c.accessKeyId), ['AKIA', 'AKIA', 'AKIA']);
    assert.equal(calls, 1);
  });

  it('a failure is not kept: every caller of that round sees it, the next call tries again', async () => {
    let fail = true;
    const cached = cacheCredentials(
      () => {
        calls += 1;
        return fail ? Promise.reject(new Error('Token is expired')) : Promise.resolve({ accessKeyId: 'AKIA', secretAccessKey: 's' });
      },
      { now },
    );
    const results = await Promise.allSettled([cached(), cached()]);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
    assert.equal(calls, 1);
    await assert.rejects(cached(), /Token is expired/);
    assert.equal(calls, 2);
    fail = false;
    assert.equal((await cached()).accessKeyId, 'AKIA');
    assert.equal(calls, 3);
  });

  it('passes the SDK’s options through, and forceRefresh bypasses the cache', async () => {
    const seen: unknown[] = [];
    const cached = cacheCredentials(
      (options) => {
        seen.push(options);
        return Promise.resolve({ accessKeyId: `AKIA${seen.length}`, secretAccessKey: 's' });
      },
      { now },
    );
    const callerClientConfig = { region: 'us-west-2' };
    await cached({ callerClientConfig });
    assert.equal((await cached({ forceRefresh: true })).accessKeyId, 'AKIA2');
    assert.deepEqual(seen, [{ callerClientConfig }, { forceRefresh: true }]);
  });
});
