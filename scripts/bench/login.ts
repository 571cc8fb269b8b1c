// Sign-in-and-configure for npm, pip and twine, ours vs `aws codeartifact login --tool <tool>`, against the same
// emulator at the same latency. Ours: the extension's configurator with a fresh SDK client (GetAuthorizationToken
// and GetRepositoryEndpoint in parallel, then the files written atomically), in this process and in a new one.
// Theirs: the AWS CLI v2 process, which calls the same two operations one after the other and then runs
// `npm config set` twice (npm), `pip config set` (pip) or writes ~/.pypirc itself (twine).
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
import { BENCH_ACCESS_KEY, BENCH_DOMAIN, BENCH_OWNER, BENCH_REGION, BIG_REPOSITORY, PYTHON_REPOSITORY } from './seed';

export const TOOLS = ['npm', 'pip', 'twine'] as const;
export type Tool = (typeof TOOLS)[number];

const repositoryFor = (tool: Tool): string => (tool === 'npm' ? BIG_REPOSITORY : PYTHON_REPOSITORY);

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

/** The user-level files of a temp HOME, for ours and the CLI alike. */
function userEnv(home: string): Record<string, string> {
  return { NPM_CONFIG_USERCONFIG: join(home, '.npmrc'), XDG_CONFIG_HOME: join(home, '.config') };
}

/**
 * What "Configure npm / pip / twine" does, through the extension's own code below the UI: a fresh SDK client, the
 * token service and the configurator (src/auth/tokens.ts, src/configure/configurator.ts) with in-memory secret
 * storage and records. It sends GetRepositoryEndpoint and GetAuthorizationToken in parallel, then writes the
 * files atomically (npm: project .npmrc + user npmrc; pip: user pip.conf; twine: ~/.pypirc). Returns ms until the
 * last API answer.
 */
export async function configureTool(tool: Tool, endpointUrl: string, dir: string): Promise<{ apiMs: number }> {
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
      user: () => ({ env: userEnv(home), home, platform: 'linux' }),
      workspaceRoots: () => [project],
      log: quietLog,
    });
    const target = { domain: BENCH_DOMAIN, domainOwner: BENCH_OWNER, repository: repositoryFor(tool) };
    if (tool === 'npm') await configurator.configureNpm(target, { workspaceFolder: project });
    else if (tool === 'pip') await configurator.configurePip(target, { mode: 'index-url' });
    else await configurator.configureTwine(target);
    return { apiMs: Math.max(...api.calls.map((c) => c.end)) - started };
  } finally {
    tokens.dispose();
    sdk.dispose();
  }
}

/** Whether a HOME (and, for ours, the project) holds a working configuration: only such runs count. */
async function checkFiles(tool: Tool, home: string, project?: string): Promise<void> {
  const read = async (file: string) => (await readTextIfExists(file)) ?? '';
  if (tool === 'npm') {
    const user = await read(join(home, '.npmrc'));
    const registry = project === undefined ? user : await read(join(project, '.npmrc'));
    if (!/:_authToken=/.test(user) || !/^registry=http/m.test(registry)) throw new Error(`No npm registry and token in ${home}.`);
  } else if (tool === 'pip') {
    const conf = await read(join(home, '.config', 'pip', 'pip.conf'));
    if (!/index-url\s*=\s*http:\/\/aws:[^@\s]+@/.test(conf)) throw new Error(`No pip index-url with a token in ${home}.`);
  } else {
    const pypirc = await read(join(home, '.pypirc'));
    if (!/\[codeartifact\]/.test(pypirc) || !/password\s*[=:]\s*\S+/.test(pypirc)) throw new Error(`No [codeartifact] section with a password in ${home}/.pypirc.`);
  }
}

/** Ours inside the running process, as in the extension host. */
export async function ourLogin(emu: Emulator, tool: Tool, latencyMs: number): Promise<LoginRun> {
  const dir = await makeTempDir('bench-ours');
  try {
    emu.setLatency(latencyMs);
    emu.resetStats();
    const started = performance.now();
    const { apiMs } = await configureTool(tool, emu.endpoint, dir);
    const ms = performance.now() - started;
    const server = serverCounts(emu);
    await checkFiles(tool, join(dir, 'home'), join(dir, 'project'));
    return { ms, apiMs, server };
  } finally {
    await removeDir(dir);
  }
}

/**
 * Ours in a new Node process (scripts/bench/loginProcess.ts), so that start-up is paid as the CLI pays it:
 * the fair peer for a command run from a terminal rather than a click in a running editor.
 */
export async function ourLoginProcess(emu: Emulator, tool: Tool, latencyMs: number): Promise<LoginRun> {
  const dir = await makeTempDir('bench-ours-process');
  try {
    emu.setLatency(latencyMs);
    emu.resetStats();
    const started = performance.now();
    const result = await run(process.execPath, [join(__dirname, 'loginProcess.js'), tool, emu.endpoint, dir], { env: clientEnv(dir), timeoutMs: CLI_TIMEOUT_MS });
    const ms = performance.now() - started;
    const server = serverCounts(emu);
    if (result.code !== 0) throw new Error(`The ${tool} sign-in process failed: ${describeRun(result, tokensOf(emu), 1500)}`);
    await checkFiles(tool, join(dir, 'home'), join(dir, 'project'));
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
    ...userEnv(home),
  });
}

/** `aws codeartifact login --tool <tool>` in a temp HOME; the files it writes are checked before the run counts. */
export async function cliLogin(emu: Emulator, tool: Tool, latencyMs: number): Promise<LoginRun> {
  const home = await makeTempDir('bench-cli');
  try {
    const args = ['codeartifact', 'login', '--tool', tool, '--domain', BENCH_DOMAIN, '--domain-owner', BENCH_OWNER, '--repository', repositoryFor(tool), '--endpoint-url', emu.endpoint];
    emu.setLatency(latencyMs);
    emu.resetStats();
    const started = performance.now();
    const result = await run(AWS_CLI, args, { env: cliEnv(home), timeoutMs: CLI_TIMEOUT_MS });
    const ms = performance.now() - started;
    const server = serverCounts(emu);
    if (result.code !== 0) throw new Error(`aws codeartifact login --tool ${tool} failed: ${describeRun(result, tokensOf(emu), 1500)}`);
    await checkFiles(tool, home);
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
