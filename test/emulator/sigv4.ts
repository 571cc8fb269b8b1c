// SigV4 as far as the emulator needs it: who is calling (access key → account), from which region, for which
// service. A missing or malformed Authorization header gets the error AWS's front end gives. The signature
// itself is not verified (the secret keys are fake anyway).

export interface SigV4Credential {
  accessKeyId: string;
  /** yyyymmdd from the credential scope. */
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
}

export interface SigV4Failure {
  /** Error code for the `x-amzn-errortype` header (all 403). */
  code: 'MissingAuthenticationTokenException' | 'IncompleteSignatureException' | 'InvalidSignatureException';
  message: string;
}

export const SERVICE = 'codeartifact';

/**
 * Parses `AWS4-HMAC-SHA256 Credential=AKID/20250101/us-west-2/codeartifact/aws4_request, SignedHeaders=a;b,
 * Signature=hex`. `hasDate` tells whether the request carried `X-Amz-Date` or `Date`.
 */
export function parseAuthorization(header: string | undefined, hasDate: boolean): { ok: true; credential: SigV4Credential } | { ok: false; failure: SigV4Failure } {
  if (header === undefined || header.trim() === '') {
    return { ok: false, failure: { code: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' } };
  }
  const match = /^(\S+)\s+(.*)$/s.exec(header.trim());
  const algorithm = match?.[1];
  if (!match || algorithm !== 'AWS4-HMAC-SHA256') {
    return { ok: false, failure: { code: 'IncompleteSignatureException', message: `Unsupported Authorization Type${algorithm ? ` ${JSON.stringify(algorithm)}` : ''}; expected AWS4-HMAC-SHA256.` } };
  }
  const params = new Map<string, string>();
  for (const part of (match[2] ?? '').split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ['Credential', 'SignedHeaders', 'Signature'].filter((k) => !params.get(k));
  if (missing.length > 0) {
    return { ok: false, failure: { code: 'IncompleteSignatureException', message: missing.map((k) => `Authorization header requires '${k}' parameter.`).join(' ') } };
  }
  if (!hasDate) {
    return { ok: false, failure: { code: 'IncompleteSignatureException', message: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header." } };
  }
  const scope = (params.get('Credential') ?? '').split('/');
  const [accessKeyId, date, region, service, terminator] = scope;
  if (scope.length !== 5 || !accessKeyId || !date || !/^\d{8}$/.test(date) || !region || !service || terminator !== 'aws4_request') {
    return { ok: false, failure: { code: 'IncompleteSignatureException', message: "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term." } };
  }
  if (service !== SERVICE) {
    return { ok: false, failure: { code: 'InvalidSignatureException', message: `Credential should be scoped to correct service: '${SERVICE}'.` } };
  }
  if (!/^[0-9a-f]{64}$/.test(params.get('Signature') ?? '')) {
    return { ok: false, failure: { code: 'IncompleteSignatureException', message: 'Signature must be 64 hexadecimal characters.' } };
  }
  const signedHeaders = (params.get('SignedHeaders') ?? '').split(';').filter((h) => h !== '');
  return { ok: true, credential: { accessKeyId, date, region, service, signedHeaders } };
}
