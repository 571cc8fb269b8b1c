import assert from 'node:assert/strict';
import { parseCargoToml } from '../../../../src/core/manifests/cargoToml';

const TEXT = `[package]
name = "app"
version = "0.1.0"

[dependencies]
serde = "1.0"
acme-util = { version = "~1.2", registry = "acme-shared" }
renamed = { package = "real-name", version = "=2.0.0", registry = "acme-shared" }
local = { path = "../local" }
fromgit = { git = "https://example.com/x.git" }
shared.workspace = true
dotted.version = "0.3"
escaped = "\\u0031.0"

[dependencies.tabled]
version = ">=1, <3"
registry = "acme-shared"
features = ["x"]

[dev-dependencies]
tiny = "*"

[target.'cfg(unix)'.dependencies]
nix = "0.27"

[target.x86_64-pc-windows-msvc.build-dependencies]
cc = "1"

[workspace.dependencies]
anyhow = { version = "1.0.75" }
`;

describe('Cargo.toml parser', () => {
  it('reads every registry dependency with its section, requirement, registry and spans', () => {
    const file = parseCargoToml(TEXT);
    assert.equal(file.syntaxError, false);
    const rows = file.dependencies.map((d) => [d.section, d.target ?? '', d.key.text, d.crate, d.requirement, d.registry ?? '']);
    assert.deepEqual(rows, [
      ['dependencies', '', 'serde', 'serde', '1.0', ''],
      ['dependencies', '', 'acme-util', 'acme-util', '~1.2', 'acme-shared'],
      ['dependencies', '', 'renamed', 'real-name', '=2.0.0', 'acme-shared'],
      ['dependencies', '', 'dotted', 'dotted', '0.3', ''],
      ['dependencies', '', 'escaped', 'escaped', '1.0', ''],
      ['dependencies', '', 'tabled', 'tabled', '>=1, <3', 'acme-shared'],
      ['dev-dependencies', '', 'tiny', 'tiny', '*', ''],
      ['dependencies', 'cfg(unix)', 'nix', 'nix', '0.27', ''],
      ['build-dependencies', 'x86_64-pc-windows-msvc', 'cc', 'cc', '1', ''],
      ['workspace', '', 'anyhow', 'anyhow', '1.0.75', ''],
    ]);
    for (const d of file.dependencies) {
      assert.equal(TEXT.slice(d.key.start, d.key.end), d.key.text);
      if (d.requirementSpan) assert.equal(TEXT.slice(d.requirementSpan.start, d.requirementSpan.end), d.requirement);
    }
    // An escaped requirement cannot be edited in place.
    assert.equal(file.dependencies.find((d) => d.crate === 'escaped')?.requirementSpan, undefined);
    assert.deepEqual(file.skipped.map((s) => [s.reason, s.key.text]).sort(), [['git', 'fromgit'], ['path', 'local'], ['workspace', 'shared']]);
  });

  for (const broken of ['[dependencies\nserde = "1"', '[dependencies]\nserde = "1"\nserde = "2"\n', '[dependencies]\nserde = { version = "1"', 'x = """', '\u0000']) {
    it(`broken TOML gives nothing and does not throw: ${JSON.stringify(broken).slice(0, 40)}`, () => {
      const file = parseCargoToml(broken);
      assert.equal(file.syntaxError, true);
      assert.deepEqual(file.dependencies, []);
    });
  }
});
