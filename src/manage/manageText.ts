// The words of the manage commands: confirmations, summaries and the failure report. Pure, so that tests read
// exactly what a person will read. Server and package names are data: callers pass these strings through
// messageText/displayText (notifications) or escapeMarkdown is applied here (the report).
import { escapeMarkdown, inlineCode } from '../core/markdown';
import type { BulkResult, VersionFailure } from './batches';

export type VersionAction = 'copy' | 'publish' | 'unlist' | 'archive' | 'dispose' | 'delete';

const VERBS: Record<VersionAction, { verb: string; past: string }> = {
  copy: { verb: 'Copy', past: 'Copied' },
  publish: { verb: 'Publish', past: 'Published' },
  unlist: { verb: 'Unlist', past: 'Unlisted' },
  archive: { verb: 'Archive', past: 'Archived' },
  dispose: { verb: 'Dispose of', past: 'Disposed of' },
  delete: { verb: 'Delete', past: 'Deleted' },
};

export function actionVerb(action: VersionAction): string {
  return VERBS[action].verb;
}

/** "1.0.0, 1.1.0 and 3 more": a modal stays readable with 500 versions. */
export function versionList(versions: readonly string[], shown = 8): string {
  if (versions.length <= shown) return versions.length <= 1 ? (versions[0] ?? '') : `${versions.slice(0, -1).join(', ')} and ${versions[versions.length - 1] ?? ''}`;
  return `${versions.slice(0, shown).join(', ')} and ${versions.length - shown} more`;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What each action does, for the confirmation's detail line. */
const CONSEQUENCES: Record<VersionAction, string> = {
  copy: '',
  publish: 'They will be listed and installable again.',
  unlist: 'Package managers will no longer offer them (npm view, pip index); an exact pin still downloads them.',
  archive: 'They can no longer be downloaded or listed until published again.',
  dispose: 'Their assets are deleted. This cannot be undone.',
  delete: 'They are removed from the repository. This cannot be undone.',
};

export function isDestructive(action: VersionAction): boolean {
  return action === 'dispose' || action === 'delete';
}

/** The modal's message and detail, naming the package, the versions and the repository. */
export function confirmation(action: VersionAction, packageName: string, versions: readonly string[], repository: string, domain: string): { message: string; detail: string; button: string } {
  const what = `${count(versions.length, 'version')} of ${packageName}`;
  const message = `${actionVerb(action)} ${what} in ${domain}/${repository}?`;
  const detail = [`Versions: ${versionList(versions)}.`, CONSEQUENCES[action]].filter(Boolean).join('\n');
  return { message, detail, button: actionVerb(action).replace(' of', '') };
}

/** Deleting more than one version asks for the package name to be typed, as consoles do for irreversible bulk work. */
export function needsTypedName(action: VersionAction | 'deletePackage', versions: number): boolean {
  return action === 'deletePackage' || (action === 'delete' && versions > 1);
}

export function typedNameProblem(typed: string, packageName: string): string | undefined {
  return typed.trim() === packageName ? undefined : `Type ${packageName} to confirm`;
}

export function copyConfirmation(packageNames: readonly string[], versions: number, source: string, target: string, domain: string, allowOverwrite: boolean): { message: string; detail: string } {
  const pkgs = packageNames.length === 1 ? (packageNames[0] ?? '') : count(packageNames.length, 'package');
  return {
    message: `Copy ${count(versions, 'version')} of ${pkgs} from ${source} to ${target} in ${domain}?`,
    detail: allowOverwrite ? `Versions that already exist in ${target} will be overwritten.` : `Versions that already exist in ${target} are left as they are (reported as ALREADY_EXISTS).`,
  };
}

/**
 * The notification after a bulk write: what happened, how many failed and why in a few words. Skipped versions
 * (not attempted by the service because another one failed) and copies already identical in the target are
 * counted apart: neither is a failure of that version.
 */
export function summary(action: VersionAction, result: BulkResult, destination?: string): string {
  const ok = result.succeeded.length;
  const same = result.unchanged.length;
  const total = ok + same + result.failed.length + result.skipped.length;
  const where = destination ? ` to ${destination}` : '';
  const head = `${VERBS[action].past} ${ok} of ${count(total, 'version')}${where}`;
  if (result.accessDenied) return `${head}. ${result.accessDenied.message}`;
  const notSent = result.failed.filter((f) => f.code === 'NOT_SENT').length;
  const failed = result.failed.length - notSent;
  const parts = [head];
  if (same > 0) parts.push(`${same} already there, identical`);
  if (failed > 0) parts.push(`${failed} failed (${codesOf(result.failed)})`);
  if (result.skipped.length > 0) parts.push(`${result.skipped.length} skipped, not changed: the service skips the rest of a call when one version fails`);
  if (notSent > 0) parts.push(`${notSent} not sent (cancelled)`);
  return `${parts.join('; ')}.`;
}

function codesOf(failed: readonly VersionFailure[]): string {
  const counts = new Map<string, number>();
  for (const f of failed) if (f.code !== 'NOT_SENT') counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  return [...counts].map(([code, n]) => `${n} ${code}`).join(', ');
}

/** What to do about each per-version error code (API reference, PackageVersionError). */
export const ERROR_HINTS: Readonly<Record<string, string>> = {
  ALREADY_EXISTS: 'The target already has this version. Copy again with "Allow overwrite" to replace it.',
  MISMATCHED_STATUS: 'Its status changed since the explorer loaded it. Refresh and try again.',
  MISMATCHED_REVISION: 'It was changed since the explorer loaded it. Refresh and try again.',
  NOT_ALLOWED: 'This change is not allowed for its status (a Disposed or Deleted version cannot change status or be copied).',
  NOT_FOUND: 'It is not in the repository (deleted meanwhile, or only in an upstream: copy with "Include from upstream").',
  SKIPPED: 'Not changed: the service skipped it because another version in the same call failed. It was sent once more on its own and skipped again; refresh and try it alone.',
  ACCESS_DENIED: 'Ask an administrator for the permission named, or sign in with another profile.',
  CALL_FAILED: 'The call was refused; nothing was changed.',
  OUTCOME_UNKNOWN: 'The answer was lost: refresh to see whether it was applied. It was not retried, so nothing happened twice.',
  NOT_SENT: 'Not sent.',
};

/** The failure document: one row per failed version, with the service's words and what to do. */
export function failureReport(title: string, action: VersionAction, result: BulkResult, displayName: (f: VersionFailure) => string): string {
  const lines = [`# ${escapeMarkdown(title)}`, '', escapeMarkdown(summary(action, result)), ''];
  lines.push(`Calls: ${result.calls} · throttled and retried: ${result.throttled} · most at once: ${result.peakConcurrency}`, '');
  if (result.resent > 0) lines.push(`Skipped by the service and sent again on their own: ${result.resent}`, '');
  const byCode = new Map<string, VersionFailure[]>();
  for (const f of [...result.failed, ...result.skipped]) byCode.set(f.code, [...(byCode.get(f.code) ?? []), f]);
  for (const [code, failures] of byCode) {
    lines.push(`## ${escapeMarkdown(code)} (${failures.length})`, '', escapeMarkdown(ERROR_HINTS[code] ?? 'See the message.'), '');
    lines.push('| Package | Version | Repository | Message |', '|---|---|---|---|');
    for (const f of failures) {
      const cell = (s: string): string => escapeMarkdown(s); // escapes `|` too: a cell cannot be split
      lines.push(`| ${cell(displayName(f))} | ${inlineCode(f.version)} | ${cell(f.pkg.repository)} | ${cell(f.message)} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
