// Each failure kind, produced for real (emulator faults, bad inputs, closed ports, temp config files) and
// mapped to the typed union with a message a person can act on.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodeartifactClient, CreateRepositoryCommand } from '@aws-sdk/client-codeartifact';
import type { ApiOptions } from '../../../src/aws/codeArtifactApi';
import { actionsFor, CodeArtifactError, toApiError, type ApiErrorKind } from '../../../src/aws/errors';
import { failure, OWNER_KEY, PARTNER, REGION, seededEmulator } from './testSeed';

function expectKind(err: CodeArtifactError, kind: ApiErrorKind): void {
  assert.equal(err.kind, kind, `kind of: ${err.message}`);
  assert.doesNotMatch(err.message, /test-secret|:\/\/[^/\s]*@/, 'no secret or userinfo in the message');
}

/** A port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('error mapping', function () {
  const seeded = seededEmulator();
  const make = (opts: Partial<ApiOptions> = {}) => seeded.api(opts);

  it('404 → notFound, naming the resource', async () => {
    const err = await failure(make().describeRepository({ domain: 'acme', repository: 'no-such-repo' }));
    expectKind(err, 'notFound');
    assert.match(err.message, /no-such-repo/);
    assert.deepEqual(actionsFor(err.detail), ['refresh', 'showLogs']);
  });

  it('400 → validation, with the server’s reason', async () => {
    const err = await failure(make().listPackages({ domain: 'acme', repository: 'shared' }, {}, { maxResults: 1001 }));
    expectKind(err, 'validation');
    assert.match(err.message, /ListPackages/);
  });

  it('403 AccessDeniedException → accessDenied with action and resource', async () => {
    const client = new CodeartifactClient({ region: REGION, endpoint: seeded.emu.endpoint, credentials: { accessKeyId: OWNER_KEY, secretAccessKey: 's' } });
    try {
      await client.send(new CreateRepositoryCommand({ domain: 'partner', domainOwner: PARTNER, repository: 'intruder' }));
      assert.fail('expected AccessDenied');
    } catch (raw) {
      const err = toApiError(raw, { action: 'codeartifact:CreateRepository', resource: `arn:aws:codeartifact:${REGION}:${PARTNER}:repository/partner/intruder`, region: REGION, knownRegion: true, endpoint: seeded.emu.endpoint });
      expectKind(err, 'accessDenied');
      assert.deepEqual(err.detail, { kind: 'accessDenied', action: 'codeartifact:CreateRepository', resource: `arn:aws:codeartifact:${REGION}:${PARTNER}:repository/partner/intruder` });
      assert.match(err.message, /may not call codeartifact:CreateRepository on arn:/);
    } finally {
      client.destroy();
    }
  });

  it('reads action and resource from AWS’s own AccessDenied wording', () => {
    const raw = Object.assign(new Error('User: arn:aws:iam::1:user/x is not authorized to perform: codeartifact:ListPackages on resource: arn:aws:codeartifact:us-west-2:1:repository/d/r.'), {
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    });
    const err = toApiError(raw, { action: 'codeartifact:Other', region: REGION, knownRegion: true });
    assert.deepEqual(err.detail, { kind: 'accessDenied', action: 'codeartifact:ListPackages', resource: 'arn:aws:codeartifact:us-west-2:1:repository/d/r' });
    // The current wording (IAM's "Troubleshoot access denied error messages"), quoted or not.
    for (const resource of ['arn:aws:codeartifact:us-west-2:1:package/d/r/npm//x', '"arn:aws:codeartifact:us-west-2:1:package/d/r/npm//x"']) {
      const current = Object.assign(new Error(`User: arn:aws:sts::1:assumed-role/Dev/me is not authorized to perform: codeartifact:ListPackageVersions on resource: ${resource} because no identity-based policy allows the codeartifact:ListPackageVersions action`), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
      assert.deepEqual(toApiError(current, { action: 'codeartifact:Other', region: REGION, knownRegion: true }).detail, { kind: 'accessDenied', action: 'codeartifact:ListPackageVersions', resource: 'arn:aws:codeartifact:us-west-2:1:package/d/r/npm//x' });
    }
  });

  it('429 is retried quietly; only a persistent one → throttled', async () => {
    seeded.emu.setFaults('throttle/ops=ListDomains/count=1/retryAfter=0');
    const ok = await make().listDomains();
    assert.equal(ok.items.length, 1, 'one throttle is absorbed by a retry');
    assert.equal(seeded.emu.stats.operations.ListDomains, 1);
    assert.equal(seeded.emu.stats.faults.throttle, 1);

    seeded.emu.resetStats();
    seeded.emu.setFaults('throttle/ops=ListDomains/retryAfter=0');
    const err = await failure(make({ maxAttempts: 2 }).listDomains());
    expectKind(err, 'throttled');
    assert.equal(seeded.emu.stats.faults.throttle, 2, 'bounded: exactly maxAttempts attempts');
  });

  it('500 is retried; a persistent one → internal', async () => {
    seeded.emu.setFaults('error/ops=ListRepositoriesInDomain/count=2');
    const ok = await make({ maxAttempts: 3 }).listRepositories({ name: 'acme' });
    assert.equal(ok.items.length, 4);
    seeded.emu.setFaults('error/ops=ListRepositoriesInDomain');
    const err = await failure(make({ maxAttempts: 2 }).listRepositories({ name: 'acme' }));
    expectKind(err, 'internal');
    assert.match(err.message, /HTTP 500/);
  });

  it('a closed port → networkUnreachable, naming the endpoint without userinfo', async () => {
    const port = await closedPort();
    const err = await failure(make({ endpoint: `http://user:pw@127.0.0.1:${port}`, maxAttempts: 1 }).listDomains());
    expectKind(err, 'networkUnreachable');
    assert.match(err.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
    assert.doesNotMatch(err.message, /user|pw@/);
    assert.deepEqual(actionsFor(err.detail), ['openEndpointSetting', 'showLogs']);
  });

  it('a call that outlives its deadline → networkUnreachable (timeout), not a hang', async () => {
    seeded.emu.setFaults('slow/ms=3000/ops=ListDomains');
    const err = await failure(make({ callTimeoutMs: 400, maxAttempts: 1 }).listDomains());
    // Without our deadline this call would succeed once the slow answer arrives (3 s): an error proves we gave up first.
    expectKind(err, 'networkUnreachable');
  });

  it('an aborted signal → cancelled', async () => {
    seeded.emu.setLatency(500);
    try {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      const err = await failure(make().listDomains({ signal: controller.signal }));
      expectKind(err, 'cancelled');
      assert.deepEqual(actionsFor(err.detail), []);
    } finally {
      seeded.emu.setLatency(0);
    }
  });

  it('a region CodeArtifact does not run in → unknownRegion', async () => {
    const err = await failure(make({ region: 'mars-north-1', endpoint: undefined, maxAttempts: 1, callTimeoutMs: 8000 }).listDomains());
    expectKind(err, 'unknownRegion');
    assert.match(err.message, /mars-north-1/);
    assert.deepEqual(actionsFor(err.detail), ['selectRegion']);
  });

  describe('credentials from config files', () => {
    let dir: string;
    const saved = { ...process.env };
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'ca-err-'));
      process.env.AWS_CONFIG_FILE = join(dir, 'config');
      process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
      process.env.HOME = dir; // no ~/.aws/sso/cache here
      writeFileSync(join(dir, 'credentials'), '');
    });
    afterEach(() => {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
      rmSync(dir, { recursive: true, force: true });
    });

    it('an SSO profile without a live session → ssoExpired, naming the profile and the fix', async () => {
      writeFileSync(
        join(dir, 'config'),
        '[profile dev-sso]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\nregion = us-west-2\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n',
      );
      const err = await failure(make({ credentials: undefined, profile: 'dev-sso', maxAttempts: 1 }).listDomains());
      expectKind(err, 'ssoExpired');
      assert.deepEqual(err.detail, { kind: 'ssoExpired', profile: 'dev-sso' });
      assert.match(err.message, /aws sso login --profile dev-sso/);
      assert.deepEqual(actionsFor(err.detail), ['ssoLogin', 'signIn']);
      assert.equal(seeded.emu.stats.requests, 0, 'nothing was sent without credentials');
    });

    it('a profile that does not exist → noCredentials', async () => {
      writeFileSync(join(dir, 'config'), '[profile other]\nregion = us-west-2\n');
      const err = await failure(make({ credentials: undefined, profile: 'ghost', maxAttempts: 1 }).listDomains());
      expectKind(err, 'noCredentials');
      assert.match(err.message, /profile "ghost"/);
      assert.deepEqual(actionsFor(err.detail), ['signIn', 'showLogs']);
    });
  });
});
