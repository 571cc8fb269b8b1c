import assert from 'node:assert/strict';
import { FaultInjector, FaultSpecError, parseFaults } from '../../../test/emulator/faults';

describe('emulator fault spec', () => {
  it('parses kinds, rates and options', () => {
    assert.deepEqual(parseFaults(undefined), []);
    assert.deepEqual(parseFaults('  '), []);
    const [t, e, r, s] = parseFaults('throttle=0.25/retryAfter=3,error/ops=ListPackages+npm:*/count=2/after=1/status=503,reset=0.1,slow/ms=500');
    assert.deepEqual([t?.kind, t?.rate, t?.retryAfter, t?.operations], ['throttle', 0.25, 3, []]);
    assert.deepEqual([e?.kind, e?.rate, e?.operations, e?.count, e?.after, e?.status], ['error', 1, ['ListPackages', 'npm:*'], 2, 1, 503]);
    assert.deepEqual([r?.kind, r?.rate], ['reset', 0.1]);
    assert.deepEqual([s?.kind, s?.ms], ['slow', 500]);
  });

  it('rejects mistakes with a message naming the rule', () => {
    for (const [spec, message] of [
      ['throtle', /unknown kind "throtle"/],
      ['error=2', /rate must be a number from 0 to 1/],
      ['error=abc', /rate must be a number/],
      ['slow/speed=3', /unknown option "speed"/],
      ['error/status=404', /status must be a number from 500 to 599/],
    ] as const) {
      assert.throws(() => parseFaults(spec), (err: unknown) => err instanceof FaultSpecError && message.test(err.message) && err.message.includes(JSON.stringify(spec)));
    }
  });

  it('applies a rate deterministically: exactly rate × N faults, evenly spread', () => {
    const injector = new FaultInjector(parseFaults('error=0.25'));
    const fired = Array.from({ length: 12 }, () => injector.pick('ListDomains') !== undefined);
    assert.deepEqual(fired.map((f) => (f ? 'x' : '.')).join(''), '...x...x...x');
  });

  it('targets operations (with prefixes), skips `after`, stops after `count`', () => {
    const injector = new FaultInjector(parseFaults('error/ops=npm:*+ListPackages/after=1/count=2'));
    const seen = ['ListDomains', 'npm:packument', 'npm:tarball', 'pypi:simple', 'ListPackages', 'ListPackages'].map((op) => injector.pick(op)?.kind ?? '-');
    assert.deepEqual(seen, ['-', '-', 'error', '-', 'error', '-']);
  });

  it('the first rule that fires wins, but every matching rule counts the request', () => {
    const injector = new FaultInjector(parseFaults('throttle=0.5,error=0.5'));
    assert.deepEqual([1, 2, 3, 4].map(() => injector.pick('X')?.kind ?? '-'), ['-', 'throttle', '-', 'throttle']);
  });
});
