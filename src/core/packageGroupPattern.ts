// Package group patterns as the CodeArtifact user guide defines them (`/*`, `/npm/*`, `/maven/com.acme~`,
// `/npm/acme/*`, `/npm/acme/ui~`, `/pypi//requests$`): a quick check for the input box, before the service
// (which has the last word) sees the pattern. Pure.

const FORMATS = ['npm', 'pypi', 'maven', 'nuget', 'generic', 'ruby', 'swift', 'cargo'];
const NO_NAMESPACE = ['pypi', 'nuget', 'ruby', 'cargo'];

/** Why a pattern cannot be a package group, or undefined when it has the right shape. */
export function packageGroupPatternProblem(pattern: string): string | undefined {
  if (pattern.length < 2 || pattern.length > 520) return 'A pattern has 2 to 520 characters, e.g. /npm/acme/*.';
  if (/[\s\p{C}]/u.test(pattern)) return 'A pattern has no spaces or control characters.';
  if (!pattern.startsWith('/')) return "A pattern starts with '/', e.g. /npm/acme/*.";
  if (pattern === '/*') return undefined;
  const suffix = pattern.slice(-1);
  if (!['*', '~', '$'].includes(suffix)) return "End the pattern with /* (all), ~ (prefix) or $ (exact name).";
  if (suffix === '*' && !pattern.endsWith('/*')) return "'*' comes after a '/', e.g. /npm/acme/*.";
  const body = pattern.slice(1, suffix === '*' ? -2 : -1);
  if (/[*~$]/.test(body)) return "'*', '~' and '$' may only end the pattern.";
  const parts = body.split('/');
  const format = parts[0] ?? '';
  if (!FORMATS.includes(format)) return `'${format}' is not a package format (${FORMATS.join(', ')}).`;
  const shapes: Record<string, number[]> = { '*': [1, 2], '~': [2, 3], $: [3] };
  if (!(shapes[suffix] ?? []).includes(parts.length)) return 'Use /FORMAT/*, /FORMAT/NAMESPACE~, /FORMAT/NAMESPACE/*, /FORMAT/NAMESPACE/NAME~ or /FORMAT/NAMESPACE/NAME$.';
  const namespace = parts[1];
  if (namespace && NO_NAMESPACE.includes(format)) return `${format} packages have no namespace: leave it empty, e.g. /${format}//NAME$.`;
  if (format === 'npm' && namespace?.startsWith('@')) return "Write the npm scope without '@', e.g. /npm/acme/*.";
  if (suffix !== '*' && parts.at(-1) === '') return 'Give the prefix or name before ~ or $.';
  return undefined;
}

/** The add/remove lists that turn an allowed-repository list into the chosen one. */
export function allowedListChanges(current: readonly string[], chosen: readonly string[]): { add: string[]; remove: string[] } {
  return { add: chosen.filter((r) => !current.includes(r)), remove: current.filter((r) => !chosen.includes(r)) };
}

/** Description and contact info of a package group (model: `\P{C}*`, at most 1,000 characters). */
export function packageGroupTextProblem(text: string): string | undefined {
  if (text.length > 1000) return `At most 1,000 characters (now ${text.length}).`;
  if (/\p{C}/u.test(text)) return 'No control characters (tabs, line breaks and the like).';
  return undefined;
}
