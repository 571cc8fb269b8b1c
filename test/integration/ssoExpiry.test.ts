// SSO expiry mid-session, through the real AWS SDK credential chain: an SSO profile in a temporary
// ~/.aws/config, a token in ~/.aws/sso/cache as `aws sso login` leaves it, the SDK's SSO provider talking to the
// emulator's SSO portal and SSO-OIDC (AWS_ENDPOINT_URL_SSO / AWS_ENDPOINT_URL_SSO_OIDC), and our Session,
// SdkCodeArtifactApi and TokenService on top. The SSO session ends while signed in: the next call fails with
// kind `ssoExpired` naming `aws sso login --profile X`, without a storm of retries; a new login works on the
// same session. Every token and key here is fake.
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SdkCodeArtifactApi } from '../../src/aws/codeArtifactApi';
import { CodeArtifactError } from '../../src/aws/errors';
import { Session, type SessionLog } from '../../src/auth/session';
import { TokenService, type RefreshFailure, type TokenSecrets } from '../../src/auth/tokens';
import type { ConnectionSettings } from '../../src/shared/settings';
import { startEmulator, type Emulator } from '../emulator/server';
import { ssoCacheFileName, type SsoCachedToken } from '../emulator/sso';
import { failure } from '../unit/aws/testSeed';
import { makeTempDir, removeDir } from './helpers';

const SSO_ACCOUNT = '444455556666';
const OTHER_ACCOUNT = '111122223333';
const REGION = 'us-west-2';
const SSO_REGION = 'us-east-1';
const ROLE = 'Developer';

/** A Memento for Session, in memory. */
class MemoryMemento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T {
    return (this.values.has(key) ? this.values.get(key) : defaultValue) as T;
  }
  update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
}

class MemorySecrets implements TokenSecrets {
  readonly values = new Map<string, string>();
  get(key: string): Promise<string | undefined> {
    return Promise.resolve(this.values.get(key));
  }
  store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
  delete(key: string): Promise<void> {
    this.values.delete(key);
    return Promise.resolve();
  }
}


/** Two SSO profile styles; every test gets names of its own, since the SDK keeps per-session state in memory. */
interface Style {
  name: string;
  /** The config-file text for a profile called `profile`. */
  config(profile: string, tag: string): string;
  /** The key of the cache file: the sso-session name, or the legacy start URL. */
  cacheKey(tag: string): string;
  startUrl(tag: string): string;
  withRefresh: boolean;
}

const STYLES: Style[] = [
  {
    name: 'sso_session profile',
    config: (profile, tag) =>
      `[profile ${profile}]\nsso_session = corp-${tag}\nsso_account_id = ${SSO_ACCOUNT}\nsso_role_name = ${ROLE}\nregion = ${REGION}\n\n` +
      `[sso-session corp-${tag}]\nsso_start_url = https://corp-${tag}.awsapps.com/start\nsso_region = ${SSO_REGION}\nsso_registration_scopes = sso:account:access\n`,
    cacheKey: (tag) => `corp-${tag}`,
    startUrl: (tag) => `https://corp-${tag}.awsapps.com/start`,
    withRefresh: true,
  },
  {
    name: 'legacy SSO profile',
    config: (profile, tag) =>
      `[profile ${profile}]\nsso_start_url = https://legacy-${tag}.awsapps.com/start\nsso_region = ${SSO_REGION}\nsso_account_id = ${SSO_ACCOUNT}\nsso_role_name = ${ROLE}\nregion = ${REGION}\n`,
    cacheKey: (tag) => `https://legacy-${tag}.awsapps.com/start`,
    startUrl: (tag) => `https://legacy-${tag}.awsapps.com/start`,
    withRefresh: false,
  },
];

const ENV_KEYS = [
  'HOME',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_ENDPOINT_URL_SSO',
  'AWS_ENDPOINT_URL_SSO_OIDC',
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_CODEARTIFACT',
  'AWS_EC2_METADATA_DISABLED',
];

