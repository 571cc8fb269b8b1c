// "Publish to CodeArtifact" with the real clients it starts: the plans our publish command builds (program,
// arguments, environment, and for Maven the settings file it writes) run real `twine upload` and real
// `mvn deploy` against the emulator, which then has the version; then, configured as a user would (Configure pip,
// Configure Maven), real pip installs the uploaded wheel back and a real mvn build resolves and compiles against
// the deployed jar. Skipped by name when the tool is absent.
// There is no Maven Central here: the project pins plugin versions whose closure is in ~/.m2/repository (Maven's
// own default, as Java's user.home is not $HOME), maven-deploy-plugin 3.1.2 among them; surefire's is not there.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { mavenDeployPlan, twineUploadPlan, TOKEN_ENV, type PublishPlan } from '../../src/core/publishPlan';
import type { Emulator } from '../emulator/server';
import type { Seed } from '../emulator/seed';
import { startClientHarness, type ClientHarness } from './clientHarness';
import { clientEnv, describe as explain, findTool, makeTempDir, REAL_HOME, removeDir, repoUrl, run, tokenFor, writeFiles } from './helpers';
import { buildConsumer, resolvedVersions } from './mavenConsumer';

const OWNER = '111122223333';
const KEY = 'AKIAPUBCLIENTS00001';
const M2 = join(REAL_HOME, '.m2', 'repository');
// `releases` reaches plugins (for the install-back build) through public:maven-central, backed by ~/.m2.
const seed: Seed = {
  accounts: { [KEY]: OWNER },
  domains: [
    {
      name: 'acme',
      owner: OWNER,
      region: 'us-west-2',
      repositories: [
        { name: 'maven-central-store', externalConnection: 'public:maven-central' },
        { name: 'releases', upstreams: ['maven-central-store'] },
      ],
    },
  ],
  mavenDirectories: { 'public:maven-central': [M2, '/usr/share/maven-repo'] },
};
// A groupId of its own, removed from ~/.m2 afterwards should anything have put it there.
const GROUP = 'com.acme.publishclients';
// Surefire's closure is not in ~/.m2 (and there are no tests): its execution is off, as is install's (so that
// nothing is written into ~/.m2). Every other plugin of the jar lifecycle runs, deploy last.
const NONE = (id: string): string => `<executions><execution><id>${id}</id><phase>none</phase></execution></executions>`;
const PLUGINS = [
  ['maven-resources-plugin', '3.3.1', ''],
  ['maven-compiler-plugin', '3.13.0', ''],
  ['maven-surefire-plugin', '3.2.5', NONE('default-test')],
  ['maven-jar-plugin', '3.4.1', ''],
  ['maven-install-plugin', '3.1.2', NONE('default-install')],
  ['maven-deploy-plugin', '3.1.2', ''],
] as const;

async function runPlan(plan: PublishPlan, home: string, extraEnv: Record<string, string> = {}) {
  if (plan.file) await writeFiles(dirname(plan.file.path), { [plan.file.path.slice(dirname(plan.file.path).length + 1)]: plan.file.text });
  return run(plan.program, [...plan.args], { cwd: plan.cwd, env: clientEnv(home, { ...plan.env, ...extraEnv }), timeoutMs: 240_000 });
}

