// Sign-in state against the emulator, with real profile files and the in-memory Memento fake.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SdkCodeArtifactApi } from '../../../src/aws/codeArtifactApi';
import { CodeArtifactError } from '../../../src/aws/errors';
import { Session, type SessionLog } from '../../../src/auth/session';
import type { ConnectionSettings } from '../../../src/shared/settings';
import { startEmulator, type Emulator } from '../../emulator/server';
import { OWNER_KEY, PARTNER_KEY, REGION, testSeed } from '../aws/testSeed';
import { FakeMemento } from '../fakes';

describe('Session', () => {
  let emu: Emulator;
  let dir: string;
  let settings: ConnectionSettings;
  let memento: FakeMemento;
  let changes: number;
  let logged: string[];
  const saved = { ...process.env };
  const log: SessionLog = {
    info: (m: string) => void logged.push(m),
    warn: (m: string) => void logged.push(m),
    trace: (m: string) => void logged.push(m),
  };
  const sessions: Session[] = [];
  const newSession = () => {
    const s = new Session(memento, log, () => settings, (opts) => new SdkCodeArtifactApi({ ...opts, maxAttempts: 1 }), process.env);
    s.onDidChange(() => changes++);
    sessions.push(s);
    return s;
  };

  before(async () => {
    emu = await startEmulator({ seed: testSeed(), port: 0 });
  });
  after(async () => {
    await emu.stop();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ca-session-'));
    writeFileSync(join(dir, 'config'), `[profile owner]\nregion = ${REGION}\n[profile partner]\nregion = ${REGION}\n[profile eu]\nregion = eu-west-1\n`);
    writeFileSync(
      join(dir, 'credentials'),
      `[owner]\naws_access_key_id = ${OWNER_KEY}\naws_secret_access_key = s\n[partner]\naws_access_key_id = ${PARTNER_KEY}\naws_secret_access_key = s\n[eu]\naws_access_key_id = ${OWNER_KEY}\naws_secret_access_key = s\n`,
    );
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
    delete process.env.AWS_PROFILE;
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    delete process.env.AWS_ENDPOINT_URL_CODEARTIFACT;
    // The connection picks these up as the AWS CLI does (profileConnection.test.ts); this suite wants none.
    for (const k of ['AWS_ENDPOINT_URL', 'AWS_CA_BUNDLE', 'AWS_USE_FIPS_ENDPOINT', 'AWS_USE_DUALSTACK_ENDPOINT']) delete process.env[k];
    settings = { profile: undefined, region: undefined, endpoint: emu.endpoint, extraDomains: [] };
    memento = new FakeMemento();
    changes = 0;
    logged = [];
  });
  afterEach(() => {
    sessions.splice(0).forEach((s) => s.dispose());
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts signed out; api() says how to fix it', () => {
    const s = newSession();
    assert.equal(s.signedIn, false);
    assert.throws(() => s.api(), (e: unknown) => e instanceof CodeArtifactError && e.kind === 'notSignedIn' && /Sign in/.test(e.message));
  });

  it('signs in with a profile after one ListDomains, remembers it, and notifies', async () => {
    const s = newSession();
    emu.resetStats();
    const count = await s.signIn('owner', REGION);
    assert.equal(count, 1);
    assert.equal(emu.stats.operations.ListDomains, 1);
    assert.deepEqual(s.connection, { profile: 'owner', region: REGION, endpoint: emu.endpoint });
    assert.equal(memento.get('codeartifact.signedIn'), true);
    assert.equal(changes, 1);
    assert.deepEqual((await s.api().listDomains()).items.map((d) => d.name), ['acme']);
    assert.ok(!logged.some((m) => /aws_secret|AKIA/.test(m)), 'no keys in the log');
  });

  it('a failed sign-in changes nothing', async () => {
    const s = newSession();
    await s.signIn('owner', REGION);
    changes = 0;
    await assert.rejects(s.signIn('ghost', REGION), (e: unknown) => e instanceof CodeArtifactError && e.kind === 'noCredentials');
    assert.equal(s.connection?.profile, 'owner');
    assert.equal(changes, 0);
  });

  it('restores after a reload without calling AWS, using the profile’s region when none is set', async () => {
    memento = new FakeMemento({ 'codeartifact.signedIn': true });
    settings = { ...settings, profile: 'eu' };
    emu.resetStats();
    const s = newSession();
    await s.restore();
    assert.deepEqual(s.connection, { profile: 'eu', region: 'eu-west-1', endpoint: emu.endpoint });
    assert.equal(emu.stats.requests, 0);
    assert.deepEqual((await s.api().listDomains()).items.map((d) => d.name), ['acme-eu']);
  });

  it('stays signed out after a reload if the user signed out', async () => {
    const s = newSession();
    await s.signIn('owner', REGION);
    await s.signOut();
    assert.equal(s.signedIn, false);
    assert.equal(memento.get('codeartifact.signedIn'), false);
    const again = newSession();
    await again.restore();
    assert.equal(again.signedIn, false);
  });

  it('follows settings edited by hand, and ignores the ones sign-in just wrote', async () => {
    const s = newSession();
    await s.signIn('owner', REGION);
    settings = { ...settings, profile: 'owner', region: REGION };
    assert.equal(await s.reloadFromSettings(), false, 'same connection: no rebuild, no refresh');
    settings = { ...settings, profile: 'partner' };
    changes = 0;
    assert.equal(await s.reloadFromSettings(), true);
    assert.equal(changes, 1);
    assert.deepEqual((await s.api().listDomains()).items.map((d) => d.name), ['partner']);
  });

  it('logs the parts of an answer the API left out (unreadable entries, a nextToken of the wrong type)', async () => {
    const s = newSession();
    await s.signIn('owner', REGION);
    logged = [];
    emu.setFaults('mistype/ops=ListDomains');
    try {
      await s.api().listDomains();
    } finally {
      emu.setFaults(undefined);
    }
    assert.ok(logged.some((m) => /^ListDomains: left out \d+ of \d+ "domains" entries/.test(m)), logged.join('\n'));
    assert.ok(logged.some((m) => /^ListDomains: ignored a nextToken that is a number/.test(m)), logged.join('\n'));
  });

  it('the endpoint comes from AWS_ENDPOINT_URL_CODEARTIFACT when the setting is empty', async () => {
    process.env.AWS_ENDPOINT_URL_CODEARTIFACT = emu.endpoint;
    settings = { ...settings, endpoint: undefined };
    const s = newSession();
    await s.signIn('owner', REGION);
    assert.equal(s.connection?.endpoint, emu.endpoint);
  });

  it('bounds each call by the network timeout setting, rebuilds the API when it changes, and reports every call', async () => {
    const built: { requestTimeoutMs?: number; callTimeoutMs?: number }[] = [];
    const s = new Session(memento, log, () => settings, (opts) => {
      built.push({ ...(opts.requestTimeoutMs !== undefined ? { requestTimeoutMs: opts.requestTimeoutMs } : {}), ...(opts.callTimeoutMs !== undefined ? { callTimeoutMs: opts.callTimeoutMs } : {}) });
      return new SdkCodeArtifactApi({ ...opts, maxAttempts: 1 });
    }, process.env);
    sessions.push(s);
    const calls: string[] = [];
    s.onDidCall((c) => calls.push(c.error ? `${c.operation}:${c.error.kind}` : c.operation));
    settings = { ...settings, profile: 'owner', region: REGION, timeoutSeconds: 10 };
    await s.signIn('owner', REGION);
    assert.deepEqual(built.at(-1), { requestTimeoutMs: 10_000, callTimeoutMs: 12_000 });
    assert.equal(await s.reloadFromSettings(), false, 'nothing changed');
    settings = { ...settings, timeoutSeconds: 30 };
    assert.equal(await s.reloadFromSettings(), true, 'only the timeout changed: a new API');
    assert.deepEqual(built.at(-1), { requestTimeoutMs: 30_000, callTimeoutMs: 32_000 });
    await emu.stop();
    try {
      await assert.rejects(s.api().listDomains({ maxResults: 1 }), (err: unknown) => err instanceof CodeArtifactError && err.kind === 'networkUnreachable');
    } finally {
      emu = await startEmulator({ seed: testSeed(), port: Number(new URL(emu.endpoint).port), store: emu.store });
    }
    await s.api().listDomains({ maxResults: 1 });
    assert.deepEqual(calls, ['ListDomains', 'ListDomains:networkUnreachable', 'ListDomains'], 'sign-in’s call, the failure while stopped, the call after the restart');
  });
});
