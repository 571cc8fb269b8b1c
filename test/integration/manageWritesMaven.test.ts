// The explorer's writes seen by real mvn (issue #15), next to manageWrites.test.ts (npm, pip): a version only in
// `dev` is promoted to `prod` through the same runBulk + CopyPackageVersions path the Copy command uses, and a
// consumer build (mavenConsumer.ts) through our configureMaven settings (mirror to prod) resolves it only afterwards. Unlisted
// and Archived follow the AWS User Guide ("Packages overview", Package version status): an Unlisted version's
// assets still download but it is left out of the version list given to package managers (for Maven,
// maven-metadata.xml), so a range or RELEASE does not pick it while an exact version still resolves; an Archived
// version's assets can no longer be downloaded. Plugins come through prod's upstream, a public:maven-central
// connection backed by ~/.m2/repository and /usr/share/maven-repo (there is no Maven Central here).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SdkCodeArtifactApi, type PackageRef } from '../../src/aws/codeArtifactApi';
import { runBulk } from '../../src/manage/batches';
import type { Seed } from '../emulator/seed';
import { OWNER, startClientHarness, type ClientHarness } from './clientHarness';
import { describe as explain, findTool, REAL_HOME } from './helpers';
import { buildConsumer, resolvedVersions } from './mavenConsumer';

const KEY = 'AKIAMANAGEMAVEN00001';
const GROUP = 'com.acme.promote';
const v = (version: string, month: number) => ({ version, publishedTime: `2025-0${month}-01T00:00:00Z` });

const seed: Seed = {
  accounts: { [KEY]: OWNER },
  domains: [
    {
      name: 'acme',
      owner: OWNER,
      region: 'us-west-2',
      repositories: [
        { name: 'maven-central-store', externalConnection: 'public:maven-central' },
        { name: 'dev' },
        { name: 'prod', upstreams: ['maven-central-store'] },
      ],
    },
  ],
  packages: [
    { domain: 'acme', repository: 'dev', format: 'maven', namespace: GROUP, name: 'widget', versions: [v('1.0.0', 1), v('1.1.0', 2)] },
    { domain: 'acme', repository: 'prod', format: 'maven', namespace: GROUP, name: 'gadget', versions: [v('1.0.0', 1), v('1.1.0', 2), v('1.2.0', 3)] },
  ],
  mavenDirectories: { 'public:maven-central': [join(REAL_HOME, '.m2', 'repository'), '/usr/share/maven-repo'] },
};

// Each test is skipped, by name, when mvn is not installed (CI installs it).
const MVN = findTool('mvn') !== undefined;
const itMvn = MVN ? it : it.skip;

const ref = (repository: string, name: string): PackageRef => ({ domain: 'acme', domainOwner: OWNER, repository, format: 'maven', namespace: GROUP, package: name });

