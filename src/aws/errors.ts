// SDK, credential and network failures mapped to a small typed union, each with a message a person can act on.
// Messages never contain tokens, secrets or URLs with userinfo.
import { cannotReach } from '../core/networkFailure';
import { CODEARTIFACT_REGIONS } from './regions';
import { messageText } from '../core/displayText';
import { redactUrl } from './endpoint';

export type ApiErrorDetail =
  | { kind: 'notSignedIn' }
  | { kind: 'noCredentials'; profile?: string }
  | { kind: 'ssoExpired'; profile: string }
  | { kind: 'accessDenied'; action: string; resource?: string }
  | { kind: 'notFound'; resourceType?: string; resourceId?: string }
  | { kind: 'throttled' }
  | { kind: 'validation'; reason?: string }
  | { kind: 'networkUnreachable'; endpoint: string; code?: string }
  | { kind: 'unknownRegion'; region: string }
  | { kind: 'internal' }
  | { kind: 'badResponse'; endpoint: string; reason: BadResponseReason }
  | { kind: 'cancelled' };

/** Why an answer could not be used: cut off, not JSON, the wrong shape, or larger than we read. */
export type BadResponseReason = 'truncated' | 'unreadable' | 'mistyped' | 'tooLarge';

/** Thrown below the API layer when a 2xx answer cannot be used; toApiError turns it into `badResponse`. */
export class MalformedResponseError extends Error {
  override readonly name = 'MalformedResponseError';
  constructor(
    readonly reason: BadResponseReason,
    /** What was wrong, for the message: `"packages" is not a list`. */
    readonly what: string,
  ) {
    super(what);
  }
}

export type ApiErrorKind = ApiErrorDetail['kind'];

export class CodeArtifactError extends Error {
  override readonly name = 'CodeArtifactError';
  constructor(
    readonly detail: ApiErrorDetail,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
  get kind(): ApiErrorKind {
    return this.detail.kind;
  }
}

/** What was being attempted, so that the message can name it. */
export interface CallContext {
  /** IAM action, e.g. `codeartifact:ListPackages`. */
  action: string;
  /** What the call was about: an ARN, or a readable `domain/repository` path. */
  resource?: string;
  /** The named profile in use; undefined for the default credential chain. */
  profile?: string;
  region: string;
  /** The endpoint override in use, if any. */
  endpoint?: string;
  /** True when the region is one CodeArtifact is known to run in. */
  knownRegion: boolean;
  /** The caller's signal: when it fired, the failure is a cancellation, not a timeout. */
  signal?: AbortSignal;
  /** The per-call timeout, for the message when it fires. */
  timeoutMs?: number;
  /** Our own deadline's signal: when it fired, the failure is a timeout, whatever the SDK calls it. */
  deadline?: AbortSignal;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_CONNECT_TIMEOUT',
]);

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  $metadata?: { httpStatusCode?: number };
  $fault?: unknown;
  resourceId?: unknown;
  resourceType?: unknown;
  reason?: unknown;
}

function asErrorLike(err: unknown): ErrorLike {
  return typeof err === 'object' && err !== null ? (err) : { message: String(err) };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** Error codes can hide in `cause` chains (undici, AggregateError from happy-eyeballs). */
function findNetworkCode(err: unknown, depth = 0): string | undefined {
  if (depth > 4 || typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code;
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const code = findNetworkCode(inner, depth + 1);
      if (code) return code;
    }
  }
  return findNetworkCode(e.cause, depth + 1);
}

/** Our own MalformedResponseError, wherever the SDK put it (thrown from the body stream, it may be wrapped). */
function findMalformed(err: unknown, depth = 0): MalformedResponseError | undefined {
  if (depth > 4 || typeof err !== 'object' || err === null) return undefined;
  if (err instanceof MalformedResponseError) return err;
  return findMalformed((err as { cause?: unknown }).cause, depth + 1);
}

/** "User: arn:… is not authorized to perform: codeartifact:X on resource: arn:…" — AWS's usual wording. */
function parseAccessDenied(message: string): { action?: string; resource?: string } {
  const action = /perform:\s*([a-z0-9-]+:[A-Za-z0-9]+)/.exec(message)?.[1];
  // Some services quote the ARN (`on resource: "arn:…"`); the newer wording goes on with "because …".
  const resource = /on resource:\s*"?([^\s"]+)"?/.exec(message)?.[1]?.replace(/[.,;]$/, '');
  return { action, resource };
}

function endpointLabel(ctx: CallContext): string {
  return ctx.endpoint ? redactUrl(ctx.endpoint) : `codeartifact.${ctx.region}.amazonaws.com`;
}

function profileLabel(profile: string | undefined): string {
  return profile ? `profile "${profile}"` : 'the default credential chain';
}

