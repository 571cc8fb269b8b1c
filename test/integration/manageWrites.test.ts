// The explorer's writes seen by real package managers: a version promoted (CopyPackageVersions, through the same
// batches the command uses) installs from the target repository with npm and pip; an Unlisted one is no longer
// offered (npm view, pip index versions, the simple page) while a lockfile's pin still downloads it; an Archived one
// is not even downloadable by its exact version. Real mvn: manageWritesMaven.test.ts.
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SdkCodeArtifactApi, type PackageRef } from '../../src/aws/codeArtifactApi';
import { runBulk } from '../../src/manage/batches';
import { startEmulator, type Emulator } from '../emulator/server';
import type { Seed } from '../emulator/seed';
import { clientEnv, describe as explain, makeTempDir, pipIndexUrl, removeDir, repoUrl, requireTool, run, tokenFor, writeFiles, writeNpmrc } from './helpers';

const OWNER = '111122223333';
const seed: Seed = {
  domains: [{ name: 'acme', owner: OWNER, region: 'us-west-2', repositories: [{ name: 'dev' }, { name: 'prod' }] }],
  packages: [
    { domain: 'acme', repository: 'dev', format: 'npm', namespace: 'acme', name: 'ui-kit', versions: [{ version: '1.0.0', publishedTime: '2025-01-01T00:00:00Z' }, { version: '1.1.0', publishedTime: '2025-02-01T00:00:00Z' }] },
    { domain: 'acme', repository: 'dev', format: 'pypi', name: 'acme-tools', versions: [{ version: '1.0.0', publishedTime: '2025-01-01T00:00:00Z' }, { version: '1.1.0', publishedTime: '2025-02-01T00:00:00Z' }] },
  ],
};

const UI: PackageRef = { domain: 'acme', domainOwner: OWNER, repository: 'dev', format: 'npm', namespace: 'acme', package: 'ui-kit' };
const TOOLS: PackageRef = { domain: 'acme', domainOwner: OWNER, repository: 'dev', format: 'pypi', package: 'acme-tools' };

