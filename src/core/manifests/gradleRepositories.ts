// The repositories a Gradle script declares, and which of them a project resolves from. Gradle never reads
// ~/.m2/settings.xml: only `repositories {}` blocks in the build and settings scripts (and init scripts) count.
// Read with buildGradle.ts's tokens (no Groovy/Kotlin parser with positions exists on npm); a URL that is not a
// plain literal (`"$repoUrl"`, `file(...)`) is kept as unknown so the answer can say it cannot tell.

import { tokenize, unquote, type Token } from './buildGradle';

/** Where a `repositories {}` block sits, which decides whom it serves. */
export type GradleRepositoryScope = 'project' | 'allprojects' | 'subprojects' | 'settings' | 'other';

export interface GradleRepository {
  readonly scope: GradleRepositoryScope;
  /** `maven`, or the shorthand (`mavenCentral`, `google`, `gradlePluginPortal`, `mavenLocal`, `jcenter`). */
  readonly kind: string;
  /** Undefined when the script computes it (interpolation, a variable, `file()`): we cannot tell. */
  readonly url?: string;
}

/** Gradle's `RepositoriesMode` (settings `dependencyResolutionManagement`); PREFER_PROJECT when not set. */
export type RepositoriesMode = 'PREFER_PROJECT' | 'PREFER_SETTINGS' | 'FAIL_ON_PROJECT_REPOS';

export interface GradleScriptRepositories {
  readonly repositories: readonly GradleRepository[];
  readonly mode?: RepositoriesMode;
}

// URLs of the shorthands, from Gradle's RepositoryHandler documentation.
const SHORTHANDS: Readonly<Record<string, string | undefined>> = {
  mavenCentral: 'https://repo.maven.apache.org/maven2/',
  google: 'https://dl.google.com/dl/android/maven2/',
  gradlePluginPortal: 'https://plugins.gradle.org/m2/',
  jcenter: 'https://jcenter.bintray.com/',
  mavenLocal: undefined,
};

const MODES: readonly RepositoriesMode[] = ['PREFER_PROJECT', 'PREFER_SETTINGS', 'FAIL_ON_PROJECT_REPOS'];

/** Never throws. */
export function parseGradleRepositories(source: string): GradleScriptRepositories {
  try {
    return read(tokenize(source));
  } catch {
    return { repositories: [] };
  }
}

function read(tokens: readonly Token[]): GradleScriptRepositories {
  const repositories: GradleRepository[] = [];
  let mode: RepositoriesMode | undefined;
  const stack: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'ident' && t.text === 'RepositoriesMode' && tokens[i + 1]?.text === '.') {
      const value = tokens[i + 2]?.text as RepositoriesMode | undefined;
      if (value && MODES.includes(value)) mode = value;
    }
    if (t.text === '{' && t.kind === 'punct') {
      stack.push(blockName(tokens, i));
      continue;
    }
    if (t.text === '}' && t.kind === 'punct') {
      stack.pop();
      continue;
    }
    if (stack[stack.length - 1] !== 'repositories' || t.kind !== 'ident' || tokens[i - 1]?.text === '.') continue;
    const scope = scopeOf(stack.slice(0, -1));
    if (t.text in SHORTHANDS && tokens[i + 1]?.text === '(') {
      const url = SHORTHANDS[t.text];
      repositories.push({ scope, kind: t.text, ...(url ? { url } : {}) });
      continue;
    }
    if (t.text !== 'maven') continue;
    // `maven("u")`, `maven(url = "u")`, `maven(url: 'u')`, then optionally `{ url = uri("u") }`.
    let end = i + 1;
    if (tokens[end]?.text === '(') end = matching(tokens, end, '(', ')') + 1;
    if (tokens[end]?.text === '{') end = matching(tokens, end, '{', '}') + 1;
    repositories.push({ scope, kind: 'maven', ...urlIn(tokens, i + 1, end) });
    i = end - 1;
  }
  return { repositories, ...(mode ? { mode } : {}) };
}

