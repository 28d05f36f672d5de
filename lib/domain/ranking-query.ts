// Query-string parameters of the ranked tables (worst merchants, worst scales) and of their CSV
// exports, which take the same filters. Lenient like the scale register's: a tampered value reads
// as "no filter" or the default, so a link still opens.
import { z } from 'zod';
import { SCORE_SETTINGS } from './accuracy-score.ts';
import { firstParam, pageParam, searchOf } from './search-param.ts';
import { isVerificationStatus } from './supervision.ts';
import type { VerificationStatus } from './verification-status.ts';

/** The windows a ranking can be read over, in business days ending today. */
export const RANKING_PERIODS = [30, SCORE_SETTINGS.windowDays] as const;
export type RankingPeriod = (typeof RANKING_PERIODS)[number];
export const DEFAULT_PERIOD: RankingPeriod = SCORE_SETTINGS.windowDays;

export const CARD_FILTERS = ['red', 'yellow', 'none', 'carded'] as const;
/** `carded`: red or yellow */
export type CardFilter = (typeof CARD_FILTERS)[number];

export const SCALE_SORTS = ['pass_rate', 'findings', 'alerts'] as const;
export type ScaleSort = (typeof SCALE_SORTS)[number];

const id = z.preprocess(firstParam, z.coerce.number().int().min(1).max(2_147_483_647).optional()).catch(undefined);
const period = z.preprocess(
  firstParam,
  z.coerce.number().refine((value): value is RankingPeriod => (RANKING_PERIODS as readonly number[]).includes(value)),
).catch(DEFAULT_PERIOD) as z.ZodType<RankingPeriod>;

export const merchantRankingQuery = z.object({
  page: pageParam,
  period,
  district: id,
  market: id,
  card: z.preprocess(firstParam, z.enum(CARD_FILTERS).optional()).catch(undefined),
});
export type MerchantRankingQuery = z.infer<typeof merchantRankingQuery>;

export const scaleRankingQuery = z.object({
  page: pageParam,
  period,
  district: id,
  market: id,
  status: z.preprocess(firstParam, z.custom<VerificationStatus>(isVerificationStatus).optional()).catch(undefined),
  sort: z.preprocess(firstParam, z.enum(SCALE_SORTS)).catch('pass_rate'),
});
export type ScaleRankingQuery = z.infer<typeof scaleRankingQuery>;

/**
 * The query string of a filter, defaults left out (so a plain link stays plain), page 1 left out.
 * Keys in a fixed order: the same filter always gives the same link.
 */
export function rankingSearch(query: Record<string, string | number | undefined>, defaults: Record<string, string | number> = { page: 1, period: DEFAULT_PERIOD }): string {
  return searchOf(Object.fromEntries(Object.keys(query).sort().map((key) => [key, query[key]])), defaults);
}
