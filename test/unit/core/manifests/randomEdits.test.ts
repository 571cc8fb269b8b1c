// Property tests: any edit of a real manifest (what a user mid-typing produces) parses without throwing,
// and every span reported still points at the text it claims, with values that match that text.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parsePackageJson } from '../../../../src/core/manifests/packageJson';
import { parsePomXml } from '../../../../src/core/manifests/pomXml';
import { normalizePythonName, parseRequirementsTxt } from '../../../../src/core/manifests/requirementsTxt';
import type { TextSpan } from '../../../../src/core/manifests/textSpan';
import { runs } from '../../stress';

const fixtures = path.resolve(__dirname, '../../../../../test/fixtures/manifests');
const read = (name: string): string => readFileSync(path.join(fixtures, name), 'utf8');

type Edit = { kind: 'insert'; at: number; text: string } | { kind: 'delete'; at: number; length: number };

/** Characters that matter to the three syntaxes, plus anything at all. */
const editText = fc.oneof(
  fc.string({ unit: fc.constantFrom(...'{}[]":,\\/#*<>!&;=@^~$-.\'\r\n\t ') }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
  fc.constantFrom('<!--', '-->', '<![CDATA[', ']]>', '${', '}', '\\\n', '--hash=', '-r ', '"a": "1",', '&lol;'),
);

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: editText }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
);

function apply(source: string, edits: readonly Edit[]): string {
  let text = source;
  for (const e of edits) {
    const at = e.at % (text.length + 1);
    text = e.kind === 'insert' ? text.slice(0, at) + e.text + text.slice(at) : text.slice(0, at) + text.slice(at + e.length);
  }
  return text;
}

function checkSpan(text: string, span: TextSpan | undefined): void {
  if (!span) return;
  assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, `span ${span.start}-${span.end} out of bounds`);
  assert.equal(text.slice(span.start, span.end), span.text);
}

const edits = fc.array(edit, { minLength: 1, maxLength: 6 });

describe('random edits of real manifests', function () {
  this.timeout(60_000);

  it('package.json: never throws; spans point at their text; unescaped names are the package names', () => {
    const source = read('storefront.package.json');
    fc.assert(
      fc.property(edits, (list) => {
        const text = apply(source, list);
        for (const dep of parsePackageJson(text).dependencies) {
          checkSpan(text, dep.name);
          checkSpan(text, dep.version);
          checkSpan(text, dep.rangeSpan);
          // A blank range (`""`, `"npm:x@ "`) means any version: '*', located by an empty span where it would go.
          if (dep.rangeSpan?.text === '') assert.equal(dep.range, '*');
          else if (dep.rangeSpan) assert.equal(dep.rangeSpan.text, dep.range);
          const plain = dep.kind !== 'overrides' && dep.kind !== 'resolutions' && dep.kind !== 'pnpm.overrides';
          if (plain && dep.specType !== 'alias' && !dep.name.text.includes('\\')) assert.equal(dep.name.text, dep.packageName);
        }
      }),
      { numRuns: runs(1500) },
    );
  });

  it('requirements.txt: never throws; names and versions point at their text', () => {
    const source = read('requirements.txt');
    fc.assert(
      fc.property(edits, (list) => {
        const text = apply(source, list);
        const file = parseRequirementsTxt(text);
        for (const r of file.requirements) {
          checkSpan(text, r.name);
          checkSpan(text, r.specifier);
          checkSpan(text, r.marker);
          if (!r.name.text.includes('\\')) assert.equal(normalizePythonName(r.name.text), r.normalizedName);
          for (const v of r.versions) {
            checkSpan(text, v.version);
            if (!v.version.text.includes('\\')) assert.ok(r.specifierText.includes(`${v.operator}${v.version.text}`));
          }
        }
        for (const i of file.includes) checkSpan(text, i.path);
        for (const i of file.indexes) checkSpan(text, i.url);
        for (const s of file.skipped) checkSpan(text, s.span);
      }),
      { numRuns: runs(400) },
    );
  });

  it('pom.xml: never throws; versions point at their text; literal versions equal their value', () => {
    const source = read('pom.xml');
    fc.assert(
      fc.property(edits, (list) => {
        const text = apply(source, list);
        for (const dep of parsePomXml(text).dependencies) {
          checkSpan(text, dep.element);
          checkSpan(text, dep.artifactId.span);
          checkSpan(text, dep.groupId?.span);
          checkSpan(text, dep.version?.span);
          checkSpan(text, dep.version?.property?.span);
          const version = dep.version;
          if (version && !version.managed && /^[\w.-]*$/.test(version.span.text)) assert.equal(version.value, version.span.text);
        }
      }),
      { numRuns: runs(1000) },
    );
  });
});
