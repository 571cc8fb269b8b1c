// The dependency-confusion guard through the real SDK against the emulator, and real npm showing the effect:
// an internal @acme/ui-kit whose upstream is allowed, while public:npmjs has an attacker's @acme/ui-kit 9.9.9.
// Before the quick fix's write npm installs the public one; after it, npm is refused and the guard is quiet. Package
// groups (the emulator from the groups branch): INHERIT resolved to the root's ALLOW, a BLOCKing group, an
// ALLOW_SPECIFIC_REPOSITORIES group whose list misses the connection's repository, and the group quick fix.
import assert from 'node:assert/strict';
import { adminApiOf, type CodeArtifactAdminApi } from '../../src/aws/adminApi';
import { SdkCodeArtifactApi } from '../../src/aws/codeArtifactApi';
import { packageGroupsApiIfAny } from '../../src/aws/packageGroupsApi';
import { ConfusionChecker, type GuardQuery } from '../../src/guard/confusionCheck';
import { blockGroupUpstream, blockPackageUpstream } from '../../src/guard/guardActions';
import { startEmulator, type Emulator } from '../emulator/server';
import type { Seed } from '../emulator/seed';
import { clientEnv, describe as explain, makeTempDir, removeDir, repoUrl, requireTool, run, tokenFor, writeFiles, writeNpmrc } from './helpers';

const OWNER = '111122223333';
const KEY = 'AKIAGUARD0000000001';

const seed: Seed = {
  accounts: { [KEY]: OWNER },
  domains: [
    {
      name: 'acme',
      owner: OWNER,
      region: 'us-west-2',
      repositories: [
        { name: 'npm-public', externalConnection: 'public:npmjs' },
        { name: 'team', upstreams: ['npm-public'] },
        { name: 'app', upstreams: ['team'] },
        { name: 'closed' },
      ],
      packageGroups: [
        { pattern: '/npm/acme/*' },
        { pattern: '/npm/locked/*', originConfiguration: { EXTERNAL_UPSTREAM: 'BLOCK' } },
        { pattern: '/npm/picky/*', originConfiguration: { EXTERNAL_UPSTREAM: 'ALLOW_SPECIFIC_REPOSITORIES' }, allowedRepositories: { EXTERNAL_UPSTREAM: ['team'] } },
        { pattern: '/npm/grp/*' },
      ],
    },
  ],
  packages: [
    // Published here; upstream explicitly allowed (as after someone opened it, or ingested first).
    { domain: 'acme', repository: 'app', format: 'npm', namespace: 'acme', name: 'ui-kit', originConfiguration: { publish: 'ALLOW', upstream: 'ALLOW' }, versions: [{ version: '1.0.0' }] },
    // Published and protected where the connection is.
    { domain: 'acme', repository: 'app', format: 'npm', namespace: 'acme', name: 'safe', originConfiguration: { publish: 'ALLOW', upstream: 'ALLOW' }, versions: [{ version: '1.0.0' }] },
    { domain: 'acme', repository: 'team', format: 'npm', namespace: 'acme', name: 'safe', originConfiguration: { publish: 'ALLOW', upstream: 'BLOCK' }, versions: [{ version: '1.0.0' }] },
    // Published, publish already blocked: the fix must keep that.
    { domain: 'acme', repository: 'app', format: 'npm', namespace: 'acme', name: 'frozen', originConfiguration: { publish: 'BLOCK', upstream: 'ALLOW' }, versions: [{ version: '1.0.0' }] },
    { domain: 'acme', repository: 'closed', format: 'npm', namespace: 'acme', name: 'ui-kit', versions: [{ version: '1.0.0' }] },
    { domain: 'acme', repository: 'app', format: 'npm', namespace: 'locked', name: 'lib', originConfiguration: { publish: 'ALLOW', upstream: 'ALLOW' }, versions: [{ version: '1.0.0' }] },
    { domain: 'acme', repository: 'app', format: 'npm', namespace: 'picky', name: 'lib', originConfiguration: { publish: 'ALLOW', upstream: 'ALLOW' }, versions: [{ version: '1.0.0' }] },
    { domain: 'acme', repository: 'app', format: 'npm', namespace: 'grp', name: 'lib', originConfiguration: { publish: 'ALLOW', upstream: 'ALLOW' }, versions: [{ version: '1.0.0' }] },
  ],
  externalConnections: {
    'public:npmjs': [
      { format: 'npm', namespace: 'acme', name: 'ui-kit', versions: [{ version: '9.9.9' }] },
      { format: 'npm', name: 'left-pad', versions: [{ version: '1.3.0' }] },
      { format: 'npm', namespace: 'grp', name: 'lib', versions: [{ version: '6.6.6' }] },
    ],
  },
};

