// Configure Workspace below the UI on a mixed workspace (npm, Maven, NuGet, Swift, Cargo, RubyGems): detection
// finds every tool, one scripted multi-step pick answers every question, the per-family appliers write the files
// against the emulator, real npm installs through them, no token lands in the workspace, and removal gives the
// workspace back byte for byte.
import assert from 'node:assert/strict';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Configurator } from '../../src/configure/configurator';
import type { Applied } from '../../src/configure/configureHost';
import { detectTools, TOOL_ORDER, type Tool } from '../../src/configure/detect';
import { applyJvm } from '../../src/configure/jvmFamily';
import { applyNewerFormat } from '../../src/configure/newerFormats';
import { applyNpmFamily } from '../../src/configure/npmFamily';
import { toolsOf, workspaceSteps, type ConfigureState, type FlowContext } from '../../src/configure/toolSteps';
import { runSteps } from '../../src/core/steps';
import type { Emulator } from '../emulator/server';
import type { Seed } from '../emulator/seed';
import { ScriptedPrompter } from '../unit/configure/scriptedPrompter';
import { startClientHarness, type ClientHarness } from './clientHarness';
import { clientEnv, describe as explain, listFiles, requireTool, run, writeFiles } from './helpers';

const OWNER = '111122223333';
const KEY = 'AKIAMIXEDWORKSPACE01';
const seed: Seed = {
  accounts: { [KEY]: OWNER },
  domains: [{ name: 'acme', owner: OWNER, region: 'us-west-2', repositories: [{ name: 'shared' }] }],
  packages: [
    { domain: 'acme', repository: 'shared', format: 'npm', namespace: 'acme', name: 'ui-kit', distTags: { latest: '2.1.0' }, versions: [{ version: '2.1.0', publishedTime: '2025-06-01T10:00:00Z' }] },
  ],
};

const WORKSPACE: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'app', version: '1.0.0', private: true, dependencies: { '@acme/ui-kit': '^2.1.0' } }),
  'pom.xml': '<project><modelVersion>4.0.0</modelVersion><groupId>a</groupId><artifactId>b</artifactId><version>1</version></project>\n',
  'src/App/App.csproj': '<Project Sdk="Microsoft.NET.Sdk"></Project>\n',
  'Package.swift': '// swift-tools-version:5.9\n',
  'Cargo.toml': '[package]\nname = "app"\nversion = "0.1.0"\n',
  Gemfile: "# my gems\ngem 'rake'\n",
};

