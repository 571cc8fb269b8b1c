// AWS partitions the extension knows: which DNS suffixes a region's CodeArtifact hosts use, its console and its
// ARN prefix. Region patterns and suffixes are those of the AWS SDK's partition data (@aws-sdk/core's
// partitions.json, checked by a unit test against the installed SDK); the console hosts are AWS's documented
// ones. The ISO partitions are left out on purpose: CodeArtifact is not offered there.

export type PartitionName = 'aws' | 'aws-cn' | 'aws-us-gov';

export interface Partition {
  readonly name: PartitionName;
  /** Region names of the partition. */
  readonly regionPattern: RegExp;
  /** `codeartifact.REGION.<dnsSuffix>`, `…d.codeartifact.REGION.<dnsSuffix>`. */
  readonly dnsSuffix: string;
  /** Hosts of dual-stack (IPv4 + IPv6) endpoints. */
  readonly dualStackDnsSuffix: string;
  /** Origin of the AWS console (China and GovCloud have their own; commercial ones are per region). */
  readonly consoleOrigin: (region: string) => string;
}

export const PARTITIONS: readonly Partition[] = [
  {
    name: 'aws',
    regionPattern: /^(?:us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\d{1,2}$/,
    dnsSuffix: 'amazonaws.com',
    dualStackDnsSuffix: 'api.aws',
    consoleOrigin: (region) => `https://${region}.console.aws.amazon.com`,
  },
  {
    name: 'aws-cn',
    regionPattern: /^cn-[a-z]+-\d{1,2}$/,
    dnsSuffix: 'amazonaws.com.cn',
    dualStackDnsSuffix: 'api.amazonwebservices.com.cn',
    consoleOrigin: () => 'https://console.amazonaws.cn',
  },
  {
    name: 'aws-us-gov',
    regionPattern: /^us-gov-[a-z]+-\d{1,2}$/,
    dnsSuffix: 'amazonaws.com',
    dualStackDnsSuffix: 'api.aws',
    consoleOrigin: () => 'https://console.amazonaws-us-gov.com',
  },
];

/** The partition of a region name, or undefined for a name that is no region of these partitions. */
export function partitionOf(region: string): Partition | undefined {
  return PARTITIONS.find((p) => p.regionPattern.test(region));
}

/** `arn:PARTITION:codeartifact:REGION:ACCOUNT:RESOURCE`; the commercial prefix for a region we cannot place. */
export function codeArtifactArn(region: string, account: string, resource: string): string {
  return `arn:${partitionOf(region)?.name ?? 'aws'}:codeartifact:${region}:${account}:${resource}`;
}
