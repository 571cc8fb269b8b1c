// The checker over fakes: package groups not offered (UNKNOWN_OPERATION) degrade to "not checked" and are asked
// once per domain; INHERIT without an effectiveMode is resolved through the parents; ALLOW_SPECIFIC_REPOSITORIES
// reads the governing group's list.
import assert from 'node:assert/strict';
import type { CodeArtifactAdminApi, PackageGroupSummary } from '../../../src/aws/adminApi';
import type { CodeArtifactApi, RepositoryDetails } from '../../../src/aws/codeArtifactApi';
import { CodeArtifactError } from '../../../src/aws/errors';
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

function admin(groups: (pkg: string) => Promise<PackageGroupSummary>, extra: Partial<CodeArtifactAdminApi> = {}): CodeArtifactAdminApi & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    describePackage: (p: { package: string }) => Promise.resolve({ format: 'npm', name: p.package, restrictions: { publish: 'ALLOW', upstream: 'ALLOW' } }),
    getAssociatedPackageGroup: (p: { package: string }) => {
      calls.push(`group:${p.package}`);
      return groups(p.package);
    },
    ...extra,
  } as unknown as CodeArtifactAdminApi & { calls: string[] }; // the reads the checker makes
}
const q = (name: string): GuardQuery => ({ target: { domain: 'acme', owner: '111122223333', repository: 'app', format: 'npm' }, namespace: 'acme', name });

describe('ConfusionChecker over fakes', () => {
  it('package groups not offered: exposed with "group not checked", and asked once per domain', async () => {
    const unsupported = new CodeArtifactError({ kind: 'validation', reason: 'UNKNOWN_OPERATION' }, 'not offered');
    const a = admin(() => Promise.reject(unsupported));
    const c = new ConfusionChecker({ api: () => api, admin: () => a });
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
    const a = admin(() => Promise.resolve({ pattern: '/npm/acme/*', parent: '/npm/*', externalUpstream: { mode: 'INHERIT' } }), { describePackageGroup: describe });
    const c = new ConfusionChecker({ api: () => api, admin: () => a });
    const r = await c.check(q('lib'));
    assert.equal(r.verdict.kind, 'protected');
    if (r.verdict.kind === 'protected') assert.equal(r.verdict.by, 'packageGroup');
  });

  it('ALLOW_SPECIFIC_REPOSITORIES inherited: the list of the group it comes from decides', async () => {
    const lists: string[] = [];
    const a = admin(() => Promise.resolve({ pattern: '/npm/acme/*', externalUpstream: { mode: 'INHERIT', effectiveMode: 'ALLOW_SPECIFIC_REPOSITORIES', inheritedFrom: '/npm/*' } }), {
      listAllowedRepositories: (g: { pattern: string }) => {
        lists.push(g.pattern);
        return Promise.resolve(['store']);
      },
    });
    const c = new ConfusionChecker({ api: () => api, admin: () => a });
    const r = await c.check(q('lib'));
    assert.equal(r.verdict.kind, 'exposed', 'store, where the connection is, is on the list');
    assert.deepEqual(lists, ['/npm/*']);
  });
});
