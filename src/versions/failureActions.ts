// What a person can do about a failed lookup or a package the repository lacks: the failure lens's command (the
// fix, else Retry or Show Log) and the quick fixes of an unknown package ("Search the domain", "Add an upstream").
import * as vscode from 'vscode';
import type { Session } from '../auth/session';
import { displayText, DISPLAY_LIMITS, iconSafeText } from '../core/displayText';
import { registerCommand } from '../shared/commands';
import type { FailureSummary, FixAction } from '../shared/failureSummary';
import { OPEN_SETTING_COMMAND } from '../shared/openSetting';
import type { ManifestDependency } from './manifestDependencies';
import { addUpstreamUrl, searchText, type AddUpstreamArgs } from './repositoryReach';
import type { RepositoryTarget } from './repositoryResolver';

export const ADD_UPSTREAM_COMMAND = 'codeartifact.addUpstream';
export const FIND_PACKAGE_COMMAND = 'codeartifact.findPackage';

/** The command behind each fix; `retry` is the caller's (it knows what to ask again). */
function commandOf(fix: FixAction, retryCommand: string): { command: string; arguments?: unknown[] } {
  switch (fix) {
    case 'signIn':
      return { command: 'codeartifact.signIn' };
    case 'retry':
      return { command: retryCommand };
    case 'refreshToken':
      return { command: 'codeartifact.refreshToken' };
    case 'openSettings':
      return { command: OPEN_SETTING_COMMAND, arguments: ['codeartifact.'] };
    case 'showLog':
      return { command: 'codeartifact.showLogs' };
  }
}

/** `versions unavailable: can't reach the repository · Retry`, the full message as tooltip. */
export function failureCommand(summary: FailureSummary, detail: string, retryCommand: string): vscode.Command {
  return {
    title: iconSafeText(`versions unavailable: ${summary.reason} · ${summary.fixLabel}`),
    tooltip: displayText(detail, DISPLAY_LIMITS.description),
    ...commandOf(summary.fix, retryCommand),
  };
}

export function unknownPackageActions(dep: ManifestDependency, target: RepositoryTarget, diagnostics: vscode.Diagnostic[]): vscode.CodeAction[] {
  const search = new vscode.CodeAction(displayText(`Search the domain ${target.domain} for ${dep.displayName}`), vscode.CodeActionKind.QuickFix);
  search.command = {
    title: 'Search the domain',
    command: FIND_PACKAGE_COMMAND,
    arguments: [{ domain: target.domain, owner: target.owner, text: searchText(dep) }],
  };
  search.isPreferred = true;
  const upstream = new vscode.CodeAction(displayText(`Add an upstream to ${target.domain}/${target.repository}… (AWS console)`), vscode.CodeActionKind.QuickFix);
  const args: AddUpstreamArgs = { domain: target.domain, owner: target.owner, repository: target.repository };
  upstream.command = { title: 'Add an upstream', command: ADD_UPSTREAM_COMMAND, arguments: [args] };
  for (const action of [search, upstream]) if (diagnostics.length > 0) action.diagnostics = diagnostics;
  return [search, upstream];
}

export function registerUnknownPackageCommands(session: Session, log: vscode.LogOutputChannel): vscode.Disposable[] {
  return [
    registerCommand(
      ADD_UPSTREAM_COMMAND,
      'Add an upstream',
      async (args: unknown) => {
        const url = addUpstreamUrl(args, session.connection?.region);
        log.info(`Add an upstream: opening ${url}`);
        await vscode.env.openExternal(vscode.Uri.parse(url, true));
      },
      log,
    ),
  ];
}
