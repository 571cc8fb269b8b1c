// The input box's pattern check against the emulator's parser (which follows the user guide): they accept and
// refuse the same patterns, so the box never refuses what the service takes nor lets obvious mistakes through.
import assert from 'node:assert/strict';
import { allowedListChanges, packageGroupPatternProblem } from '../../../src/core/packageGroupPattern';
import { parsePattern } from '../../emulator/packageGroups';

const PATTERNS = [
  '/*', '/npm/*', '/npm//*', '/npm/acme/*', '/npm/acme~', '/npm/acme/ui~', '/npm/acme/ui-kit$', '/npm//left-pad$',
  '/maven/com.acme~', '/maven/org.apache.logging.log4j/log4j-core$', '/pypi//requests$', '/pypi//requests~', '/generic/tools/*',
  '/cargo//serde$', '/swift/apple/*', '/nuget/*',
  'npm/*', '/npm', '/npm/acme', '/npm/*/x$', '/rubygems/*', '/pypi/ns/requests$', '/npm/@acme/*', '/npm/a/b/c$', '/npm/acme/$',
  '/npm/a*', '/npm/~', '/npm/acme/*~', '/ npm/*', '/',
];

describe('package group patterns (input check)', () => {
  for (const pattern of PATTERNS) {
    it(`${pattern}: the same verdict as the emulator`, () => {
      const ours = packageGroupPatternProblem(pattern);
      const emulator = pattern.length < 2 || /\s/.test(pattern) ? 'too short or spaces' : parsePattern(pattern);
      assert.equal(ours === undefined, typeof emulator !== 'string', `ours: ${ours ?? 'ok'}; emulator: ${typeof emulator === 'string' ? emulator : 'ok'}`);
    });
  }

  it('says what to do', () => {
    assert.match(packageGroupPatternProblem('/npm/acme') ?? '', /End the pattern with \/\* \(all\), ~ \(prefix\) or \$ \(exact name\)/);
    assert.match(packageGroupPatternProblem('/npm/@acme/*') ?? '', /without '@'/);
  });

  it('turns a chosen allowed list into adds and removes', () => {
    assert.deepEqual(allowedListChanges(['a', 'b'], ['b', 'c']), { add: ['c'], remove: ['a'] });
    assert.deepEqual(allowedListChanges([], []), { add: [], remove: [] });
  });
});
