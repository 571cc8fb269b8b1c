// Links to the AWS console pages of CodeArtifact resources.

export interface ConsoleTarget {
  region: string;
  owner: string;
  domain: string;
  repository?: string;
  format?: string;
  namespace?: string;
  package?: string;
  version?: string;
}

const seg = (s: string) => encodeURIComponent(s);

export function consoleUrl(t: ConsoleTarget): string {
  let path = `/codesuite/codeartifact/d/${seg(t.owner)}/${seg(t.domain)}`;
  if (t.repository) {
    path += `/r/${seg(t.repository)}`;
    if (t.format && t.package) {
      // The console keeps an empty segment for packages without a namespace.
      path += `/p/${seg(t.format)}/${seg(t.namespace ?? '')}/${seg(t.package)}/versions`;
      if (t.version) path += `/${seg(t.version)}`;
    }
  }
  return `https://${seg(t.region)}.console.aws.amazon.com${path}?region=${seg(t.region)}`;
}
