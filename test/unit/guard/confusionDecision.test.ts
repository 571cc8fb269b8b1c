// The dependency-confusion decision table: internal or not × public entry reachable × package-level BLOCK on
// the path × package group (unknown, ALLOW, BLOCK, ALLOW_SPECIFIC_REPOSITORIES, root).
import assert from 'node:assert/strict';
import { decide, exposedMessage, publicEntries, ROOT_GROUP, type ConfusionFacts, type GroupFacts, type RepositoryFacts } from '../../../src/guard/confusionDecision';

function graph(...repos: RepositoryFacts[]): Map<string, RepositoryFacts> {
  return new Map(repos.map((r) => [r.name, r]));
}
const UNKNOWN_GROUP: GroupFacts = { kind: 'unknown', why: 'package groups are not available' };
const group = (externalUpstream: string, pattern = '/npm/acme/*', allowedRepositories?: string[]): GroupFacts => ({
  kind: 'known',
  pattern,
  externalUpstream,
  ...(allowedRepositories ? { allowedRepositories } : {}),
});
// app → team → npm-store (public:npmjs); app also → private (no connection).
const chain = (overrides: Partial<Record<string, Partial<RepositoryFacts>>> = {}): Map<string, RepositoryFacts> =>
  graph(
    { name: 'app', upstreams: ['private', 'team'], ...overrides['app'] },
    { name: 'private', upstreams: [], ...overrides['private'] },
    { name: 'team', upstreams: ['npm-store'], ...overrides['team'] },
    { name: 'npm-store', upstreams: [], externalConnection: 'public:npmjs', ...overrides['npm-store'] },
  );
const facts = (repositories: Map<string, RepositoryFacts>, g: GroupFacts = UNKNOWN_GROUP, internal = true): ConfusionFacts => ({ target: 'app', internal, repositories, group: g });

describe('dependency-confusion decision', () => {
  it('a package nobody published here is never flagged, whatever the graph and the group', () => {
    assert.deepEqual(decide(facts(chain(), group('ALLOW'), false)), { kind: 'notInternal' });
  });

  it('internal + a public connection two upstreams away + nothing blocks: exposed, through the path in priority order', () => {
    const v = decide(facts(chain()));
    assert.equal(v.kind, 'exposed');
    if (v.kind !== 'exposed') return;
    assert.deepEqual(v.entries, [{ repository: 'npm-store', connection: 'public:npmjs', path: ['app', 'team', 'npm-store'] }]);
    assert.equal(v.groupChecked, false);
    assert.deepEqual(v.fixes, ['package'], 'no group fix when the group is unknown');
    assert.match(exposedMessage('@acme/ui-kit', v), /^@acme\/ui-kit is internal but its upstream is allowed: a public package of the same name could be installed \(through public:npmjs on npm-store\); its package group could not be checked$/);
  });

  for (const where of ['app', 'team', 'npm-store']) {
    it(`upstream BLOCK for the package in ${where} (on the only path) protects it`, () => {
      const v = decide(facts(chain({ [where]: { packageUpstream: 'BLOCK' } })));
      assert.deepEqual(v, { kind: 'protected', by: 'packageOrigin', detail: `upstream is blocked for this package in ${where}` });
    });
  }

  it('upstream ALLOW recorded on every repository is no protection', () => {
    const v = decide(facts(chain({ app: { packageUpstream: 'ALLOW' }, team: { packageUpstream: 'ALLOW' }, 'npm-store': { packageUpstream: 'ALLOW' } })));
    assert.equal(v.kind, 'exposed');
  });

  it('a BLOCK on one path does not close a second path to a public connection', () => {
    const repos = graph(
      { name: 'app', upstreams: ['team', 'mirror'] },
      { name: 'team', upstreams: ['npm-store'], packageUpstream: 'BLOCK' },
      { name: 'mirror', upstreams: [], externalConnection: 'public:npmjs' },
      { name: 'npm-store', upstreams: [], externalConnection: 'public:npmjs' },
    );
    const v = decide(facts(repos));
    assert.equal(v.kind, 'exposed');
    if (v.kind === 'exposed') assert.deepEqual(v.entries.map((e) => e.repository), ['mirror']);
  });

  it('no public connection anywhere upstream: protected (CodeArtifact-only)', () => {
    const v = decide(facts(chain({ 'npm-store': { externalConnection: undefined } })));
    assert.equal(v.kind, 'protected');
    if (v.kind === 'protected') assert.equal(v.by, 'noExternalConnection');
  });

  it('a connection on the target itself counts; upstream cycles end', () => {
    const repos = graph({ name: 'app', upstreams: ['loop'], externalConnection: 'public:npmjs' }, { name: 'loop', upstreams: ['app'] });
    const v = decide(facts(repos));
    assert.equal(v.kind, 'exposed');
    if (v.kind === 'exposed') assert.deepEqual(v.entries, [{ repository: 'app', connection: 'public:npmjs', path: ['app'] }]);
  });

  it('a repository that could not be read and no entry found: unknown, never "protected"', () => {
    const repos = graph({ name: 'app', upstreams: ['team'] });
    assert.deepEqual(decide(facts(repos)), { kind: 'unknown', detail: 'could not read team' });
  });

  it('package group: BLOCK protects; ALLOW exposes with both fixes; the root group is never offered as a fix', () => {
    const blocked = decide(facts(chain(), group('BLOCK')));
    assert.equal(blocked.kind, 'protected');
    if (blocked.kind === 'protected') assert.equal(blocked.by, 'packageGroup');
    const allowed = decide(facts(chain(), group('ALLOW')));
    assert.equal(allowed.kind, 'exposed');
    if (allowed.kind === 'exposed') {
      assert.deepEqual(allowed.fixes, ['package', 'group']);
      assert.equal(allowed.group, '/npm/acme/*');
      assert.equal(allowed.groupChecked, true);
      assert.doesNotMatch(exposedMessage('@acme/ui-kit', allowed), /could not be checked/);
    }
    const root = decide(facts(chain(), group('ALLOW', ROOT_GROUP)));
    assert.equal(root.kind, 'exposed');
    if (root.kind === 'exposed') assert.deepEqual(root.fixes, ['package']);
  });

  it('package group ALLOW_SPECIFIC_REPOSITORIES: only listed repositories with a connection let a public version in', () => {
    const elsewhere = decide(facts(chain(), group('ALLOW_SPECIFIC_REPOSITORIES', '/npm/acme/*', ['other-store'])));
    assert.equal(elsewhere.kind, 'protected');
    const listed = decide(facts(chain(), group('ALLOW_SPECIFIC_REPOSITORIES', '/npm/acme/*', ['npm-store'])));
    assert.equal(listed.kind, 'exposed');
    // Listing the downstream repository does not help: ingestion happens where the connection is.
    const downstream = decide(facts(chain(), group('ALLOW_SPECIFIC_REPOSITORIES', '/npm/acme/*', ['app'])));
    assert.equal(downstream.kind, 'protected');
  });

  it('publicEntries reports where it stopped', () => {
    const r = publicEntries({ target: 'app', repositories: chain({ team: { packageUpstream: 'BLOCK' } }) });
    assert.deepEqual(r, { entries: [], blockedAt: ['team'], missing: [] });
  });
});
