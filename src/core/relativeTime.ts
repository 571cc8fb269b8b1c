// "3 days ago" for dates shown in tooltips, next to the exact UTC time. Pure: the caller passes the clock.

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const FORMAT = new Intl.RelativeTimeFormat('en', { numeric: 'always' });

/** `3 days ago`, `1 year ago`, `in 2 hours` (a clock behind the server's); `just now` under a minute; '' when unknown. */
export function relativeTime(date: Date | undefined, now: Date): string {
  if (!date || Number.isNaN(date.getTime()) || Number.isNaN(now.getTime())) return '';
  const seconds = (date.getTime() - now.getTime()) / 1000;
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return FORMAT.format(Math.trunc(seconds / size), unit);
  }
  return 'just now';
}
