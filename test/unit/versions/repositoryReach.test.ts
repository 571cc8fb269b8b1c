// Whether a repository could serve a package nobody published to it (#17 item 6): the real SDK against the
// emulator's upstream graph; and the quick fixes' targets.
import assert from 'node:assert/strict';
import { SdkCodeArtifactApi } from '../../../src/aws/codeArtifactApi';
import { addUpstreamUrl, externalConnectionFormat, RepositoryReach, searchText, UPSTREAM_DOCS_URL } from '../../../src/versions/repositoryReach';
import type { RepositoryTarget } from '../../../src/versions/repositoryResolver';
import { startEmulator, type Emulator } from '../../emulator/server';
import { OWNER, OWNER_KEY, REGION, versionsSeed } from './versionsSeed';

describe('RepositoryReach against the emulator', function () {
  let emu: Emulator;
  let api: SdkCodeArtifactApi;
  const target = (repository: string, format: RepositoryTarget['format']): RepositoryTarget => ({ domain: 'acme', owner: OWNER, repository, format, source: 'test' });

  before(async () => {
    const seed = versionsSeed();
    // A CodeArtifact-only repository (no upstream) and one whose only upstream is CodeArtifact-only.
    seed.domains[0]?.repositories?.push({ name: 'private' }, { name: 'private-child', upstreams: ['private'] });
    emu = await startEmulator({ seed, port: 0 });
    api = new SdkCodeArtifactApi({ region: REGION, endpoint: emu.endpoint, credentials: { accessKeyId: OWNER_KEY, secretAccessKey: 'x' } });
  });
  after(async () => {
    api.dispose();
    await emu.stop();
  });

  it('finds an external connection of the format through upstreams, transitively; none means CodeArtifact-only', async () => {
    const reach = new RepositoryReach(() => api);
    assert.equal(await reach.hasExternalSource(target('shared', 'npm')), true, 'shared → team → npm-store (public:npmjs)');
    assert.equal(await reach.hasExternalSource(target('shared', 'pypi')), true, 'shared → team → pypi-store (public:pypi)');
    assert.equal(await reach.hasExternalSource(target('shared', 'maven')), false, 'no Maven connection anywhere upstream');
    assert.equal(await reach.hasExternalSource(target('private', 'npm')), false);
    assert.equal(await reach.hasExternalSource(target('private-child', 'npm')), false);
  });

  it('asks once per repository and format until cleared; an unknown answer (failure) is not kept', async () => {
    const reach = new RepositoryReach(() => api);
    emu.resetStats();
    await reach.hasExternalSource(target('private', 'npm'));
    await reach.hasExternalSource(target('private', 'npm'));
    assert.equal(emu.stats.operations['DescribeRepository'], 1);
    emu.setFaults('error/ops=DescribeRepository');
    reach.clear();
    assert.equal(await reach.hasExternalSource(target('private', 'npm')), undefined, 'unknown: a Warning, never an Error');
    emu.setFaults(undefined);
    assert.equal(await reach.hasExternalSource(target('private', 'npm')), false, 'asked again');
  });

  it('reads the format from the connection name when the answer leaves it out', () => {
    assert.equal(externalConnectionFormat({ name: 'public:npmjs' }), 'npm');
    assert.equal(externalConnectionFormat({ name: 'public:pypi' }), 'pypi');
    assert.equal(externalConnectionFormat({ name: 'public:maven-central' }), 'maven');
    assert.equal(externalConnectionFormat({ name: 'public:nuget-org' }), undefined);
    assert.equal(externalConnectionFormat({ name: 'x', format: 'npm' }), 'npm');
  });
});

describe('unknown-package quick fixes', () => {
  it('"Add an upstream" opens the repository in the AWS console, else the guide', () => {
    assert.equal(
      addUpstreamUrl({ domain: 'acme', owner: '111122223333', repository: 'shared' }, 'us-west-2'),
      'https://us-west-2.console.aws.amazon.com/codesuite/codeartifact/d/111122223333/acme/r/shared?region=us-west-2',
    );
    assert.equal(addUpstreamUrl({ domain: 'acme', owner: '', repository: 'shared' }, 'us-west-2'), UPSTREAM_DOCS_URL, 'no account id: the guide');
    assert.equal(addUpstreamUrl({ domain: '..', owner: '111122223333', repository: 'shared' }, 'us-west-2'), UPSTREAM_DOCS_URL, 'a name that cannot be a link');
    assert.equal(addUpstreamUrl({ domain: 'acme', owner: '111122223333', repository: 'shared' }, 'evil.example/'), UPSTREAM_DOCS_URL, 'not a region');
    assert.equal(addUpstreamUrl('junk', 'us-west-2'), UPSTREAM_DOCS_URL);
  });

  it('"Search the domain" searches the name the way Find Package reads it', () => {
    assert.equal(searchText({ ecosystem: 'npm', namespace: 'acme', name: 'ui-kit', displayName: '@acme/ui-kit' }), '@acme/ui-kit');
    assert.equal(searchText({ ecosystem: 'maven', namespace: 'com.acme', name: 'core', displayName: 'com.acme:core' }), 'com.acme:core');
    assert.equal(searchText({ ecosystem: 'pypi', name: 'acme-utils', displayName: 'acme-utils' }), 'acme-utils');
  });
});
