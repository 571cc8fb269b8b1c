// Hostile inputs: huge and deeply nested files, DOCTYPE/entity tricks, CRLF, BOM, invalid UTF-8.
// Times are printed, not asserted (the machine's load decides them); correctness is asserted.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePackageJson } from '../../../../src/core/manifests/packageJson';
import { parsePomXml } from '../../../../src/core/manifests/pomXml';
import { parseRequirementsTxt } from '../../../../src/core/manifests/requirementsTxt';

const fixtures = path.resolve(__dirname, '../../../../../test/fixtures/manifests');

function timed<T>(label: string, run: () => T): T {
  const start = process.hrtime.bigint();
  const result = run();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`      ${label}: ${ms.toFixed(1)} ms`);
  return result;
}

const POM_HEAD = '<project><dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId>';

describe('hostile manifests', function () {
  this.timeout(60_000);

  it('parses a 1 MB package.json and reports every dependency', () => {
    const entries: string[] = [];
    let length = 0;
    for (let i = 0; length < 1_000_000; i++) {
      const entry = `    "@scope-${i % 50}/pkg-${i}": "^${i % 20}.${i % 7}.0"`;
      entries.push(entry);
      length += entry.length + 2;
    }
    const text = `{\n  "name": "huge",\n  "dependencies": {\n${entries.join(',\n')}\n  }\n}\n`;
    const result = timed(`package.json ${(text.length / 1e6).toFixed(2)} MB, ${entries.length} dependencies`, () => parsePackageJson(text));
    assert.equal(result.dependencies.length, entries.length);
    const last = result.dependencies[result.dependencies.length - 1]!;
    assert.equal(text.slice(last.version.start, last.version.end), last.version.text);
  });

  it('survives JSON nested 100 000 levels deep', () => {
    for (const text of ['['.repeat(100_000), '{"a":'.repeat(100_000), `{"dependencies": {"x": "1.0.0"}, "deep": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`]) {
      const result = timed(`nested JSON ${text.length} chars`, () => parsePackageJson(text));
      assert.ok(Array.isArray(result.dependencies));
    }
  });

  it('parses a large requirements file and pom', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `package-${i}[extra]>=${i % 9}.0,<${(i % 9) + 1} ; python_version >= "3.8"`);
    const reqs = timed('requirements.txt, 5000 lines', () => parseRequirementsTxt(lines.join('\n')));
    assert.equal(reqs.requirements.length, 5000);
    const deps = Array.from({ length: 5000 }, (_, i) => `<dependency><groupId>g${i}</groupId><artifactId>a${i}</artifactId><version>\${v${i % 10}}</version></dependency>`);
    const props = Array.from({ length: 10 }, (_, i) => `<v${i}>${i}.0</v${i}>`);
    const pom = timed('pom.xml, 5000 dependencies', () =>
      parsePomXml(`<project><properties>${props.join('')}</properties><dependencies>${deps.join('\n')}</dependencies></project>`),
    );
    assert.equal(pom.dependencies.length, 5000);
    assert.equal(pom.dependencies[4999]?.version?.value, '9.0');
  });

  it('does not expand "billion laughs" entities', () => {
    const laughs = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE project [',
      '  <!ENTITY lol "lol">',
      ...Array.from({ length: 9 }, (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`),
      ']>',
      `${POM_HEAD}<version>&lol9;</version></dependency></dependencies></project>`,
    ].join('\n');
    const pom = timed('billion laughs', () => parsePomXml(laughs));
    assert.ok(pom.xmlErrors > 0);
    const version = pom.dependencies[0]?.version;
    assert.equal(version?.span.text, '&lol9;');
    assert.ok((version?.value.length ?? 0) < 100, 'entity was expanded');
  });

  it('never resolves external entities', () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${POM_HEAD}<version>&xxe;</version></dependency></dependencies></project>`;
    const pom = parsePomXml(xxe);
    assert.ok(!(pom.dependencies[0]?.version?.value ?? '').includes('root:'));
    const external = `<!DOCTYPE project SYSTEM "http://127.0.0.1:1/evil.dtd">\n${POM_HEAD}<version>1.0</version></dependency></dependencies></project>`;
    assert.equal(parsePomXml(external).dependencies[0]?.version?.value, '1.0');
  });

  it('keeps exact offsets with CRLF line ends and a BOM', () => {
    const pomCrlf = `\uFEFF${readFileSync(path.join(fixtures, 'pom.xml'), 'utf8').replace(/\n/g, '\r\n')}`;
    const pom = parsePomXml(pomCrlf);
    assert.equal(pom.dependencies.length, 17);
    for (const dep of pom.dependencies) {
      if (dep.version) assert.equal(pomCrlf.slice(dep.version.span.start, dep.version.span.end), dep.version.span.text);
      assert.ok(!dep.version?.span.text.includes('\r'));
    }
    const json = `\uFEFF${readFileSync(path.join(fixtures, 'storefront.package.json'), 'utf8').replace(/\n/g, '\r\n')}`;
    const manifest = parsePackageJson(json);
    assert.equal(manifest.syntaxErrors, 0);
    assert.equal(manifest.dependencies.length, 41);
    const reqs = parseRequirementsTxt(`\uFEFFrequests==2.31.0\r\nidna\r\n`);
    assert.deepEqual(reqs.requirements.map((r) => r.name.text), ['requests', 'idna']);
  });

  it('reads files decoded from invalid UTF-8 (replacement characters) without losing the valid parts', () => {
    const bad = (text: string): string =>
      new TextDecoder('utf-8').decode(Buffer.concat([Buffer.from(text.slice(0, 10)), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(text.slice(10))]));
    const json = bad('{"name": "x", "dependencies": {"a": "^1.0.0"}}');
    assert.equal(parsePackageJson(json).dependencies[0]?.range, '^1.0.0');
    const reqs = bad('# comment \nrequests==2.0\n');
    assert.equal(parseRequirementsTxt(reqs).requirements[0]?.specifierText, '==2.0');
    const pom = bad(`<project> ${POM_HEAD.slice('<project>'.length)}<version>1.0</version></dependency></dependencies></project>`);
    assert.ok(parsePomXml(pom).dependencies.length <= 1);
    const lone = '{"dependencies": {"a\uD800": "^1"}}';
    assert.equal(parsePackageJson(lone).dependencies[0]?.name.text, 'a\uD800');
  });

  it('handles XML nested far deeper than a pom ever is', () => {
    const deep = `<project>${'<a>'.repeat(20_000)}${'</a>'.repeat(20_000)}${POM_HEAD.slice('<project>'.length)}<version>2.0</version></dependency></dependencies></project>`;
    const pom = timed('XML nested 20 000 levels', () => parsePomXml(deep));
    assert.equal(pom.dependencies[0]?.version?.value, '2.0');
  });
});
