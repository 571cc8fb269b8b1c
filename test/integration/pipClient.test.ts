// Real pip against the emulator's PyPI simple index: downloads with `aws:TOKEN` in the index URL,
// including a dependency only the upstream's public:pypi connection has; fails without the token.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../emulator/server';
import type { Seed } from '../emulator/seed';
import { clientEnv, describe as explain, makeTempDir, pipIndexUrl, removeDir, repoUrl, requireTool, run, tokenFor } from './helpers';

const OWNER = '111122223333';

const pypiSeed: Seed = {
  domains: [
    {
      name: 'acme',
      owner: OWNER,
      region: 'us-west-2',
      repositories: [
        { name: 'pypi-public', externalConnection: 'public:pypi' },
        { name: 'py-shared', upstreams: ['pypi-public'] },
      ],
    },
  ],
  packages: [
    {
      domain: 'acme',
      repository: 'py-shared',
      format: 'pypi',
      name: 'Acme.Tools',
      versions: [
        { version: '1.0.0', publishedTime: '2025-01-01T10:00:00Z', summary: 'Tools', license: 'MIT', dependencies: { 'six-lite': '>=1.0' } },
        { version: '1.1.0', status: 'Archived', publishedTime: '2025-02-01T10:00:00Z' },
      ],
    },
  ],
  externalConnections: {
    'public:pypi': [{ format: 'pypi', name: 'six_lite', versions: [{ version: '1.2.0', publishedTime: '2020-01-01T00:00:00Z' }] }],
  },
};

describe('pip client against the emulator', function () {
  this.timeout(180_000);
  let emulator: Emulator;
  let home: string | undefined;

  before(async () => {
    requireTool('python3', 'python3-pip');
    emulator = await startEmulator({ seed: pypiSeed, port: 0 });
  });
  after(async () => {
    await emulator?.stop();
  });
  beforeEach(async () => {
    home = await makeTempDir('pip-home');
  });
  afterEach(async () => {
    await removeDir(home);
  });

  const download = (indexUrl: string, dest: string, requirement: string): ReturnType<typeof run> =>
    run(
      'python3',
      ['-m', 'pip', 'download', '--no-input', '--no-cache-dir', '--only-binary', ':all:', '--index-url', indexUrl, '--dest', dest, requirement],
      // No pip config at all: the test says exactly where to look.
      { env: clientEnv(home ?? '', { PIP_CONFIG_FILE: '/dev/null' }), timeoutMs: 90_000 },
    );

  it('downloads a wheel and its dependency through the upstream external connection, hashes matching', async () => {
    const token = tokenFor(emulator, 'acme', OWNER);
    const dest = join(home ?? '', 'dl');
    const result = await download(pipIndexUrl(repoUrl(emulator, 'acme', OWNER, 'pypi', 'py-shared'), token), dest, 'acme-tools');
    assert.equal(result.code, 0, explain(result, [token]));
    const files = (await readdir(dest)).sort();
    // 1.1.0 is Archived: neither listed nor downloadable, so pip takes 1.0.0.
    assert.deepEqual(files, ['acme_tools-1.0.0-py3-none-any.whl', 'six_lite-1.2.0-py3-none-any.whl']);

    const domain = emulator.store.getDomain('acme', OWNER);
    assert.ok(domain);
    const repo = domain.repositories.get('py-shared');
    assert.ok(repo);
    const tools = emulator.store.getPackage(repo, 'pypi', undefined, 'acme-tools')?.versions.get('1.0.0');
    const stored = tools?.assets.get('acme_tools-1.0.0-py3-none-any.whl');
    assert.ok(stored);
    const onDisk = await readFile(join(dest, 'acme_tools-1.0.0-py3-none-any.whl'));
    assert.equal(createHash('sha256').update(onDisk).digest('hex'), createHash('sha256').update(stored).digest('hex'));

    const six = emulator.store.getPackage(repo, 'pypi', undefined, 'six-lite')?.versions.get('1.2.0');
    assert.ok(six, 'six-lite is retained in py-shared');
    assert.deepEqual(six.origin, { originType: 'EXTERNAL', domainEntryPoint: { externalConnectionName: 'public:pypi' } });
  });

  it('fails without credentials and with a wrong token', async () => {
    for (const token of [undefined, 'cae.wrong-token']) {
      const dest = join(home ?? '', `dl-${token ?? 'none'}`);
      const rejectedBefore = emulator.stats.operations['pypi:unauthorized'] ?? 0;
      const result = await download(pipIndexUrl(repoUrl(emulator, 'acme', OWNER, 'pypi', 'py-shared'), token), dest, 'acme-tools');
      assert.notEqual(result.code, 0, explain(result, [token]));
      assert.match(result.stderr, /No matching distribution found for acme-tools/, explain(result, [token]));
      // pip hides the status; the emulator's count shows the index answered 401.
      assert.ok((emulator.stats.operations['pypi:unauthorized'] ?? 0) > rejectedBefore, 'the emulator rejected the request with 401');
    }
  });
});
