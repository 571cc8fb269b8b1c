// Shared set-up for the real yarn berry and pnpm tests: an emulator with a repository whose upstream has the
// public:npmjs connection, and the Configurator and TokenService wired as the configure commands wire them.
import { join } from 'node:path';
import { SdkCodeArtifactApi } from '../../src/aws/codeArtifactApi';
import { TokenService } from '../../src/auth/tokens';
import { Configurator } from '../../src/configure/configurator';
import { startEmulator, type Emulator } from '../emulator/server';
import type { Seed } from '../emulator/seed';
import { FakeMemento, FakeSecretStorage } from '../unit/fakes';
import { PROJECT_ROOT } from './helpers';

export const OWNER = '111122223333';
const KEY = 'AKIAJSCLIENTSTEST001';

export const jsClientSeed: Seed = {
  accounts: { [KEY]: OWNER },
  domains: [
    {
      name: 'acme',
      owner: OWNER,
      region: 'us-west-2',
      repositories: [
        { name: 'npm-public', externalConnection: 'public:npmjs' },
        { name: 'shared', upstreams: ['npm-public'] },
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
      versions: [{ version: '2.1.0', publishedTime: '2025-06-01T10:00:00Z', license: 'MIT', dependencies: { 'left-pad': '^1.3.0' } }],
    },
  ],
  externalConnections: {
    'public:npmjs': [{ format: 'npm', name: 'left-pad', versions: [{ version: '1.3.0', publishedTime: '2020-01-01T00:00:00Z', license: 'WTFPL' }] }],
  },
};

export interface JsClientHarness {
  emulator: Emulator;
  configurator: Configurator;
  /** Every token the TokenService issued (for redaction and leak checks). */
  issued: string[];
  dispose(): Promise<void>;
}

export async function startJsClientHarness(home: string, workspaces: string[]): Promise<JsClientHarness> {
  const emulator = await startEmulator({ seed: jsClientSeed, port: 0 });
  const api = new SdkCodeArtifactApi({ region: 'us-west-2', endpoint: emulator.endpoint, credentials: { accessKeyId: KEY, secretAccessKey: 'x' } });
  const log = { info: () => undefined, warn: () => undefined };
  const tokens = new TokenService({ api: () => api, secrets: new FakeSecretStorage(), log, durationSeconds: () => 900 });
  const issued: string[] = [];
  tokens.onDidRefresh((t) => void issued.push(t.token));
  const configurator = new Configurator({
    connection: () => ({ region: 'us-west-2', endpoint: emulator.endpoint }),
    api: () => api,
    tokens,
    records: new FakeMemento(),
    user: () => ({ env: {}, home, platform: 'linux' }),
    workspaceRoots: () => workspaces,
    log,
  });
  return {
    emulator,
    configurator,
    issued,
    dispose: async () => {
      tokens.dispose();
      api.dispose();
      await emulator.stop();
    },
  };
}

/** The devDependency clients, run with the node that runs the tests (no global install, no corepack). */
export const YARN_BERRY_JS = join(PROJECT_ROOT, 'node_modules', '@yarnpkg', 'cli-dist', 'bin', 'yarn.js');
export const PNPM_JS = join(PROJECT_ROOT, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
