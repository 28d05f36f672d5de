// Validation of business days typed by people or sent in URLs ("YYYY-MM-DD", a real calendar date).
import { z } from 'zod';
import { addDays } from './business-day.ts';

/** True for a well-formed, existing calendar date such as "2026-02-28" (not "2026-02-30"). */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(parsed) && new Date(parsed).toISOString().slice(0, 10) === value;
}

export const daySchema = z.string().refine(isDay, { message: 'expected a date YYYY-MM-DD' });

/** Whole days from `from` to `to` (both "YYYY-MM-DD"); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Every day from `from` to `to` inclusive, oldest first. */
export function dayRange(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** An empty query-string value (`?status=`) means "not given". */
export function blankAsUndefined(value: unknown): unknown {
  if (Array.isArray(value)) value = value[0];
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}
