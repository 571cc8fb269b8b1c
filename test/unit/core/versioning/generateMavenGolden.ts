// Regenerates test/fixtures/manifests/maven-comparable-version.golden.json from Maven's own
// ComparableVersion (the maven-artifact jar of the installed mvn), which prints consecutive comparisons.
// Run: npx tsc -p . && node out/test/unit/core/versioning/generateMavenGolden.js [path/to/maven-artifact.jar]
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const jar = process.argv[2] ?? '/usr/share/maven/lib/maven-artifact-3.x.jar';
const out = path.resolve(__dirname, '../../../../../test/fixtures/manifests/maven-comparable-version.golden.json');

let seed = 42;
const random = (n: number): number => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
};
const numbers = ['0', '1', '2', '3', '10', '007', '1000000000', '12345678901234567890'];
const qualifiers = ['alpha', 'a', 'beta', 'b', 'm', 'milestone', 'rc', 'cr', 'snapshot', 'SNAPSHOT', 'ga', 'final', 'release', 'sp', 'jre', 'foo', 'Final', 'RC'];
const separators = ['.', '-', ''];
const versions = new Set(
  ['1', '1.0', '1.0.0', '1-0', '1.0-alpha-1', '1.0-alpha1', '1.0-a1', '1.0-beta1', '1.0-m1', '1.0-rc1', '1.0-cr1', '1.0-SNAPSHOT',
    '1.0-ga', '1.0-final', '1.0-sp', '1.0-sp1', '1.0-foo', '1.0.1', '1.1', '2.0', '2.0.0-RC1', '33.0.0-jre', '33.0.0-android',
    '1.0.0.RELEASE', '5.3.31', '6.1.3', '1-1', '1.0.0.X1', '1.0.0-X2', '1-SNAPSHOT', '1-alpha-SNAPSHOT', '2.0-1', '2.0.a', '2.0.0.a',
    '1..1', '1--1', '1.0.', '.1', '1-', 'a', 'alpha', '1.0RC1'],
);
while (versions.size < 700) {
  let version = numbers[random(numbers.length)]!;
  for (let i = 1 + random(5); i > 1; i--) {
    const part = random(2) ? numbers[random(numbers.length)]! : qualifiers[random(qualifiers.length)]!;
    version += separators[random(3)]! + part;
  }
  versions.add(version);
}
const list = [...versions];
const shuffled = [...list];
for (let i = shuffled.length - 1; i > 0; i--) {
  const j = random(i + 1);
  [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
}
const args = [...list, ...shuffled];
const output = execFileSync('java', ['-cp', jar, 'org.apache.maven.artifact.versioning.ComparableVersion', ...args], {
  encoding: 'utf8',
  maxBuffer: 1 << 26,
  timeout: 60_000,
});
const canonical: Record<string, string> = {};
const comparisons: [string, string, number][] = [];
let index = 0;
for (const line of output.split('\n')) {
  const parsed = /^\d+\. (.*) -> (.*?); tokens: /.exec(line);
  if (parsed) {
    canonical[parsed[1]!] = parsed[2]!;
    continue;
  }
  const compared = /^ {3}(.*) (==|<|>) (.*)$/.exec(line);
  if (!compared) continue;
  const [a, b] = [args[index]!, args[index + 1]!];
  if (compared[1] !== a || compared[3] !== b) throw new Error(`unexpected line from Maven: ${line}`);
  comparisons.push([a, b, compared[2] === '==' ? 0 : compared[2] === '<' ? -1 : 1]);
  index++;
}
const source = `org.apache.maven.artifact.versioning.ComparableVersion from ${path.basename(jar)} (mvn 3.8.7), consecutive pairs; regenerate with test/unit/core/versioning/generateMavenGolden.ts`;
writeFileSync(out, `${JSON.stringify({ source, canonical, comparisons })}\n`);
console.log(`${Object.keys(canonical).length} canonical forms, ${comparisons.length} comparisons → ${out}`);
