// Calendar arithmetic the business-day helpers do not cover.
import { dayStart } from '../../domain/business-day.ts';
import type { Day, Instant } from './types.ts';

const DAY_MS = 86_400_000;

// certificates count validity in whole years; the rule lives with the other day arithmetic
export { addYears } from '../../domain/business-day.ts';

export function daysBetween(from: Day, to: Day): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** An instant at a local (Asia/Shanghai) clock time on a business day. */
export function localTime(day: Day, hours: number, minutes = 0): Instant {
  return dayStart(day).getTime() + (hours * 60 + minutes) * 60_000;
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(day: Day): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** "2026-11-20" → "20261120", as references and bank numbers print dates */
export function compactDay(day: Day): string {
  return day.replaceAll('-', '');
}
