import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { assertTokenFileOutsideWorkspaces, isInside, readTextIfExists, writeFileAtomic } from '../../../../src/core/configFiles/fileWrite';
import { ConfigEditError } from '../../../../src/core/configFiles/managedBlock';
import { mavenSettingsPath, userNpmrcPath, userPipConfigPath, userYarnrcPath, gradleInitScriptPath } from '../../../../src/core/configFiles/userPaths';

describe('core/configFiles/fileWrite and userPaths', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ca-write-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes atomically, creating private parent directories, with mode 0600 for token files', async () => {
    const file = path.join(dir, 'a', 'b', 'pip.conf');
    await writeFileAtomic(file, 'x\r\n', { mode: 0o600 });
    assert.equal(await readTextIfExists(file), 'x\r\n');
    assert.equal((await fs.stat(file)).mode & 0o777, 0o600);
    assert.equal((await fs.stat(path.dirname(file))).mode & 0o777, 0o700);
    await fs.chmod(file, 0o644);
    await writeFileAtomic(file, 'y', { mode: 0o600 });
    assert.equal((await fs.stat(file)).mode & 0o777, 0o600, 'tightens a file that was readable by others');
    assert.deepEqual((await fs.readdir(path.dirname(file))).sort(), ['pip.conf'], 'no temp file left behind');
  });

  it('keeps an existing mode when none is asked for, and writes through a symlink to its target', async () => {
    const target = path.join(dir, 'dotfiles', '.npmrc');
    await fs.mkdir(path.dirname(target));
    await fs.writeFile(target, 'old', { mode: 0o640 });
    const link = path.join(dir, '.npmrc');
    await fs.symlink(target, link);
    await writeFileAtomic(link, 'new');
    assert.ok((await fs.lstat(link)).isSymbolicLink(), 'the link stays a link');
    assert.equal(await fs.readFile(target, 'utf8'), 'new');
    assert.equal((await fs.stat(target)).mode & 0o777, 0o640);
  });

  it('reads undefined for a missing file', async () => {
    assert.equal(await readTextIfExists(path.join(dir, 'nope')), undefined);
  });

  it('refuses a token file inside a workspace, also through a symlink', async () => {
    const workspace = path.join(dir, 'project');
    await fs.mkdir(workspace);
    await assert.rejects(assertTokenFileOutsideWorkspaces(path.join(workspace, '.npmrc'), [workspace]), ConfigEditError);
    await assert.rejects(assertTokenFileOutsideWorkspaces(path.join(workspace, 'sub', 'new', 'pip.conf'), [workspace]), /inside the workspace folder/);
    const home = path.join(dir, 'home');
    await fs.mkdir(home);
    await fs.writeFile(path.join(workspace, 'npmrc'), '');
    await fs.symlink(path.join(workspace, 'npmrc'), path.join(home, '.npmrc'));
    await assert.rejects(assertTokenFileOutsideWorkspaces(path.join(home, '.npmrc'), [workspace]), ConfigEditError);
    await assertTokenFileOutsideWorkspaces(path.join(home, '.pypirc'), [workspace]);
    await assertTokenFileOutsideWorkspaces(path.join(dir, 'project-other', '.npmrc'), [workspace]);
  });

  it('compares paths case-insensitively where the file system does', () => {
    assert.equal(isInside('/Users/Me/Proj/.npmrc', '/users/me/proj', 'darwin'), true);
    assert.equal(isInside('/Users/Me/Proj/.npmrc', '/users/me/proj', 'linux'), false);
    assert.equal(isInside('/a/bc', '/a/b', 'linux'), false);
  });

  it('finds each client\'s user-level file', () => {
    const home = '/home/u';
    assert.equal(userNpmrcPath({ env: {}, home }), '/home/u/.npmrc');
    assert.equal(userNpmrcPath({ env: { npm_config_userconfig: '/etc/x/npmrc' }, home }), '/etc/x/npmrc');
    assert.equal(userNpmrcPath({ env: { NPM_CONFIG_USERCONFIG: '' }, home }), '/home/u/.npmrc');
    assert.equal(userPipConfigPath({ env: {}, home, platform: 'linux' }), '/home/u/.config/pip/pip.conf');
    assert.equal(userPipConfigPath({ env: { XDG_CONFIG_HOME: '/x' }, home, platform: 'darwin' }), '/x/pip/pip.conf');
    assert.equal(userPipConfigPath({ env: { PIP_CONFIG_FILE: '/p/pip.conf' }, home }), '/p/pip.conf');
    assert.equal(userPipConfigPath({ env: { APPDATA: 'C:/AppData' }, home, platform: 'win32' }), path.join('C:/AppData', 'pip', 'pip.ini'));
    assert.equal(mavenSettingsPath({ env: {}, home }), '/home/u/.m2/settings.xml');
    assert.equal(userYarnrcPath({ env: {}, home }), '/home/u/.yarnrc.yml');
    assert.equal(gradleInitScriptPath({ env: { GRADLE_USER_HOME: '/g' }, home }, 'codeartifact-d-r'), '/g/init.d/codeartifact-d-r.gradle');
  });
});
