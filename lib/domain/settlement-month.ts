// A month of settlements (`?month=YYYY-MM`), the unit the bank's merchant page, the merchant's own
// settlements page and their CSV exports page by. Lenient like the other lists: a month that is not
// one reads as this month.
import { z } from 'zod';
import { addDays } from './business-day.ts';
import { firstParam } from './search-param.ts';

export interface MonthRange {
  month: string;
  /** its first and last business day */
  from: string;
  to: string;
  previous: string;
  next: string;
}

export function monthRange(asked: string | undefined, today: string): MonthRange {
  const month = asked && /^\d{4}-(0[1-9]|1[0-2])$/.test(asked) ? asked : today.slice(0, 7);
  const from = `${month}-01`;
  const next = addDays(from, 32).slice(0, 7);
  return { month, from, to: addDays(`${next}-01`, -1), previous: addDays(from, -1).slice(0, 7), next };
}

export const monthQuery = z.object({ month: z.preprocess(firstParam, z.string().optional()).catch(undefined) });
