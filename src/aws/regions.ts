// Regions where CodeArtifact is offered. Source, chosen from what is at hand offline: botocore's endpoints.json
// (the `codeartifact` entry, identical in Debian's awscli and botocore 1.43), which agrees region for region with
// the AWS General Reference page "AWS CodeArtifact endpoints and quotas". botocore no longer updates that file
// (new launches go to the endpoint rules sets, which cover every region of a partition and so cannot say where
// the service runs), so a unit test holds this list against it and a launch is added here by hand.
// Names come from the AWS SDK's partition data. China and GovCloud regions are not listed: CodeArtifact is not
// offered there today; typing any region name in the picker is still allowed.
export const CODEARTIFACT_REGIONS: readonly { code: string; name: string }[] = [
  { code: 'us-east-1', name: 'US East (N. Virginia)' },
  { code: 'us-east-2', name: 'US East (Ohio)' },
  { code: 'us-west-2', name: 'US West (Oregon)' },
  { code: 'ap-south-1', name: 'Asia Pacific (Mumbai)' },
  { code: 'ap-southeast-1', name: 'Asia Pacific (Singapore)' },
  { code: 'ap-southeast-2', name: 'Asia Pacific (Sydney)' },
  { code: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)' },
  { code: 'eu-central-1', name: 'Europe (Frankfurt)' },
  { code: 'eu-west-1', name: 'Europe (Ireland)' },
  { code: 'eu-west-2', name: 'Europe (London)' },
  { code: 'eu-south-1', name: 'Europe (Milan)' },
  { code: 'eu-west-3', name: 'Europe (Paris)' },
  { code: 'eu-north-1', name: 'Europe (Stockholm)' },
];

export function isKnownRegion(region: string): boolean {
  return CODEARTIFACT_REGIONS.some((r) => r.code === region);
}

/** Shape check only (`xx-name-1`, also `us-gov-west-1`): catches typos before the SDK builds a host name. */
export function looksLikeRegion(region: string): boolean {
  return /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/.test(region);
}
