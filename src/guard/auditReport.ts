// The audit's report: counts and the exposed, protected and unreadable dependencies, as Markdown in which every
// name and path is escaped (a manifest is attacker input). No vscode here.
import { escapeMarkdown } from '../core/markdown';
import type { ManifestDependency } from '../versions/manifestDependencies';
import type { CheckResult, GuardQuery } from './confusionCheck';
import type { Verdict } from './confusionDecision';

/** Manifests the audit reads at most. */
export const MAX_AUDIT_FILES = 500;

export interface Checked {
  readonly dep: ManifestDependency;
  readonly query?: GuardQuery;
  /** Why the dependency was not checked (not a CodeArtifact repository, untrusted folder, domain not allowed). */
  readonly skipped?: string;
  readonly result?: CheckResult;
  readonly error?: string;
}

/** The report's Markdown; every name and path is escaped (a manifest is attacker input). */
export function auditReport(rows: readonly { file: string; checked: readonly Checked[] }[], notes: { truncated: boolean; cancelled: boolean }): string {
  const counts = { dependencies: 0, checked: 0, internal: 0, exposed: 0, protected: 0, unknown: 0, skipped: 0 };
  const exposedLines: string[] = [];
  const protectedLines: string[] = [];
  const unknownLines: string[] = [];
  for (const { file, checked } of rows) {
    for (const c of checked) {
      counts.dependencies++;
      const at = `${escapeMarkdown(c.dep.displayName)} (${escapeMarkdown(file)}${c.query ? `, ${escapeMarkdown(c.query.target.domain)}/${escapeMarkdown(c.query.target.repository)}` : ''})`;
      if (c.skipped) {
        counts.skipped++;
        continue;
      }
      counts.checked++;
      const v: Verdict | undefined = c.result?.verdict;
      if (!v || v.kind === 'unknown') {
        counts.unknown++;
        unknownLines.push(`- ${at}: ${escapeMarkdown(c.error ?? (v?.kind === 'unknown' ? v.detail : 'no answer'))}`);
        continue;
      }
      if (v.kind === 'notInternal') continue;
      counts.internal++;
      if (v.kind === 'exposed') {
        counts.exposed++;
        const via = v.entries.map((e) => `${escapeMarkdown(e.connection)} on ${escapeMarkdown(e.path.join(' → '))}`).join('; ');
        exposedLines.push(`- **${at}**: through ${via}${v.groupChecked ? '' : ' (package group not checked)'}`);
      } else {
        counts.protected++;
        protectedLines.push(`- ${at}: ${escapeMarkdown(v.detail)}`);
      }
    }
  }
  const lines = [
    '# Dependency confusion audit',
    '',
    `| | count |`,
    `|---|---|`,
    `| manifests | ${rows.length} |`,
    `| dependencies | ${counts.dependencies} |`,
    `| checked in CodeArtifact | ${counts.checked} |`,
    `| internal (published to the repository) | ${counts.internal} |`,
    `| **exposed**: internal, upstream allowed | ${counts.exposed} |`,
    `| protected | ${counts.protected} |`,
    `| could not be checked | ${counts.unknown} |`,
    `| not checked (not a CodeArtifact repository, untrusted folder or domain not allowed) | ${counts.skipped} |`,
    '',
  ];
  if (notes.cancelled) lines.push('_The audit was cancelled: the counts cover the manifests read until then._', '');
  if (notes.truncated) lines.push(`_Only the first ${MAX_AUDIT_FILES} manifests were read._`, '');
  lines.push('## Exposed', '', ...(exposedLines.length ? exposedLines : ['None.']), '');
  lines.push('Fix: the quick fix on the dependency ("Block upstream for this package"), or block the external upstream of its package group.', '');
  if (protectedLines.length) lines.push('## Protected', '', ...protectedLines, '');
  if (unknownLines.length) lines.push('## Could not be checked', '', ...unknownLines, '');
  return `${lines.join('\n')}\n`;
}
