// Gemfile and *.gemspec version intelligence below the UI: the declarative lines read (Ruby code around them
// left alone), the repository from the Gemfile's source, the versions VersionSource reads from the emulator's
// compact index, and what the hover would say with RubyGems' requirement rules.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseGemfile } from '../../../src/core/manifests/gemfile';
import { analyze, rangeFor } from '../../../src/versions/dependencyInsight';
import { manifestKindOf, readManifest } from '../../../src/versions/manifestDependencies';
import { resolverFor, type RepositoryTarget, type ResolverIo } from '../../../src/versions/repositoryResolver';
import type { Seed } from '../../emulator/seed';
import { useEmulatorSources } from './emulatorSources';

const OWNER = '111122223333';
const KEY = 'AKIARUBYVERSIONS0001';
const EMU = 'http://127.0.0.1:4567/acme-111122223333/ruby/shared/';

const GEMFILE = `# frozen_string_literal: true
source "${EMU}"

gem "acme-util", "~> 1.0"
gem 'tiny-dep', '>= 0.3', '< 1'
gem "rails", "7.0.4", require: false

group :development, :test do
  gem "rspec", "~> 3.12"
end

gem "local", path: "../local"
gem "conditional", "1.0" if ENV["X"]
gem "#{prefix}-thing"
%w[a b].each { |n| gem n }
source "https://gems.example.com" do
  gem "private-one", "1.0"
end
`;

describe('Gemfile / gemspec parsing', () => {
  it('reads the declarative gem lines with exact spans and leaves Ruby code alone', () => {
    const parsed = parseGemfile(GEMFILE);
    assert.deepEqual(parsed.sources, [EMU]);
    assert.deepEqual(parsed.dependencies.map((d) => [d.name.text, d.requirements.map((r) => r.text)]), [
      ['acme-util', ['~> 1.0']],
      ['tiny-dep', ['>= 0.3', '< 1']],
      ['rails', ['7.0.4']],
      ['rspec', ['~> 3.12']],
    ]);
    for (const d of parsed.dependencies) {
      assert.equal(GEMFILE.slice(d.name.start, d.name.end), d.name.text);
      for (const r of d.requirements) assert.equal(GEMFILE.slice(r.start, r.end), r.text);
    }
    const deps = readManifest('gemfile', GEMFILE, 'Gemfile').dependencies;
    assert.equal(deps.find((d) => d.name === 'rails')?.pinned, '7.0.4');
    assert.equal(deps.find((d) => d.name === 'tiny-dep')?.rangeSpan?.text, ">= 0.3', '< 1", 'a list of requirements is one span, from inside its first quote to inside its last');
    assert.equal(deps.find((d) => d.name === 'tiny-dep')?.range, '>= 0.3, < 1');
  });

  it('reads a gemspec\'s add_dependency lines (runtime, development, lists)', () => {
    const spec = 'Gem::Specification.new do |spec|\n  spec.name = "x"\n  spec.add_dependency "rack", "~> 2.0", ">= 2.0.1"\n  spec.add_development_dependency("rake", ["~> 13.0"])\n  spec.add_runtime_dependency \'json\'\n  spec.add_dependency name_var, "1"\nend\n';
    assert.equal(manifestKindOf('/x/my.gemspec'), 'gemfile');
    assert.deepEqual(parseGemfile(spec, 'my.gemspec').dependencies.map((d) => [d.kind, d.name.text, d.requirements.map((r) => r.text)]), [
      ['runtime', 'rack', ['~> 2.0', '>= 2.0.1']],
      ['development', 'rake', ['~> 13.0']],
      ['runtime', 'json', []],
    ]);
  });

  for (const broken of ['gem "unterminated, "1.0"\n', 'gem\n"x"', 'end end do |\n', '\u0000gem "x"', 'gem "a", "~> 1" +']) {
    it(`broken Ruby gives nothing it cannot read and does not throw: ${JSON.stringify(broken)}`, () => {
      assert.doesNotThrow(() => readManifest('gemfile', broken, 'Gemfile'));
      assert.deepEqual(readManifest('gemfile', broken, 'Gemfile').dependencies.map((d) => d.name), []);
    });
  }
});

