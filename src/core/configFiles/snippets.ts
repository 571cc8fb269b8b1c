// Clients we do not edit files for but set up by snippet: uv, poetry and Gradle. Each snippet reads
// the token from CODEARTIFACT_AUTH_TOKEN (set in VS Code terminals, or by "Copy Environment Export").
import { normalizeEndpoint } from './endpoint';
import { MAVEN_TOKEN_VARIABLE, mavenRepositoryId } from './mavenSettings';
import { pipIndexUrl, type PipIndexMode } from './pipConfig';

export interface Snippet {
  /** Where it goes, for the user: a file path pattern or "environment". */
  readonly target: string;
  readonly text: string;
}

/** uv: a named index in uv.toml / pyproject `[[tool.uv.index]]`; credentials by uv's per-index env vars. */
export function renderUvSnippets(endpoint: string, mode: PipIndexMode): Snippet[] {
  const url = pipIndexUrl(endpoint);
  return [
    {
      target: 'uv.toml (or [[tool.uv.index]] in pyproject.toml)',
      text: ['[[index]]', 'name = "codeartifact"', `url = "${url}"`, ...(mode === 'index-url' ? ['default = true'] : []), ''].join('\n'),
    },
    {
      target: 'environment',
      text: ['export UV_INDEX_CODEARTIFACT_USERNAME=aws', `export UV_INDEX_CODEARTIFACT_PASSWORD="$${MAVEN_TOKEN_VARIABLE}"`, ''].join('\n'),
    },
  ];
}

/** poetry: a source in pyproject.toml (no secret), credentials by poetry's http-basic env vars. */
export function renderPoetrySnippets(endpoint: string, mode: PipIndexMode): Snippet[] {
  const url = pipIndexUrl(endpoint);
  return [
    {
      target: 'command (writes pyproject.toml, no secret)',
      text: `poetry source add --priority=${mode === 'index-url' ? 'primary' : 'supplemental'} codeartifact ${url}\n`,
    },
    {
      target: 'environment',
      text: ['export POETRY_HTTP_BASIC_CODEARTIFACT_USERNAME=aws', `export POETRY_HTTP_BASIC_CODEARTIFACT_PASSWORD="$${MAVEN_TOKEN_VARIABLE}"`, ''].join('\n'),
    },
  ];
}

/**
 * Gradle: an init script for ~/.gradle/init.d/ that adds the repository to every build and to plugin
 * resolution, reading the token from the environment at build time (no secret in the file).
 */
export function renderGradleInitScript(request: { endpoint: string; domain: string; repository: string }): string {
  const url = normalizeEndpoint(request.endpoint).href;
  const id = mavenRepositoryId(request.domain, request.repository);
  const repo = (indent: string): string[] => [
    `${indent}maven {`,
    `${indent}    name = '${id}'`,
    `${indent}    url = uri('${url}')`,
    `${indent}    credentials {`,
    `${indent}        username = 'aws'`,
    `${indent}        password = System.getenv('${MAVEN_TOKEN_VARIABLE}')`,
    `${indent}    }`,
    `${indent}}`,
  ];
  return [
    `// Written by the CodeArtifact extension for ${request.domain}/${request.repository}; "CodeArtifact: Remove Configuration" deletes it.`,
    'beforeSettings { settings ->',
    '    settings.pluginManagement.repositories {',
    ...repo('        '),
    '        gradlePluginPortal()',
    '    }',
    '}',
    'allprojects {',
    '    repositories {',
    ...repo('        '),
    '    }',
    '}',
    '',
  ].join('\n');
}
