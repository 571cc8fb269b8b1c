// `aws sso login` runs as a process with an argument list: a hostile profile name never reaches a shell.
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { isValidProfileName } from '../../../src/aws/profiles';
import { InvalidProfileNameError, ssoLoginCommand, SsoLoginTerminal } from '../../../src/auth/ssoLogin';

/** Runs the terminal to its end and returns what it printed and how it finished. */
function run(pty: SsoLoginTerminal): Promise<{ text: string; ok: boolean }> {
  return new Promise((resolve) => {
    let text = '';
    pty.onDidWrite((t) => void (text += t));
    pty.onDidFinish(({ ok }) => resolve({ text, ok }));
    pty.open();
  });
}

describe('aws sso login without a shell', () => {
  it('takes the profile names people use and refuses shell syntax and option look-alikes', () => {
    for (const name of ['default', 'dev', 'my-profile', 'team.prod', 'user@corp', 'a+b', 'acct:123', 'role=admin', '_x', 'A'.repeat(128)]) assert.ok(isValidProfileName(name), name);
    for (const name of ['', '--debug', '-x', 'a b', '$(touch x)', 'a;b', 'a&b', 'a|b', 'a"b', "a'b", 'a`b', 'a\nb', '%PATH%', 'a^b', 'a>b', 'A'.repeat(129), 'ü']) assert.ok(!isValidProfileName(name), JSON.stringify(name));
  });

  it('the command is aws with the profile as one argument', () => {
    assert.deepEqual(ssoLoginCommand('dev'), { command: 'aws', args: ['sso', 'login', '--profile', 'dev'] });
    assert.throws(() => ssoLoginCommand('$(id)'), InvalidProfileNameError);
  });

  describe('in a pseudo-terminal', function () {
    if (process.platform === 'win32') return;
    let bin: string;
    let env: NodeJS.ProcessEnv;
    before(async () => {
      bin = await fs.mkdtemp(path.join(os.tmpdir(), 'ca-sso-bin-'));
      // A stand-in `aws` that prints its arguments one per line, and fails for the profile "broken".
      await fs.writeFile(path.join(bin, 'aws'), '#!/bin/sh\nfor a in "$@"; do echo "arg:$a"; done\n[ "$4" = broken ] && exit 3\nexit 0\n', { mode: 0o755 });
      env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` };
    });
    after(async () => {
      await fs.rm(bin, { recursive: true, force: true });
    });

    it('passes the arguments through unchanged and reports success', async () => {
      const { text, ok } = await run(new SsoLoginTerminal('user@corp', undefined, env));
      assert.equal(ok, true);
      assert.match(text, /arg:sso\r\narg:login\r\narg:--profile\r\narg:user@corp\r\n/);
      assert.match(text, /Signed in\./);
    });

    it('reports a failing exit code', async () => {
      const { text, ok } = await run(new SsoLoginTerminal('broken', undefined, env));
      assert.equal(ok, false);
      assert.match(text, /exit code 3/);
    });

    it('a missing CLI says what to install', async () => {
      const { text, ok } = await run(new SsoLoginTerminal('dev', undefined, { ...process.env, PATH: bin + '-missing' }));
      assert.equal(ok, false);
      assert.match(text, /aws\) was not found on PATH\. Install AWS CLI v2/);
    });

    it('a hostile name runs nothing', async () => {
      let spawned = 0;
      const { text, ok } = await run(new SsoLoginTerminal('x; touch /tmp/pwned', () => { spawned += 1; throw new Error('must not spawn'); }, env));
      assert.equal(ok, false);
      assert.equal(spawned, 0);
      assert.match(text, /was not run/);
    });
  });
});
