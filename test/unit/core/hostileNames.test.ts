// Issue #7, "bad input": domain, repository, package and scope names come from the AWS API and from users.
// For hostile names (traversal, encodings, separators, quotes, shell and XML/YAML specials, look-alikes,
// 64k characters, empty) every URL we build keeps each name in its own path segment, every snippet keeps it
// in its own shell word / XML text / string literal, and every config edit reads back — with the format's
// own reader — to exactly the value we meant, or is refused with a ConfigEditError that names the culprit.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import * as ini from 'ini';
import { SaxesParser } from 'saxes';
import { parseDocument } from 'yaml';
import { consoleUrl, type ConsoleTarget } from '../../../src/core/consoleUrls';
import { installSnippet, npmPackageName } from '../../../src/core/snippets';
import { npmRegistryFor, parseRegistryUrl, redactUrl } from '../../../src/core/registryUrls';
import { parsePackageLocation } from '../../../src/explorer/packageLocation';
import { dataPlaneRequest } from '../../../src/versions/versionSource';
import { normalizeEndpoint } from '../../../src/core/configFiles/endpoint';
import { powershellQuote, renderEnvironment, renderExportSnippet } from '../../../src/core/configFiles/environment';
import { ConfigEditError, hashComments, insertBlock, splitLines } from '../../../src/core/configFiles/managedBlock';
import { applyMavenSettings, removeMavenSettings } from '../../../src/core/configFiles/mavenSettings';
import { applyNpmAuth, applyNpmRegistry } from '../../../src/core/configFiles/npmrc';
import { applyPipIndex, applyPypirc } from '../../../src/core/configFiles/pipConfig';
import { renderGradleInitScript } from '../../../src/core/configFiles/snippets';
import { applyYarnAuth, applyYarnRegistry } from '../../../src/core/configFiles/yarnrc';
import { readWithConfigparser } from './configFiles/helpers';
import { Configurator } from '../../../src/configure/configurator';
import { FakeMemento } from '../fakes';
import { runs } from '../stress';

const HOSTILE: readonly string[] = [
  '..', '../..', '.', '%2f', '%2F', '%2e%2e', '.%2e', '%2e.', '/', '\\', '..\\..', ' ', 'a b', '\t', '\n', '\r\n', 'a\r\nb', '\r',
  '#', ';', '=', '"', "'", '$(id)', '`id`', '${HOME}', '<', '>', '&', '&amp;', ']]>', '-->', '<!--', ': ', '- ', '{', '}', '[x]',
  '*anchor', '&anchor', '!!str', '? ', '|', '%', '?', '@', ':', '~', '-rf', '--registry=http://evil', '=cmd',
  '\u0430', '\uFF0F', '\u2215', '\u2024\u2024', '\u00A0', '\u2028', '\u2019', '\u201B', '\uFEFF', '\u0000', '\u0007', '\uD800', '\uFFFE',
  '>>> codeartifact-explorer x >>>', '<<< codeartifact-explorer x <<<', 'x'.repeat(65_536), '',
];

/** Hostile pieces alone, glued to each other and to ordinary text, plus arbitrary code points. */
const hostileName = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...HOSTILE.filter((h) => h.length < 100), 'a', 'repo', '-', '.'), { minLength: 1, maxLength: 5 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);

/** No lone surrogate (String.prototype.isWellFormed is ES2024; the project targets ES2022). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const isWellFormed = (s: string): boolean => !new RegExp(LONE_SURROGATE.source).test(s);
const toWellFormed = (s: string): string => s.replace(LONE_SURROGATE, '\uFFFD');

const DOMAIN_RE = /^[a-z][a-z0-9-]{0,48}[a-z0-9]$/;
const REPOSITORY_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{1,99}$/;
const HOST = 'dom-111122223333.d.codeartifact.us-west-2.amazonaws.com';

/** The decoded path segments of a URL (WHATWG parsing: dot segments are already resolved). */
function segments(url: URL): string[] {
  return url.pathname.split('/').slice(1).map(decodeURIComponent);
}

function expectRefused(run: () => unknown, kind: new (...args: never[]) => Error = ConfigEditError): void {
  try {
    run();
  } catch (e) {
    assert.ok(e instanceof kind, `refused with ${kind.name}, not ${String(e)}`);
    assert.ok(e.message.length > 0);
    return;
  }
  assert.fail('expected a refusal');
}