/** The name of the block a `{` opens: `name {`, `name(...) {`; '' for closures such as `settings -> {`. */
function blockName(tokens: readonly Token[], open: number): string {
  let j = open - 1;
  if (tokens[j]?.text === ')') {
    let depth = 0;
    for (; j >= 0; j--) {
      if (tokens[j]!.text === ')') depth++;
      else if (tokens[j]!.text === '(' && --depth === 0) break;
    }
    j--;
  }
  const name = tokens[j];
  return name?.kind === 'ident' && tokens[j - 1]?.text !== '.' ? name.text : '';
}

function scopeOf(outer: readonly string[]): GradleRepositoryScope {
  if (outer.length === 0) return 'project';
  if (outer.length === 1 && outer[0] === 'allprojects') return 'allprojects';
  if (outer.length === 1 && outer[0] === 'subprojects') return 'subprojects';
  if (outer.length === 1 && outer[0] === 'dependencyResolutionManagement') return 'settings';
  return 'other';
}

function matching(tokens: readonly Token[], open: number, opener: string, closer: string): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    const text = tokens[j]!.kind === 'punct' ? tokens[j]!.text : '';
    if (text === opener) depth++;
    else if (text === closer && --depth === 0) return j;
  }
  return tokens.length - 1;
}

/** The URL of a `maven` declaration between two token indexes; `{}` when it is computed. */
function urlIn(tokens: readonly Token[], from: number, to: number): { url?: string } {
  for (let j = from; j < to; j++) {
    const t = tokens[j]!;
    // `maven("u")`: a string straight after the opening parenthesis.
    const direct = j === from + 1 && tokens[from]?.text === '(' && t.kind === 'string';
    const named = t.kind === 'ident' && (t.text === 'url' || t.text === 'setUrl') && tokens[j - 1]?.text !== '.';
    if (!direct && !named) continue;
    let k = direct ? j : j + 1;
    while (k < to && ['=', ':', '('].includes(tokens[k]!.text)) k++;
    if (tokens[k]?.kind === 'ident' && tokens[k]!.text === 'uri' && tokens[k + 1]?.text === '(') k += 2;
    const value = tokens[k];
    if (value?.kind !== 'string') return {};
    const text = unquote(value);
    // Groovy's single quotes and Kotlin raw strings aside, `$` interpolates: the URL is computed.
    if ((value.quote !== "'" && text.includes('$')) || text.includes('\\')) return {};
    return { url: text };
  }
  return {};
}

/**
 * The repositories a project resolves from, in Gradle's search order, per the settings' RepositoriesMode:
 * PREFER_PROJECT uses the project's own when it declares any, else the settings'; PREFER_SETTINGS ignores the
 * project's; FAIL_ON_PROJECT_REPOS fails the build when the project declares any (then undefined).
 * `project`: the build script's `repositories` and `allprojects`; `root`: the root build script when the project
 * is a subproject (its `allprojects` and `subprojects` blocks apply first).
 */
export function gradleRepositoriesInEffect(
  project: readonly GradleRepository[],
  settings: GradleScriptRepositories | undefined,
  root?: readonly GradleRepository[],
): readonly GradleRepository[] | undefined {
  const own = [
    ...(root ?? []).filter((r) => r.scope === 'allprojects' || r.scope === 'subprojects'),
    ...project.filter((r) => r.scope === 'project' || r.scope === 'allprojects'),
  ];
  const fromSettings = (settings?.repositories ?? []).filter((r) => r.scope === 'settings');
  switch (settings?.mode ?? 'PREFER_PROJECT') {
    case 'PREFER_SETTINGS':
      return fromSettings;
    case 'FAIL_ON_PROJECT_REPOS':
      return own.length > 0 ? undefined : fromSettings;
    default:
      return own.length > 0 ? own : fromSettings;
  }
}
