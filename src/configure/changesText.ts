// "Show Changes" after Configure Workspace: every file the run changed, with the writers' own summary lines (they
// never hold a token), as plain text in an editor tab — readable, searchable, and never rendered as markup.
// No vscode here.
import type { Applied } from './configureHost';

export function changesText(target: { domain: string; repository: string }, done: readonly Applied[], at: Date): string {
  const out = [`Configure Workspace → CodeArtifact ${target.domain}/${target.repository}, ${at.toLocaleString()}`, ''];
  for (const applied of done) {
    out.push(applied.what);
    const changed = applied.result.changes.filter((c) => c.lines.length > 0);
    if (changed.length === 0) out.push('  already configured: nothing changed');
    for (const change of changed) {
      out.push(`  ${change.file}${change.holdsToken ? '  (user file, mode 0600: holds the token)' : ''}`);
      for (const line of change.lines) out.push(`    - ${line}`);
    }
    out.push('');
  }
  out.push('Undo (in the summary) or "CodeArtifact: Remove Configuration…" puts every file back as it was.');
  return out.join('\n');
}
