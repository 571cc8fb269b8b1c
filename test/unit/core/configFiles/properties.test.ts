// fast-check: for generated files of each format (comments, blank lines, duplicates, other registries,
// CRLF/LF/mixed endings, BOM, with or without a final newline), apply then remove returns the input
// byte for byte, apply is idempotent, and the real reader sees our value.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as ini from 'ini';
import { parse as parseYaml } from 'yaml';
import { SaxesParser } from 'saxes';
import { applyNpmAuth, applyNpmRegistry, removeNpmAuth, removeNpmRegistry } from '../../../../src/core/configFiles/npmrc';
import { applyPipIndex, applyPypirc, removePipIndex, removePypirc, type PipIndexMode } from '../../../../src/core/configFiles/pipConfig';
import { applyMavenSettings, removeMavenSettings } from '../../../../src/core/configFiles/mavenSettings';
import { applyYarnAuth, applyYarnRegistry, removeYarnAuth, removeYarnRegistry } from '../../../../src/core/configFiles/yarnrc';
import { readWithConfigparser } from './helpers';
import { runs } from '../../stress';

const NPM_EP = 'https://dom-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/repo/';
const PYPI_EP = 'https://dom-111122223333.d.codeartifact.us-west-2.amazonaws.com/pypi/repo/';
const MAVEN_EP = 'https://dom-111122223333.d.codeartifact.us-west-2.amazonaws.com/maven/repo/';
const TOKEN = fc.stringMatching(/^[A-Za-z0-9._-]{1,40}$/);

/** Joins lines with generated endings: LF, CRLF or a mix; optional BOM and final newline. */
const layout = (lines: fc.Arbitrary<string[]>): fc.Arbitrary<string> =>
  fc
    .record({ lines, eols: fc.array(fc.constantFrom('\n', '\r\n'), { minLength: 1, maxLength: 3 }), bom: fc.boolean(), finalEol: fc.boolean() })
    .map(({ lines, eols, bom, finalEol }) => {
      const body = lines.map((l, i) => l + (i < lines.length - 1 || finalEol ? (eols[i % eols.length] ?? '\n') : '')).join('');
      return (bom ? '\uFEFF' : '') + body;
    });

function laws(original: string, apply: (t: string) => string, remove: (t: string) => string): string {
  const once = apply(original);
  assert.equal(apply(once), once, 'idempotent');
  assert.equal(remove(once), original, 'remove restores the original');
  return once;
}

const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);

