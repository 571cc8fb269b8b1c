// Differential test of the yarn.lock reader: real Yarn 4 (the @yarnpkg/cli-dist devDependency) installs a
// workspace project from the emulator with nodeLinker: node-modules, and for every dependency of every manifest
// the version our reader takes from the yarn.lock yarn wrote must be the one yarn put in node_modules (found the
// way Node finds it: the manifest's own node_modules first, then its parents'). Covers a scoped name, an npm:
// alias, one entry for several ranges, a workspace with its own version, and a workspace: dependency.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { InstalledVersions } from '../../src/versions/installedVersions';
import { readManifest } from '../../src/versions/manifestDependencies';
import { describe as explain, clientEnv, run, writeFiles } from './helpers';
import { OWNER, startClientHarness, upstreamSeed, YARN_BERRY_JS, type ClientHarness } from './clientHarness';

const at = (version: string, day: number, dependencies?: Record<string, string>) => ({ version, publishedTime: `2024-01-${String(day).padStart(2, '0')}T00:00:00Z`, ...(dependencies ? { dependencies } : {}) });

const seed = upstreamSeed({
  key: 'AKIAYARNLOCKDIFF0001',
  store: 'npm-public',
  connection: 'public:npmjs',
  packages: [{ format: 'npm', namespace: 'acme', name: 'ui-kit', distTags: { latest: '2.1.0' }, versions: [at('2.0.0', 1), at('2.1.0', 2, { 'left-pad': '^1.3.0' })] }],
  external: [
    { format: 'npm', name: 'left-pad', distTags: { latest: '1.3.0' }, versions: [at('1.1.0', 3), at('1.2.0', 4), at('1.3.0', 5)] },
    { format: 'npm', name: 'is-odd', distTags: { latest: '3.0.0' }, versions: [at('2.0.0', 6), at('3.0.0', 7), at('3.0.1', 8)] },
  ],
});

const MANIFESTS: Record<string, object> = {
  'package.json': {
    name: 'yarn-lock-app',
    private: true,
    workspaces: ['packages/*'],
    dependencies: { '@acme/ui-kit': '^2.0.0', 'left-pad': '^1.1.0', 'old-pad': 'npm:left-pad@~1.1.0' },
    // A dist-tag (latest is not the highest version here).
    devDependencies: { 'is-odd': 'latest' },
  },
  'packages/web/package.json': {
    name: 'web',
    version: '1.0.0',
    dependencies: { 'left-pad': '1.2.0', '@acme/ui-kit': '~2.1.0', lib: 'workspace:^' },
  },
  // A range with spaces, and an x-range.
  'packages/lib/package.json': { name: 'lib', version: '0.3.0', dependencies: { '@acme/ui-kit': '2.0.0', 'left-pad': '>= 1.1.0 < 1.2', 'is-odd': '2.x' } },
};

/** The version Node would load for `name` from `dir`: the nearest node_modules/<name>/package.json up to `root`. */
async function nodeResolves(root: string, dir: string, name: string): Promise<string | undefined> {
  for (let d = dir; ; d = dirname(d)) {
    const file = join(d, 'node_modules', name, 'package.json');
    if (existsSync(file)) return (JSON.parse(await readFile(file, 'utf8')) as { version?: string }).version;
    if (d === root) return undefined;
  }
}

/** Why real yarn cannot run here (the devDependency missing, or it does not start), or undefined. */
function yarnUnavailable(): string | undefined {
  if (!existsSync(YARN_BERRY_JS)) return '@yarnpkg/cli-dist is not installed';
  const r = spawnSync(process.execPath, [YARN_BERRY_JS, '--version'], { cwd: tmpdir(), encoding: 'utf8', timeout: 60_000 });
  return r.status === 0 && /^4\./.test(r.stdout) ? undefined : `yarn 4 does not run (${(r.stderr || r.stdout || String(r.error)).trim().slice(0, 200)})`;
}
const unavailable = yarnUnavailable();

