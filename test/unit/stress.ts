// fast-check run counts: modest by default so the unit suite stays fast; CODEARTIFACT_STRESS=1 runs 20 times as many.
export const runs = (n: number): number => (process.env.CODEARTIFACT_STRESS === '1' ? n * 20 : n);
