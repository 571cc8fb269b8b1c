// Real Bundler and RubyGems (Debian's ruby, ruby-bundler) against the emulator's RubyGems data plane, after the
// Configurator wrote the files: `bundle install` resolves through the compact index (a gem from the repository, one
// only the rubygems.org external connection has, a yanked version left alone), `gem push --host` publishes with the
// key from ~/.gem/credentials, the workspace holds no token, and Remove Configuration gives back every file byte
// for byte. (`gem install` runs in gemInstall.test.ts.)
import assert from 'node:assert/strict';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SdkCodeArtifactApi } from '../../src/aws/codeArtifactApi';
import { TokenService } from '../../src/auth/tokens';
import { Configurator } from '../../src/configure/configurator';
import { startEmulator, type Emulator } from '../emulator/server';
import type { Seed } from '../emulator/seed';
import { FakeMemento, FakeSecretStorage } from '../unit/fakes';
import { clientEnv, describe as explain, makeTempDir, removeDir, requireTool, run } from './helpers';

const OWNER = '111122223333';
const KEY = 'AKIARUBYCLIENT000001';

const seed: Seed = {
  accounts: { [KEY]: OWNER },
  domains: [{ name: 'acme', owner: OWNER, region: 'us-west-2', repositories: [{ name: 'gems-store', externalConnection: 'public:ruby-gems-org' }, { name: 'shared', upstreams: ['gems-store'] }] }],
  packages: [
    {
      domain: 'acme',
      repository: 'shared',
      format: 'ruby',
      name: 'acme-util',
      versions: [
        { version: '1.0.0', publishedTime: '2025-01-01T00:00:00Z' },
        { version: '1.2.0', publishedTime: '2025-02-01T00:00:00Z', dependencies: { 'tiny-dep': '~> 0.3.0' } },
        // Yanked (Unlisted): the highest match for "~> 1.0", and Bundler must not pick it.
        { version: '1.3.0', status: 'Unlisted', publishedTime: '2025-03-01T00:00:00Z' },
      ],
    },
  ],
  externalConnections: {
    'public:ruby-gems-org': [{ format: 'ruby', name: 'tiny-dep', versions: [{ version: '0.3.1', publishedTime: '2024-01-01T00:00:00Z' }, { version: '0.4.0', publishedTime: '2024-02-01T00:00:00Z' }] }],
  },
};

const GEMFILE = '# frozen_string_literal: true\n\nsource "https://rubygems.org"\n\ngem "acme-util", "~> 1.0"\n\nif ENV["EXTRA"]\n  gem "extra"\nend\n';
const BUNDLE_CONFIG = '---\nBUNDLE_JOBS: "2"\n';

