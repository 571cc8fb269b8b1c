// Shared plumbing for tests that drive real clients (npm, pip, twine, mvn, the AWS CLI): temporary HOME
// directories, a clean environment, spawning with a hard timeout, and output that is safe to print.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { cp, mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import type { Emulator } from '../emulator/server';

/** The real home directory, captured before any test points HOME elsewhere (for ~/.m2, ~/.pyenv). */
export const REAL_HOME = homedir();

/** The repository's root, from out/test/integration/ or test/integration/. */
export const PROJECT_ROOT = resolve(__dirname, __dirname.includes(`${join('out', 'test')}`) ? '../../..' : '../..');

export const FIXTURES = join(PROJECT_ROOT, 'test', 'fixtures', 'clients');

export async function makeTempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `ca-${prefix}-`));
}

export async function removeDir(dir: string | undefined): Promise<void> {
  if (dir) await rm(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Copies a fixture project from test/fixtures/clients/<name> into `dest`. */
export async function copyFixture(name: string, dest: string): Promise<string> {
  await cp(join(FIXTURES, name), dest, { recursive: true });
  return dest;
}

/** Every regular file below `dir`, recursively. */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

export async function writeFiles(dir: string, files: Record<string, string | Buffer>): Promise<void> {
  for (const [rel, content] of Object.entries(files)) {
    const path = join(dir, rel);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content, { mode: 0o600 });
  }
}

/**
 * An environment for a client under test: PATH and locale from ours, HOME in a temp dir, and none of the
 * variables that would make a client read our own configuration (npm_config_*, PIP_*, AWS_*, …).
 */
export function clientEnv(home: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    LANG: process.env.LANG ?? 'C.UTF-8',
    TMPDIR: process.env.TMPDIR ?? tmpdir(),
    // pyenv's shims find their Python through PYENV_ROOT, which defaults to $HOME/.pyenv.
    PYENV_ROOT: process.env.PYENV_ROOT ?? join(REAL_HOME, '.pyenv'),
    NO_UPDATE_NOTIFIER: '1',
    npm_config_update_notifier: 'false',
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    PIP_DEFAULT_TIMEOUT: '30',
    PYTHON_KEYRING_BACKEND: 'keyring.backends.null.Keyring',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  if (process.env.JAVA_HOME) env.JAVA_HOME = process.env.JAVA_HOME;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  durationMs: number;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Default 90 s. The whole process group is killed when it runs out. */
  timeoutMs?: number;
  input?: string;
}

/** Runs a command to completion; never rejects for a non-zero exit (tests assert on the result). */
export function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? clientEnv(REAL_HOME),
      // Own process group, so a timeout also kills grandchildren (npm's node, mvn's java).
      detached: true,
      stdio: [options.input !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (c: Buffer) => out.push(c));
    child.stderr?.on('data', (c: Buffer) => err.push(c));
    if (options.input !== undefined) child.stdin?.end(options.input);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, options.timeoutMs ?? 90_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`Could not start ${command}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        timedOut,
        durationMs: Date.now() - started,
      });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

/** Replaces every secret (tokens) in text, so failure messages never print one. */
export function redact(text: string, secrets: (string | undefined)[]): string {
  let out = text;
  for (const s of secrets) if (s) out = out.split(s).join('<redacted>');
  return out;
}

/** A readable summary of a run for assertion messages: exit, and the tail of both streams, redacted. */
export function describe(result: RunResult, secrets: (string | undefined)[] = [], tail = 4000): string {
  const clip = (s: string): string => (s.length > tail ? `…${s.slice(-tail)}` : s);
  return redact(
    `exit ${String(result.code)}${result.signal ? ` (${result.signal})` : ''}${result.timedOut ? ' TIMED OUT' : ''} after ${result.durationMs} ms\n` +
      `--- stdout ---\n${clip(result.stdout)}\n--- stderr ---\n${clip(result.stderr)}`,
    secrets,
  );
}

/** Finds an executable on PATH (or checks an absolute path). */
export function findTool(name: string, path = process.env.PATH ?? ''): string | undefined {
  const candidates = name.includes('/') ? [name] : path.split(delimiter).filter(Boolean).map((d) => join(d, name));
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // Keep looking.
    }
  }
  return undefined;
}

/** A tool the test cannot do without: missing is a failure naming the Debian package, never a skip. */
export function requireTool(name: string, debianPackage: string): string {
  const found = findTool(name);
  if (!found) throw new Error(`${name} is not installed; install it with \`apt-get install -y ${debianPackage}\` (the CI script .ci/run must do so).`);
  return found;
}

/** A data-plane token for a seeded domain, straight from the store. */
export function tokenFor(emulator: Emulator, domain: string, owner: string, seconds = 900): string {
  const d = emulator.store.getDomain(domain, owner);
  if (!d) throw new Error(`The seed has no domain ${domain} (${owner}).`);
  return emulator.store.issueToken(d, seconds).token;
}

/** The data-plane URL of a repository, with a trailing slash, as GetRepositoryEndpoint returns it. */
export function repoUrl(emulator: Emulator, domain: string, owner: string, format: 'npm' | 'pypi' | 'maven', repository: string): string {
  return `${emulator.endpoint}/${domain}-${owner}/${format}/${repository}/`;
}

/** Writes the user ~/.npmrc npm needs for a repository, as `aws codeartifact login --tool npm` would. */
export async function writeNpmrc(home: string, registry: string, token: string | undefined): Promise<void> {
  const u = new URL(registry);
  const lines = [`registry=${registry}`];
  if (token !== undefined) lines.push(`//${u.host}${u.pathname}:_authToken=${token}`);
  await writeFiles(home, { '.npmrc': `${lines.join('\n')}\n` });
}

/** `http://aws:TOKEN@host/…/pypi/REPO/simple/` from a repository URL, as `aws codeartifact login --tool pip` writes it. */
export function pipIndexUrl(repositoryUrl: string, token: string | undefined): string {
  const u = new URL(`${repositoryUrl.replace(/\/?$/, '/')}simple/`);
  if (token !== undefined) {
    u.username = 'aws';
    u.password = token;
  }
  return u.toString();
}
