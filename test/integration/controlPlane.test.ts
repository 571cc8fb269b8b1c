// The real @aws-sdk/client-codeartifact against the emulator's control plane: every operation, the
// paginators, each error the extension maps, faults and latency. If the emulator drifts from the wire
// format, the SDK's own deserializers fail here.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  AssociateExternalConnectionCommand,
  CodeartifactClient,
  CreateDomainCommand,
  CreateRepositoryCommand,
  DeleteDomainCommand,
  DeletePackageVersionsCommand,
  DeleteRepositoryCommand,
  DeleteRepositoryPermissionsPolicyCommand,
  DescribeDomainCommand,
  DescribePackageCommand,
  DescribePackageVersionCommand,
  DescribeRepositoryCommand,
  DisposePackageVersionsCommand,
  GetAuthorizationTokenCommand,
  GetPackageVersionAssetCommand,
  GetPackageVersionReadmeCommand,
  GetRepositoryEndpointCommand,
  GetRepositoryPermissionsPolicyCommand,
  ListDomainsCommand,
  ListPackageVersionAssetsCommand,
  ListPackageVersionDependenciesCommand,
  ListPackageVersionsCommand,
  ListPackagesCommand,
  ListRepositoriesCommand,
  ListRepositoriesInDomainCommand,
  ListTagsForResourceCommand,
  PublishPackageVersionCommand,
  PutPackageOriginConfigurationCommand,
  PutRepositoryPermissionsPolicyCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdatePackageVersionsStatusCommand,
  UpdateRepositoryCommand,
  paginateListDomains,
  paginateListPackageVersions,
  paginateListPackages,
  paginateListRepositoriesInDomain,
  type CodeartifactClientConfig,
} from '@aws-sdk/client-codeartifact';
import { startEmulator, type Emulator } from '../emulator/server';
import type { Seed, SeedPackage } from '../emulator/seed';

const ACME = '111122223333';
const PARTNER = '444455556666';
const ACME_KEY = 'AKIAACMETEST00000001';
const PARTNER_KEY = 'AKIAPARTNERTEST00001';