describe('core/configFiles properties (fast-check)', function () {
  // Hundreds of generated files per property; generous on a loaded machine.
  this.timeout(120_000);

  it('npmrc: registry and token lines', () => {
    const line = fc.oneof(
      fc.constant(''),
      word.map((w) => `# ${w}`),
      word.map((w) => `; ${w}`),
      fc.tuple(fc.constantFrom('registry', '@acme:registry', '@other:registry', 'fund', '//registry.npmjs.org/:_authToken', `${NPM_EP.slice(6)}:_authToken`), word, fc.constantFrom('=', ' = ', '= '), fc.constantFrom('', '  ')).map(
        ([k, v, eq, lead]) => `${lead}${k}${eq}${v}`,
      ),
      word.map((w) => `[${w}]`),
    );
    fc.assert(
      fc.property(layout(fc.array(line, { maxLength: 12 })), fc.option(fc.constantFrom('@acme', '@other'), { nil: undefined }), TOKEN, (text, scope, token) => {
        const project = laws(text, (t) => applyNpmRegistry(t, { endpoint: NPM_EP, scope }).text, (t) => removeNpmRegistry(t, { scope }));
        assert.equal(ini.decode(project.replace(/^\uFEFF/, ''))[scope ? `${scope}:registry` : 'registry'], NPM_EP);
        const user = laws(text, (t) => applyNpmAuth(t, { endpoint: NPM_EP, token }).text, (t) => removeNpmAuth(t, { endpoint: NPM_EP }));
        assert.equal(ini.decode(user.replace(/^\uFEFF/, ''))[`${NPM_EP.slice(6)}:_authToken`], token);
      }),
      { numRuns: runs(300) },
    );
  });

  /** A configparser-valid file: comments before the first section, unique sections and keys. */
  const configparserFile = fc
    .array(
      fc.record({
        name: fc.constantFrom('global', 'install', 'distutils', 'pypi', 'codeartifact', 'other'),
        options: fc.uniqueArray(
          fc.record({
            key: fc.constantFrom('index-url', 'extra-index-url', 'timeout', 'index-servers', 'username', 'password', 'repository'),
            values: fc.array(word, { minLength: 1, maxLength: 3 }),
            sep: fc.constantFrom(' = ', '=', ': '),
            firstEmpty: fc.boolean(),
          }),
          { selector: (o) => o.key, maxLength: 4 },
        ),
        trailer: fc.constantFrom([], [''], ['# note'], ['', '; note', '']),
      }),
      { maxLength: 4 },
    )
    .map((sections) => {
      const seen = new Set<string>();
      const lines: string[] = ['# generated'];
      for (const s of sections) {
        if (seen.has(s.name)) continue;
        seen.add(s.name);
        lines.push(`[${s.name}]`);
        for (const o of s.options) {
          const [first, ...rest] = o.values;
          if (o.firstEmpty) lines.push(`${o.key}${o.sep.trimEnd()}`, ...o.values.map((v) => `    ${v}`));
          else lines.push(`${o.key}${o.sep}${first ?? ''}`, ...rest.map((v) => `\t${v}`));
        }
        lines.push(...s.trailer);
      }
      return lines;
    });

  it('pip.conf and .pypirc: laws hold on configparser-valid files', () => {
    fc.assert(
      fc.property(layout(configparserFile), fc.constantFrom<PipIndexMode>('index-url', 'extra-index-url'), TOKEN, (text, mode, token) => {
        laws(text, (t) => applyPipIndex(t, { endpoint: PYPI_EP, token, mode }).text, removePipIndex);
        laws(text, (t) => applyPypirc(t, { endpoint: PYPI_EP, token }).text, (t) => removePypirc(t));
      }),
      { numRuns: runs(300) },
    );
  });

  it('pip.conf and .pypirc: Python configparser reads the output (fewer runs: one python per case)', function () {
    if (readWithConfigparser('[a]\n') === undefined) this.skip();
    fc.assert(
      fc.property(layout(configparserFile), fc.constantFrom<PipIndexMode>('index-url', 'extra-index-url'), (text, mode) => {
        const pip = readWithConfigparser(applyPipIndex(text, { endpoint: PYPI_EP, token: 'tok', mode }).text);
        assert.ok((pip?.global?.[mode] ?? '').includes('https://aws:tok@'));
        const pypirc = readWithConfigparser(applyPypirc(text, { endpoint: PYPI_EP, token: 'tok' }).text);
        assert.equal(pypirc?.codeartifact?.password, 'tok');
        assert.ok((pypirc?.distutils?.['index-servers'] ?? '').split(/\s+/).includes('codeartifact'));
      }),
      { numRuns: runs(25) },
    );
  });

  const settingsXml = fc
    .record({
      indent: fc.constantFrom('  ', '    ', '\t'),
      containers: fc.uniqueArray(fc.constantFrom('servers', 'profiles', 'mirrors', 'activeProfiles', 'proxies'), { maxLength: 5 }),
      ids: fc.array(word, { maxLength: 3 }),
      comment: fc.boolean(),
      ns: fc.boolean(),
    })
    .map(({ indent, containers, ids, comment, ns }) => {
      const child: Record<string, (id: string) => string> = {
        servers: (id) => `<server><id>${id}</id></server>`,
        profiles: (id) => `<profile><id>${id}</id></profile>`,
        mirrors: (id) => `<mirror><id>${id}</id><mirrorOf>central</mirrorOf><url>https://m/${id}</url></mirror>`,
        activeProfiles: (id) => `<activeProfile>${id}</activeProfile>`,
        proxies: (id) => `<proxy><id>${id}</id></proxy>`,
      };
      const lines = ['<?xml version="1.0"?>', ns ? '<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' : '<settings>'];
      if (comment) lines.push(`${indent}<!-- <servers><server><id>x</id></server></servers> -->`);
      for (const c of containers) {
        lines.push(`${indent}<${c}>`, ...ids.map((id) => `${indent}${indent}${child[c]?.(id) ?? ''}`), `${indent}</${c}>`);
      }
      lines.push('</settings>');
      return lines;
    });

  it('settings.xml: laws hold and the XML stays well-formed with our server in it', () => {
    fc.assert(
      fc.property(layout(settingsXml), fc.boolean(), fc.boolean(), TOKEN, (text, mirror, inline, token) => {
        const request = { endpoint: MAVEN_EP, domain: 'dom', repository: 'repo', mirror, password: inline ? { kind: 'inline' as const, token } : undefined };
        const out = laws(text, (t) => applyMavenSettings(t, request).text, (t) => removeMavenSettings(t, request));
        let found = false;
        const parser = new SaxesParser();
        parser.on('text', (t) => (found ||= t === 'codeartifact-dom-repo'));
        parser.write(out.replace(/^\uFEFF/, '')).close();
        assert.ok(found);
      }),
      { numRuns: runs(300) },
    );
  });

  const yarnrc = fc
    .record({
      unit: fc.constantFrom('  ', '    '),
      top: fc.uniqueArray(fc.constantFrom('nodeLinker', 'npmRegistryServer', 'npmScopes', 'npmRegistries', 'enableTelemetry'), { maxLength: 5 }),
      scopes: fc.uniqueArray(fc.constantFrom('acme', 'other', 'x'), { maxLength: 3 }),
      comment: fc.boolean(),
    })
    .map(({ unit, top, scopes, comment }) => {
      const lines = comment ? ['# yarn settings'] : [];
      for (const k of top) {
        if (k === 'npmScopes' || k === 'npmRegistries') {
          lines.push(`${k}:`);
          for (const s of scopes) {
            const key = k === 'npmScopes' ? s : `"//${s}.example/npm"`;
            lines.push(`${unit}${key}:`, `${unit}${unit}${k === 'npmScopes' ? 'npmRegistryServer' : 'npmAuthToken'}: "v-${s}"`);
            if (comment) lines.push(`${unit}# about ${s}`);
          }
          if (scopes.length === 0) lines[lines.length - 1] += ' {}';
        } else lines.push(`${k}: ${k === 'enableTelemetry' ? 'false' : 'value'}`);
      }
      return lines;
    });

  it('.yarnrc.yml: laws hold and yarn reads our values', () => {
    fc.assert(
      fc.property(layout(yarnrc), fc.option(fc.constantFrom('@acme', '@new'), { nil: undefined }), TOKEN, (text, scope, token) => {
        if (/npmScopes: \{\}|npmRegistries: \{\}/.test(text)) {
          assert.throws(() => {
            applyYarnRegistry(text, { endpoint: NPM_EP, scope: '@acme' });
            applyYarnAuth(text, { endpoint: NPM_EP, token });
          });
          return;
        }
        const project = laws(text, (t) => applyYarnRegistry(t, { endpoint: NPM_EP, scope }).text, (t) => removeYarnRegistry(t, { scope }));
        const value = parseYaml(project.replace(/^\uFEFF/, ''), { uniqueKeys: true }) as Record<string, Record<string, Record<string, string>>> & { npmRegistryServer?: string };
        if (scope) assert.equal(value.npmScopes?.[scope.slice(1)]?.npmRegistryServer, NPM_EP);
        else assert.equal(value.npmRegistryServer, NPM_EP);
        const user = laws(text, (t) => applyYarnAuth(t, { endpoint: NPM_EP, token }).text, (t) => removeYarnAuth(t, { endpoint: NPM_EP }));
        const parsed = parseYaml(user.replace(/^\uFEFF/, ''), { uniqueKeys: true }) as { npmRegistries?: Record<string, { npmAuthToken?: unknown }> };
        assert.equal(String(parsed.npmRegistries?.[NPM_EP.slice(6, -1)]?.npmAuthToken), token);
      }),
      { numRuns: runs(300) },
    );
  });
});
