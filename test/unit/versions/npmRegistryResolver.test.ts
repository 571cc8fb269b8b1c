// npm's registry in effect for a package.json: workspace roots, ${VAR}, npm_config_* and userconfig=, and what of
// it only the folder chose (then the domain gate decides; see docs/security.md).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expandNpmEnv } from '../../../src/core/configFiles/npmConfig';
import { readManifest } from '../../../src/versions/manifestDependencies';
import { resolverFor, type ResolverIo } from '../../../src/versions/repositoryResolver';

const CA = (repo: string): string => `https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/${repo}/`;

describe('npm registry resolution (npmConfig)', () => {
  let root: string;
  let home: string;
  let pkgDir: string;
  const io = (env: Record<string, string> = {}): ResolverIo => ({ readFile: (f) => readFile(f, 'utf8').catch(() => undefined), user: { home, env, platform: 'linux' } });

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ca-npmcfg-'));
    home = join(root, 'home');
    pkgDir = join(root, 'mono', 'packages', 'web');
    mkdirSync(home, { recursive: true });
    mkdirSync(pkgDir, { recursive: true });
    writeFileSync(join(root, 'mono', 'package.json'), JSON.stringify({ workspaces: ['packages/*'] }));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  async function targetOf(env: Record<string, string> = {}): Promise<{ repository?: string; fromWorkspace?: boolean } | undefined> {
    const text = '{"dependencies": {"left-pad": "^1"}}';
    const resolve = await resolverFor(join(pkgDir, 'package.json'), readManifest('packageJson', text), io(env), {});
    const dep = readManifest('packageJson', text).dependencies[0]!;
    return resolve(dep);
  }

  it("a workspace package uses the root's .npmrc, not its own, and it counts as the folder's choice", async () => {
    writeFileSync(join(root, 'mono', '.npmrc'), `registry=${CA('root-repo')}\n`);
    writeFileSync(join(pkgDir, '.npmrc'), `registry=${CA('ignored')}\n`);
    const t = await targetOf();
    assert.equal(t?.repository, 'root-repo');
    assert.equal(t?.fromWorkspace, true);
  });

  it('expands ${VAR} from the environment; npm_config_registry beats the project file and is the user\'s own', async () => {
    writeFileSync(join(root, 'mono', '.npmrc'), 'registry=${CA_REGISTRY}\n');
    assert.equal((await targetOf({ CA_REGISTRY: CA('from-var') }))?.repository, 'from-var');
    const env = await targetOf({ npm_config_registry: CA('from-env') });
    assert.equal(env?.repository, 'from-env');
    assert.equal(env?.fromWorkspace, undefined);
  });

  it('a userconfig= in the folder that points at a file of its own is still the folder\'s choice', async () => {
    writeFileSync(join(root, 'mono', '.npmrc'), 'userconfig=./evil-userrc\n');
    writeFileSync(join(pkgDir, 'evil-userrc'), `registry=${CA('evil')}\n`);
    const t = await targetOf();
    assert.equal(t?.repository, 'evil');
    assert.equal(t?.fromWorkspace, true);
  });

  it("the user's own npmrc and the global npmrc ($PREFIX/etc/npmrc) count as the user's", async () => {
    mkdirSync(join(root, 'pfx', 'etc'), { recursive: true });
    writeFileSync(join(root, 'pfx', 'etc', 'npmrc'), `registry=${CA('global')}\n`);
    const t = await targetOf({ PREFIX: join(root, 'pfx') });
    assert.equal(t?.repository, 'global');
    assert.equal(t?.fromWorkspace, undefined);
  });

  it('expands like npm: ${X?} to empty, \\${X} literal', () => {
    assert.equal(expandNpmEnv('a${X}b${Y?}c\\${X}', { X: '1' }), 'a1bc${X}');
    assert.equal(expandNpmEnv('${NOPE}', {}), '${NOPE}');
  });
});