describe('Configure Workspace on a mixed workspace (npm, Maven, NuGet, Swift, Cargo, RubyGems)', function () {
  this.timeout(240_000);
  let h: ClientHarness;
  let emulator: Emulator;
  let home: string;
  let work: string;
  let configurator: Configurator;
  let issued: string[] = [];
  const logLines: string[] = [];

  before(async () => {
    requireTool('npm', 'npm');
    const log = { info: (m: string) => void logLines.push(m), warn: (m: string) => void logLines.push(m) };
    h = await startClientHarness({ seed, prefix: 'mixed', log });
    ({ emulator, home, work, configurator, issued } = h);
    await writeFiles(work, WORKSPACE);
  });
  after(() => h?.dispose());

  it('detects every tool, asks every question in one counted pick, configures each, and real npm installs', async () => {
    const detected = await detectTools(work);
    assert.deepEqual(detected.map((d) => d.tool), ['npm', 'maven', 'nuget', 'swift', 'cargo', 'rubygems']);
    assert.deepEqual(detected.find((d) => d.tool === 'nuget')?.evidence, ['src/App/App.csproj']);

    const prompter = new ScriptedPrompter([
      { pick: ['npm', 'Maven', 'NuGet', 'Swift', 'Cargo', 'RubyGems and Bundler'] },
      { type: '@acme' },
      { pick: 'Password from ${env.CODEARTIFACT_AUTH_TOKEN}' },
      { pick: 'Repository and plugin repository only' },
      { type: '' },
      { pick: 'Only add the registry' },
    ]);
    const ctx: FlowContext = { prompter, purpose: 'Configure Workspace', folders: [work], detected: new Map([[work, detected]]) };
    // The explorer's repository row gives the target: domain and repository are not asked.
    const initial: ConfigureState = { folder: work, target: { domain: 'acme', domainOwner: OWNER, repository: 'shared' } };
    const state = await runSteps(workspaceSteps(ctx, [], TOOL_ORDER), initial);
    assert.ok(state?.target);
    assert.deepEqual(prompter.shown.map((s) => s.count), ['1/6', '2/6', '3/6', '4/6', '5/6', '6/6']);

    const applied: Applied[] = [];
    const host = { configurator };
    for (const tool of toolsOf(ctx, state)) {
      applied.push(await applyOne(tool, state.target, state));
    }
    assert.deepEqual(
      applied.map((a) => a.what.split(' ')[0]),
      ['npm', 'Maven', 'NuGet', 'Swift', 'Cargo', 'RubyGems'],
    );
    function applyOne(tool: Tool, target: NonNullable<ConfigureState['target']>, s: ConfigureState): Promise<Applied> {
      switch (tool) {
        case 'npm':
          return applyNpmFamily(host, tool, target, s, ctx, undefined);
        case 'maven':
          return applyJvm(host, tool, target, s, undefined);
        case 'nuget':
        case 'swift':
        case 'cargo':
        case 'rubygems':
          return applyNewerFormat(host, tool, target, s, undefined);
        default:
          throw new Error(`not in this workspace: ${tool}`);
      }
    }

    const endpoint = (format: string) => `${emulator.endpoint}/acme-${OWNER}/${format}/shared/`;
    assert.match(await readFile(join(work, '.npmrc'), 'utf8'), new RegExp(`^@acme:registry=${endpoint('npm').replace(/[.]/g, '\\.')}$`, 'm'));
    assert.match(await readFile(join(work, 'nuget.config'), 'utf8'), /codeartifact_acme_shared.*nuget\/shared\/v3\/index\.json/);
    assert.match(await readFile(join(work, '.cargo', 'config.toml'), 'utf8'), /sparse\+/);
    assert.match(await readFile(join(work, '.swiftpm', 'configuration', 'registries.json'), 'utf8'), /swift\/shared/);
    assert.match(await readFile(join(work, 'Gemfile'), 'utf8'), /^source /m);
    assert.match(await readFile(join(home, '.m2', 'settings.xml'), 'utf8'), /\$\{env\.CODEARTIFACT_AUTH_TOKEN\}/);

    const r = await run('npm', ['install', '--no-audit', '--no-fund'], { cwd: work, env: clientEnv(home), timeoutMs: 120_000 });
    assert.equal(r.code, 0, explain(r, issued));
    const pkg = JSON.parse(await readFile(join(work, 'node_modules/@acme/ui-kit/package.json'), 'utf8')) as { version: string };
    assert.equal(pkg.version, '2.1.0');
  });

  it('no token in any workspace file or log line; removal gives every workspace file back byte for byte', async () => {
    assert.ok(issued.length >= 1);
    await rm(join(work, 'node_modules'), { recursive: true, force: true });
    await rm(join(work, 'package-lock.json'), { force: true });
    for (const file of await listFiles(work)) {
      const text = await readFile(file, 'utf8');
      for (const t of issued) assert.ok(!text.includes(t), `token found in ${file}`);
    }
    for (const t of issued) assert.ok(!logLines.some((l) => l.includes(t)), 'token found in the log');
    const { errors } = await configurator.remove();
    assert.deepEqual(errors, []);
    const files = (await listFiles(work)).map((f) => f.slice(work.length + 1)).sort();
    assert.deepEqual(files, Object.keys(WORKSPACE).sort());
    for (const [name, text] of Object.entries(WORKSPACE)) assert.equal(await readFile(join(work, name), 'utf8'), text, name);
  });
});
