// Version intelligence for NuGet, end to end below the UI: a .csproj read, its repository found through the
// nuget.config chain, the versions fetched from the emulator (service index → flat container, statuses from the
// control plane), and what restore would pick (the LOWEST applicable version).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, findingsFor } from '../../../src/versions/dependencyInsight';
import { readManifest } from '../../../src/versions/manifestDependencies';
import { nugetVersionsUrl } from '../../../src/versions/nugetAnswers';
import { resolverFor, type RepositoryTarget, type ResolverIo } from '../../../src/versions/repositoryResolver';
import { dataPlaneRequest } from '../../../src/versions/versionSource';
import type { Seed } from '../../emulator/seed';
import { useEmulatorSources } from './emulatorSources';

const OWNER = '111122223333';
const KEY = 'AKIANUGETVERSIONS001';
const REGION = 'us-west-2';

const seed: Seed = {
  accounts: { [KEY]: OWNER },
  domains: [{ name: 'acme', owner: OWNER, region: REGION, repositories: [{ name: 'nuget-store', externalConnection: 'public:nuget-org' }, { name: 'dotnet', upstreams: ['nuget-store'] }] }],
  packages: [
    {
      domain: 'acme',
      repository: 'dotnet',
      format: 'nuget',
      name: 'Acme.Core',
      versions: [
        { version: '1.0.0', publishedTime: '2025-01-01T00:00:00Z' },
        { version: '1.2.0', publishedTime: '2025-02-01T00:00:00Z' },
        { version: '1.5.0', status: 'Unlisted', publishedTime: '2025-02-15T00:00:00Z' },
        { version: '2.0.0-beta.1', publishedTime: '2025-03-01T00:00:00Z' },
        { version: '2.0.0', publishedTime: '2025-04-01T00:00:00Z' },
      ],
    },
  ],
  externalConnections: { 'public:nuget-org': [{ format: 'nuget', name: 'Newtonsoft.Json', versions: [{ version: '12.0.3' }, { version: '13.0.1' }, { version: '13.0.3' }] }] },
};

const CSPROJ = `<Project Sdk="Microsoft.NET.Sdk">
  <ItemGroup>
    <PackageReference Include="Acme.Core" Version="1.1" />
    <PackageReference Include="Newtonsoft.Json" Version="[13.0.1,14.0)" />
    <PackageReference Include="Acme.Missing" Version="1.0.0" />
  </ItemGroup>
</Project>
`;

