import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../../test/emulator/model';
import { SeedError, loadSeed, validateSeed, type Seed } from '../../../test/emulator/seed';
import { DEMO_ACCOUNTS, demoSeedJson } from '../../../test/fixtures/makeDemoSeed';

const base = (): Record<string, unknown> => ({
  domains: [{ name: 'acme', owner: '111122223333', region: 'us-west-2', repositories: [{ name: 'npm-public', externalConnection: 'public:npmjs' }, { name: 'shared', upstreams: ['npm-public'] }] }],
  packages: [{ domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', name: 'ui-kit', versions: [{ version: '1.0.0' }] }],
});

function rejects(seed: unknown, message: RegExp): void {
  assert.throws(() => validateSeed(seed), (err: unknown) => {
    assert.ok(err instanceof SeedError, String(err));
    assert.match(err.message, message);
    return true;
  });
}

describe('emulator seed validation', () => {
  it('accepts the issue’s example shape', () => {
    const seed = validateSeed(base());
    assert.equal(seed.domains[0]?.repositories?.[1]?.upstreams?.[0], 'npm-public');
  });

  it('names the path of an unknown field, however deep', () => {
    const s = base();
    (s.packages as { versions: Record<string, unknown>[] }[])[0]!.versions[0]!.staus = 'Published';
    rejects(s, /^packages\[0\]\.versions\[0\]\.staus: unknown field$/);
    rejects({ ...base(), extra: 1 }, /^extra: unknown field$/);
    const d = base();
    (d.domains as Record<string, unknown>[])[0]!.repositories = [{ name: 'ok-repo', upstream: ['x'] }];
    rejects(d, /^domains\[0\]\.repositories\[0\]\.upstream: unknown field$/);
  });

  it('checks names, formats, namespaces and references', () => {
    const withDomain = (patch: Record<string, unknown>): unknown => ({ ...base(), domains: [{ ...(base().domains as object[])[0], ...patch }] });
    rejects(withDomain({ name: 'Acme' }), /^domains\[0\]\.name: "Acme" is not a valid domain name/);
    rejects(withDomain({ owner: '123' }), /^domains\[0\]\.owner: .*12-digit/);
    rejects(withDomain({ repositories: [{ name: 'a', upstreams: [] }] }), /^domains\[0\]\.repositories\[0\]\.name/);
    rejects(withDomain({ repositories: [{ name: 'shared', upstreams: ['nope'] }] }), /^domains\[0\]\.repositories\[0\]\.upstreams\[0\]: no repository "nope"/);
    rejects(withDomain({ repositories: [{ name: 'pub', externalConnection: 'public:npm' }] }), /externalConnection: unknown external connection "public:npm"/);
    const pkg = (patch: Record<string, unknown>): unknown => ({ ...base(), packages: [{ ...(base().packages as object[])[0], ...patch }] });
    rejects(pkg({ namespace: '@acme' }), /^packages\[0\]\.namespace: an npm scope is given without "@"/);
    rejects(pkg({ format: 'maven', namespace: undefined }), /^packages\[0\]\.namespace: required for maven/);
    rejects(pkg({ format: 'pypi', namespace: 'x' }), /^packages\[0\]\.namespace: PyPI packages have no namespace/);
    rejects(pkg({ format: 'rpm' }), /^packages\[0\]\.format: must be one of/);
    rejects(pkg({ repository: 'nope' }), /^packages\[0\]\.repository: no repository "nope"/);
    rejects(pkg({ domain: 'other' }), /^packages\[0\]\.domain: no domain "other"/);
    rejects(pkg({ versions: [{ version: '1.0.0' }, { version: '1.0.0' }] }), /^packages\[0\]\.versions\[1\]\.version: duplicate version/);
    rejects(pkg({ versions: [{ version: '1.0.0', status: 'Gone' }] }), /^packages\[0\]\.versions\[0\]\.status: must be one of Published/);
    rejects(pkg({ versions: [{ version: '1.0.0', publishedTime: 'yesterday' }] }), /publishedTime: "yesterday" is not an ISO 8601 time/);
    rejects(pkg({ versions: [{ version: '1', license: 'MIT', licenses: ['MIT'] }] }), /licenses: give license or licenses, not both/);
    rejects({ ...base(), externalConnections: { 'public:pypi': [{ format: 'npm', name: 'x', versions: [] }] } }, /^externalConnections\.public:pypi\[0\]\.format: public:pypi serves pypi/);
    rejects({ ...base(), mavenDirectories: { 'public:npmjs': ['/tmp'] } }, /^mavenDirectories\.public:npmjs: not a Maven external connection/);
    rejects({ ...base(), accounts: { AKID: 'abc' } }, /^accounts\.AKID: must be a 12-digit account id/);
  });

  it('PyPI yanks, Requires-Python and HTML-only repositories: checked types, PyPI only', () => {
    const pypi = (version: Record<string, unknown>): unknown => ({ ...base(), packages: [{ domain: 'acme', repository: 'shared', format: 'pypi', name: 'p', versions: [{ version: '1.0', ...version }] }] });
    validateSeed(pypi({ yanked: true, requiresPython: '>=3.9' }));
    validateSeed(pypi({ yanked: 'broken build' }));
    rejects(pypi({ yanked: '' }), /^packages\[0\]\.versions\[0\]\.yanked: must be true or a reason \(a non-empty string\)$/);
    rejects(pypi({ yanked: false }), /yanked: must be true or a reason/);
    rejects(pypi({ requiresPython: 3 }), /^packages\[0\]\.versions\[0\]\.requiresPython: must be a string$/);
    const npm = base();
    (npm.packages as { versions: Record<string, unknown>[] }[])[0]!.versions[0]!.yanked = true;
    rejects(npm, /^packages\[0\]\.versions\[0\]\.yanked: only PyPI versions have it$/);
    rejects({ ...base(), externalConnections: { 'public:npmjs': [{ name: 'x', versions: [{ version: '1.0.0', requiresPython: '>=3' }] }] } }, /^externalConnections\.public:npmjs\[0\]\.versions\[0\]: yanked and requiresPython are for PyPI versions only$/);
    const html = (flag: unknown): unknown => ({ ...base(), domains: [{ name: 'acme', owner: '111122223333', repositories: [{ name: 'py', pypiHtmlOnly: flag }] }], packages: [] });
    assert.equal(validateSeed(html(true)).domains[0]?.repositories?.[0]?.pypiHtmlOnly, true);
    rejects(html('yes'), /^domains\[0\]\.repositories\[0\]\.pypiHtmlOnly: must be true or false$/);
    const store = new Store();
    loadSeed(store, validateSeed({ ...(html(true) as Seed), packages: [{ domain: 'acme', repository: 'py', format: 'pypi', name: 'p', versions: [{ version: '1.0', yanked: true }, { version: '1.1', yanked: 'why', requiresPython: '>=3.9' }] }] }));
    const repo = store.getDomain('acme', '111122223333')?.repositories.get('py');
    assert.equal(repo?.pypiHtmlOnly, true);
    const versions = repo?.packages.get('pypi\u0000\u0000p')?.versions;
    assert.equal(versions?.get('1.0')?.yanked, '', '`true` is a yank without a reason');
    assert.deepEqual([versions?.get('1.1')?.yanked, versions?.get('1.1')?.requiresPython], ['why', '>=3.9']);
  });

  it('needs an owner when two accounts have a domain of the same name', () => {
    const seed = { domains: [{ name: 'acme', owner: '111122223333', repositories: [{ name: 'r1' }] }, { name: 'acme', owner: '444455556666', repositories: [{ name: 'r1' }] }],
      packages: [{ domain: 'acme', repository: 'r1', format: 'npm', name: 'x', versions: [] }] };
    rejects(seed, /^packages\[0\]\.owner: required: several accounts own a domain named acme/);
    const ok = { ...seed, packages: [{ ...seed.packages[0], owner: '444455556666' }] };
    const store = new Store();
    loadSeed(store, validateSeed(ok));
    assert.equal(store.getDomain('acme', '444455556666')?.repositories.get('r1')?.packages.size, 1);
    assert.equal(store.getDomain('acme', '111122223333')?.repositories.get('r1')?.packages.size, 0);
  });
});

describe('emulator seed loading', () => {
  it('fills the store: accounts, normalized PyPI names, licences, origins, assets and Maven directories', () => {
    const seed: Seed = {
      accounts: { AKIAOTHER: '444455556666' },
      domains: [{ name: 'acme', owner: '111122223333', repositories: [{ name: 'shared' }] }],
      packages: [
        { domain: 'acme', repository: 'shared', format: 'pypi', name: 'Acme_Utils', versions: [{ version: '1.0', licenses: ['MIT', { name: 'X', url: 'https://x' }] }] },
        { domain: 'acme', repository: 'shared', format: 'npm', name: 'a', versions: [{ version: '1.0.0' }, { version: '2.0.0', origin: { externalConnectionName: 'public:npmjs' }, assets: { 'package.tgz': { base64: 'aGk=' } } }] },
      ],
      mavenDirectories: { 'public:maven-central': ['~/.m2/repository', '/usr/share/maven-repo'] },
    };
    const store = new Store(() => Date.parse('2025-01-01T00:00:00Z'));
    loadSeed(store, validateSeed(seed));
    assert.equal(store.defaultAccount, '111122223333');
    assert.equal(store.accountFor('AKIAOTHER'), '444455556666');
    assert.equal(store.accountFor('AKIAUNKNOWN'), '111122223333');
    const domain = store.getDomain('acme', '111122223333');
    assert.equal(domain?.region, 'us-east-1');
    const repo = domain?.repositories.get('shared');
    assert.ok(repo);
    const py = store.getPackage(repo, 'pypi', undefined, 'acme-utils');
    assert.equal(py?.name, 'acme-utils');
    assert.equal(py?.displayName, 'Acme_Utils');
    assert.deepEqual(py?.versions.get('1.0')?.licenses, [{ name: 'MIT' }, { name: 'X', url: 'https://x' }]);
    const a = store.getPackage(repo, 'npm', undefined, 'a');
    const v1 = a?.versions.get('1.0.0');
    const v2 = a?.versions.get('2.0.0');
    assert.ok(v1 && v2);
    assert.equal(v1.origin.domainEntryPoint.repositoryName, 'shared');
    assert.deepEqual(v2.origin, { originType: 'EXTERNAL', domainEntryPoint: { externalConnectionName: 'public:npmjs' } });
    assert.equal(v2.assets.get('package.tgz')?.toString(), 'hi');
    assert.ok(v1.publishedTime < v2.publishedTime, 'versions without times keep seed order');
    assert.equal(v2.publishedTime, Date.parse('2025-01-01T00:00:00Z') / 1000);
    assert.deepEqual(store.external.get('public:maven-central')?.mavenDirs, [join(homedir(), '.m2/repository'), '/usr/share/maven-repo']);
    const again = new Store();
    loadSeed(again, validateSeed(seed));
    assert.equal(again.getDomain('acme', '111122223333')?.repositories.get('shared')?.packages.get('npm\u0000\u0000a')?.versions.get('1.0.0')?.revision, v1.revision, 'revisions are deterministic');
  });

  it('loads a 10,000-package repository', () => {
    const seed: Seed = {
      domains: [{ name: 'big', owner: '111122223333', repositories: [{ name: 'r1' }] }],
      packages: Array.from({ length: 10_000 }, (_, i) => ({ domain: 'big', repository: 'r1', format: 'npm' as const, name: `p${i}`, versions: [{ version: '1.0.0', summary: 's' }, { version: '1.0.1' }] })),
    };
    const store = new Store();
    loadSeed(store, validateSeed(seed));
    // Speed is printed by `npm run bench`, not asserted here.
    assert.equal(store.getDomain('big', '111122223333')?.repositories.get('r1')?.packages.size, 10_000);
    assert.equal(store.getDomain('big', '111122223333')?.repositories.get('r1')?.packages.get('npm\u0000\u0000p9999')?.versions.size, 2);
  });
});

describe('demo seed (test/fixtures/demo-seed.json)', () => {
  const file = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'demo-seed.json');
  const text = readFileSync(file, 'utf8');

  it('is exactly what makeDemoSeed.ts generates (regenerate it after changing the script)', () => {
    assert.ok(text === demoSeedJson(), 'demo-seed.json is stale: run `npx tsc -p . && node out/test/fixtures/makeDemoSeed.js`');
  });

  it('validates and has what the demo and the tests rely on', () => {
    const seed = validateSeed(JSON.parse(text));
    const store = new Store();
    loadSeed(store, seed);
    const acme = store.getDomain('acme', DEMO_ACCOUNTS.acme);
    assert.equal(acme?.region, 'us-west-2');
    assert.ok(store.getDomain('partner', DEMO_ACCOUNTS.partner));
    assert.ok(seed.domains.length >= 3);
    const shared = acme?.repositories.get('shared');
    assert.ok(acme && shared);
    assert.ok(store.getPackage(shared, 'npm', 'acme', 'ui-kit')?.versions.has('2.1.0'));
    assert.ok(store.getPackage(shared, 'pypi', undefined, 'acme-utils'));
    assert.ok(store.getPackage(shared, 'maven', 'com.acme', 'acme-core'));
    assert.ok((seed.packages?.length ?? 0) + Object.values(seed.externalConnections ?? {}).flat().length >= 200, 'a few hundred packages');

    // left-pad: only through public:npmjs, along team-web → shared → npm-public.
    for (const r of acme.repositories.values()) assert.equal(store.getPackage(r, 'npm', undefined, 'left-pad'), undefined, r.name);
    const leftPad = store.resolvePackage(acme, 'team-web', 'npm', undefined, 'left-pad')?.versions.get('1.3.0');
    assert.equal(leftPad?.externalConnectionName, 'public:npmjs');
    assert.deepEqual(leftPad?.path, ['team-web', 'shared', 'npm-public']);

    const statuses = new Set(seed.packages?.flatMap((p) => p.versions.map((v) => v.status ?? 'Published')));
    assert.deepEqual([...statuses].sort(), ['Archived', 'Deleted', 'Disposed', 'Published', 'Unfinished', 'Unlisted']);
    assert.ok(seed.packages?.some((p) => p.format === 'npm' && p.versions.some((v) => v.deprecated)));
    assert.ok(seed.packages?.some((p) => p.format === 'npm' && p.namespace === undefined));
    assert.ok(seed.packages?.every((p) => p.versions.every((v) => v.publishedTime !== undefined)), 'fixed times keep the demo stable');
    assert.deepEqual(seed.mavenDirectories?.['public:maven-central']?.[0], '~/.m2/repository');
    assert.equal(new Set(Object.values(seed.accounts ?? {})).size, 2);
  });
});
