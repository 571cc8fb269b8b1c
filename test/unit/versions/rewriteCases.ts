// Cargo requirements as written, a target, and what the quick fix writes (cargo-edit keeps each comparator's precision).
// Shared by the unit test (exact text) and test/differential/cargo (real cargo resolves the written requirement).
export const CARGO_CASES: readonly (readonly [written: string, target: string, expected: string])[] = [
  ['1.2', '2.1.5', '2.1'],
  ['1.2.3', '2.1.5', '2.1.5'],
  ['1', '2.1.5', '2'],
  ['^1.2', '2.1.5', '^2.1'],
  ['~1.2', '2.1.5', '~2.1'],
  ['~1.2.3', '2.1.5', '~2.1.5'],
  ['=1.2.3', '2.1.5', '=2.1.5'],
  ['>=1.2', '2.1.5', '>=2.1'],
  ['0.9', '1.0.210', '1.0'],
  ['0.1', '0.2.3', '0.2'],
  ['0.0.3', '0.0.5', '0.0.5'],
  ['1.*', '2.1.5', '2.*'],
  ['1.2.*', '2.1.5', '2.1.*'],
  ['>=1.0, <2.0', '2.1.5', '>=2.1, <3.0'],
  ['>= 1.0, < 1.5', '1.7.2', '>= 1.7, < 1.8'],
  ['1.2', '2.0.0-rc.1', '2.0.0-rc.1'],
];
