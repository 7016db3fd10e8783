/** The users' time zone: every calendar day, wall-clock time and export date is read in Paris. */
export const PARIS_TIME_ZONE = 'Europe/Paris';

// One formatter for the process: building an Intl.DateTimeFormat costs ~60 µs, which was 60 % of
// the CPU time of a 100k-row XLSX export when it was built per cell. No server-only import: the
// activity form's schema uses it in the browser too.
const parisParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: PARIS_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** A Date whose UTC fields are the Paris wall-clock time of `d` (seconds precision). */
export function parisWallClock(d: Date): Date {
  const p: Record<string, number> = {};
  for (const part of parisParts.formatToParts(d)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}

/** Offset (ms) of Europe/Paris at a given UTC instant. */
export function parisOffsetMs(utc: Date): number {
  return parisWallClock(utc).getTime() - Math.floor(utc.getTime() / 1000) * 1000;
}
