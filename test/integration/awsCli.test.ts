// The real AWS CLI v2 (Debian `awscli`, /usr/bin/aws) against the emulator's control plane with
// --endpoint-url, fake credentials from the environment and HOME in a temp dir. botocore parses the
// emulator's responses with its own models, so shapes and timestamps are checked by a second client.
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../emulator/server';
import { DEMO_ACCESS_KEYS, DEMO_ACCOUNTS } from '../fixtures/makeDemoSeed';
import { clientEnv, describe as describeRun, makeTempDir, removeDir, requireTool, run, type RunResult } from './helpers';
import { join } from 'node:path';

// The Debian package installs /usr/bin/aws; a pyenv `aws` v1 shim may come first on PATH, so never use PATH.
const AWS = '/usr/bin/aws';

interface Json {
  [key: string]: unknown;
}

describe('AWS CLI v2 against the emulator control plane', function () {
  this.timeout(120_000);
  let emu: Emulator;
  let home: string | undefined;
  const secrets: string[] = [];

  before(async () => {
    requireTool(AWS, 'awscli');
    emu = await startEmulator({ seed: join(__dirname, '..', '..', '..', 'test', 'fixtures', 'demo-seed.json') });
    home = await makeTempDir('awscli');
  });

  after(async () => {
    await emu?.stop();
    await removeDir(home);
  });

  async function aws(args: string[], key: string = DEMO_ACCESS_KEYS.acme, region = 'us-west-2'): Promise<RunResult> {
    const env = clientEnv(home ?? '/nonexistent', {
      AWS_ACCESS_KEY_ID: key,
      AWS_SECRET_ACCESS_KEY: 'not-checked-by-the-emulator',
      AWS_DEFAULT_REGION: region,
      AWS_PAGER: '',
      AWS_CLI_AUTO_PROMPT: 'off',
    });
    return run(AWS, ['codeartifact', ...args, '--endpoint-url', emu.endpoint, '--output', 'json'], { env, timeoutMs: 60_000 });
  }

  async function awsJson(args: string[], key?: string, region?: string): Promise<Json> {
    const result = await aws(args, key, region);
    assert.equal(result.code, 0, describeRun(result, secrets));
    return JSON.parse(result.stdout) as Json;
  }

  function list<T = Json>(value: unknown): T[] {
    assert.ok(Array.isArray(value), `expected a list, got ${JSON.stringify(value)}`);
    return value as T[];
  }

  it('list-domains shows the caller account’s domains in its region, with ISO timestamps', async () => {
    const out = await awsJson(['list-domains']);
    const domains = list<{ name: string; owner: string; createdTime: string; arn: string }>(out.domains);
    assert.deepEqual(domains.map((d) => d.name), ['acme', 'acme-sandbox']);
    assert.equal(domains[0]?.owner, DEMO_ACCOUNTS.acme);
    assert.equal(domains[0]?.createdTime.slice(0, 19), '2021-11-02T08:00:00', 'the CLI parsed the epoch number');
    const eu = await awsJson(['list-domains'], DEMO_ACCESS_KEYS.acme, 'eu-west-1');
    assert.deepEqual(list<{ name: string }>(eu.domains).map((d) => d.name), ['acme-eu']);
    const partner = await awsJson(['list-domains'], DEMO_ACCESS_KEYS.partner);
    assert.deepEqual(list<{ name: string }>(partner.domains).map((d) => d.name), ['partner']);
  });

  it('list-repositories-in-domain follows nextToken across pages and reaches another account’s domain', async () => {
    emu.resetStats();
    const out = await awsJson(['list-repositories-in-domain', '--domain', 'acme', '--page-size', '2']);
    const names = list<{ name: string }>(out.repositories).map((r) => r.name);
    assert.deepEqual(names, ['maven-central', 'npm-public', 'pypi-public', 'shared', 'team-data', 'team-web']);
    assert.equal(emu.stats.operations.ListRepositoriesInDomain, 3, 'three pages of two');
    const partner = await awsJson(['list-repositories-in-domain', '--domain', 'partner', '--domain-owner', DEMO_ACCOUNTS.partner]);
    assert.deepEqual(list<{ name: string; domainOwner: string }>(partner.repositories).map((r) => [r.name, r.domainOwner]), [['vendor-libs', DEMO_ACCOUNTS.partner]]);
  });

  it('describe-repository shows upstreams in priority order and the external connection', async () => {
    const shared = await awsJson(['describe-repository', '--domain', 'acme', '--repository', 'shared']);
    const repo = shared.repository as { upstreams: { repositoryName: string }[]; description: string; externalConnections: unknown[] };
    assert.deepEqual(repo.upstreams.map((u) => u.repositoryName), ['npm-public', 'pypi-public', 'maven-central']);
    assert.equal(repo.description, 'Company packages');
    const pub = await awsJson(['describe-repository', '--domain', 'acme', '--repository', 'npm-public']);
    assert.deepEqual((pub.repository as { externalConnections: unknown[] }).externalConnections, [{ externalConnectionName: 'public:npmjs', packageFormat: 'npm', status: 'Available' }]);
  });

  it('list-packages pages through a repository and filters by format and namespace', async () => {
    const domain = emu.store.getDomain('acme', DEMO_ACCOUNTS.acme);
    const shared = domain?.repositories.get('shared');
    assert.ok(shared);
    const out = await awsJson(['list-packages', '--domain', 'acme', '--repository', 'shared', '--page-size', '50']);
    const packages = list<{ format: string; namespace?: string; package: string }>(out.packages);
    assert.equal(packages.length, shared.packages.size);
    assert.ok(packages.length > 100, `the demo repository has ${packages.length} packages`);
    const scoped = await awsJson(['list-packages', '--domain', 'acme', '--repository', 'shared', '--format', 'npm', '--namespace', 'acme']);
    const scopedNames = list<{ namespace: string; package: string }>(scoped.packages);
    assert.ok(scopedNames.some((p) => p.package === 'ui-kit'));
    assert.ok(scopedNames.every((p) => p.namespace.startsWith('acme')));
    assert.ok(!packages.some((p) => p.package === 'left-pad'), 'upstream-only packages are not listed');
    const pypi = await awsJson(['list-packages', '--domain', 'acme', '--repository', 'shared', '--format', 'pypi', '--package-prefix', 'acme-utils']);
    assert.deepEqual(list<{ package: string }>(pypi.packages).map((p) => p.package), ['acme-utils']);
  });

  it('list-package-versions returns versions, statuses and the default display version', async () => {
    const out = await awsJson(['list-package-versions', '--domain', 'acme', '--repository', 'shared', '--format', 'npm', '--namespace', 'acme', '--package', 'ui-kit', '--sort-by', 'PUBLISHED_TIME']);
    const versions = list<{ version: string; status: string; origin: { originType: string } }>(out.versions);
    assert.equal(out.defaultDisplayVersion, '2.1.0');
    assert.equal(versions[0]?.version, '2.2.0-beta.1', 'newest first');
    assert.ok(versions.some((v) => v.version === '1.2.0' && v.status === 'Unlisted'));
    assert.ok(versions.every((v) => v.origin.originType === 'INTERNAL'));
    const maven = await awsJson(['list-package-versions', '--domain', 'acme', '--repository', 'shared', '--format', 'maven', '--namespace', 'com.acme', '--package', 'acme-core']);
    assert.ok(list<{ version: string }>(maven.versions).some((v) => v.version === '1.0.0'));
  });

  it('get-authorization-token issues a token the data plane accepts, expiring at --duration-seconds', async () => {
    const started = Date.now();
    const out = await awsJson(['get-authorization-token', '--domain', 'acme', '--domain-owner', DEMO_ACCOUNTS.acme, '--duration-seconds', '900']);
    const token = out.authorizationToken;
    assert.equal(typeof token, 'string');
    secrets.push(token as string);
    assert.match(token as string, /^[A-Za-z0-9._-]+$/);
    const expires = Date.parse(out.expiration as string);
    assert.ok(Math.abs(expires - started - 900_000) < 30_000, `expiration ${String(out.expiration)}`);
    const domain = emu.store.getDomain('acme', DEMO_ACCOUNTS.acme);
    assert.ok(domain);
    assert.equal(emu.store.checkToken(token as string, domain), 'ok');
    const res = await fetch(`${emu.endpoint}/acme-${DEMO_ACCOUNTS.acme}/npm/shared/-/ping`, { headers: { authorization: `Bearer ${token as string}` } });
    assert.equal(res.status, 200);
  });

  it('errors come back as the CLI’s "An error occurred (Code)" with a non-zero exit', async () => {
    const missing = await aws(['describe-repository', '--domain', 'acme', '--repository', 'nope']);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /ResourceNotFoundException/);
    const bad = await aws(['get-authorization-token', '--domain', 'acme', '--duration-seconds', '60']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /ValidationException/);
    const otherAccount = await aws(['describe-domain', '--domain', 'partner']);
    assert.match(otherAccount.stderr, /ResourceNotFoundException/, 'without --domain-owner the partner domain is not the caller’s');
  });
});
