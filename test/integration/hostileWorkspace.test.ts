// Issue #11's proof: a cloned repository can never steer credentials, tokens or registries. A hostile folder
// (connection settings, .npmrc scopes, requirements index options, a pom repository, a folder default repository,
// a project .npmrc that links into the home directory) is analysed and looked up with the real resolver, gate,
// analyzer, session, token service, version source and configurator, against the emulator and a loopback
// "attacker" server that counts every request it gets. The attacker's domain exists in the emulator (another
// account), so a request for it would succeed and be counted: zero means nothing was asked.
//
// ManifestAnalyzer and settings.ts read `vscode.workspace` at run time; in plain Node they get a small `vscode`
// module over real settings files (the user's settings.json in the fake HOME, each folder's .vscode/settings.json),
// with VS Code's layering: `inspect()` reports each layer, `get()` lets the folder win.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { lstat, readdir, readFile, readlink, symlink } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import Module, { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { basename, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseJsonc } from 'jsonc-parser';
import type * as vscode from 'vscode';
import { SdkCodeArtifactApi } from '../../src/aws/codeArtifactApi';
import { Session } from '../../src/auth/session';
import { TokenService } from '../../src/auth/tokens';
import { Configurator } from '../../src/configure/configurator';
import { ConfigEditError } from '../../src/core/configFiles/managedBlock';
import { DomainGate, listAllDomains } from '../../src/versions/domainGate';
import type { Route } from '../../src/versions/manifestAnalysis';
import { manifestKindOf, readManifest, type ManifestDependency } from '../../src/versions/manifestDependencies';
import { resolverFor, type RepositoryTarget, type ResolverIo } from '../../src/versions/repositoryResolver';
import { VersionLookupError, VersionSource, type PackageQuery } from '../../src/versions/versionSource';
import type { Seed } from '../emulator/seed';
import type { Emulator, Override } from '../emulator/server';
import { seededEmulator } from '../unit/aws/testSeed';
import { FakeMemento, FakeSecretStorage, tokenGetterFor } from '../unit/fakes';
import { makeTempDir, removeDir, writeFiles } from './helpers';

type AnalysisModule = typeof import('../../src/versions/manifestAnalysis');
type SettingsModule = typeof import('../../src/shared/settings');

const OWNER = '111122223333';
const OWNER_KEY = 'AKIAHOSTILEWORKSPACE';
const REGION = 'us-west-2';
const EVIL_OWNER = '999988887777';
const EVIL_HOST = `https://evil-${EVIL_OWNER}.d.codeartifact.${REGION}.amazonaws.com`;
const EVIL = { domain: 'evil', owner: EVIL_OWNER };
const ACME_SHARED = { domain: 'acme', domainOwner: OWNER, repository: 'shared' };

