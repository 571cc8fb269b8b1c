// Where tokens go, and where they never go. A representative configure → refresh → remove cycle (npm with a
// scope, pip, Maven with the inline and the env password, twine) runs through the Configurator and the
// TokenService against the emulator, with a logger that keeps every line. Then every token the emulator
// ever issued is searched for in every workspace file, every log line, every error of a failing call, the
// extension's records and the packaged VSIX; user-level files holding one must be 0600. Each search is
// first shown to find a token where one belongs, so a broken search cannot pass.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { inspect } from 'node:util';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { SdkCodeArtifactApi } from '../../src/aws/codeArtifactApi';
import { TokenService, type IssuedToken, type TokenDomain } from '../../src/auth/tokens';
import { Configurator } from '../../src/configure/configurator';
import { VersionLookupError, VersionSource, type PackageQuery } from '../../src/versions/versionSource';
import { startEmulator, type Emulator } from '../emulator/server';
import type { Seed } from '../emulator/seed';
import { FakeMemento, FakeSecretStorage } from '../unit/fakes';
import { listFiles, makeTempDir, PROJECT_ROOT, redact, removeDir } from './helpers';

const OWNER = '111122223333';
const KEY = 'AKIATOKENHYGIENE0001';
const DOMAIN: TokenDomain = { name: 'acme', owner: OWNER };
/** The emulator's token shape (Store.issueToken): `cae.` + 32 base64url characters with `_` → `.`. */
const TOKEN_SHAPE = /cae\.[A-Za-z0-9.-]{32}/;
const tokenShaped = (text: string): string[] => text.match(new RegExp(TOKEN_SHAPE.source, 'g')) ?? [];
const VSIX = join(PROJECT_ROOT, 'out', 'codeartifact-explorer.vsix');

