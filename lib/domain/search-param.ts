// A page's search parameters as Next hands them over: a name may repeat (`?page=2&page=3`), and the
// first value counts. Lenient on purpose: a bad page number reads as page 1, so a tampered link opens.
import { z } from 'zod';

export function firstParam(value: string | string[] | undefined): string | undefined;
export function firstParam(value: unknown): unknown;
export function firstParam(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

/** `?page=`: a whole number from 1, else 1. */
export const pageParam = z.preprocess(firstParam, z.coerce.number().int().min(1).max(1_000_000)).catch(1);

/** The query string (`?status=all&page=2`, or '' for none) of the values that are set and differ from
 * their defaults, in the order given: the short links a filtered list's chips and pager need. */
export function searchOf(values: Record<string, string | number | undefined>, defaults: Record<string, string | number> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || defaults[key] === value) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