describe('manage writes seen by real mvn (promote, unlist, archive; skipped when mvn is not installed)', function () {
  this.timeout(600_000);
  let h: ClientHarness;
  let api: SdkCodeArtifactApi;
  let env: Record<string, string> = {};

  before(async () => {
    if (!MVN) return;
    h = await startClientHarness({ seed, prefix: 'manage-mvn' });
    api = new SdkCodeArtifactApi({ region: 'us-west-2', endpoint: h.emulator.endpoint, credentials: { accessKeyId: KEY, secretAccessKey: 'x' } });
    // What a user runs: Configure Maven for prod (settings.xml mirrors everything there, token from the env).
    await h.configurator.configureMaven({ domain: 'acme', domainOwner: OWNER, repository: 'prod' }, { password: 'env', mirror: true });
    env = (await h.configurator.environment((d) => h.tokens.stored(d))) ?? {};
    assert.ok(env['CODEARTIFACT_AUTH_TOKEN'], 'the configure environment carries the token');
  });
  after(async () => {
    api?.dispose();
    await h?.dispose();
  });

  const resolve = (artifactId: string, version: string) => buildConsumer({ home: h.home, env }, { groupId: GROUP, artifactId, version });
  const fetched = (artifactId: string) => resolvedVersions(h.home, GROUP, artifactId);
  const secrets = (): string[] => [...h.issued, env['CODEARTIFACT_AUTH_TOKEN'] ?? ''];
  const setStatus = (name: string, versions: string[], target: 'Unlisted' | 'Archived') =>
    runBulk([{ pkg: ref('prod', name), versions, expectedStatus: 'Published' }], (job, list) => api.writes().updatePackageVersionsStatus(job.pkg, list, target, 'Published'));

  itMvn('promote: widget 1.1.0 only in dev does not resolve from prod; after the copy a real mvn build resolves it', async () => {
    const before = await resolve('widget', '1.1.0');
    assert.notEqual(before.code, 0, explain(before, secrets()));
    assert.match(before.stdout, /Could not (?:resolve dependencies|find artifact)[^\n]*com\.acme\.promote:widget:jar:1\.1\.0/, explain(before, secrets()));
    assert.deepEqual(await fetched('widget'), []);

    const copied = await runBulk([{ pkg: ref('dev', 'widget'), versions: ['1.1.0'] }], (job, list) => api.writes().copyPackageVersions({ source: job.pkg, destinationRepository: 'prod', versions: list }));
    assert.deepEqual(copied.succeeded.map((s) => s.version), ['1.1.0']);
    assert.equal(copied.failed.length, 0);

    const after = await resolve('widget', '1.1.0');
    assert.equal(after.code, 0, explain(after, secrets()));
    assert.match(after.stdout, /BUILD SUCCESS/);
    assert.deepEqual(await fetched('widget'), ['1.1.0']);
    // Only the promoted version went: 1.0.0 is still dev's alone.
    const other = await resolve('widget', '1.0.0');
    assert.notEqual(other.code, 0, explain(other, secrets()));
    assert.match(other.stdout, /com\.acme\.promote:widget:jar:1\.0\.0/, explain(other, secrets()));
  });

  itMvn('promote: the new package record in prod gets publish ALLOW / upstream BLOCK (the emulator\'s choice; AWS does not document copies)', async () => {
    assert.deepEqual(await api.writes().describePackage(ref('prod', 'widget')), { publish: 'ALLOW', upstream: 'BLOCK' });
  });

  itMvn('unlist: a range and RELEASE no longer pick gadget 1.2.0, the exact version still downloads', async () => {
    const newest = await resolve('gadget', '[1.0,2.0)');
    assert.equal(newest.code, 0, explain(newest, secrets()));
    assert.deepEqual(await fetched('gadget'), ['1.2.0'], 'before: the range resolves to the newest, 1.2.0');

    const unlisted = await setStatus('gadget', ['1.2.0'], 'Unlisted');
    assert.equal(unlisted.succeeded[0]?.status, 'Unlisted');

    const ranged = await resolve('gadget', '[1.0,2.0)');
    assert.equal(ranged.code, 0, explain(ranged, secrets()));
    assert.deepEqual(await fetched('gadget'), ['1.1.0'], 'the range skips the unlisted 1.2.0');
    const release = await resolve('gadget', 'RELEASE');
    assert.equal(release.code, 0, explain(release, secrets()));
    assert.deepEqual(await fetched('gadget'), ['1.1.0'], 'RELEASE is 1.1.0 now');
    const exact = await resolve('gadget', '1.2.0');
    assert.equal(exact.code, 0, explain(exact, secrets()));
    assert.deepEqual(await fetched('gadget'), ['1.2.0'], 'an exact version still downloads');
  });

  itMvn('archive: gadget 1.1.0 is neither picked by a range nor downloadable by its exact version', async () => {
    const archived = await setStatus('gadget', ['1.1.0'], 'Archived');
    assert.equal(archived.succeeded[0]?.status, 'Archived');
    const exact = await resolve('gadget', '1.1.0');
    assert.notEqual(exact.code, 0, explain(exact, secrets()));
    assert.match(exact.stdout, /com\.acme\.promote:gadget:jar:1\.1\.0/, explain(exact, secrets()));
    assert.deepEqual(await fetched('gadget'), []);
    // 1.2.0 is Unlisted and 1.1.0 Archived: the range is left with 1.0.0.
    const ranged = await resolve('gadget', '[1.0,2.0)');
    assert.equal(ranged.code, 0, explain(ranged, secrets()));
    assert.deepEqual(await fetched('gadget'), ['1.0.0']);
  });
});
