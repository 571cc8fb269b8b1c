// Shared set-up for the real-client tests (npm, pip, mvn, pnpm, yarn, cargo, Bundler/gem): an emulator (often
// seeded with one domain whose repository `shared` has an upstream holding a public external connection), a temp
// HOME and workspace, and the Configurator and TokenService wired as the configure commands wire them.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SdkCodeArtifactApi } from '../../src/aws/codeArtifactApi';
import { TokenService } from '../../src/auth/tokens';
import { Configurator } from '../../src/configure/configurator';
import { startEmulator, type Emulator } from '../emulator/server';
import type { Format, PackageVersion } from '../emulator/model';
import type { Seed, SeedPackage, SeedPackageBody, SeedVersion } from '../emulator/seed';
import { FakeMemento, FakeSecretStorage } from '../unit/fakes';
import { makeTempDir, PROJECT_ROOT, removeDir } from './helpers';

export const OWNER = '111122223333';
const REGION = 'us-west-2';

export interface UpstreamSeedOptions {
  /** The access key the harness signs with (one per suite, so that a log names the suite). */
  readonly key: string;
  /** The upstream repository of `shared` and its external connection (`public:npmjs`…). */
  readonly store: string;
  readonly connection: string;
  /** Packages in `shared`. */
  readonly packages: readonly Omit<SeedPackage, 'domain' | 'repository'>[];
  /** What only the external connection has. */
  readonly external: readonly SeedPackageBody[];
}

/** Domain `acme` (account OWNER): `shared` → `store` → the external connection. */
export function upstreamSeed(opts: UpstreamSeedOptions): Seed {
  return {
    accounts: { [opts.key]: OWNER },
    domains: [{ name: 'acme', owner: OWNER, region: REGION, repositories: [{ name: opts.store, externalConnection: opts.connection }, { name: 'shared', upstreams: [opts.store] }] }],
    packages: opts.packages.map((p) => ({ domain: 'acme', repository: 'shared', ...p })),
    externalConnections: { [opts.connection]: [...opts.external] },
  };
}

/**
 * The resolution case the cargo and Bundler tests share: `acme-util` in `shared` with a yanked (Unlisted) 1.3.0
 * that is the highest match and must not be picked, and 1.2.0 needing `tiny-dep`, which only the external
 * connection has (0.3.1 matches, 0.4.0 does not).
 */
export function yankedVersionSeed(format: Format, opts: { key: string; store: string; connection: string; tinyDepRequirement: string }): Seed {
  const versions: SeedVersion[] = [
    { version: '1.0.0', publishedTime: '2025-01-01T00:00:00Z' },
    { version: '1.2.0', publishedTime: '2025-02-01T00:00:00Z', dependencies: { 'tiny-dep': opts.tinyDepRequirement } },
    { version: '1.3.0', status: 'Unlisted', publishedTime: '2025-03-01T00:00:00Z' },
  ];
  const tinyDep: SeedVersion[] = [
    { version: '0.3.1', publishedTime: '2024-01-01T00:00:00Z' },
    { version: '0.4.0', publishedTime: '2024-02-01T00:00:00Z' },
  ];
  return upstreamSeed({ ...opts, packages: [{ format, name: 'acme-util', versions }], external: [{ format, name: 'tiny-dep', versions: tinyDep }] });
}

/** pnpm and yarn berry: `@acme/ui-kit` in `shared` needs `left-pad`, which only npmjs (upstream) has. */
export const jsClientSeed: Seed = upstreamSeed({
  key: 'AKIAJSCLIENTSTEST001',
  store: 'npm-public',
  connection: 'public:npmjs',
  packages: [
    {
      format: 'npm',
      namespace: 'acme',
      name: 'ui-kit',
      distTags: { latest: '2.1.0' },
      versions: [{ version: '2.1.0', publishedTime: '2025-06-01T10:00:00Z', license: 'MIT', dependencies: { 'left-pad': '^1.3.0' } }],
    },
  ],
  external: [{ format: 'npm', name: 'left-pad', versions: [{ version: '1.3.0', publishedTime: '2020-01-01T00:00:00Z', license: 'WTFPL' }] }],
});

