// The emulator's IAM: the policy language (what is refused and why), AWS's evaluation order, and the answers the
// real SDK and our error mapping see over HTTP (AccessDenied in AWS's wording, UnrecognizedClientException,
// ExpiredTokenException, a bad policy document), plus the data plane judging the identity behind a token.
import assert from 'node:assert/strict';
import { CodeartifactClient, PutRepositoryPermissionsPolicyCommand, ListDomainsCommand } from '@aws-sdk/client-codeartifact';
import { SdkCodeArtifactApi } from '../../../src/aws/codeArtifactApi';
import { evaluate, parsePolicy, PolicyError, wildcardMatch, type Identity } from '../../emulator/iam';
import { validateSeed, SeedError, type Seed } from '../../emulator/seed';
import { startEmulator, type Emulator } from '../../emulator/server';
import { failure } from '../aws/testSeed';

const OWNER = '111122223333';
const OTHER = '444455556666';
const REGION = 'us-west-2';
const ADMIN_KEY = 'AKIAIAMTESTADMIN0001';
const READER_KEY = 'AKIAIAMTESTREADER001';
const DENIED_KEY = 'AKIAIAMTESTDENIED001';
const OUTSIDER_KEY = 'AKIAIAMTESTOUTSIDER1';
const SESSION_KEY = 'ASIAIAMTESTSESSION01';
const EXPIRED_KEY = 'ASIAIAMTESTEXPIRED01';
const REPO_ARN = `arn:aws:codeartifact:${REGION}:${OWNER}:repository/acme/shared`;

const allow = (Action: string | string[], Resource: string | string[] = '*') => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action, Resource }] });

function seed(): Seed {
  return {
    accounts: { [ADMIN_KEY]: OWNER },
    identities: {
      [READER_KEY]: { account: OWNER, arn: `arn:aws:iam::${OWNER}:user/reader`, policies: [allow(['codeartifact:List*', 'codeartifact:Describe*', 'codeartifact:GetAuthorizationToken', 'codeartifact:ReadFromRepository', 'sts:GetServiceBearerToken'])] },
      [DENIED_KEY]: {
        account: OWNER,
        policies: [allow('codeartifact:*'), { Version: '2012-10-17', Statement: { Effect: 'Deny', Action: 'codeartifact:ListPackages', Resource: REPO_ARN } }],
      },
      [OUTSIDER_KEY]: { account: OTHER, policies: [allow('*')] },
      [SESSION_KEY]: { account: OWNER, sessionToken: 'session-token-1', expiration: '2999-01-01T00:00:00Z', policies: [allow('codeartifact:ListDomains')] },
      [EXPIRED_KEY]: { account: OWNER, sessionToken: 'session-token-2', expiration: '2001-01-01T00:00:00Z', policies: [allow('*')] },
    },
    domains: [{ name: 'acme', owner: OWNER, region: REGION, repositories: [{ name: 'shared' }] }],
    packages: [{ domain: 'acme', repository: 'shared', format: 'npm', name: 'left-pad', versions: [{ version: '1.3.0' }] }],
  };
}

