import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePomXml } from '../../../src/core/manifests/pomXml';
import { parseRequirementsTxt } from '../../../src/core/manifests/requirementsTxt';
import {
  mavenRepositoryUrls,
  npmRegistryFor,
  parseDataPlaneAddress,
  parseRegistryUrl,
  pipIndexUrls,
  redactUrl,
  MAVEN_CENTRAL,
  NPM_DEFAULT_REGISTRY,
  PYPI_DEFAULT_INDEX,
} from '../../../src/core/registryUrls';

const fixtures = path.resolve(__dirname, '../../../../test/fixtures/manifests');
const HOST = 'acme-111122223333.d.codeartifact.us-west-2.amazonaws.com';

describe('parseRegistryUrl', () => {
  const expected = { domain: 'acme', owner: '111122223333', region: 'us-west-2', repository: 'internal' };

  it('reads the real hostname form for every format', () => {
    assert.deepEqual(parseRegistryUrl(`https://${HOST}/npm/internal/`), { ...expected, format: 'npm' });
    assert.deepEqual(parseRegistryUrl(`https://${HOST}/maven/internal/`), { ...expected, format: 'maven' });
    assert.deepEqual(parseRegistryUrl(`https://${HOST}/pypi/internal/simple/`), { ...expected, format: 'pypi' });
    assert.deepEqual(parseRegistryUrl(`https://${HOST}/pypi/internal/simple`), { ...expected, format: 'pypi' });
    assert.deepEqual(parseRegistryUrl(`https://${HOST}/npm/internal`), { ...expected, format: 'npm' });
  });

  it('accepts :443, userinfo tokens and dashes in domain names, and never returns the token', () => {
    const withToken = parseRegistryUrl(`https://aws:eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMH0.secret@${HOST}:443/pypi/internal/simple/`);
    assert.deepEqual(withToken, { ...expected, format: 'pypi' });
    assert.ok(!JSON.stringify(withToken).includes('secret'));
    assert.deepEqual(parseRegistryUrl('https://my-team-dom-111122223333.d.codeartifact.eu-central-1.amazonaws.com/npm/my.repo_1/'), {
      domain: 'my-team-dom',
      owner: '111122223333',
      region: 'eu-central-1',
      format: 'npm',
      repository: 'my.repo_1',
    });
  });

  it('reads the emulator form (owner: the 12 digits after the last dash)', () => {
    assert.deepEqual(parseRegistryUrl('http://127.0.0.1:4873/my-dom-111122223333/npm/internal/'), {
      domain: 'my-dom',
      owner: '111122223333',
      format: 'npm',
      repository: 'internal',
    });
    assert.equal(parseRegistryUrl('http://localhost:9/acme-111122223333/pypi/r1/simple/')?.format, 'pypi');
  });

  it('reads every documented host form: FIPS, dual-stack, China, GovCloud and VPC endpoints without private DNS', () => {
    const at = (region: string) => ({ domain: 'acme', owner: '111122223333', region, format: 'npm', repository: 'internal' });
    const cases: [string, ReturnType<typeof at>][] = [
      ['https://acme-111122223333.d.codeartifact-fips.us-east-1.amazonaws.com/npm/internal/', at('us-east-1')],
      ['https://acme-111122223333.d.codeartifact.us-east-1.api.aws/npm/internal/', at('us-east-1')],
      ['https://acme-111122223333.d.codeartifact-fips.us-east-1.api.aws/npm/internal/', at('us-east-1')],
      ['https://acme-111122223333.d.codeartifact.cn-north-1.amazonaws.com.cn/npm/internal/', at('cn-north-1')],
      ['https://acme-111122223333.d.codeartifact.cn-north-1.api.amazonwebservices.com.cn/npm/internal/', at('cn-north-1')],
      ['https://acme-111122223333.d.codeartifact.us-gov-west-1.amazonaws.com/npm/internal/', at('us-gov-west-1')],
      ['https://acme-111122223333.d.codeartifact-fips.us-gov-west-1.amazonaws.com/npm/internal/', at('us-gov-west-1')],
      ['https://vpce-0743fe535b883ffff-76ddffff.d.codeartifact.us-west-2.vpce.amazonaws.com/npm/d/acme-111122223333/internal/', at('us-west-2')],
      ['https://aws:TOKEN@vpce-0743fe535b883ffff-76ddffff.d.codeartifact.cn-north-1.vpce.amazonaws.com.cn/npm/d/acme-111122223333/internal', at('cn-north-1')],
    ];
    for (const [url, expected] of cases) assert.deepEqual(parseRegistryUrl(url), expected, url);
    assert.deepEqual(parseRegistryUrl('http://127.0.0.1:4873/pypi/d/acme-111122223333/internal/simple/'), { domain: 'acme', owner: '111122223333', format: 'pypi', repository: 'internal' });
    assert.equal(parseDataPlaneAddress(new URL(cases[2]![0]))?.form, 'fipsDualstack');
    assert.equal(parseDataPlaneAddress(new URL(cases[7]![0]))?.form, 'vpce');
  });

  it('refuses near misses of those forms', () => {
    for (const url of [
      'https://acme-111122223333.d.codeartifact.us-east-1.amazonaws.com.evil.example/npm/internal/',
      'https://acme-111122223333.d.codeartifact.us-east-1.amazonaws.com.cn/npm/internal/',
      'https://acme-111122223333.d.codeartifact.cn-north-1.amazonaws.com/npm/internal/',
      'https://acme-111122223333.d.codeartifact.cn-north-1.api.aws/npm/internal/',
      'https://acme-111122223333.d.codeartifact.us-east-1.on.aws/npm/internal/',
      'https://acme-111122223333.d.codeartifact.xx-east-1.amazonaws.com/npm/internal/',
      'https://vpce-1.d.codeartifact.us-west-2.vpce.amazonaws.com/npm/internal/',
      'https://vpce-1.d.codeartifact.us-west-2.vpce.amazonaws.com/npm/d/acme-1111/internal/',
      'https://vpce-1.d.codeartifact.us-west-2.vpce.amazonaws.com.evil.example/npm/d/acme-111122223333/internal/',
      'https://vpce-1.d.codeartifact.us-west-2.evil.example/npm/d/acme-111122223333/internal/',
      'https://x.vpce-1.d.codeartifact.us-west-2.vpce.amazonaws.com/npm/d/acme-111122223333/internal/',
      'http://10.0.0.1/npm/d/acme-111122223333/internal/',
    ]) {
      assert.equal(parseRegistryUrl(url), undefined, url);
    }
  });

  it('refuses anything else', () => {
    for (const url of [
      'https://registry.npmjs.org/',
      'https://pypi.org/simple/',
      'https://repo.maven.apache.org/maven2',
      `https://${HOST}/`,
      `https://${HOST}/unknownformat/internal/`,
      `ftp://${HOST}/npm/internal/`,
      'https://acme-1111.d.codeartifact.us-west-2.amazonaws.com/npm/internal/',
      'https://acme-111122223333.d.codeartifact.us-west-2.evil.com/npm/internal/',
      'http://127.0.0.1:4873/npm/internal/',
      'http://10.0.0.1:4873/acme-111122223333/npm/internal/',
      'not a url',
      '',
    ]) {
      assert.equal(parseRegistryUrl(url), undefined, url);
    }
  });

  it('redacts userinfo, query and fragment', () => {
    assert.equal(redactUrl(`https://aws:TOKEN@${HOST}/pypi/internal/simple/?x=1#y`), `https://${HOST}/pypi/internal/simple/`);
    assert.equal(redactUrl('//aws:TOKEN@host/x'), '//host/x');
    assert.equal(npmRegistryFor('x', ['registry=https://user:secret@npm.example/']), 'https://npm.example/');
  });
});

