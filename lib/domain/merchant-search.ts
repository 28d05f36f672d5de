// The bank's merchant search (`/bank/merchants?q=…&market=…&page=…`): lenient like the other lists —
// a tampered market or page reads as "none" or page 1 — but the words searched are kept as typed
// (trimmed, at most 40 characters) and matched against the shop, the operator and the licence number.
import { z } from 'zod';
import { firstParam, pageParam } from './search-param.ts';

export const MERCHANT_SEARCH_MAX = 40;
export const MERCHANT_PAGE_SIZE = 50;

export const merchantSearchQuery = z.object({
  q: z.preprocess(firstParam, z.string().transform((q) => q.trim().slice(0, MERCHANT_SEARCH_MAX)).optional()).catch(undefined),
  market: z.preprocess(firstParam, z.coerce.number().int().min(1).max(2_147_483_647).optional()).catch(undefined),
  page: pageParam,
});
export type MerchantSearchQuery = z.infer<typeof merchantSearchQuery>;


/** The words for a `contains` match taken as typed: LIKE's own %, _ and \ are escaped (Prisma passes them on). */
export function literalLike(words: string): string {
  return words.replace(/[\\%_]/g, (c) => `\\${c}`);
}
