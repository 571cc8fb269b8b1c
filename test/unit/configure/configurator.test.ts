// The configure orchestration over a temp HOME and a temp workspace against the in-process emulator:
// which files get written, idempotence, refresh of every token file, removal byte for byte, and no token
// inside the workspace.
import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SdkCodeArtifactApi } from '../../../src/aws/codeArtifactApi';
import { TokenService } from '../../../src/auth/tokens';
import { ConfigEditError } from '../../../src/core/configFiles/managedBlock';
import { Configurator } from '../../../src/configure/configurator';
import { startEmulator, type Emulator } from '../../emulator/server';
import { FakeMemento, FakeSecretStorage } from '../fakes';
import { configureSeed, FakeTimers, makeApi, OWNER, recordingLog, REGION, removeDir, settle, tempDir } from './testEnv';
import { listFiles } from '../../integration/helpers';

const SHARED = { domain: 'acme', domainOwner: OWNER, repository: 'shared' };
const PYTHON = { domain: 'acme', domainOwner: OWNER, repository: 'python' };
const JAVA = { domain: 'acme', domainOwner: OWNER, repository: 'java' };

// Existing files with comments, CRLF, no final newline, other registries and a BOM.
const USER_NPMRC = '; my settings\r\n//registry.example.com/:_authToken=${OTHER_TOKEN}\r\nfund=false';
const PROJECT_NPMRC = '\uFEFF# project\nregistry=https://registry.npmjs.org/\n@other:registry=https://npm.other.example/\n';
const PIP_CONF = '[global]\n# corporate mirror\nindex-url = https://pypi.mirror.example/simple/\ntimeout = 30\n';
const SETTINGS_XML = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<settings>',
  '\t<!-- keep me -->',
  '\t<servers>',
  '\t\t<server><id>nexus</id><username>me</username><password>secret</password></server>',
  '\t</servers>',
  '</settings>',
  '',
].join('\n');

