// Partitions: our table against the AWS SDK's own partition data (differential), console links and ARNs per partition.
import assert from 'node:assert/strict';
import { partition as sdkPartition } from '@aws-sdk/core/client';
import { codeArtifactArn, partitionOf, PARTITIONS } from '../../../src/core/awsPartitions';
import { consoleUrl } from '../../../src/core/consoleUrls';

describe('AWS partitions', () => {
  const regions = ['us-east-1', 'eu-central-2', 'ap-southeast-5', 'mx-central-1', 'il-central-1', 'cn-north-1', 'cn-northwest-1', 'us-gov-west-1', 'us-gov-east-1'];

  it('places each region in the partition the SDK places it, with the SDK’s DNS suffixes', () => {
    for (const region of regions) {
      const ours = partitionOf(region);
      const sdk = sdkPartition(region);
      assert.ok(ours, region);
      assert.equal(ours.name, sdk.name, region);
      assert.equal(ours.dnsSuffix, sdk.dnsSuffix, region);
      assert.equal(ours.dualStackDnsSuffix, sdk.dualStackDnsSuffix, region);
    }
  });

  it('places no name that is not a region of these partitions (ISO partitions, typos, hosts)', () => {
    for (const name of ['us-iso-east-1', 'us-isob-east-1', 'eu-isoe-west-1', 'xx-east-1', 'us-east', 'us-east-1.evil.example', 'US-EAST-1', '']) {
      assert.equal(partitionOf(name), undefined, name);
    }
    assert.deepEqual(PARTITIONS.map((p) => p.name), ['aws', 'aws-cn', 'aws-us-gov']);
  });

  it('writes ARNs with the partition prefix', () => {
    assert.equal(codeArtifactArn('us-west-2', '111122223333', 'domain/acme'), 'arn:aws:codeartifact:us-west-2:111122223333:domain/acme');
    assert.equal(codeArtifactArn('cn-north-1', '111122223333', 'domain/acme'), 'arn:aws-cn:codeartifact:cn-north-1:111122223333:domain/acme');
    assert.equal(codeArtifactArn('us-gov-west-1', '111122223333', 'repository/acme/r'), 'arn:aws-us-gov:codeartifact:us-gov-west-1:111122223333:repository/acme/r');
  });

  it('links to the console of the partition', () => {
    const base = { owner: '111122223333', domain: 'acme', repository: 'shared' };
    assert.equal(consoleUrl({ ...base, region: 'cn-north-1' }), 'https://console.amazonaws.cn/codesuite/codeartifact/d/111122223333/acme/r/shared?region=cn-north-1');
    assert.equal(consoleUrl({ ...base, region: 'us-gov-west-1' }), 'https://console.amazonaws-us-gov.com/codesuite/codeartifact/d/111122223333/acme/r/shared?region=us-gov-west-1');
    assert.equal(consoleUrl({ ...base, region: 'eu-west-1' }), 'https://eu-west-1.console.aws.amazon.com/codesuite/codeartifact/d/111122223333/acme/r/shared?region=eu-west-1');
    assert.throws(() => consoleUrl({ ...base, region: 'us-iso-east-1' }), /not a valid AWS region/);
    assert.throws(() => consoleUrl({ ...base, region: 'evil.example/x' }), /not a valid AWS region/);
  });
});
