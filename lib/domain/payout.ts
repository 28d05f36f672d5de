// Recording a payout: the bank officer says a closed settlement was paid, with the bank's transfer
// reference and the day it was made. Only a closed day waiting for its payout (`pending`) can be
// paid; a day that does not balance (`mismatch`) is the exception queue's first. A payout is
// recorded once and never edited (a wrong one is corrected by the bank, not overwritten here).
import { z } from 'zod';
import { daySchema } from './day-input.ts';

export const PAYOUT_REF_MAX = 64;

export const payoutSchema = z.object({
  settlementId: z.string().regex(/^[1-9]\d{0,9}$/, 'not an id').transform(Number),
  bankRef: z
    .string()
    .transform((ref) => ref.trim())
    .pipe(z.string().min(1, 'required').max(PAYOUT_REF_MAX, 'too_long'))
    // only once present and short enough: one message per field
    .pipe(z.string().regex(/^[A-Za-z0-9_-]+$/, 'charset')),
  paidOn: daySchema,
});
export type PayoutInput = z.infer<typeof payoutSchema>;

export type PayoutRefusal = 'not_closed' | 'before_day' | 'in_future';

/** Whether a payout on `paidOn` may be recorded for a settlement of `day` in `status`, `today`. */
export function payoutRefusal(status: string, day: string, paidOn: string, today: string): PayoutRefusal | null {
  if (status !== 'pending') return 'not_closed';
  if (paidOn < day) return 'before_day';
  if (paidOn > today) return 'in_future';
  return null;
}
