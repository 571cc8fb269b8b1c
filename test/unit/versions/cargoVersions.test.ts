// Cargo.toml version intelligence below the UI: which repository each dependency comes from (.cargo/config.toml
// chain, registry = "…", crates.io replacement), the versions VersionSource reads from the emulator's sparse
// index (yanked ones listed but not installable, crates only the external connection has), and what the hover
// and lens would say with cargo's requirement rules.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, lensTitle, rangeFor } from '../../../src/versions/dependencyInsight';
import { manifestKindOf, readManifest } from '../../../src/versions/manifestDependencies';
import { resolverFor, type RepositoryTarget, type ResolverIo } from '../../../src/versions/repositoryResolver';
import { readCargoIndex } from '../../../src/versions/cargoIndex';
import type { Seed } from '../../emulator/seed';
import { useEmulatorSources } from './emulatorSources';

const OWNER = '111122223333';
const KEY = 'AKIACARGOVERSIONS001';
const EMU = 'http://127.0.0.1:4567/acme-111122223333';

const MANIFEST = `[package]
name = "app"
version = "0.1.0"

[dependencies]
acme-util = { version = "1.0", registry = "acme-shared" }
serde = "1"
theirs = { version = "1", registry = "elsewhere" }
`;

describe('Cargo.toml: which repository', () => {
  let root: string;
  let home: string;
  let project: string;
  let io: ResolverIo;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ca-cargo-'));
    home = join(root, 'home');
    project = join(root, 'ws', 'crate');
    mkdirSync(join(home, '.cargo'), { recursive: true });
    mkdirSync(project, { recursive: true });
    io = { readFile: (file) => readFile(file, 'utf8').catch(() => undefined), user: { home, env: {}, platform: 'linux' } };
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const resolve = async (text = MANIFEST, trusted = true): Promise<Record<string, string>> => {
    const file = join(project, 'Cargo.toml');
    const kind = manifestKindOf(file);
    assert.equal(kind, 'cargoToml');
    const contents = readManifest('cargoToml', text);
    const r = await resolverFor(file, contents, io, { trusted });
    const out: Record<string, string> = {};
    const show = (t: RepositoryTarget | undefined): string => (t ? `${t.domain}/${t.repository} ${t.fromWorkspace ? `folder:${t.file?.slice(root.length + 1)}` : 'user'} (${t.source})` : 'left alone');
    for (const dep of contents.dependencies) out[dep.name] = show(r(dep));
    return out;
  };

  it('a registry named in a parent folder\'s .cargo/config.toml; crates.io and other registries are left alone', async () => {
    mkdirSync(join(root, 'ws', '.cargo'));
    writeFileSync(join(root, 'ws', '.cargo', 'config.toml'), `[registries.acme-shared]\nindex = "sparse+${EMU}/cargo/shared/"\n[registries.elsewhere]\nindex = "sparse+https://example.com/index/"\n`);
    assert.deepEqual(await resolve(), {
      'acme-util': 'acme/shared folder:ws/.cargo/config.toml (registry acme-shared in .cargo/config.toml)',
      serde: 'left alone',
      theirs: 'left alone',
    });
  });

  it('crates.io replaced by a CodeArtifact registry counts too; the user\'s CARGO_HOME file is the user\'s own; the nearest file wins', async () => {
    writeFileSync(join(home, '.cargo', 'config.toml'), `[registries.acme-shared]\nindex = "sparse+${EMU}/cargo/shared/"\n[source.crates-io]\nreplace-with = "acme-shared"\n`);
    const got = await resolve();
    assert.equal(got['acme-util'], 'acme/shared user (registry acme-shared in .cargo/config.toml)');
    assert.equal(got.serde, 'acme/shared user (crates.io replaced by acme-shared in .cargo/config.toml)');
    mkdirSync(join(project, '.cargo'));
    writeFileSync(join(project, '.cargo', 'config.toml'), `[registries.acme-shared]\nindex = "sparse+${EMU}/cargo/other/"\n`);
    assert.equal((await resolve())['acme-util'], 'acme/other folder:ws/crate/.cargo/config.toml (registry acme-shared in .cargo/config.toml)');
  });

  it('crates.io (not replaced) uses the codeartifact.defaultRepository setting, as npm\'s default registry does', async () => {
    const file = join(project, 'Cargo.toml');
    const contents = readManifest('cargoToml', MANIFEST);
    const r = await resolverFor(file, contents, io, { defaultRepository: { domain: 'acme', owner: OWNER, repository: 'fallback' } });
    const byName = new Map(contents.dependencies.map((d) => [d.name, r(d)?.repository]));
    assert.equal(byName.get('serde'), 'fallback');
    assert.equal(byName.get('theirs'), undefined, 'a registry named but not configured as CodeArtifact is left alone');
  });

  it('a broken config file, a git index and Restricted Mode name no repository', async () => {
    mkdirSync(join(project, '.cargo'));
    writeFileSync(join(project, '.cargo', 'config.toml'), `[registries.acme-shared]\nindex = "${EMU}/cargo/shared/"\n`);
    assert.equal((await resolve())['acme-util'], 'left alone');
    writeFileSync(join(project, '.cargo', 'config.toml'), `[registries.acme-shared\nindex = "sparse+${EMU}/cargo/shared/"\n`);
    assert.equal((await resolve())['acme-util'], 'left alone');
    writeFileSync(join(project, '.cargo', 'config.toml'), `[registries.acme-shared]\nindex = "sparse+${EMU}/cargo/shared/"\n`);
    assert.equal((await resolve(MANIFEST, false))['acme-util'], 'left alone');
  });

  it('a broken Cargo.toml has no dependencies (no hover, no crash)', () => {
    assert.deepEqual(readManifest('cargoToml', '[dependencies\nserde = "1"').dependencies, []);
  });
});

