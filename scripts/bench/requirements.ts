// Parsing a 10,000-line requirements file (the claim: under 100 ms), then again unchanged (the whole-file cache)
// and after a one-line edit (the per-line cache), first cold, then warm (medians). Numbers only; nothing is asserted.
//   node out/scripts/bench/requirements.js
import { performance } from 'node:perf_hooks';
import { parseRequirementsTxt } from '../../src/core/manifests/requirementsTxt';
import { readManifest } from '../../src/versions/manifestDependencies';
import { ms, table } from './measure';

const LINES = 10_000;

/** Real-world shapes: pins, ranges, extras, markers, comments, continuations, options, includes. */
export function bigRequirements(lines = LINES, salt = ''): string {
  const shapes = [
    (i: number) => `package-${i}${salt}==1.${i % 50}.${i % 7}`,
    (i: number) => `Package_${i}[extra,other]>=2.0,<3 ; python_version >= "3.8"`,
    (i: number) => `pkg.${i} ~= 4.${i % 9}  # pinned for a reason`,
    (i: number) => `# section ${i}`,
    (i: number) => `lib-${i} \\\n    >=1.0`,
    (i: number) => `torch-${i}==2.1.${i % 3}+cu118 --hash=sha256:${'ab'.repeat(32)}`,
    (i: number) => (i % 500 === 0 ? `--extra-index-url https://mirror-${i}.example/simple` : `dep-${i}!=1.0.*,>=0.9`),
    (i: number) => `name-${i}===1.0.${i % 4}`,
  ];
  const out: string[] = [];
  let physical = 0;
  for (let i = 0; physical < lines; i++) {
    const line = shapes[i % shapes.length]!(i);
    physical += line.split('\n').length;
    out.push(line);
  }
  return `${out.join('\n')}\n`;
}

export interface RequirementsBench {
  lines: number;
  requirements: number;
  coldMs: number;
  cachedMs: number;
  editedMs: number;
  manifestMs: number;
  /** Medians of 9 once the code is warm (JIT), as in a running extension: new lines, and one-line edits. */
  warmNewMs: number;
  warmEditMs: number;
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

export function requirementsBench(): RequirementsBench {
  const text = bigRequirements();
  const t0 = performance.now();
  const parsed = parseRequirementsTxt(text);
  const coldMs = performance.now() - t0;
  const t1 = performance.now();
  parseRequirementsTxt(text);
  const cachedMs = performance.now() - t1;
  const edited = text.replace('package-0==1.0.0', 'package-0==1.0.1');
  const t2 = performance.now();
  parseRequirementsTxt(edited);
  const editedMs = performance.now() - t2;
  const t3 = performance.now();
  readManifest('requirements', `${edited}# another edit\n`);
  const manifestMs = performance.now() - t3;
  const fresh: number[] = [];
  const edits: number[] = [];
  for (let i = 0; i < 9; i++) {
    const other = bigRequirements(LINES, `-run${i}`);
    const a = performance.now();
    parseRequirementsTxt(other);
    fresh.push(performance.now() - a);
    const b = performance.now();
    parseRequirementsTxt(`${other}# edit ${i}\n`);
    edits.push(performance.now() - b);
  }
  return { lines: text.split('\n').length - 1, requirements: parsed.requirements.length, coldMs, cachedMs, editedMs, manifestMs, warmNewMs: median(fresh), warmEditMs: median(edits) };
}

export function requirementsTable(r: RequirementsBench): string {
  return [
    `Parsing a ${r.lines.toLocaleString('en-US')}-line requirements.txt (${r.requirements.toLocaleString('en-US')} requirements); ms (the first four: one run each).`,
    table(
      ['parse', 'ms'],
      [
        ['first parse (cold caches)', ms(r.coldMs)],
        ['same text again (whole-file cache)', ms(r.cachedMs)],
        ['after a one-line edit (line cache)', ms(r.editedMs)],
        ['readManifest after another edit (parse + dependencies)', ms(r.manifestMs)],
        ['warm: 10,000 new lines (median of 9)', ms(r.warmNewMs)],
        ['warm: one-line edit (median of 9)', ms(r.warmEditMs)],
      ],
      ['l', 'r'],
    ),
  ].join('\n');
}

if (require.main === module) console.log(requirementsTable(requirementsBench()));
