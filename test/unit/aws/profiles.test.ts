// Profiles read from real files in a temp dir, through AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeDefaultChain, describeProfileKind, listProfiles, resolveRegion } from '../../../src/aws/profiles';
import { redactUrl } from '../../../src/aws/endpoint';

const CONFIG = `
[default]
region = us-east-1

[profile dev-sso]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = Developer
region = us-west-2

[profile legacy-sso]
sso_start_url = https://old.awsapps.com/start
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = Admin

[profile deploy]
role_arn = arn:aws:iam::111122223333:role/Deploy
source_profile = default
region = eu-west-1

[profile ci-oidc]
role_arn = arn:aws:iam::111122223333:role/Ci
web_identity_token_file = /tmp/token

[profile vault]
credential_process = /usr/local/bin/vault-aws

[profile bare]
output = json

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[services local]
codeartifact =
  endpoint_url = http://127.0.0.1:1
`;

const CREDENTIALS = `
[default]
aws_access_key_id = AKIADEFAULT000000001
aws_secret_access_key = secret-1

[ci]
aws_access_key_id = AKIACI00000000000001
aws_secret_access_key = secret-2
region = ap-southeast-2
`;

describe('listProfiles', () => {
  let dir: string;
  const saved = { ...process.env };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ca-profiles-'));
    writeFileSync(join(dir, 'config'), CONFIG);
    writeFileSync(join(dir, 'credentials'), CREDENTIALS);
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  });
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads both files named by the environment, with each profile’s kind and region', async () => {
    const profiles = await listProfiles();
    const byName = Object.fromEntries(profiles.map((p) => [p.name, p]));
    assert.deepEqual(profiles.map((p) => p.name), ['default', 'bare', 'ci', 'ci-oidc', 'deploy', 'dev-sso', 'legacy-sso', 'vault']);
    assert.deepEqual(
      Object.fromEntries(profiles.map((p) => [p.name, p.kind])),
      { default: 'staticKeys', bare: 'unknown', ci: 'staticKeys', 'ci-oidc': 'webIdentity', deploy: 'assumeRole', 'dev-sso': 'sso', 'legacy-sso': 'sso', vault: 'process' },
    );
    assert.equal(byName.default?.region, 'us-east-1');
    assert.deepEqual(byName.default?.files, ['config', 'credentials']);
    assert.equal(byName['dev-sso']?.region, 'us-west-2');
    assert.equal(byName['dev-sso']?.ssoSession, 'corp');
    assert.equal(byName.deploy?.sourceProfile, 'default');
    assert.equal(byName.ci?.region, 'ap-southeast-2', 'region from the credentials file');
    assert.equal(byName.vault?.region, undefined);
  });

  it('does not list sso-session or services blocks as profiles', async () => {
    const names = (await listProfiles()).map((p) => p.name);
    assert.ok(!names.some((n) => n.includes('corp') || n.includes('local')));
  });

  it('sees edits made after the first read (no stale cache)', async () => {
    await listProfiles();
    writeFileSync(join(dir, 'config'), CONFIG + '\n[profile added-later]\nregion = eu-north-1\n');
    const added = (await listProfiles()).find((p) => p.name === 'added-later');
    assert.equal(added?.region, 'eu-north-1');
  });

  it('accepts explicit paths, and missing files mean no profiles', async () => {
    const none = await listProfiles({ configFilepath: join(dir, 'nope'), filepath: join(dir, 'nope2') });
    assert.deepEqual(none, []);
  });

  it('describes kinds and the default chain without revealing keys', () => {
    assert.equal(describeProfileKind('sso'), 'IAM Identity Center (SSO)');
    assert.equal(describeProfileKind('assumeRole'), 'assume role');
    const env = { AWS_ACCESS_KEY_ID: 'AKIAXXXXXXXXXXXXXXXX', AWS_SECRET_ACCESS_KEY: 'super-secret' };
    const text = describeDefaultChain(env);
    assert.match(text, /environment variables/);
    assert.doesNotMatch(text, /AKIAX|super-secret/);
    assert.equal(describeDefaultChain({ AWS_PROFILE: 'dev-sso' }), 'AWS_PROFILE=dev-sso');
    assert.match(describeDefaultChain({}), /default profile/);
  });

  it('resolves the region: setting, then profile, then AWS_REGION, then AWS_DEFAULT_REGION', () => {
    const profile = { name: 'p', kind: 'sso' as const, region: 'us-west-2', files: ['config' as const] };
    assert.equal(resolveRegion('eu-west-1', profile, { AWS_REGION: 'ap-south-1' }), 'eu-west-1');
    assert.equal(resolveRegion(undefined, profile, { AWS_REGION: 'ap-south-1' }), 'us-west-2');
    assert.equal(resolveRegion('  ', undefined, { AWS_REGION: 'ap-south-1' }), 'ap-south-1');
    assert.equal(resolveRegion(undefined, undefined, { AWS_DEFAULT_REGION: 'sa-east-1' }), 'sa-east-1');
    assert.equal(resolveRegion(undefined, undefined, {}), undefined);
  });
});

describe('endpoint', () => {
  it('redacts userinfo and query strings', () => {
    assert.equal(redactUrl('https://aws:TOKEN123@host.example/pypi/r/simple/?x=1'), 'https://host.example/pypi/r/simple');
    assert.equal(redactUrl('not a url //aws:tok@host'), 'not a url //host');
  });
});
