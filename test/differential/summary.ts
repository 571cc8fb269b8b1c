// Mocha root hook (loaded with --require): after the differential suite, one line with the totals
// ("differential: N cases, M disagreements"), per ecosystem below it.
import { differentialTotals } from './ledger';

export const mochaHooks = {
  afterAll(): void {
    const t = differentialTotals();
    console.log(`\ndifferential: ${t.cases} cases, ${t.disagreements} disagreements (${t.allowed} allowed with a reason)`);
    for (const [ecosystem, s] of [...t.byEcosystem].sort(([a], [b]) => a.localeCompare(b))) {
      console.log(`  ${ecosystem}: ${s.cases} cases, ${s.disagreements} disagreements, ${s.allowed} allowed`);
    }
  },
};
