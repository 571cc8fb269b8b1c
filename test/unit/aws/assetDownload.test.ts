// Downloading an asset against the emulator: the bytes the repository serves end up in the chosen file only when
// their hash is the one ListPackageVersionAssets listed; a mismatch, a wrong size, a cancellation or a missing
// asset leaves no file behind (and an existing file untouched).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AssetDownloadError, downloadAsset, suggestedFileName } from '../../../src/aws/assetDownload';
import type { AssetInfo, SdkCodeArtifactApi, VersionRef } from '../../../src/aws/codeArtifactApi';
import type { Seed } from '../../emulator/seed';
import { failure, OWNER, seededEmulator, testSeed } from './testSeed';

const BIG = 17 * 1024 * 1024; // past the API layer's 16 MiB limit for answers: an asset is not an answer

function seed(): Seed {
  const s = testSeed();
  s.packages?.push({
    domain: 'acme',
    repository: 'shared',
    format: 'generic',
    namespace: 'tools',
    name: 'bundle',
    versions: [{ version: '1.0.0', assets: { 'big.bin': { base64: Buffer.alloc(BIG, 7).toString('base64') }, 'small.txt': { text: 'hello asset' } } }],
  });
  return s;
}

async function expectDownloadError(p: Promise<unknown>, reason: AssetDownloadError['reason']): Promise<AssetDownloadError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof AssetDownloadError, `expected an AssetDownloadError, got ${String(err)}`);
    assert.equal(err.reason, reason, err.message);
    return err;
  }
  assert.fail(`expected the download to fail with ${reason}`);
}

describe('downloadAsset', () => {
  const seeded = seededEmulator({ seed });
  let api: SdkCodeArtifactApi;
  let dir: string;
  const uiKit: VersionRef = { domain: 'acme', domainOwner: OWNER, repository: 'shared', format: 'npm', namespace: 'acme', package: 'ui-kit', version: '2.1.0' };
  const bundle: VersionRef = { domain: 'acme', domainOwner: OWNER, repository: 'shared', format: 'generic', namespace: 'tools', package: 'bundle', version: '1.0.0' };

  before(() => {
    api = seeded.api({ maxAttempts: 1 });
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ca-download-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function listed(ref: VersionRef, name?: string): Promise<AssetInfo> {
    const page = await api.listAssets(ref);
    const asset = name ? page.items.find((a) => a.name === name) : page.items[0];
    assert.ok(asset, `no asset ${name ?? ''} listed for ${ref.package}`);
    return asset;
  }

  it('saves the asset, and its SHA-256 is the one ListPackageVersionAssets listed', async () => {
    const asset = await listed(uiKit);
    const target = path.join(dir, suggestedFileName(asset.name));
    const progress: number[] = [];
    const result = await downloadAsset(api, uiKit, asset, target, { onProgress: (received) => progress.push(received) });
    const bytes = fs.readFileSync(target);
    assert.equal(result.algorithm, 'SHA-256');
    assert.equal(createHash('sha256').update(bytes).digest('hex'), asset.hashes['SHA-256']);
    assert.equal(result.bytes, bytes.length);
    assert.equal(bytes.length, asset.size);
    assert.equal(progress.at(-1), bytes.length);
    assert.deepEqual(fs.readdirSync(dir), [path.basename(target)], 'no temporary file is left beside it');
  });

  it('streams an asset larger than the limit for API answers', async () => {
    const asset = await listed(bundle, 'big.bin');
    assert.equal(asset.size, BIG);
    const target = path.join(dir, 'big.bin');
    await downloadAsset(api, bundle, asset, target);
    assert.equal(fs.statSync(target).size, BIG);
  });

  it('a hash that does not match saves nothing and leaves an existing file as it was', async () => {
    const asset = await listed(bundle, 'small.txt');
    const target = path.join(dir, 'small.txt');
    fs.writeFileSync(target, 'the file that was there');
    await expectDownloadError(downloadAsset(api, bundle, { ...asset, hashes: { 'SHA-256': '0'.repeat(64) } }, target), 'hashMismatch');
    assert.equal(fs.readFileSync(target, 'utf8'), 'the file that was there');
    assert.deepEqual(fs.readdirSync(dir), ['small.txt']);
  });

  it('more or fewer bytes than listed save nothing', async () => {
    const asset = await listed(bundle, 'small.txt');
    const target = path.join(dir, 'small.txt');
    await expectDownloadError(downloadAsset(api, bundle, { ...asset, size: 3 }, target), 'sizeMismatch');
    await expectDownloadError(downloadAsset(api, bundle, { ...asset, size: 1000 }, target), 'sizeMismatch');
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('without a SHA-256 or SHA-512 to check against, nothing is requested or saved', async () => {
    const asset = await listed(bundle, 'small.txt');
    seeded.emu.resetStats();
    await expectDownloadError(downloadAsset(api, bundle, { ...asset, hashes: { MD5: asset.hashes['MD5'] ?? 'x' } }, path.join(dir, 'a')), 'noHash');
    assert.equal(seeded.emu.stats.requests, 0);
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('cancelled while the bytes arrive: nothing is saved', async () => {
    const asset = await listed(bundle, 'big.bin');
    const controller = new AbortController();
    const target = path.join(dir, 'big.bin');
    await expectDownloadError(
      downloadAsset(api, bundle, asset, target, {
        signal: controller.signal,
        onProgress: (received) => received > 1024 * 1024 && controller.abort(),
      }),
      'cancelled',
    );
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('an asset the version does not have is CodeArtifact’s not-found error, and nothing is written', async () => {
    const asset = await listed(bundle, 'small.txt');
    const err = await failure(downloadAsset(api, bundle, { ...asset, name: 'nope.txt' }, path.join(dir, 'nope.txt')));
    assert.equal(err.kind, 'notFound');
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('suggests a file name a file system takes: the last segment, without path or control characters', () => {
    assert.equal(suggestedFileName('com/acme/core/1.0/core-1.0.jar'), 'core-1.0.jar');
    assert.equal(suggestedFileName('..\\..\\evil.sh'), 'evil.sh');
    assert.equal(suggestedFileName('a\u0000b:c?.txt'), 'a_b_c_.txt');
    assert.equal(suggestedFileName('../..'), 'asset');
    assert.equal(suggestedFileName('.bashrc'), 'bashrc');
  });
});
