// The API layer against the in-process emulator over real HTTP: the real SDK, real credential providers,
// real config files in a temp dir.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectPages, listDomainsWithExtras, type ApiOptions } from '../../../src/aws/codeArtifactApi';
import { OWNER, PARTNER, PARTNER_KEY, FILLER_COUNT, seededEmulator } from './testSeed';

describe('SdkCodeArtifactApi against the emulator', function () {
  const seeded = seededEmulator();
  const make = (opts: Partial<ApiOptions> = {}) => seeded.api(opts);
  const shared = { domain: 'acme', domainOwner: OWNER, repository: 'shared' };

  it('lists only the caller’s domains in the region, with owner and creation time', async () => {
    const page = await make().listDomains();
    assert.deepEqual(page.items.map((d) => d.name), ['acme']);
    assert.equal(page.items[0]?.owner, OWNER);
    assert.ok(page.items[0]?.createdTime instanceof Date);
    assert.equal(page.nextToken, undefined);
  });

  it('adds extra domains of other accounts via DescribeDomain, and lists a failing one with its error', async () => {
    const api = make();
    const page = await listDomainsWithExtras(api, [{ name: 'partner', owner: PARTNER }, { name: 'acme', owner: OWNER }, { name: 'nope', owner: PARTNER }]);
    assert.deepEqual(page.items.map((d) => `${d.owner}/${d.name}`), [`${OWNER}/acme`, `${PARTNER}/partner`, `${PARTNER}/nope`]);
    assert.equal(page.items[1]?.repositoryCount, 1);
    assert.equal(page.items[2]?.error?.kind, 'notFound');
    assert.equal(seeded.emu.stats.operations.DescribeDomain, 3, 'one DescribeDomain per extra domain');
  });

  it('describes a domain with its repository count', async () => {
    const d = await make().describeDomain({ name: 'acme' });
    assert.equal(d.repositoryCount, 4);
    assert.ok(d.encryptionKey);
  });

  it('lists repositories page by page with opaque tokens', async () => {
    const api = make();
    const first = await api.listRepositories({ name: 'acme' }, { maxResults: 3 });
    assert.equal(first.items.length, 3);
    assert.ok(first.nextToken);
    const second = await api.listRepositories({ name: 'acme' }, { maxResults: 3, nextToken: first.nextToken });
    assert.equal(second.items.length, 1);
    assert.equal(second.nextToken, undefined);
    const names = [...first.items, ...second.items].map((r) => r.name).sort();
    assert.deepEqual(names, ['empty', 'npm-public', 'python', 'shared']);
    assert.equal([...first.items, ...second.items].find((r) => r.name === 'shared')?.description, 'Company packages');
  });

  it('describes a repository with its upstreams and external connection', async () => {
    const api = make();
    const shared = await api.describeRepository({ domain: 'acme', repository: 'shared' });
    assert.deepEqual(shared.upstreams, ['npm-public']);
    assert.deepEqual(shared.externalConnections, []);
    const pub = await api.describeRepository({ domain: 'acme', repository: 'npm-public' });
    assert.equal(pub.externalConnections[0]?.name, 'public:npmjs');
    assert.equal(pub.externalConnections[0]?.format, 'npm');
  });

  it('pages through every package exactly once, one request per page', async () => {
    const api = make();
    const all = await collectPages((nextToken) => api.listPackages(shared, {}, { nextToken, maxResults: 7 }));
    const total = FILLER_COUNT + 4 + 2; // fillers, 4 named npm packages, 2 maven
    assert.equal(all.items.length, total);
    assert.equal(new Set(all.items.map((p) => `${p.format}/${p.namespace ?? ''}/${p.name}`)).size, total);
    assert.equal(seeded.emu.stats.operations.ListPackages, Math.ceil(total / 7));
  });

  it('filters packages on the server by format, namespace and prefix', async () => {
    const api = make();
    const maven = await api.listPackages(shared, { format: 'maven' });
    assert.deepEqual(maven.items.map((p) => `${p.namespace}:${p.name}`).sort(), ['com.acme:core', 'com.acme:util']);
    const scoped = await api.listPackages(shared, { format: 'npm', namespace: 'acme' });
    // The namespace parameter is a prefix match: acme and acme-tools.
    assert.deepEqual(scoped.items.map((p) => `${p.namespace}/${p.name}`).sort(), ['acme-tools/cli', 'acme/icons', 'acme/ui-kit']);
    const prefixed = await api.listPackages(shared, { packagePrefix: 'pkg-1' });
    assert.equal(prefixed.items.length, 10);
  });

  it('lists versions newest first with status, origin and the default display version', async () => {
    const page = await make().listPackageVersions({ ...shared, format: 'npm', namespace: 'acme', package: 'ui-kit' });
    assert.deepEqual(page.items.map((v) => v.version), ['3.0.0-beta.1', '2.1.0', '2.0.0', '1.0.0', '0.9.0']);
    assert.deepEqual(page.items.map((v) => v.status), ['Unfinished', 'Published', 'Unlisted', 'Archived', 'Disposed']);
    assert.equal(page.defaultDisplayVersion, '2.1.0');
    const leftPad = await make().listPackageVersions({ ...shared, format: 'npm', package: 'left-pad' });
    assert.equal(leftPad.items[0]?.origin?.externalConnectionName, 'public:npmjs');
  });

  it('describes a version, lists its assets with hashes, and reads its readme', async () => {
    const api = make();
    const ref = { ...shared, format: 'npm' as const, namespace: 'acme', package: 'ui-kit', version: '2.1.0' };
    const d = await api.describePackageVersion(ref);
    assert.equal(d.displayName, '@acme/ui-kit');
    assert.equal(d.licenses[0]?.name, 'MIT');
    assert.equal(d.publishedTime?.toISOString(), '2025-06-01T10:00:00.000Z');
    const assets = await api.listAssets(ref);
    assert.equal(assets.items[0]?.name, 'package.tgz'); // CodeArtifact's name for an npm tarball
    assert.ok((assets.items[0]?.size ?? 0) > 0);
    assert.match(assets.items[0]?.hashes['SHA-256'] ?? '', /^[0-9a-f]{64}$/);
    assert.match((await api.getReadme(ref)) ?? '', /^# ui-kit/);
  });

  it('uses the normalized PyPI name', async () => {
    const page = await make().listPackages({ domain: 'acme', repository: 'python' }, { format: 'pypi' });
    assert.equal(page.items[0]?.name, 'requests-toolkit');
  });

  it('gets a repository endpoint and an authorization token', async () => {
    const api = make();
    const ep = await api.getRepositoryEndpoint(shared, 'npm');
    assert.equal(ep, `${seeded.emu.endpoint}/acme-${OWNER}/npm/shared/`);
    const t = await api.getAuthorizationToken({ name: 'acme', owner: OWNER }, { durationSeconds: 900 });
    assert.match(t.token, /^[A-Za-z0-9._-]+$/);
    assert.ok(t.expiration && t.expiration.getTime() > Date.now());
  });

  it('reaches another account’s domain with domain-owner', async () => {
    const page = await make().listRepositories({ name: 'partner', owner: PARTNER });
    assert.deepEqual(page.items.map((r) => r.name), ['partner-repo']);
  });

  describe('credentials', () => {
    let dir: string;
    const saved = { ...process.env };
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'ca-creds-'));
    });
    afterEach(() => {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
      rmSync(dir, { recursive: true, force: true });
    });

    it('signs with a named profile from AWS_SHARED_CREDENTIALS_FILE (the key decides the account)', async () => {
      writeFileSync(join(dir, 'credentials'), `[partner]\naws_access_key_id = ${PARTNER_KEY}\naws_secret_access_key = s\n`);
      writeFileSync(join(dir, 'config'), '');
      process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
      process.env.AWS_CONFIG_FILE = join(dir, 'config');
      const page = await make({ credentials: undefined, profile: 'partner' }).listDomains();
      assert.deepEqual(page.items.map((d) => d.name), ['partner']);
    });

    it('uses environment variables through the default chain when no profile is chosen', async () => {
      process.env.AWS_ACCESS_KEY_ID = PARTNER_KEY;
      process.env.AWS_SECRET_ACCESS_KEY = 's';
      process.env.AWS_CONFIG_FILE = join(dir, 'missing-config');
      process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'missing-credentials');
      const page = await make({ credentials: undefined }).listDomains();
      assert.deepEqual(page.items.map((d) => d.name), ['partner']);
    });
  });
});
