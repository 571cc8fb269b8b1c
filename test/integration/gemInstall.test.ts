// Real `gem install` (Debian's ruby, RubyGems 3.3) against the emulator's RubyGems data plane. RubyGems 3.3
// probes the source root (HEAD); answered 200 it resolves through the compact index `info/NAME`, reads each
// chosen version's `quick/Marshal.4.8/NAME-VERSION.gemspec.rz` and downloads `gems/NAME-VERSION.gem`. It never
// needs `specs.4.8.gz`, which CodeArtifact does not serve (so `gem sources --add` is unsupported there, as AWS
// documents). Credentials go in the source URL's userinfo (`aws:TOKEN`), sent as Basic auth.
import assert from 'node:assert/strict';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Emulator } from '../emulator/server';
import { OWNER, startClientHarness, yankedVersionSeed, type ClientHarness } from './clientHarness';
import { clientEnv, describe as explain, findTool, makeTempDir, removeDir, run, tokenFor } from './helpers';

const gem = findTool('gem');
const withGem = gem ? it : it.skip;
const needsGem = gem ? '' : ' (skipped: `gem` is not installed; apt-get install -y ruby)';

/** acme-util 1.0.0, 1.2.0 (needs tiny-dep ~> 0.3.0, only on the external connection) and a yanked 1.3.0. */
const seed = yankedVersionSeed('ruby', { key: 'AKIAGEMINSTALL000001', store: 'gems-store', connection: 'public:ruby-gems-org', tinyDepRequirement: '~> 0.3.0' });

describe(`real gem install against the emulator${needsGem}`, function () {
  this.timeout(240_000);
  let h: ClientHarness;
  let emulator: Emulator;
  let home: string;
  let token: string;
  let base: string;
  const env = (gemHome: string): NodeJS.ProcessEnv => clientEnv(home, { GEM_HOME: gemHome, GEM_PATH: gemHome });
  const source = (userinfo: string): string => `${base.replace('://', `://${userinfo}`)}/`;

  before(async function () {
    if (!gem) this.skip();
    h = await startClientHarness({ seed, prefix: 'gem-install' });
    ({ emulator, home } = h);
    token = tokenFor(emulator, 'acme', OWNER);
    base = `${emulator.endpoint}/acme-${OWNER}/ruby/shared`;
  });
  after(() => h?.dispose());

  withGem('gem install NAME --source https://aws:TOKEN@… installs the newest listed version and its dependency from the external connection', async () => {
    const gemHome = join(home, 'gems');
    const r = await run('gem', ['install', 'acme-util', '--clear-sources', '--source', source(`aws:${token}@`), '--no-document'], { cwd: home, env: env(gemHome), timeoutMs: 180_000 });
    assert.equal(r.code, 0, explain(r, [token]));
    assert.match(r.stdout, /Successfully installed acme-util-1\.2\.0/, explain(r, [token]));
    assert.deepEqual((await readdir(join(gemHome, 'gems'))).sort(), ['acme-util-1.2.0', 'tiny-dep-0.3.1']);
    // The Marshal gemspecs were read (not the full indexes), and tiny-dep was fetched through the upstream.
    assert.ok((emulator.stats.operations['ruby:gemspec'] ?? 0) >= 2);
    assert.equal(emulator.stats.operations['ruby:download'], 2);
    const store = emulator.store.getDomain('acme', OWNER)?.repositories.get('gems-store');
    assert.equal(store ? emulator.store.getPackage(store, 'ruby', undefined, 'tiny-dep')?.versions.get('0.3.1')?.origin.originType : undefined, 'EXTERNAL');
  });

  withGem('gem install -v pins a version; the installed spec is the one the emulator has', async () => {
    const gemHome = join(home, 'pinned');
    const r = await run('gem', ['install', 'acme-util', '-v', '1.0.0', '--clear-sources', '--source', source(`aws:${token}@`), '--no-document'], { cwd: home, env: env(gemHome), timeoutMs: 180_000 });
    assert.equal(r.code, 0, explain(r, [token]));
    const list = await run('gem', ['list', '--local', 'acme-util'], { cwd: home, env: env(gemHome) });
    assert.match(list.stdout, /^acme-util \(1\.0\.0\)$/m, explain(list, [token]));
  });

  withGem('without credentials, or with a wrong token, gem install fails and installs nothing', async () => {
    for (const userinfo of ['', 'aws:not-a-token@']) {
      const gemHome = join(home, `denied-${userinfo.length}`);
      const r = await run('gem', ['install', 'acme-util', '--clear-sources', '--source', source(userinfo), '--no-document'], { cwd: home, env: env(gemHome), timeoutMs: 120_000 });
      assert.notEqual(r.code, 0, explain(r, [token]));
      assert.match(r.stdout + r.stderr, /401|Unauthorized|Could not find a valid gem/i, explain(r, [token]));
      await assert.rejects(readdir(join(gemHome, 'gems')));
    }
  });

  withGem('gem sources --add is refused, as AWS documents (it loads specs.4.8.gz, which CodeArtifact does not serve)', async () => {
    const r = await run('gem', ['sources', '--add', source(`aws:${token}@`)], { cwd: home, env: env(join(home, 'sources-add')), timeoutMs: 60_000 });
    assert.match(r.stdout + r.stderr, /404[^\n]*specs\.4\.8\.gz/, explain(r, [token]));
    assert.doesNotMatch(r.stdout, /added to sources/, explain(r, [token]));
  });

  withGem('Ruby reads the Marshal gemspec and the Dependencies API as the emulator means them', async () => {
    const auth = { Authorization: `Basic ${Buffer.from(`aws:${token}`).toString('base64')}` };
    const rz = await fetch(`${base}/quick/Marshal.4.8/acme-util-1.2.0.gemspec.rz`, { headers: auth });
    assert.equal(rz.status, 200);
    const deps = await fetch(`${base}/api/v1/dependencies?gems=acme-util,tiny-dep`, { headers: auth });
    assert.equal(deps.status, 200);
    const dir = await makeTempDir('gem-marshal');
    try {
      await writeFile(join(dir, 'spec.rz'), Buffer.from(await rz.arrayBuffer()));
      await writeFile(join(dir, 'deps.bin'), Buffer.from(await deps.arrayBuffer()));
      const script =
        'require "rubygems"; require "zlib"; ' +
        's = Marshal.load(Zlib::Inflate.inflate(File.binread(ARGV[0]))); ' +
        'puts [s.class, s.name, s.version, s.platform, s.dependencies.map { |d| "#{d.name} #{d.requirement} #{d.type}" }.join(";")].join("|"); ' +
        'Marshal.load(File.binread(ARGV[1])).each { |h| puts [h[:name], h[:number], h[:platform], h[:dependencies].inspect].join("|") }';
      const r = await run('ruby', ['-e', script, join(dir, 'spec.rz'), join(dir, 'deps.bin')], { cwd: dir, env: clientEnv(home) });
      assert.equal(r.code, 0, explain(r, [token]));
      assert.deepEqual(r.stdout.trim().split('\n'), [
        'Gem::Specification|acme-util|1.2.0|ruby|tiny-dep ~> 0.3.0 runtime',
        'acme-util|1.0.0|ruby|[]',
        'acme-util|1.2.0|ruby|[["tiny-dep", "~> 0.3.0"]]',
        'tiny-dep|0.3.1|ruby|[]',
        'tiny-dep|0.4.0|ruby|[]',
      ]);
    } finally {
      await removeDir(dir);
    }
  });
});
