// The uv and Poetry part of the configure journey: the index/source in the project's pyproject.toml or uv's uv.toml (URL only),
// and for Poetry the token in its user-level auth.toml (`http-basic.<name>`). uv gets its credentials from the
// environment (UV_INDEX_<NAME>_USERNAME / _PASSWORD; see pythonCredentialExport). Writers in
// core/configFiles/pyprojectIndex.
import * as path from 'node:path';
import type { AppliedConfiguration } from './configurator';
import type { EditResult } from '../core/configFiles/managedBlock';
import type { PipIndexMode } from '../core/configFiles/pipConfig';
import {
  applyPoetryAuth,
  applyPyprojectIndex,
  applyUvTomlIndex,
  poetryAuthPath,
  poetryCredentialEnvironment,
  pythonIndexName,
  removePoetryAuth,
  removePyprojectIndex,
  removeUvTomlIndex,
  uvCredentialEnvironment,
  type PythonTool,
} from '../core/configFiles/pyprojectIndex';
import type { UserContext } from '../core/configFiles/userPaths';

export type PythonProjectConfigKind = 'uvIndex' | 'uvToml' | 'poetrySource' | 'poetryAuth';

/** The file uv's index goes into: the project's pyproject.toml, or the folder's uv.toml. */
export type UvFile = 'pyproject' | 'uvToml';

type Base = Pick<AppliedConfiguration, 'domain' | 'owner' | 'repository' | 'endpoint' | 'appliedAt'>;

export function pythonProjectRecords(
  base: Base,
  options: { tool: PythonTool; workspaceFolder: string; mode: PipIndexMode; user: UserContext; uvFile?: UvFile },
): Omit<AppliedConfiguration, 'createdFile'>[] {
  const pyproject = path.join(options.workspaceFolder, 'pyproject.toml');
  if (options.tool === 'uv') {
    if (options.uvFile === 'uvToml') return [{ ...base, kind: 'uvToml', file: path.join(options.workspaceFolder, 'uv.toml'), holdsToken: false, mode: options.mode }];
    return [{ ...base, kind: 'uvIndex', file: pyproject, holdsToken: false, mode: options.mode }];
  }
  return [
    { ...base, kind: 'poetryAuth', file: poetryAuthPath(options.user), holdsToken: true },
    { ...base, kind: 'poetrySource', file: pyproject, holdsToken: false, mode: options.mode },
  ];
}

const nameOf = (r: Pick<AppliedConfiguration, 'domain' | 'repository'>): string => pythonIndexName(r.domain, r.repository);

export function applyPythonProjectRecord(existing: string | undefined, r: AppliedConfiguration, token: string): EditResult {
  if (r.kind === 'poetryAuth') return applyPoetryAuth(existing, { name: nameOf(r), token });
  if (r.kind === 'uvToml') return applyUvTomlIndex(existing, { endpoint: r.endpoint, name: nameOf(r), mode: r.mode ?? 'index-url' });
  return applyPyprojectIndex(existing, r.kind === 'uvIndex' ? 'uv' : 'poetry', { endpoint: r.endpoint, name: nameOf(r), mode: r.mode ?? 'index-url' });
}

export function removePythonProjectRecord(text: string, r: AppliedConfiguration): string {
  if (r.kind === 'poetryAuth') return removePoetryAuth(text, { name: nameOf(r) });
  if (r.kind === 'uvToml') return removeUvTomlIndex(text, { name: nameOf(r) });
  return removePyprojectIndex(text, r.kind === 'uvIndex' ? 'uv' : 'poetry', { name: nameOf(r) });
}

/** The variables a CI job (or a shell) needs for the repository's index: uv's or Poetry's per-index credentials. */
export function pythonCredentialExport(tool: PythonTool, target: Pick<AppliedConfiguration, 'domain' | 'repository'>, token: string): Record<string, string> {
  return tool === 'uv' ? uvCredentialEnvironment(nameOf(target), token) : poetryCredentialEnvironment(nameOf(target), token);
}
