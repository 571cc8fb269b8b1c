// Version hovers in real VS Code (code-server + Chromium, packaged VSIX) for a Cargo.toml and a Gemfile against
// the emulator: crates.io and rubygems.org dependencies are looked up in the `codeartifact.defaultRepository`
// (acme/shared), with cargo's and RubyGems' own requirement rules and yanked (Unlisted) versions skipped.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Seed } from '../emulator/seed';
import { DEMO_ACCESS_KEY_ID } from './fixtures';
import { sessionPerSuite } from './harness';
import { signIn } from './paletteSteps';

const PROFILE = 'codeartifact-e2e';
const OWNER = '111122223333';
const seed: Seed = {
  accounts: { [DEMO_ACCESS_KEY_ID]: OWNER },
  domains: [{ name: 'acme', owner: OWNER, region: 'us-west-2', repositories: [{ name: 'shared' }] }],
  packages: [
    {
      domain: 'acme',
      repository: 'shared',
      format: 'cargo',
      name: 'acme-util',
      versions: [
        { version: '1.0.0', publishedTime: '2025-01-01T00:00:00Z' },
        { version: '1.4.2', publishedTime: '2025-02-01T00:00:00Z' },
        { version: '1.5.0', status: 'Unlisted', publishedTime: '2025-03-01T00:00:00Z' },
        { version: '2.0.0', publishedTime: '2025-04-01T00:00:00Z' },
      ],
    },
    {
      domain: 'acme',
      repository: 'shared',
      format: 'ruby',
      name: 'acme-gem',
      versions: [
        { version: '1.0.0', publishedTime: '2025-01-01T00:00:00Z' },
        { version: '1.3.1', publishedTime: '2025-02-01T00:00:00Z' },
        { version: '2.1.0', publishedTime: '2025-04-01T00:00:00Z' },
      ],
    },
  ],
};

describe('e2e: Cargo.toml and Gemfile hovers from CodeArtifact in VS Code', function () {
  const s = sessionPerSuite({
    name: 'cargo-ruby',
    seed,
    workspace: path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'workspaces', 'cargo-ruby'),
    accessKeyId: DEMO_ACCESS_KEY_ID,
    profile: PROFILE,
    settings: { 'codeartifact.defaultRepository': { domain: 'acme', owner: OWNER, repository: 'shared' } },
  });

  it('signs in (profile, then region)', async function () {
    await s().waitForExtensionsActivated();
    await signIn(s(), 'notification');
  });

  it('hovers a Cargo.toml dependency: "1.0" (^1.0) picks 1.4.2, not the yanked 1.5.0; 2.0.0 is the latest', async function () {
    await s().showFile('Cargo.toml');
    const text = await s().hoverText('acme-util', /from CodeArtifact/);
    assert.match(text, /acme-util from CodeArtifact acme\/shared/);
    assert.match(text, /Latest: 2\.0\.0/);
    assert.match(text, /Declared 1\.0 → 1\.4\.2/);
    await s().screenshot('hover-cargo');
  });

  it('hovers a Gemfile gem: "~> 1.0" picks 1.3.1; 2.1.0 is the latest', async function () {
    await s().showFile('Gemfile');
    const text = await s().hoverText('acme-gem', /from CodeArtifact/);
    assert.match(text, /acme-gem from CodeArtifact acme\/shared/);
    assert.match(text, /Latest: 2\.1\.0/);
    assert.match(text, /Declared ~> 1\.0 → 1\.3\.1/);
    await s().screenshot('hover-gemfile');
  });
});
