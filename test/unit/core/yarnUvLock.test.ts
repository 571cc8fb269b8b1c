// yarn.lock (Berry as real yarn 4 wrote it, classic v1 by hand in its exact format) and uv.lock (by hand, in
// uv's documented format: uv is not installable here), and hostile or broken text for both.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NPM_LOCKFILES, parseLockfile, PYPI_LOCKFILES } from '../../../src/core/lockfiles/lockfiles';
import { parseUvLock } from '../../../src/core/lockfiles/uvLock';
import { parseYarnLock } from '../../../src/core/lockfiles/yarnLock';

const FIXTURES = join(__dirname, '../../../../test/fixtures/lockfiles');
const read = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

describe('yarn.lock and uv.lock', () => {
  it('the lockfile order: yarn.lock after package-lock.json and pnpm-lock.yaml, uv.lock after poetry.lock', () => {
    assert.deepEqual(NPM_LOCKFILES, ['package-lock.json', 'pnpm-lock.yaml', 'yarn.lock']);
    assert.deepEqual(PYPI_LOCKFILES, ['poetry.lock', 'uv.lock']);
  });

  for (const [fixture, style] of [
    ['yarn-berry.lock', 'Berry (written by yarn 4)'],
    ['yarn-classic.lock', 'classic v1'],
  ] as const) {
    it(`yarn.lock ${style}: the entry whose descriptors hold name@range, scoped, aliased, several ranges`, () => {
      const lock = parseYarnLock(read(fixture));
      assert.ok(lock);
      assert.equal(lock.installed('@acme/ui-kit', '^2.0.0'), '2.1.0');
      assert.equal(lock.installed('@acme/ui-kit', '~2.1.0'), '2.1.0');
      assert.equal(lock.installed('@acme/ui-kit', '2.0.0'), '2.0.0');
      assert.equal(lock.installed('left-pad', '^1.1.0'), '1.3.0');
      assert.equal(lock.installed('left-pad', '^1.3.0'), '1.3.0');
      assert.equal(lock.installed('left-pad', '1.2.0'), '1.2.0');
      assert.equal(lock.installed('old-pad', 'npm:left-pad@~1.1.0'), '1.1.0');
      // A range yarn never locked, another name's range, a prefix of a name: nothing.
      assert.equal(lock.installed('left-pad', '^1.2.0'), undefined);
      assert.equal(lock.installed('old-pad', '~1.1.0'), undefined);
      assert.equal(lock.installed('left', '^1.1.0'), undefined);
    });
  }

  it('yarn.lock Berry: dist-tags, x-ranges, ranges with spaces, an alias sharing an entry with another name', () => {
    const lock = parseYarnLock(read('yarn-berry.lock'));
    assert.equal(lock?.installed('is-odd', 'latest'), '3.0.0');
    assert.equal(lock?.installed('is-odd', '2.x'), '2.0.0');
    assert.equal(lock?.installed('left-pad', '>= 1.1.0 < 1.2'), '1.1.0');
    assert.equal(lock?.installed('old-pad', ' npm:left-pad@~1.1.0 '), '1.1.0');
  });

  it('yarn.lock: workspace and file: entries have no registry version', () => {
    const berry = parseYarnLock(read('yarn-berry.lock'));
    assert.equal(berry?.installed('lib', 'workspace:^'), undefined);
    assert.equal(berry?.installed('lib', 'workspace:packages/lib'), undefined);
    assert.equal(berry?.installed('web', 'workspace:packages/web'), undefined);
    assert.equal(parseYarnLock(read('yarn-classic.lock'))?.installed('lib', 'file:./packages/lib'), undefined);
  });

  it('yarn.lock through parseLockfile: the range is needed, the importer does not matter', () => {
    const lock = parseLockfile('yarn.lock', read('yarn-berry.lock'));
    assert.equal(lock?.kind, 'yarn.lock');
    assert.equal(lock?.installed('left-pad', 'packages/web', '1.2.0'), '1.2.0');
    assert.equal(lock?.installed('left-pad', ''), undefined);
  });

  it('yarn.lock v1: quoted keys with escapes, CRLF, a version without quotes, nested dependencies ignored', () => {
    const text = '# yarn lockfile v1\r\n\r\n"a\\u0040x@^1.0.0", a@^1.0.0:\r\n  version 1.4.0\r\n  dependencies:\r\n    version "9.9.9"\r\n\r\nb@^2:\r\n  dependencies:\r\n    c "^1"\r\n  version "2.0.1"\r\n';
    const lock = parseYarnLock(text);
    assert.equal(lock?.installed('a@x', '^1.0.0'), '1.4.0');
    assert.equal(lock?.installed('a', '^1.0.0'), '1.4.0');
    assert.equal(lock?.installed('b', '^2'), '2.0.1');
    assert.equal(lock?.installed('c', '^1'), undefined);
  });

  it('yarn.lock: hostile and broken text never throws and gives nothing it should not', () => {
    const hostile = [
      '',
      '\u0000\u0001garbage',
      '"unterminated@^1:\n  version "1.0.0"\n',
      '__metadata:\n  version: 10\n"a@npm:^1": [unclosed',
      '__metadata: 3\n"a@npm:^1":\n  version: 1.0.0\n  resolution: "a@npm:1.0.0"\n',
      `__metadata:\n  version: 10\nx: &a [${'x,'.repeat(50)}x]\ny: &b [${'*a,'.repeat(60)}*a]\nz: [${'*b,'.repeat(60)}*b]\n`,
      'a@^1:\n' + '  version "'.repeat(10_000),
      '{'.repeat(100_000),
    ];
    for (const text of hostile) {
      const lock = parseYarnLock(text);
      assert.equal(lock?.installed('a', '^1'), undefined, JSON.stringify(text.slice(0, 60)));
    }
    // A prototype-named key is only a key; a non-string version is dropped.
    const berry = parseYarnLock('__metadata:\n  version: 10\n"__proto__@npm:^1":\n  version: 1.0.0\n  resolution: "__proto__@npm:1.0.0"\n"n@npm:^1":\n  version: 3\n  resolution: "n@npm:3"\n');
    assert.equal(berry?.installed('__proto__', '^1'), '1.0.0');
    assert.equal(berry?.installed('constructor', '^1'), undefined);
    assert.equal(berry?.installed('n', '^1'), undefined);
    // Markup in a version comes through as text (the caller shows only plain versions: installedVersions.test.ts).
    assert.equal(parseYarnLock('# yarn lockfile v1\n\nx@^1:\n  version "[click](command:evil)"\n')?.installed('x', '^1'), '[click](command:evil)');
  });

  it('uv.lock: registry packages by PEP 503 name; forks, editables, workspace members and git give nothing', () => {
    const lock = parseUvLock(read('uv.lock'));
    assert.ok(lock);
    assert.equal(lock.installed('httpx'), '0.27.2');
    assert.equal(lock.installed('HTTPX'), '0.27.2');
    assert.equal(lock.installed('zope.interface'), '7.2');
    assert.equal(lock.installed('Zope_Interface'), '7.2');
    // Locked at 4.5.2 for Python < 3.9 and 4.8.0 above: which is installed depends on the interpreter.
    assert.equal(lock.installed('anyio'), undefined);
    assert.equal(lock.installed('demo-app'), undefined);
    assert.equal(lock.installed('acme-tools'), undefined);
    assert.equal(lock.installed('mylib'), undefined);
    assert.equal(lock.installed('idna'), undefined);
    assert.equal(parseLockfile('uv.lock', read('uv.lock'))?.installed('httpx', 'anything'), '0.27.2');
  });

  it('uv.lock: hostile and broken text never throws', () => {
    for (const text of ['', 'version = ', '[[package]\nname = "a"', '[[package]]\nname = 1\nversion = "1.0"\nsource = { registry = "x" }\n', 'package = "x"\n', '['.repeat(50_000)]) {
      assert.equal(parseUvLock(text)?.installed('a'), undefined, JSON.stringify(text.slice(0, 40)));
    }
    const proto = parseUvLock('[[package]]\nname = "__proto__"\nversion = "1.0"\nsource = { registry = "https://x/simple" }\n');
    assert.equal(proto?.installed('__proto__'), '1.0');
    assert.equal(proto?.installed('constructor'), undefined);
    // The same version twice (one package from two indexes' views) is still one answer.
    const twice = parseUvLock('[[package]]\nname = "a"\nversion = "1.0"\nsource = { registry = "https://x/simple" }\n[[package]]\nname = "A"\nversion = "1.0"\nsource = { registry = "https://y/simple" }\n');
    assert.equal(twice?.installed('a'), '1.0');
  });
});
