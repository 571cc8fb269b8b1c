// The mocha hooks that the per-format configure tests share: one emulator (configureSeed) for the suite, and
// for each test a fresh temp HOME and workspace, TokenService and Configurator (as the configure commands wire
// them). One recording log for the suite, so that a last test can check that no token was ever logged.
import type { SdkCodeArtifactApi } from '../../../src/aws/codeArtifactApi';
import { TokenService } from '../../../src/auth/tokens';
import { Configurator } from '../../../src/configure/configurator';
import { startEmulator, type Emulator } from '../../emulator/server';
import { FakeMemento, FakeSecretStorage } from '../fakes';
import { configureSeed, FakeTimers, makeApi, recordingLog, REGION, removeDir, tempDir } from './testEnv';

export interface ConfiguratorEnv {
  readonly emulator: Emulator;
  readonly api: SdkCodeArtifactApi;
  readonly home: string;
  readonly work: string;
  readonly tokens: TokenService;
  readonly configurator: Configurator;
  readonly log: ReturnType<typeof recordingLog>;
}

/** Registers the hooks in the calling `describe`; the fields are set once they have run (inside tests). */
export function useConfiguratorEnv(): ConfiguratorEnv {
  const state: { -readonly [K in keyof ConfiguratorEnv]?: ConfiguratorEnv[K] } = { log: recordingLog() };
  const get = <K extends keyof ConfiguratorEnv>(key: K): ConfiguratorEnv[K] => {
    const value = state[key];
    if (value === undefined) throw new Error(`${key} is set up by a mocha hook: use it inside a test`);
    return value;
  };
  before(async () => {
    state.emulator = await startEmulator({ seed: configureSeed(), port: 0 });
    state.api = makeApi(state.emulator.endpoint);
  });
  after(async () => {
    state.api?.dispose();
    await state.emulator?.stop();
  });
  beforeEach(async () => {
    const home = (state.home = await tempDir('home'));
    const work = (state.work = await tempDir('work'));
    const api = get('api');
    const log = get('log');
    const tokens = (state.tokens = new TokenService({ api: () => api, secrets: new FakeSecretStorage(), log, durationSeconds: () => 43_200, timers: new FakeTimers() }));
    const endpoint = get('emulator').endpoint;
    state.configurator = new Configurator({ connection: () => ({ region: REGION, endpoint }), api: () => api, tokens, records: new FakeMemento(), user: () => ({ env: {}, home, platform: 'linux' }), workspaceRoots: () => [work], log });
  });
  afterEach(async () => {
    state.tokens?.dispose();
    await removeDir(state.home);
    await removeDir(state.work);
  });
  return {
    get emulator() {
      return get('emulator');
    },
    get api() {
      return get('api');
    },
    get home() {
      return get('home');
    },
    get work() {
      return get('work');
    },
    get tokens() {
      return get('tokens');
    },
    get configurator() {
      return get('configurator');
    },
    get log() {
      return get('log');
    },
  };
}
