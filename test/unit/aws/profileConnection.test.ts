// The profile's own connection settings (endpoint_url, services section, FIPS, dual-stack, ca_bundle) as the AWS CLI
// reads them, proven against the emulator; dual-stack endpoints, the VPC repository form and duration 0 end to end.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CodeartifactClient, GetRepositoryEndpointCommand } from '@aws-sdk/client-codeartifact';
import { SdkCodeArtifactApi } from '../../../src/aws/codeArtifactApi';
import { readCaBundle, readProfileConnection } from '../../../src/aws/profileConnection';
import { Session, type SessionLog } from '../../../src/auth/session';
import type { ConnectionSettings } from '../../../src/shared/settings';
import { VersionSource } from '../../../src/versions/versionSource';
import { fetchTrusting } from '../../../src/aws/caFetch';
import { FakeMemento } from '../fakes';
import { startTlsProxy } from './tlsProxy';
import { OWNER, OWNER_KEY, REGION, seededEmulator } from './testSeed';

describe('profile connection settings', () => {
  const seeded = seededEmulator();
  let dir: string;
  const saved = { ...process.env };
  const sessions: Session[] = [];
  const log: SessionLog = { info: () => undefined, warn: () => undefined, trace: () => undefined };

  function writeConfig(text: string): string {
    const file = join(dir, 'config');
    writeFileSync(file, text);
    writeFileSync(join(dir, 'credentials'), `[ep]\naws_access_key_id = ${OWNER_KEY}\naws_secret_access_key = s\n`);
    return file;
  }
  function session(settings: Partial<ConnectionSettings> = {}): Session {
    const all: ConnectionSettings = { profile: undefined, region: undefined, endpoint: undefined, extraDomains: [], ...settings };
    const s = new Session(new FakeMemento(), log, () => all, (opts) => new SdkCodeArtifactApi({ ...opts, maxAttempts: 1, callTimeoutMs: 5_000 }), process.env);
    sessions.push(s);
    return s;
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ca-profile-'));
    for (const k of ['AWS_PROFILE', 'AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_CODEARTIFACT', 'AWS_USE_FIPS_ENDPOINT', 'AWS_USE_DUALSTACK_ENDPOINT', 'AWS_CA_BUNDLE', 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', 'AWS_REGION', 'AWS_DEFAULT_REGION']) {
      delete process.env[k];
    }
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  });
  afterEach(() => {
    sessions.splice(0).forEach((s) => s.dispose());
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    rmSync(dir, { recursive: true, force: true });
  });

  it('endpoint precedence: setting > AWS_ENDPOINT_URL_CODEARTIFACT > AWS_ENDPOINT_URL > services section > profile endpoint_url', async () => {
    writeConfig('[profile ep]\nregion = us-west-2\nendpoint_url = http://profile.example\nservices = mine\n[services mine]\ncodeartifact =\n  endpoint_url = http://services.example\ns3 =\n  endpoint_url = http://s3.example\n');
    const env = { ...process.env };
    assert.deepEqual((await readProfileConnection('http://setting.example', 'ep', { ...env, AWS_ENDPOINT_URL_CODEARTIFACT: 'http://x' })).endpoint, { url: 'http://setting.example', source: 'setting codeartifact.endpoint' });
    assert.equal((await readProfileConnection(undefined, 'ep', { ...env, AWS_ENDPOINT_URL_CODEARTIFACT: 'http://svc-env', AWS_ENDPOINT_URL: 'http://env' })).endpoint?.url, 'http://svc-env');
    assert.equal((await readProfileConnection(undefined, 'ep', { ...env, AWS_ENDPOINT_URL: 'http://env' })).endpoint?.url, 'http://env');
    assert.deepEqual((await readProfileConnection(undefined, 'ep', env)).endpoint, { url: 'http://services.example', source: 'services section' });
    // AWS_PROFILE picks the profile when none is chosen
    assert.equal((await readProfileConnection(undefined, undefined, { ...env, AWS_PROFILE: 'ep' })).endpoint?.url, 'http://services.example');
    // ignore_configured_endpoint_urls drops all but the explicit setting
    assert.equal((await readProfileConnection(undefined, 'ep', { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true', AWS_ENDPOINT_URL: 'http://env' })).endpoint, undefined);
    assert.equal((await readProfileConnection('http://setting.example', 'ep', { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' })).endpoint?.url, 'http://setting.example');
    writeConfig('[profile ep]\nendpoint_url = http://profile.example\n');
    assert.deepEqual((await readProfileConnection(undefined, 'ep', env)).endpoint, { url: 'http://profile.example', source: 'profile endpoint_url' });
    assert.equal((await readProfileConnection(undefined, 'other', env)).endpoint, undefined);
  });

  it('FIPS, dual-stack and ca_bundle from the profile, the environment winning', async () => {
    writeConfig('[profile ep]\nuse_fips_endpoint = true\nuse_dualstack_endpoint = TRUE\nca_bundle = /etc/ssl/mine.pem\n');
    const env = { ...process.env };
    assert.deepEqual(await readProfileConnection(undefined, 'ep', env), { useFipsEndpoint: true, useDualstackEndpoint: true, caBundle: '/etc/ssl/mine.pem' });
    assert.deepEqual(await readProfileConnection(undefined, 'ep', { ...env, AWS_USE_FIPS_ENDPOINT: 'false', AWS_USE_DUALSTACK_ENDPOINT: 'false', AWS_CA_BUNDLE: '/x.pem' }), {
      useFipsEndpoint: false,
      useDualstackEndpoint: false,
      caBundle: '/x.pem',
    });
    assert.deepEqual(await readProfileConnection(undefined, 'missing', env), { useFipsEndpoint: false, useDualstackEndpoint: false });
  });

  it('signs in through the endpoint of the profile’s services section (no extension setting)', async () => {
    writeConfig(`[profile ep]\nregion = ${REGION}\nservices = local\n[services local]\ncodeartifact =\n  endpoint_url = ${seeded.emu.endpoint}\n`);
    const s = session();
    const count = await s.signIn('ep', REGION);
    assert.ok(count > 0);
    assert.equal(seeded.emu.stats.operations.ListDomains, 1);
    assert.equal(s.connection?.endpoint, seeded.emu.endpoint);
  });

  it('signs in through the profile’s endpoint_url; a dual-stack profile gets dual-stack repository endpoints', async () => {
    writeConfig(`[profile ep]\nregion = ${REGION}\nendpoint_url = ${seeded.emu.endpoint}\nuse_dualstack_endpoint = true\n`);
    const s = session();
    await s.signIn('ep', REGION);
    assert.equal(s.connection?.useDualstackEndpoint, true);
    const url = await s.api().getRepositoryEndpoint({ domain: 'acme', repository: 'shared' }, 'npm');
    assert.equal(new URL(url).hostname, 'localhost');
    assert.equal(new URL(url).port, new URL(seeded.emu.endpoint).port);
  });

  it('ca_bundle: the profile’s CA makes an https endpoint with its own certificate work, for the API and the data plane', async function () {
    const proxy = await startTlsProxy(seeded.emu.endpoint);
    if (!proxy) this.skip();
    try {
      delete process.env.NODE_EXTRA_CA_CERTS;
      writeConfig(`[profile ep]\nregion = ${REGION}\nendpoint_url = ${proxy.endpoint}\n[profile trusting]\nregion = ${REGION}\nendpoint_url = ${proxy.endpoint}\nca_bundle = ${proxy.certFile}\n`);
      writeFileSync(join(dir, 'credentials'), `[ep]\naws_access_key_id = ${OWNER_KEY}\naws_secret_access_key = s\n[trusting]\naws_access_key_id = ${OWNER_KEY}\naws_secret_access_key = s\n`);
      await assert.rejects(session().signIn('ep', REGION), /certificate/i);
      const s = session();
      assert.ok((await s.signIn('trusting', REGION)) > 0);
      assert.equal(s.caCertificates, proxy.pem);
      const ping = `${proxy.endpoint}/acme-${OWNER}/npm/shared/-/ping`;
      await assert.rejects(fetch(ping), 'Node’s own CAs do not trust it');
      const answer = await fetchTrusting(proxy.pem)(ping, { headers: { accept: 'application/json' }, redirect: 'manual' });
      assert.equal(answer.status, 401, 'reached the emulator (no token sent)');
      assert.match(await answer.text(), /token/i);
    } finally {
      await proxy.stop();
    }
  });

  it('an unreadable or empty CA bundle is refused with the file named', async () => {
    await assert.rejects(readCaBundle(join(dir, 'nope.pem')), /Cannot read the CA bundle .*nope\.pem .*ENOENT/);
    writeFileSync(join(dir, 'empty.pem'), 'not a cert');
    await assert.rejects(readCaBundle(join(dir, 'empty.pem')), /holds no PEM certificate/);
    writeConfig(`[profile ep]\nregion = ${REGION}\nendpoint_url = ${seeded.emu.endpoint}\nca_bundle = ${join(dir, 'nope.pem')}\n`);
    await assert.rejects(session().signIn('ep', REGION), /Cannot read the CA bundle/);
    // After a reload the same profile leaves the extension signed out (activation does not fail).
    const memento = new FakeMemento();
    await memento.update('codeartifact.signedIn', true);
    const restored = new Session(memento, log, () => ({ profile: 'ep', region: REGION, endpoint: undefined, extraDomains: [] }), (opts) => new SdkCodeArtifactApi(opts), process.env);
    sessions.push(restored);
    await restored.restore();
    assert.equal(restored.signedIn, false);
  });
});

describe('repository endpoint forms against the emulator', () => {
  const seeded = seededEmulator();
  const tokens = (): ((domain: string, owner: string) => Promise<string>) => {
    const api = seeded.api();
    return async (domain, owner) => (await api.getAuthorizationToken({ name: domain, ...(owner ? { owner } : {}) })).token;
  };

  it('GetRepositoryEndpoint: ipv4 by default and for endpointType=ipv4, the dual-stack host for dualstack; others refused', async () => {
    const plain = await seeded.api().getRepositoryEndpoint({ domain: 'acme', repository: 'shared' }, 'npm');
    assert.equal(plain, `${seeded.emu.endpoint}/acme-${OWNER}/npm/shared/`);
    const dual = await seeded.api({ useDualstackEndpoint: true }).getRepositoryEndpoint({ domain: 'acme', repository: 'shared' }, 'pypi');
    assert.equal(dual, `http://localhost:${new URL(seeded.emu.endpoint).port}/acme-${OWNER}/pypi/shared/`);
    const client = new CodeartifactClient({ region: REGION, endpoint: seeded.emu.endpoint, credentials: { accessKeyId: OWNER_KEY, secretAccessKey: 's' }, maxAttempts: 1 });
    try {
      const ipv4 = await client.send(new GetRepositoryEndpointCommand({ domain: 'acme', repository: 'shared', format: 'npm', endpointType: 'ipv4' }));
      assert.equal(ipv4.repositoryEndpoint, plain);
      // An endpoint type the model does not have is a ValidationException, as AWS answers an enum it does not know.
      await assert.rejects(client.send(new GetRepositoryEndpointCommand({ domain: 'acme', repository: 'shared', format: 'npm', endpointType: 'ipv6' as 'ipv4' })), { name: 'ValidationException' });
    } finally {
      client.destroy();
    }
  });

  it('version lookups go through the dual-stack host and through the VPC path form of a data-plane endpoint', async () => {
    const query = { ecosystem: 'npm' as const, target: { domain: 'acme', owner: OWNER, repository: 'shared', format: 'npm' as const, source: 'test' }, namespace: 'acme', name: 'ui-kit' };
    const dual = new VersionSource({ api: () => seeded.api({ useDualstackEndpoint: true }), getToken: tokens(), connection: () => ({ region: REGION, endpoint: seeded.emu.endpoint }) });
    const viaDual = await dual.get(query);
    assert.ok(viaDual.found && viaDual.versions.length > 0, JSON.stringify(viaDual));
    assert.ok(!viaDual.partial, JSON.stringify(viaDual.partial));

    seeded.emu.resetStats();
    const vpc = new VersionSource({ api: () => seeded.api(), getToken: tokens(), connection: () => ({ region: REGION, endpoint: seeded.emu.endpoint, dataPlaneEndpoint: seeded.emu.endpoint }) });
    const viaVpc = await vpc.get(query);
    assert.deepEqual(viaVpc.versions.map((v) => v.version), viaDual.versions.map((v) => v.version));
    assert.equal(seeded.emu.stats.operations['npm:packument'], 1);
  });

  it('GetAuthorizationToken duration 0 ends with the caller’s session credentials; long-term keys get the 12-hour default', async () => {
    const sessionKey = 'ASIATESTSESSION00001';
    seeded.emu.store.accounts.set(sessionKey, OWNER);
    const expiresAt = Date.now() + 40 * 60_000;
    seeded.emu.store.sessionExpiry.set(sessionKey, expiresAt);
    const withSession = seeded.api({ credentials: { accessKeyId: sessionKey, secretAccessKey: 's', sessionToken: 't' } });
    const t = await withSession.getAuthorizationToken({ name: 'acme' }, { durationSeconds: 0 });
    assert.ok(t.expiration && Math.abs(t.expiration.getTime() - expiresAt) < 2_000, `${t.expiration?.toISOString()} vs ${new Date(expiresAt).toISOString()}`);
    const longTerm = await seeded.api().getAuthorizationToken({ name: 'acme' }, { durationSeconds: 0 });
    assert.ok(longTerm.expiration && longTerm.expiration.getTime() - Date.now() > 11.9 * 3600_000);
  });
});