describe('npmRegistryFor', () => {
  const project = [
    '; project .npmrc',
    `@acme:registry=https://${HOST}/npm/internal/`,
    `//${HOST}/npm/internal/:_authToken=\${CODEARTIFACT_AUTH_TOKEN}`,
  ].join('\n');
  const user = ['registry=http://127.0.0.1:4873/acme-111122223333/npm/public-proxy', '@other:registry=https://npm.other.example/'].join('\n');

  it('uses a scope line for scoped packages, from any file in the chain', () => {
    assert.equal(npmRegistryFor('@acme/design-system', [project, user]), `https://${HOST}/npm/internal/`);
    assert.equal(npmRegistryFor('@other/pkg', [project, user]), 'https://npm.other.example/');
  });

  it('falls back to registry=, with the project file winning, then to the public registry', () => {
    assert.equal(npmRegistryFor('lodash', [project, user]), 'http://127.0.0.1:4873/acme-111122223333/npm/public-proxy/');
    assert.equal(npmRegistryFor('lodash', ['registry=https://a.example/', 'registry=https://b.example/']), 'https://a.example/');
    assert.equal(npmRegistryFor('lodash', [project]), NPM_DEFAULT_REGISTRY);
    assert.equal(npmRegistryFor('@unknown/x', []), NPM_DEFAULT_REGISTRY);
  });
});

