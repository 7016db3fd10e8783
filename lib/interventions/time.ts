import { parisLocalToDate } from '@/lib/activity/schema';
import { PARIS_TIME_ZONE } from '@/lib/paris-time';

// Built on first use (not at import: this module reaches client bundles), then reused: a formatter costs ms.
let isoDayInParis: Intl.DateTimeFormat | undefined;

/** Today's date in Paris, "YYYY-MM-DD" (the users' calendar day, whatever the server's zone). */
export function parisToday(now = new Date()): string {
  isoDayInParis ??= new Intl.DateTimeFormat('en-CA', {
    timeZone: PARIS_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return isoDayInParis.format(now);
}

/** "YYYY-MM-DD" + n days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/**
 * The instants a Paris calendar day spans: [00:00 that day, 00:00 the next day) in Paris time,
 * so 23 or 25 hours on the days the clocks change. `days` > 1 covers consecutive days (a week).
 */
export function parisDayRange(day: string, days = 1): { start: Date; end: Date } {
  return { start: parisLocalToDate(day)!, end: parisLocalToDate(addDays(day, days))! };
}