describe('dependency-confusion guard against the emulator (real SDK, real npm)', function () {
  this.timeout(180_000);
  let emulator: Emulator;
  let api: SdkCodeArtifactApi;
  let admin: CodeArtifactAdminApi;
  const calls: string[] = [];
  let home: string | undefined;
  let work: string | undefined;

  const query = (name: string, repository = 'app', namespace: string | undefined = 'acme'): GuardQuery => ({
    target: { domain: 'acme', owner: OWNER, repository, format: 'npm' },
    ...(namespace ? { namespace } : {}),
    name,
  });

  before(async () => {
    emulator = await startEmulator({ seed, port: 0 });
    api = new SdkCodeArtifactApi({ region: 'us-west-2', endpoint: emulator.endpoint, credentials: { accessKeyId: KEY, secretAccessKey: 'x' }, onCall: (e) => calls.push(e.operation) });
    const a = adminApiOf(api);
    assert.ok(a);
    admin = a;
  });
  after(async () => {
    api?.dispose();
    await emulator?.stop();
  });
  beforeEach(async () => {
    home = await makeTempDir('guard-home');
    work = await makeTempDir('guard-work');
  });
  afterEach(async () => {
    await removeDir(home);
    await removeDir(work);
  });

  const checker = (): ConfusionChecker => new ConfusionChecker({ api: () => api, admin: adminApiOf, groups: packageGroupsApiIfAny });

  it('flags only the internal package whose upstream lets a public one in; its package group is read (INHERIT → ALLOW)', async () => {
    const c = checker();
    const exposed = await c.check(query('ui-kit'));
    assert.equal(exposed.verdict.kind, 'exposed');
    if (exposed.verdict.kind === 'exposed') {
      assert.deepEqual(exposed.verdict.entries, [{ repository: 'npm-public', connection: 'public:npmjs', path: ['app', 'team', 'npm-public'] }]);
      assert.equal(exposed.verdict.groupChecked, true);
      assert.equal(exposed.verdict.group, '/npm/acme/*');
      assert.deepEqual(exposed.verdict.fixes, ['package', 'group']);
    }
    assert.equal(exposed.publish, 'ALLOW');
    const safe = await c.check(query('safe'));
    assert.deepEqual(safe.verdict, { kind: 'protected', by: 'packageOrigin', detail: 'upstream is blocked for this package in team' });
    assert.deepEqual((await c.check(query('left-pad', 'app', undefined))).verdict, { kind: 'notInternal' }, 'public only');
    assert.deepEqual((await c.check(query('nothing-here'))).verdict, { kind: 'notInternal' }, 'unknown package (404)');
    const closed = await c.check(query('ui-kit', 'closed'));
    assert.equal(closed.verdict.kind, 'protected');
    assert.deepEqual((await c.check(query('lib', 'app', 'locked'))).verdict, { kind: 'protected', by: 'packageGroup', detail: 'its package group /npm/locked/* blocks external upstreams' });
    const picky = (await c.check(query('lib', 'app', 'picky'))).verdict;
    assert.equal(picky.kind, 'protected', 'allowed only in team, but the connection is on npm-public');
  });

  it('asks nothing again for an answer it has (no request per keystroke), and the package group once per package', async () => {
    calls.length = 0;
    const c = checker();
    await c.check(query('ui-kit'));
    await c.check(query('frozen'));
    const groupCalls = calls.filter((op) => op === 'GetAssociatedPackageGroup').length;
    const before = calls.length;
    await Promise.all([c.check(query('ui-kit')), c.check(query('ui-kit')), c.check(query('frozen'))]);
    assert.equal(calls.length, before, 'all three answered from the cache');
    assert.equal(groupCalls, 2, 'one GetAssociatedPackageGroup per package');
  });

  it('npm installs the public @acme/ui-kit 9.9.9 before the fix and is refused after it; the guard goes quiet; publish is kept', async () => {
    const token = tokenFor(emulator, 'acme', OWNER);
    await writeNpmrc(home ?? '', repoUrl(emulator, 'acme', OWNER, 'npm', 'app'), token);
    const install = async (spec: string): Promise<Awaited<ReturnType<typeof run>>> => {
      await writeFiles(work ?? '', { 'package.json': JSON.stringify({ name: 'victim', version: '1.0.0', private: true }) });
      return run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', spec], { cwd: work ?? '', env: clientEnv(home ?? ''), timeoutMs: 120_000 });
    };
    requireTool('npm', 'npm');
    const c = checker();
    assert.equal((await c.check(query('ui-kit'))).verdict.kind, 'exposed');

    // A fresh emulator state for the data plane would be cleaner, but retention is the point: first prove the attack works.
    const before = await install('@acme/ui-kit@9.9.9');
    assert.equal(before.code, 0, explain(before, [token]));

    // The quick fix's write.
    const written = await blockPackageUpstream(admin, query('ui-kit'));
    assert.deepEqual(written, { publish: 'ALLOW', upstream: 'BLOCK' });
    c.forget(query('ui-kit'));
    const after = await c.check(query('ui-kit'));
    assert.equal(after.verdict.kind, 'protected', JSON.stringify(after.verdict));

    // 9.9.9 is now retained in app (fetched above): ask for a public version nobody fetched yet.
    emulator.store.external.get('public:npmjs')?.packages.forEach((p) => {
      if (p.name === 'ui-kit') p.versions.set('9.9.10', { ...[...p.versions.values()][0]!, version: '9.9.10' });
    });
    const refused = await install('@acme/ui-kit@9.9.10');
    assert.notEqual(refused.code, 0, 'npm must not get the public 9.9.10 any more');
    assert.match(refused.stderr + refused.stdout, /ETARGET|E404|No matching version/i);
    const internal = await install('@acme/ui-kit@1.0.0');
    assert.equal(internal.code, 0, explain(internal, [token]));

    const frozen = await blockPackageUpstream(admin, query('frozen'));
    assert.deepEqual(frozen, { publish: 'BLOCK', upstream: 'BLOCK' }, 'the publish restriction is kept');
  });

  it('the group quick fix blocks EXTERNAL_UPSTREAM for the group: the guard goes quiet and npm is refused the public version', async () => {
    requireTool('npm', 'npm');
    const token = tokenFor(emulator, 'acme', OWNER);
    await writeNpmrc(home ?? '', repoUrl(emulator, 'acme', OWNER, 'npm', 'app'), token);
    const c = checker();
    const before = await c.check(query('lib', 'app', 'grp'));
    assert.equal(before.verdict.kind, 'exposed');
    if (before.verdict.kind === 'exposed') assert.equal(before.verdict.group, '/npm/grp/*');
    await blockGroupUpstream(admin, query('lib', 'app', 'grp'), '/npm/grp/*');
    c.clear();
    assert.deepEqual((await c.check(query('lib', 'app', 'grp'))).verdict, { kind: 'protected', by: 'packageGroup', detail: 'its package group /npm/grp/* blocks external upstreams' });
    await writeFiles(work ?? '', { 'package.json': JSON.stringify({ name: 'victim', version: '1.0.0', private: true }) });
    const refused = await run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '@grp/lib@6.6.6'], { cwd: work ?? '', env: clientEnv(home ?? ''), timeoutMs: 120_000 });
    assert.notEqual(refused.code, 0, 'the public @grp/lib 6.6.6 must not come in');
    const internal = await run('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '@grp/lib@1.0.0'], { cwd: work ?? '', env: clientEnv(home ?? ''), timeoutMs: 120_000 });
    assert.equal(internal.code, 0, explain(internal, [token]));
  });
});
