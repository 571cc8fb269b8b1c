// Repository setup rules as the service states them: repository names, the external connections CodeArtifact
// offers, and edits of a repository's upstream list (priority order, at most 10 direct upstreams, no duplicates,
// not itself). Pure: the commands check here first so that a person gets the service's rule before a request.

/** botocore's RepositoryName: 2–100 characters, letters, digits, `.`, `_`, `-`, not starting with a symbol. */
const REPOSITORY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,99}$/;
/** "Direct upstreams per repository: 10" (Quotas in AWS CodeArtifact; not adjustable). */
export const MAX_UPSTREAMS = 10;

/** Undefined when the service would accept the name; otherwise what is wrong with it, said for a person. */
export function repositoryNameProblem(name: string, existing: readonly string[] = []): string | undefined {
  if (name.length < 2) return 'A repository name has at least 2 characters.';
  if (name.length > 100) return 'A repository name has at most 100 characters.';
  if (!/^[A-Za-z0-9]/.test(name)) return 'A repository name starts with a letter or a digit.';
  if (!REPOSITORY_NAME.test(name)) return 'A repository name may contain only letters, digits, ".", "_" and "-".';
  if (existing.includes(name)) return `The domain already has a repository named ${name}.`;
  return undefined;
}

export interface ExternalConnectionChoice {
  readonly name: string;
  readonly format: string;
  readonly label: string;
}

/** "Supported external connection repositories" (CodeArtifact user guide). */
export const EXTERNAL_CONNECTIONS: readonly ExternalConnectionChoice[] = [
  { name: 'public:npmjs', format: 'npm', label: 'npm public registry (npmjs.com)' },
  { name: 'public:pypi', format: 'pypi', label: 'Python Package Index (pypi.org)' },
  { name: 'public:maven-central', format: 'maven', label: 'Maven Central' },
  { name: 'public:maven-googleandroid', format: 'maven', label: 'Google Android repository' },
  { name: 'public:maven-gradleplugins', format: 'maven', label: 'Gradle plugins' },
  { name: 'public:maven-commonsware', format: 'maven', label: 'CommonsWare Android' },
  { name: 'public:maven-clojars', format: 'maven', label: 'Clojars' },
  { name: 'public:nuget-org', format: 'nuget', label: 'NuGet Gallery (nuget.org)' },
  { name: 'public:ruby-gems-org', format: 'ruby', label: 'RubyGems (rubygems.org)' },
  { name: 'public:crates-io', format: 'cargo', label: 'crates.io' },
];

export class UpstreamEditError extends Error {
  override readonly name = 'UpstreamEditError';
}

/** The list with `name` added last (lowest priority). */
export function withUpstreamAdded(repository: string, upstreams: readonly string[], name: string): string[] {
  if (name === repository) throw new UpstreamEditError(`${repository} cannot be its own upstream.`);
  if (upstreams.includes(name)) throw new UpstreamEditError(`${name} is already an upstream of ${repository}.`);
  if (upstreams.length >= MAX_UPSTREAMS) throw new UpstreamEditError(`${repository} already has ${MAX_UPSTREAMS} upstream repositories, the most CodeArtifact allows. Remove one first.`);
  return [...upstreams, name];
}

export function withUpstreamRemoved(repository: string, upstreams: readonly string[], name: string): string[] {
  if (!upstreams.includes(name)) throw new UpstreamEditError(`${name} is not an upstream of ${repository}.`);
  return upstreams.filter((u) => u !== name);
}

/** `delta` -1 moves it up (searched earlier), +1 down. Undefined when it is already first/last. */
export function withUpstreamMoved(repository: string, upstreams: readonly string[], name: string, delta: -1 | 1): string[] | undefined {
  const i = upstreams.indexOf(name);
  if (i < 0) throw new UpstreamEditError(`${name} is not an upstream of ${repository}.`);
  const j = i + delta;
  if (j < 0 || j >= upstreams.length) return undefined;
  const next = [...upstreams];
  [next[i], next[j]] = [next[j]!, next[i]!];
  return next;
}
