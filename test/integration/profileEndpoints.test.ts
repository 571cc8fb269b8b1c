// Differential: the real AWS CLI and the extension read the same ~/.aws/config (a `services` section, a profile
// `endpoint_url`) and must reach the same endpoint. Needs a CLI with configured endpoint URLs (botocore >= 1.31);
// Debian's awscli 2.9 predates them, so the test uses the `aws` on PATH and says so when it is too old.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readCaBundle, readProfileConnection } from '../../src/aws/profileConnection';
import { SdkCodeArtifactApi } from '../../src/aws/codeArtifactApi';
import { startEmulator, type Emulator } from '../emulator/server';
import { startTlsProxy } from '../unit/aws/tlsProxy';
import { DEMO_ACCESS_KEYS } from '../fixtures/makeDemoSeed';
import { clientEnv, describe as describeRun, findTool, makeTempDir, removeDir, run } from './helpers';

describe('profile endpoints: the AWS CLI and the extension agree', function () {
  this.timeout(120_000);
  let emu: Emulator;
  let home: string | undefined;
  let aws: string | undefined;

  before(async function () {
    aws = findTool('aws');
    if (aws) {
      const version = await run(aws, ['--version'], { timeoutMs: 30_000 });
      const botocore = /botocore\/(\d+)\.(\d+)/.exec(version.stdout + version.stderr);
      const cli2 = /aws-cli\/2\.(\d+)/.exec(version.stdout + version.stderr);
      const supports = (botocore && (Number(botocore[1]) > 1 || Number(botocore[2]) >= 31)) || (cli2 && Number(cli2[1]) >= 13);
      if (!supports) aws = undefined;
    }
    emu = await startEmulator({ seed: join(__dirname, '..', '..', '..', 'test', 'fixtures', 'demo-seed.json') });
    home = await makeTempDir('profile-endpoints');
  });
  after(async () => {
    await emu?.stop();
    await removeDir(home);
  });

  it('ca_bundle: both trust the profile’s CA for an https endpoint with its own certificate, and neither trusts it without', async function () {
    if (!aws || !home) this.skip();
    const proxy = await startTlsProxy(emu.endpoint);
    if (!proxy) this.skip();
    try {
      const config = join(home, 'config');
      await writeFile(join(home, 'credentials'), `[ep]\naws_access_key_id = ${DEMO_ACCESS_KEYS.acme}\naws_secret_access_key = s\n`);
      const env = clientEnv(home, { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'), AWS_PAGER: '' });
      for (const k of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_CODEARTIFACT', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_CA_BUNDLE', 'NODE_EXTRA_CA_CERTS', 'REQUESTS_CA_BUNDLE']) delete env[k];
      for (const trusting of [false, true]) {
        await writeFile(config, `[profile ep]\nregion = us-west-2\nendpoint_url = ${proxy.endpoint}\n${trusting ? `ca_bundle = ${proxy.certFile}\n` : ''}`);
        const cli = await run(aws, ['codeartifact', 'list-domains', '--profile', 'ep', '--output', 'json'], { env, timeoutMs: 60_000 });
        const ours = await readProfileConnection(undefined, 'ep', env);
        const api = new SdkCodeArtifactApi({
          region: 'us-west-2',
          endpoint: ours.endpoint?.url,
          credentials: { accessKeyId: DEMO_ACCESS_KEYS.acme, secretAccessKey: 's' },
          maxAttempts: 1,
          ...(ours.caBundle ? { caBundle: await readCaBundle(ours.caBundle) } : {}),
        });
        try {
          const page = await api.listDomains().then((p) => p, () => undefined);
          assert.equal(cli.code === 0, trusting, describeRun(cli));
          assert.equal(page !== undefined, trusting, 'the extension agrees with the CLI');
        } finally {
          api.dispose();
        }
      }
    } finally {
      await proxy.stop();
    }
  });

  for (const [name, section] of [
    ['a services section', (url: string) => `[profile ep]\nregion = us-west-2\nservices = local\n[services local]\ncodeartifact =\n  endpoint_url = ${url}\n`],
    ['a profile endpoint_url', (url: string) => `[profile ep]\nregion = us-west-2\nendpoint_url = ${url}\n`],
  ] as const) {
    it(`${name}: both reach the emulator (skipped without an AWS CLI that reads configured endpoints)`, async function () {
      if (!aws || !home) this.skip();
      const config = join(home, 'config');
      await writeFile(config, section(emu.endpoint));
      await writeFile(join(home, 'credentials'), `[ep]\naws_access_key_id = ${DEMO_ACCESS_KEYS.acme}\naws_secret_access_key = s\n`);
      const env = clientEnv(home, { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'), AWS_PAGER: '' });
      for (const k of ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_CODEARTIFACT', 'AWS_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']) delete env[k];

      emu.resetStats();
      const cli = await run(aws, ['codeartifact', 'list-domains', '--profile', 'ep', '--output', 'json'], { env, timeoutMs: 60_000 });
      assert.equal(cli.code, 0, describeRun(cli));
      assert.equal(emu.stats.operations.ListDomains, 1, 'the CLI reached the emulator');

      const ours = await readProfileConnection(undefined, 'ep', env);
      assert.equal(ours.endpoint?.url, emu.endpoint);
      const api = new SdkCodeArtifactApi({ region: 'us-west-2', endpoint: ours.endpoint.url, credentials: { accessKeyId: DEMO_ACCESS_KEYS.acme, secretAccessKey: 's' } });
      try {
        const page = await api.listDomains();
        const fromCli = JSON.parse(cli.stdout) as { domains: { name: string }[] };
        assert.deepEqual(page.items.map((d) => d.name), fromCli.domains.map((d) => d.name));
      } finally {
        api.dispose();
      }
      assert.equal(emu.stats.operations.ListDomains, 2);
    });
  }
});
