// Copy Environment Export's per-format variables (Cargo, Bundler, NuGet) and its three shells. The POSIX text is
// run by a real bash; Bundler's own Settings read the BUNDLE_<HOST> variable back for the endpoint's host.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { exportShellFor, renderEnvironment, renderExportSnippet } from '../../../../src/core/configFiles/environment';
import { cargoIndexVariable, formatEnvironment } from '../../../../src/core/configFiles/formatEnvironment';
import { ConfigEditError } from '../../../../src/core/configFiles/managedBlock';
import { findTool } from '../../../integration/helpers';

const HOST = 'acme-111122223333.d.codeartifact.us-west-2.amazonaws.com';
const ep = (format: string, repo = 'shared') => `https://${HOST}/${format}/${repo}/`;
// Every character a token may have (checkToken): the quoting must carry each through.
const TOKEN = 'eyJ0.a+b/c=d~e_f-9';

/** Runs the snippet in bash and prints each variable back, NUL-separated. */
function bashValues(snippet: string, names: string[]): Record<string, string> {
  const script = `${snippet}for n in ${names.join(' ')}; do printf '%s\\0' "\${!n}"; done`;
  const out = execFileSync('bash', ['--norc', '--noprofile', '-c', script], { encoding: 'utf8', timeout: 10_000, env: { PATH: process.env.PATH } });
  const values = out.split('\0').slice(0, names.length);
  return Object.fromEntries(names.map((n, i) => [n, values[i] ?? '']));
}

