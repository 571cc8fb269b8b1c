// "Configure uv / Poetry for a Repository": which file gets the index (pyproject.toml, or uv's uv.toml), or a
// snippet document instead (writes nothing). uv reads uv.toml before pyproject.toml's [tool.uv] (and then ignores
// that table), so a folder with a uv.toml is offered only uv.toml. No runtime `vscode` import.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { displayText } from '../core/displayText';
import type { Step } from '../core/steps';
import { folderStep, indexModeStep, TOOL_LABELS, type ConfigureState, type FlowContext, type PickOption } from './toolSteps';

export type PythonFileChoice = NonNullable<ConfigureState['pythonFile']>;

/** Which of uv's and Poetry's project files a folder has. */
export interface PythonFolderFiles {
  readonly pyproject: boolean;
  readonly uvToml: boolean;
}

async function exists(file: string): Promise<boolean> {
  try {
    // lstat: a link counts as present; the Configurator refuses one that leaves the folder.
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}

export async function readPythonFiles(folder: string): Promise<PythonFolderFiles> {
  const [pyproject, uvToml] = await Promise.all([exists(path.join(folder, 'pyproject.toml')), exists(path.join(folder, 'uv.toml'))]);
  return { pyproject, uvToml };
}

/** The folders each tool can write into: any folder for uv (uv.toml may be created), those with a pyproject.toml for Poetry. */
export function writableFolders(tool: 'uv' | 'poetry', files: ReadonlyMap<string, PythonFolderFiles>): string[] {
  return [...files].filter(([, f]) => tool === 'uv' || f.pyproject).map(([folder]) => folder);
}

/** The file uv writes in a folder when nobody chose: uv.toml if there is one (uv would ignore pyproject.toml's [tool.uv]). */
export function defaultUvFile(files: PythonFolderFiles): 'pyproject' | 'uvToml' {
  return files.uvToml || !files.pyproject ? 'uvToml' : 'pyproject';
}

export type PythonFileItem = PickOption & { file: PythonFileChoice };

/** The choices for a folder (undefined: there is none to write into, `whyNone` says why): the files first, the snippet last. */
export function pythonFileItems(tool: 'uv' | 'poetry', files: PythonFolderFiles | undefined, whyNone: string): PythonFileItem[] {
  const snippet: PythonFileItem = {
    label: 'Show snippet instead',
    description: 'writes nothing',
    detail: files ? 'A document to copy from; the token comes from CODEARTIFACT_AUTH_TOKEN.' : `Nothing can be written: ${whyNone}`,
    file: 'snippet',
  };
  if (!files) return [snippet];
  if (tool === 'poetry') {
    return [{ label: 'pyproject.toml', description: '[[tool.poetry.source]] · token in your auth.toml', detail: 'The project gets the URL only; the token goes into your user-level auth.toml (0600).', file: 'pyproject' }, snippet];
  }
  const uvToml = (detail: string): PythonFileItem => ({ label: 'uv.toml', description: '[[index]] · token in the environment', detail, file: 'uvToml' });
  if (files.uvToml) return [uvToml('The folder has a uv.toml, which uv reads instead of [tool.uv] in pyproject.toml.'), snippet];
  if (!files.pyproject) return [uvToml('A new uv.toml in the folder (it has no pyproject.toml).'), snippet];
  return [
    { label: 'pyproject.toml', description: '[[tool.uv.index]] · token in the environment', detail: 'The project gets the URL only.', file: 'pyproject' },
    uvToml('A new uv.toml; beware: uv then ignores the [tool.uv] table of pyproject.toml.'),
    snippet,
  ];
}

export function pythonFileStep(ctx: FlowContext, tool: 'uv' | 'poetry', files: ReadonlyMap<string, PythonFolderFiles>, whyNone: string): Step<ConfigureState> {
  return {
    run: async (state, position, earlier) => {
      const items = pythonFileItems(tool, state.folder === undefined ? undefined : files.get(state.folder), whyNone);
      const result = await ctx.prompter.pick({
        title: displayText(`${ctx.purpose} for ${state.target?.domain ?? ''}/${state.target?.repository ?? ''}: where`),
        placeholder: `Which file ${TOOL_LABELS[tool]} should read the repository from`,
        items,
        position,
        active: (i) => i.file === earlier?.pythonFile,
      });
      if (typeof result === 'string') return result;
      const picked = result.picked[0];
      return picked === undefined ? 'cancel' : { next: { ...state, pythonFile: picked.file } };
    },
  };
}

/**
 * "Configure uv / Poetry for a Repository": domain and repository (`targetSteps`, passed in), the folder (only when
 * more than one of `ctx.folders` could be meant), the file (or a snippet), then how the index is used.
 */
export function pythonProjectSteps(ctx: FlowContext, targetSteps: Step<ConfigureState>[], tool: 'uv' | 'poetry', files: ReadonlyMap<string, PythonFolderFiles>, whyNone = 'no open folder to write into.'): Step<ConfigureState>[] {
  return [...targetSteps, folderStep(ctx), pythonFileStep(ctx, tool, files, whyNone), indexModeStep(ctx, tool)];
}
