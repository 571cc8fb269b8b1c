// Where a token may go. GetRepositoryEndpoint answers with a URL; the token (and the user's files) only
// follow it when it is a CodeArtifact data-plane address of the domain we asked about, in the region the
// user signed in to, or the user's own control-plane origin when that is a local emulator or proxy they set.
import { escapeRegExp } from './regExp';

export interface EndpointExpectation {
  readonly domain: string;
  /** The 12-digit owner account; empty or absent when the caller's own domain was asked for (any account). */
  readonly owner?: string;
  readonly format: string;
  /** The signed-in region, or '*' when it is not known (any AWS region name). */
  readonly region: string;
  /** The control-plane endpoint from the user's own settings (`codeartifact.endpoint`), if any. */
  readonly controlPlaneEndpoint?: string;
}

export type EndpointVerdict = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string };

const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
/** Partitions' DNS suffixes for CodeArtifact data-plane hosts (commercial, China, dual-stack). */
const SUFFIXES = ['amazonaws.com', 'amazonaws.com.cn', 'api.aws', 'on.aws'];

export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

function sameOrigin(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.hostname.toLowerCase() === b.hostname.toLowerCase() && a.port === b.port;
}

/**
 * Is `raw` an address the token for `expect.domain` may be sent to, and configured into the user's files?
 * Accepted: `https://DOMAIN-OWNER.d.codeartifact[-fips].REGION.<suffix>/FORMAT/REPO/`, the VPC form
 * `https://vpce-….d.codeartifact.REGION.vpce.amazonaws.com/FORMAT/d/DOMAIN-OWNER/REPO/`, and URLs on the
 * origin of the user's own `codeartifact.endpoint` (plain http only when that origin is loopback).
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

  const own = controlPlaneOrigin(expect.controlPlaneEndpoint);
  if (own && sameOrigin(url, own)) {
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return { ok: false, reason: `The repository address ${shown} is plain http on a host that is not this machine.` };
    return { ok: true, url: url.href };
  }
  if (url.protocol !== 'https:') return { ok: false, reason: `The repository address ${shown} is not https.` };
  if (url.port && url.port !== '443') return { ok: false, reason: `The repository address ${shown} uses a port CodeArtifact does not use.` };

  const host = url.hostname.toLowerCase();
  const region = expect.region === '*' ? '(?<region>[a-z]{2}(?:-[a-z]+)+-\\d{1,2})' : escapeRegExp(expect.region);
  if (expect.region !== '*' && !REGION.test(expect.region)) return { ok: false, reason: `The region ${expect.region} is not an AWS region name.` };
  const suffix = `(?:${SUFFIXES.map(escapeRegExp).join('|')})`;
  const domainOwner = `${escapeRegExp(expect.domain.toLowerCase())}-${expect.owner ? escapeRegExp(expect.owner) : '\\d{12}'}`;
  const format = escapeRegExp(expect.format.toLowerCase());

  const publicHost = new RegExp(`^${domainOwner}\\.d\\.codeartifact(?:-fips)?\\.${region}\\.${suffix}$`);
  if (publicHost.test(host)) {
    if (!new RegExp(`^/${format}/[^/]+/`).test(url.pathname)) return { ok: false, reason: `The repository address on ${shown} is not a ${expect.format} repository path.` };
    return { ok: true, url: url.href };
  }
  const vpceHost = new RegExp(`^vpce-[a-z0-9-]+\\.d\\.codeartifact\\.${region}\\.vpce\\.${suffix}$`);
  if (vpceHost.test(host)) {
    if (!new RegExp(`^/${format}/d/${domainOwner}/[^/]+/`).test(url.pathname.toLowerCase())) {
      return { ok: false, reason: `The VPC endpoint address on ${shown} is not for the domain ${expect.domain}.` };
    }
    return { ok: true, url: url.href };
  }
  return {
    ok: false,
    reason: `The repository address ${shown} is not a CodeArtifact address of the domain ${expect.domain}${expect.owner ? ` (account ${expect.owner})` : ''}${expect.region === '*' ? '' : ` in ${expect.region}`}.`,
  };
}

function controlPlaneOrigin(endpoint: string | undefined): URL | undefined {
  if (!endpoint) return undefined;
  try {
    return new URL(endpoint);
  } catch {
    return undefined;
  }
}
