import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseSimpleRequirement } from '../../../../src/core/manifests/pep508Simple';
import { parseWithGrammar } from '../../../../src/core/manifests/requirementsTxt';
import { runs } from '../../stress';

const ws = fc.constantFrom('', ' ', '  ', '\t');
const name = fc.constantFrom('foo', 'Foo_Bar', 'zope.interface', 'a', 'x-1', 'py3', 'foo.', '-foo', 'b_');
const extras = fc.constantFrom('', '[a]', '[a,b]', '[ a , b ]', '[]', '[a,]', '[A_b.c]');
const op = fc.constantFrom('==', '>=', '<=', '!=', '~=', '<', '>', '===', '=', '=>');
const version = fc.constantFrom('1.0', '1.*', '2.0rc1', '1.0+cu118', '1!2.0', 'v1', '1.0-1', '', 'a.b');
const spec = fc.tuple(op, ws, version).map((xs) => xs.join(''));
const specs = fc.array(spec, { maxLength: 3 }).chain((xs) => fc.constantFrom(xs.join(','), xs.join(', '), xs.join(' ,')));
const marker = fc.constantFrom(
  '',
  '; python_version >= "3.8"',
  ";python_version<'3'",
  '; sys_platform == "win32" and python_version > "3"',
  '; extra == "x\\"y"',
  '; os_name in "posix nt"',
  '; "3" < python_version',
  '; platform_machine not in "arm64"',
  '; (python_version > "3")',
  '; foo == "1"',
  '; python_version',
);

describe('parseSimpleRequirement', () => {
  it('reads every line it accepts exactly as pip-requirements-js does', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.tuple(name, ws, extras, ws, specs, ws, marker), (parts) => {
        const line = parts.join('').trim();
        const simple = parseSimpleRequirement(line);
        if (simple === undefined) return;
        accepted++;
        assert.deepEqual(simple, parseWithGrammar(line), line);
      }),
      { numRuns: runs(2000) },
    );
    assert.ok(accepted > 200, `only ${accepted} lines took the fast path`);
  });

  it('leaves escaped quotes, parentheses and URLs to the full grammar', () => {
    assert.equal(parseSimpleRequirement('foo ; extra == "x\\"y"'), undefined);
    assert.equal(parseSimpleRequirement('pandas (>=2.0,<3)'), undefined);
    assert.equal(parseSimpleRequirement('pip @ https://example.com/pip.zip'), undefined);
    assert.deepEqual(parseSimpleRequirement('foo===1.0+abc')?.specs.map((s) => [s.operator.text, s.version.text]), [['===', '1.0+abc']]);
  });
});
