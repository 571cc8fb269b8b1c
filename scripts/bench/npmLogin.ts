// Sign-in-and-configure for npm, ours vs `aws codeartifact login --tool npm`, against the same emulator at the
// same latency. Ours: the extension's configurator with a fresh SDK client (GetAuthorizationToken and
// GetRepositoryEndpoint in parallel, then the project .npmrc and the user npmrc written atomically), in this
// process and in a new one. Theirs: the AWS CLI v2 process, which calls the same two operations one after the
// other and then runs `npm config set` for the registry and the token.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SdkCodeArtifactApi } from '../../src/aws/codeArtifactApi';
import { TokenService } from '../../src/auth/tokens';
import { Configurator } from '../../src/configure/configurator';
import { readTextIfExists } from '../../src/core/configFiles/fileWrite';
import { clientEnv, describe as describeRun, makeTempDir, removeDir, run } from '../../test/integration/helpers';
import type { Emulator } from '../../test/emulator/server';
import { FakeMemento, FakeSecretStorage } from '../../test/unit/fakes';
import { RecordingApi, serverCounts, type ServerCounts } from './measure';
import { BENCH_ACCESS_KEY, BENCH_DOMAIN, BENCH_OWNER, BENCH_REGION, BIG_REPOSITORY } from './seed';

export const AWS_CLI = '/usr/bin/aws';
const CLI_TIMEOUT_MS = 60_000;

export interface LoginRun {
  /** Whole step: for ours client creation + API + files; for the CLI the process from spawn to exit. */
  ms: number;
  /** Ours only: until token and endpoint are both in hand. */
  apiMs?: number;
  server: ServerCounts;
}

function tokensOf(emu: Emulator): string[] {
  return [...emu.store.tokens.keys()];
}

const quietLog = { info: (): void => undefined, warn: (): void => undefined };

/**
 * What "Configure npm" does, through the extension's own code below the UI: a fresh SDK client, the token
 * service and the configurator (src/auth/tokens.ts, src/configure/configurator.ts) with in-memory secret
 * storage and records. It sends GetRepositoryEndpoint and GetAuthorizationToken in parallel, then writes the
 * project .npmrc (registry) and the user npmrc (token, 0600). Returns ms until the last API answer.
 */
export async function configureNpm(endpointUrl: string, dir: string): Promise<{ apiMs: number }> {
  const home = join(dir, 'home');
  const project = join(dir, 'project');
  const started = performance.now();
  const sdk = new SdkCodeArtifactApi({ region: BENCH_REGION, endpoint: endpointUrl, credentials: { accessKeyId: BENCH_ACCESS_KEY, secretAccessKey: 'bench-secret' } });
  const api = new RecordingApi(sdk);
  const tokens = new TokenService({ api: () => api, secrets: new FakeSecretStorage(), log: quietLog, durationSeconds: () => 43_200 });
  try {
    const configurator = new Configurator({ connection: () => ({ region: BENCH_REGION, endpoint: endpointUrl }),
      api: () => api,
      tokens,
      records: new FakeMemento(),
      user: () => ({ env: { NPM_CONFIG_USERCONFIG: join(home, '.npmrc') }, home }),
      workspaceRoots: () => [project],
      log: quietLog,
    });
    await configurator.configureNpm({ domain: BENCH_DOMAIN, domainOwner: BENCH_OWNER, repository: BIG_REPOSITORY }, { workspaceFolder: project });
    return { apiMs: Math.max(...api.calls.map((c) => c.end)) - started };
  } finally {
    tokens.dispose();
    sdk.dispose();
  }
}

/** Only runs that produced the configuration count. */
async function checkOurFiles(dir: string): Promise<void> {
  const user = (await readTextIfExists(join(dir, 'home', '.npmrc'))) ?? '';
  const project = (await readTextIfExists(join(dir, 'project', '.npmrc'))) ?? '';
  if (!/:_authToken=/.test(user) || !/^registry=http/m.test(project)) throw new Error('Our npm configuration was not written.');
}

