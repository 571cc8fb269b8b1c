// Spec classification: for every package.json entry, the package we look up and what we ask of it, against
// npm-package-arg's `npa.resolve(name, spec)` — on the real corpus and on generated specs.
import fc from 'fast-check';
import { parsePackageJson } from '../../../src/core/manifests/packageJson';
import { readManifest } from '../../../src/versions/manifestDependencies';
import { corpusLimit, Differential } from '../ledger';
import { realSpecs } from './corpus';
import { npmSpecAnswer, type SpecAnswer } from './npmTools';

/** Our answer for one `"name": "spec"` entry, through the same path a hover takes (parse, then readManifest). */
function ourSpecAnswer(name: string, spec: string): SpecAnswer {
  const text = JSON.stringify({ dependencies: { [name]: spec } });
  const parsed = parsePackageJson(text).dependencies[0];
  const looked = readManifest('packageJson', text).dependencies[0];
  if (!parsed) return { type: 'missing', lookup: null, wanted: null };
  const type = ['workspace', 'catalog', 'link', 'patch', 'exec', 'unsupported'].includes(parsed.specType) ? 'unsupported' : parsed.specType;
  if (!looked) return { type, lookup: null, wanted: null };
  return { type, lookup: looked.displayName, wanted: looked.range };
}

/** Hand-picked from npm's docs (package.json, npm-install) and pnpm/yarn's: the forms the corpus lacks. */
const DOCUMENTED: ReadonlyArray<[string, string]> = [
  ['a', 'npm:b@^1'], ['a', 'npm:@s/b@~2.1'], ['a', 'npm:b'], ['a', 'npm:b@latest'], ['a', 'npm:@s/b'], ['a', 'npm:b@ ^1 '],
  ['a', 'npm:b@1.2.3'], ['a', 'npm:npm:b@1'], ['a', 'npm:b@git+https://x/y.git'], ['a', 'npm:../x'],
  ['a', 'latest'], ['a', 'next'], ['a', ' latest '], ['a', 'beta-1'], ['a', '1.2.3.4'], ['a', 'v1.2.3'], ['a', '=1.2.3'],
  ['a', ' 1.2.3 '], ['a', '01.2.3'], ['a', '1.2'], ['a', '1'], ['a', 'x'], ['a', '*'], ['a', ''], ['a', '1.x || >=2.5.0 || 5.0.0 - 7.2.3'],
  ['a', 'github:user/repo'], ['a', 'user/repo#semver:^1'], ['a', 'gitlab:u/r'], ['a', 'bitbucket:u/r'], ['a', 'gist:11081aaa'],
  ['a', 'git+ssh://git@github.com:npm/cli.git#v1.0.27'], ['a', 'git://github.com/npm/cli.git#v1'], ['a', 'git+https://isaacs@github.com/npm/cli.git'],
  ['a', 'https://example.com/a-1.0.0.tgz'], ['a', 'http://example.com/a.tgz'], ['a', 'file:../a'], ['a', '../a'], ['a', './a'], ['a', '~/a'],
  ['a', '/abs/a'], ['a', 'a.tgz'], ['a', './a.tar.gz'], ['a', 'file:a.tgz'],
  ['a', 'workspace:*'], ['a', 'workspace:^'], ['a', 'workspace:~1.2.0'], ['a', 'workspace:../a'], ['a', 'link:../a'], ['a', 'portal:../a'],
  ['a', 'catalog:'], ['a', 'catalog:react18'], ['a', 'patch:a@1.0.0#./p.patch'], ['a', 'exec:./gen.js'], ['a', 'jsr:@std/path@^1'],
  ['a', '@foo'], ['a', 'b@1'], ['a', '%20'], ['a', '^1.2.3 <2 || 3'], ['a', '>= 1.2.3'], ['a', '~> 1.2'],
  ['@s/a', '^1'], ['@s/a', 'npm:@s/b@^1'], ['A', '^1'], ['a b', '^1'], ['.a', '^1'], ['_a', '^1'], ['@s', '^1'], ['node_modules', '^1'],
  ['a', 'npm:B@^1'], ['a', 'npm:@s@1'], ['a', 'npm:'], ['a', '1.2.3-beta.1'], ['a', '^1.2.3-beta.1'], ['a', '1.2.3+build'],
];

describe('differential npm: spec classification against npm-package-arg', () => {
  const diff = new Differential('npm');

  it('agrees on every real-world dependency spec of the corpus', () => {
    const specs = realSpecs().slice(0, corpusLimit(5_000));
    for (const { name, spec, from } of specs) diff.check(`spec:${from}:${name}:${spec}`, ourSpecAnswer(name, spec), npmSpecAnswer(name, spec));
  });

  it('agrees on the documented forms (aliases, git, URLs, files, tags, foreign protocols)', () => {
    for (const [name, spec] of DOCUMENTED) diff.check(`spec:documented:${name}:${spec}`, ourSpecAnswer(name, spec), npmSpecAnswer(name, spec));
  });

  it('agrees on generated specs', () => {
    const part = fc.constantFrom('^', '~', '>=', '<', '=', 'v', ' ', '', '*', 'x', '||', '-', '.', '@', 'npm:', '/', ':', '#', 'workspace:', 'latest', '1', '0', '2', '10', 'beta', '+b');
    const spec = fc.array(part, { maxLength: 8 }).map((p) => p.join(''));
    const name = fc.constantFrom('a', '@s/a', 'a-b', 'A');
    const seen = new Set<string>();
    fc.assert(
      fc.property(name, spec, (n, s) => {
        const id = `spec:generated:${n}:${s}`;
        if (seen.has(id)) return;
        seen.add(id);
        diff.check(id, ourSpecAnswer(n, s), npmSpecAnswer(n, s));
      }),
      { numRuns: corpusLimit(2_000), seed: 13 },
    );
  });

  after(() => diff.assertAgreement());
});
