// PyPI lookups against the emulator in both Simple API forms, with real pip as the referee: the same releases,
// yanks and latest whether the repository negotiates PEP 691 JSON or serves PEP 503 HTML only; what pip downloads
// is what we call latest; a 406, another api-version and broken pages become clear partial answers; one source
// failing leaves the other's facts; and pip's own parser reads the corpus of page shapes as ours does.
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SdkCodeArtifactApi } from '../../src/aws/codeArtifactApi';
import { SIMPLE_INDEX_ACCEPT, readSimpleHtml, readSimpleIndex } from '../../src/core/pypiSimple';
import { isPreRelease } from '../../src/core/versioning/versions';
import { analyze } from '../../src/versions/dependencyInsight';
import { readManifest } from '../../src/versions/manifestDependencies';
import type { RepositoryTarget } from '../../src/versions/repositoryResolver';
import { VersionLookupError, VersionSource, type PackageQuery, type PackageVersions } from '../../src/versions/versionSource';
import type { Reply } from '../emulator/controlPlane';
import type { Seed, SeedVersion } from '../emulator/seed';
import { startEmulator, type Emulator } from '../emulator/server';
import { tokenGetterFor } from '../unit/fakes';
import { releaseSummary, SIMPLE_CORPUS } from '../unit/core/pypiSimpleCorpus';
import { clientEnv, describe as explain, makeTempDir, pipIndexUrl, removeDir, repoUrl, requireTool, run, tokenFor } from './helpers';

const OWNER = '111122223333';
const KEY = 'AKIAPYPISIMPLE000001';
const REGION = 'us-west-2';
const REPOSITORIES = ['py-json', 'py-html'] as const;
type Repo = (typeof REPOSITORIES)[number];

const ACME_TOOLS: SeedVersion[] = [
  { version: '0.9.0', status: 'Archived', publishedTime: '2024-12-01T00:00:00Z' },
  { version: '1.0.0', publishedTime: '2025-01-01T00:00:00Z' },
  { version: '1.1.0', publishedTime: '2025-02-01T00:00:00Z', requiresPython: '>=3.8' },
  // Newer than the latest release, but yanked: never latest, never offered; an `==` pin still gets it.
  { version: '1.2.0', publishedTime: '2025-03-01T00:00:00Z', yanked: 'Broken wheel' },
  { version: '2.0.0rc1', publishedTime: '2025-04-01T00:00:00Z' },
];
const ALL_YANKED: SeedVersion[] = [
  { version: '1.0', publishedTime: '2025-01-01T00:00:00Z', yanked: true },
  { version: '1.1', publishedTime: '2025-02-01T00:00:00Z', yanked: 'oops' },
];

const seed: Seed = {
  accounts: { [KEY]: OWNER },
  domains: [
    {
      name: 'acme',
      owner: OWNER,
      region: REGION,
      repositories: [
        { name: 'pypi-store', externalConnection: 'public:pypi' },
        { name: 'py-json', upstreams: ['pypi-store'] },
        { name: 'py-html', upstreams: ['pypi-store'], pypiHtmlOnly: true },
      ],
    },
  ],
  packages: REPOSITORIES.flatMap((repository) => [
    { domain: 'acme', repository, format: 'pypi' as const, name: 'Acme.Tools', versions: ACME_TOOLS },
    { domain: 'acme', repository, format: 'pypi' as const, name: 'all-yanked', versions: ALL_YANKED },
  ]),
  externalConnections: {
    'public:pypi': [
      { name: 'six-lite', versions: [{ version: '1.2.0', publishedTime: '2020-01-01T00:00:00Z' }, { version: '1.3.0', publishedTime: '2021-01-01T00:00:00Z', yanked: 'mistake' }] },
      // Never downloaded here, so never retained: no repository holds it.
      { name: 'upstream-only', versions: [{ version: '1.0' }] },
    ],
  },
};

/** `version:status:installable[:yanked(reason)]`, newest first. */
const rows = (pkg: PackageVersions): string[] =>
  pkg.versions.map((v) => [v.version, v.status, String(v.installable), v.yanked !== undefined ? `yanked(${v.yanked})` : ''].filter(Boolean).join(':'));