describe('core/configFiles/formatEnvironment (Copy Environment Export for Cargo, Bundler, NuGet)', () => {
  const repos = [
    { format: 'cargo' as const, domain: 'acme', repository: 'shared', endpoint: ep('cargo') },
    { format: 'cargo' as const, domain: 'acme', repository: 'crates.internal', endpoint: ep('cargo', 'crates.internal'), cargoName: 'my-crates' },
    { format: 'ruby' as const, domain: 'acme', repository: 'shared', endpoint: ep('ruby') },
    { format: 'nuget' as const, domain: 'acme', repository: 'shared', endpoint: `${ep('nuget')}v3/index.json` },
  ];

  it('names the variables as cargo, Bundler and NuGet read them, with the values CodeArtifact takes', () => {
    assert.deepEqual(formatEnvironment(repos, TOKEN), {
      // cargo: upper case, '-' → '_'; the default registry name is DOMAIN-REPOSITORY.
      CARGO_REGISTRIES_ACME_SHARED_INDEX: `sparse+${ep('cargo')}`,
      CARGO_REGISTRIES_ACME_SHARED_CREDENTIAL_PROVIDER: 'cargo:token',
      CARGO_REGISTRIES_ACME_SHARED_TOKEN: `Bearer ${TOKEN}`,
      CARGO_REGISTRIES_MY_CRATES_INDEX: `sparse+${ep('cargo', 'crates.internal')}`,
      CARGO_REGISTRIES_MY_CRATES_CREDENTIAL_PROVIDER: 'cargo:token',
      CARGO_REGISTRIES_MY_CRATES_TOKEN: `Bearer ${TOKEN}`,
      // Bundler: '.' → '__', '-' → '___', upper case.
      BUNDLE_ACME___111122223333__D__CODEARTIFACT__US___WEST___2__AMAZONAWS__COM: `aws:${TOKEN}`,
      NuGetPackageSourceCredentials_codeartifact_acme_shared: `Username=aws;Password=${TOKEN}`,
    });
    assert.equal(cargoIndexVariable('a-b_c'), 'CARGO_REGISTRIES_A_B_C_INDEX');
  });

  it('refuses a token a token never is, and a registry name cargo refuses', () => {
    assert.throws(() => formatEnvironment(repos, 'a b'), ConfigEditError);
    assert.throws(() => formatEnvironment([{ ...repos[0], cargoName: 'bad name' } as (typeof repos)[number]], TOKEN), ConfigEditError);
  });

  it('bash evaluates the exported text back to exactly these values', () => {
    const env = { ...renderEnvironment({ token: TOKEN, domain: 'acme', domainOwner: '111122223333', endpoint: ep('cargo') }), ...formatEnvironment(repos, TOKEN) };
    const names = Object.keys(env);
    assert.deepEqual(bashValues(renderExportSnippet(env, 'posix'), names), env);
  });

  it('Bundler finds the credentials for the repository host in the exported variable (Bundler::Settings#credentials_for)', function () {
    if (!findTool('ruby')) this.skip();
    const env = formatEnvironment([repos[2] as (typeof repos)[number]], TOKEN);
    const ruby = `require "bundler"; require "uri"; print Bundler::Settings.new(nil).credentials_for(URI(ARGV[0])).to_s`;
    const snippet = renderExportSnippet(env, 'posix');
    const out = execFileSync('bash', ['--norc', '--noprofile', '-c', `${snippet}exec ruby -e "$0" "$1"`, ruby, ep('ruby')], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { PATH: process.env.PATH, HOME: '/nonexistent-home' },
    });
    assert.equal(out, `aws:${TOKEN}`);
  });

  it('PowerShell lines single-quote every value', () => {
    assert.equal(renderExportSnippet({ CARGO_REGISTRIES_ACME_SHARED_TOKEN: `Bearer ${TOKEN}` }, 'powershell'), `$env:CARGO_REGISTRIES_ACME_SHARED_TOKEN = 'Bearer ${TOKEN}'\n`);
    assert.equal(renderExportSnippet({ A: "it's ‘x’" }, 'powershell'), `$env:A = 'it''s ‘‘x’’'\n`);
  });

  it('cmd.exe gets set "NAME=value" lines (CRLF) and refuses a value it cannot hold literally', () => {
    const env = formatEnvironment([repos[0] as (typeof repos)[number], repos[2] as (typeof repos)[number]], TOKEN);
    assert.equal(
      renderExportSnippet(env, 'cmd'),
      [
        `set "CARGO_REGISTRIES_ACME_SHARED_INDEX=sparse+${ep('cargo')}"`,
        'set "CARGO_REGISTRIES_ACME_SHARED_CREDENTIAL_PROVIDER=cargo:token"',
        `set "CARGO_REGISTRIES_ACME_SHARED_TOKEN=Bearer ${TOKEN}"`,
        `set "BUNDLE_ACME___111122223333__D__CODEARTIFACT__US___WEST___2__AMAZONAWS__COM=aws:${TOKEN}"`,
        '',
      ].join('\r\n'),
    );
    // & | < > ^ are literal inside the quotes.
    assert.equal(renderExportSnippet({ A: 'x&y|z<>^' }, 'cmd'), 'set "A=x&y|z<>^"\r\n');
    for (const bad of ['50%', '%PATH%', 'a"b', 'hi!', 'a\nb', 'a\rb', 'a\tb']) assert.throws(() => renderExportSnippet({ A: bad }, 'cmd'), ConfigEditError, JSON.stringify(bad));
  });

  it('picks the shell from VS Code\'s default terminal shell', () => {
    assert.equal(exportShellFor('/bin/bash', 'linux'), 'posix');
    assert.equal(exportShellFor('/usr/bin/zsh', 'darwin'), 'posix');
    assert.equal(exportShellFor('C:\\Windows\\System32\\cmd.exe', 'win32'), 'cmd');
    assert.equal(exportShellFor('C:\\Program Files\\PowerShell\\7\\pwsh.exe', 'win32'), 'powershell');
    assert.equal(exportShellFor('C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', 'win32'), 'powershell');
    assert.equal(exportShellFor('C:\\Program Files\\Git\\bin\\bash.exe', 'win32'), 'posix');
    assert.equal(exportShellFor('', 'win32'), 'powershell');
    assert.equal(exportShellFor('', 'linux'), 'posix');
  });
});
