import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  normalizePythonName,
  parseRequirementsTxt,
  type PythonRequirement,
} from '../../../../src/core/manifests/requirementsTxt';

const fixtures = path.resolve(__dirname, '../../../../../test/fixtures/manifests');
const source = readFileSync(path.join(fixtures, 'requirements.txt'), 'utf8');

function find(requirements: readonly PythonRequirement[], name: string): PythonRequirement {
  const found = requirements.find((r) => r.normalizedName === name);
  assert.ok(found, `${name} not reported`);
  return found;
}

describe('parseRequirementsTxt', () => {
  const file = parseRequirementsTxt(source);

  it('reports every versioned name and nothing else', () => {
    assert.deepEqual(
      file.requirements.map((r) => r.normalizedName),
      [
        'requests',
        'django-rest-framework',
        'numpy',
        'pandas',
        'urllib3',
        'cryptography',
        'flask-login',
        'zope-interface',
        'attrs',
        'black',
        'acme-internal-tools',
      ],
    );
  });

  it('points names, specifiers, versions and markers at the original text', () => {
    for (const r of file.requirements) {
      for (const span of [r.name, r.specifier, r.marker, ...r.versions.map((v) => v.version)]) {
        if (span) assert.equal(source.slice(span.start, span.end), span.text);
      }
    }
    const requests = find(file.requirements, 'requests');
    assert.equal(requests.name.text, 'requests');
    assert.deepEqual(requests.extras, ['security', 'socks']);
    assert.equal(requests.specifier?.text, '>= 2.8.1, == 2.8.*');
    assert.equal(requests.specifierText, '>=2.8.1,==2.8.*');
    assert.deepEqual(requests.versions.map((v) => [v.operator, v.version.text]), [['>=', '2.8.1'], ['==', '2.8.*']]);
    assert.equal(requests.marker?.text, 'python_version < "3.13"');
    assert.equal(requests.line, 10);
  });

  it('keeps the written name and gives the PEP 503 form for lookups', () => {
    const drf = find(file.requirements, 'django-rest-framework');
    assert.equal(drf.name.text, 'Django_Rest.framework');
    assert.equal(drf.specifierText, '==3.14.0');
    assert.equal(normalizePythonName('Foo.._-Bar'), 'foo-bar');
  });

  it('reads parenthesised specifiers, compound markers and unpinned names', () => {
    assert.equal(find(file.requirements, 'pandas').specifier?.text, '>=2.0,<3');
    assert.equal(find(file.requirements, 'urllib3').marker?.text, `python_version>="3.8" and sys_platform != 'win32'`);
    const numpy = find(file.requirements, 'numpy');
    assert.equal(numpy.specifier, undefined);
    assert.equal(numpy.specifierText, '');
  });

  it('joins continuation lines and collects --hash options', () => {
    const crypto = find(file.requirements, 'cryptography');
    assert.equal(crypto.specifierText, '~=41.0');
    assert.equal(crypto.hashes.length, 2);
    assert.ok(crypto.hashes[0]?.startsWith('sha256:0000'));
    assert.equal(find(file.requirements, 'flask-login').hashes.length, 1);
    // A specifier broken over two lines: the span covers both, the backslash and newline included.
    const zope = find(file.requirements, 'zope-interface');
    assert.equal(zope.specifierText, '>=5.0.0,<7');
    assert.equal(zope.specifier?.text, '>=5.0.0\\\n,<7');
    assert.deepEqual(zope.versions.map((v) => v.version.text), ['5.0.0', '7']);
  });

  it('reads pre, post and dev versions and extras', () => {
    assert.equal(find(file.requirements, 'attrs').specifierText, '==23.1.0.post1');
    assert.equal(find(file.requirements, 'black').specifierText, '==24.1a1');
    const tools = find(file.requirements, 'acme-internal-tools');
    assert.deepEqual(tools.extras, ['cli']);
    assert.equal(tools.specifierText, '>=1.2.dev3');
  });

  it('reports -r/-c includes in both spellings', () => {
    assert.deepEqual(
      file.includes.map((i) => [i.kind, i.path.text]),
      [
        ['requirements', 'base-requirements.txt'],
        ['requirements', 'dev-requirements.txt'],
        ['constraints', 'constraints.txt'],
        ['constraints', './more-constraints.txt'],
      ],
    );
  });

  it('reports index options with their URLs located in the text', () => {
    assert.deepEqual(
      file.indexes.map((i) => i.option),
      ['index-url', 'extra-index-url', 'index-url'],
    );
    for (const index of file.indexes) {
      assert.ok(index.url);
      assert.equal(source.slice(index.url.start, index.url.end), index.url.text);
    }
    assert.ok(file.indexes[0]?.url?.text.startsWith('https://aws:${CODEARTIFACT_AUTH_TOKEN}@acme-111122223333'));
  });

  it('recognises and skips editable installs, direct references, URLs, local paths and garbage', () => {
    assert.deepEqual(
      file.skipped.map((s) => s.reason),
      ['url', 'editable', 'editable', 'path', 'url', 'path', 'invalid'],
    );
    assert.equal(file.skipped[1]?.span.text, 'git+https://github.com/acme/editable.git#egg=editable');
  });

  it('handles CRLF line ends and a continuation across CRLF', () => {
    const crlf = readFileSync(path.join(fixtures, 'requirements-crlf.txt'), 'utf8');
    const result = parseRequirementsTxt(crlf);
    assert.deepEqual(
      result.requirements.map((r) => [r.name.text, r.specifierText, r.line]),
      [
        ['requests', '==2.31.0', 0],
        ['urllib3', '>=1.26,<2', 1],
        ['idna', '', 4],
      ],
    );
    for (const r of result.requirements) assert.ok(!r.name.text.includes('\r'));
  });

  it('never throws and treats an empty file as empty', () => {
    for (const input of ['', '\n\n', '\\', '-r', '--index-url', '# only a comment', 'foo[', 'foo>=', '-e', '\\\n\\\n']) {
      const result = parseRequirementsTxt(input);
      assert.ok(Array.isArray(result.requirements), input);
    }
    assert.deepEqual(parseRequirementsTxt('').requirements, []);
    assert.equal(parseRequirementsTxt('foo>=').skipped[0]?.reason, 'invalid');
  });
});
