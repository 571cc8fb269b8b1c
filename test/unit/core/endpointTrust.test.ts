// Where a token may go: only CodeArtifact data-plane hosts of the domain asked for, or the user's own endpoint.
import assert from 'node:assert/strict';
import { checkRepositoryEndpoint, isLoopbackHost, routeRepositoryEndpoint, type EndpointExpectation } from '../../../src/core/endpointTrust';

const ACME: EndpointExpectation = { domain: 'acme', owner: '111122223333', format: 'npm', region: 'us-west-2' };

function ok(url: string, expect: EndpointExpectation = ACME): void {
  const verdict = checkRepositoryEndpoint(url, expect);
  assert.ok(verdict.ok, `${url} should be accepted: ${verdict.ok ? '' : verdict.reason}`);
}
function refused(url: string, expect: EndpointExpectation = ACME): string {
  const verdict = checkRepositoryEndpoint(url, expect);
  assert.ok(!verdict.ok, `${url} should be refused`);
  return verdict.reason;
}

describe('repository endpoints a token may travel to', () => {
  it('accepts the public, China, FIPS, dual-stack and VPC endpoint forms of that domain', () => {
    ok('https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/shared/');
    ok('https://acme-111122223333.d.codeartifact.cn-north-1.amazonaws.com.cn/npm/shared/', { ...ACME, region: 'cn-north-1' });
    ok('https://acme-111122223333.d.codeartifact-fips.us-gov-west-1.amazonaws.com/npm/shared/', { ...ACME, region: 'us-gov-west-1' });
    ok('https://acme-111122223333.d.codeartifact.us-west-2.api.aws/npm/shared/');
    ok('https://acme-111122223333.d.codeartifact-fips.us-east-1.amazonaws.com/npm/shared/', { ...ACME, region: 'us-east-1' });
    ok('https://acme-111122223333.d.codeartifact-fips.us-east-1.api.aws/npm/shared/', { ...ACME, region: 'us-east-1' });
    ok('https://acme-111122223333.d.codeartifact.cn-northwest-1.api.amazonwebservices.com.cn/npm/shared/', { ...ACME, region: 'cn-northwest-1' });
    ok('https://vpce-0dc4daf7fca331ed6-et36qa1d.d.codeartifact.cn-north-1.vpce.amazonaws.com.cn/npm/d/acme-111122223333/shared/', { ...ACME, region: 'cn-north-1' });
    ok('https://vpce-0dc4daf7fca331ed6-et36qa1d.d.codeartifact.us-gov-east-1.vpce.amazonaws.com/npm/d/acme-111122223333/shared/', { ...ACME, region: 'us-gov-east-1' });
    ok('https://vpce-0dc4daf7fca331ed6-et36qa1d.d.codeartifact.us-west-2.vpce.amazonaws.com/npm/d/acme-111122223333/shared/');
    ok('https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/maven/m2/', { ...ACME, format: 'maven' });
  });

  it('an unknown owner matches any 12-digit account; an unknown region any region name', () => {
    ok('https://acme-999988887777.d.codeartifact.us-west-2.amazonaws.com/npm/shared/', { ...ACME, owner: '' });
    ok('https://acme-111122223333.d.codeartifact.eu-central-1.amazonaws.com/npm/shared/', { ...ACME, region: '*' });
    refused('https://acme-99998888777.d.codeartifact.us-west-2.amazonaws.com/npm/shared/', { ...ACME, owner: '' });
  });

  it('refuses another domain, account, region, format or a look-alike host', () => {
    const hostile = [
      'https://evil-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/shared/',
      'https://acme-444455556666.d.codeartifact.us-west-2.amazonaws.com/npm/shared/',
      'https://acme-111122223333.d.codeartifact.eu-west-1.amazonaws.com/npm/shared/',
      'https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/pypi/shared/',
      'https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com.evil.example/npm/shared/',
      'https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.comm/npm/shared/',
      'https://xacme-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/shared/',
      'https://a.acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/shared/',
      'https://acme-111122223333.d.codeartifactx.us-west-2.amazonaws.com/npm/shared/',
      'https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com:8443/npm/shared/',
      'https://evil.example/npm/shared/',
      'https://127.0.0.1/npm/shared/',
      'https://vpce-1.d.codeartifact.us-west-2.vpce.amazonaws.com/npm/d/evil-111122223333/shared/',
      'https://vpce-1.d.codeartifact.us-west-2.vpce.amazonaws.com/npm/shared/',
      // near misses of every form: other partition's suffix, look-alike suffixes, wrong owner in the VPC path
      'https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com.cn/npm/shared/',
      'https://acme-111122223333.d.codeartifact.us-west-2.on.aws/npm/shared/',
      'https://acme-111122223333.d.codeartifact.us-west-2.api.aws.evil.example/npm/shared/',
      'https://acme-111122223333.d.codeartifact.us-west-2.api.amazonwebservices.com.cn/npm/shared/',
      'https://acme-111122223333.d.codeartifact-fipsx.us-west-2.amazonaws.com/npm/shared/',
      'https://acme-111122223333.d.codeartifact.fips.us-west-2.amazonaws.com/npm/shared/',
      'https://vpce-1.d.codeartifact.us-west-2.vpce.amazonaws.com/npm/d/acme-444455556666/shared/',
      'https://vpce-1.d.codeartifact.us-west-2.vpce.amazonaws.com/pypi/d/acme-111122223333/shared/',
      'https://vpce-1.d.codeartifact.us-west-2.vpce.amazonaws.com.evil.example/npm/d/acme-111122223333/shared/',
      'https://vpce-1.d.codeartifact.us-west-2.vpce.amazonaws.com.cn/npm/d/acme-111122223333/shared/',
      'https://vpce-1.d.codeartifact.eu-west-1.vpce.amazonaws.com/npm/d/acme-111122223333/shared/',
      'https://vpce-1.evil.example/npm/d/acme-111122223333/shared/',
      'https://evil.vpce-1.d.codeartifact.us-west-2.vpce.amazonaws.com/npm/d/acme-111122223333/shared/',
      'https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com@evil.example/npm/shared/',
      'https://evil.example#@acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/shared/',
    ];
    for (const url of hostile) refused(url);
  });

  it('refuses http, user info, queries, fragments and other schemes on AWS hosts', () => {
    assert.match(refused('http://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/shared/'), /not https/);
    assert.match(refused('https://u:p@acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/shared/'), /user name or password/);
    refused('https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/shared/?x=1');
    refused('https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/shared/#x');
    refused('file:///etc/passwd');
    refused('not a url');
  });

  it('accepts the origin of the user’s own endpoint (the local emulator), http only when it is loopback', () => {
    const local = { ...ACME, controlPlaneEndpoint: 'http://127.0.0.1:4566' };
    ok('http://127.0.0.1:4566/acme-111122223333/npm/shared/', local);
    refused('http://127.0.0.1:4567/acme-111122223333/npm/shared/', local);
    // the loopback names of the same port are the same local server (the emulator's dual-stack form is localhost)
    ok('http://localhost:4566/acme-111122223333/npm/shared/', local);
    refused('http://localhost:4567/acme-111122223333/npm/shared/', local);
    refused('http://127.0.0.1:4566/acme-111122223333/npm/shared/');
    const proxy = { ...ACME, controlPlaneEndpoint: 'http://proxy.corp.example:8080' };
    refused('http://proxy.corp.example:8080/npm/shared/', proxy);
    ok('https://proxy.corp.example/npm/shared/', { ...ACME, controlPlaneEndpoint: 'https://proxy.corp.example' });
    // the user's endpoint does not make other AWS-looking hosts acceptable
    refused('https://evil-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/shared/', local);
  });

  it('accepts only the VPC path form of that domain on the user’s data-plane endpoint', () => {
    const vpce = { ...ACME, dataPlaneEndpoint: 'https://vpce-0743fe535b883ffff-76ddffff.d.codeartifact.us-west-2.vpce.amazonaws.com' };
    ok('https://vpce-0743fe535b883ffff-76ddffff.d.codeartifact.us-west-2.vpce.amazonaws.com/npm/d/acme-111122223333/shared/', vpce);
    const proxy = { ...ACME, dataPlaneEndpoint: 'https://artifacts.corp.example:8443' };
    ok('https://artifacts.corp.example:8443/npm/d/acme-111122223333/shared/', proxy);
    refused('https://artifacts.corp.example:8443/npm/d/evil-111122223333/shared/', proxy);
    refused('https://artifacts.corp.example:8443/npm/d/acme-444455556666/shared/', proxy);
    refused('https://artifacts.corp.example:8443/pypi/d/acme-111122223333/shared/', proxy);
    refused('https://artifacts.corp.example:8443/npm/shared/', proxy);
    refused('https://artifacts.corp.example/npm/d/acme-111122223333/shared/', proxy);
    refused('http://artifacts.corp.example:8443/npm/d/acme-111122223333/shared/', { ...ACME, dataPlaneEndpoint: 'http://artifacts.corp.example:8443' });
    ok('http://127.0.0.1:9/npm/d/acme-111122223333/shared/', { ...ACME, dataPlaneEndpoint: 'http://127.0.0.1:9' });
  });

  it('moves a trusted answer onto the user’s data-plane endpoint in the VPC path form, and only a trusted one', () => {
    const vpceHost = 'https://vpce-0743fe535b883ffff-76ddffff.d.codeartifact.us-west-2.vpce.amazonaws.com';
    const vpce = { ...ACME, dataPlaneEndpoint: vpceHost };
    assert.deepEqual(routeRepositoryEndpoint('https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/shared/', vpce), {
      ok: true,
      url: `${vpceHost}/npm/d/acme-111122223333/shared/`,
    });
    assert.equal(routeRepositoryEndpoint('https://evil-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/shared/', vpce).ok, false);
    assert.equal(routeRepositoryEndpoint('https://evil.example/npm/shared/', vpce).ok, false);
    const local = { ...ACME, controlPlaneEndpoint: 'http://127.0.0.1:4566', dataPlaneEndpoint: 'http://127.0.0.1:4566' };
    assert.deepEqual(routeRepositoryEndpoint('http://127.0.0.1:4566/acme-111122223333/npm/shared/', local), { ok: true, url: 'http://127.0.0.1:4566/npm/d/acme-111122223333/shared/' });
    assert.match((routeRepositoryEndpoint('https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/shared/', { ...ACME, dataPlaneEndpoint: `${vpceHost}/prefix` }) as { reason: string }).reason, /scheme and host only/);
    // without the setting, the answer is used as it is
    assert.deepEqual(routeRepositoryEndpoint('https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/shared/', ACME), { ok: true, url: 'https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/shared/' });
  });

  it('names loopback hosts', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1']) assert.ok(isLoopbackHost(h), h);
    for (const h of ['localhost.evil.example', '128.0.0.1', '0.0.0.0', '[::ffff:7f00:1]', '10.0.0.1']) assert.ok(!isLoopbackHost(h), h);
  });
});
