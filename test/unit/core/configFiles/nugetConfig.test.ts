// NuGet.Config / nuget.config edits: the shape `dotnet nuget add source --store-password-in-clear-text` writes,
// other sources and comments kept, idempotent, and removal giving back every byte.
import assert from 'node:assert/strict';
import {
  applyNugetSource,
  applyNugetUserConfig,
  managedNugetKeys,
  nugetCredentialsEnvironment,
  nugetSourceKey,
  removeNugetConfig,
} from '../../../../src/core/configFiles/nugetConfig';
import { nugetSourcesInEffect, readNugetConfig } from '../../../../src/core/configFiles/nugetSources';
import { ConfigEditError } from '../../../../src/core/configFiles/managedBlock';

const ENDPOINT = 'https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/nuget/dotnet-libs/';
const REQ = { endpoint: ENDPOINT, domain: 'acme', repository: 'dotnet-libs' };
const TOKEN = 'eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMH0.token-part';

const USER_CONFIG = `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <!-- my sources -->
  <packageSources>
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />
    <add key="internal" value="https://nuget.internal.example/v3/index.json" />
  </packageSources>
  <packageSourceCredentials>
    <internal>
      <add key="Username" value="me" />
      <add key="ClearTextPassword" value="secret" />
    </internal>
  </packageSourceCredentials>
</configuration>
`;

describe('NuGet config files', () => {
  it('adds the source and its credentials to the user file, keeping the rest, and NuGet reads them back', () => {
    const out = applyNugetUserConfig(USER_CONFIG, { ...REQ, token: TOKEN });
    assert.equal(out.changed, true);
    assert.ok(out.text.includes('<!-- my sources -->'));
    assert.ok(out.text.includes('<add key="internal" value="https://nuget.internal.example/v3/index.json" />'));
    const key = nugetSourceKey('acme', 'dotnet-libs');
    assert.equal(key, 'codeartifact_acme_dotnet_libs');
    assert.ok(out.text.includes(`    <add key="${key}" value="${ENDPOINT}v3/index.json" protocolVersion="3" />`), out.text);
    assert.ok(out.text.includes(`    <${key}>\n      <add key="Username" value="aws" />\n      <add key="ClearTextPassword" value="${TOKEN}" />\n    </${key}>`), out.text);
    assert.ok(!out.changes.join('\n').includes(TOKEN), 'the summary never holds the token');
    // What NuGet would see: both sources, ours enabled.
    const sources = nugetSourcesInEffect([{ file: 'NuGet.Config', text: out.text }]).sources.map((s) => s.key).sort();
    assert.deepEqual(sources, [key, 'internal', 'nuget.org']);
    // Idempotent; a new token replaces only the password.
    assert.equal(applyNugetUserConfig(out.text, { ...REQ, token: TOKEN }).changed, false);
    const refreshed = applyNugetUserConfig(out.text, { ...REQ, token: 'newtoken' }).text;
    assert.ok(refreshed.includes('value="newtoken"') && !refreshed.includes(TOKEN));
    // Removal gives back the original, byte for byte.
    assert.equal(removeNugetConfig(out.text, REQ), USER_CONFIG);
    assert.equal(removeNugetConfig(refreshed, REQ), USER_CONFIG);
    assert.deepEqual(managedNugetKeys(out.text), [key]);
  });

  it('creates a file when there is none (project: the source only) and removing empties it', () => {
    const created = applyNugetSource(undefined, REQ);
    assert.ok(!created.text.includes('Credentials') && !created.text.includes('Password'));
    assert.ok(readNugetConfig(created.text));
    assert.equal(removeNugetConfig(created.text, REQ, 'nuget.config'), '');
    const user = applyNugetUserConfig(undefined, { ...REQ, token: TOKEN });
    assert.equal(removeNugetConfig(user.text, REQ), '');
  });

  it('keeps CRLF, a BOM, <clear />, a missing final newline and tab indentation, and removes byte for byte', () => {
    const original = '\uFEFF<?xml version="1.0"?>\r\n<configuration>\r\n\t<packageSources>\r\n\t\t<clear />\r\n\t\t<add key="corp" value="https://corp.example/v3/index.json" />\r\n\t</packageSources>\r\n</configuration>';
    const out = applyNugetSource(original, REQ).text;
    assert.ok(out.startsWith('\uFEFF'));
    assert.ok(out.includes(`\r\n\t\t<add key="codeartifact_acme_dotnet_libs"`));
    assert.ok(!/[^\r]\n/.test(out), 'no bare LF');
    assert.equal(removeNugetConfig(out, REQ, 'nuget.config'), original);
    // Two repositories, removed in any order.
    const two = applyNugetSource(out, { ...REQ, repository: 'other' }).text;
    assert.equal(removeNugetConfig(removeNugetConfig(two, REQ), { ...REQ, repository: 'other' }), original);
  });

  it('refuses what it cannot edit safely, leaving the file alone', () => {
    const cases: [string, RegExp][] = [
      ['<configuration><packageSources>', /not well-formed/],
      ['<settings></settings>', /no <configuration>/],
      ['<!DOCTYPE c [<!ENTITY x "y">]><configuration></configuration>', /DOCTYPE/],
      ['<configuration>\n  <packageSources />\n</configuration>\n', /empty <packageSources \/>/],
      ['<configuration>\n  <packageSources>\n    <add key="codeartifact_acme_dotnet_libs" value="https://x/" />\n  </packageSources>\n</configuration>\n', /did not write/],
      ['<configuration><packageSources></packageSources></configuration>', /shares its line/],
    ];
    for (const [text, why] of cases) assert.throws(() => applyNugetSource(text, REQ), (e: unknown) => e instanceof ConfigEditError && why.test(e.message), text);
    assert.throws(() => applyNugetUserConfig(undefined, { ...REQ, token: 'bad"token' }), ConfigEditError);
    assert.throws(() => applyNugetSource(undefined, { ...REQ, repository: 'a b' }), ConfigEditError);
  });

  it('gives CI the NuGetPackageSourceCredentials_<name> variable', () => {
    assert.deepEqual(nugetCredentialsEnvironment('acme', 'dotnet-libs', TOKEN), { NuGetPackageSourceCredentials_codeartifact_acme_dotnet_libs: `Username=aws;Password=${TOKEN}` });
  });
});
