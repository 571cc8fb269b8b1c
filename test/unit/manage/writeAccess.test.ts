// What the explorer learns from an AccessDenied: the repository or the domain it names, so that only those rows'
// write entries show disabled; a denial that names no resource disables the domain-level writes everywhere.
import assert from 'node:assert/strict';
import { CodeArtifactError } from '../../../src/aws/errors';
import { packageGroupTextProblem } from '../../../src/core/packageGroupPattern';
import { DOMAIN_WRITES, domainOfResource, REPOSITORY_WRITES, WriteAccess } from '../../../src/manage/writeAccess';

const denied = (action: string, resource?: string): CodeArtifactError =>
  new CodeArtifactError({ kind: 'accessDenied', action, ...(resource ? { resource } : {}) }, `Access denied: ${action}`);

describe('manage: write access learnt from AccessDenied', () => {
  it('reads the owner and domain of every CodeArtifact ARN kind, and nothing from other text', () => {
    assert.deepEqual(domainOfResource('arn:aws:codeartifact:us-west-2:111122223333:package-group/acme/npm/acme/*'), { owner: '111122223333', domain: 'acme' });
    assert.deepEqual(domainOfResource('arn:aws:codeartifact:us-west-2:111122223333:repository/acme/shared'), { owner: '111122223333', domain: 'acme' });
    assert.deepEqual(domainOfResource('arn:aws-cn:codeartifact:cn-north-1:111122223333:domain/acme'), { owner: '111122223333', domain: 'acme' });
    assert.equal(domainOfResource('acme package group /npm/*'), undefined);
    assert.equal(domainOfResource('arn:aws:s3:::bucket/acme'), undefined);
    assert.equal(domainOfResource(undefined), undefined);
  });

  it('a denied package-group write marks its domain only (same owner); repository denials stay per repository', () => {
    const access = new WriteAccess();
    access.denyDomain(denied('codeartifact:CreatePackageGroup', 'arn:aws:codeartifact:us-west-2:111122223333:package-group/acme/npm/*'));
    assert.equal(access.deniedInDomain({ name: 'acme', owner: '111122223333' }), 'codeartifact:CreatePackageGroup');
    assert.equal(access.deniedInDomain({ name: 'acme' }), 'codeartifact:CreatePackageGroup', 'the default owner');
    assert.equal(access.deniedInDomain({ name: 'acme', owner: '444455556666' }), undefined, 'a same-named domain of another account');
    assert.equal(access.deniedInDomain({ name: 'other', owner: '111122223333' }), undefined);
    assert.equal(access.deniedAction({ domain: 'acme', repository: 'shared' }), undefined, 'repository writes are not assumed denied');
    access.clear();
    assert.equal(access.deniedInDomain({ name: 'acme' }), undefined, 'forgotten on sign-in changes');
  });

  it('a denial without a resource marks every domain (the identity, not one domain, lacks the permission)', () => {
    const access = new WriteAccess();
    access.denyDomain(denied('codeartifact:CreateRepository'));
    assert.equal(access.deniedInDomain({ name: 'anything' }), 'codeartifact:CreateRepository');
  });

  it('the write sets cover package groups and repository setup, and no read', () => {
    for (const op of ['CreatePackageGroup', 'UpdatePackageGroup', 'UpdatePackageGroupOriginConfiguration', 'DeletePackageGroup', 'CreateRepository']) assert.ok(DOMAIN_WRITES.has(op), op);
    for (const op of ['UpdateRepository', 'AssociateExternalConnection', 'DisassociateExternalConnection', 'PublishPackageVersion']) assert.ok(REPOSITORY_WRITES.has(op), op);
    for (const op of [...DOMAIN_WRITES, ...REPOSITORY_WRITES]) assert.doesNotMatch(op, /^(List|Describe|Get)/);
  });

  it('package-group text: at most 1,000 characters, no control characters (the model\'s \\P{C}*)', () => {
    assert.equal(packageGroupTextProblem(''), undefined);
    assert.equal(packageGroupTextProblem('Owned by platform — ask in #platform'), undefined);
    assert.match(packageGroupTextProblem('x'.repeat(1001)) ?? '', /1,000/);
    assert.match(packageGroupTextProblem('a\tb') ?? '', /control/);
  });
});
