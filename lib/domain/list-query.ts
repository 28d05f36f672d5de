// Query-string parameters of the scale register (`?page=2&status=expiring`). Lenient on purpose:
// a bad page reads as page 1 and an unknown status as "no filter", so a tampered link still opens.
import { z } from 'zod';
import { isVerificationStatus } from './supervision.ts';
import type { VerificationStatus } from './verification-status.ts';

const firstValue = (value: unknown) => (Array.isArray(value) ? value[0] : value);

export const scaleListQuery = z.object({
  page: z.preprocess(firstValue, z.coerce.number().int().min(1).max(1_000_000)).catch(1),
  status: z.preprocess(firstValue, z.custom<VerificationStatus>(isVerificationStatus).optional()).catch(undefined),
});

export type ScaleListQuery = z.infer<typeof scaleListQuery>;
