// GetRepositoryEndpoint's `endpointType` and GetAuthorizationToken's `durationSeconds=0`, as the service answers them.
// Kept apart from controlPlane.ts so the two rules read on their own.

export type EndpointType = 'ipv4' | 'dualstack';

/**
 * The repository endpoint for `endpointType`. AWS answers the dual-stack form on the partition's dual-stack DNS
 * suffix (`….d.codeartifact.REGION.api.aws`); the emulator's dual-stack name for its loopback server is
 * `localhost` (which resolves to both 127.0.0.1 and ::1), on the same port.
 */
export function repositoryEndpoint(endpoint: string, domainOwner: string, format: string, repository: string, type: EndpointType | undefined): string {
  const base = type === 'dualstack' ? dualStackOrigin(endpoint) : endpoint;
  return `${base}/${domainOwner}/${format}/${repository}/`;
}

function dualStackOrigin(endpoint: string): string {
  const url = new URL(endpoint);
  url.hostname = 'localhost';
  return url.origin;
}

/** The default token life (12 h) and the longest. */
export const DEFAULT_TOKEN_SECONDS = 43_200;

/**
 * Seconds a token lasts. `0` means "as long as the caller's session credentials": the token expires with them
 * (at most 12 h). For long-term keys, which have no session expiry, the emulator uses the 12-hour default (the
 * API reference does not say; an assumption).
 */
export function tokenSeconds(requested: number, nowMs: number, sessionExpiresAtMs: number | undefined): number {
  if (requested !== 0) return requested;
  if (sessionExpiresAtMs === undefined) return DEFAULT_TOKEN_SECONDS;
  return Math.max(1, Math.min(DEFAULT_TOKEN_SECONDS, Math.floor((sessionExpiresAtMs - nowMs) / 1000)));
}
