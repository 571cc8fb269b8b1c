// A hover in a .csproj in real VS Code (code-server + Chromium, packaged VSIX) against the emulator: the NuGet
// versions of a PackageReference through the repository's external connection to nuget.org, and what restore picks
// (the lowest applicable version, not the newest). Screenshot: test-results/screenshots/versions-nuget-hover.png.
import * as assert from 'node:assert/strict';
import type { Seed } from '../emulator/seed';
import { demoWorkspace, DEMO_ACCESS_KEY_ID } from './fixtures';
import { sessionPerSuite } from './harness';
import { signIn } from './paletteSteps';

const PROFILE = 'codeartifact-e2e';
const OWNER = '111122223333';

const seed: Seed = {
  accounts: { [DEMO_ACCESS_KEY_ID]: OWNER },
  domains: [{ name: 'acme', owner: OWNER, region: 'us-west-2', repositories: [{ name: 'nuget-store', externalConnection: 'public:nuget-org' }, { name: 'dotnet', upstreams: ['nuget-store'] }] }],
  packages: [],
  externalConnections: { 'public:nuget-org': [{ format: 'nuget', name: 'Newtonsoft.Json', versions: [{ version: '12.0.3' }, { version: '13.0.1' }, { version: '13.0.3' }, { version: '14.0.1-beta1' }] }] },
};

const CSPROJ = `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Newtonsoft.Json" Version="13.0.1" />
  </ItemGroup>
</Project>
`;

describe('e2e: NuGet versions in a .csproj', function () {
  const s = sessionPerSuite({
    name: 'nuget-versions',
    seed,
    workspace: demoWorkspace(),
    files: { 'App.csproj': CSPROJ },
    accessKeyId: DEMO_ACCESS_KEY_ID,
    profile: PROFILE,
    settings: { 'codeartifact.defaultRepository': { domain: 'acme', owner: OWNER, repository: 'dotnet' } },
  });

  it('signs in (profile, then region)', async function () {
    await s().waitForExtensionsActivated();
    await signIn(s(), 'notification');
  });

  it('hovers a PackageReference: versions through the external connection, latest, and the version restore picks', async function () {
    await s().showFile('App.csproj');
    const text = await s().hoverText('Newtonsoft.Json', /from CodeArtifact/);
    assert.match(text, /Newtonsoft\.Json from CodeArtifact acme\/dotnet/);
    assert.match(text, /Latest: 13\.0\.3/);
    // `13.0.1` means >= 13.0.1 and restore takes the lowest that fits: 13.0.1, not 13.0.3.
    assert.match(text, /Declared 13\.0\.1 → 13\.0\.1/);
    for (const v of ['14.0.1-beta1', '13.0.3', '13.0.1', '12.0.3']) assert.ok(text.includes(v), `${v} in: ${text}`);
    await s().screenshot('versions-nuget-hover');
  });
});