/** Runs `fn`; a ConfigEditError is an accepted answer (returns undefined), anything else thrown fails. */
function editOrRefuse<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ConfigEditError) {
      assert.ok(e.message.length > 0);
      return undefined;
    }
    throw e;
  }
}

describe('hostile names (issue #7)', function () {
  // Generous: a hang guard on a loaded two-core machine, not a time assertion.
  this.timeout(120_000);

  describe('URLs', () => {
    it('consoleUrl keeps every name inside its own path segment, or refuses', () => {
      fc.assert(
        fc.property(
          fc.record({
            domain: hostileName,
            repository: fc.option(hostileName, { nil: undefined }),
            format: fc.constantFrom('npm', 'pypi', 'maven', 'generic'),
            namespace: fc.option(hostileName, { nil: undefined }),
            package: fc.option(hostileName, { nil: undefined }),
            version: fc.option(hostileName, { nil: undefined }),
          }),
          (t) => {
            const target: ConsoleTarget = { region: 'us-west-2', owner: '111122223333', ...t };
            let built: string;
            try {
              built = consoleUrl(target);
            } catch (e) {
              assert.ok(e instanceof Error && !(e instanceof TypeError) && !(e instanceof RangeError), String(e));
              assert.match(e.message, /cannot be part of a link|is not a valid/);
              return;
            }
            const url = new URL(built);
            assert.equal(url.host, 'us-west-2.console.aws.amazon.com');
            assert.equal(url.search, '?region=us-west-2');
            assert.equal(url.hash, '');
            const expected = ['codesuite', 'codeartifact', 'd', '111122223333', t.domain];
            if (t.repository) {
              expected.push('r', t.repository);
              if (t.package) {
                expected.push('p', t.format, t.namespace ?? '', t.package, 'versions');
                if (t.version) expected.push(t.version);
              }
            }
            assert.deepEqual(segments(url), expected);
          },
        ),
        { numRuns: runs(300) },
      );
    });

    it('consoleUrl refuses a region or owner that would move the host or add segments', () => {
      for (const region of ['evil.com/', 'evil.com#', 'us-west-2.evil.com', 'a@b', '', 'us-west-2\n']) {
        expectRefused(() => consoleUrl({ region, owner: '111122223333', domain: 'd1' }), Error);
      }
      for (const owner of ['..', '', '1/2', '11112222333x']) {
        expectRefused(() => consoleUrl({ region: 'us-west-2', owner, domain: 'd1' }), Error);
      }
    });

    it('dataPlaneRequest keeps package names under the repository endpoint, one name per segment', () => {
      const endpoint = `https://${HOST}/npm/repo/`;
      fc.assert(
        fc.property(fc.constantFrom<'npm' | 'pypi' | 'maven'>('npm', 'pypi', 'maven'), fc.option(hostileName, { nil: undefined }), hostileName, (ecosystem, namespace, name) => {
          const query = { ecosystem, target: { domain: 'dom', owner: '111122223333', repository: 'repo' }, name, ...(namespace === undefined ? {} : { namespace }) };
          let url: URL;
          try {
            url = new URL(dataPlaneRequest(query as Parameters<typeof dataPlaneRequest>[0], endpoint, 'tok').url);
          } catch (e) {
            // Refusing a name that cannot be a path segment is fine; a URIError/TypeError from encoding is not.
            assert.ok(e instanceof Error && !(e instanceof TypeError) && !(e instanceof RangeError) && !(e instanceof URIError), String(e));
            return;
          }
          assert.equal(url.host, HOST);
          const rest = segments(url).slice(2);
          assert.deepEqual(segments(url).slice(0, 2), ['npm', 'repo'], `stays under the repository: ${url.href}`);
          if (ecosystem === 'npm') assert.deepEqual(rest, [namespace ? `@${namespace}/${name}` : name]);
          if (ecosystem === 'pypi') assert.deepEqual(rest, ['simple', name, '']);
          if (ecosystem === 'maven') assert.deepEqual(rest, [...(namespace ?? '').split('.'), name, 'maven-metadata.xml']);
        }),
        { numRuns: runs(300) },
      );
    });

    it('parseRegistryUrl, npmRegistryFor and redactUrl never throw and never hand back a password', () => {
      fc.assert(
        fc.property(hostileName, hostileName, fc.stringMatching(/^[A-Za-z0-9._~+=-]{1,30}$/), (a, b, secret) => {
          for (const url of [`https://aws:${secret}@${a}/npm/${b}/`, `https://${HOST}/npm/${a}/${b}`, `http://127.0.0.1:1/${a}/npm/${b}/`, `${a}//x:${secret}@${b}`]) {
            const parsed = parseRegistryUrl(url);
            if (parsed) assert.match(parsed.repository, REPOSITORY_RE);
            assert.ok(!redactUrl(url).includes(`:${secret}@`), `redacted: ${redactUrl(url)}`);
          }
          const npmrc = `registry=https://aws:${secret}@${a}/\n@${b}:registry=${b}\n`;
          assert.ok(!npmRegistryFor(`@${b}/x`, [npmrc]).includes(`:${secret}@`));
        }),
        { numRuns: runs(300) },
      );
    });
  });

  describe('snippets', () => {
    const SH_COMMANDS = 'npm() { printf "%s\\0" "$@"; }; pip() { npm "$@"; }; dotnet() { npm "$@"; }; cargo() { npm "$@"; }; gem() { npm "$@"; };';

    /** The argv the shell builds from the snippet, with the command names replaced by an argv printer. */
    function shellArgs(snippet: string): string[] {
      // On stdin, not as `-c` text: one argument may not exceed 128 KiB, and two 64k names would.
      const out = execFileSync('/bin/sh', ['-s'], { input: `${SH_COMMANDS}\n${snippet}\n`, timeout: 10_000 });
      return out.length === 0 ? [] : out.toString('utf8').split('\0').slice(0, -1);
    }

    it('install commands: the shell sees each name as exactly one argument, or the snippet is only a comment', () => {
      // No lone surrogates: they cannot travel through UTF-8 to the shell and back, whatever the quoting.
      const name = hostileName.filter((s) => isWellFormed(s));
      fc.assert(
        fc.property(fc.constantFrom('npm', 'pypi', 'nuget', 'cargo', 'ruby'), fc.option(name, { nil: undefined }), name, name, (format, namespace, pkg, version) => {
          const snippet = installSnippet({ format, name: pkg, version, ...(namespace === undefined ? {} : { namespace }) });
          const args = shellArgs(snippet);
          if (snippet.startsWith('#')) {
            assert.deepEqual(args, []);
            assert.ok(!snippet.includes('\n'), 'a refusal is a single comment line');
            return;
          }
          const expected: Record<string, string[]> = {
            npm: ['i', `${npmPackageName(namespace, pkg)}@${version}`],
            pypi: ['install', `${pkg}==${version}`],
            nuget: ['add', 'package', pkg, '--version', version],
            cargo: ['add', `${pkg}@${version}`],
            ruby: ['install', pkg, '-v', version],
          };
          assert.deepEqual(args, expected[format]);
          const nameArgs: Record<string, number[]> = { npm: [1], pypi: [1], nuget: [2, 4], cargo: [1], ruby: [1, 3] };
          for (const i of nameArgs[format] ?? []) assert.ok(!args[i]?.startsWith('-'), `no name reads as an option: ${args[i]}`);
        }),
        { numRuns: runs(150) },
      );
    });

    it('Maven dependency: names are the element texts and no element is added, or it is only a comment', () => {
      fc.assert(
        fc.property(fc.option(hostileName, { nil: undefined }), hostileName, hostileName, (namespace, pkg, version) => {
          const snippet = installSnippet({ format: 'maven', name: pkg, version, ...(namespace === undefined ? {} : { namespace }) });
          const elements: string[] = [];
          const texts: Record<string, string> = {};
          const stack: string[] = [];
          const parser = new SaxesParser();
          parser.on('opentag', (t) => {
            elements.push(t.name);
            stack.push(t.name);
          });
          parser.on('closetag', () => void stack.pop());
          parser.on('text', (t) => {
            const current = stack[stack.length - 1] ?? '';
            texts[current] = (texts[current] ?? '') + t;
          });
          parser.on('comment', () => elements.push('#comment'));
          parser.write(`<root>${snippet}</root>`).close();
          if (elements[1] === '#comment') {
            assert.deepEqual(elements, ['root', '#comment']);
            return;
          }
          assert.deepEqual(elements, ['root', 'dependency', 'groupId', 'artifactId', 'version']);
          assert.equal(texts['groupId'] ?? '', namespace ?? '');
          assert.equal(texts['artifactId'] ?? '', pkg);
          assert.equal(texts['version'] ?? '', version);
        }),
        { numRuns: runs(300) },
      );
    });

    it('Swift: the id and version stay inside their string literals', () => {
      const literal = /^\.package\(id: "((?:[^"\\\n\r]|\\.|\\u\{[0-9a-f]+\})*)", exact: "((?:[^"\\\n\r]|\\.|\\u\{[0-9a-f]+\})*)"\)$/;
      const unescape = (s: string): string =>
        s.replace(/\\u\{([0-9a-f]+)\}|\\(.)/g, (_m, hex: string | undefined, c: string) =>
          hex !== undefined ? String.fromCodePoint(parseInt(hex, 16)) : ({ n: '\n', r: '\r', t: '\t', '0': '\0' } as Record<string, string>)[c] ?? c,
        );
      fc.assert(
        fc.property(fc.option(hostileName, { nil: undefined }), hostileName, hostileName, (namespace, pkg, version) => {
          const snippet = installSnippet({ format: 'swift', name: pkg, version, ...(namespace === undefined ? {} : { namespace }) });
          if (snippet.startsWith('//')) return assert.ok(!snippet.includes('\n'));
          const m = literal.exec(snippet);
          assert.ok(m, `one call with two string literals: ${snippet.slice(0, 200)}`);
          assert.equal(unescape(m[1] ?? ''), namespace ? `${namespace}.${pkg}` : pkg);
          assert.equal(unescape(m[2] ?? ''), version);
        }),
        { numRuns: runs(300) },
      );
    });
  });

  describe('explorer arguments', () => {
    it('parsePackageLocation never throws, and passes only names AWS could have', () => {
      fc.assert(
        fc.property(fc.oneof(fc.anything(), fc.record({ domain: hostileName, repository: hostileName, format: fc.constantFrom('npm', 'maven'), name: hostileName, owner: hostileName, namespace: hostileName })), (arg) => {
          const at = parsePackageLocation(arg);
          if (!at) return;
          assert.match(at.domain, DOMAIN_RE);
          assert.match(at.repository, REPOSITORY_RE);
          if (at.owner !== undefined) assert.match(at.owner, /^\d{12}$/);
          const a = arg as Record<string, unknown>;
          assert.equal(at.name, a['name']);
        }),
        { numRuns: runs(300) },
      );
      assert.deepEqual(parsePackageLocation({ domain: 'acme', repository: 'shared', format: 'npm', name: '..', owner: '111122223333' }), {
        domain: 'acme', owner: '111122223333', repository: 'shared', format: 'npm', name: '..',
      });
    });
  });

  describe('config files', () => {
    /** Endpoints the API (or a hostile emulator) could hand back for a repository with this name. */
    const endpointOf = (name: string, encoded: boolean, format: string): string => `https://${HOST}/${format}/${encoded ? encodeURIComponent(toWellFormed(name)) : name}/`;
    /** Mostly a hostile repository name in the path; sometimes a hostile host name. */
    const endpoint = (format: string): fc.Arbitrary<string> =>
      fc.oneof(
        { weight: 4, arbitrary: fc.tuple(hostileName, fc.boolean()).map(([n, e]) => endpointOf(n, e, format)) },
        { weight: 1, arbitrary: hostileName.map((n) => `https://${n}.example/${format}/repo/`) },
      );

    /** What an accepted endpoint must be: the API's URL, a plain host, no segment resolved away. */
    function acceptedEndpoint(raw: string): string {
      const url = new URL(raw);
      if (!raw.startsWith(`https://${HOST}/`)) {
        assert.match(url.hostname, /^[a-z0-9.-]+$/, `a plain host name: ${url.hostname.slice(0, 100)}`);
        return normalizeEndpoint(raw).href;
      }
      assert.equal(url.host, HOST);
      const rawPath = raw.slice(`https://${HOST}`.length).split(/[?#]/)[0] ?? '';
      assert.equal(url.pathname.split('/').length, rawPath.split('/').length, `no dot segment was resolved: ${raw.slice(0, 100)}`);
      return normalizeEndpoint(raw).href;
    }

    it('npmrc: ini reads back exactly our registry and token lines, for hostile endpoints and scopes', () => {
      fc.assert(
        fc.property(endpoint('npm'), fc.option(hostileName.map((s) => `@${s}`), { nil: undefined }), (ep, scope) => {
          const project = editOrRefuse(() => applyNpmRegistry('fund=false\n', { endpoint: ep, ...(scope === undefined ? {} : { scope }) }));
          if (project) {
            const decoded = ini.decode(project.text);
            assert.deepEqual(Object.keys(decoded), ['fund', scope ? `${scope}:registry` : 'registry']);
            assert.equal(decoded[scope ? `${scope}:registry` : 'registry'], acceptedEndpoint(ep));
          }
          const user = editOrRefuse(() => applyNpmAuth('fund=false\n', { endpoint: ep, token: 'tok.en' }));
          if (user) {
            const href = acceptedEndpoint(ep);
            const decoded = ini.decode(user.text);
            const url = new URL(href);
            assert.equal(decoded[`${href.slice('https:'.length)}:_authToken`], 'tok.en');
            assert.equal(decoded[`//${url.hostname}:443${url.pathname}:_authToken`], 'tok.en');
            assert.equal(Object.keys(decoded).length, 3);
          }
        }),
        { numRuns: runs(300) },
      );
    });

    it('npmrc: a scope that is not an npm scope is refused with its name in the message', () => {
      for (const scope of ['@a b', '@a\nregistry=https://evil/', '@a=b', '@a;b', '@A', '@', '@..']) {
        assert.throws(() => applyNpmRegistry(undefined, { endpoint: `https://${HOST}/npm/repo/`, scope }), (e: unknown) => e instanceof ConfigEditError && e.message.includes(JSON.stringify(scope)));
      }
    });

    it('.yarnrc.yml: yaml reads back exactly our registry and token, for hostile endpoints and scopes', () => {
      fc.assert(
        fc.property(endpoint('npm'), fc.option(hostileName.map((s) => `@${s}`), { nil: undefined }), (ep, scope) => {
          const project = editOrRefuse(() => applyYarnRegistry('nodeLinker: node-modules\n', { endpoint: ep, ...(scope === undefined ? {} : { scope }) }));
          if (project) {
            const doc = parseDocument(project.text, { uniqueKeys: true });
            assert.deepEqual(doc.errors, []);
            const value = scope ? doc.getIn(['npmScopes', scope.slice(1), 'npmRegistryServer']) : doc.get('npmRegistryServer');
            assert.equal(value, acceptedEndpoint(ep));
          }
          const user = editOrRefuse(() => applyYarnAuth(undefined, { endpoint: ep, token: 'tok.en' }));
          if (user) {
            const doc = parseDocument(user.text, { uniqueKeys: true });
            assert.deepEqual(doc.errors, []);
            const key = acceptedEndpoint(ep).slice('https:'.length, -1);
            assert.deepEqual(doc.toJS(), { npmRegistries: { [key]: { npmAlwaysAuth: true, npmAuthToken: 'tok.en' } } });
          }
        }),
        { numRuns: runs(300) },
      );
    });

    it('settings.xml: saxes reads back the URL, the id and the name; no element appears that we did not write', () => {
      fc.assert(
        fc.property(endpoint('maven'), hostileName, hostileName, fc.boolean(), (ep, domain, repository, mirror) => {
          const request = { endpoint: ep, domain, repository, mirror };
          const out = editOrRefuse(() => applyMavenSettings(undefined, request));
          if (!out) return;
          const names: string[] = [];
          const texts: { path: string; text: string }[] = [];
          const stack: string[] = [];
          const parser = new SaxesParser({ xmlns: false });
          parser.on('opentag', (t) => {
            stack.push(t.name);
            names.push(stack.join('/'));
          });
          parser.on('closetag', () => void stack.pop());
          parser.on('text', (t) => (t.trim() ? texts.push({ path: stack.join('/'), text: t }) : undefined));
          parser.write(out.text).close();
          assert.deepEqual([...new Set(names)].sort(), [
            'settings', 'settings/activeProfiles', 'settings/activeProfiles/activeProfile',
            ...(mirror ? ['settings/mirrors', 'settings/mirrors/mirror', 'settings/mirrors/mirror/id', 'settings/mirrors/mirror/mirrorOf', 'settings/mirrors/mirror/name', 'settings/mirrors/mirror/url'] : []),
            'settings/profiles', 'settings/profiles/profile', 'settings/profiles/profile/id',
            'settings/profiles/profile/pluginRepositories', 'settings/profiles/profile/pluginRepositories/pluginRepository', 'settings/profiles/profile/pluginRepositories/pluginRepository/id', 'settings/profiles/profile/pluginRepositories/pluginRepository/url',
            'settings/profiles/profile/repositories', 'settings/profiles/profile/repositories/repository', 'settings/profiles/profile/repositories/repository/id', 'settings/profiles/profile/repositories/repository/url',
            'settings/servers', 'settings/servers/server', 'settings/servers/server/id', 'settings/servers/server/password', 'settings/servers/server/username',
          ].sort());
          const href = acceptedEndpoint(ep);
          for (const t of texts.filter((x) => x.path.endsWith('/url'))) assert.equal(t.text, href);
          const ids = texts.filter((x) => x.path.endsWith('/id') || x.path.endsWith('/activeProfile')).map((x) => x.text);
          assert.equal(new Set(ids).size, 1);
          assert.match(ids[0] ?? '', /^codeartifact-[A-Za-z0-9._-]+$/);
          if (mirror) assert.equal(texts.find((x) => x.path.endsWith('/name'))?.text, `CodeArtifact ${domain}/${repository}`);
          assert.equal(removeMavenSettings(out.text, request), '');
        }),
        { numRuns: runs(300) },
      );
    });

    it('Gradle init script: names cannot leave the comment line or the string literals', () => {
      fc.assert(
        fc.property(endpoint('maven'), hostileName, hostileName, (ep, domain, repository) => {
          const script = editOrRefuse(() => renderGradleInitScript({ endpoint: ep, domain, repository }));
          if (script === undefined) return;
          const reference = renderGradleInitScript({ endpoint: `https://${HOST}/maven/repo/`, domain: 'dom', repository: 'repo' });
          const lines = script.split('\n');
          assert.equal(lines.length, reference.split('\n').length, 'no line was added');
          assert.ok(lines[0]?.startsWith('// '));
          const href = acceptedEndpoint(ep);
          assert.equal(lines.filter((l) => l.trim() === `url = uri('${href}')`).length, 2);
          assert.ok(!/['\\]/.test(href));
          for (const l of lines.filter((x) => /^\s*name = '/.test(x))) assert.match(l.trim(), /^name = 'codeartifact-[A-Za-z0-9._-]+'$/);
        }),
        { numRuns: runs(300) },
      );
    });

    it('pip.conf and .pypirc: Python configparser reads back exactly our URL (fewer runs: one python per case)', function () {
      if (readWithConfigparser('[a]\n') === undefined) this.skip();
      fc.assert(
        fc.property(endpoint('pypi'), fc.constantFrom<'index-url' | 'extra-index-url'>('index-url', 'extra-index-url'), (ep, mode) => {
          const pip = editOrRefuse(() => applyPipIndex('[global]\ntimeout = 30\n', { endpoint: ep, token: 'tok.en', mode }));
          const pypirc = editOrRefuse(() => applyPypirc(undefined, { endpoint: ep, token: 'tok.en' }));
          if (!pip || !pypirc) {
            assert.ok(!pip && !pypirc, 'both refuse the same endpoint');
            return;
          }
          const href = acceptedEndpoint(ep);
          assert.deepEqual(readWithConfigparser(pip.text), { global: { timeout: '30', [mode]: `https://aws:tok.en@${href.slice('https://'.length)}simple/` } });
          const read = readWithConfigparser(pypirc.text);
          assert.deepEqual(read?.['codeartifact'], { repository: href, username: 'aws', password: 'tok.en' });
        }),
        { numRuns: runs(40) },
      );
    });

    it('environment export: /bin/sh gives back every value exactly, or the value is refused', () => {
      const NAMES = ['CODEARTIFACT_AUTH_TOKEN', 'CODEARTIFACT_DOMAIN', 'CODEARTIFACT_DOMAIN_OWNER', 'CODEARTIFACT_REPOSITORY_ENDPOINT'];
      fc.assert(
        fc.property(hostileName, hostileName, endpoint('npm'), (domain, owner, ep) => {
          const env = editOrRefuse(() => renderEnvironment({ token: 'tok.en', domain, domainOwner: owner, endpoint: ep }));
          if (!env) return;
          const snippet = editOrRefuse(() => renderExportSnippet(env));
          if (snippet === undefined) {
            assert.ok(Object.values(env).some((v) => v.includes('\0') || !isWellFormed(v)), 'only values a shell cannot hold are refused');
            return;
          }
          const print = `printf '%s\\0' ${NAMES.map((n) => `"$${n}"`).join(' ')}`;
          // The export lines come on stdin (two 64k values exceed what one argument may hold).
          const out = execFileSync('/bin/sh', ['-c', `eval "$(cat)"; ${print}`], { input: snippet, timeout: 10_000, env: { PATH: '/usr/bin:/bin' } }).toString('utf8').split('\0');
          assert.deepEqual(out.slice(0, 4), [env['CODEARTIFACT_AUTH_TOKEN'], domain, owner, env['CODEARTIFACT_REPOSITORY_ENDPOINT']]);
          assert.equal(snippet.split('\n').filter((l) => l.startsWith('export ')).length, 4);
        }),
        { numRuns: runs(150) },
      );
    });

    it('PowerShell export: every kind of single quote PowerShell knows is doubled', () => {
      // PowerShell ends a '…' string at any of these, not only at the ASCII apostrophe.
      const quotes = /['\u2018\u2019\u201A\u201B]/;
      fc.assert(
        fc.property(hostileName, (value) => {
          const quoted = powershellQuote(value);
          const inner = quoted.slice(1, -1);
          assert.ok(quotes.test(quoted[0] ?? '') && quotes.test(quoted[quoted.length - 1] ?? ''));
          for (const run of inner.match(/['\u2018\u2019\u201A\u201B]+/g) ?? []) assert.equal(run.length % 2, 0, `quote run doubled in ${JSON.stringify(inner.slice(0, 60))}`);
          assert.equal(inner.replace(/(['\u2018\u2019\u201A\u201B])\1/g, '$1'), value);
        }),
        { numRuns: runs(300) },
      );
    });

    it('Configurator: a domain, owner or repository name AWS would reject is refused by name before any call', async () => {
      let calls = 0;
      const configurator = new Configurator({ connection: () => ({ region: 'us-west-2' }),
        api: () => ({ getRepositoryEndpoint: () => Promise.resolve(`https://${HOST}/npm/repo/`).finally(() => calls++) }),
        tokens: { get: (d) => Promise.resolve({ ...d, token: 'tok.en', issuedAt: 0, expiresAt: 1 }).finally(() => calls++) },
        records: new FakeMemento(),
        user: () => ({ env: {}, home: '/nonexistent-home', platform: 'linux' }),
        workspaceRoots: () => [],
        log: { info: () => undefined, warn: () => undefined },
      });
      const samples = fc.sample(hostileName, runs(60));
      for (const name of [...HOSTILE, ...samples]) {
        for (const target of [
          { domain: name, repository: 'repo' },
          { domain: 'dom', repository: name },
          { domain: 'dom', domainOwner: name, repository: 'repo' },
        ]) {
          if (DOMAIN_RE.test(target.domain) && REPOSITORY_RE.test(target.repository) && /^(\d{12})?$/.test(target.domainOwner ?? '')) continue;
          for (const run of [() => configurator.configureNpm(target, { workspaceFolder: '/nonexistent-work' }), () => configurator.configureGradle(target), () => configurator.endpoint(target, 'npm')]) {
            await assert.rejects(run, (e: unknown) => e instanceof ConfigEditError && e.message.includes(JSON.stringify(name.slice(0, 160)).slice(0, -1)));
          }
        }
      }
      assert.equal(calls, 0, 'no API call for a name AWS would reject');
    });

    it('managed block: a line break in a value cannot add a line, and a block id cannot hold spaces', () => {
      const doc = splitLines('a=1\n');
      for (const body of [['x=1\nregistry=https://evil/'], ['x=1\r# <<< codeartifact-explorer k <<<'], ['x\u2028y']]) {
        expectRefused(() => insertBlock(doc, hashComments, { id: 'k', at: 1, body }));
      }
      for (const id of ['a b', 'a\nb', '', 'x >>> y']) expectRefused(() => insertBlock(doc, hashComments, { id, at: 1, body: ['x=1'] }));
    });
  });
});
