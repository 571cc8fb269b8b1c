// Maven versions and ranges: our ordering against ComparableVersion, our range parsing, matching and picking
// against maven-resolver's GenericVersionScheme (what dependency resolution uses), on the real version lists of
// the artifacts in test/fixtures/differential/maven/versions.json and on generated versions and ranges.
import fc from 'fast-check';
import { canonicalMaven, compareMaven, parseMavenRange, satisfiesMaven } from '../../../src/core/versioning/mavenVersion';
import { latestSatisfying } from '../../../src/core/versioning/versions';
import { corpusLimit, Differential } from '../ledger';
import { askMaven, versionCorpus, type OracleCase } from './mavenOracle';

const NUMBERS = ['0', '1', '2', '3', '10', '007', '1000000000000'];
const QUALIFIERS = ['alpha', 'a', 'beta', 'b', 'M', 'milestone', 'RC', 'cr', 'SNAPSHOT', 'ga', 'Final', 'RELEASE', 'sp', 'jre', 'ea', 'preview', 'dev', 'pre', 'x'];

const version = fc
  .array(fc.oneof(fc.constantFrom(...NUMBERS), fc.constantFrom(...QUALIFIERS), fc.constantFrom('.', '-', '')), { minLength: 1, maxLength: 7 })
  .map((parts) => parts.join(''));
const bound = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('1', '1.0', '1.5', '2', '2.0-SNAPSHOT', '2.0-rc1', '3.0', '10') }, { weight: 1, arbitrary: fc.constantFrom('', ' ', '1.0 ') }, version);
const restriction = fc
  .tuple(fc.constantFrom('[', '('), bound, fc.constantFrom(',', ',', ''), bound, fc.constantFrom(']', ')'))
  .map(([open, low, comma, high, close]) => (comma === '' ? `${open}${low}${close}` : `${open}${low},${high}${close}`));
const rangeSpec = fc.oneof(
  { weight: 6, arbitrary: fc.array(restriction, { minLength: 1, maxLength: 3 }).map((rs) => rs.join(',')) },
  { weight: 1, arbitrary: fc.array(restriction, { minLength: 2, maxLength: 3 }).map((rs) => rs.join(', ')) },
  { weight: 1, arbitrary: fc.constantFrom('', '[', ']', '[,]', '(,)', '[1.0', '1.0]', '[1.0,2.0', '[1.0,2.0],', '[1,2,3]', ',1.0', '[1.0],[1.0]', '[2.0,1.0]', '[1.0,1.0)', '(1.0,1.0]', '[1.0]x') },
  { weight: 2, arbitrary: version },
);

const EVERYDAY_ARTIFACTS = 120;

describe('differential: Maven versions and ranges (ComparableVersion, GenericVersionScheme)', function () {
  this.timeout(600_000);

  it('orders, canonicalises, parses ranges and picks versions as Maven 3.8 does', async () => {
    const corpus = versionCorpus();
    const artifacts = Object.entries(corpus.artifacts).slice(0, corpusLimit(EVERYDAY_ARTIFACTS));
    const seed = 13;
    const generatedVersions = fc.sample(version, { seed, numRuns: corpusLimit(600) === 600 ? 600 : 12_000 });
    const realVersions = [...new Set([...artifacts.flatMap(([, vs]) => vs), ...corpus.declared.filter((d) => !/[[\]()]/.test(d))])];
    const allVersions = [...new Set([...realVersions, ...generatedVersions])];

    const cases: { id: string; ask: OracleCase; ours: () => unknown }[] = [];
    for (const v of allVersions) cases.push({ id: `canonical ${JSON.stringify(v)}`, ask: ['canonical', v], ours: () => canonicalMaven(v) });
    // Ordering: each version against its neighbour in a fixed shuffle, and each artifact's list in our order.
    const shuffled = fc.sample(fc.shuffledSubarray(allVersions, { minLength: allVersions.length }), { seed, numRuns: 1 })[0]!;
    const pairs = new Map<string, [string, string]>();
    for (let i = 0; i + 1 < shuffled.length; i++) pairs.set(`${shuffled[i]}\u0000${shuffled[i + 1]}`, [shuffled[i]!, shuffled[i + 1]!]);
    for (const [, vs] of artifacts) {
      const ordered = [...vs].sort(compareMaven);
      for (let i = 0; i + 1 < ordered.length; i++) pairs.set(`${ordered[i]}\u0000${ordered[i + 1]}`, [ordered[i]!, ordered[i + 1]!]);
    }
    for (const [a, b] of pairs.values()) {
      cases.push({ id: `compare ${JSON.stringify(a)} ${JSON.stringify(b)}`, ask: ['compare', a, b], ours: () => Math.sign(compareMaven(a, b)) || 0 });
    }
    // Ranges: every range the corpus poms declare and generated ones, against real and generated version lists.
    const declaredRanges = corpus.declared.filter((d) => /[[\]()]/.test(d));
    const generatedRanges = fc.sample(rangeSpec, { seed, numRuns: corpusLimit(1500) === 1500 ? 1500 : 30_000 });
    const lists = artifacts.map(([, vs]) => vs);
    const versionLists = fc.sample(fc.array(fc.oneof(version, fc.constantFrom('1', '1.0', '1.5', '2.0', '2.0-SNAPSHOT', '3.0')), { maxLength: 12 }), { seed, numRuns: 200 });
    const ranges = [...new Set([...declaredRanges, ...generatedRanges])];
    ranges.forEach((spec, i) => {
      // A repository never lists an empty version (versions.ts does not take one either).
      const versions = [...new Set(i % 2 === 0 ? (lists[i % lists.length] ?? []) : versionLists[i % versionLists.length]!)].filter((v) => v.trim() !== '');
      cases.push({ id: `range ${JSON.stringify(spec)} over ${versions.length} versions #${i}`, ask: ['range', spec, ...versions], ours: () => ourRange(spec, versions) });
    });

    const answers = await askMaven(cases.map((c) => c.ask));
    const diff = new Differential('maven');
    cases.forEach((c, i) => {
      const theirs = answers[i];
      diff.check(c.id, c.ours(), c.ask[0] === 'compare' ? (theirs as number[])[0] : theirs);
    });
    diff.assertAgreement();
  });
});

/** Our answer in the oracle's shape: accepted or not, a soft requirement or a range, what satisfies, what resolves. */
function ourRange(spec: string, versions: readonly string[]): unknown {
  const range = parseMavenRange(spec);
  if (!range) return { valid: false };
  const satisfying = versions.filter((v) => satisfiesMaven(v, spec));
  return { valid: true, soft: range.kind === 'soft', satisfying, resolved: latestSatisfying('maven', versions, spec) ?? null };
}
