// Daily series for charts: a window of business days ("YYYY-MM-DD") with a value for every day,
// zero where a rollup has no row.
import { addDays } from './business-day.ts';
import { dayRange } from './day-input.ts';

export interface DayWindow {
  from: string;
  to: string;
}

/** The `days` business days ending with `today` (inclusive). */
export function lastDays(today: string, days: number): DayWindow {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`not a day count: ${days}`);
  return { from: addDays(today, -(days - 1)), to: today };
}

/** Every day of a window, oldest first. */
export function daysOf(window: DayWindow): string[] {
  return dayRange(window.from, window.to);
}

/** One point per day of the window; days missing from `values` get `zero`. */
export function fillDays<T>(window: DayWindow, values: ReadonlyMap<string, T>, zero: T): { day: string; value: T }[] {
  return daysOf(window).map((day) => ({ day, value: values.get(day) ?? zero }));
}
