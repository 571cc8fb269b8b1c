// Generic packages go through the control plane only (no data plane, no external connection): PublishPackageVersion
// with the AWS SDK, checked as botocore's model and the user guide say (SHA-256 of the content, namespace required,
// the model's name patterns, Unfinished until the last asset), then GetPackageVersionAsset gives the bytes back.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { CodeartifactClient, GetPackageVersionAssetCommand, PublishPackageVersionCommand, AssociateExternalConnectionCommand } from '@aws-sdk/client-codeartifact';
import { startEmulator, type Emulator } from '../../emulator/server';
import type { Seed } from '../../emulator/seed';

const OWNER = '111122223333';
const seed: Seed = { accounts: { AKIAGENERICPUBLISH01: OWNER }, domains: [{ name: 'acme', owner: OWNER, repositories: [{ name: 'files' }] }] };

describe('emulator: generic packages (control plane)', () => {
  let emu: Emulator;
  let client: CodeartifactClient;
  before(async () => {
    emu = await startEmulator({ seed, port: 0 });
    client = new CodeartifactClient({ region: 'us-east-1', endpoint: emu.endpoint, credentials: { accessKeyId: 'AKIAGENERICPUBLISH01', secretAccessKey: 'x' }, maxAttempts: 1 });
  });
  after(async () => {
    client.destroy();
    await emu.stop();
  });

  const body = Buffer.from('hello generic\n');
  const sha = createHash('sha256').update(body).digest('hex');
  const publish = (over: Partial<ConstructorParameters<typeof PublishPackageVersionCommand>[0]> = {}) =>
    client.send(new PublishPackageVersionCommand({ domain: 'acme', repository: 'files', format: 'generic', namespace: 'tools', package: 'greeter', packageVersion: '1.0.0', assetName: 'greeter.txt', assetContent: body, assetSHA256: sha, ...over }));

  it('publishes an asset (Unfinished until the last one), refuses a wrong SHA-256 and a missing namespace, and gives the bytes back', async () => {
    const first = await publish({ unfinished: true });
    assert.equal(first.status, 'Unfinished');
    assert.equal(first.asset?.hashes?.['SHA-256'], sha);
    const last = await publish({ assetName: 'readme.md', unfinished: false });
    assert.equal(last.status, 'Published');
    const asset = await client.send(new GetPackageVersionAssetCommand({ domain: 'acme', repository: 'files', format: 'generic', namespace: 'tools', package: 'greeter', packageVersion: '1.0.0', asset: 'greeter.txt' }));
    assert.equal(Buffer.from(await asset.asset!.transformToByteArray()).toString(), 'hello generic\n');
    assert.equal(asset.assetName, 'greeter.txt');
    await assert.rejects(publish({ packageVersion: '1.0.1', assetSHA256: '0'.repeat(64) }), (e: Error) => e.name === 'ValidationException' && /does not match/.test(e.message));
    await assert.rejects(publish({ packageVersion: '1.0.2', namespace: undefined }), (e: Error) => e.name === 'ValidationException' && /namespace/.test(e.message));
    await assert.rejects(publish({ packageVersion: '1.0.0' }), (e: Error) => e.name === 'ConflictException');
  });

  it('holds names to the model\'s patterns and has no external connection for generic', async () => {
    for (const bad of [{ packageVersion: '1.0 beta' }, { packageVersion: 'a/b' }, { package: 'a#b' }, { assetName: 'bad\u0007name' }, { assetName: 'x'.repeat(256) }]) {
      await assert.rejects(publish(bad), (e: Error) => e.name === 'ValidationException', JSON.stringify(bad).slice(0, 60));
    }
    await assert.rejects(client.send(new AssociateExternalConnectionCommand({ domain: 'acme', repository: 'files', externalConnection: 'public:generic' })), (e: Error) => e.name === 'ValidationException' || e.name === 'ResourceNotFoundException');
  });
});
