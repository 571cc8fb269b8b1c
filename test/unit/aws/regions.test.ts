// The region list against the data it was taken from (botocore's endpoints.json, where installed; the SDK's
// partition names), and a region without the service giving a message that says so.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { partition as sdkPartition } from '@aws-sdk/core/client';
import { SdkCodeArtifactApi } from '../../../src/aws/codeArtifactApi';
import { CODEARTIFACT_REGIONS, isKnownRegion } from '../../../src/aws/regions';
import { failure } from './testSeed';

function botocoreEndpointsFiles(): string[] {
  const files = ['/usr/lib/python3/dist-packages/awscli/botocore/data/endpoints.json', '/usr/lib/python3/dist-packages/botocore/data/endpoints.json'];
  try {
    const dir = execFileSync('python3', ['-c', 'import botocore,os;print(os.path.dirname(botocore.__file__))'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (dir) files.push(`${dir}/data/endpoints.json`);
  } catch {
    // no botocore on this Python
  }
  return files.filter((f) => existsSync(f));
}

describe('CodeArtifact regions', () => {
  it('are exactly botocore’s codeartifact regions (every endpoints.json installed here)', function () {
    const files = botocoreEndpointsFiles();
    if (files.length === 0) this.skip();
    for (const file of files) {
      const data = JSON.parse(readFileSync(file, 'utf8')) as { partitions: { services: Record<string, { endpoints: Record<string, unknown> }> }[] };
      const listed = data.partitions.flatMap((p) => Object.keys(p.services['codeartifact']?.endpoints ?? {})).sort();
      assert.deepEqual(CODEARTIFACT_REGIONS.map((r) => r.code).sort(), listed, file);
    }
  });

  it('carry the names of the SDK’s partition data', () => {
    for (const r of CODEARTIFACT_REGIONS) assert.equal(r.name, (sdkPartition(r.code) as { description?: string }).description, r.code);
  });

  it('a region without the service: the typed error says CodeArtifact is not offered there, not "check your network"', async function () {
    this.timeout(30_000);
    // No endpoint override: the SDK builds codeartifact.ap-east-1.amazonaws.com, which does not resolve here.
    const api = new SdkCodeArtifactApi({ region: 'ap-east-1', credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 's' }, maxAttempts: 1, callTimeoutMs: 20_000 });
    try {
      assert.equal(isKnownRegion('ap-east-1'), false);
      const err = await failure(api.listDomains());
      assert.equal(err.kind, 'unknownRegion', err.message);
      assert.match(err.message, /CodeArtifact is not offered in the region "ap-east-1"/);
      assert.doesNotMatch(err.message, /network/);
    } finally {
      api.dispose();
    }
  });

  it('FIPS and dual-stack from the profile reach the SDK: the client asks for codeartifact-fips / api.aws hosts', async function () {
    this.timeout(30_000);
    const hostOf = async (opts: { useFipsEndpoint?: boolean; useDualstackEndpoint?: boolean }): Promise<string | undefined> => {
      const api = new SdkCodeArtifactApi({ region: 'us-east-1', credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 's' }, maxAttempts: 1, callTimeoutMs: 20_000, ...opts });
      try {
        const err = await failure(api.listDomains());
        // No network here: the name that failed to resolve is the host the SDK chose.
        let e: unknown = err;
        while (e && typeof e === 'object') {
          const hostname = (e as { hostname?: unknown }).hostname;
          if (typeof hostname === 'string') return hostname;
          e = (e as { cause?: unknown }).cause;
        }
        return undefined;
      } finally {
        api.dispose();
      }
    };
    assert.equal(await hostOf({}), 'codeartifact.us-east-1.amazonaws.com');
    assert.equal(await hostOf({ useFipsEndpoint: true }), 'codeartifact-fips.us-east-1.amazonaws.com');
    assert.equal(await hostOf({ useDualstackEndpoint: true }), 'codeartifact.us-east-1.api.aws');
    assert.equal(await hostOf({ useFipsEndpoint: true, useDualstackEndpoint: true }), 'codeartifact-fips.us-east-1.api.aws');
  });

  it('a region with the service that cannot be reached is a network error', async function () {
    this.timeout(30_000);
    const api = new SdkCodeArtifactApi({ region: 'eu-north-1', endpoint: 'http://127.0.0.1:9', credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 's' }, maxAttempts: 1, callTimeoutMs: 20_000 });
    try {
      const err = await failure(api.listDomains());
      assert.equal(err.kind, 'networkUnreachable', err.message);
    } finally {
      api.dispose();
    }
  });
});
