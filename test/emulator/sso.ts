// The two AWS IAM Identity Center (SSO) endpoints an SSO profile needs, as the SDK's SSO credential provider calls
// them: the portal's GetRoleCredentials (`GET /federation/credentials`, bearer token in `x-amz-sso_bearer_token`)
// and SSO-OIDC's CreateToken (`POST /token`, refresh of an `sso_session` token). Point the SDK here with
// AWS_ENDPOINT_URL_SSO and AWS_ENDPOINT_URL_SSO_OIDC (an `endpoint_url` in the SSO profile itself is not used).
// `login()` plays `aws sso login`: it returns what the CLI writes to ~/.aws/sso/cache; `logout()` ends every
// session on the server, as when the SSO session times out or is revoked.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { errorReply, type Reply } from './controlPlane';
import type { Policy } from './iam';
import type { Store } from './model';

export type SsoOperation = 'sso:GetRoleCredentials' | 'sso-oidc:CreateToken';

/** The SSO operation at `method path`, or undefined when the request is not for the SSO endpoints. */
export function ssoOperationFor(method: string, pathname: string): SsoOperation | undefined {
  if (method === 'GET' && pathname === '/federation/credentials') return 'sso:GetRoleCredentials';
  if (method === 'POST' && pathname === '/token') return 'sso-oidc:CreateToken';
  return undefined;
}

/** The file `aws sso login` writes: ~/.aws/sso/cache/<sha1 of the sso-session name, or of the legacy start URL>.json. */
export function ssoCacheFileName(sessionNameOrStartUrl: string): string {
  return `${createHash('sha1').update(sessionNameOrStartUrl).digest('hex')}.json`;
}

/** The cache file's JSON, as the AWS CLI v2 writes it (the refresh fields only for `sso_session` logins). */
export interface SsoCachedToken {
  startUrl: string;
  region: string;
  accessToken: string;
  /** ISO 8601. */
  expiresAt: string;
  clientId?: string;
  clientSecret?: string;
  registrationExpiresAt?: string;
  refreshToken?: string;
}

interface PortalSession {
  expiresAt: number;
  refreshToken: string;
  clientId: string;
}

const DEFAULT_SESSION_MS = 8 * 3600_000;

