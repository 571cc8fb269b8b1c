// What the explorer says while package filters are on (#17 polish: Find Package must not filter silently): a line
// above the tree naming each filtered repository and how to clear it. Pure: explorer/packageFilters.ts shows it.

export interface ActiveFilter {
  repository: string;
  prefix: string;
  /** Set by Find Package / Reveal rather than typed by the user. */
  byFind: boolean;
}

/** The tree view's message, or undefined when no filter is on. */
export function filterNotice(filters: readonly ActiveFilter[]): string | undefined {
  if (filters.length === 0) return undefined;
  const how = 'Clear Package Filters (title bar) shows everything again.';
  if (filters.length === 1) {
    const f = filters[0]!;
    return `${f.byFind ? 'Find Package filtered' : 'Filtered'} ${f.repository} to packages starting with “${f.prefix}”. ${how}`;
  }
  const shown = filters.slice(0, 3).map((f) => `${f.repository} (“${f.prefix}”)`).join(', ');
  return `${filters.length} repositories are filtered: ${shown}${filters.length > 3 ? ', …' : ''}. ${how}`;
}
