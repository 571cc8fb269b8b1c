// Asks Maven itself (the jars of the installed mvn, through MavenOracle.java) for a batch of answers.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runJsonTool } from '../realTool';

/** Debian's maven package keeps its jars here; MAVEN_LIB overrides it for another install. */
export const MAVEN_LIB = process.env.MAVEN_LIB ?? '/usr/share/maven/lib';
const ORACLE = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'differential', 'MavenOracle.java');
export const MAVEN_FIXTURES = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'differential', 'maven');

export type OracleCase = readonly string[];

/** One java process for the whole batch (a single-file source program, compiled in memory). */
export async function askMaven<T = unknown>(cases: readonly OracleCase[], env?: NodeJS.ProcessEnv): Promise<T[]> {
  if (!fs.existsSync(path.join(MAVEN_LIB, 'maven-artifact-3.x.jar')) && !fs.readdirSync(MAVEN_LIB).some((f) => f.startsWith('maven-artifact'))) {
    throw new Error(`Maven's jars are not in ${MAVEN_LIB}: apt-get install maven default-jdk-headless (see .ci/run)`);
  }
  const answers = await runJsonTool<T[]>('java', ['-cp', path.join(MAVEN_LIB, '*'), ORACLE], cases, { timeoutMs: 600_000, ...(env ? { env } : {}) });
  if (answers.length !== cases.length) throw new Error(`MavenOracle answered ${answers.length} of ${cases.length} cases`);
  return answers;
}

export interface VersionCorpus {
  readonly artifacts: Readonly<Record<string, readonly string[]>>;
  readonly declared: readonly string[];
}

export function versionCorpus(): VersionCorpus {
  return JSON.parse(fs.readFileSync(path.join(MAVEN_FIXTURES, 'versions.json'), 'utf8')) as VersionCorpus;
}
