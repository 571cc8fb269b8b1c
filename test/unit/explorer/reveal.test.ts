// The hover's "Reveal in CodeArtifact Explorer" link end to end below the editor: the arguments the hover puts
// in the link (built from a parsed manifest) are decoded, checked and located in the explorer's model, which
// loads from the emulator over HTTP.
import { LINK_ID, LinkArgStore } from '../../../src/versions/linkArgs';
import assert from 'node:assert/strict';
import { SdkCodeArtifactApi } from '../../../src/aws/codeArtifactApi';
import { ExplorerModel, type ExplorerNode } from '../../../src/explorer/model';
import { findDomainNode, locatePackageNode, parsePackageLocation, type PackageLocation } from '../../../src/explorer/packageLocation';
import { commandLink, packageLocationOf, REVEAL_COMMAND } from '../../../src/versions/hoverContent';
import { readManifest, type ManifestKind } from '../../../src/versions/manifestDependencies';
import type { RepositoryTarget } from '../../../src/versions/repositoryResolver';
import { startEmulator, type Emulator } from '../../emulator/server';
import { OWNER, OWNER_KEY, PARTNER, REGION, testSeed } from '../aws/testSeed';

/** What the command receives when the hover's link is clicked: VS Code decodes the JSON array of arguments. */
function argumentsOfLink(link: string): unknown[] {
  const m = /\(command:([\w.]+)\?([^)]*)\)$/.exec(link);
  assert.ok(m, link);
  assert.equal(m[1], REVEAL_COMMAND);
  return JSON.parse(decodeURIComponent(m[2] ?? '')) as unknown[];
}

/** The hover's link carries an opaque id; the location behind it is what the reveal command gets. */
function revealArgsFor(kind: ManifestKind, text: string, target: RepositoryTarget): unknown {
  const [dep] = readManifest(kind, text).dependencies;
  assert.ok(dep, 'one dependency');
  const store = new LinkArgStore<PackageLocation>();
  const args = argumentsOfLink(commandLink('Reveal in CodeArtifact Explorer', REVEAL_COMMAND, store.put(packageLocationOf(dep, target))));
  assert.equal(args.length, 1);
  assert.match(String(args[0]), LINK_ID);
  return store.get(args);
}

const chainOf = (node: ExplorerNode): string[] => {
  const chain: string[] = [];
  for (let n: ExplorerNode | undefined = node; n; n = n.parent) chain.unshift(n.view().label);
  return chain;
};

describe('reveal a package from the hover', function () {
  let emu: Emulator;
  let api: SdkCodeArtifactApi;
  const npmTarget: RepositoryTarget = { domain: 'acme', owner: OWNER, repository: 'shared', format: 'npm', source: '.npmrc' };
  const makeModel = (domainsPerPage = 100) =>
    new ExplorerModel({
      api: () => api,
      extraDomains: () => [{ name: 'partner', owner: PARTNER }],
      pageSizes: { domains: domainsPerPage, repositories: 1, packages: 100, versions: 50 },
      onError: () => undefined,
    });

  before(async () => {
    emu = await startEmulator({ seed: testSeed(), port: 0 });
    api = new SdkCodeArtifactApi({ region: REGION, endpoint: emu.endpoint, credentials: { accessKeyId: OWNER_KEY, secretAccessKey: 's' } });
  });
  after(async () => {
    api.dispose();
    await emu.stop();
  });

  it('checks the link’s arguments: a package location or nothing', () => {
    const good = { domain: 'acme', owner: OWNER, repository: 'shared', format: 'npm', namespace: 'acme', name: 'icons' };
    assert.deepEqual(parsePackageLocation(good), good);
    assert.deepEqual(parsePackageLocation({ ...good, owner: '', namespace: '' }), { domain: 'acme', repository: 'shared', format: 'npm', name: 'icons' });
    assert.equal(parsePackageLocation(undefined), undefined);
    assert.equal(parsePackageLocation('acme/shared/icons'), undefined);
    assert.equal(parsePackageLocation({ ...good, format: 'rpm' }), undefined);
    assert.equal(parsePackageLocation({ ...good, name: ' ' }), undefined);
    assert.equal(parsePackageLocation({ ...good, owner: 42 }), undefined);
    const { repository: _dropped, ...noRepository } = good;
    assert.equal(parsePackageLocation(noRepository), undefined);
  });

  it('finds a scoped npm dependency of package.json, loading the levels above it', async () => {
    const arg = revealArgsFor('packageJson', '{"dependencies": {"@acme/icons": "^1.2.0"}}', npmTarget);
    assert.deepEqual(arg, { domain: 'acme', owner: OWNER, repository: 'shared', format: 'npm', namespace: 'acme', name: 'icons' });
    const at = parsePackageLocation(arg);
    assert.ok(at);
    const result = await locatePackageNode(makeModel(), at);
    assert.equal(result.kind, 'found');
    assert.ok(result.kind === 'found');
    assert.deepEqual(chainOf(result.node), ['CodeArtifact', 'acme', 'shared', 'npm', '@acme', '@acme/icons']);
  });

  it('finds a Maven dependency of pom.xml by group and artifact', async () => {
    const pom = '<project><dependencies><dependency><groupId>com.acme</groupId><artifactId>util</artifactId><version>2.0.0</version></dependency></dependencies></project>';
    const at = parsePackageLocation(revealArgsFor('pom', pom, { ...npmTarget, format: 'maven' }));
    assert.ok(at);
    const result = await locatePackageNode(makeModel(), at);
    assert.ok(result.kind === 'found', result.kind);
    assert.deepEqual(chainOf(result.node).slice(2), ['shared', 'Maven', 'com.acme', 'util']);
  });

  it('finds a PyPI requirement by its normalized name', async () => {
    const at = parsePackageLocation(revealArgsFor('requirements', 'Requests.Toolkit==0.3.1\n', { ...npmTarget, repository: 'python', format: 'pypi' }));
    assert.ok(at);
    const result = await locatePackageNode(makeModel(), at);
    assert.ok(result.kind === 'found', result.kind);
    assert.deepEqual(chainOf(result.node).slice(2, 4), ['python', 'PyPI']);
  });

  it('finds a domain of another account listed in the settings, and tells apart what is not there', async () => {
    const partner: PackageLocation = { domain: 'partner', owner: PARTNER, repository: 'partner-repo', format: 'npm', name: 'partner-lib' };
    const found = await locatePackageNode(makeModel(), partner);
    assert.ok(found.kind === 'found', found.kind);
    assert.equal(found.node.view().label, 'partner-lib');
    assert.equal((await locatePackageNode(makeModel(), { ...partner, owner: OWNER })).kind, 'noDomain', 'same name, other owner');
    assert.equal((await locatePackageNode(makeModel(), { ...partner, domain: 'elsewhere' })).kind, 'noDomain');
    assert.equal((await locatePackageNode(makeModel(), { ...partner, name: 'no-such-lib' })).kind, 'noPackage');
    assert.equal((await locatePackageNode(makeModel(), { ...partner, repository: 'no-such-repo' })).kind, 'noPackage');
  });

  it('pages through the domains to find one beyond the first page; no owner matches the caller’s own', async () => {
    const model = makeModel(1);
    const domain = await findDomainNode(model, 'partner', undefined);
    assert.ok(domain);
    assert.equal(domain.info.owner, PARTNER);
  });
});