describe('NuGet version intelligence against the emulator', () => {
  const emu = useEmulatorSources(seed, KEY);
  const { source } = emu;
  let root: string;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'ca-nuget-versions-'));
  });
  after(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('finds the repository in the project nuget.config (marked as the folder\'s) and in the user NuGet.Config (the user\'s own)', async () => {
    const home = join(root, 'home');
    const project = join(root, 'repo', 'src', 'App');
    mkdirSync(project, { recursive: true });
    mkdirSync(join(home, '.nuget', 'NuGet'), { recursive: true });
    const url = `${emu.emulator.endpoint}/acme-${OWNER}/nuget/dotnet/v3/index.json`;
    const io: ResolverIo = { readFile: (f) => readFile(f, 'utf8').catch(() => undefined), user: { home, env: {}, platform: 'linux' } };
    const contents = readManifest('nugetProject', CSPROJ);
    const dep = contents.dependencies[0];
    assert.ok(dep);
    // Nothing configured: nuget.org, so the defaultRepository setting applies.
    let target = (await resolverFor(join(project, 'App.csproj'), contents, io, { domain: 'fallback', repository: 'r' }))(dep);
    assert.equal(target?.repository, 'r');
    // The folder's nuget.config two levels up names CodeArtifact.
    writeFileSync(join(root, 'repo', 'nuget.config'), `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n    <clear />\n    <add key="acme" value="${url}" />\n  </packageSources>\n</configuration>\n`);
    target = (await resolverFor(join(project, 'App.csproj'), contents, io, undefined))(dep);
    assert.deepEqual({ ...target, file: undefined }, { domain: 'acme', owner: OWNER, repository: 'dotnet', format: 'nuget', source: 'nuget.config', fromWorkspace: true, file: undefined });
    // The user's own NuGet.Config names it too: then it is the user's choice, not only the folder's.
    writeFileSync(join(home, '.nuget', 'NuGet', 'NuGet.Config'), `<configuration><packageSources><add key="ca" value="${url}" /></packageSources></configuration>`);
    target = (await resolverFor(join(project, 'App.csproj'), contents, io, undefined))(dep);
    assert.equal(target?.fromWorkspace, undefined);
    // A broken nuget.config stops NuGet, so no repository is named.
    writeFileSync(join(root, 'repo', 'nuget.config'), '<configuration><packageSources>');
    target = (await resolverFor(join(project, 'App.csproj'), contents, io, undefined))(dep);
    assert.equal(target, undefined);
  });

  it('lists versions through the service index and flat container, statuses from the control plane, and picks the lowest applicable', async () => {
    const target: RepositoryTarget = { domain: 'acme', owner: OWNER, repository: 'dotnet', format: 'nuget', source: 'test' };
    const deps = readManifest('nugetProject', CSPROJ).dependencies;
    const [core, json, missing] = deps;
    assert.ok(core && json && missing);
    const s = source();
    const pkg = await s.get({ ecosystem: 'nuget', target, name: core.name });
    assert.deepEqual(pkg.versions.map((v) => `${v.version}:${v.status}:${v.installable}`), [
      '2.0.0:Published:true',
      '2.0.0-beta.1:Published:true',
      '1.5.0:Unlisted:false',
      '1.2.0:Published:true',
      '1.0.0:Published:true',
    ]);
    assert.equal(pkg.latest, '2.0.0');
    const insight = analyze(core, pkg);
    // `1.1` means >= 1.1: restore takes 1.2.0, the lowest that fits, not 2.0.0.
    assert.equal(insight.resolved, '1.2.0');
    assert.equal(insight.update, 'major');
    assert.ok(!insight.satisfying.has('2.0.0-beta.1'), 'no pre-release without a pre-release bound');
    // Through the external connection.
    const nj = await s.get({ ecosystem: 'nuget', target, name: json.name });
    assert.equal(analyze(json, nj).resolved, '13.0.1');
    // Unknown everywhere: a warning that says which tool fails.
    const none = await s.get({ ecosystem: 'nuget', target, name: missing.name });
    assert.equal(none.found, false);
    const [finding] = findingsFor(missing, none, 'acme/dotnet');
    assert.match(finding?.message ?? '', /dotnet restore would fail/);
  });

  it('sends the token only to the endpoint\'s own origin and asks for the service index with Basic auth', () => {
    const endpoint = 'https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/nuget/dotnet/';
    const index = (id: string): unknown => ({ version: '3.0.0', resources: [{ '@id': id, '@type': 'PackageBaseAddress/3.0.0' }] });
    assert.equal(nugetVersionsUrl(index(`${endpoint}v3/package/`), endpoint, 'Newtonsoft.Json'), `${endpoint}v3/package/newtonsoft.json/index.json`);
    assert.throws(() => nugetVersionsUrl(index('https://evil.example/flat/'), endpoint, 'x'), /another host/);
    assert.throws(() => nugetVersionsUrl(index(`${endpoint}v3/package/`), endpoint, '..'), /path segment/);
    assert.throws(() => nugetVersionsUrl({ version: '2.0.0', resources: [] }, endpoint, 'x'), /not version 3/);
    const req = dataPlaneRequest({ ecosystem: 'nuget', target: { domain: 'acme', owner: OWNER, repository: 'dotnet', format: 'nuget', source: 't' }, name: 'x' }, endpoint, 'TOKEN');
    assert.equal(req.url, `${endpoint}v3/index.json`);
    assert.equal(req.auth, `Basic ${Buffer.from('aws:TOKEN').toString('base64')}`);
  });
});