describe('pipIndexUrls', () => {
  const pipConf = [
    '[global]',
    'index-url = https://pypi.example/simple/',
    'extra-index-url =',
    '    https://one.example/simple/',
    '    https://two.example/simple/',
    '[install]',
    `index-url = https://aws:TOKEN@${HOST}/pypi/internal/simple/`,
  ].join('\n');

  it('reads pip config: [install] over [global], multi-line extra-index-url', () => {
    assert.deepEqual(pipIndexUrls([], [pipConf]), {
      // The token in the config is dropped.
      indexUrl: `https://${HOST}/pypi/internal/simple/`,
      extraIndexUrls: ['https://one.example/simple/', 'https://two.example/simple/'],
    });
    assert.deepEqual(pipIndexUrls([], []), { indexUrl: PYPI_DEFAULT_INDEX, extraIndexUrls: [] });
  });

  it('puts PIP_INDEX_URL / PIP_EXTRA_INDEX_URL above the config files', () => {
    const env = { PIP_INDEX_URL: 'https://env.example/simple/', PIP_EXTRA_INDEX_URL: 'https://x.example/ https://y.example/' };
    assert.deepEqual(pipIndexUrls([], [pipConf], env), {
      indexUrl: 'https://env.example/simple/',
      extraIndexUrls: ['https://x.example/', 'https://y.example/'],
    });
  });

  it("lets the requirements file's options override the index and add extra indexes", () => {
    const source = readFileSync(path.join(fixtures, 'requirements.txt'), 'utf8');
    const { indexes } = parseRequirementsTxt(source);
    const result = pipIndexUrls(indexes, [pipConf]);
    // The file says --index-url, --extra-index-url, then -i. pip (handle_option_line) applies them in order and an
    // --index-url line replaces the whole list, the config's and the file's earlier extra indexes included.
    assert.equal(result.indexUrl, 'https://pypi.org/simple');
    assert.deepEqual(result.extraIndexUrls, []);
    const reordered = pipIndexUrls([indexes[2]!, indexes[0]!, indexes[1]!], [pipConf]);
    assert.equal(parseRegistryUrl(reordered.indexUrl!)?.repository, 'python-internal');
    assert.equal(parseRegistryUrl(reordered.extraIndexUrls[0]!)?.repository, 'upstream');
    assert.deepEqual(pipIndexUrls(parseRequirementsTxt('--no-index\nfoo').indexes, [pipConf]), { extraIndexUrls: [] });
  });
});

describe('mavenRepositoryUrls', () => {
  const pom = parsePomXml(readFileSync(path.join(fixtures, 'pom.xml'), 'utf8'));

  it("lists the pom's repositories then Maven Central without settings", () => {
    assert.deepEqual(mavenRepositoryUrls(pom.repositories), [
      { id: 'codeartifact', url: `https://${HOST}/maven/java-internal/` },
      { id: 'emulator', url: 'http://127.0.0.1:4873/acme-111122223333/maven/java-internal/' },
      MAVEN_CENTRAL,
    ]);
  });

  it('puts active settings profiles first (the last first; activeByDefault too) and applies mirrors: exact id, then patterns', () => {
    const settings = `<?xml version="1.0"?>
<settings>
  <mirrors>
    <mirror><id>ca-all</id><url>https://${HOST}/maven/mirror/</url><mirrorOf>external:*,!emulator</mirrorOf></mirror>
    <mirror><id>exact</id><url>https://exact.example/maven/</url><mirrorOf>codeartifact</mirrorOf></mirror>
  </mirrors>
  <profiles>
    <profile><id>on-by-default</id><activation><activeByDefault>true</activeByDefault></activation>
      <repositories><repository><id>default-profile-repo</id><url>https://default.example/maven/</url></repository></repositories>
    </profile>
    <profile><id>listed</id>
      <repositories><repository><id>listed-repo</id><url>https://listed.example/maven/</url></repository></repositories>
    </profile>
    <profile><id>inactive</id>
      <repositories><repository><id>inactive-repo</id><url>https://inactive.example/maven/</url></repository></repositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>listed</activeProfile></activeProfiles>
</settings>`;
    // Settings profiles stay activeByDefault beside listed ones, and the last active profile's repositories come
    // first, as Maven 3.8 does (test/differential/maven/mavenSettings.test.ts).
    assert.deepEqual(mavenRepositoryUrls(pom.repositories, settings), [
      { id: 'listed-repo', url: `https://${HOST}/maven/mirror/`, mirrorId: 'ca-all' },
      { id: 'default-profile-repo', url: `https://${HOST}/maven/mirror/`, mirrorId: 'ca-all' },
      { id: 'codeartifact', url: 'https://exact.example/maven/', mirrorId: 'exact' },
      { id: 'emulator', url: 'http://127.0.0.1:4873/acme-111122223333/maven/java-internal/' },
      { id: 'central', url: `https://${HOST}/maven/mirror/`, mirrorId: 'ca-all' },
    ]);
  });

  it("mirrorOf * takes everything, localhost included; external:* leaves localhost alone", () => {
    const star = `<settings><mirrors><mirror><id>m</id><url>https://m.example/</url><mirrorOf>*</mirrorOf></mirror></mirrors></settings>`;
    assert.ok(mavenRepositoryUrls(pom.repositories, star).every((r) => r.url === 'https://m.example/'));
    const external = star.replace('<mirrorOf>*</mirrorOf>', '<mirrorOf>external:*</mirrorOf>');
    const emulator = mavenRepositoryUrls(pom.repositories, external).find((r) => r.id === 'emulator');
    assert.equal(emulator?.mirrorId, undefined);
  });

  it('ignores a broken settings.xml', () => {
    assert.deepEqual(mavenRepositoryUrls([], '<settings><mirrors><mirror>'), [MAVEN_CENTRAL]);
    assert.deepEqual(mavenRepositoryUrls([], 'not xml at all'), [MAVEN_CENTRAL]);
  });
});
