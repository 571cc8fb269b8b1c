// How a package version's status and origin are shown: badge text, icon, colour and contextValue suffix.

export interface StatusStyle {
  /** Shown in the description; empty for the ordinary Published state. */
  badge: string;
  /** Codicon id. */
  icon: string;
  /** Theme colour id, or undefined for the default foreground. */
  color?: string;
}

export function statusStyle(status: string): StatusStyle {
  switch (status) {
    case 'Published':
      return { badge: '', icon: 'tag' };
    case 'Unlisted':
      return { badge: 'Unlisted', icon: 'eye-closed', color: 'charts.yellow' };
    case 'Archived':
      return { badge: 'Archived', icon: 'archive', color: 'charts.orange' };
    case 'Disposed':
      return { badge: 'Disposed', icon: 'trash', color: 'charts.red' };
    case 'Unfinished':
      return { badge: 'Unfinished', icon: 'circle-large-outline', color: 'charts.purple' };
    case 'Deleted':
      return { badge: 'Deleted', icon: 'close', color: 'charts.red' };
    default:
      return { badge: status, icon: 'question' };
  }
}

export interface OriginLike {
  type?: string;
  repositoryName?: string;
  externalConnectionName?: string;
}

/**
 * Where a version came from, from the point of view of `repository`: published here, or fetched through an
 * upstream repository or the external connection.
 */
export function describeOrigin(origin: OriginLike | undefined, repository: string): string {
  if (!origin) return '';
  if (origin.externalConnectionName) return `via ${origin.externalConnectionName}`;
  if (origin.repositoryName && origin.repositoryName !== repository) return `via ${origin.repositoryName}`;
  if (origin.type === 'EXTERNAL') return 'external';
  if (origin.type === 'INTERNAL') return 'internal';
  return '';
}
