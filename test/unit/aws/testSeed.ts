// A small emulator seed for the aws and explorer tests: two accounts, upstream chains, every version status,
// npm scopes, Maven groups, a PyPI name that needs normalizing, and enough packages to page through; plus the
// helpers those tests use: an emulator per suite with API clients for it, and catching an API failure.
import assert from 'node:assert/strict';
import { SdkCodeArtifactApi, type ApiOptions } from '../../../src/aws/codeArtifactApi';
import { CodeArtifactError } from '../../../src/aws/errors';
import type { Seed } from '../../emulator/seed';
import { startEmulator, type Emulator } from '../../emulator/server';

/** The emulator of one mocha suite and the API clients made for it. */
export class SeededEmulator {
  private current: Emulator | undefined;
  private readonly apis: SdkCodeArtifactApi[] = [];

  constructor(
    private readonly seed: () => Seed,
    private readonly secretAccessKey: string,
  ) {}

  get emu(): Emulator {
    if (!this.current) throw new Error('The emulator starts in the suite’s before hook.');
    return this.current;
  }

  /** A client for the seed's first account (OWNER_KEY); disposed after the suite. */
  api(opts: Partial<ApiOptions> = {}): SdkCodeArtifactApi {
    const api = new SdkCodeArtifactApi({ region: REGION, endpoint: this.emu.endpoint, credentials: { accessKeyId: OWNER_KEY, secretAccessKey: this.secretAccessKey }, ...opts });
    this.apis.push(api);
    return api;
  }

  async start(): Promise<void> {
    this.current = await startEmulator({ seed: this.seed(), port: 0 });
  }

  async stop(): Promise<void> {
    this.apis.forEach((a) => a.dispose());
    await this.current?.stop();
  }
}

/**
 * Registers the suite's hooks (call it first in a `describe`): an emulator started before the suite and stopped
 * after it, with no faults, no latency and fresh counters before each test.
 */
export function seededEmulator(options: { seed?: () => Seed; secretAccessKey?: string } = {}): SeededEmulator {
  const seeded = new SeededEmulator(options.seed ?? testSeed, options.secretAccessKey ?? 'test-secret');
  before(() => seeded.start());
  after(() => seeded.stop());
  beforeEach(() => {
    seeded.emu.setFaults(undefined);
    seeded.emu.setLatency(0);
    seeded.emu.resetStats();
  });
  return seeded;
}

/** The CodeArtifactError a call fails with; fails the test when the call succeeds or throws anything else. */
export async function failure(p: Promise<unknown>): Promise<CodeArtifactError> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof CodeArtifactError, `expected a CodeArtifactError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to fail');
}

export const OWNER = '111122223333';
export const PARTNER = '444455556666';
export const OWNER_KEY = 'AKIATESTOWNER0000001';
export const PARTNER_KEY = 'AKIATESTPARTNER00001';
export const REGION = 'us-west-2';
export const FILLER_COUNT = 25;

export function testSeed(): Seed {
  const filler = Array.from({ length: FILLER_COUNT }, (_, i) => ({
    domain: 'acme',
    repository: 'shared',
    format: 'npm' as const,
    name: `pkg-${String(i).padStart(2, '0')}`,
    versions: [{ version: '1.0.0', publishedTime: '2024-01-01T00:00:00Z' }],
  }));
  return {
    accounts: { [OWNER_KEY]: OWNER, [PARTNER_KEY]: PARTNER },
    domains: [
      {
        name: 'acme',
        owner: OWNER,
        region: REGION,
        createdTime: '2021-11-02T08:00:00Z',
        repositories: [
          { name: 'npm-public', externalConnection: 'public:npmjs' },
          { name: 'shared', description: 'Company packages', upstreams: ['npm-public'] },
          { name: 'python', description: 'Python wheels' },
          { name: 'empty' },
        ],
      },
      { name: 'partner', owner: PARTNER, region: REGION, repositories: [{ name: 'partner-repo' }] },
      { name: 'acme-eu', owner: OWNER, region: 'eu-west-1', repositories: [{ name: 'eu-repo' }] },
    ],
    packages: [
      {
        domain: 'acme',
        repository: 'shared',
        format: 'npm',
        namespace: 'acme',
        name: 'ui-kit',
        distTags: { latest: '2.1.0' },
        versions: [
          { version: '1.0.0', status: 'Archived', publishedTime: '2024-01-01T10:00:00Z' },
          { version: '2.0.0', status: 'Unlisted', publishedTime: '2025-03-01T10:00:00Z' },
          {
            version: '2.1.0',
            status: 'Published',
            publishedTime: '2025-06-01T10:00:00Z',
            summary: 'UI *components* <script>alert(1)</script>',
            license: 'MIT',
            homePage: 'https://example.com/ui-kit',
            readme: '# ui-kit\n\n[click](command:workbench.action.terminal.new)\n```\nnested fence\n```\n',
            dependencies: { 'left-pad': '^1.3.0', '@acme/icons': '^1.2.0', 'not-in-repo': '^4.0.0' },
          },
          { version: '0.9.0', status: 'Disposed', publishedTime: '2023-05-01T10:00:00Z' },
          { version: '3.0.0-beta.1', status: 'Unfinished', publishedTime: '2025-07-01T10:00:00Z' },
        ],
      },
      { domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', name: 'icons', versions: [{ version: '1.2.3', publishedTime: '2025-01-01T00:00:00Z' }] },
      { domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme-tools', name: 'cli', versions: [{ version: '0.1.0' }] },
      {
        domain: 'acme',
        repository: 'shared',
        format: 'npm',
        name: 'left-pad',
        versions: [{ version: '1.3.0', publishedTime: '2020-01-01T00:00:00Z', origin: { externalConnectionName: 'public:npmjs' } }],
      },
      ...filler,
      { domain: 'acme', repository: 'shared', format: 'maven', namespace: 'com.acme', name: 'core', versions: [{ version: '1.0.0' }, { version: '1.1.0', publishedTime: '2025-02-01T00:00:00Z', dependencies: { 'com.acme:util': '2.0.0' } }] },
      { domain: 'acme', repository: 'shared', format: 'maven', namespace: 'com.acme', name: 'util', versions: [{ version: '2.0.0' }] },
      { domain: 'acme', repository: 'python', format: 'pypi', name: 'Requests_Toolkit', versions: [{ version: '0.3.1', summary: 'HTTP helpers', dependencies: { urllib3: '>=1.26' } }] },
      { domain: 'partner', repository: 'partner-repo', format: 'npm', name: 'partner-lib', versions: [{ version: '5.0.0' }] },
    ],
    externalConnections: { 'public:npmjs': [{ format: 'npm', name: 'left-pad', versions: [{ version: '1.3.0' }] }] },
  };
}
