// Runs a real tool (python3 with packaging/poetry-core, java with Maven's classes, …) once for a whole batch of
// cases: JSON in on stdin, JSON out on stdout. One process per batch keeps thousands of cases fast.
import { spawn } from 'node:child_process';

export interface RealToolOptions {
  /** Extra environment (e.g. CLASSPATH). */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Kill the tool after this long; a hang must fail the test, not stall the suite. */
  timeoutMs?: number;
}

export function runJsonTool<T>(command: string, args: readonly string[], input: unknown, options: RealToolOptions = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${command} could not start: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8').slice(-4000);
      if (code !== 0) {
        reject(new Error(`${command} ${args.join(' ')} exited ${code ?? signal}: ${stderr}`));
        return;
      }
      try {
        resolve(JSON.parse(Buffer.concat(out).toString('utf8')) as T);
      } catch (e) {
        reject(new Error(`${command} did not print JSON (${(e as Error).message}); stderr: ${stderr}`));
      }
    });
    // A tool that dies early closes its stdin; the exit code above says why, not an EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(JSON.stringify(input));
  });
}
