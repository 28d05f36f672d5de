// Merchants ranked worst first by card and accuracy score, within the user's scope and filters.
// The same list feeds the page (a page at a time) and the CSV export (all of it), so they agree.
import type { Db } from '../client.ts';
import { merchantWhere, type Scope } from '../scope.ts';
import {
  addEvidence, assessWithTrend, compareWorstFirst, evidenceBetween, type AssessmentWithTrend, type Card,
} from '../../domain/accuracy-score.ts';
import { addDays } from '../../domain/business-day.ts';
import { lastDays, type DayWindow } from '../../domain/day-series.ts';
import { pageOf, type ListPage } from '../../domain/paging.ts';
import type { CardFilter, RankingPeriod } from '../../domain/ranking-query.ts';
import { checkEvidence, tradeTotals, type TradeTotals } from './merchant-evidence.ts';
import { marketOptionSelect, type Named, narrowScope } from './places.ts';

export const RANKING_PAGE_SIZE = 50;

export interface ScoreWindows {
  current: DayWindow;
  previous: DayWindow;
}

/** The `period` business days ending today, and the `period` days before them. */
export function scoreWindows(today: string, period: number): ScoreWindows {
  const current = lastDays(today, period);
  return { current, previous: lastDays(addDays(current.from, -1), period) };
}

export interface MerchantRankingRow extends AssessmentWithTrend {
  /** 1-based position in the filtered list */
  rank: number;
  id: number;
  name: string;
  shopName: string;
  market: Named & { code: string };
  district: Named;
  trade: TradeTotals;
}

export interface MerchantRankingFilter {
  today: string;
  period: RankingPeriod;
  district?: number | undefined;
  market?: number | undefined;
  card?: CardFilter | undefined;
}

export interface MerchantRanking {
  rows: MerchantRankingRow[];
  /** merchants by card before the card filter (for the filter's counts) */
  cards: Record<Card, number>;
  windows: ScoreWindows;
}

const NO_TRADE: TradeTotals = { weighings: 0, priceFindings: 0, netMg: 0n, turnoverFen: 0n };

function matchesCard(card: Card, filter: CardFilter | undefined): boolean {
  if (filter === undefined) return true;
  if (filter === 'carded') return card !== 'none';
  return card === filter;
}

/** Every merchant in the scope and filters, assessed, worst first. */
export async function rankMerchants(db: Db, scope: Scope, filter: MerchantRankingFilter): Promise<MerchantRanking> {
  const windows = scoreWindows(filter.today, filter.period);
  const cards: Record<Card, number> = { red: 0, yellow: 0, none: 0 };
  const narrowed = await narrowScope(db, scope, { districtId: filter.district, marketId: filter.market });
  if (!narrowed) return { rows: [], cards, windows };
  const merchants = await db.merchant.findMany({
    where: merchantWhere(narrowed),
    select: {
      id: true,
      name: true,
      shopName: true,
      market: { select: marketOptionSelect },
    },
  });
  const ids = merchants.map((merchant) => merchant.id);
  const [checks, current, previous] = await Promise.all([
    checkEvidence(db, ids, { from: windows.previous.from, to: windows.current.to }),
    tradeTotals(db, ids, windows.current),
    tradeTotals(db, ids, windows.previous),
  ]);
  const assessed = merchants.map(({ market: { district, ...market }, ...merchant }) => {
    const dated = checks.get(merchant.id) ?? [];
    const trade = current.get(merchant.id) ?? NO_TRADE;
    const before = previous.get(merchant.id) ?? NO_TRADE;
    const assessment = assessWithTrend(
      addEvidence(evidenceBetween(dated, windows.current.from, windows.current.to), { weighings: trade.weighings, priceFindings: trade.priceFindings }),
      addEvidence(evidenceBetween(dated, windows.previous.from, windows.previous.to), { weighings: before.weighings, priceFindings: before.priceFindings }),
    );
    cards[assessment.card] += 1;
    return { ...assessment, rank: 0, ...merchant, market, district, trade };
  });
  const rows = assessed.filter((row) => matchesCard(row.card, filter.card)).sort(compareWorstFirst);
  rows.forEach((row, index) => {
    row.rank = index + 1;
  });
  return { rows, cards, windows };
}

export type MerchantRankingPage = Omit<MerchantRanking, 'rows'> & ListPage<MerchantRankingRow>;

export async function listMerchantRanking(db: Db, scope: Scope, filter: MerchantRankingFilter & { page: number }): Promise<MerchantRankingPage> {
  const ranking = await rankMerchants(db, scope, filter);
  return { ...ranking, ...pageOf(ranking.rows, filter.page, RANKING_PAGE_SIZE) };
}