describe('Gemfile: which repository', () => {
  let root: string;
  let io: ResolverIo;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ca-gemfile-'));
    mkdirSync(join(root, 'home'));
    io = { readFile: (file) => readFile(file, 'utf8').catch(() => undefined), user: { home: join(root, 'home'), env: {}, platform: 'linux' } };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));
  const targetOf = async (file: string, text: string, setting?: { domain: string; repository: string }): Promise<RepositoryTarget | undefined> => {
    const contents = readManifest('gemfile', text, file);
    const r = await resolverFor(join(root, file), contents, io, setting ? { defaultRepository: setting } : {});
    const dep = contents.dependencies[0];
    return dep ? r(dep) : undefined;
  };

  it('the Gemfile\'s CodeArtifact source (the folder\'s choice); a gemspec asks the Gemfile beside it', async () => {
    const t = await targetOf('Gemfile', GEMFILE);
    assert.deepEqual([t?.domain, t?.repository, t?.fromWorkspace, t?.format], ['acme', 'shared', true, 'ruby']);
    writeFileSync(join(root, 'Gemfile'), `source "${EMU}"\ngemspec\n`);
    const s = await targetOf('x.gemspec', 'Gem::Specification.new do |s|\n  s.add_dependency "rack", "~> 2.0"\nend\n');
    assert.equal(s?.repository, 'shared');
  });

  it('rubygems.org falls back to the default repository setting; another private source is left alone', async () => {
    assert.equal((await targetOf('Gemfile', 'source "https://rubygems.org"\ngem "rack"\n', { domain: 'd', repository: 'r' }))?.repository, 'r');
    assert.equal(await targetOf('Gemfile', 'source "https://gems.example.com"\ngem "rack"\n', { domain: 'd', repository: 'r' }), undefined);
  });
});

describe('RubyGems versions from the emulator', function () {
  const target: RepositoryTarget = { domain: 'acme', owner: OWNER, repository: 'shared', format: 'ruby', source: 'test' };
  const seed: Seed = {
    accounts: { [KEY]: OWNER },
    domains: [{ name: 'acme', owner: OWNER, region: 'us-west-2', repositories: [{ name: 'store', externalConnection: 'public:ruby-gems-org' }, { name: 'shared', upstreams: ['store'] }] }],
    packages: [
      {
        domain: 'acme',
        repository: 'shared',
        format: 'ruby',
        name: 'acme-util',
        versions: [
          { version: '1.0.0', publishedTime: '2025-01-01T00:00:00Z' },
          { version: '1.2.0', publishedTime: '2025-02-01T00:00:00Z' },
          { version: '1.3.0', status: 'Unlisted', publishedTime: '2025-03-01T00:00:00Z' },
          { version: '2.0.0.pre1', publishedTime: '2025-03-02T00:00:00Z' },
          { version: '2.0.0', publishedTime: '2025-04-01T00:00:00Z' },
        ],
      },
    ],
    externalConnections: { 'public:ruby-gems-org': [{ format: 'ruby', name: 'tiny-dep', versions: [{ version: '0.3.1', publishedTime: '2024-01-01T00:00:00Z' }, { version: '0.4.0', publishedTime: '2024-02-01T00:00:00Z' }] }] },
  };
  const { source } = useEmulatorSources(seed, KEY);

  it('lists the compact index with the control plane\'s statuses; "~> 1.0" resolves to 1.2.0, latest is 2.0.0', async () => {
    const pkg = await source().get({ ecosystem: 'ruby', target, name: 'acme-util' });
    assert.deepEqual(pkg.versions.map((v) => `${v.version}:${v.status}:${v.installable}`), ['2.0.0:Published:true', '2.0.0.pre1:Published:true', '1.3.0:Unlisted:false', '1.2.0:Published:true', '1.0.0:Published:true']);
    assert.equal(pkg.latest, '2.0.0');
    const dep = readManifest('gemfile', GEMFILE, 'Gemfile').dependencies.find((d) => d.name === 'acme-util');
    assert.ok(dep);
    const insight = analyze(dep, pkg);
    assert.equal(insight.resolved, '1.2.0');
    assert.equal(insight.update, 'major');
    assert.equal(rangeFor(dep, '~> 1.0', '2.0.0'), '~> 2.0', '~> keeps its precision: "< 3", not "2.0.x"');
  });

  it('finds a gem only the rubygems.org external connection has', async () => {
    const pkg = await source().get({ ecosystem: 'ruby', target, name: 'tiny-dep' });
    assert.deepEqual(pkg.versions.map((v) => v.version), ['0.4.0', '0.3.1']);
  });
});
