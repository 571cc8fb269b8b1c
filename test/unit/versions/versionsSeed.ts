// A small emulator seed for the version-intelligence tests: `shared` → `team` → the npmjs and PyPI external
// connections, so some versions are reachable only through an upstream or the external connection.
import type { Seed } from '../../emulator/seed';

export const OWNER = '111122223333';
export const OWNER_KEY = 'AKIAVERSIONS00000001';
export const REGION = 'us-west-2';
export const FILLER = 40;

export function versionsSeed(): Seed {
  const filler = Array.from({ length: FILLER }, (_, i) => ({
    domain: 'acme',
    repository: 'shared',
    format: 'npm' as const,
    namespace: 'acme',
    name: `dep-${String(i).padStart(3, '0')}`,
    versions: [{ version: '1.0.0', publishedTime: '2024-01-01T00:00:00Z' }],
  }));
  return {
    accounts: { [OWNER_KEY]: OWNER },
    domains: [
      {
        name: 'acme',
        owner: OWNER,
        region: REGION,
        repositories: [
          { name: 'npm-store', externalConnection: 'public:npmjs' },
          { name: 'pypi-store', externalConnection: 'public:pypi' },
          { name: 'team', upstreams: ['npm-store', 'pypi-store'] },
          { name: 'shared', upstreams: ['team'] },
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
        // Published here first, CodeArtifact would block its upstream; opened so that `team`'s 2.4.1 shows through.
        originConfiguration: { publish: 'ALLOW', upstream: 'ALLOW' },
        distTags: { latest: '2.1.0' },
        versions: [
          { version: '1.0.0', status: 'Archived', publishedTime: '2024-01-01T10:00:00Z' },
          { version: '2.0.0', status: 'Unlisted', publishedTime: '2025-03-01T10:00:00Z' },
          { version: '2.1.0', status: 'Published', publishedTime: '2025-06-01T10:00:00Z' },
        ],
      },
      {
        // Only in the upstream: `shared` reaches it through `team`.
        domain: 'acme',
        repository: 'team',
        format: 'npm',
        namespace: 'acme',
        name: 'ui-kit',
        versions: [{ version: '2.4.1', publishedTime: '2025-09-01T10:00:00Z', deprecated: 'use 3.x **now**' }],
      },
      {
        domain: 'acme',
        repository: 'shared',
        format: 'pypi',
        name: 'acme-utils',
        versions: [
          { version: '1.0.0', publishedTime: '2024-02-01T00:00:00Z' },
          { version: '1.1.0', publishedTime: '2024-06-01T00:00:00Z' },
          { version: '0.9.0', status: 'Archived', publishedTime: '2023-06-01T00:00:00Z' },
        ],
      },
      {
        domain: 'acme',
        repository: 'shared',
        format: 'maven',
        namespace: 'com.acme',
        name: 'greeting',
        versions: [
          { version: '1.0', publishedTime: '2024-01-01T00:00:00Z' },
          { version: '1.1', publishedTime: '2024-05-01T00:00:00Z' },
          { version: '2.0', status: 'Unlisted', publishedTime: '2024-09-01T00:00:00Z' },
        ],
      },
      ...filler,
    ],
    externalConnections: {
      'public:npmjs': [{ name: 'left-pad', versions: [{ version: '1.2.0' }, { version: '1.3.0' }] }],
      'public:pypi': [{ name: 'requests', versions: [{ version: '2.31.0' }, { version: '2.32.3' }] }],
    },
  };
}