function hostileSeed(): Seed {
  return {
    accounts: { [OWNER_KEY]: OWNER },
    domains: [
      { name: 'acme', owner: OWNER, region: REGION, repositories: [{ name: 'shared' }] },
      // The attacker's domain, in the attacker's account: a token request for it would be answered.
      { name: 'evil', owner: EVIL_OWNER, region: REGION, repositories: [{ name: 'exfil' }] },
    ],
    packages: [
      { domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', name: 'ui-kit', distTags: { latest: '2.1.0' }, versions: [{ version: '2.0.0' }, { version: '2.1.0' }] },
      { domain: 'acme', repository: 'shared', format: 'npm', name: 'left-pad', versions: [{ version: '1.3.0' }] },
      { domain: 'acme', repository: 'shared', format: 'pypi', name: 'acme-utils', versions: [{ version: '1.1.0' }] },
      { domain: 'acme', repository: 'shared', format: 'maven', namespace: 'com.acme', name: 'greeting', versions: [{ version: '1.1' }] },
      { domain: 'evil', owner: EVIL_OWNER, repository: 'exfil', format: 'npm', namespace: 'evil', name: 'payload', versions: [{ version: '6.6.6' }] },
      { domain: 'evil', owner: EVIL_OWNER, repository: 'exfil', format: 'npm', namespace: 'loot', name: 'stealer', versions: [{ version: '1.0.0' }] },
    ],
  };
}

// ---------------------------------------------------------------- the attacker's server

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

/** Answers everything like a friendly registry and remembers every request, headers included. */
async function startAttacker(): Promise<{ url: string; requests: Seen[]; stop(): Promise<void> }> {
  const requests: Seen[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ name: 'bait', versions: { '9.9.9': {} }, 'dist-tags': { latest: '9.9.9' }, repositoryEndpoint: 'http://127.0.0.1:1/' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    stop: () =>
      new Promise((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

// ---------------------------------------------------------------- a `vscode` module over real settings files

type Settings = Record<string, unknown>;

function readSettings(file: string): Settings {
  try {
    const parsed: unknown = parseJsonc(readFileSync(file, 'utf8'), [], { allowTrailingComma: true });
    return typeof parsed === 'object' && parsed !== null ? (parsed as Settings) : {};
  } catch {
    return {};
  }
}

const isInside = (child: string, parent: string): boolean => child === parent || child.startsWith(parent + sep);

/** The part of VS Code's API the analyzer and settings.ts use: trust, folders, URIs and layered configuration. */
class Workbench {
  isTrusted = true;
  constructor(
    private readonly userSettingsFile: string,
    readonly folders: readonly string[],
  ) {}

  uri(fsPath: string): vscode.Uri {
    return { scheme: 'file', fsPath, path: fsPath, toString: () => pathToFileURL(fsPath).href } as unknown as vscode.Uri;
  }

  folderOf(fsPath: string): vscode.WorkspaceFolder | undefined {
    const index = this.folders.findIndex((f) => isInside(fsPath, f));
    const folder = this.folders[index];
    return folder === undefined ? undefined : { uri: this.uri(folder), name: basename(folder), index };
  }

  configuration(section: string, scope?: vscode.Uri): Pick<vscode.WorkspaceConfiguration, 'get' | 'inspect'> {
    const user = readSettings(this.userSettingsFile);
    const folder = scope ? this.folderOf(scope.fsPath) : this.folderOf(this.folders[0] ?? '');
    const workspace = folder ? readSettings(join(folder.uri.fsPath, '.vscode', 'settings.json')) : {};
    const inspect = <T>(key: string) => ({
      key: `${section}.${key}`,
      globalValue: user[`${section}.${key}`] as T | undefined,
      workspaceValue: workspace[`${section}.${key}`] as T | undefined,
      workspaceFolderValue: workspace[`${section}.${key}`] as T | undefined,
    });
    return {
      inspect,
      get: <T>(key: string, fallback?: T): T => {
        const i = inspect<T>(key);
        return (i.workspaceFolderValue ?? i.globalValue ?? fallback) as T;
      },
    };
  }

  module(): unknown {
    const workspace = {
      getWorkspaceFolder: (uri: vscode.Uri) => this.folderOf(uri.fsPath),
      getConfiguration: (section: string, scope?: vscode.Uri) => this.configuration(section, scope),
    };
    Object.defineProperty(workspace, 'isTrusted', { get: () => this.isTrusted, enumerable: true });
    return { __esModule: true, Uri: { file: (p: string) => this.uri(p) }, workspace };
  }
}

/** Loads modules that `require('vscode')` with `api` standing in for it (only while loading). */
function withVscode<T>(api: unknown, load: () => T): T {
  type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
  const loader = Module as unknown as { _load: Load };
  const original = loader._load;
  loader._load = function (this: unknown, request, parent, isMain) {
    return request === 'vscode' ? api : original.call(this, request, parent, isMain);
  };
  try {
    return load();
  } finally {
    loader._load = original;
  }
}

function documentOf(bench: Workbench, file: string, version: number): vscode.TextDocument {
  const text = readFileSync(file, 'utf8');
  return { uri: bench.uri(file), fileName: file, version, getText: () => text } as unknown as vscode.TextDocument;
}

// ---------------------------------------------------------------- what changed on disk

/** path → `file <sha256>` | `link -> <target>` | `dir`, below `root`, following no link. */
async function snapshot(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for (const name of (await readdir(dir)).sort()) {
      const full = join(dir, name);
      const st = await lstat(full);
      const rel = relative(root, full);
      if (st.isSymbolicLink()) out.set(rel, `link -> ${await readlink(full)}`);
      else if (st.isDirectory()) {
        out.set(rel, 'dir');
        await walk(full);
      } else out.set(rel, `file ${createHash('sha256').update(await readFile(full)).digest('hex')}`);
    }
  };
  await walk(root);
  return out;
}

function digest(files: Map<string, string>): string {
  const h = createHash('sha256');
  for (const [path, what] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) h.update(`${path}\0${what}\n`);
  return h.digest('hex');
}

function changedPaths(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((p) => before.get(p) !== after.get(p)).sort();
}

// ---------------------------------------------------------------- the suite

function queryFor(dep: ManifestDependency, target: RepositoryTarget): PackageQuery {
  return { ecosystem: dep.ecosystem, target, ...(dep.namespace ? { namespace: dep.namespace } : {}), name: dep.name };
}

/** `blocked DOMAIN/OWNER/REPO FORMAT named by LABEL [(file)]`, `lookup … [(folder)]`, `left alone`, `untrusted`, `unconfigured FORMAT`. */
function describeRoute(route: Route | undefined, root: string): string {
  if (!route) return 'left alone';
  if (route.kind === 'untrusted') return 'untrusted';
  if (route.kind === 'unconfigured') return `unconfigured ${route.format}`;
  const t = route.target;
  const where = `${t.domain}/${t.owner}/${t.repository} ${t.format}`;
  if (route.kind === 'blocked') return `blocked ${where} named by ${route.fileLabel}${t.file ? ` (${relative(root, t.file)})` : ''}`;
  return `lookup ${where}${t.fromWorkspace ? ' (folder)' : ''}`;
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof Error, String(err));
    return err;
  }
  assert.fail('expected a rejection');
}

describe('A hostile workspace cannot steer credentials, tokens or registries (#11)', function () {
  const seeded = seededEmulator({ seed: hostileSeed });
  let emu: Emulator;
  let attacker: Awaited<ReturnType<typeof startAttacker>>;
  let root: string;
  let home: string;
  /** The cloned repository: settings, .npmrc, requirements, pom and build.gradle all name the attacker. */
  let hostile: string;
  /** A folder whose .npmrc is a link to the user's own ~/.npmrc. */
  let linked: string;
  let manifests: string[];
  let bench: Workbench;
  let analysisModule: AnalysisModule;
  let settingsModule: SettingsModule;
  let session: Session;
  let gate: DomainGate;
  let approvals: FakeMemento;
  let warnings: string[];
  let atStart: Map<string, string>;
  const savedEnv = { ...process.env };
  const disposables: { dispose(): void }[] = [];

  const tokensIssuedFor = (domain: string, owner: string): number => [...emu.store.tokens.values()].filter((t) => t.domain === domain && t.owner === owner).length;
  const dataPlaneOperations = (): Record<string, number> => Object.fromEntries(Object.entries(emu.stats.operations).filter(([op]) => op.includes(':')));
  const newSource = (): VersionSource => {
    const getToken = tokenGetterFor(() => session.api());
    disposables.push(getToken);
    return new VersionSource({ api: () => session.api(), getToken, connection: () => session.connection });
  };
  const newConfigurator = (): { configurator: Configurator; records: FakeMemento } => {
    const tokens = new TokenService({ api: () => session.api(), secrets: new FakeSecretStorage(), log: { info: () => undefined, warn: () => undefined }, durationSeconds: () => 43_200 });
    disposables.push(tokens);
    const records = new FakeMemento();
    const configurator = new Configurator({
      api: () => session.api(),
      tokens,
      records,
      user: () => ({ home, env: process.env, platform: 'linux' }),
      workspaceRoots: () => [hostile, linked],
      log: { info: () => undefined, warn: () => undefined },
      connection: () => session.connection,
    });
    return { configurator, records };
  };

  /** Every dependency of every manifest: its route, and for a lookup route what the lookup gave. */
  async function analyseAndLookUp(source: VersionSource): Promise<Record<string, string>> {
    const analyzer = new analysisModule.ManifestAnalyzer(gate, analysisModule.readVersionSettings, { warn: (m: string) => void warnings.push(m), debug: () => undefined });
    const out: Record<string, string> = {};
    for (const file of manifests) {
      const analysis = await analyzer.analysisOf(documentOf(bench, file, 1));
      assert.ok(analysis, file);
      for (const dep of analysis.contents.dependencies) {
        const route = analysis.route(dep);
        let outcome = '';
        if (route?.kind === 'lookup') {
          try {
            const found = await source.get(queryFor(dep, route.target));
            outcome = found.found ? ` → ${found.latest ?? '?'}` : ' → not found';
          } catch (err) {
            outcome = ` → ${err instanceof VersionLookupError ? err.kind : String(err)}`;
          }
        }
        out[`${relative(root, file)} ${dep.displayName}`] = describeRoute(route, root) + outcome;
      }
    }
    return out;
  }

  before(async () => {
    emu = seeded.emu;
    attacker = await startAttacker();
    // The recorder records: one probe, then a clean slate.
    await fetch(`${attacker.url}/probe`, { headers: { authorization: 'Bearer probe' } }).then((r) => r.text());
    assert.equal(attacker.requests[0]?.headers.authorization, 'Bearer probe');
    attacker.requests.length = 0;

    root = await makeTempDir('hostile');
    home = join(root, 'home');
    hostile = join(root, 'hostile');
    linked = join(root, 'linked');
    const userRegistry = `${emu.endpoint}/acme-${OWNER}/npm/shared/`;
    await writeFiles(home, {
      '.npmrc': `; the user's own npm configuration\nregistry=${userRegistry}\n`,
      '.config/pip/pip.conf': `[global]\nindex-url = ${emu.endpoint}/acme-${OWNER}/pypi/shared/simple/\n`,
      '.aws/config': `[profile me]\nregion = ${REGION}\n`,
      '.aws/credentials': `[me]\naws_access_key_id = ${OWNER_KEY}\naws_secret_access_key = user-secret\n`,
      '.config/Code/User/settings.json': JSON.stringify(
        {
          'codeartifact.profile': 'me',
          'codeartifact.region': REGION,
          'codeartifact.endpoint': emu.endpoint,
          'codeartifact.defaultRepository': { domain: 'acme', owner: OWNER, repository: 'shared' },
        },
        null,
        2,
      ),
    });
    await writeFiles(hostile, {
      '.vscode/settings.json': [
        '{',
        '  // Every connection setting points where the user did not choose.',
        `  "codeartifact.endpoint": "${attacker.url}/",`,
        '  "codeartifact.profile": "attacker",',
        '  "codeartifact.region": "us-east-1",',
        `  "codeartifact.domains": [{ "name": "evil", "owner": "${EVIL_OWNER}" }],`,
        '  "codeartifact.tokenDurationSeconds": 900,',
        `  "codeartifact.defaultRepository": { "domain": "evil", "owner": "${EVIL_OWNER}", "repository": "exfil" },`,
        '}',
        '',
      ].join('\n'),
      '.npmrc': [
        `@evil:registry=${EVIL_HOST}/npm/exfil/`,
        // Shaped like the emulator's data plane, so it parses as the domain evil; on the attacker's port.
        `@loot:registry=${attacker.url}/evil-${EVIL_OWNER}/npm/exfil/`,
        `@plain:registry=${attacker.url}/registry/`,
        `//${new URL(attacker.url).host}/:always-auth=true`,
        '',
      ].join('\n'),
      'package.json': JSON.stringify({ name: 'cloned', dependencies: { '@evil/payload': '^6.0.0', '@loot/stealer': '1.0.0', '@plain/thing': '1.0.0', '@acme/ui-kit': '^2.0.0', 'left-pad': '1.3.0' } }, null, 2),
      'requirements.txt': `--index-url ${attacker.url}/simple/\n--extra-index-url ${EVIL_HOST}/pypi/exfil/simple/\nacme-utils>=1.0\nrequests==2.31.0\n`,
      'pom.xml': [
        '<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><artifactId>cloned</artifactId><version>1</version>',
        `  <repositories><repository><id>evil</id><url>${EVIL_HOST}/maven/exfil/</url></repository></repositories>`,
        '  <dependencies>',
        '    <dependency><groupId>com.acme</groupId><artifactId>greeting</artifactId><version>1.1</version></dependency>',
        '    <dependency><groupId>com.evil</groupId><artifactId>payload</artifactId><version>1.0</version></dependency>',
        '  </dependencies>',
        '</project>',
        '',
      ].join('\n'),
      // No repository: the folder's codeartifact.defaultRepository is what names one.
      'build.gradle': "dependencies {\n  implementation 'com.acme:greeting:1.1'\n}\n",
    });
    await writeFiles(linked, { 'package.json': JSON.stringify({ name: 'linked', dependencies: { '@acme/ui-kit': '2.1.0', 'left-pad': '1.3.0' } }) });
    await symlink(join(home, '.npmrc'), join(linked, '.npmrc'));
    manifests = ['package.json', 'requirements.txt', 'pom.xml', 'build.gradle'].map((f) => join(hostile, f)).concat(join(linked, 'package.json'));
    for (const m of manifests) assert.ok(manifestKindOf(m), m);

    // User-level files come from the fake HOME only (npm run sets npm_config_userconfig to the real one).
    for (const key of Object.keys(process.env)) if (/^(AWS_|NPM_CONFIG_|PIP_|YARN_|XDG_CONFIG_HOME$|GRADLE_USER_HOME$)/i.test(key)) delete process.env[key];
    process.env.HOME = home;

    bench = new Workbench(join(home, '.config', 'Code', 'User', 'settings.json'), [hostile, linked]);
    const load = createRequire(__filename);
    [analysisModule, settingsModule] = withVscode(bench.module(), () => [load('../../src/versions/manifestAnalysis') as AnalysisModule, load('../../src/shared/settings') as SettingsModule]);
    // Signed in as the extension restores it after a reload: from the connection settings.
    session = new Session(new FakeMemento({ 'codeartifact.signedIn': true }), { info: () => undefined, warn: () => undefined, trace: () => undefined }, settingsModule.readConnectionSettings, (opts) => new SdkCodeArtifactApi({ ...opts, maxAttempts: 1 }), process.env);
    await session.restore();
    approvals = new FakeMemento();
    gate = new DomainGate({
      listDomains: (signal) => listAllDomains((page) => session.api().listDomains(page), signal),
      userDomains: () => settingsModule.readConnectionSettings().extraDomains,
      store: approvals,
    });
    atStart = await snapshot(root);
  });

  after(async () => {
    disposables.splice(0).forEach((d) => d.dispose());
    session?.dispose();
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
    await attacker?.stop();
    await removeDir(root);
  });

  beforeEach(() => {
    bench.isTrusted = true;
    warnings = [];
    attacker.requests.length = 0;
  });

  afterEach(() => {
    emu.setOverride(undefined);
    disposables.splice(0).forEach((d) => d.dispose());
  });

  it("analysing and looking up every manifest: the folder's domain is blocked, 0 requests for it, 0 to the attacker", async () => {
    // The folder's connection settings are ignored: the session is the user's.
    assert.deepEqual(session.connection, { profile: 'me', region: REGION, endpoint: emu.endpoint });
    assert.deepEqual(settingsModule.readConnectionSettings().extraDomains, []);
    assert.equal(settingsModule.readTokenDurationSeconds(), 43_200, "the folder's 900 s is ignored too");

    const routes = await analyseAndLookUp(newSource());

    const evil = `evil/${EVIL_OWNER}/exfil`;
    assert.deepEqual(routes, {
      'hostile/package.json @evil/payload': `blocked ${evil} npm named by .npmrc (hostile/.npmrc)`,
      'hostile/package.json @loot/stealer': `blocked ${evil} npm named by .npmrc (hostile/.npmrc)`,
      'hostile/package.json @plain/thing': 'left alone',
      'hostile/package.json @acme/ui-kit': `lookup acme/${OWNER}/shared npm → 2.1.0`,
      'hostile/package.json left-pad': `lookup acme/${OWNER}/shared npm → 1.3.0`,
      'hostile/requirements.txt acme-utils': `blocked ${evil} pypi named by requirements.txt (hostile/requirements.txt)`,
      'hostile/requirements.txt requests': `blocked ${evil} pypi named by requirements.txt (hostile/requirements.txt)`,
      'hostile/pom.xml com.acme:greeting': `blocked ${evil} maven named by pom.xml (hostile/pom.xml)`,
      'hostile/pom.xml com.evil:payload': `blocked ${evil} maven named by pom.xml (hostile/pom.xml)`,
      'hostile/build.gradle com.acme:greeting': `blocked ${evil} maven named by settings.json`,
      // The link reads the user's own ~/.npmrc: the user's registry, not the folder's choice.
      'linked/package.json @acme/ui-kit': `lookup acme/${OWNER}/shared npm → 2.1.0`,
      'linked/package.json left-pad': `lookup acme/${OWNER}/shared npm → 1.3.0`,
    });
    assert.equal(attacker.requests.length, 0, JSON.stringify(attacker.requests.map((r) => r.url)));
    assert.equal(tokensIssuedFor('evil', EVIL_OWNER), 0, 'no token for the folder’s domain');
    assert.equal(tokensIssuedFor('acme', OWNER), 1, 'the user’s own domain: one token, reused');
    // One token, one endpoint, and the data plane saw only that token (none refused, so none for evil).
    assert.deepEqual(emu.stats.operations, { ListDomains: 1, GetAuthorizationToken: 1, GetRepositoryEndpoint: 1, ListPackageVersions: 2, 'npm:packument': 2 });
    assert.deepEqual(dataPlaneOperations(), { 'npm:packument': 2 });
    // Each blocked domain is named once per manifest in the log: file, domain and account.
    for (const file of ['.npmrc', 'requirements.txt', 'pom.xml']) {
      assert.ok(warnings.some((w) => w.includes(`${file} names the domain evil (account ${EVIL_OWNER})`)), `${file}: ${warnings.join('\n')}`);
    }
  });

  it('offline (ListDomains fails): the folder\'s domain is still blocked, but marked unchecked and not called foreign; nothing is sent', async () => {
    const offline = new DomainGate({ listDomains: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1')), userDomains: () => [], store: new FakeMemento() });
    const analyzer = new analysisModule.ManifestAnalyzer(offline, analysisModule.readVersionSettings, { warn: (m: string) => void warnings.push(m), debug: () => undefined });
    const analysis = await analyzer.analysisOf(documentOf(bench, join(hostile, 'package.json'), 1));
    assert.ok(analysis);
    assert.equal(analysis.unchecked, true);
    const evil = analysis.contents.dependencies.find((d) => d.displayName === '@evil/payload');
    assert.ok(evil);
    const route = analysis.route(evil);
    assert.equal(route?.kind, 'blocked');
    assert.match(route?.kind === 'blocked' ? (route.unchecked ?? '') : '', /ECONNREFUSED/);
    assert.deepEqual(warnings.filter((w) => /not one of yours/.test(w)), [], 'an unreachable service makes no domain foreign');
    assert.equal(attacker.requests.length, 0);
    assert.equal(tokensIssuedFor('evil', EVIL_OWNER), 0);
  });

  it('approving the domain for the folder makes it a lookup (through the user’s own endpoint); revoking blocks it again', async () => {
    const folder = pathToFileURL(hostile).href;
    assert.equal(tokensIssuedFor('evil', EVIL_OWNER), 0);
    // Approved for another folder: still blocked here.
    await gate.approve(pathToFileURL(linked).href, EVIL, join(linked, '.npmrc'));
    const elsewhere = await analyseAndLookUp(newSource());
    assert.match(elsewhere['hostile/package.json @evil/payload'] ?? '', /^blocked/);
    assert.equal(tokensIssuedFor('evil', EVIL_OWNER), 0);
    await gate.revoke(pathToFileURL(linked).href, () => true);

    await gate.approve(folder, EVIL, join(hostile, '.npmrc'));
    emu.resetStats();
    const approved = await analyseAndLookUp(newSource());
    const evil = `evil/${EVIL_OWNER}/exfil`;
    assert.equal(approved['hostile/package.json @evil/payload'], `lookup ${evil} npm (folder) → 6.6.6`);
    // The scope's registry URL is the attacker's server; the lookup goes where GetRepositoryEndpoint says.
    assert.equal(approved['hostile/package.json @loot/stealer'], `lookup ${evil} npm (folder) → 1.0.0`);
    assert.equal(approved['hostile/requirements.txt requests'], `lookup ${evil} pypi (folder) → not found`);
    assert.equal(approved['hostile/pom.xml com.evil:payload'], `lookup ${evil} maven (folder) → not found`);
    assert.equal(approved['hostile/build.gradle com.acme:greeting'], `lookup ${evil} maven (folder) → not found`);
    assert.equal(tokensIssuedFor('evil', EVIL_OWNER), 1, 'now asked for, once');
    assert.equal(attacker.requests.length, 0);

    assert.equal(await gate.revoke(folder, (a) => a.domain === 'evil' && a.owner === EVIL_OWNER), 1);
    emu.resetStats();
    const revoked = await analyseAndLookUp(newSource());
    assert.equal(revoked['hostile/package.json @evil/payload'], `blocked ${evil} npm named by .npmrc (hostile/.npmrc)`);
    assert.equal(revoked['hostile/pom.xml com.evil:payload'], `blocked ${evil} maven named by pom.xml (hostile/pom.xml)`);
    assert.equal(tokensIssuedFor('evil', EVIL_OWNER), 1, 'no new token after revoking');
    assert.equal(emu.stats.operations.GetAuthorizationToken, 1, 'only the user’s own domain');
    assert.deepEqual(approvals.get('codeartifact.approvedDomains'), {});
    assert.equal(attacker.requests.length, 0);
  });

  it('untrusted: no file of the folder (or any other) is read, and only the user’s default repository is used', async () => {
    const evilTokens = tokensIssuedFor('evil', EVIL_OWNER);
    const reads: string[] = [];
    const io: ResolverIo = {
      readFile: async (file) => {
        reads.push(file);
        return readFile(file, 'utf8').catch(() => undefined);
      },
      user: { home, env: {}, platform: 'linux' },
    };
    const userDefault = { domain: 'acme', owner: OWNER, repository: 'shared' };
    const folderDefault = { ...EVIL, repository: 'exfil', fromWorkspace: true };
    const resolveAll = async (options: Parameters<typeof resolverFor>[3]): Promise<string[]> => {
      const out: string[] = [];
      for (const file of manifests) {
        const contents = readManifest(manifestKindOf(file)!, await readFile(file, 'utf8'));
        const resolve = await resolverFor(file, contents, io, options);
        for (const dep of contents.dependencies) {
          const t = resolve(dep);
          out.push(t ? `${t.domain}/${t.owner}/${t.repository} ${t.format}${t.fromWorkspace ? ' (folder)' : ''}` : 'none');
        }
      }
      return out;
    };

    const withUserDefault = await resolveAll({ trusted: false, defaultRepository: userDefault });
    assert.deepEqual(new Set(withUserDefault), new Set([`acme/${OWNER}/shared npm`, `acme/${OWNER}/shared pypi`, `acme/${OWNER}/shared maven`]));
    assert.equal(withUserDefault.length, 12);
    assert.deepEqual(new Set(await resolveAll({ trusted: false, defaultRepository: folderDefault })), new Set(['none']), "the folder's own default does not apply");
    assert.deepEqual(new Set(await resolveAll({ trusted: false })), new Set(['none']));
    assert.equal(reads.length, 0, `not one file read, but: ${reads.join(', ')}`);
    // The recorder works: trusted, the folder's files are read.
    await resolveAll({ trusted: true });
    assert.ok(reads.includes(join(hostile, '.npmrc')) && reads.includes(join(linked, '.npmrc')), reads.join('\n'));

    // The analyzer in Restricted Mode: the user's default repository for everything, nothing blocked or asked.
    bench.isTrusted = false;
    const routes = await analyseAndLookUp(newSource());
    for (const [dep, route] of Object.entries(routes)) assert.match(route, new RegExp(`^lookup acme/${OWNER}/shared (npm|pypi|maven) → `), dep);
    assert.equal(routes['hostile/package.json @evil/payload'], `lookup acme/${OWNER}/shared npm → not found`);
    assert.equal(routes['hostile/package.json @acme/ui-kit'], `lookup acme/${OWNER}/shared npm → 2.1.0`);
    assert.equal(tokensIssuedFor('evil', EVIL_OWNER), evilTokens, 'no token for the folder’s domain');
    assert.equal(emu.stats.operations.ListDomains, undefined, 'no gate check: the folder names nothing');
    assert.equal(attacker.requests.length, 0);
    assert.deepEqual(warnings, []);
  });

  it('a GetRepositoryEndpoint answer on another domain’s host or the attacker’s port: no lookup, no configure, 0 requests there', async () => {
    const uiKit: PackageQuery = { ecosystem: 'npm', target: { domain: 'acme', owner: OWNER, repository: 'shared', format: 'npm', source: 'test' }, namespace: 'acme', name: 'ui-kit' };
    const { configurator, records } = newConfigurator();
    for (const answer of [`${EVIL_HOST}/npm/exfil/`, `${attacker.url}/acme-${OWNER}/npm/shared/`, `https://acme-${OWNER}.d.codeartifact.us-east-1.amazonaws.com/npm/shared/`]) {
      emu.setOverride(({ operation }) =>
        operation === 'GetRepositoryEndpoint' ? { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ repositoryEndpoint: answer }) } : undefined,
      );
      const lookup = await rejection(newSource().get(uiKit));
      assert.ok(lookup instanceof VersionLookupError && lookup.kind === 'untrustedEndpoint', `${answer}: ${lookup.message}`);
      assert.match(lookup.message, /No token was sent to it\.$/);
      const configure = await rejection(configurator.configureNpm(ACME_SHARED, { workspaceFolder: hostile, scope: '@acme' }));
      assert.ok(configure instanceof ConfigEditError, configure.message);
      assert.match(configure.message, /^Refusing the repository endpoint for acme\/shared: .*Nothing was written\.$/);
    }
    assert.equal(emu.stats.overridden, 6);
    assert.equal(attacker.requests.length, 0);
    assert.deepEqual(dataPlaneOperations(), {}, 'no data-plane request anywhere');
    assert.deepEqual(configurator.records(), []);
    assert.deepEqual(records.keys(), []);
    assert.deepEqual(changedPaths(atStart, await snapshot(root)), []);
  });

  it('configure refuses a project .npmrc that links to a file in the home directory, and writes neither', async () => {
    const { configurator } = newConfigurator();
    const before = await readFile(join(home, '.npmrc'), 'utf8');
    const err = await rejection(configurator.configureNpm(ACME_SHARED, { workspaceFolder: linked, scope: '@acme' }));
    assert.ok(err instanceof ConfigEditError, err.message);
    assert.match(err.message, /is a symbolic link to .*outside the workspace folder/);
    assert.equal(await readFile(join(home, '.npmrc'), 'utf8'), before);
    assert.deepEqual(configurator.records(), []);
    assert.deepEqual(changedPaths(atStart, await snapshot(root)), []);
  });

  it('a data-plane redirect to another origin: the lookup fails saying so, the Authorization header never leaves', async () => {
    const target = { domain: 'acme', owner: OWNER, repository: 'shared', source: 'test' };
    const redirect: Override = ({ operation, url }) => {
      if (operation === 'npm:packument') return { status: 307, headers: { location: `${attacker.url}${url.pathname}` }, body: '' };
      // PyPI: first a redirect on the same origin (followed, with the token), then one to the attacker.
      if (operation === 'pypi:simple') return { status: 302, headers: { location: url.search ? `${attacker.url}${url.pathname}` : `${url.pathname}?moved=1` }, body: '' };
      return undefined;
    };
    emu.setOverride(redirect);
    const evilTokens = tokensIssuedFor('evil', EVIL_OWNER);
    const source = newSource();
    const npm = await rejection(source.get({ ecosystem: 'npm', target: { ...target, format: 'npm' }, namespace: 'acme', name: 'ui-kit' }));
    const pypi = await rejection(source.get({ ecosystem: 'pypi', target: { ...target, format: 'pypi' }, name: 'acme-utils' }));
    for (const err of [npm, pypi]) {
      assert.ok(err instanceof VersionLookupError && err.kind === 'untrustedEndpoint', err.message);
      assert.ok(err.message.includes(`redirected to another host (${attacker.url}/); the token was not sent there.`), err.message);
    }
    assert.deepEqual(dataPlaneOperations(), { 'npm:packument': 1, 'pypi:simple': 2 }, 'the same-origin hop was followed');
    assert.equal(emu.stats.overridden, 3);
    assert.deepEqual(attacker.requests.map((r) => r.headers.authorization), [], 'no request, so no Authorization header');
    assert.equal(tokensIssuedFor('evil', EVIL_OWNER), evilTokens);
  });

  it('after every test above, no file under the fake home or either folder changed (sha256 of every path, links not followed)', async () => {
    const now = await snapshot(root);
    assert.deepEqual(changedPaths(atStart, now), []);
    assert.equal(digest(now), digest(atStart));
    // The snapshot sees what it should: the fixture's files, the link as a link (not its target's content).
    assert.equal(now.get(join('linked', '.npmrc')), `link -> ${join(home, '.npmrc')}`);
    assert.ok(now.size >= 15, [...now.keys()].join('\n'));
  });
});
