// `aws sso login --profile P` run as a process with an argument list (no shell, so no quoting rules of bash,
// PowerShell or cmd.exe can be broken by a profile name), shown in a terminal through a pseudo-terminal.
// No runtime `vscode` import: the terminal's events are our own Emitter, so plain-Node tests drive it.
import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { isValidProfileName } from '../aws/profiles';
import { Emitter, type Event } from '../shared/emitter';

export type Spawn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export class InvalidProfileNameError extends Error {
  constructor() {
    super('That profile name has characters AWS profile names do not use, so aws sso login was not run. Rename the profile in ~/.aws/config and select it again.');
    this.name = 'InvalidProfileNameError';
  }
}

/** The command line, as a program and its arguments; refuses names outside the AWS rules. */
export function ssoLoginCommand(profile: string): { command: string; args: string[] } {
  if (!isValidProfileName(profile)) throw new InvalidProfileNameError();
  return { command: 'aws', args: ['sso', 'login', '--profile', profile] };
}

/** Terminal text: line ends as the terminal wants them. */
function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** A `vscode.Pseudoterminal` that runs one `aws sso login` and reports how it ended. */
export class SsoLoginTerminal {
  private readonly writeEmitter = new Emitter<string>();
  private readonly closeEmitter = new Emitter<number | void>();
  private readonly doneEmitter = new Emitter<{ ok: boolean }>();
  readonly onDidWrite: Event<string> = this.writeEmitter.event;
  readonly onDidClose: Event<number | void> = this.closeEmitter.event;
  /** Fires once when the CLI exits (ok: exit code 0). */
  readonly onDidFinish: Event<{ ok: boolean }> = this.doneEmitter.event;
  private child: ChildProcess | undefined;
  private finished = false;

  constructor(
    private readonly profile: string,
    private readonly spawn: Spawn = nodeSpawn,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  open(): void {
    let cmd: { command: string; args: string[] };
    try {
      cmd = ssoLoginCommand(this.profile);
    } catch (err) {
      this.finish(false, `${(err as Error).message}\n`);
      return;
    }
    this.writeEmitter.fire(crlf(`Running: ${cmd.command} ${cmd.args.join(' ')}\nFinish the sign-in in the browser window it opens.\n\n`));
    try {
      this.child = this.spawn(cmd.command, cmd.args, { env: this.env, shell: false, windowsHide: true, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      this.finish(false, `Could not start the AWS CLI: ${(err as Error).message}\n`);
      return;
    }
    this.child.stdout?.on('data', (chunk: Buffer) => this.writeEmitter.fire(crlf(chunk.toString('utf8'))));
    this.child.stderr?.on('data', (chunk: Buffer) => this.writeEmitter.fire(crlf(chunk.toString('utf8'))));
    this.child.on('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'ENOENT' ? 'the AWS CLI (aws) was not found on PATH. Install AWS CLI v2 and try again.' : err.message;
      this.finish(false, `\nCould not run aws sso login: ${why}\n`);
    });
    this.child.on('close', (code: number | null) => {
      this.finish(code === 0, code === 0 ? '\nSigned in. You can close this terminal.\n' : `\naws sso login ended with exit code ${code ?? 'unknown'}.\n`);
    });
  }

  /** Ctrl+C stops the CLI; once it has ended, any key closes the terminal. */
  handleInput(data: string): void {
    if (this.finished) this.closeEmitter.fire();
    else if (data === '\x03') this.child?.kill();
  }

  close(): void {
    if (!this.finished) this.child?.kill();
  }

  private finish(ok: boolean, text: string): void {
    if (this.finished) return;
    this.finished = true;
    this.writeEmitter.fire(crlf(`${text}Press any key to close.`));
    this.doneEmitter.fire({ ok });
  }
}
