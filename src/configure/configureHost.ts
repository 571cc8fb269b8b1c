// What the configure flows (configureFlow, workspaceFlow and the per-family appliers npmFamily, pythonFamily,
// jvmFamily, newerFormats) need from the feature (commands.ts), and the small helpers they share.
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RepositoryRef } from '../aws/codeArtifactApi';
import type { TokenDomain, TokenService } from '../auth/tokens';
import type { Step } from '../core/steps';
import type { AppliedConfiguration, ConfigureResult, Configurator, RepositoryTarget } from './configurator';
import type { TargetState } from './targetSteps';

export interface ConfigureHost {
  readonly configurator: Configurator;
  readonly tokens: TokenService;
  readonly log: vscode.LogOutputChannel;
  targetSteps<S extends TargetState>(purpose: string): Step<S>[];
  pickTarget(arg: unknown, purpose: string): Promise<RepositoryTarget | undefined>;
  /** Restricted Mode: says so, with the way out, and returns false. */
  requireTrust(purpose: string, file: string): boolean;
  /** One notification with a Cancel button; `report` names the part under way. */
  run<T>(title: string, work: (signal: AbortSignal | undefined, report: (message: string) => void) => Promise<T>): Thenable<T>;
  /** After a configuration is written: the tokens to keep fresh, the terminal environment, the log. */
  recordConfigured(result: ConfigureResult): Promise<void>;
  /** recordConfigured, then tells the user what was written, with Open File. */
  afterConfigure(what: string, target: RepositoryTarget, result: ConfigureResult): Promise<void>;
  updateEnvironment(prefer?: TokenDomain): Promise<void>;
  /** Copies a secret (an environment export), says so, and clears the clipboard after a minute unless kept. */
  copySecret(secret: string, message: string): Promise<void>;
  renderStatus(): void;
}

/** What one tool's configuration wrote, and how to name it in messages ("pip (index-url)"). */
export interface Applied {
  what: string;
  result: ConfigureResult;
}

/** The argument the explorer passes (a RepositoryNode) or a plain target (tests, other commands). */
export function targetFromArgument(arg: unknown): RepositoryTarget | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const ref = (arg as { ref?: unknown }).ref;
  const candidate = (typeof ref === 'object' && ref !== null ? ref : arg) as Partial<RepositoryRef>;
  if (typeof candidate.domain === 'string' && typeof candidate.repository === 'string') {
    return { domain: candidate.domain, repository: candidate.repository, ...(candidate.domainOwner ? { domainOwner: candidate.domainOwner } : {}) };
  }
  return undefined;
}

/** What identifies one recorded configuration (its block): the same as the Configurator's record id. */
export function recordKey(r: AppliedConfiguration): string {
  return JSON.stringify([r.kind, r.file, r.scope ?? '', r.domain, r.owner, r.repository, r.kind === 'npmAuth' || r.kind === 'yarnAuth' ? r.endpoint : '']);
}

/** A path for messages: workspace-relative inside the workspace, `~/…` in the home directory. */
export function tildify(file: string): string {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file));
  if (folder) return vscode.workspace.asRelativePath(file, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
  const home = os.homedir();
  return file.startsWith(home + path.sep) ? `~${file.slice(home.length)}` : file;
}
