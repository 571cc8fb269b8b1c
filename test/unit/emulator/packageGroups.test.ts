import assert from 'node:assert/strict';
import { Store } from '../../../test/emulator/model';
import { associatedGroup, childrenOf, effectiveMode, groupAllows, packageGroupArn, parentOf, parsePattern } from '../../../test/emulator/packageGroups';
import { loadSeed, validateSeed, SeedError, type Seed } from '../../../test/emulator/seed';

const OWNER = '111122223333';

function seed(groups: NonNullable<Seed['domains'][number]['packageGroups']>): Seed {
  return {
    domains: [
      {
        name: 'acme',
        owner: OWNER,
        region: 'us-west-2',
        repositories: [{ name: 'npm-public', externalConnection: 'public:npmjs' }, { name: 'shared', upstreams: ['npm-public'] }, { name: 'team', upstreams: ['shared'] }],
        packageGroups: groups,
      },
    ],
    packages: [{ domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', name: 'ui-kit', versions: [{ version: '1.0.0' }] }],
    externalConnections: { 'public:npmjs': [{ name: 'left-pad', versions: [{ version: '1.3.0' }] }] },
  };
}

function store(groups: Parameters<typeof seed>[0] = []): Store {
  const s = new Store(() => Date.parse('2025-01-01T00:00:00Z'));
  loadSeed(s, validateSeed(seed(groups)));
  return s;
}

function domainOf(s: Store): NonNullable<ReturnType<Store['getDomain']>> {
  const d = s.getDomain('acme', OWNER);
  assert.ok(d);
  return d;
}

describe('emulator package groups', () => {
  it('parses the six pattern forms of the user guide and refuses the others with a reason', () => {
    assert.deepEqual(parsePattern('/*'), { level: 'all' });
    assert.deepEqual(parsePattern('/npm/*'), { level: 'format', format: 'npm' });
    assert.deepEqual(parsePattern('/maven/com.anycompany~'), { level: 'namespacePrefix', format: 'maven', namespace: 'com.anycompany' });
    assert.deepEqual(parsePattern('/npm/space/*'), { level: 'namespace', format: 'npm', namespace: 'space' });
    assert.deepEqual(parsePattern('/npm/space/anycompany-ui~'), { level: 'namePrefix', format: 'npm', namespace: 'space', name: 'anycompany-ui' });
    assert.deepEqual(parsePattern('/maven/org.apache.logging.log4j/log4j-core$'), { level: 'exact', format: 'maven', namespace: 'org.apache.logging.log4j', name: 'log4j-core' });
    assert.deepEqual(parsePattern('/pypi//requests$'), { level: 'exact', format: 'pypi', namespace: '', name: 'requests' });
    for (const [bad, why] of [
      ['npm/*', /start with '\/'/],
      ['/npm/acme', /end with/],
      ['/rubygems/*', /not a package format/],
      ['/npm/*/x$', /only at the end/],
      ['/pypi/ns/requests$', /no namespace/],
      ['/maven//core$', /have a namespace/],
      ['/npm/@acme/*', /without '@'/],
      ['/pypi//Requests_Toolkit$', /normalized \('requests-toolkit'\)/],
      ['/npm/a/b/c$', /use \/\*/],
    ] as const) {
      const result = parsePattern(bad);
      assert.equal(typeof result, 'string', bad);
      assert.match(typeof result === 'string' ? result : JSON.stringify(result), why, bad);
    }
  });

  it('builds the hierarchy by containment: the most specific containing group is the parent', () => {
    const s = store([{ pattern: '/npm/*' }, { pattern: '/npm/ac~' }, { pattern: '/npm/acme/*' }, { pattern: '/npm/acme/ui~' }, { pattern: '/npm/acme/ui-kit$' }, { pattern: '/pypi/*' }]);
    const d = domainOf(s);
    const parent = (p: string): string | undefined => {
      const g = d.packageGroups.get(p);
      assert.ok(g, p);
      return parentOf(d, g)?.pattern;
    };
    assert.equal(parent('/*'), undefined);
    assert.equal(parent('/npm/*'), '/*');
    assert.equal(parent('/npm/ac~'), '/npm/*');
    assert.equal(parent('/npm/acme/*'), '/npm/ac~');
    assert.equal(parent('/npm/acme/ui~'), '/npm/acme/*');
    assert.equal(parent('/npm/acme/ui-kit$'), '/npm/acme/ui~');
    assert.deepEqual(childrenOf(d, d.packageGroups.get('/*') ?? assert.fail()).map((g) => g.pattern).sort(), ['/npm/*', '/pypi/*']);
  });

  it('associates a package with the most specific matching group, weakly when only the case differs', () => {
    const d = domainOf(store([{ pattern: '/npm/*' }, { pattern: '/npm/acme/*' }, { pattern: '/npm/acme/ui~' }, { pattern: '/npm//left-pad$' }]));
    const governing = (ns: string | undefined, name: string): string => associatedGroup(d, 'npm', ns, name).group.pattern;
    assert.equal(governing('acme', 'ui-kit'), '/npm/acme/ui~');
    assert.equal(governing('acme', 'core'), '/npm/acme/*');
    assert.equal(governing('other', 'x'), '/npm/*');
    assert.equal(governing(undefined, 'left-pad'), '/npm//left-pad$');
    assert.equal(associatedGroup(d, 'pypi', undefined, 'requests').group.pattern, '/*');
    assert.deepEqual([associatedGroup(d, 'npm', 'ACME', 'UI-Kit').group.pattern, associatedGroup(d, 'npm', 'ACME', 'UI-Kit').associationType], ['/npm/acme/ui~', 'WEAK']);
    assert.equal(associatedGroup(d, 'npm', 'acme', 'ui-kit').associationType, 'STRONG');
  });

  it('INHERIT takes the first non-INHERIT mode up the hierarchy, with the allowed list of that group', () => {
    const d = domainOf(store([
      { pattern: '/npm/*', originConfiguration: { EXTERNAL_UPSTREAM: 'ALLOW_SPECIFIC_REPOSITORIES' }, allowedRepositories: { EXTERNAL_UPSTREAM: ['npm-public'] } },
      { pattern: '/npm/acme/*' },
    ]));
    const scoped = d.packageGroups.get('/npm/acme/*') ?? assert.fail();
    const eff = effectiveMode(d, scoped, 'EXTERNAL_UPSTREAM');
    assert.deepEqual([eff.mode, eff.from.pattern], ['ALLOW_SPECIFIC_REPOSITORIES', '/npm/*']);
    assert.equal(effectiveMode(d, scoped, 'PUBLISH').from.pattern, '/*');
    assert.equal(groupAllows(d, 'EXTERNAL_UPSTREAM', 'npm-public', 'npm', 'acme', 'x'), true);
    assert.equal(groupAllows(d, 'EXTERNAL_UPSTREAM', 'shared', 'npm', 'acme', 'x'), false);
  });

  it('resolvePackage does not reach the external connection when the group blocks EXTERNAL_UPSTREAM, nor the upstream when it blocks INTERNAL_UPSTREAM', () => {
    const open = store();
    assert.ok(open.resolvePackage(domainOf(open), 'team', 'npm', undefined, 'left-pad')?.versions.has('1.3.0'));

    const external = store([{ pattern: '/npm//left-pad$', originConfiguration: { EXTERNAL_UPSTREAM: 'BLOCK' } }]);
    assert.equal(external.resolvePackage(domainOf(external), 'team', 'npm', undefined, 'left-pad'), undefined);
    // Other packages are not governed by that group.
    assert.ok(external.resolvePackage(domainOf(external), 'team', 'npm', 'acme', 'ui-kit'));

    const specific = store([{ pattern: '/npm/*', originConfiguration: { EXTERNAL_UPSTREAM: 'ALLOW_SPECIFIC_REPOSITORIES' }, allowedRepositories: { EXTERNAL_UPSTREAM: ['npm-public'] } }]);
    assert.ok(specific.resolvePackage(domainOf(specific), 'team', 'npm', undefined, 'left-pad'), 'npm-public holds the connection and is allowed');
    const wrongRepo = store([{ pattern: '/npm/*', originConfiguration: { EXTERNAL_UPSTREAM: 'ALLOW_SPECIFIC_REPOSITORIES' }, allowedRepositories: { EXTERNAL_UPSTREAM: ['shared'] } }]);
    assert.equal(wrongRepo.resolvePackage(domainOf(wrongRepo), 'team', 'npm', undefined, 'left-pad'), undefined);

    const internal = store([{ pattern: '/npm/acme/*', originConfiguration: { INTERNAL_UPSTREAM: 'ALLOW_SPECIFIC_REPOSITORIES' }, allowedRepositories: { INTERNAL_UPSTREAM: ['shared'] } }]);
    assert.equal(internal.resolvePackage(domainOf(internal), 'team', 'npm', 'acme', 'ui-kit'), undefined, 'team may not take ui-kit from its upstream');
    assert.ok(internal.resolvePackage(domainOf(internal), 'shared', 'npm', 'acme', 'ui-kit'), 'shared holds it itself');
  });

  it('the seed lets the root group change its modes, refuses INHERIT on it, bad patterns, duplicates and unknown repositories', () => {
    const d = domainOf(store([{ pattern: '/*', originConfiguration: { PUBLISH: 'BLOCK' } }]));
    assert.equal(d.packageGroups.get('/*')?.modes.PUBLISH, 'BLOCK');
    assert.equal(d.packageGroups.get('/*')?.modes.EXTERNAL_UPSTREAM, 'ALLOW');
    for (const [groups, message] of [
      [[{ pattern: '/*', originConfiguration: { PUBLISH: 'INHERIT' } }], /root group has no parent/],
      [[{ pattern: '/npm' }], /domains\[0\]\.packageGroups\[0\]\.pattern: Invalid package group pattern/],
      [[{ pattern: '/npm/*' }, { pattern: '/npm/*' }], /duplicate package group/],
      [[{ pattern: '/npm/*', allowedRepositories: { PUBLISH: ['nope'] } }], /no repository "nope"/],
      [[{ pattern: '/npm/*', originConfiguration: { UPSTREAM: 'BLOCK' } }], /unknown field/],
    ] as const) {
      assert.throws(() => validateSeed(seed(groups as unknown as Parameters<typeof seed>[0])), (err: unknown) => err instanceof SeedError && message.test(err.message));
    }
  });

  it('writes package-group ARNs with the domain and the URL-encoded pattern', () => {
    const d = { region: 'us-west-2', owner: OWNER, name: 'acme' };
    assert.equal(packageGroupArn(d, '/npm/*'), `arn:aws:codeartifact:us-west-2:${OWNER}:package-group/acme/npm/*`);
    assert.equal(packageGroupArn(d, '/pypi//requests$'), `arn:aws:codeartifact:us-west-2:${OWNER}:package-group/acme/pypi//requests%24`);
  });
});
