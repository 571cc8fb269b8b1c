// docs/iam.md is what is proven here: its JSON blocks are parsed (REGION/ACCOUNT/DOMAIN filled in), given to an
// emulator identity, and every journey runs through the extension's own code — sign-in's ListDomains, the explorer
// model down to a version's details, the Configurator for npm (then real npm install, and npm publish with the
// read/write policy), the version lookups behind hovers. With exactly the documented policy all of it works; with
// any one action taken out, some journey fails with the extension's message naming that action.
import assert from 'node:assert/strict';
import { mkdir, readFile, rm, writeFile, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { downloadAsset } from '../../src/aws/assetDownload';
import { SdkCodeArtifactApi } from '../../src/aws/codeArtifactApi';
import { TokenService } from '../../src/auth/tokens';
import { Configurator } from '../../src/configure/configurator';
import { DomainNode, ExplorerModel, FormatNode, MessageNode, NamespaceNode, PackageNode, RepositoryNode, VersionNode, type ExplorerNode } from '../../src/explorer/model';
import { loadVersionDetails } from '../../src/explorer/versionDetailsData';
import { VersionSource } from '../../src/versions/versionSource';
import { parsePolicy } from '../emulator/iam';
import type { Seed } from '../emulator/seed';
import { startEmulator, type Emulator } from '../emulator/server';
import { FakeMemento, FakeSecretStorage } from '../unit/fakes';
import { clientEnv, describe as explain, makeTempDir, PROJECT_ROOT, removeDir, requireTool, run } from './helpers';

const OWNER = '111122223333';
const REGION = 'us-west-2';
const DOMAIN = 'acme';
const ADMIN_KEY = 'AKIALEASTPRIVADMIN01';

interface PolicyDoc {
  Version: string;
  Statement: { Action: string | string[]; [k: string]: unknown }[];
}

/** The documented policies: the read-only one, and read/write (read-only plus the Publish statement). */
async function documentedPolicies(): Promise<{ readOnly: PolicyDoc; readWrite: PolicyDoc }> {
  const text = await readFile(join(PROJECT_ROOT, 'docs', 'iam.md'), 'utf8');
  const blocks = [...text.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => (m[1] ?? '').replaceAll('REGION', REGION).replaceAll('ACCOUNT', OWNER).replaceAll('DOMAIN', DOMAIN));
  assert.equal(blocks.length, 2, 'docs/iam.md has the read-only policy and the read/write statement');
  const readOnly = JSON.parse(blocks[0] ?? '') as PolicyDoc;
  const publish = JSON.parse(blocks[1] ?? '') as PolicyDoc['Statement'][number];
  return { readOnly, readWrite: { ...readOnly, Statement: [...readOnly.Statement, publish] } };
}

function actionsOf(policy: PolicyDoc): string[] {
  return policy.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action]));
}

/** The policy with one action taken out (a statement left without actions goes too). */
function without(policy: PolicyDoc, action: string): PolicyDoc {
  const Statement = policy.Statement.map((s) => ({ ...s, Action: (Array.isArray(s.Action) ? s.Action : [s.Action]).filter((a) => a !== action) })).filter((s) => s.Action.length > 0);
  return { ...policy, Statement };
}

const seed: Seed = {
  accounts: { [ADMIN_KEY]: OWNER },
  identities: {},
  domains: [{ name: DOMAIN, owner: OWNER, region: REGION, repositories: [{ name: 'npm-store', externalConnection: 'public:npmjs' }, { name: 'shared', upstreams: ['npm-store'] }] }],
  packages: [
    {
      domain: DOMAIN,
      repository: 'shared',
      format: 'npm',
      namespace: 'acme',
      name: 'ui-kit',
      distTags: { latest: '2.1.0' },
      versions: [{ version: '2.0.0', publishedTime: '2025-01-01T10:00:00Z' }, { version: '2.1.0', publishedTime: '2025-06-01T10:00:00Z', readme: '# ui-kit\n' }],
    },
  ],
};

/** What one run of every journey saw: the failures a user would read, and facts that prove the journeys got through. */
interface Outcome {
  problems: string[];
  domains: string[];
  versionsInTree: string[];
  readme?: string;
  configuredFiles: number;
  hoverLatest?: string;
  downloadedBytes?: number;
}

