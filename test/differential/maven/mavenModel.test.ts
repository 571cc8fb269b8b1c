// Effective versions of a pom's dependencies (parents, profiles, properties, dependencyManagement, imported BOMs)
// against maven-model-builder's DefaultModelBuilder of Maven 3.8: the poms written for this under
// test/fixtures/differential/maven/projects (parents and BOMs in …/repository), and, when this machine has a local
// repository (~/.m2/repository), the real poms in it with their real parents and BOMs.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { effectiveModel, type EffectiveModel, type ModelContext } from '../../../src/core/manifests/mavenModel';
import { corpusLimit, Differential } from '../ledger';
import { askMaven, MAVEN_FIXTURES } from './mavenOracle';

const JAVA = '17.0.15';
const context = (repository: string, java: string): ModelContext => ({
  javaVersion: java,
  os: { name: 'Linux', family: 'unix', arch: 'amd64', version: '6.1.0' },
  systemProperties: { 'java.version': java, 'os.name': 'Linux', 'os.arch': 'amd64', 'os.version': '6.1.0' },
  localRepository: repository,
});
const io = {
  readFile: (f: string) => fs.promises.readFile(f, 'utf8').catch(() => undefined),
  exists: (f: string) => fs.promises.access(f).then(() => true, () => false),
};

function poms(dir: string, found: string[] = [], limit = Infinity): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (found.length >= limit) break;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) poms(full, found, limit);
    else if (e.name === 'pom.xml' || e.name.endsWith('.pom')) found.push(full);
  }
  return found;
}

/** Maven fails the build on a missing parent or BOM and on a dependency left without a version. */
function shape(model: EffectiveModel): unknown {
  const versions = (m: EffectiveModel['dependencies']): Record<string, string | null> =>
    Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => [k, v.version ?? null]));
  const error = model.problems.length > 0 || [...model.dependencies.values()].some((d) => d.version === undefined);
  const lineageBroken = model.problems.some((p) => p.startsWith('parent '));
  return { error, ...(lineageBroken ? {} : { dependencies: versions(model.dependencies), managed: versions(model.managed) }) };
}

describe('differential: Maven effective versions (DefaultModelBuilder)', function () {
  this.timeout(600_000);

  it('gives each dependency the version Maven 3.8 builds into the effective model', async () => {
    const fixtureRepo = path.join(MAVEN_FIXTURES, 'repository');
    // The written projects on three JDKs (profiles activate on the JDK), the real poms on one.
    const cases: { id: string; pom: string; repo: string; java: string }[] = poms(path.join(MAVEN_FIXTURES, 'projects')).flatMap((pom) =>
      [JAVA, '1.8.0_392', '11.0.2'].map((java) => ({ id: `effective ${path.relative(MAVEN_FIXTURES, pom)} on JDK ${java}`, pom, repo: fixtureRepo, java })),
    );
    const local = path.join(os.homedir(), '.m2', 'repository');
    if (fs.existsSync(local)) {
      for (const pom of poms(local, [], corpusLimit(150))) cases.push({ id: `effective ~/.m2/${path.relative(local, pom)}`, pom, repo: local, java: JAVA });
    }
    const answers = await askMaven(cases.map((c) => ['effective', c.pom, c.repo, c.java]));
    const diff = new Differential('maven');
    for (const [i, c] of cases.entries()) {
      const ours = shape(await effectiveModel(c.pom, fs.readFileSync(c.pom, 'utf8'), io, context(c.repo, c.java)));
      const theirs = answers[i] as { error?: unknown; dependencies?: unknown; managed?: unknown };
      const { error, ...model } = theirs;
      diff.check(c.id, ours, { error: error !== undefined, ...model });
    }
    diff.assertAgreement();
  });
});
