// Business days are calendar dates in China Standard Time (UTC+8, no daylight saving).
// A day is written "YYYY-MM-DD" and starts at local midnight.

const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The business day an instant falls in. */
export function businessDay(at: Date): string {
  return new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a business day starts (local midnight), in UTC. */
export function dayStart(day: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`not a day: ${day}`);
  return new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS);
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Same month and day `years` on (29 February becomes 1 March), as certificates count validity. */
export function addYears(day: string, years: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a day: ${day}`);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.toISOString().slice(0, 10);
}

/** A day as the Date that Prisma maps to a `date` column (UTC midnight of that calendar date). */
export function dayAsDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

export function dateAsDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
