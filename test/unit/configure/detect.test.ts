// Which tools "Configure Workspace" offers, from the files at a folder's root (and, for NuGet and Cargo, below it).
import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DETECT_LIMITS, detectTools } from '../../../src/configure/detect';
import { removeDir, tempDir } from './testEnv';

describe('detectTools', function () {
  let dir: string;
  beforeEach(async () => {
    dir = await tempDir('detect');
  });
  afterEach(async () => removeDir(dir));

  const files = async (f: Record<string, string>): Promise<string[]> => {
    for (const [name, text] of Object.entries(f)) await writeFile(join(dir, name), text);
    return (await detectTools(dir)).map((d) => d.tool);
  };

  it('finds nothing in an empty or missing folder', async () => {
    assert.deepEqual(await files({}), []);
    assert.deepEqual(await detectTools(join(dir, 'nope')), []);
  });
  it('package.json alone is npm; lockfiles pick pnpm or yarn', async () => {
    assert.deepEqual(await files({ 'package.json': '{}' }), ['npm']);
    assert.deepEqual(await files({ 'pnpm-lock.yaml': '' }), ['pnpm']);
  });
  it('yarn berry by .yarnrc.yml or packageManager, classic by yarn.lock', async () => {
    assert.deepEqual(await files({ 'package.json': '{"packageManager":"yarn@4.1.0"}' }), ['yarnBerry']);
    await removeDir(dir);
    dir = await tempDir('detect');
    assert.deepEqual(await files({ 'package.json': '{}', 'yarn.lock': '' }), ['yarnClassic']);
    assert.deepEqual(await files({ 'package-lock.json': '{}' }), ['npm', 'yarnClassic']);
  });
  it('Python: requirements*.txt is pip, pyproject with [tool.poetry] is poetry, uv.lock is uv', async () => {
    const found = await detectTools(dir);
    assert.deepEqual(found, []);
    assert.deepEqual(await files({ 'requirements-dev.txt': 'x\n' }), ['pip']);
    assert.deepEqual(await files({ 'pyproject.toml': '[tool.poetry]\nname = "x"\n', 'uv.lock': '' }), ['pip', 'uv', 'poetry']);
    const pip = (await detectTools(dir)).find((d) => d.tool === 'pip');
    assert.deepEqual(pip?.evidence, ['requirements-dev.txt']);
  });
  it('Maven and Gradle (Kotlin DSL too)', async () => {
    assert.deepEqual(await files({ 'pom.xml': '<project/>', 'build.gradle.kts': '' }), ['maven', 'gradle']);
  });

  const tree = async (f: Record<string, string>): Promise<void> => {
    for (const [name, text] of Object.entries(f)) {
      await mkdir(join(dir, name, '..'), { recursive: true });
      await writeFile(join(dir, name), text);
    }
  };

  it('NuGet, Swift, Cargo and RubyGems next to npm, pip and Maven', async () => {
    await tree({ 'package.json': '{}', 'requirements.txt': '', 'pom.xml': '<project/>', 'App.csproj': '<Project/>', 'Package.swift': '', 'Cargo.toml': '[package]\n', Gemfile: "source 'https://rubygems.org'\n" });
    assert.deepEqual((await detectTools(dir)).map((d) => d.tool), ['npm', 'pip', 'maven', 'nuget', 'swift', 'cargo', 'rubygems']);
  });

  it('every NuGet file counts, in any case: *.fsproj, packages.config, NuGet.Config, Directory.Packages.props', async () => {
    for (const name of ['Lib.fsproj', 'packages.config', 'NuGet.Config', 'Directory.Packages.props']) {
      const d = await tempDir('detect-nuget');
      try {
        await writeFile(join(d, name), '');
        assert.deepEqual(await detectTools(d), [{ tool: 'nuget', evidence: [name] }], name);
      } finally {
        await removeDir(d);
      }
    }
  });

  it('a *.gemspec alone is RubyGems', async () => {
    await tree({ 'my_gem.gemspec': '' });
    assert.deepEqual(await detectTools(dir), [{ tool: 'rubygems', evidence: ['my_gem.gemspec'] }]);
  });

  it('finds a solution\'s projects and a Cargo workspace\'s crates below the root, with their paths as evidence', async () => {
    await tree({ 'src/App/App.csproj': '', 'tests/App.Tests/App.Tests.csproj': '', 'crates/core/Cargo.toml': '' });
    assert.deepEqual(await detectTools(dir), [
      { tool: 'nuget', evidence: ['src/App/App.csproj', 'tests/App.Tests/App.Tests.csproj'] },
      { tool: 'cargo', evidence: ['crates/core/Cargo.toml'] },
    ]);
  });

  it('skips dependency, build and hidden folders (node_modules, target, vendor, bin, obj, .git)', async () => {
    await tree({
      'node_modules/x/x.csproj': '',
      'target/package/y/Cargo.toml': '',
      'vendor/bundle/z/Cargo.toml': '',
      'bin/Debug/a.csproj': '',
      'obj/b.csproj': '',
      '.git/c.csproj': '',
      'web/node_modules/d/Cargo.toml': '',
    });
    assert.deepEqual(await detectTools(dir), []);
  });

  it('stops at the depth limit', async () => {
    const deep = ['a', 'b', 'c', 'd', 'e'].slice(0, DETECT_LIMITS.depth + 1).join('/');
    const ok = ['a', 'b', 'c', 'd', 'e'].slice(0, DETECT_LIMITS.depth).join('/');
    await tree({ [`${deep}/Deep.csproj`]: '', [`${ok}/Cargo.toml`]: '' });
    assert.deepEqual((await detectTools(dir)).map((d) => [d.tool, d.evidence]), [['cargo', [`${ok}/Cargo.toml`]]]);
  });

  it('stops after reading the entry budget (a huge folder does not hang the command)', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 50; i++) files[`many/f${String(i).padStart(2, '0')}.txt`] = '';
    files['many/zz/Cargo.toml'] = '';
    await tree(files);
    assert.deepEqual((await detectTools(dir)).map((d) => d.tool), ['cargo'], 'within the default budget');
    assert.deepEqual(await detectTools(dir, { depth: 3, entries: 20 }), [], 'past a budget of 20 entries');
  });

  it('never follows a symbolic link: a linked folder or a linked package.json outside the workspace is not read', async () => {
    const outside = await tempDir('detect-outside');
    try {
      await mkdir(join(outside, 'proj'), { recursive: true });
      await writeFile(join(outside, 'proj', 'Secret.csproj'), '');
      await writeFile(join(outside, 'package.json'), '{"packageManager":"yarn@4.1.0"}');
      await symlink(join(outside, 'proj'), join(dir, 'linked'));
      await symlink(join(outside, 'package.json'), join(dir, 'package.json'));
      // A loop back to the root would never end if links were followed.
      await symlink(dir, join(dir, 'loop'));
      const found = await detectTools(dir);
      assert.deepEqual(found.map((d) => d.tool), ['npm'], 'package.json is there, but its text (yarn 4) is not read through the link');
    } finally {
      await removeDir(outside);
    }
  });
});