describe('manage writes seen by npm and pip', function () {
  this.timeout(180_000);
  let emulator: Emulator;
  let api: SdkCodeArtifactApi;
  let home: string | undefined;
  let work: string | undefined;

  before(async () => {
    requireTool('npm', 'npm');
    requireTool('python3', 'python3-pip');
    emulator = await startEmulator({ seed, port: 0 });
    api = new SdkCodeArtifactApi({ region: 'us-west-2', endpoint: emulator.endpoint, credentials: { accessKeyId: 'AKIAEXAMPLE000000001', secretAccessKey: 'x' } });
  });
  after(async () => {
    api?.dispose();
    await emulator?.stop();
  });
  beforeEach(async () => {
    home = await makeTempDir('manage-home');
    work = await makeTempDir('manage-work');
  });
  afterEach(async () => {
    await removeDir(home);
    await removeDir(work);
  });

  const copy = (pkg: PackageRef, versions: string[]) => runBulk([{ pkg, versions }], (job, list) => api.writes().copyPackageVersions({ source: job.pkg, destinationRepository: 'prod', versions: list }));
  const unlist = (pkg: PackageRef, versions: string[]) => runBulk([{ pkg, versions, expectedStatus: 'Published' }], (job, list) => api.writes().updatePackageVersionsStatus(job.pkg, list, 'Unlisted', 'Published'));

  const archive = (pkg: PackageRef, versions: string[], from: 'Published' | 'Unlisted' = 'Published') =>
    runBulk([{ pkg, versions, expectedStatus: from }], (job, list) => api.writes().updatePackageVersionsStatus(job.pkg, list, 'Archived', from));

  const npm = async (repository: string, args: string[]) => {
    const token = tokenFor(emulator, 'acme', OWNER);
    await writeNpmrc(home ?? '', repoUrl(emulator, 'acme', OWNER, 'npm', repository), token);
    const result = await run('npm', args, { cwd: work ?? '', env: clientEnv(home ?? ''), timeoutMs: 120_000 });
    return { result, token };
  };
  const pip = (repository: string, args: string[]) => {
    const token = tokenFor(emulator, 'acme', OWNER);
    const index = pipIndexUrl(repoUrl(emulator, 'acme', OWNER, 'pypi', repository), token);
    return run('python3', ['-m', 'pip', ...args, '--no-input', '--disable-pip-version-check', '--index-url', index], { cwd: work ?? '', env: clientEnv(home ?? ''), timeoutMs: 120_000 }).then((result) => ({ result, token }));
  };

  it('npm: a promoted version installs from the target repository; an unlisted one is not offered', async () => {
    const missing = await npm('prod', ['view', '@acme/ui-kit', 'versions', '--json']);
    assert.notEqual(missing.result.code, 0, 'prod does not have the package before the promotion');

    const copied = await copy(UI, ['1.1.0']);
    assert.deepEqual(copied.succeeded.map((s) => s.version), ['1.1.0']);
    await writeFiles(work ?? '', { 'package.json': JSON.stringify({ name: 'app', version: '1.0.0', private: true }) });
    const installed = await npm('prod', ['install', '--no-audit', '--no-fund', '@acme/ui-kit@1.1.0']);
    assert.equal(installed.result.code, 0, explain(installed.result, [installed.token]));
    const manifest = JSON.parse(await readFile(join(work ?? '', 'node_modules', '@acme', 'ui-kit', 'package.json'), 'utf8')) as { version: string };
    assert.equal(manifest.version, '1.1.0');

    const listedBefore = await npm('dev', ['view', '@acme/ui-kit', 'versions', '--json']);
    assert.deepEqual(JSON.parse(listedBefore.result.stdout), ['1.0.0', '1.1.0']);
    const unlisted = await unlist(UI, ['1.1.0']);
    assert.equal(unlisted.succeeded[0]?.status, 'Unlisted');
    const listedAfter = await npm('dev', ['view', '@acme/ui-kit', 'versions', '--json']);
    assert.deepEqual([JSON.parse(listedAfter.result.stdout)].flat(), ['1.0.0'], 'npm view no longer offers 1.1.0');
    const ranged = await npm('dev', ['install', '--no-audit', '--no-fund', '@acme/ui-kit@^1.0.0']);
    assert.equal(ranged.result.code, 0, explain(ranged.result, [ranged.token]));
    const picked = JSON.parse(await readFile(join(work ?? '', 'node_modules', '@acme', 'ui-kit', 'package.json'), 'utf8')) as { version: string };
    assert.equal(picked.version, '1.0.0', 'a range no longer resolves to the unlisted version');
  });

  it('pip: a promoted version downloads from the target; an unlisted one leaves pip index and the simple page', async () => {
    const before = await pip('prod', ['download', '--no-cache-dir', '--no-deps', '--dest', work ?? '', 'acme-tools==1.1.0']);
    assert.notEqual(before.result.code, 0, 'prod does not have it before the promotion');
    const copied = await copy(TOOLS, ['1.1.0']);
    assert.equal(copied.succeeded.length, 1);
    const after = await pip('prod', ['download', '--no-cache-dir', '--no-deps', '--dest', work ?? '', 'acme-tools==1.1.0']);
    assert.equal(after.result.code, 0, explain(after.result, [after.token]));

    const indexBefore = await pip('dev', ['index', 'versions', 'acme-tools']);
    assert.match(indexBefore.result.stdout, /Available versions: 1\.1\.0, 1\.0\.0/, explain(indexBefore.result, [indexBefore.token]));
    await unlist(TOOLS, ['1.1.0']);
    const indexAfter = await pip('dev', ['index', 'versions', 'acme-tools']);
    assert.match(indexAfter.result.stdout, /Available versions: 1\.0\.0\s*$/m, explain(indexAfter.result, [indexAfter.token]));
    const token = tokenFor(emulator, 'acme', OWNER);
    const page = await fetch(`${repoUrl(emulator, 'acme', OWNER, 'pypi', 'dev')}simple/acme-tools/`, { headers: { authorization: `Bearer ${token}` } });
    const html = await page.text();
    assert.equal(page.status, 200);
    assert.doesNotMatch(html, /1\.1\.0/, 'the simple page leaves the unlisted version out');
    assert.match(html, /1\.0\.0/);
  });

  // AWS User Guide, Package version status: an Archived version's assets can no longer be downloaded and it is
  // not in the version lists either. A lockfile reaches the tarball without the version list (as it does for an
  // Unlisted version), so `npm ci` is what tells Archived from Unlisted.
  it('Unlisted then Archived: npm ci from a lockfile that pins the version works while Unlisted and fails once Archived; npm view and pip no longer offer it', async () => {
    await writeFiles(work ?? '', { 'package.json': JSON.stringify({ name: 'app', version: '1.0.0', private: true }) });
    const locked = await npm('dev', ['install', '--no-audit', '--no-fund', '@acme/ui-kit@1.0.0']);
    assert.equal(locked.result.code, 0, explain(locked.result, [locked.token]));
    const lock = await readFile(join(work ?? '', 'package-lock.json'), 'utf8');
    assert.match(lock, /ui-kit-1\.0\.0\.tgz/, 'the lockfile pins the tarball');

    const ci = async () => {
      await rm(join(work ?? '', 'node_modules'), { recursive: true, force: true });
      await rm(join(home ?? '', '.npm'), { recursive: true, force: true });
      return npm('dev', ['ci', '--no-audit', '--no-fund']);
    };
    // Unlisted first: the lockfile still installs it (the docs' package-lock.json case).
    await unlist(UI, ['1.0.0']);
    const whileUnlisted = await ci();
    assert.equal(whileUnlisted.result.code, 0, explain(whileUnlisted.result, [whileUnlisted.token]));

    const archived = await archive(UI, ['1.0.0'], 'Unlisted');
    assert.equal(archived.succeeded[0]?.status, 'Archived');
    await archive(TOOLS, ['1.0.0']);
    const afterArchive = await ci();
    assert.notEqual(afterArchive.result.code, 0, explain(afterArchive.result, [afterArchive.token]));
    assert.match(afterArchive.result.stderr, /ui-kit-1\.0\.0\.tgz|E404/, explain(afterArchive.result, [afterArchive.token]));

    const listed = await npm('dev', ['view', '@acme/ui-kit', 'versions', '--json']);
    // With 1.1.0 unlisted by the test above nothing is listed and the packument is a 404.
    const versions = listed.result.code === 0 ? [JSON.parse(listed.result.stdout) as string | string[]].flat() : [];
    assert.ok(!versions.includes('1.0.0'), 'npm view leaves the archived 1.0.0 out');
    const download = await pip('dev', ['download', '--no-cache-dir', '--no-deps', '--dest', work ?? '', 'acme-tools==1.0.0']);
    assert.notEqual(download.result.code, 0, explain(download.result, [download.token]));
    assert.match(download.result.stderr, /No matching distribution/, explain(download.result, [download.token]));
  });
});
