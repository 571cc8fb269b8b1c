// A consumer build for the real-mvn tests that prove a version can be resolved: a project with one dependency,
// built with `mvn compile` against a local repository of its own, through the settings.xml our configureMaven
// wrote into HOME. Plugins are pinned to versions whose closure is in ~/.m2 (reached through a
// public:maven-central connection backed by it); maven-dependency-plugin's closure is not there, so a build —
// which must resolve the dependency before the compiler runs — stands in for `mvn dependency:get`.
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { clientEnv, run, writeFiles, type RunResult } from './helpers';

export interface MavenDependency {
  readonly groupId: string;
  readonly artifactId: string;
  /** Exact, a range (`[1.0,2.0)`) or RELEASE. */
  readonly version: string;
}

export function consumerPom(dep: MavenDependency): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<project xmlns="http://maven.apache.org/POM/4.0.0">',
    '  <modelVersion>4.0.0</modelVersion>',
    '  <groupId>com.example</groupId><artifactId>consumer</artifactId><version>1.0.0</version><packaging>jar</packaging>',
    '  <properties><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding><maven.compiler.release>17</maven.compiler.release></properties>',
    `  <dependencies><dependency><groupId>${dep.groupId}</groupId><artifactId>${dep.artifactId}</artifactId><version>${dep.version}</version></dependency></dependencies>`,
    '  <build><plugins>',
    '    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>',
    '    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version></plugin>',
    '  </plugins></build>',
    '</project>',
    '',
  ].join('\n');
}

export interface ConsumerBuild {
  /** HOME holding .m2/settings.xml; `project` and the local repository are made below it. */
  readonly home: string;
  /** The environment configure gives (CODEARTIFACT_AUTH_TOKEN). */
  readonly env: Record<string, string>;
  /** Java sources of the consumer, by path below src/main/java (none: the classpath is still resolved). */
  readonly sources?: Record<string, string>;
}

export function localRepoOf(home: string): string {
  return join(home, 'm2-consumer');
}

/**
 * `mvn compile` of a consumer of `dep`. The local repository keeps the plugins between runs; the dependency's
 * group is removed first so that nothing (artifacts, cached metadata, cached misses) is answered from it.
 */
export async function buildConsumer(b: ConsumerBuild, dep: MavenDependency): Promise<RunResult> {
  const localRepo = localRepoOf(b.home);
  await rm(join(localRepo, ...dep.groupId.split('.')), { recursive: true, force: true });
  const project = join(b.home, 'consumer');
  await rm(project, { recursive: true, force: true });
  const sources = Object.fromEntries(Object.entries(b.sources ?? {}).map(([p, text]) => [join('src', 'main', 'java', p), text]));
  await writeFiles(project, { 'pom.xml': consumerPom(dep), ...sources });
  return run('mvn', ['-B', '--no-transfer-progress', `-Dmaven.repo.local=${localRepo}`, 'compile'], {
    cwd: project,
    // Java takes user.home from the password database, not $HOME: point it at HOME's ~/.m2.
    env: clientEnv(b.home, { ...b.env, MAVEN_OPTS: `-Duser.home=${b.home}` }),
    timeoutMs: 300_000,
  });
}

/** The versions of groupId:artifactId whose jar the last build put into the local repository. */
export async function resolvedVersions(home: string, groupId: string, artifactId: string): Promise<string[]> {
  const dir = join(localRepoOf(home), ...groupId.split('.'), artifactId);
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const version of await readdir(dir)) if (existsSync(join(dir, version, `${artifactId}-${version}.jar`))) out.push(version);
  return out.sort();
}
