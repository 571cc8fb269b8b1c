// A requirements file with the files it pulls in (`-r` requirements, `-c` constraints), read in the order pip
// reads them (req_file.py: an include is read where it stands, depth first), so option lines such as
// `--index-url` apply in pip's order. Paths are relative to the including file, `${VAR}` expanded as pip does.
// Reading goes through `readFile` (no fs here); a cycle or a runaway tree stops at MAX_FILES.
import * as path from 'node:path';
import { expandPipVariables, parseRequirementsTxt, type IndexOption, type PythonRequirement, type RequirementsFile } from './requirementsTxt';

export interface TreeRequirement {
  readonly file: string;
  readonly requirement: PythonRequirement;
  /** From a `-c` file (or a file it includes): constrains versions, installs nothing. */
  readonly constraint: boolean;
}

export interface TreeIndexOption extends IndexOption {
  readonly file: string;
  /** The option's value with `${VAR}` expanded. */
  readonly value?: string;
}

export interface RequirementsTree {
  readonly requirements: readonly TreeRequirement[];
  /** Index options of every file, in the order pip applies them. */
  readonly indexOptions: readonly TreeIndexOption[];
  /** Files read, the root first. */
  readonly files: readonly string[];
  /** Included files that could not be read (pip would stop with an error). */
  readonly missing: readonly string[];
}

const MAX_FILES = 64;

export async function readRequirementsTree(
  root: string,
  readFile: (file: string) => Promise<string | undefined>,
  env: Readonly<Record<string, string | undefined>> = {},
  /** The root's text or its parse (an editor's unsaved text); read from `readFile` when absent. */
  rootText?: string | Pick<RequirementsFile, 'requirements' | 'indexes' | 'includes'>,
  /** Which included files may be read at all (the root is always read). */
  mayRead: (file: string) => boolean = () => true,
): Promise<RequirementsTree> {
  const requirements: TreeRequirement[] = [];
  const indexOptions: TreeIndexOption[] = [];
  const files: string[] = [];
  const missing: string[] = [];
  const visit = async (file: string, constraint: boolean, text: string | Pick<RequirementsFile, 'requirements' | 'indexes' | 'includes'> | undefined, stack: readonly string[]): Promise<void> => {
    if (text === undefined) {
      missing.push(file);
      return;
    }
    files.push(file);
    const parsed = typeof text === 'string' ? parseRequirementsTxt(text) : text;
    type Step = { line: number; order: number; run: () => Promise<void> };
    const steps: Step[] = [];
    parsed.requirements.forEach((requirement, order) => steps.push({ line: requirement.line, order, run: () => Promise.resolve(void requirements.push({ file, requirement, constraint })) }));
    parsed.indexes.forEach((option, order) => {
      const value = option.url ? expandPipVariables(option.url.text, env) : undefined;
      steps.push({ line: option.line ?? 0, order: 1000 + order, run: () => Promise.resolve(void indexOptions.push({ ...option, file, ...(value !== undefined ? { value } : {}) })) });
    });
    parsed.includes.forEach((include, order) => {
      steps.push({
        line: include.line ?? 0,
        order: 2000 + order,
        run: async () => {
          const target = resolveInclude(file, expandPipVariables(include.path.text, env));
          if (target === undefined || stack.includes(target) || files.length + missing.length >= MAX_FILES || !mayRead(target)) return;
          // As pip: what a constraints file includes with -r stays a constraint.
          await visit(target, constraint || include.kind === 'constraints', await readFile(target), [...stack, target]);
        },
      });
    });
    steps.sort((a, b) => a.line - b.line || a.order - b.order);
    for (const step of steps) await step.run();
  };
  await visit(root, false, rootText ?? (await readFile(root)), [root]);
  return { requirements, indexOptions, files, missing };
}

/** Local paths only: a URL include (`-r https://…`) is not fetched. */
function resolveInclude(from: string, target: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    return target.toLowerCase().startsWith('file://') ? decodeURIComponent(target.replace(/^file:\/\//i, '')) : undefined;
  }
  return path.resolve(path.dirname(from), target);
}
