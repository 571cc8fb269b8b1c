// Publish from the workspace, proven with the real tools against the emulator: the exact program, arguments and
// environment "Publish to CodeArtifact" gives its terminal publish a package with real npm (no token in any
// argument or file, a hostile publishConfig.registry ignored), and real npm installs it back. And "Upload Generic
// Package": PublishPackageVersion through the real SDK with the SHA-256 of the streamed file.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { adminApiOf } from '../../src/aws/adminApi';
import { SdkCodeArtifactApi } from '../../src/aws/codeArtifactApi';
import { HttpTransport } from '../../src/aws/httpTransport';
import { npmPublishPlan } from '../../src/core/publishPlan';
import { uploadGenericFile } from '../../src/publish/genericUpload';
import { startEmulator, type Emulator } from '../emulator/server';
import { clientEnv, describe as explain, listFiles, makeTempDir, removeDir, repoUrl, requireTool, run, tokenFor, writeFiles, writeNpmrc } from './helpers';

const OWNER = '111122223333';
const KEY = 'AKIAPUBLISH00000001';

describe('publish from the workspace against the emulator', function () {
  this.timeout(180_000);
  let emulator: Emulator;
  const dirs: string[] = [];
  const temp = async (p: string): Promise<string> => {
    const d = await makeTempDir(p);
    dirs.push(d);
    return d;
  };

  before(async () => {
    emulator = await startEmulator({
      seed: { accounts: { [KEY]: OWNER }, domains: [{ name: 'acme', owner: OWNER, region: 'us-west-2', repositories: [{ name: 'shared' }] }] },
      port: 0,
    });
  });
  after(async () => {
    await emulator?.stop();
    for (const d of dirs) await removeDir(d);
  });

  it('npm publish with the plan\'s argv and env (token only in env), then npm install gets it back', async () => {
    requireTool('npm', 'npm');
    const token = tokenFor(emulator, 'acme', OWNER);
    const endpoint = repoUrl(emulator, 'acme', OWNER, 'npm', 'shared');
    const home = await temp('publish-home');
    const project = await temp('publish-project');
    await writeFiles(project, {
      'package.json': JSON.stringify({
        name: '@acme/published-kit',
        version: '1.4.2',
        main: 'index.js',
        // A hostile project trying to send the publish (and a token) elsewhere.
        publishConfig: { registry: 'http://127.0.0.1:9/evil/' },
      }),
      'index.js': 'module.exports = "kit";\n',
    });
    const plan = npmPublishPlan({ endpoint, token, cwd: project });
    assert.ok(plan.args.every((a) => !a.includes(token)));
    const published = await run(plan.program, [...plan.args], { cwd: plan.cwd, env: clientEnv(home, plan.env) });
    assert.equal(published.code, 0, explain(published, [token]));
    assert.ok(!(await listFiles(home)).some((f) => f.endsWith('.npmrc')), 'no npmrc was written');

    const consumer = await temp('publish-consumer');
    const consumerHome = await temp('publish-consumer-home');
    await writeNpmrc(consumerHome, endpoint, token);
    await writeFiles(consumer, { 'package.json': JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }) });
    const installed = await run('npm', ['install', '--no-audit', '--no-fund', '@acme/published-kit@1.4.2'], { cwd: consumer, env: clientEnv(consumerHome) });
    assert.equal(installed.code, 0, explain(installed, [token]));
    const pkg = JSON.parse(await readFile(join(consumer, 'node_modules', '@acme', 'published-kit', 'package.json'), 'utf8')) as { version: string };
    assert.equal(pkg.version, '1.4.2');
  });

  it('without the token in the environment the same command line is refused (the token really travels there)', async () => {
    const endpoint = repoUrl(emulator, 'acme', OWNER, 'npm', 'shared');
    const project = await temp('publish-noauth');
    await writeFiles(project, { 'package.json': JSON.stringify({ name: '@acme/no-auth', version: '1.0.0' }) });
    const plan = npmPublishPlan({ endpoint, token: 'x', cwd: project });
    const result = await run(plan.program, [...plan.args], { cwd: project, env: clientEnv(await temp('publish-noauth-home')) });
    assert.notEqual(result.code, 0);
  });

  // Both request paths: the SDK's own handler, and our HttpTransport as the extension host uses it (it once
  // dropped a streamed body: headers went, the body never did, and the upload hung until the timeout).
  for (const via of ['the SDK handler', 'HttpTransport'] as const) it(`uploads a generic asset with its streamed SHA-256 (${via}); the service lists the same hash`, async () => {
    const transport = via === 'HttpTransport' ? new HttpTransport() : undefined;
    const version = via === 'HttpTransport' ? '2.0.1' : '2.0.0';
    const api = new SdkCodeArtifactApi({ region: 'us-west-2', endpoint: emulator.endpoint, credentials: { accessKeyId: KEY, secretAccessKey: 'x' }, ...(transport ? { transport, maxAttempts: 1, requestTimeoutMs: 20_000 } : {}) });
    try {
      const dir = await temp('generic');
      const bytes = Buffer.alloc(3 * 1024 * 1024 + 7, 'ab');
      await writeFiles(dir, { 'tool-linux.tar.gz': bytes });
      const repo = { domain: 'acme', domainOwner: OWNER, repository: 'shared' };
      const out = await uploadGenericFile(adminApiOf(api)!, repo, { namespace: 'tools', package: 'cli', version }, join(dir, 'tool-linux.tar.gz'));
      assert.equal(out.sha256, createHash('sha256').update(bytes).digest('hex'));
      const assets = await api.listAssets({ ...repo, format: 'generic', namespace: 'tools', package: 'cli', version });
      assert.equal(assets.items[0]?.name, 'tool-linux.tar.gz');
      assert.equal(assets.items[0]?.hashes['SHA-256'], out.sha256);
      assert.equal(assets.items[0]?.size, bytes.length);
      await assert.rejects(uploadGenericFile(adminApiOf(api)!, repo, { namespace: 'tools', package: 'c li', version: '1' }, join(dir, 'tool-linux.tar.gz')), /spaces/);
    } finally {
      api.dispose();
      transport?.dispose();
    }
  });
});