describe('SSO expiry mid-session, through the real SDK credential chain', function () {
  this.timeout(60_000);
  let emu: Emulator;
  let home: string | undefined;
  const savedEnv = new Map<string, string | undefined>();
  const sessions: Session[] = [];
  const services: TokenService[] = [];
  let logged: string[] = [];
  let counter = 0;

  const log: SessionLog = {
    info: (m: string) => void logged.push(m),
    warn: (m: string) => void logged.push(m),
    trace: (m: string) => void logged.push(m),
  };

  before(async () => {
    emu = await startEmulator({
      seed: {
        domains: [
          { name: 'team-sso', owner: SSO_ACCOUNT, region: REGION, repositories: [{ name: 'shared' }] },
          { name: 'acme', owner: OTHER_ACCOUNT, region: REGION, repositories: [{ name: 'shared' }] },
        ],
      },
    });
    emu.sso.assign(SSO_ACCOUNT, ROLE);
    for (const k of ENV_KEYS) savedEnv.set(k, process.env[k]);
  });

  after(async () => {
    for (const [k, v] of savedEnv) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await emu.stop();
  });

  afterEach(async () => {
    services.splice(0).forEach((s) => s.dispose());
    sessions.splice(0).forEach((s) => s.dispose());
    await removeDir(home);
    home = undefined;
  });

  /** A fresh HOME with the profile and a valid cached token; the SDK pointed at the emulator for SSO only. */
  async function setUp(style: Style): Promise<{ profile: string; cacheFile: string; login: () => Promise<SsoCachedToken>; expireCachedToken: (opts?: { serverToo?: boolean }) => Promise<void> }> {
    counter += 1;
    const tag = `t${counter}`;
    const profile = `dev-${tag}`;
    home = await makeTempDir('sso');
    await mkdir(join(home, '.aws', 'sso', 'cache'), { recursive: true, mode: 0o700 });
    await writeFile(join(home, '.aws', 'config'), style.config(profile, tag));
    await writeFile(join(home, '.aws', 'credentials'), '');
    for (const k of ENV_KEYS) delete process.env[k];
    process.env.HOME = home;
    process.env.AWS_CONFIG_FILE = join(home, '.aws', 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(home, '.aws', 'credentials');
    process.env.AWS_ENDPOINT_URL_SSO = emu.endpoint;
    process.env.AWS_ENDPOINT_URL_SSO_OIDC = emu.endpoint;
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    const cacheFile = join(home, '.aws', 'sso', 'cache', ssoCacheFileName(style.cacheKey(tag)));
    let current: SsoCachedToken | undefined;
    const login = async (): Promise<SsoCachedToken> => {
      current = emu.sso.login({ startUrl: style.startUrl(tag), region: SSO_REGION, withRefresh: style.withRefresh });
      await writeFile(cacheFile, JSON.stringify(current, null, 2), { mode: 0o600 });
      return current;
    };
    // The cached token's expiry passes; with `serverToo` (the default) the SSO session ends on the server as well.
    const expireCachedToken = async ({ serverToo = true } = {}): Promise<void> => {
      if (serverToo) emu.sso.logout();
      assert.ok(current);
      await writeFile(cacheFile, JSON.stringify({ ...current, expiresAt: new Date(Date.now() - 60_000).toISOString() }, null, 2), { mode: 0o600 });
    };
    await login();
    logged = [];
    return { profile, cacheFile, login, expireCachedToken };
  }

  function newSession(): Session {
    const settings: ConnectionSettings = { profile: undefined, region: undefined, endpoint: emu.endpoint, extraDomains: [] };
    const s = new Session(new MemoryMemento(), log, () => settings, (opts) => new SdkCodeArtifactApi({ ...opts, callTimeoutMs: 20_000 }), process.env);
    sessions.push(s);
    return s;
  }

  /** Requests to the portal, SSO-OIDC and the control plane since the last reset. */
  function counts(): { portal: number; oidc: number; controlPlane: number } {
    const ops = emu.stats.operations;
    const portal = ops['sso:GetRoleCredentials'] ?? 0;
    const oidc = ops['sso-oidc:CreateToken'] ?? 0;
    return { portal, oidc, controlPlane: Object.entries(ops).filter(([k]) => !k.startsWith('sso')).reduce((n, [, v]) => n + v, 0) };
  }

  function assertSsoExpired(err: CodeArtifactError, profile: string): void {
    assert.equal(err.kind, 'ssoExpired', err.message);
    assert.deepEqual(err.detail, { kind: 'ssoExpired', profile });
    assert.ok(err.message.includes(`"${profile}"`), err.message);
    assert.ok(err.message.includes(`aws sso login --profile ${profile}`), err.message);
  }

  for (const style of STYLES) {
    describe(style.name, () => {
      it('signs in with the role credentials of the SSO account, and reuses them while they are valid', async () => {
        const { profile } = await setUp(style);
        emu.sso.roleCredentialsTtlMs = 3600_000;
        const session = newSession();
        emu.resetStats();
        assert.equal(await session.signIn(profile, REGION), 1);
        const domains = await session.api().listDomains();
        // The SSO account's domain, not the other account's: the portal's credentials signed the calls.
        assert.deepEqual(domains.items.map((d) => `${d.owner}/${d.name}`), [`${SSO_ACCOUNT}/team-sso`]);
        assert.deepEqual(counts(), { portal: 1, oidc: 0, controlPlane: 2 });
      });

      it('inside the SDK refresh window (role credentials with 4 minutes left), N API calls ask the portal once', async () => {
        const { profile } = await setUp(style);
        // Under the SDK's 5-minute window, over our 60-second margin: before the credential cache every API call
        // asked the portal 2–3 times here.
        emu.sso.roleCredentialsTtlMs = 4 * 60_000;
        const session = newSession();
        emu.resetStats();
        await session.signIn(profile, REGION);
        for (let i = 0; i < 4; i += 1) await session.api().listDomains();
        // Concurrent calls share the credentials too.
        const together = await Promise.all([0, 1, 2].map(() => session.api().listDomains()));
        assert.ok(together.every((p) => p.items.length === 1));
        assert.deepEqual(counts(), { portal: 1, oidc: 0, controlPlane: 8 });
      });

      it('a new connection resolves its own credentials; concurrent first calls share one portal call', async () => {
        const { profile } = await setUp(style);
        emu.sso.roleCredentialsTtlMs = 4 * 60_000;
        const session = newSession();
        await session.signIn(profile, REGION);
        emu.resetStats();
        await session.signIn(profile, REGION); // a new API (new client, new cache)
        assert.equal(counts().portal, 1);
        const fresh = new SdkCodeArtifactApi({ region: REGION, profile, endpoint: emu.endpoint });
        try {
          emu.resetStats();
          await Promise.all([0, 1, 2, 3].map(() => fresh.listDomains()));
          assert.deepEqual(counts(), { portal: 1, oidc: 0, controlPlane: 4 });
        } finally {
          fresh.dispose();
        }
      });

      it('expiry mid-session fails once with ssoExpired and the command to run, then a new login works on the same session', async () => {
        const { profile, login, expireCachedToken } = await setUp(style);
        // Under 5 minutes left: the SDK asks the portal again before every call, as when role credentials run out.
        emu.sso.roleCredentialsTtlMs = 60_000;
        const session = newSession();
        emu.resetStats();
        await session.signIn(profile, REGION);
        await session.api().listDomains();
        // The SDK's credential layers each re-resolve credentials inside its 5-minute refresh window: 2–3 portal
        // calls per API call (seen), bounded, never a loop.
        const before = counts();
        assert.equal(before.controlPlane, 2);
        assert.ok(before.portal >= 2 && before.portal <= 6, `portal calls for 2 API calls: ${before.portal}`);

        await expireCachedToken();
        emu.resetStats();
        const first = await failure(session.api().listDomains());
        assertSsoExpired(first, profile);
        // No control-plane call without credentials; the portal is not asked with a token known to be expired; an
        // sso_session token gets one refresh attempt (refused: the session is over).
        assert.deepEqual(counts(), { portal: 0, oidc: style.withRefresh ? 1 : 0, controlPlane: 0 });
        const again = await failure(session.api().listDomains());
        assertSsoExpired(again, profile);
        assert.ok(counts().oidc <= (style.withRefresh ? 2 : 0), `refresh attempts: ${counts().oidc}`);
        assert.equal(counts().portal + counts().controlPlane, 0);
        assert.ok(!logged.some((l) => /sso-(access|refresh)-|fake-secret|fake-session/.test(l)), 'no token or key in the log');

        await login();
        emu.resetStats();
        const after = await session.api().listDomains();
        assert.deepEqual(after.items.map((d) => d.name), ['team-sso']);
        const relogged = counts();
        assert.equal(relogged.controlPlane, 1);
        assert.ok(relogged.portal >= 1 && relogged.portal <= 3, `portal calls after the new login: ${relogged.portal}`);
        assert.equal(session.signedIn, true);
      });

      if (style.withRefresh) {
        it('an expired sso_session token whose session is still alive is refreshed through SSO-OIDC, without a new login', async () => {
          const { profile, cacheFile, expireCachedToken } = await setUp(style);
          emu.sso.roleCredentialsTtlMs = 60_000;
          const session = newSession();
          await session.signIn(profile, REGION);
          await expireCachedToken({ serverToo: false });
          emu.resetStats();
          assert.deepEqual((await session.api().listDomains()).items.map((d) => d.name), ['team-sso']);
          const c = counts();
          assert.equal(c.oidc, 1);
          assert.equal(c.controlPlane, 1);
          const rewritten = JSON.parse(await readFile(cacheFile, 'utf8')) as SsoCachedToken;
          assert.ok(Date.parse(rewritten.expiresAt) > Date.now(), 'the SDK wrote the refreshed token back to the cache');
        });
      }

      it('a session revoked on the server while the cached token looks valid: one portal call, ssoExpired, no retries', async () => {
        const { profile } = await setUp(style);
        emu.sso.roleCredentialsTtlMs = 60_000;
        const session = newSession();
        await session.signIn(profile, REGION);
        emu.sso.logout();
        emu.resetStats();
        const err = await failure(session.api().listDomains());
        assertSsoExpired(err, profile);
        assert.deepEqual(counts(), { portal: 1, oidc: 0, controlPlane: 0 });
      });

      it('signed in with the default credential chain and AWS_PROFILE naming the SSO profile: the expiry names that profile', async () => {
        const { profile, login, expireCachedToken } = await setUp(style);
        // The default chain keeps using role credentials until they have actually expired (it refreshes them in
        // the background before that, and ignores a failed refresh): make them short, and wait them out.
        emu.sso.roleCredentialsTtlMs = 1000;
        process.env.AWS_PROFILE = profile;
        const session = newSession();
        assert.equal(await session.signIn(undefined, REGION), 1);
        const rolesExpireAt = Date.now() + 1000;
        await expireCachedToken();
        await new Promise((r) => setTimeout(r, Math.max(0, rolesExpireAt - Date.now()) + 200));
        emu.resetStats();
        assertSsoExpired(await failure(session.api().listDomains()), profile);
        assert.equal(counts().portal + counts().controlPlane, 0);
        await login();
        emu.sso.roleCredentialsTtlMs = 3600_000;
        assert.equal((await session.api().listDomains()).items.length, 1);
      });

      it('the token refresh reports the SSO expiry once, not on every timer tick, and recovers after a new login', async () => {
        const { profile, login, expireCachedToken } = await setUp(style);
        emu.sso.roleCredentialsTtlMs = 60_000;
        const session = newSession();
        await session.signIn(profile, REGION);
        let offset = 0;
        const failures: RefreshFailure[] = [];
        const tokens = new TokenService({
          api: () => session.api(),
          secrets: new MemorySecrets(),
          log,
          durationSeconds: () => 3600,
          now: () => Date.now() + offset,
          // The test plays the timer: refreshDue() below is what each tick runs.
          timers: { setTimeout: () => 0, clearTimeout: () => undefined },
        });
        services.push(tokens);
        tokens.onDidFail((f) => failures.push(f));
        const domain = { name: 'team-sso', owner: '' };
        tokens.track([domain]);

        emu.resetStats();
        await tokens.refreshDue();
        assert.equal(emu.stats.operations.GetAuthorizationToken, 1);
        assert.equal(tokens.summary()?.failing, false);

        await expireCachedToken();
        offset = 2 * 3600_000; // the CodeArtifact token is due again
        emu.resetStats();
        for (let tick = 0; tick < 4; tick += 1) await tokens.refreshDue();
        assert.equal(failures.length, 1, 'one report for the expiry, not one per tick');
        const reported = failures[0];
        assert.ok(reported);
        assertSsoExpired(reported.error, profile);
        assert.deepEqual(reported.domain, domain);
        assert.equal(tokens.summary()?.failing, true);
        assert.equal(emu.stats.operations.GetAuthorizationToken ?? 0, 0, 'no control-plane call without credentials');
        assert.equal(emu.stats.operations['sso:GetRoleCredentials'] ?? 0, 0);
        assert.ok((emu.stats.operations['sso-oidc:CreateToken'] ?? 0) <= 4, 'at most one refresh attempt per tick');

        await login();
        emu.resetStats();
        await tokens.refreshDue();
        assert.equal(emu.stats.operations.GetAuthorizationToken, 1);
        assert.equal(tokens.summary()?.failing, false, 'recovered without a new sign-in');
        assert.equal(failures.length, 1);
      });
    });
  }
});