/** Maps anything thrown by the SDK, a credential provider or the network to a CodeArtifactError. */
export function toApiError(err: unknown, ctx: CallContext): CodeArtifactError {
  if (err instanceof CodeArtifactError) return err;
  const e = asErrorLike(err);
  const name = str(e.name) ?? '';
  const rawMessage = str(e.message) ?? '';
  const status = e.$metadata?.httpStatusCode;
  // Messages embed server text and names: shown in notifications, tree rows and logs, so neutralised here once.
  const make = (detail: ApiErrorDetail, message: string) => new CodeArtifactError(detail, messageText(message), { cause: err });

  if (ctx.signal?.aborted) {
    return make({ kind: 'cancelled' }, `Cancelled: ${ctx.action}.`);
  }
  // The SDK reports a body cut off by our deadline as a reset, and a reset as a timeout: our deadline decides
  // first, then a network error code wins over the SDK's timeout label.
  const timedOut = name === 'AbortError' || name === 'TimeoutError' || (name === 'Error' && /timed? ?out/i.test(rawMessage) && !status);
  if (ctx.deadline?.aborted || (timedOut && !findNetworkCode(err))) {
    const secs = ctx.timeoutMs ? ` within ${Math.round(ctx.timeoutMs / 1000)} s` : '';
    return make(
      { kind: 'networkUnreachable', endpoint: endpointLabel(ctx), code: 'timeout' },
      `CodeArtifact at ${endpointLabel(ctx)} did not answer${secs}. Check your network or proxy, or the codeartifact.endpoint setting.`,
    );
  }

  // A 2xx whose body could not be used: cut off mid-body, not JSON (a proxy's error page), a timestamp of the
  // wrong type (the SDK's own checks), a shape we refuse, or more bytes than we read. Retrying may help once;
  // if it persists, something between us and CodeArtifact rewrites answers.
  const malformed = findMalformed(err);
  if (malformed || (typeof status === 'number' && status >= 200 && status < 300)) {
    // The SDK's own type checks ("Expected real number, got …") are mistyped answers; JSON.parse failures unreadable.
    const sdkCheck = rawMessage.split('\n')[0]?.trim() ?? '';
    const reason: BadResponseReason =
      malformed?.reason ??
      (findNetworkCode(err) || /aborted|premature close/i.test(rawMessage) ? 'truncated' : name === 'SyntaxError' ? 'unreadable' : 'mistyped');
    const why = {
      truncated: 'the answer was cut off',
      unreadable: 'the answer is not the JSON it should be',
      mistyped: `the answer has the wrong shape: ${malformed?.what ?? sdkCheck}`,
      tooLarge: `the answer is too large: ${malformed?.what ?? ''}`,
    }[reason];
    return make(
      { kind: 'badResponse', endpoint: endpointLabel(ctx), reason },
      `CodeArtifact at ${endpointLabel(ctx)} sent an answer to ${ctx.action} that could not be read (${why}). Try again; if it persists, check your proxy or VPC endpoint (the codeartifact.endpoint setting).`,
    );
  }

  // Credential resolution failures (before any request is sent).
  if (name === 'CredentialsProviderError' || name === 'TokenProviderError' || /Could not load credentials/i.test(rawMessage)) {
    // The portal's 401 (UnauthorizedException) means the SSO session ended on the server, though the cached token looks valid.
    if (/\bsso\b|sso_|sso session|token is expired|refresh.*token|UnauthorizedException|Session token not found/i.test(rawMessage)) {
      // The default chain reaches an SSO profile through AWS_PROFILE (else `default`), as the SDK reads it.
      const profile = ctx.profile ?? (process.env.AWS_PROFILE?.trim() || 'default');
      return make(
        { kind: 'ssoExpired', profile },
        `The AWS SSO session for profile "${profile}" has expired or was never started. Run "aws sso login --profile ${profile}", then try again.`,
      );
    }
    return make(
      { kind: 'noCredentials', profile: ctx.profile },
      ctx.profile
        ? `No usable AWS credentials for profile "${ctx.profile}" (${rawMessage.split('\n')[0] ?? ''}). Fix the profile in your AWS config files or sign in with another profile.`
        : 'No AWS credentials found (environment variables, AWS_PROFILE, the default profile, SSO or an instance role). Sign in with a named profile.',
    );
  }
  if (/ExpiredToken|ExpiredTokenException|UnrecognizedClientException|InvalidSignatureException|security token included in the request is (invalid|expired)/i.test(name + ' ' + rawMessage)) {
    // ExpiredTokenException: temporary credentials (SSO, assumed role, session keys) past their end.
    if (/expired/i.test(name + rawMessage)) {
      const profile = ctx.profile ?? (process.env.AWS_PROFILE?.trim() || 'default');
      return make(
        { kind: 'ssoExpired', profile },
        `The AWS credentials of profile "${profile}" have expired. If it is an SSO profile, run "aws sso login --profile ${profile}"; otherwise refresh its temporary credentials (aws_session_token), then try again.`,
      );
    }
    // UnrecognizedClientException: AWS does not know the access key (deleted, deactivated, mistyped, or a session key without its token).
    if (/UnrecognizedClient|security token included in the request is invalid/i.test(name + ' ' + rawMessage)) {
      return make(
        { kind: 'noCredentials', profile: ctx.profile },
        `AWS does not recognize the access key of ${profileLabel(ctx.profile)} (UnrecognizedClientException). Check its aws_access_key_id and aws_secret_access_key (and aws_session_token for temporary keys) in your AWS credentials file, or sign in with another profile.`,
      );
    }
    return make(
      { kind: 'noCredentials', profile: ctx.profile },
      `AWS rejected the credentials of ${profileLabel(ctx.profile)}. Refresh them or sign in with another profile.`,
    );
  }

  if (name === 'AccessDeniedException' || status === 403) {
    const parsed = parseAccessDenied(rawMessage);
    const action = parsed.action ?? ctx.action;
    // A dependent action (sts:GetServiceBearerToken behind GetAuthorizationToken) is not about the call's resource.
    const resource = parsed.resource ?? (action === ctx.action ? ctx.resource : undefined);
    return make(
      { kind: 'accessDenied', action, ...(resource !== undefined ? { resource } : {}) },
      `Access denied: ${profileLabel(ctx.profile)} may not call ${action}${resource ? ` on ${resource}` : ''}. Ask an administrator for this permission or sign in with another profile.`,
    );
  }
  if (name === 'ResourceNotFoundException' || status === 404) {
    const resourceType = str(e.resourceType);
    const resourceId = str(e.resourceId);
    const what = resourceType || resourceId ? `${(resourceType ?? 'resource').toLowerCase()} ${resourceId ? `"${resourceId}"` : ''}`.trim() : (ctx.resource ?? 'the resource');
    return make(
      { kind: 'notFound', resourceType, resourceId },
      `Not found: ${what} (${ctx.action}). It may have been deleted or belong to another account or region — refresh the explorer.${rawMessage ? ` CodeArtifact said: ${rawMessage}` : ''}`,
    );
  }
  if (name === 'ThrottlingException' || status === 429) {
    return make(
      { kind: 'throttled' },
      `CodeArtifact is throttling requests and retrying did not help (${ctx.action}). Wait a minute and try again.`,
    );
  }
  if (name === 'ValidationException' || status === 400) {
    const reason = str(e.reason);
    return make(
      { kind: 'validation', reason },
      `CodeArtifact rejected ${ctx.action}${ctx.resource ? ` for ${ctx.resource}` : ''}: ${rawMessage || reason || 'invalid request'}.`,
    );
  }
  if (name === 'InternalServerException' || (typeof status === 'number' && status >= 500)) {
    return make(
      { kind: 'internal' },
      `CodeArtifact had an internal error on ${ctx.action} (HTTP ${status ?? 500}), even after retries. Try again later.`,
    );
  }

  const code = findNetworkCode(err);
  const badRegion = /Invalid region/i.test(rawMessage);
  // A region the service is not offered in has no CodeArtifact host: the name does not resolve (or nothing answers).
  if (!ctx.endpoint && !ctx.knownRegion && (badRegion || code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'ECONNREFUSED')) {
    return make(
      { kind: 'unknownRegion', region: ctx.region },
      `CodeArtifact is not offered in the region "${ctx.region}" (it runs in ${CODEARTIFACT_REGIONS.map((r) => r.code).join(', ')}). Choose another with "CodeArtifact: Select Region".`,
    );
  }
  if (code) {
    return make(
      { kind: 'networkUnreachable', endpoint: endpointLabel(ctx), code },
      `${cannotReach(endpointLabel(ctx), code)}. Check your network or proxy, or the codeartifact.endpoint setting.`,
    );
  }
  if (typeof status === 'number') {
    return make({ kind: 'internal' }, `CodeArtifact answered HTTP ${status} to ${ctx.action}: ${rawMessage || name}.`);
  }
  return make({ kind: 'internal' }, `${ctx.action} failed: ${rawMessage || name || 'unknown error'}.`);
}

/** The follow-up actions worth offering for each kind of failure, most useful first. */
export type ErrorAction = 'signIn' | 'ssoLogin' | 'selectRegion' | 'openEndpointSetting' | 'refresh' | 'showLogs';

export function actionsFor(detail: ApiErrorDetail): ErrorAction[] {
  switch (detail.kind) {
    case 'notSignedIn':
    case 'noCredentials':
      return ['signIn', 'showLogs'];
    case 'ssoExpired':
      return ['ssoLogin', 'signIn'];
    case 'accessDenied':
      return ['signIn', 'showLogs'];
    case 'unknownRegion':
      return ['selectRegion'];
    case 'networkUnreachable':
    case 'badResponse':
      return ['openEndpointSetting', 'showLogs'];
    case 'notFound':
      return ['refresh', 'showLogs'];
    case 'cancelled':
      return [];
    default:
      return ['showLogs'];
  }
}