describe('PyPI simple index: VersionSource in both negotiation modes, with pip as the referee', function () {
  this.timeout(300_000);
  let emu: Emulator;
  let api: SdkCodeArtifactApi;
  let home: string;
  const getters: { dispose(): void }[] = [];
  /** What each data-plane answer was: the Accept we sent and the Content-Type that came back. */
  const seen: { accept: string; contentType: string; url: string }[] = [];
  const spy: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const accept = new Headers(init?.headers).get('accept') ?? '';
    seen.push({ accept, contentType: response.headers.get('content-type') ?? '', url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url });
    return response;
  };
  const source = (): VersionSource => {
    const getToken = tokenGetterFor(() => api);
    getters.push(getToken);
    return new VersionSource({ api: () => api, getToken, fetch: spy, connection: () => ({ region: REGION, endpoint: emu.endpoint }) });
  };
  const target = (repository: Repo): RepositoryTarget => ({ domain: 'acme', owner: OWNER, repository, format: 'pypi', source: 'test' });
  const query = (repository: Repo, name: string): PackageQuery => ({ ecosystem: 'pypi', target: target(repository), name });

  before(async () => {
    requireTool('python3', 'python3-pip');
    emu = await startEmulator({ seed, port: 0 });
    api = new SdkCodeArtifactApi({ region: REGION, endpoint: emu.endpoint, credentials: { accessKeyId: KEY, secretAccessKey: 'x' } });
    home = await makeTempDir('pypi-simple');
  });
  after(async () => {
    for (const g of getters) g.dispose();
    api?.dispose();
    await emu?.stop();
    await removeDir(home);
  });
  beforeEach(() => {
    emu.setFaults(undefined);
    emu.setOverride(undefined);
    seen.length = 0;
  });

  let runs = 0;
  /** pip with no configuration but the index URL, in its own HOME. */
  const pip = async (args: string[], repository: Repo): Promise<Awaited<ReturnType<typeof run>> & { token: string }> => {
    const token = tokenFor(emu, 'acme', OWNER);
    const index = pipIndexUrl(repoUrl(emu, 'acme', OWNER, 'pypi', repository), token);
    const result = await run('python3', ['-m', 'pip', ...args, '--no-input', '--index-url', index], { env: clientEnv(home, { PIP_CONFIG_FILE: '/dev/null', PIP_NO_CACHE_DIR: '1' }), timeoutMs: 90_000 });
    return { ...result, token };
  };
  /** The version `pip download --no-deps` picks for a requirement, or undefined when it finds none. */
  const pipPick = async (repository: Repo, requirement: string): Promise<string | undefined> => {
    const dest = join(home, `dl-${runs++}`);
    const result = await pip(['download', '--no-deps', '--only-binary', ':all:', '--dest', dest, requirement], repository);
    if (result.code !== 0) {
      assert.match(result.stderr, /No matching distribution found/, explain(result, [result.token]));
      return undefined;
    }
    const [file] = await readdir(dest);
    return /^[^-]+-([^-]+)-/.exec(file ?? '')?.[1];
  };
  /** `pip index versions`: the versions pip would consider for an unpinned install. */
  const pipVersions = async (repository: Repo, name: string, pre: boolean): Promise<string[]> => {
    const result = await pip(['index', 'versions', ...(pre ? ['--pre'] : []), name], repository);
    if (result.code !== 0) return [];
    return (/^Available versions: (.*)$/m.exec(result.stdout)?.[1] ?? '').split(', ').filter(Boolean);
  };
  /** Several at once: pip starts slowly, and each run has its own destination. */
  const all = <T>(work: (() => Promise<T>)[]): Promise<T[]> => Promise.all(work.map((w) => w()));

  it('reads the same releases through PEP 691 JSON and through an HTML-only repository, parsed by the Content-Type', async () => {
    const lookups = source();
    for (const repository of REPOSITORIES) {
      seen.length = 0;
      const tools = await lookups.get(query(repository, 'acme-tools'));
      assert.deepEqual(rows(tools), ['2.0.0rc1:Published:true', '1.2.0:Published:false:yanked(Broken wheel)', '1.1.0:Published:true', '1.0.0:Published:true', '0.9.0:Archived:false'], repository);
      assert.equal(tools.latest, '1.1.0', `${repository}: the yanked 1.2.0 is newer, the pre-release is not a release`);
      assert.equal(tools.versions.find((v) => v.version === '1.1.0')?.requiresPython, '>=3.8');
      assert.equal(tools.partial, undefined);
      assert.equal(tools.inRepository, true);
      // Only JSON 1.1 carries upload times; HTML has none, and ListPackageVersions gives no dates.
      const dated = tools.versions.filter((v) => v.publishedTime).map((v) => v.version);
      assert.deepEqual(dated, repository === 'py-json' ? ['2.0.0rc1', '1.2.0', '1.1.0', '1.0.0'] : [], repository);
      if (repository === 'py-json') assert.equal(tools.versions.find((v) => v.version === '1.1.0')?.publishedTime?.toISOString(), '2025-02-01T00:00:00.000Z');

      const yanked = await lookups.get(query(repository, 'all-yanked'));
      assert.deepEqual(rows(yanked), ['1.1:Published:false:yanked(oops)', '1.0:Published:false:yanked()'], repository);
      assert.equal(yanked.latest, undefined, 'PEP 700 lists them; they are still not installable');
      const six = await lookups.get(query(repository, 'six-lite'));
      assert.deepEqual(rows(six), ['1.3.0:Published:false:yanked(mistake)', '1.2.0:Published:true'], repository);
      assert.deepEqual([six.latest, six.inRepository], ['1.2.0', false]);

      assert.deepEqual([...new Set(seen.map((s) => s.accept))], [SIMPLE_INDEX_ACCEPT]);
      const expected = repository === 'py-json' ? 'application/vnd.pypi.simple.v1+json' : 'application/vnd.pypi.simple.v1+html';
      assert.deepEqual([...new Set(seen.map((s) => s.contentType))], [expected], repository);
    }
  });

  it('pip agrees in both modes: pip download picks our latest, pip index versions lists what we call installable, pins and ranges resolve alike', async () => {
    const lookups = source();
    const specs = ['acme-tools==1.2.0', 'acme-tools>=1.2', 'acme-tools<1.1', 'acme-tools~=1.0', 'all-yanked==1.1', 'all-yanked>=1.0', 'six-lite>=1.3', 'six-lite==1.3.0'];
    const compared: string[] = [];
    for (const repository of REPOSITORIES) {
      for (const name of ['acme-tools', 'all-yanked', 'six-lite']) {
        const pkg = await lookups.get(query(repository, name));
        const installable = pkg.versions.filter((v) => v.installable).map((v) => v.version);
        const [picked, listed, withPre] = await Promise.all([pipPick(repository, name), pipVersions(repository, name, false), pipVersions(repository, name, true)]);
        assert.equal(pkg.latest, picked, `${repository} ${name}: our latest vs pip download`);
        assert.deepEqual(installable.filter((v) => !isPreRelease('pypi', v)), listed, `${repository} ${name}: pip index versions`);
        assert.deepEqual(installable, withPre, `${repository} ${name}: pip index versions --pre`);
        compared.push(`${repository} ${name} → ${picked ?? 'none'}`);
      }
      const picks = await all(specs.map((spec) => () => pipPick(repository, spec)));
      for (const [i, spec] of specs.entries()) {
        const [dep] = readManifest('requirements', `${spec}\n`).dependencies;
        assert.ok(dep, spec);
        const ours = analyze(dep, await lookups.get(query(repository, dep.name))).resolved;
        assert.equal(ours, picks[i], `${repository} ${spec}: what the range resolves to vs what pip downloads`);
        compared.push(`${repository} ${spec} → ${picks[i] ?? 'none'}`);
      }
    }
    console.log(`      pip and VersionSource agree on ${compared.length} picks: ${compared.filter((c) => c.startsWith('py-json')).map((c) => c.slice(8)).join('; ')} (same for py-html)`);
  });

  const ownTools = (repository: Repo): PackageQuery => query(repository, 'acme-tools');
  /** The control plane's view of acme-tools when the index cannot be used. */
  const OWN_ONLY = ['2.0.0rc1:Published:false', '1.2.0:Published:false', '1.1.0:Published:false', '1.0.0:Published:false', '0.9.0:Archived:false'];

  const answering = (reply: Reply): void => emu.setOverride(({ operation }) => (operation === 'pypi:simple' ? reply : undefined));

  it('a 406 from the index (a strict proxy): the repository’s own versions, marked partial, with a message that says so; an upstream-only package fails', async () => {
    answering({ status: 406, headers: { 'content-type': 'text/plain' }, body: 'Not Acceptable' });
    const pkg = await source().get(ownTools('py-json'));
    assert.deepEqual(rows(pkg), OWN_ONLY);
    assert.deepEqual(pkg.partial, {
      missing: 'index',
      kind: 'http',
      reason: 'acme-tools in acme/py-json: the repository answers neither the JSON nor the HTML form of the simple index (HTTP 406 Not Acceptable).',
    });
    assert.equal(pkg.latest, undefined);
    await assert.rejects(source().get(query('py-json', 'upstream-only')), (err: unknown) => err instanceof VersionLookupError && err.kind === 'http' && /HTTP 406 Not Acceptable/.test(err.message));
  });

  it('another api-version, broken anchors, a proxy page, an unknown Content-Type: a clear reason in a partial answer, never a crash', async () => {
    const cases: [string, Reply, RegExp][] = [
      ['JSON 2.0', { status: 200, headers: { 'content-type': 'application/vnd.pypi.simple.v1+json' }, body: JSON.stringify({ meta: { 'api-version': '2.0' }, name: 'acme-tools', files: [] }) }, /\(it is Simple API version 2\.0; only version 1 can be read\)/],
      ['a v2 Content-Type', { status: 200, headers: { 'content-type': 'application/vnd.pypi.simple.v2+json' }, body: '{}' }, /\(it is Simple API version 2; only version 1 can be read\)/],
      ['HTML 2.0', { status: 200, headers: { 'content-type': 'text/html' }, body: '<meta name="pypi:repository-version" content="2.0"><a href="acme-tools-1.0.0.tar.gz">x</a>' }, /\(it is Simple API version 2\.0; only version 1 can be read\)/],
      ['broken anchors', { status: 200, headers: { 'content-type': 'text/html' }, body: '<a>1.0</a><a href="">x</a><a href="http://[::1">y</a><a href="acme-tools.tar.gz">z</a><a href="other-1.0.tar.gz">o</a>' }, /\(none of its 5 links is a distribution of "acme-tools"\)/],
      ['a proxy page', { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<html><body><h1>Please sign in</h1></body></html>' }, /\(it has no links and does not declare itself a simple index page\)/],
      ['text/plain', { status: 200, headers: { 'content-type': 'text/plain' }, body: 'acme-tools-1.0.0.tar.gz' }, /\(its Content-Type is "text\/plain", neither the HTML nor the JSON form of the simple index\)/],
      ['JSON as HTML', { status: 200, headers: { 'content-type': 'application/vnd.pypi.simple.v1+json' }, body: '<!DOCTYPE html><a href="acme-tools-1.0.0.tar.gz">x</a>' }, /\(it is not JSON\)/],
    ];
    for (const [label, reply, reason] of cases) {
      answering(reply);
      const pkg = await source().get(ownTools('py-html'));
      assert.deepEqual(rows(pkg), OWN_ONLY, label);
      assert.equal(pkg.partial?.kind, 'badResponse', label);
      assert.match(pkg.partial?.reason ?? '', reason, label);
      assert.match(pkg.partial?.reason ?? '', /^acme-tools in acme\/py-html: the repository's answer could not be read \(.*\)\. Try again; if it persists, check your proxy\.$/, label);
    }
  });

  it('one source failing, in both modes: without the index the own versions and statuses; without ListPackageVersions the index’s releases and yanks', async () => {
    for (const repository of REPOSITORIES) {
      emu.setFaults('error/ops=pypi:simple');
      const noIndex = await source().get(ownTools(repository));
      assert.deepEqual(rows(noIndex), OWN_ONLY, repository);
      assert.deepEqual([noIndex.partial?.missing, noIndex.partial?.kind, noIndex.latest], ['index', 'http', undefined], repository);

      emu.setFaults('error/ops=ListPackageVersions');
      const noStatuses = await source().get(ownTools(repository));
      assert.deepEqual(rows(noStatuses), ['2.0.0rc1:Published:true', '1.2.0:Published:false:yanked(Broken wheel)', '1.1.0:Published:true', '1.0.0:Published:true'], `${repository}: the Archived 0.9.0 is what is missing`);
      assert.deepEqual([noStatuses.partial?.missing, noStatuses.partial?.kind, noStatuses.latest, noStatuses.inRepository], ['statuses', 'internal', '1.1.0', undefined], repository);
    }
  });

  it('pip’s own parser reads every page of the corpus as ours does: file names, versions, yanks, Requires-Python', async () => {
    const pages = SIMPLE_CORPUS.filter((s) => 'releases' in s);
    const script = [
      'import json, sys',
      'from pip._internal.index.collector import IndexContent, parse_links',
      'from pip._internal.index.package_finder import _extract_version_from_fragment',
      'from pip._internal.models.wheel import Wheel',
      'from pip._internal.exceptions import InvalidWheelFilename',
      'from pip._internal.utils.unpacking import SUPPORTED_EXTENSIONS',
      'from pip._vendor.packaging.utils import canonicalize_name',
      'from pip._vendor.packaging.version import Version, InvalidVersion',
      'out = []',
      'def links(page):',
      "    content = IndexContent(page['body'].encode('utf-8'), page['contentType'], 'utf-8', page['url'], cache_link_parsing=False)",
      '    try:',
      '        return list(parse_links(content))',
      '    except ValueError as e:',
      '        return str(e)',
      'for page in json.load(sys.stdin):',
      '    files = []',
      '    parsed = links(page)',
      '    if isinstance(parsed, str):',
      "        out.append({'error': parsed})",
      '        continue',
      '    for link in parsed:',
      '        name, ext = link.splitext()',
      '        version = None',
      "        if ext == '.whl':",
      '            try:',
      '                wheel = Wheel(link.filename)',
      "                version = wheel.version if canonicalize_name(wheel.name) == page['project'] else None",
      '            except InvalidWheelFilename:',
      '                pass',
      '        elif ext in SUPPORTED_EXTENSIONS:',
      "            version = _extract_version_from_fragment(name, page['project'])",
      '        try:',
      '            version = version if version is not None and Version(version) else None',
      '        except InvalidVersion:',
      '            version = None',
      "        files.append({'version': version, 'yanked': link.yanked_reason, 'requiresPython': link.requires_python or None})",
      '    out.append(files)',
      'print(json.dumps(out))',
    ].join('\n');
    const result = await run('python3', ['-c', script], { env: clientEnv(home), timeoutMs: 60_000, input: JSON.stringify(pages) });
    assert.equal(result.code, 0, explain(result));
    type PipFile = { version: string | null; yanked: string | null; requiresPython: string | null };
    const pipPages = JSON.parse(result.stdout) as (PipFile[] | { error: string })[];
    const crashes: string[] = [];
    for (const [i, page] of pages.entries()) {
      const ours = [...readSimpleIndex(page.body, page.contentType, page.project, page.url).releases].filter(([, r]) => r.files > 0).map(([v, r]) => releaseSummary(v, r));
      const pipPage = pipPages[i] ?? [];
      if (!Array.isArray(pipPage)) {
        // pip 23.2 gives up on the whole page for one unparsable href (urllib's ValueError); we skip that link.
        assert.match(page.name, /broken links/, `${page.name}: pip failed (${pipPage.error})`);
        assert.equal(pipPage.error, 'Invalid IPv6 URL');
        crashes.push(page.name);
        continue;
      }
      // PEP 592 over pip's files: a version is yanked when all its files are. pip ignores PEP 700's `versions`.
      const byVersion = new Map<string, PipFile[]>();
      for (const f of pipPage) if (f.version !== null) byVersion.set(f.version, [...(byVersion.get(f.version) ?? []), f]);
      const theirs = [...byVersion].map(([v, files]) => {
        const live = files.filter((f) => f.yanked === null);
        return releaseSummary(v, {
          files: files.length,
          ...(live.length === 0 ? { yanked: files.find((f) => f.yanked !== '')?.yanked ?? '' } : {}),
          ...(() => {
            const rp = (live.find((f) => f.requiresPython) ?? files.find((f) => f.requiresPython))?.requiresPython;
            return rp ? { requiresPython: rp } : {};
          })(),
        });
      });
      assert.deepEqual(ours, theirs, page.name);
    }
    assert.deepEqual(crashes, ['broken links and other projects’ files are skipped']);
    console.log(`      ${pages.length - crashes.length} pages read alike by pip and by us; pip could not read ${crashes.length} (an href urllib refuses), which we read`);
    // The one difference, by design: a bare `data-yanked` is an empty attribute value in HTML, so PEP 592 says yanked.
    // (pip 23.2's html.parser hands it over as None and pip then treats the file as not yanked.)
    assert.equal(readSimpleHtml('<a href="acme-tools-1.0.tar.gz" data-yanked>x</a>', 'acme-tools').releases.get('1.0')?.yanked, '');
  });
});
