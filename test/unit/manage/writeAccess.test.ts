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

  it('a repository that refused a write refuses the next one up front: which action was denied where, and what to do', () => {
    const access = new WriteAccess();
    const dev = { domain: 'acme', domainOwner: '111122223333', repository: 'dev' };
    assert.equal(access.refusal(dev, 'unlisting versions'), undefined, 'nothing refused yet: the write is tried');
    access.deny(denied('codeartifact:UpdatePackageVersionsStatus', 'arn:aws:codeartifact:us-west-2:111122223333:package/acme/dev/npm/acme/ui-kit'), dev);
    const refusal = access.refusal(dev, 'unlisting versions');
    assert.ok(refusal);
    assert.equal(refusal.kind, 'accessDenied', 'shown with the buttons of a real denial (Sign In to switch profile, Show Logs)');
    assert.equal(
      refusal.message,
      'not tried: codeartifact:UpdatePackageVersionsStatus was already refused in acme/dev for this profile, so unlisting versions would be refused too. Ask an administrator to allow write actions in acme/dev, or sign in with a profile that has them.',
    );
    assert.ok(access.refusal({ domain: 'acme', repository: 'dev' }, 'x'), 'a ref without the owner (a palette pick of the default account) is the same repository');
    assert.equal(access.refusal({ ...dev, repository: 'prod' }, 'x'), undefined, 'another repository is still tried');
    assert.equal(access.refusal({ ...dev, domainOwner: '444455556666' }, 'x'), undefined, 'a same-named repository of another account');
    assert.equal(access.refusalInDomain({ name: 'acme' }, 'x'), undefined, 'a repository denial does not close the domain');
    access.denyDomain(denied('codeartifact:CreateRepository', 'arn:aws:codeartifact:us-west-2:111122223333:repository/acme/tools'));
    assert.match(access.refusalInDomain({ name: 'acme', owner: '111122223333' }, 'creating a repository')?.message ?? '', /^not tried: codeartifact:CreateRepository was already refused in the domain acme for this profile, so creating a repository would be refused too\./);
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
