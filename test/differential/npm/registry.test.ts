// Registry in effect: for generated folders (an npm workspace, .npmrc files at every level, a user and a global
// file, userconfig=/globalconfig=, ${VAR} lines, npm_config_* in any case), our npmConfig against npm's own config
// loader (@npmcli/config of the installed npm 11, loaded as the CLI loads it).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { loadNpmConfig, npmRegistryIn } from '../../../src/core/configFiles/npmConfig';
import { corpusLimit, Differential } from '../ledger';
import { runJsonTool } from '../realTool';

const LINES = [
  'registry=https://r.example/LAYER/',
  '@acme:registry=https://acme.example/LAYER/',
  '  registry = https://spaced.example/LAYER/  ',
  'registry=${CA_URL}/LAYER/',
  'registry=${MISSING?}',
  'registry=\\${CA_URL}/LAYER/',
  '${SCOPE}:registry=https://env-key.example/LAYER/',
  'REGISTRY=https://upper.example/LAYER/',
  'userconfig=ALT/userrc',
  'globalconfig=ALT/globalrc',
  'userconfig=~/other-userrc',
  '[section]\nregistry=https://section.example/LAYER/',
];
const ENV: ReadonlyArray<[string, string]> = [
  ['NPM_CONFIG_REGISTRY', 'https://env-upper.example/'],
  ['npm_config_registry', 'https://env-lower.example/'],
  ['npm_config_@acme:registry', 'https://env-acme.example/'],
  ['NPM_CONFIG_USERCONFIG', 'ALT/userrc'],
  ['npm_config_globalconfig', 'ALT/globalrc'],
  ['npm_config_registry', ''],
  ['CA_URL', 'https://ca.example'],
  ['SCOPE', '@acme'],
];
const FILES = ['root/.npmrc', 'root/packages/a/.npmrc', 'home/.npmrc', 'home/other-userrc', 'alt/userrc', 'alt/globalrc', 'pfx/etc/npmrc'];

interface Scenario {
  workspace: boolean;
  files: Array<number[]>;
  env: number[];
}

describe('differential npm: registry in effect against @npmcli/config', function () {
  const diff = new Differential('npm');
  const npmRoot = path.join(execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim(), 'npm');
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'npmrc-diff-'));
  after(() => fs.rmSync(base, { recursive: true, force: true }));

  it('agrees on the registry of an unscoped, a configured-scope and another scoped package', async () => {
    const scenario = fc.record({
      workspace: fc.boolean(),
      files: fc.array(fc.uniqueArray(fc.nat(LINES.length - 1), { maxLength: 3 }), { minLength: FILES.length, maxLength: FILES.length }),
      env: fc.uniqueArray(fc.nat(ENV.length - 1), { maxLength: 3 }),
    });
    const scenarios = fc.sample(scenario, { numRuns: corpusLimit(60), seed: 13 }) as Scenario[];
    const jobs = scenarios.map((s, i) => {
      const dir = path.join(base, String(i));
      const alt = path.join(dir, 'alt');
      for (const sub of ['root/packages/a', 'home', 'alt', 'pfx/etc']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
      fs.writeFileSync(path.join(dir, 'root/package.json'), JSON.stringify(s.workspace ? { name: 'root', workspaces: ['packages/*'] } : { name: 'root' }));
      fs.writeFileSync(path.join(dir, 'root/packages/a/package.json'), JSON.stringify({ name: 'a' }));
      FILES.forEach((file, f) => {
        const lines = (s.files[f] ?? []).map((l) => LINES[l]!.replace(/LAYER/g, file.replace(/[/.]/g, '_')).replace('ALT', alt));
        if (lines.length > 0) fs.writeFileSync(path.join(dir, file), `${lines.join('\n')}\n`);
      });
      const env: Record<string, string> = { HOME: path.join(dir, 'home'), PREFIX: path.join(dir, 'pfx') };
      for (const e of s.env) env[ENV[e]![0]] = ENV[e]![1].replace('ALT', alt);
      return { id: `registry:${JSON.stringify(s)}`, cwd: path.join(dir, 'root/packages/a'), env };
    });
    const theirs = await runJsonTool<Array<Record<string, string | null>>>(
      process.execPath,
      [path.join(__dirname, 'npmConfigTool.js'), npmRoot],
      jobs.map((j) => ({ cwd: j.cwd, env: j.env, keys: ['registry', '@acme:registry', '@other:registry'] })),
    );
    for (const [i, job] of jobs.entries()) {
      const layers = await loadNpmConfig({
        cwd: job.cwd,
        env: job.env,
        home: job.env['HOME']!,
        readFile: (f) => fs.promises.readFile(f, 'utf8').catch(() => undefined),
      });
      const t = theirs[i]!;
      const ours = {
        unscoped: npmRegistryIn(layers, 'a').url,
        acme: npmRegistryIn(layers, '@acme/x').url,
        other: npmRegistryIn(layers, '@other/y').url,
      };
      // npm-registry-fetch's pickRegistry: the scope's registry when truthy, else `registry` when truthy, else the default.
      const fallback = t['registry'] || 'https://registry.npmjs.org/';
      const npm = { unscoped: fallback, acme: t['@acme:registry'] || fallback, other: t['@other:registry'] || fallback };
      diff.check(job.id, ours, npm);
    }
  });

  after(() => diff.assertAgreement());
});