/** npm and pip without upstreams: `@acme/ui-kit` in `shared`, `acme-tools` in `py`. */
export function npmAndPipSeed(key: string): Seed {
  return {
    accounts: { [key]: OWNER },
    domains: [{ name: 'acme', owner: OWNER, region: REGION, repositories: [{ name: 'shared' }, { name: 'py' }] }],
    packages: [
      { domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', name: 'ui-kit', distTags: { latest: '2.1.0' }, versions: [{ version: '2.1.0', publishedTime: '2025-06-01T10:00:00Z' }] },
      { domain: 'acme', repository: 'py', format: 'pypi', name: 'acme-tools', versions: [{ version: '1.0.0', publishedTime: '2025-01-01T10:00:00Z' }] },
    ],
  };
}

export interface ClientHarness {
  readonly emulator: Emulator;
  readonly tokens: TokenService;
  readonly configurator: Configurator;
  readonly home: string;
  /** The first workspace folder. */
  readonly work: string;
  /** Every token the TokenService issued (for redaction and leak checks). */
  readonly issued: string[];
  /** Runs `fn` with the latest issued token in `userFile` swapped for a wrong one, then puts the file back. */
  withWrongToken<T>(userFile: string, fn: () => Promise<T>): Promise<T>;
  /** A version as the emulator stores it in `shared` (origin, status, dependencies). */
  storedVersion(format: Format, namespace: string | undefined, name: string, version: string): PackageVersion | undefined;
  /** Stops the emulator and removes HOME and the workspace folders. */
  dispose(): Promise<void>;
}

export interface ClientHarnessOptions {
  readonly seed: Seed;
  /** Temp directory prefix (`cargo` → cargo-home, cargo-work). */
  readonly prefix: string;
  /** More workspace folders besides `work` (named by suffix: `pub` → prefix-pub). */
  readonly moreWorkspaces?: readonly string[];
  /** The environment the Configurator sees (e.g. CARGO_HOME), given HOME. */
  readonly userEnv?: (home: string) => Record<string, string>;
  /** The Configurator's and TokenService's log (default: silent). */
  readonly log?: { info(message: string): void; warn(message: string): void };
  /** A VPC endpoint without private DNS: the emulator's origin also stands for the vpce-….d.codeartifact host. */
  readonly dataPlaneEndpoint?: boolean;
}

export async function startClientHarness(opts: ClientHarnessOptions): Promise<ClientHarness & { readonly workspaces: readonly string[] }> {
  const key = Object.keys(opts.seed.accounts ?? {})[0];
  if (!key) throw new Error('the seed needs an account key to sign with');
  const home = await makeTempDir(`${opts.prefix}-home`);
  const workspaces = [await makeTempDir(`${opts.prefix}-work`)];
  for (const suffix of opts.moreWorkspaces ?? []) workspaces.push(await makeTempDir(`${opts.prefix}-${suffix}`));
  const emulator = await startEmulator({ seed: opts.seed, port: 0 });
  const api = new SdkCodeArtifactApi({ region: REGION, endpoint: emulator.endpoint, credentials: { accessKeyId: key, secretAccessKey: 'x' } });
  const log = opts.log ?? { info: () => undefined, warn: () => undefined };
  const tokens = new TokenService({ api: () => api, secrets: new FakeSecretStorage(), log, durationSeconds: () => 900 });
  const issued: string[] = [];
  tokens.onDidRefresh((t) => void issued.push(t.token));
  const userEnv = opts.userEnv?.(home) ?? {};
  const configurator = new Configurator({
    connection: () => ({ region: REGION, endpoint: emulator.endpoint, ...(opts.dataPlaneEndpoint ? { dataPlaneEndpoint: emulator.endpoint } : {}) }),
    api: () => api,
    tokens,
    records: new FakeMemento(),
    user: () => ({ env: userEnv, home, platform: 'linux' }),
    workspaceRoots: () => workspaces,
    log,
  });
  return {
    emulator,
    tokens,
    configurator,
    home,
    work: workspaces[0] ?? home,
    workspaces,
    issued,
    withWrongToken: async (userFile, fn) => {
      const good = await readFile(userFile, 'utf8');
      const token = issued[issued.length - 1] ?? '';
      assert.ok(token && good.includes(token), `${userFile} holds the issued token`);
      await writeFile(userFile, good.replace(token, 'cae.wrong-token'), { mode: 0o600 });
      try {
        return await fn();
      } finally {
        await writeFile(userFile, good, { mode: 0o600 });
      }
    },
    storedVersion: (format, namespace, name, version) => {
      const shared = emulator.store.getDomain('acme', OWNER)?.repositories.get('shared');
      return shared ? emulator.store.getPackage(shared, format, namespace, name)?.versions.get(version) : undefined;
    },
    dispose: async () => {
      tokens.dispose();
      api.dispose();
      await emulator.stop();
      await removeDir(home);
      for (const dir of workspaces) await removeDir(dir);
    },
  };
}

/** The devDependency clients, run with the node that runs the tests (no global install, no corepack). */
export const YARN_BERRY_JS = join(PROJECT_ROOT, 'node_modules', '@yarnpkg', 'cli-dist', 'bin', 'yarn.js');
export const PNPM_JS = join(PROJECT_ROOT, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
