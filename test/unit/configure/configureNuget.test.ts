// Configure NuGet over a temp HOME and workspace against the in-process emulator: the user NuGet.Config gets the
// source and its credentials (0600), the project nuget.config only the source; idempotent; a new token rewrites the
// user file; Remove Configuration restores every byte. Then the endpoint those files name answers NuGet's requests
// with the credentials they hold (no .NET SDK installs here, so the files are read back as NuGet reads them).
import assert from 'node:assert/strict';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nugetSourcesInEffect } from '../../../src/core/configFiles/nugetSources';
import { listFiles } from '../../integration/helpers';
import { useConfiguratorEnv } from './configuratorEnv';
import { OWNER } from './testEnv';

const SHARED = { domain: 'acme', domainOwner: OWNER, repository: 'shared' };

const USER_CONFIG = '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" protocolVersion="3" />\n  </packageSources>\n</configuration>\n';
const PROJECT_CONFIG = '<?xml version="1.0" encoding="utf-8"?>\r\n<configuration>\r\n  <!-- team feed -->\r\n  <packageSources>\r\n    <clear />\r\n    <add key="team" value="https://nuget.team.example/v3/index.json" />\r\n  </packageSources>\r\n</configuration>';

describe('Configure NuGet', function () {
  const ctx = useConfiguratorEnv();

  const userFile = (): string => join(ctx.home, '.nuget', 'NuGet', 'NuGet.Config');

  it('writes the source to both files and the token only to the user file (0600), and NuGet can authenticate with it', async () => {
    const result = await ctx.configurator.configureNuget(SHARED, { workspaceFolder: ctx.work });
    const token = (await ctx.tokens.stored({ name: 'acme', owner: OWNER }))?.token ?? '';
    assert.ok(token.length > 10);
    const user = await readFile(userFile(), 'utf8');
    const project = await readFile(join(ctx.work, 'nuget.config'), 'utf8');
    assert.ok(user.includes(`<add key="ClearTextPassword" value="${token}" />`));
    assert.ok(!project.includes(token), 'no token in the workspace');
    assert.equal((await stat(userFile())).mode & 0o777, 0o600);
    assert.ok(result.changes.every((c) => c.lines.every((l) => !l.includes(token))));
    // What NuGet sees from the project folder: the source (from both files), pointing at the service index.
    const sources = nugetSourcesInEffect([
      { file: join(ctx.work, 'nuget.config'), text: project },
      { file: userFile(), text: user },
    ]).sources;
    const ours = sources.find((s) => s.key === 'codeartifact_acme_shared');
    assert.equal(ours?.url, `${ctx.emulator.endpoint}/acme-${OWNER}/nuget/shared/v3/index.json`);
    // The service index answers with the credentials the user file holds (Basic aws:TOKEN), and refuses without.
    const basic = `Basic ${Buffer.from(`aws:${token}`).toString('base64')}`;
    assert.equal((await fetch(ours?.url ?? '', { headers: { authorization: basic } })).status, 200);
    assert.equal((await fetch(ours?.url ?? '')).status, 401);
  });

  it('is idempotent, rewrites the user file with a new token, and Remove restores every byte', async () => {
    await mkdir(join(ctx.home, '.nuget', 'NuGet'), { recursive: true });
    await writeFile(userFile(), USER_CONFIG);
    await writeFile(join(ctx.work, 'nuget.config'), PROJECT_CONFIG);
    await ctx.configurator.configureNuget(SHARED, { workspaceFolder: ctx.work });
    const first = [await readFile(userFile(), 'utf8'), await readFile(join(ctx.work, 'nuget.config'), 'utf8')];
    assert.ok(first[1]?.includes('<!-- team feed -->') && first[1].includes('\r\n    <add key="codeartifact_acme_shared"'));
    const again = await ctx.configurator.configureNuget(SHARED, { workspaceFolder: ctx.work });
    assert.deepEqual(again.changes.flatMap((c) => c.lines), []);
    assert.deepEqual([await readFile(userFile(), 'utf8'), await readFile(join(ctx.work, 'nuget.config'), 'utf8')], first);

    const fresh = await ctx.tokens.refresh({ name: 'acme', owner: OWNER });
    const rewritten = await ctx.configurator.rewriteTokenFiles(fresh);
    assert.deepEqual(rewritten.errors, []);
    assert.ok((await readFile(userFile(), 'utf8')).includes(`value="${fresh.token}"`));

    const { errors } = await ctx.configurator.remove();
    assert.deepEqual(errors, []);
    assert.equal(await readFile(userFile(), 'utf8'), USER_CONFIG);
    assert.equal(await readFile(join(ctx.work, 'nuget.config'), 'utf8'), PROJECT_CONFIG);
  });

  it('deletes the files it created when the configuration is removed', async () => {
    await ctx.configurator.configureNuget(SHARED, { workspaceFolder: ctx.work });
    await ctx.configurator.remove();
    assert.deepEqual([...(await listFiles(ctx.home)), ...(await listFiles(ctx.work))], []);
  });

  it('never logs a token', () => {
    assert.ok(ctx.log.lines.every((l) => !/cae\./.test(l)));
  });
});
