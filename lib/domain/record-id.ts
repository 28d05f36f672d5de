// The id of a row in a URL (`/regulator/markets/12`): a positive decimal integer that fits the
// database's 32-bit `int` columns. Anything else is "not found", never a database error.
import { z } from 'zod';

export const MAX_INT_ID = 2_147_483_647;

export const recordId = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number)
  .pipe(z.number().int().positive().max(MAX_INT_ID));

/** The id, or null when `value` is not one. */
export function parseRecordId(value: unknown): number | null {
  const parsed = recordId.safeParse(value);
  return parsed.success ? parsed.data : null;
}
