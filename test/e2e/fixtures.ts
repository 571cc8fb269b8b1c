// Where the e2e tests and the demo find their data: the demo seed and the demo workspace.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Seed } from '../emulator/seed';
import { repoRoot } from './provision';

export const DEMO_PROFILE = 'codeartifact-demo';
/** The demo seed maps this key to the `acme` account (see test/fixtures/makeDemoSeed.ts). */
export const DEMO_ACCESS_KEY_ID = 'AKIAACMEDEMO00000001';

/** The repository whose versions the demo shows for every manifest that names none (npm, pip and Maven alike). */
export const DEMO_DEFAULT_REPOSITORY = { domain: 'acme', owner: '111122223333', repository: 'shared' } as const;

/**
 * User-level settings of the demo profile beyond the connection: versions from the first minute. User level on
 * purpose: a workspace must not choose where tokens go, so the demo workspace itself sets nothing.
 */
export function demoUserSettings(): Record<string, unknown> {
  return { 'codeartifact.defaultRepository': { ...DEMO_DEFAULT_REPOSITORY } };
}

export function demoWorkspace(): string {
  return path.join(repoRoot(), 'test', 'fixtures', 'workspaces', 'demo');
}

export function demoSeedFile(): string {
  return path.join(repoRoot(), 'test', 'fixtures', 'demo-seed.json');
}

/** A small seed for when test/fixtures/demo-seed.json has not been generated: one domain, the packages the demo workspace uses. */
export const FALLBACK_SEED: Seed = {
  accounts: { [DEMO_ACCESS_KEY_ID]: '111122223333' },
  domains: [
    {
      name: 'acme',
      owner: '111122223333',
      region: 'us-west-2',
      repositories: [
        { name: 'npm-public', description: 'Proxy of npmjs.com', externalConnection: 'public:npmjs' },
        { name: 'shared', description: 'Company packages', upstreams: ['npm-public'] },
      ],
    },
  ],
  packages: [
    {
      domain: 'acme',
      repository: 'shared',
      format: 'npm',
      namespace: 'acme',
      name: 'ui-kit',
      distTags: { latest: '2.1.0' },
      versions: [{ version: '1.2.1' }, { version: '2.0.0' }, { version: '2.1.0' }],
    },
    { domain: 'acme', repository: 'shared', format: 'pypi', name: 'acme-utils', versions: [{ version: '2.0.1' }, { version: '3.0' }] },
    { domain: 'acme', repository: 'shared', format: 'maven', namespace: 'com.acme', name: 'acme-core', versions: [{ version: '1.1.1' }, { version: '1.1.2' }] },
  ],
  externalConnections: { 'public:npmjs': [{ name: 'left-pad', distTags: { latest: '1.3.0' }, versions: [{ version: '1.3.0' }] }] },
};

/** The demo seed file when it exists, else the small fallback (and says so once on stderr). */
export function demoSeed(): { seed: Seed | string; fallback: boolean } {
  const file = demoSeedFile();
  if (fs.existsSync(file)) return { seed: file, fallback: false };
  return { seed: FALLBACK_SEED, fallback: true };
}
