import assert from 'node:assert/strict';
import { parseTOML } from 'toml-eslint-parser';
import {
  applyCargoCredentials,
  applyCargoRegistry,
  cargoCredentialsPath,
  cargoIndexUrl,
  cargoRegistryName,
  cargoTokenVariable,
  removeCargoCredentials,
  removeCargoRegistry,
} from '../../../../src/core/configFiles/cargoConfig';
import { ConfigEditError } from '../../../../src/core/configFiles/managedBlock';

const ENDPOINT = 'https://acme-111122223333.d.codeartifact.us-west-2.amazonaws.com/cargo/shared/';
const TOKEN = 'eyJ2ZXIiOjEsImlzdSI6MTcwMDAwMDAwMH0.abc-def_123';

describe('cargo config files', () => {
  it('names the registry and its token variable as cargo spells them', () => {
    assert.equal(cargoRegistryName('acme', 'my.repo'), 'acme-my-repo');
    assert.equal(cargoTokenVariable('acme-my_repo'), 'CARGO_REGISTRIES_ACME_MY_REPO_TOKEN');
    assert.equal(cargoIndexUrl(ENDPOINT.slice(0, -1)), `sparse+${ENDPOINT}`);
    assert.equal(cargoCredentialsPath({ env: {}, home: '/h' }), '/h/.cargo/credentials.toml');
    assert.equal(cargoCredentialsPath({ env: { CARGO_HOME: '/c' }, home: '/h' }), '/c/credentials.toml');
  });

  for (const [label, original] of [
    ['no file', undefined],
    ['an empty file', ''],
    ['a file without a final newline', '[net]\nretry = 2'],
    ['CRLF and a BOM', '\uFEFF# mine\r\n[build]\r\njobs = 2\r\n'],
    ['a top-level key only', 'paths = []\n'],
  ] as const) {
    it(`registry + crates.io replacement on ${label}: valid TOML, idempotent, removed byte for byte`, () => {
      const once = applyCargoRegistry(original, { endpoint: ENDPOINT, name: 'acme-shared', replaceCratesIo: true });
      assert.doesNotThrow(() => parseTOML(once.text.replace(/^\uFEFF/, '')));
      assert.match(once.text, /\[registries\.acme-shared\]\r?\nindex = "sparse\+https:\/\/acme-111122223333\.d\.codeartifact\.us-west-2\.amazonaws\.com\/cargo\/shared\/"\r?\ncredential-provider = "cargo:token"/);
      assert.match(once.text, /\[source\.crates-io\]\r?\nreplace-with = "acme-shared"/);
      const twice = applyCargoRegistry(once.text, { endpoint: ENDPOINT, name: 'acme-shared', replaceCratesIo: true });
      assert.equal(twice.changed, false);
      assert.equal(removeCargoRegistry(once.text, { name: 'acme-shared', replaceCratesIo: true }), original ?? '');
    });
  }

  it('turning the replacement off takes only that block out', () => {
    const on = applyCargoRegistry('', { endpoint: ENDPOINT, name: 'r', replaceCratesIo: true }).text;
    const off = applyCargoRegistry(on, { endpoint: ENDPOINT, name: 'r', replaceCratesIo: false }).text;
    assert.ok(!off.includes('replace-with'));
    assert.ok(off.includes('[registries.r]'));
  });

  it('refuses to clash with the user\'s own registry or source table, and broken TOML, writing nothing', () => {
    assert.throws(() => applyCargoRegistry('[registries.r]\nindex = "x"\n', { endpoint: ENDPOINT, name: 'r', replaceCratesIo: false }), ConfigEditError);
    assert.throws(() => applyCargoRegistry('[registries]\nr = { index = "x" }\n', { endpoint: ENDPOINT, name: 'r', replaceCratesIo: false }), ConfigEditError);
    assert.throws(() => applyCargoRegistry('[source.crates-io]\nreplace-with = "vendored"\n', { endpoint: ENDPOINT, name: 'r', replaceCratesIo: true }), /already defines/);
    assert.throws(() => applyCargoRegistry('[registries\n', { endpoint: ENDPOINT, name: 'r', replaceCratesIo: false }), /not valid TOML/);
    // Another registry is fine.
    assert.doesNotThrow(() => applyCargoRegistry('[registries.other]\nindex = "x"\n', { endpoint: ENDPOINT, name: 'r', replaceCratesIo: false }));
  });

  it('refuses names and values that could inject TOML', () => {
    assert.throws(() => applyCargoRegistry('', { endpoint: ENDPOINT, name: 'a]\n[x', replaceCratesIo: false }), ConfigEditError);
    assert.throws(() => applyCargoRegistry('', { endpoint: 'https://h/"\n[x]', name: 'r', replaceCratesIo: false }), ConfigEditError);
    assert.throws(() => applyCargoCredentials('', { name: 'r', token: 'a"\nb' }), ConfigEditError);
  });

  it('credentials: Bearer token under [registries.NAME], updated in place, removed byte for byte', () => {
    const mine = '# cargo login wrote this\n[registries.crates-io]\ntoken = "cio"\n';
    const once = applyCargoCredentials(mine, { name: 'acme-shared', token: TOKEN });
    assert.ok(once.text.startsWith(mine));
    assert.ok(once.text.includes(`[registries.acme-shared]\ntoken = "Bearer ${TOKEN}"\n`));
    assert.ok(once.changes.every((c) => !c.includes(TOKEN)));
    const renewed = applyCargoCredentials(once.text, { name: 'acme-shared', token: 'new.token' });
    assert.ok(renewed.text.includes('"Bearer new.token"') && !renewed.text.includes(TOKEN));
    assert.match(renewed.changes[0] ?? '', /Updated the token/);
    assert.equal(removeCargoCredentials(renewed.text, { name: 'acme-shared' }), mine);
  });
});
