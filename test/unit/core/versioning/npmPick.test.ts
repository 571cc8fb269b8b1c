import assert from 'node:assert/strict';
import { npmLatest, npmMatcher, pickNpmVersion, type NpmCandidate } from '../../../../src/core/versioning/npmPick';
import { compare, sortNewestFirst } from '../../../../src/core/versioning/versions';

const c = (version: string, deprecated?: string): NpmCandidate => ({ version, ...(deprecated ? { deprecated } : {}) });
const list = [c('3.0.0-beta.1'), c('2.1.0', 'broken'), c('2.0.0'), c('1.5.0'), c('1.0.0')];

describe('npm picking (npm-pick-manifest rules)', () => {
  it('prefers the latest dist-tag when the range accepts it, even over a newer match', () => {
    assert.equal(pickNpmVersion([c('1.2.0'), c('1.1.0')], '^1.0.0', { latest: '1.1.0' }), '1.1.0');
    assert.equal(pickNpmVersion([c('1.2.0'), c('1.1.0')], '^1.0.0', { latest: '0.9.0' }), '1.2.0');
  });

  it('takes deprecated versions last, and a deprecated latest tag not at all when something else matches', () => {
    assert.equal(pickNpmVersion(list, '^2.0.0', { latest: '2.1.0' }), '2.0.0');
    assert.equal(pickNpmVersion([c('2.1.0', 'x')], '^2.0.0', {}), '2.1.0');
    assert.equal(npmLatest(list, { latest: '2.1.0' }), '2.0.0');
  });

  it('an exact version or a tag is exactly that (deprecated or not); a tag not in the list fails', () => {
    assert.equal(pickNpmVersion(list, 'v2.1.0', {}), '2.1.0');
    assert.equal(pickNpmVersion(list, 'next', { next: '3.0.0-beta.1' }), '3.0.0-beta.1');
    assert.equal(pickNpmVersion(list, 'next', { next: '9.9.9' }), undefined);
    assert.equal(pickNpmVersion(list, '2.2.0', {}), undefined);
  });

  it('matches loosely, pre-releases only when the range names the same tuple', () => {
    const accepts = npmMatcher('~> 1.0', {});
    assert.deepEqual(['1.0.0', '1.5.0', '2.0.0'].filter(accepts), ['1.0.0']);
    assert.equal(npmMatcher('*', {})('3.0.0-beta.1'), false);
    assert.equal(npmMatcher('>=3.0.0-beta.0', {})('3.0.0-beta.1'), true);
    assert.equal(npmLatest([c('1.0.0-rc.1'), c('1.0.0-rc.2')], {}), '1.0.0-rc.2');
  });

  it('sorts npm versions as compare() does, each parsed once', () => {
    const versions = ['1.0.0+b', '2.0.0', 'x', '1.0.0-rc.1', '1.0.0', '1.0.0+a', 'v1.0.0', ''];
    assert.deepEqual(sortNewestFirst('npm', versions), [...versions].sort((a, b) => compare('npm', b, a)));
  });
});
