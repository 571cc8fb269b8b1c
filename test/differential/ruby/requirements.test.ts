// RubyGems requirements and version order against real Ruby (Gem::Requirement#satisfied_by?, Gem::Version#<=>),
// one `ruby` process for the whole batch. Generated requirement lists (`~>`, `!=`, pre-release letters, trailing
// zeros, `-` in versions) over a pool of versions.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { compareRubyVersions, parseRubyRequirement, rubySatisfies } from '../../../src/core/versioning/rubyVersion';
import { findTool } from '../../integration/helpers';
import { Differential } from '../ledger';
import { runJsonTool } from '../realTool';

const SCRIPT = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'differential', 'ruby', 'requirements.rb');
const POOL = ['0', '0.1', '0.9.9', '1', '1.0', '1.0.0', '1.0.1', '1.2', '1.2.0', '1.2.3', '1.2.3.1', '1.3.0.pre', '1.3.0.pre1', '1.3.0.rc1', '1.3.0-rc.2', '1.3.0', '1.10', '2.0.0.a', '2.0.0.b', '2.0.0', '2.0.0.1', '10.0', '1.0.a10', '1.0.a9'];
const OPS = ['', '= ', '!= ', '> ', '< ', '>= ', '<= ', '~> ', '~>'];

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ruby = findTool('ruby');
(ruby ? describe : describe.skip)(`differential: RubyGems requirements against real Ruby${ruby ? '' : ' (skipped: ruby is not installed)'}`, function () {
  this.timeout(120_000);
  it('satisfied_by? and <=> agree for generated cases', async () => {
    const rnd = prng(16);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const cases: [string[], string][] = [];
    const count = Number(process.env.CODEARTIFACT_STRESS) === 1 ? 20_000 : 2000;
    for (let i = 0; i < count; i++) {
      const n = rnd() < 0.7 ? 1 : 2;
      const reqs = Array.from({ length: n }, () => `${pick(OPS)}${pick(POOL)}`);
      cases.push([reqs, pick(POOL)]);
    }
    cases.push([['~> 1.2'], '1.9'], [['~> 1.2.0'], '1.3.0'], [['~> 1.3.0.pre'], '1.3.0.rc1'], [['>= 1.0', '!= 1.2.3'], '1.2.3'], [['~> 1'], '1.9']);
    const theirs = await runJsonTool<{ answers: (boolean | null)[]; compare: number[][] }>(ruby ?? 'ruby', [SCRIPT], { versions: POOL, cases });
    const diff = new Differential('ruby');
    cases.forEach(([reqs, v], i) => {
      const ours = parseRubyRequirement(reqs) === undefined ? null : rubySatisfies(v, reqs);
      diff.check(`#${i} ${reqs.join(', ')} ∋ ${v}`, ours, theirs.answers[i]);
    });
    POOL.forEach((a, i) => POOL.forEach((b, j) => diff.check(`${a} <=> ${b}`, compareRubyVersions(a, b), theirs.compare[i]?.[j])));
    assert.ok(theirs.answers.filter((x) => x === true).length > 200, 'enough satisfied cases');
    diff.assertAgreement();
  });
});
