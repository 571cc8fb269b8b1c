// Package.swift registry dependencies: the requirement forms of SwiftPM's PackageDescription (Package.Dependency
// .package(id:from:), exact:, range operators, .upToNextMajor/.upToNextMinor) with their documented meaning, comments
// and code left alone; then a lookup through registries.json against the emulator's Swift registry.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SdkCodeArtifactApi } from '../../../src/aws/codeArtifactApi';
import { parsePackageSwift } from '../../../src/core/manifests/packageSwift';
import { satisfies } from '../../../src/core/versioning/versions';
import { analyze } from '../../../src/versions/dependencyInsight';
import { manifestKindOf, readManifest } from '../../../src/versions/manifestDependencies';
import { resolverFor, type ResolverIo } from '../../../src/versions/repositoryResolver';
import { VersionSource } from '../../../src/versions/versionSource';
import type { Seed } from '../../emulator/seed';
import { startEmulator, type Emulator } from '../../emulator/server';
import { tokenGetterFor } from '../fakes';

const OWNER = '111122223333';
const KEY = 'AKIASWIFTVERSIONS001';
const REGION = 'us-west-2';

const MANIFEST = `// swift-tools-version:5.9
import PackageDescription

let package = Package(
    name: "App",
    dependencies: [
        .package(id: "mona.LinkedList", from: "1.1.0"),
        .package(id: "mona.Exact", exact: "2.0.0"),
        .package(id: "mona.Range", "1.0.0"..<"1.5.0"),
        .package(id: "mona.Closed", "1.0.0"..."1.5.0"),
        .package(id: "mona.Minor", .upToNextMinor(from: "0.4.2")),
        .package(id: "mona.Major", .upToNextMajor(from: "0.4.2")),
        // .package(id: "mona.Commented", from: "9.0.0"),
        /* .package(id: "mona.Block", from: "9.0.0"), */
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.0.0"),
        .package(id: "mona.NotSemver", from: "1.0"),
        .package(id: "bad scope.x", from: "1.0.0"),
    ]
)
`;

describe('Package.swift registry dependencies', () => {
  it('reads each requirement form with SwiftPM\'s meaning and leaves comments, URLs and invalid ids alone', () => {
    const deps = parsePackageSwift(MANIFEST);
    assert.deepEqual(deps.map((d) => [`${d.scope}.${d.name}`, d.kind, d.range]), [
      ['mona.LinkedList', 'from', '>=1.1.0 <2.0.0'],
      ['mona.Exact', 'exact', '2.0.0'],
      ['mona.Range', 'halfOpen', '>=1.0.0 <1.5.0'],
      ['mona.Closed', 'closed', '>=1.0.0 <=1.5.0'],
      ['mona.Minor', 'upToNextMinor', '>=0.4.2 <0.5.0'],
      // upToNextMajor from 0.4.2 is 0.4.2..<1.0.0 in SwiftPM (not npm's caret, which would stop at 0.5.0).
      ['mona.Major', 'upToNextMajor', '>=0.4.2 <1.0.0'],
      ['mona.NotSemver', 'from', undefined],
    ]);
    const linked = deps[0];
    assert.equal(MANIFEST.slice(linked?.version?.start, linked?.version?.end), '1.1.0');
    assert.equal(linked?.id.text, 'mona.LinkedList');
    assert.equal(satisfies('swift', '1.9.9', deps[0]?.range ?? ''), true);
    assert.equal(satisfies('swift', '2.0.0', deps[0]?.range ?? ''), false);
    assert.equal(satisfies('swift', '1.5.0', deps[2]?.range ?? ''), false, '..< excludes the upper bound');
    assert.equal(satisfies('swift', '1.5.0', deps[3]?.range ?? ''), true, '... includes it');
    assert.equal(manifestKindOf('pkg/Package.swift'), 'packageSwift');
    for (const broken of ['', '.package(id: "a.b", from: "1.0.0"', '"unterminated', '/* never closed .package(id: "a.b", from: "1.0.0"),', '.package('.repeat(10_000)]) {
      assert.doesNotThrow(() => readManifest('packageSwift', broken));
    }
    assert.deepEqual(readManifest('packageSwift', '/* .package(id: "a.b", from: "1.0.0"), */').dependencies, []);
  });

  describe('against the emulator', () => {
    let emu: Emulator;
    let api: SdkCodeArtifactApi;
    let root: string;
    const seed: Seed = {
      accounts: { [KEY]: OWNER },
      domains: [{ name: 'acme', owner: OWNER, region: REGION, repositories: [{ name: 'swift-repo' }] }],
      packages: [
        {
          domain: 'acme',
          repository: 'swift-repo',
          format: 'swift',
          namespace: 'mona',
          name: 'LinkedList',
          versions: [{ version: '1.0.0' }, { version: '1.1.0' }, { version: '1.2.0', status: 'Archived' }, { version: '1.3.0' }, { version: '2.0.0' }],
        },
      ],
    };
    before(async () => {
      emu = await startEmulator({ seed, port: 0 });
      api = new SdkCodeArtifactApi({ region: REGION, endpoint: emu.endpoint, credentials: { accessKeyId: KEY, secretAccessKey: 'x' } });
      root = mkdtempSync(join(tmpdir(), 'ca-swift-versions-'));
    });
    after(async () => {
      api.dispose();
      await emu.stop();
      rmSync(root, { recursive: true, force: true });
    });

    it('finds the scope\'s registry in registries.json and resolves what SwiftPM would pick (the newest in range)', async () => {
      const pkgDir = join(root, 'App');
      mkdirSync(join(pkgDir, '.swiftpm', 'configuration'), { recursive: true });
      writeFileSync(join(pkgDir, '.swiftpm', 'configuration', 'registries.json'), JSON.stringify({ registries: { mona: { url: `${emu.endpoint}/acme-${OWNER}/swift/swift-repo/` } }, version: 1 }));
      const io: ResolverIo = { readFile: (f) => readFile(f, 'utf8').catch(() => undefined), user: { home: join(root, 'home'), env: {}, platform: 'linux' } };
      const contents = readManifest('packageSwift', MANIFEST);
      const resolve = await resolverFor(join(pkgDir, 'Package.swift'), contents, io, undefined);
      const dep = contents.dependencies[0];
      assert.ok(dep);
      const target = resolve(dep);
      assert.deepEqual({ ...target, file: undefined }, { domain: 'acme', owner: OWNER, repository: 'swift-repo', format: 'swift', source: 'registries.json', fromWorkspace: true, file: undefined });
      assert.ok(target);
      const getter = tokenGetterFor(() => api);
      try {
        const source = new VersionSource({ api: () => api, getToken: getter, connection: () => ({ region: REGION, endpoint: emu.endpoint }) });
        const pkg = await source.get({ ecosystem: 'swift', target, namespace: dep.namespace, name: dep.name });
        assert.deepEqual(pkg.versions.map((v) => `${v.version}:${v.status}:${v.installable}`), ['2.0.0:Published:true', '1.3.0:Published:true', '1.2.0:Archived:false', '1.1.0:Published:true', '1.0.0:Published:true']);
        const insight = analyze(dep, pkg);
        assert.equal(insight.resolved, '1.3.0');
        assert.equal(insight.update, 'major');
      } finally {
        getter.dispose();
      }
    });
  });
});
