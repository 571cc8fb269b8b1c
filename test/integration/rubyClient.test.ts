// Real Bundler and RubyGems (Debian's ruby, ruby-bundler) against the emulator's RubyGems data plane, after the
// Configurator wrote the files: `bundle install` resolves through the compact index (a gem from the repository, one
// only the rubygems.org external connection has, a yanked version left alone), `gem push --host` publishes with the
// key from ~/.gem/credentials, the workspace holds no token, and Remove Configuration gives back every file byte
// for byte. (`gem install` runs in gemInstall.test.ts.)
import assert from 'node:assert/strict';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OWNER, startClientHarness, yankedVersionSeed, type ClientHarness } from './clientHarness';
import { clientEnv, describe as explain, requireTool, run } from './helpers';

// Yanked (Unlisted) acme-util 1.3.0 is the highest match for "~> 1.0", and Bundler must not pick it.
const seed = yankedVersionSeed('ruby', { key: 'AKIARUBYCLIENT000001', store: 'gems-store', connection: 'public:ruby-gems-org', tinyDepRequirement: '~> 0.3.0' });

const GEMFILE = '# frozen_string_literal: true\n\nsource "https://rubygems.org"\n\ngem "acme-util", "~> 1.0"\n\nif ENV["EXTRA"]\n  gem "extra"\nend\n';
const BUNDLE_CONFIG = '---\nBUNDLE_JOBS: "2"\n';

describe('real Bundler and gem against the emulator', function () {
  this.timeout(300_000);
  let h: ClientHarness;
  let home: string;
  let work: string;
  const env = (extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv => clientEnv(home, { GEM_HOME: join(home, 'gems'), GEM_PATH: join(home, 'gems'), BUNDLE_SILENCE_ROOT_WARNING: '1', ...extra });

  before(async () => {
    requireTool('bundle', 'ruby-bundler');
    requireTool('gem', 'ruby');
    h = await startClientHarness({ seed, prefix: 'ruby' });
    ({ home, work } = h);
    await mkdir(join(home, '.bundle'), { recursive: true });
    await writeFile(join(home, '.bundle', 'config'), BUNDLE_CONFIG);
    await writeFile(join(work, 'Gemfile'), GEMFILE);
  });
  after(async () => {
    await h?.dispose();
  });

  it('configureRubyGems → bundle install gets acme-util 1.2.0 (not the yanked 1.3.0) and tiny-dep 0.3.1 from the external connection', async () => {
    const result = await h.configurator.configureRubyGems({ domain: 'acme', domainOwner: OWNER, repository: 'shared' }, { workspaceFolder: work });
    assert.equal(result.changes.length, 4);
    const r = await run('bundle', ['install'], { cwd: work, env: env(), timeoutMs: 180_000 });
    assert.equal(r.code, 0, explain(r, h.issued));
    const lock = await readFile(join(work, 'Gemfile.lock'), 'utf8');
    assert.match(lock, /remote: http:\/\/127\.0\.0\.1:\d+\/acme-111122223333\/ruby\/shared\//);
    assert.match(lock, /acme-util \(1\.2\.0\)/);
    assert.match(lock, /tiny-dep \(0\.3\.1\)/);
    assert.equal(h.storedVersion('ruby', undefined, 'tiny-dep', '0.3.1')?.origin.originType, 'EXTERNAL');
  });

  it('the token is only in the user files (0600); the Gemfile keeps its Ruby code and only its source line changed', async () => {
    const token = (await h.tokens.get({ name: 'acme', owner: OWNER })).token;
    const gemfile = await readFile(join(work, 'Gemfile'), 'utf8');
    assert.ok(!gemfile.includes(token));
    assert.ok(gemfile.includes('if ENV["EXTRA"]\n  gem "extra"\nend\n'));
    for (const file of [join(home, '.bundle', 'config'), join(home, '.gem', 'credentials')]) {
      assert.ok((await readFile(file, 'utf8')).includes(token), file);
      assert.equal((await stat(file)).mode & 0o777, 0o600, file);
    }
    // Bundler reads our key next to the user's own setting.
    const r = await run('bundle', ['config', 'get', 'jobs'], { cwd: work, env: env() });
    assert.match(r.stdout, /: 2$/m, explain(r, h.issued));
    // Our marker comments are not read as settings (Bundler warns about keys with dashes).
    assert.doesNotMatch(r.stderr, /codeartifact/i, explain(r, h.issued));
  });

  it('gem push --host publishes a new gem with the key from ~/.gem/credentials; pushing it again is refused', async () => {
    const dir = join(work, 'newgem');
    await mkdir(join(dir, 'lib'), { recursive: true });
    await writeFile(join(dir, 'lib', 'acme-new.rb'), 'module AcmeNew; end\n');
    await writeFile(
      join(dir, 'acme-new.gemspec'),
      'Gem::Specification.new do |s|\n  s.name = "acme-new"\n  s.version = "0.1.0"\n  s.summary = "new"\n  s.authors = ["me"]\n  s.files = ["lib/acme-new.rb"]\n  s.license = "MIT"\n  s.add_dependency "acme-util", "~> 1.0"\nend\n',
    );
    const built = await run('gem', ['build', 'acme-new.gemspec'], { cwd: dir, env: env() });
    assert.equal(built.code, 0, explain(built, h.issued));
    const host = `${h.emulator.endpoint}/acme-${OWNER}/ruby/shared`;
    const pushed = await run('gem', ['push', 'acme-new-0.1.0.gem', '--host', host], { cwd: dir, env: env() });
    assert.equal(pushed.code, 0, explain(pushed, h.issued));
    assert.match(pushed.stdout, /Successfully registered gem: acme-new \(0\.1\.0\)/);
    const v = h.storedVersion('ruby', undefined, 'acme-new', '0.1.0');
    assert.deepEqual(v?.dependencies, { 'acme-util': '~> 1.0' });
    const again = await run('gem', ['push', 'acme-new-0.1.0.gem', '--host', host], { cwd: dir, env: env() });
    assert.match(again.stdout + again.stderr, /Repushing of gem versions is not allowed/, explain(again, h.issued));
  });

  it('without the user files Bundler is refused (401); Remove Configuration gives back every file byte for byte', async () => {
    const empty = join(home, 'empty-bundle-config');
    await writeFile(empty, '---\n');
    const denied = await run('bundle', ['install'], { cwd: work, env: env({ BUNDLE_USER_CONFIG: empty, GEM_HOME: join(home, 'fresh'), GEM_PATH: join(home, 'fresh') }), timeoutMs: 120_000 });
    assert.notEqual(denied.code, 0, explain(denied, h.issued));
    assert.match(denied.stdout + denied.stderr, /401|credentials|Authentication is required/i, explain(denied, h.issued));
    const removed = await h.configurator.remove();
    assert.equal(removed.errors.length, 0, JSON.stringify(removed.errors));
    assert.equal(await readFile(join(work, 'Gemfile'), 'utf8'), GEMFILE);
    assert.equal(await readFile(join(home, '.bundle', 'config'), 'utf8'), BUNDLE_CONFIG);
    await assert.rejects(stat(join(home, '.gem', 'credentials')), 'the credentials file we created is gone');
  });
});
