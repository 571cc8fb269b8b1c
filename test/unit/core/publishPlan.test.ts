// Publish command lines: the token is in the environment only — never an argument, never the displayed command,
// never in the Maven settings file — and workspace-derived names stay single arguments.
import assert from 'node:assert/strict';
import { distributionCoordinates, mavenDeployPlan, mavenServerSettings, npmAuthKey, npmPublishPlan, PublishPlanError, TOKEN_ENV, twineUploadPlan, type PublishPlan } from '../../../src/core/publishPlan';

const TOKEN = 'cae.SECRET-token.value_123';
const ENDPOINT = 'https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/shared/';

function assertTokenOnlyInEnv(plan: PublishPlan): void {
  for (const a of plan.args) assert.ok(!a.includes(TOKEN), `token in argument ${a}`);
  assert.ok(!plan.display.includes(TOKEN), 'token in the displayed command');
  assert.ok(!plan.program.includes(TOKEN));
  assert.ok(!(plan.file?.text ?? '').includes(TOKEN), 'token in a file');
  assert.ok(Object.values(plan.env).includes(TOKEN), 'the token is in the environment');
}

describe('publish plans', () => {
  it('npm: publish --registry <endpoint>; the token under the registry key npm reads from the environment', () => {
    const plan = npmPublishPlan({ endpoint: ENDPOINT, token: TOKEN, cwd: '/w', platform: 'linux' });
    assert.deepEqual([plan.program, ...plan.args], ['npm', 'publish', '--registry', ENDPOINT]);
    assert.deepEqual(plan.env, { 'npm_config_//acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/shared/:_authToken': TOKEN });
    assert.equal(plan.display, `npm publish --registry ${ENDPOINT}`);
    assertTokenOnlyInEnv(plan);
    assert.equal(npmPublishPlan({ endpoint: ENDPOINT, token: TOKEN, cwd: '/w', platform: 'win32' }).program, 'npm.cmd');
  });

  it('npm: the key keeps an explicit port and adds the trailing slash', () => {
    assert.equal(npmAuthKey('http://127.0.0.1:4873/acme-111122223333/npm/shared'), '//127.0.0.1:4873/acme-111122223333/npm/shared/:_authToken');
  });

  it('refuses an endpoint with credentials, a query or another scheme', () => {
    assert.throws(() => npmPublishPlan({ endpoint: 'https://u:p@h/npm/r/', token: TOKEN, cwd: '/w' }), PublishPlanError);
    assert.throws(() => npmPublishPlan({ endpoint: 'https://h/npm/r/?x=1', token: TOKEN, cwd: '/w' }), PublishPlanError);
    assert.throws(() => npmPublishPlan({ endpoint: 'file:///etc/', token: TOKEN, cwd: '/w' }), PublishPlanError);
  });

  it('twine: user aws and the token in TWINE_*; files after "--" as absolute paths, hostile names kept whole', () => {
    const files = ['/w/dist/acme_utils-1.0.0-py3-none-any.whl', '/w/dist/--repository-url=https:evil;rm -rf ~.tar.gz'];
    const plan = twineUploadPlan({ endpoint: ENDPOINT.replace('/npm/', '/pypi/'), token: TOKEN, cwd: '/w', files });
    assert.deepEqual(plan.args.slice(-3), ['--', ...files]);
    assert.deepEqual(plan.env, { TWINE_USERNAME: 'aws', TWINE_PASSWORD: TOKEN });
    assert.match(plan.display, /'\/w\/dist\/--repository-url=https:evil;rm -rf ~\.tar\.gz'$/);
    assertTokenOnlyInEnv(plan);
    assert.throws(() => twineUploadPlan({ endpoint: ENDPOINT, token: TOKEN, cwd: '/w', files: [] }), /build the package first/);
    assert.throws(() => twineUploadPlan({ endpoint: ENDPOINT, token: TOKEN, cwd: '/w', files: ['dist/x.whl'] }), /absolute/);
  });

  it('maven: deploy with altDeploymentRepository; the settings file names the environment variable, not the token', () => {
    const plan = mavenDeployPlan({ endpoint: ENDPOINT.replace('/npm/', '/maven/'), token: TOKEN, cwd: '/w', settingsPath: '/home/u/.storage/publish-settings.xml', platform: 'linux' });
    assert.deepEqual(plan.args, ['-gs', '/home/u/.storage/publish-settings.xml', 'deploy', `-DaltDeploymentRepository=codeartifact-publish::default::${ENDPOINT.replace('/npm/', '/maven/')}`]);
    assert.deepEqual(plan.env, { [TOKEN_ENV]: TOKEN });
    assert.match(mavenServerSettings(), /<password>\$\{env\.CODEARTIFACT_AUTH_TOKEN\}<\/password>/);
    assertTokenOnlyInEnv(plan);
  });

  it('reads a distribution file name as its project and version', () => {
    assert.deepEqual(distributionCoordinates('acme_utils-1.2.0-py3-none-any.whl'), { name: 'acme_utils', version: '1.2.0' });
    assert.deepEqual(distributionCoordinates('acme_utils-1.2.0.tar.gz'), { name: 'acme_utils', version: '1.2.0' });
    assert.equal(distributionCoordinates('README.md'), undefined);
  });
});