describe('Cargo versions from the emulator', function () {
  const target: RepositoryTarget = { domain: 'acme', owner: OWNER, repository: 'shared', format: 'cargo', source: 'test' };
  const seed: Seed = {
    accounts: { [KEY]: OWNER },
    domains: [{ name: 'acme', owner: OWNER, region: 'us-west-2', repositories: [{ name: 'store', externalConnection: 'public:crates-io' }, { name: 'shared', upstreams: ['store'] }] }],
    packages: [
      {
        domain: 'acme',
        repository: 'shared',
        format: 'cargo',
        name: 'acme-util',
        versions: [
          { version: '0.9.0', publishedTime: '2024-06-01T00:00:00Z' },
          { version: '1.0.0', publishedTime: '2025-01-01T00:00:00Z' },
          { version: '1.2.0', publishedTime: '2025-02-01T00:00:00Z' },
          { version: '1.3.0', status: 'Unlisted', publishedTime: '2025-03-01T00:00:00Z' },
          { version: '2.0.0-rc.1', publishedTime: '2025-03-02T00:00:00Z' },
          { version: '0.1.0', status: 'Archived', publishedTime: '2023-01-01T00:00:00Z' },
        ],
      },
    ],
    externalConnections: { 'public:crates-io': [{ format: 'cargo', name: 'serde', versions: [{ version: '0.9.15', publishedTime: '2017-01-01T00:00:00Z' }, { version: '1.0.210', publishedTime: '2024-09-01T00:00:00Z' }] }] },
  };
  const { source } = useEmulatorSources(seed, KEY);

  it('lists the index (yanked: listed, not installable) with the control plane\'s statuses; latest skips pre-releases', async () => {
    const pkg = await source().get({ ecosystem: 'cargo', target, name: 'acme-util' });
    assert.deepEqual(pkg.versions.map((v) => `${v.version}:${v.status}:${v.installable}`), [
      '2.0.0-rc.1:Published:true',
      '1.3.0:Unlisted:false',
      '1.2.0:Published:true',
      '1.0.0:Published:true',
      '0.9.0:Published:true',
      '0.1.0:Archived:false',
    ]);
    assert.equal(pkg.latest, '1.2.0');
    const dep = readManifest('cargoToml', MANIFEST).dependencies.find((d) => d.name === 'acme-util');
    assert.ok(dep);
    const insight = analyze(dep, pkg);
    assert.equal(insight.resolved, '1.2.0', 'cargo resolves "1.0" (^1.0) to 1.2.0, not the yanked 1.3.0');
    assert.equal(lensTitle(dep, pkg), 'up to date');
  });

  it('finds a crate only the crates.io external connection has; a 0.x requirement is compatible only within its minor', async () => {
    const pkg = await source().get({ ecosystem: 'cargo', target, name: 'serde' });
    assert.deepEqual(pkg.versions.map((v) => v.version), ['1.0.210', '0.9.15']);
    const dep = readManifest('cargoToml', '[dependencies]\nserde = "0.9"\n').dependencies[0];
    assert.ok(dep);
    const insight = analyze(dep, pkg);
    assert.equal(insight.resolved, '0.9.15');
    assert.equal(insight.latest, '1.0.210');
    assert.equal(insight.latestCompatible, undefined, '1.0 is not ^0.9');
    assert.equal(insight.update, 'major');
    assert.equal(rangeFor(dep, '0.9', '1.0.210'), '1.0', 'the precision written stays (cargo-edit\'s rule)');
    assert.equal(rangeFor(dep, '~0.9', '1.0.210'), '~1.0');
  });

  it('reads an index file line by line and skips lines that are not JSON', () => {
    const listed = readCargoIndex('{"name":"a","vers":"1.0.0","yanked":false}\nnot json\n{"name":"a","vers":"1.1.0","yanked":true}\n');
    assert.deepEqual([...listed.versions.entries()], [['1.0.0', {}], ['1.1.0', { yanked: '', installable: false }]]);
    assert.throws(() => readCargoIndex('<html>proxy error</html>'));
  });
});
