// Pure helpers behind the commands: ranges per ecosystem, which repository a denial names, origin toggles.
import assert from 'node:assert/strict';
import type { VersionSummary } from '../../../src/aws/codeArtifactApi';
import { CodeArtifactError } from '../../../src/aws/errors';
import { toggled } from '../../../src/manage/originView';
import { matchRange } from '../../../src/manage/versionsInRange';
import { repositoryOfResource, WriteAccess } from '../../../src/manage/writeAccess';

const v = (version: string, status = 'Published'): VersionSummary => ({ version, status });

describe('manage: ranges, access, origin', () => {
  it('selects versions by each ecosystem’s own range rules and skips Disposed/Deleted', () => {
    const npm = [v('1.0.0'), v('1.2.0'), v('2.0.0-beta.1'), v('2.0.0'), v('1.5.0', 'Disposed')];
    assert.deepEqual(matchRange('npm', npm, '^1.0.0').map((x) => x.version), ['1.0.0', '1.2.0']);
    assert.deepEqual(matchRange('npm', npm, '*').map((x) => x.version), ['1.0.0', '1.2.0', '2.0.0-beta.1', '2.0.0']);
    assert.deepEqual(matchRange('npm', npm, '>=2.0.0-beta.0').map((x) => x.version), ['2.0.0-beta.1', '2.0.0']);
    const py = [v('1.0'), v('1.1rc1'), v('2.0')];
    assert.deepEqual(matchRange('pypi', py, '>=1.0,<2').map((x) => x.version), ['1.0']);
    const mvn = [v('1.0'), v('1.5'), v('2.0')];
    assert.deepEqual(matchRange('maven', mvn, '[1.0,2.0)').map((x) => x.version), ['1.0', '1.5']);
    assert.deepEqual(matchRange('generic', [v('a'), v('b')], 'b').map((x) => x.version), ['b']);
    assert.deepEqual(matchRange('npm', npm, 'not a range'), []);
  });

  it('reads the repository from a denied resource and remembers the denial per repository', () => {
    assert.deepEqual(repositoryOfResource('arn:aws:codeartifact:us-west-2:111122223333:package/acme/prod/npm/acme/ui'), { domain: 'acme', repository: 'prod' });
    assert.deepEqual(repositoryOfResource('arn:aws:codeartifact:us-west-2:111122223333:repository/acme/dev'), { domain: 'acme', repository: 'dev' });
    assert.equal(repositoryOfResource('domain acme'), undefined);
    const access = new WriteAccess();
    const err = new CodeArtifactError({ kind: 'accessDenied', action: 'codeartifact:CopyPackageVersions', resource: 'arn:aws:codeartifact:us-west-2:111122223333:package/acme/prod/npm/acme/ui' }, 'denied');
    access.deny(err, { domain: 'acme', domainOwner: '111122223333', repository: 'dev' });
    assert.equal(access.deniedAction({ domain: 'acme', domainOwner: '111122223333', repository: 'prod' }), 'codeartifact:CopyPackageVersions', 'the repository the denial names');
    assert.equal(access.deniedAction({ domain: 'acme', domainOwner: '111122223333', repository: 'dev' }), undefined);
    access.clear();
    assert.equal(access.deniedAction({ domain: 'acme', domainOwner: '111122223333', repository: 'prod' }), undefined);
  });

  it('toggles one origin control keeping the other', () => {
    assert.deepEqual(toggled({ publish: 'ALLOW', upstream: 'BLOCK' }, 'upstream'), { publish: 'ALLOW', upstream: 'ALLOW' });
    assert.deepEqual(toggled({ publish: 'ALLOW', upstream: 'BLOCK' }, 'publish'), { publish: 'BLOCK', upstream: 'BLOCK' });
    assert.deepEqual(toggled({}, 'publish'), { publish: 'BLOCK', upstream: 'ALLOW' });
  });
});
