// "1 match", "2 matches", "1 repository", "3 repositories": the count and its noun, agreeing. Pure.

const IRREGULAR: Record<string, string> = {
  repository: 'repositories',
  entry: 'entries',
  match: 'matches',
  dependency: 'dependencies',
  it: 'them',
};

export function pluralOf(noun: string): string {
  return IRREGULAR[noun] ?? (/(s|x|z|ch|sh)$/.test(noun) ? `${noun}es` : `${noun}s`);
}

/** `3 matches`; `plural` when the noun is not regular. */
export function countOf(n: number, noun: string, plural = pluralOf(noun)): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
