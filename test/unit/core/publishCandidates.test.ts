// What "Publish to CodeArtifact" offers for a folder: package.json (not private), pom.xml coordinates, dist/ files.
import assert from 'node:assert/strict';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publishCandidates } from '../../../src/publish/publishCandidates';

describe('publish candidates of a folder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'candidates-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('offers npm, Maven and twine with names and versions', async () => {
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: '@acme/ui-kit', version: '2.1.0' }));
    await writeFile(join(dir, 'pom.xml'), '<project><groupId>com.acme</groupId><artifactId>greeting</artifactId><version>1.1</version></project>');
    await mkdir(join(dir, 'dist'));
    await writeFile(join(dir, 'dist', 'acme_utils-1.1.0-py3-none-any.whl'), 'x');
    await writeFile(join(dir, 'dist', 'acme_utils-1.1.0.tar.gz'), 'x');
    await writeFile(join(dir, 'dist', 'notes.txt'), 'x');
    const c = await publishCandidates(dir);
    assert.deepEqual(c.map((x) => [x.tool, x.name, x.version]), [
      ['npm', '@acme/ui-kit', '2.1.0'],
      ['maven', 'com.acme:greeting', '1.1'],
      ['twine', 'acme_utils', '1.1.0'],
    ]);
    assert.deepEqual(c[2]?.files, [join(dir, 'dist', 'acme_utils-1.1.0-py3-none-any.whl'), join(dir, 'dist', 'acme_utils-1.1.0.tar.gz')]);
  });

  it('a private package.json, one without a version and an empty folder offer nothing', async () => {
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    assert.deepEqual(await publishCandidates(dir), []);
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: 'app' }));
    assert.deepEqual(await publishCandidates(dir), []);
  });
});
