// The mocha hooks the VersionSource tests share: an emulator for the suite (or the one testSeed.ts's
// seededEmulator already runs), and VersionSources over it, each with its own token getter, disposed after.
import { SdkCodeArtifactApi } from '../../../src/aws/codeArtifactApi';
import { VersionSource, type VersionSourceOptions } from '../../../src/versions/versionSource';
import { startEmulator, type Emulator } from '../../emulator/server';
import type { Seed } from '../../emulator/seed';
import { tokenGetterFor } from '../fakes';

const REGION = 'us-west-2';

export type MakeSource = (opts?: Partial<VersionSourceOptions>) => VersionSource;

/** VersionSources over the suite's emulator; their token getters are disposed after the suite. */
export function versionSourceFactory(api: () => SdkCodeArtifactApi, endpoint: () => string): MakeSource {
  const getters: { dispose(): void }[] = [];
  after(() => {
    for (const g of getters.splice(0)) g.dispose();
  });
  return (opts = {}) => {
    const getToken = tokenGetterFor(api);
    getters.push(getToken);
    return new VersionSource({ api, getToken, connection: () => ({ region: REGION, endpoint: endpoint() }), ...opts });
  };
}

export interface EmulatorSources {
  readonly emulator: Emulator;
  readonly api: SdkCodeArtifactApi;
  readonly source: MakeSource;
}

/** Starts an emulator with `seed` for the calling describe (signing with `key`) and stops it after. */
export function useEmulatorSources(seed: Seed, key: string): EmulatorSources {
  let emulator: Emulator | undefined;
  let api: SdkCodeArtifactApi | undefined;
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the emulator starts in a mocha hook: use it inside a test');
    return value;
  };
  before(async () => {
    emulator = await startEmulator({ seed, port: 0 });
    api = new SdkCodeArtifactApi({ region: REGION, endpoint: emulator.endpoint, credentials: { accessKeyId: key, secretAccessKey: 'x' } });
  });
  const source = versionSourceFactory(
    () => started(api),
    () => started(emulator).endpoint,
  );
  after(async () => {
    api?.dispose();
    await emulator?.stop();
  });
  return {
    get emulator() {
      return started(emulator);
    },
    get api() {
      return started(api);
    },
    source,
  };
}
