// Differential tests: for each case, our answer against the real tool's answer. A disagreement fails the suite
// unless test/differential/allowed/<ecosystem>.json lists that case with a reason; an allowed case that no longer
// disagrees fails too, so the allow-list cannot go stale. summary.ts prints the totals for the whole run.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

export interface AllowedDisagreement {
  /** The case id, exactly as the test names it. */
  case: string;
  /** Why we differ on purpose, or why the real tool cannot be matched here. */
  reason: string;
}

export interface Disagreement {
  ecosystem: string;
  id: string;
  ours: unknown;
  theirs: unknown;
}

interface Totals {
  cases: number;
  disagreements: number;
  allowed: number;
  byEcosystem: Map<string, { cases: number; disagreements: number; allowed: number }>;
}

const totals: Totals = { cases: 0, disagreements: 0, allowed: 0, byEcosystem: new Map() };

export function differentialTotals(): Readonly<Totals> {
  return totals;
}

/** Source tree folder (tests run from out/, the JSON files stay in test/). */
const SOURCE_DIR = path.resolve(__dirname, '..', '..', '..', 'test', 'differential');

function loadAllowed(ecosystem: string, allowedDir: string): Map<string, string> {
  const file = path.join(allowedDir, `${ecosystem}.json`);
  if (!fs.existsSync(file)) return new Map();
  const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${file}: expected an array of { case, reason }`);
  const allowed = new Map<string, string>();
  for (const entry of parsed as unknown[]) {
    const e = entry as Partial<AllowedDisagreement>;
    if (typeof e.case !== 'string' || typeof e.reason !== 'string' || e.reason.trim().length < 10) {
      throw new Error(`${file}: every entry needs a "case" and a "reason" of a sentence`);
    }
    allowed.set(e.case, e.reason);
  }
  return allowed;
}

/**
 * One ecosystem's comparisons within a test (or a suite). `check` records, `assertAgreement` fails on every
 * disagreement that is not allowed and on every allowed case that was compared and agreed.
 */
export class Differential {
  private readonly allowed: Map<string, string>;
  private readonly found: Disagreement[] = [];
  private readonly agreedButAllowed: string[] = [];
  private readonly seen = new Set<string>();

  constructor(
    readonly ecosystem: string,
    allowedDir = path.join(SOURCE_DIR, 'allowed'),
  ) {
    this.allowed = loadAllowed(ecosystem, allowedDir);
  }

  /** Compares deeply (after JSON normalisation, so undefined fields and Maps do not matter). */
  check(id: string, ours: unknown, theirs: unknown): boolean {
    if (this.seen.has(id)) throw new Error(`differential ${this.ecosystem}: case id ${id} used twice`);
    this.seen.add(id);
    const agree = isDeepStrictEqual(normalise(ours), normalise(theirs));
    const stats = this.stats();
    stats.cases += 1;
    totals.cases += 1;
    if (agree) {
      if (this.allowed.has(id)) this.agreedButAllowed.push(id);
      return true;
    }
    if (this.allowed.has(id)) {
      stats.allowed += 1;
      totals.allowed += 1;
      return false;
    }
    stats.disagreements += 1;
    totals.disagreements += 1;
    this.found.push({ ecosystem: this.ecosystem, id, ours, theirs });
    return false;
  }

  get disagreements(): readonly Disagreement[] {
    return this.found;
  }

  assertAgreement(): void {
    const lines = this.found.slice(0, 25).map((d) => `  ${d.id}\n    ours:   ${JSON.stringify(d.ours)}\n    theirs: ${JSON.stringify(d.theirs)}`);
    const more = this.found.length > 25 ? `\n  … and ${this.found.length - 25} more` : '';
    assert.equal(this.found.length, 0, `${this.found.length} disagreement(s) with the real tool (${this.ecosystem}) not in allowed/${this.ecosystem}.json:\n${lines.join('\n')}${more}`);
    assert.deepEqual(this.agreedButAllowed, [], `allowed/${this.ecosystem}.json lists cases that now agree; remove them`);
  }

  private stats(): { cases: number; disagreements: number; allowed: number } {
    let s = totals.byEcosystem.get(this.ecosystem);
    if (!s) {
      s = { cases: 0, disagreements: 0, allowed: 0 };
      totals.byEcosystem.set(this.ecosystem, s);
    }
    return s;
  }
}

function normalise(value: unknown): unknown {
  if (value === undefined) return null;
  const json = JSON.stringify(value, (_k, v: unknown): unknown => (v instanceof Map ? (Object.fromEntries(v) as unknown) : v instanceof Set ? [...(v as Set<unknown>)] : v));
  return JSON.parse(json) as unknown;
}

/** Bounded corpus in `npm test`, the whole corpus in `npm run test:stress`. */
export function corpusLimit(everyday: number): number {
  return process.env.CODEARTIFACT_STRESS === '1' ? Number.MAX_SAFE_INTEGER : everyday;
}
