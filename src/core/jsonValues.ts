// Narrowing JSON values from servers: what a shape check needs, nothing more.

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A date from an ISO-8601 string; anything else (or an invalid date) is undefined. */
export function dateOf(v: unknown): Date | undefined {
  if (typeof v !== 'string') return undefined;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? undefined : d;
}
