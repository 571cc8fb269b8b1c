// Poetry constraints in pyproject.toml against poetry-core 1.4 (parse_constraint(...).allows(Version.parse(v))):
// our translation to PEP 440 (pyprojectToml.ts poetryToPep440) must accept the same releases and read the same
// constraints. Final releases only: Poetry's own rules for pre-, post- and local releases at a range's ends are not
// modelled (see poetryToPep440), and that is said rather than compared; so is its order of 4-part releases.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { poetryToPep440 } from '../../../src/core/manifests/pyprojectToml';
import { satisfies } from '../../../src/core/versioning/versions';
import { Differential } from '../ledger';
import { runJsonTool } from '../realTool';
import { FIXTURES, generatedCount, readCorpus, sample } from './pep440Cases';

const SCRIPT = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'differential', 'pypi', 'poetryConstraints.py');

interface Answer {
  valid: boolean;
  allows?: boolean[];
}

const n = fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 1, arbitrary: fc.constantFrom(10, 2023) }).map(String);
// Constraints with at most three release numbers: poetry-core 1.4 orders longer releases unlike PEP 440
// (`10.1` above `10.1.0.0`, `0` unequal to `0.0.0.0`), which we do not copy; nor do the candidates.
const rel = fc.array(n, { minLength: 1, maxLength: 3 }).map((xs) => xs.join('.'));

const single = fc.oneof(
  fc.tuple(fc.constantFrom('^', '~', '~=', '>=', '<=', '>', '<', '==', '!=', '', '= ', '>= ', '<> '), rel).map(([op, v]) => `${op}${v}`),
  fc.tuple(fc.constantFrom('', '==', '!='), rel.filter((r) => r.split('.').length <= 3)).map(([op, v]) => `${op}${v}.*`),
  fc.tuple(fc.constantFrom('^', '~', '>=', '=='), rel, fc.constantFrom('a1', 'rc1', 'b0')).map(([op, v, p]) => `${op}${v}${p}`),
);
const constraint = fc
  .tuple(fc.array(single, { minLength: 1, maxLength: 3 }), fc.constantFrom(',', ', ', ' '), fc.boolean(), fc.array(single, { minLength: 1, maxLength: 2 }))
  .map(([a, sep, union, b]) => (union ? `${a.join(sep)} || ${b.join(sep)}` : a.join(sep)));
const finals = fc.array(rel, { minLength: 5, maxLength: 15 });

describe('differential: Poetry constraints against poetry-core', function () {
  it('accept the same final releases and read the same constraints', async function () {
    const diff = new Differential('poetry');
    const written = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'poetry-constraints.json'), 'utf8')) as string[];
    const { realWorld } = readCorpus();
    const realFinals = Object.values(realWorld.versionLists)
      .flat()
      .filter((v) => /^\d+(\.\d+){0,2}$/.test(v));
    const cases: { id: string; constraint: string; versions: string[] }[] = [];
    written.forEach((c) => cases.push({ id: `written ${JSON.stringify(c)}`, constraint: c, versions: [...realFinals, '0.0.3', '0.0.4', '0.1', '1.2', '1.2.3', '1.2.9', '1.3', '1.4.9', '1.5', '1.9', '2.0', '2.0.0', '2.1'] }));
    const generated = sample(fc.tuple(constraint, finals), generatedCount(1500), 5);
    generated.forEach(([c, versions], i) => cases.push({ id: `generated ${JSON.stringify(c)} #${i}`, constraint: c, versions }));
    const answers = await runJsonTool<Record<string, Answer>>('/usr/bin/python3', [SCRIPT], { cases });
    for (const c of cases) {
      const theirs = answers[c.id];
      assert.ok(theirs, `no answer for ${c.id}`);
      const range = poetryToPep440(c.constraint);
      if (!diff.check(`${c.id} valid`, range !== undefined, theirs.valid) || range === undefined) continue;
      diff.check(`${c.id} allows`, c.versions.map((v) => satisfies('pypi', v, range)), theirs.allows);
    }
    diff.assertAgreement();
  });
});
