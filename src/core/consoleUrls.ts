// Links to the AWS console pages of CodeArtifact resources, on the console of the region's partition.
import { partitionOf } from './awsPartitions';

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

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * One path segment holding `value`. `.` and `..` cannot be one (a URL parser resolves them, also
 * percent-encoded), an empty segment shifts every later one, and a lone surrogate has no encoding: such a
 * name is refused rather than allowed to point the link somewhere else.
 */
function seg(what: string, value: string, allowEmpty = false): string {
  if ((value === '' && !allowEmpty) || value === '.' || value === '..' || LONE_SURROGATE.test(value)) {
    throw new Error(`The ${what} name ${JSON.stringify(value.slice(0, 80))} cannot be part of a link to the AWS console.`);
  }
  return encodeURIComponent(value);
}

export function consoleUrl(t: ConsoleTarget): string {
  // The region becomes part of the host name: only a region's shape may get there.
  const partition = partitionOf(t.region);
  if (!partition) throw new Error(`${JSON.stringify(t.region.slice(0, 40))} is not a valid AWS region.`);
  if (!/^\d{12}$/.test(t.owner)) throw new Error(`${JSON.stringify(t.owner.slice(0, 40))} is not a valid AWS account id.`);
  let path = `/codesuite/codeartifact/d/${t.owner}/${seg('domain', t.domain)}`;
  if (t.repository) {
    path += `/r/${seg('repository', t.repository)}`;
    if (t.format && t.package) {
      // The console keeps an empty segment for packages without a namespace.
      path += `/p/${seg('format', t.format)}/${seg('namespace', t.namespace ?? '', true)}/${seg('package', t.package)}/versions`;
      if (t.version) path += `/${seg('version', t.version)}`;
    }
  }
  return `${partition.consoleOrigin(t.region)}${path}?region=${t.region}`;
}
