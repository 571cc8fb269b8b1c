// What the extension says of dependencies it cannot look up: names npm itself refuses (npm-package-arg throws), and
// a Maven repository that Maven's http blocker stops. Each says why, instead of nothing.
import assert from 'node:assert/strict';
import npa from 'npm-package-arg';
import { refusedNameFinding, refusedNameText } from '../../../src/versions/dependencyInsight';
import { mavenBlockedMarkdown, mavenBlockedText, mavenBlockedTitle, refusedNameMarkdown } from '../../../src/versions/hoverContent';
import { readManifest } from '../../../src/versions/manifestDependencies';
import type { RepositoryTarget } from '../../../src/versions/repositoryResolver';

/** What npm itself makes of the name: true when npm-package-arg throws EINVALIDPACKAGENAME. */
function npmRefuses(name: string, spec: string): boolean {
  try {
    npa.resolve(name, spec, '/');
    return false;
  } catch (err) {
    return (err as { code?: string }).code === 'EINVALIDPACKAGENAME';
  }
}

describe('names npm refuses: one diagnostic and a hover line, never a lookup', () => {
  const cases: [string, string][] = [
    ['lod\u0430sh', '^4.17.0'], // Cyrillic а
    ['has space', '1.0.0'],
    ['.hidden', '1.0.0'],
    ['_private', 'latest'],
    ['_git', 'github:u/r'],
  ];

  it('every name npm-package-arg throws on is reported, on the key, and not looked up', () => {
    for (const [name, spec] of cases) {
      assert.ok(npmRefuses(name, spec), `npa refuses ${name}`);
      const text = JSON.stringify({ dependencies: { [name]: spec, lodash: '^4.0.0' } }, null, 2);
      const contents = readManifest('packageJson', text);
      assert.deepEqual(contents.dependencies.map((d) => d.displayName), ['lodash'], name);
      const refused = contents.refusedNames ?? [];
      assert.equal(refused.length, 1, name);
      assert.equal(refused[0]!.name, name);
      assert.equal(text.slice(refused[0]!.span.start, refused[0]!.span.end), name, 'the span is the key as written');
    }
  });

  it('an npm: alias to a refused name is said on the value, naming the target', () => {
    const text = JSON.stringify({ dependencies: { good: 'npm:lod\u0430sh@^4' } });
    assert.ok(npmRefuses('good', 'npm:lod\u0430sh@^4'));
    const [refused] = readManifest('packageJson', text).refusedNames ?? [];
    assert.equal(refused?.name, 'lod\u0430sh');
    assert.equal(refused?.span.text, 'npm:lod\u0430sh@^4');
  });

  it('names npm accepts, and specs npm refuses for other reasons, are not called refused names', () => {
    const text = JSON.stringify({ dependencies: { lodash: '^4', '@scope/pkg': '1.0.0', ws: 'workspace:*', tag: 'bad tag%' } });
    assert.equal(readManifest('packageJson', text).refusedNames, undefined);
  });

  it('the diagnostic is a Warning saying npm install would fail; a look-alike keeps its non-ASCII note', () => {
    const span = { start: 3, end: 9, text: 'lod\u0430sh' };
    const f = refusedNameFinding('lod\u0430sh', span);
    assert.equal(f.severity, 'warning');
    assert.equal(f.code, 'refusedName');
    assert.deepEqual(f.span, span);
    assert.match(f.message, /^npm refuses the package name "lod\u0430sh": npm install would fail\./);
    assert.match(f.message, /U\+0430, Cyrillic/);
    const plain = refusedNameFinding('has space', span);
    assert.doesNotMatch(plain.message, /non-ASCII/);
  });

  it('the name is shown neutralised: a bidi override or a newline cannot rearrange the message', () => {
    const text = refusedNameText('a\u202Eb\nc');
    assert.doesNotMatch(text, /[\u202E\n]/);
    assert.match(text, /npm install would fail/);
  });

  it('the hover says the same, escaped as Markdown, with the look-alike note', () => {
    const md = refusedNameMarkdown('[x](command:evil) lod\u0430sh');
    assert.doesNotMatch(md, /(^|[^\\])\](\(command:)/, 'no link survives');
    assert.match(md, /npm refuses the package name/);
    assert.match(md, /non-ASCII/);
    assert.doesNotMatch(refusedNameMarkdown('_private'), /non-ASCII/);
  });
});

describe('a Maven repository the http blocker stops: the lens and hover say why', () => {
  const target: RepositoryTarget = { domain: 'acme', owner: '111122223333', repository: 'plain-http', format: 'maven', source: 'repository r', blockedBy: 'maven-default-http-blocker' };
  const dep = { ecosystem: 'maven' as const, displayName: 'g:a', namespace: 'g', name: 'a', nameSpan: { start: 0, end: 3, text: 'g:a' }, range: '1.0' };

  it('names the default blocker and the repository, and says what to do', () => {
    assert.equal(mavenBlockedTitle('maven-default-http-blocker'), 'Maven blocks this http:// repository (maven-default-http-blocker)');
    const why = mavenBlockedText(target, 'maven-default-http-blocker');
    assert.match(why, /^Maven blocks this http:\/\/ repository \(maven-default-http-blocker\): mvn downloads nothing from CodeArtifact acme\/plain-http/);
    assert.match(why, /https:\/\//);
  });

  it('another blocking mirror is named by its id, escaped in the hover', () => {
    assert.equal(mavenBlockedTitle('corp'), 'Maven blocks this repository (blocked mirror corp)');
    const md = mavenBlockedMarkdown(dep, target, '*evil*](command:x)');
    assert.doesNotMatch(md, /(^|[^\\])\](\(command:)/);
    assert.match(md, /^\*\*g:a\*\*/);
  });
});
