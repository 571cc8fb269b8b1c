// Reading files a workspace controls: never a device, a FIFO or more than the limit.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileTooLargeError, NotRegularFileError, readTextFileBounded, readTextFileIfPresent } from '../../../src/core/boundedRead';

describe('bounded reads of workspace files', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ca-bounded-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('reads a small file, and one of exactly the limit', async () => {
    await fs.writeFile(path.join(dir, 'a'), 'registry=x\n');
    assert.equal(await readTextFileBounded(path.join(dir, 'a')), 'registry=x\n');
    await fs.writeFile(path.join(dir, 'b'), 'x'.repeat(100));
    assert.equal((await readTextFileBounded(path.join(dir, 'b'), { maxBytes: 100 })).length, 100);
  });

  it('refuses a file one byte over the limit', async () => {
    await fs.writeFile(path.join(dir, 'big'), 'x'.repeat(101));
    await assert.rejects(readTextFileBounded(path.join(dir, 'big'), { maxBytes: 100 }), FileTooLargeError);
  });

  it('refuses /dev/zero, directly and through a symlink, without reading it', async () => {
    await assert.rejects(readTextFileBounded('/dev/zero'), NotRegularFileError);
    await fs.symlink('/dev/zero', path.join(dir, '.npmrc'));
    await assert.rejects(readTextFileBounded(path.join(dir, '.npmrc')), NotRegularFileError);
  });

  it('refuses a FIFO at once instead of waiting for a writer', async function () {
    if (process.platform === 'win32') this.skip();
    const fifo = path.join(dir, 'pip.conf');
    execFileSync('mkfifo', [fifo]);
    await assert.rejects(readTextFileBounded(fifo), NotRegularFileError);
  });

  it('refuses a directory', async () => {
    await assert.rejects(readTextFileBounded(dir), NotRegularFileError);
  });

  it('a missing file is ENOENT, or undefined from readTextFileIfPresent', async () => {
    await assert.rejects(readTextFileBounded(path.join(dir, 'nope')), (err: NodeJS.ErrnoException) => err.code === 'ENOENT');
    assert.equal(await readTextFileIfPresent(path.join(dir, 'nope')), undefined);
    assert.equal(await readTextFileIfPresent(path.join(dir, 'nope', 'deeper')), undefined);
    await assert.rejects(readTextFileIfPresent('/dev/zero'), NotRegularFileError);
  });
});