(unavailable ? describe.skip : describe)(`yarn.lock reader against real yarn berry${unavailable ? ` (skipped: ${unavailable})` : ''}`, function () {
  this.timeout(240_000);
  let h: ClientHarness | undefined;

  before(async () => {
    h = await startClientHarness({ seed, prefix: 'yarnlock' });
    const files: Record<string, string> = { 'yarn.lock': '', '.yarnrc.yml': 'nodeLinker: node-modules\nenableTelemetry: false\n' };
    for (const [path, json] of Object.entries(MANIFESTS)) files[path] = JSON.stringify(json, null, 2);
    await writeFiles(h.work, files);
    await h.configurator.configureYarnBerry({ domain: 'acme', domainOwner: OWNER, repository: 'shared' }, { workspaceFolder: h.work });
  });
  after(async () => {
    await h?.dispose();
  });

  it('for every dependency of every manifest, the yarn.lock version is the one yarn installed', async () => {
    assert.ok(h);
    const env = clientEnv(h.home, {
      YARN_ENABLE_GLOBAL_CACHE: 'false',
      YARN_CACHE_FOLDER: join(h.home, 'yarn-cache'),
      YARN_GLOBAL_FOLDER: join(h.home, 'yarn-global'),
      YARN_ENABLE_TELEMETRY: '0',
      YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
      YARN_ENABLE_PROGRESS_BARS: 'false',
      YARN_NPM_MINIMAL_AGE_GATE: '0',
      YARN_UNSAFE_HTTP_WHITELIST: '127.0.0.1',
    });
    const r = await run(process.execPath, [YARN_BERRY_JS, 'install'], { cwd: h.work, env, timeoutMs: 180_000 });
    assert.equal(r.code, 0, explain(r, h.issued));
    const lockText = await readFile(join(h.work, 'yarn.lock'), 'utf8');
    // The shapes this test is about, as yarn wrote them.
    assert.match(lockText, /^__metadata:/m);
    assert.match(lockText, /"left-pad@npm:\^1\.1\.0, left-pad@npm:\^1\.3\.0":/);
    // An alias shares its entry with any other descriptor that resolved to the same package version.
    assert.match(lockText, /^".*old-pad@npm:left-pad@~1\.1\.0.*":$/m);
    assert.match(lockText, /"is-odd@npm:latest":/);
    assert.match(lockText, /"lib@workspace:\^, lib@workspace:packages\/lib":/);

    const installed = new InstalledVersions();
    const seen: string[] = [];
    for (const path of Object.keys(MANIFESTS)) {
      const manifest = join(h.work, path);
      const deps = readManifest('packageJson', await readFile(manifest, 'utf8')).dependencies;
      assert.ok(deps.length > 0);
      for (const dep of deps) {
        const key = dep.nameSpan.text;
        const ours = await installed.installedFor(manifest, h.work, dep);
        if (dep.range.startsWith('workspace:')) {
          // A workspace is linked, not installed from a registry: no version is claimed.
          assert.equal(ours, undefined, `${path} ${key}`);
          continue;
        }
        const yarns = await nodeResolves(h.work, dirname(manifest), key);
        assert.ok(yarns, `yarn installed ${key} for ${path}`);
        assert.deepEqual(ours, { version: yarns, lockfile: 'yarn.lock' }, `${path} ${key}@${dep.range}`);
        seen.push(`${path} ${key}@${yarns}`);
      }
    }
    // The test can fail: the workspace's own left-pad and @acme/ui-kit differ from the root's.
    assert.ok(seen.includes('packages/web/package.json left-pad@1.2.0'), seen.join('\n'));
    assert.ok(seen.includes('package.json left-pad@1.3.0'), seen.join('\n'));
    assert.ok(seen.includes('package.json old-pad@1.1.0'), seen.join('\n'));
    assert.ok(seen.includes('packages/lib/package.json @acme/ui-kit@2.0.0'), seen.join('\n'));
    assert.ok(seen.includes('package.json is-odd@3.0.0'), seen.join('\n'));
    assert.ok(seen.includes('packages/lib/package.json left-pad@1.1.0'), seen.join('\n'));
    assert.ok(seen.includes('packages/lib/package.json is-odd@2.0.0'), seen.join('\n'));
    // test/fixtures/lockfiles/yarn-berry.lock (the unit tests' fixture) is this file: YARN_LOCK_OUT=path saves it.
    const out = process.env['YARN_LOCK_OUT'];
    if (out) await writeFile(out, lockText);
  });
});
