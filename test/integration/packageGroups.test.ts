// Package groups end to end: the real AWS SDK and AWS CLI manage them, IAM can deny the writes, and real npm and
// pip feel the origin controls (a blocked EXTERNAL_UPSTREAM keeps a public name out; ALLOW lets it in; PUBLISH
// BLOCK refuses npm publish).
import assert from 'node:assert/strict';
import {
  CodeartifactClient,
  CreatePackageGroupCommand,
  DeletePackageGroupCommand,
  DescribePackageGroupCommand,
  GetAssociatedPackageGroupCommand,
  ListPackageGroupsCommand,
  ListSubPackageGroupsCommand,
  UpdatePackageGroupOriginConfigurationCommand,
  type PackageGroupOriginRestrictionMode,
  type PackageGroupOriginRestrictionType,
} from '@aws-sdk/client-codeartifact';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../emulator/server';
import type { Seed } from '../emulator/seed';
import { clientEnv, describe as explain, makeTempDir, pipIndexUrl, removeDir, repoUrl, requireTool, run, tokenFor, writeFiles, writeNpmrc } from './helpers';

const OWNER = '111122223333';
const OWNER_KEY = 'AKIAGROUPOWNER000001';
const READER_KEY = 'AKIAGROUPREADER00001';
const REGION = 'us-west-2';
const AWS = '/usr/bin/aws';
const AWS_CLI_MODEL = '/usr/lib/python3/dist-packages/awscli/botocore/data/codeartifact/2018-09-22/service-2.json';

/** Whether the installed AWS CLI knows the package-group operations (Debian's awscli 2.x of bookworm does not). */
function cliHasPackageGroups(): boolean {
  try {
    return existsSync(AWS) && (JSON.parse(readFileSync(AWS_CLI_MODEL, 'utf8')) as { operations: Record<string, unknown> }).operations.ListPackageGroups !== undefined;
  } catch {
    return false;
  }
}

function groupSeed(): Seed {
  return {
    accounts: { [OWNER_KEY]: OWNER },
    identities: {
      [READER_KEY]: {
        account: OWNER,
        policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['codeartifact:Describe*', 'codeartifact:List*', 'codeartifact:Get*', 'sts:GetServiceBearerToken'], Resource: '*' }] }],
      },
    },
    domains: [
      {
        name: 'acme',
        owner: OWNER,
        region: REGION,
        repositories: [
          { name: 'npm-public', externalConnection: 'public:npmjs' },
          { name: 'shared', upstreams: ['npm-public'] },
          { name: 'pypi-public', externalConnection: 'public:pypi' },
          { name: 'py-shared', upstreams: ['pypi-public'] },
        ],
        packageGroups: [{ pattern: '/npm/*', description: 'All npm packages' }],
      },
    ],
    externalConnections: {
      'public:npmjs': [{ format: 'npm', name: 'left-pad', versions: [{ version: '1.3.0', publishedTime: '2020-01-01T00:00:00Z' }] }],
      'public:pypi': [{ format: 'pypi', name: 'six_lite', versions: [{ version: '1.2.0', publishedTime: '2020-01-01T00:00:00Z' }] }],
    },
  };
}

