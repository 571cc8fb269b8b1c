// Which tools "Configure Workspace" offers, from the files at a folder's root.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { detectTools } from '../../../src/configure/detect';
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
});
