// After a write from the explorer, the version answers behind hovers are forgotten for exactly the packages it
// changed: the next hover of that package asks again and sees the change, every other package stays cached.
import assert from 'node:assert/strict';
import { SdkCodeArtifactApi } from '../../../src/aws/codeArtifactApi';
import type { RepositoryTarget } from '../../../src/versions/repositoryResolver';
import { VersionSource, watchInvalidation, type ChangedPackage, type PackageQuery } from '../../../src/versions/versionSource';
import { startEmulator, type Emulator } from '../../emulator/server';
import { FakeEventEmitter, tokenGetterFor } from '../fakes';
import { OWNER, OWNER_KEY, REGION, versionsSeed } from './versionsSeed';

describe('VersionSource.forgetPackages (targeted invalidation after a write)', function () {
  this.timeout(30_000);
  let emu: Emulator;
  let api: SdkCodeArtifactApi;
  let getter: ReturnType<typeof tokenGetterFor>;
  const target: RepositoryTarget = { domain: 'acme', owner: OWNER, repository: 'shared', format: 'npm', source: 'test' };
  const uiKit: PackageQuery = { ecosystem: 'npm', target, namespace: 'acme', name: 'ui-kit' };
  const leftPad: PackageQuery = { ecosystem: 'npm', target, name: 'left-pad' };

  before(async () => {
    emu = await startEmulator({ seed: versionsSeed(), port: 0 });
    api = new SdkCodeArtifactApi({ region: REGION, endpoint: emu.endpoint, credentials: { accessKeyId: OWNER_KEY, secretAccessKey: 'x' } });
    getter = tokenGetterFor(() => api);
  });
  after(async () => {
    getter.dispose();
    api.dispose();
    await emu.stop();
  });

  it('forgets only the changed package, in every repository of its domain, and the next answer shows the change', async () => {
    const source = new VersionSource({ api: () => api, getToken: getter, connection: () => ({ region: REGION, endpoint: emu.endpoint }) });
    const before = await source.get(uiKit);
    await source.get(leftPad);
    assert.equal(before.versions.find((v) => v.version === '2.1.0')?.status, 'Published');
    await api.writes().updatePackageVersionsStatus({ domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', package: 'ui-kit' }, ['2.1.0'], 'Unlisted', 'Published');
    assert.equal(source.peek(uiKit)?.versions.find((v) => v.version === '2.1.0')?.status, 'Published', 'cached until told');

    const changes = new FakeEventEmitter<readonly ChangedPackage[]>();
    let reshown = 0;
    const subs = watchInvalidation(source, { packageChanges: changes.event }, () => assert.fail('a package change must not forget everything'), () => reshown++);
    // Changed in another repository of the domain (a copy's target): the answer through `shared` may change too.
    changes.fire([{ ecosystem: 'npm', domain: 'acme', owner: '', namespace: 'acme', name: 'ui-kit' }]);
    assert.equal(reshown, 1);
    assert.equal(source.peek(uiKit), undefined, 'ui-kit forgotten');
    assert.ok(source.peek(leftPad), 'left-pad still cached');
    emu.resetStats();
    const after = await source.get(uiKit);
    assert.ok(emu.stats.requests > 0, 'asked again');
    assert.equal(after.versions.find((v) => v.version === '2.1.0')?.status, 'Unlisted');

    changes.fire([{ ecosystem: 'npm', domain: 'other', name: 'left-pad' }]);
    assert.ok(source.peek(leftPad), 'another domain’s package of the same name is not this one');
    assert.equal(reshown, 1, 'nothing dropped, nothing re-shown');
    for (const s of subs) s.dispose();
  });
});
