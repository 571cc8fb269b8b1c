// The checker over fakes: package groups not offered (UNKNOWN_OPERATION) degrade to "not checked" and are asked
// once per domain; INHERIT without an effectiveMode is resolved through the parents; ALLOW_SPECIFIC_REPOSITORIES
// reads the governing group's list.
import assert from 'node:assert/strict';
import type { CodeArtifactAdminApi, PackageGroupSummary } from '../../../src/aws/adminApi';
import type { CodeArtifactApi, RepositoryDetails } from '../../../src/aws/codeArtifactApi';
import { CodeArtifactError } from '../../../src/aws/errors';
import type { PackageGroupInfo, PackageGroupsApi } from '../../../src/aws/packageGroupsApi';
import { ConfusionChecker, type GuardQuery } from '../../../src/guard/confusionCheck';

const repos: Record<string, RepositoryDetails> = {
  app: { name: 'app', domain: 'acme', domainOwner: '111122223333', upstreams: ['store'], externalConnections: [] },
  store: { name: 'store', domain: 'acme', domainOwner: '111122223333', upstreams: [], externalConnections: [{ name: 'public:npmjs' }] },
};
const api = {
  region: 'us-west-2',
  listPackageVersions: () => Promise.resolve({ items: [{ version: '1.0.0', status: 'Published', origin: { type: 'INTERNAL' } }] }),
  describeRepository: (r: { repository: string }) => Promise.resolve(repos[r.repository]!),
} as unknown as CodeArtifactApi; // only the two calls the checker makes

type Fakes = CodeArtifactAdminApi & Pick<PackageGroupsApi, 'getAssociatedPackageGroup'> & { calls: string[] };
/** The admin reads and the governing-group read (packageGroupsApi) in one fake. */
function admin(groups: (pkg: string) => Promise<PackageGroupInfo>, extra: Partial<CodeArtifactAdminApi> = {}): Fakes {
  const calls: string[] = [];
  return {
    calls,
    describePackage: (p: { package: string }) => Promise.resolve({ format: 'npm', name: p.package, restrictions: { publish: 'ALLOW', upstream: 'ALLOW' } }),
    getAssociatedPackageGroup: (p: { package: string }) => {
      calls.push(`group:${p.package}`);
      return groups(p.package).then((group) => ({ group, associationType: 'STRONG' }));
    },
    ...extra,
  } as unknown as Fakes; // the reads the checker makes
}
/** A group as GetAssociatedPackageGroup describes it, with only its EXTERNAL_UPSTREAM restriction. */
const group = (pattern: string, externalUpstream: { mode: string; effectiveMode?: string; inheritedFrom?: string }, parent?: string): PackageGroupInfo => ({
  pattern,
  domain: 'acme',
  ...(parent ? { parent } : {}),
  restrictions: { EXTERNAL_UPSTREAM: externalUpstream },
});
const q = (name: string): GuardQuery => ({ target: { domain: 'acme', owner: '111122223333', repository: 'app', format: 'npm' }, namespace: 'acme', name });

describe('ConfusionChecker over fakes', () => {
  it('package groups not offered: exposed with "group not checked", and asked once per domain', async () => {
    const unsupported = new CodeArtifactError({ kind: 'validation', reason: 'UNKNOWN_OPERATION' }, 'not offered');
    const a = admin(() => Promise.reject(unsupported));
    const c = new ConfusionChecker({ api: () => api, admin: () => a, groups: () => a });
    const one = await c.check(q('one'));
    const two = await c.check(q('two'));
    assert.equal(one.verdict.kind, 'exposed');
    if (one.verdict.kind === 'exposed') assert.equal(one.verdict.groupChecked, false);
    assert.equal(two.verdict.kind, 'exposed');
    assert.deepEqual(a.calls, ['group:one']);
  });

  it('INHERIT without an effectiveMode follows the parents to the first real mode', async () => {
    const describe = (g: { pattern: string }): Promise<PackageGroupSummary> =>
      Promise.resolve(g.pattern === '/npm/*' ? { pattern: '/npm/*', parent: '/*', externalUpstream: { mode: 'BLOCK' } } : { pattern: '/*', externalUpstream: { mode: 'ALLOW' } });
    const a = admin(() => Promise.resolve(group('/npm/acme/*', { mode: 'INHERIT' }, '/npm/*')), { describePackageGroup: describe });
    const c = new ConfusionChecker({ api: () => api, admin: () => a, groups: () => a });
    const r = await c.check(q('lib'));
    assert.equal(r.verdict.kind, 'protected');
    if (r.verdict.kind === 'protected') assert.equal(r.verdict.by, 'packageGroup');
  });

  it('ALLOW_SPECIFIC_REPOSITORIES inherited: the list of the group it comes from decides', async () => {
    const lists: string[] = [];
    const a = admin(() => Promise.resolve(group('/npm/acme/*', { mode: 'INHERIT', effectiveMode: 'ALLOW_SPECIFIC_REPOSITORIES', inheritedFrom: '/npm/*' })), {
      listAllowedRepositories: (g: { pattern: string }) => {
        lists.push(g.pattern);
        return Promise.resolve(['store']);
      },
    });
    const c = new ConfusionChecker({ api: () => api, admin: () => a, groups: () => a });
    const r = await c.check(q('lib'));
    assert.equal(r.verdict.kind, 'exposed', 'store, where the connection is, is on the list');
    assert.deepEqual(lists, ['/npm/*']);
  });
});
