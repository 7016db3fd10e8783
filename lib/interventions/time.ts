import { parisLocalToDate } from '@/lib/activity/schema';
import { parisWallClock } from '@/lib/paris-time';

/** Today's date in Paris, "YYYY-MM-DD" (the users' calendar day, whatever the server's zone). */
export function parisToday(now = new Date()): string {
  return parisWallClock(now).toISOString().slice(0, 10);
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