function seed(): Seed {
  const many: SeedPackage[] = [];
  for (let i = 0; i < 250; i++) {
    many.push({ domain: 'acme', repository: 'bulk', format: 'npm', name: `pkg-${String(i).padStart(3, '0')}`, versions: [{ version: '1.0.0' }] });
  }
  const versions = Array.from({ length: 120 }, (_, i) => ({ version: `0.${i}.0`, publishedTime: new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString() }));
  return {
    accounts: { [ACME_KEY]: ACME, [PARTNER_KEY]: PARTNER },
    domains: [
      { name: 'acme', owner: ACME, region: 'us-west-2', tags: { team: 'platform' }, repositories: [
        { name: 'npm-public', externalConnection: 'public:npmjs' },
        { name: 'shared', description: 'Company packages', upstreams: ['npm-public'] },
        { name: 'team', upstreams: ['shared'] },
        { name: 'bulk' },
      ] },
      { name: 'acme-two', owner: ACME, region: 'us-west-2' },
      { name: 'acme-three', owner: ACME, region: 'us-west-2' },
      { name: 'acme-eu', owner: ACME, region: 'eu-west-1', repositories: [{ name: 'eu-only' }] },
      { name: 'partner', owner: PARTNER, region: 'us-west-2', repositories: [{ name: 'vendor' }] },
    ],
    packages: [
      { domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', name: 'ui-kit', distTags: { latest: '2.1.0' }, versions: [
        { version: '1.0.0', publishedTime: '2024-01-01T00:00:00Z', status: 'Archived' },
        { version: '2.1.0', publishedTime: '2025-06-01T10:00:00Z', summary: 'UI components', license: 'MIT', homePage: 'https://ui.example', readme: '# UI kit', dependencies: { 'left-pad': '^1.3.0', '@acme/theme': '1.x' } },
        { version: '3.0.0-beta.1', publishedTime: '2025-07-01T10:00:00Z', licenses: ['MIT', { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' }] },
        { version: '0.9.0', publishedTime: '2023-06-01T00:00:00Z', status: 'Unlisted' },
      ] },
      { domain: 'acme', repository: 'shared', format: 'npm', name: 'many-versions', versions },
      { domain: 'acme', repository: 'shared', format: 'npm', name: 'blocked', originConfiguration: { upstream: 'BLOCK' }, versions: [{ version: '1.0.0' }] },
      { domain: 'acme', repository: 'shared', format: 'pypi', name: 'Acme_Utils', versions: [{ version: '1.0', publishedTime: '2024-02-02T00:00:00Z' }] },
      { domain: 'acme', repository: 'shared', format: 'maven', namespace: 'com.acme', name: 'acme-core', versions: [{ version: '1.0.0', dependencies: { 'org.slf4j:slf4j-api': '2.0.9' } }] },
      { domain: 'acme', repository: 'shared', format: 'npm', name: 'statuses', versions: [
        { version: '1.0.0' }, { version: '1.1.0' }, { version: '1.2.0', status: 'Unlisted' }, { version: '1.3.0' }, { version: '1.4.0' },
      ] },
      { domain: 'acme', repository: 'team', format: 'npm', namespace: 'team', name: 'app', versions: [{ version: '0.1.0', assets: { 'package.tgz': { text: 'not really a tarball' } } }] },
      { domain: 'partner', repository: 'vendor', format: 'npm', name: 'vendor-sdk', versions: [{ version: '5.0.0' }] },
      ...many,
    ],
    externalConnections: { 'public:npmjs': [{ name: 'left-pad', distTags: { latest: '1.3.0' }, versions: [{ version: '1.3.0', publishedTime: '2018-04-09T10:00:00Z' }] }] },
  };
}

describe('control plane through the AWS SDK v3', function () {
  let emu: Emulator;
  let client: CodeartifactClient;

  const make = (overrides: Partial<CodeartifactClientConfig> = {}, key = ACME_KEY): CodeartifactClient =>
    new CodeartifactClient({ endpoint: emu.endpoint, region: 'us-west-2', credentials: { accessKeyId: key, secretAccessKey: 'not-checked' }, ...overrides });

  /** The SDK error a call rejects with. */
  async function failure(promise: Promise<unknown>): Promise<Error & { $metadata: { httpStatusCode?: number }; resourceType?: string; resourceId?: string; reason?: string }> {
    try {
      await promise;
    } catch (err) {
      return err as Error & { $metadata: { httpStatusCode?: number } };
    }
    assert.fail('the call was expected to fail');
  }

  before(async () => {
    emu = await startEmulator({ seed: seed() });
    client = make();
  });

  after(async () => {
    client.destroy();
    await emu.stop();
  });

  beforeEach(() => {
    emu.setFaults(undefined);
    emu.setLatency(0);
  });

  describe('domains and repositories', () => {
    it('ListDomains shows only the caller account’s domains in the caller’s region, with Date timestamps', async () => {
      const out = await client.send(new ListDomainsCommand({}));
      assert.deepEqual(out.domains?.map((d) => d.name), ['acme', 'acme-three', 'acme-two']);
      const acme = out.domains?.[0];
      assert.ok(acme?.createdTime instanceof Date && !Number.isNaN(acme.createdTime.getTime()));
      assert.equal(acme.arn, `arn:aws:codeartifact:us-west-2:${ACME}:domain/acme`);
      assert.equal(acme.owner, ACME);
      assert.equal(acme.status, 'Active');

      const eu = make({ region: 'eu-west-1' });
      assert.deepEqual((await eu.send(new ListDomainsCommand({}))).domains?.map((d) => d.name), ['acme-eu']);
      const partner = make({}, PARTNER_KEY);
      assert.deepEqual((await partner.send(new ListDomainsCommand({}))).domains?.map((d) => d.name), ['partner']);
      eu.destroy();
      partner.destroy();
    });

    it('the ListDomains paginator walks pages of one (maxResults/nextToken in the body)', async () => {
      emu.resetStats();
      const names: string[] = [];
      for await (const page of paginateListDomains({ client, pageSize: 1 }, {})) names.push(...(page.domains ?? []).map((d) => d.name ?? ''));
      assert.deepEqual(names, ['acme', 'acme-three', 'acme-two']);
      assert.equal(emu.stats.operations.ListDomains, 3);
    });

    it('DescribeDomain works for another account’s domain only with domainOwner', async () => {
      const own = await client.send(new DescribeDomainCommand({ domain: 'acme' }));
      assert.equal(own.domain?.repositoryCount, 4);
      const other = await client.send(new DescribeDomainCommand({ domain: 'partner', domainOwner: PARTNER }));
      assert.equal(other.domain?.owner, PARTNER);
      assert.ok(other.domain?.createdTime instanceof Date);
      const err = await failure(client.send(new DescribeDomainCommand({ domain: 'partner' })));
      assert.equal(err.name, 'ResourceNotFoundException');
      assert.equal(err.resourceType, 'domain');
      assert.equal(err.resourceId, 'partner');
      assert.equal(err.$metadata.httpStatusCode, 404);
    });

    it('ListRepositoriesInDomain paginates and filters by prefix; ListRepositories spans the account', async () => {
      const names: string[] = [];
      let pages = 0;
      for await (const page of paginateListRepositoriesInDomain({ client, pageSize: 3 }, { domain: 'acme' })) {
        pages += 1;
        names.push(...(page.repositories ?? []).map((r) => r.name ?? ''));
      }
      assert.deepEqual(names, ['bulk', 'npm-public', 'shared', 'team']);
      assert.equal(pages, 2);
      const prefixed = await client.send(new ListRepositoriesInDomainCommand({ domain: 'acme', repositoryPrefix: 's' }));
      assert.deepEqual(prefixed.repositories?.map((r) => r.name), ['shared']);
      assert.equal(prefixed.repositories?.[0]?.description, 'Company packages');
      assert.ok(prefixed.repositories?.[0]?.createdTime instanceof Date);
      const all = await client.send(new ListRepositoriesCommand({}));
      assert.deepEqual(all.repositories?.map((r) => `${r.domainName ?? ''}/${r.name ?? ''}`), ['acme/bulk', 'acme/npm-public', 'acme/shared', 'acme/team']);
      const vendor = await client.send(new ListRepositoriesInDomainCommand({ domain: 'partner', domainOwner: PARTNER }));
      assert.deepEqual(vendor.repositories?.map((r) => r.administratorAccount), [PARTNER]);
    });

    it('DescribeRepository reports upstreams in order and the external connection', async () => {
      const shared = await client.send(new DescribeRepositoryCommand({ domain: 'acme', repository: 'shared' }));
      assert.deepEqual(shared.repository?.upstreams, [{ repositoryName: 'npm-public' }]);
      assert.deepEqual(shared.repository?.externalConnections, []);
      const pub = await client.send(new DescribeRepositoryCommand({ domain: 'acme', repository: 'npm-public' }));
      assert.deepEqual(pub.repository?.externalConnections, [{ externalConnectionName: 'public:npmjs', packageFormat: 'npm', status: 'Available' }]);
      assert.equal(pub.repository?.arn, `arn:aws:codeartifact:us-west-2:${ACME}:repository/acme/npm-public`);
    });

    it('creates, updates and deletes domains and repositories, with conflicts', async () => {
      const created = await client.send(new CreateDomainCommand({ domain: 'scratch', tags: [{ key: 'purpose', value: 'test' }] }));
      assert.equal(created.domain?.owner, ACME);
      assert.equal((await failure(client.send(new CreateDomainCommand({ domain: 'scratch' })))).name, 'ConflictException');
      await client.send(new CreateRepositoryCommand({ domain: 'scratch', repository: 'base', description: 'b' }));
      const top = await client.send(new CreateRepositoryCommand({ domain: 'scratch', repository: 'top', upstreams: [{ repositoryName: 'base' }] }));
      assert.deepEqual(top.repository?.upstreams, [{ repositoryName: 'base' }]);
      const missing = await failure(client.send(new CreateRepositoryCommand({ domain: 'scratch', repository: 'x1', upstreams: [{ repositoryName: 'nope' }] })));
      assert.equal(missing.name, 'ResourceNotFoundException');
      const ext = await client.send(new AssociateExternalConnectionCommand({ domain: 'scratch', repository: 'base', externalConnection: 'public:pypi' }));
      assert.equal(ext.repository?.externalConnections?.[0]?.packageFormat, 'pypi');
      assert.equal((await failure(client.send(new AssociateExternalConnectionCommand({ domain: 'scratch', repository: 'base', externalConnection: 'public:npmjs' })))).name, 'ConflictException');
      const updated = await client.send(new UpdateRepositoryCommand({ domain: 'scratch', repository: 'top', description: 'new', upstreams: [] }));
      assert.equal(updated.repository?.description, 'new');
      assert.deepEqual(updated.repository?.upstreams, []);
      assert.equal((await failure(client.send(new DeleteDomainCommand({ domain: 'scratch' })))).name, 'ConflictException');
      await client.send(new DeleteRepositoryCommand({ domain: 'scratch', repository: 'top' }));
      await client.send(new DeleteRepositoryCommand({ domain: 'scratch', repository: 'base' }));
      const deleted = await client.send(new DeleteDomainCommand({ domain: 'scratch' }));
      assert.equal(deleted.domain?.name, 'scratch');
      assert.equal((await failure(client.send(new DescribeDomainCommand({ domain: 'scratch' })))).name, 'ResourceNotFoundException');
    });

    it('tags a repository and reads the domain’s seeded tags', async () => {
      const domainArn = `arn:aws:codeartifact:us-west-2:${ACME}:domain/acme`;
      assert.deepEqual((await client.send(new ListTagsForResourceCommand({ resourceArn: domainArn }))).tags, [{ key: 'team', value: 'platform' }]);
      const repoArn = `arn:aws:codeartifact:us-west-2:${ACME}:repository/acme/shared`;
      await client.send(new TagResourceCommand({ resourceArn: repoArn, tags: [{ key: 'a', value: '1' }, { key: 'b', value: '2' }] }));
      await client.send(new UntagResourceCommand({ resourceArn: repoArn, tagKeys: ['a'] }));
      assert.deepEqual((await client.send(new ListTagsForResourceCommand({ resourceArn: repoArn }))).tags, [{ key: 'b', value: '2' }]);
      const err = await failure(client.send(new ListTagsForResourceCommand({ resourceArn: `arn:aws:codeartifact:us-west-2:${ACME}:repository/acme/nope` })));
      assert.equal(err.name, 'ResourceNotFoundException');
    });

    it('the repository permissions policy is 404 until one is put', async () => {
      const before = await failure(client.send(new GetRepositoryPermissionsPolicyCommand({ domain: 'acme', repository: 'team' })));
      assert.equal(before.name, 'ResourceNotFoundException');
      assert.equal(before.$metadata.httpStatusCode, 404);
      // A policy needs at least one statement with a Principal (the emulator refuses an empty one as not a policy).
      const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'codeartifact:ReadFromRepository', Resource: '*' }] });
      const put = await client.send(new PutRepositoryPermissionsPolicyCommand({ domain: 'acme', repository: 'team', policyDocument: doc }));
      const got = await client.send(new GetRepositoryPermissionsPolicyCommand({ domain: 'acme', repository: 'team' }));
      assert.equal(got.policy?.document, doc);
      assert.equal(got.policy?.revision, put.policy?.revision);
      await client.send(new DeleteRepositoryPermissionsPolicyCommand({ domain: 'acme', repository: 'team' }));
      assert.equal((await failure(client.send(new GetRepositoryPermissionsPolicyCommand({ domain: 'acme', repository: 'team' })))).name, 'ResourceNotFoundException');
    });
  });

  describe('tokens and endpoints', () => {
    it('GetAuthorizationToken issues a URL-safe token that the store accepts, expiring at the duration', async () => {
      const started = Date.now();
      const out = await client.send(new GetAuthorizationTokenCommand({ domain: 'acme', durationSeconds: 900 }));
      const token = out.authorizationToken ?? '';
      assert.match(token, /^[A-Za-z0-9._-]{20,}$/);
      assert.ok(out.expiration instanceof Date);
      const seconds = (out.expiration.getTime() - started) / 1000;
      assert.ok(seconds > 895 && seconds < 905, `expires in ${seconds} s`);
      const domain = emu.store.getDomain('acme', ACME);
      assert.ok(domain);
      assert.equal(emu.store.checkToken(token, domain), 'ok');
      const dflt = await client.send(new GetAuthorizationTokenCommand({ domain: 'acme' }));
      assert.ok(Math.abs((dflt.expiration?.getTime() ?? 0) - started - 43_200_000) < 10_000, 'default is 12 h');
      await client.send(new GetAuthorizationTokenCommand({ domain: 'acme', durationSeconds: 0 }));
      for (const bad of [899, 43_201]) {
        const err = await failure(client.send(new GetAuthorizationTokenCommand({ domain: 'acme', durationSeconds: bad })));
        assert.equal(err.name, 'ValidationException', `duration ${bad}`);
      }
      const partner = await client.send(new GetAuthorizationTokenCommand({ domain: 'partner', domainOwner: PARTNER }));
      assert.ok(partner.authorizationToken);
    });

    it('GetRepositoryEndpoint hands out data-plane URLs on this server with the domain and owner in the path', async () => {
      const out = await client.send(new GetRepositoryEndpointCommand({ domain: 'acme', repository: 'shared', format: 'npm' }));
      assert.equal(out.repositoryEndpoint, `${emu.endpoint}/acme-${ACME}/npm/shared/`);
      const pypi = await client.send(new GetRepositoryEndpointCommand({ domain: 'partner', domainOwner: PARTNER, repository: 'vendor', format: 'pypi' }));
      assert.equal(pypi.repositoryEndpoint, `${emu.endpoint}/partner-${PARTNER}/pypi/vendor/`);
      const bad = await failure(client.send(new GetRepositoryEndpointCommand({ domain: 'acme', repository: 'shared', format: 'rpm' as 'npm' })));
      assert.equal(bad.name, 'ValidationException');
    });
  });

  describe('packages and versions', () => {
    it('the ListPackages paginator returns every package once, in order, across pages', async () => {
      emu.resetStats();
      const names: string[] = [];
      for await (const page of paginateListPackages({ client, pageSize: 100 }, { domain: 'acme', repository: 'bulk' })) names.push(...(page.packages ?? []).map((p) => p.package ?? ''));
      assert.equal(names.length, 250);
      assert.equal(new Set(names).size, 250);
      assert.deepEqual(names, [...names].sort());
      assert.equal(emu.stats.operations.ListPackages, 3);
      const dflt = await client.send(new ListPackagesCommand({ domain: 'acme', repository: 'bulk' }));
      assert.equal(dflt.packages?.length, 100, 'default page size 100');
      assert.ok(dflt.nextToken);
    });

    it('ListPackages lists only the repository’s own packages and filters by format, namespace, prefix and origin controls', async () => {
      const team = await client.send(new ListPackagesCommand({ domain: 'acme', repository: 'team' }));
      assert.deepEqual(team.packages?.map((p) => `${p.namespace ?? ''}/${p.package ?? ''}`), ['team/app'], 'upstream packages are not listed');
      const shared = await client.send(new ListPackagesCommand({ domain: 'acme', repository: 'shared' }));
      assert.deepEqual(shared.packages?.map((p) => `${p.format ?? ''}:${p.package ?? ''}`), [
        'maven:acme-core', 'npm:blocked', 'npm:many-versions', 'npm:statuses', 'npm:ui-kit', 'pypi:acme-utils',
      ]);
      const scoped = await client.send(new ListPackagesCommand({ domain: 'acme', repository: 'shared', format: 'npm', namespace: 'ac' }));
      assert.deepEqual(scoped.packages?.map((p) => p.package), ['ui-kit']);
      const prefix = await client.send(new ListPackagesCommand({ domain: 'acme', repository: 'shared', packagePrefix: 'ma' }));
      assert.deepEqual(prefix.packages?.map((p) => p.package), ['many-versions']);
      // Each was published into shared first, so CodeArtifact set publish ALLOW, upstream BLOCK ('blocked' says it too).
      const internal = ['acme-core', 'blocked', 'many-versions', 'statuses', 'ui-kit', 'acme-utils'];
      const blocked = await client.send(new ListPackagesCommand({ domain: 'acme', repository: 'shared', upstream: 'BLOCK' }));
      assert.deepEqual(blocked.packages?.map((p) => p.package).filter((n) => internal.includes(n ?? '')), internal);
      assert.deepEqual(blocked.packages?.[0]?.originConfiguration, { restrictions: { publish: 'ALLOW', upstream: 'BLOCK' } });
      const open = await client.send(new ListPackagesCommand({ domain: 'acme', repository: 'shared', upstream: 'ALLOW' }));
      assert.deepEqual(open.packages?.filter((p) => internal.includes(p.package ?? '')), [], 'upstream=ALLOW leaves the blocked ones out');
      const maven = await client.send(new ListPackagesCommand({ domain: 'acme', repository: 'shared', format: 'maven' }));
      assert.deepEqual(maven.packages?.map((p) => [p.namespace, p.package]), [['com.acme', 'acme-core']]);
    });

    it('npm namespaces go without "@"; PyPI names must be normalized; namespace needs a format', async () => {
      const at = await failure(client.send(new ListPackagesCommand({ domain: 'acme', repository: 'shared', format: 'npm', namespace: '@acme' })));
      assert.equal(at.name, 'ValidationException');
      const noFormat = await failure(client.send(new ListPackagesCommand({ domain: 'acme', repository: 'shared', namespace: 'acme' })));
      assert.equal(noFormat.name, 'ValidationException');
      const ok = await client.send(new ListPackageVersionsCommand({ domain: 'acme', repository: 'shared', format: 'pypi', package: 'acme-utils' }));
      assert.deepEqual(ok.versions?.map((v) => v.version), ['1.0']);
      const raw = await failure(client.send(new ListPackageVersionsCommand({ domain: 'acme', repository: 'shared', format: 'pypi', package: 'Acme_Utils' })));
      assert.equal(raw.name, 'ResourceNotFoundException');
      const ns = await failure(client.send(new DescribePackageCommand({ domain: 'acme', repository: 'shared', format: 'pypi', namespace: 'x', package: 'acme-utils' })));
      assert.equal(ns.name, 'ValidationException');
      const desc = await client.send(new DescribePackageVersionCommand({ domain: 'acme', repository: 'shared', format: 'pypi', package: 'acme-utils', packageVersion: '1.0' }));
      assert.equal(desc.packageVersion?.displayName, 'Acme_Utils');
    });

    it('ListPackageVersions: defaultDisplayVersion, status and origin filters, newest-first sort', async () => {
      const base = { domain: 'acme', repository: 'shared', format: 'npm' as const, namespace: 'acme', package: 'ui-kit' };
      const all = await client.send(new ListPackageVersionsCommand(base));
      assert.equal(all.defaultDisplayVersion, '2.1.0', 'the latest dist-tag');
      assert.equal(all.namespace, 'acme');
      assert.equal(all.versions?.length, 4);
      assert.equal(all.versions?.[0]?.origin?.originType, 'INTERNAL');
      assert.equal(all.versions?.[0]?.origin?.domainEntryPoint?.repositoryName, 'shared');
      const sorted = await client.send(new ListPackageVersionsCommand({ ...base, sortBy: 'PUBLISHED_TIME' }));
      assert.deepEqual(sorted.versions?.map((v) => v.version), ['3.0.0-beta.1', '2.1.0', '1.0.0', '0.9.0']);
      const archived = await client.send(new ListPackageVersionsCommand({ ...base, status: 'Archived' }));
      assert.deepEqual(archived.versions?.map((v) => v.version), ['1.0.0']);
      const external = await client.send(new ListPackageVersionsCommand({ ...base, originType: 'EXTERNAL' }));
      assert.deepEqual(external.versions, []);
      const noTag = await client.send(new ListPackageVersionsCommand({ domain: 'acme', repository: 'shared', format: 'npm', package: 'statuses' }));
      assert.equal(noTag.defaultDisplayVersion, '1.4.0', 'without a latest tag: the newest published version');
      const bad = await failure(client.send(new ListPackageVersionsCommand({ ...base, status: 'Gone' as 'Published' })));
      assert.equal(bad.name, 'ValidationException');
    });

    it('the ListPackageVersions paginator walks 120 versions (default page 50)', async () => {
      const versions: string[] = [];
      let pages = 0;
      for await (const page of paginateListPackageVersions({ client }, { domain: 'acme', repository: 'shared', format: 'npm', package: 'many-versions' })) {
        pages += 1;
        versions.push(...(page.versions ?? []).map((v) => v.version ?? ''));
      }
      assert.equal(pages, 3);
      assert.equal(new Set(versions).size, 120);
    });

    it('a version fetched through an upstream is retained and then listed with an EXTERNAL origin', async () => {
      const domain = emu.store.getDomain('acme', ACME);
      assert.ok(domain);
      const before = await failure(client.send(new ListPackageVersionsCommand({ domain: 'acme', repository: 'team', format: 'npm', package: 'left-pad' })));
      assert.equal(before.name, 'ResourceNotFoundException');
      const resolved = emu.store.resolvePackage(domain, 'team', 'npm', undefined, 'left-pad');
      const rv = resolved?.versions.get('1.3.0');
      assert.ok(resolved && rv);
      emu.store.retain(domain, resolved, rv);
      for (const repository of ['team', 'shared', 'npm-public']) {
        const out = await client.send(new ListPackageVersionsCommand({ domain: 'acme', repository, format: 'npm', package: 'left-pad' }));
        assert.deepEqual(out.versions?.map((v) => [v.version, v.origin?.originType, v.origin?.domainEntryPoint?.externalConnectionName]), [['1.3.0', 'EXTERNAL', 'public:npmjs']], repository);
      }
    });

    it('DescribePackage, DescribePackageVersion and GetPackageVersionReadme', async () => {
      const pkg = await client.send(new DescribePackageCommand({ domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', package: 'ui-kit' }));
      assert.deepEqual(pkg.package, { format: 'npm', namespace: 'acme', name: 'ui-kit', originConfiguration: { restrictions: { publish: 'ALLOW', upstream: 'BLOCK' } } });
      const v = await client.send(new DescribePackageVersionCommand({ domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', package: 'ui-kit', packageVersion: '2.1.0' }));
      assert.equal(v.packageVersion?.displayName, '@acme/ui-kit');
      assert.equal(v.packageVersion?.summary, 'UI components');
      assert.equal(v.packageVersion?.homePage, 'https://ui.example');
      assert.deepEqual(v.packageVersion?.licenses, [{ name: 'MIT' }]);
      assert.equal(v.packageVersion?.publishedTime?.toISOString(), '2025-06-01T10:00:00.000Z');
      assert.equal(v.packageVersion?.status, 'Published');
      const beta = await client.send(new DescribePackageVersionCommand({ domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', package: 'ui-kit', packageVersion: '3.0.0-beta.1' }));
      assert.deepEqual(beta.packageVersion?.licenses, [{ name: 'MIT' }, { name: 'Apache-2.0', url: 'https://www.apache.org/licenses/LICENSE-2.0' }]);
      const readme = await client.send(new GetPackageVersionReadmeCommand({ domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', package: 'ui-kit', packageVersion: '2.1.0' }));
      assert.equal(readme.readme, '# UI kit');
      assert.equal(readme.versionRevision, v.packageVersion?.revision);
      const missing = await failure(client.send(new DescribePackageVersionCommand({ domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', package: 'ui-kit', packageVersion: '9.9.9' })));
      assert.equal(missing.name, 'ResourceNotFoundException');
      assert.equal(missing.resourceType, 'package-version');
    });

    it('ListPackageVersionAssets hashes match the bytes GetPackageVersionAsset returns (seeded and synthesized)', async () => {
      const seeded = { domain: 'acme', repository: 'team', format: 'npm' as const, namespace: 'team', package: 'app', packageVersion: '0.1.0' };
      const assets = await client.send(new ListPackageVersionAssetsCommand(seeded));
      assert.deepEqual(assets.assets?.map((a) => [a.name, a.size]), [['package.tgz', 20]]);
      const got = await client.send(new GetPackageVersionAssetCommand({ ...seeded, asset: 'package.tgz' }));
      const bytes = Buffer.from((await got.asset?.transformToByteArray()) ?? []);
      assert.equal(bytes.toString(), 'not really a tarball');
      assert.equal(got.assetName, 'package.tgz');
      assert.equal(got.packageVersion, '0.1.0');
      assert.equal(assets.assets?.[0]?.hashes?.['SHA-256'], createHash('sha256').update(bytes).digest('hex'));

      const maven = { domain: 'acme', repository: 'shared', format: 'maven' as const, namespace: 'com.acme', package: 'acme-core', packageVersion: '1.0.0' };
      const listed = await client.send(new ListPackageVersionAssetsCommand(maven));
      const names = listed.assets?.map((a) => a.name) ?? [];
      assert.deepEqual(names, ['acme-core-1.0.0.jar', 'acme-core-1.0.0.pom']);
      const pom = await client.send(new GetPackageVersionAssetCommand({ ...maven, asset: 'acme-core-1.0.0.pom' }));
      const pomBytes = Buffer.from((await pom.asset?.transformToByteArray()) ?? []);
      assert.match(pomBytes.toString(), /<artifactId>acme-core<\/artifactId>/);
      assert.equal(listed.assets?.[1]?.hashes?.['SHA-1'], createHash('sha1').update(pomBytes).digest('hex'));
      const none = await failure(client.send(new GetPackageVersionAssetCommand({ ...maven, asset: 'nope.jar' })));
      assert.equal(none.name, 'ResourceNotFoundException');
      assert.equal(none.resourceType, 'asset');
    });

    it('ListPackageVersionDependencies splits npm scopes and Maven coordinates', async () => {
      const npm = await client.send(new ListPackageVersionDependenciesCommand({ domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', package: 'ui-kit', packageVersion: '2.1.0' }));
      assert.deepEqual(npm.dependencies?.map((d) => [d.namespace, d.package, d.versionRequirement]), [[undefined, 'left-pad', '^1.3.0'], ['acme', 'theme', '1.x']]);
      const maven = await client.send(new ListPackageVersionDependenciesCommand({ domain: 'acme', repository: 'shared', format: 'maven', namespace: 'com.acme', package: 'acme-core', packageVersion: '1.0.0' }));
      assert.deepEqual(maven.dependencies?.map((d) => [d.namespace, d.package]), [['org.slf4j', 'slf4j-api']]);
    });

    it('UpdatePackageVersionsStatus, DisposePackageVersions and DeletePackageVersions report per version', async () => {
      const base = { domain: 'acme', repository: 'shared', format: 'npm' as const, package: 'statuses' };
      const upd = await client.send(new UpdatePackageVersionsStatusCommand({ ...base, versions: ['1.0.0', '1.2.0', '9.9.9'], expectedStatus: 'Published', targetStatus: 'Archived' }));
      // All-or-nothing, as the AWS User Guide documents: 1.0.0 could change but is SKIPPED because others failed.
      assert.deepEqual(upd.successfulVersions, {});
      assert.equal(upd.failedVersions?.['1.0.0']?.errorCode, 'SKIPPED');
      assert.equal(upd.failedVersions?.['1.2.0']?.errorCode, 'MISMATCHED_STATUS');
      assert.equal(upd.failedVersions?.['9.9.9']?.errorCode, 'NOT_FOUND');
      const alone = await client.send(new UpdatePackageVersionsStatusCommand({ ...base, versions: ['1.0.0'], expectedStatus: 'Published', targetStatus: 'Archived' }));
      assert.deepEqual(Object.keys(alone.successfulVersions ?? {}), ['1.0.0']);
      assert.equal(alone.successfulVersions?.['1.0.0']?.status, 'Archived');
      const badTarget = await failure(client.send(new UpdatePackageVersionsStatusCommand({ ...base, versions: ['1.0.0'], targetStatus: 'Deleted' })));
      assert.equal(badTarget.name, 'ValidationException');
      const disposed = await client.send(new DisposePackageVersionsCommand({ ...base, versions: ['1.1.0'] }));
      assert.equal(disposed.successfulVersions?.['1.1.0']?.status, 'Disposed');
      const assets = await client.send(new ListPackageVersionAssetsCommand({ ...base, packageVersion: '1.1.0' }));
      assert.deepEqual(assets.assets, [], 'a disposed version has no assets');
      const del = await client.send(new DeletePackageVersionsCommand({ ...base, versions: ['1.3.0'] }));
      assert.equal(del.successfulVersions?.['1.3.0']?.status, 'Deleted');
      const left = await client.send(new ListPackageVersionsCommand(base));
      assert.deepEqual(left.versions?.map((v) => `${v.version ?? ''}=${v.status ?? ''}`), ['1.0.0=Archived', '1.1.0=Disposed', '1.2.0=Unlisted', '1.4.0=Published']);
    });

    it('PublishPackageVersion publishes generic packages, checks the SHA-256 and refuses other formats', async () => {
      const content = Buffer.from('hello generic world\n');
      const sha = createHash('sha256').update(content).digest('hex');
      const base = { domain: 'acme', repository: 'shared', format: 'generic' as const, namespace: 'tools', package: 'greeter', packageVersion: '1.0.0' };
      const first = await client.send(new PublishPackageVersionCommand({ ...base, assetName: 'a.txt', assetContent: content, assetSHA256: sha, unfinished: true }));
      assert.equal(first.status, 'Unfinished');
      const second = await client.send(new PublishPackageVersionCommand({ ...base, assetName: 'b.txt', assetContent: content, assetSHA256: sha }));
      assert.equal(second.status, 'Published');
      assert.equal(second.asset?.size, content.length);
      assert.equal(second.asset?.hashes?.['SHA-256'], sha);
      const assets = await client.send(new ListPackageVersionAssetsCommand(base));
      assert.deepEqual(assets.assets?.map((a) => a.name), ['a.txt', 'b.txt']);
      const again = await failure(client.send(new PublishPackageVersionCommand({ ...base, assetName: 'c.txt', assetContent: content, assetSHA256: sha })));
      assert.equal(again.name, 'ConflictException');
      const wrongHash = await failure(client.send(new PublishPackageVersionCommand({ ...base, packageVersion: '2.0.0', assetName: 'a.txt', assetContent: content, assetSHA256: '0'.repeat(64) })));
      assert.equal(wrongHash.name, 'ValidationException');
      const npm = await failure(client.send(new PublishPackageVersionCommand({ ...base, format: 'npm', assetName: 'a.tgz', assetContent: content, assetSHA256: sha })));
      assert.equal(npm.name, 'ValidationException');
    });

    it('PutPackageOriginConfiguration changes the restrictions ListPackages reports', async () => {
      const before = await client.send(new ListPackagesCommand({ domain: 'acme', repository: 'shared', publish: 'BLOCK' }));
      assert.ok(!before.packages?.some((p) => p.package === 'statuses'));
      const out = await client.send(new PutPackageOriginConfigurationCommand({ domain: 'acme', repository: 'shared', format: 'npm', package: 'statuses', restrictions: { publish: 'BLOCK', upstream: 'ALLOW' } }));
      assert.deepEqual(out.originConfiguration?.restrictions, { publish: 'BLOCK', upstream: 'ALLOW' });
      const listed = await client.send(new ListPackagesCommand({ domain: 'acme', repository: 'shared', publish: 'BLOCK' }));
      // Also left-pad when an earlier test fetched it through shared: ingested first, so publish BLOCK.
      assert.deepEqual(listed.packages?.map((p) => p.package).filter((n) => n !== 'left-pad'), ['statuses']);
    });
  });

  describe('errors', () => {
    it('unknown domain, repository and package are ResourceNotFoundException with resourceType', async () => {
      const cases: [() => Promise<unknown>, string, string][] = [
        [() => client.send(new ListPackagesCommand({ domain: 'nope', repository: 'shared' })), 'domain', 'nope'],
        [() => client.send(new ListPackagesCommand({ domain: 'acme', repository: 'nope' })), 'repository', 'nope'],
        [() => client.send(new DescribePackageCommand({ domain: 'acme', repository: 'shared', format: 'npm', package: 'nope' })), 'package', 'nope'],
      ];
      for (const [call, type, id] of cases) {
        const err = await failure(call());
        assert.equal(err.name, 'ResourceNotFoundException');
        assert.equal(err.$metadata.httpStatusCode, 404);
        assert.equal(err.resourceType, type);
        assert.equal(err.resourceId, id);
        assert.ok(err.message.length > 10, 'a message for a person');
      }
    });

    it('bad names, page sizes 0 and 1001 and a bad token are ValidationException (400)', async () => {
      const calls: (() => Promise<unknown>)[] = [
        () => client.send(new DescribeDomainCommand({ domain: 'Bad_Domain' })),
        () => client.send(new DescribeRepositoryCommand({ domain: 'acme', repository: 'x' })),
        () => client.send(new DescribeDomainCommand({ domain: 'acme', domainOwner: '1234' })),
        () => client.send(new ListPackagesCommand({ domain: 'acme', repository: 'shared', maxResults: 0 })),
        () => client.send(new ListPackagesCommand({ domain: 'acme', repository: 'shared', maxResults: 1001 })),
        () => client.send(new ListDomainsCommand({ maxResults: 0 })),
        () => client.send(new ListDomainsCommand({ maxResults: 1001 })),
        () => client.send(new ListPackagesCommand({ domain: 'acme', repository: 'shared', nextToken: 'not-a-token' })),
        () => client.send(new ListDomainsCommand({ nextToken: 'x'.repeat(2001) })),
      ];
      for (const [i, call] of calls.entries()) {
        const err = await failure(call());
        assert.equal(err.name, 'ValidationException', `case ${i}: ${err.message}`);
        assert.equal(err.$metadata.httpStatusCode, 400);
      }
      const ok = await client.send(new ListPackagesCommand({ domain: 'acme', repository: 'bulk', maxResults: 1000 }));
      assert.equal(ok.packages?.length, 250);
      // A token from one operation is not accepted by another.
      const first = await client.send(new ListPackagesCommand({ domain: 'acme', repository: 'bulk', maxResults: 1 }));
      const err = await failure(client.send(new ListDomainsCommand({ nextToken: first.nextToken })));
      assert.equal(err.name, 'ValidationException');
    });

    async function raw(path: string, init: RequestInit): Promise<{ status: number; type: string | null; body: Record<string, unknown> }> {
      const res = await fetch(`${emu.endpoint}${path}`, init);
      return { status: res.status, type: res.headers.get('x-amzn-errortype'), body: (await res.json()) as Record<string, unknown> };
    }
    const signed = {
      authorization: 'AWS4-HMAC-SHA256 Credential=AKIAACMETEST00000001/20250101/us-west-2/codeartifact/aws4_request, SignedHeaders=host;x-amz-date, Signature=' + 'a'.repeat(64),
      'x-amz-date': '20250101T000000Z',
      'content-type': 'application/json',
    };

    it('malformed JSON is ValidationException with reason CANNOT_PARSE', async () => {
      const res = await raw('/v1/domains', { method: 'POST', headers: signed, body: '{"maxResults": 5' });
      assert.equal(res.status, 400);
      assert.equal(res.type, 'ValidationException');
      assert.equal(res.body.reason, 'CANNOT_PARSE');
      const ok = await raw('/v1/domains', { method: 'POST', headers: signed, body: '{"maxResults": 5}' });
      assert.equal(ok.status, 200);
    });

    it('a missing or malformed Authorization header is a 403 with the AWS error code', async () => {
      const missing = await raw('/v1/domains', { method: 'POST', body: '{}' });
      assert.deepEqual([missing.status, missing.type, missing.body.message], [403, 'MissingAuthenticationTokenException', 'Missing Authentication Token']);
      const partial = await raw('/v1/domains', { method: 'POST', headers: { ...signed, authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20250101/us-west-2/codeartifact/aws4_request' }, body: '{}' });
      assert.deepEqual([partial.status, partial.type], [403, 'IncompleteSignatureException']);
      const service = await raw('/v1/domains', { method: 'POST', headers: { ...signed, authorization: signed.authorization.replace('/codeartifact/', '/s3/') }, body: '{}' });
      assert.deepEqual([service.status, service.type], [403, 'InvalidSignatureException']);
      const unknown = await raw('/v1/nothing-here', { method: 'GET', headers: signed });
      assert.equal(unknown.status, 404);
    });
  });

  describe('faults, latency and statistics', () => {
    it('server errors are retried by the SDK and succeed once the fault is spent', async () => {
      emu.setFaults('error/ops=ListDomains/count=2');
      emu.resetStats();
      const out = await client.send(new ListDomainsCommand({}));
      assert.equal(out.$metadata.attempts, 3);
      assert.equal(emu.stats.faults.error, 2);
      assert.equal(emu.stats.requests, 3);
    });

    it('throttling is a 429 ThrottlingException with Retry-After; other operations are unaffected', async () => {
      emu.setFaults('throttle/ops=ListPackages/retryAfter=7');
      const noRetry = make({ maxAttempts: 1 });
      const err = await failure(noRetry.send(new ListPackagesCommand({ domain: 'acme', repository: 'shared' })));
      assert.equal(err.name, 'ThrottlingException');
      assert.equal(err.$metadata.httpStatusCode, 429);
      assert.equal((err as unknown as { retryAfterSeconds?: number }).retryAfterSeconds, 7);
      await noRetry.send(new ListDomainsCommand({}));
      noRetry.destroy();
    });

    it('a reset connection fails the call; a rate of 0.5 faults every other request', async () => {
      emu.setFaults('reset/ops=DescribeDomain');
      const noRetry = make({ maxAttempts: 1 });
      const err = await failure(noRetry.send(new DescribeDomainCommand({ domain: 'acme' })));
      assert.ok(!('$fault' in err) || err.name !== 'ResourceNotFoundException', err.name);
      emu.setFaults('error=0.5/ops=DescribeRepository');
      const results: string[] = [];
      for (let i = 0; i < 6; i++) {
        try {
          await noRetry.send(new DescribeRepositoryCommand({ domain: 'acme', repository: 'shared' }));
          results.push('ok');
        } catch (e) {
          results.push((e as Error).name);
        }
      }
      assert.deepEqual(results, ['ok', 'InternalServerException', 'ok', 'InternalServerException', 'ok', 'InternalServerException']);
      noRetry.destroy();
    });

    it('faults and stats apply to the data plane too, by data-plane operation name', async () => {
      const domain = emu.store.getDomain('acme', ACME);
      assert.ok(domain);
      const { token } = emu.store.issueToken(domain, 900);
      const ping = (): Promise<Response> => fetch(`${emu.endpoint}/acme-${ACME}/npm/shared/-/ping`, { headers: { authorization: `Bearer ${token}` } });
      emu.setFaults('throttle/ops=npm:*/retryAfter=3/count=1');
      emu.resetStats();
      const throttled = await ping();
      assert.equal(throttled.status, 429);
      assert.equal(throttled.headers.get('retry-after'), '3');
      await throttled.arrayBuffer();
      const ok = await ping();
      assert.equal(ok.status, 200);
      await ok.arrayBuffer();
      assert.equal(emu.stats.requests, 2);
      assert.equal(emu.stats.faults.throttle, 1);
      assert.equal(emu.stats.operations['npm:ping'], 1, 'the data plane counts what it handled');
      emu.setFaults('throttle/ops=ListDomains');
      assert.equal((await ping()).status, 200, 'a control-plane rule leaves the data plane alone');
    });

    it('paths with dot segments are refused before routing', async () => {
      // fetch() would normalize the path itself; node:http sends it as written, as a hostile client would.
      for (const path of [`/acme-${ACME}/npm/shared/%2e%2e/%2e%2e/v1/domains`, `/acme-${ACME}/maven/shared/org/../../x.pom`]) {
        const { status, type } = await new Promise<{ status?: number; type?: string | string[] }>((resolve, reject) => {
          const req = request({ host: '127.0.0.1', port: new URL(emu.endpoint).port, path, method: 'POST' }, (res) => {
            res.resume();
            resolve({ status: res.statusCode, type: res.headers['x-amzn-errortype'] });
          });
          req.on('error', reject);
          req.end();
        });
        assert.equal(status, 400, path);
        assert.equal(type, 'ValidationException');
      }
    });

    it('slow bodies and latency delay the response; peak concurrency is counted', async () => {
      emu.setFaults('slow/ms=300/ops=DescribeRepository');
      let t = Date.now();
      await client.send(new DescribeRepositoryCommand({ domain: 'acme', repository: 'shared' }));
      assert.ok(Date.now() - t >= 280, `slow body took ${Date.now() - t} ms`);
      emu.setFaults(undefined);
      emu.setLatency(150);
      emu.resetStats();
      t = Date.now();
      await Promise.all(Array.from({ length: 5 }, () => client.send(new ListDomainsCommand({}))));
      assert.ok(Date.now() - t >= 145, `latency ${Date.now() - t} ms`);
      assert.equal(emu.stats.peakConcurrent, 5);
      assert.equal(emu.stats.operations.ListDomains, 5);
      assert.equal(emu.stats.inFlight, 0);
    });
  });

  it('loads a 10,000-package repository and pages through it 1,000 at a time', async () => {
    const packages: SeedPackage[] = Array.from({ length: 10_000 }, (_, i) => ({ domain: 'big', repository: 'r1', format: 'npm', name: `p${i}`, versions: [{ version: '1.0.0' }, { version: '1.1.0' }] }));
    const big = await startEmulator({ seed: { domains: [{ name: 'big', owner: ACME, region: 'us-west-2', repositories: [{ name: 'r1' }] }], packages } });
    const c = new CodeartifactClient({ endpoint: big.endpoint, region: 'us-west-2', credentials: { accessKeyId: ACME_KEY, secretAccessKey: 'x' } });
    try {
      let count = 0;
      for await (const page of paginateListPackages({ client: c, pageSize: 1000 }, { domain: 'big', repository: 'r1' })) count += page.packages?.length ?? 0;
      assert.equal(count, 10_000);
      assert.equal(big.stats.operations.ListPackages, 10);
    } finally {
      c.destroy();
      await big.stop();
    }
  });

  it('the CLI prints one JSON line with the endpoint and stops on SIGTERM', async function () {
    this.timeout(20_000);
    const cli = join(__dirname, '..', 'emulator', 'cli.js');
    const seedFile = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'demo-seed.json');
    const child = spawn(process.execPath, [cli, '--port', '0', '--seed', seedFile, '--latency-ms', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    try {
      const line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).once('line', resolve);
        child.once('exit', (code) => reject(new Error(`the CLI exited (${String(code)}) before printing its endpoint`)));
      });
      const info = JSON.parse(line) as { endpoint: string };
      assert.match(info.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
      const c = new CodeartifactClient({ endpoint: info.endpoint, region: 'us-west-2', credentials: { accessKeyId: 'AKIAACMEDEMO00000001', secretAccessKey: 'x' } });
      const out = await c.send(new ListDomainsCommand({}));
      c.destroy();
      assert.deepEqual(out.domains?.map((d) => d.name), ['acme', 'acme-sandbox']);
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      clearTimeout(killer);
      child.kill('SIGKILL');
    }
  });

  it('the CLI rejects a seed with an unknown field, naming its path', async function () {
    this.timeout(20_000);
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(join(tmpdir(), 'ca-seed-'));
    try {
      const file = join(dir, 'seed.json');
      await writeFile(file, JSON.stringify({ domains: [{ name: 'acme', owner: ACME }], packages: [{ domain: 'acme', repository: 'r', format: 'npm', name: 'x', versions: [{ version: '1', staus: 'Published' }] }] }));
      const cli = join(__dirname, '..', 'emulator', 'cli.js');
      const child = spawn(process.execPath, [cli, '--seed', file], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      assert.equal(code, 1);
      assert.match(stderr, /packages\[0\]\.versions\[0\]\.staus: unknown field/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
