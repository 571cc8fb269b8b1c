import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { assertTokenFileOutsideWorkspaces, isInside, readTextIfExists, removeStaleTempFiles, tempFilePattern, writeFileAtomic } from '../../../../src/core/configFiles/fileWrite';
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

  it('writes through a dangling symlink, creating the file it points to', async () => {
    const target = path.join(dir, 'dotfiles', 'npmrc');
    await fs.mkdir(path.dirname(target));
    const link = path.join(dir, '.npmrc');
    await fs.symlink(path.relative(dir, target), link);
    await writeFileAtomic(link, 'hello', { mode: 0o600 });
    assert.ok((await fs.lstat(link)).isSymbolicLink());
    assert.equal(await fs.readFile(target, 'utf8'), 'hello');
    assert.equal((await fs.stat(target)).mode & 0o777, 0o600);
  });

  it('creates a new file without an asked-for mode as 0644 minus the umask', async () => {
    const file = path.join(dir, 'settings.xml');
    await writeFileAtomic(file, '<settings/>');
    assert.equal((await fs.stat(file)).mode & 0o777, 0o644 & ~process.umask());
  });

  it('the last of several concurrent writes to one file wins, and no temp file stays', async () => {
    const file = path.join(dir, '.npmrc');
    await Promise.all(['1', '2', '3', '4', '5'].map((t) => writeFileAtomic(file, t.repeat(100_000))));
    const text = await fs.readFile(file, 'utf8');
    assert.ok(text === '5'.repeat(100_000), `the file holds ${text.length} × "${text[0] ?? ''}", not the last write`);
    assert.deepEqual(await fs.readdir(dir), ['.npmrc']);
  });

  it('removes its temp file when the write fails', async () => {
    const file = path.join(dir, 'conf');
    await fs.mkdir(file);
    await assert.rejects(writeFileAtomic(file, 'x'));
    assert.deepEqual(await fs.readdir(dir), ['conf']);
  });

  it('removes stale temp files of the target (dead pid, or over 10 minutes old) and nothing else', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    assert.ok(dead && dead !== process.pid);
    const ours = (pid: number, hex = '0123456789ab', base = '.npmrc') => `.${base}.codeartifact-${pid}-${hex}.tmp`;
    const stale = [ours(dead), ours(dead, 'ffffffffffff')];
    const old = ours(process.pid, 'aaaaaaaaaaaa');
    const kept = [
      ours(process.pid),
      '.npmrc.bak',
      '.npmrc.12345abc',
      ours(dead, 'abc'),
      ours(dead, '0123456789AB'),
      `${ours(dead)}.bak`,
      ours(dead, '0123456789ab', 'pip.conf'),
      ours(dead, '0123456789ab', 'xnpmrc'),
      `.npmrc.codeartifact-0-0123456789ab.tmp`,
    ];
    for (const name of [...stale, old, ...kept]) await fs.writeFile(path.join(dir, name), 'token', { mode: 0o600 });
    await fs.mkdir(path.join(dir, ours(dead, 'dddddddddddd')));
    const elevenMinutesAgo = new Date(Date.now() - 11 * 60_000);
    await fs.utimes(path.join(dir, old), elevenMinutesAgo, elevenMinutesAgo);

    const removed = await removeStaleTempFiles(path.join(dir, '.npmrc'));
    assert.deepEqual(removed.map((f) => path.basename(f)).sort(), [...stale, old].sort());
    assert.deepEqual((await fs.readdir(dir)).sort(), [...kept, ours(dead, 'dddddddddddd')].sort());

    await writeFileAtomic(path.join(dir, '.npmrc'), 'x');
    assert.deepEqual((await fs.readdir(dir)).sort(), [...kept, ours(dead, 'dddddddddddd'), '.npmrc'].sort(), 'a write removes nothing more');
  });

  it('the temp-file pattern takes the name literally', () => {
    assert.match('.pip.conf.codeartifact-42-0123456789ab.tmp', tempFilePattern('pip.conf'));
    assert.doesNotMatch('.pipxconf.codeartifact-42-0123456789ab.tmp', tempFilePattern('pip.conf'));
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