describe('real Bundler and gem against the emulator', function () {
  this.timeout(300_000);
  let emulator: Emulator;
  let api: SdkCodeArtifactApi;
  let home: string;
  let work: string;
  let tokens: TokenService;
  let configurator: Configurator;
  const secrets: string[] = [];
  const env = (extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv => clientEnv(home, { GEM_HOME: join(home, 'gems'), GEM_PATH: join(home, 'gems'), BUNDLE_SILENCE_ROOT_WARNING: '1', ...extra });

  before(async () => {
    requireTool('bundle', 'ruby-bundler');
    requireTool('gem', 'ruby');
    emulator = await startEmulator({ seed, port: 0 });
    api = new SdkCodeArtifactApi({ region: 'us-west-2', endpoint: emulator.endpoint, credentials: { accessKeyId: KEY, secretAccessKey: 'x' } });
    home = await makeTempDir('ruby-home');
    work = await makeTempDir('ruby-work');
    const log = { info: () => undefined, warn: () => undefined };
    tokens = new TokenService({ api: () => api, secrets: new FakeSecretStorage(), log, durationSeconds: () => 900 });
    tokens.onDidRefresh((t) => void secrets.push(t.token));
    configurator = new Configurator({ connection: () => ({ region: 'us-west-2', endpoint: emulator.endpoint }), api: () => api, tokens, records: new FakeMemento(), user: () => ({ env: {}, home, platform: 'linux' }), workspaceRoots: () => [work], log });
    await mkdir(join(home, '.bundle'), { recursive: true });
    await writeFile(join(home, '.bundle', 'config'), BUNDLE_CONFIG);
    await writeFile(join(work, 'Gemfile'), GEMFILE);
  });
  after(async () => {
    tokens?.dispose();
    api?.dispose();
    await emulator?.stop();
    await removeDir(home);
    await removeDir(work);
  });

  it('configureRubyGems → bundle install gets acme-util 1.2.0 (not the yanked 1.3.0) and tiny-dep 0.3.1 from the external connection', async () => {
    const result = await configurator.configureRubyGems({ domain: 'acme', domainOwner: OWNER, repository: 'shared' }, { workspaceFolder: work });
    assert.equal(result.changes.length, 4);
    const r = await run('bundle', ['install'], { cwd: work, env: env(), timeoutMs: 180_000 });
    assert.equal(r.code, 0, explain(r, secrets));
    const lock = await readFile(join(work, 'Gemfile.lock'), 'utf8');
    assert.match(lock, /remote: http:\/\/127\.0\.0\.1:\d+\/acme-111122223333\/ruby\/shared\//);
    assert.match(lock, /acme-util \(1\.2\.0\)/);
    assert.match(lock, /tiny-dep \(0\.3\.1\)/);
    const shared = emulator.store.getDomain('acme', OWNER)?.repositories.get('shared');
    assert.equal(shared ? emulator.store.getPackage(shared, 'ruby', undefined, 'tiny-dep')?.versions.get('0.3.1')?.origin.originType : undefined, 'EXTERNAL');
  });

  it('the token is only in the user files (0600); the Gemfile keeps its Ruby code and only its source line changed', async () => {
    const token = (await tokens.get({ name: 'acme', owner: OWNER })).token;
    const gemfile = await readFile(join(work, 'Gemfile'), 'utf8');
    assert.ok(!gemfile.includes(token));
    assert.ok(gemfile.includes('if ENV["EXTRA"]\n  gem "extra"\nend\n'));
    for (const file of [join(home, '.bundle', 'config'), join(home, '.gem', 'credentials')]) {
      assert.ok((await readFile(file, 'utf8')).includes(token), file);
      assert.equal((await stat(file)).mode & 0o777, 0o600, file);
    }
    // Bundler reads our key next to the user's own setting.
    const r = await run('bundle', ['config', 'get', 'jobs'], { cwd: work, env: env() });
    assert.match(r.stdout, /: 2$/m, explain(r, secrets));
    // Our marker comments are not read as settings (Bundler warns about keys with dashes).
    assert.doesNotMatch(r.stderr, /codeartifact/i, explain(r, secrets));
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
    assert.equal(built.code, 0, explain(built, secrets));
    const host = `${emulator.endpoint}/acme-${OWNER}/ruby/shared`;
    const pushed = await run('gem', ['push', 'acme-new-0.1.0.gem', '--host', host], { cwd: dir, env: env() });
    assert.equal(pushed.code, 0, explain(pushed, secrets));
    assert.match(pushed.stdout, /Successfully registered gem: acme-new \(0\.1\.0\)/);
    const shared = emulator.store.getDomain('acme', OWNER)?.repositories.get('shared');
    const v = shared ? emulator.store.getPackage(shared, 'ruby', undefined, 'acme-new')?.versions.get('0.1.0') : undefined;
    assert.deepEqual(v?.dependencies, { 'acme-util': '~> 1.0' });
    const again = await run('gem', ['push', 'acme-new-0.1.0.gem', '--host', host], { cwd: dir, env: env() });
    assert.match(again.stdout + again.stderr, /Repushing of gem versions is not allowed/, explain(again, secrets));
  });

  it('without the user files Bundler is refused (401); Remove Configuration gives back every file byte for byte', async () => {
    const empty = join(home, 'empty-bundle-config');
    await writeFile(empty, '---\n');
    const denied = await run('bundle', ['install'], { cwd: work, env: env({ BUNDLE_USER_CONFIG: empty, GEM_HOME: join(home, 'fresh'), GEM_PATH: join(home, 'fresh') }), timeoutMs: 120_000 });
    assert.notEqual(denied.code, 0, explain(denied, secrets));
    assert.match(denied.stdout + denied.stderr, /401|credentials|Authentication is required/i, explain(denied, secrets));
    const removed = await configurator.remove();
    assert.equal(removed.errors.length, 0, JSON.stringify(removed.errors));
    assert.equal(await readFile(join(work, 'Gemfile'), 'utf8'), GEMFILE);
    assert.equal(await readFile(join(home, '.bundle', 'config'), 'utf8'), BUNDLE_CONFIG);
    await assert.rejects(stat(join(home, '.gem', 'credentials')), 'the credentials file we created is gone');
  });
});
