// Where a token may go. GetRepositoryEndpoint answers with a URL; the token (and the user's files) only
// follow it when it is a CodeArtifact data-plane address of the domain we asked about, in the region the
// user signed in to, or the user's own control-plane origin when that is a local emulator or proxy they set.
import { parseDataPlaneAddress, parseRegistryUrl, type CodeArtifactEndpoint } from './registryUrls';

export interface EndpointExpectation {
  readonly domain: string;
  /** The 12-digit owner account; empty or absent when the caller's own domain was asked for (any account). */
  readonly owner?: string;
  readonly format: string;
  /** The signed-in region, or '*' when it is not known (any AWS region name). */
  readonly region: string;
  /** The control-plane endpoint from the user's own settings or AWS config (`codeartifact.endpoint`), if any. */
  readonly controlPlaneEndpoint?: string;
  /** The data-plane endpoint from the user's own settings (`codeartifact.dataPlaneEndpoint`), if any. */
  readonly dataPlaneEndpoint?: string;
}

export type EndpointVerdict = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string };

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
/** `/FORMAT/d/…`: the repository path of a VPC endpoint without private DNS. */
const VPC_PATH_FORM = /^\/[a-z]+\/d\//;

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/** Same scheme, host and port; the loopback names of one port count as one origin (the same local server). */
function sameOrigin(a: URL, b: URL): boolean {
  if (a.protocol !== b.protocol || a.port !== b.port) return false;
  return a.hostname.toLowerCase() === b.hostname.toLowerCase() || (isLoopbackHost(a.hostname) && isLoopbackHost(b.hostname));
}

/**
 * Is `raw` an address the token for `expect.domain` may be sent to, and configured into the user's files?
 * Accepted: every CodeArtifact data-plane form (`parseDataPlaneAddress`: public, FIPS, dual-stack, VPC endpoint)
 * in the region's own partition, for exactly that domain, owner, region and format; the VPC form
 * `/FORMAT/d/DOMAIN-OWNER/REPO/` on the user's own `codeartifact.dataPlaneEndpoint`; and URLs on the origin of the
 * user's own control-plane endpoint. Plain http only on loopback.
 */
export function checkRepositoryEndpoint(raw: string, expect: EndpointExpectation): EndpointVerdict {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'CodeArtifact answered with a repository address that is not a URL.' };
  }
  const shown = `${url.protocol}//${url.host}`;
  if (url.username || url.password) return { ok: false, reason: `The repository address ${shown} carries a user name or password.` };
  if (url.search || url.hash) return { ok: false, reason: `The repository address on ${shown} has a query or fragment, which CodeArtifact addresses never have.` };
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, reason: `The repository address uses ${url.protocol}, not https:.` };
  const plainHttpElsewhere = url.protocol === 'http:' && !isLoopbackHost(url.hostname);

  const dataPlane = originOf(expect.dataPlaneEndpoint);
  const own = originOf(expect.controlPlaneEndpoint);
  // On the user's data-plane endpoint only the VPC path form counts (unless that is also their control-plane origin).
  if (dataPlane && sameOrigin(url, dataPlane) && !(own && sameOrigin(url, own) && !VPC_PATH_FORM.test(url.pathname))) {
    if (plainHttpElsewhere) return { ok: false, reason: `The repository address ${shown} is plain http on a host that is not this machine.` };
    const path = parseRegistryUrl(`http://127.0.0.1${url.pathname}`);
    if (!path || !VPC_PATH_FORM.test(url.pathname) || !matches(path, expect)) {
      return { ok: false, reason: `The address on your data-plane endpoint ${shown} is not a ${expect.format} repository of the domain ${expect.domain}.` };
    }
    return { ok: true, url: url.href };
  }
  if (own && sameOrigin(url, own)) {
    if (plainHttpElsewhere) return { ok: false, reason: `The repository address ${shown} is plain http on a host that is not this machine.` };
    return { ok: true, url: url.href };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: `The repository address ${shown} is not https.` };
  if (url.port && url.port !== '443') return { ok: false, reason: `The repository address ${shown} uses a port CodeArtifact does not use.` };
  if (expect.region !== '*' && !REGION.test(expect.region)) return { ok: false, reason: `The region ${expect.region} is not an AWS region name.` };

  const address = parseDataPlaneAddress(url);
  if (address && matches(address, expect) && (expect.region === '*' || address.region === expect.region)) return { ok: true, url: url.href };
  return {
    ok: false,
    reason: `The repository address ${shown} is not a CodeArtifact address of the domain ${expect.domain}${expect.owner ? ` (account ${expect.owner})` : ''}${expect.region === '*' ? '' : ` in ${expect.region}`}${address ? ` for ${expect.format}` : ''}.`,
  };
}

/** Domain (case as AWS writes it: lower), owner when known, and format are exactly the ones asked for. */
function matches(address: CodeArtifactEndpoint, expect: EndpointExpectation): boolean {
  return (
    address.domain === expect.domain.toLowerCase() &&
    (expect.owner ? address.owner === expect.owner : /^\d{12}$/.test(address.owner)) &&
    address.format === expect.format.toLowerCase()
  );
}

function originOf(endpoint: string | undefined): URL | undefined {
  if (!endpoint) return undefined;
  try {
    return new URL(endpoint);
  } catch {
    return undefined;
  }
}

/**
 * The repository address to use: the answer if it passes `checkRepositoryEndpoint`, moved onto the user's
 * data-plane endpoint (`/FORMAT/d/DOMAIN-OWNER/REPO/`, the form of a VPC endpoint without private DNS) when they
 * set one. The answer is checked before it is moved, so a hostile answer cannot pick the domain in the path.
 */
export function routeRepositoryEndpoint(raw: string, expect: EndpointExpectation): EndpointVerdict {
  const verdict = checkRepositoryEndpoint(raw, expect);
  if (!verdict.ok || !expect.dataPlaneEndpoint) return verdict;
  const own = originOf(expect.dataPlaneEndpoint);
  if (!own || !/^https?:$/.test(own.protocol) || own.pathname.replace(/\/+$/, '') !== '' || own.search || own.hash || own.username || own.password) {
    return { ok: false, reason: 'The codeartifact.dataPlaneEndpoint setting is not an address like https://vpce-….d.codeartifact.REGION.vpce.amazonaws.com (scheme and host only).' };
  }
  const answered = new URL(verdict.url);
  if (sameOrigin(answered, own) && VPC_PATH_FORM.test(answered.pathname)) return verdict;
  const address = parseRegistryUrl(verdict.url);
  if (!address) return { ok: false, reason: `The repository address ${redactOrigin(verdict.url)} cannot be moved onto your data-plane endpoint.` };
  return checkRepositoryEndpoint(`${own.origin}/${address.format}/d/${address.domain}-${address.owner}/${encodeURIComponent(address.repository)}/`, expect);
}

function redactOrigin(url: string): string {
  return new URL(url).origin;
}
