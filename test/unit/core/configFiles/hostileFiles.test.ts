// Issue #7, "bad input" on disk: every editor against a corpus of hostile existing files — BOM, CRLF, mixed
// and lone-CR endings, invalid UTF-8, NUL, 50 MB, 100 000 lines, a 1 MB line, our markers duplicated, nested,
// unterminated, reversed or hiding in comments and values, XML DOCTYPEs (billion laughs, SYSTEM entities),
// YAML alias bombs, and (through the Configurator) symlink loops and undecodable bytes. Each editor either edits
// — keeping every unrelated byte, which remove(apply(x)) === x proves — or refuses with a ConfigEditError;
// never a TypeError/RangeError, never a hang (the mocha timeout is the guard), never a half-written file.
import assert from 'node:assert/strict';
import { chmod, lstat, mkdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import * as ini from 'ini';
import { parseDocument } from 'yaml';
import { SaxesParser } from 'saxes';
import { ConfigEditError, type EditResult } from '../../../../src/core/configFiles/managedBlock';
import { applyNpmAuth, applyNpmRegistry, removeNpmAuth, removeNpmRegistry } from '../../../../src/core/configFiles/npmrc';
import { applyPipIndex, applyPypirc, removePipIndex, removePypirc } from '../../../../src/core/configFiles/pipConfig';
import { applyMavenSettings, removeMavenSettings } from '../../../../src/core/configFiles/mavenSettings';
import { applyYarnAuth, applyYarnRegistry, removeYarnAuth, removeYarnRegistry } from '../../../../src/core/configFiles/yarnrc';
import { Configurator } from '../../../../src/configure/configurator';
import { FakeMemento } from '../../fakes';
import { recordingLog, removeDir, tempDir } from '../../configure/testEnv';
import { assertSubsequence, checkLaws, readWithConfigparser } from './helpers';
import { runs } from '../../stress';

const HOST = 'dom-111122223333.d.codeartifact.us-west-2.amazonaws.com';
const NPM_EP = `https://${HOST}/npm/repo/`;
const PYPI_EP = `https://${HOST}/pypi/repo/`;
const MAVEN_EP = `https://${HOST}/maven/repo/`;
const TOKEN = 'tokenOne.AAAA';

interface Editor {
  readonly name: string;
  /** A small valid file of the format, LF endings, that does not yet hold our value. */
  readonly base: string;
  readonly apply: (text: string | undefined, token: string) => EditResult;
  readonly remove: (text: string) => string;
  /** Reads the edited file as the client would and checks our value is in effect. */
  readonly readBack: (text: string) => void;
  /** A comment line of the format (without terminator). */
  readonly comment: (text: string) => string;
  /** Our block's id, as the markers name it. */
  readonly id: string;
  /** Our begin/end marker lines for this editor's block. */
  readonly begin: string;
  readonly end: string;
  /** Where a comment line may go in `base` without changing its meaning (a line index). */
  readonly commentAt: number;
}

const hashBegin = (id: string): string => `# >>> codeartifact-explorer ${id} >>> managed by the CodeArtifact extension; "CodeArtifact: Remove Configuration" undoes it`;
const hashEnd = (id: string): string => `# <<< codeartifact-explorer ${id} <<<`;
const noBom = (t: string): string => t.replace(/^\uFEFF/, '');

const EDITORS: readonly Editor[] = [
  {
    name: 'project .npmrc',
    base: '; project settings\nregistry=https://registry.npmjs.org/\n@other:registry=https://npm.other.example/\n[section]\nkey=value\n',
    apply: (t) => applyNpmRegistry(t, { endpoint: NPM_EP, scope: '@acme' }),
    remove: (t) => removeNpmRegistry(t, { scope: '@acme' }),
    readBack: (t) => assert.equal(ini.decode(noBom(t))['@acme:registry'], NPM_EP),
    comment: (c) => `# ${c}`,
    id: '@acme:registry',
    begin: hashBegin('@acme:registry'),
    end: hashEnd('@acme:registry'),
    commentAt: 1,
  },
  {
    name: 'user npmrc',
    base: '; user settings\n//registry.example.com/:_authToken=${OTHER_TOKEN}\nfund=false\n',
    apply: (t, token) => applyNpmAuth(t, { endpoint: NPM_EP, token }),
    remove: (t) => removeNpmAuth(t, { endpoint: NPM_EP }),
    readBack: (t) => assert.equal(ini.decode(noBom(t))[`//${HOST}/npm/repo/:_authToken`], TOKEN),
    comment: (c) => `# ${c}`,
    id: `//${HOST}/npm/repo/`,
    begin: hashBegin(`//${HOST}/npm/repo/`),
    end: hashEnd(`//${HOST}/npm/repo/`),
    commentAt: 1,
  },
  {
    name: 'project .yarnrc.yml',
    base: '# yarn\nnodeLinker: node-modules\nnpmScopes:\n  other:\n    npmRegistryServer: "https://npm.other.example/"\n',
    apply: (t) => applyYarnRegistry(t, { endpoint: NPM_EP, scope: '@acme' }),
    remove: (t) => removeYarnRegistry(t, { scope: '@acme' }),
    readBack: (t) => assert.equal(parseDocument(noBom(t)).getIn(['npmScopes', 'acme', 'npmRegistryServer']), NPM_EP),
    comment: (c) => `# ${c}`,
    id: 'npmScopes.acme',
    begin: hashBegin('npmScopes.acme'),
    end: hashEnd('npmScopes.acme'),
    commentAt: 1,
  },
  {
    name: 'user .yarnrc.yml',
    base: '# yarn\nenableTelemetry: false\nnpmRegistries:\n  "//npm.other.example":\n    npmAuthToken: "x"\n',
    apply: (t, token) => applyYarnAuth(t, { endpoint: NPM_EP, token }),
    remove: (t) => removeYarnAuth(t, { endpoint: NPM_EP }),
    readBack: (t) => assert.equal(parseDocument(noBom(t)).getIn(['npmRegistries', `//${HOST}/npm/repo`, 'npmAuthToken']), TOKEN),
    comment: (c) => `# ${c}`,
    id: `//${HOST}/npm/repo`,
    begin: hashBegin(`//${HOST}/npm/repo`),
    end: hashEnd(`//${HOST}/npm/repo`),
    commentAt: 1,
  },
  {
    name: 'pip.conf',
    base: '# pip\n[global]\ntimeout = 30\n[install]\nno-cache-dir = true\n',
    apply: (t, token) => applyPipIndex(t, { endpoint: PYPI_EP, token, mode: 'extra-index-url' }),
    remove: removePipIndex,
    readBack: (t) => {
      const read = t.length < 100_000 && !t.includes('\0') ? readWithConfigparser(t) : undefined;
      if (read) assert.equal(read['global']?.['extra-index-url'], `https://aws:${TOKEN}@${HOST}/pypi/repo/simple/`);
      else assert.ok(t.includes(`extra-index-url = https://aws:${TOKEN}@${HOST}/pypi/repo/simple/`));
    },
    comment: (c) => `# ${c}`,
    id: 'pip-index',
    begin: hashBegin('pip-index'),
    end: hashEnd('pip-index'),
    commentAt: 1,
  },
  {
    name: '.pypirc',
    base: '# twine\n[distutils]\nindex-servers =\n    pypi\n[pypi]\nusername = __token__\n',
    apply: (t, token) => applyPypirc(t, { endpoint: PYPI_EP, token }),
    remove: (t) => removePypirc(t),
    readBack: (t) => {
      const read = t.length < 100_000 && !t.includes('\0') ? readWithConfigparser(t) : undefined;
      if (read) assert.equal(read['codeartifact']?.['password'], TOKEN);
      else assert.ok(t.includes(`password = ${TOKEN}`));
    },
    comment: (c) => `# ${c}`,
    id: '[codeartifact]',
    begin: hashBegin('[codeartifact]'),
    end: hashEnd('[codeartifact]'),
    commentAt: 1,
  },
  {
    name: 'settings.xml',
    base: '<?xml version="1.0" encoding="UTF-8"?>\n<settings>\n  <!-- keep me -->\n  <servers>\n    <server><id>nexus</id></server>\n  </servers>\n</settings>\n',
    apply: (t, token) => applyMavenSettings(t, { endpoint: MAVEN_EP, domain: 'dom', repository: 'repo', password: { kind: 'inline', token } }),
    remove: (t) => removeMavenSettings(t, { domain: 'dom', repository: 'repo' }),
    readBack: (t) => {
      let password = '';
      let inPassword = false;
      const parser = new SaxesParser();
      parser.on('opentag', (tag) => (inPassword = tag.name === 'password'));
      parser.on('closetag', () => (inPassword = false));
      parser.on('text', (x) => (inPassword ? (password += x) : undefined));
      parser.write(noBom(t)).close();
      assert.equal(password, TOKEN);
    },
    comment: (c) => `  <!-- ${c} -->`,
    id: 'server:codeartifact-dom-repo',
    begin: '    <!-- >>> codeartifact-explorer server:codeartifact-dom-repo >>> managed by the CodeArtifact extension; "CodeArtifact: Remove Configuration" undoes it -->',
    end: '    <!-- <<< codeartifact-explorer server:codeartifact-dom-repo <<< -->',
    commentAt: 2,
  },
];

type Expect = 'edit' | 'refuse' | 'either';
interface Case {
  readonly name: string;
  readonly expect: Expect | ((e: Editor) => Expect);
  readonly make: (e: Editor) => string;
  /** Big files: fewer law checks (the full set applies and removes six times). */
  readonly big?: boolean;
  /** The original already holds our block: compare with it removed, not with the original itself. */
  readonly holdsOurs?: boolean;
}

/** `line` inserted as line `at` of `text` (LF). */
function insertLine(text: string, at: number, line: string): string {
  const lines = text.split('\n');
  lines.splice(at, 0, line);
  return lines.join('\n');
}

/** The LF text with its line endings taken in turn from `endings`; the last one stays LF. */
function withEndings(text: string, endings: readonly string[]): string {
  const lines = text.split('\n');
  return lines.map((l, i) => (i < lines.length - 2 ? l + (endings[i % endings.length] ?? '\n') : i === lines.length - 2 ? `${l}\n` : l)).join('');
}

/** What UTF-8 bytes 0xFF 0xFE 0xC3 look like after a replacing decode (as a plain utf8 read does). */
const REPLACED = new TextDecoder('utf-8').decode(Buffer.from([0x61, 0xff, 0xfe, 0xc3, 0x62]));

const CASES: readonly Case[] = [
  { name: 'byte-order mark', expect: 'edit', make: (e) => `\uFEFF${e.base}` },
  { name: 'CRLF endings', expect: 'edit', make: (e) => e.base.replace(/\n/g, '\r\n') },
  { name: 'mixed LF / CRLF endings', expect: 'edit', make: (e) => withEndings(e.base, ['\r\n', '\n']) },
  // The yaml package and our XML line finder read a lone CR as part of a line: refusing is fine there.
  { name: 'lone CR endings among LF and CRLF', expect: (e) => (/yarnrc|settings/.test(e.name) ? 'either' : 'edit'), make: (e) => withEndings(e.base, ['\r\n', '\n', '\r']) },
  { name: 'invalid UTF-8 (replacement characters) and a lone surrogate in a comment', expect: 'edit', make: (e) => insertLine(e.base, e.commentAt, e.comment(`${REPLACED} \uD800 x`)) },
  { name: 'NUL bytes in a comment', expect: (e) => (/settings/.test(e.name) ? 'refuse' : 'edit'), make: (e) => insertLine(e.base, e.commentAt, e.comment('a\0b')) },
  { name: 'no final newline, whitespace-only last line', expect: 'edit', make: (e) => `${e.base}   ` },
  {
    name: '50 MB file',
    expect: 'refuse',
    make: (e) => insertLine(e.base, e.commentAt, `${e.comment('x'.repeat(99))}\n`.repeat(500_000).slice(0, -1)),
  },
  { name: '100 000 lines', expect: 'edit', big: true, make: (e) => insertLine(e.base, e.commentAt, Array.from({ length: 100_000 }, (_, i) => e.comment(`c${i}`)).join('\n')) },
  { name: 'one line of 1 MB', expect: 'edit', big: true, make: (e) => insertLine(e.base, e.commentAt, e.comment('y'.repeat(1_000_000))) },
  { name: 'our block twice', expect: 'edit', holdsOurs: true, make: (e) => insertLine(insertLine(e.base, e.commentAt, `${e.begin}\n${e.end}`), e.commentAt, `${e.begin}\n${e.end}`) },
  { name: 'our markers nested', expect: 'refuse', make: (e) => insertLine(e.base, e.commentAt, [e.begin, e.begin, e.end, e.end].join('\n')) },
  { name: 'our begin marker unterminated', expect: 'refuse', make: (e) => insertLine(e.base, e.commentAt, e.begin) },
  { name: 'our end marker alone', expect: 'refuse', make: (e) => insertLine(e.base, e.commentAt, e.end) },
  { name: 'our markers reversed', expect: 'refuse', make: (e) => insertLine(e.base, e.commentAt, `${e.end}\n${e.begin}`) },
  {
    name: 'our markers quoted inside a comment',
    expect: 'edit',
    make: (e) => insertLine(e.base, e.commentAt, `${e.comment(`see ">>> codeartifact-explorer ${e.id} >>>"`)}\n${e.comment(`# <<< codeartifact-explorer ${e.id} <<<`)}`),
  },
];

/** Runs the edit; a ConfigEditError is a refusal, any other exception fails the test. */
function attempt(editor: Editor, text: string): EditResult | ConfigEditError {
  try {
    return editor.apply(text, TOKEN);
  } catch (e) {
    if (e instanceof ConfigEditError) return e;
    throw e;
  }
}

/** An edit that keeps everything else: idempotent, undone byte for byte by remove, our value in effect. */
function checkEdit(editor: Editor, original: string, c: Case, out: EditResult): void {
  if (c.holdsOurs) {
    // Our own stale blocks may go; nothing else may change.
    const without = editor.remove(original);
    assert.equal(editor.remove(out.text), without);
    assert.equal(editor.apply(out.text, TOKEN).text, out.text);
  } else if (c.big) {
    assert.equal(out.changed, true);
    assert.equal(editor.remove(out.text), original, 'remove restores every byte');
    assert.equal(editor.apply(out.text, TOKEN).changed, false, 'idempotent');
    assertSubsequence(noBom(original).split(/\r\n|\n|\r/), noBom(out.text).split(/\r\n|\n|\r/));
  } else {
    checkLaws(original, editor.apply, editor.remove);
  }
  editor.readBack(out.text);
}

describe('hostile config files (issue #7)', function () {
  // A hang guard for 50 MB and 100 000-line files on a loaded two-core machine, not a time assertion.
  this.timeout(180_000);

  for (const editor of EDITORS) {
    describe(editor.name, () => {
      for (const c of CASES) {
        const expected = typeof c.expect === 'function' ? c.expect(editor) : c.expect;
        it(`${c.name}: ${expected === 'edit' ? 'edits, every other byte kept' : expected === 'refuse' ? 'refused with a ConfigEditError' : 'edits or refuses'}`, () => {
          const original = c.make(editor);
          const out = attempt(editor, original);
          if (out instanceof ConfigEditError) {
            assert.notEqual(expected, 'edit', `refused: ${out.message}`);
            assert.ok(out.message.length > 10 && out.message.length < 400, out.message.slice(0, 400));
            // The removal path must still work on the same file (or refuse just as clearly).
            try {
              editor.remove(original);
            } catch (e) {
              assert.ok(e instanceof ConfigEditError, String(e));
            }
            return;
          }
          assert.notEqual(expected, 'refuse', 'expected a refusal');
          checkEdit(editor, original, c, out);
        });
      }
    });
  }

  describe('settings.xml with a DOCTYPE', () => {
    const body = '<settings><servers></servers></settings>\n';
    const doctypes: [string, string][] = [
      [
        'billion laughs',
        `<?xml version="1.0"?>\n<!DOCTYPE settings [\n  <!ENTITY lol "lol">\n${Array.from({ length: 9 }, (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('\n')}\n]>\n<settings><servers><server><id>&lol9;</id></server></servers></settings>\n`,
      ],
      ['external SYSTEM entity', `<?xml version="1.0"?>\n<!DOCTYPE settings [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<settings><servers><server><id>&xxe;</id></server></servers></settings>\n`],
      ['external DTD', `<!DOCTYPE settings SYSTEM "http://127.0.0.1:1/evil.dtd">\n${body}`],
      ['harmless-looking DOCTYPE', `<!DOCTYPE settings>\n${body}`],
    ];
    for (const [name, text] of doctypes) {
      it(`${name}: refused before anything is expanded or read`, () => {
        const editor = EDITORS.find((e) => e.name === 'settings.xml');
        assert.ok(editor);
        const out = attempt(editor, text);
        assert.ok(out instanceof ConfigEditError, 'refused');
        assert.match(out.message, /DOCTYPE/);
        assert.ok(!out.message.includes('root:') && !out.message.includes('lollol'), 'nothing expanded or read into the message');
      });
    }
  });

  describe('.yarnrc.yml with anchors and aliases', () => {
    const bomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]', ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`)].join('\n') + '\n';
    const cases: [string, string, Expect][] = [
      ['alias bomb (billion laughs)', bomb, 'edit'],
      ['npmScopes is an alias', 'base: &base\n  other:\n    npmRegistryServer: "https://x/"\nnpmScopes: *base\n', 'refuse'],
      ['npmScopes merges an anchor', 'base: &base\n  other:\n    npmRegistryServer: "https://x/"\nnpmScopes:\n  <<: *base\n  mine:\n    npmAlwaysAuth: true\n', 'edit'],
      ['a key twice', 'npmScopes:\n  a:\n    x: 1\n  a:\n    x: 2\n', 'refuse'],
      ['a flow map', 'npmScopes: {other: {npmRegistryServer: "https://x/"}}\n', 'refuse'],
      ['a document stream', 'nodeLinker: pnp\n---\nnodeLinker: node-modules\n', 'refuse'],
      ['a block scalar holding our marker lines', `description: |\n  ${hashBegin('npmScopes.acme')}\n  ${hashEnd('npmScopes.acme')}\nnodeLinker: pnp\n`, 'either'],
    ];
    for (const [name, text, expected] of cases) {
      it(`${name}: ${expected === 'edit' ? 'edited without expanding anything' : expected === 'refuse' ? 'refused' : 'edited with the scalar intact, or refused'}`, () => {
        const editor = EDITORS.find((e) => e.name === 'project .yarnrc.yml');
        assert.ok(editor);
        const out = attempt(editor, text);
        if (out instanceof ConfigEditError) {
          assert.notEqual(expected, 'edit', out.message);
          return;
        }
        assert.notEqual(expected, 'refuse');
        assert.equal(editor.remove(out.text), text);
        assert.ok(out.text.length < text.length + 1000, 'nothing was expanded');
        editor.readBack(out.text);
        const description = parseDocument(text).get('description');
        if (description !== undefined) assert.equal(parseDocument(out.text).get('description'), description, 'the user scalar is unchanged');
      });
    }
  });

  describe('our markers inside values', () => {
    const byName = (name: string): Editor => {
      const editor = EDITORS.find((e) => e.name === name);
      assert.ok(editor);
      return editor;
    };
    const cases: [string, string, string, Expect][] = [
      ['project .npmrc', 'a quoted npmrc value', `note="${hashBegin('@acme:registry')}"\nregistry=https://x/\n`, 'edit'],
      ['project .yarnrc.yml', 'a quoted YAML value', `note: '${hashBegin('npmScopes.acme')}'\nnodeLinker: pnp\n`, 'edit'],
      ['project .yarnrc.yml', 'a multi-line quoted YAML value', `note: 'x\n  ${hashBegin('npmScopes.acme')}\n  ${hashEnd('npmScopes.acme')}\n  y'\nnodeLinker: pnp\n`, 'refuse'],
      [
        'settings.xml',
        'CDATA',
        `<settings>\n  <servers>\n    <server><id>x</id><configuration><![CDATA[\n${EDITORS[6]?.begin ?? ''}\n${EDITORS[6]?.end ?? ''}\n]]></configuration></server>\n  </servers>\n</settings>\n`,
        'refuse',
      ],
      ['settings.xml', 'escaped element text', `<settings>\n  <servers>\n    <server><id>x</id><configuration>\n&lt;!-- >>> codeartifact-explorer server:codeartifact-dom-repo >>> --&gt;\n</configuration></server>\n  </servers>\n</settings>\n`, 'edit'],
    ];
    for (const [name, label, text, expected] of cases) {
      it(`${name}, ${label}: ${expected === 'edit' ? 'edited, the value kept' : 'refused, the value kept'}`, () => {
        const editor = byName(name);
        const out = attempt(editor, text);
        if (expected === 'refuse') {
          assert.ok(out instanceof ConfigEditError, 'refused');
          assert.throws(() => editor.remove(text), ConfigEditError, 'removal refuses too instead of cutting the value');
          return;
        }
        assert.ok(!(out instanceof ConfigEditError), out instanceof ConfigEditError ? out.message : '');
        assert.equal(editor.remove(out.text), text);
        editor.readBack(out.text);
      });
    }
  });

  it('generated hostile files: every editor edits (undone byte for byte) or refuses, nothing else', () => {
    const piece = fc.constantFrom('\uFEFF', '\r', '\n', '\r\n', '\0', '\uD800', '\uFFFD', '#', ';', '[', ']', '=', ':', '"', "'", '<', '>', '&', '<!--', '-->', ']]>', '&a;', '*a', '&a ', '- ', '{', '}', '  ', '\t', 'x', 'key', '>>> codeartifact-explorer', '<<< codeartifact-explorer', '@acme:registry', 'npmScopes', 'global', 'settings', 'servers');
    fc.assert(
      fc.property(fc.constantFrom(...EDITORS), fc.array(piece, { maxLength: 30 }), fc.nat(), (editor, pieces, at) => {
        const lines = editor.base.split('\n');
        const noise = pieces.join('');
        const text = insertLine(editor.base, at % lines.length, noise);
        const out = attempt(editor, text);
        if (out instanceof ConfigEditError) return;
        assert.equal(editor.remove(out.text), text, 'remove restores every byte');
        assert.equal(editor.apply(out.text, TOKEN).text, out.text, 'idempotent');
      }),
      { numRuns: runs(300) },
    );
  });

  describe('through the Configurator (files on disk)', () => {
    let home: string;
    let work: string;
    const make = (endpoint = NPM_EP): Configurator =>
      new Configurator({ connection: () => ({ region: 'us-west-2' }),
        api: () => ({ getRepositoryEndpoint: () => Promise.resolve(endpoint) }),
        tokens: { get: (domain) => Promise.resolve({ ...domain, token: TOKEN, issuedAt: Date.now(), expiresAt: Date.now() + 3_600_000 }) },
        records: new FakeMemento(),
        user: () => ({ env: {}, home, platform: 'linux' }),
        workspaceRoots: () => [work],
        log: recordingLog(),
      });
    const target = { domain: 'dom', domainOwner: '111122223333', repository: 'repo' };
    beforeEach(async () => {
      home = await tempDir('hostile-home');
      work = await tempDir('hostile-work');
    });
    afterEach(async () => {
      await removeDir(home);
      await removeDir(work);
    });

    async function assertRefusedAndUntouched(run: () => Promise<unknown>, message: RegExp): Promise<void> {
      await assert.rejects(run, (e: unknown) => e instanceof ConfigEditError && message.test(e.message));
      // Every edit is computed before anything is written: the project file was not created either.
      await assert.rejects(readFile(join(work, '.npmrc')), { code: 'ENOENT' });
    }

    it('a user npmrc that is a symlink loop is refused, and nothing is written', async () => {
      await symlink(join(home, 'b'), join(home, '.npmrc'));
      await symlink(join(home, '.npmrc'), join(home, 'b'));
      await assertRefusedAndUntouched(() => make().configureNpm(target, { workspaceFolder: work }), /loop of symbolic links/);
    });

    it('a user npmrc that is a directory is refused, and nothing is written', async () => {
      await mkdir(join(home, '.npmrc'));
      await assertRefusedAndUntouched(() => make().configureNpm(target, { workspaceFolder: work }), /is a directory/);
    });

    it('a user npmrc with bytes that are not UTF-8 is refused and keeps every byte', async () => {
      const bytes = Buffer.concat([Buffer.from('; mine\n'), Buffer.from([0xff, 0xfe, 0xc3, 0x0a]), Buffer.from('fund=false\n')]);
      await writeFile(join(home, '.npmrc'), bytes);
      await assertRefusedAndUntouched(() => make().configureNpm(target, { workspaceFolder: work }), /not valid UTF-8/);
      assert.deepEqual(await readFile(join(home, '.npmrc')), bytes);
    });

    it('a damaged marker in the project file leaves the user file as it was', async () => {
      await writeFile(join(home, '.npmrc'), 'fund=false\n');
      await writeFile(join(work, '.npmrc'), `${hashBegin('registry')}\nregistry=https://x/\n`);
      await assert.rejects(() => make().configureNpm(target, { workspaceFolder: work }), ConfigEditError);
      assert.equal(await readFile(join(home, '.npmrc'), 'utf8'), 'fund=false\n');
    });

    it('a workspace .npmrc that links out of the folder (to ~/.bashrc) is refused, and neither file changes', async () => {
      await writeFile(join(home, '.bashrc'), 'export PATH=$PATH\n');
      await symlink(join(home, '.bashrc'), join(work, '.npmrc'));
      await assert.rejects(() => make().configureNpm(target, { workspaceFolder: work }), (e: unknown) => e instanceof ConfigEditError && /symbolic link to .*outside the workspace folder/.test(e.message));
      assert.equal(await readFile(join(home, '.bashrc'), 'utf8'), 'export PATH=$PATH\n');
      await assert.rejects(readFile(join(home, '.npmrc')), { code: 'ENOENT' });
      // a dangling link out of the folder is refused too: the write would create the file it points at
      await symlink(join(home, 'created-by-attacker'), join(work, '.yarnrc.yml'));
      await assert.rejects(() => make().configureYarnBerry(target, { workspaceFolder: work }), ConfigEditError);
      await assert.rejects(readFile(join(home, 'created-by-attacker')), { code: 'ENOENT' });
    });

    it('a workspace .npmrc that links to a file inside the folder is edited through the link', async () => {
      await mkdir(join(work, 'config'));
      await writeFile(join(work, 'config', 'npmrc'), 'fund=false\n');
      await symlink(join('config', 'npmrc'), join(work, '.npmrc'));
      await make().configureNpm(target, { workspaceFolder: work });
      assert.match(await readFile(join(work, 'config', 'npmrc'), 'utf8'), /^fund=false\n[\s\S]*registry=https:/);
      assert.ok((await lstat(join(work, '.npmrc'))).isSymbolicLink(), 'the link stays a link');
    });

    it('Remove does not follow a project file that became a link out of the folder', async () => {
      const configurator = make();
      await configurator.configureNpm(target, { workspaceFolder: work });
      await writeFile(join(home, 'victim'), (await readFile(join(work, '.npmrc'), 'utf8')) + 'mine=1\n');
      const victim = await readFile(join(home, 'victim'), 'utf8');
      await rm(join(work, '.npmrc'));
      await symlink(join(home, 'victim'), join(work, '.npmrc'));
      const { errors } = await configurator.remove();
      assert.ok(errors.some((e) => e.file === join(work, '.npmrc') && /outside the workspace folder/.test(e.message)), JSON.stringify(errors));
      assert.equal(await readFile(join(home, 'victim'), 'utf8'), victim);
    });

    it('a user .npmrc that existed with mode 0644 holds the token with mode 0600', async function () {
      if (process.platform === 'win32') this.skip();
      await writeFile(join(home, '.npmrc'), 'fund=false\n', { mode: 0o644 });
      await chmod(join(home, '.npmrc'), 0o644);
      await make().configureNpm(target, { workspaceFolder: work });
      assert.equal((await stat(join(home, '.npmrc'))).mode & 0o777, 0o600);
      assert.match(await readFile(join(home, '.npmrc'), 'utf8'), /^fund=false\n/);
    });

    it('an endpoint of another domain, region or host is refused before any file is written', async () => {
      for (const endpoint of ['https://evil-111122223333.d.codeartifact.us-west-2.amazonaws.com/npm/repo/', 'https://dom-111122223333.d.codeartifact.eu-west-1.amazonaws.com/npm/repo/', 'https://registry.evil.example/npm/repo/', 'http://127.0.0.1:9/npm/repo/', `http://${HOST}/npm/repo/`]) {
        await assertRefusedAndUntouched(() => make(endpoint).configureNpm(target, { workspaceFolder: work }), /Refusing the repository endpoint .*Nothing was written\.$/);
        await assert.rejects(readFile(join(home, '.npmrc')), { code: 'ENOENT' });
      }
    });

    it('a hostile endpoint from the API is refused before any file is written', async () => {
      for (const endpoint of [`https://${HOST}/npm/../../evil/`, `https://${HOST}/npm/a;b/`, `https://${HOST}/npm/a=b/`, `https://${HOST}/npm/%2e%2e/evil/`, `https://${HOST}/npm/a\\b/`, 'https://a;b.example/npm/repo/', 'https://a&b.example/npm/repo/']) {
        await assertRefusedAndUntouched(() => make(endpoint).configureNpm(target, { workspaceFolder: work }), /repository endpoint/);
        await assert.rejects(() => make(endpoint).configureYarnBerry(target, { workspaceFolder: work }), ConfigEditError);
        await assert.rejects(() => make(endpoint.replace('/npm/', '/maven/')).configureMaven(target, { password: 'env', mirror: true }), ConfigEditError);
        await assert.rejects(readFile(join(home, '.npmrc')), { code: 'ENOENT' });
        await assert.rejects(readFile(join(home, '.m2', 'settings.xml')), { code: 'ENOENT' });
        await assert.rejects(readFile(join(work, '.yarnrc.yml')), { code: 'ENOENT' });
      }
    });
  });
});
