import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyNpmAuth } from '../../../../src/core/configFiles/npmrc';
import { applyPypirc } from '../../../../src/core/configFiles/pipConfig';
import { applyMavenSettings, removeAllMavenSettings } from '../../../../src/core/configFiles/mavenSettings';
import {
  ConfigEditError,
  findBlocks,
  hasManagedContent,
  removeAllManagedBlocks,
  hashComments,
  insertBlock,
  joinLines,
  removeBlock,
  splitLines,
} from '../../../../src/core/configFiles/managedBlock';
import { runs } from '../../stress';

const roundTrip = (text: string, at: number, absorb: number): string => {
  const doc = insertBlock(splitLines(text), hashComments, { id: 'x', at, absorb, body: ['k = v'] });
  const [range] = findBlocks(doc, hashComments);
  assert.ok(range);
  return joinLines(removeBlock(doc, hashComments, range));
};

describe('core/configFiles/managedBlock', () => {
  it('splits keeping each line ending, the BOM and a missing final newline', () => {
    const doc = splitLines('\uFEFFa\r\nb\nc');
    assert.deepEqual(doc.lines, ['a\r\n', 'b\n', 'c']);
    assert.equal(doc.bom, true);
    assert.equal(joinLines(doc), '\uFEFFa\r\nb\nc');
    assert.deepEqual(splitLines(undefined).lines, []);
    assert.equal(splitLines('a\r\nb\r\nc\n').eol, '\r\n');
  });

  it('writes the exact block, switching a line off with its text verbatim', () => {
    const doc = insertBlock(splitLines('a=1\r\nb = 2\r\nc=3'), hashComments, { id: 'b', at: 1, absorb: 1, body: ['b=ours'] });
    assert.equal(
      joinLines(doc),
      'a=1\r\n' +
        '# >>> codeartifact-explorer b >>> managed by the CodeArtifact extension; "CodeArtifact: Remove Configuration" undoes it\r\n' +
        '# codeartifact-explorer disabled: b = 2\r\n' +
        'b=ours\r\n' +
        '# <<< codeartifact-explorer b <<<\r\n' +
        'c=3',
    );
  });

  it('at the end of a file without a final newline, the block ends without one', () => {
    const doc = insertBlock(splitLines('a=1'), hashComments, { id: 'x', at: 1, body: ['k=v'] });
    assert.ok(joinLines(doc).startsWith('a=1\n# >>>'));
    assert.ok(joinLines(doc).endsWith('# <<< codeartifact-explorer x <<<'));
  });

  it('property: insert then remove is the identity, wherever the block goes and whatever it absorbs', () => {
    const text = fc
      .array(fc.tuple(fc.stringMatching(/^[a-z =#;[\]]{0,6}$/), fc.constantFrom('\n', '\r\n', '\r')), { maxLength: 8 })
      .chain((lines) =>
        fc.tuple(fc.constant(lines), fc.boolean(), fc.boolean()).map(([ls, bom, final]) => {
          const body = ls.map(([t, e], i) => t + (i < ls.length - 1 || final ? e : '')).join('');
          return (bom ? '\uFEFF' : '') + body;
        }),
      );
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (t, a, b) => {
        const n = splitLines(t).lines.length;
        const at = n === 0 ? 0 : a % (n + 1);
        const absorb = n - at === 0 ? 0 : b % (n - at + 1);
        assert.equal(roundTrip(t, at, absorb), t);
      }),
      { numRuns: runs(500) },
    );
  });

  it('rejects unpaired or crossed markers', () => {
    const one = joinLines(insertBlock(splitLines(''), hashComments, { id: 'a', at: 0, body: ['x'] }));
    const [begin = '', , end = ''] = one.split('\n');
    assert.throws(() => findBlocks(splitLines(begin), hashComments), ConfigEditError);
    assert.throws(() => findBlocks(splitLines(end), hashComments), ConfigEditError);
    assert.throws(() => findBlocks(splitLines(`${begin}\n${begin}\n${end}\n${end}\n`), hashComments), ConfigEditError);
  });
});

describe('core/configFiles remove-all', () => {
  it('removes every block we wrote across formats and restores the originals', () => {
    const npmrc = '# mine\nfund=false\n';
    const two = applyNpmAuth(applyNpmAuth(npmrc, { endpoint: 'https://a.example/npm/r/', token: 't' }).text, { endpoint: 'http://127.0.0.1:9/d-111122223333/npm/r/', token: 't' }).text;
    assert.ok(hasManagedContent(two));
    assert.equal(removeAllManagedBlocks(two), npmrc);
    assert.equal(hasManagedContent(npmrc), false);
    const pypirc = '[distutils]\nindex-servers =\n    pypi\n';
    assert.equal(removeAllManagedBlocks(applyPypirc(pypirc, { endpoint: 'https://a.example/pypi/r/', token: 't' }).text), pypirc);
    const settings = '<settings>\n  <servers>\n  </servers>\n</settings>\n';
    const withTwo = applyMavenSettings(applyMavenSettings(settings, { endpoint: 'https://a.example/maven/r/', domain: 'd', repository: 'r', mirror: true }).text, {
      endpoint: 'https://a.example/maven/s/',
      domain: 'd',
      repository: 's',
    }).text;
    assert.equal(removeAllMavenSettings(withTwo), settings);
    assert.equal(removeAllMavenSettings(applyMavenSettings(undefined, { endpoint: 'https://a.example/maven/r/', domain: 'd', repository: 'r' }).text), '');
  });
});