function json(value: unknown): Reply {
  return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function secret(prefix: string, bytes = 24): string {
  return prefix + randomBytes(bytes).toString('base64url');
}

export class SsoPortal {
  /** Lifetime of the role credentials GetRoleCredentials hands out. The SDK re-fetches them when under 5 minutes remain. */
  roleCredentialsTtlMs = 3600_000;
  private readonly sessions = new Map<string, PortalSession>();
  /** refresh token → client id. */
  private readonly refreshTokens = new Map<string, string>();
  /** client id → client secret. */
  private readonly clients = new Map<string, string>();
  /** `account/role` pairs the signed-in user may assume; empty means any. */
  private readonly assignments = new Set<string>();

  /** `account/role` → the role's identity-based policies (absent: full access). */
  private readonly rolePolicies = new Map<string, Policy[]>();

  constructor(private readonly store: Store) {}

  /** The identity-based policies of a permission set's role, for the credentials GetRoleCredentials hands out. */
  setRolePolicies(accountId: string, roleName: string, policies: Policy[]): void {
    this.rolePolicies.set(`${accountId}/${roleName}`, policies);
  }

  /** Restricts GetRoleCredentials to these account/role pairs (others answer 403 ForbiddenException). */
  assign(accountId: string, roleName: string): void {
    this.assignments.add(`${accountId}/${roleName}`);
  }

  /** `aws sso login`: a new session; the result is the cache file's content. */
  login(init: { startUrl: string; region: string; sessionMs?: number; withRefresh?: boolean }): SsoCachedToken {
    const now = this.store.now();
    const clientId = secret('client-', 12);
    const clientSecret = secret('client-secret-');
    this.clients.set(clientId, clientSecret);
    const { accessToken, refreshToken, expiresAt } = this.startSession(clientId, init.sessionMs ?? DEFAULT_SESSION_MS);
    const token: SsoCachedToken = { startUrl: init.startUrl, region: init.region, accessToken, expiresAt: new Date(expiresAt).toISOString() };
    if (init.withRefresh === false) return token;
    return { ...token, clientId, clientSecret, registrationExpiresAt: new Date(now + 90 * 24 * 3600_000).toISOString(), refreshToken };
  }

  /** Ends every session on the server: access and refresh tokens stop working, as after a timeout or a revocation. */
  logout(): void {
    this.sessions.clear();
    this.refreshTokens.clear();
  }

  /** Sessions whose access token is still accepted. */
  get activeSessions(): number {
    const now = this.store.now();
    return [...this.sessions.values()].filter((s) => s.expiresAt > now).length;
  }

  handle(operation: SsoOperation, url: URL, headers: IncomingHttpHeaders, body: Buffer): Reply {
    return operation === 'sso:GetRoleCredentials' ? this.getRoleCredentials(url, headers) : this.createToken(body);
  }

  private startSession(clientId: string, sessionMs: number): { accessToken: string; refreshToken: string; expiresAt: number } {
    const accessToken = secret('sso-access-');
    const refreshToken = secret('sso-refresh-');
    const expiresAt = this.store.now() + sessionMs;
    this.sessions.set(accessToken, { expiresAt, refreshToken, clientId });
    this.refreshTokens.set(refreshToken, clientId);
    return { accessToken, refreshToken, expiresAt };
  }

  private getRoleCredentials(url: URL, headers: IncomingHttpHeaders): Reply {
    const roleName = url.searchParams.get('role_name');
    const accountId = url.searchParams.get('account_id');
    if (!roleName || !accountId) return errorReply('InvalidRequestException', 400, 'role_name and account_id are required.');
    const session = this.sessions.get(header(headers, 'x-amz-sso_bearer_token') ?? '');
    if (!session || session.expiresAt <= this.store.now()) return errorReply('UnauthorizedException', 401, 'Session token not found or invalid');
    if (this.assignments.size > 0 && !this.assignments.has(`${accountId}/${roleName}`)) return errorReply('ForbiddenException', 403, 'No access');
    const accessKeyId = `ASIA${randomBytes(8).toString('hex').toUpperCase()}`;
    const sessionToken = secret('fake-session-', 48);
    const expiration = this.store.now() + this.roleCredentialsTtlMs;
    // The control plane tells callers apart by access key: these credentials act as the requested role session.
    this.store.accounts.set(accessKeyId, accountId);
    this.store.sessionExpiry.set(accessKeyId, expiration);
    this.store.identities.set(accessKeyId, {
      accessKeyId,
      account: accountId,
      arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/sso-user`,
      sessionToken,
      ...(this.rolePolicies.has(`${accountId}/${roleName}`) ? { policies: this.rolePolicies.get(`${accountId}/${roleName}`) } : {}),
    });
    return json({
      roleCredentials: {
        accessKeyId,
        secretAccessKey: secret('fake-secret-'),
        sessionToken,
        // Epoch milliseconds, as the real portal answers.
        expiration,
      },
    });
  }

  private createToken(body: Buffer): Reply {
    let input: { clientId?: unknown; clientSecret?: unknown; grantType?: unknown; refreshToken?: unknown };
    try {
      input = JSON.parse(body.toString('utf8') || '{}') as typeof input;
    } catch {
      return errorReply('InvalidRequestException', 400, 'The request body is not JSON.');
    }
    const oidcError = (code: string, status: number, error: string, description: string): Reply => {
      const reply = errorReply(code, status, description);
      return { ...reply, body: JSON.stringify({ error, error_description: description }) };
    };
    if (input.grantType !== 'refresh_token') return oidcError('UnsupportedGrantTypeException', 400, 'unsupported_grant_type', 'Only refresh_token is emulated.');
    const clientId = typeof input.clientId === 'string' ? input.clientId : '';
    if (!this.clients.has(clientId) || this.clients.get(clientId) !== input.clientSecret) return oidcError('InvalidClientException', 401, 'invalid_client', 'Invalid client.');
    const refreshToken = typeof input.refreshToken === 'string' ? input.refreshToken : '';
    if (this.refreshTokens.get(refreshToken) !== clientId) return oidcError('InvalidGrantException', 400, 'invalid_grant', 'Invalid refresh token provided');
    // Refresh tokens rotate: the old one is spent.
    this.refreshTokens.delete(refreshToken);
    const sessionMs = DEFAULT_SESSION_MS;
    const next = this.startSession(clientId, sessionMs);
    return json({ accessToken: next.accessToken, tokenType: 'Bearer', expiresIn: Math.round(sessionMs / 1000), refreshToken: next.refreshToken });
  }
}