describe('publish plans run by the real clients against the emulator (twine, mvn deploy)', function () {
  this.timeout(300_000);
  let h: ClientHarness;
  let emulator: Emulator;
  const dirs: string[] = [];
  const temp = async (p: string): Promise<string> => {
    const d = await makeTempDir(p);
    dirs.push(d);
    return d;
  };

  before(async () => {
    h = await startClientHarness({ seed, prefix: 'publish-clients' });
    emulator = h.emulator;
  });
  after(async () => {
    await h?.dispose();
    for (const d of dirs) await removeDir(d);
    await rm(join(M2, ...GROUP.split('.')), { recursive: true, force: true });
  });

  const stored = (format: 'pypi' | 'maven', namespace: string | undefined, name: string, version: string) => {
    const repo = emulator.store.getDomain('acme', OWNER)?.repositories.get('releases');
    return repo ? emulator.store.getPackage(repo, format, namespace, name)?.versions.get(version) : undefined;
  };

  const releases = { domain: 'acme', domainOwner: OWNER, repository: 'releases' };

  (findTool('twine') ? it : it.skip)('twine upload (skipped when twine is not installed): the wheel from dist/ is in the repository, the token only in the environment; pip installs it back', async () => {
    const home = await temp('twine-home');
    const project = await temp('twine-project');
    // A real wheel (PEP 427), made with Python's zipfile: no build backend and no index needed.
    const py = String.raw`
import base64, hashlib, sys, zipfile
def digest(b):
    return base64.urlsafe_b64encode(hashlib.sha256(b).digest()).rstrip(b'=').decode()
files = {
    'acme_hello/__init__.py': b'print("hello")\n',
    'acme_hello-1.0.0.dist-info/METADATA': b'Metadata-Version: 2.1\nName: acme-hello\nVersion: 1.0.0\nSummary: Uploaded by the twine client test\n',
    'acme_hello-1.0.0.dist-info/WHEEL': b'Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
}
record = ''.join('%s,sha256=%s,%d\n' % (n, digest(b), len(b)) for n, b in files.items())
files['acme_hello-1.0.0.dist-info/RECORD'] = (record + 'acme_hello-1.0.0.dist-info/RECORD,,\n').encode()
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    for n, b in files.items():
        z.writestr(n, b)
`;
    const wheel = join(project, 'dist', 'acme_hello-1.0.0-py3-none-any.whl');
    await writeFiles(project, { 'dist/.keep': '' });
    const made = await run('python3', ['-c', py, wheel], { env: clientEnv(home) });
    assert.equal(made.code, 0, explain(made));

    const token = tokenFor(emulator, 'acme', OWNER);
    const plan = twineUploadPlan({ endpoint: repoUrl(emulator, 'acme', OWNER, 'pypi', 'releases'), token, cwd: project, files: [wheel] });
    assert.ok(!plan.args.some((a) => a.includes(token)), 'the token is not an argument');
    const result = await runPlan(plan, home);
    assert.equal(result.code, 0, explain(result, [token]));
    const v = stored('pypi', undefined, 'acme-hello', '1.0.0');
    assert.ok(v, 'the emulator has acme-hello 1.0.0');
    assert.ok([...v.assets.keys()].includes('acme_hello-1.0.0-py3-none-any.whl'));

    // The same upload again is refused by the repository (and twine says so), never silently accepted.
    const again = await runPlan(plan, home);
    assert.notEqual(again.code, 0, explain(again, [token]));

    // Install back: real pip with the index our Configure pip wrote into the user's pip.conf.
    await h.configurator.configurePip(releases, { mode: 'index-url' });
    const target = join(h.home, 'site');
    const installed = await run('python3', ['-m', 'pip', 'install', '--no-input', '--no-cache-dir', '--no-deps', '--target', target, 'acme-hello==1.0.0'], { env: clientEnv(h.home), timeoutMs: 120_000 });
    assert.equal(installed.code, 0, explain(installed, [token, ...h.issued]));
    const imported = await run('python3', ['-c', 'import acme_hello'], { env: clientEnv(h.home, { PYTHONPATH: target }) });
    assert.equal(imported.code, 0, explain(imported));
    assert.equal(imported.stdout.trim(), 'hello', 'the installed module is the uploaded one');
  });

  const mavenReady = findTool('mvn') !== undefined && existsSync(join(M2, 'org', 'apache', 'maven', 'plugins', 'maven-deploy-plugin'));
  (mavenReady ? it : it.skip)('mvn deploy (skipped without mvn or an offline maven-deploy-plugin in ~/.m2): jar and pom are in the repository; a mvn build compiles against it', async () => {
    const home = await temp('mvn-home');
    const project = await temp('mvn-project');
    await writeFiles(project, {
      'pom.xml': [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<project xmlns="http://maven.apache.org/POM/4.0.0">',
        '  <modelVersion>4.0.0</modelVersion>',
        `  <groupId>${GROUP}</groupId>`,
        '  <artifactId>hello-deploy</artifactId>',
        '  <version>1.0.0</version>',
        '  <packaging>jar</packaging>',
        '  <properties><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding><maven.compiler.release>17</maven.compiler.release></properties>',
        // Versions whose whole closure is in ~/.m2 (there is no Maven Central here).
        '  <build><plugins>',
        ...PLUGINS.map(([a, v, extra]) => `    <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>${a}</artifactId><version>${v}</version>${extra}</plugin>`),
        '  </plugins></build>',
        '</project>',
        '',
      ].join('\n'),
      'src/main/java/com/acme/Hello.java': 'package com.acme;\npublic class Hello { public static String hi() { return "hi"; } }\n',
    });

    const token = tokenFor(emulator, 'acme', OWNER);
    const plan = mavenDeployPlan({ endpoint: repoUrl(emulator, 'acme', OWNER, 'maven', 'releases'), token, cwd: project, settingsPath: join(project, '.codeartifact-settings.xml') });
    assert.ok(plan.file && !plan.file.text.includes(token), 'the settings file holds a reference, not the token');
    assert.equal(plan.env[TOKEN_ENV], token);
    const result = await runPlan(plan, home);
    if (result.code !== 0 && /offline|Cannot access .* in offline mode|could not be resolved/i.test(result.stdout)) {
      assert.fail(`Blocked: mvn deploy needs a plugin or dependency that is not in ~/.m2 and there is no Maven Central here.\n${explain(result, [token])}`);
    }
    assert.equal(result.code, 0, explain(result, [token]));
    const v = stored('maven', GROUP, 'hello-deploy', '1.0.0');
    assert.ok(v, 'the emulator has com.acme.publishclients:hello-deploy 1.0.0');
    assert.deepEqual([...v.assets.keys()].filter((n) => /\.(jar|pom)$/.test(n)).sort(), ['hello-deploy-1.0.0.jar', 'hello-deploy-1.0.0.pom']);
    assert.equal(v.status, 'Published');

    // Install back: Configure Maven (settings.xml mirrors everything to releases, token from the environment),
    // then a consumer that calls the deployed class compiles with an empty local repository.
    await h.configurator.configureMaven(releases, { password: 'env', mirror: true });
    const env = (await h.configurator.environment((d) => h.tokens.stored(d))) ?? {};
    const sources = { 'com/example/Use.java': 'package com.example;\npublic class Use { String s = com.acme.Hello.hi(); }\n' };
    const built = await buildConsumer({ home: h.home, env, sources }, { groupId: GROUP, artifactId: 'hello-deploy', version: '1.0.0' });
    assert.equal(built.code, 0, explain(built, [token, ...h.issued]));
    assert.match(built.stdout, /BUILD SUCCESS/);
    assert.deepEqual(await resolvedVersions(h.home, GROUP, 'hello-deploy'), ['1.0.0']);
  });
});
