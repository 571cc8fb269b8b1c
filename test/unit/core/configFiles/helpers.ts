// Shared checks for every config format: variants of a file (CRLF, BOM, no final newline, empty,
// missing) and the laws every writer must obey.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { EditResult } from '../../../../src/core/configFiles/managedBlock';

export const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/configFiles');

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** The file as written, with CRLF endings, with a BOM, and without its final newline. */
export function variants(text: string): [string, string][] {
  const crlf = text.replace(/\r?\n/g, '\r\n');
  return [
    ['LF', text],
    ['CRLF', crlf],
    ['BOM', `\uFEFF${text}`],
    ['no final newline', text.replace(/(\r?\n)+$/, '')],
    ['CRLF without final newline', crlf.replace(/(\r\n)+$/, '')],
  ];
}

/**
 * The laws: apply changes the file; apply twice = apply once (byte for byte); remove(apply(x)) = x;
 * every original line survives in order; a new token changes nothing but the token.
 */
export function checkLaws(
  original: string | undefined,
  apply: (text: string | undefined, token: string) => EditResult,
  remove: (text: string) => string,
  options: { expectAllLinesKept?: boolean; tokens?: [string, string] } = {},
): EditResult {
  const [t1, t2] = options.tokens ?? ['tokenOne.AAAA', 'tokenTwo.BBBB'];
  const once = apply(original, t1);
  assert.equal(once.changed, true, 'first apply changes the file');
  assert.ok(once.changes.length > 0, 'first apply says what it changed');
  const twice = apply(once.text, t1);
  assert.equal(twice.text, once.text, 'apply is idempotent');
  assert.equal(twice.changed, false);
  assert.deepEqual(twice.changes, []);
  assert.equal(remove(once.text), original ?? '', 'remove restores the original byte for byte');
  assert.equal(remove(original ?? ''), original ?? '', 'remove on a file without our block is a no-op');
  if (once.text.includes(t1)) {
    const refreshed = apply(once.text, t2);
    assert.equal(refreshed.text, once.text.split(t1).join(t2), 'a new token replaces only the token');
    assert.equal(remove(refreshed.text), original ?? '');
  }
  for (const line of once.changes) assert.ok(!line.includes(t1), 'the change summary never shows the token');
  if (options.expectAllLinesKept !== false && original !== undefined) {
    assertSubsequence(original.replace(/^\uFEFF/, '').split(/\r?\n|\r/), once.text.replace(/^\uFEFF/, '').split(/\r?\n|\r/));
  }
  const bom = (original ?? '').startsWith('\uFEFF');
  assert.equal(once.text.startsWith('\uFEFF'), bom, 'a BOM is kept, never added');
  if (original !== undefined && original.length > 0) {
    assert.equal(/\r?\n$/.test(once.text), /\r?\n$/.test(original), 'a missing final newline stays missing');
    if (/\r\n/.test(original) && !/(?<!\r)\n/.test(original)) assert.ok(!/(?<!\r)\n/.test(once.text), 'a CRLF file gets only CRLF');
  }
  return once;
}

export function assertSubsequence(needles: readonly string[], haystack: readonly string[]): void {
  let j = 0;
  for (const line of needles) {
    while (j < haystack.length && haystack[j] !== line) j++;
    assert.ok(j < haystack.length, `original line kept in order: ${JSON.stringify(line)}`);
    j++;
  }
}

let python: string | undefined | null = null;
function pythonPath(): string | undefined {
  if (python === null) {
    try {
      // The real interpreter, not a pyenv shim that costs a few hundred ms per call.
      python = execFileSync('python3', ['-c', 'import configparser, sys; print(sys.executable)'], { timeout: 10_000, encoding: 'utf8' }).trim();
    } catch {
      python = undefined;
    }
  }
  return python;
}

/**
 * Reads the text with Python's own configparser (RawConfigParser, as pip and twine do) and returns
 * {section: {key: value}}; undefined when no python3 is on PATH.
 */
export function readWithConfigparser(text: string): Record<string, Record<string, string>> | undefined {
  const py = pythonPath();
  if (!py) return undefined;
  const script = [
    'import configparser, json, sys',
    'p = configparser.RawConfigParser()',
    'p.read_string(sys.stdin.read())',
    'print(json.dumps({s: dict(p.items(s)) for s in p.sections()}))',
  ].join('\n');
  return JSON.parse(execFileSync(py, ['-c', script], { input: text.replace(/^\uFEFF/, ''), timeout: 10_000, encoding: 'utf8' })) as Record<
    string,
    Record<string, string>
  >;
}
