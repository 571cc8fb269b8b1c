// PEP 440 against packaging 23.0 (what satisfies, ordering, normal forms) and against pip 23's own vendored
// packaging (what `pip install` would pick): corpus plus generated cases, one python3 process per batch.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { comparePep440, filterPep440, formatPep440, isPep440PreRelease, parsePep440, parseSpecifierSet, setContains } from '../../../src/core/versioning/pep440';
import { latest, latestSatisfying } from '../../../src/core/versioning/versions';
import { corpusLimit, Differential } from '../ledger';
import { runJsonTool } from '../realTool';
import { filterCase, generatedCount, readCorpus, sample, versionList } from './pep440Cases';

const PYTHON = '/usr/bin/python3';
const SCRIPT = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'differential', 'pypi', 'pep440.py');

interface VersionsAnswer {
  normalized: (string | null)[];
  prerelease: (boolean | null)[];
  sorted: string[];
}

interface FilterAnswer {
  valid: boolean;
  contains?: boolean[];
  /** One list per order packaging may chain the specifiers in (one when the order does not matter). */
  filter?: string[][];
  error?: string;
  /** max() of each filter outcome: what pip's finder picks, by packaging 23.0. */
  resolves?: (string | null)[];
  pipLegacy?: boolean;
  pipResolves: (string | null)[] | null;
}

type Case = { id: string; kind: 'versions'; versions: string[] } | { id: string; kind: 'filter'; spec: string; versions: string[] };

function oursVersions(versions: readonly string[]): VersionsAnswer {
  const parsed = versions.map((v) => parsePep440(v));
  const valid = versions.filter((_, i) => parsed[i] !== undefined);
  // Array.prototype.sort is stable, as Python's sorted().
  const sorted = [...valid].sort((a, b) => comparePep440(parsePep440(a)!, parsePep440(b)!));
  return {
    normalized: parsed.map((p) => (p ? formatPep440(p) : null)),
    prerelease: parsed.map((p) => (p ? isPep440PreRelease(p) : null)),
    sorted,
  };
}

function compareFilter(diff: Differential, c: Extract<Case, { kind: 'filter' }>, theirs: FilterAnswer): void {
  const alternatives = c.spec.includes('||') ? undefined : parseSpecifierSet(c.spec);
  const valid = c.versions.filter((v) => parsePep440(v) !== undefined);
  diff.check(`${c.id} valid`, alternatives !== undefined, theirs.valid);
  if (!alternatives || !theirs.valid) return;
  const specs = alternatives[0]!;
  if (theirs.error === undefined) {
    diff.check(`${c.id} contains`, valid.map((v) => setContains(specs, parsePep440(v)!)), theirs.contains);
    const ours = filterPep440(alternatives, valid);
    const outcomes = theirs.filter ?? [];
    // If packaging's answer depends on the set's hash order, any of its answers is one pip can give.
    const match = outcomes.find((o) => JSON.stringify(o) === JSON.stringify(ours));
    diff.check(`${c.id} filter`, ours, match ?? (outcomes.length === 1 ? outcomes[0] : outcomes));
  }
  const ours = latestSatisfying('pypi', valid, c.spec) ?? null;
  const pick = (outcomes: (string | null)[]): unknown => (outcomes.includes(ours) ? ours : outcomes.length === 1 ? outcomes[0] : outcomes);
  if (theirs.resolves) {
    diff.check(`${c.id} resolves`, ours, pick(theirs.resolves));
    if (c.spec.trim() === '') diff.check(`${c.id} latest`, latest('pypi', valid) ?? null, pick(theirs.resolves));
  }
  // pip 23.0.1 itself runs its vendored packaging 21.3, whose prefix matching (`==X.*`, `~=`) ignores `v`, `0!`
  // and spelling variants and pads differently. Where the two real tools differ we follow packaging 23.0 (what
  // newer pip vendors) and count it; where they agree, pip's own pick is one more check.
  if (theirs.pipResolves && !theirs.pipLegacy) {
    const same = theirs.resolves && JSON.stringify(theirs.resolves) === JSON.stringify(theirs.pipResolves);
    if (same || !theirs.resolves) diff.check(`${c.id} pip resolves`, ours, pick(theirs.pipResolves));
    else toolsDiffer.push(c.id);
  }
}

const toolsDiffer: string[] = [];

function buildCases(): Case[] {
  const { packaging, realWorld } = readCorpus();
  const cases: Case[] = [];
  const allVersions = [...packaging.versions, ...Object.values(realWorld.versionLists).flat()];
  for (let i = 0; i < allVersions.length; i += 40) cases.push({ id: `corpus versions #${i / 40}`, kind: 'versions', versions: allVersions.slice(i, i + 40) });
  const lists = Object.entries(realWorld.versionLists);
  // Real specifiers against real release lists; packaging's test specifiers against the versions they name.
  for (const spec of realWorld.specifiers) {
    for (const [project, versions] of lists) cases.push({ id: `real ${JSON.stringify(spec)} on ${project}`, kind: 'filter', spec, versions });
  }
  const near = packaging.versions.filter((v) => /^[\d.]+(a|b|rc|\.post|\.dev|\+|$)/.test(v)).slice(0, 60);
  packaging.specifiers.slice(0, corpusLimit(packaging.specifiers.length)).forEach((spec, i) => {
    cases.push({ id: `packaging specifier #${i} ${JSON.stringify(spec)}`, kind: 'filter', spec, versions: near });
  });
  sample(versionList, generatedCount(40), 7).forEach((versions, i) => cases.push({ id: `generated versions #${i}`, kind: 'versions', versions }));
  sample(filterCase, generatedCount(1500), 11).forEach((f, i) => cases.push({ id: `generated ${JSON.stringify(f.spec)} #${i}`, kind: 'filter', ...f }));
  return cases;
}

describe('differential: PEP 440 against packaging 23.0 and pip 23', function () {
  const diff = new Differential('pypi');

  it('versions, specifier sets and what pip would install agree', async function () {
    const cases = buildCases();
    const answers = await runJsonTool<Record<string, VersionsAnswer | FilterAnswer>>(PYTHON, [SCRIPT], { cases });
    for (const c of cases) {
      const theirs = answers[c.id];
      assert.ok(theirs, `no answer for ${c.id}`);
      if (c.kind === 'versions') diff.check(c.id, oursVersions(c.versions), theirs);
      else compareFilter(diff, c, theirs as FilterAnswer);
    }
    if (toolsDiffer.length > 0) console.log(`  pypi: ${toolsDiffer.length} cases where pip 23.0.1 (packaging 21.3) and packaging 23.0 pick differently; we follow packaging 23.0 (e.g. ${toolsDiffer[0]})`);
    diff.assertAgreement();
  });
});