describe('package groups against the emulator (AWS SDK, AWS CLI, npm, pip)', function () {
  this.timeout(180_000);
  let emulator: Emulator;
  let owner: CodeartifactClient;
  let reader: CodeartifactClient;
  let home: string | undefined;

  const client = (accessKeyId: string): CodeartifactClient => new CodeartifactClient({ region: REGION, endpoint: emulator.endpoint, credentials: { accessKeyId, secretAccessKey: 'not-checked' } });
  const setModes = (packageGroup: string, restrictions: Partial<Record<PackageGroupOriginRestrictionType, PackageGroupOriginRestrictionMode>>, add: string[] = [], type: PackageGroupOriginRestrictionType = 'EXTERNAL_UPSTREAM') =>
    owner.send(new UpdatePackageGroupOriginConfigurationCommand({ domain: 'acme', packageGroup, restrictions, addAllowedRepositories: add.map((repositoryName) => ({ repositoryName, originRestrictionType: type })) }));

  before(async () => {
    emulator = await startEmulator({ seed: groupSeed(), port: 0 });
    owner = client(OWNER_KEY);
    reader = client(READER_KEY);
  });
  after(async () => {
    owner?.destroy();
    reader?.destroy();
    await emulator?.stop();
  });
  beforeEach(async () => {
    home = await makeTempDir('groups-home');
  });
  afterEach(async () => {
    await removeDir(home);
  });

  it('the SDK creates a hierarchy, reads inherited modes, and the root group cannot be deleted', async () => {
    await owner.send(new CreatePackageGroupCommand({ domain: 'acme', packageGroup: '/npm/acme/*', description: 'Our scope' }));
    await setModes('/npm/*', { EXTERNAL_UPSTREAM: 'BLOCK' });
    const described = await owner.send(new DescribePackageGroupCommand({ domain: 'acme', packageGroup: '/npm/acme/*' }));
    const external = described.packageGroup?.originConfiguration?.restrictions?.EXTERNAL_UPSTREAM;
    assert.deepEqual([external?.mode, external?.effectiveMode, external?.inheritedFrom?.pattern], ['INHERIT', 'BLOCK', '/npm/*']);
    assert.equal(described.packageGroup?.parent?.pattern, '/npm/*');
    assert.ok(described.packageGroup?.createdTime instanceof Date);
    const subs = await owner.send(new ListSubPackageGroupsCommand({ domain: 'acme', packageGroup: '/npm/*' }));
    assert.deepEqual(subs.packageGroups?.map((g) => g.pattern), ['/npm/acme/*']);
    const governing = await owner.send(new GetAssociatedPackageGroupCommand({ domain: 'acme', format: 'npm', namespace: 'acme', package: 'anything' }));
    assert.deepEqual([governing.packageGroup?.pattern, governing.associationType], ['/npm/acme/*', 'STRONG']);
    await assert.rejects(owner.send(new CreatePackageGroupCommand({ domain: 'acme', packageGroup: '/npm/acme/*' })), { name: 'ConflictException' });
    await assert.rejects(owner.send(new DeletePackageGroupCommand({ domain: 'acme', packageGroup: '/*' })), { name: 'ValidationException' });
    await owner.send(new DeletePackageGroupCommand({ domain: 'acme', packageGroup: '/npm/acme/*' }));
    await setModes('/npm/*', { EXTERNAL_UPSTREAM: 'INHERIT' });
  });

  it('a read-only identity lists groups but is denied creating, changing and deleting them, naming the package-group ARN', async () => {
    const listed = await reader.send(new ListPackageGroupsCommand({ domain: 'acme', prefix: '/npm' }));
    assert.deepEqual(listed.packageGroups?.map((g) => g.pattern), ['/npm/*']);
    const arn = `arn:aws:codeartifact:${REGION}:${OWNER}:package-group/acme/npm/*`;
    for (const command of [
      new CreatePackageGroupCommand({ domain: 'acme', packageGroup: '/npm/x/*' }),
      new UpdatePackageGroupOriginConfigurationCommand({ domain: 'acme', packageGroup: '/npm/*', restrictions: { PUBLISH: 'BLOCK' } }),
      new DeletePackageGroupCommand({ domain: 'acme', packageGroup: '/npm/*' }),
    ]) {
      await assert.rejects(reader.send(command), (err: Error) => err.name === 'AccessDeniedException' && err.message.includes('codeartifact:') && (command instanceof CreatePackageGroupCommand || err.message.includes(arn)));
    }
    const after = await owner.send(new DescribePackageGroupCommand({ domain: 'acme', packageGroup: '/npm/*' }));
    assert.equal(after.packageGroup?.originConfiguration?.restrictions?.PUBLISH?.mode, 'INHERIT', 'the denied update changed nothing');
  });

  (cliHasPackageGroups() ? it : it.skip)('the AWS CLI lists package groups (aws codeartifact list-package-groups --endpoint-url …; skipped: Debian’s awscli predates package groups)', async () => {
    const env = clientEnv(home ?? '', { AWS_ACCESS_KEY_ID: OWNER_KEY, AWS_SECRET_ACCESS_KEY: 'not-checked', AWS_DEFAULT_REGION: REGION, AWS_PAGER: '' });
    const result = await run(AWS, ['codeartifact', 'list-package-groups', '--domain', 'acme', '--endpoint-url', emulator.endpoint, '--output', 'json'], { env, timeoutMs: 60_000 });
    assert.equal(result.code, 0, explain(result));
    const out = JSON.parse(result.stdout) as { packageGroups: { pattern: string; description?: string; originConfiguration: { restrictions: Record<string, { mode: string }> } }[] };
    assert.deepEqual(out.packageGroups.map((g) => g.pattern), ['/*', '/npm/*']);
    assert.equal(out.packageGroups[1]?.description, 'All npm packages');
    assert.equal(out.packageGroups[0]?.originConfiguration.restrictions.EXTERNAL_UPSTREAM?.mode, 'ALLOW');
  });

  describe('npm', () => {
    before(() => {
      requireTool('npm', 'npm');
    });

    const install = async (): Promise<Awaited<ReturnType<typeof run>>> => {
      const h = home ?? '';
      const work = join(h, 'app');
      await writeNpmrc(h, repoUrl(emulator, 'acme', OWNER, 'npm', 'shared'), tokenFor(emulator, 'acme', OWNER));
      await writeFiles(work, { 'package.json': JSON.stringify({ name: 'app', version: '1.0.0', private: true, dependencies: { 'left-pad': '1.3.0' } }) });
      return run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=http'], { cwd: work, env: clientEnv(h), timeoutMs: 120_000 });
    };

    it('EXTERNAL_UPSTREAM BLOCK on the group keeps a public name out; ALLOW_SPECIFIC_REPOSITORIES must list the repository with the connection; ALLOW lets it in', async () => {
      await owner.send(new CreatePackageGroupCommand({ domain: 'acme', packageGroup: '/npm//left-pad$' }));
      await setModes('/npm/*', { EXTERNAL_UPSTREAM: 'BLOCK' });
      const blocked = await install();
      assert.notEqual(blocked.code, 0, explain(blocked));
      assert.match(blocked.stderr + blocked.stdout, /E404|404 Not Found/, explain(blocked));

      await setModes('/npm//left-pad$', { EXTERNAL_UPSTREAM: 'ALLOW_SPECIFIC_REPOSITORIES' }, ['shared']);
      const wrongRepo = await install();
      assert.notEqual(wrongRepo.code, 0, `shared has no external connection, so listing it does not open npm-public's: ${explain(wrongRepo)}`);

      await setModes('/npm//left-pad$', { EXTERNAL_UPSTREAM: 'ALLOW' });
      const allowed = await install();
      assert.equal(allowed.code, 0, explain(allowed));
      await owner.send(new DeletePackageGroupCommand({ domain: 'acme', packageGroup: '/npm//left-pad$' }));
      await setModes('/npm/*', { EXTERNAL_UPSTREAM: 'INHERIT' });
    });

    it('PUBLISH BLOCK on the group refuses npm publish with 403; ALLOW_SPECIFIC_REPOSITORIES listing the repository lets it through', async () => {
      const h = home ?? '';
      const pkg = join(h, 'pkg');
      const registry = repoUrl(emulator, 'acme', OWNER, 'npm', 'shared');
      await writeNpmrc(h, registry, tokenFor(emulator, 'acme', OWNER));
      await writeFiles(pkg, { 'package.json': JSON.stringify({ name: '@acme/secret-sauce', version: '1.0.0' }), 'index.js': 'module.exports = 1;\n' });
      await owner.send(new CreatePackageGroupCommand({ domain: 'acme', packageGroup: '/npm/acme/*' }));
      await setModes('/npm/acme/*', { PUBLISH: 'BLOCK' });
      const publish = (): ReturnType<typeof run> => run('npm', ['publish', '--registry', registry], { cwd: pkg, env: clientEnv(h), timeoutMs: 120_000 });
      const refused = await publish();
      assert.notEqual(refused.code, 0, explain(refused));
      assert.match(refused.stderr, /E403|403/, explain(refused));
      await setModes('/npm/acme/*', { PUBLISH: 'ALLOW_SPECIFIC_REPOSITORIES' }, ['shared'], 'PUBLISH');
      const published = await publish();
      assert.equal(published.code, 0, explain(published));
      await owner.send(new DeletePackageGroupCommand({ domain: 'acme', packageGroup: '/npm/acme/*' }));
    });
  });

  it('pip: EXTERNAL_UPSTREAM BLOCK on /pypi/* keeps six-lite out of py-shared; ALLOW lets pip download it', async () => {
    requireTool('python3', 'python3-pip');
    const download = (dest: string): ReturnType<typeof run> =>
      run(
        'python3',
        ['-m', 'pip', 'download', '--no-input', '--no-cache-dir', '--only-binary', ':all:', '--index-url', pipIndexUrl(repoUrl(emulator, 'acme', OWNER, 'pypi', 'py-shared'), tokenFor(emulator, 'acme', OWNER)), '--dest', dest, 'six-lite'],
        { env: clientEnv(home ?? '', { PIP_CONFIG_FILE: '/dev/null' }), timeoutMs: 90_000 },
      );
    await owner.send(new CreatePackageGroupCommand({ domain: 'acme', packageGroup: '/pypi/*' }));
    await setModes('/pypi/*', { EXTERNAL_UPSTREAM: 'BLOCK' });
    const blocked = await download(join(home ?? '', 'blocked'));
    assert.notEqual(blocked.code, 0, explain(blocked));
    assert.match(blocked.stderr, /No matching distribution found for six-lite/, explain(blocked));
    await setModes('/pypi/*', { EXTERNAL_UPSTREAM: 'ALLOW' });
    const allowed = await download(join(home ?? '', 'allowed'));
    assert.equal(allowed.code, 0, explain(allowed));
  });
});
