// MSBuild project files, Directory.Packages.props and packages.config: offsets, attribute and child-element
// versions, VersionOverride, properties, and broken or hostile XML (no throw, no hang).
import assert from 'node:assert/strict';
import { parseNugetProject } from '../../../../src/core/manifests/nugetProject';
import { manifestKindOf, readManifest, dependencyAt } from '../../../../src/versions/manifestDependencies';

const CSPROJ = `<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <SerilogVersion>3.1.1</SerilogVersion>
  </PropertyGroup>
  <!-- a comment with <PackageReference Include="Fake" Version="9.9" /> inside -->
  <ItemGroup>
    <PackageReference Include="Newtonsoft.Json" Version="13.0.1" />
    <PackageReference Include='Acme.Core' Version='[1.0,2.0)' />
    <PackageReference Include="Serilog">
      <Version>$(SerilogVersion)</Version>
    </PackageReference>
    <PackageReference Include="Polly" Version="8.*" PrivateAssets="all" />
    <PackageReference Include="Dapper" VersionOverride="2.1.28" />
    <PackageReference Include="NoVersion" />
    <PackageReference Include="Computed" Version="$(Elsewhere)" />
    <PackageReference Include="A;B" Version="1.0" />
    <PackageReference Include="Amp&amp;Co" Version="1.0" />
  </ItemGroup>
</Project>
`;

describe('NuGet project files', () => {
  it('reads PackageReference ids and versions with exact offsets (attribute, child element, property, override)', () => {
    const deps = readManifest('nugetProject', CSPROJ).dependencies;
    const by = new Map(deps.map((d) => [d.displayName, d]));
    assert.deepEqual([...by.keys()], ['Newtonsoft.Json', 'Acme.Core', 'Serilog', 'Polly', 'Dapper', 'NoVersion', 'Computed', 'Amp&Co']);
    const nj = by.get('Newtonsoft.Json');
    assert.equal(nj?.name, 'newtonsoft.json', 'CodeArtifact stores NuGet ids lowercase');
    assert.equal(nj?.ecosystem, 'nuget');
    assert.equal(CSPROJ.slice(nj?.nameSpan.start, nj?.nameSpan.end), 'Newtonsoft.Json');
    assert.equal(CSPROJ.slice(nj?.rangeSpan?.start, nj?.rangeSpan?.end), '13.0.1');
    assert.equal(nj?.pinned, '13.0.1');
    const acme = by.get('Acme.Core');
    assert.equal(acme?.range, '[1.0,2.0)');
    assert.equal(acme?.pinned, undefined);
    const serilog = by.get('Serilog');
    assert.equal(serilog?.range, '3.1.1');
    assert.equal(CSPROJ.slice(serilog?.rangeSpan?.start, serilog?.rangeSpan?.end), '3.1.1', 'an update edits the property');
    assert.equal(serilog?.versionNote?.origin, 'property SerilogVersion');
    assert.equal(by.get('Polly')?.range, '8.*');
    assert.equal(by.get('Dapper')?.range, '2.1.28');
    assert.match(by.get('NoVersion')?.versionNote?.unknown ?? '', /Directory\.Packages\.props/);
    assert.equal(by.get('Computed')?.range, '');
    assert.match(by.get('Computed')?.versionNote?.unknown ?? '', /MSBuild expression/);
    assert.equal(by.get('Amp&Co')?.nameSpan.text, 'Amp&amp;Co', 'spans keep the text as written');
    const at = CSPROJ.indexOf('Polly') + 2;
    assert.equal(dependencyAt(deps, at)?.displayName, 'Polly');
  });

  it('reads Directory.Packages.props (PackageVersion, GlobalPackageReference) and packages.config', () => {
    const props = `<Project>
  <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
  <ItemGroup>
    <PackageVersion Include="Newtonsoft.Json" Version="13.0.3" />
    <GlobalPackageReference Include="Nerdbank.GitVersioning" Version="3.6.133" />
  </ItemGroup>
</Project>`;
    assert.equal(parseNugetProject(props).centralManagement, true);
    assert.deepEqual(readManifest('nugetProject', props).dependencies.map((d) => [d.displayName, d.range]), [
      ['Newtonsoft.Json', '13.0.3'],
      ['Nerdbank.GitVersioning', '3.6.133'],
    ]);
    const config = `<?xml version="1.0" encoding="utf-8"?>
<packages>
  <package id="jQuery" version="3.1.1" targetFramework="net46" />
  <package id="NLog" version="4.3.10" allowedVersions="[4,5)" targetFramework="net46" />
</packages>`;
    const deps = readManifest('packagesConfig', config).dependencies;
    assert.deepEqual(deps.map((d) => [d.displayName, d.range, d.pinned]), [
      ['jQuery', '[3.1.1]', '3.1.1'],
      ['NLog', '[4.3.10]', '4.3.10'],
    ]);
    assert.equal(deps[0]?.rangeSpan?.text, '3.1.1');
  });

  it('knows the file names', () => {
    for (const [name, kind] of [
      ['src/App/App.csproj', 'nugetProject'],
      ['Lib.fsproj', 'nugetProject'],
      ['Directory.Packages.props', 'nugetProject'],
      ['packages.config', 'packagesConfig'],
      ['app.config', undefined],
    ] as const) {
      assert.equal(manifestKindOf(name), kind, name);
    }
  });

  it('survives broken and hostile XML: no throw, nothing invented', () => {
    const broken = [
      '',
      '<Project',
      '<Project><ItemGroup><PackageReference Include="X" Version="1.0"',
      '<Project><ItemGroup><PackageReference Include="X" Version="1.0" /></ItemGroup>',
      '<!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Project><ItemGroup><PackageReference Include="&b;" Version="1" /></ItemGroup></Project>',
      '<Project>'.repeat(5000),
      '\u0000\uffff<<<>>>',
      'not xml at all',
    ];
    for (const text of broken) {
      const deps = readManifest('nugetProject', text).dependencies;
      for (const d of deps) assert.ok(d.nameSpan.start >= 0 && d.nameSpan.end <= text.length);
      // An entity from a DOCTYPE is never expanded into a package id.
      assert.ok(!deps.some((d) => d.displayName.includes('aaaa')));
    }
    // An unclosed file still gives what saxes read, at the right place.
    const partial = readManifest('nugetProject', '<Project><ItemGroup><PackageReference Include="X" Version="1.0" /></ItemGroup>').dependencies;
    assert.deepEqual(partial.map((d) => d.displayName), ['X']);
  });
});
