// Repository setup through the real SDK against the emulator: what the commands send (CreateRepository,
// UpdateRepository with the whole list in priority order, Associate/DisassociateExternalConnection) and the
// service's refusals (bad name, eleventh upstream, second external connection, unknown upstream).
import assert from 'node:assert/strict';
import { adminApiOf, type CodeArtifactAdminApi } from '../../src/aws/adminApi';
import { SdkCodeArtifactApi } from '../../src/aws/codeArtifactApi';
import { CodeArtifactError } from '../../src/aws/errors';
import { withUpstreamAdded, withUpstreamMoved, withUpstreamRemoved } from '../../src/core/repositorySetup';
import { parsePolicy } from '../emulator/iam';
import { startEmulator, type Emulator } from '../emulator/server';

const OWNER = '111122223333';
const KEY = 'AKIASETUP0000000001';

describe('repository setup against the emulator (real SDK)', function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let api: SdkCodeArtifactApi;
  let admin: CodeArtifactAdminApi;
  const ref = (repository: string) => ({ domain: 'acme', domainOwner: OWNER, repository });

  before(async () => {
    emulator = await startEmulator({
      seed: {
        accounts: { [KEY]: OWNER },
        domains: [{ name: 'acme', owner: OWNER, region: 'us-west-2', repositories: Array.from({ length: 12 }, (_, i) => ({ name: `r${i}` })) }],
      },
      port: 0,
    });
    api = new SdkCodeArtifactApi({ region: 'us-west-2', endpoint: emulator.endpoint, credentials: { accessKeyId: KEY, secretAccessKey: 'x' } });
    admin = adminApiOf(api)!;
  });
  after(async () => {
    api?.dispose();
    await emulator?.stop();
  });

  it('creates a repository with a description and upstreams in order; refuses a name the model refuses', async () => {
    const created = await admin.createRepository(ref('app'), { description: 'Apps', upstreams: ['r2', 'r1'] });
    assert.equal(created.name, 'app');
    assert.equal(created.description, 'Apps');
    assert.deepEqual(created.upstreams, ['r2', 'r1']);
    await assert.rejects(admin.createRepository(ref('-bad'), {}), (e: unknown) => e instanceof CodeArtifactError && e.kind === 'validation');
    await assert.rejects(admin.createRepository(ref('app'), {}), /already exists/);
  });

  it('adds, moves and removes upstreams: the list the service keeps is the list sent', async () => {
    let current = (await api.describeRepository(ref('app'))).upstreams;
    current = (await admin.setUpstreams(ref('app'), withUpstreamAdded('app', current, 'r3'))).upstreams;
    assert.deepEqual(current, ['r2', 'r1', 'r3']);
    current = (await admin.setUpstreams(ref('app'), withUpstreamMoved('app', current, 'r3', -1)!)).upstreams;
    assert.deepEqual(current, ['r2', 'r3', 'r1']);
    current = (await admin.setUpstreams(ref('app'), withUpstreamRemoved('app', current, 'r2'))).upstreams;
    assert.deepEqual(current, ['r3', 'r1']);
    assert.deepEqual((await api.describeRepository(ref('app'))).upstreams, ['r3', 'r1']);
  });

  it('refuses an eleventh upstream (quota), an unknown one and itself', async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `r${i}`);
    await assert.rejects(admin.setUpstreams(ref('app'), eleven), /at most 10/);
    await assert.rejects(admin.setUpstreams(ref('app'), ['nope']), (e: unknown) => e instanceof CodeArtifactError && e.kind === 'notFound');
    await assert.rejects(admin.setUpstreams(ref('app'), ['app']), (e: unknown) => e instanceof CodeArtifactError && e.kind === 'validation');
  });

  it('associates one external connection, refuses a second, disassociates', async () => {
    const withNpm = await admin.associateExternalConnection(ref('r5'), 'public:npmjs');
    assert.deepEqual(withNpm.externalConnections.map((c) => [c.name, c.format]), [['public:npmjs', 'npm']]);
    await assert.rejects(admin.associateExternalConnection(ref('r5'), 'public:pypi'), /only one/);
    await assert.rejects(admin.associateExternalConnection(ref('r6'), 'public:nowhere'), (e: unknown) => e instanceof CodeArtifactError && e.kind === 'validation');
    const none = await admin.disassociateExternalConnection(ref('r5'), 'public:npmjs');
    assert.deepEqual(none.externalConnections, []);
    await assert.rejects(admin.disassociateExternalConnection(ref('r5'), 'public:npmjs'), (e: unknown) => e instanceof CodeArtifactError && e.kind === 'notFound');
  });

  it('adding an upstream needs AssociateWithDownstreamRepository on the upstream (IAM on): denied without it, allowed with it', async () => {
    emulator.store.iamEnforced = true;
    const key = 'AKIASETUPDEV0000001';
    const policy = (actions: string[]) =>
      parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] }, 'identity');
    emulator.store.identities.set(key, { accessKeyId: key, account: OWNER, arn: `arn:aws:iam::${OWNER}:user/dev`, policies: [policy(['codeartifact:UpdateRepository', 'codeartifact:DescribeRepository'])] });
    const dev = new SdkCodeArtifactApi({ region: 'us-west-2', endpoint: emulator.endpoint, credentials: { accessKeyId: key, secretAccessKey: 'x' } });
    try {
      const devAdmin = adminApiOf(dev)!;
      const current = (await dev.describeRepository(ref('r7'))).upstreams;
      await assert.rejects(devAdmin.setUpstreams(ref('r7'), withUpstreamAdded('r7', current, 'r8')), (e: unknown) => e instanceof CodeArtifactError && e.kind === 'accessDenied' && /AssociateWithDownstreamRepository/.test(e.message) && /repository\/acme\/r8/.test(e.message));
      emulator.store.identities.set(key, { accessKeyId: key, account: OWNER, arn: `arn:aws:iam::${OWNER}:user/dev`, policies: [policy(['codeartifact:UpdateRepository', 'codeartifact:DescribeRepository', 'codeartifact:AssociateWithDownstreamRepository'])] });
      assert.deepEqual((await devAdmin.setUpstreams(ref('r7'), ['r8'])).upstreams, ['r8']);
      // Reordering or removing adds nothing: UpdateRepository alone is enough.
      emulator.store.identities.set(key, { accessKeyId: key, account: OWNER, arn: `arn:aws:iam::${OWNER}:user/dev`, policies: [policy(['codeartifact:UpdateRepository'])] });
      assert.deepEqual((await devAdmin.setUpstreams(ref('r7'), [])).upstreams, []);
    } finally {
      dev.dispose();
      emulator.store.iamEnforced = false;
    }
  });
});