describe('Configurator', function () {
  let emu: Emulator;
  let api: SdkCodeArtifactApi;
  let home: string;
  let work: string;
  let env: Record<string, string>;
  let tokens: TokenService;
  let configurator: Configurator;
  let memento: FakeMemento;
  let log: ReturnType<typeof recordingLog>;
  const issued: string[] = [];

  before(async () => {
    emu = await startEmulator({ seed: configureSeed(), port: 0 });
    api = makeApi(emu.endpoint);
    // One log for the whole suite: the last test checks it for every token issued.
    log = recordingLog();
  });
  after(async () => {
    api.dispose();
    await emu.stop();
  });
  beforeEach(async () => {
    home = await tempDir('home');
    work = await tempDir('work');
    env = {};
    memento = new FakeMemento();
    tokens = new TokenService({ api: () => api, secrets: new FakeSecretStorage(), log, durationSeconds: () => 43_200, timers: new FakeTimers() });
    tokens.onDidRefresh((t) => void issued.push(t.token));
    configurator = new Configurator({ connection: () => ({ region: REGION, endpoint: emu.endpoint }), api: () => api, tokens, records: memento, user: () => ({ env, home, platform: 'linux' }), workspaceRoots: () => [work], log });
  });
  afterEach(async () => {
    tokens.dispose();
    await removeDir(home);
    await removeDir(work);
  });

  it('npm: the project .npmrc names the registry for the scope, the user npmrc (NPM_CONFIG_USERCONFIG) holds the token, 0600', async () => {
    env.NPM_CONFIG_USERCONFIG = join(home, 'custom', 'npmrc');
    const result = await configurator.configureNpm(SHARED, { workspaceFolder: work, scope: '@acme' });
    const endpoint = `${emu.endpoint}/acme-${OWNER}/npm/shared/`;
    assert.equal(result.endpoint, endpoint);
    const project = await readFile(join(work, '.npmrc'), 'utf8');
    assert.match(project, new RegExp(`^@acme:registry=${endpoint.replace(/[.]/g, '\\.')}$`, 'm'));
    const user = await readFile(env.NPM_CONFIG_USERCONFIG, 'utf8');
    const token = (await tokens.stored({ name: 'acme', owner: OWNER }))?.token ?? '';
    assert.ok(token.length > 10);
    assert.ok(user.includes(`//${new URL(endpoint).host}/acme-${OWNER}/npm/shared/:_authToken=${token}`));
    assert.ok(!project.includes(token));
    assert.equal((await stat(env.NPM_CONFIG_USERCONFIG)).mode & 0o777, 0o600);
    assert.equal((await stat(join(home, 'custom'))).mode & 0o777, 0o700);
    assert.ok(result.changes.every((c) => c.lines.every((l) => !l.includes(token))), 'summaries carry no token');
    assert.deepEqual(configurator.domains(), [{ name: 'acme', owner: OWNER }]);
    assert.deepEqual(configurator.records().map((r) => r.kind).sort(), ['npmAuth', 'npmRegistry']);
  });

  it('is idempotent: configuring twice gives the same bytes and reports nothing changed', async () => {
    await configurator.configureNpm(SHARED, { workspaceFolder: work });
    await configurator.configurePip(PYTHON, { mode: 'extra-index-url' });
    await configurator.configureMaven(JAVA, { password: 'env', mirror: true });
    const files = [join(work, '.npmrc'), join(home, '.npmrc'), join(home, '.config', 'pip', 'pip.conf'), join(home, '.m2', 'settings.xml')];
    const first = await Promise.all(files.map((f) => readFile(f, 'utf8')));
    const again = [
      await configurator.configureNpm(SHARED, { workspaceFolder: work }),
      await configurator.configurePip(PYTHON, { mode: 'extra-index-url' }),
      await configurator.configureMaven(JAVA, { password: 'env', mirror: true }),
    ];
    assert.deepEqual(await Promise.all(files.map((f) => readFile(f, 'utf8'))), first);
    assert.deepEqual(again.flatMap((r) => r.changes.flatMap((c) => c.lines)), []);
    assert.equal(configurator.records().length, 4);
  });

  it('removes everything byte for byte: existing files restored exactly, files it created deleted', async () => {
    await writeFile(join(home, '.npmrc'), USER_NPMRC);
    await writeFile(join(work, '.npmrc'), PROJECT_NPMRC);
    await mkdir(join(home, '.config', 'pip'), { recursive: true });
    await writeFile(join(home, '.config', 'pip', 'pip.conf'), PIP_CONF);
    await mkdir(join(home, '.m2'));
    await writeFile(join(home, '.m2', 'settings.xml'), SETTINGS_XML);

    await configurator.configureNpm(SHARED, { workspaceFolder: work });
    await configurator.configureNpm(SHARED, { workspaceFolder: work, scope: '@acme' });
    await configurator.configurePip(PYTHON, { mode: 'index-url' });
    await configurator.configureTwine(PYTHON);
    await configurator.configureMaven(JAVA, { password: 'inline', mirror: false });
    await configurator.configureYarnBerry(SHARED, { workspaceFolder: work });
    const pip = await readFile(join(home, '.config', 'pip', 'pip.conf'), 'utf8');
    assert.ok(pip.includes('# codeartifact-explorer disabled: index-url = https://pypi.mirror.example/simple/'), 'the user index-url is switched off');
    assert.equal((await stat(join(home, '.pypirc'))).mode & 0o777, 0o600);

    const { changes, errors, unusedDomains } = await configurator.remove();
    assert.deepEqual(errors, []);
    assert.deepEqual(unusedDomains, [{ name: 'acme', owner: OWNER }]);
    assert.equal(await readFile(join(home, '.npmrc'), 'utf8'), USER_NPMRC);
    assert.equal(await readFile(join(work, '.npmrc'), 'utf8'), PROJECT_NPMRC);
    assert.equal(await readFile(join(home, '.config', 'pip', 'pip.conf'), 'utf8'), PIP_CONF);
    assert.equal(await readFile(join(home, '.m2', 'settings.xml'), 'utf8'), SETTINGS_XML);
    const left = [...(await listFiles(home)), ...(await listFiles(work))].sort();
    assert.deepEqual(left, [join(home, '.config', 'pip', 'pip.conf'), join(home, '.m2', 'settings.xml'), join(home, '.npmrc'), join(work, '.npmrc')].sort());
    assert.ok(changes.some((c) => c.deleted && c.file === join(home, '.pypirc')));
    assert.deepEqual(configurator.records(), []);
  });

  it('removing one repository keeps the others, and the last removal still deletes a file it created', async () => {
    await configurator.configureNpm(SHARED, { workspaceFolder: work, scope: '@a' });
    await configurator.configureNpm({ domain: 'other', domainOwner: OWNER, repository: 'misc' }, { workspaceFolder: work, scope: '@b' });
    const r1 = await configurator.remove((r) => r.domain === 'acme');
    assert.deepEqual(r1.unusedDomains, [{ name: 'acme', owner: OWNER }]);
    const user = await readFile(join(home, '.npmrc'), 'utf8');
    assert.ok(!user.includes('/npm/shared/') && user.includes('/npm/misc/'));
    const project = await readFile(join(work, '.npmrc'), 'utf8');
    assert.ok(!project.includes('@a:registry') && project.includes('@b:registry'));
    await configurator.remove();
    assert.deepEqual(await readdir(home), []);
    assert.deepEqual(await readdir(work), []);
  });

  it('rewrites every file that holds the token when the token is refreshed; Maven with ${env…} is left alone', async () => {
    await configurator.configureNpm(SHARED, { workspaceFolder: work });
    await configurator.configurePip(PYTHON, { mode: 'index-url' });
    await configurator.configureTwine(PYTHON);
    await configurator.configureMaven(JAVA, { password: 'env', mirror: false });
    await configurator.configureMaven({ ...JAVA, repository: 'shared' }, { password: 'inline', mirror: false });
    const old = (await tokens.stored({ name: 'acme', owner: OWNER }))?.token ?? '';
    const settingsBefore = await readFile(join(home, '.m2', 'settings.xml'), 'utf8');
    assert.ok(settingsBefore.includes('<password>${env.CODEARTIFACT_AUTH_TOKEN}</password>'));

    const rewritten: string[] = [];
    tokens.onDidRefresh((t) => void configurator.rewriteTokenFiles(t).then((r) => rewritten.push(...r.changes.filter((c) => c.lines.length > 0).map((c) => c.file))));
    const fresh = await tokens.refresh({ name: 'acme', owner: OWNER });
    await settle(() => rewritten.length === 4);
    assert.notEqual(fresh.token, old);
    for (const f of [join(home, '.npmrc'), join(home, '.config', 'pip', 'pip.conf'), join(home, '.pypirc'), join(home, '.m2', 'settings.xml')]) {
      const text = await readFile(f, 'utf8');
      assert.ok(text.includes(fresh.token), `${f} has the new token`);
      assert.ok(!text.includes(old), `${f} lost the old token`);
    }
    const settingsAfter = await readFile(join(home, '.m2', 'settings.xml'), 'utf8');
    assert.equal(settingsAfter.replace(fresh.token, 'T'), settingsBefore.replace(old, 'T'), 'only the token changed');
    assert.ok(!(await readFile(join(work, '.npmrc'), 'utf8')).includes(fresh.token));
  });

  it('configures and refreshes at the same time without losing an edit (edits are serialised)', async () => {
    await configurator.configureNpm(SHARED, { workspaceFolder: work, scope: '@a' });
    tokens.onDidRefresh((t) => void configurator.rewriteTokenFiles(t));
    const other = { domain: 'acme', domainOwner: OWNER, repository: 'python' };
    await Promise.all([
      tokens.refresh({ name: 'acme', owner: OWNER }),
      configurator.configureNpm(other, { workspaceFolder: work, scope: '@b' }),
      configurator.configurePip(PYTHON, { mode: 'index-url' }),
      tokens.refresh({ name: 'acme', owner: OWNER }),
    ]);
    // Let the rewrite queued by the last refresh finish.
    await configurator.remove(() => false);
    const current = (await tokens.stored({ name: 'acme', owner: OWNER }))?.token ?? '';
    const user = await readFile(join(home, '.npmrc'), 'utf8');
    const name = (t: string): string => (t === current ? 'CURRENT' : issued.includes(t) ? `issued#${issued.indexOf(t)}` : 'other');
    assert.ok(user.includes(`/npm/shared/:_authToken=${current}`), user.replace(/=(cae\.\S+)/g, (_m, t: string) => `=${name(t)}`) + ` issued=${issued.length}`);
    assert.ok(user.includes(`/npm/python/:_authToken=${current}`), user.replace(/=(cae\.\S+)/g, (_m, t: string) => `=${name(t)}`) + ` issued=${issued.length}`);
    assert.equal(user.match(/_authToken=/g)?.length, 2);
    assert.ok((await readFile(join(home, '.config', 'pip', 'pip.conf'), 'utf8')).includes(`aws:${current}@`));
  });

  it('refuses to write a token into the workspace (also through a symlink) and leaves every file untouched', async () => {
    env.NPM_CONFIG_USERCONFIG = join(work, 'user.npmrc');
    await assert.rejects(configurator.configureNpm(SHARED, { workspaceFolder: work }), (e: unknown) => e instanceof ConfigEditError && /inside the workspace folder/.test(e.message));
    assert.deepEqual(await readdir(work), []);
    delete env.NPM_CONFIG_USERCONFIG;
    // A dotfiles repository in the workspace, linked from HOME.
    await writeFile(join(work, 'dot-npmrc'), 'fund=false\n');
    await symlink(join(work, 'dot-npmrc'), join(home, '.npmrc'));
    await assert.rejects(configurator.configureNpm(SHARED, { workspaceFolder: work }), ConfigEditError);
    assert.equal(await readFile(join(work, 'dot-npmrc'), 'utf8'), 'fund=false\n');
    assert.deepEqual(configurator.records(), []);
  });

  it('pip: switching from index-url to extra-index-url keeps one block and one record', async () => {
    await configurator.configurePip(PYTHON, { mode: 'index-url' });
    await configurator.configurePip(SHARED, { mode: 'extra-index-url' });
    const text = await readFile(join(home, '.config', 'pip', 'pip.conf'), 'utf8');
    assert.equal(text.match(/>>> codeartifact-explorer/g)?.length, 1);
    assert.match(text, /^extra-index-url = http:\/\/aws:[^@]+@127\.0\.0\.1:\d+\/acme-111122223333\/pypi\/shared\/simple\/$/m);
    assert.deepEqual(configurator.records().map((r) => `${r.kind}:${r.repository}:${r.mode ?? ''}`), ['pipIndex:shared:extra-index-url']);
    await configurator.remove();
    assert.deepEqual(await listFiles(home), []);
  });

  it('Gradle: writes its own init script (GRADLE_USER_HOME honoured, no token), refuses a foreign one, removal deletes it', async () => {
    env.GRADLE_USER_HOME = join(home, 'gradle-home');
    const file = join(home, 'gradle-home', 'init.d', 'codeartifact-acme-java.gradle');
    const first = await configurator.configureGradle(JAVA);
    assert.deepEqual(first.changes.map((c) => c.file), [file]);
    const text = await readFile(file, 'utf8');
    assert.ok(text.includes(`url = uri('${emu.endpoint}/acme-${OWNER}/maven/java/')`));
    assert.ok(text.includes("System.getenv('CODEARTIFACT_AUTH_TOKEN')"));
    const token = (await tokens.stored({ name: 'acme', owner: OWNER }))?.token ?? '';
    assert.ok(!text.includes(token));
    assert.deepEqual((await configurator.configureGradle(JAVA)).changes.flatMap((c) => c.lines), [], 'idempotent');
    await configurator.remove();
    assert.deepEqual(await readdir(join(home, 'gradle-home', 'init.d')), []);
    await writeFile(file, '// my own init script\n');
    await assert.rejects(configurator.configureGradle(JAVA), ConfigEditError);
    assert.equal(await readFile(file, 'utf8'), '// my own init script\n');
  });

  it('terminal environment: token, domain, owner and endpoint of the last configuration', async () => {
    await configurator.configureMaven(JAVA, { password: 'env', mirror: false });
    const env2 = await configurator.environment((d) => tokens.stored(d));
    assert.equal(env2?.CODEARTIFACT_DOMAIN, 'acme');
    assert.equal(env2?.CODEARTIFACT_DOMAIN_OWNER, OWNER);
    assert.equal(env2?.CODEARTIFACT_REPOSITORY_ENDPOINT, `${emu.endpoint}/acme-${OWNER}/maven/java/`);
    assert.equal(env2?.CODEARTIFACT_AUTH_TOKEN, (await tokens.stored({ name: 'acme', owner: OWNER }))?.token);
  });

  it('never logs a token it issued (all tests above)', () => {
    assert.ok(issued.length >= 8 && log.lines.length > 10);
    for (const t of issued) assert.ok(!log.lines.some((l) => l.includes(t)));
  });
});
