// Installed versions from lockfiles in the shapes npm 7+, pnpm 9 and Poetry 1.8 write, and from hostile ones.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePackageLock, parsePnpmLock, parsePoetryLock } from '../../../src/core/lockfiles/lockfiles';

const FIXTURES = join(__dirname, '../../../../test/fixtures/lockfiles');
const read = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

describe('lockfiles', () => {
  it('package-lock.json v3: hoisted versions for the root, a workspace\'s own install first', () => {
    const lock = parsePackageLock(read('package-lock.json'));
    assert.ok(lock);
    assert.equal(lock.installed('@acme/design-system', ''), '4.2.3');
    assert.equal(lock.installed('mocha', ''), '10.4.0');
    assert.equal(lock.installed('mocha', 'packages/web'), '9.2.2');
    // Not installed in the workspace: npm finds the hoisted one.
    assert.equal(lock.installed('lodash', 'packages/web'), '4.17.21');
    // A nested dependency of a dependency is not what the manifest declares.
    assert.equal(lock.installed('ms', ''), undefined);
    // A workspace link has no registry version.
    assert.equal(lock.installed('@acme/web', ''), undefined);
  });

  it('package-lock.json v1 (npm 6): root dependencies', () => {
    const lock = parsePackageLock(JSON.stringify({ lockfileVersion: 1, dependencies: { lodash: { version: '4.17.20' }, odd: { version: 5 } } }));
    assert.equal(lock?.installed('lodash', ''), '4.17.20');
    assert.equal(lock?.installed('odd', ''), undefined);
  });

  it('pnpm-lock.yaml v9: per importer, peer suffixes dropped, workspace links skipped', () => {
    const lock = parsePnpmLock(read('pnpm-lock.yaml'));
    assert.ok(lock);
    assert.equal(lock.installed('@acme/design-system', ''), '4.2.3');
    assert.equal(lock.installed('react-dom', ''), '18.3.1');
    assert.equal(lock.installed('mocha', ''), '10.4.0');
    assert.equal(lock.installed('mocha', 'packages/web'), '9.2.2');
    assert.equal(lock.installed('@acme/storefront', 'packages/web'), undefined);
  });

  it('pnpm-lock.yaml v5: versions written directly at the root', () => {
    const lock = parsePnpmLock("lockfileVersion: 5.4\nspecifiers:\n  lodash: ^4.17.0\ndependencies:\n  lodash: 4.17.21\n");
    assert.equal(lock?.installed('lodash', ''), '4.17.21');
  });

  it('poetry.lock: [[package]] name and version, matched by normalized name', () => {
    const lock = parsePoetryLock(read('poetry.lock'));
    assert.ok(lock);
    assert.equal(lock.installed('httpx', ''), '0.27.0');
    assert.equal(lock.installed('Pydantic', ''), '2.6.4');
    assert.equal(lock.installed('zope-interface', ''), '6.2');
    assert.equal(lock.installed('anyio', ''), undefined);
  });

  it('hostile or broken lockfiles give nothing rather than throwing or polluting prototypes', () => {
    assert.equal(parsePackageLock('{ "packages": '), undefined);
    assert.equal(parsePoetryLock('[[package]\nname = '), undefined);
    assert.equal(parsePnpmLock('a: [\n'), undefined);
    // A billion-laughs alias bomb is refused by the YAML library's alias limit.
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n');
    assert.equal(parsePnpmLock(bomb), undefined);
    const proto = parsePackageLock('{"packages":{"node_modules/__proto__":{"version":"1.0.0"},"node_modules/constructor":{"version":{}}}}');
    assert.equal(proto?.installed('__proto__', ''), '1.0.0');
    assert.equal(proto?.installed('constructor', ''), undefined);
    assert.equal(({} as Record<string, unknown>)['version'], undefined);
  });
});