describe('least privilege: docs/iam.md proven against the emulator', function () {
  this.timeout(600_000);
  let emu: Emulator;
  let policies: { readOnly: PolicyDoc; readWrite: PolicyDoc };
  const dirs: string[] = [];
  let keyCount = 0;

  before(async () => {
    requireTool('npm', 'npm');
    policies = await documentedPolicies();
    emu = await startEmulator({ seed, port: 0 });
  });
  after(async () => {
    await emu?.stop();
    for (const d of dirs) await removeDir(d);
  });

  /** A new identity with this policy (a new key each time: no token or endpoint cache carries over). */
  function identityWith(policy: PolicyDoc): string {
    keyCount += 1;
    const key = `AKIALEASTPRIV${String(keyCount).padStart(7, '0')}`;
    emu.store.identities.set(key, { accessKeyId: key, account: OWNER, arn: `arn:aws:iam::${OWNER}:user/dev${keyCount}`, policies: [parsePolicy(policy, 'identity')] });
    return key;
  }

  /** Every journey through the extension's code as `key`; `work`/`home` get the configured files. */
  async function journeys(key: string): Promise<{ outcome: Outcome; work: string; home: string }> {
    const api = new SdkCodeArtifactApi({ region: REGION, endpoint: emu.endpoint, credentials: { accessKeyId: key, secretAccessKey: 'x' } });
    const home = await makeTempDir('leastpriv-home');
    const work = await makeTempDir('leastpriv-work');
    dirs.push(home, work);
    const log = { info: () => undefined, warn: () => undefined };
    const tokens = new TokenService({ api: () => api, secrets: new FakeSecretStorage(), log, durationSeconds: () => 900 });
    const outcome: Outcome = { problems: [], domains: [], versionsInTree: [], configuredFiles: 0 };
    const note = (err: unknown): void => void outcome.problems.push(err instanceof Error ? err.message : String(err));
    try {
      // Sign in: one ListDomains.
      await api.listDomains().then((page) => (outcome.domains = page.items.map((d) => d.name)), note);

      // Explorer: domain (and its tooltip), repositories, the repository's formats, packages, versions, details.
      const model = new ExplorerModel({ api: () => api, extraDomains: () => [], pageSizes: { domains: 100, repositories: 100, packages: 100, versions: 50 } });
      const level = async (node: ExplorerNode | undefined): Promise<ExplorerNode[]> => {
        const kids = await model.getChildren(node);
        for (const k of kids) if (k instanceof MessageNode && k.error) note(k.error);
        return kids;
      };
      const domain = (await level(undefined)).find((n): n is DomainNode => n instanceof DomainNode && n.info.name === DOMAIN);
      if (domain) {
        const tooltip = (await domain.resolveTooltip(model.context)) ?? '';
        if (tooltip.includes('$(warning)')) note(tooltip);
        const repo = (await level(domain)).find((n): n is RepositoryNode => n instanceof RepositoryNode && n.name === 'shared');
        const npm = repo && (await level(repo)).find((n): n is FormatNode => n instanceof FormatNode && n.format === 'npm');
        const scope = npm && (await level(npm)).find((n): n is NamespaceNode => n instanceof NamespaceNode && n.namespace === 'acme');
        const pkg = scope && (await level(scope)).find((n): n is PackageNode => n instanceof PackageNode && n.pkg.name === 'ui-kit');
        const versions = pkg ? (await level(pkg)).filter((n): n is VersionNode => n instanceof VersionNode) : [];
        outcome.versionsInTree = versions.map((v) => v.ref.version).sort();
        const latest = versions.find((v) => v.ref.version === '2.1.0');
        if (latest) {
          const details = await loadVersionDetails(api, latest.ref);
          (details.problems ?? []).forEach(note);
          outcome.readme = details.readme;
          // Download asset (the details view): GetPackageVersionAsset, checked against the listed hash.
          const asset = details.assets?.[0];
          if (asset) await downloadAsset(api, latest.ref, asset, join(work, 'downloaded-asset')).then((r) => (outcome.downloadedBytes = r.bytes), note);
        }
      }

      // Configure npm (endpoint + token), then the version lookup behind a hover.
      const configurator = new Configurator({ connection: () => ({ region: REGION, endpoint: emu.endpoint }), api: () => api, tokens, records: new FakeMemento(), user: () => ({ env: {}, home, platform: 'linux' }), workspaceRoots: () => [work], log });
      await configurator.configureNpm({ domain: DOMAIN, domainOwner: OWNER, repository: 'shared' }, { workspaceFolder: work, scope: '@acme' }).then((r) => (outcome.configuredFiles = r.changes.length), note);
      const versionSource = new VersionSource({ api: () => api, getToken: async (name, owner, signal) => (await tokens.get({ name, owner }, signal)).token, connection: () => ({ region: REGION, endpoint: emu.endpoint }) });
      await versionSource.get({ ecosystem: 'npm', target: { domain: DOMAIN, owner: OWNER, repository: 'shared', format: 'npm', source: 'test' }, namespace: 'acme', name: 'ui-kit' }).then((answer) => {
        outcome.hoverLatest = answer.latest;
        if (answer.partial) note(answer.partial.reason);
      }, note);
    } finally {
      tokens.dispose();
      api.dispose();
    }
    return { outcome, work, home };
  }

  const npmInstall = async (work: string, home: string) => {
    await writeFile(join(work, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, dependencies: { '@acme/ui-kit': '^2.1.0' } }));
    await rm(join(home, '.npm'), { recursive: true, force: true });
    return run('npm', ['install', '--no-audit', '--no-fund'], { cwd: work, env: clientEnv(home), timeoutMs: 120_000 });
  };
  const npmPublish = async (work: string, home: string, name: string) => {
    const dir = join(work, name);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'package.json'), JSON.stringify({ name: `@acme/${name}`, version: '1.0.0' }));
    await copyFile(join(work, '.npmrc'), join(dir, '.npmrc'));
    return run('npm', ['publish', '--no-audit'], { cwd: dir, env: clientEnv(home), timeoutMs: 120_000 });
  };

  it('the documented read-only policy: every journey works and real npm installs through the configured .npmrc', async () => {
    const { outcome, work, home } = await journeys(identityWith(policies.readOnly));
    assert.deepEqual(outcome.problems, []);
    assert.deepEqual(outcome.domains, [DOMAIN]);
    assert.deepEqual(outcome.versionsInTree, ['2.0.0', '2.1.0']);
    assert.equal(outcome.readme, '# ui-kit\n');
    assert.ok(outcome.configuredFiles > 0);
    assert.equal(outcome.hoverLatest, '2.1.0');
    assert.ok((outcome.downloadedBytes ?? 0) > 0, 'the asset download got through');
    const r = await npmInstall(work, home);
    assert.equal(r.code, 0, explain(r));
    // Read-only means read-only: publishing is refused, naming the permission.
    const p = await npmPublish(work, home, 'not-allowed');
    assert.notEqual(p.code, 0, explain(p));
    assert.match(p.stdout + p.stderr, /403/, explain(p));
  });

  it('each action of the read-only policy is needed: without it a journey fails naming it', async function () {
    const actions = actionsOf(policies.readOnly);
    assert.ok(actions.length >= 10, `the policy lists ${actions.length} actions`);
    for (const action of actions) {
      const { outcome } = await journeys(identityWith(without(policies.readOnly, action)));
      assert.ok(
        outcome.problems.some((p) => p.includes(action)),
        `without ${action} no journey named it; problems seen: ${JSON.stringify(outcome.problems, null, 1)}`,
      );
    }
  });

  it('without codeartifact:ReadFromRepository npm install fails with 403 too', async () => {
    const { work, home } = await journeys(identityWith(without(policies.readOnly, 'codeartifact:ReadFromRepository')));
    // Configure still works (it needs no read); the package manager is refused.
    const r = await npmInstall(work, home);
    assert.notEqual(r.code, 0, explain(r));
    assert.match(r.stdout + r.stderr, /403/, explain(r));
  });

  it('the documented read/write policy publishes with npm; each publishing action is needed', async () => {
    const { outcome, work, home } = await journeys(identityWith(policies.readWrite));
    assert.deepEqual(outcome.problems, []);
    const ok = await npmPublish(work, home, 'published-ok');
    assert.equal(ok.code, 0, explain(ok));
    assert.ok(emu.store.getPackage(emu.store.getDomain(DOMAIN, OWNER)?.repositories.get('shared') ?? assert.fail('no repo'), 'npm', 'acme', 'published-ok'));
    const extra = actionsOf(policies.readWrite).filter((a) => !actionsOf(policies.readOnly).includes(a));
    assert.deepEqual(extra.sort(), ['codeartifact:PublishPackageVersion', 'codeartifact:PutPackageMetadata']);
    for (const action of extra) {
      const run2 = await journeys(identityWith(without(policies.readWrite, action)));
      const p = await npmPublish(run2.work, run2.home, `without-${action.split(':')[1]?.toLowerCase() ?? 'x'}`);
      assert.notEqual(p.code, 0, explain(p));
      assert.match(p.stdout + p.stderr, new RegExp(`403[\\s\\S]*${action}`), explain(p));
    }
  });

  it('a policy that allows only ListDomains: every other journey says which permission it lacks, none crashes', async () => {
    const { outcome } = await journeys(identityWith({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'codeartifact:ListDomains', Resource: '*' }] }));
    assert.ok(outcome.problems.length > 0);
    assert.ok(outcome.problems.every((p) => /^Access denied: .* may not call codeartifact:[A-Za-z]+|access denied \(HTTP 403\)/.test(p) || p.includes('codeartifact:')), JSON.stringify(outcome.problems));
  });
});
