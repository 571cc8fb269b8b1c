// Configure Swift over a temp HOME and package folder against the emulator: registries.json as
// `swift package-registry set` writes it, the login in ~/.netrc (0600, other machines kept, ours first), refresh,
// and removal byte for byte. The registry named there answers with the netrc credentials (no Swift toolchain here).
import assert from 'node:assert/strict';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigEditError } from '../../../src/core/configFiles/managedBlock';
import { listFiles } from '../../integration/helpers';
import { useConfiguratorEnv } from './configuratorEnv';
import { OWNER } from './testEnv';

const SHARED = { domain: 'acme', domainOwner: OWNER, repository: 'shared' };
const NETRC = 'machine github.com\n  login me\n  password ghp_secret\n\nmachine example.com login x password y';
// What `swift package-registry set` + `login` write (JSONEncoder, pretty printed, sorted keys).
const REGISTRIES = '{\n  "authentication" : {\n    "packages.example.com" : {\n      "type" : "basic"\n    }\n  },\n  "registries" : {\n    "other" : {\n      "supportsAvailability" : false,\n      "url" : "https://packages.example.com/"\n    }\n  },\n  "version" : 1\n}\n';

describe('Configure Swift', function () {
  const ctx = useConfiguratorEnv();

  const registriesFile = (): string => join(ctx.work, '.swiftpm', 'configuration', 'registries.json');

  it('writes registries.json (default registry and token login) and the netrc login, which the registry accepts', async () => {
    await ctx.configurator.configureSwift(SHARED, { packageFolder: ctx.work });
    const endpoint = `${ctx.emulator.endpoint}/acme-${OWNER}/swift/shared/`;
    const doc = JSON.parse(await readFile(registriesFile(), 'utf8')) as { registries: Record<string, { url: string }>; authentication: Record<string, { type: string; loginAPIPath: string }>; version: number };
    assert.equal(doc.version, 1);
    assert.equal(doc.registries['[default]']?.url, endpoint);
    assert.deepEqual(doc.authentication[new URL(endpoint).host], { loginAPIPath: `/acme-${OWNER}/swift/shared/login`, type: 'token' });
    const token = (await ctx.tokens.stored({ name: 'acme', owner: OWNER }))?.token ?? '';
    const netrc = await readFile(join(ctx.home, '.netrc'), 'utf8');
    assert.match(netrc, new RegExp(`^machine 127\\.0\\.0\\.1 login token password ${token.replace(/\./g, '\\.')}$`, 'm'));
    assert.equal((await stat(join(ctx.home, '.netrc'))).mode & 0o777, 0o600);
    assert.ok(!(await readFile(registriesFile(), 'utf8')).includes(token));
    // The netrc credentials as SwiftPM sends them (Basic token:TOKEN) open the registry; the login endpoint says yes.
    const basic = `Basic ${Buffer.from(`token:${token}`).toString('base64')}`;
    assert.equal((await fetch(`${endpoint}login`, { method: 'POST', headers: { authorization: basic } })).status, 200);
    await ctx.configurator.remove();
    assert.deepEqual([...(await listFiles(ctx.home)), ...(await listFiles(ctx.work))], [], 'files it created are deleted');
  });

  it('keeps other machines and registries, puts its login first, is idempotent, refreshes, and removes byte for byte', async () => {
    await writeFile(join(ctx.home, '.netrc'), NETRC);
    await mkdir(join(ctx.work, '.swiftpm', 'configuration'), { recursive: true });
    await writeFile(registriesFile(), REGISTRIES);
    await ctx.configurator.configureSwift(SHARED, { packageFolder: ctx.work, scope: 'acme' });
    const netrc = await readFile(join(ctx.home, '.netrc'), 'utf8');
    assert.ok(netrc.endsWith(NETRC), 'the other entries are kept, after ours');
    assert.ok(netrc.split('\n').findIndex((l) => l.startsWith('machine 127.0.0.1')) < netrc.indexOf('machine github.com'));
    const doc = JSON.parse(await readFile(registriesFile(), 'utf8')) as { registries: Record<string, { url: string }> };
    assert.deepEqual(Object.keys(doc.registries).sort(), ['acme', 'other']);
    const again = await ctx.configurator.configureSwift(SHARED, { packageFolder: ctx.work, scope: 'acme' });
    assert.deepEqual(again.changes.flatMap((c) => c.lines), []);
    const fresh = await ctx.tokens.refresh({ name: 'acme', owner: OWNER });
    assert.deepEqual((await ctx.configurator.rewriteTokenFiles(fresh)).errors, []);
    assert.ok((await readFile(join(ctx.home, '.netrc'), 'utf8')).includes(`password ${fresh.token}`));
    const { errors } = await ctx.configurator.remove();
    assert.deepEqual(errors, []);
    assert.equal(await readFile(join(ctx.home, '.netrc'), 'utf8'), NETRC);
    assert.equal(await readFile(registriesFile(), 'utf8'), REGISTRIES);
  });

  it('refuses to replace a default registry it did not set, and a bad scope', async () => {
    await mkdir(join(ctx.work, '.swiftpm', 'configuration'), { recursive: true });
    await writeFile(registriesFile(), '{\n  "registries" : {\n    "[default]" : {\n      "url" : "https://other.example/"\n    }\n  },\n  "version" : 1\n}\n');
    await assert.rejects(ctx.configurator.configureSwift(SHARED, { packageFolder: ctx.work }), (e: unknown) => e instanceof ConfigEditError && /default registry/.test(e.message));
    await assert.rejects(ctx.configurator.configureSwift(SHARED, { packageFolder: ctx.work, scope: '-bad-' }), ConfigEditError);
    await assert.rejects(stat(join(ctx.home, '.netrc')), 'nothing was written');
  });
});
