// The ~/.gemrc source the RubyGems configure writes, read by the real `gem` (Debian's ruby, RubyGems 3.3) with
// HOME in a temp dir: `gem sources --list` shows our source first and the user's after it, `gem install` with no
// `--source` installs from the emulator through it, the file is 0600 and outside the workspace, and Remove
// Configuration gives the user's .gemrc back byte for byte (`gem sources --list` then shows theirs again).
import assert from 'node:assert/strict';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TokenService } from '../../src/auth/tokens';
import type { Configurator } from '../../src/configure/configurator';
import type { Emulator } from '../emulator/server';
import type { Seed } from '../emulator/seed';
import { startClientHarness, type ClientHarness } from './clientHarness';
import { clientEnv, describe as explain, findTool, run } from './helpers';

const OWNER = '111122223333';
const KEY = 'AKIAGEMSOURCES000001';
const gem = findTool('gem');
const withGem = gem ? it : it.skip;
const needsGem = gem ? '' : ' (skipped: `gem` is not installed; apt-get install -y ruby)';

const seed: Seed = {
  accounts: { [KEY]: OWNER },
  domains: [{ name: 'acme', owner: OWNER, region: 'us-west-2', repositories: [{ name: 'shared' }] }],
  packages: [{ domain: 'acme', repository: 'shared', format: 'ruby', name: 'acme-util', versions: [{ version: '1.0.0', publishedTime: '2025-01-01T00:00:00Z' }, { version: '1.1.0', publishedTime: '2025-02-01T00:00:00Z' }] }],
};

/** The user's own .gemrc, as `gem sources --add` writes it, with a comment of theirs. */
const GEMRC = '---\n# mine\n:backtrace: false\n:sources:\n- https://gems.example.com/\n:update_sources: true\n:verbose: true\n';

describe(`real gem reads the ~/.gemrc source${needsGem}`, function () {
  this.timeout(240_000);
  let h: ClientHarness;
  let emulator: Emulator;
  let home: string;
  let work: string;
  let tokens: TokenService;
  let configurator: Configurator;
  /** Every token issued (the harness's list), for redaction. */
  let secrets: string[] = [];
  const env = (): NodeJS.ProcessEnv => clientEnv(home, { GEM_HOME: join(home, 'gems'), GEM_PATH: join(home, 'gems') });
  const listSources = async (): Promise<string[]> => {
    const r = await run('gem', ['sources', '--list'], { cwd: home, env: env() });
    assert.equal(r.code, 0, explain(r, secrets));
    return r.stdout.split('\n').filter((l) => /^https?:\/\//.test(l.trim())).map((l) => l.trim());
  };

  before(async function () {
    if (!gem) this.skip();
    h = await startClientHarness({ seed, prefix: 'gemrc' });
    ({ emulator, home, work, tokens, configurator, issued: secrets } = h);
    await writeFile(join(home, '.gemrc'), GEMRC);
  });
  after(() => h?.dispose());

  withGem('before: gem lists only the user source', async () => {
    assert.deepEqual(await listSources(), ['https://gems.example.com/']);
  });

  withGem('configureRubyGems → gem sources --list shows the repository first, then the user source; the file is 0600', async () => {
    const result = await configurator.configureRubyGems({ domain: 'acme', domainOwner: OWNER, repository: 'shared' }, { workspaceFolder: work });
    const gemrc = result.changes.find((c) => c.file === join(home, '.gemrc'));
    assert.ok(gemrc && gemrc.holdsToken && gemrc.lines.length === 1, JSON.stringify(result.changes));
    const token = (await tokens.get({ name: 'acme', owner: OWNER })).token;
    const listed = await listSources();
    // Compared without the userinfo, so that a failure does not print the token.
    assert.deepEqual(
      listed.map((l) => l.replace(`aws:${token}@`, 'aws:***@')),
      [`${emulator.endpoint.replace('://', '://aws:***@')}/acme-${OWNER}/ruby/shared/`, 'https://gems.example.com/'],
    );
    assert.equal((await stat(join(home, '.gemrc'))).mode & 0o777, 0o600);
    for (const f of await readdir(work)) assert.ok(!(await readFile(join(work, f), 'utf8')).includes(token), `${f} holds no token`);
  });

  withGem('gem install with no --source installs from the repository through ~/.gemrc', async () => {
    // Only our source: the user's example.com one does not resolve here.
    const only = join(home, 'only-ours');
    const ours = (await readFile(join(home, '.gemrc'), 'utf8')).split('\n').filter((l) => !l.includes('gems.example.com')).join('\n');
    await writeFile(only, ours, { mode: 0o600 });
    const r = await run('gem', ['install', 'acme-util', '--config-file', only, '--no-document'], { cwd: home, env: env(), timeoutMs: 180_000 });
    assert.equal(r.code, 0, explain(r, secrets));
    assert.match(r.stdout, /Successfully installed acme-util-1\.1\.0/, explain(r, secrets));
  });

  withGem('a new token is written into ~/.gemrc in place (0600 kept), and gem install works with it', async () => {
    const d = emulator.store.getDomain('acme', OWNER);
    assert.ok(d);
    const fresh = emulator.store.issueToken(d, 900).token;
    secrets.push(fresh);
    const now = Date.now();
    const rewritten = await configurator.rewriteTokenFiles({ name: 'acme', owner: OWNER, token: fresh, issuedAt: now, expiresAt: now + 900_000 });
    assert.deepEqual(rewritten.errors, []);
    const text = await readFile(join(home, '.gemrc'), 'utf8');
    assert.ok(text.includes(`aws:${fresh}@`));
    assert.equal((await stat(join(home, '.gemrc'))).mode & 0o777, 0o600);
    const only = join(home, 'only-fresh');
    await writeFile(only, text.split('\n').filter((l) => !l.includes('gems.example.com')).join('\n'), { mode: 0o600 });
    const r = await run('gem', ['install', 'acme-util', '-v', '1.0.0', '--config-file', only, '--no-document'], { cwd: home, env: env(), timeoutMs: 180_000 });
    assert.equal(r.code, 0, explain(r, secrets));
  });

  withGem('Remove Configuration gives back the user .gemrc byte for byte', async () => {
    const removed = await configurator.remove();
    assert.equal(removed.errors.length, 0, JSON.stringify(removed.errors));
    assert.equal(await readFile(join(home, '.gemrc'), 'utf8'), GEMRC);
    assert.deepEqual(await listSources(), ['https://gems.example.com/']);
  });
});
