// The bank's exception queue: what may be resolved, and what a resolution must say. An exception
// is resolved once, with a note that says what was found and done (it stays readable beside the
// figures); a resolution is never edited.
import { z } from 'zod';

export const BANK_EXCEPTION_KINDS = ['payment', 'conflict', 'settlement'] as const;
export type BankExceptionKind = (typeof BANK_EXCEPTION_KINDS)[number];

export const NOTE_MIN = 4;
export const NOTE_MAX = 500;

export const resolveExceptionSchema = z.object({
  kind: z.enum(BANK_EXCEPTION_KINDS),
  // ids of Payment and PaymentConflict are bigint, of Settlement int: all travel as digits
  id: z.string().regex(/^[1-9]\d{0,18}$/, 'not an id'),
  note: z
    .string()
    .transform((note) => note.trim().replace(/\s+/g, ' '))
    .pipe(z.string().min(NOTE_MIN, 'too_short').max(NOTE_MAX, 'too_long')),
});
export type ResolveExceptionInput = z.infer<typeof resolveExceptionSchema>;