const seed: Seed = {
  accounts: { [KEY]: OWNER },
  domains: [{ name: 'acme', owner: OWNER, region: 'us-west-2', repositories: [{ name: 'shared' }, { name: 'py' }, { name: 'maven-a' }, { name: 'maven-b' }] }],
  packages: [{ domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', name: 'ui-kit', versions: [{ version: '2.1.0' }] }],
};

/** How many of `tokens` occur in `text` (the tokens themselves are never printed). */
const countTokens = (text: string, tokens: readonly string[]): number => tokens.filter((t) => text.includes(t)).length;

/** The files under `dir` that contain at least one of `tokens`, relative to `dir`. */
async function filesWithTokens(dir: string, tokens: readonly string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const f of await listFiles(dir)) if (countTokens(await readFile(f, 'latin1'), tokens) > 0) hits.push(relative(dir, f));
  return hits.sort();
}

/** Entries of a zip that contain a token-shaped string, and how many entries were scanned. */
function tokenShapedEntries(zip: Uint8Array): { scanned: number; hits: string[] } {
  const entries = unzipSync(zip);
  const hits = Object.entries(entries)
    .filter(([, bytes]) => TOKEN_SHAPE.test(Buffer.from(bytes).toString('latin1')))
    .map(([name]) => name);
  return { scanned: Object.keys(entries).length, hits };
}

/** Everything an error could show a person or a log: name, message, stack, cause and own properties. */
async function failure(work: Promise<unknown>): Promise<{ error: unknown; text: string }> {
  try {
    await work;
  } catch (error) {
    return { error, text: `${String(error)}\n${inspect(error, { depth: 8, showHidden: true })}` };
  }
  return assert.fail('the call was expected to fail');
}

describe('token hygiene: tokens only where they belong', function () {
  this.timeout(300_000);
  let emulator: Emulator;
  let api: SdkCodeArtifactApi;
  let home: string;
  let work: string;
  let tokens: TokenService;
  let configurator: Configurator;
  const records = new FakeMemento();
  const secretStore = new FakeSecretStorage();
  const logLines: string[] = [];
  // Every line either logger level receives, as the output channel would show it.
  const recordingLog = { info: (m: string) => void logLines.push(`info ${m}`), warn: (m: string) => void logLines.push(`warn ${m}`) };
  const errorTexts: { what: string; text: string }[] = [];
  let rewrites: Promise<{ errors: { file: string; message: string }[] }>[] = [];

  /** Every token the emulator has handed out so far (ours and any other caller's). */
  const issued = (): string[] => [...emulator.store.tokens.keys()];
  const userFiles = () => ({
    npmrc: join(home, '.npmrc'),
    pip: join(home, '.config', 'pip', 'pip.conf'),
    pypirc: join(home, '.pypirc'),
    maven: join(home, '.m2', 'settings.xml'),
  });
  const target = (repository: string) => ({ domain: 'acme', domainOwner: OWNER, repository });
  const current = async (): Promise<string> => {
    const t = await tokens.stored(DOMAIN);
    assert.ok(t, 'a token is held for the domain');
    return t.token;
  };
  const refresh = async (): Promise<{ file: string; message: string }[]> => {
    rewrites = [];
    await tokens.refresh(DOMAIN);
    return (await Promise.all(rewrites)).flatMap((r) => r.errors);
  };

  before(async () => {
    emulator = await startEmulator({ seed, port: 0 });
    api = new SdkCodeArtifactApi({ region: 'us-west-2', endpoint: emulator.endpoint, credentials: { accessKeyId: KEY, secretAccessKey: 'x' }, maxAttempts: 1 });
    home = await makeTempDir('hygiene-home');
    work = await makeTempDir('hygiene-work');
    const log = recordingLog;
    tokens = new TokenService({ api: () => api, secrets: secretStore, log, durationSeconds: () => 900 });
    configurator = new Configurator({ connection: () => ({ region: 'us-west-2', endpoint: emulator.endpoint }), api: () => api, tokens, records, user: () => ({ env: {}, home, platform: 'linux' }), workspaceRoots: () => [work], log });
    // The wiring of ConfigureFeature: every new token is written to every file that holds one.
    tokens.onDidRefresh((t: IssuedToken) => void rewrites.push(configurator.rewriteTokenFiles(t)));
    await writeFile(join(work, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, dependencies: { '@acme/ui-kit': '^2.1.0' } }));
    await writeFile(join(work, 'requirements.txt'), 'acme-tools==1.0.0\n');
  });
  after(async () => {
    tokens?.dispose();
    api?.dispose();
    await emulator?.stop();
    await removeDir(home);
    await removeDir(work);
  });

  it('configure npm (scope), pip, Maven (inline, then env), twine; refresh twice, once after the emulator expired every token', async () => {
    await configurator.configureNpm(target('shared'), { workspaceFolder: work, scope: '@acme' });
    await configurator.configurePip(target('py'), { mode: 'extra-index-url' });
    await configurator.configureMaven(target('maven-a'), { password: 'inline', mirror: false });
    await configurator.configureMaven(target('maven-b'), { password: 'env', mirror: false });
    await configurator.configureTwine(target('py'));
    assert.equal(configurator.records().length, 6);
    const first = await current();
    // The search works: the first token is found in each user file that should hold it.
    const f = userFiles();
    for (const file of [f.npmrc, f.pip, f.pypirc, f.maven]) assert.equal(countTokens(await readFile(file, 'utf8'), [first]), 1, `${file} holds the token`);

    assert.deepEqual(await refresh(), []);
    emulator.store.expireAllTokens();
    assert.deepEqual(await refresh(), []);
    const latest = await current();
    assert.notEqual(latest, first);
    assert.ok(issued().length >= 3, `the emulator issued ${issued().length} tokens`);
    // Only the newest token is left in any file: refresh replaced the old ones everywhere.
    const stale = issued().filter((t) => t !== latest);
    assert.deepEqual(await filesWithTokens(home, stale), []);
    assert.deepEqual(await filesWithTokens(home, [latest]), ['.config/pip/pip.conf', '.m2/settings.xml', '.npmrc', '.pypirc']);
  });

  it('every user-level file that holds a token is mode 0600; the env-password Maven server holds none', async () => {
    const holders = await filesWithTokens(home, issued());
    assert.ok(holders.includes('.npmrc'), 'sanity: the search finds the token in the user npmrc');
    for (const rel of holders) assert.equal(((await stat(join(home, rel))).mode & 0o777).toString(8), '600', `${rel} mode`);
    const settings = await readFile(userFiles().maven, 'utf8');
    assert.match(settings, /<password>\$\{env\.CODEARTIFACT_AUTH_TOKEN\}<\/password>/, 'maven-b reads the token from the environment');
    assert.equal(tokenShaped(settings).length, 1, 'exactly one inline token (maven-a)');
  });

  it('no file in the workspace holds a token; the records hold none; the secret storage does', async () => {
    const files = (await listFiles(work)).map((f) => relative(work, f)).sort();
    assert.deepEqual(files, ['.npmrc', 'package.json', 'requirements.txt'], 'the scan covers what configure wrote to the workspace');
    assert.match(await readFile(join(work, '.npmrc'), 'utf8'), /^@acme:registry=/m);
    assert.deepEqual(await filesWithTokens(work, issued()), []);
    assert.equal(countTokens(JSON.stringify(records.get('codeartifact.configurations')), issued()), 0, 'the records (globalState) hold no token');
    // Sanity for the search over stored values: the secret storage is where the token belongs.
    const stored = await secretStore.get((await secretStore.keys())[0] ?? '');
    assert.equal(countTokens(stored ?? '', [await current()]), 1);
  });

  it('failing calls produce errors without a token: data plane 401 on an expired token, GetAuthorizationToken failure, refusals, rewrite errors', async () => {
    // The data plane rejects an expired token (the hover's lookup path).
    const stale = await current();
    emulator.store.expireAllTokens();
    const lookups = new VersionSource({ api: () => api, getToken: () => Promise.resolve(stale), connection: () => ({ region: 'us-west-2', endpoint: emulator.endpoint }), requestTimeoutMs: 10_000 });
    const queries: PackageQuery[] = [
      { ecosystem: 'npm', target: { domain: 'acme', owner: OWNER, repository: 'shared', format: 'npm', source: 'test' }, namespace: 'acme', name: 'ui-kit' },
      { ecosystem: 'pypi', target: { domain: 'acme', owner: OWNER, repository: 'py', format: 'pypi', source: 'test' }, name: 'acme-tools' },
      { ecosystem: 'maven', target: { domain: 'acme', owner: OWNER, repository: 'maven-a', format: 'maven', source: 'test' }, namespace: 'com.acme', name: 'lib' },
    ];
    for (const query of queries) {
      // ui-kit is the repository's own: the refusal comes with its statuses, as a partial answer. The others exist
      // only behind the index, so their lookups fail.
      if (query.ecosystem === 'npm') {
        const pkg = await lookups.get(query);
        const text = inspect(pkg, { depth: 8, showHidden: true });
        assert.ok(pkg.partial?.missing === 'index' && pkg.partial.kind === 'unauthorized', redact(text, issued()));
        errorTexts.push({ what: 'npm lookup with an expired token (partial answer)', text });
        continue;
      }
      const f = await failure(lookups.get(query));
      assert.ok(f.error instanceof VersionLookupError && f.error.kind === 'unauthorized', redact(f.text, issued()));
      errorTexts.push({ what: `${query.ecosystem} lookup with an expired token`, text: f.text });
    }

    // GetAuthorizationToken fails (no retries configured): the refresh rejects and the token service logs it.
    emulator.setFaults('error/ops=GetAuthorizationToken');
    try {
      const f = await failure(tokens.refresh(DOMAIN));
      errorTexts.push({ what: 'refresh while GetAuthorizationToken fails', text: f.text });
      // The background path: a service whose clock says the stored token is due logs the failure.
      const later = new TokenService({ api: () => api, secrets: secretStore, log: recordingLog, durationSeconds: () => 900, now: () => Date.now() + 86_400_000 });
      try {
        later.track(configurator.domains());
        await later.refreshDue();
      } finally {
        later.dispose();
      }
    } finally {
      emulator.setFaults(undefined);
    }

    // A token file inside the workspace is refused (NPM_CONFIG_USERCONFIG pointing into it).
    const inside = new Configurator({ connection: () => ({ region: 'us-west-2', endpoint: emulator.endpoint }),
      api: () => api,
      tokens,
      records: new FakeMemento(),
      user: () => ({ env: { NPM_CONFIG_USERCONFIG: join(work, 'user.npmrc') }, home, platform: 'linux' }),
      workspaceRoots: () => [work],
      log: recordingLog,
    });
    const refused = await failure(inside.configureNpm(target('shared'), { workspaceFolder: work }));
    assert.match(redact(refused.text, issued()), /Refusing to write a token/);
    errorTexts.push({ what: 'token file inside the workspace', text: refused.text });

    // A repository that does not exist.
    const missing = await failure(configurator.configurePip(target('no-such-repo'), { mode: 'index-url' }));
    errorTexts.push({ what: 'configure a missing repository', text: missing.text });

    // A refresh where one token file has gone and another cannot be read (a directory in its place): the
    // rewrite reports both (and logs the unreadable one) and still writes the others.
    const { pip, pypirc } = userFiles();
    const savedPip = await readFile(pip, 'utf8');
    const savedPypirc = await readFile(pypirc, 'utf8');
    await rm(pypirc);
    await rm(pip);
    await mkdir(pip);
    try {
      const errors = await refresh();
      assert.deepEqual(errors.map((e) => e.file).sort(), [pypirc, pip].sort());
      for (const e of errors) errorTexts.push({ what: `rewrite of ${e.file}`, text: e.message });
    } finally {
      // Put the files back and configure again, which writes the newest token into them.
      await rm(pip, { recursive: true, force: true });
      await writeFile(pip, savedPip, { mode: 0o600 });
      await writeFile(pypirc, savedPypirc, { mode: 0o600 });
      await configurator.configurePip(target('py'), { mode: 'extra-index-url' });
      await configurator.configureTwine(target('py'));
    }
    assert.deepEqual(await filesWithTokens(home, issued().filter((t) => t !== stale)).then((f) => f.length), 4, 'every token file holds the newest token again');

    assert.ok(errorTexts.length >= 8, `${errorTexts.length} error texts captured`);
    // Sanity: the same search over an error that does quote a token finds it.
    assert.equal(countTokens(`${errorTexts[0]?.text ?? ''} ${stale}`, issued()), 1);
    const leaking = errorTexts.filter((e) => countTokens(e.text, issued()) > 0 || TOKEN_SHAPE.test(e.text)).map((e) => e.what);
    assert.deepEqual(leaking, []);
  });

  it('remove undoes everything: afterwards no file under HOME or the workspace holds any token', async () => {
    const result = await configurator.remove();
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.unusedDomains, [DOMAIN]);
    assert.deepEqual(configurator.records(), []);
    const f = userFiles();
    // Every user-level file was created by configure, so removing the last block deletes it.
    for (const file of [f.npmrc, f.pip, f.pypirc, f.maven]) assert.equal(existsSync(file), false, `${file} was deleted`);
    assert.deepEqual(await filesWithTokens(home, issued()), []);
    assert.deepEqual(await filesWithTokens(work, issued()), []);
    assert.deepEqual((await listFiles(work)).map((p) => relative(work, p)).sort(), ['package.json', 'requirements.txt']);
  });

  it('no log line of the whole cycle holds a token', () => {
    // Sanity: the logger saw the whole cycle, failures included.
    assert.ok(logLines.some((l) => l.startsWith('info Configured npm token')), 'configure was logged');
    assert.ok(logLines.some((l) => l.startsWith('info New CodeArtifact token')), 'token issue was logged');
    assert.ok(logLines.some((l) => l.startsWith('warn Could not refresh the token')), 'the refresh failure was logged');
    assert.ok(logLines.some((l) => l.startsWith('warn Could not write the new token')), 'the rewrite failure was logged');
    const all = logLines.join('\n');
    assert.equal(countTokens(all, issued()), 0, `${logLines.length} log lines`);
    assert.equal(tokenShaped(all).length, 0, 'token-shaped strings in the log');
  });

  it(`the packaged VSIX holds no token-shaped string (skipped when ${relative(PROJECT_ROOT, VSIX)} is not built)`, async function () {
    // Sanity first: the scanner finds a real token in a zip that has one.
    const planted = tokenShapedEntries(zipSync({ 'extension/dist/extension.js': strToU8(`const t = "${issued()[0] ?? ''}";`), 'extension/readme.md': strToU8('cae.short') }));
    assert.deepEqual(planted.hits, ['extension/dist/extension.js']);
    if (!existsSync(VSIX)) this.skip();
    const bytes = new Uint8Array(await readFile(VSIX));
    const { scanned, hits } = tokenShapedEntries(bytes);
    assert.ok(scanned > 3, `${scanned} entries scanned`);
    assert.ok(Object.keys(unzipSync(bytes)).some((n) => n.endsWith('dist/extension.js')), 'the VSIX has the bundle');
    assert.deepEqual(hits, []);
    assert.equal(countTokens(Buffer.from(bytes).toString('latin1'), issued()), 0);
  });
});
