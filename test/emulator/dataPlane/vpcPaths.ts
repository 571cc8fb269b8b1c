// The repository path of a VPC endpoint without private DNS, `/FORMAT/d/DOMAIN-OWNER/REPO/…` (AWS: "Use CodeArtifact
// from a VPC"), served like the emulator's own `/DOMAIN-OWNER/FORMAT/REPO/…`; answers that carry URLs (npm tarballs)
// keep the form the client asked with.

const VPC_PATH = /^\/([a-z]+)\/d\/([a-z][a-z0-9-]{0,48}[a-z0-9]-\d{12})\/([^/]+)(\/.*)?$/;

/** The emulator's own path for a VPC-form path, or undefined for any other path. */
export function fromVpcPath(pathname: string): string | undefined {
  const m = VPC_PATH.exec(pathname);
  if (!m) return undefined;
  const [, format = '', domainOwner = '', repo = '', tail = ''] = m;
  return `/${domainOwner}/${format}/${repo}${tail}`;
}

/** A repository's base URL (no trailing slash) in the form the request used. */
export function repositoryBase(endpoint: string, domainOwner: string, format: string, repo: string, vpcStyle: boolean): string {
  return vpcStyle ? `${endpoint}/${format}/d/${domainOwner}/${repo}` : `${endpoint}/${domainOwner}/${format}/${repo}`;
}