/** Ours inside the running process, as in the extension host. */
export async function ourNpmLogin(emu: Emulator, latencyMs: number): Promise<LoginRun> {
  const dir = await makeTempDir('bench-ours');
  try {
    emu.setLatency(latencyMs);
    emu.resetStats();
    const started = performance.now();
    const { apiMs } = await configureNpm(emu.endpoint, dir);
    const ms = performance.now() - started;
    const server = serverCounts(emu);
    await checkOurFiles(dir);
    return { ms, apiMs, server };
  } finally {
    await removeDir(dir);
  }
}

/**
 * Ours in a new Node process (scripts/bench/npmLoginProcess.ts), so that start-up is paid as the CLI pays it:
 * the fair peer for a command run from a terminal rather than a click in a running editor.
 */
export async function ourNpmLoginProcess(emu: Emulator, latencyMs: number): Promise<LoginRun> {
  const dir = await makeTempDir('bench-ours-process');
  try {
    emu.setLatency(latencyMs);
    emu.resetStats();
    const started = performance.now();
    const result = await run(process.execPath, [join(__dirname, 'npmLoginProcess.js'), emu.endpoint, dir], { env: clientEnv(dir), timeoutMs: CLI_TIMEOUT_MS });
    const ms = performance.now() - started;
    const server = serverCounts(emu);
    if (result.code !== 0) throw new Error(`The npm sign-in process failed: ${describeRun(result, tokensOf(emu), 1500)}`);
    await checkOurFiles(dir);
    return { ms, server };
  } finally {
    await removeDir(dir);
  }
}

function cliEnv(home: string): NodeJS.ProcessEnv {
  return clientEnv(home, {
    AWS_ACCESS_KEY_ID: BENCH_ACCESS_KEY,
    AWS_SECRET_ACCESS_KEY: 'bench-secret',
    AWS_DEFAULT_REGION: BENCH_REGION,
    AWS_CONFIG_FILE: join(home, '.aws', 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, '.aws', 'credentials'),
    AWS_PAGER: '',
    NPM_CONFIG_USERCONFIG: join(home, '.npmrc'),
  });
}

/** `aws codeartifact login --tool npm` in a temp HOME; the npmrc it writes is checked before the run counts. */
export async function cliNpmLogin(emu: Emulator, latencyMs: number): Promise<LoginRun> {
  const home = await makeTempDir('bench-cli');
  try {
    const args = ['codeartifact', 'login', '--tool', 'npm', '--domain', BENCH_DOMAIN, '--domain-owner', BENCH_OWNER, '--repository', BIG_REPOSITORY, '--endpoint-url', emu.endpoint];
    emu.setLatency(latencyMs);
    emu.resetStats();
    const started = performance.now();
    const result = await run(AWS_CLI, args, { env: cliEnv(home), timeoutMs: CLI_TIMEOUT_MS });
    const ms = performance.now() - started;
    const server = serverCounts(emu);
    if (result.code !== 0) throw new Error(`aws codeartifact login failed: ${describeRun(result, tokensOf(emu), 1500)}`);
    const npmrc = (await readTextIfExists(join(home, '.npmrc'))) ?? '';
    if (!/:_authToken=/.test(npmrc) || !/^registry=http/m.test(npmrc)) throw new Error('aws codeartifact login exited 0 but wrote no registry and token to the npmrc.');
    return { ms, server };
  } finally {
    await removeDir(home);
  }
}

/** The CLI's fixed cost: starting Python and the CLI for `aws --version` (no network). */
export async function cliStartup(): Promise<number> {
  const home = await makeTempDir('bench-cli-start');
  try {
    const started = performance.now();
    const result = await run(AWS_CLI, ['--version'], { env: cliEnv(home), timeoutMs: CLI_TIMEOUT_MS });
    const ms = performance.now() - started;
    if (result.code !== 0) throw new Error(`aws --version failed: ${describeRun(result, [], 1500)}`);
    return ms;
  } finally {
    await removeDir(home);
  }
}
