import assert from 'node:assert/strict';
import { parseAuthorization } from '../../../test/emulator/sigv4';

const GOOD = `AWS4-HMAC-SHA256 Credential=AKIAEXAMPLE/20250601/us-west-2/codeartifact/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=${'0f'.repeat(32)}`;

describe('emulator SigV4 header parsing', () => {
  it('reads the access key, region and service from the credential scope', () => {
    const parsed = parseAuthorization(GOOD, true);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.credential, { accessKeyId: 'AKIAEXAMPLE', date: '20250601', region: 'us-west-2', service: 'codeartifact', signedHeaders: ['host', 'x-amz-content-sha256', 'x-amz-date'] });
  });

  it('answers like AWS for missing and malformed headers', () => {
    const code = (header: string | undefined, hasDate = true): string => {
      const parsed = parseAuthorization(header, hasDate);
      return parsed.ok ? 'ok' : parsed.failure.code;
    };
    assert.equal(code(undefined), 'MissingAuthenticationTokenException');
    assert.equal(code(''), 'MissingAuthenticationTokenException');
    assert.equal(code('Bearer abc'), 'IncompleteSignatureException');
    assert.equal(code('AWS4-HMAC-SHA256 Credential=AKID/20250601/us-west-2/codeartifact/aws4_request'), 'IncompleteSignatureException');
    assert.equal(code(GOOD, false), 'IncompleteSignatureException');
    assert.equal(code(GOOD.replace('/us-west-2/', '/')), 'IncompleteSignatureException');
    assert.equal(code(GOOD.replace('Signature=0f', 'Signature=zz')), 'IncompleteSignatureException');
    assert.equal(code(GOOD.replace('/codeartifact/', '/s3/')), 'InvalidSignatureException');
  });

  it('says which parameters are missing', () => {
    const parsed = parseAuthorization('AWS4-HMAC-SHA256 Credential=AKID/20250601/us-west-2/codeartifact/aws4_request', true);
    assert.ok(!parsed.ok);
    assert.match(parsed.failure.message, /requires 'SignedHeaders' parameter\. .*requires 'Signature' parameter/);
  });
});