describe('emulator IAM: the policy language', () => {
  it('refuses malformed policies with the element that is wrong', () => {
    const cases: [unknown, RegExp][] = [
      ['{not json', /not valid JSON/],
      [{ Statement: [] }, /Version/],
      [{ Version: '2012-10-17', Statement: [] }, /Statement: required/],
      [{ Version: '2012-10-17', Statement: [{ Effect: 'Permit', Action: 'x:Y', Resource: '*' }] }, /Statement\[0\]\.Effect/],
      [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: '*' }] }, /Action, NotAction/],
      [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ListPackages', Resource: '*' }] }, /service:Action/],
      [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'codeartifact:*' }] }, /needs Resource or NotResource/],
      [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'codeartifact:*', Resource: 'acme' }] }, /not "\*" or an ARN/],
      [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'codeartifact:*', Resource: '*', Condition: { IpAddress: { 'aws:SourceIp': '1.2.3.4' } } }] }, /condition operator/],
      [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'codeartifact:*', Resource: '*', Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } } }] }, /aws:SourceVpc: the emulator does not support this condition key/],
      [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'codeartifact:*', Resource: '*' }] }, /identity-based policy has no Principal/],
    ];
    for (const [doc, message] of cases) assert.throws(() => parsePolicy(doc, 'identity'), (err: Error) => err instanceof PolicyError && message.test(err.message), JSON.stringify(doc));
    assert.throws(() => parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'codeartifact:ReadFromRepository', Resource: '*' }] }, 'resource'), /must name a Principal/);
  });

  it('matches actions case-insensitively and resources exactly, with * and ?', () => {
    assert.ok(wildcardMatch('codeartifact:List*', 'codeartifact:listpackages', true));
    assert.ok(!wildcardMatch('codeartifact:List*', 'codeartifact:DescribeDomain', true));
    assert.ok(wildcardMatch('arn:aws:codeartifact:*:*:package/acme/*', 'arn:aws:codeartifact:us-west-2:1:package/acme/shared/npm//left-pad'));
    assert.ok(!wildcardMatch('arn:aws:codeartifact:*:*:repository/acme/shared?', 'arn:aws:codeartifact:us-west-2:1:repository/acme/shared'));
    assert.ok(!wildcardMatch('arn:aws:codeartifact:*:*:repository/ACME/*', REPO_ARN));
  });

  it('evaluates as AWS documents: explicit deny wins, same account either side allows, cross-account both must', () => {
    const user: Identity = { accessKeyId: 'K', account: OTHER, arn: `arn:aws:iam::${OTHER}:user/u`, policies: [parsePolicy(allow('codeartifact:ReadFromRepository', REPO_ARN), 'identity')] };
    const grant = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OTHER}:root` }, Action: 'codeartifact:ReadFromRepository', Resource: '*' }] }, 'resource');
    const denyAll = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'codeartifact:*', Resource: '*' }] }, 'resource');
    const request = { action: 'codeartifact:ReadFromRepository', resource: REPO_ARN, resourceAccount: OWNER };
    assert.deepEqual(evaluate(user, { ...request, resourcePolicies: [grant] }), { allowed: true });
    const noResource = evaluate(user, { ...request, resourcePolicies: [] });
    assert.ok(!noResource.allowed && noResource.message.endsWith('because no resource-based policy allows the codeartifact:ReadFromRepository action'));
    const noIdentity = evaluate({ ...user, policies: [] }, { ...request, resourcePolicies: [grant] });
    assert.ok(!noIdentity.allowed && noIdentity.message === `User: ${user.arn} is not authorized to perform: codeartifact:ReadFromRepository on resource: ${REPO_ARN} because no identity-based policy allows the codeartifact:ReadFromRepository action`);
    const denied = evaluate(user, { ...request, resourcePolicies: [grant, denyAll] });
    assert.ok(!denied.allowed && denied.message.endsWith('with an explicit deny in a resource-based policy'));
    // Same account: the resource policy alone is enough.
    const insider: Identity = { accessKeyId: 'K2', account: OWNER, arn: `arn:aws:iam::${OWNER}:user/i`, policies: [] };
    const forInsider = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: insider.arn }, Action: 'codeartifact:ReadFromRepository' }] }, 'resource');
    assert.deepEqual(evaluate(insider, { ...request, resourcePolicies: [forInsider] }), { allowed: true });
    // A condition on a key the request carries is honoured.
    const bearer = parsePolicy({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:GetServiceBearerToken', Resource: '*', Condition: { StringEquals: { 'sts:AWSServiceName': 'codeartifact.amazonaws.com' } } }] }, 'identity');
    const sts = { action: 'sts:GetServiceBearerToken', resource: '*', resourcePolicies: [] };
    assert.deepEqual(evaluate({ ...insider, policies: [bearer] }, { ...sts, context: { 'sts:AWSServiceName': 'codeartifact.amazonaws.com' } }), { allowed: true });
    assert.equal(evaluate({ ...insider, policies: [bearer] }, { ...sts, context: { 'sts:AWSServiceName': 'other.amazonaws.com' } }).allowed, false);
  });

  it('the seed refuses bad identities and policies, naming the path', () => {
    const bad = (patch: Partial<Seed>): string => {
      try {
        validateSeed({ ...seed(), ...patch });
      } catch (err) {
        assert.ok(err instanceof SeedError);
        return err.message;
      }
      return 'accepted';
    };
    assert.match(bad({ identities: { [READER_KEY]: { account: OWNER, policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'codeartifact:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }] }] } } }), /identities\.AKIAIAMTESTREADER001\.policies\[0\]: not a valid identity-based policy: Statement\[0\]\.Condition\.Bool/);
    assert.match(bad({ identities: { [ADMIN_KEY]: { account: OWNER } } }), /also listed in accounts/);
    assert.match(bad({ identities: { [READER_KEY]: { account: OWNER, arn: `arn:aws:iam::${OTHER}:user/x` } } }), /must belong to account/);
    assert.match(bad({ identities: { [READER_KEY]: { account: OWNER, expiration: '2030-01-01T00:00:00Z' } } }), /only temporary credentials/);
    assert.match(bad({ domains: [{ name: 'acme', owner: OWNER, permissionsPolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"codeartifact:*"}]}' }], packages: [] }), /domains\[0\]\.permissionsPolicy: not a valid resource policy: .*Principal/);
  });
});

describe('emulator IAM over HTTP', () => {
  let emu: Emulator;
  const apis: SdkCodeArtifactApi[] = [];
  const api = (accessKeyId: string, sessionToken?: string): SdkCodeArtifactApi => {
    const a = new SdkCodeArtifactApi({ region: REGION, endpoint: emu.endpoint, credentials: { accessKeyId, secretAccessKey: 's', ...(sessionToken ? { sessionToken } : {}) }, profile: 'iam-test' });
    apis.push(a);
    return a;
  };
  before(async () => {
    emu = await startEmulator({ seed: seed() });
  });
  after(async () => {
    apis.forEach((a) => a.dispose());
    await emu.stop();
  });

  it('allows what the policy allows and denies the rest in AWS’s wording, which the extension reads', async () => {
    const reader = api(READER_KEY);
    assert.equal((await reader.listPackages({ domain: 'acme', repository: 'shared' }, {})).items.length, 1);
    const err = await failure(reader.getRepositoryEndpoint({ domain: 'acme', repository: 'shared' }, 'npm'));
    assert.equal(err.kind, 'accessDenied');
    assert.deepEqual(err.detail, { kind: 'accessDenied', action: 'codeartifact:GetRepositoryEndpoint', resource: REPO_ARN });
    assert.match(err.message, /may not call codeartifact:GetRepositoryEndpoint on arn:aws:codeartifact:us-west-2:111122223333:repository\/acme\/shared/);
    const explicit = await failure(api(DENIED_KEY).listPackages({ domain: 'acme', repository: 'shared' }, {}));
    assert.equal(explicit.kind, 'accessDenied');
    assert.match((explicit.cause as Error).message, /with an explicit deny in an identity-based policy$/);
  });

  it('cross-account needs the domain’s or repository’s resource policy too', async () => {
    const outsider = api(OUTSIDER_KEY);
    const ref = { domain: 'acme', domainOwner: OWNER, repository: 'shared' };
    const before = await failure(outsider.describeRepository(ref));
    assert.match((before.cause as Error).message, /because no resource-based policy allows the codeartifact:DescribeRepository action/);
    const admin = new CodeartifactClient({ region: REGION, endpoint: emu.endpoint, credentials: { accessKeyId: ADMIN_KEY, secretAccessKey: 's' } });
    try {
      const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: OTHER }, Action: 'codeartifact:DescribeRepository', Resource: '*' }] });
      await admin.send(new PutRepositoryPermissionsPolicyCommand({ domain: 'acme', repository: 'shared', policyDocument: doc }));
      assert.equal((await outsider.describeRepository(ref)).name, 'shared');
      await assert.rejects(admin.send(new PutRepositoryPermissionsPolicyCommand({ domain: 'acme', repository: 'shared', policyDocument: 'not json' })), (e: Error) => e.name === 'ValidationException' && /not valid JSON/.test(e.message));
      await assert.rejects(admin.send(new PutRepositoryPermissionsPolicyCommand({ domain: 'acme', repository: 'shared', policyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"codeartifact:*"}]}' })), (e: Error) => e.name === 'ValidationException' && /Principal/.test(e.message));
    } finally {
      admin.destroy();
    }
  });

  it('unknown keys, session keys without their token, and expired ones are refused as AWS does', async () => {
    const raw = new CodeartifactClient({ region: REGION, endpoint: emu.endpoint, credentials: { accessKeyId: 'AKIANOBODYKNOWSME001', secretAccessKey: 's' } });
    try {
      await assert.rejects(raw.send(new ListDomainsCommand({})), (e: Error & { $metadata?: { httpStatusCode?: number } }) => e.name === 'UnrecognizedClientException' && e.message === 'The security token included in the request is invalid.' && e.$metadata?.httpStatusCode === 403);
    } finally {
      raw.destroy();
    }
    const unknown = await failure(api('AKIANOBODYKNOWSME001').listDomains());
    assert.equal(unknown.kind, 'noCredentials');
    assert.match(unknown.message, /does not recognize the access key .*aws_access_key_id/);
    assert.equal((await api(SESSION_KEY, 'session-token-1').listDomains()).items.length, 1);
    assert.equal((await failure(api(SESSION_KEY).listDomains())).kind, 'noCredentials');
    const expired = await failure(api(EXPIRED_KEY, 'session-token-2').listDomains());
    assert.equal(expired.kind, 'ssoExpired');
    assert.match(expired.message, /have expired.*aws sso login --profile /);
  });

  it('GetAuthorizationToken needs sts:GetServiceBearerToken; the data plane judges the identity behind the token', async () => {
    const noBearer = 'AKIAIAMTESTNOBEARER1';
    emu.store.identities.set(noBearer, { accessKeyId: noBearer, account: OWNER, arn: `arn:aws:iam::${OWNER}:user/nobearer`, policies: [parsePolicy(allow('codeartifact:*'), 'identity')] });
    const err = await failure(api(noBearer).getAuthorizationToken({ name: 'acme' }));
    assert.deepEqual(err.detail, { kind: 'accessDenied', action: 'sts:GetServiceBearerToken' });
    assert.match(err.message, /may not call sts:GetServiceBearerToken\./);

    const reader = api(READER_KEY);
    const { token } = await reader.getAuthorizationToken({ name: 'acme' });
    const url = `${emu.endpoint}/acme-${OWNER}/npm/shared/left-pad`;
    assert.equal((await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status, 200);
    emu.store.identities.set(READER_KEY, { ...(emu.store.identities.get(READER_KEY) as Identity), policies: [parsePolicy(allow(['codeartifact:GetAuthorizationToken', 'sts:GetServiceBearerToken']), 'identity')] });
    const denied = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(denied.status, 403);
    assert.match(((await denied.json()) as { error: string }).error, /is not authorized to perform: codeartifact:ReadFromRepository on resource: arn:aws:codeartifact:us-west-2:111122223333:repository\/acme\/shared/);
    const publish = await fetch(`${emu.endpoint}/acme-${OWNER}/npm/shared/new-pkg`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'new-pkg', versions: { '1.0.0': { name: 'new-pkg', version: '1.0.0' } }, _attachments: {} }) });
    assert.equal(publish.status, 403);
    assert.match(((await publish.json()) as { error: string }).error, /codeartifact:PublishPackageVersion on resource: arn:aws:codeartifact:us-west-2:111122223333:package\/acme\/shared\/npm\/\/new-pkg/);
    const tag = await fetch(`${emu.endpoint}/acme-${OWNER}/npm/shared/-/package/left-pad/dist-tags/beta`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '"1.3.0"' });
    assert.equal(tag.status, 403);
    assert.match(((await tag.json()) as { error: string }).error, /codeartifact:PutPackageMetadata on resource: .*package\/acme\/shared\/npm\/\/left-pad/);
  });

  it('SSO role credentials are temporary identities and the SSO routes take latency and faults', async () => {
    emu.setFaults('throttle/ops=sso:GetRoleCredentials/count=1');
    const token = emu.sso.login({ startUrl: 'https://example.awsapps.com/start', region: REGION });
    const ask = () => fetch(`${emu.endpoint}/federation/credentials?role_name=Dev&account_id=${OWNER}`, { headers: { 'x-amz-sso_bearer_token': token.accessToken } });
    const throttled = await ask();
    assert.equal(throttled.status, 429);
    emu.setFaults(undefined);
    const answer = (await (await ask()).json()) as { roleCredentials: { accessKeyId: string; sessionToken: string } };
    const identity = emu.store.identities.get(answer.roleCredentials.accessKeyId);
    assert.equal(identity?.arn, `arn:aws:sts::${OWNER}:assumed-role/Dev/sso-user`);
    assert.equal(identity?.sessionToken, answer.roleCredentials.sessionToken);
    assert.equal((await api(answer.roleCredentials.accessKeyId, answer.roleCredentials.sessionToken).listDomains()).items.length, 1);
  });
});
