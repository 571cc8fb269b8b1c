// The data behind "Show Version Details", fetched from the emulator, then rendered.
import assert from 'node:assert/strict';
import { SdkCodeArtifactApi } from '../../../src/aws/codeArtifactApi';
import { renderVersionDetails } from '../../../src/core/versionDetails';
import { loadVersionDetails } from '../../../src/explorer/versionDetailsData';
import { OWNER, seededEmulator } from '../aws/testSeed';

describe('loadVersionDetails', () => {
  const seeded = seededEmulator({ secretAccessKey: 's' });
  let api: SdkCodeArtifactApi;
  const uiKit = { domain: 'acme', domainOwner: OWNER, repository: 'shared', format: 'npm' as const, namespace: 'acme', package: 'ui-kit', version: '2.1.0' };
  before(() => {
    api = seeded.api({ maxAttempts: 1 });
  });

  it('fetches details, assets, dependencies, readme and the governing package group (five parallel requests) and renders them', async () => {
    const data = await loadVersionDetails(api, uiKit);
    assert.equal(seeded.emu.stats.requests, 5);
    assert.deepEqual(data.packageGroup, { pattern: '/*', associationType: 'STRONG', restrictions: 'publish ALLOW · external ALLOW · internal ALLOW' });
    assert.deepEqual(data.dependencies?.map((d) => [d.namespace ?? '', d.package, d.versionRequirement, d.dependencyType]), [
      ['', 'left-pad', '^1.3.0', 'regular'],
      ['acme', 'icons', '^1.2.0', 'regular'],
      ['', 'not-in-repo', '^4.0.0', 'regular'],
    ]);
    assert.deepEqual(data.problems, []);
    const doc = renderVersionDetails(data);
    assert.match(doc, /^# @acme\/ui-kit 2\.1\.0$/m);
    assert.match(doc, /\| Licenses \| MIT \|/);
    assert.match(doc, /- `package\.tgz` — \d+(\.\d)? (B|KB)\n {2}- SHA-256: `[0-9a-f]{64}`/);
    assert.match(doc, /## Readme\n\n````markdown\n# ui-kit/);
    assert.match(doc, /## Dependencies\n\n- `left-pad` `\^1\.3\.0` \(regular\)\n- `@acme\/icons` `\^1\.2\.0` \(regular\)\n/);
    assert.match(doc, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'the summary’s HTML is shown as text');
  });

  it('a version without a readme is not a problem', async () => {
    const data = await loadVersionDetails(api, { ...uiKit, package: 'icons', version: '1.2.3' });
    assert.deepEqual(data.problems, []);
    assert.equal(data.readme, undefined);
  });

  it('a part that fails is listed under “Not loaded”; the rest still shows', async () => {
    seeded.emu.setFaults('error/ops=ListPackageVersionAssets');
    const data = await loadVersionDetails(api, uiKit);
    assert.equal(data.assets, undefined);
    assert.equal(data.problems?.length, 1);
    assert.match(data.problems?.[0] ?? '', /^Assets: CodeArtifact had an internal error/);
    const doc = renderVersionDetails(data);
    assert.match(doc, /## Not loaded\n\n- Assets: /);
    assert.match(doc, /\| Status \| Published \|/);
  });
});
