// Inputs for the PEP 440 differential: the committed corpus (packaging's own test strings, real PyPI release
// lists and specifiers) and strings generated from PEP 440's grammar, weird spellings included.
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const FIXTURES = path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'differential', 'pypi');

export interface RealWorld {
  versionLists: Record<string, string[]>;
  specifiers: string[];
  requirementsLines: string[];
}

export function readCorpus(): { packaging: { versions: string[]; specifiers: string[] }; realWorld: RealWorld } {
  const read = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8')) as T;
  return { packaging: read('packaging-tests.json'), realWorld: read('real-world.json') };
}

const num = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 3 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('00', '01', '10', '2023', '99999999999999999999') },
);
const sep = fc.constantFrom('', '', '.', '-', '_');
const preLetter = fc.constantFrom('a', 'b', 'c', 'rc', 'alpha', 'beta', 'pre', 'preview', 'A', 'RC', 'Beta');
const maybe = (arb: fc.Arbitrary<string>, weight = 3): fc.Arbitrary<string> => fc.oneof({ weight, arbitrary: fc.constant('') }, { weight: 1, arbitrary: arb });

const release = fc.array(num, { minLength: 1, maxLength: 4 }).map((xs) => xs.join('.'));
const pre = fc.tuple(sep, preLetter, sep, maybe(num, 1)).map((xs) => xs.join(''));
const post = fc.oneof(
  num.map((n) => `-${n}`),
  fc.tuple(sep, fc.constantFrom('post', 'rev', 'r', 'POST'), sep, maybe(num, 1)).map((xs) => xs.join('')),
);
const dev = fc.tuple(sep, fc.constantFrom('dev', 'DEV'), sep, maybe(num, 1)).map((xs) => xs.join(''));
const localSegment = fc.oneof(num, fc.constantFrom('cu118', 'cpu', 'abc', 'ubuntu', 'local', 'X'));
const local = fc.array(fc.tuple(fc.constantFrom('.', '-', '_'), localSegment), { minLength: 1, maxLength: 3 }).map((xs) => `+${xs.map(([s, x], i) => (i === 0 ? x : s + x)).join('')}`);

/** Mostly well-formed versions, some with the separators and spellings PEP 440 normalises, a few broken. */
export const versionString: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .tuple(maybe(fc.constantFrom('v', 'V'), 6), maybe(fc.constantFrom('1!', '0!', '2!'), 5), release, maybe(pre), maybe(post, 4), maybe(dev, 4), maybe(local, 5))
      .map((xs) => xs.join('')),
  },
  { weight: 1, arbitrary: fc.constantFrom('', 'foo', '1.0.*', '1..0', '1.0+', '1.0-', ' 1.0 ', '1.0a1.post', '1.0.', '.1', '1.0+a..b', '1.0rc', 'dev', '1.0-dev') },
);

/** 10 to 25 versions: sorting meets many near ties (1.0, 1.0.0, 1.0+x). */
export const versionList: fc.Arbitrary<string[]> = fc.array(versionString, { minLength: 10, maxLength: 25 });

const operator = fc.constantFrom('==', '!=', '>=', '<=', '>', '<', '~=', '===');

/** One specifier: an operator and a version, `.*` sometimes, spaces sometimes. */
const specifier: fc.Arbitrary<string> = fc
  .tuple(maybe(fc.constant(' '), 4), operator, maybe(fc.constant(' '), 4), versionString, maybe(fc.constant('.*'), 2), maybe(fc.constant(' '), 5))
  .map(([a, op, b, v, star, c]) => `${a}${op}${b}${v}${star}${c}`);

/** A specifier set with its candidate versions: some near the specifiers' own versions, so boundaries are hit. */
export const filterCase: fc.Arbitrary<{ spec: string; versions: string[] }> = fc
  .tuple(fc.array(specifier, { minLength: 0, maxLength: 3 }), fc.array(versionString, { minLength: 1, maxLength: 8 }))
  .map(([specs, versions]) => {
    const own = specs.map((s) => s.trim().replace(/^[<>=!~]+\s*/, '').replace(/\.\*$/, ''));
    return { spec: specs.join(','), versions: [...new Set([...versions, ...own])] };
  });

/** Generated cases: `everyday` in npm test, ten times as many under CODEARTIFACT_STRESS (corpusLimit is unbounded). */
export function generatedCount(everyday: number): number {
  return process.env.CODEARTIFACT_STRESS === '1' ? everyday * 10 : everyday;
}

export function sample<T>(arb: fc.Arbitrary<T>, count: number, seed: number): T[] {
  return count <= 0 ? [] : fc.sample(arb, { numRuns: count, seed });
}
