// Benchmark figure (not a test): parsing a 1,000-dependency pom.xml the way the version hints read it
// (readManifest: saxes tree, properties, dependencyManagement). Re-parsing is cached per document version by
// ManifestAnalyzer, so this is the cost of one edit.
import { performance } from 'node:perf_hooks';
import { readManifest } from '../src/versions/manifestDependencies';

export function bigPom(count = 1000): string {
  const props = Array.from({ length: 100 }, (_, i) => `    <lib${i}.version>${i}.0.${i % 7}</lib${i}.version>`).join('\n');
  const managed = Array.from({ length: 200 }, (_, i) => `      <dependency><groupId>org.managed</groupId><artifactId>m${i}</artifactId><version>\${lib${i % 100}.version}</version></dependency>`).join('\n');
  const deps = Array.from({ length: count }, (_, i) =>
    i % 5 === 0
      ? `    <dependency><groupId>org.managed</groupId><artifactId>m${i % 200}</artifactId></dependency>`
      : `    <dependency>\n      <groupId>com.example.group${i % 40}</groupId>\n      <artifactId>artifact-${i}</artifactId>\n      <version>${i % 3 === 0 ? `\${lib${i % 100}.version}` : `1.${i}.0`}</version>\n      <scope>${i % 2 ? 'compile' : 'test'}</scope>\n    </dependency>`,
  ).join('\n');
  return `<?xml version="1.0"?>\n<project>\n  <modelVersion>4.0.0</modelVersion>\n  <groupId>bench</groupId><artifactId>big</artifactId><version>1</version>\n  <properties>\n${props}\n  </properties>\n  <dependencyManagement><dependencies>\n${managed}\n  </dependencies></dependencyManagement>\n  <dependencies>\n${deps}\n  </dependencies>\n</project>\n`;
}

/** Median ms of `runs` parses, after one warm-up parse. */
export function pomParseLine(runs: number): string {
  const text = bigPom();
  const deps = readManifest('pom', text).dependencies.length;
  const times: number[] = [];
  for (let i = 0; i < Math.max(1, runs); i++) {
    const t0 = performance.now();
    readManifest('pom', text);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  return `pom.xml with 1,000 dependencies (${deps} read, ${text.length.toLocaleString('en-US')} chars): parsed in ${median.toFixed(1)} ms (median of ${times.length}; target < 100 ms)`;
}
