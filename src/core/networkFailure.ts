// One sentence for one network failure, whoever saw it: the AWS SDK (control plane) reports ECONNREFUSED, undici's
// fetch (data plane) says "fetch failed" with the code in its cause. Both read "Can't reach HOST: connection
// refused". Pure: no vscode.

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ECONNABORTED: 'connection aborted',
  EPIPE: 'connection closed',
  UND_ERR_SOCKET: 'connection closed',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'its TLS certificate is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its TLS certificate is not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host',
};

/** The system error code in an error or its causes (fetch's "fetch failed" keeps it in `cause`). */
export function networkCodeOf(err: unknown, depth = 0): string | undefined {
  if (depth > 4 || typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && e.code in REASONS) return e.code;
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const code = networkCodeOf(inner, depth + 1);
      if (code) return code;
    }
  }
  return networkCodeOf(e.cause, depth + 1);
}

/** Words for a code ("connection refused"); an unknown code is kept as it is, so it can still be looked up. */
export function networkReason(code: string | undefined): string {
  if (!code) return 'connection failed';
  return REASONS[code] ?? code;
}

/** The host (and port) of a URL or endpoint label, without user info or path; the text itself when not a URL. */
export function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host || endpoint;
  } catch {
    return endpoint;
  }
}

/** "Can't reach HOST: connection refused". */
export function cannotReach(endpoint: string, code: string | undefined): string {
  return `Can't reach ${hostOf(endpoint)}: ${networkReason(code)}`;
}
